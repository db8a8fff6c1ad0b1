# What crosses a process boundary is a copy: changes made after sending
# do not travel, and a child's changes stay in the child.
import multiprocessing as mp

shared = [1, 2, 3]

def child(q, conn):
    shared.append('child')
    print('child sees', shared)
    got = q.get()
    got['k'].append('changed by child')
    print('child got', got, conn.recv())

if __name__ == '__main__':
    q = mp.SimpleQueue()
    a, b = mp.Pipe()
    p = mp.Process(target=child, args=(q, b))
    p.start()
    item = {'k': [1]}
    q.put(item)
    item['k'].append('changed after put')
    msg = ('hello', [0])
    a.send(msg)
    msg[1].append('changed after send')
    p.join()
    print('parent still has', shared, item, msg)
