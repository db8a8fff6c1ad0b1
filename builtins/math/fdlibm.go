package math

import (
	"math"

	"github.com/starproc/starproc/internal/libm"
)

// glibc's hyperbolic functions and log10 are still fdlibm's algorithms,
// accurate to about one ulp but not correctly rounded, so they are
// reproduced step by step, branch points (tests on the high word of the
// float) included, over glibc's correctly rounded exp and log. Its log1p
// and atanh are fdlibm's too, and Go's math package ports those same
// algorithms exactly, so Go's are used as they are; Go's expm1 evaluates
// its polynomial in another order, so glibc's is ported too.

// hiWord is the high 32 bits of x with the sign cleared, as fdlibm's
// GET_HIGH_WORD(ix, x); ix &= 0x7fffffff.
func hiWord(x float64) uint32 { return uint32(math.Float64bits(x)>>32) & 0x7fffffff }

func loWord(x float64) uint32 { return uint32(math.Float64bits(x)) }

const ln2 = 6.93147180559945286227e-01

func cAsinh(x float64) float64 {
	ix := hiWord(x)
	if ix < 0x3e300000 || ix >= 0x7ff00000 { // |x| < 2**-28, inf or nan
		return x + 0 // x + 0 keeps -0.0 as glibc's `return x` does
	}
	xa := math.Abs(x)
	var w float64
	switch {
	case ix > 0x41b00000: // |x| > 2**28
		w = libm.Log(xa) + ln2
	case ix > 0x40000000: // 2**28 > |x| > 2.0
		w = libm.Log(2.0*xa + 1/(math.Sqrt(xa*xa+1)+xa))
	default:
		t := xa * xa
		w = math.Log1p(xa + t/(1+math.Sqrt(1+t)))
	}
	return math.Copysign(w, x)
}

func cAcosh(x float64) float64 {
	hx := uint32(math.Float64bits(x) >> 32)
	switch {
	case int32(hx) < 0x3ff00000: // x < 1
		return math.NaN()
	case hx >= 0x41b00000: // x > 2**28
		if hx >= 0x7ff00000 {
			return x + x
		}
		return libm.Log(x) + ln2
	case x == 1:
		return 0
	case hx > 0x40000000: // 2**28 > x > 2
		t := x * x
		return libm.Log(2.0*x - 1/(x+math.Sqrt(t-1)))
	}
	t := x - 1
	return math.Log1p(t + math.Sqrt(2.0*t+t*t))
}

func cAtanh(x float64) float64 { return math.Atanh(x) }
func cLog1p(x float64) float64 { return math.Log1p(x) }

// overflowSinh reports whether |x| is below fdlibm's overflow threshold
// for sinh and cosh (0x408633CE8FB9F87D).
func belowOverflow(x float64) bool {
	ix, lx := hiWord(x), loWord(x)
	return ix < 0x408633ce || (ix == 0x408633ce && lx <= 0x8fb9f87d)
}

func cSinh(x float64) float64 {
	ix := hiWord(x)
	if ix >= 0x7ff00000 {
		return x + x
	}
	h := 0.5
	if x < 0 {
		h = -h
	}
	a := math.Abs(x)
	switch {
	case ix < 0x40360000: // |x| < 22
		if ix < 0x3e300000 { // |x| < 2**-28
			return x
		}
		t := cExpm1(a)
		if ix < 0x3ff00000 {
			return h * (2.0*t - t*t/(t+1))
		}
		return h * (t + t/(t+1))
	case ix < 0x40862e42: // |x| < log(MaxFloat64)
		return h * libm.Exp(a)
	case belowOverflow(x):
		w := libm.Exp(0.5 * a)
		t := h * w
		return t * w
	}
	return x * 1e307 * 1e307
}

func cCosh(x float64) float64 {
	ix := hiWord(x)
	a := math.Abs(x)
	switch {
	case ix < 0x3fd62e43: // |x| < ln2/2
		if ix < 0x3c800000 {
			return 1
		}
		t := cExpm1(a)
		w := 1 + t
		return 1 + (t*t)/(w+w)
	case ix < 0x40360000: // |x| < 22
		t := libm.Exp(a)
		return 0.5*t + 0.5/t
	case ix < 0x40862e42:
		return 0.5 * libm.Exp(a)
	case ix >= 0x7ff00000:
		return x * x
	case belowOverflow(x):
		w := libm.Exp(0.5 * a)
		t := 0.5 * w
		return t * w
	}
	return math.Inf(1)
}

