package multiprocessing

import (
	"encoding/binary"
	"os"
	"syscall"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/hub"
	"github.com/starproc/starproc/runtime/pyerr"
)

// The fast path of unbounded queues and pipes. Such a queue is a
// SOCK_SEQPACKET socketpair the hub made and keeps; a process asks the hub
// once for its descriptors and then puts with one send and gets with one
// recv, without waking the hub: each item is one message, so boundaries
// and atomicity come from the kernel, with any number of writers and
// readers. Items larger than maxInline go to the hub as blobs and a small
// message names them, so order stays on the socket. A put that finds the
// socket full hands its message to the hub, which feeds the socket as
// consumers make room: put never blocks, as CPython's feeder thread makes
// it, and nothing waits in a process that ends. The hub also keeps the
// approximate count qsize reports, updated by one-way messages.
//
// All of this runs inside runtime.Effect: a replaying child touches no
// socket.

// maxInline is the largest item sent inline, well below the default
// socket buffer (net.core.wmem_default, 208 KiB).
const maxInline = 64 << 10

// Message kinds: an item inline, or the key of a blob in the hub.
const (
	msgInline = 'I'
	msgBlob   = 'B'
)

// spillCheck is how many puts a spilling process makes between asking the
// hub whether its overflow has reached the socket, when it may send
// directly again without overtaking its own items.
const spillCheck = 64

// fastFD is one process's descriptors of one fast queue.
type fastFD struct {
	w, r     int
	buf      []byte
	spilling bool // puts go through the hub until its overflow is sent
	spills   int
}

// isFast reports whether q takes the fast path.
func (q *Queue) isFast() bool { return q.maxsize == 0 && q.class != "JoinableQueue" }

// fastOf returns this process's descriptors of queue id, asking the hub
// for them the first time.
func fastOf(thread *starlark.Thread, id int64) (*fastFD, error) {
	rs := stateOf(thread)
	if f := rs.fast[id]; f != nil {
		return f, nil
	}
	st := runtime.Of(thread)
	if st.Hub == nil {
		return nil, errNoHub
	}
	c, err := st.Hub()
	if err != nil {
		return nil, err
	}
	_, fds, err := c.CallFDs("queue.fds", starlark.MakeInt64(id))
	if err != nil {
		return nil, err
	}
	if len(fds) != 2 {
		for _, fd := range fds {
			syscall.Close(fd)
		}
		return nil, pyerr.New("OSError", "handle is closed")
	}
	f := &fastFD{w: fds[0], r: fds[1], buf: make([]byte, maxInline+64)}
	if rs.fast == nil {
		rs.fast = map[int64]*fastFD{}
	}
	rs.fast[id] = f
	return f, nil
}

// closeFast closes this process's descriptors of queue id; a later use
// (another object naming the same queue) asks the hub again.
func closeFast(thread *starlark.Thread, id int64) {
	rs := stateOf(thread)
	if f := rs.fast[id]; f != nil {
		syscall.Close(f.w)
		syscall.Close(f.r)
		delete(rs.fast, id)
	}
}

// closeAllFast closes every descriptor of fast queues this process holds.
func closeAllFast(thread *starlark.Thread) {
	rs := stateOf(thread)
	for id := range rs.fast { // order does not matter: only closes
		closeFast(thread, id)
	}
}

