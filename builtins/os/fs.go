package os

import (
	"os"
	"path/filepath"
	"syscall"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// pathArg converts a path argument of function fn the way CPython's
// path_converter does; fdOK says whether the function also takes an fd,
// which changes the wording of the TypeError.
func pathArg(fn string, v starlark.Value, fdOK bool) (string, bool, error) {
	switch v := v.(type) {
	case starlark.String:
		return string(v), false, nil
	case starlark.Bytes:
		return string(v), true, nil
	}
	if fdOK {
		return "", false, pyerr.TypeError("%s: path should be string, bytes, os.PathLike or integer, not %s", fn, pyType(v))
	}
	return "", false, pyerr.TypeError("%s: path should be string, bytes or os.PathLike, not %s", fn, pyType(v))
}

// pathValue returns s as the kind of value the user passed: str or bytes.
func pathValue(s string, asBytes bool) starlark.Value {
	if asBytes {
		return starlark.Bytes(s)
	}
	return starlark.String(s)
}

// def getcwd()
func getcwd(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.String(runtime.Of(thread).Cwd), nil
}

// def chdir(path)
//
// It changes the run's working directory, never the Go process's, after
// checking the directory as chdir(2) would. getcwd() then shows the
// physical path, symbolic links resolved, as getcwd(3) does.
func chdir(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
		return nil, err
	}
	path, _, err := pathArg("chdir", pv, true)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	dir, err := runtime.Effect(thread, "os.chdir", func() (starlark.Value, error) {
		full := st.Path(path)
		var s syscall.Stat_t
		if err := syscall.Stat(full, &s); err != nil {
			return nil, pyerr.OSError(err, path)
		}
		if s.Mode&syscall.S_IFMT != syscall.S_IFDIR {
			return nil, pyerr.OSError(syscall.ENOTDIR, path)
		}
		if err := syscall.Access(full, 1); err != nil { // search permission
			return nil, pyerr.OSError(err, path)
		}
		if real, err := filepath.EvalSymlinks(full); err == nil {
			full = real
		}
		return starlark.String(filepath.Clean(full)), nil
	})
	if err != nil {
		return nil, err
	}
	st.Cwd = string(dir.(starlark.String))
	return starlark.None, nil
}

// def listdir(path='.')
//
// The names come in the directory's own order, as readdir(3) gives them,
// not sorted: the order CPython shows.
func listdir(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value = starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "path?", &pv); err != nil {
		return nil, err
	}
	path, asBytes := ".", false
	if pv != starlark.None {
		var err error
		if path, asBytes, err = pathArg("listdir", pv, true); err != nil {
			return nil, err
		}
	}
	st := runtime.Of(thread)
	return runtime.Effect(thread, "os.listdir", func() (starlark.Value, error) {
		f, err := os.Open(st.Path(path))
		if err != nil {
			return nil, pyerr.OSError(err, path)
		}
		defer f.Close()
		names, err := f.Readdirnames(-1)
		if err != nil {
			return nil, pyerr.OSError(err, path)
		}
		out := make([]starlark.Value, len(names))
		for i, n := range names {
			out[i] = pathValue(n, asBytes)
		}
		return starlark.NewList(out), nil
	})
}

// fsEffect journals a change to the file system, whose result is None.
func fsEffect(thread *starlark.Thread, kind string, fn func() error) (starlark.Value, error) {
	return runtime.Effect(thread, kind, func() (starlark.Value, error) {
		if err := fn(); err != nil {
			return nil, err
		}
		return starlark.None, nil
	})
}

// def mkdir(path, mode=0o777)
func mkdir(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	mode := 0o777
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "path", &pv, "mode?", &mode); err != nil {
		return nil, err
	}
	path, _, err := pathArg("mkdir", pv, false)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return fsEffect(thread, "os.mkdir", func() error {
		if err := syscall.Mkdir(st.Path(path), uint32(mode)); err != nil {
			return pyerr.OSError(err, path)
		}
		return nil
	})
}

// def makedirs(name, mode=0o777, exist_ok=False)
func makedirs(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	mode := 0o777
	existOK := false
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name", &pv, "mode?", &mode, "exist_ok?", &existOK); err != nil {
		return nil, err
	}
	name, _, err := pathArg("mkdir", pv, false)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return fsEffect(thread, "os.makedirs", func() error { return mkdirs(st, name, uint32(mode), existOK) })
}

// mkdirs is CPython's os.makedirs, step for step, so that its errors name
// the same path.
func mkdirs(st *runtime.State, name string, mode uint32, existOK bool) error {
	head, tail := splitPath(name)
	if tail == "" {
		head, tail = splitPath(head)
	}
	if head != "" && tail != "" && !exists(st.Path(head)) {
		if err := mkdirs(st, head, mode, existOK); err != nil && pyerr.Errno(err) != syscall.EEXIST {
			return err
		}
		if tail == "." {
			return nil
		}
	}
	if err := syscall.Mkdir(st.Path(name), mode); err != nil {
		if !existOK || !isDir(st.Path(name)) {
			return pyerr.OSError(err, name)
		}
	}
	return nil
}

func exists(path string) bool {
	var s syscall.Stat_t
	return syscall.Stat(path, &s) == nil
}

func isDir(path string) bool {
	var s syscall.Stat_t
	return syscall.Stat(path, &s) == nil && s.Mode&syscall.S_IFMT == syscall.S_IFDIR
}

// onePath unpacks the single path argument of remove, unlink and rmdir.
func onePath(b *starlark.Builtin, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (string, error) {
	var pv starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "path", &pv); err != nil {
		return "", err
	}
	path, _, err := pathArg(fn, pv, false)
	return path, err
}

// def remove(path), def unlink(path)
//
// Only unlink(2): unlike Go's os.Remove it never removes a directory.
func remove(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "remove"
	if b.Name() == "os.unlink" {
		fn = "unlink"
	}
	path, err := onePath(b, fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return fsEffect(thread, "os.remove", func() error {
		if err := syscall.Unlink(st.Path(path)); err != nil {
			return pyerr.OSError(err, path)
		}
		return nil
	})
}

// def rmdir(path)
func rmdir(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	path, err := onePath(b, "rmdir", args, kwargs)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return fsEffect(thread, "os.rmdir", func() error {
		if err := syscall.Rmdir(st.Path(path)); err != nil {
			return pyerr.OSError(err, path)
		}
		return nil
	})
}

// def rename(src, dst)
func rename(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sv, dv starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "src", &sv, "dst", &dv); err != nil {
		return nil, err
	}
	src, _, err := pathArg("rename", sv, false)
	if err != nil {
		return nil, err
	}
	dst, dstBytes, err := pathArg("rename", dv, false)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return fsEffect(thread, "os.rename", func() error {
		if err := syscall.Rename(st.Path(src), st.Path(dst)); err != nil {
			e := pyerr.OSError(err, src)
			e.Msg += " -> " + pyfmt.Repr(pathValue(dst, dstBytes))
			return e
		}
		return nil
	})
}
