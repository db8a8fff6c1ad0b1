// Package universe holds the Python built-in functions that starproc
// scripts see: those Starlark lacks (input, exit, sum, round, map, filter,
// isinstance, pow, divmod, hex, id, iter, next, ...), those Starlark has but
// with other results or messages (print, str, len, int, float, sorted, min,
// ...), the method extensions that give str, bytes, list and dict their
// Python methods (see MethodNames), and the support builtins that the Python
// front end's rewritten code calls (__method__, __pct__, __iter__, __fstr__,
// __with__, __assert__, __delitem__, __attr__, __unbound__, Namespace).
//
// Python values Starlark lacks: frozenset (FrozenSet), the dict views that
// keys(), values() and items() return (DictView), and the methods of
// built-in types read from the type (Method: str.lower as a key function,
// dict.fromkeys). Sets iterate in CPython's order everywhere a builtin or
// a for loop takes their elements (see sets.go and pyfmt.SetOrder).
//
// The host merges Builtins over starlark.Universe to form the predeclared
// names of a run. Builtins is immutable and shared by every run: whatever a
// builtin needs of the run (stdout, stdin, the id counter) it reads from the
// thread at call time (runtime.Of, thread.Local).
//
// Deviations from CPython, on purpose:
//   - map, filter, zip, enumerate, reversed and iter return one-shot
//     iterator objects that print as CPython's (<map object at 0x7f...>, with
//     a deterministic per-run address), but their elements are computed when
//     the object is made, not lazily: a Starlark iterator has no way to
//     report an error from Next, and a Python error must not vanish. Only a
//     mapped function with side effects (a print) shows the difference.
//   - with A as a, B as b: evaluates A and B before entering either.
//   - A Namespace (the front end's home of `global` names) ignores Freeze:
//     Python globals stay assignable after the module has run.
package universe

