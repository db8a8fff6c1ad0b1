// Package hub is the broker of a run's processes (DESIGN.md, "The hub").
// The root starproc process serves it on a Unix socket in a private
// temporary directory; every descendant connects when it starts and keeps
// the connection for its whole life. The hub owns what processes share —
// queues (multiprocessing.Queue and Pipe ends), and the process table — and
// a child whose connection closes exits at once, so no descendant outlives
// a root that died.
//
// Requests are frames of wire-encoded tuples; each process has one
// connection and at most one request in flight (one interpreter thread),
// so a blocking request simply waits for its answer, and a second, idle
// connection whose end tells the process the hub is gone.
//
// Items of bounded queues and JoinableQueues live in the hub. Unbounded
// queues and pipes do not pass through it: the hub makes a SOCK_SEQPACKET
// socketpair for each and hands its ends to every process that asks (with
// SCM_RIGHTS), so a put is one send and a get one receive, as over
// CPython's pipes. An item too large for one message travels as the
// descriptor of a memory file (MemFile) attached to its message. The count
// behind qsize() is in memory every process maps (Counts). The hub keeps
// only what a process ending with a full socket handed over (queue.spill),
// and feeds it to the socket as consumers make room.
package hub

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/wire"
)

// DefaultMaxProcs is how many processes a run may have at once, unless the
// host says otherwise (starproc --max-procs).
const DefaultMaxProcs = 256

// Server is the hub of one run.
type Server struct {
	dir      string
	ln       *unixListener
	maxProcs int

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change of state
	procs    map[*conn]int // live connections and their pids
	reserved int           // children being started, not yet connected
	seen     map[int]bool  // pids that ever said hello
	lives    []*unixConn   // liveness connections, closed with the hub
	full     bool          // the run hit its process limit: no more children
	queues   map[int64]*queue
	nextID   int64
	counts   *Counts // fast queues' sizes
	closed   bool
}

type queue struct {
	items      [][]byte
	maxsize    int
	unfinished int // JoinableQueue: items put and not yet task_done
	closed     bool

	// A fast queue (unbounded Queue, SimpleQueue, a Pipe's direction) is a
	// SOCK_SEQPACKET socketpair: processes get its descriptors once and put
	// and get without the hub. The hub keeps both ends, so items outlive
	// their putter, and feeds the socket from overflow what an ending
	// process had no room for.
	fast     bool
	fds      [2]int // fds[0] is written, fds[1] read
	overflow []message
	feeding  bool
}

// message is one message of a fast queue, with the descriptor it carries
// (NoFD: none), which the hub owns.
type message struct {
	data []byte
	fd   int
}

// Listen starts a hub on a new socket in a private directory.
func Listen(maxProcs int) (*Server, error) {
	dir, err := os.MkdirTemp("", "starproc-hub-")
	if err != nil {
		return nil, err
	}
	ln, err := listenUnix(filepath.Join(dir, "hub.sock"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if maxProcs <= 0 {
		maxProcs = DefaultMaxProcs
	}
	counts, err := newCounts()
	if err != nil {
		ln.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{dir: dir, ln: ln, maxProcs: maxProcs, changed: make(chan struct{}),
		procs: map[*conn]int{}, queues: map[int64]*queue{}, seen: map[int]bool{}, counts: counts}
	go s.accept()
	return s, nil
}

// Addr returns the socket path children connect to.
func (s *Server) Addr() string { return s.ln.path }

// Close stops the hub: every connection closes, so every descendant exits.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	for c := range s.procs {
		c.nc.Close()
	}
	for _, nc := range s.lives {
		nc.Close()
	}
	for _, q := range s.queues {
		if q.fast {
			syscall.Close(q.fds[0])
			syscall.Close(q.fds[1])
		}
		if !q.feeding {
			closeMessages(q.overflow)
			q.overflow = nil
		}
	}
	s.notify()
	s.mu.Unlock()
	err := s.ln.Close()
	os.RemoveAll(s.dir)
	return err
}

// Seen returns the pids of every process that ever connected.
func (s *Server) Seen() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	pids := make([]int, 0, len(s.seen))
	for pid := range s.seen {
		pids = append(pids, pid)
	}
	return pids
}

// Pids returns the pids of the connected processes.
func (s *Server) Pids() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var pids []int
	for _, pid := range s.procs {
		pids = append(pids, pid)
	}
	return pids
}

// notify wakes every waiter; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) accept() {
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		c := &conn{nc: nc, pid: -1}
		c.r = bufio.NewReader(&rightsReader{c: c})
		go s.serve(c)
	}
}

