package universe

import (
	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// listMethods are list's methods with Python's keywords, results or messages.
var listMethods = map[string]methodFunc{
	"sort":    listSort,
	"reverse": listReverse,
	"count":   seqCount,
	"index":   seqIndex,
	"copy":    listCopy,
	"pop":     listPop,
	"remove":  listRemove,
	"extend":  listExtend,
}

// tupleMethods: Starlark's tuple has no methods at all.
var tupleMethods = map[string]methodFunc{
	"count": seqCount,
	"index": seqIndex,
}

// dictMethods are dict's methods with Python's results or messages.
var dictMethods = map[string]methodFunc{
	"copy":    dictCopy,
	"pop":     dictPop,
	"popitem": dictPopitem,
	"keys":    dictView,
	"values":  dictView,
	"items":   dictView,
}

// setMethods are set's methods with Python's results or messages.
var setMethods = map[string]methodFunc{
	"copy":   setCopy,
	"remove": setRemove,
	"pop":    setPop,
}

// pyEqual is Python's ==, under which True == 1.
func pyEqual(x, y starlark.Value) (bool, error) {
	if xb, ok := x.(starlark.Bool); ok {
		if _, ok := y.(starlark.Bool); !ok {
			x = boolInt(xb)
		}
	} else if yb, ok := y.(starlark.Bool); ok {
		y = boolInt(yb)
	}
	eq, err := starlark.Equal(x, y)
	if err != nil {
		return false, pyError(err)
	}
	return eq, nil
}

func seqElems(recv starlark.Value) []starlark.Value {
	xs, _ := elems("", recv)
	return xs
}

// forEach calls f for the elements of a list or tuple from index lo, without
// copying them, until f returns true or an error; it returns that index, or -1.
func forEach(recv starlark.Indexable, lo, hi int, f func(starlark.Value) (bool, error)) (int, error) {
	for i := lo; i < hi && i < recv.Len(); i++ {
		stop, err := f(recv.Index(i))
		if err != nil || stop {
			return i, err
		}
	}
	return -1, nil
}

// list.count(x), tuple.count(x)
func seqCount(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("count", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	n := 0
	seq := recv.(starlark.Indexable)
	_, err := forEach(seq, 0, seq.Len(), func(v starlark.Value) (bool, error) {
		eq, err := pyEqual(v, x)
		if eq {
			n++
		}
		return false, err
	})
	if err != nil {
		return nil, err
	}
	return starlark.MakeInt(n), nil
}

// list.index(x[, start[, end]]), tuple.index
func seqIndex(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, start, end starlark.Value
	if err := unpackPositional("index", args, kwargs, 1, &x, &start, &end); err != nil {
		return nil, err
	}
	seq := recv.(starlark.Indexable)
	lo, hi, err := span(start, end, seq.Len())
	if err != nil {
		return nil, err
	}
	i, err := forEach(seq, lo, hi, func(v starlark.Value) (bool, error) { return pyEqual(v, x) })
	if err != nil {
		return nil, err
	}
	if i >= 0 {
		return starlark.MakeInt(i), nil
	}
	if _, ok := recv.(starlark.Tuple); ok {
		return nil, pyerr.ValueError("tuple.index(x): x not in tuple")
	}
	return nil, pyerr.ValueError("%s is not in list", pyfmt.Repr(x))
}

// list.sort(*, key=None, reverse=False)
func listSort(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 0 {
		return nil, pyerr.TypeError("sort() takes no positional arguments")
	}
	var key starlark.Value
	reverse := false
	if err := unpack("sort", nil, kwargs, "key?", &key, "reverse?", &reverse); err != nil {
		return nil, err
	}
	l := recv.(*starlark.List)
	xs := seqElems(l)
	if err := sortValues(thread, xs, key, reverse); err != nil {
		return nil, err
	}
	return starlark.None, setAll(l, xs)
}

// setAll overwrites the elements of l with xs (of the same length).
func setAll(l *starlark.List, xs []starlark.Value) error {
	for i, v := range xs {
		if err := l.SetIndex(i, v); err != nil {
			return pyError(err)
		}
	}
	return nil
}

// list.reverse()
func listReverse(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional("reverse", args, kwargs, 0); err != nil {
		return nil, err
	}
	l := recv.(*starlark.List)
	xs := seqElems(l)
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
	return starlark.None, setAll(l, xs)
}

// list.copy()
func listCopy(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional("copy", args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.NewList(seqElems(recv)), nil
}

// list.pop(index=-1)
func listPop(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var iv starlark.Value = starlark.MakeInt(-1)
	if err := unpackPositional("pop", args, kwargs, 0, &iv); err != nil {
		return nil, err
	}
	l := recv.(*starlark.List)
	i, err := indexInt(iv)
	if err != nil {
		return nil, err
	}
	if l.Len() == 0 {
		return nil, pyerr.New("IndexError", "pop from empty list")
	}
	if i < 0 {
		i += l.Len()
	}
	if i < 0 || i >= l.Len() {
		return nil, pyerr.New("IndexError", "pop index out of range")
	}
	return starMethod(thread, l, "pop", starlark.Tuple{starlark.MakeInt(i)}, nil)
}

// list.remove(x)
func listRemove(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("remove", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	l := recv.(*starlark.List)
	for i, v := range seqElems(l) {
		eq, err := pyEqual(v, x)
		if err != nil {
			return nil, err
		}
		if eq {
			if _, err := starMethod(thread, l, "pop", starlark.Tuple{starlark.MakeInt(i)}, nil); err != nil {
				return nil, err
			}
			return starlark.None, nil
		}
	}
	return nil, pyerr.ValueError("list.remove(x): x not in list")
}

// list.extend(iterable): a str extends by its characters.
func listExtend(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return starMethod(thread, recv, "extend", strArgs(args), kwargs)
}

// dict.copy()
func dictCopy(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional("copy", args, kwargs, 0); err != nil {
		return nil, err
	}
	d := recv.(*starlark.Dict)
	out := starlark.NewDict(d.Len())
	for _, kv := range d.Items() {
		if err := out.SetKey(kv[0], kv[1]); err != nil {
			return nil, pyError(err)
		}
	}
	return out, nil
}

// dict.pop(key[, default])
func dictPop(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var key, def starlark.Value
	if err := unpackPositional("pop", args, kwargs, 1, &key, &def); err != nil {
		return nil, err
	}
	v, found, err := recv.(*starlark.Dict).Delete(key)
	if err != nil {
		return nil, pyError(err)
	}
	if found {
		return v, nil
	}
	if def != nil {
		return def, nil
	}
	return nil, keyError(key)
}

// dict.popitem(): the last item, as in Python (Starlark's takes the first).
func dictPopitem(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional("popitem", args, kwargs, 0); err != nil {
		return nil, err
	}
	d := recv.(*starlark.Dict)
	items := d.Items()
	if len(items) == 0 {
		return nil, keyError(starlark.String("popitem(): dictionary is empty"))
	}
	last := items[len(items)-1]
	if _, _, err := d.Delete(last[0]); err != nil {
		return nil, pyError(err)
	}
	return last, nil
}

// set.copy()
func setCopy(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional("copy", args, kwargs, 0); err != nil {
		return nil, err
	}
	s := recv.(*starlark.Set)
	out := starlark.NewSet(s.Len())
	for _, v := range seqElems(s) {
		if err := out.Insert(v); err != nil {
			return nil, pyError(err)
		}
	}
	return out, nil
}

// set.remove(x)
func setRemove(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("remove", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	found, err := recv.(*starlark.Set).Delete(x)
	if err != nil {
		return nil, pyError(err)
	}
	if !found {
		return nil, keyError(x)
	}
	return starlark.None, nil
}

// set.pop(): the first element in CPython's order (see popOrderLimit).
func setPop(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional("pop", args, kwargs, 0); err != nil {
		return nil, err
	}
	s := recv.(*starlark.Set)
	if s.Len() == 0 {
		return nil, keyError(starlark.String("pop from an empty set"))
	}
	if s.Len() <= popOrderLimit {
		x := pyfmt.SetOrder(s)[0]
		if _, err := s.Delete(x); err != nil {
			return nil, pyError(err)
		}
		return x, nil
	}
	return starMethod(thread, s, "pop", nil, nil)
}
