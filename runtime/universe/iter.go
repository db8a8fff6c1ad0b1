package universe

import (
	"errors"
	"fmt"
	"reflect"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyfmt"

	"github.com/starproc/starproc/runtime/pyerr"
)

// Iter is a Python iterator object — what map, filter, zip, enumerate,
// reversed and iter return. It prints as CPython's "<map object at 0x7f...>"
// with a deterministic per-run address, iterates once, and next() takes its
// elements one by one. The elements are computed when it is made (see the
// package comment for why).
type Iter struct {
	kind  string // Python type name: "map", "list_iterator", ...
	addr  uint64
	elems []starlark.Value
	pos   int
}

var (
	_ starlark.Iterable = (*Iter)(nil)
	_ starlark.Value    = (*Iter)(nil)
)

// NewIter returns an iterator object of the Python type kind over elems,
// with an address from thread's run.
func NewIter(thread *starlark.Thread, kind string, elems []starlark.Value) *Iter {
	return &Iter{kind: kind, addr: newAddr(thread), elems: elems}
}

// String returns the Python repr, e.g. "<zip object at 0x7f3a5c100040>".
func (it *Iter) String() string { return fmt.Sprintf("<%s object at %#x>", it.kind, it.addr) }

// PyRepr is the repr pyfmt prints; Type is the Python type name ("map").
func (it *Iter) PyRepr() string { return it.String() }
func (it *Iter) Type() string   { return it.kind }

// Truth is always true; Hash is by identity, as for Python iterators.
func (it *Iter) Truth() starlark.Bool  { return true }
func (it *Iter) Hash() (uint32, error) { return uint32(it.addr >> 4), nil }

// Freeze freezes the elements not yet taken. The position stays movable:
// a Python iterator held in a global must still advance after the module
// has run, and a run is a single thread.
func (it *Iter) Freeze() {
	for _, v := range it.elems[it.pos:] {
		v.Freeze()
	}
}

// Iterate yields the elements not yet taken, consuming them.
func (it *Iter) Iterate() starlark.Iterator { return iterIterator{it} }

// Next takes the next element, as Python's next() does.
func (it *Iter) Next() (starlark.Value, bool) {
	if it.pos >= len(it.elems) {
		return nil, false
	}
	v := it.elems[it.pos]
	it.elems[it.pos] = nil
	it.pos++
	return v, true
}

type iterIterator struct{ it *Iter }

func (i iterIterator) Next(p *starlark.Value) bool {
	v, ok := i.it.Next()
	if ok {
		*p = v
	}
	return ok
}
func (i iterIterator) Done() {}

// Fake addresses and ids: a per-run counter on the thread, so that output
// is the same in every run and in a replaying child.
const (
	idsKey = "starproc.universe.ids"
	idBase = 0x7f3a5c100000
)

type idTable struct {
	n   uint64
	ids map[any]uint64
}

func ids(thread *starlark.Thread) *idTable {
	if t, ok := thread.Local(idsKey).(*idTable); ok {
		return t
	}
	t := &idTable{ids: map[any]uint64{}}
	thread.SetLocal(idsKey, t)
	return t
}

func newAddr(thread *starlark.Thread) uint64 {
	t := ids(thread)
	t.n++
	return idBase + 0x40*t.n
}

// id(object): a per-run fake address, stable for one object.
func id_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("id", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	if it, ok := x.(*Iter); ok {
		return starlark.MakeUint64(it.addr), nil
	}
	var key any = x
	if t, ok := x.(starlark.Tuple); ok {
		if len(t) == 0 {
			key = "()"
		} else {
			key = &t[0]
		}
	} else if !reflect.ValueOf(x).Comparable() {
		return starlark.MakeUint64(newAddr(thread)), nil
	}
	t := ids(thread)
	a, ok := t.ids[key]
	if !ok {
		a = newAddr(thread)
		t.ids[key] = a
	}
	return starlark.MakeUint64(a), nil
}

