# Items of every size cross a queue whole and in order — small ones, ones
# around the size where a message stops fitting in a socket buffer, and
# large ones — from a child that puts far more than any pipe or socket
# holds and then ends; qsize counts what was put and not yet got.
import multiprocessing as mp
import time

SIZES = [0, 1, 100, 65535, 65536, 65537, 200000, 2 * 1024 * 1024]

def item(n, k):
    return bytes([k % 256]) * n

def producer(q, rounds):
    for k in range(rounds):
        for n in SIZES:
            q.put((k, n, item(n, k)))
    for i in range(5000):
        q.put(i)
    q.put('done')

if __name__ == '__main__':
    q = mp.Queue()
    for x in ['a', 'b', 'c']:
        q.put(x)
    time.sleep(0.1)
    print('qsize after three puts:', q.qsize(), q.empty())
    print(q.get(), q.qsize())
    print(q.get(), q.get(), q.qsize(), q.empty())

    p = mp.Process(target=producer, args=(q, 3))
    p.start()
    time.sleep(0.5)  # the producer has long filled every buffer
    ok = 0
    for k in range(3):
        for n in SIZES:
            got = q.get()
            if got == (k, n, item(n, k)):
                ok += 1
            else:
                print('wrong item', k, n, got[0], got[1], len(got[2]))
    print('sized items intact and in order:', ok)
    small = [q.get() for i in range(5000)]
    print('small items in order:', small == list(range(5000)))
    print(q.get())
    p.join()
    print('exit code', p.exitcode, 'qsize', q.qsize(), 'empty', q.empty())