func cTanh(x float64) float64 {
	ix := hiWord(x)
	if ix >= 0x7ff00000 {
		if math.IsNaN(x) {
			return x
		}
		return math.Copysign(1, x)
	}
	var z float64
	switch {
	case x == 0:
		return x
	case ix < 0x3c800000: // |x| < 2**-55
		return x * (1 + x)
	case ix >= 0x40360000: // |x| >= 22
		z = 1
	case ix >= 0x3ff00000: // |x| >= 1
		t := cExpm1(2 * math.Abs(x))
		z = 1 - 2/(t+2)
	default:
		t := cExpm1(-2 * math.Abs(x))
		z = -t / (t + 2)
	}
	return math.Copysign(z, x)
}

// cLog10 is glibc's __ieee754_log10.
func cLog10(x float64) float64 {
	const (
		two54     = 1.80143985094819840000e+16
		ivln10    = 4.34294481903251816668e-01
		log10_2hi = 3.01029995663611771306e-01
		log10_2lo = 3.69423907715893078616e-13
	)
	if x == 0 {
		return math.Inf(-1)
	}
	if x < 0 || math.IsNaN(x) {
		return math.NaN()
	}
	if math.IsInf(x, 1) {
		return x
	}
	k := int32(0)
	if x < 0x1p-1022 {
		k -= 54
		x *= two54
	}
	hx := int32(math.Float64bits(x) >> 32)
	k += (hx >> 20) - 1023
	i := int32(uint32(k) >> 31)
	hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
	y := float64(k + i)
	x = math.Float64frombits(uint64(uint32(hx))<<32 | uint64(loWord(x)))
	z := y*log10_2lo + ivln10*libm.Log(x)
	return z + y*log10_2hi
}

// cExpm1 is glibc's __expm1.
func cExpm1(x float64) float64 {
	const (
		oThreshold = 7.09782712893383973096e+02
		ln2Hi      = 6.93147180369123816490e-01
		ln2Lo      = 1.90821492927058770002e-10
		invln2     = 1.44269504088896338700e+00
		q1         = -3.33333333333331316428e-02
		q2         = 1.58730158725481460165e-03
		q3         = -7.93650757867487942473e-05
		q4         = 4.00821782732936239552e-06
		q5         = -2.01099218183624371326e-07
	)
	hx := hiWord(x)
	neg := math.Signbit(x)
	if hx >= 0x4043687a { // |x| >= 56 ln2
		if hx >= 0x40862e42 { // |x| >= 709.78
			if math.IsNaN(x) {
				return x
			}
			if math.IsInf(x, 0) {
				if neg {
					return -1
				}
				return x
			}
			if x > oThreshold {
				return math.Inf(1)
			}
		}
		if neg {
			return -1
		}
	}
	var k int32
	var c float64
	switch {
	case hx > 0x3fd62e42: // |x| > ln2/2
		var hi, lo float64
		if hx < 0x3ff0a2b2 { // and |x| < 1.5 ln2
			if !neg {
				hi, lo, k = x-ln2Hi, ln2Lo, 1
			} else {
				hi, lo, k = x+ln2Hi, -ln2Lo, -1
			}
		} else {
			half := 0.5
			if neg {
				half = -0.5
			}
			k = int32(invln2*x + half)
			t := float64(k)
			hi = x - t*ln2Hi
			lo = t * ln2Lo
		}
		x = hi - lo
		c = (hi - x) - lo
	case hx < 0x3c900000: // |x| < 2**-54
		return x
	}
	hfx := 0.5 * x
	hxs := x * hfx
	R1 := 1 + hxs*q1
	h2 := hxs * hxs
	R2 := q2 + hxs*q3
	h4 := h2 * h2
	R3 := q4 + hxs*q5
	r1 := R1 + h2*R2 + h4*R3
	t := 3.0 - r1*hfx
	e := hxs * ((r1 - t) / (6.0 - x*t))
	if k == 0 {
		return x - (x*e - hxs)
	}
	e = x*(e-c) - c
	e -= hxs
	switch {
	case k == -1:
		return 0.5*(x-e) - 0.5
	case k == 1:
		if x < -0.25 {
			return -2.0 * (e - (x + 0.5))
		}
		return 1 + 2.0*(x-e)
	}
	addExp := func(y float64) float64 { // y * 2**k, by the exponent bits
		return math.Float64frombits(math.Float64bits(y) + uint64(uint32(k))<<52)
	}
	if k <= -2 || k > 56 {
		return addExp(1-(e-x)) - 1
	}
	if k < 20 {
		t := math.Float64frombits(uint64(0x3ff00000-(0x200000>>uint(k))) << 32) // 1 - 2**-k
		return addExp(t - (e - x))
	}
	t = math.Float64frombits(uint64(uint32((0x3ff-k)<<20)) << 32) // 2**-k
	return addExp(x - (e + t) + 1)
}
