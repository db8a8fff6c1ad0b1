package universe

import (
	"sort"

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
	var table map[string]methodFunc
	switch recv.(type) {
	case starlark.String:
		table = strMethods
	case starlark.Bytes:
		table = bytesMethods
	case *starlark.List:
		table = listMethods
	case starlark.Tuple:
		table = tupleMethods
	case *starlark.Dict:
		table = dictMethods
	case *starlark.Set:
		table = setMethods
	}
	if f := table[string(name)]; f != nil {
		return f(thread, string(name), recv, rest, kwargs)
	}
	return CallMethod(thread, recv, string(name), rest, kwargs)
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
				return nil, pyError(err)
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
		return nil, pyError(err)
	}
	return v, nil
}
