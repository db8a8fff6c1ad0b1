# Misuse that CPython refuses with an assertion: a daemonic process may
# not have children (the child's traceback), a process starts only once.
import multiprocessing as mp

def noop():
    pass

def parent_of_daemon():
    mp.Process(target=noop).start()

if __name__ == '__main__':
    p = mp.Process(target=parent_of_daemon, daemon=True)
    p.start()
    p.join()
    print('daemon exit code', p.exitcode)
    q = mp.Process(target=noop)
    print(q.is_alive())
    q.start()
    q.join()
    q.start()
