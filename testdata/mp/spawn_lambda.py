# A lambda cannot be pickled: under spawn, start fails in the parent.
import multiprocessing as mp

if __name__ == '__main__':
    ctx = mp.get_context('spawn')
    p = ctx.Process(target=lambda: print('never'))
    print(p.name)
    p.start()
    print('not reached')
