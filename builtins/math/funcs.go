package math

import (
	"math"
	"math/big"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/internal/libm"
	"github.com/starproc/starproc/runtime/pyerr"
)

// floatToInt is int(f) for ceil, floor and trunc.
func floatToInt(f float64) (starlark.Value, error) {
	switch {
	case math.IsNaN(f):
		return nil, pyerr.ValueError("cannot convert float NaN to integer")
	case math.IsInf(f, 0):
		return nil, pyerr.New("OverflowError", "cannot convert float infinity to integer")
	case math.Abs(f) < 1<<62:
		return starlark.MakeInt64(int64(f)), nil
	}
	i, _ := big.NewFloat(f).Int(nil)
	return starlark.MakeBigInt(i), nil
}

// rounding is ceil, floor or trunc: an int argument is returned as it is.
func rounding(f func(float64) float64, notNumber func(v starlark.Value) error) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case starlark.Int:
			return x, nil
		case starlark.Bool:
			if x {
				return starlark.MakeInt(1), nil
			}
			return starlark.MakeInt(0), nil
		case starlark.Float:
			return floatToInt(f(float64(x)))
		}
		return nil, notNumber(v)
	}
}

var (
	ceil  = rounding(math.Ceil, func(v starlark.Value) error { _, err := toFloat(v); return err })
	floor = rounding(math.Floor, func(v starlark.Value) error { _, err := toFloat(v); return err })
	trunc = rounding(math.Trunc, func(v starlark.Value) error {
		return pyerr.TypeError("type %s doesn't define __trunc__ method", typeName(v))
	})
)

func typeName(v starlark.Value) string {
	if _, ok := v.(starlark.String); ok {
		return "str"
	}
	return v.Type()
}

// CPython's conversion factors, each a float64 quotient as C computes it
// (a Go constant expression would be exact before rounding).
var (
	pi       = math.Pi
	degToRad = pi / 180.0
	radToDeg = 180.0 / pi
)

func degrees(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	x, err := float1(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	return starlark.Float(x * radToDeg), nil
}

func radians(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	x, err := float1(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	return starlark.Float(x * degToRad), nil
}

func predicate(f func(float64) bool) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		x, err := float1(fn, args, kwargs)
		if err != nil {
			return nil, err
		}
		return starlark.Bool(f(x)), nil
	}
}

var (
	isfinite = predicate(func(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) })
	isinf    = predicate(func(x float64) bool { return math.IsInf(x, 0) })
	isnan    = predicate(math.IsNaN)
)

func isclose(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 2 {
		return nil, pyerr.TypeError("isclose() takes exactly 2 positional arguments (%d given)", len(args))
	}
	var av, bv starlark.Value
	var relv, absv starlark.Value = starlark.Float(1e-09), starlark.Float(0)
	if err := starlark.UnpackArgs(fn.Name(), args, kwargs, "a", &av, "b", &bv, "rel_tol?", &relv, "abs_tol?", &absv); err != nil {
		return nil, err
	}
	var v [4]float64
	for i, x := range []starlark.Value{av, bv, relv, absv} {
		f, err := toFloat(x)
		if err != nil {
			return nil, err
		}
		v[i] = f
	}
	a, b, rel, abs := v[0], v[1], v[2], v[3]
	if rel < 0 || abs < 0 {
		return nil, pyerr.ValueError("tolerances must be non-negative")
	}
	if a == b {
		return starlark.True, nil
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return starlark.False, nil
	}
	diff := math.Abs(b - a)
	return starlark.Bool(diff <= math.Abs(rel*b) || diff <= math.Abs(rel*a) || diff <= abs), nil
}

