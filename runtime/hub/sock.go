package hub

import (
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

// SendMsg sends msg as one message on a SOCK_SEQPACKET socket without
// waiting: syscall.EAGAIN says the socket has no room.
func SendMsg(fd int, msg []byte) error {
	return syscall.Sendto(fd, msg, syscall.MSG_DONTWAIT|syscall.MSG_NOSIGNAL, nil)
}

// RecvMsg receives one message into buf without waiting: syscall.EAGAIN
// says there is none. A message longer than buf is an error.
func RecvMsg(fd int, buf []byte) (int, error) {
	var p unsafe.Pointer
	if len(buf) > 0 {
		p = unsafe.Pointer(&buf[0])
	}
	n, _, e := syscall.Syscall6(syscall.SYS_RECVFROM, uintptr(fd), uintptr(p), uintptr(len(buf)),
		syscall.MSG_DONTWAIT|syscall.MSG_TRUNC, 0, 0)
	if e != 0 {
		return 0, e
	}
	if int(n) > len(buf) {
		return 0, syscall.EMSGSIZE
	}
	return int(n), nil
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