import (
	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// The type builtins. type(x) returns these very values, so type(1) == int
// holds and pyfmt prints them as <class 'int'>.
var (
	intType    = starlark.NewBuiltin("int", int_)
	floatType  = starlark.NewBuiltin("float", float_)
	strType    = starlark.NewBuiltin("str", str_)
	boolType   = starlark.NewBuiltin("bool", bool_)
	listType   = starlark.NewBuiltin("list", list_)
	tupleType  = starlark.NewBuiltin("tuple", tuple_)
	dictType   = starlark.NewBuiltin("dict", dict_)
	setType    = starlark.NewBuiltin("set", set_)
	bytesType  = starlark.NewBuiltin("bytes", bytes_)
	rangeType  = starlark.NewBuiltin("range", range_)
	frozenType = starlark.NewBuiltin("frozenset", frozenset)
)

// typeByStarlark maps a Starlark Type() to its type builtin.
var typeByStarlark = map[string]*starlark.Builtin{
	"int": intType, "float": floatType, "string": strType, "bool": boolType,
	"list": listType, "tuple": tupleType, "dict": dictType, "set": setType,
	"bytes": bytesType, "range": rangeType, "frozenset": frozenType,
}

// Builtins are the predeclared names this package defines. The host merges
// them over starlark.Universe (they win). Each is documented with its
// Python signature where it is defined:
//
//	print input exit quit str repr ascii format len sum round pow divmod
//	hex oct bin abs callable min max sorted any all enumerate zip reversed
//	map filter iter next id type isinstance getattr setattr chr ord
//	int float bool bytes list tuple set frozenset dict range open hash
//	__method__ __pct__ __iter__ __fstr__ __with__ __assert__ __delitem__ __attr__
//	__unbound__
var Builtins = starlark.StringDict{
	"int": intType, "float": floatType, "str": strType, "bool": boolType,
	"list": listType, "tuple": tupleType, "dict": dictType, "set": setType,
	"bytes": bytesType, "range": rangeType, "frozenset": frozenType,

	"print":  starlark.NewBuiltin("print", print_),
	"input":  starlark.NewBuiltin("input", input),
	"exit":   starlark.NewBuiltin("exit", exit),
	"quit":   starlark.NewBuiltin("quit", exit),
	"repr":   starlark.NewBuiltin("repr", repr),
	"ascii":  starlark.NewBuiltin("ascii", ascii),
	"format": starlark.NewBuiltin("format", format),
	"open":   pyio.Open,

	"len":      starlark.NewBuiltin("len", len_),
	"sum":      starlark.NewBuiltin("sum", sum),
	"round":    starlark.NewBuiltin("round", round),
	"pow":      starlark.NewBuiltin("pow", pow),
	"divmod":   starlark.NewBuiltin("divmod", divmod),
	"hex":      starlark.NewBuiltin("hex", radix),
	"oct":      starlark.NewBuiltin("oct", radix),
	"bin":      starlark.NewBuiltin("bin", radix),
	"abs":      starlark.NewBuiltin("abs", abs),
	"chr":      starlark.NewBuiltin("chr", chr),
	"ord":      starlark.NewBuiltin("ord", ord),
	"callable": starlark.NewBuiltin("callable", callable),

	"min":       starlark.NewBuiltin("min", minmax),
	"max":       starlark.NewBuiltin("max", minmax),
	"sorted":    starlark.NewBuiltin("sorted", sorted),
	"any":       starlark.NewBuiltin("any", anyAll),
	"all":       starlark.NewBuiltin("all", anyAll),
	"enumerate": starlark.NewBuiltin("enumerate", enumerate),
	"zip":       starlark.NewBuiltin("zip", zip),
	"reversed":  starlark.NewBuiltin("reversed", reversed),
	"map":       starlark.NewBuiltin("map", map_),
	"filter":    starlark.NewBuiltin("filter", filter),
	"iter":      starlark.NewBuiltin("iter", iter),
	"next":      starlark.NewBuiltin("next", next),
	"id":        starlark.NewBuiltin("id", id_),
	"hash":      starlark.NewBuiltin("hash", hash),

	"type":       starlark.NewBuiltin("type", type_),
	"isinstance": starlark.NewBuiltin("isinstance", isinstance),
	"getattr":    starlark.NewBuiltin("getattr", getattr),
	"setattr":    starlark.NewBuiltin("setattr", setattr),

	"__method__":  starlark.NewBuiltin("__method__", method),
	"__pct__":     starlark.NewBuiltin("__pct__", pct),
	"__iter__":    starlark.NewBuiltin("__iter__", iterFor),
	"__fstr__":    starlark.NewBuiltin("__fstr__", fstr),
	"__with__":    starlark.NewBuiltin("__with__", with),
	"__assert__":  starlark.NewBuiltin("__assert__", assert),
	"__delitem__": starlark.NewBuiltin("__delitem__", delitem),
	"__attr__":    starlark.NewBuiltin("__attr__", dunderAttr),
	"__unbound__": starlark.NewBuiltin("__unbound__", unbound),
}

// Starlark's own builtins that ours delegate to once arguments are Python-shaped.
var (
	starList  = starlark.Universe["list"].(*starlark.Builtin)
	starTuple = starlark.Universe["tuple"].(*starlark.Builtin)
	starSet   = starlark.Universe["set"].(*starlark.Builtin)
	starDict  = starlark.Universe["dict"].(*starlark.Builtin)
	starBool  = starlark.Universe["bool"].(*starlark.Builtin)
	starRange = starlark.Universe["range"].(*starlark.Builtin)
	starInt   = starlark.Universe["int"].(*starlark.Builtin)
	starFloat = starlark.Universe["float"].(*starlark.Builtin)
)

// delegate calls one of Starlark's builtins on behalf of b, converting its
// errors to Python's.
func delegate(thread *starlark.Thread, star *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	v, err := star.CallInternal(thread, args, kwargs)
	if err != nil {
		return nil, pyError(err)
	}
	return v, nil
}

// strArgs returns args with every str and bytes argument replaced by the
// list of what Python iterates in it (1-character strings, ints), so that
// Starlark's builtins, for which these are not iterable, see Python's
// elements; and every set by the list of its elements in CPython's order.
func strArgs(args starlark.Tuple) starlark.Tuple {
	var out starlark.Tuple
	for i, a := range args {
		switch a.(type) {
		case starlark.String, starlark.Bytes, *starlark.Set:
			if out == nil {
				out = append(starlark.Tuple(nil), args...)
			}
			xs, _ := elems("", a)
			out[i] = starlark.NewList(xs)
		}
	}
	if out == nil {
		return args
	}
	return out
}

// chars returns the code points of s as 1-character strings.
func chars(s string) []starlark.Value {
	out := make([]starlark.Value, 0, len(s))
	for _, r := range s {
		if r < 0x80 {
			out = append(out, asciiChars[r])
		} else {
			out = append(out, starlark.String(string(r)))
		}
	}
	return out
}

// elems returns the elements Python's iter(x) yields: the code points of a
// str, the ints of a bytes, the elements of any Starlark iterable.
func elems(fn string, x starlark.Value) ([]starlark.Value, error) {
	switch x := x.(type) {
	case starlark.String:
		return chars(string(x)), nil
	case starlark.Bytes:
		out := make([]starlark.Value, len(x))
		for i := 0; i < len(x); i++ {
			out[i] = starlark.MakeInt(int(x[i]))
		}
		return out, nil
	case *starlark.List:
		out := make([]starlark.Value, x.Len())
		for i := range out {
			out[i] = x.Index(i)
		}
		return out, nil
	case starlark.Tuple:
		return append([]starlark.Value(nil), x...), nil
	case *starlark.Set:
		return pyfmt.SetOrder(x), nil
	case starlark.Iterable:
		var out []starlark.Value
		if s, ok := x.(starlark.Sequence); ok {
			out = make([]starlark.Value, 0, s.Len())
		}
		it := x.Iterate()
		defer it.Done()
		var v starlark.Value
		for it.Next(&v) {
			out = append(out, v)
		}
		return out, nil
	}
	return nil, notIterable(x)
}

func notIterable(x starlark.Value) error {
	return pyerrNew("TypeError", "'%s' object is not iterable", typeName(x))
}
