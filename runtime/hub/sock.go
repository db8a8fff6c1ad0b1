package hub

import (
	"os"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// Poll events (poll(2)).
const (
	PollIn   int16 = 0x1
	PollOut  int16 = 0x4
	pollNval int16 = 0x20
)

// NoFD is the descriptor of a message that carries none.
const NoFD = -1

// SendMsgFD sends msg as one message on a SOCK_SEQPACKET socket without
// waiting — syscall.EAGAIN says the socket has no room — carrying the
// descriptor fd (SCM_RIGHTS) unless fd is NoFD. The receiver gets its own
// copy: the caller still owns fd.
func SendMsgFD(sock int, msg []byte, fd int) error {
	if fd == NoFD {
		return syscall.Sendto(sock, msg, syscall.MSG_DONTWAIT|syscall.MSG_NOSIGNAL, nil)
	}
	return syscall.Sendmsg(sock, msg, syscall.UnixRights(fd), nil, syscall.MSG_DONTWAIT|syscall.MSG_NOSIGNAL)
}

// OOBSize is the size of the control buffer RecvMsgFD needs.
var OOBSize = syscall.CmsgSpace(4 * 4)

// RecvMsgFD receives one message into buf without waiting (syscall.EAGAIN
// says there is none), and the descriptor it may carry, which it returns
// open and close-on-exec (NoFD when none came); oob is scratch of OOBSize
// bytes. A message longer than buf is an error, and so is one with more
// than one descriptor (all are closed).
func RecvMsgFD(sock int, buf, oob []byte) (n, fd int, err error) {
	return recvMsgFD(sock, buf, oob, syscall.MSG_DONTWAIT)
}

// RecvMsgFDWait is RecvMsgFD waiting for a message, at most ReadSlice on
// the read end of a fast queue: then, or when a signal comes, it returns
// syscall.EAGAIN or syscall.EINTR, so that the caller can look for Ctrl-C
// and wait again. Waiting in the receive, not in poll(2), saves two system
// calls a message, which is most of a ping-pong's cost.
func RecvMsgFDWait(sock int, buf, oob []byte) (n, fd int, err error) {
	return recvMsgFD(sock, buf, oob, 0)
}

// ReadSlice is the receive timeout (SO_RCVTIMEO) of a fast queue's read
// end: the longest RecvMsgFDWait waits before it returns.
const ReadSlice = 100 * time.Millisecond

func recvMsgFD(sock int, buf, oob []byte, flags int) (n, fd int, err error) {
	var iov syscall.Iovec
	if len(buf) > 0 {
		iov.Base = &buf[0]
	}
	iov.SetLen(len(buf))
	var h syscall.Msghdr
	h.Iov, h.Iovlen = &iov, 1
	h.Control = &oob[0]
	h.SetControllen(len(oob))
	r, _, e := syscall.Syscall(syscall.SYS_RECVMSG, uintptr(sock), uintptr(unsafe.Pointer(&h)),
		uintptr(flags|syscall.MSG_TRUNC|syscall.MSG_CMSG_CLOEXEC))
	if e != 0 {
		return 0, NoFD, e
	}
	fd = NoFD
	if h.Controllen > 0 {
		fds, perr := parseRights(oob[:h.Controllen])
		if perr != nil || len(fds) > 1 || h.Flags&syscall.MSG_CTRUNC != 0 {
			for _, x := range fds {
				syscall.Close(x)
			}
			return 0, NoFD, syscall.EBADMSG
		}
		if len(fds) == 1 {
			fd = fds[0]
		}
	}
	if int(r) > len(buf) {
		if fd != NoFD {
			syscall.Close(fd)
		}
		return 0, NoFD, syscall.EMSGSIZE
	}
	return int(r), fd, nil
}

// parseRights returns the descriptors of the SCM_RIGHTS messages in oob.
func parseRights(oob []byte) ([]int, error) {
	msgs, err := syscall.ParseSocketControlMessage(oob)
	if err != nil {
		return nil, err
	}
	var fds []int
	for _, m := range msgs {
		if got, err := syscall.ParseUnixRights(&m); err == nil {
			fds = append(fds, got...)
		}
	}
	return fds, nil
}

// Poll waits at most d (forever if negative) for events on fd and reports
// whether one came.
func Poll(fd int, events int16, d time.Duration) (bool, error) {
	pfd := struct {
		fd      int32
		events  int16
		revents int16
	}{int32(fd), events, 0}
	var ts *syscall.Timespec
	if d >= 0 {
		t := syscall.NsecToTimespec(int64(d))
		ts = &t
	}
	for {
		n, _, e := syscall.Syscall6(syscall.SYS_PPOLL, uintptr(unsafe.Pointer(&pfd)), 1, uintptr(unsafe.Pointer(ts)), 0, 0, 0)
		if e == syscall.EINTR {
			continue // Go's own signals; the caller's slice is short
		}
		if e != 0 {
			return false, e
		}
		if n > 0 && pfd.revents&(pollNval) != 0 {
			return false, syscall.EBADF
		}
		return n > 0, nil
	}
}

// MemFile returns a new anonymous file in memory holding data, open for
// reading and close-on-exec: an item too large for one message travels as
// such a file's descriptor.
func MemFile(data []byte) (int, error) {
	fd, err := memfd("starproc-item")
	if err != nil {
		return NoFD, err
	}
	for off := 0; off < len(data); {
		n, err := syscall.Pwrite(fd, data[off:], int64(off))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return NoFD, err
		}
		off += n
	}
	return fd, nil
}

