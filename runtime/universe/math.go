package universe

import (
	"math"
	"math/big"
	"strconv"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
)

// num returns x with a bool replaced by the int it stands for in Python
// arithmetic (Starlark does not add bools to ints).
func num(x starlark.Value) starlark.Value {
	if b, ok := x.(starlark.Bool); ok {
		return boolInt(b)
	}
	return x
}

// sum(iterable, /, start=0)
func sum(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var it starlark.Value
	var acc starlark.Value = starlark.MakeInt(0)
	if err := unpack("sum", args, kwargs, "iterable", &it, "start?", &acc); err != nil {
		return nil, err
	}
	switch acc.(type) {
	case starlark.String:
		return nil, pyerr.TypeError("sum() can't sum strings [use ''.join(seq) instead]")
	case starlark.Bytes:
		return nil, pyerr.TypeError("sum() can't sum bytes [use b''.join(seq) instead]")
	}
	xs, err := elems("sum", it)
	if err != nil {
		return nil, err
	}
	acc = num(acc)
	for _, x := range xs {
		x = num(x)
		if a, ok := acc.(starlark.Int); ok {
			if y, ok := x.(starlark.Int); ok {
				acc = a.Add(y)
				continue
			}
		}
		if acc, err = starlark.Binary(syntax.PLUS, acc, x); err != nil {
			return nil, pyError(err)
		}
	}
	return acc, nil
}

// round(number, ndigits=None)
//
// Halves go to even; a float with ndigits is correctly rounded from its
// exact binary value, as CPython does.
func round(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, nd starlark.Value = nil, starlark.None
	if err := unpack("round", args, kwargs, "number", &x, "ndigits?", &nd); err != nil {
		return nil, err
	}
	var n int
	if nd != starlark.None {
		var err error
		if n, err = indexInt(nd); err != nil {
			return nil, err
		}
	}
	switch v := num(x).(type) {
	case starlark.Int:
		if nd == starlark.None || n >= 0 {
			return v, nil
		}
		return roundInt(v, -n), nil
	case starlark.Float:
		f := float64(v)
		if nd == starlark.None {
			if math.IsNaN(f) {
				return nil, pyerr.ValueError("cannot convert float NaN to integer")
			}
			if math.IsInf(f, 0) {
				return nil, pyerr.New("OverflowError", "cannot convert float infinity to integer")
			}
			return starlark.NumberToInt(starlark.Float(math.RoundToEven(f)))
		}
		return roundFloat(f, n)
	}
	return nil, pyerr.TypeError("type %s doesn't define __round__ method", typeName(x))
}

// roundInt rounds x half-to-even to a multiple of 10**k.
func roundInt(x starlark.Int, k int) starlark.Int {
	if k > 4000 {
		return starlark.MakeInt(0)
	}
	xb := x.BigInt()
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	q, r := new(big.Int).DivMod(xb, p, new(big.Int)) // floor division, r >= 0
	twice := new(big.Int).Lsh(r, 1)
	if c := twice.Cmp(p); c > 0 || c == 0 && q.Bit(0) == 1 {
		q.Add(q, big.NewInt(1))
	}
	return starlark.MakeBigInt(q.Mul(q, p))
}

// roundFloat is CPython's double_round: the float nearest to x rounded
// half-to-even at the n-th decimal place of its exact value.
func roundFloat(x float64, n int) (starlark.Value, error) {
	const ndigitsMax, ndigitsMin = 323, -308
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0) || x == 0 || n > ndigitsMax:
		return starlark.Float(x), nil
	case n < ndigitsMin:
		return starlark.Float(0 * x), nil
	case n >= 0:
		// FormatFloat rounds the exact binary value, ties to even.
		y, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', n, 64), 64)
		return starlark.Float(y), nil
	}
	r := new(big.Rat).SetFloat64(x)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-n)), nil)
	r.Quo(r, new(big.Rat).SetInt(p))
	q := new(big.Int).Quo(r.Num(), r.Denom()) // toward zero
	rem := new(big.Rat).Sub(r, new(big.Rat).SetInt(q))
	half := big.NewRat(1, 2)
	if c := new(big.Rat).Abs(rem).Cmp(half); c > 0 || c == 0 && q.Bit(0) == 1 {
		if x < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	y, _ := new(big.Rat).SetInt(q.Mul(q, p)).Float64()
	if math.IsInf(y, 0) {
		return nil, pyerr.New("OverflowError", "rounded value too large to represent")
	}
	return starlark.Float(math.Copysign(y, x)), nil
}

// pow(base, exp, mod=None)
func pow(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, y, m starlark.Value = nil, nil, starlark.None
	if err := unpack("pow", args, kwargs, "base", &x, "exp", &y, "mod?", &m); err != nil {
		return nil, err
	}
	return Pow(num(x), num(y), num(m))
}

