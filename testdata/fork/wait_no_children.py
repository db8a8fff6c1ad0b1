import os
for i in range(3):
    pid = os.fork()
    if pid == 0:
        os._exit(i)
    print('waited', os.waitpid(pid, 0)[1] >> 8)
print('no children left:')
os.wait()
