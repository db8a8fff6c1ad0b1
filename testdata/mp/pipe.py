# Pipe: duplex and one-way connections, send/recv of objects, bytes with
# offsets, poll with and without a timeout, and connections sent through
# a pipe.
import multiprocessing as mp

def echo(conn):
    while True:
        msg = conn.recv()
        if msg == 'stop':
            break
        conn.send(('echo', msg))
    conn.send_bytes(b'raw bytes', 4)
    conn.close()
    print('echo closed its end:', conn.closed)

def writer(w, n):
    for i in range(n):
        w.send(i * 10)
    w.send('done')

if __name__ == '__main__':
    a, b = mp.Pipe()
    print(a.readable, a.writable, b.readable, b.writable, a.closed)
    print(repr(a).startswith('<multiprocessing.connection.Connection object at 0x'))
    p = mp.Process(target=echo, args=(b,))
    p.start()
    print('poll before sending:', a.poll())
    for msg in [1, 'two', [3.0, None], {'four': (4,)}]:
        a.send(msg)
        print(a.recv())
    a.send('stop')
    p.join()
    print('poll with timeout:', a.poll(5))
    print(a.recv_bytes())
    print('echo exit code', p.exitcode)

    r, w = mp.Pipe(duplex=False)
    print(r.readable, r.writable, w.readable, w.writable)
    p = mp.Process(target=writer, args=(w, 5))
    p.start()
    got = []
    while True:
        x = r.recv()
        if x == 'done':
            break
        got.append(x)
    p.join()
    print(got, r.poll(0.05))

    b.send_bytes(b'hello world', 6, 5)
    print(a.recv_bytes(), a.poll())
    c, d = mp.Pipe()
    a.send(d)
    d2 = b.recv()
    c.send('through a connection that travelled')
    print(d2.recv())
    a.close()
    print(a.closed)
    a.recv()
