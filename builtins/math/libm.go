package math

import "math"

// This file has glibc's elementary functions, as CPython calls them: the
// special values (zeros, infinities, NaN) are Go's, which follow C99
// Annex F as glibc does; finite arguments are evaluated in double-double.

const (
	expMax = 709.782712893384   // just below log(MaxFloat64)
	expMin = -708.3964185322641 // log(smallest normal)
	tiny   = 0x1p-28            // below this, f(x) rounds to x for sin, tan, sinh, ...
	big28  = 0x1p28             // beyond this, asinh(x) = log(2x) to the last bit
)

func cExp(x float64) float64 {
	if !(x > expMin && x < expMax) {
		return math.Exp(x)
	}
	return expDD(ddOf(x)).float()
}

func cExp2(x float64) float64 {
	if x == math.Trunc(x) || !(x > -1022 && x < 1024) {
		return math.Exp2(x)
	}
	return expDD(ddOf(x).mul(dd{ln2a, ln2b})).float()
}

func cLog(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return math.Log(x)
	}
	return logDD(x).float()
}

func cLog2(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return math.Log2(x)
	}
	if m, e := math.Frexp(x); m == 0.5 {
		return float64(e - 1)
	}
	return logDD(x).mul(invLn2).float()
}

// cPow is glibc's pow for finite x and y.
func cPow(x, y float64) float64 {
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
	lx := logDD(x)
	var r float64
	switch est := lx.hi * y; {
	case est >= expMax+1:
		r = math.Inf(1)
	case est <= expMin-1:
		r = math.Pow(x, y)
	default:
		t := lx.mulF(y)
		switch {
		case t.hi >= expMax:
			r = math.Inf(1)
		case t.hi <= expMin:
			r = math.Pow(x, y)
		default:
			r = expDD(t).float()
		}
	}
	if neg {
		r = -r
	}
	return r
}

func cSin(x float64) float64 {
	if x == 0 || !(math.Abs(x) < 1<<20) {
		return math.Sin(x)
	}
	s, _ := sinCosDD(x)
	return s.float()
}

func cCos(x float64) float64 {
	if !(math.Abs(x) < 1<<20) {
		return math.Cos(x)
	}
	_, c := sinCosDD(x)
	return c.float()
}

func cTan(x float64) float64 {
	if x == 0 || !(math.Abs(x) < 1<<20) {
		return math.Tan(x)
	}
	s, c := sinCosDD(x)
	return s.div(c).float()
}

// newton refines Go's y ≈ f⁻¹(x) by one Newton step, given the residual
// r (in double-double) and the derivative d at y.
func newton(y float64, r dd, d float64) float64 {
	return ddOf(y).sub(ddOf(r.float() / d)).float()
}

func cAsin(x float64) float64 {
	y := math.Asin(x)
	if x == 0 || math.IsNaN(y) {
		return y
	}
	s, c := sinCosDD(y)
	if math.Abs(c.hi) < 0x1p-40 {
		return y
	}
	return newton(y, s.sub(ddOf(x)), c.float())
}

func cAcos(x float64) float64 {
	y := math.Acos(x)
	if math.IsNaN(y) {
		return y
	}
	s, c := sinCosDD(y)
	if math.Abs(s.hi) < 0x1p-40 {
		return y
	}
	return newton(y, c.sub(ddOf(x)), -s.float())
}

func cAtan(x float64) float64 {
	y := math.Atan(x)
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 0x1p60 {
		return y
	}
	s, c := sinCosDD(y)
	// f(y) = sin y - x cos y
	return newton(y, s.sub(c.mulF(x)), c.float()+x*s.float())
}

// cAtan2 is glibc's atan2. It is odd in y, including atan2(±0, x) and
// underflowing quotients, where Go's math.Atan2(-tiny, -huge) gives +pi.
func cAtan2(y, x float64) float64 {
	if math.Signbit(y) {
		return -cAtan2(-y, x)
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
	s, c := sinCosDD(t)
	// f(t) = x sin t - y cos t, f'(t) = x cos t + y sin t
	return newton(t, s.mulF(xs).sub(c.mulF(ys)), xs*c.float()+ys*s.float())
}

// cCbrt is glibc's cbrt, which is not correctly rounded (cbrt(-27) is
// -3.0000000000000004), so its algorithm is reproduced exactly.
func cCbrt(x float64) float64 {
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
