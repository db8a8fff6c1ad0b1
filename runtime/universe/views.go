package universe

import (
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// DictView is what dict.keys(), dict.values() and dict.items() return: a
// live view of the dict that prints as CPython's dict_keys(['a']),
// dict_values([1]), dict_items([('a', 1)]), has that type, a len, supports
// `in`, and iterates (for, list, sorted, ...).
//
// Deviation: a loop over a view iterates a snapshot taken when the loop
// starts (what Starlark's own keys() gave), so changing the dict inside the
// loop is not the RuntimeError CPython raises. The set operations of key
// views (&, |, -, ^) are not supported.
type DictView struct {
	d    *starlark.Dict
	kind string // "dict_keys", "dict_values" or "dict_items"
}

var (
	_ starlark.Sequence  = DictView{}
	_ starlark.Container = DictView{}
	_ pyfmt.Reprer       = DictView{}
)

// String returns the Python repr.
func (v DictView) String() string { return v.PyRepr() }

// PyRepr is the repr pyfmt prints: dict_keys(['a', 'b']).
func (v DictView) PyRepr() string {
	var b strings.Builder
	b.WriteString(v.kind)
	b.WriteByte('(')
	b.WriteString(pyfmt.Repr(starlark.NewList(v.elems())))
	b.WriteByte(')')
	return b.String()
}

// Type is the Python type name.
func (v DictView) Type() string { return v.kind }

// Freeze freezes the dict it views.
func (v DictView) Freeze() { v.d.Freeze() }

// Truth is whether the dict is not empty.
func (v DictView) Truth() starlark.Bool { return v.d.Len() > 0 }

// Hash fails: views are unhashable in Python.
func (v DictView) Hash() (uint32, error) {
	return 0, pyerr.TypeError("unhashable type: '%s'", v.kind)
}

// Len is the dict's length.
func (v DictView) Len() int { return v.d.Len() }

// Iterate iterates a snapshot of the keys, values or items.
func (v DictView) Iterate() starlark.Iterator {
	return &sliceIter{xs: v.elems()}
}

// Has is the `in` operator: a key, a value, or a (key, value) pair.
func (v DictView) Has(x starlark.Value) (bool, error) {
	switch v.kind {
	case "dict_keys":
		_, found, err := v.d.Get(x)
		if err != nil {
			return false, pyError(err)
		}
		return found, nil
	case "dict_items":
		kv, ok := x.(starlark.Tuple)
		if !ok || len(kv) != 2 {
			return false, nil
		}
		val, found, err := v.d.Get(kv[0])
		if err != nil || !found {
			return false, pyError(err)
		}
		return pyEqual(val, kv[1])
	}
	for _, kv := range v.d.Items() {
		if eq, err := pyEqual(kv[1], x); eq || err != nil {
			return eq, err
		}
	}
	return false, nil
}

// elems returns the keys, values or items of the dict now.
func (v DictView) elems() []starlark.Value {
	switch v.kind {
	case "dict_keys":
		return v.d.Keys()
	case "dict_values":
		items := v.d.Items()
		out := make([]starlark.Value, len(items))
		for i, kv := range items {
			out[i] = kv[1]
		}
		return out
	}
	items := v.d.Items()
	out := make([]starlark.Value, len(items))
	for i, kv := range items {
		out[i] = kv
	}
	return out
}

// sliceIter iterates a slice of values.
type sliceIter struct {
	xs []starlark.Value
	i  int
}

func (it *sliceIter) Next(p *starlark.Value) bool {
	if it.i >= len(it.xs) {
		return false
	}
	*p = it.xs[it.i]
	it.i++
	return true
}

func (it *sliceIter) Done() {}

// dict.keys(), dict.values(), dict.items()
func dictView(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 0 || len(kwargs) != 0 {
		return nil, pyerr.TypeError("dict.%s() takes no arguments (%d given)", name, len(args)+len(kwargs))
	}
	return DictView{d: recv.(*starlark.Dict), kind: "dict_" + name}, nil
}