type conn struct {
	nc     *unixConn
	r      *bufio.Reader
	pid    int
	rights []int // descriptors to pass with the answer being made
	got    []int // descriptors that came with requests, not yet taken
}

// rightsReader reads a connection keeping the descriptors that come with
// its bytes. The kernel delivers them with the first byte of the write
// that sent them, so they are in got before their request is parsed (and
// perhaps before the request ahead of it is handled: only the request
// they came with takes them).
type rightsReader struct {
	c   *conn
	oob []byte
}

func (r *rightsReader) Read(p []byte) (int, error) {
	if r.oob == nil {
		r.oob = make([]byte, syscall.CmsgSpace(MaxRights*4))
	}
	n, oobn, err := r.c.nc.ReadMsg(p, r.oob)
	if oobn > 0 {
		if fds, perr := parseRights(r.oob[:oobn]); perr == nil {
			r.c.got = append(r.c.got, fds...)
		}
	}
	return n, err
}

// MaxRights is the most descriptors one request carries (the kernel's
// SCM_MAX_FD is 253).
const MaxRights = 200

// takeFD returns the next descriptor that came with this connection's
// requests, or NoFD.
func (c *conn) takeFD() int {
	if len(c.got) == 0 {
		return NoFD
	}
	fd := c.got[0]
	c.got = c.got[1:]
	return fd
}

func (s *Server) serve(c *conn) {
	defer func() {
		c.nc.Close()
		for _, fd := range c.got {
			syscall.Close(fd)
		}
		s.mu.Lock()
		if _, ok := s.procs[c]; ok {
			delete(s.procs, c)
			s.notify()
		}
		s.mu.Unlock()
	}()
	for {
		req, err := readFrame(c.r)
		if err != nil {
			return
		}
		args, ok := req.(starlark.Tuple)
		if !ok || len(args) < 2 {
			return
		}
		id, op := args[0], string(args[1].(starlark.String))
		if op == "live" {
			// A process's liveness connection: hold it until the process
			// goes (EOF) or the hub closes it.
			s.mu.Lock()
			s.lives = append(s.lives, c.nc)
			s.mu.Unlock()
			io.Copy(io.Discard, c.r)
			return
		}
		result, err := s.handle(c, op, args[2:])
		rights := c.rights
		c.rights = nil
		if intArg(id) == 0 {
			continue // sent with Send: no answer wanted
		}
		var resp starlark.Tuple
		if err != nil {
			var pe *pyerr.Error
			typ, msg := "RuntimeError", err.Error()
			if errors.As(err, &pe) {
				typ, msg = pe.Type, pe.Msg
			}
			resp = starlark.Tuple{id, starlark.False, starlark.String(typ), starlark.String(msg)}
		} else {
			resp = starlark.Tuple{id, starlark.True, result}
		}
		var werr error
		if rights != nil && err == nil {
			werr = writeFrameRights(c.nc, resp, rights)
		} else {
			werr = writeFrame(c.nc, resp)
		}
		if werr != nil {
			return
		}
	}
}

