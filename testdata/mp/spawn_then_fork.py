import multiprocessing as mp, os

def child(q):
    pid = os.fork()
    if pid == 0:
        q.put('grandchild ' + mp.current_process().name)
        os._exit(0)
    os.waitpid(pid, 0)
    q.put('child ' + mp.current_process().name)

if __name__ == '__main__':
    ctx = mp.get_context('spawn')
    q = ctx.Queue()
    p = ctx.Process(target=child, args=(q,))
    p.start()
    print(sorted([q.get(), q.get()]))
    p.join()
    print(p.exitcode)
