package pyio

import (
	"io"
	"os"
	"strings"
	"syscall"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// Open implements the built-in
//
//	def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)
//
// file is a path (str or bytes, relative to the script's working
// directory) or an open file descriptor (int).
var Open = starlark.NewBuiltin("open", open)

// openMode is a parsed mode string.
type openMode struct {
	creating, reading, writing, appending, plus, binary, text bool
}

// parseMode checks mode exactly as CPython's io.open does, with its messages.
func parseMode(mode string) (openMode, error) {
	var m openMode
	seen := map[rune]bool{}
	for _, c := range mode {
		if seen[c] || !strings.ContainsRune("axrwb+t", c) {
			return m, pyerr.ValueError("invalid mode: %s", quote(mode))
		}
		seen[c] = true
	}
	m = openMode{creating: seen['x'], reading: seen['r'], writing: seen['w'], appending: seen['a'],
		plus: seen['+'], binary: seen['b'], text: seen['t']}
	if m.text && m.binary {
		return m, pyerr.ValueError("can't have text and binary mode at once")
	}
	n := 0
	for _, b := range []bool{m.creating, m.reading, m.writing, m.appending} {
		if b {
			n++
		}
	}
	if n > 1 {
		return m, pyerr.ValueError("must have exactly one of create/read/write/append mode")
	}
	if n == 0 {
		return m, pyerr.ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
	}
	return m, nil
}

// flags returns the open(2) flags for the mode.
func (m openMode) flags() int {
	var fl int
	switch {
	case m.creating:
		fl = os.O_CREATE | os.O_EXCL
	case m.writing:
		fl = os.O_CREATE | os.O_TRUNC
	case m.appending:
		fl = os.O_CREATE | os.O_APPEND
	}
	switch {
	case m.plus:
		fl |= os.O_RDWR
	case m.reading:
		fl |= os.O_RDONLY
	default:
		fl |= os.O_WRONLY
	}
	return fl
}

func (m openMode) readable() bool { return m.reading || m.plus }
func (m openMode) writable() bool { return !m.reading || m.plus }

// binaryMode is the .mode CPython shows for a binary file (FileIO's mode).
func (m openMode) binaryMode() string {
	switch {
	case m.creating:
		return "xb" + plusIf(m.readable())
	case m.appending:
		return "ab" + plusIf(m.readable())
	case m.readable():
		return "rb" + plusIf(m.writable())
	}
	return "wb"
}

func plusIf(b bool) string {
	if b {
		return "+"
	}
	return ""
}

// optString unpacks an optional str argument of open().
func optString(name string, v starlark.Value) (string, bool, error) {
	switch v := v.(type) {
	case nil, starlark.NoneType:
		return "", false, nil
	case starlark.String:
		return string(v), true, nil
	}
	return "", false, pyerr.TypeError("open() argument '%s' must be str or None, not %s", name, pyType(v))
}

func open(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var file, modev, bufv, encv, errv, nlv, closefdv, opener starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "file", &file, "mode?", &modev,
		"buffering?", &bufv, "encoding?", &encv, "errors?", &errv, "newline?", &nlv,
		"closefd?", &closefdv, "opener?", &opener); err != nil {
		return nil, err
	}
	mode := "r"
	if modev != nil {
		s, ok := modev.(starlark.String)
		if !ok {
			return nil, pyerr.TypeError("open() argument 'mode' must be str, not %s", pyType(modev))
		}
		mode = string(s)
	}
	buffering := -1
	if bufv != nil {
		if err := starlark.AsInt(bufv, &buffering); err != nil {
			return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyType(bufv))
		}
	}
	encoding, hasEnc, err := optString("encoding", encv)
	if err != nil {
		return nil, err
	}
	errorsArg, hasErrors, err := optString("errors", errv)
	if err != nil {
		return nil, err
	}
	newline, hasNL, err := optString("newline", nlv)
	if err != nil {
		return nil, err
	}
	if opener != nil && opener != starlark.None {
		return nil, pyerr.TypeError("open() does not support an opener")
	}
	closefd := closefdv == nil || bool(closefdv.Truth())

	m, err := parseMode(mode)
	if err != nil {
		return nil, err
	}
	switch {
	case m.binary && hasEnc:
		return nil, pyerr.ValueError("binary mode doesn't take an encoding argument")
	case m.binary && hasErrors:
		return nil, pyerr.ValueError("binary mode doesn't take an errors argument")
	case m.binary && hasNL:
		return nil, pyerr.ValueError("binary mode doesn't take a newline argument")
	}

	if !closefd {
		if _, ok := file.(starlark.Int); !ok {
			return nil, pyerr.ValueError("Cannot use closefd=False with file name")
		}
	}
	osf, fileno, err := openFile(thread, file, m, closefd)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (starlark.Value, error) {
		osf.Close()
		return nil, err
	}
	if buffering == 0 && !m.binary {
		return fail(pyerr.ValueError("can't have unbuffered text I/O"))
	}
	if m.appending {
		// CPython starts an appending file at its end, so tell() and a+
		// reads see the end, not 0.
		osf.Seek(0, io.SeekEnd)
	}
	var r io.Reader
	var w io.Writer
	if m.readable() {
		r = osf
	}
	if m.writable() {
		w = osf
	}
	if m.binary {
		f := New(file, m.binaryMode(), r, w, osf, "")
		f.osf, f.fileno = osf, fileno
		return f.Bind(thread), nil
	}
	if !hasEnc {
		encoding = "UTF-8"
	}
	cd, err := lookupCodec(encoding)
	if err != nil {
		return fail(err)
	}
	f := New(file, mode, r, w, osf, encoding)
	f.osf, f.fileno = osf, fileno
	f.text.codec = cd
	if hasErrors {
		f.text.errors = errorsArg
	}
	if err := f.text.setNewline(newline, hasNL); err != nil {
		return fail(err)
	}
	return f.Bind(thread), nil
}

