package random

import (
	"math"
	"math/big"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
)

// seed is Random.seed(a=None, version=2).
func seed(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var a starlark.Value = starlark.None
	var version starlark.Value = starlark.MakeInt(2)
	if err := unpack(fn, args, kwargs, "a?", &a, "version?", &version); err != nil {
		return nil, err
	}
	var ver int64
	if v, ok := version.(starlark.Int); ok {
		ver, _ = v.Int64()
	}
	switch x := a.(type) {
	case starlark.NoneType:
		return starlark.None, r.seedFromOS(thread)
	case starlark.Bool:
		n := big.NewInt(0)
		if x {
			n.SetInt64(1)
		}
		r.mt.seedInt(n)
	case starlark.Int:
		r.mt.seedInt(new(big.Int).Abs(x.BigInt()))
	case starlark.Float:
		r.mt.seedInt(new(big.Int).SetUint64(hashFloat(float64(x))))
	case starlark.String:
		if ver == 1 {
			r.mt.seedInt(new(big.Int).SetUint64(seedV1([]rune(string(x)))))
		} else {
			r.mt.seedBytesV2([]byte(x))
		}
	case starlark.Bytes:
		if ver == 1 {
			cps := make([]rune, len(x))
			for i := range len(x) {
				cps[i] = rune(x[i]) // decoded as latin-1
			}
			r.mt.seedInt(new(big.Int).SetUint64(seedV1(cps)))
		} else {
			r.mt.seedBytesV2([]byte(x))
		}
	default:
		return nil, pyerr.TypeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
	}
	r.seeded = true
	r.gaussNext = nil
	return starlark.None, nil
}

// random is Random.random(): a float in [0.0, 1.0).
func random(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpack(fn, args, kwargs); err != nil {
		return nil, err
	}
	return starlark.Float(r.mt.float()), nil
}

// getrandbits is Random.getrandbits(k): an int with k random bits.
func getrandbits(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var kv starlark.Value
	if err := unpack(fn, args, kwargs, "k", &kv); err != nil {
		return nil, err
	}
	k, err := intArg(kv)
	if err != nil {
		return nil, err
	}
	if k < 0 {
		return nil, pyerr.ValueError("number of bits must be non-negative")
	}
	return starlark.MakeBigInt(r.mt.getrandbits(k)), nil
}

// randbytes is Random.randbytes(n): getrandbits(n * 8).to_bytes(n, 'little').
func randbytes(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var nv starlark.Value
	if err := unpack(fn, args, kwargs, "n", &nv); err != nil {
		return nil, err
	}
	n, err := ssizeArg(nv)
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, pyerr.ValueError("number of bits must be non-negative")
	}
	if n > math.MaxInt32/8 {
		return nil, pyerr.New("OverflowError", "Python int too large to convert to C int")
	}
	if n == 0 {
		return starlark.Bytes(""), nil
	}
	words := r.mt.bitsWords(8 * n)
	buf := make([]byte, 0, 4*len(words))
	for _, w := range words {
		buf = append(buf, byte(w), byte(w>>8), byte(w>>16), byte(w>>24))
	}
	return starlark.Bytes(buf[:n]), nil
}

// randrange is Random.randrange(start, stop=None, step=1).
func randrange(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var start, stop, step starlark.Value
	if err := unpack(fn, args, kwargs, "start", &start, "stop?", &stop, "step?", &step); err != nil {
		return nil, err
	}
	return r.randrange(start, stop, step)
}

