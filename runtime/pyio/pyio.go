// Package pyio implements Python's file objects (io.TextIOWrapper,
// io.BufferedReader, io.BufferedWriter, io.BufferedRandom) as Starlark
// values, and the built-in open().
//
// Two decisions differ from CPython on purpose (DESIGN.md, "Output"):
//
//   - Writes are not buffered: each write() is exactly one Write on the
//     underlying writer, so output interleaves whole with that of child
//     processes and nothing sits in a buffer across a fork or an exec.
//     flush() is therefore a no-op that only checks the file is open.
//   - Every read's result passes through runtime.Effect under the kind
//     "file.read", and every write's count under "file.write", so that a
//     forked child can replay them from the journal.
//
// Reads are buffered (bufio) like CPython's; a file that is both readable
// and writable discards its read-ahead before a write: a binary file first
// seeks back to its logical position, a text file writes at the position
// after its read-ahead, which is what CPython's TextIOWrapper does too.
//
// A Starlark iterator cannot fail, so iterating over a closed file (or a
// file whose bytes do not decode) cancels the thread with the Python error
// as the reason: the run still stops at the user's line with the Python
// message, only not as a *pyerr.Error.
package pyio

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strings"
	"syscall"
	"unsafe"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// File is a Python file object: text or binary, over a file, a pipe or a stream.
type File struct {
	name   starlark.Value // str path, bytes path or int fd
	mode   string         // the .mode attribute
	binary bool

	r   *bufio.Reader // read-ahead over src; nil when not readable
	src io.Reader
	w   io.Writer // nil when not writable
	c   io.Closer // nil when close only marks the file closed
	osf *os.File  // the underlying OS file, if any
	// fileno overrides osf's descriptor number when osf is a duplicate
	// (open(fd, closefd=False)); -1 otherwise.
	fileno int

	closed bool
	text   textConfig

	// thread is the thread that last used the file; iteration has no
	// thread argument but its reads must still go through the journal.
	thread *starlark.Thread
}

var (
	_ starlark.HasAttrs = (*File)(nil)
	_ starlark.Iterable = (*File)(nil)
	_ pyfmt.Reprer      = (*File)(nil)
)

// New returns a file object. name is what Python shows as its name (a str
// path, or an int file descriptor for pipes); mode is Python's mode string
// ("r", "w", "a", "rb", "wb", "r+", ...): text unless it contains 'b'. r, w
// and c may each be nil when the file cannot read, write or close.
// encoding is used in text mode ("" means UTF-8).
func New(name starlark.Value, mode string, r io.Reader, w io.Writer, c io.Closer, encoding string) *File {
	f := &File{name: name, mode: mode, binary: strings.ContainsRune(mode, 'b'), src: r, w: w, c: c, fileno: -1}
	if encoding == "" {
		encoding = "UTF-8"
	}
	cd, err := lookupCodec(encoding)
	if err != nil {
		cd = utf8Codec
	}
	f.text = textConfig{encoding: encoding, codec: cd, errors: "strict"}
	f.text.setNewline("", false)
	if r != nil {
		size := 4096
		if !f.binary {
			size = 8192 // TextIOWrapper's chunk size: where a write after a read lands
		}
		if br, ok := r.(*bufio.Reader); ok {
			// A reader the host shares (stdin between sys.stdin and
			// input()) must not gain a second read-ahead of its own.
			f.r = br
		} else {
			f.r = bufio.NewReaderSize(r, size)
		}
	}
	for _, x := range []any{r, w, c} {
		if of, ok := x.(*os.File); ok && of != nil {
			f.osf = of
			break
		}
	}
	return f
}

// Stdin returns sys.stdin over r: text, named '<stdin>'.
func Stdin(r io.Reader) *File { return New(starlark.String("<stdin>"), "r", r, nil, nil, "utf-8") }

// Stdout returns sys.stdout over w: text, named '<stdout>'.
func Stdout(w io.Writer) *File { return New(starlark.String("<stdout>"), "w", nil, w, nil, "utf-8") }

// Stderr returns sys.stderr over w: text, named '<stderr>'.
func Stderr(w io.Writer) *File { return New(starlark.String("<stderr>"), "w", nil, w, nil, "utf-8") }

// Bind records thread as the thread using f, so that iteration (which has
// no thread of its own) journals its reads there. Open binds the file to
// the thread that opened it and every method call rebinds it.
func (f *File) Bind(thread *starlark.Thread) *File {
	f.thread = thread
	return f
}

// File returns the underlying *os.File, or nil when the file object is over
// some other reader or writer. A child process can inherit it as a stream.
func (f *File) File() *os.File { return f.osf }

// Closed reports whether close() was called.
func (f *File) Closed() bool { return f.closed }

// Binary reports whether f reads and writes bytes rather than str.
func (f *File) Binary() bool { return f.binary }

// Type returns the Python class name, e.g. "_io.TextIOWrapper".
func (f *File) Type() string {
	switch {
	case !f.binary:
		return "_io.TextIOWrapper"
	case f.r != nil && f.w != nil:
		return "_io.BufferedRandom"
	case f.r != nil:
		return "_io.BufferedReader"
	}
	return "_io.BufferedWriter"
}