// openFile opens the OS file open() names: a path or a file descriptor.
func openFile(thread *starlark.Thread, file starlark.Value, m openMode, closefd bool) (*os.File, int, error) {
	var path string
	switch v := file.(type) {
	case starlark.String:
		path = string(v)
	case starlark.Bytes:
		path = string(v)
	case starlark.Int:
		fd, ok := v.Int64()
		if !ok || fd > 1<<31-1 {
			return nil, -1, pyerr.New("OverflowError", "signed integer is greater than maximum")
		}
		if fd < 0 {
			return nil, -1, pyerr.ValueError("negative file descriptor")
		}
		var st syscall.Stat_t
		if err := syscall.Fstat(int(fd), &st); err != nil {
			return nil, -1, pyerr.OSError(err, "")
		}
		if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
			return nil, -1, pyerr.OSError(syscall.EISDIR, "")
		}
		if !closefd {
			// The fd must outlive the file object, but an *os.File closes
			// its fd when collected: wrap a duplicate instead, which close()
			// may close, and show the original number as fileno().
			dup, err := syscall.Dup(int(fd))
			if err != nil {
				return nil, -1, pyerr.OSError(err, "")
			}
			syscall.CloseOnExec(dup)
			return os.NewFile(uintptr(dup), ""), int(fd), nil
		}
		return os.NewFile(uintptr(fd), ""), int(fd), nil
	default:
		return nil, -1, pyerr.TypeError("expected str, bytes or os.PathLike object, not %s", pyType(file))
	}
	if path == "" {
		return nil, -1, pyerr.OSError(syscall.ENOENT, "")
	}
	flags := m.flags()
	if runtime.Of(thread).Replaying() && flags&(os.O_TRUNC|os.O_EXCL) != 0 {
		// A forked child replaying its parent's past must not truncate or
		// refuse a file its parent created: it reopens it to append, the
		// nearest it can come to sharing the parent's descriptor.
		flags = flags&^(os.O_TRUNC|os.O_EXCL) | os.O_APPEND
	}
	f, err := os.OpenFile(runtime.Of(thread).Path(path), flags, 0o666)
	if err != nil {
		return nil, -1, pyerr.OSError(err, path)
	}
	// open(2) lets O_RDONLY open a directory; CPython refuses it.
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, -1, pyerr.OSError(syscall.EISDIR, path)
	}
	return f, -1, nil
}

// quote is Python's repr of a str without needing pyfmt for a mode string.
func quote(s string) string {
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}
