package pyio

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// readEffect runs one read through the journal of thread. A file used
// only from Go (no thread yet) reads directly.
func readEffect(thread *starlark.Thread, fn func() (starlark.Value, error)) (starlark.Value, error) {
	if thread == nil {
		return fn()
	}
	return runtime.Effect(thread, "file.read", fn)
}

// checkReadable is the common prologue of every read: the file must be
// open and readable, with CPython's message for each class. method is the
// name the binary classes put in their messages ("read", "readline").
func (f *File) checkReadable(method string) error {
	if f.binary {
		if f.r == nil {
			return unsupported("read")
		}
		if f.closed {
			if method == "" {
				return closedErr("I/O operation on closed file.")
			}
			return closedErr(method + " of closed file")
		}
		return nil
	}
	if f.closed {
		return closedErr("I/O operation on closed file.")
	}
	if f.r == nil {
		return unsupported("not readable")
	}
	return nil
}

// ioErr converts a read error that is not EOF into a Python exception.
func ioErr(err error) error {
	if err == nil || err == io.EOF || err == io.ErrUnexpectedEOF {
		return nil
	}
	var pe *pyerr.Error
	if errors.As(err, &pe) {
		return err
	}
	return pyerr.OSError(err, "")
}

// read implements read(size): size < 0 reads to EOF. Text counts code points.
func (f *File) read(size int) (starlark.Value, error) {
	if f.binary {
		if size < 0 {
			b, err := io.ReadAll(f.r)
			return starlark.Bytes(b), ioErr(err)
		}
		b := make([]byte, size)
		n, err := io.ReadFull(f.r, b)
		return starlark.Bytes(b[:n]), ioErr(err)
	}
	if size < 0 {
		b, err := io.ReadAll(f.r)
		if err := ioErr(err); err != nil {
			return nil, err
		}
		s, err := f.text.codec.decode(b, f.text.errors)
		if err != nil {
			return nil, err
		}
		if f.text.translate {
			s = translate(s)
		}
		return starlark.String(s), nil
	}
	var sb strings.Builder
	consumed := 0
	for n := 0; n < size; n++ {
		c, err := f.nextChar(&consumed)
		if err != nil {
			return nil, err
		}
		if c == "" {
			break
		}
		if c == "\r" && f.text.translate {
			if f.peekNL() {
				f.r.ReadByte()
				consumed++
			}
			c = "\n"
		}
		sb.WriteString(c)
	}
	return starlark.String(sb.String()), nil
}

// peekNL reports whether the next byte is '\n', waiting for it if need be.
func (f *File) peekNL() bool {
	b, err := f.r.Peek(1)
	return err == nil && b[0] == '\n'
}

// nextChar reads one decoded character, "" at EOF. consumed counts the
// bytes of this operation, the position a decode error reports.
func (f *File) nextChar(consumed *int) (string, error) {
	cd := f.text.codec
	if cd.max == utf8.MaxRune {
		r, size, err := f.r.ReadRune()
		if err != nil {
			if err == io.EOF {
				return "", nil
			}
			return "", ioErr(err)
		}
		*consumed += size
		if r != utf8.RuneError || size != 1 {
			return string(r), nil
		}
		f.r.UnreadRune()
		*consumed--
	}
	b, err := f.r.ReadByte()
	if err != nil {
		if err == io.EOF {
			return "", nil
		}
		return "", ioErr(err)
	}
	*consumed++
	if rune(b) <= cd.max && cd.max < utf8.MaxRune {
		return string(rune(b)), nil
	}
	switch f.text.errors {
	case "ignore":
		return f.nextChar(consumed)
	case "replace":
		return string(utf8.RuneError), nil
	case "backslashreplace":
		return `\x` + string("0123456789abcdef"[b>>4]) + string("0123456789abcdef"[b&15]), nil
	case "surrogateescape":
		return string([]byte{b}), nil
	}
	ahead, _ := f.r.Peek(3)
	bs := append([]byte{b}, ahead...)
	err = cd.decodeError(bs, 0)
	// decodeError reports position 0 of bs; the user's position is in the read.
	if pe, ok := err.(*pyerr.Error); ok {
		pe.Msg = strings.Replace(pe.Msg, "in position 0:", "in position "+itoa(*consumed-1)+":", 1)
	}
	return "", err
}

