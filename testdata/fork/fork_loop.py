import os
# Fork in a loop; each child reports and exits; the parent collects them all.
pids = []
for i in range(5):
    pid = os.fork()
    if pid == 0:
        print('child', i)
        os._exit(i)
    pids.append(pid)
total = 0
for p in pids:
    _, status = os.waitpid(p, 0)
    total += os.WEXITSTATUS(status)
print('sum of exit codes', total)
