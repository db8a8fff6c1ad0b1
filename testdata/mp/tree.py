# Names and identities down a tree of processes; current_process,
# parent_process and active_children at each level; non-daemonic children
# are joined and daemonic ones terminated when the main script ends.
import multiprocessing as mp
import os
import time

def leaf(q):
    me = mp.current_process()
    parent = mp.parent_process()
    q.put((me.name, parent.name, parent.pid == os.getppid(), me.pid == os.getpid(), me.daemon))

def middle(q):
    me = mp.current_process()
    kids = [mp.Process(target=leaf, args=(q,)) for _ in range(2)]
    for k in kids:
        k.start()
    for k in kids:
        k.join()
    q.put((me.name, [k.name for k in kids], [k.exitcode for k in kids], mp.parent_process().name))

def daemon_forever():
    while True:
        time.sleep(0.05)

def slow_goodbye(q):
    time.sleep(0.3)
    print('non-daemonic child finishes after the main script')

if __name__ == '__main__':
    q = mp.Queue()
    m = mp.Process(target=middle, args=(q,))
    m.start()
    m.join()
    leaves = sorted([q.get(), q.get()])  # the two leaves race each other
    for item in leaves + [q.get()]:
        print(item)
    print(m.exitcode, mp.active_children())

    d = mp.Process(target=daemon_forever, daemon=True)
    d.start()
    s = mp.Process(target=slow_goodbye, args=(q,), name='Slow')
    s.start()
    kids = mp.active_children()
    print(sorted([k.name for k in kids]), [k.daemon for k in sorted(kids, key=lambda k: k.name)])
    print('main script ends')
