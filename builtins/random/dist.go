package random

import (
	"math"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/internal/libm"
	"github.com/starproc/starproc/runtime/pyerr"
)

// Constants of random.py, computed as CPython computes them.
var (
	nvMagic = 4 * math.Exp(-0.5) / math.Sqrt(2.0)
	log4    = math.Log(4.0)
	sgMagic = 1.0 + math.Log(4.5)
)

const twoPi = 2 * math.Pi

// floats unpacks arguments that are all real numbers, converted as
// Python converts an int meeting a float.
func floats(fn string, args starlark.Tuple, kwargs []starlark.Tuple, pairs ...any) ([]float64, error) {
	vals := make([]starlark.Value, len(pairs)/2)
	ptrs := make([]any, len(pairs))
	for i := 0; i < len(pairs); i += 2 {
		ptrs[i] = pairs[i]
		if def, ok := pairs[i+1].(float64); ok {
			vals[i/2] = starlark.Float(def)
		}
		ptrs[i+1] = &vals[i/2]
	}
	if err := unpack(fn, args, kwargs, ptrs...); err != nil {
		return nil, err
	}
	out := make([]float64, len(vals))
	for i, v := range vals {
		f, err := toFloat(v)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// uniform is Random.uniform(a, b): a + (b - a) * random().
func uniform(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var a, b starlark.Value
	if err := unpack(fn, args, kwargs, "a", &a, "b", &b); err != nil {
		return nil, err
	}
	d, err := arith('-', b, a)
	if err != nil {
		return nil, err
	}
	d, err = arith('*', d, starlark.Float(r.mt.float()))
	if err != nil {
		return nil, err
	}
	return arith('+', a, d)
}

// triangular is Random.triangular(low=0.0, high=1.0, mode=None).
func triangular(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var low, high starlark.Value = starlark.Float(0), starlark.Float(1)
	var mode starlark.Value = starlark.None
	if err := unpack(fn, args, kwargs, "low?", &low, "high?", &high, "mode?", &mode); err != nil {
		return nil, err
	}
	u := r.mt.float()
	c := 0.5
	if mode != starlark.None {
		num, err := arith('-', mode, low)
		if err != nil {
			return nil, err
		}
		den, err := arith('-', high, low)
		if err != nil {
			return nil, err
		}
		q, err := arith('/', num, den)
		if err != nil {
			if e, ok := err.(*pyerr.Error); ok && e.Type == "ZeroDivisionError" {
				return low, nil
			}
			return nil, err
		}
		c = float64(q.(starlark.Float))
	}
	if u > c {
		u, c = 1.0-u, 1.0-c
		low, high = high, low
	}
	d, err := arith('-', high, low)
	if err != nil {
		return nil, err
	}
	d, err = arith('*', d, starlark.Float(math.Sqrt(u*c)))
	if err != nil {
		return nil, err
	}
	return arith('+', low, d)
}

// normal is the Kinderman and Monahan method of normalvariate, for mu=0, sigma=1.
func (r *Random) normal() float64 {
	for {
		u1 := r.mt.float()
		u2 := 1.0 - r.mt.float()
		z := nvMagic * (u1 - 0.5) / u2
		zz := z * z / 4.0
		if zz <= -cLog(u2) {
			return z
		}
	}
}

// normalvariate is Random.normalvariate(mu=0.0, sigma=1.0).
func normalvariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	p, err := floats(fn, args, kwargs, "mu?", 0.0, "sigma?", 1.0)
	if err != nil {
		return nil, err
	}
	return starlark.Float(p[0] + r.normal()*p[1]), nil
}

// lognormvariate is Random.lognormvariate(mu, sigma).
func lognormvariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	p, err := floats(fn, args, kwargs, "mu", nil, "sigma", nil)
	if err != nil {
		return nil, err
	}
	x := cExp(p[0] + r.normal()*p[1])
	if math.IsInf(x, 0) {
		return nil, pyerr.New("OverflowError", "math range error")
	}
	return starlark.Float(x), nil
}

