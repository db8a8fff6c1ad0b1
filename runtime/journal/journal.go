// Package journal records the effects of a run: every result that came from
// outside the interpreter (the clock, random seeds, PIDs, subprocess results,
// reads). DESIGN.md's os.fork is a deterministic replay of this journal: a
// forked child re-executes the script and takes each effect's result from the
// journal instead of the world, until it reaches the fork point.
//
// For now the journal only records (the process model brings replay). Each
// entry is the effect's kind and its result encoded by value, appended to one
// byte buffer, so a long loop of effects costs bytes, not Go objects.
package journal

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"

	"go.starlark.net/starlark"
)

// Journal is the ordered record of a run's effects. The zero value is ready
// to use. It is not safe for concurrent use: one interpreter, one journal.
type Journal struct {
	buf []byte
	n   int
}

// Len returns the number of effects recorded.
func (j *Journal) Len() int { return j.n }

// Size returns the number of bytes the journal holds.
func (j *Journal) Size() int { return len(j.buf) }

// Record appends one effect of the given kind with its result.
func (j *Journal) Record(kind string, result starlark.Value) error {
	j.buf = appendString(j.buf, kind)
	var err error
	j.buf, err = Encode(j.buf, result)
	if err != nil {
		return fmt.Errorf("journal: %s: %w", kind, err)
	}
	j.n++
	return nil
}

// Value tags of the encoding.
const (
	tagNone byte = iota
	tagFalse
	tagTrue
	tagInt
	tagBigInt
	tagFloat
	tagString
	tagBytes
	tagTuple
	tagList
	tagDict
)

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Encode appends the by-value encoding of v to b. Only plain data (None,
// bool, int, float, str, bytes, tuple, list, dict) can be encoded.
func Encode(b []byte, v starlark.Value) ([]byte, error) {
	switch v := v.(type) {
	case starlark.NoneType:
		return append(b, tagNone), nil
	case starlark.Bool:
		if v {
			return append(b, tagTrue), nil
		}
		return append(b, tagFalse), nil
	case starlark.Int:
		if i, ok := v.Int64(); ok {
			return binary.AppendVarint(append(b, tagInt), i), nil
		}
		return appendString(append(b, tagBigInt), v.BigInt().String()), nil
	case starlark.Float:
		return binary.LittleEndian.AppendUint64(append(b, tagFloat), math.Float64bits(float64(v))), nil
	case starlark.String:
		return appendString(append(b, tagString), string(v)), nil
	case starlark.Bytes:
		return appendString(append(b, tagBytes), string(v)), nil
	case starlark.Tuple:
		return encodeSeq(append(b, tagTuple), v)
	case *starlark.List:
		elems := make([]starlark.Value, v.Len())
		for i := range elems {
			elems[i] = v.Index(i)
		}
		return encodeSeq(append(b, tagList), elems)
	case *starlark.Dict:
		items := v.Items()
		b = binary.AppendUvarint(append(b, tagDict), uint64(len(items)))
		var err error
		for _, kv := range items {
			if b, err = Encode(b, kv[0]); err != nil {
				return nil, err
			}
			if b, err = Encode(b, kv[1]); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	return nil, fmt.Errorf("cannot encode %s value", v.Type())
}

func encodeSeq(b []byte, elems []starlark.Value) ([]byte, error) {
	b = binary.AppendUvarint(b, uint64(len(elems)))
	var err error
	for _, e := range elems {
		if b, err = Encode(b, e); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Decode reads one value encoded by Encode from b and returns it with the rest of b.
func Decode(b []byte) (starlark.Value, []byte, error) {
	if len(b) == 0 {
		return nil, nil, fmt.Errorf("journal: truncated value")
	}
	tag, b := b[0], b[1:]
	switch tag {
	case tagNone:
		return starlark.None, b, nil
	case tagFalse:
		return starlark.False, b, nil
	case tagTrue:
		return starlark.True, b, nil
	case tagInt:
		i, n := binary.Varint(b)
		if n <= 0 {
			return nil, nil, fmt.Errorf("journal: bad int")
		}
		return starlark.MakeInt64(i), b[n:], nil
	case tagBigInt:
		s, rest, err := readString(b)
		if err != nil {
			return nil, nil, err
		}
		z, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return nil, nil, fmt.Errorf("journal: bad big int")
		}
		return starlark.MakeBigInt(z), rest, nil
	case tagFloat:
		if len(b) < 8 {
			return nil, nil, fmt.Errorf("journal: truncated float")
		}
		return starlark.Float(math.Float64frombits(binary.LittleEndian.Uint64(b))), b[8:], nil
	case tagString, tagBytes:
		s, rest, err := readString(b)
		if err != nil {
			return nil, nil, err
		}
		if tag == tagBytes {
			return starlark.Bytes(s), rest, nil
		}
		return starlark.String(s), rest, nil
	case tagTuple, tagList:
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return nil, nil, fmt.Errorf("journal: bad length")
		}
		b = b[k:]
		elems := make([]starlark.Value, n)
		for i := range elems {
			var err error
			if elems[i], b, err = Decode(b); err != nil {
				return nil, nil, err
			}
		}
		if tag == tagTuple {
			return starlark.Tuple(elems), b, nil
		}
		return starlark.NewList(elems), b, nil
	case tagDict:
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return nil, nil, fmt.Errorf("journal: bad length")
		}
		b = b[k:]
		d := starlark.NewDict(int(n))
		for i := uint64(0); i < n; i++ {
			var key, val starlark.Value
			var err error
			if key, b, err = Decode(b); err != nil {
				return nil, nil, err
			}
			if val, b, err = Decode(b); err != nil {
				return nil, nil, err
			}
			if err := d.SetKey(key, val); err != nil {
				return nil, nil, err
			}
		}
		return d, b, nil
	}
	return nil, nil, fmt.Errorf("journal: bad tag %d", tag)
}

func readString(b []byte) (string, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, fmt.Errorf("journal: truncated string")
	}
	return string(b[k : k+int(n)]), b[k+int(n):], nil
}
