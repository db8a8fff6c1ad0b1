package random

import (
	"math"

	"github.com/starproc/starproc/internal/libm"
)

// CPython's distributions call the C library's log, exp, sin, cos, pow
// and acos, which package libm reproduces; sin and cos are libm.SinCos as
// it is. For the others the guards here are narrower than libm's (Go's
// math answers just inside the overflow and underflow limits, for
// subnormal arguments, and for acos within about 1e-12 of ±1), kept as
// they were so that seeded sequences stay what they were.

// cLog is glibc's log for a normal x > 0.
func cLog(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) || x < 0x1p-1022 {
		return math.Log(x)
	}
	return libm.LogDD(x).Float()
}

// cExp is glibc's exp for -708 < x < 709.
func cExp(x float64) float64 {
	if !(x > -708 && x < 709) {
		return math.Exp(x)
	}
	return libm.ExpDD(libm.FromFloat(x)).Float()
}

// cPow is glibc's pow for the finite, positive bases the distributions use.
func cPow(x, y float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) || math.IsInf(y, 0) || math.IsNaN(y) || x < 0x1p-1022 || y == 0 || x == 1 {
		return math.Pow(x, y)
	}
	t := libm.LogDD(x).MulF(y)
	if !(t.Hi > -708 && t.Hi < 709) {
		return math.Pow(x, y)
	}
	return libm.ExpDD(t).Float()
}

// cAcos is glibc's acos: Go's, corrected by one Newton step on cos in
// double-double. Within about 1e-12 of ±1, where libm.Acos still
// refines, Go's stands.
func cAcos(f float64) float64 {
	y := math.Acos(f)
	if math.IsNaN(y) {
		return y
	}
	s, c := libm.SinCosDD(y)
	if s.Hi < 1e-6 {
		return y
	}
	corr := c.Sub(libm.FromFloat(f)).Float() / s.Float()
	return libm.FromFloat(y).Add(libm.FromFloat(corr)).Float()
}
