package universe

import (
	"sort"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// A methodFunc implements method name of a built-in type for receiver recv.
type methodFunc func(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)

// MethodNames is the set of method names the front end must route through
// __method__: a call X.name(args...) with name in this set is compiled as
// __method__(X, "name", args...). It holds every name that some built-in
// type's extension table below defines, and is read-only.
var MethodNames = methodNames()

func methodNames() map[string]bool {
	names := map[string]bool{}
	for _, t := range []map[string]methodFunc{strMethods, bytesMethods, listMethods, tupleMethods, dictMethods, setMethods} {
		for k := range t {
			names[k] = true
		}
	}
	return names
}

// IsExtMethod reports whether name is in MethodNames.
func IsExtMethod(name string) bool { return MethodNames[name] }

// SortedMethodNames returns MethodNames in order, for documentation and tests.
func SortedMethodNames() []string {
	names := make([]string, 0, len(MethodNames))
	for k := range MethodNames {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// __method__(x, name, *args, **kwargs) is x.name(*args, **kwargs): the
// Python method of a built-in type when Starlark's differs or is missing,
// otherwise the ordinary attribute call, with Python's AttributeError.
func method(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 2 {
		return nil, pyerr.TypeError("__method__ expected at least 2 arguments, got %d", len(args))
	}
	recv := args[0]
	name, ok := args[1].(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("__method__: method name must be str, not %s", typeName(args[1]))
	}
	rest := args[2:]
	if f := extTable(recv)[string(name)]; f != nil {
		return f(thread, string(name), recv, rest, kwargs)
	}
	return CallMethod(thread, recv, string(name), rest, kwargs)
}

// extTable is the extension method table of recv's type, or nil.
func extTable(recv starlark.Value) map[string]methodFunc {
	switch recv.(type) {
	case starlark.String:
		return strMethods
	case starlark.Bytes:
		return bytesMethods
	case *starlark.List:
		return listMethods
	case starlark.Tuple:
		return tupleMethods
	case *starlark.Dict:
		return dictMethods
	case *starlark.Set:
		return setMethods
	}
	return nil
}

// extNames are the extension method names by Starlark type name, for
// attrCandidates. They are filled in by init: the tables' methods raise
// AttributeErrors themselves, and a variable initializer here would make an
// initialization cycle.
var extNames = map[string][]string{}

func init() {
	for _, v := range []starlark.Value{starlark.String(""), starlark.Bytes(""), starlark.NewList(nil), starlark.Tuple(nil), starlark.NewDict(0), starlark.NewSet(0)} {
		for n := range extTable(v) {
			extNames[v.Type()] = append(extNames[v.Type()], n)
		}
	}
}

// starlarkOnly are the methods of Starlark's built-in types that Python's
// lack; they are neither suggested nor offered unbound.
var starlarkOnly = map[string]bool{
	"elems": true, "elem_ords": true, "codepoints": true, "codepoint_ords": true,
}

// attrCandidates are the attribute names of x that an AttributeError may
// suggest, sorted as Python's dir() is.
func attrCandidates(x starlark.Value) []string {
	var names []string
	if h, ok := x.(starlark.HasAttrs); ok {
		for _, n := range h.AttrNames() {
			if !starlarkOnly[n] {
				names = append(names, n)
			}
		}
	}
	names = append(names, extNames[x.Type()]...)
	sort.Strings(names)
	out := names[:0]
	for i, n := range names {
		if i == 0 || n != names[i-1] {
			out = append(out, n)
		}
	}
	return out
}

// CallMethod calls recv's attribute name as Python's recv.name(*args,
// **kwargs) does, with Python's AttributeError when there is none.
func CallMethod(thread *starlark.Thread, recv starlark.Value, name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	m, err := attr(recv, name)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, attrError(recv, name)
	}
	if bf, ok := m.(*starlark.Builtin); ok {
		// A builtin method needs no frame of its own; its plain error
		// gets the caller's position from the interpreter.
		v, err := bf.CallInternal(thread, args, kwargs)
		if err != nil {
			if bf.Receiver() == recv && isCoreType(recv) {
				return nil, methodError(recv, err)
			}
			return nil, err
		}
		return v, nil
	}
	if _, ok := m.(starlark.Callable); !ok {
		return nil, pyerr.TypeError("'%s' object is not callable", typeName(m))
	}
	return starlark.Call(thread, m, args, kwargs)
}

// isCoreType reports whether x is one of Starlark's own types, whose method
// errors are worded in Starlark's terms.
func isCoreType(x starlark.Value) bool {
	switch x.(type) {
	case starlark.String, starlark.Bytes, *starlark.List, starlark.Tuple, *starlark.Dict, *starlark.Set:
		return true
	}
	return false
}

// starMethod calls Starlark's own method name of recv.
func starMethod(thread *starlark.Thread, recv starlark.Value, name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	m, err := recv.(starlark.HasAttrs).Attr(name)
	if err != nil || m == nil {
		return nil, attrError(recv, name)
	}
	v, err := m.(*starlark.Builtin).CallInternal(thread, args, kwargs)
	if err != nil {
		return nil, methodError(recv, err)
	}
	return v, nil
}

// methodError converts the error of a Starlark method of recv to Python's:
// changing a set or dict that a loop iterates is CPython's RuntimeError.
func methodError(recv starlark.Value, err error) error {
	if strings.HasSuffix(err.Error(), "hash table during iteration") {
		switch recv.(type) {
		case *starlark.Set:
			return pyerr.RuntimeError("Set changed size during iteration")
		case *starlark.Dict:
			return pyerr.RuntimeError("dictionary changed size during iteration")
		}
	}
	return pyError(err)
}
