package hub

import (
	"io"
	"os"
	"syscall"
	"time"
)

// Unix stream sockets on the syscall package and os.File's poller, not on
// package net: importing net makes a cgo, dynamically linked binary (its
// resolver), and the dynamic loader costs every child process
// milliseconds of its start.

// unixConn is one end of a connected Unix stream socket.
type unixConn struct {
	f  *os.File
	rc syscall.RawConn
}

// newUnixConn wraps a socket descriptor, which it owns from then on.
func newUnixConn(fd int) (*unixConn, error) {
	if err := syscall.SetNonblock(fd, true); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	f := os.NewFile(uintptr(fd), "unix")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &unixConn{f: f, rc: rc}, nil
}

// dialUnix connects to the socket at path.
func dialUnix(path string) (*unixConn, error) {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	for {
		err = syscall.Connect(fd, &syscall.SockaddrUnix{Name: path})
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		syscall.Close(fd)
		return nil, &os.PathError{Op: "dial", Path: path, Err: err}
	}
	return newUnixConn(fd)
}

func (c *unixConn) Read(p []byte) (int, error)  { return c.f.Read(p) }
func (c *unixConn) Write(p []byte) (int, error) { return c.f.Write(p) }
func (c *unixConn) Close() error                { return c.f.Close() }

// SetReadDeadline makes a read in progress or to come fail with
// os.ErrDeadlineExceeded once t has passed.
func (c *unixConn) SetReadDeadline(t time.Time) error { return c.f.SetReadDeadline(t) }

// ReadMsg reads bytes into p and control messages into oob, waiting for
// them; descriptors arrive close-on-exec. At the end of the stream it
// returns io.EOF, as Read does.
func (c *unixConn) ReadMsg(p, oob []byte) (n, oobn int, err error) {
	var serr error
	err = c.rc.Read(func(fd uintptr) bool {
		n, oobn, _, _, serr = syscall.Recvmsg(int(fd), p, oob, syscall.MSG_CMSG_CLOEXEC)
		return serr != syscall.EAGAIN
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return 0, 0, err
	}
	if n == 0 && len(p) > 0 {
		return 0, oobn, io.EOF
	}
	return n, oobn, nil
}

// WriteMsg writes all of p, the control message oob going with its first
// byte.
func (c *unixConn) WriteMsg(p, oob []byte) error {
	var n int
	var serr error
	err := c.rc.Write(func(fd uintptr) bool {
		n, serr = syscall.SendmsgN(int(fd), p, oob, nil, syscall.MSG_NOSIGNAL)
		return serr != syscall.EAGAIN
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	_, err = c.f.Write(p[n:])
	return err
}

// unixListener is a listening Unix stream socket.
type unixListener struct {
	f    *os.File
	rc   syscall.RawConn
	path string
}

// listenUnix listens on a new socket at path.
func listenUnix(path string) (*unixListener, error) {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC|syscall.SOCK_NONBLOCK, 0)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
		syscall.Close(fd)
		return nil, &os.PathError{Op: "listen", Path: path, Err: err}
	}
	if err := syscall.Listen(fd, syscall.SOMAXCONN); err != nil {
		syscall.Close(fd)
		return nil, &os.PathError{Op: "listen", Path: path, Err: err}
	}
	f := os.NewFile(uintptr(fd), path)
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &unixListener{f: f, rc: rc, path: path}, nil
}

// Accept waits for the next connection; after Close it fails.
func (l *unixListener) Accept() (*unixConn, error) {
	var nfd int
	var serr error
	err := l.rc.Read(func(fd uintptr) bool {
		nfd, _, serr = syscall.Accept4(int(fd), syscall.SOCK_CLOEXEC|syscall.SOCK_NONBLOCK)
		return serr != syscall.EAGAIN
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	return newUnixConn(nfd)
}

// Close stops listening.
func (l *unixListener) Close() error { return l.f.Close() }

// Touch connects to the hub at addr and hangs up at once, saying nothing,
// which the hub ignores: a spare child does it while it waits for work, so
// that the code of a connection is in memory when it needs it.
func Touch(addr string) {
	if c, err := dialUnix(addr); err == nil {
		c.Close()
	}
}
