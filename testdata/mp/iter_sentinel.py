from multiprocessing import Process, Queue

def worker(tasks, results):
    for n in iter(tasks.get, 'STOP'):
        results.put(n * n)

if __name__ == '__main__':
    tasks, results = Queue(), Queue()
    for i in range(5):
        tasks.put(i)
    ps = [Process(target=worker, args=(tasks, results)) for i in range(2)]
    for p in ps:
        p.start()
    for i in range(2):
        tasks.put('STOP')
    print(sorted(results.get() for i in range(5)))
    for p in ps:
        p.join()
    it = iter([1, 2].pop, 1)
    print(next(it), next(it, 'end'))