// ReadMemFile reads the first n bytes of a file MemFile made.
func ReadMemFile(fd, n int) ([]byte, error) {
	b := make([]byte, n)
	for off := 0; off < n; {
		m, err := syscall.Pread(fd, b[off:], int64(off))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if m == 0 {
			return nil, syscall.EBADMSG
		}
		off += m
	}
	return b, nil
}

// memfd makes an anonymous memory file, close-on-exec: memfd_create where
// this architecture's number is known, else an unlinked temporary file.
func memfd(name string) (int, error) {
	if sysMemfdCreate != 0 {
		p, err := syscall.BytePtrFromString(name)
		if err != nil {
			return NoFD, err
		}
		const mfdCloexec = 1
		fd, _, e := syscall.Syscall(sysMemfdCreate, uintptr(unsafe.Pointer(p)), mfdCloexec, 0)
		if e == 0 {
			return int(fd), nil
		}
		if e != syscall.ENOSYS {
			return NoFD, e
		}
	}
	f, err := os.CreateTemp("", name+"-")
	if err != nil {
		return NoFD, err
	}
	defer f.Close()
	os.Remove(f.Name())
	syscall.ForkLock.RLock() // so no child inherits the copy
	defer syscall.ForkLock.RUnlock()
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		return NoFD, err
	}
	syscall.CloseOnExec(fd)
	return fd, nil
}

// Counts is the table of fast queue sizes, in memory every process of the
// run maps: a put adds one to its queue's slot and a get takes one away
// with an atomic instruction, as CPython's processes share a semaphore,
// and qsize reads it without asking anyone. A second slot per queue is how
// many messages the hub holds for its socket (Pending).
type Counts struct {
	fd  int
	mem []byte
}

// MaxQueues is how many fast queues a run may make: one count slot each.
// Slots are only memory once touched.
const MaxQueues = 1 << 20

// newCounts makes the table (the hub, once per run).
func newCounts() (*Counts, error) {
	fd, err := memfd("starproc-qsize")
	if err != nil {
		return nil, err
	}
	if err := syscall.Ftruncate(fd, tableSize); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	c, err := MapCounts(fd)
	if err != nil {
		syscall.Close(fd)
	}
	return c, err
}

// MapCounts maps the table whose descriptor the hub passed; the Counts
// owns fd from then on.
func MapCounts(fd int) (*Counts, error) {
	mem, err := syscall.Mmap(fd, 0, tableSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	return &Counts{fd: fd, mem: mem}, nil
}

// tableSize is the size of the table: the counts, then the pending slots.
const tableSize = 2 * MaxQueues * 8

func (c *Counts) slot(id int64) *int64 {
	if id <= 0 || id >= MaxQueues {
		return nil
	}
	return (*int64)(unsafe.Pointer(&c.mem[id*8]))
}

func (c *Counts) pendingSlot(id int64) *int64 {
	if id <= 0 || id >= MaxQueues {
		return nil
	}
	return (*int64)(unsafe.Pointer(&c.mem[(MaxQueues+id)*8]))
}

// Pending returns how many messages of queue id the hub holds and has not
// yet sent to its socket. While there are any, a put must go behind them,
// through the hub: they were put by processes that have ended, and a put
// made after such an end (after join) must come out after their items, as
// it does in CPython, whose processes do not end before their items are in
// the pipe.
func (c *Counts) Pending(id int64) int64 {
	if p := c.pendingSlot(id); p != nil {
		return atomic.LoadInt64(p)
	}
	return 0
}

func (c *Counts) addPending(id, delta int64) {
	if p := c.pendingSlot(id); p != nil {
		atomic.AddInt64(p, delta)
	}
}

// Add adds delta to queue id's count.
func (c *Counts) Add(id, delta int64) {
	if p := c.slot(id); p != nil {
		atomic.AddInt64(p, delta)
	}
}

// Load returns queue id's count.
func (c *Counts) Load(id int64) int64 {
	if p := c.slot(id); p != nil {
		return atomic.LoadInt64(p)
	}
	return 0
}

// Close unmaps the table.
func (c *Counts) Close() error {
	syscall.Close(c.fd)
	return syscall.Munmap(c.mem)
}
