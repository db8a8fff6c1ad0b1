// Package pyexc is the value a script gets when it calls an exception class
// of a module (subprocess.CalledProcessError(1, 'x'), queue.Empty()):
// Starlark has no raise, but the value prints, compares and carries its
// attributes as CPython's exception object does.
package pyexc

import (
	"sort"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Exception is an exception object. Err is the exception it stands for; a
// host that implements raise returns Err.
type Exception struct{ Err *pyerr.Error }

var (
	_ starlark.HasAttrs = (*Exception)(nil)
	_ pyfmt.Reprer      = (*Exception)(nil)
	_ pyfmt.Stringer    = (*Exception)(nil)
)

// PyRepr is CPython's repr: the class name and the positional arguments,
// e.g. CalledProcessError(1, ['false']).
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
func (e *Exception) PyStr() string { return e.Err.Msg }

// String is the repr.
func (e *Exception) String() string { return e.PyRepr() }

// Type is the exception's class name.
func (e *Exception) Type() string { return e.Err.Type }

// Freeze does nothing: an exception's attributes are fixed.
func (e *Exception) Freeze() {}

// Truth is always true.
func (e *Exception) Truth() starlark.Bool { return true }

// Hash hashes the message.
func (e *Exception) Hash() (uint32, error) { return starlark.String(e.Err.Msg).Hash() }

// Unwrap returns the exception the value stands for.
func (e *Exception) Unwrap() *pyerr.Error { return e.Err }

// Attr returns an attribute (args, returncode, ...).
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