// randrange follows random.py; stop and step are nil when not given.
func (r *Random) randrange(start, stop, step starlark.Value) (starlark.Value, error) {
	istart, err := rangeArg(start, "arg 1")
	if err != nil {
		return nil, err
	}
	if stop == nil || stop == starlark.None {
		if step != nil && !isOne(step) {
			return nil, pyerr.TypeError("Missing a non-None stop argument")
		}
		if istart.Sign() > 0 {
			return starlark.MakeBigInt(r.mt.below(istart)), nil
		}
		return nil, pyerr.ValueError("empty range for randrange()")
	}
	istop, err := rangeArg(stop, "stop")
	if err != nil {
		return nil, err
	}
	width := new(big.Int).Sub(istop, istart)
	istep := big.NewInt(1)
	if step != nil {
		if istep, err = rangeArg(step, "step"); err != nil {
			return nil, err
		}
	}
	if istep.IsInt64() && istep.Int64() == 1 {
		if width.Sign() > 0 {
			return starlark.MakeBigInt(width.Add(istart, r.mt.below(width))), nil
		}
		return nil, pyerr.ValueError("empty range for randrange() (%s, %s, %s)", istart, istop, width)
	}
	var n *big.Int
	switch istep.Sign() {
	case 1:
		n = width.Add(width, istep)
		n.Sub(n, big.NewInt(1))
	case -1:
		n = width.Add(width, istep)
		n.Add(n, big.NewInt(1))
	default:
		return nil, pyerr.ValueError("zero step for randrange()")
	}
	n = floorDiv(n, istep)
	if n.Sign() <= 0 {
		return nil, pyerr.ValueError("empty range for randrange()")
	}
	off := r.mt.below(n)
	return starlark.MakeBigInt(off.Add(istart, off.Mul(off, istep))), nil
}

func isOne(v starlark.Value) bool {
	i, ok := v.(starlark.Int)
	if !ok {
		return false
	}
	one, ok := i.Int64()
	return ok && one == 1
}

// floorDiv is Python's a // b.
func floorDiv(a, b *big.Int) *big.Int {
	q, m := new(big.Int).QuoRem(a, b, new(big.Int))
	if m.Sign() != 0 && (m.Sign() < 0) != (b.Sign() < 0) {
		q.Sub(q, big.NewInt(1))
	}
	return q
}

// randint is Random.randint(a, b): randrange(a, b + 1).
func randint(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var a, b starlark.Value
	if err := unpack(fn, args, kwargs, "a", &a, "b", &b); err != nil {
		return nil, err
	}
	// The common case, small ints, needs no big arithmetic.
	if ai, ok := a.(starlark.Int); ok {
		if bi, ok := b.(starlark.Int); ok {
			x, ok1 := ai.Int64()
			y, ok2 := bi.Int64()
			if ok1 && ok2 && x <= y && y-x >= 0 && y-x < math.MaxInt64 {
				return starlark.MakeInt64(x + int64(r.mt.below64(uint64(y-x)+1))), nil
			}
		}
	}
	stop, err := arith('+', b, starlark.MakeInt(1))
	if err != nil {
		return nil, err
	}
	return r.randrange(a, stop, nil)
}

// choice is Random.choice(seq).
func choice(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := unpack(fn, args, kwargs, "seq", &v); err != nil {
		return nil, err
	}
	s, err := lenOf(v)
	if err != nil {
		return nil, err
	}
	if s.n == 0 {
		return nil, pyerr.New("IndexError", "Cannot choose from an empty sequence")
	}
	return s.at(int(r.mt.below64(uint64(s.n))))
}

// shuffle is Random.shuffle(x): shuffles a list in place.
func shuffle(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := unpack(fn, args, kwargs, "x", &v); err != nil {
		return nil, err
	}
	s, err := lenOf(v)
	if err != nil {
		return nil, err
	}
	list, _ := v.(*starlark.List)
	for i := s.n - 1; i > 0; i-- {
		j := int(r.mt.below64(uint64(i + 1)))
		xi, err := s.at(i)
		if err != nil {
			return nil, err
		}
		xj, err := s.at(j)
		if err != nil {
			return nil, err
		}
		if list == nil {
			return nil, pyerr.TypeError("'%s' object does not support item assignment", typeName(v))
		}
		if err := list.SetIndex(i, xj); err != nil {
			return nil, err
		}
		if err := list.SetIndex(j, xi); err != nil {
			return nil, err
		}
	}
	return starlark.None, nil
}

// sample is Random.sample(population, k, *, counts=None).
func sample(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pop, kv, counts starlark.Value
	if len(args) > 2 {
		return nil, pyerr.TypeError("Random.sample() takes 3 positional arguments but %d were given", len(args)+1)
	}
	if err := unpack(fn, args, kwargs, "population", &pop, "k", &kv, "counts?", &counts); err != nil {
		return nil, err
	}
	if !isSequence(pop) {
		return nil, pyerr.TypeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
	}
	s, err := lenOf(pop)
	if err != nil {
		return nil, err
	}
	if counts != nil && counts != starlark.None {
		return r.sampleCounts(s, kv, counts)
	}
	k, err := sampleK(kv, s.n)
	if err != nil {
		return nil, err
	}
	idx := r.sampleIndexes(s.n, k)
	out := make([]starlark.Value, k)
	for i, j := range idx {
		if out[i], err = s.at(j); err != nil {
			return nil, err
		}
	}
	return starlark.NewList(out), nil
}

