package random

import (
	"math"
	"math/big"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// typeName is the Python name of v's type, for messages.
func typeName(v starlark.Value) string {
	switch v.(type) {
	case starlark.String:
		return "str"
	case starlark.NoneType:
		return "NoneType"
	}
	return v.Type()
}

// seq is a Python sequence seen through len() and integer indexing, with
// Python's element types: a str yields 1-character strs (by code point) and
// bytes yield ints.
type seq struct {
	v     starlark.Value
	n     int
	isStr bool
	runes []rune // the code points of a str
}

// lenOf is Python's len(v) as a sequence for the random functions.
func lenOf(v starlark.Value) (seq, error) {
	switch x := v.(type) {
	case starlark.String:
		r := []rune(string(x))
		return seq{v: v, n: len(r), isStr: true, runes: r}, nil
	case starlark.Bytes:
		return seq{v: v, n: len(x)}, nil
	case starlark.Sequence:
		return seq{v: v, n: x.Len()}, nil
	case *starlark.Dict:
		return seq{v: v, n: x.Len()}, nil
	}
	return seq{}, pyerr.TypeError("object of type '%s' has no len()", typeName(v))
}

// isSequence reports whether v is a collections.abc.Sequence: indexable,
// not a mapping or a set.
func isSequence(v starlark.Value) bool {
	switch v.(type) {
	case starlark.String, starlark.Bytes:
		return true
	}
	_, ok := v.(starlark.Indexable)
	return ok
}

// at is v[i] for 0 <= i; an index past the end is Python's IndexError.
func (s seq) at(i int) (starlark.Value, error) {
	if s.isStr {
		if i >= len(s.runes) {
			return nil, pyerr.New("IndexError", "string index out of range")
		}
		return starlark.String(string(s.runes[i])), nil
	}
	switch x := s.v.(type) {
	case starlark.Bytes:
		if i >= len(x) {
			return nil, pyerr.New("IndexError", "index out of range")
		}
		return starlark.MakeInt(int(x[i])), nil
	case starlark.Indexable:
		if i >= x.Len() {
			name := typeName(x)
			if name == "range" {
				name = "range object"
			}
			return nil, pyerr.New("IndexError", "%s index out of range", name)
		}
		return x.Index(i), nil
	case *starlark.Dict:
		k := starlark.MakeInt(i)
		v, found, err := x.Get(k)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, &pyerr.Error{Type: "KeyError", Msg: pyfmt.Repr(k)}
		}
		return v, nil
	}
	return nil, pyerr.TypeError("'%s' object is not subscriptable", typeName(s.v))
}

// number converts a Python number for arithmetic: bool becomes int.
func number(v starlark.Value) (starlark.Value, bool) {
	switch x := v.(type) {
	case starlark.Int, starlark.Float:
		return x, true
	case starlark.Bool:
		if x {
			return starlark.MakeInt(1), true
		}
		return starlark.MakeInt(0), true
	}
	return nil, false
}

// toFloat is Python's float(v) for a real number argument.
func toFloat(v starlark.Value) (float64, error) {
	n, ok := number(v)
	if !ok {
		return 0, pyerr.TypeError("must be real number, not %s", typeName(v))
	}
	if i, ok := n.(starlark.Int); ok {
		f := float64(i.Float())
		if math.IsInf(f, 0) {
			return 0, pyerr.New("OverflowError", "int too large to convert to float")
		}
		return f, nil
	}
	return float64(n.(starlark.Float)), nil
}

// arith is Python's x op y for numbers (op one of + - * /), with Python's
// exactly rounded int/int true division and its messages.
func arith(op byte, x, y starlark.Value) (starlark.Value, error) {
	a, ok1 := number(x)
	b, ok2 := number(y)
	if !ok1 || !ok2 {
		if _, ok := x.(starlark.String); ok && op == '+' {
			return nil, pyerr.TypeError("can only concatenate str (not \"%s\") to str", typeName(y))
		}
		return nil, pyerr.TypeError("unsupported operand type(s) for %c: '%s' and '%s'", op, typeName(x), typeName(y))
	}
	ai, aInt := a.(starlark.Int)
	bi, bInt := b.(starlark.Int)
	if aInt && bInt {
		switch op {
		case '+':
			return ai.Add(bi), nil
		case '-':
			return ai.Sub(bi), nil
		case '*':
			return ai.Mul(bi), nil
		}
		if bi.Sign() == 0 {
			return nil, pyerr.New("ZeroDivisionError", "division by zero")
		}
		f, _ := new(big.Rat).SetFrac(ai.BigInt(), bi.BigInt()).Float64()
		if math.IsInf(f, 0) {
			return nil, pyerr.New("OverflowError", "integer division result too large for a float")
		}
		return starlark.Float(f), nil
	}
	fa, err := toFloat(a)
	if err != nil {
		return nil, err
	}
	fb, err := toFloat(b)
	if err != nil {
		return nil, err
	}
	switch op {
	case '+':
		return starlark.Float(fa + fb), nil
	case '-':
		return starlark.Float(fa - fb), nil
	case '*':
		return starlark.Float(fa * fb), nil
	}
	if fb == 0 {
		return nil, pyerr.New("ZeroDivisionError", "float division by zero")
	}
	return starlark.Float(fa / fb), nil
}