// gauss is Random.gauss(mu=0.0, sigma=1.0): values come in pairs, the
// second kept for the next call.
func gauss(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	p, err := floats(fn, args, kwargs, "mu?", 0.0, "sigma?", 1.0)
	if err != nil {
		return nil, err
	}
	next := r.gaussNext
	r.gaussNext = nil
	var z float64
	if next == nil || next == starlark.None {
		x2pi := r.mt.float() * twoPi
		g2rad := math.Sqrt(-2.0 * cLog(1.0-r.mt.float()))
		sin, cos := libm.SinCos(x2pi)
		z = cos * g2rad
		r.gaussNext = starlark.Float(sin * g2rad)
	} else if z, err = toFloat(next); err != nil {
		return nil, err
	}
	return starlark.Float(p[0] + z*p[1]), nil
}

// expovariate is Random.expovariate(lambd).
func expovariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var lambd starlark.Value
	if err := unpack(fn, args, kwargs, "lambd", &lambd); err != nil {
		return nil, err
	}
	x, err := divFloat(-cLog(1.0-r.mt.float()), lambd)
	if err != nil {
		return nil, err
	}
	return starlark.Float(x), nil
}

// vonmisesvariate is Random.vonmisesvariate(mu, kappa).
func vonmisesvariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	p, err := floats(fn, args, kwargs, "mu", nil, "kappa", nil)
	if err != nil {
		return nil, err
	}
	mu, kappa := p[0], p[1]
	if kappa <= 1e-6 {
		return starlark.Float(twoPi * r.mt.float()), nil
	}
	s := 0.5 / kappa
	rr := s + math.Sqrt(1.0+s*s)
	var z float64
	for {
		u1 := r.mt.float()
		_, z = libm.SinCos(math.Pi * u1)
		d := z / (rr + z)
		u2 := r.mt.float()
		if u2 < 1.0-d*d || u2 <= (1.0-d)*cExp(d) {
			break
		}
	}
	q := 1.0 / rr
	f := (q + z) / (1.0 + q*z)
	if r.mt.float() > 0.5 {
		return starlark.Float(pyMod(mu+cAcos(f), twoPi)), nil
	}
	return starlark.Float(pyMod(mu-cAcos(f), twoPi)), nil
}

// gamma is gammavariate's algorithm.
func (r *Random) gamma(alpha, beta float64) (float64, error) {
	if alpha <= 0.0 || beta <= 0.0 {
		return 0, pyerr.ValueError("gammavariate: alpha and beta must be > 0.0")
	}
	switch {
	case alpha > 1.0:
		// R.C.H. Cheng, "The generation of Gamma variables with
		// non-integral shape parameters", Applied Statistics (1977).
		ainv := math.Sqrt(2.0*alpha - 1.0)
		bbb := alpha - log4
		ccc := alpha + ainv
		for {
			u1 := r.mt.float()
			if !(1e-7 < u1 && u1 < 0.9999999) {
				continue
			}
			u2 := 1.0 - r.mt.float()
			v := cLog(u1/(1.0-u1)) / ainv
			x := alpha * cExp(v)
			z := u1 * u1 * u2
			rr := bbb + ccc*v - x
			if rr+sgMagic-4.5*z >= 0.0 || rr >= cLog(z) {
				return x * beta, nil
			}
		}
	case alpha == 1.0:
		return -cLog(1.0-r.mt.float()) * beta, nil
	}
	// Algorithm GS of Statistical Computing, Kennedy & Gentle.
	var x float64
	for {
		u := r.mt.float()
		b := (math.E + alpha) / math.E
		p := b * u
		var err error
		if p <= 1.0 {
			if x, err = pow(p, 1.0/alpha); err != nil {
				return 0, err
			}
		} else {
			x = -cLog((b - p) / alpha)
		}
		u1 := r.mt.float()
		if p > 1.0 {
			y, err := pow(x, alpha-1.0)
			if err != nil {
				return 0, err
			}
			if u1 <= y {
				break
			}
		} else if u1 <= cExp(-x) {
			break
		}
	}
	return x * beta, nil
}

// gammavariate is Random.gammavariate(alpha, beta).
func gammavariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	p, err := floats(fn, args, kwargs, "alpha", nil, "beta", nil)
	if err != nil {
		return nil, err
	}
	x, err := r.gamma(p[0], p[1])
	if err != nil {
		return nil, err
	}
	return starlark.Float(x), nil
}

