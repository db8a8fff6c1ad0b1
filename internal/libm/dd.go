package libm

import "math"

// DD is an unevaluated sum hi + lo with |lo| <= ulp(hi)/2.
type DD struct{ Hi, Lo float64 }

func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return
}

func quickTwoSum(a, b float64) DD {
	s := a + b
	return DD{s, b - (s - a)}
}

func twoProd(a, b float64) (p, e float64) {
	p = a * b
	return p, math.FMA(a, b, -p)
}

// FromFloat is x as a DD, exactly.
func FromFloat(x float64) DD { return DD{x, 0} }

// Add is a + b.
func (a DD) Add(b DD) DD {
	s, e := twoSum(a.Hi, b.Hi)
	t, f := twoSum(a.Lo, b.Lo)
	e += t
	r := quickTwoSum(s, e)
	r.Lo += f
	return quickTwoSum(r.Hi, r.Lo)
}

// Neg is -a.
func (a DD) Neg() DD { return DD{-a.Hi, -a.Lo} }

// Sub is a - b.
func (a DD) Sub(b DD) DD { return a.Add(b.Neg()) }

// Float is a rounded to the nearest float64.
func (a DD) Float() float64 { return a.Hi + a.Lo }

// Mul is a * b.
func (a DD) Mul(b DD) DD {
	p, e := twoProd(a.Hi, b.Hi)
	e += a.Hi*b.Lo + a.Lo*b.Hi
	return quickTwoSum(p, e)
}

// MulF is a * b for a float64 b.
func (a DD) MulF(b float64) DD {
	p, e := twoProd(a.Hi, b)
	e += a.Lo * b
	return quickTwoSum(p, e)
}

// Div is a / b.
func (a DD) Div(b DD) DD {
	q1 := a.Hi / b.Hi
	r := a.Sub(b.MulF(q1))
	q2 := r.Hi / b.Hi
	r = r.Sub(b.MulF(q2))
	q3 := r.Hi / b.Hi
	return quickTwoSum(q1, q2).Add(DD{q3, 0})
}

// Sqrt is the square root of a for a >= 0.
func (a DD) Sqrt() DD {
	s := math.Sqrt(a.Hi)
	if s == 0 {
		return DD{}
	}
	p, e := twoProd(s, s)
	r := a.Sub(DD{p, e})
	return quickTwoSum(s, r.Hi/(2*s))
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
var invFact, invOdd = func() ([]DD, []DD) {
	f := make([]DD, 30)
	fact := 1.0
	for n := range f {
		if n > 0 {
			fact *= float64(n)
		}
		// n! is exact in a float64 up to 22!; beyond, its rounding error is
		// far below the terms' weight.
		f[n] = DD{1, 0}.Div(DD{fact, 0})
	}
	o := make([]DD, 24)
	for n := range o {
		o[n] = DD{1, 0}.Div(DD{float64(2*n + 1), 0})
	}
	return f, o
}()

// invLn2 is 1/ln(2).
var invLn2 = DD{1, 0}.Div(DD{ln2a, ln2b})

// LogDD is log(x) for a finite x > 0.
func LogDD(x float64) DD {
	m, k := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		k--
	}
	// log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716.
	f := m - 1 // exact
	s := DD{f, 0}.Div(quickTwoSum(2, f))
	r := atanhSeries(s).MulF(2)
	kf := float64(k)
	return DD{ln2a, ln2b}.MulF(kf).Add(DD{ln2c * kf, 0}).Add(r)
}

// atanhSeries is atanh(s) for |s| <= 0.18.
func atanhSeries(s DD) DD {
	s2 := s.Mul(s)
	p := invOdd[len(invOdd)-1]
	for i := len(invOdd) - 2; i >= 0; i-- {
		p = p.Mul(s2).Add(invOdd[i])
	}
	return s.Mul(p)
}

// Log1pDD is log(1+u) for u > -1.
func Log1pDD(u DD) DD {
	if math.Abs(u.Hi) < 0.25 {
		return atanhSeries(u.Div(DD{2, 0}.Add(u))).MulF(2)
	}
	a := DD{1, 0}.Add(u)
	return LogDD(a.Hi).Add(DD{a.Lo / a.Hi, 0})
}

// ExpDD is exp(t) for -708 < t.Hi < 709.78.
func ExpDD(t DD) DD {
	k := math.Round(t.Hi / ln2a)
	r := t.Sub(DD{ln2a, ln2b}.MulF(k)).Sub(DD{ln2c * k, 0})
	// exp(r) = (1 + e)^(2^8) with e = expm1(r / 2^8), |r / 2^8| < 0.0014.
	const squarings = 8
	r = DD{math.Ldexp(r.Hi, -squarings), math.Ldexp(r.Lo, -squarings)}
	e := invFact[11]
	for n := 10; n >= 1; n-- {
		e = e.Mul(r).Add(invFact[n])
	}
	e = e.Mul(r)
	for range squarings {
		e = e.MulF(2).Add(e.Mul(e))
	}
	v := DD{1, 0}.Add(e)
	return DD{math.Ldexp(v.Hi, int(k)), math.Ldexp(v.Lo, int(k))}
}

// Expm1DD is exp(t)-1 for t.Hi < 709.78.
func Expm1DD(t DD) DD {
	if math.Abs(t.Hi) >= 0.5 {
		return ExpDD(t).Sub(DD{1, 0})
	}
	e := invFact[len(invFact)-1]
	for n := len(invFact) - 2; n >= 1; n-- {
		e = e.Mul(t).Add(invFact[n])
	}
	return e.Mul(t)
}

// SinCosDD is (sin(x), cos(x)) for |x| < 2**20.
func SinCosDD(x float64) (DD, DD) {
	k := math.Round(x / pio2a)
	ph, pl := twoProd(k, pio2a)
	qh, ql := twoProd(k, pio2b)
	r := DD{x, 0}.Sub(DD{ph, pl}).Sub(DD{qh, ql}).Sub(DD{k * pio2c, 0})
	r2 := r.Mul(r)
	// Taylor series in r², to the 29th power.
	s := invFact[29]
	c := invFact[28]
	for n := 27; n >= 1; n -= 2 {
		s = s.Mul(r2).Neg().Add(invFact[n])
		c = c.Mul(r2).Neg().Add(invFact[n-1])
	}
	s = s.Mul(r)
	switch int64(k) & 3 {
	case 0:
		return s, c
	case 1:
		return c, s.Neg()
	case 2:
		return s.Neg(), c.Neg()
	}
	return c.Neg(), s
}
