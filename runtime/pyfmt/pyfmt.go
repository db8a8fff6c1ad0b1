// Package pyfmt renders Starlark values the way CPython 3.11 renders the
// corresponding Python values: str(), repr(), ascii(), printf-style %
// formatting, str.format and the format-spec mini-language of format() and
// f-strings.
//
// Python's rules differ from Starlark's String() in many places — quoting
// ('a' not "a"), float repr (1e+16, 100.0), True/False, set() — and every
// text a user sees goes through this package, so it is also a hot path: it
// avoids reflection and needless allocation.
//
// Addresses: CPython shows object addresses in reprs of functions and bound
// methods. Real addresses would make output differ between runs (and between
// a process and its replaying fork child), so a deterministic fake address
// derived from the object's name and definition site is shown instead
// (FakeAddress).
//
// Sets print in CPython's order, that of its hash table (SetOrder), and
// Hash is Python's hash() with CPython's values where they are not
// randomized.
//
// Deviations from CPython: str.isprintable is approximated by the Unicode
// tables of Go's unicode.IsPrint; ints are converted to decimal without
// CPython's 4300-digit limit; bytes that are not UTF-8 inside a str are shown
// as the surrogates Python's surrogateescape would have produced (\udcNN);
// nested functions are shown by their name, not their qualified name.
package pyfmt

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// Reprer is implemented by values whose Python repr differs from String().
type Reprer interface{ PyRepr() string }

// Stringer is implemented by values whose Python str differs from their repr.
type Stringer interface{ PyStr() string }

// Formatter is implemented by values that handle a non-empty format spec
// themselves, as a Python class with __format__ does. FormatValue calls it
// for every non-empty spec; an empty spec still means Str(v).
type Formatter interface {
	PyFormat(spec string) (string, error)
}

// Str returns Python's str(v).
func Str(v starlark.Value) string {
	switch v := v.(type) {
	case starlark.String:
		return string(v)
	case Stringer:
		return v.PyStr()
	}
	return Repr(v)
}

// Repr returns Python's repr(v).
func Repr(v starlark.Value) string {
	switch v := v.(type) {
	case starlark.String:
		return QuoteString(string(v))
	case starlark.Int:
		return v.String()
	case starlark.Float:
		return FloatRepr(float64(v))
	case starlark.Bool:
		if v {
			return "True"
		}
		return "False"
	case starlark.NoneType:
		return "None"
	case starlark.Bytes:
		return QuoteBytes(string(v))
	}
	var p printer
	p.seen = p.seenBuf[:0]
	p.b.Grow(64)
	p.repr(v)
	return p.b.String()
}

// ASCII returns Python's ascii(v): repr(v) with every non-ASCII character
// of the result escaped.
func ASCII(v starlark.Value) string {
	if s, ok := v.(starlark.String); ok {
		return ASCIIString(string(s))
	}
	return asciiEscape(Repr(v))
}

// asciiEscape escapes the non-ASCII characters of a repr, as ascii() does
// after calling repr.
func asciiEscape(s string) string {
	i := 0
	for i < len(s) && s[i] < 0x80 {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if r < 0x80 {
			b.WriteByte(byte(r))
		} else {
			writeEscape(&b, r)
		}
	}
	return b.String()
}

// TypeName returns the Python name of v's type, as error messages show it:
// "str", "int", "NoneType", "function", and v.Type() for other values.
func TypeName(v starlark.Value) string {
	switch v.(type) {
	case starlark.String:
		return "str"
	case starlark.Int:
		return "int"
	case starlark.Float:
		return "float"
	case starlark.Bool:
		return "bool"
	case starlark.NoneType:
		return "NoneType"
	case starlark.Bytes:
		return "bytes"
	case *starlark.List:
		return "list"
	case starlark.Tuple:
		return "tuple"
	case *starlark.Dict:
		return "dict"
	case *starlark.Set:
		return "set"
	case *starlark.Function:
		return "function"
	case *starlark.Builtin:
		return "builtin_function_or_method"
	case *starlarkstruct.Module:
		return "module"
	}
	return v.Type()
}

// FakeAddress returns a deterministic stand-in for a CPython object address,
// "0x7f" and ten hex digits derived from key (an FNV hash), 16-byte aligned
// like a real one. Value types whose Python repr shows an address
// ("<multiprocessing.queues.Queue object at 0x7f...>") should use it with a
// key that identifies the object stably across runs.
func FakeAddress(key string) string {
	h := fnv.New64a()
	h.Write([]byte(key))
	n := h.Sum64()&0xffffffffff&^0xf | 0x7f0000000000
	var buf [16]byte
	return string(strconv.AppendUint(append(buf[:0], '0', 'x'), n, 16))
}

