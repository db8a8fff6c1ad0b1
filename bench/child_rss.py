# Peak resident memory of one child process, read from /proc by the child.
import multiprocessing

def report():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            print('peak RSS of one child             %8s kB' % line.split()[1])

if __name__ == '__main__':
    p = multiprocessing.Process(target=report)
    p.start()
    p.join()
