package universe

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// print(*objects, sep=' ', end='\n', file=None, flush=False)
//
// The whole text is one Write to the run's stdout (DESIGN.md, "Output"), or
// one call of file.write(text) when file is given.
func print_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sepV, endV, file, flush starlark.Value = starlark.None, starlark.None, starlark.None, starlark.False
	if len(kwargs) > 0 {
		if err := unpack("print", nil, kwargs, "sep?", &sepV, "end?", &endV, "file?", &file, "flush?", &flush); err != nil {
			return nil, err
		}
	}
	sep, end := " ", "\n"
	switch v := sepV.(type) {
	case starlark.NoneType:
	case starlark.String:
		sep = string(v)
	default:
		return nil, pyerr.TypeError("sep must be None or a string, not %s", typeName(sepV))
	}
	switch v := endV.(type) {
	case starlark.NoneType:
	case starlark.String:
		end = string(v)
	default:
		return nil, pyerr.TypeError("end must be None or a string, not %s", typeName(endV))
	}
	buf := make([]byte, 0, 64)
	for i, a := range args {
		if i > 0 {
			buf = append(buf, sep...)
		}
		switch a := a.(type) {
		case starlark.String:
			buf = append(buf, a...)
		default:
			buf = append(buf, pyfmt.Str(a)...)
		}
	}
	buf = append(buf, end...)
	if file == starlark.None {
		if _, err := runtime.Of(thread).Stdout.Write(buf); err != nil {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.None, nil
	}
	if f, ok := file.(*pyio.File); ok {
		if err := f.WriteText(thread, string(buf)); err != nil {
			return nil, err
		}
	} else {
		write, err := attr(file, "write")
		if err != nil {
			return nil, err
		}
		if write == nil {
			return nil, attrError(file, "write")
		}
		if _, err := starlark.Call(thread, write, starlark.Tuple{starlark.String(buf)}, nil); err != nil {
			return nil, err
		}
	}
	if flush.Truth() {
		if fl, err := attr(file, "flush"); err == nil && fl != nil {
			if _, err := starlark.Call(thread, fl, nil, nil); err != nil {
				return nil, err
			}
		}
	}
	return starlark.None, nil
}

const stdinKey = "starproc.universe.stdin"

// stdinReader is the run's buffered view of its stdin, kept on the thread so
// that successive input() calls share the data read ahead.
type stdinReader struct {
	src io.Reader
	br  *bufio.Reader
}

// lineReader returns the reader input() takes lines from. A Stdin that can
// already read strings (a *bufio.Reader the host shares with sys.stdin) is
// used directly, so nothing read ahead is lost between the two.
func lineReader(thread *starlark.Thread) interface {
	ReadString(byte) (string, error)
} {
	src := runtime.Of(thread).Stdin
	if r, ok := src.(interface {
		ReadString(byte) (string, error)
	}); ok {
		return r
	}
	if sr, ok := thread.Local(stdinKey).(*stdinReader); ok && sr.src == src {
		return sr.br
	}
	sr := &stdinReader{src: src, br: bufio.NewReader(src)}
	thread.SetLocal(stdinKey, sr)
	return sr.br
}

// input(prompt=”)
//
// The line read is an effect (journaled for replay); at end of input with
// nothing read it raises EOFError.
func input(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var prompt starlark.Value = starlark.String("")
	if err := unpackPositional("input", args, kwargs, 0, &prompt); err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	if p := pyfmt.Str(prompt); p != "" {
		if _, err := io.WriteString(st.Stdout, p); err != nil {
			return nil, pyerr.OSError(err, "")
		}
	}
	// EOF is recorded as None so that a replay sees the same EOFError.
	v, err := runtime.Effect(thread, "input", func() (starlark.Value, error) {
		line, err := lineReader(thread).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, pyerr.OSError(err, "")
		}
		if line == "" {
			return starlark.None, nil
		}
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		return starlark.String(line), nil
	})
	if err != nil {
		return nil, err
	}
	if v == starlark.None {
		return nil, pyerr.New("EOFError", "EOF when reading a line")
	}
	return v, nil
}