// iter(object)
func iter(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, sentinel starlark.Value
	if err := unpackPositional("iter", args, kwargs, 1, &x, &sentinel); err != nil {
		return nil, err
	}
	if sentinel != nil {
		if _, ok := x.(starlark.Callable); !ok {
			return nil, pyerr.TypeError("iter(v, w): v must be callable")
		}
		return &CallableIter{thread: thread, fn: x, sentinel: sentinel, addr: newAddr(thread)}, nil
	}
	if it, ok := x.(*Iter); ok {
		return it, nil
	}
	xs, err := elems("iter", x)
	if err != nil {
		return nil, err
	}
	kind := "iterator"
	switch v := x.(type) {
	case starlark.String:
		kind = "str_iterator"
		if isASCII(string(v)) {
			kind = "str_ascii_iterator"
		}
	case starlark.Bytes:
		kind = "bytes_iterator"
	case *starlark.List:
		kind = "list_iterator"
	case starlark.Tuple:
		kind = "tuple_iterator"
	case *starlark.Dict:
		kind = "dict_keyiterator"
	case *starlark.Set:
		kind = "set_iterator"
	default:
		if x.Type() == "range" {
			kind = "range_iterator"
		}
	}
	return NewIter(thread, kind, xs), nil
}

// next(iterator, default=<raise StopIteration>)
func next(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, def starlark.Value
	if err := unpackPositional("next", args, kwargs, 1, &x, &def); err != nil {
		return nil, err
	}
	if ci, ok := x.(*CallableIter); ok {
		v, done, err := ci.call()
		if err != nil {
			return nil, err
		}
		if !done {
			return v, nil
		}
		if def != nil {
			return def, nil
		}
		return nil, pyerr.New("StopIteration", "")
	}
	it, ok := x.(*Iter)
	if !ok {
		return nil, pyerr.TypeError("'%s' object is not an iterator", typeName(x))
	}
	if v, ok := it.Next(); ok {
		return v, nil
	}
	if def != nil {
		return def, nil
	}
	return nil, pyerr.New("StopIteration", "")
}

// map(function, iterable, *iterables)
func map_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 {
		return nil, pyerr.TypeError("map() takes no keyword arguments")
	}
	if len(args) < 2 {
		return nil, pyerr.TypeError("map() must have at least two arguments.")
	}
	fn := args[0]
	if _, ok := fn.(starlark.Callable); !ok {
		return nil, pyerr.TypeError("'%s' object is not callable", typeName(fn))
	}
	cols, n, err := columns("map", args[1:])
	if err != nil {
		return nil, err
	}
	out := make([]starlark.Value, n)
	for i := range out {
		a := make(starlark.Tuple, len(cols))
		for j, c := range cols {
			a[j] = c[i]
		}
		if out[i], err = starlark.Call(thread, fn, a, nil); err != nil {
			return nil, err
		}
	}
	return NewIter(thread, "map", out), nil
}

// columns returns the elements of each iterable and the shortest length.
func columns(fn string, its starlark.Tuple) ([][]starlark.Value, int, error) {
	cols := make([][]starlark.Value, len(its))
	n := -1
	for i, x := range its {
		xs, err := elems(fn, x)
		if err != nil {
			return nil, 0, err
		}
		cols[i] = xs
		if n < 0 || len(xs) < n {
			n = len(xs)
		}
	}
	if n < 0 {
		n = 0
	}
	return cols, n, nil
}

// filter(function or None, iterable)
func filter(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fn, x starlark.Value
	if err := unpackPositional("filter", args, kwargs, 2, &fn, &x); err != nil {
		return nil, err
	}
	if _, ok := fn.(starlark.Callable); !ok && fn != starlark.None {
		return nil, pyerr.TypeError("'%s' object is not callable", typeName(fn))
	}
	xs, err := elems("filter", x)
	if err != nil {
		return nil, err
	}
	out := xs[:0:0]
	for _, v := range xs {
		keep := v
		if fn != starlark.None {
			if keep, err = starlark.Call(thread, fn, starlark.Tuple{v}, nil); err != nil {
				return nil, err
			}
		}
		if keep.Truth() {
			out = append(out, v)
		}
	}
	return NewIter(thread, "filter", out), nil
}

// zip(*iterables, strict=False)
func zip(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	strict := false
	if err := unpack("zip", nil, kwargs, "strict?", &strict); err != nil {
		return nil, err
	}
	cols, n, err := columns("zip", args)
	if err != nil {
		return nil, err
	}
	if strict {
		for i, c := range cols[1:] {
			if len(c) != len(cols[0]) {
				rel := "shorter"
				if len(c) > len(cols[0]) {
					rel = "longer"
				}
				if i == 0 {
					return nil, pyerr.ValueError("zip() argument 2 is %s than argument 1", rel)
				}
				return nil, pyerr.ValueError("zip() argument %d is %s than arguments 1-%d", i+2, rel, i+1)
			}
		}
	}
	out := make([]starlark.Value, n)
	for i := range out {
		t := make(starlark.Tuple, len(cols))
		for j, c := range cols {
			t[j] = c[i]
		}
		out[i] = t
	}
	return NewIter(thread, "zip", out), nil
}

