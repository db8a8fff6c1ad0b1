package multiprocessing

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// poll is Popen.poll(): the child's exit code if it has ended (reaping it),
// else None. The code is kept once known, as CPython's returncode is.
func (p *Process) poll(thread *starlark.Thread) (starlark.Value, error) {
	if p.exitcode != nil {
		return p.exitcode, nil
	}
	v, err := runtime.Effect(thread, "multiprocessing.poll", func() (starlark.Value, error) {
		return waitExitcode(p.pid, syscall.WNOHANG), nil
	})
	if err != nil {
		return nil, err
	}
	if v != starlark.None {
		p.exitcode = v
	}
	return v, nil
}

// wait is Popen.wait(timeout): the exit code, or None if the child is
// still running when the timeout passes.
func (p *Process) wait(thread *starlark.Thread, timeout starlark.Value) (starlark.Value, error) {
	if p.exitcode != nil {
		return p.exitcode, nil
	}
	st := runtime.Of(thread)
	var d time.Duration
	if timeout != starlark.None {
		f, ok := starlark.AsFloat(timeout)
		if !ok {
			return nil, pyerr.TypeError("'<' not supported between instances of '%s' and 'int'", pyfmt.TypeName(timeout))
		}
		d = time.Duration(f * float64(time.Second))
	}
	v, err := runtime.Effect(thread, "multiprocessing.join", func() (starlark.Value, error) {
		if timeout == starlark.None {
			return waitBlocking(st, p.pid)
		}
		return waitTimeout(st, p.pid, d)
	})
	if err != nil {
		return nil, err
	}
	if v != starlark.None {
		p.exitcode = v
	}
	return v, nil
}

// waitExitcode waits for child pid with wait4's options and returns its
// exit code as multiprocessing reports it (-signum when a signal killed
// it), or None when it has not ended or is not this process's child (a
// Popen.poll that catches OSError).
func waitExitcode(pid, options int) starlark.Value {
	var ws syscall.WaitStatus
	for {
		got, err := syscall.Wait4(pid, &ws, options, nil)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil || got != pid {
			return starlark.None
		}
		switch {
		case ws.Exited():
			return starlark.MakeInt(ws.ExitStatus())
		case ws.Signaled():
			return starlark.MakeInt(-int(ws.Signal()))
		}
		// Stopped or continued: not an end; wait4 without WUNTRACED does
		// not report these, so this is only for safety.
		if options&syscall.WNOHANG != 0 {
			return starlark.None
		}
	}
}

// waitBlocking waits for the child to end; an interrupt (Ctrl-C) stops the
// wait, not the child. The wait runs in its own goroutine because wait4
// cannot be cancelled; after an interrupt the script is ending anyway.
func waitBlocking(st *runtime.State, pid int) (starlark.Value, error) {
	ch := make(chan starlark.Value, 1)
	go func() { ch <- waitExitcode(pid, 0) }()
	select {
	case v := <-ch:
		return v, nil
	case <-st.InterruptC():
		return nil, runtime.ErrInterrupted
	}
}

// waitTimeout polls the child until it ends or d passes. Polling, not a
// blocking wait that is abandoned: an abandoned wait4 would later reap the
// child and steal its status from the next join.
func waitTimeout(st *runtime.State, pid int, d time.Duration) (starlark.Value, error) {
	deadline := time.Now().Add(d)
	pause := 500 * time.Microsecond
	for {
		if v := waitExitcode(pid, syscall.WNOHANG); v != starlark.None {
			return v, nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return starlark.None, nil
		}
		if pause > left {
			pause = left
		}
		t := time.NewTimer(pause)
		select {
		case <-t.C:
		case <-st.InterruptC():
			t.Stop()
			return nil, runtime.ErrInterrupted
		}
		if pause < 20*time.Millisecond {
			pause *= 2
		}
	}
}

// signal sends sig to a child that is not known to have ended, as
// Popen._send_signal does; a child already gone is no error.
func (p *Process) signal(thread *starlark.Thread, kind string, sig int) error {
	if p.exitcode != nil {
		return nil
	}
	_, err := runtime.Effect(thread, kind, func() (starlark.Value, error) {
		err := syscall.Kill(p.pid, syscall.Signal(sig))
		if err != nil && !errors.Is(err, syscall.ESRCH) {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.None, nil
	})
	return err
}

// parentAlive reports whether process pid still runs (not ended, not a
// zombie): _ParentProcess.is_alive, which CPython answers from a pipe the
// parent holds.
func parentAlive(thread *starlark.Thread, pid int) (bool, error) {
	v, err := runtime.Effect(thread, "multiprocessing.parent_alive", func() (starlark.Value, error) {
		return starlark.Bool(procAlive(pid)), nil
	})
	if err != nil {
		return false, err
	}
	return v == starlark.True, nil
}

func procAlive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	// The state follows the command name, which is in parentheses.
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z' && s[i+2] != 'X'
	}
	return true
}

// waitParent is _ParentProcess.join(timeout): wait until the parent ends.
func (p *Process) waitParent(thread *starlark.Thread, timeout starlark.Value) error {
	st := runtime.Of(thread)
	deadline := time.Time{}
	if timeout != starlark.None {
		f, ok := starlark.AsFloat(timeout)
		if !ok {
			return pyerr.TypeError("'<' not supported between instances of '%s' and 'int'", pyfmt.TypeName(timeout))
		}
		deadline = time.Now().Add(time.Duration(f * float64(time.Second)))
	}
	_, err := runtime.Effect(thread, "multiprocessing.parent_join", func() (starlark.Value, error) {
		for procAlive(p.pid) {
			if !deadline.IsZero() && !time.Now().Before(deadline) {
				break
			}
			select {
			case <-time.After(10 * time.Millisecond):
			case <-st.InterruptC():
				return nil, runtime.ErrInterrupted
			}
		}
		return starlark.None, nil
	})
	return err
}
