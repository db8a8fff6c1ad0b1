package universe

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// This file holds the builtins that only the front end's rewritten code
// calls; their names are fixed by the front end.

// __pct__(x, y) is Python's x % y: printf-style formatting when x is a str,
// the arithmetic operator otherwise.
func pct(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 2 || len(kwargs) != 0 {
		return nil, pyerr.TypeError("__pct__ expected 2 arguments, got %d", len(args))
	}
	return Percent(args[0], args[1])
}

// Percent is Python's x % y.
func Percent(x, y starlark.Value) (starlark.Value, error) {
	switch xv := x.(type) {
	case starlark.String:
		s, err := pyfmt.Percent(string(xv), y)
		if err != nil {
			return nil, err
		}
		return starlark.String(s), nil
	case starlark.Int:
		if yv, ok := y.(starlark.Int); ok {
			if xi, ok := xv.Int64(); ok {
				if yi, ok := yv.Int64(); ok && yi != 0 {
					r := xi % yi
					if r != 0 && (r < 0) != (yi < 0) {
						r += yi
					}
					return starlark.MakeInt64(r), nil
				}
			}
		}
	case starlark.Bool:
		x = boolInt(xv)
	}
	if yb, ok := y.(starlark.Bool); ok {
		if _, ok := x.(starlark.Bool); !ok {
			y = boolInt(yb)
		}
	}
	v, err := starlark.Binary(syntax.PERCENT, x, y)
	if err != nil {
		return nil, pyError(err)
	}
	return v, nil
}

// Single-character strings and small ints, boxed once, for iteration.
var (
	asciiChars [128]starlark.Value
	byteInts   [256]starlark.Value
)

func init() {
	for i := range asciiChars {
		asciiChars[i] = starlark.String(string(rune(i)))
	}
	for i := range byteInts {
		byteInts[i] = starlark.MakeInt(i)
	}
}

// codepoints is the iterable a for loop sees for a str: its code points.
type codepoints string

func (s codepoints) String() string       { return "<str_iterator>" }
func (s codepoints) Type() string         { return "str_iterator" }
func (s codepoints) Freeze()              {}
func (s codepoints) Truth() starlark.Bool { return true }
func (s codepoints) Hash() (uint32, error) {
	return 0, pyerr.TypeError("unhashable type: 'str_iterator'")
}
func (s codepoints) Iterate() starlark.Iterator {
	return &codepointIter{s: string(s)}
}

type codepointIter struct {
	s string
	i int
}

func (it *codepointIter) Next(p *starlark.Value) bool {
	if it.i >= len(it.s) {
		return false
	}
	if c := it.s[it.i]; c < 0x80 {
		*p = asciiChars[c]
		it.i++
		return true
	}
	_, size := utf8.DecodeRuneInString(it.s[it.i:])
	*p = starlark.String(it.s[it.i : it.i+size])
	it.i += size
	return true
}
func (it *codepointIter) Done() {}

// byteValues is the iterable a for loop sees for a bytes: its ints.
type byteValues string

func (s byteValues) String() string       { return "<bytes_iterator>" }
func (s byteValues) Type() string         { return "bytes_iterator" }
func (s byteValues) Freeze()              {}
func (s byteValues) Truth() starlark.Bool { return true }
func (s byteValues) Hash() (uint32, error) {
	return 0, pyerr.TypeError("unhashable type: 'bytes_iterator'")
}
func (s byteValues) Iterate() starlark.Iterator {
	return &byteIter{s: string(s)}
}

type byteIter struct {
	s string
	i int
}

func (it *byteIter) Next(p *starlark.Value) bool {
	if it.i >= len(it.s) {
		return false
	}
	*p = byteInts[it.s[it.i]]
	it.i++
	return true
}
func (it *byteIter) Done() {}

// __iter__(x) is what a for loop or comprehension iterates for x.
func iterFor(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 || len(kwargs) != 0 {
		return nil, pyerr.TypeError("__iter__ expected 1 argument, got %d", len(args))
	}
	switch x := args[0].(type) {
	case starlark.String:
		return codepoints(x), nil
	case starlark.Bytes:
		return byteValues(x), nil
	case *starlark.Set:
		return orderedSet{x}, nil
	case starlark.Iterable:
		return x, nil
	}
	return nil, notIterable(args[0])
}