// PyRepr returns CPython's repr, e.g. <_io.TextIOWrapper name='x.txt' mode='r' encoding='UTF-8'>.
func (f *File) PyRepr() string {
	if f.binary {
		return fmt.Sprintf("<%s name=%s>", f.Type(), pyfmt.Repr(f.name))
	}
	return fmt.Sprintf("<%s name=%s mode=%s encoding=%s>", f.Type(), pyfmt.Repr(f.name),
		pyfmt.Repr(starlark.String(f.mode)), pyfmt.Repr(starlark.String(f.text.encoding)))
}

func (f *File) String() string       { return f.PyRepr() }
func (f *File) Freeze()              {}
func (f *File) Truth() starlark.Bool { return true }

// Hash lets a file be a dict key or set element, as in Python (equality is
// identity); the hash is derived from the name, never from an address.
func (f *File) Hash() (uint32, error) {
	h := fnv.New32a()
	h.Write([]byte(f.name.String()))
	h.Write([]byte(f.mode))
	return h.Sum32(), nil
}

// Attr returns a data attribute or a bound method.
func (f *File) Attr(name string) (starlark.Value, error) {
	switch name {
	case "closed":
		return starlark.Bool(f.closed), nil
	case "name":
		return f.name, nil
	case "mode":
		return starlark.String(f.mode), nil
	}
	if !f.binary {
		switch name {
		case "encoding":
			return starlark.String(f.text.encoding), nil
		case "errors":
			return starlark.String(f.text.errors), nil
		case "line_buffering":
			return starlark.False, nil
		case "newlines":
			return starlark.None, nil
		}
	}
	if m, ok := methods[name]; ok {
		return m.BindReceiver(f), nil
	}
	return nil, nil
}

// AttrNames lists the attributes in sorted order.
func (f *File) AttrNames() []string {
	names := []string{"closed", "mode", "name"}
	if !f.binary {
		names = append(names, "encoding", "errors", "line_buffering", "newlines")
	}
	for name := range methods {
		names = append(names, name)
	}
	return sortedUnique(names)
}

// Iterate yields the lines of the file, each read journaled on the thread
// the file was last used with.
func (f *File) Iterate() starlark.Iterator { return &lineIterator{f: f} }

type lineIterator struct{ f *File }

func (it *lineIterator) Next(p *starlark.Value) bool {
	f := it.f
	v, err := f.readlineEffect(f.thread, -1, "")
	if err != nil {
		// An iterator cannot return an error; cancelling stops the run at
		// this loop with the Python message (see the package comment).
		if f.thread != nil {
			f.thread.Cancel(err.Error())
		}
		return false
	}
	if textLen(v) == 0 {
		return false
	}
	*p = v
	return true
}

func (it *lineIterator) Done() {}

// WriteText writes s as one Write, as print(..., file=f) must: the text is
// encoded and newline-translated like write(s). It fails as write() does on
// a closed or unwritable file.
func (f *File) WriteText(thread *starlark.Thread, s string) error {
	if f.binary {
		_, err := f.writeEffect(thread, starlark.Bytes(s))
		return err
	}
	_, err := f.writeEffect(thread, starlark.String(s))
	return err
}

// unsupported returns io.UnsupportedOperation, as CPython names it in a traceback.
func unsupported(msg string) error { return pyerr.New("io.UnsupportedOperation", "%s", msg) }

// closedErr is the error for an operation on a closed file. CPython's
// wording varies by class and method; the text says which.
func closedErr(msg string) error { return pyerr.ValueError("%s", msg) }

func (f *File) checkClosed(msg string) error {
	if f.closed {
		return closedErr(msg)
	}
	return nil
}

// fd returns the file descriptor without switching the file to blocking
// mode (os.File.Fd would).
func (f *File) fd() (int, bool) {
	if f.osf == nil {
		return -1, false
	}
	if f.fileno >= 0 {
		return f.fileno, true
	}
	sc, err := f.osf.SyscallConn()
	if err != nil {
		return -1, false
	}
	fd := -1
	if err := sc.Control(func(u uintptr) { fd = int(u) }); err != nil {
		return -1, false
	}
	return fd, fd >= 0
}

// isatty reports whether fd is a terminal (the TCGETS ioctl succeeds).
func isatty(fd int) bool {
	var t syscall.Termios
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return e == 0
}

// seeker returns what seek and tell move, or nil for a stream.
func (f *File) seeker() io.Seeker {
	if f.osf != nil {
		return f.osf
	}
	for _, x := range []any{f.src, f.w} {
		if s, ok := x.(io.Seeker); ok {
			return s
		}
	}
	return nil
}

// dropReadAhead forgets the read-ahead before a write or a seek. A binary
// file first moves the OS position back to the logical position; a text
// file does not (see the package comment).
func (f *File) dropReadAhead(rewind bool) error {
	if f.r == nil || f.r.Buffered() == 0 {
		return nil
	}
	if rewind {
		if s := f.seeker(); s != nil {
			if _, err := s.Seek(int64(-f.r.Buffered()), io.SeekCurrent); err != nil {
				return pyerr.OSError(err, "")
			}
		}
	}
	f.r.Discard(f.r.Buffered())
	return nil
}

// pyType is the Python class name of a value, for TypeError messages.
func pyType(v starlark.Value) string { return pyfmt.TypeName(v) }
