package universe

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// The codecs bytes.decode, str.encode, str(b, enc) and bytes(s, enc) know:
// CPython's names for them, after lower-casing and '_' → '-'.
var codecNames = map[string]string{
	"utf-8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "utf": "utf-8", "cp65001": "utf-8",
	"ascii": "ascii", "us-ascii": "ascii", "646": "ascii",
	"latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1", "iso8859-1": "latin-1",
	"8859": "latin-1", "cp819": "latin-1", "l1": "latin-1", "latin": "latin-1",
}

func codec(enc string) (string, error) {
	name, ok := codecNames[strings.ReplaceAll(strings.ToLower(enc), "_", "-")]
	if !ok {
		return "", pyerr.New("LookupError", "unknown encoding: %s", enc)
	}
	return name, nil
}

// decode is bytes.decode(encoding, errors) with CPython's error messages
// and the strict, replace, ignore and backslashreplace handlers.
func decode(data, enc, mode string) (starlark.Value, error) {
	name, err := codec(enc)
	if err != nil {
		return nil, err
	}
	switch name {
	case "utf-8":
		if utf8.ValidString(data) {
			return starlark.String(data), nil
		}
	case "ascii":
		if isASCII(data) {
			return starlark.String(data), nil
		}
	case "latin-1":
		var sb strings.Builder
		for i := 0; i < len(data); i++ {
			sb.WriteRune(rune(data[i]))
		}
		return starlark.String(sb.String()), nil
	}
	var sb strings.Builder
	for i := 0; i < len(data); {
		var n int
		var reason string
		if name == "ascii" {
			if data[i] < utf8.RuneSelf {
				sb.WriteByte(data[i])
				i++
				continue
			}
			n, reason = 1, "ordinal not in range(128)"
		} else {
			r, size := utf8.DecodeRuneInString(data[i:])
			if r != utf8.RuneError || size > 1 {
				sb.WriteString(data[i : i+size])
				i += size
				continue
			}
			n, reason = utf8Error(data[i:])
		}
		switch mode {
		case "strict":
			return nil, decodeError(name, data, i, i+n, reason)
		case "replace":
			sb.WriteRune(utf8.RuneError)
		case "ignore":
		case "backslashreplace":
			for _, c := range []byte(data[i : i+n]) {
				fmt.Fprintf(&sb, `\x%02x`, c)
			}
		default:
			return nil, pyerr.New("LookupError", "unknown error handler name '%s'", mode)
		}
		i += n
	}
	return starlark.String(sb.String()), nil
}

// utf8Error classifies the invalid UTF-8 sequence at the start of s as
// CPython's decoder does: how many bytes the error spans, and why.
func utf8Error(s string) (int, string) {
	c := s[0]
	var size int
	lo, hi := byte(0x80), byte(0xBF) // range of the second byte
	switch {
	case c >= 0xC2 && c <= 0xDF:
		size = 2
	case c >= 0xE0 && c <= 0xEF:
		size = 3
		if c == 0xE0 {
			lo = 0xA0
		} else if c == 0xED {
			hi = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		size = 4
		if c == 0xF0 {
			lo = 0x90
		} else if c == 0xF4 {
			hi = 0x8F
		}
	default:
		return 1, "invalid start byte"
	}
	for k := 1; k < size; k++ {
		if k >= len(s) {
			return k, "unexpected end of data"
		}
		b := s[k]
		if k == 1 && (b < lo || b > hi) || k > 1 && (b < 0x80 || b > 0xBF) {
			return k, "invalid continuation byte"
		}
	}
	return 1, "invalid start byte" // unreachable for invalid input
}

func decodeError(enc, data string, start, end int, reason string) *pyerr.Error {
	var msg string
	if end-start == 1 {
		msg = fmt.Sprintf("'%s' codec can't decode byte 0x%02x in position %d: %s", enc, data[start], start, reason)
	} else {
		msg = fmt.Sprintf("'%s' codec can't decode bytes in position %d-%d: %s", enc, start, end-1, reason)
	}
	return &pyerr.Error{Type: "UnicodeDecodeError", Msg: msg, Attrs: starlark.StringDict{
		"encoding": starlark.String(enc), "object": starlark.Bytes(data),
		"start": starlark.MakeInt(start), "end": starlark.MakeInt(end), "reason": starlark.String(reason),
	}}
}

// encode is str.encode(encoding, errors) with CPython's error messages and
// the strict, replace, ignore, backslashreplace and xmlcharrefreplace handlers.
func encode(s, enc, mode string) (starlark.Value, error) {
	name, err := codec(enc)
	if err != nil {
		return nil, err
	}
	limit := rune(0x80)
	switch name {
	case "utf-8":
		return starlark.Bytes(s), nil
	case "latin-1":
		limit = 0x100
	}
	if isASCII(s) {
		return starlark.Bytes(s), nil
	}
	runes := []rune(s)
	var out []byte
	for i := 0; i < len(runes); {
		r := runes[i]
		if r < limit {
			out = append(out, byte(r))
			i++
			continue
		}
		j := i + 1
		for j < len(runes) && runes[j] >= limit {
			j++
		}
		switch mode {
		case "strict":
			return nil, encodeError(name, runes, i, j, limit)
		case "replace":
			out = append(out, strings.Repeat("?", j-i)...)
		case "ignore":
		case "backslashreplace":
			for _, r := range runes[i:j] {
				out = append(out, runeEscape(r)...)
			}
		case "xmlcharrefreplace":
			for _, r := range runes[i:j] {
				out = fmt.Appendf(out, "&#%d;", r)
			}
		default:
			return nil, pyerr.New("LookupError", "unknown error handler name '%s'", mode)
		}
		i = j
	}
	return starlark.Bytes(out), nil
}

func runeEscape(r rune) string {
	switch {
	case r < 0x100:
		return fmt.Sprintf(`\x%02x`, r)
	case r < 0x10000:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

func encodeError(enc string, runes []rune, start, end int, limit rune) *pyerr.Error {
	reason := fmt.Sprintf("ordinal not in range(%d)", limit)
	var msg string
	if end-start == 1 {
		msg = fmt.Sprintf("'%s' codec can't encode character '%s' in position %d: %s", enc, runeEscape(runes[start]), start, reason)
	} else {
		msg = fmt.Sprintf("'%s' codec can't encode characters in position %d-%d: %s", enc, start, end-1, reason)
	}
	return &pyerr.Error{Type: "UnicodeEncodeError", Msg: msg, Attrs: starlark.StringDict{
		"encoding": starlark.String(enc), "object": starlark.String(string(runes)),
		"start": starlark.MakeInt(start), "end": starlark.MakeInt(end), "reason": starlark.String(reason),
	}}
}
