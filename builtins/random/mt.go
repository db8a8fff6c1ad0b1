package random

import (
	"crypto/sha512"
	"math"
	"math/big"
	"math/bits"
)

// The Mersenne Twister MT19937 as CPython's Modules/_randommodule.c runs it:
// the same seeding (init_by_array over the 32-bit words of the seed), the
// same 53-bit doubles and the same word order in getrandbits, so that a
// seeded run draws exactly the numbers CPython draws.

const (
	mtN         = 624
	mtM         = 397
	matrixA     = 0x9908b0df
	upperMask   = 0x80000000
	lowerMask   = 0x7fffffff
	seedBytes   = 4 * mtN // bytes of OS randomness an unseeded generator takes
	hashBits    = 61      // CPython's _PyHASH_BITS on 64-bit platforms
	hashModulus = 1<<hashBits - 1
	hashInf     = 314159
)

// mt is the generator state: CPython's RandomObject without the object header.
type mt struct {
	state [mtN]uint32
	index int
}

// uint32 is genrand_uint32.
func (m *mt) uint32() uint32 {
	if m.index >= mtN {
		s := &m.state
		kk := 0
		for ; kk < mtN-mtM; kk++ {
			y := s[kk]&upperMask | s[kk+1]&lowerMask
			s[kk] = s[kk+mtM] ^ y>>1 ^ (y&1)*matrixA
		}
		for ; kk < mtN-1; kk++ {
			y := s[kk]&upperMask | s[kk+1]&lowerMask
			s[kk] = s[kk+mtM-mtN] ^ y>>1 ^ (y&1)*matrixA
		}
		y := s[mtN-1]&upperMask | s[0]&lowerMask
		s[mtN-1] = s[mtM-1] ^ y>>1 ^ (y&1)*matrixA
		m.index = 0
	}
	y := m.state[m.index]
	m.index++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}

// float is random_random (genrand_res53): a 53-bit double in [0, 1).
func (m *mt) float() float64 {
	a, b := m.uint32()>>5, m.uint32()>>6
	return (float64(a)*67108864.0 + float64(b)) * (1.0 / 9007199254740992.0)
}

func (m *mt) initGenrand(s uint32) {
	m.state[0] = s
	for i := 1; i < mtN; i++ {
		prev := m.state[i-1]
		m.state[i] = 1812433253*(prev^prev>>30) + uint32(i)
	}
	m.index = mtN
}

