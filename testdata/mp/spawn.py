# Under spawn a child runs the module afresh as __mp_main__ (so top-level
# code runs again there) and calls the target by name with copies of the
# arguments; queues and pipe ends passed as arguments are shared.
import multiprocessing as mp
import os

print('top level runs as', __name__)
counter = [0]

def worker(q, conn, n, tag='w'):
    counter[0] += 1
    me = mp.current_process()
    print('worker', n, tag, __name__, me.name, mp.parent_process().name, counter)
    q.put((n, n * n))
    conn.send(('from', me.name))

if __name__ == '__main__':
    mp.set_start_method('spawn')
    counter[0] = 100
    q = mp.Queue()
    a, b = mp.Pipe()
    ps = [mp.Process(target=worker, args=(q, b, i), kwargs={'tag': 't%d' % i}) for i in range(3)]
    for p in ps:
        p.start()
        p.join()
    print(sorted([q.get() for _ in range(3)]))
    print(sorted([a.recv() for _ in range(3)]))
    print([p.exitcode for p in ps], mp.get_start_method(), counter)
    ctx = mp.get_context('fork')
    p = ctx.Process(target=worker, args=(q, b, 9))
    print(p.name)
    p.start()
    p.join()
    print(q.get(), a.recv(), p.exitcode)
