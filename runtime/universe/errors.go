package universe

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime/pyerr"
)

func pyerrNew(typ, format string, args ...any) *pyerr.Error { return pyerr.New(typ, format, args...) }

// typeName is the Python name of v's type: str, not Starlark's "string";
// Popen, not "subprocess.Popen" (CPython's messages use the bare name).
func typeName(v starlark.Value) string {
	return pyTypeName(v.Type())
}

func pyTypeName(t string) string {
	if t == "string" {
		return "str"
	}
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		return t[i+1:]
	}
	return t
}

// The patterns are compiled on first use: at start-up they would cost
// every child process, most of which never fail, half a millisecond.
var (
	reNotImpl = lazyRegexp(`^(\S+) (<|<=|>|>=|==|!=) (\S+) not implemented$`)
	reBinOp   = lazyRegexp(`unknown binary op: (\S+) (\S+) (\S+)$`)
	reWant    = lazyRegexp(`^(?:for parameter (\S+): )?got (\S+), want (\S+)$`)
	reArgc    = lazyRegexp(`^got (\d+) arguments?, want (at most |at least |)(\d+)$`)
)

func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// seqType are the Starlark types Python repeats with *.
var seqType = map[string]bool{"string": true, "bytes": true, "list": true, "tuple": true}

// pyError converts an error from one of Starlark's builtins or operators
// into the Python exception CPython raises in the same situation. Errors that
// already are Python exceptions, and errors from the user's own functions
// (an *starlark.EvalError with its own call stack), pass unchanged.
func pyError(err error) error {
	if err == nil {
		return nil
	}
	var pe *pyerr.Error
	var se *pyerr.SystemExit
	var ee *starlark.EvalError
	if errors.As(err, &pe) || errors.As(err, &se) || errors.As(err, &ee) {
		return err
	}
	msg := err.Error()
	fn := ""
	// Strip "fn: " prefixes (possibly nested, e.g. "sorted: list: ...").
	for {
		i := strings.Index(msg, ": ")
		if i <= 0 || strings.ContainsAny(msg[:i], " '\"(") {
			break
		}
		if fn == "" {
			fn = msg[:i]
		}
		msg = msg[i+2:]
	}
	if m := reNotImpl().FindStringSubmatch(msg); m != nil {
		return pyerr.TypeError("'%s' not supported between instances of '%s' and '%s'", m[2], pyTypeName(m[1]), pyTypeName(m[3]))
	}
	if m := reBinOp().FindStringSubmatch(msg); m != nil {
		if m[2] == "*" {
			// Python repeats a sequence by an int, and words any other
			// multiplier by the type of the non-sequence operand.
			if seqType[m[1]] {
				return pyerr.TypeError("can't multiply sequence by non-int of type '%s'", pyTypeName(m[3]))
			}
			if seqType[m[3]] {
				return pyerr.TypeError("can't multiply sequence by non-int of type '%s'", pyTypeName(m[1]))
			}
		}
		return pyerr.TypeError("unsupported operand type(s) for %s: '%s' and '%s'", m[2], pyTypeName(m[1]), pyTypeName(m[3]))
	}
	if m := reWant().FindStringSubmatch(msg); m != nil {
		return wantError(fn, m[1], m[2], m[3])
	}
	if m := reArgc().FindStringSubmatch(msg); m != nil {
		return pyerr.TypeError("%s expected %s%s argument%s, got %s", fn, m[2], m[3], plural(m[3]), m[1])
	}
	switch {
	case strings.HasPrefix(msg, "unhashable type: "):
		return pyerr.TypeError("unhashable type: '%s'", pyTypeName(strings.TrimPrefix(msg, "unhashable type: ")))
	case strings.HasPrefix(msg, "missing argument for "):
		return pyerr.TypeError("%s() missing required argument '%s'", fn, strings.TrimPrefix(msg, "missing argument for "))
	case strings.HasPrefix(msg, "unexpected keyword argument "):
		name := strings.TrimPrefix(msg, "unexpected keyword argument ")
		name, _, _ = strings.Cut(name, " ")
		return pyerr.TypeError("%s() got an unexpected keyword argument '%s'", fn, strings.Trim(name, `"`))
	case strings.HasPrefix(msg, "got multiple values for keyword argument "):
		name := strings.TrimPrefix(msg, "got multiple values for keyword argument ")
		return pyerr.TypeError("%s() got multiple values for argument '%s'", fn, strings.Trim(name, `"`))
	case msg == "unexpected keyword arguments":
		return pyerr.TypeError("%s() takes no keyword arguments", fn)
	case msg == "integer modulo by zero":
		return pyerr.New("ZeroDivisionError", "integer modulo by zero")
	case msg == "floored division by zero":
		return pyerr.New("ZeroDivisionError", "integer division or modulo by zero")
	case msg == "floating-point division by zero":
		return pyerr.New("ZeroDivisionError", "division by zero")
	case msg == "floating-point modulo by zero":
		return pyerr.New("ZeroDivisionError", "float modulo")
	case strings.Contains(msg, "out of range"):
		return pyerr.New("IndexError", "%s", msg)
	case strings.Contains(msg, "frozen") || strings.Contains(msg, "during iteration"):
		return pyerr.RuntimeError("%s", msg)
	}
	return pyerr.TypeError("%s", msg)
}

func plural(n string) string {
	if n == "1" {
		return ""
	}
	return "s"
}

// wantError words Starlark's "got T, want W" argument errors as CPython does.
func wantError(fn, param, got, want string) error {
	got = pyTypeName(got)
	switch want {
	case "int":
		return pyerr.TypeError("'%s' object cannot be interpreted as an integer", got)
	case "iterable":
		return pyerr.TypeError("'%s' object is not iterable", got)
	case "callable":
		return pyerr.TypeError("'%s' object is not callable", got)
	case "string":
		want = "str"
	case "float":
		want = "a real number"
	}
	if param != "" {
		return pyerr.TypeError("%s() argument '%s' must be %s, not %s", fn, param, want, got)
	}
	return pyerr.TypeError("%s() argument must be %s, not %s", fn, want, got)
}

// unpack is starlark.UnpackArgs with Python's wording of its errors.
func unpack(fn string, args starlark.Tuple, kwargs []starlark.Tuple, pairs ...any) error {
	if err := starlark.UnpackArgs(fn, args, kwargs, pairs...); err != nil {
		return pyError(err)
	}
	return nil
}

// unpackPositional is starlark.UnpackPositionalArgs with Python's wording.
func unpackPositional(fn string, args starlark.Tuple, kwargs []starlark.Tuple, min int, vars ...any) error {
	if err := starlark.UnpackPositionalArgs(fn, args, kwargs, min, vars...); err != nil {
		return pyError(err)
	}
	return nil
}

// attrError is Python's AttributeError for a missing attribute of x, with
// CPython 3.11's "Did you mean" suggestion from x's attribute names.
func attrError(x starlark.Value, name string) error {
	var msg string
	if m, ok := x.(*starlarkstruct.Module); ok {
		msg = "module '" + m.Name + "' has no attribute '" + name + "'"
	} else {
		msg = "'" + typeName(x) + "' object has no attribute '" + name + "'"
	}
	if s := pyerr.Suggest(name, attrCandidates(x)); s != "" {
		msg += ". Did you mean: '" + s + "'?"
	}
	return pyerr.New("AttributeError", "%s", msg)
}

// compareError is CPython's message for an unordered pair.
func compareError(op string, x, y starlark.Value) error {
	return pyerr.TypeError("'%s' not supported between instances of '%s' and '%s'", op, typeName(x), typeName(y))
}
