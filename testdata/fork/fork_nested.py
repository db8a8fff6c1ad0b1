import os

top = os.getpid()
pid = os.fork()
if pid == 0:
    me = os.getpid()
    pid2 = os.fork()
    if pid2 == 0:
        print('grandchild: parent is child:', os.getppid() == me, 'and not top:', os.getppid() != top)
        os._exit(7)
    _, status = os.waitpid(pid2, 0)
    print('child: grandchild exited with', os.WEXITSTATUS(status))
    os._exit(1)
_, status = os.waitpid(pid, 0)
print('top: child exited with', os.WEXITSTATUS(status))