// sampleK checks sample's k against a population of n.
func sampleK(kv starlark.Value, n int) (int, error) {
	var k int
	switch x := kv.(type) {
	case starlark.Int, starlark.Bool:
		b, err := rangeArg(x, "k")
		if err != nil {
			return 0, err
		}
		if b.Sign() < 0 || b.Cmp(big.NewInt(int64(n))) > 0 {
			return 0, pyerr.ValueError("Sample larger than population or is negative")
		}
		k = int(b.Int64())
	case starlark.Float:
		if !(0 <= x && x <= starlark.Float(n)) {
			return 0, pyerr.ValueError("Sample larger than population or is negative")
		}
		return 0, pyerr.TypeError("can't multiply sequence by non-int of type 'float'")
	default:
		return 0, pyerr.TypeError("'<=' not supported between instances of 'int' and '%s'", typeName(kv))
	}
	return k, nil
}

// sampleIndexes chooses k distinct indexes below n (0 <= k <= n) exactly
// as random.py's sample does, including its choice between a pool list and
// a set of selections.
func (r *Random) sampleIndexes(n, k int) []int {
	result := make([]int, k)
	setsize := 21
	if k > 5 {
		setsize += int(math.Pow(4, math.Ceil(math.Log(float64(k*3))/math.Log(4))))
	}
	if n <= setsize {
		pool := make([]int, n)
		for i := range pool {
			pool[i] = i
		}
		for i := range k {
			j := int(r.mt.below64(uint64(n - i)))
			result[i] = pool[j]
			pool[j] = pool[n-i-1]
		}
		return result
	}
	selected := make(map[int]bool, k)
	for i := range k {
		j := int(r.mt.below64(uint64(n)))
		for selected[j] {
			j = int(r.mt.below64(uint64(n)))
		}
		selected[j] = true
		result[i] = j
	}
	return result
}

// sampleCounts is sample's counts= path: a sample of range(total) mapped
// back through the cumulative counts.
func (r *Random) sampleCounts(s seq, kv, counts starlark.Value) (starlark.Value, error) {
	cum, err := accumulate(counts)
	if err != nil {
		return nil, err
	}
	if len(cum) != s.n {
		return nil, pyerr.ValueError("The number of counts does not match the population")
	}
	if len(cum) == 0 {
		return nil, pyerr.New("IndexError", "pop from empty list")
	}
	totalv := cum[len(cum)-1]
	cum = cum[:len(cum)-1]
	ti, ok := totalv.(starlark.Int)
	if !ok {
		return nil, pyerr.TypeError("Counts must be integers")
	}
	if ti.Sign() <= 0 {
		return nil, pyerr.ValueError("Total of counts must be greater than zero")
	}
	total, ok := ti.Int64()
	if !ok || total != int64(int(total)) {
		return nil, pyerr.New("OverflowError", "Python int too large to convert to C ssize_t")
	}
	k, err := sampleK(kv, int(total))
	if err != nil {
		return nil, err
	}
	sel := r.sampleIndexes(int(total), k)
	out := make([]starlark.Value, k)
	for i, x := range sel {
		j, err := bisectRight(cum, starlark.MakeInt(x), 0, len(cum))
		if err != nil {
			return nil, err
		}
		if out[i], err = s.at(j); err != nil {
			return nil, err
		}
	}
	return starlark.NewList(out), nil
}

// accumulate is list(itertools.accumulate(v)) with Python's + on numbers.
func accumulate(v starlark.Value) ([]starlark.Value, error) {
	it, ok := v.(starlark.Iterable)
	if !ok {
		return nil, pyerr.TypeError("'%s' object is not iterable", typeName(v))
	}
	iter := it.Iterate()
	defer iter.Done()
	var out []starlark.Value
	var x starlark.Value
	for iter.Next(&x) {
		if len(out) == 0 {
			out = append(out, x)
			continue
		}
		sum, err := arith('+', out[len(out)-1], x)
		if err != nil {
			return nil, err
		}
		out = append(out, sum)
	}
	return out, nil
}

