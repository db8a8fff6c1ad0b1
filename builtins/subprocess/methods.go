package subprocess

import (
	"os"
	"syscall"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// poll is Popen.poll: the return code if the child has been reaped.
func (p *Popen) poll(thread *starlark.Thread) (starlark.Value, error) {
	if p.returncode != starlark.None {
		return p.returncode, nil
	}
	rc, err := runtime.Effect(thread, "subprocess.poll", func() (starlark.Value, error) {
		select {
		case <-p.exited:
			return starlark.MakeInt(p.exitCode), nil
		default:
			return starlark.None, nil
		}
	})
	if err != nil {
		return nil, err
	}
	p.returncode = rc
	return rc, nil
}

// wait is Popen.wait; timeout is the value the script passed (None, int or
// float), shown as given in TimeoutExpired's message.
func (p *Popen) wait(thread *starlark.Thread, timeout starlark.Value) (starlark.Value, error) {
	if p.returncode != starlark.None {
		return p.returncode, nil
	}
	d, err := parseTimeout(timeout)
	if err != nil {
		return nil, err
	}
	rc, err := runtime.Effect(thread, "subprocess.wait", func() (starlark.Value, error) {
		if p.waitExit(d) {
			return starlark.MakeInt(p.exitCode), nil
		}
		return starlark.None, nil
	})
	if err != nil {
		return nil, err
	}
	if rc == starlark.None {
		return nil, TimeoutExpired(p.args, timeout, starlark.None, starlark.None)
	}
	p.returncode = rc
	return rc, nil
}

// waitExit waits for the reaper, at most d when d is not nil; it reports
// whether the child has exited.
func (p *Popen) waitExit(d *time.Duration) bool {
	if d == nil {
		<-p.exited
		return true
	}
	t := time.NewTimer(max(*d, 0))
	defer t.Stop()
	select {
	case <-p.exited:
		return true
	case <-t.C:
		select {
		case <-p.exited:
			return true
		default:
			return false
		}
	}
}

// sendSignal is Popen.send_signal: nothing once the child has been reaped
// (its pid may belong to another process by then), as in CPython 3.11.
func (p *Popen) sendSignal(thread *starlark.Thread, sig syscall.Signal) error {
	if _, err := p.poll(thread); err != nil {
		return err
	}
	if p.returncode != starlark.None {
		return nil
	}
	_, err := runtime.Effect(thread, "subprocess.signal", func() (starlark.Value, error) {
		if err := p.proc.Signal(sig); err != nil && err != os.ErrProcessDone {
			if en := pyerr.Errno(err); en != 0 && en != syscall.ESRCH {
				return nil, pyerr.OSError(err, "")
			}
		}
		return starlark.None, nil
	})
	return err
}

// close closes the file objects over the pipes, as __exit__ does, through
// their own close method so that the script sees them closed.
func (p *Popen) close(thread *starlark.Thread) error {
	var first error
	for _, i := range []int{1, 2, 0} {
		if err := closeFile(thread, p.files[i]); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func closeFile(thread *starlark.Thread, f *pyio.File) error {
	if f == nil || f.Closed() {
		return nil
	}
	m, err := f.Attr("close")
	if err != nil || m == nil {
		return err
	}
	_, err = starlark.Call(thread, m, nil, nil)
	return err
}

// exit is __exit__: close the pipes and wait for the child, so no zombie
// is left behind.
func (p *Popen) exit(thread *starlark.Thread) error {
	cerr := p.close(thread)
	if _, err := p.wait(thread, starlark.None); err != nil {
		return err
	}
	return cerr
}

func receiver(b *starlark.Builtin) *Popen { return b.Receiver().(*Popen) }

// def poll()
func popenPoll(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return receiver(b).poll(thread)
}

// def wait(timeout=None)
func popenWait(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	timeout := starlark.Value(starlark.None)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return receiver(b).wait(thread, timeout)
}

// def send_signal(sig)
func popenSendSignal(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sig starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "sig", &sig); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	n, err := starlark.AsInt32(sig)
	if err != nil {
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyfmt.TypeName(sig))
	}
	if n <= 0 || n >= 65 {
		return nil, pyerr.OSError(syscall.EINVAL, "")
	}
	return starlark.None, receiver(b).sendSignal(thread, syscall.Signal(n))
}

// def kill()
func popenKill(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, receiver(b).sendSignal(thread, syscall.SIGKILL)
}

// def terminate()
func popenTerminate(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, receiver(b).sendSignal(thread, syscall.SIGTERM)
}

// def __enter__()
func popenEnter(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return receiver(b), nil
}

// def __exit__(exc_type, value, traceback)
func popenExit(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 || len(args) > 3 {
		return nil, pyerr.TypeError("__exit__() takes at most 3 arguments")
	}
	if err := receiver(b).exit(thread); err != nil {
		return nil, err
	}
	return starlark.None, nil
}
