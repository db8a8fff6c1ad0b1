// Package wire encodes values by value, with pickle's rules, for what
// crosses a process boundary or waits in the journal of effects: None, bool,
// int, float, str, bytes, tuple, list, dict and set by value; module-level
// functions by name; shared objects (queues, locks, ...) by identity as
// handles; everything else refused with CPython's message.
package wire

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// A Handle is a value shared between processes by identity: it crosses as
// its kind and id and is rebuilt on the other side by Decoder.Handle.
type Handle interface {
	starlark.Value
	WireHandle() (kind string, id int64)
}

// A Decoder rebuilds the values that cross by reference.
type Decoder struct {
	// Handle rebuilds a handle from its kind and id.
	Handle func(kind string, id int64) (starlark.Value, error)
	// Func looks up a module-level function by name.
	Func func(name string) (starlark.Value, error)
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
	tagSet
	tagHandle
	tagFunc
)

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Encode appends the encoding of v to b.
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
	case *starlark.Set:
		elems := make([]starlark.Value, 0, v.Len())
		it := v.Iterate()
		var x starlark.Value
		for it.Next(&x) {
			elems = append(elems, x)
		}
		it.Done()
		return encodeSeq(append(b, tagSet), elems)
	case Handle:
		kind, id := v.WireHandle()
		b = appendString(append(b, tagHandle), kind)
		return binary.AppendVarint(b, id), nil
	case *starlark.Function:
		name := v.Name()
		if name == "lambda" || v.Globals()[name] != v {
			if name == "lambda" {
				name = "<lambda>"
			}
			return nil, pyerr.New("_pickle.PicklingError", "Can't pickle %s: attribute lookup %s on __main__ failed", pyfmt.Repr(v), name)
		}
		return appendString(append(b, tagFunc), name), nil
	}
	return nil, pyerr.TypeError("cannot pickle '%s' object", pyfmt.TypeName(v))
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

// Decode reads one value encoded by Encode from b and returns it with the
// rest of b. d may be nil when b holds plain data only.
func Decode(d *Decoder, b []byte) (starlark.Value, []byte, error) {
	if len(b) == 0 {
		return nil, nil, fmt.Errorf("wire: truncated value")
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
			return nil, nil, fmt.Errorf("wire: bad int")
		}
		return starlark.MakeInt64(i), b[n:], nil
	case tagBigInt:
		s, rest, err := readString(b)
		if err != nil {
			return nil, nil, err
		}
		z, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return nil, nil, fmt.Errorf("wire: bad big int")
		}
		return starlark.MakeBigInt(z), rest, nil
	case tagFloat:
		if len(b) < 8 {
			return nil, nil, fmt.Errorf("wire: truncated float")
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
			return nil, nil, fmt.Errorf("wire: bad length")
		}
		b = b[k:]
		elems := make([]starlark.Value, n)
		for i := range elems {
			var err error
			if elems[i], b, err = Decode(d, b); err != nil {
				return nil, nil, err
			}
		}
		if tag == tagTuple {
			return starlark.Tuple(elems), b, nil
		}
		return starlark.NewList(elems), b, nil
	case tagSet:
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return nil, nil, fmt.Errorf("wire: bad length")
		}
		b = b[k:]
		s := starlark.NewSet(int(n))
		for i := uint64(0); i < n; i++ {
			var x starlark.Value
			var err error
			if x, b, err = Decode(d, b); err != nil {
				return nil, nil, err
			}
			if err := s.Insert(x); err != nil {
				return nil, nil, err
			}
		}
		return s, b, nil
	case tagHandle:
		kind, rest, err := readString(b)
		if err != nil {
			return nil, nil, err
		}
		id, k := binary.Varint(rest)
		if k <= 0 {
			return nil, nil, fmt.Errorf("wire: bad handle")
		}
		if d == nil || d.Handle == nil {
			return nil, nil, fmt.Errorf("wire: no decoder for %s handles", kind)
		}
		v, err := d.Handle(kind, id)
		return v, rest[k:], err
	case tagFunc:
		name, rest, err := readString(b)
		if err != nil {
			return nil, nil, err
		}
		if d == nil || d.Func == nil {
			return nil, nil, fmt.Errorf("wire: no decoder for functions")
		}
		v, err := d.Func(name)
		return v, rest, err
	case tagDict:
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return nil, nil, fmt.Errorf("wire: bad length")
		}
		b = b[k:]
		dict := starlark.NewDict(int(n))
		for i := uint64(0); i < n; i++ {
			var key, val starlark.Value
			var err error
			if key, b, err = Decode(d, b); err != nil {
				return nil, nil, err
			}
			if val, b, err = Decode(d, b); err != nil {
				return nil, nil, err
			}
			if err := dict.SetKey(key, val); err != nil {
				return nil, nil, err
			}
		}
		return dict, b, nil
	}
	return nil, nil, fmt.Errorf("wire: bad tag %d", tag)
}

func readString(b []byte) (string, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, fmt.Errorf("wire: truncated string")
	}
	return string(b[k : k+int(n)]), b[k+int(n):], nil
}
