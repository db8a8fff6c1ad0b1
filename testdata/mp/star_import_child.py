# A child compiles its script while it waits as a spare, before it knows
# who it is: what `from m import *` binds must still be the run's own, in
# forked and spawned children alike.
from multiprocessing import *
from os import *
import sys

def show(tag):
    print(tag, current_process().name, getpid() != 0, sys.argv[1:])

if __name__ == '__main__':
    show('parent')
    for method in ['fork', 'spawn', 'fork']:
        p = get_context(method).Process(target=show, args=(method,))
        p.start()
        p.join()
        print('exitcode', p.exitcode)