// bisectRight is bisect.bisect_right(a, x, lo, hi) with Python's ordering
// of numbers.
func bisectRight(a []starlark.Value, x starlark.Value, lo, hi int) (int, error) {
	for lo < hi {
		mid := (lo + hi) / 2
		less, err := starlark.Compare(syntax.LT, x, a[mid])
		if err != nil {
			return 0, pyerr.TypeError("'<' not supported between instances of '%s' and '%s'", typeName(x), typeName(a[mid]))
		}
		if less {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, nil
}

// choices is Random.choices(population, weights=None, *, cum_weights=None, k=1).
func choices(thread *starlark.Thread, fn string, r *Random, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pop, weights, cumWeights starlark.Value
	var kv starlark.Value = starlark.MakeInt(1)
	if len(args) > 2 {
		return nil, pyerr.TypeError("Random.choices() takes from 2 to 3 positional arguments but %d were given", len(args)+1)
	}
	if err := unpack(fn, args, kwargs, "population", &pop, "weights?", &weights, "cum_weights?", &cumWeights, "k?", &kv); err != nil {
		return nil, err
	}
	s, err := lenOf(pop)
	if err != nil {
		return nil, err
	}
	if weights == starlark.None {
		weights = nil
	}
	if cumWeights == starlark.None {
		cumWeights = nil
	}
	var cum []starlark.Value
	switch {
	case cumWeights == nil && weights == nil:
		k, err := ssizeArg(kv)
		if err != nil {
			return nil, err
		}
		n := float64(s.n)
		out := make([]starlark.Value, 0, max(k, 0))
		for range k {
			x, err := s.at(int(math.Floor(r.mt.float() * n)))
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return starlark.NewList(out), nil
	case cumWeights == nil:
		if cum, err = accumulate(weights); err != nil {
			if _, isInt := weights.(starlark.Int); isInt {
				return nil, pyerr.TypeError("The number of choices must be a keyword argument: k=%s", weights)
			}
			return nil, err
		}
	case weights != nil:
		return nil, pyerr.TypeError("Cannot specify both weights and cumulative weights")
	default:
		cs, err := lenOf(cumWeights)
		if err != nil {
			return nil, err
		}
		for i := range cs.n {
			x, err := cs.at(i)
			if err != nil {
				return nil, err
			}
			cum = append(cum, x)
		}
	}
	if len(cum) != s.n {
		return nil, pyerr.ValueError("The number of weights does not match the population")
	}
	if len(cum) == 0 {
		return nil, pyerr.New("IndexError", "list index out of range")
	}
	tv, err := arith('+', cum[len(cum)-1], starlark.Float(0))
	if err != nil {
		return nil, err
	}
	total := float64(tv.(starlark.Float))
	if total <= 0 {
		return nil, pyerr.ValueError("Total of weights must be greater than zero")
	}
	if math.IsNaN(total) || math.IsInf(total, 0) {
		return nil, pyerr.ValueError("Total of weights must be finite")
	}
	k, err := ssizeArg(kv)
	if err != nil {
		return nil, err
	}
	out := make([]starlark.Value, 0, max(k, 0))
	fcum, exact := floatsExactly(cum)
	for range k {
		x := r.mt.float() * total
		var j int
		if exact {
			j = bisectFloats(fcum, x, s.n-1)
		} else if j, err = bisectRight(cum, starlark.Float(x), 0, s.n-1); err != nil {
			return nil, err
		}
		v, err := s.at(j)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return starlark.NewList(out), nil
}

// floatsExactly returns cum as float64s when every element converts
// exactly, so that comparing with a float is the same as Python's.
func floatsExactly(cum []starlark.Value) ([]float64, bool) {
	out := make([]float64, len(cum))
	for i, v := range cum {
		switch x := v.(type) {
		case starlark.Float:
			out[i] = float64(x)
		case starlark.Int:
			n, ok := x.Int64()
			if !ok || n > 1<<53 || n < -(1<<53) {
				return nil, false
			}
			out[i] = float64(n)
		default:
			return nil, false
		}
	}
	return out, true
}

// bisectFloats is bisect_right(a, x, 0, hi) over floats.
func bisectFloats(a []float64, x float64, hi int) int {
	lo := 0
	for lo < hi {
		mid := (lo + hi) / 2
		if x < a[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}
