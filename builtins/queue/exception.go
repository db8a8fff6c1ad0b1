package queue

import (
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyexc"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Exception is a Python exception object as a Starlark value: what calling
// queue.Empty(...) or queue.Full(...) returns. Err is the exception it
// stands for; a host that implements raise returns Err.
type Exception = pyexc.Exception

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
	return &Exception{Err: &pyerr.Error{Type: b.Name(), Msg: msg,
		Attrs: starlark.StringDict{"args": append(starlark.Tuple(nil), args...)}}}, nil
}
