// Package math is starproc's Python math module: CPython 3.11's functions,
// with its results and its exceptions ("ValueError: math domain error",
// "OverflowError: math range error", CPython's TypeError wordings).
//
// Results agree with CPython on Linux to the last bit nearly always:
// CPython calls glibc, whose exp, log, pow, sin, cos, tan and inverse
// trigonometric functions are (nearly) correctly rounded, so those are
// evaluated in double-double arithmetic (package internal/libm) and
// rounded once; glibc's
// fdlibm-derived functions (sinh, cosh, tanh, asinh, acosh, atanh, expm1,
// log1p, log10, erf, erfc, cbrt) are reproduced step by step; gamma,
// lgamma, fsum, hypot and dist are ports of CPython's own C code.
//
// Deviations from CPython:
//   - glibc's sin, cos and tan are within 0.55 ulp rather than correctly
//     rounded, so about one argument in a thousand prints a different
//     last digit (likewise expm1, tanh, erfc, log2 and gamma, more rarely
//     still). sin, cos and tan of arguments beyond 2**20 use Go's math,
//     which differs from glibc in the last bit for several percent of them.
//   - The double-double evaluation costs about 0.35µs a call, a few times
//     Go's math; still small next to the interpreter's own cost of a call.
//   - Arguments are the starlark values the front end produces: int,
//     float and bool count as numbers; there is no __float__, __index__
//     or __trunc__ protocol for other types.
//   - prod multiplies with Starlark's * operator.
package math

import (
	"math"
	"math/big"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/internal/libm"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Module is the math module:
//
//	pi, e, tau, inf, nan
//	def ceil(x), floor(x), trunc(x)     # ints
//	def sqrt(x), isqrt(n), cbrt(x), exp(x), exp2(x), expm1(x)
//	def log(x, base=e), log2(x), log10(x), log1p(x)
//	def pow(x, y), fabs(x), fmod(x, y), remainder(x, y), modf(x), frexp(x), ldexp(x, i)
//	def copysign(x, y), nextafter(x, y), ulp(x)
//	def factorial(n), gcd(*integers), lcm(*integers), comb(n, k), perm(n, k=None)
//	def prod(iterable, *, start=1), fsum(iterable)
//	def isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0), isfinite(x), isinf(x), isnan(x)
//	def hypot(*coordinates), dist(p, q), degrees(x), radians(x)
//	def sin(x), cos(x), tan(x), asin(x), acos(x), atan(x), atan2(y, x)
//	def sinh(x), cosh(x), tanh(x), asinh(x), acosh(x), atanh(x)
//	def erf(x), erfc(x), gamma(x), lgamma(x)
var Module = &starlarkstruct.Module{
	Name:    "math",
	Members: members(),
}

func members() starlark.StringDict {
	m := starlark.StringDict{
		"pi":  starlark.Float(math.Pi),
		"e":   starlark.Float(math.E),
		"tau": starlark.Float(2 * math.Pi),
		"inf": starlark.Float(math.Inf(1)),
		"nan": starlark.Float(math.NaN()),
	}
	for name, f := range unary {
		m[name] = unaryBuiltin(name, f.fn, f.canOverflow)
	}
	for name, fn := range others {
		m[name] = starlark.NewBuiltin("math."+name, fn)
	}
	return m
}

// unary lists the functions of one float, as CPython's math_1 wraps them:
// a NaN result from a non-NaN argument is a domain error, an infinite one
// from a finite argument a range error if canOverflow, else a domain error.
var unary = map[string]struct {
	fn          func(float64) float64
	canOverflow bool
}{
	"acos":  {libm.Acos, false},
	"acosh": {cAcosh, false},
	"asin":  {libm.Asin, false},
	"asinh": {cAsinh, false},
	"atan":  {libm.Atan, false},
	"atanh": {cAtanh, false},
	"cbrt":  {libm.Cbrt, false},
	"cos":   {libm.Cos, false},
	"cosh":  {cCosh, true},
	"erf":   {cErf, false},
	"erfc":  {cErfc, false},
	"exp":   {libm.Exp, true},
	"exp2":  {libm.Exp2, true},
	"expm1": {cExpm1, true},
	"fabs":  {math.Abs, false},
	"log1p": {cLog1p, false},
	"sin":   {libm.Sin, false},
	"sinh":  {cSinh, true},
	"sqrt":  {math.Sqrt, false},
	"tan":   {libm.Tan, false},
	"tanh":  {cTanh, false},
}

var others = map[string]func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error){
	"atan2":     binary(libm.Atan2),
	"ceil":      ceil,
	"comb":      comb,
	"copysign":  binary(math.Copysign),
	"degrees":   degrees,
	"dist":      dist,
	"factorial": factorial,
	"floor":     floor,
	"fmod":      binary(fmod),
	"frexp":     frexp,
	"fsum":      fsum,
	"gamma":     gammaFn,
	"gcd":       gcd,
	"hypot":     hypot,
	"isclose":   isclose,
	"isfinite":  isfinite,
	"isinf":     isinf,
	"isnan":     isnan,
	"isqrt":     isqrt,
	"lcm":       lcm,
	"ldexp":     ldexp,
	"lgamma":    lgammaFn,
	"log":       logFn,
	"log10":     logHelperFn(cLog10),
	"log2":      logHelperFn(libm.Log2),
	"modf":      modf,
	"nextafter": binary(math.Nextafter),
	"perm":      perm,
	"pow":       pow,
	"prod":      prod,
	"radians":   radians,
	"remainder": binary(remainder),
	"trunc":     trunc,
	"ulp":       ulp,
}