// exit(code=None), quit(code=None)
//
// Like sys.exit: None exits 0, an int exits with that status, anything else
// is printed on stderr and exits 1.
func exit(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var code starlark.Value = starlark.None
	if err := unpackPositional(b.Name(), args, kwargs, 0, &code); err != nil {
		return nil, err
	}
	return nil, SystemExit(code)
}

// SystemExit returns the exception sys.exit(code) raises; the sys module can
// share it.
func SystemExit(code starlark.Value) *pyerr.SystemExit {
	switch c := code.(type) {
	case starlark.NoneType:
		return &pyerr.SystemExit{Code: 0}
	case starlark.Bool:
		if c {
			return &pyerr.SystemExit{Code: 1}
		}
		return &pyerr.SystemExit{Code: 0}
	case starlark.Int:
		if n, ok := c.Int64(); ok {
			return &pyerr.SystemExit{Code: int(n)}
		}
		return &pyerr.SystemExit{Code: -1}
	}
	return &pyerr.SystemExit{Code: 1, Msg: pyfmt.Str(code), Printed: true}
}

// str(object=”) or str(object=b”, encoding='utf-8', errors='strict')
func str_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 1 && len(kwargs) == 0 {
		if s, ok := args[0].(starlark.String); ok {
			return s, nil
		}
		return starlark.String(pyfmt.Str(args[0])), nil
	}
	var obj, encoding, errs starlark.Value = starlark.String(""), nil, nil
	if err := unpack("str", args, kwargs, "object?", &obj, "encoding?", &encoding, "errors?", &errs); err != nil {
		return nil, err
	}
	if encoding == nil && errs == nil {
		return starlark.String(pyfmt.Str(obj)), nil
	}
	data, ok := obj.(starlark.Bytes)
	if !ok {
		if _, ok := obj.(starlark.String); ok {
			return nil, pyerr.TypeError("decoding str is not supported")
		}
		return nil, pyerr.TypeError("decoding to str: need a bytes-like object, %s found", typeName(obj))
	}
	enc, errMode, err := codecArgs("str", encoding, errs)
	if err != nil {
		return nil, err
	}
	return decode(string(data), enc, errMode)
}

// codecArgs reads the encoding and errors arguments of decode/encode/str.
func codecArgs(fn string, encoding, errs starlark.Value) (enc, mode string, err error) {
	enc, mode = "utf-8", "strict"
	for i, v := range []starlark.Value{encoding, errs} {
		if v == nil || v == starlark.None {
			continue
		}
		s, ok := v.(starlark.String)
		if !ok {
			name := [2]string{"encoding", "errors"}[i]
			return "", "", pyerr.TypeError("%s() argument '%s' must be str, not %s", fn, name, typeName(v))
		}
		if i == 0 {
			enc = string(s)
		} else {
			mode = string(s)
		}
	}
	return enc, mode, nil
}

// repr(object)
func repr(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("repr", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	return starlark.String(pyfmt.Repr(x)), nil
}

// ascii(object): repr with non-ASCII characters escaped.
func ascii(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("ascii", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	return starlark.String(asciiEscape(pyfmt.Repr(x))), nil
}

func asciiEscape(s string) string {
	if isASCII(s) {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			sb.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&sb, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			fmt.Fprintf(&sb, `\U%08x`, r)
		}
	}
	return sb.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// format(value, format_spec=”)
func format(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v, spec starlark.Value = nil, starlark.String("")
	if err := unpackPositional("format", args, kwargs, 1, &v, &spec); err != nil {
		return nil, err
	}
	s, ok := spec.(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("format() argument 2 must be str, not %s", typeName(spec))
	}
	out, err := pyfmt.FormatValue(v, string(s))
	if err != nil {
		return nil, err
	}
	return starlark.String(out), nil
}