// wait blocks until the state changes, the deadline passes (ok false) or
// the hub closes. s.mu must be held; it is held again on return.
func (s *Server) wait(deadline time.Time) bool {
	ch := s.changed
	s.mu.Unlock()
	defer s.mu.Lock()
	if deadline.IsZero() {
		<-ch
		return true
	}
	d := time.Until(deadline)
	if d <= 0 {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}

func deadlineOf(v starlark.Value) time.Time {
	switch v := v.(type) {
	case starlark.Float:
		return time.Now().Add(time.Duration(float64(v) * float64(time.Second)))
	case starlark.Int:
		n, _ := v.Int64()
		return time.Now().Add(time.Duration(n) * time.Second)
	}
	return time.Time{}
}

func intArg(v starlark.Value) int64 {
	n, _ := starlark.AsInt32(v)
	if i, ok := v.(starlark.Int); ok {
		if m, ok := i.Int64(); ok {
			return m
		}
	}
	return int64(n)
}

func (s *Server) handle(c *conn, op string, args starlark.Tuple) (starlark.Value, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch op {
	case "hello": // (pid, reserved)
		c.pid = int(intArg(args[0]))
		s.procs[c] = c.pid
		s.seen[c.pid] = true
		if args[1] == starlark.True && s.reserved > 0 {
			s.reserved--
		}
		s.notify()
		return starlark.None, nil
	case "reserve":
		// Once the limit is hit it stays hit: a runaway fork loop then
		// dies out instead of churning at the limit forever.
		if s.full || len(s.procs)+s.reserved >= s.maxProcs {
			s.full = true
			return nil, pyerr.New("BlockingIOError", "[Errno 11] Resource temporarily unavailable (starproc: the run reached its limit of %d processes; see --max-procs)", s.maxProcs)
		}
		s.reserved++
		return starlark.None, nil
	case "unreserve":
		if s.reserved > 0 {
			s.reserved--
			s.notify()
		}
		return starlark.None, nil
	case "await_hello": // (pid, timeout) -> has pid connected?
		deadline := deadlineOf(args[1])
		pid := int(intArg(args[0]))
		for !s.seen[pid] {
			if !s.wait(deadline) && !s.seen[pid] {
				return starlark.False, nil
			}
		}
		return starlark.True, nil
	case "wait_others": // () blocks until only the caller is connected and nothing is starting
		for len(s.procs) > 1 || s.reserved > 0 {
			s.wait(time.Time{})
		}
		return starlark.None, nil
	case "queue.new": // (maxsize[, fast]) -> id
		q := &queue{maxsize: int(intArg(args[0]))}
		if s.nextID+1 >= MaxQueues {
			return nil, pyerr.New("OSError", "too many queues in this run")
		}
		if len(args) > 1 && args[1] == starlark.True {
			fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_SEQPACKET|syscall.SOCK_CLOEXEC, 0)
			if err != nil {
				return nil, pyerr.OSError(err, "")
			}
			tv := syscall.NsecToTimeval(int64(ReadSlice))
			if err := syscall.SetsockoptTimeval(fds[1], syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv); err != nil {
				syscall.Close(fds[0])
				syscall.Close(fds[1])
				return nil, pyerr.OSError(err, "")
			}
			q.fast, q.fds = true, [2]int{fds[0], fds[1]}
		}
		s.nextID++
		s.queues[s.nextID] = q
		return starlark.MakeInt64(s.nextID), nil
	}
	q := s.queues[intArg(args[0])]
	if q == nil {
		return nil, pyerr.New("OSError", "handle is closed")
	}
	switch op {
	case "queue.fds": // (id) -> None, with the fast queue's write and read ends and the count table
		if !q.fast || s.closed {
			return nil, pyerr.New("OSError", "handle is closed")
		}
		c.rights = []int{q.fds[0], q.fds[1], s.counts.fd}
		return starlark.None, nil
	case "queue.spill": // (id, messages, carries): what a process had no room for, or must put behind what the hub holds
		msgs, _ := args[1].(starlark.Tuple)
		s.counts.addPending(intArg(args[0]), int64(len(msgs)))
		carries, _ := args[2].(starlark.Tuple)
		for i, m := range msgs {
			b, _ := m.(starlark.Bytes)
			msg := message{data: []byte(b), fd: NoFD}
			if i < len(carries) && carries[i] == starlark.True {
				msg.fd = c.takeFD()
			}
			q.overflow = append(q.overflow, msg)
		}
		if !q.feeding && len(q.overflow) > 0 {
			q.feeding = true
			go s.feed(intArg(args[0]), q)
		}
		return starlark.None, nil
	case "queue.spilled": // (id) -> bool: has the hub fed all it was handed?
		return starlark.Bool(len(q.overflow) == 0), nil
	case "queue.put": // (id, item, block, timeout)
		block, deadline := args[2] == starlark.True, deadlineOf(args[3])
		for q.maxsize > 0 && len(q.items) >= q.maxsize {
			if !block || !s.wait(deadline) && len(q.items) >= q.maxsize {
				return nil, pyerr.New("queue.Full", "")
			}
		}
		q.items = append(q.items, []byte(args[1].(starlark.Bytes)))
		q.unfinished++
		s.notify()
		return starlark.None, nil
	case "queue.get": // (id, block, timeout) -> item
		deadline := deadlineOf(args[2])
		for len(q.items) == 0 {
			if args[1] != starlark.True {
				return nil, pyerr.New("_queue.Empty", "")
			}
			if !s.wait(deadline) && len(q.items) == 0 {
				return nil, pyerr.New("_queue.Empty", "")
			}
		}
		item := q.items[0]
		q.items[0] = nil
		q.items = q.items[1:]
		s.notify()
		return starlark.Bytes(item), nil
	case "queue.poll": // (id, timeout) -> bool: is an item ready?
		deadline := deadlineOf(args[1])
		for len(q.items) == 0 {
			if args[1] == starlark.None {
				s.wait(time.Time{})
				continue
			}
			if !s.wait(deadline) && len(q.items) == 0 {
				return starlark.False, nil
			}
		}
		return starlark.True, nil
	case "queue.qsize":
		if q.fast {
			return starlark.MakeInt64(max(s.counts.Load(intArg(args[0])), 0)), nil
		}
		return starlark.MakeInt(len(q.items)), nil
	case "queue.task_done":
		if q.unfinished <= 0 {
			return nil, pyerr.ValueError("task_done() called too many times")
		}
		q.unfinished--
		s.notify()
		return starlark.None, nil
	case "queue.join": // (id[, timeout]) -> bool: was every item put marked task_done in time?
		var deadline time.Time
		if len(args) > 1 {
			deadline = deadlineOf(args[1])
		}
		for q.unfinished > 0 {
			if !s.wait(deadline) && q.unfinished > 0 {
				return starlark.False, nil
			}
		}
		return starlark.True, nil
	}
	return nil, fmt.Errorf("hub: unknown request %q", op)
}

