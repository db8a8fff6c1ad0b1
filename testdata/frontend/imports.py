import os
import os.path
import sys, time as t
import os.path as osp
from os import getcwd, path as p
from random import (seed,
                    random as rnd,
)
from subprocess import *

print(type(os.getpid()) == int, callable(t.time), osp.basename('/a/b.txt'), p.join('a', 'b'))
seed(42)
print(rnd())
print(PIPE, STDOUT, DEVNULL)
print(os.path.splitext('x.tar.gz'))
