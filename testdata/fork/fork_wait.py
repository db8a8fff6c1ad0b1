import os, signal, time

codes = []
for i in range(3):
    pid = os.fork()
    if pid == 0:
        os._exit(3 + i)
    codes.append(pid)

for pid in codes:
    got, status = os.waitpid(pid, 0)
    print(got == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status))

pid = os.fork()
if pid == 0:
    time.sleep(30)
    os._exit(0)
print('running:', os.waitpid(pid, os.WNOHANG) == (0, 0))
os.kill(pid, signal.SIGTERM)
got, status = os.wait()
print('terminated:', got == pid, os.WIFSIGNALED(status), os.WTERMSIG(status) == signal.SIGTERM)

pid = os.fork()
if pid == 0:
    time.sleep(30)
os.kill(pid, signal.SIGKILL)
got, status = os.waitpid(pid, 0)
print('killed:', os.WTERMSIG(status), os.waitstatus_to_exitcode(status))
