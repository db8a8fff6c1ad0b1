# Many producers put far more than a pipe holds on one unbounded queue and
# end at once; several consumers share it. Every item arrives exactly once,
# and each producer's items arrive in the order it put them.
import multiprocessing as mp

N_PRODUCERS = 4
N_CONSUMERS = 3
PER_PRODUCER = 3000

def producer(q, k):
    for i in range(PER_PRODUCER):
        q.put((k, i))

def consumer(q, results):
    got = []
    while True:
        item = q.get()
        if item is None:
            break
        got.append(item)
    results.put(got)

if __name__ == '__main__':
    q = mp.Queue()
    results = mp.Queue()
    producers = [mp.Process(target=producer, args=(q, k)) for k in range(N_PRODUCERS)]
    for p in producers:
        p.start()
    consumers = [mp.Process(target=consumer, args=(q, results)) for _ in range(N_CONSUMERS)]
    for c in consumers:
        c.start()
    for p in producers:
        p.join()
    for _ in consumers:
        q.put(None)
    lists = [results.get() for _ in consumers]
    for c in consumers:
        c.join()
    everything = [x for got in lists for x in got]
    print('items received:', len(everything))
    print('distinct:', len(set(everything)))
    in_order = True
    for got in lists:
        last = {}
        for k, i in got:
            if last.get(k, -1) >= i:
                in_order = False
            last[k] = i
    print("each producer's items in order:", in_order)
    print('exit codes:', [p.exitcode for p in producers + consumers])
    print('empty at the end:', q.empty(), q.qsize(), results.qsize())
