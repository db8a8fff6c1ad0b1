package starproc

import (
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Python indexes a str by code point; Starlark by byte. The front end
// routes s[i] and s[a:b:c] here when s is known to be a str (a name only
// ever bound to strings), so indexing lists stays at Starlark's speed.
// Anything else that arrives is indexed as Starlark would.

// __strindex__(x, i)
var strIndexBuiltin = starlark.NewBuiltin("__strindex__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 2 {
		return nil, pyerr.TypeError("__strindex__ takes 2 arguments")
	}
	s, ok := args[0].(starlark.String)
	if !ok || isASCII(string(s)) {
		return genericIndex(args[0], args[1])
	}
	i, err := starlark.AsInt32(args[1])
	if err != nil {
		return nil, pyerr.TypeError("string indices must be integers, not '%s'", pyfmt.TypeName(args[1]))
	}
	runes := []rune(string(s))
	if i < 0 {
		i += len(runes)
	}
	if i < 0 || i >= len(runes) {
		return nil, pyerr.New("IndexError", "string index out of range")
	}
	return starlark.String(runes[i]), nil
})

// __strslice__(x, lo, hi, step)
var strSliceBuiltin = starlark.NewBuiltin("__strslice__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 4 {
		return nil, pyerr.TypeError("__strslice__ takes 4 arguments")
	}
	x, lo, hi, step := args[0], args[1], args[2], args[3]
	var n int
	var runes []rune
	s, isStr := x.(starlark.String)
	switch {
	case isStr:
		runes = []rune(string(s))
		n = len(runes)
	default:
		sl, ok := x.(starlark.Sliceable)
		if !ok {
			return nil, pyerr.TypeError("'%s' object is not subscriptable", pyfmt.TypeName(x))
		}
		n = sl.Len()
	}
	start, end, stride, err := sliceIndices(lo, hi, step, n)
	if err != nil {
		return nil, err
	}
	if !isStr {
		return x.(starlark.Sliceable).Slice(start, end, stride), nil
	}
	var out []rune
	if stride > 0 {
		for i := start; i < end; i += stride {
			out = append(out, runes[i])
		}
	} else {
		for i := start; i > end; i += stride {
			out = append(out, runes[i])
		}
	}
	return starlark.String(string(out)), nil
})

// sliceIndices is Python's slice.indices(n).
func sliceIndices(lo, hi, step starlark.Value, n int) (start, end, stride int, err error) {
	stride = 1
	if step != starlark.None {
		if stride, err = starlark.AsInt32(step); err != nil {
			return 0, 0, 0, pyerr.TypeError("slice indices must be integers or None or have an __index__ method")
		}
		if stride == 0 {
			return 0, 0, 0, pyerr.ValueError("slice step cannot be zero")
		}
	}
	clamp := func(v starlark.Value, def int) (int, error) {
		if v == starlark.None {
			return def, nil
		}
		i, err := starlark.AsInt32(v)
		if err != nil {
			return 0, pyerr.TypeError("slice indices must be integers or None or have an __index__ method")
		}
		if i < 0 {
			i += n
			if i < 0 {
				if stride < 0 {
					return -1, nil
				}
				return 0, nil
			}
		}
		if i >= n {
			if stride < 0 {
				return n - 1, nil
			}
			return n, nil
		}
		return i, nil
	}
	if stride > 0 {
		start, err = clamp(lo, 0)
		if err == nil {
			end, err = clamp(hi, n)
		}
	} else {
		start, err = clamp(lo, n-1)
		if err == nil {
			end, err = clamp(hi, -1)
		}
	}
	return start, end, stride, err
}

// genericIndex is x[i] as Starlark does it, for what is not a non-ASCII str.
func genericIndex(x, i starlark.Value) (starlark.Value, error) {
	switch x := x.(type) {
	case starlark.Mapping:
		v, found, err := x.Get(i)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, pyerr.New("KeyError", "%s", pyfmt.Repr(i))
		}
		return v, nil
	case starlark.Indexable:
		n, err := starlark.AsInt32(i)
		if err != nil {
			return nil, pyerr.TypeError("%s indices must be integers or slices, not %s", pyfmt.TypeName(x), pyfmt.TypeName(i))
		}
		if n < 0 {
			n += x.Len()
		}
		if n < 0 || n >= x.Len() {
			name := pyfmt.TypeName(x)
			if name == "str" {
				name = "string"
			}
			return nil, pyerr.New("IndexError", "%s index out of range", name)
		}
		return x.Index(n), nil
	}
	return nil, pyerr.TypeError("'%s' object is not subscriptable", pyfmt.TypeName(x))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
