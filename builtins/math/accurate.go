package math

import "math"

// CPython's math functions are the C library's, and glibc's are correctly
// rounded in all but rare cases, while Go's are off by one bit for several
// percent of inputs — enough that math.sin(x) would print different
// digits. So the elementary functions are evaluated in double-double
// arithmetic (about 100 bits) and rounded once. Inputs outside the ranges
// where that is easy (huge arguments, subnormal results) fall back to Go's
// math package. (The double-double core is the one builtins/random uses;
// builtin packages do not import each other, so it is repeated here.)

// dd is an unevaluated sum hi + lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return
}

func quickTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func twoProd(a, b float64) (p, e float64) {
	p = a * b
	return p, math.FMA(a, b, -p)
}

func ddOf(x float64) dd { return dd{x, 0} }

func (a dd) add(b dd) dd {
	s, e := twoSum(a.hi, b.hi)
	t, f := twoSum(a.lo, b.lo)
	e += t
	r := quickTwoSum(s, e)
	r.lo += f
	return quickTwoSum(r.hi, r.lo)
}

func (a dd) neg() dd        { return dd{-a.hi, -a.lo} }
func (a dd) sub(b dd) dd    { return a.add(b.neg()) }
func (a dd) float() float64 { return a.hi + a.lo }

func (a dd) mul(b dd) dd {
	p, e := twoProd(a.hi, b.hi)
	e += a.hi*b.lo + a.lo*b.hi
	return quickTwoSum(p, e)
}

func (a dd) mulF(b float64) dd {
	p, e := twoProd(a.hi, b)
	e += a.lo * b
	return quickTwoSum(p, e)
}

func (a dd) div(b dd) dd {
	q1 := a.hi / b.hi
	r := a.sub(b.mulF(q1))
	q2 := r.hi / b.hi
	r = r.sub(b.mulF(q2))
	q3 := r.hi / b.hi
	return quickTwoSum(q1, q2).add(dd{q3, 0})
}

func (a dd) sqrt() dd {
	s := math.Sqrt(a.hi)
	if s == 0 {
		return dd{}
	}
	p, e := twoProd(s, s)
	r := a.sub(dd{p, e})
	return quickTwoSum(s, r.hi/(2*s))
}

// ln2 and pi/2 to about 160 bits, in three parts each.
const (
	ln2a  = 0x1.62e42fefa39efp-1
	ln2b  = 0x1.abc9e3b39803fp-56
	ln2c  = 0x1.7b57a079a1934p-111
	pio2a = 0x1.921fb54442d18p+0
	pio2b = 0x1.1a62633145c07p-54
	pio2c = -0x1.f1976b7ed8fbcp-110
)

// Series coefficients: invFact[n] = 1/n!, invOdd[n] = 1/(2n+1).
var invFact, invOdd = func() ([]dd, []dd) {
	f := make([]dd, 30)
	fact := 1.0
	for n := range f {
		if n > 0 {
			fact *= float64(n)
		}
		// n! is exact in a float64 up to 22!; beyond, its rounding error is
		// far below the terms' weight.
		f[n] = dd{1, 0}.div(dd{fact, 0})
	}
	o := make([]dd, 24)
	for n := range o {
		o[n] = dd{1, 0}.div(dd{float64(2*n + 1), 0})
	}
	return f, o
}()

// 1/ln(2) and 1/ln(10).
var (
	invLn2  = dd{1, 0}.div(dd{ln2a, ln2b})
	invLn10 = dd{1, 0}.div(logDD(10))
)

// logDD is log(x) for a finite x > 0.
func logDD(x float64) dd {
	m, k := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		k--
	}
	// log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716.
	f := m - 1 // exact
	s := dd{f, 0}.div(quickTwoSum(2, f))
	r := atanhSeries(s).mulF(2)
	kf := float64(k)
	return dd{ln2a, ln2b}.mulF(kf).add(dd{ln2c * kf, 0}).add(r)
}

// atanhSeries is atanh(s) for |s| <= 0.18.
func atanhSeries(s dd) dd {
	s2 := s.mul(s)
	p := invOdd[len(invOdd)-1]
	for i := len(invOdd) - 2; i >= 0; i-- {
		p = p.mul(s2).add(invOdd[i])
	}
	return s.mul(p)
}

// log1pDD is log(1+u) for u > -1.
func log1pDD(u dd) dd {
	if math.Abs(u.hi) < 0.25 {
		return atanhSeries(u.div(dd{2, 0}.add(u))).mulF(2)
	}
	a := dd{1, 0}.add(u)
	return logDD(a.hi).add(dd{a.lo / a.hi, 0})
}

// expDD is exp(t) for -708 < t.hi < 709.78.
func expDD(t dd) dd {
	k := math.Round(t.hi / ln2a)
	r := t.sub(dd{ln2a, ln2b}.mulF(k)).sub(dd{ln2c * k, 0})
	// exp(r) = (1 + e)^(2^8) with e = expm1(r / 2^8), |r / 2^8| < 0.0014.
	const squarings = 8
	r = dd{math.Ldexp(r.hi, -squarings), math.Ldexp(r.lo, -squarings)}
	e := invFact[11]
	for n := 10; n >= 1; n-- {
		e = e.mul(r).add(invFact[n])
	}
	e = e.mul(r)
	for range squarings {
		e = e.mulF(2).add(e.mul(e))
	}
	v := dd{1, 0}.add(e)
	return dd{math.Ldexp(v.hi, int(k)), math.Ldexp(v.lo, int(k))}
}

// expm1DD is exp(t)-1 for t.hi < 709.78.
func expm1DD(t dd) dd {
	if math.Abs(t.hi) >= 0.5 {
		return expDD(t).sub(dd{1, 0})
	}
	e := invFact[len(invFact)-1]
	for n := len(invFact) - 2; n >= 1; n-- {
		e = e.mul(t).add(invFact[n])
	}
	return e.mul(t)
}

// sinCosDD is (sin(x), cos(x)) for |x| < 2**20.
func sinCosDD(x float64) (dd, dd) {
	k := math.Round(x / pio2a)
	ph, pl := twoProd(k, pio2a)
	qh, ql := twoProd(k, pio2b)
	r := dd{x, 0}.sub(dd{ph, pl}).sub(dd{qh, ql}).sub(dd{k * pio2c, 0})
	r2 := r.mul(r)
	// Taylor series in r², to the 29th power.
	s := invFact[29]
	c := invFact[28]
	for n := 27; n >= 1; n -= 2 {
		s = s.mul(r2).neg().add(invFact[n])
		c = c.mul(r2).neg().add(invFact[n-1])
	}
	s = s.mul(r)
	switch int64(k) & 3 {
	case 0:
		return s, c
	case 1:
		return c, s.neg()
	case 2:
		return s.neg(), c.neg()
	}
	return c.neg(), s
}
