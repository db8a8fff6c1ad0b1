import signal, os
def worker():
    pass
print(worker.__name__, type([]).__name__, __name__)
print(signal.SIGTERM, signal.SIGKILL, signal.strsignal(signal.SIGTERM))
print(os.name, os.sep)