// initByArray seeds from key, which must not be empty.
func (m *mt) initByArray(key []uint32) {
	m.initGenrand(19650218)
	s := &m.state
	i, j := 1, 0
	for k := max(mtN, len(key)); k > 0; k-- {
		s[i] = (s[i] ^ (s[i-1]^s[i-1]>>30)*1664525) + key[j] + uint32(j)
		i++
		j++
		if i >= mtN {
			s[0] = s[mtN-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k := mtN - 1; k > 0; k-- {
		s[i] = (s[i] ^ (s[i-1]^s[i-1]>>30)*1566083941) - uint32(i)
		i++
		if i >= mtN {
			s[0] = s[mtN-1]
			i = 1
		}
	}
	s[0] = 0x80000000
}

// seedInt seeds from a non-negative integer: its 32-bit words, least
// significant first, at least one word.
func (m *mt) seedInt(n *big.Int) {
	words := n.Bits()
	var key []uint32
	for _, w := range words {
		if bits.UintSize == 64 {
			key = append(key, uint32(w), uint32(uint64(w)>>32))
		} else {
			key = append(key, uint32(w))
		}
	}
	for len(key) > 1 && key[len(key)-1] == 0 {
		key = key[:len(key)-1]
	}
	if len(key) == 0 {
		key = []uint32{0}
	}
	m.initByArray(key)
}

// seedBytesV2 is Random.seed(a, version=2) for str and bytes:
// int.from_bytes(a + sha512(a).digest(), 'big').
func (m *mt) seedBytesV2(a []byte) {
	sum := sha512.Sum512(a)
	buf := append(append([]byte(nil), a...), sum[:]...)
	m.seedInt(new(big.Int).SetBytes(buf))
}

// seedRandom seeds from raw OS randomness as random_seed_urandom does: the
// bytes are the key words in native (little-endian) order.
func (m *mt) seedRandom(b []byte) {
	key := make([]uint32, 0, len(b)/4)
	for i := 0; i+4 <= len(b); i += 4 {
		key = append(key, uint32(b[i])|uint32(b[i+1])<<8|uint32(b[i+2])<<16|uint32(b[i+3])<<24)
	}
	if len(key) == 0 {
		key = []uint32{0}
	}
	m.initByArray(key)
}

// bitsWords returns k random bits (k > 0) as 32-bit words, least
// significant first, exactly as getrandbits fills its word array.
func (m *mt) bitsWords(k int) []uint32 {
	words := make([]uint32, (k-1)/32+1)
	for i := range words {
		r := m.uint32()
		if k < 32 {
			r >>= 32 - k
		}
		words[i] = r
		k -= 32
	}
	return words
}

// getrandbits returns k random bits (k >= 0) as an integer.
func (m *mt) getrandbits(k int) *big.Int {
	if k == 0 {
		return new(big.Int)
	}
	if k <= 32 {
		return big.NewInt(int64(m.uint32() >> (32 - k)))
	}
	words := m.bitsWords(k)
	buf := make([]byte, 4*len(words))
	for i, w := range words {
		j := len(buf) - 4*i
		buf[j-1], buf[j-2], buf[j-3], buf[j-4] = byte(w), byte(w>>8), byte(w>>16), byte(w>>24)
	}
	return new(big.Int).SetBytes(buf)
}

// below64 is _randbelow_with_getrandbits for 0 < n < 2**64.
func (m *mt) below64(n uint64) uint64 {
	k := bits.Len64(n)
	for {
		var r uint64
		if k <= 32 {
			r = uint64(m.uint32() >> (32 - k))
		} else {
			lo := uint64(m.uint32())
			hi := uint64(m.uint32() >> (64 - k))
			r = lo | hi<<32
		}
		if r < n {
			return r
		}
	}
}

// below is _randbelow_with_getrandbits for any n > 0.
func (m *mt) below(n *big.Int) *big.Int {
	if n.IsUint64() {
		return new(big.Int).SetUint64(m.below64(n.Uint64()))
	}
	k := n.BitLen()
	for {
		r := m.getrandbits(k)
		if r.Cmp(n) < 0 {
			return r
		}
	}
}

// hashFloat is CPython's _Py_HashDouble for a finite or infinite v, as the
// unsigned value random_seed takes from it. NaN hashes by object identity
// in CPython 3.10+, so no seed can match it; it gets 0 here.
func hashFloat(v float64) uint64 {
	switch {
	case math.IsNaN(v):
		return 0
	case math.IsInf(v, 1):
		return hashInf
	case math.IsInf(v, -1):
		neg := -int64(hashInf)
		return uint64(neg)
	}
	m, e := math.Frexp(v)
	sign := int64(1)
	if m < 0 {
		sign, m = -1, -m
	}
	var x uint64
	for m != 0 {
		x = (x<<28)&hashModulus | x>>(hashBits-28)
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
		e = hashBits - 1 - ((-1 - e) % hashBits)
	}
	x = (x<<uint(e))&hashModulus | x>>uint(hashBits-e)
	h := int64(x) * sign
	if h == -1 {
		h = -2
	}
	return uint64(h)
}

// seedV1 is Random.seed(a, version=1) for a str or bytes given as code points.
func seedV1(cps []rune) uint64 {
	var x uint64
	if len(cps) > 0 {
		x = uint64(cps[0]) << 7
	}
	for _, c := range cps {
		x = 1000003*x ^ uint64(c)
	}
	return x ^ uint64(len(cps))
}
