package queue

import (
	"sort"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Exception is a Python exception object as a Starlark value: what calling
// queue.Empty(...) or queue.Full(...) returns. Err is the exception it
// stands for; a host that implements raise returns Err.
type Exception struct{ Err *pyerr.Error }

var (
	_ starlark.HasAttrs = (*Exception)(nil)
	_ pyfmt.Reprer      = (*Exception)(nil)
	_ pyfmt.Stringer    = (*Exception)(nil)
)

// def Empty(*args), def Full(*args)
func newException(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	name := b.Name()[strings.LastIndexByte(b.Name(), '.')+1:]
	if len(kwargs) > 0 {
		return nil, pyerr.TypeError("%s() takes no keyword arguments", name)
	}
	msg := ""
	switch len(args) {
	case 0:
	case 1:
		msg = pyfmt.Str(args[0])
	default:
		msg = pyfmt.Repr(args)
	}
	return &Exception{&pyerr.Error{Type: b.Name(), Msg: msg,
		Attrs: starlark.StringDict{"args": append(starlark.Tuple(nil), args...)}}}, nil
}

// PyRepr is the class name and the arguments: Full('x').
func (e *Exception) PyRepr() string {
	name := e.Err.Type[strings.LastIndexByte(e.Err.Type, '.')+1:]
	args, _ := e.Err.Attrs["args"].(starlark.Tuple)
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = pyfmt.Repr(a)
	}
	return name + "(" + strings.Join(parts, ", ") + ")"
}

// PyStr is str(exc), the message.
func (e *Exception) PyStr() string         { return e.Err.Msg }
func (e *Exception) String() string        { return e.PyRepr() }
func (e *Exception) Type() string          { return e.Err.Type }
func (e *Exception) Freeze()               {}
func (e *Exception) Truth() starlark.Bool  { return true }
func (e *Exception) Hash() (uint32, error) { return starlark.String(e.Err.Msg).Hash() }

// Unwrap returns the exception the value stands for.
func (e *Exception) Unwrap() *pyerr.Error { return e.Err }

// Attr returns args.
func (e *Exception) Attr(name string) (starlark.Value, error) {
	if v, ok := e.Err.Attrs[name]; ok {
		return v, nil
	}
	return nil, nil
}

// AttrNames lists the attributes in sorted order.
func (e *Exception) AttrNames() []string {
	names := make([]string, 0, len(e.Err.Attrs))
	for k := range e.Err.Attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
