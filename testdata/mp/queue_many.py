# Many producers and consumers share two queues: every item arrives
# exactly once, through a bounded queue on which producers block.
import multiprocessing as mp

N_PRODUCERS = 4
N_CONSUMERS = 3
PER_PRODUCER = 50

def producer(q, k):
    for i in range(PER_PRODUCER):
        q.put([k, i])

def consumer(q, results):
    got = []
    while True:
        item = q.get()
        if item is None:
            break
        got.append(item)
    results.put(got)

if __name__ == '__main__':
    q = mp.Queue(maxsize=5)  # producers block until consumers make room
    results = mp.Queue()
    consumers = [mp.Process(target=consumer, args=(q, results)) for _ in range(N_CONSUMERS)]
    for c in consumers:
        c.start()
    producers = [mp.Process(target=producer, args=(q, k)) for k in range(N_PRODUCERS)]
    for p in producers:
        p.start()
    for p in producers:
        p.join()
    for _ in consumers:
        q.put(None)
    everything = []
    for _ in consumers:
        everything.extend(results.get())
    for c in consumers:
        c.join()
    print('items received:', len(everything))
    print('distinct:', len(set([tuple(x) for x in everything])))
    print('expected:', sorted([tuple(x) for x in everything]) == [(k, i) for k in range(N_PRODUCERS) for i in range(PER_PRODUCER)])
    print('exit codes:', [p.exitcode for p in producers + consumers])
    print('queue empty at the end:', q.empty(), results.qsize())