func domainError() error { return pyerr.ValueError("math domain error") }
func rangeError() error  { return pyerr.New("OverflowError", "math range error") }

// toFloat is PyFloat_AsDouble for the values a script can pass.
func toFloat(v starlark.Value) (float64, error) {
	switch x := v.(type) {
	case starlark.Float:
		return float64(x), nil
	case starlark.Int:
		f := float64(x.Float())
		if math.IsInf(f, 0) {
			return 0, pyerr.New("OverflowError", "int too large to convert to float")
		}
		return f, nil
	case starlark.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, pyerr.TypeError("must be real number, not %s", pyfmt.TypeName(v))
}

// toInt is PyNumber_Index: ints and bools, nothing else.
func toInt(v starlark.Value) (*big.Int, error) {
	switch x := v.(type) {
	case starlark.Int:
		return x.BigInt(), nil
	case starlark.Bool:
		if x {
			return big.NewInt(1), nil
		}
		return big.NewInt(0), nil
	}
	return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyfmt.TypeName(v))
}

// float1 unpacks the single float argument of fn.
func float1(fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (float64, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &v); err != nil {
		return 0, err
	}
	return toFloat(v)
}

func unaryBuiltin(name string, f func(float64) float64, canOverflow bool) *starlark.Builtin {
	return starlark.NewBuiltin("math."+name, func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		x, err := float1(fn, args, kwargs)
		if err != nil {
			return nil, err
		}
		r := f(x)
		switch {
		case math.IsNaN(r) && !math.IsNaN(x):
			return nil, domainError()
		case math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsNaN(x):
			if canOverflow {
				return nil, rangeError()
			}
			return nil, domainError()
		}
		return starlark.Float(r), nil
	})
}

// binary wraps a function of two floats as CPython's math_2 does.
func binary(f func(x, y float64) float64) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		x, y, err := float2(fn, args, kwargs)
		if err != nil {
			return nil, err
		}
		r := f(x, y)
		finite := !math.IsInf(x, 0) && !math.IsNaN(x) && !math.IsInf(y, 0) && !math.IsNaN(y)
		switch {
		case math.IsNaN(r) && !math.IsNaN(x) && !math.IsNaN(y):
			return nil, domainError()
		case math.IsInf(r, 0) && finite:
			return nil, rangeError()
		}
		return starlark.Float(r), nil
	}
}

func float2(fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (x, y float64, err error) {
	var a, b starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 2, &a, &b); err != nil {
		return 0, 0, err
	}
	if x, err = toFloat(a); err != nil {
		return 0, 0, err
	}
	y, err = toFloat(b)
	return x, y, err
}

func fmod(x, y float64) float64 {
	// fmod(x, ±inf) is x for finite x (C99); Go agrees, but keep NaN rules.
	if math.IsInf(y, 0) && !math.IsInf(x, 0) && !math.IsNaN(x) {
		return x
	}
	return math.Mod(x, y)
}

func remainder(x, y float64) float64 {
	if math.IsInf(y, 0) && !math.IsInf(x, 0) && !math.IsNaN(x) {
		return x
	}
	return math.Remainder(x, y)
}