func frexp(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	x, err := float1(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	m, e := math.Frexp(x)
	return starlark.Tuple{starlark.Float(m), starlark.MakeInt(e)}, nil
}

func modf(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	x, err := float1(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	if math.IsInf(x, 0) {
		return starlark.Tuple{starlark.Float(math.Copysign(0, x)), starlark.Float(x)}, nil
	}
	i, f := math.Modf(x)
	return starlark.Tuple{starlark.Float(f), starlark.Float(i)}, nil
}

func ldexp(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var xv, iv starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 2, &xv, &iv); err != nil {
		return nil, err
	}
	x, err := toFloat(xv)
	if err != nil {
		return nil, err
	}
	n, err := toInt(iv)
	if err != nil {
		return nil, pyerr.TypeError("Expected an int as second argument to ldexp.")
	}
	var r float64
	switch {
	case x == 0 || math.IsInf(x, 0) || math.IsNaN(x):
		r = x
	case n.Cmp(big.NewInt(1<<20)) > 0:
		return nil, rangeError()
	case n.Cmp(big.NewInt(-1<<20)) < 0:
		r = math.Copysign(0, x)
	default:
		r = math.Ldexp(x, int(n.Int64()))
		if math.IsInf(r, 0) {
			return nil, rangeError()
		}
	}
	return starlark.Float(r), nil
}

func ulp(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	x, err := float1(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return starlark.Float(math.Abs(x)), nil
	}
	x = math.Abs(x)
	if x == math.MaxFloat64 {
		return starlark.Float(x - math.Nextafter(x, 0)), nil
	}
	return starlark.Float(math.Nextafter(x, math.Inf(1)) - x), nil
}

// pow is CPython's math.pow, which settles the IEEE special values itself.
func pow(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	x, y, err := float2(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	finite := func(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }
	var r float64
	if !finite(x) || !finite(y) {
		switch {
		case math.IsNaN(x):
			r = x
			if y == 0 {
				r = 1
			}
		case math.IsNaN(y):
			r = y
			if x == 1 {
				r = 1
			}
		case math.IsInf(x, 0):
			oddY := finite(y) && math.Mod(math.Abs(y), 2.0) == 1.0
			switch {
			case y > 0 && oddY:
				r = x
			case y > 0:
				r = math.Abs(x)
			case y == 0:
				r = 1
			case oddY:
				r = math.Copysign(0, x)
			default:
				r = 0
			}
		default: // y is infinite
			switch {
			case math.Abs(x) == 1:
				r = 1
			case y > 0 && math.Abs(x) > 1:
				r = y
			case y < 0 && math.Abs(x) < 1:
				r = -y
			default:
				r = 0
			}
		}
		return starlark.Float(r), nil
	}
	r = libm.Pow(x, y)
	switch {
	case math.IsNaN(r):
		return nil, domainError()
	case math.IsInf(r, 0) && x == 0:
		return nil, domainError()
	case math.IsInf(r, 0):
		return nil, rangeError()
	}
	return starlark.Float(r), nil
}

// withErrno wraps gamma and lgamma, which report errors as C's errno.
func withErrno(f func(float64) (float64, errno)) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		x, err := float1(fn, args, kwargs)
		if err != nil {
			return nil, err
		}
		r, e := f(x)
		switch {
		case e == errDomain || (math.IsNaN(r) && !math.IsNaN(x)):
			return nil, domainError()
		case e == errRange && math.Abs(r) >= 1.5:
			return nil, rangeError()
		case math.IsInf(r, 0) && !math.IsInf(x, 0):
			return nil, rangeError()
		}
		return starlark.Float(r), nil
	}
}

var (
	gammaFn  = withErrno(tgamma)
	lgammaFn = withErrno(lgamma)
)

// logHelper is CPython's loghelper: an int too large for a float is
// still accepted, as m * 2**e with m in [0.5, 1).
func logHelper(v starlark.Value, f func(float64) float64) (float64, error) {
	var x float64
	if i, ok := v.(starlark.Int); ok {
		if i.Sign() <= 0 {
			return 0, domainError()
		}
		x = float64(i.Float())
		if math.IsInf(x, 0) {
			b := i.BigInt()
			e := b.BitLen()
			m, _ := new(big.Float).SetMantExp(new(big.Float).SetInt(b), -e).Float64()
			return f(m) + f(2.0)*float64(e), nil
		}
	} else {
		var err error
		if x, err = toFloat(v); err != nil {
			return 0, err
		}
	}
	r := f(x)
	switch {
	case math.IsNaN(r) && !math.IsNaN(x):
		return 0, domainError()
	case math.IsInf(r, 0) && !math.IsInf(x, 0):
		return 0, domainError()
	}
	return r, nil
}

func logHelperFn(f func(float64) float64) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		r, err := logHelper(v, f)
		if err != nil {
			return nil, err
		}
		return starlark.Float(r), nil
	}
}

func logFn(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var xv, basev starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &xv, &basev); err != nil {
		return nil, err
	}
	num, err := logHelper(xv, libm.Log)
	if err != nil {
		return nil, err
	}
	if basev == nil {
		return starlark.Float(num), nil
	}
	den, err := logHelper(basev, libm.Log)
	if err != nil {
		return nil, err
	}
	if den == 0 {
		return nil, pyerr.New("ZeroDivisionError", "float division by zero")
	}
	return starlark.Float(num / den), nil
}
