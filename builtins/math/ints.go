package math

import (
	"math"
	"math/big"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// The integer functions work on ints of any size, as CPython's do.

var maxLong = big.NewInt(math.MaxInt64)

func int1(fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (*big.Int, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return toInt(v)
}

func factorialOf(n *big.Int) (starlark.Value, error) {
	if n.Sign() < 0 {
		return nil, pyerr.ValueError("factorial() not defined for negative values")
	}
	if n.Cmp(maxLong) > 0 {
		return nil, pyerr.New("OverflowError", "factorial() argument should not exceed %d", int64(math.MaxInt64))
	}
	if n.Sign() == 0 {
		return starlark.MakeInt(1), nil
	}
	return starlark.MakeBigInt(new(big.Int).MulRange(1, n.Int64())), nil
}

func factorial(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	n, err := int1(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	return factorialOf(n)
}

func isqrt(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	n, err := int1(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	if n.Sign() < 0 {
		return nil, pyerr.ValueError("isqrt() argument must be nonnegative")
	}
	return starlark.MakeBigInt(new(big.Int).Sqrt(n)), nil
}

// ints converts every argument of gcd or lcm, which take no keywords.
func ints(fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) ([]*big.Int, error) {
	if len(kwargs) > 0 {
		return nil, pyerr.TypeError("%s() takes no keyword arguments", fn.Name()[len("math."):])
	}
	out := make([]*big.Int, len(args))
	for i, a := range args {
		n, err := toInt(a)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func gcd(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	ns, err := ints(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	g := new(big.Int)
	for _, n := range ns {
		g.GCD(nil, nil, g, new(big.Int).Abs(n))
	}
	return starlark.MakeBigInt(g), nil
}

func lcm(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	ns, err := ints(fn, args, kwargs)
	if err != nil {
		return nil, err
	}
	l := big.NewInt(1)
	for _, n := range ns {
		if l.Sign() == 0 || n.Sign() == 0 {
			l.SetInt64(0)
			continue
		}
		a := new(big.Int).Abs(n)
		g := new(big.Int).GCD(nil, nil, l, a)
		l.Mul(l, a.Quo(a, g))
	}
	return starlark.MakeBigInt(l), nil
}

// nk unpacks comb's and perm's n and k (k may be None for perm).
func nk(fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple, kOptional bool) (n, k *big.Int, err error) {
	var nv, kv starlark.Value
	min := 2
	if kOptional {
		min = 1
	}
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, min, &nv, &kv); err != nil {
		return nil, nil, err
	}
	if n, err = toInt(nv); err != nil {
		return nil, nil, err
	}
	if kv == nil || kv == starlark.None {
		return n, nil, nil
	}
	if k, err = toInt(kv); err != nil {
		return nil, nil, err
	}
	if n.Sign() < 0 {
		return nil, nil, pyerr.ValueError("n must be a non-negative integer")
	}
	if k.Sign() < 0 {
		return nil, nil, pyerr.ValueError("k must be a non-negative integer")
	}
	return n, k, nil
}

// fallingProduct is n * (n-1) * ... * (n-k+1).
func fallingProduct(n *big.Int, k int64) *big.Int {
	if n.IsInt64() {
		if k == 0 {
			return big.NewInt(1)
		}
		return new(big.Int).MulRange(n.Int64()-k+1, n.Int64())
	}
	p := big.NewInt(1)
	m := new(big.Int).Set(n)
	one := big.NewInt(1)
	for i := int64(0); i < k; i++ {
		p.Mul(p, m)
		m.Sub(m, one)
	}
	return p
}

func comb(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	n, k, err := nk(fn, args, kwargs, false)
	if err != nil {
		return nil, err
	}
	if n.Cmp(k) < 0 {
		return starlark.MakeInt(0), nil
	}
	if nk := new(big.Int).Sub(n, k); nk.Cmp(k) < 0 {
		k = nk
	}
	if k.Cmp(maxLong) > 0 {
		return nil, pyerr.New("OverflowError", "min(n - k, k) must not exceed %d", int64(math.MaxInt64))
	}
	if n.IsInt64() {
		return starlark.MakeBigInt(new(big.Int).Binomial(n.Int64(), k.Int64())), nil
	}
	p := fallingProduct(n, k.Int64())
	f := new(big.Int).MulRange(1, k.Int64())
	return starlark.MakeBigInt(p.Quo(p, f)), nil
}

func perm(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	n, k, err := nk(fn, args, kwargs, true)
	if err != nil {
		return nil, err
	}
	if k == nil {
		return factorialOf(n)
	}
	if n.Cmp(k) < 0 {
		return starlark.MakeInt(0), nil
	}
	if k.Cmp(maxLong) > 0 {
		return nil, pyerr.New("OverflowError", "k must not exceed %d", int64(math.MaxInt64))
	}
	return starlark.MakeBigInt(fallingProduct(n, k.Int64())), nil
}
