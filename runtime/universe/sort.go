package universe

import (
	"sort"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
)

// compare is Python's x op y for an ordering op, bools counting as ints,
// with CPython's TypeError for an unordered pair.
func compare(op syntax.Token, x, y starlark.Value) (bool, error) {
	// Fast paths: the common homogeneous cases.
	switch xv := x.(type) {
	case starlark.Int:
		if yv, ok := y.(starlark.Int); ok {
			if xi, ok := xv.Int64(); ok {
				if yi, ok := yv.Int64(); ok {
					return cmpResult(op, cmp3(xi < yi, xi > yi)), nil
				}
			}
			c, _ := xv.Cmp(yv, 0)
			return cmpResult(op, c), nil
		}
	case starlark.String:
		if yv, ok := y.(starlark.String); ok {
			return cmpResult(op, cmp3(xv < yv, xv > yv)), nil
		}
	}
	if xb, ok := x.(starlark.Bool); ok {
		if _, ok := y.(starlark.Bool); !ok {
			x = boolInt(xb)
		}
	}
	if yb, ok := y.(starlark.Bool); ok {
		if _, ok := x.(starlark.Bool); !ok {
			y = boolInt(yb)
		}
	}
	ok, err := starlark.Compare(op, x, y)
	if err != nil {
		return false, pyError(err)
	}
	return ok, nil
}

func cmp3(lt, gt bool) int {
	switch {
	case lt:
		return -1
	case gt:
		return 1
	}
	return 0
}

func cmpResult(op syntax.Token, c int) bool {
	switch op {
	case syntax.LT:
		return c < 0
	case syntax.LE:
		return c <= 0
	case syntax.GT:
		return c > 0
	case syntax.GE:
		return c >= 0
	case syntax.EQL:
		return c == 0
	}
	return c != 0
}

// sorter sorts values by their keys with Python's <, remembering the first
// comparison error.
type sorter struct {
	vals, keys []starlark.Value
	keyed      bool // keys is not vals
	err        error
}

func (s *sorter) Len() int { return len(s.vals) }
func (s *sorter) Swap(i, j int) {
	s.vals[i], s.vals[j] = s.vals[j], s.vals[i]
	if s.keyed {
		s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
	}
}
func (s *sorter) Less(i, j int) bool {
	if s.err != nil {
		return false
	}
	lt, err := compare(syntax.LT, s.keys[i], s.keys[j])
	if err != nil {
		s.err = err
	}
	return lt
}

// sortValues sorts vals in place as CPython's list.sort(key=key,
// reverse=reverse) does: stable, keys computed once, and with reverse the
// order of equal elements kept (by reversing before and after).
func sortValues(thread *starlark.Thread, vals []starlark.Value, key starlark.Value, reverse bool) error {
	if len(vals) < 2 {
		return nil
	}
	keys := vals
	if key != nil && key != starlark.None {
		keys = make([]starlark.Value, len(vals))
		for i, v := range vals {
			k, err := starlark.Call(thread, key, starlark.Tuple{v}, nil)
			if err != nil {
				return err
			}
			keys[i] = k
		}
	}
	s := &sorter{vals: vals, keys: keys, keyed: key != nil && key != starlark.None}
	if reverse {
		reverseBoth(s)
	}
	sort.Stable(s)
	if s.err != nil {
		return s.err
	}
	if reverse {
		reverseBoth(s)
	}
	return nil
}

func reverseBoth(s *sorter) {
	for i, j := 0, len(s.vals)-1; i < j; i, j = i+1, j-1 {
		s.Swap(i, j)
	}
}

// sorted(iterable, /, *, key=None, reverse=False)
func sorted(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, key starlark.Value
	reverse := false
	if len(args) != 1 {
		return nil, pyerr.TypeError("sorted expected 1 argument, got %d", len(args))
	}
	if err := unpack("sorted", nil, kwargs, "key?", &key, "reverse?", &reverse); err != nil {
		return nil, err
	}
	x = args[0]
	xs, err := elems("sorted", x)
	if err != nil {
		return nil, err
	}
	if err := sortValues(thread, xs, key, reverse); err != nil {
		return nil, err
	}
	return starlark.NewList(xs), nil
}

// min(iterable, *, key=None, default=...), min(a, b, *args, key=None); max likewise.
func minmax(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := b.Name()
	var key, def starlark.Value
	if err := unpack(fn, nil, kwargs, "key?", &key, "default?", &def); err != nil {
		return nil, err
	}
	var xs []starlark.Value
	switch len(args) {
	case 0:
		return nil, pyerr.TypeError("%s expected at least 1 argument, got 0", fn)
	case 1:
		var err error
		if xs, err = elems(fn, args[0]); err != nil {
			return nil, err
		}
	default:
		if def != nil {
			return nil, pyerr.TypeError("Cannot specify a default for %s() with multiple positional arguments", fn)
		}
		xs = args
	}
	if len(xs) == 0 {
		if def != nil {
			return def, nil
		}
		return nil, pyerr.ValueError("%s() arg is an empty sequence", fn)
	}
	op := syntax.LT
	if fn == "max" {
		op = syntax.GT
	}
	if key == starlark.None {
		key = nil
	}
	best := xs[0]
	bestKey := best
	if key != nil {
		var err error
		if bestKey, err = starlark.Call(thread, key, starlark.Tuple{best}, nil); err != nil {
			return nil, err
		}
	}
	for _, x := range xs[1:] {
		k := x
		if key != nil {
			var err error
			if k, err = starlark.Call(thread, key, starlark.Tuple{x}, nil); err != nil {
				return nil, err
			}
		}
		better, err := compare(op, k, bestKey)
		if err != nil {
			return nil, err
		}
		if better {
			best, bestKey = x, k
		}
	}
	return best, nil
}

// any(iterable), all(iterable)
func anyAll(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional(b.Name(), args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	want := b.Name() == "any"
	xs, err := elems(b.Name(), x)
	if err != nil {
		return nil, err
	}
	for _, v := range xs {
		if bool(v.Truth()) == want {
			return starlark.Bool(want), nil
		}
	}
	return starlark.Bool(!want), nil
}