// divFloat is Python's float a / b where a is a float.
func divFloat(a float64, b starlark.Value) (float64, error) {
	fb, err := toFloat(b)
	if err != nil {
		return 0, pyerr.TypeError("unsupported operand type(s) for /: 'float' and '%s'", typeName(b))
	}
	if fb == 0 {
		return 0, pyerr.New("ZeroDivisionError", "float division by zero")
	}
	return a / fb, nil
}

// pow is Python's float ** float for the bases the distributions produce.
func pow(x, y float64) (float64, error) {
	if x == 0 && y < 0 {
		return 0, pyerr.New("ZeroDivisionError", "0.0 cannot be raised to a negative power")
	}
	r := cPow(x, y)
	if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
		return 0, pyerr.New("OverflowError", "(34, 'Numerical result out of range')")
	}
	return r, nil
}

// pyMod is Python's float modulo: the result takes the divisor's sign.
func pyMod(x, y float64) float64 {
	m := math.Mod(x, y)
	if m != 0 {
		if (y < 0) != (m < 0) {
			m += y
		}
	} else {
		m = math.Copysign(0, y)
	}
	return m
}

// intArg is operator.index(v) as a Go int, with CPython's messages.
func intArg(v starlark.Value) (int, error) {
	switch x := v.(type) {
	case starlark.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case starlark.Int:
		i, ok := x.Int64()
		if !ok || i != int64(int(i)) || i > math.MaxInt32 || i < math.MinInt32 {
			return 0, pyerr.New("OverflowError", "Python int too large to convert to C int")
		}
		return int(i), nil
	}
	return 0, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(v))
}

// ssizeArg is operator.index(v) for a length-like argument (Py_ssize_t).
func ssizeArg(v starlark.Value) (int, error) {
	switch x := v.(type) {
	case starlark.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case starlark.Int:
		i, ok := x.Int64()
		if !ok || i != int64(int(i)) {
			return 0, pyerr.New("OverflowError", "Python int too large to convert to C ssize_t")
		}
		return int(i), nil
	}
	return 0, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(v))
}

// rangeArg converts a randrange argument as CPython 3.11 does: an int as
// is; an integral float with (unprinted) DeprecationWarning; anything else
// through int() and refused unless equal to itself. which is "arg 1",
// "stop" or "step".
func rangeArg(v starlark.Value, which string) (*big.Int, error) {
	switch x := v.(type) {
	case starlark.Int:
		return x.BigInt(), nil
	case starlark.Bool:
		if x {
			return big.NewInt(1), nil
		}
		return big.NewInt(0), nil
	case starlark.Float:
		f := float64(x)
		if math.IsNaN(f) {
			return nil, pyerr.ValueError("cannot convert float NaN to integer")
		}
		if math.IsInf(f, 0) {
			return nil, pyerr.New("OverflowError", "cannot convert float infinity to integer")
		}
		if f != math.Trunc(f) {
			return nil, pyerr.ValueError("non-integer %s for randrange()", which)
		}
		n, _ := new(big.Float).SetFloat64(f).Int(nil)
		return n, nil
	case starlark.String:
		return nil, intLiteral(string(x), x, which)
	case starlark.Bytes:
		return nil, intLiteral(string(x), x, which)
	}
	return nil, pyerr.TypeError("int() argument must be a string, a bytes-like object or a real number, not '%s'", typeName(v))
}

// intLiteral is the error randrange gives for a str or bytes argument: int()
// parses it, but "5" != 5, so CPython refuses it after all.
func intLiteral(s string, v starlark.Value, which string) error {
	t := strings.TrimSpace(s)
	if _, ok := new(big.Int).SetString(strings.ReplaceAll(t, "_", ""), 10); ok && t != "" && t[0] != '_' {
		return pyerr.ValueError("non-integer %s for randrange()", which)
	}
	return pyerr.ValueError("invalid literal for int() with base 10: %s", pyfmt.Repr(v))
}

var big32 = new(big.Int).Lsh(big.NewInt(1), 32) // never modified