// enumerate(iterable, start=0)
func enumerate(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	var start starlark.Value = starlark.MakeInt(0)
	if err := unpack("enumerate", args, kwargs, "iterable", &x, "start?", &start); err != nil {
		return nil, err
	}
	s, ok := num(start).(starlark.Int)
	if !ok {
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(start))
	}
	xs, err := elems("enumerate", x)
	if err != nil {
		return nil, err
	}
	out := make([]starlark.Value, len(xs))
	one := starlark.MakeInt(1)
	for i, v := range xs {
		out[i] = starlark.Tuple{s, v}
		s = s.Add(one)
	}
	return NewIter(thread, "enumerate", out), nil
}

// reversed(sequence)
func reversed(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("reversed", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	kind := "reversed"
	switch v := x.(type) {
	case starlark.String, starlark.Bytes, starlark.Tuple:
	case *starlark.List:
		kind = "list_reverseiterator"
	case *starlark.Dict:
		kind = "dict_reversekeyiterator"
	default:
		if v.Type() == "range" {
			kind = "range_iterator"
		} else if _, ok := v.(starlark.Indexable); !ok {
			return nil, pyerr.TypeError("'%s' object is not reversible", typeName(x))
		}
	}
	xs, err := elems("reversed", x)
	if err != nil {
		return nil, err
	}
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
	return NewIter(thread, kind, xs), nil
}

// list(iterable=()), tuple(iterable=()), set(iterable=()), dict(...):
// Starlark's, with a str iterated by code point.
func list_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return delegate(thread, starList, strArgs(args), kwargs)
}

func tuple_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return delegate(thread, starTuple, strArgs(args), kwargs)
}

func set_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return delegate(thread, starSet, strArgs(args), kwargs)
}

func dict_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return delegate(thread, starDict, args, kwargs)
}

// CallableIter is iter(callable, sentinel): each step calls the callable,
// until it returns the sentinel. It is lazy — `for n in iter(q.get, 'STOP')`
// must take one item at a time — so a step that fails cancels the thread
// with the Python error (an iterator cannot return one).
type CallableIter struct {
	thread   *starlark.Thread
	fn       starlark.Value
	sentinel starlark.Value
	addr     uint64
	finished bool
}

var (
	_ starlark.Iterable = (*CallableIter)(nil)
	_ pyfmt.Reprer      = (*CallableIter)(nil)
)

func (it *CallableIter) String() string {
	return fmt.Sprintf("<callable_iterator object at %#x>", it.addr)
}
func (it *CallableIter) PyRepr() string        { return it.String() }
func (it *CallableIter) Type() string          { return "callable_iterator" }
func (it *CallableIter) Truth() starlark.Bool  { return true }
func (it *CallableIter) Hash() (uint32, error) { return uint32(it.addr >> 4), nil }
func (it *CallableIter) Freeze()               {}

// call takes one step: the next value, or done at the sentinel.
func (it *CallableIter) call() (v starlark.Value, done bool, err error) {
	if it.finished {
		return nil, true, nil
	}
	v, err = starlark.Call(it.thread, it.fn, nil, nil)
	if err != nil {
		return nil, false, err
	}
	if eq, err := starlark.Equal(v, it.sentinel); err == nil && eq {
		it.finished = true
		return nil, true, nil
	}
	return v, false, nil
}

// Iterate returns the iterator itself, as Python's iter() of an iterator does.
func (it *CallableIter) Iterate() starlark.Iterator { return callableIterIterator{it} }

type callableIterIterator struct{ it *CallableIter }

func (c callableIterIterator) Next(p *starlark.Value) bool {
	v, done, err := c.it.call()
	if err != nil {
		typ, msg := "RuntimeError", err.Error()
		var pe *pyerr.Error
		if errors.As(err, &pe) {
			typ, msg = pe.Type, pe.Msg
		}
		c.it.thread.Cancel(typ + ": " + msg)
		return false
	}
	if done {
		return false
	}
	*p = v
	return true
}

func (c callableIterIterator) Done() {}
