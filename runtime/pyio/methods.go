package pyio

import (
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// methods are the file methods, bound to their file by Attr.
var methods = map[string]*starlark.Builtin{
	"read":       starlark.NewBuiltin("read", fileRead),
	"readline":   starlark.NewBuiltin("readline", fileReadline),
	"readlines":  starlark.NewBuiltin("readlines", fileReadlines),
	"write":      starlark.NewBuiltin("write", fileWrite),
	"writelines": starlark.NewBuiltin("writelines", fileWritelines),
	"flush":      starlark.NewBuiltin("flush", fileFlush),
	"close":      starlark.NewBuiltin("close", fileClose),
	"fileno":     starlark.NewBuiltin("fileno", fileFileno),
	"isatty":     starlark.NewBuiltin("isatty", fileIsatty),
	"readable":   starlark.NewBuiltin("readable", fileReadable),
	"writable":   starlark.NewBuiltin("writable", fileWritable),
	"seekable":   starlark.NewBuiltin("seekable", fileSeekable),
	"seek":       starlark.NewBuiltin("seek", fileSeek),
	"tell":       starlark.NewBuiltin("tell", fileTell),
	"truncate":   starlark.NewBuiltin("truncate", fileTruncate),
	"__enter__":  starlark.NewBuiltin("__enter__", fileEnter),
	"__exit__":   starlark.NewBuiltin("__exit__", fileExit),
}

func sortedUnique(names []string) []string {
	sort.Strings(names)
	out := names[:0]
	for i, n := range names {
		if i == 0 || n != names[i-1] {
			out = append(out, n)
		}
	}
	return out
}

// receiver returns the file a method is bound to, bound to thread.
func receiver(thread *starlark.Thread, b *starlark.Builtin) *File {
	return b.Receiver().(*File).Bind(thread)
}

// sizeArg converts read's size argument: an int, or None for -1.
func sizeArg(v starlark.Value) (int, error) {
	if v == nil || v == starlark.None {
		return -1, nil
	}
	i, ok := v.(starlark.Int)
	if !ok {
		return 0, pyerr.TypeError("argument should be integer or None, not '%s'", pyType(v))
	}
	n, ok := i.Int64()
	if !ok || n > int64(^uint(0)>>1) {
		return 0, pyerr.New("OverflowError", "Python int too large to convert to C ssize_t")
	}
	if n < 0 {
		return -1, nil
	}
	return int(n), nil
}

// def read(size=-1)
func fileRead(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	var sizev starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "size?", &sizev); err != nil {
		return nil, err
	}
	size, err := sizeArg(sizev)
	if err != nil {
		return nil, err
	}
	if err := f.checkReadable("read"); err != nil {
		return nil, err
	}
	return readEffect(thread, func() (starlark.Value, error) { return f.read(size) })
}

// def readline(size=-1)
func fileReadline(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	var sizev starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "size?", &sizev); err != nil {
		return nil, err
	}
	if _, isInt := sizev.(starlark.Int); !f.binary && sizev != nil && !isInt {
		// TextIOWrapper.readline takes a C ssize_t: no None.
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyType(sizev))
	}
	size, err := sizeArg(sizev)
	if err != nil {
		return nil, err
	}
	return f.readlineEffect(thread, size, "readline")
}

// def readlines(hint=-1)
func fileReadlines(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	var hintv starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "hint?", &hintv); err != nil {
		return nil, err
	}
	hint, err := sizeArg(hintv)
	if err != nil {
		return nil, err
	}
	if err := f.checkReadable(""); err != nil {
		return nil, err
	}
	return readEffect(thread, func() (starlark.Value, error) { return f.readlines(hint) })
}

// encodeArg checks that v is what write() takes (str for text, bytes for
// binary) and returns the bytes to write and the count write() returns.
func (f *File) encodeArg(v starlark.Value) ([]byte, int, error) {
	if f.binary {
		b, ok := v.(starlark.Bytes)
		if !ok {
			return nil, 0, pyerr.TypeError("a bytes-like object is required, not '%s'", pyType(v))
		}
		return []byte(b), len(b), nil
	}
	s, ok := v.(starlark.String)
	if !ok {
		return nil, 0, pyerr.TypeError("write() argument must be str, not %s", pyType(v))
	}
	text := string(s)
	if f.text.writeNL != "" {
		text = strings.ReplaceAll(text, "\n", f.text.writeNL)
	}
	data, err := f.text.codec.encode(text, f.text.errors)
	return data, utf8.RuneCountInString(string(s)), err
}

