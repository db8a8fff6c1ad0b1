package math

import (
	"math"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// each calls f for every element of the Python iterable v.
func each(v starlark.Value, f func(starlark.Value) error) error {
	if s, ok := v.(starlark.String); ok { // a str iterates over its characters
		for _, r := range string(s) {
			if err := f(starlark.String(string(r))); err != nil {
				return err
			}
		}
		return nil
	}
	it := starlark.Iterate(v)
	if it == nil {
		return pyerr.TypeError("'%s' object is not iterable", pyfmt.TypeName(v))
	}
	defer it.Done()
	var x starlark.Value
	for it.Next(&x) {
		if err := f(x); err != nil {
			return err
		}
	}
	return nil
}

// fsum is CPython's math_fsum: Shewchuk's exact summation of partials,
// then one correctly rounded result.
func fsum(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seq starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &seq); err != nil {
		return nil, err
	}
	var partials []float64
	var specialSum, infSum float64
	err := each(seq, func(v starlark.Value) error {
		x, err := toFloat(v)
		if err != nil {
			return err
		}
		xsave := x
		i := 0
		for _, y := range partials {
			if math.Abs(x) < math.Abs(y) {
				x, y = y, x
			}
			hi := x + y
			lo := y - (hi - x)
			if lo != 0.0 {
				partials[i] = lo
				i++
			}
			x = hi
		}
		partials = partials[:i]
		if x != 0.0 {
			if math.IsInf(x, 0) || math.IsNaN(x) {
				// A non-finite x from finite summands is an intermediate overflow.
				if !math.IsInf(xsave, 0) && !math.IsNaN(xsave) {
					return pyerr.New("OverflowError", "intermediate overflow in fsum")
				}
				if math.IsInf(xsave, 0) {
					infSum += xsave
				}
				specialSum += xsave
				partials = partials[:0]
			} else {
				partials = append(partials, x)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if specialSum != 0.0 {
		if math.IsNaN(infSum) {
			return nil, pyerr.ValueError("-inf + inf in fsum")
		}
		return starlark.Float(specialSum), nil
	}
	hi := 0.0
	n := len(partials)
	if n > 0 {
		n--
		hi = partials[n]
		var lo float64
		// Sum exactly, stopping at the first inexact addition.
		for n > 0 {
			x := hi
			n--
			y := partials[n]
			hi = x + y
			yr := hi - x
			lo = y - yr
			if lo != 0.0 {
				break
			}
		}
		// Correct for a half-way case that rounded the wrong way.
		if n > 0 && ((lo < 0.0 && partials[n-1] < 0.0) || (lo > 0.0 && partials[n-1] > 0.0)) {
			y := lo * 2.0
			x := hi + y
			yr := x - hi
			if y == yr {
				hi = x
			}
		}
	}
	return starlark.Float(hi), nil
}

// prod multiplies start by every element of iterable.
func prod(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 1 {
		return nil, pyerr.TypeError("prod() takes exactly 1 positional argument (%d given)", len(args))
	}
	var seq starlark.Value
	var acc starlark.Value = starlark.MakeInt(1)
	if err := starlark.UnpackArgs(fn.Name(), args, kwargs, "iterable", &seq, "start?", &acc); err != nil {
		return nil, err
	}
	err := each(seq, func(x starlark.Value) error {
		r, err := starlark.Binary(syntax.STAR, acc, x)
		if err != nil {
			if strings.Contains(err.Error(), "unknown binary op") {
				return pyerr.TypeError("unsupported operand type(s) for *: '%s' and '%s'", pyfmt.TypeName(acc), pyfmt.TypeName(x))
			}
			return err
		}
		acc = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	return acc, nil
}

// vectorNorm is CPython 3.11's vector_norm: the Euclidean norm of vec,
// whose largest element is max, accurate to about 100 bits before the
// final rounding (Neumaier summation of exact squares, then a
// differential correction of the square root).
func vectorNorm(vec []float64, max float64, foundNaN bool) float64 {
	const t27 = 134217729.0 // 2**27 + 1, Veltkamp's splitter
	if math.IsInf(max, 0) {
		return max
	}
	if foundNaN {
		return math.NaN()
	}
	if max == 0.0 || len(vec) <= 1 {
		return max
	}
	_, maxE := math.Frexp(max)
	if maxE < -1023 {
		// ldexp(1.0, -max_e) would overflow: bring subnormals up first.
		const dblMin = 0x1p-1022
		for i := range vec {
			vec[i] /= dblMin
		}
		return dblMin * vectorNorm(vec, max/dblMin, foundNaN)
	}
	scale := math.Ldexp(1.0, -maxE)
	csum, frac1, frac2, frac3 := 1.0, 0.0, 0.0, 0.0
	for _, x := range vec {
		x *= scale
		t := x * t27
		hi := t - (t - x)
		lo := x - hi
		x = hi * hi
		oldcsum := csum
		csum += x
		frac1 += (oldcsum - csum) + x
		x = 2.0 * hi * lo
		oldcsum = csum
		csum += x
		frac2 += (oldcsum - csum) + x
		frac3 += lo * lo
	}
	h := math.Sqrt(csum - 1.0 + (frac1 + frac2 + frac3))
	x := h
	t := x * t27
	hi := t - (t - x)
	lo := x - hi
	x = -hi * hi
	oldcsum := csum
	csum += x
	frac1 += (oldcsum - csum) + x
	x = -2.0 * hi * lo
	oldcsum = csum
	csum += x
	frac2 += (oldcsum - csum) + x
	x = -lo * lo
	oldcsum = csum
	csum += x
	frac3 += (oldcsum - csum) + x
	x = csum - 1.0 + (frac1 + frac2 + frac3)
	return (h + x/(2.0*h)) / scale
}

func hypot(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 {
		return nil, pyerr.TypeError("hypot() takes no keyword arguments")
	}
	vec := make([]float64, len(args))
	max, foundNaN := 0.0, false
	for i, a := range args {
		x, err := toFloat(a)
		if err != nil {
			return nil, err
		}
		x = math.Abs(x)
		vec[i] = x
		foundNaN = foundNaN || math.IsNaN(x)
		if x > max {
			max = x
		}
	}
	return starlark.Float(vectorNorm(vec, max, foundNaN)), nil
}

func dist(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv, qv starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 2, &pv, &qv); err != nil {
		return nil, err
	}
	var p, q []starlark.Value
	if err := each(pv, func(x starlark.Value) error { p = append(p, x); return nil }); err != nil {
		return nil, err
	}
	if err := each(qv, func(x starlark.Value) error { q = append(q, x); return nil }); err != nil {
		return nil, err
	}
	if len(p) != len(q) {
		return nil, pyerr.ValueError("both points must have the same number of dimensions")
	}
	vec := make([]float64, len(p))
	max, foundNaN := 0.0, false
	for i := range p {
		px, err := toFloat(p[i])
		if err != nil {
			return nil, err
		}
		qx, err := toFloat(q[i])
		if err != nil {
			return nil, err
		}
		x := math.Abs(px - qx)
		vec[i] = x
		foundNaN = foundNaN || math.IsNaN(x)
		if x > max {
			max = x
		}
	}
	return starlark.Float(vectorNorm(vec, max, foundNaN)), nil
}