// Pow is Python's pow(x, y, m) (m None for x ** y); the front end may call
// it for the ** operator.
func Pow(x, y, m starlark.Value) (starlark.Value, error) {
	xi, xInt := x.(starlark.Int)
	yi, yInt := y.(starlark.Int)
	if m != starlark.None {
		mi, mInt := m.(starlark.Int)
		if !xInt || !yInt || !mInt {
			return nil, pyerr.TypeError("pow() 3rd argument not allowed unless all arguments are integers")
		}
		mb := mi.BigInt()
		if mb.Sign() == 0 {
			return nil, pyerr.ValueError("pow() 3rd argument cannot be 0")
		}
		abs := new(big.Int).Abs(mb)
		base := new(big.Int).Mod(xi.BigInt(), abs)
		e := yi.BigInt()
		if e.Sign() < 0 {
			if base.ModInverse(base, abs) == nil {
				return nil, pyerr.ValueError("base is not invertible for the given modulus")
			}
			e = new(big.Int).Neg(e)
		}
		r := new(big.Int).Exp(base, e, abs)
		if mb.Sign() < 0 && r.Sign() != 0 {
			r.Add(r, mb)
		}
		return starlark.MakeBigInt(r), nil
	}
	if xInt && yInt {
		if yi.Sign() >= 0 {
			e, ok := yi.Int64()
			if !ok || e > 1<<24 && xi.BigInt().BitLen() > 1 {
				return nil, pyerr.New("MemoryError", "")
			}
			return starlark.MakeBigInt(new(big.Int).Exp(xi.BigInt(), yi.BigInt(), nil)), nil
		}
	}
	_, xNum := x.(starlark.Float)
	_, yNum := y.(starlark.Float)
	if !(xNum || xInt) || !(yNum || yInt) {
		return nil, pyerr.TypeError("unsupported operand type(s) for ** or pow(): '%s' and '%s'", typeName(x), typeName(y))
	}
	fx, err := toFloat(x)
	if err != nil {
		return nil, err
	}
	fy, err := toFloat(y)
	if err != nil {
		return nil, err
	}
	a, e := float64(fx), float64(fy)
	if a == 0 && e < 0 {
		return nil, pyerr.New("ZeroDivisionError", "0.0 cannot be raised to a negative power")
	}
	if a < 0 && e != math.Trunc(e) && !math.IsInf(e, 0) {
		return nil, pyerr.ValueError("pow() of a negative number to a fractional power is complex, which starproc does not support")
	}
	r := math.Pow(a, e)
	if math.IsInf(r, 0) && !math.IsInf(a, 0) && !math.IsInf(e, 0) {
		return nil, pyerr.New("OverflowError", "(34, 'Numerical result out of range')")
	}
	return starlark.Float(r), nil
}

// divmod(a, b)
func divmod(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, y starlark.Value
	if err := unpackPositional("divmod", args, kwargs, 2, &x, &y); err != nil {
		return nil, err
	}
	x, y = num(x), num(y)
	xi, xInt := x.(starlark.Int)
	yi, yInt := y.(starlark.Int)
	if xInt && yInt {
		if yi.Sign() == 0 {
			return nil, pyerr.New("ZeroDivisionError", "integer division or modulo by zero")
		}
		q, _ := starlark.Binary(syntax.SLASHSLASH, xi, yi)
		r, _ := starlark.Binary(syntax.PERCENT, xi, yi)
		return starlark.Tuple{q, r}, nil
	}
	_, xf := x.(starlark.Float)
	_, yf := y.(starlark.Float)
	if !(xf || xInt) || !(yf || yInt) {
		return nil, pyerr.TypeError("unsupported operand type(s) for divmod(): '%s' and '%s'", typeName(x), typeName(y))
	}
	fx, err := toFloat(x)
	if err != nil {
		return nil, err
	}
	fy, err := toFloat(y)
	if err != nil {
		return nil, err
	}
	if fy == 0 {
		return nil, pyerr.New("ZeroDivisionError", "float divmod()")
	}
	q, r := floatDivmod(float64(fx), float64(fy))
	return starlark.Tuple{starlark.Float(q), starlark.Float(r)}, nil
}

// floatDivmod is CPython's float_divmod.
func floatDivmod(vx, wx float64) (float64, float64) {
	mod := math.Mod(vx, wx)
	div := (vx - mod) / wx
	if mod != 0 {
		if (wx < 0) != (mod < 0) {
			mod += wx
			div -= 1
		}
	} else {
		mod = math.Copysign(0, wx)
	}
	var floordiv float64
	if div != 0 {
		floordiv = math.Floor(div)
		if div-floordiv > 0.5 {
			floordiv += 1
		}
	} else {
		floordiv = math.Copysign(0, vx/wx)
	}
	return floordiv, mod
}

// hex(x), oct(x), bin(x)
func radix(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional(b.Name(), args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	i, ok := num(x).(starlark.Int)
	if !ok {
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(x))
	}
	base, prefix := 16, "0x"
	switch b.Name() {
	case "oct":
		base, prefix = 8, "0o"
	case "bin":
		base, prefix = 2, "0b"
	}
	z := i.BigInt()
	if z.Sign() < 0 {
		return starlark.String("-" + prefix + new(big.Int).Neg(z).Text(base)), nil
	}
	return starlark.String(prefix + z.Text(base)), nil
}

// abs(x)
func abs(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("abs", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	switch v := num(x).(type) {
	case starlark.Int:
		if v.Sign() < 0 {
			return starlark.MakeInt(0).Sub(v), nil
		}
		return v, nil
	case starlark.Float:
		return starlark.Float(math.Abs(float64(v))), nil
	}
	return nil, pyerr.TypeError("bad operand type for abs(): '%s'", typeName(x))
}