// fastPut puts one encoded item on queue id; counted says the hub keeps
// the queue's size (a queue's qsize; a pipe has none).
func fastPut(thread *starlark.Thread, id int64, enc []byte, counted bool) error {
	st := runtime.Of(thread)
	f, err := fastOf(thread, id)
	if err != nil {
		return err
	}
	var msg []byte
	if len(enc) > maxInline {
		rs := stateOf(thread)
		rs.blobSeq++
		key := int64(os.Getpid())<<32 | rs.blobSeq&(1<<32-1)
		if _, err := hubSend(st, "blob.put", starlark.MakeInt64(key), starlark.Bytes(enc)); err != nil {
			return err
		}
		msg = binary.BigEndian.AppendUint64([]byte{msgBlob}, uint64(key))
	} else {
		msg = append(make([]byte, 0, len(enc)+1), msgInline)
		msg = append(msg, enc...)
	}
	if f.spilling {
		f.spills++
		if f.spills%spillCheck == 0 {
			v, err := hubCall(st, "queue.spilled", starlark.MakeInt64(id))
			if err != nil {
				return err
			}
			f.spilling = v != starlark.True
		}
	}
	if !f.spilling {
		err := hub.SendMsg(f.w, msg)
		if err == nil {
			if counted {
				_, err = hubSend(st, "queue.count", starlark.MakeInt64(id), starlark.MakeInt(1))
			}
			return err
		}
		if err != syscall.EAGAIN {
			return pyerr.OSError(err, "")
		}
		f.spilling, f.spills = true, 0
	}
	_, err = hubSend(st, "queue.spill", starlark.MakeInt64(id), starlark.Bytes(msg))
	return err
}

// fastGet takes one item from queue id as bytes, waiting as block and
// timeout say; it raises _queue.Empty when none comes.
func fastGet(thread *starlark.Thread, id int64, block bool, timeout starlark.Value, counted bool) (starlark.Value, error) {
	st := runtime.Of(thread)
	f, err := fastOf(thread, id)
	if err != nil {
		return nil, err
	}
	var deadline time.Time
	if block {
		if deadline, err = deadlineFor(timeout); err != nil {
			return nil, err
		}
	}
	for {
		n, err := hub.RecvMsg(f.r, f.buf)
		if err == nil {
			if counted {
				if _, err := hubSend(st, "queue.count", starlark.MakeInt64(id), starlark.MakeInt(-1)); err != nil {
					return nil, err
				}
			}
			return unwrapMessage(st, f.buf[:n])
		}
		if err != syscall.EAGAIN { // EAGAIN: empty, or another reader won
			return nil, pyerr.OSError(err, "")
		}
		if !block {
			return nil, errEmpty()
		}
		ok, err := waitReadable(st, f.r, deadline)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errEmpty()
		}
	}
}

// fastReady reports whether queue id has an item to read, waiting at most
// timeout seconds (None: as long as it takes).
func fastReady(thread *starlark.Thread, id int64, timeout starlark.Value) (bool, error) {
	st := runtime.Of(thread)
	f, err := fastOf(thread, id)
	if err != nil {
		return false, err
	}
	deadline, err := deadlineFor(timeout)
	if err != nil {
		return false, err
	}
	return waitReadable(st, f.r, deadline)
}

// waitReadable waits until fd is readable (true), the deadline passes
// (false; a zero deadline never does) or the run is interrupted, polling in
// slices so that Ctrl-C is seen.
func waitReadable(st *runtime.State, fd int, deadline time.Time) (bool, error) {
	for {
		if st.Interrupted() {
			return false, runtime.ErrInterrupted
		}
		wait := time.Duration(waitSlice * float64(time.Second))
		if !deadline.IsZero() {
			wait = min(wait, max(time.Until(deadline), 0))
		}
		ok, err := hub.Poll(fd, hub.PollIn, wait)
		if err != nil {
			return false, pyerr.OSError(err, "")
		}
		if ok {
			return true, nil
		}
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			return false, nil
		}
	}
}

// unwrapMessage returns the item a message carries, fetching a blob from
// the hub.
func unwrapMessage(st *runtime.State, msg []byte) (starlark.Value, error) {
	if len(msg) == 9 && msg[0] == msgBlob {
		key := starlark.MakeInt64(int64(binary.BigEndian.Uint64(msg[1:])))
		// The putter sent the blob before the message, on its own
		// connection: the hub may still be reading it.
		v, err := waitLoop(st, starlark.None, nil, func(wait starlark.Value) (starlark.Value, bool, error) {
			v, err := hubCall(st, "blob.get", key, wait)
			return v, v != starlark.None, err
		})
		if err != nil {
			return nil, err
		}
		return v, nil
	}
	if len(msg) == 0 || msg[0] != msgInline {
		return nil, pyerr.New("OSError", "bad message")
	}
	return starlark.Bytes(msg[1:]), nil
}
