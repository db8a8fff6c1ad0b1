# JoinableQueue: join() returns once every item put has been marked done
# by the workers; a timed-out get in a child raises _queue.Empty there.
import multiprocessing as mp

def worker(q, out):
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.put(item * 2)
        q.task_done()

def impatient(q):
    print('waiting briefly on an empty queue')
    q.get(timeout=0.1)

if __name__ == '__main__':
    q = mp.JoinableQueue()
    out = mp.Queue()
    workers = [mp.Process(target=worker, args=(q, out), daemon=True) for _ in range(3)]
    for w in workers:
        w.start()
    for i in range(30):
        q.put(i)
    q.join()
    print('all tasks done; results waiting:', out.qsize())
    print(sorted([out.get() for _ in range(30)]) == [i * 2 for i in range(30)])
    for _ in workers:
        q.put(None)
    q.join()
    for w in workers:
        w.join()
    print([w.exitcode for w in workers])

    p = mp.Process(target=impatient, args=(mp.Queue(),))
    p.start()
    p.join()
    print('impatient exit code', p.exitcode)
    small = mp.Queue(maxsize=2)
    small.put('a')
    small.put('b')
    print(small.full(), small.qsize(), small.get(), small.full())
    q.task_done()