// checkWritable is the prologue of write and writelines.
func (f *File) checkWritable(closedMsg string) error {
	if f.binary {
		if f.w == nil {
			return unsupported("write")
		}
		if f.closed {
			return closedErr(closedMsg)
		}
		return nil
	}
	if f.closed {
		return closedErr("I/O operation on closed file.")
	}
	if f.w == nil {
		return unsupported("not writable")
	}
	return nil
}

// writeEffect writes v in one Write through the journal and returns the count.
func (f *File) writeEffect(thread *starlark.Thread, v starlark.Value) (starlark.Value, error) {
	if f.binary && f.w == nil {
		return nil, unsupported("write")
	}
	data, n, err := f.encodeArg(v)
	if err != nil {
		return nil, err
	}
	if err := f.checkWritable("write to closed file"); err != nil {
		return nil, err
	}
	return f.writeBytes(thread, data, starlark.MakeInt(n))
}

func (f *File) writeBytes(thread *starlark.Thread, data []byte, result starlark.Value) (starlark.Value, error) {
	if err := f.dropReadAhead(f.binary); err != nil {
		return nil, err
	}
	do := func() (starlark.Value, error) {
		if len(data) > 0 {
			if _, err := f.w.Write(data); err != nil {
				return nil, pyerr.OSError(err, "")
			}
		}
		return result, nil
	}
	if thread == nil {
		return do()
	}
	return runtime.Effect(thread, "file.write", do)
}

// def write(s)
func fileWrite(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return f.writeEffect(thread, v)
}

// def writelines(lines)
//
// The lines are written in one Write, so they reach the file whole.
func fileWritelines(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	if f.closed {
		return nil, closedErr("I/O operation on closed file.")
	}
	var items []starlark.Value
	switch v := v.(type) {
	case starlark.String: // a str is an iterable of its characters
		for _, r := range string(v) {
			items = append(items, starlark.String(string(r)))
		}
	case starlark.Iterable:
		iter := v.Iterate()
		defer iter.Done()
		var x starlark.Value
		for iter.Next(&x) {
			items = append(items, x)
		}
	default:
		return nil, pyerr.TypeError("'%s' object is not iterable", pyType(v))
	}
	var data []byte
	for _, item := range items {
		b, _, err := f.encodeArg(item)
		if err != nil {
			return nil, err
		}
		data = append(data, b...)
	}
	if err := f.checkWritable("write to closed file"); err != nil {
		return nil, err
	}
	return f.writeBytes(thread, data, starlark.None)
}

// def flush()
//
// Writes are not buffered, so there is nothing to flush.
func fileFlush(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	if f.closed {
		if f.binary && f.w != nil {
			return nil, closedErr("flush of closed file")
		}
		return nil, closedErr("I/O operation on closed file.")
	}
	return starlark.None, nil
}

// Close closes the file; closing it again does nothing.
func (f *File) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	if f.c != nil {
		if err := f.c.Close(); err != nil {
			return pyerr.OSError(err, "")
		}
	}
	return nil
}

// def close()
func fileClose(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.None, f.Close()
}