// betavariate is Random.betavariate(alpha, beta).
func betavariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	p, err := floats(fn, args, kwargs, "alpha", nil, "beta", nil)
	if err != nil {
		return nil, err
	}
	y, err := r.gamma(p[0], 1.0)
	if err != nil {
		return nil, err
	}
	if y == 0 {
		return starlark.Float(0), nil
	}
	z, err := r.gamma(p[1], 1.0)
	if err != nil {
		return nil, err
	}
	return starlark.Float(y / (y + z)), nil
}

// paretovariate is Random.paretovariate(alpha).
func paretovariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var alpha starlark.Value
	if err := unpack(fn, args, kwargs, "alpha", &alpha); err != nil {
		return nil, err
	}
	u := 1.0 - r.mt.float()
	e, err := divFloat(-1.0, alpha)
	if err != nil {
		return nil, err
	}
	x, err := pow(u, e)
	if err != nil {
		return nil, err
	}
	return starlark.Float(x), nil
}

// weibullvariate is Random.weibullvariate(alpha, beta).
func weibullvariate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	p, err := floats(fn, args, kwargs, "alpha", nil, "beta", nil)
	if err != nil {
		return nil, err
	}
	u := 1.0 - r.mt.float()
	if p[1] == 0 {
		return nil, pyerr.New("ZeroDivisionError", "float division by zero")
	}
	x, err := pow(-cLog(u), 1.0/p[1])
	if err != nil {
		return nil, err
	}
	return starlark.Float(p[0] * x), nil
}

// getstate is Random.getstate(): (3, the 625-int internal state, gauss_next).
func getstate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpack(fn, args, kwargs); err != nil {
		return nil, err
	}
	internal := make(starlark.Tuple, mtN+1)
	for i, w := range r.mt.state {
		internal[i] = starlark.MakeUint64(uint64(w))
	}
	internal[mtN] = starlark.MakeInt(r.mt.index)
	var next starlark.Value = starlark.None
	if r.gaussNext != nil {
		next = r.gaussNext
	}
	return starlark.Tuple{starlark.MakeInt(3), internal, next}, nil
}

// setstate is Random.setstate(state), for a state from getstate (version 3)
// or from Python 2 (version 2).
func setstate(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var state starlark.Value
	if err := unpack(fn, args, kwargs, "state", &state); err != nil {
		return nil, err
	}
	s, err := lenOf(state)
	if err != nil {
		return nil, pyerr.TypeError("'%s' object is not subscriptable", typeName(state))
	}
	if s.n == 0 {
		return nil, pyerr.New("IndexError", "%s index out of range", typeName(state))
	}
	version, err := s.at(0)
	if err != nil {
		return nil, err
	}
	ver, _ := version.(starlark.Int)
	v, _ := ver.Int64()
	if _, ok := version.(starlark.Int); !ok || (v != 2 && v != 3) {
		return nil, pyerr.ValueError("state with version %s passed to Random.setstate() of version 3", version)
	}
	if s.n != 3 {
		if s.n < 3 {
			return nil, pyerr.ValueError("not enough values to unpack (expected 3, got %d)", s.n)
		}
		return nil, pyerr.ValueError("too many values to unpack (expected 3)")
	}
	internalv, _ := s.at(1)
	next, _ := s.at(2)
	internal, ok := internalv.(starlark.Tuple)
	if !ok {
		return nil, pyerr.TypeError("state vector must be a tuple")
	}
	if len(internal) != mtN+1 {
		return nil, pyerr.ValueError("state vector is the wrong size")
	}
	var words [mtN]uint32
	for i := range mtN {
		x, ok := internal[i].(starlark.Int)
		if !ok {
			return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(internal[i]))
		}
		b := x.BigInt()
		if v == 2 {
			b.Mod(b, big32)
		}
		if b.Sign() < 0 {
			return nil, pyerr.New("OverflowError", "can't convert negative value to unsigned int")
		}
		if !b.IsUint64() {
			return nil, pyerr.New("OverflowError", "Python int too large to convert to C unsigned long")
		}
		words[i] = uint32(b.Uint64())
	}
	idx, ok := internal[mtN].(starlark.Int)
	if !ok {
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(internal[mtN]))
	}
	index, ok := idx.Int64()
	if !ok || index < 0 || index > mtN {
		return nil, pyerr.ValueError("invalid state")
	}
	r.mt.state = words
	r.mt.index = int(index)
	r.seeded = true
	r.gaussNext = next
	return starlark.None, nil
}
