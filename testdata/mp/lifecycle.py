# Exit codes, terminate and kill, join with a timeout, is_alive, close,
# and the repr of a Process at each stage.
import multiprocessing as mp
import os
import sys
import time

def quiet():
    pass

def exits(code):
    sys.exit(code)

def sleeps(seconds):
    time.sleep(seconds)
    print('sleeper woke up: it should have been terminated')

def show(p):
    # pids differ from run to run: show them as names
    s = repr(p).replace(str(os.getpid()), 'PARENT')
    if p.pid is not None:
        s = s.replace('pid=%d ' % p.pid, 'pid=CHILD ')
    print(s)

if __name__ == '__main__':
    p = mp.Process(target=quiet)
    show(p)
    print(p.pid, p.exitcode, p.is_alive(), p.daemon)
    p.start()
    p.join()
    show(p)
    print(p.exitcode, p.is_alive())
    p.close()
    print(repr(p).replace(str(os.getpid()), 'PARENT'))

    for code in (0, 3, None, 'bye'):
        p = mp.Process(target=exits, args=(code,))
        p.start()
        p.join()
        print('sys.exit(%r) -> exitcode %r' % (code, p.exitcode))

    p = mp.Process(target=sleeps, args=(60,), daemon=True)
    p.start()
    p.join(0.2)
    print('after join(0.2):', p.exitcode, p.is_alive())
    show(p)
    p.terminate()
    p.join()
    show(p)
    print('terminated:', p.exitcode, p.is_alive())

    p = mp.Process(target=sleeps, args=(60,), name='victim')
    p.start()
    p.kill()
    p.join()
    show(p)
    print('killed:', p.exitcode)
    print(mp.active_children())