// pythonClasses are the built-in functions that are classes in Python, so
// that print(int) shows <class 'int'>.
var pythonClasses = map[string]bool{
	"int": true, "float": true, "str": true, "bool": true, "list": true,
	"tuple": true, "dict": true, "set": true, "bytes": true, "range": true,
	"type": true, "object": true, "frozenset": true, "enumerate": true,
	"zip": true, "reversed": true, "map": true, "filter": true,
	"slice": true, "bytearray": true, "complex": true, "memoryview": true,
	"property": true, "staticmethod": true, "classmethod": true, "super": true,
}

// printer builds the repr of a value that may contain others, guarding
// against containers that contain themselves.
type printer struct {
	b       strings.Builder
	seen    []any // containers being printed, by identity
	seenBuf [8]any
}

// enter reports whether the container with identity id is not already being
// printed, and if so marks it.
func (p *printer) enter(id any) bool {
	for _, s := range p.seen {
		if s == id {
			return false
		}
	}
	p.seen = append(p.seen, id)
	return true
}

func (p *printer) leave() { p.seen = p.seen[:len(p.seen)-1] }

func (p *printer) repr(v starlark.Value) {
	b := &p.b
	switch v := v.(type) {
	case starlark.String:
		appendQuoted(b, string(v), false)
	case starlark.Int:
		if x, ok := v.Int64(); ok {
			var buf [24]byte
			b.Write(strconv.AppendInt(buf[:0], x, 10))
		} else {
			b.WriteString(v.String())
		}
	case starlark.Float:
		var buf [32]byte
		b.Write(appendFloatRepr(buf[:0], float64(v)))
	case starlark.Bool:
		if v {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case starlark.NoneType:
		b.WriteString("None")
	case starlark.Bytes:
		appendQuotedBytes(b, string(v))
	case *starlark.List:
		if !p.enter(v) {
			b.WriteString("[...]")
			return
		}
		b.WriteByte('[')
		for i, n := 0, v.Len(); i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			p.repr(v.Index(i))
		}
		b.WriteByte(']')
		p.leave()
	case starlark.Tuple:
		if len(v) == 0 {
			b.WriteString("()")
			return
		}
		if !p.enter(&v[0]) {
			b.WriteString("(...)")
			return
		}
		b.WriteByte('(')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			p.repr(x)
		}
		if len(v) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
		p.leave()
	case *starlark.Dict:
		if !p.enter(v) {
			b.WriteString("{...}")
			return
		}
		b.WriteByte('{')
		first := true
		for k, x := range v.Entries() {
			if !first {
				b.WriteString(", ")
			}
			first = false
			p.repr(k)
			b.WriteString(": ")
			p.repr(x)
		}
		b.WriteByte('}')
		p.leave()
	case *starlark.Set:
		if v.Len() == 0 {
			b.WriteString("set()")
			return
		}
		b.WriteByte('{')
		first := true
		for _, x := range SetOrder(v) {
			if !first {
				b.WriteString(", ")
			}
			first = false
			p.repr(x)
		}
		b.WriteByte('}')
	case Reprer:
		b.WriteString(v.PyRepr())
	case *starlark.Function:
		name := v.Name()
		if name == "lambda" {
			name = "<lambda>"
		}
		b.WriteString("<function ")
		b.WriteString(name)
		b.WriteString(" at ")
		// Line and column, not the file's path: the same script must show
		// the same address wherever it is.
		pos := v.Position()
		b.WriteString(FakeAddress(fmt.Sprintf("%s@%d:%d", name, pos.Line, pos.Col)))
		b.WriteByte('>')
	case *starlark.Builtin:
		p.builtin(v)
	case *starlarkstruct.Module:
		b.WriteString("<module ")
		appendQuoted(b, v.Name, false)
		b.WriteString(" (built-in)>")
	default:
		if v.Type() == "range" {
			b.WriteString(rangeRepr(v.String()))
			return
		}
		b.WriteString(v.String())
	}
}

func (p *printer) builtin(v *starlark.Builtin) {
	b := &p.b
	full := v.Name()
	// Builtins are named with their module ("os.getpid"); Python shows
	// the bare name.
	name := full[strings.LastIndexByte(full, '.')+1:]
	recv := v.Receiver()
	if recv == nil {
		if pythonClasses[full] || name != "" && name[0] >= 'A' && name[0] <= 'Z' {
			b.WriteString("<class '")
			b.WriteString(full)
			b.WriteString("'>")
			return
		}
		b.WriteString("<built-in function ")
		b.WriteString(name)
		b.WriteByte('>')
		return
	}
	typ := TypeName(recv)
	b.WriteString("<built-in method ")
	b.WriteString(name)
	b.WriteString(" of ")
	b.WriteString(typ)
	b.WriteString(" object at ")
	b.WriteString(FakeAddress(typ + "." + name))
	b.WriteByte('>')
}

// rangeRepr turns Starlark's range(10) into Python's range(0, 10); the
// other forms already agree.
func rangeRepr(s string) string {
	if strings.HasPrefix(s, "range(") && strings.IndexByte(s, ',') < 0 {
		return "range(0, " + s[len("range("):]
	}
	return s
}
