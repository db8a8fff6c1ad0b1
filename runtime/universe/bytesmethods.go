package universe

import (
	"bytes"
	"encoding/hex"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// bytesMethods are Python's bytes methods; Starlark's bytes has almost none.
var bytesMethods = map[string]methodFunc{
	"decode":     bytesDecode,
	"hex":        bytesHex,
	"startswith": bytesStartsWith,
	"endswith":   bytesStartsWith,
	"split":      bytesSplit,
	"strip":      bytesStrip,
	"lstrip":     bytesStrip,
	"rstrip":     bytesStrip,
	"find":       bytesFind,
	"index":      bytesFind,
	"count":      bytesFind,
	"replace":    bytesReplace,
	"join":       bytesJoin,
	"upper":      bytesCase,
	"lower":      bytesCase,
}

func bytesArg(fn string, v starlark.Value) ([]byte, error) {
	b, ok := v.(starlark.Bytes)
	if !ok {
		return nil, pyerr.TypeError("a bytes-like object is required, not '%s'", typeName(v))
	}
	return []byte(b), nil
}

// bytes.decode(encoding='utf-8', errors='strict')
func bytesDecode(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var encoding, errs starlark.Value
	if err := unpack("decode", args, kwargs, "encoding?", &encoding, "errors?", &errs); err != nil {
		return nil, err
	}
	enc, mode, err := codecArgs("decode", encoding, errs)
	if err != nil {
		return nil, err
	}
	return decode(string(recv.(starlark.Bytes)), enc, mode)
}

// bytes.hex()
func bytesHex(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional("hex", args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.String(hex.EncodeToString([]byte(recv.(starlark.Bytes)))), nil
}

// bytes.startswith(prefix), endswith; prefix may be a tuple.
func bytesStartsWith(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var prefix starlark.Value
	if err := unpackPositional(name, args, kwargs, 1, &prefix); err != nil {
		return nil, err
	}
	s := []byte(recv.(starlark.Bytes))
	cands := starlark.Tuple{prefix}
	if t, ok := prefix.(starlark.Tuple); ok {
		cands = t
	}
	for _, c := range cands {
		p, ok := c.(starlark.Bytes)
		if !ok {
			return nil, pyerr.TypeError("%s first arg must be bytes or a tuple of bytes, not %s", name, typeName(c))
		}
		if name == "startswith" && bytes.HasPrefix(s, []byte(p)) || name == "endswith" && bytes.HasSuffix(s, []byte(p)) {
			return starlark.True, nil
		}
	}
	return starlark.False, nil
}

func isByteSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// bytes.split(sep=None, maxsplit=-1)
func bytesSplit(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sep starlark.Value = starlark.None
	maxsplit := -1
	if err := unpack("split", args, kwargs, "sep?", &sep, "maxsplit?", &maxsplit); err != nil {
		return nil, err
	}
	s := []byte(recv.(starlark.Bytes))
	var parts [][]byte
	if sep == starlark.None {
		for i := 0; ; {
			for i < len(s) && isByteSpace(s[i]) {
				i++
			}
			if i == len(s) {
				break
			}
			if maxsplit >= 0 && len(parts) == maxsplit {
				parts = append(parts, bytes.TrimRightFunc(s[i:], func(r rune) bool { return r < 0x80 && isByteSpace(byte(r)) }))
				break
			}
			j := i
			for j < len(s) && !isByteSpace(s[j]) {
				j++
			}
			parts = append(parts, s[i:j])
			i = j
		}
	} else {
		p, err := bytesArg("split", sep)
		if err != nil {
			return nil, err
		}
		if len(p) == 0 {
			return nil, pyerr.ValueError("empty separator")
		}
		parts = bytes.SplitN(s, p, maxsplit+1)
		if maxsplit < 0 {
			parts = bytes.Split(s, p)
		}
	}
	out := make([]starlark.Value, len(parts))
	for i, p := range parts {
		out[i] = starlark.Bytes(p)
	}
	return starlark.NewList(out), nil
}

// bytes.strip(chars=None), lstrip, rstrip
func bytesStrip(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var chars starlark.Value = starlark.None
	if err := unpackPositional(name, args, kwargs, 0, &chars); err != nil {
		return nil, err
	}
	in := func(c byte) bool { return isByteSpace(c) }
	if chars != starlark.None {
		set, err := bytesArg(name, chars)
		if err != nil {
			return nil, err
		}
		in = func(c byte) bool { return bytes.IndexByte(set, c) >= 0 }
	}
	s := []byte(recv.(starlark.Bytes))
	lo, hi := 0, len(s)
	if name != "rstrip" {
		for lo < hi && in(s[lo]) {
			lo++
		}
	}
	if name != "lstrip" {
		for hi > lo && in(s[hi-1]) {
			hi--
		}
	}
	return starlark.Bytes(s[lo:hi]), nil
}

// bytes.find(sub), index, count
func bytesFind(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var subV, start, end starlark.Value
	if err := unpackPositional(name, args, kwargs, 1, &subV, &start, &end); err != nil {
		return nil, err
	}
	var sub []byte
	if i, ok := subV.(starlark.Int); ok {
		n, err := indexInt(i)
		if err != nil || n < 0 || n > 255 {
			return nil, pyerr.ValueError("byte must be in range(0, 256)")
		}
		sub = []byte{byte(n)}
	} else {
		var err error
		if sub, err = bytesArg(name, subV); err != nil {
			return nil, err
		}
	}
	s := []byte(recv.(starlark.Bytes))
	lo, hi, err := span(start, end, len(s))
	if err != nil {
		return nil, err
	}
	if hi-lo < len(sub) {
		switch name {
		case "count":
			return starlark.MakeInt(0), nil
		case "index":
			return nil, pyerr.ValueError("subsection not found")
		}
		return starlark.MakeInt(-1), nil
	}
	part := s[lo:hi]
	if name == "count" {
		return starlark.MakeInt(bytes.Count(part, sub)), nil
	}
	i := bytes.Index(part, sub)
	if i < 0 {
		if name == "index" {
			return nil, pyerr.ValueError("subsection not found")
		}
		return starlark.MakeInt(-1), nil
	}
	return starlark.MakeInt(lo + i), nil
}

// bytes.replace(old, new, count=-1)
func bytesReplace(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var oldV, newV starlark.Value
	count := -1
	if err := unpackPositional("replace", args, kwargs, 2, &oldV, &newV, &count); err != nil {
		return nil, err
	}
	o, err := bytesArg("replace", oldV)
	if err != nil {
		return nil, err
	}
	n, err := bytesArg("replace", newV)
	if err != nil {
		return nil, err
	}
	return starlark.Bytes(bytes.Replace([]byte(recv.(starlark.Bytes)), o, n, count)), nil
}

// bytes.join(iterable)
func bytesJoin(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("join", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	xs, err := elems("join", x)
	if err != nil {
		return nil, pyerr.TypeError("can only join an iterable")
	}
	parts := make([][]byte, len(xs))
	for i, v := range xs {
		b, ok := v.(starlark.Bytes)
		if !ok {
			return nil, pyerr.TypeError("sequence item %d: expected a bytes-like object, %s found", i, typeName(v))
		}
		parts[i] = []byte(b)
	}
	return starlark.Bytes(bytes.Join(parts, []byte(recv.(starlark.Bytes)))), nil
}

// bytes.upper(), lower(): ASCII letters only, as in Python.
func bytesCase(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional(name, args, kwargs, 0); err != nil {
		return nil, err
	}
	s := []byte(recv.(starlark.Bytes))
	out := make([]byte, len(s))
	for i, c := range s {
		switch {
		case name == "upper" && 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case name == "lower" && 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return starlark.Bytes(out), nil
}