// feed writes a fast queue's overflow to its socket, in order, as
// consumers make room.
func (s *Server) feed(id int64, q *queue) {
	for {
		s.mu.Lock()
		if s.closed || len(q.overflow) == 0 {
			q.feeding = false
			closeMessages(q.overflow) // a closed hub: nobody is left to get them
			s.counts.addPending(id, -int64(len(q.overflow)))
			q.overflow = nil
			s.mu.Unlock()
			return
		}
		msg, sock := q.overflow[0], q.fds[0]
		s.mu.Unlock()
		err := SendMsgFD(sock, msg.data, msg.fd)
		for err == syscall.EAGAIN {
			if _, err = Poll(sock, PollOut, 250*time.Millisecond); err != nil {
				break
			}
			s.mu.Lock()
			closed := s.closed
			s.mu.Unlock()
			if closed {
				break
			}
			err = SendMsgFD(sock, msg.data, msg.fd)
		}
		s.mu.Lock()
		if err != nil {
			s.counts.Add(id, -1) // lost: nobody will get it
		}
		s.counts.addPending(id, -1)
		if msg.fd != NoFD {
			syscall.Close(msg.fd)
		}
		q.overflow[0] = message{}
		q.overflow = q.overflow[1:]
		s.mu.Unlock()
	}
}

// closeMessages closes the descriptors messages carry.
func closeMessages(msgs []message) {
	for _, m := range msgs {
		if m.fd != NoFD {
			syscall.Close(m.fd)
		}
	}
}

// Frames: a uvarint length, then a wire-encoded value.
func encodeFrame(v starlark.Value) ([]byte, error) {
	body, err := wire.Encode(nil, v)
	if err != nil {
		return nil, err
	}
	frame := binary.AppendUvarint(make([]byte, 0, len(body)+4), uint64(len(body)))
	return append(frame, body...), nil
}

func writeFrame(w io.Writer, v starlark.Value) error {
	frame, err := encodeFrame(v)
	if err != nil {
		return err
	}
	_, err = w.Write(frame)
	return err
}

// writeFrameRights writes a frame carrying descriptors (SCM_RIGHTS).
func writeFrameRights(nc *unixConn, v starlark.Value, fds []int) error {
	frame, err := encodeFrame(v)
	if err != nil {
		return err
	}
	return nc.WriteMsg(frame, syscall.UnixRights(fds...))
}

func readFrame(r *bufio.Reader) (starlark.Value, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, err
	}
	v, _, err := wire.Decode(nil, body)
	return v, err
}

// Client is one process's connection to the hub. Requests are written and
// their answers read in the caller's goroutine — no hand-off between
// goroutines on the hot path of a queue; a second connection, held open and
// idle, tells the process when the hub is gone.
type Client struct {
	nc     *unixConn
	r      *bufio.Reader
	live   *unixConn
	mu     sync.Mutex
	nextID int64
}

