// Package pyerr defines the Python exceptions that starproc's builtins raise.
//
// Starlark has no exception objects: a builtin fails by returning a Go error,
// and the interpreter wraps it in a *starlark.EvalError with the call stack.
// A builtin that wants the user to see a Python exception — "KeyError: 'x'",
// "FileNotFoundError: [Errno 2] No such file or directory: 'nslookup'" —
// returns an *Error (possibly wrapped with %w); the host finds it with
// errors.As and prints the last line of the traceback from it. A Go program
// embedding starproc can do the same.
package pyerr

import (
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"syscall"

	"go.starlark.net/starlark"
)

// Error is a Python exception: its class name, its message, and the data a
// Python user could read from it (for example returncode and output of a
// subprocess.CalledProcessError). Attrs may be nil.
type Error struct {
	Type  string              // Python class name, e.g. "ValueError"
	Msg   string              // str(exc); empty prints just the class name
	Attrs starlark.StringDict // exception attributes, for Go hosts and repr
	Err   error               // underlying cause, if any
}

// Error returns the text of the traceback's last line, "Type: Msg".
func (e *Error) Error() string {
	if e.Msg == "" {
		return e.Type
	}
	return e.Type + ": " + e.Msg
}

// Unwrap returns the Go cause of the exception, if any.
func (e *Error) Unwrap() error { return e.Err }

// New returns an exception of class typ whose message is fmt.Sprintf(format, args...).
func New(typ, format string, args ...any) *Error {
	if len(args) == 0 {
		return &Error{Type: typ, Msg: format}
	}
	return &Error{Type: typ, Msg: fmt.Sprintf(format, args...)}
}

// TypeError, ValueError and friends are shorthands for New with that class.
func TypeError(format string, args ...any) *Error { return New("TypeError", format, args...) }

// ValueError returns a ValueError.
func ValueError(format string, args ...any) *Error { return New("ValueError", format, args...) }

// RuntimeError returns a RuntimeError.
func RuntimeError(format string, args ...any) *Error { return New("RuntimeError", format, args...) }

// SystemExit is raised by sys.exit and exit(): the run stops and the process
// exits with Code; a non-empty Msg (sys.exit('text')) is printed on stderr
// first and the code is 1.
type SystemExit struct {
	Code int
	Msg  string
	// Printed is true when Msg must be printed (sys.exit with a non-int argument).
	Printed bool
}

func (e *SystemExit) Error() string {
	if e.Printed {
		return "SystemExit: " + e.Msg
	}
	return fmt.Sprintf("SystemExit: %d", e.Code)
}

// Errno classes: the OSError subclass CPython raises for each errno.
var errnoClass = map[syscall.Errno]string{
	syscall.ENOENT:    "FileNotFoundError",
	syscall.EEXIST:    "FileExistsError",
	syscall.EACCES:    "PermissionError",
	syscall.EPERM:     "PermissionError",
	syscall.ENOTDIR:   "NotADirectoryError",
	syscall.EISDIR:    "IsADirectoryError",
	syscall.ESRCH:     "ProcessLookupError",
	syscall.ECHILD:    "ChildProcessError",
	syscall.EPIPE:     "BrokenPipeError",
	syscall.EINTR:     "InterruptedError",
	syscall.EAGAIN:    "BlockingIOError",
	syscall.ETIMEDOUT: "TimeoutError",
}

// Errno messages as CPython (glibc strerror) words them; Go's differ in case.
var errnoText = map[syscall.Errno]string{
	syscall.ENOENT:  "No such file or directory",
	syscall.EACCES:  "Permission denied",
	syscall.EPERM:   "Operation not permitted",
	syscall.ENOTDIR: "Not a directory",
	syscall.EISDIR:  "Is a directory",
	syscall.ESRCH:   "No such process",
	syscall.ECHILD:  "No child processes",
	syscall.EEXIST:  "File exists",
	syscall.EPIPE:   "Broken pipe",
	syscall.ENOEXEC: "Exec format error",
	syscall.EINVAL:  "Invalid argument",
	syscall.EBADF:   "Bad file descriptor",
}

// Errno returns the errno carried by err, or 0.
func Errno(err error) syscall.Errno {
	var en syscall.Errno
	if errors.As(err, &en) {
		return en
	}
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		return syscall.ENOENT
	}
	if errors.Is(err, fs.ErrPermission) {
		return syscall.EACCES
	}
	return 0
}

// OSError converts a Go error from the operating system into the Python
// exception CPython raises for it, e.g.
// "FileNotFoundError: [Errno 2] No such file or directory: 'x.txt'".
// filename is shown quoted when it is not empty.
func OSError(err error, filename string) *Error {
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	en := Errno(err)
	if en == 0 {
		return &Error{Type: "OSError", Msg: err.Error(), Err: err}
	}
	class, ok := errnoClass[en]
	if !ok {
		class = "OSError"
	}
	text, ok := errnoText[en]
	if !ok {
		text = en.Error()
		if text != "" {
			text = strings.ToUpper(text[:1]) + text[1:]
		}
	}
	msg := fmt.Sprintf("[Errno %d] %s", int(en), text)
	if filename != "" {
		msg += ": " + quote(filename)
	}
	return &Error{Type: class, Msg: msg, Err: err,
		Attrs: starlark.StringDict{"errno": starlark.MakeInt(int(en)), "strerror": starlark.String(text)}}
}

// quote is Python's repr of a plain str, good enough for file names.
func quote(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}
