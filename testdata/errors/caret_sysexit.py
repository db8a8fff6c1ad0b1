import sys


def leave():
    sys.exit("bye")


leave()
