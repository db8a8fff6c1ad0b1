# os.fork() then waitpid of a child that exits at once, measured inside the
# interpreter (start-up of the interpreter itself not counted).
import os
import time

N = 100

def fork_wait():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)

fork_wait()
start = time.perf_counter()
for i in range(N):
    fork_wait()
print('os.fork() + waitpid                                %8.0f us' % ((time.perf_counter() - start) / N * 1e6))