// noArgs is the prologue of the small queries, which CPython words
// without a final period on a closed file.
func noArgs(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (*File, error) {
	f := receiver(thread, b)
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	if f.closed {
		return nil, closedErr("I/O operation on closed file")
	}
	return f, nil
}

// def fileno()
func fileFileno(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f, err := noArgs(thread, b, args, kwargs)
	if err != nil {
		return nil, err
	}
	fd, ok := f.fd()
	if !ok {
		return nil, unsupported("fileno")
	}
	return starlark.MakeInt(fd), nil
}

// def isatty()
func fileIsatty(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f, err := noArgs(thread, b, args, kwargs)
	if err != nil {
		return nil, err
	}
	fd, ok := f.fd()
	return starlark.Bool(ok && isatty(fd)), nil
}

// def readable()
func fileReadable(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if b.Receiver().(*File).r == nil {
		// CPython's class without this capability answers False even
		// when closed; only the class that has it checks.
		return starlark.False, nil
	}
	if _, err := noArgs(thread, b, args, kwargs); err != nil {
		return nil, err
	}
	return starlark.True, nil
}

// def writable()
func fileWritable(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if b.Receiver().(*File).w == nil {
		// CPython's class without this capability answers False even
		// when closed; only the class that has it checks.
		return starlark.False, nil
	}
	if _, err := noArgs(thread, b, args, kwargs); err != nil {
		return nil, err
	}
	return starlark.True, nil
}

// def seekable()
func fileSeekable(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f, err := noArgs(thread, b, args, kwargs)
	if err != nil {
		return nil, err
	}
	s := f.seeker()
	if s == nil {
		return starlark.False, nil
	}
	_, err = s.Seek(0, io.SeekCurrent)
	return starlark.Bool(err == nil), nil
}

// def seek(offset, whence=0)
func fileSeek(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	var offset, whence int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &offset, &whence); err != nil {
		return nil, err
	}
	if f.closed {
		if f.binary {
			return nil, closedErr("seek of closed file")
		}
		return nil, closedErr("I/O operation on closed file.")
	}
	if whence < 0 || whence > 2 {
		if f.binary {
			return nil, pyerr.ValueError("whence value %d unsupported", whence)
		}
		return nil, pyerr.ValueError("invalid whence (%d, should be 0, 1 or 2)", whence)
	}
	if !f.binary {
		switch {
		case whence == 1 && offset != 0:
			return nil, unsupported("can't do nonzero cur-relative seeks")
		case whence == 2 && offset != 0:
			return nil, unsupported("can't do nonzero end-relative seeks")
		case whence == 0 && offset < 0:
			return nil, pyerr.ValueError("negative seek position %d", offset)
		case whence == 1:
			return f.tell()
		}
	}
	s := f.seeker()
	if s == nil {
		return nil, f.notSeekable()
	}
	if err := f.dropReadAhead(true); err != nil {
		return nil, err
	}
	pos, err := s.Seek(int64(offset), whence)
	if err != nil {
		if pyerr.Errno(err) == 29 && f.binary { // ESPIPE
			return nil, unsupported("File or stream is not seekable.")
		}
		if pyerr.Errno(err) == 29 {
			return nil, f.notSeekable()
		}
		return nil, pyerr.OSError(err, "")
	}
	return starlark.MakeInt64(pos), nil
}

func (f *File) notSeekable() error {
	if f.binary {
		return unsupported("File or stream is not seekable.")
	}
	return unsupported("underlying stream is not seekable")
}

// tell returns the logical position: the OS position less the read-ahead.
func (f *File) tell() (starlark.Value, error) {
	s := f.seeker()
	if s == nil {
		return nil, f.notSeekable()
	}
	pos, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		if f.binary {
			return nil, pyerr.OSError(err, "")
		}
		return nil, f.notSeekable()
	}
	if f.r != nil {
		pos -= int64(f.r.Buffered())
	}
	return starlark.MakeInt64(pos), nil
}

// def tell()
func fileTell(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	if f.closed {
		if f.binary {
			return nil, closedErr("I/O operation on closed file")
		}
		return nil, closedErr("I/O operation on closed file.")
	}
	return f.tell()
}

// def truncate(size=None)
func fileTruncate(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	var sizev starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0, &sizev); err != nil {
		return nil, err
	}
	if f.closed {
		if f.binary {
			return nil, closedErr("truncate of closed file")
		}
		return nil, closedErr("I/O operation on closed file.")
	}
	if f.w == nil || f.osf == nil {
		return nil, unsupported("truncate")
	}
	var size int64
	if sizev == starlark.None {
		pos, err := f.tell()
		if err != nil {
			return nil, err
		}
		size, _ = pos.(starlark.Int).Int64()
	} else if err := starlark.AsInt(sizev, &size); err != nil {
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyType(sizev))
	}
	if err := f.osf.Truncate(size); err != nil {
		return nil, pyerr.OSError(err, "")
	}
	return starlark.MakeInt64(size), nil
}

// def __enter__()
func fileEnter(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	if f.closed {
		return nil, closedErr("I/O operation on closed file.")
	}
	return f, nil
}

// def __exit__(*exc_info)
func fileExit(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	f := receiver(thread, b)
	return starlark.None, f.Close()
}
