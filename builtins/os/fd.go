package os

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// File-descriptor functions: os.pipe, read, write, close, fdopen, and the
// exec family, which fork tutorials use together (a pipe between parent and
// child; fork then exec). Descriptors the script opens are registered with
// the run, so a forked child inherits them at the same numbers.

// def pipe() -> (r, w)
func pipe(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return runtime.Effect(thread, "os.pipe", func() (starlark.Value, error) {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.Tuple{starlark.MakeInt(st.AddFd(r)), starlark.MakeInt(st.AddFd(w))}, nil
	})
}

// fdFile returns the script's *os.File for fd, or nil for a descriptor it
// did not open itself (0, 1, 2).
func fdFile(st *runtime.State, fd int) *os.File { return st.Fds[fd] }

// def read(fd, n) -> bytes
func read(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fd, n int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &fd, &n); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, pyerr.ValueError("negative length")
	}
	st := runtime.Of(thread)
	return runtime.Effect(thread, "os.read", func() (starlark.Value, error) {
		buf := make([]byte, n)
		var got int
		var err error
		if f := fdFile(st, fd); f != nil {
			got, err = f.Read(buf)
			if errors.Is(err, os.ErrClosed) {
				err = syscall.EBADF
			}
		} else {
			for {
				got, err = syscall.Read(fd, buf)
				if err != syscall.EINTR {
					break
				}
			}
		}
		if got == 0 && (err == nil || errors.Is(err, io.EOF)) {
			return starlark.Bytes(""), nil
		}
		if err != nil && got <= 0 {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.Bytes(buf[:got]), nil
	})
}

// def write(fd, data) -> int
func write(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fd int
	var data starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &fd, &data); err != nil {
		return nil, err
	}
	bs, ok := data.(starlark.Bytes)
	if !ok {
		return nil, pyerr.TypeError("a bytes-like object is required, not '%s'", pyfmt.TypeName(data))
	}
	st := runtime.Of(thread)
	return runtime.Effect(thread, "os.write", func() (starlark.Value, error) {
		var n int
		var err error
		if f := fdFile(st, fd); f != nil {
			n, err = f.Write([]byte(bs))
		} else {
			for {
				n, err = syscall.Write(fd, []byte(bs))
				if err != syscall.EINTR {
					break
				}
			}
		}
		if err != nil {
			if errors.Is(err, os.ErrClosed) {
				err = syscall.EBADF
			}
			return nil, pyerr.OSError(err, "")
		}
		return starlark.MakeInt(n), nil
	})
}

// def close(fd)
func closeFd(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fd int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &fd); err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	_, err := runtime.Effect(thread, "os.close", func() (starlark.Value, error) {
		if f := fdFile(st, fd); f != nil {
			delete(st.Fds, fd)
			if err := f.Close(); err != nil {
				return nil, pyerr.OSError(syscall.EBADF, "")
			}
			return starlark.None, nil
		}
		if err := syscall.Close(fd); err != nil {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.None, nil
	})
	if err != nil {
		return nil, err
	}
	return starlark.None, nil
}

// def fdopen(fd, mode='r', buffering=-1, encoding=None, ...)  is open(fd, ...)
func fdopen(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	st := runtime.Of(thread)
	if len(args) > 0 {
		if fd, err := starlark.AsInt32(args[0]); err == nil {
			if st.Replaying() && fd > 2 && st.Fds[fd] == nil {
				// A descriptor of the parent's that this replaying child
				// did not inherit (the parent's file object owned it at
				// the fork): the number may be one of this process's own
				// descriptors, which the file object would take and close.
				// Replayed reads never touch it, and output is gated, so a
				// stand-in does.
				args = append(starlark.Tuple{starlark.String(os.DevNull)}, args[1:]...)
			} else {
				// The file object now owns the descriptor.
				delete(st.Fds, fd)
			}
		}
	}
	return starlark.Call(thread, pyio.Open, args, kwargs)
}

// execProgram replaces this process with program, as execv(2) does: what was
// printed stays printed, the pid stays the same, and the script's own
// descriptors stay open.
func execProgram(thread *starlark.Thread, fn string, program string, argv starlark.Value, env []string, usePath bool) error {
	st := runtime.Of(thread)
	var args []string
	iter := starlark.Iterate(argv)
	if iter == nil {
		return pyerr.TypeError("%s() arg 2 must be a tuple or list", fn)
	}
	var x starlark.Value
	for iter.Next(&x) {
		s, ok := starlark.AsString(x)
		if !ok {
			iter.Done()
			return pyerr.TypeError("expected str, bytes or os.PathLike object, not %s", pyfmt.TypeName(x))
		}
		args = append(args, s)
	}
	iter.Done()
	if len(args) == 0 {
		return pyerr.ValueError("%s() arg 2 must not be empty", fn)
	}
	if st.Replaying() {
		return pyerr.RuntimeError("%s: a forked child cannot replay an exec", fn)
	}
	if env == nil {
		env = st.Env.Pairs()
	}
	path := program
	if usePath && !strings.Contains(program, "/") {
		path = ""
		dirs := "/bin:/usr/bin"
		if v, ok := st.Env.Get("PATH"); ok {
			dirs = v
		}
		for _, dir := range filepath.SplitList(dirs) {
			if dir == "" {
				dir = "."
			}
			cand := filepath.Join(st.Path(dir), program)
			if fi, err := os.Stat(cand); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
				path = cand
				break
			}
		}
		if path == "" {
			return pyerr.OSError(syscall.ENOENT, "")
		}
	} else {
		path = st.Path(program)
	}
	for fd := range st.Fds {
		// keep the script's descriptors across exec (F_SETFD 0)
		syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_SETFD, 0)
	}
	if err := os.Chdir(st.Cwd); err != nil {
		return pyerr.OSError(err, st.Cwd)
	}
	err := syscall.Exec(path, args, env)
	return pyerr.OSError(err, "")
}

// def execv(path, args)
func execv(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var path string
	var argv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &path, &argv); err != nil {
		return nil, err
	}
	return nil, execProgram(thread, "execv", path, argv, nil, false)
}

// def execvp(file, args)
func execvp(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var file string
	var argv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &file, &argv); err != nil {
		return nil, err
	}
	return nil, execProgram(thread, "execvp", file, argv, nil, true)
}

// def execl(path, *args) / execlp(file, *args)
func execl(usePath bool) builtinFunc {
	return func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if len(kwargs) > 0 || len(args) < 1 {
			return nil, pyerr.TypeError("%s() missing required argument 'path' (pos 1)", b.Name())
		}
		program, ok := starlark.AsString(args[0])
		if !ok {
			return nil, pyerr.TypeError("expected str, bytes or os.PathLike object, not %s", pyfmt.TypeName(args[0]))
		}
		return nil, execProgram(thread, strings.TrimPrefix(b.Name(), "os."), program, args[1:], nil, usePath)
	}
}
