# multiprocessing start+join latency under fork and spawn, and 100 processes
# started at once then joined. Run under CPython and starproc (bench/run.sh).
import multiprocessing
import time

def work():
    pass

def start_join(ctx, n):
    ctx.Process(target=work).start()  # warm up
    multiprocessing.active_children()
    start = time.perf_counter()
    for i in range(n):
        p = ctx.Process(target=work)
        p.start()
        p.join()
    return (time.perf_counter() - start) / n * 1e3

def hundred(ctx):
    start = time.perf_counter()
    ps = [ctx.Process(target=work) for i in range(100)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return (time.perf_counter() - start) * 1e3

if __name__ == '__main__':
    fork = multiprocessing.get_context('fork')
    spawn = multiprocessing.get_context('spawn')
    print('Process start+join, fork          %8.2f ms' % start_join(fork, 20))
    print('Process start+join, spawn         %8.2f ms' % start_join(spawn, 10))
    print('100 processes started, joined     %8.1f ms' % hundred(fork))