// __fstr__(lit0, v1, conv1, spec1, lit1, ...) builds an f-string: each
// value converted by conv ("", "r", "s", "a") and formatted by spec.
func fstr(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args)%4 != 1 || len(kwargs) != 0 {
		return nil, pyerr.TypeError("__fstr__: got %d arguments, want 1+4k", len(args))
	}
	var sb strings.Builder
	n := 0
	for i := 0; i < len(args); i += 4 {
		if s, ok := args[i].(starlark.String); ok {
			n += len(s) + 8
		}
	}
	sb.Grow(n)
	var num [24]byte
	for i := 0; i < len(args); i += 4 {
		lit, _ := args[i].(starlark.String)
		sb.WriteString(string(lit))
		if i+1 >= len(args) {
			break
		}
		v := args[i+1]
		conv, _ := args[i+2].(starlark.String)
		spec, _ := args[i+3].(starlark.String)
		switch conv {
		case "":
		case "r":
			v = starlark.String(pyfmt.Repr(v))
		case "s":
			v = starlark.String(pyfmt.Str(v))
		case "a":
			v = starlark.String(asciiEscape(pyfmt.Repr(v)))
		default:
			return nil, pyerr.New("SyntaxError", "f-string: invalid conversion character %s: expected 's', 'r', or 'a'", pyfmt.Repr(conv))
		}
		if spec != "" {
			s, err := pyfmt.FormatValue(v, string(spec))
			if err != nil {
				return nil, err
			}
			sb.WriteString(s)
			continue
		}
		switch v := v.(type) {
		case starlark.String:
			sb.WriteString(string(v))
		case starlark.Int:
			if i, ok := v.Int64(); ok {
				sb.Write(strconv.AppendInt(num[:0], i, 10))
			} else {
				sb.WriteString(v.String())
			}
		default:
			sb.WriteString(pyfmt.Str(v))
		}
	}
	return starlark.String(sb.String()), nil
}

// __assert__(cond, msg=None) is the assert statement.
func assert(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var cond, msg starlark.Value = nil, starlark.None
	if err := unpackPositional("__assert__", args, kwargs, 1, &cond, &msg); err != nil {
		return nil, err
	}
	if cond.Truth() {
		return starlark.None, nil
	}
	if msg == starlark.None {
		return nil, pyerr.New("AssertionError", "")
	}
	return nil, pyerr.New("AssertionError", "%s", pyfmt.Str(msg))
}

// __delitem__(container, key) is del container[key].
func delitem(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, key starlark.Value
	if err := unpackPositional("__delitem__", args, kwargs, 2, &x, &key); err != nil {
		return nil, err
	}
	switch c := x.(type) {
	case *starlark.Dict:
		_, found, err := c.Delete(key)
		if err != nil {
			return nil, pyError(err)
		}
		if !found {
			return nil, keyError(key)
		}
		return starlark.None, nil
	case *starlark.List:
		if _, ok := num(key).(starlark.Int); !ok {
			return nil, pyerr.TypeError("list indices must be integers or slices, not %s", typeName(key))
		}
		i, err := indexInt(key)
		if err != nil {
			return nil, pyerr.New("IndexError", "list assignment index out of range")
		}
		if i < 0 {
			i += c.Len()
		}
		if i < 0 || i >= c.Len() {
			return nil, pyerr.New("IndexError", "list assignment index out of range")
		}
		pop, _ := c.Attr("pop")
		if _, err := starlark.Call(thread, pop, starlark.Tuple{starlark.MakeInt(i)}, nil); err != nil {
			return nil, pyError(err)
		}
		return starlark.None, nil
	}
	return nil, pyerr.TypeError("'%s' object doesn't support item deletion", typeName(x))
}

// keyError is KeyError(key), shown with the key's repr.
func keyError(key starlark.Value) *pyerr.Error {
	return &pyerr.Error{Type: "KeyError", Msg: pyfmt.Repr(key), Attrs: starlark.StringDict{"args": starlark.Tuple{key}}}
}