// Dial connects to the hub at addr and says hello. onHangup runs (in its own
// goroutine) if the hub goes away: the caller should exit at once.
func Dial(addr string, pid int, reserved bool, onHangup func()) (*Client, error) {
	nc, err := dialUnix(addr)
	if err != nil {
		return nil, err
	}
	live, err := dialUnix(addr)
	if err != nil {
		nc.Close()
		return nil, err
	}
	if err := writeFrame(live, starlark.Tuple{starlark.MakeInt(0), starlark.String("live")}); err != nil {
		nc.Close()
		live.Close()
		return nil, err
	}
	go func() {
		var b [1]byte
		live.Read(b[:]) // returns only when the hub hangs up (or we close)
		if onHangup != nil {
			onHangup()
		}
	}()
	c := &Client{nc: nc, r: bufio.NewReader(nc), live: live}
	if _, err := c.Call("hello", starlark.MakeInt(pid), starlark.Bool(reserved)); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Close hangs up.
func (c *Client) Close() error {
	c.live.Close()
	return c.nc.Close()
}

// Interrupt makes a request in progress return at once (Ctrl-C); the
// connection is unusable afterwards.
func (c *Client) Interrupt() { c.nc.SetReadDeadline(time.Now()) }

// Send sends one request that cannot fail and wants no answer (a put on an
// unbounded queue): the hub handles it in order with this process's other
// requests, and the sender goes on at once.
func (c *Client) Send(op string, args ...starlark.Value) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	req := append(starlark.Tuple{starlark.MakeInt(0), starlark.String(op)}, args...)
	if err := writeFrame(c.nc, req); err != nil {
		return fmt.Errorf("hub: %w", err)
	}
	return nil
}

// SendFDs is Send for a request that carries descriptors (at most MaxRights),
// which the hub takes in order; the caller still owns its copies.
func (c *Client) SendFDs(fds []int, op string, args ...starlark.Value) error {
	if len(fds) == 0 {
		return c.Send(op, args...)
	}
	if len(fds) > MaxRights {
		return errors.New("hub: too many descriptors in one request")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	req := append(starlark.Tuple{starlark.MakeInt(0), starlark.String(op)}, args...)
	if err := writeFrameRights(c.nc, req, fds); err != nil {
		return fmt.Errorf("hub: %w", err)
	}
	return nil
}

// Call sends one request and waits for its answer. A Python exception the
// hub raised comes back as a *pyerr.Error.
func (c *Client) Call(op string, args ...starlark.Value) (starlark.Value, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	req := append(starlark.Tuple{starlark.MakeInt64(c.nextID), starlark.String(op)}, args...)
	if err := writeFrame(c.nc, req); err != nil {
		return nil, fmt.Errorf("hub: %w", err)
	}
	v, err := readFrame(c.r)
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, pyerr.New("KeyboardInterrupt", "")
		}
		return nil, fmt.Errorf("hub: connection lost: %w", err)
	}
	t, ok := v.(starlark.Tuple)
	if !ok || len(t) < 3 {
		return nil, fmt.Errorf("hub: bad answer")
	}
	if t[1] == starlark.True {
		return t[2], nil
	}
	return nil, pyerr.New(string(t[2].(starlark.String)), "%s", string(t[3].(starlark.String)))
}

// CallFDs is Call for a request whose answer carries descriptors, which
// come back open and close-on-exec. Requests are synchronous, so nothing is
// buffered when the answer comes: it is read with its control message.
func (c *Client) CallFDs(op string, args ...starlark.Value) (starlark.Value, []int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	req := append(starlark.Tuple{starlark.MakeInt64(c.nextID), starlark.String(op)}, args...)
	if err := writeFrame(c.nc, req); err != nil {
		return nil, nil, fmt.Errorf("hub: %w", err)
	}
	if c.r.Buffered() != 0 {
		return nil, nil, errors.New("hub: cannot receive descriptors")
	}
	buf, oob := make([]byte, 512), make([]byte, syscall.CmsgSpace(8*4))
	n, oobn, err := c.nc.ReadMsg(buf, oob)
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, nil, pyerr.New("KeyboardInterrupt", "")
		}
		return nil, nil, fmt.Errorf("hub: connection lost: %w", err)
	}
	fds, err := parseRights(oob[:oobn])
	if err != nil {
		return nil, nil, fmt.Errorf("hub: %w", err)
	}
	closeAll := func() {
		for _, fd := range fds {
			syscall.Close(fd)
		}
	}
	size, k := binary.Uvarint(buf[:n])
	if k <= 0 || size > 1<<20 {
		closeAll()
		return nil, nil, errors.New("hub: bad answer")
	}
	body := append([]byte(nil), buf[k:n]...)
	if uint64(len(body)) < size {
		rest := make([]byte, int(size)-len(body))
		if _, err := io.ReadFull(c.r, rest); err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("hub: connection lost: %w", err)
		}
		body = append(body, rest...)
	}
	v, _, err := wire.Decode(nil, body[:size])
	t, ok := v.(starlark.Tuple)
	if err != nil || !ok || len(t) < 3 {
		closeAll()
		return nil, nil, errors.New("hub: bad answer")
	}
	if t[1] != starlark.True {
		closeAll()
		return nil, nil, pyerr.New(string(t[2].(starlark.String)), "%s", string(t[3].(starlark.String)))
	}
	return t[2], fds, nil
}