func itoa(n int) string { return starlark.MakeInt(n).String() }

// readline implements readline(limit): limit < 0 means no limit; text
// counts code points and ends lines by the newline setting.
func (f *File) readline(limit int) (starlark.Value, error) {
	if limit == 0 {
		if f.binary {
			return starlark.Bytes(""), nil
		}
		return starlark.String(""), nil
	}
	if f.binary && limit < 0 {
		line, err := f.r.ReadBytes('\n')
		return starlark.Bytes(line), ioErr(err)
	}
	if f.binary {
		var line []byte
		for len(line) < limit {
			b, err := f.r.ReadByte()
			if err != nil {
				if err := ioErr(err); err != nil {
					return nil, err
				}
				break
			}
			line = append(line, b)
			if b == '\n' {
				break
			}
		}
		return starlark.Bytes(line), nil
	}
	if limit < 0 {
		return f.readlineText()
	}
	var sb strings.Builder
	consumed := 0
	for n := 0; n < limit; n++ {
		c, err := f.nextChar(&consumed)
		if err != nil {
			return nil, err
		}
		if c == "" {
			break
		}
		sb.WriteString(c)
		if f.text.universal {
			if c == "\n" {
				break
			}
			if c == "\r" {
				if f.peekNL() {
					f.r.ReadByte()
					if f.text.translate {
						return starlark.String(strings.TrimSuffix(sb.String(), "\r") + "\n"), nil
					}
					sb.WriteByte('\n')
				} else if f.text.translate {
					return starlark.String(strings.TrimSuffix(sb.String(), "\r") + "\n"), nil
				}
				break
			}
		} else if strings.HasSuffix(sb.String(), f.text.newline) {
			break
		}
	}
	return starlark.String(sb.String()), nil
}

// readlineText reads one whole text line. Every supported encoding keeps
// '\r' and '\n' as single bytes that never occur inside a multi-byte
// character, so the line is split on bytes and then decoded.
func (f *File) readlineText() (starlark.Value, error) {
	var line []byte
	for {
		buf, err := f.r.Peek(1)
		if err != nil {
			if err := ioErr(err); err != nil {
				return nil, err
			}
			break
		}
		buf, _ = f.r.Peek(f.r.Buffered())
		var i int
		switch {
		case f.text.universal:
			i = bytes.IndexAny(buf, "\r\n")
		case f.text.newline == "\r":
			i = bytes.IndexByte(buf, '\r')
		default:
			i = bytes.IndexByte(buf, '\n')
		}
		if i < 0 {
			line = append(line, buf...)
			f.r.Discard(len(buf))
			continue
		}
		line = append(line, buf[:i+1]...)
		f.r.Discard(i + 1)
		if f.text.universal && buf[i] == '\r' && f.peekNL() {
			f.r.ReadByte()
			line = append(line, '\n')
		}
		if f.text.newline == "\r\n" && !bytes.HasSuffix(line, []byte("\r\n")) {
			continue
		}
		break
	}
	s, err := f.text.codec.decode(line, f.text.errors)
	if err != nil {
		return nil, err
	}
	if f.text.translate {
		s = translate(s)
	}
	return starlark.String(s), nil
}

// readlines implements readlines(hint): whole lines until EOF, or until
// their total size reaches hint when hint > 0.
func (f *File) readlines(hint int) (starlark.Value, error) {
	var lines []starlark.Value
	total := 0
	for {
		v, err := f.readline(-1)
		if err != nil {
			return nil, err
		}
		n := textLen(v)
		if n == 0 {
			break
		}
		lines = append(lines, v)
		total += n
		if hint > 0 && total >= hint {
			break
		}
	}
	return starlark.NewList(lines), nil
}

// readlineEffect is one journaled readline for the line iterator and for
// the readline method; prologue names the method for closed-file errors.
func (f *File) readlineEffect(thread *starlark.Thread, limit int, method string) (starlark.Value, error) {
	if err := f.checkReadable(method); err != nil {
		return nil, err
	}
	return readEffect(thread, func() (starlark.Value, error) { return f.readline(limit) })
}

// textLen is len() of a str (code points) or bytes read from a file.
func textLen(v starlark.Value) int {
	switch v := v.(type) {
	case starlark.Bytes:
		return len(v)
	case starlark.String:
		return utf8.RuneCountInString(string(v))
	}
	return 0
}
