# The in-process queue module: FIFO, LIFO and priority order, limits.
import queue

q = queue.Queue(maxsize=3)
for x in ['a', 'b', 'c']:
    q.put(x)
print(q.qsize(), q.full(), q.empty(), q.maxsize)
print([q.get() for _ in range(3)], q.empty())
for _ in range(3):
    q.task_done()
lifo = queue.LifoQueue()
for x in range(4):
    lifo.put_nowait(x)
print([lifo.get_nowait() for _ in range(4)])
pq = queue.PriorityQueue()
for item in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'A')]:
    pq.put(item)
print([pq.get() for _ in range(4)])
q.put('task')
q.get()
q.task_done()
q.join()
print(queue.Empty, queue.Full, repr(queue.Full('x')))
q.get(timeout=0.05)
