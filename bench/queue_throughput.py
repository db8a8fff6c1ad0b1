# Queue throughput between two processes: 100,000 small items, then 200
# items of 1 MiB; and a Pipe ping-pong of 10,000 round trips.
import multiprocessing
import time

def drain(q, n):
    for i in range(n):
        q.get()

def pong(conn, n):
    for i in range(n):
        conn.send(conn.recv())

def queue_rate(n, item):
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=drain, args=(q, n))
    p.start()
    start = time.perf_counter()
    for i in range(n):
        q.put(item)
    p.join()
    return time.perf_counter() - start

if __name__ == '__main__':
    t = queue_rate(100000, 'x')
    print('Queue, 100,000 small items        %8.0f items/s' % (100000 / t))
    t = queue_rate(200, b'\0' * (1 << 20))
    print('Queue, 200 items of 1 MiB         %8.0f MiB/s' % (200 / t))
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=pong, args=(b, 10000))
    p.start()
    start = time.perf_counter()
    for i in range(10000):
        a.send(i)
        a.recv()
    p.join()
    print('Pipe ping-pong, 10,000 round trips %7.1f us/round trip' % ((time.perf_counter() - start) / 10000 * 1e6))
