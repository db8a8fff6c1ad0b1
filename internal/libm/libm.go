// Package libm reproduces the C library's (glibc's) rounding of the
// elementary functions, so that the floats Python code sees match
// CPython's, which calls the C library. glibc's exp, log, pow, sin, cos,
// ... are correctly rounded in all but rare cases, while Go's math
// package is off by one bit for several percent of inputs — enough that
// math.sin(x) or a seeded random.gauss() would print different digits.
// So the functions are evaluated in double-double arithmetic (about 100
// bits, type DD) and rounded once. Inputs outside the ranges where that is
// easy (huge arguments, subnormal results) fall back to Go's math package,
// and special values (zeros, infinities, NaN) are Go's, which follow C99
// Annex F as glibc does.
//
// Builtin module packages may not import each other, so this is where
// builtins/math and builtins/random share it.
package libm

import "math"

const (
	expMax = 709.782712893384   // just below log(MaxFloat64)
	expMin = -708.3964185322641 // log(smallest normal)
)

// Exp is glibc's exp.
func Exp(x float64) float64 {
	if !(x > expMin && x < expMax) {
		return math.Exp(x)
	}
	return ExpDD(FromFloat(x)).Float()
}

// Exp2 is glibc's exp2.
func Exp2(x float64) float64 {
	if x == math.Trunc(x) || !(x > -1022 && x < 1024) {
		return math.Exp2(x)
	}
	return ExpDD(FromFloat(x).Mul(DD{ln2a, ln2b})).Float()
}

// Log is glibc's log.
func Log(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return math.Log(x)
	}
	return LogDD(x).Float()
}

// Log2 is glibc's log2.
func Log2(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return math.Log2(x)
	}
	if m, e := math.Frexp(x); m == 0.5 {
		return float64(e - 1)
	}
	return LogDD(x).Mul(invLn2).Float()
}

// Pow is glibc's pow for finite x and y.
func Pow(x, y float64) float64 {
	if x == 0 || y == 0 || x == 1 || math.IsInf(x, 0) || math.IsInf(y, 0) || math.IsNaN(x) || math.IsNaN(y) {
		return math.Pow(x, y)
	}
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return math.NaN()
		}
		neg = math.Mod(y, 2) != 0
		x = -x
	}
	lx := LogDD(x)
	var r float64
	switch est := lx.Hi * y; {
	case est >= expMax+1:
		r = math.Inf(1)
	case est <= expMin-1:
		r = math.Pow(x, y)
	default:
		t := lx.MulF(y)
		switch {
		case t.Hi >= expMax:
			r = math.Inf(1)
		case t.Hi <= expMin:
			r = math.Pow(x, y)
		default:
			r = ExpDD(t).Float()
		}
	}
	if neg {
		r = -r
	}
	return r
}

// Sin is glibc's sin.
func Sin(x float64) float64 {
	if x == 0 || !(math.Abs(x) < 1<<20) {
		return math.Sin(x)
	}
	s, _ := SinCosDD(x)
	return s.Float()
}

// Cos is glibc's cos.
func Cos(x float64) float64 {
	if !(math.Abs(x) < 1<<20) {
		return math.Cos(x)
	}
	_, c := SinCosDD(x)
	return c.Float()
}

// Tan is glibc's tan.
func Tan(x float64) float64 {
	if x == 0 || !(math.Abs(x) < 1<<20) {
		return math.Tan(x)
	}
	s, c := SinCosDD(x)
	return s.Div(c).Float()
}

// SinCos is glibc's (sin(x), cos(x)), for callers that need both.
func SinCos(x float64) (sin, cos float64) {
	if x == 0 || !(math.Abs(x) < 1<<20) {
		return math.Sin(x), math.Cos(x)
	}
	s, c := SinCosDD(x)
	return s.Float(), c.Float()
}

// newton refines Go's y ≈ f⁻¹(x) by one Newton step, given the residual
// r (in double-double) and the derivative d at y.
func newton(y float64, r DD, d float64) float64 {
	return FromFloat(y).Sub(FromFloat(r.Float() / d)).Float()
}

// Asin is glibc's asin: Go's, refined by one Newton step on sin.
func Asin(x float64) float64 {
	y := math.Asin(x)
	if x == 0 || math.IsNaN(y) {
		return y
	}
	s, c := SinCosDD(y)
	if math.Abs(c.Hi) < 0x1p-40 {
		return y
	}
	return newton(y, s.Sub(FromFloat(x)), c.Float())
}

// Acos is glibc's acos: Go's, refined by one Newton step on cos.
func Acos(x float64) float64 {
	y := math.Acos(x)
	if math.IsNaN(y) {
		return y
	}
	s, c := SinCosDD(y)
	if math.Abs(s.Hi) < 0x1p-40 {
		return y
	}
	return newton(y, c.Sub(FromFloat(x)), -s.Float())
}

// Atan is glibc's atan: Go's, refined by one Newton step on
// sin(y) - x cos(y).
func Atan(x float64) float64 {
	y := math.Atan(x)
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 0x1p60 {
		return y
	}
	s, c := SinCosDD(y)
	// f(y) = sin y - x cos y
	return newton(y, s.Sub(c.MulF(x)), c.Float()+x*s.Float())
}

// Atan2 is glibc's atan2. It is odd in y, including atan2(±0, x) and
// underflowing quotients, where Go's math.Atan2(-tiny, -huge) gives +pi.
func Atan2(y, x float64) float64 {
	if math.Signbit(y) {
		return -Atan2(-y, x)
	}
	t := math.Atan2(y, x)
	if x == 0 || y == 0 || math.IsNaN(t) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return t
	}
	// Scale so that the larger of |x|, |y| is in [0.5, 1).
	_, e := math.Frexp(math.Max(math.Abs(x), math.Abs(y)))
	xs, ys := math.Ldexp(x, -e), math.Ldexp(y, -e)
	if math.Abs(xs) < 0x1p-900 || math.Abs(ys) < 0x1p-900 {
		return t
	}
	s, c := SinCosDD(t)
	// f(t) = x sin t - y cos t, f'(t) = x cos t + y sin t
	return newton(t, s.MulF(xs).Sub(c.MulF(ys)), xs*c.Float()+ys*s.Float())
}

// Cbrt is glibc's cbrt, which is not correctly rounded (cbrt(-27) is
// -3.0000000000000004), so its algorithm is reproduced exactly.
func Cbrt(x float64) float64 {
	// Variables, not constants: C divides in float64, Go constants exactly.
	cbrt2, sqrCbrt2 := 1.2599210498948731648, 1.5874010519681994748
	factor := [5]float64{1.0 / sqrCbrt2, 1.0 / cbrt2, 1.0, cbrt2, sqrCbrt2}
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x + x
	}
	xm, xe := math.Frexp(math.Abs(x))
	u := 0.354895765043919860 + ((1.50819193781584896 + ((-2.11499494167371287 + ((2.44693122563534430 + ((-1.83469277483613086 + (0.784932344976639262-0.145263899385486377*xm)*xm) * xm)) * xm)) * xm)) * xm)
	t2 := u * u * u
	ym := u * (t2 + 2.0*xm) / (2.0*t2 + xm) * factor[2+xe%3]
	return math.Copysign(math.Ldexp(ym, xe/3), x)
}
