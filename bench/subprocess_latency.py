# Latency of starting a child through subprocess, measured inside the
# interpreter so that start-up of the interpreter itself is not counted.
# Run the same file under python3 and under starproc (bench/run.sh does).
import subprocess
import time

N = 200

def per_call(fn):
    fn()  # warm up: PATH lookup, page cache
    start = time.perf_counter()
    for i in range(N):
        fn()
    return (time.perf_counter() - start) / N * 1e6

def call_true():
    subprocess.call(['true'])

def run_echo():
    subprocess.run(['echo', 'x'], capture_output=True)

print('subprocess.call([\'true\'])                          %8.0f us' % per_call(call_true))
print('subprocess.run([\'echo\',\'x\'], capture_output=True) %8.0f us' % per_call(run_echo))
