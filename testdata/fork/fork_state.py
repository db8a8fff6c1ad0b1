# The child sees every variable as the parent had it at the fork; changes in
# one are invisible to the other; effects before the fork are not redone.
import os, random, subprocess, time

random.seed(7)
draw = random.random()
started = time.time()
data = {'list': [1, 2], 'n': 10}
print('before fork: once')
subprocess.call(['echo', 'subprocess before fork: once'])
parent = os.getpid()

pid = os.fork()
if pid == 0:
    data['list'].append('child')
    data['n'] += 1
    print('child sees', data, draw == draw, started > 0)
    print('child parent ok:', os.getppid() == parent)
    os._exit(0)
os.waitpid(pid, 0)
print('parent keeps', data)
print('draw replayed, not redrawn:', draw)
