package pyfmt

import (
	"hash/fnv"
	"math"
	"math/big"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// This file gives sets CPython's element order. CPython prints and iterates
// a set in the slot order of its open-addressing hash table, so {3, 1, 2}
// prints as {1, 2, 3}; a starlark.Set keeps insertion order. For elements
// whose CPython hash is not randomized (int, bool, float, and tuples of
// them) SetOrder replays CPython 3.11's table (Objects/setobject.c): size 8,
// linear probing of 9 slots then perturbed probing, growth when fill*5 >=
// mask*3 to the smallest power of two above used*4 (used*2 past 50000).
// The replay inserts the elements one by one in the set's insertion order,
// which is how a set built by add, set(list) or a literal of
// non-constants grows. A set with str elements (randomized hashes in
// CPython) keeps insertion order.
//
// Deviation: a set whose history held removals, or that came from a set
// operation, copy or constant literal (CPython merges those table to table),
// may have had a larger table in CPython; its order then differs only where
// hashes collided (ints not smaller than the table size, negative ints).

// CPython's hash parameters (Include/pyhash.h, Objects/setobject.c).
const (
	hashBits    = 61
	hashModulus = 1<<hashBits - 1
	hashInf     = 314159
	setMinSize  = 8
	linearProbe = 9
	perturbBits = 5
)

// Hash returns Python's hash(v): CPython's exact value for int, bool, float
// and tuples of those (hash(1) == 1, hash((1, 2)) == -3550055125485641917),
// and a deterministic stand-in for str, bytes and other hashable values,
// whose CPython hash is randomized or address-based. An unhashable value
// gives CPython's TypeError.
func Hash(v starlark.Value) (int64, error) {
	if h, ok := exactHash(v); ok {
		return h, nil
	}
	switch v := v.(type) {
	case starlark.String:
		return strHash(string(v)), nil
	case starlark.Bytes:
		return strHash(string(v)), nil
	case starlark.Tuple:
		return tupleHash(v, func(x starlark.Value) (int64, bool, error) {
			h, err := Hash(x)
			return h, err == nil, err
		})
	case *starlark.List, *starlark.Dict, *starlark.Set:
		return 0, pyerr.TypeError("unhashable type: '%s'", TypeName(v))
	}
	h, err := v.Hash()
	if err != nil {
		return 0, pyerr.TypeError("unhashable type: '%s'", TypeName(v))
	}
	return int64(h), nil
}

// strHash is the stand-in for the hash of a str or bytes: 64 bits of FNV,
// never -1 (CPython's error marker).
func strHash(s string) int64 {
	if s == "" {
		return 0 // as CPython's, the one string hash it does not randomize
	}
	h := fnv.New64a()
	h.Write([]byte(s))
	x := int64(h.Sum64())
	if x == -1 {
		x = -2
	}
	return x
}

// exactHash returns CPython's hash of v when it does not depend on the
// process (hash randomization or an address).
func exactHash(v starlark.Value) (int64, bool) {
	switch v := v.(type) {
	case starlark.Int:
		return intHash(v), true
	case starlark.Bool:
		if v {
			return 1, true
		}
		return 0, true
	case starlark.Float:
		return floatHash(float64(v))
	case starlark.Tuple:
		h, err := tupleHash(v, func(x starlark.Value) (int64, bool, error) {
			h, ok := exactHash(x)
			return h, ok, nil
		})
		return h, err == nil && h != notExact
	}
	return 0, false
}

// intHash is CPython's long_hash: the value modulo 2**61-1, keeping the sign.
func intHash(v starlark.Int) int64 {
	if x, ok := v.Int64(); ok && x > -hashModulus && x < hashModulus {
		if x == -1 {
			return -2
		}
		return x
	}
	b := v.BigInt()
	r := new(big.Int).Abs(b)
	r.Mod(r, big.NewInt(hashModulus))
	x := r.Int64()
	if b.Sign() < 0 {
		x = -x
	}
	if x == -1 {
		x = -2
	}
	return x
}

// floatHash is CPython's _Py_HashDouble; a NaN hashes by address there.
func floatHash(v float64) (int64, bool) {
	switch {
	case math.IsNaN(v):
		return 0, false
	case math.IsInf(v, 1):
		return hashInf, true
	case math.IsInf(v, -1):
		return -hashInf, true
	}
	m, e := math.Frexp(v)
	sign := uint64(1)
	if m < 0 {
		sign = ^uint64(0) // -1: the product wraps as CPython's unsigned one
		m = -m
	}
	var x uint64
	for m != 0 {
		x = x<<28&hashModulus | x>>(hashBits-28)
		m *= 268435456.0
		e -= 28
		y := uint64(m)
		m -= float64(y)
		x += y
		if x >= hashModulus {
			x -= hashModulus
		}
	}
	if e >= 0 {
		e %= hashBits
	} else {
		e = hashBits - 1 - (-1-e)%hashBits
	}
	x = x<<uint(e)&hashModulus | x>>uint(hashBits-e)
	x *= sign
	if int64(x) == -1 {
		return -2, true
	}
	return int64(x), true
}

// notExact marks a tuple with an element whose hash is not exact.
const notExact = math.MinInt64

// tupleHash is CPython 3.11's xxHash-based tuplehash over the hashes elem
// gives for the elements.
func tupleHash(t starlark.Tuple, elem func(starlark.Value) (int64, bool, error)) (int64, error) {
	const (
		prime1 = 11400714785074694791
		prime2 = 14029467366897019727
		prime5 = 2870177450012600261
	)
	acc := uint64(prime5)
	for _, x := range t {
		h, ok, err := elem(x)
		if err != nil {
			return 0, err
		}
		if !ok {
			return notExact, nil
		}
		acc += uint64(h) * prime2
		acc = acc<<31 | acc>>33
		acc *= prime1
	}
	acc += uint64(len(t)) ^ (prime5 ^ 3527539)
	if acc == ^uint64(0) {
		return 1546275796, nil
	}
	return int64(acc), nil
}

// SetOrder returns the elements of s in the order CPython 3.11 iterates
// and prints the same set (see the comment at the top of this file): the
// replayed hash-table order when every element has an exact CPython hash,
// otherwise insertion order.
func SetOrder(s *starlark.Set) []starlark.Value {
	n := s.Len()
	elems := make([]starlark.Value, 0, n)
	for x := range s.Elements() {
		elems = append(elems, x)
	}
	if n < 2 {
		return elems
	}
	hashes := make([]int64, n)
	for i, x := range elems {
		h, ok := exactHash(x)
		if !ok {
			return elems
		}
		hashes[i] = h
	}
	table := make([]int32, setMinSize) // element index+1; 0 is an unused slot
	fill := 0
	for i := range elems {
		insertClean(table, hashes, int32(i))
		fill++
		if mask := len(table) - 1; fill*5 >= mask*3 {
			minUsed := fill * 4
			if fill > 50000 {
				minUsed = fill * 2
			}
			size := setMinSize
			for size <= minUsed {
				size <<= 1
			}
			old := table
			table = make([]int32, size)
			for _, e := range old {
				if e != 0 {
					insertClean(table, hashes, e-1)
				}
			}
		}
	}
	out := make([]starlark.Value, 0, n)
	for _, e := range table {
		if e != 0 {
			out = append(out, elems[e-1])
		}
	}
	return out
}

// insertClean puts element i into the first unused slot of its probe
// sequence, as CPython's set_add_entry and set_insert_clean do for a key
// that is absent from a table without deleted slots.
func insertClean(table []int32, hashes []int64, i int32) {
	mask := uint64(len(table) - 1)
	h := uint64(hashes[i])
	perturb := h
	j := h & mask
	for {
		if table[j] == 0 {
			table[j] = i + 1
			return
		}
		if j+linearProbe <= mask {
			for k := j + 1; k <= j+linearProbe; k++ {
				if table[k] == 0 {
					table[k] = i + 1
					return
				}
			}
		}
		perturb >>= perturbBits
		j = (j*5 + 1 + perturb) & mask
	}
}
