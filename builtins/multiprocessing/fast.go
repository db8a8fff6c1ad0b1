package multiprocessing

import (
	"encoding/binary"
	"slices"
	"sync"
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
// receive, without waking the hub: each item is one message, so boundaries
// and atomicity come from the kernel, with any number of writers and
// readers. An item larger than maxInline is written to a memory file whose
// descriptor rides on its message, so order stays on the socket and the
// item is copied twice, as through a pipe.
//
// A put that finds the socket full keeps its message in the process and a
// feeder goroutine sends it as consumers make room, as CPython's feeder
// thread does: put never blocks. Where CPython's process then waits at
// exit until its feeder is done, a starproc process hands what is left to
// the hub, which feeds the socket in its place: nothing waits in a process
// that ends, and nothing is lost. CPython's wait has a consequence scripts
// rely on: once a producer has been joined, its items are all in the pipe,
// and a sentinel put then comes out after them. So while the hub holds
// handed-over messages of a queue (hub.Counts.Pending, in shared memory), a
// put goes to the hub too, behind them; the process goes on doing so until
// the hub says it has sent all it held, so that its own items keep their
// order.
//
// qsize's count is a slot in memory every process maps (hub.Counts), moved
// with atomic instructions as CPython's processes move a shared semaphore.
//
// All of this runs inside runtime.Effect: a replaying child touches no
// socket.

// maxInline is the largest item sent inline, well below the default
// socket buffer (net.core.wmem_default, 208 KiB).
const maxInline = 64 << 10

// Message kinds: an item inline, or its length with a memory file's
// descriptor attached.
const (
	msgInline = 'I'
	msgFile   = 'F'
)

// fastFD is one process's descriptors of one fast queue.
type fastFD struct {
	id       int64
	w, r     int
	buf, oob []byte // receive scratch

	mu      sync.Mutex
	backlog []outMessage // puts the socket had no room for, oldest first
	feeding bool         // a feeder goroutine is sending the backlog
	stopped bool         // closed: the backlog went to the hub
	viaHub  bool         // puts go behind what the hub holds
	spills  int          // puts through the hub since the last check
}

// spillCheck is how many puts a process makes through the hub between
// asking it whether it has sent all it held, when the process may send
// directly again without overtaking its own items.
const spillCheck = 64

// outMessage is one message not yet sent, with the descriptor it carries
// (hub.NoFD: none), which the process owns until it is sent.
type outMessage struct {
	data []byte
	fd   int
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
	c, err := hubClient(runtime.Of(thread))
	if err != nil {
		return nil, err
	}
	_, fds, err := c.CallFDs("queue.fds", starlark.MakeInt64(id))
	if err != nil {
		return nil, err
	}
	if len(fds) != 3 {
		for _, fd := range fds {
			syscall.Close(fd)
		}
		return nil, pyerr.New("OSError", "handle is closed")
	}
	if rs.counts == nil {
		if rs.counts, err = hub.MapCounts(fds[2]); err != nil {
			syscall.Close(fds[0])
			syscall.Close(fds[1])
			syscall.Close(fds[2])
			return nil, pyerr.OSError(err, "")
		}
	} else {
		syscall.Close(fds[2])
	}
	f := &fastFD{id: id, w: fds[0], r: fds[1], buf: make([]byte, maxInline+64), oob: make([]byte, hub.OOBSize)}
	if rs.fast == nil {
		rs.fast = map[int64]*fastFD{}
	}
	rs.fast[id] = f
	return f, nil
}

// closeFast closes this process's descriptors of queue id, handing what it
// has not sent to the hub; a later use (another object naming the same
// queue) asks the hub again.
func closeFast(thread *starlark.Thread, id int64) {
	rs := stateOf(thread)
	f := rs.fast[id]
	if f == nil {
		return
	}
	delete(rs.fast, id)
	f.mu.Lock()
	f.stopped = true
	backlog := f.backlog
	f.backlog = nil
	f.mu.Unlock()
	if len(backlog) > 0 {
		if err := handOver(runtime.Of(thread), id, backlog, true); err != nil {
			rs.counts.Add(id, -int64(len(backlog))) // lost with the hub
		}
		closeMessages(backlog)
	}
	// The feeder, if running, sees stopped before it sends again.
	f.mu.Lock()
	syscall.Close(f.w)
	syscall.Close(f.r)
	f.w, f.r = -1, -1
	f.mu.Unlock()
}

// handOver gives the hub messages to feed to queue id's socket, in order;
// sync waits until the hub has them, so that a process that then ends has
// made them Pending before anyone can join it.
func handOver(st *runtime.State, id int64, msgs []outMessage, sync bool) error {
	c, err := hubClient(st)
	if err != nil {
		return err
	}
	for len(msgs) > 0 {
		var data, carries starlark.Tuple
		var fds []int
		n := 0
		for ; n < len(msgs) && len(fds) < hub.MaxRights; n++ {
			data = append(data, starlark.Bytes(msgs[n].data))
			carries = append(carries, starlark.Bool(msgs[n].fd != hub.NoFD))
			if msgs[n].fd != hub.NoFD {
				fds = append(fds, msgs[n].fd)
			}
		}
		if err := c.SendFDs(fds, "queue.spill", starlark.MakeInt64(id), data, carries); err != nil {
			return err
		}
		msgs = msgs[n:]
	}
	if sync {
		// Requests are handled in order: the answer comes after the hub
		// has taken every message above.
		_, err = c.Call("queue.spilled", starlark.MakeInt64(id))
	}
	return err
}

// closeFD closes the descriptor m carries, once it is sent or the hub has
// its own copy.
func (m outMessage) closeFD() {
	if m.fd != hub.NoFD {
		syscall.Close(m.fd)
	}
}

// closeMessages closes the descriptors of messages the hub now has.
func closeMessages(msgs []outMessage) {
	for _, m := range msgs {
		m.closeFD()
	}
}

// closeAllFast closes every descriptor of fast queues this process holds.
func closeAllFast(thread *starlark.Thread) {
	rs := stateOf(thread)
	ids := make([]int64, 0, len(rs.fast))
	for id := range rs.fast {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the same order every run
	for _, id := range ids {
		closeFast(thread, id)
	}
}

// fastPut puts one encoded item on queue id; counted says the count behind
// qsize moves (a queue's; a pipe has none).
func fastPut(thread *starlark.Thread, id int64, enc []byte, counted bool) error {
	f, err := fastOf(thread, id)
	if err != nil {
		return err
	}
	m := outMessage{fd: hub.NoFD}
	if len(enc) > maxInline {
		if m.fd, err = hub.MemFile(enc); err != nil {
			return pyerr.OSError(err, "")
		}
		m.data = binary.AppendUvarint([]byte{msgFile}, uint64(len(enc)))
	} else {
		m.data = append(make([]byte, 0, len(enc)+1), msgInline)
		m.data = append(m.data, enc...)
	}
	rs := stateOf(thread)
	if counted {
		rs.counts.Add(id, 1) // before the send, so a get never sees it negative
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.viaHub && rs.counts.Pending(id) > 0 {
		f.viaHub, f.spills = true, 0
		backlog := f.backlog
		f.backlog = nil
		err := handOver(runtime.Of(thread), id, backlog, false)
		closeMessages(backlog)
		if err != nil {
			return err
		}
	}
	if f.viaHub {
		return f.putViaHub(thread, m)
	}
	if len(f.backlog) == 0 {
		err := hub.SendMsgFD(f.w, m.data, m.fd)
		if err != syscall.EAGAIN {
			m.closeFD()
		}
		if err == nil {
			return nil
		}
		if err != syscall.EAGAIN {
			if counted {
				rs.counts.Add(id, -1)
			}
			return pyerr.OSError(err, "")
		}
	}
	f.backlog = append(f.backlog, m)
	if !f.feeding {
		f.feeding = true
		go f.feed()
	}
	return nil
}

// putViaHub puts m behind what the hub holds; f.mu is held.
func (f *fastFD) putViaHub(thread *starlark.Thread, m outMessage) error {
	st := runtime.Of(thread)
	err := handOver(st, f.id, []outMessage{m}, false)
	m.closeFD()
	if err != nil {
		return err
	}
	f.spills++
	if f.spills%spillCheck == 0 {
		v, err := hubCall(st, "queue.spilled", starlark.MakeInt64(f.id))
		if err != nil {
			return err
		}
		f.viaHub = v != starlark.True
	}
	return nil
}

// feed sends the backlog as the socket makes room, until it is empty or
// the queue is closed in this process.
func (f *fastFD) feed() {
	for {
		f.mu.Lock()
		if f.stopped || len(f.backlog) == 0 {
			f.feeding = false
			f.mu.Unlock()
			return
		}
		m := f.backlog[0]
		err := hub.SendMsgFD(f.w, m.data, m.fd)
		if err != syscall.EAGAIN {
			// Sent, or lost with the socket (the hub is gone, and the
			// process with it).
			m.closeFD()
			f.backlog[0] = outMessage{}
			f.backlog = f.backlog[1:]
			f.mu.Unlock()
			continue
		}
		w := f.w
		f.mu.Unlock()
		hub.Poll(w, hub.PollOut, 100*time.Millisecond)
	}
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
	wait := block && deadline.IsZero()
	for {
		var n, fd int
		var err error
		if wait {
			n, fd, err = hub.RecvMsgFDWait(f.r, f.buf, f.oob)
		} else {
			n, fd, err = hub.RecvMsgFD(f.r, f.buf, f.oob)
		}
		if err == nil {
			if counted {
				stateOf(thread).counts.Add(id, -1)
			}
			return unwrapMessage(f.buf[:n], fd)
		}
		if wait && (err == syscall.EAGAIN || err == syscall.EINTR) {
			// A slice of the wait passed, or a signal came.
			if st.Interrupted() {
				return nil, runtime.ErrInterrupted
			}
			continue
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

// fastCount is queue id's count of items put and not yet got.
func fastCount(thread *starlark.Thread, id int64) (int, error) {
	if _, err := fastOf(thread, id); err != nil {
		return 0, err
	}
	return int(max(stateOf(thread).counts.Load(id), 0)), nil
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

// unwrapMessage returns the item a message carries, reading it from the
// memory file fd names (which it closes) for a large one.
func unwrapMessage(msg []byte, fd int) (starlark.Value, error) {
	if fd != hub.NoFD {
		defer syscall.Close(fd)
		n, k := binary.Uvarint(msg[min(len(msg), 1):])
		if len(msg) < 2 || msg[0] != msgFile || k <= 0 || n > 1<<40 {
			return nil, pyerr.New("OSError", "bad message")
		}
		b, err := hub.ReadMemFile(fd, int(n))
		if err != nil {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.Bytes(b), nil
	}
	if len(msg) == 0 || msg[0] != msgInline {
		return nil, pyerr.New("OSError", "bad message")
	}
	return starlark.Bytes(msg[1:]), nil
}
