package subprocess

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// A codec is one of the text encodings communicate() can decode a child's
// output with and encode its input with. CPython knows many more; these are
// the ones a teaching script asks for.
type codec struct {
	name  string // as CPython's error messages spell it: "utf-8"
	limit rune   // highest code point a byte can hold (0 for UTF-8)
}

var (
	utf8Codec   = codec{name: "utf-8"}
	latin1Codec = codec{name: "latin-1", limit: 0xff}
	asciiCodec  = codec{name: "ascii", limit: 0x7f}
)

// lookupCodec finds an encoding by any of the usual names CPython accepts
// for it; anything else is CPython's LookupError.
func lookupCodec(name string) (codec, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.NewReplacer("-", "_", " ", "_").Replace(n)
	switch n {
	case "utf_8", "utf8", "u8", "utf", "cp65001":
		return utf8Codec, nil
	case "latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819", "iso_ir_100", "csisolatin1":
		return latin1Codec, nil
	case "ascii", "us_ascii", "646", "us", "ansi_x3.4_1968", "cp367", "csascii", "ibm367", "iso646_us":
		return asciiCodec, nil
	}
	return codec{}, pyerr.New("LookupError", "unknown encoding: %s", name)
}

// knownHandler reports whether CPython has an error handler of that name;
// CPython only looks the handler up when the first error occurs.
func knownHandler(errors string) error {
	switch errors {
	case "strict", "replace", "ignore", "backslashreplace", "surrogateescape", "xmlcharrefreplace", "namereplace", "surrogatepass":
		return nil
	}
	return pyerr.New("LookupError", "unknown error handler name %s", quote(errors))
}

// decode turns a child's output into text, with CPython's error handlers.
// surrogateescape keeps the undecodable bytes as they are: a Starlark
// string holds bytes, so the text still round-trips through encode.
func (c codec) decode(b []byte, errors string) (string, error) {
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		var start, end int
		var reason string
		if c.limit != 0 {
			if rune(b[i]) <= c.limit || c.limit == 0xff {
				sb.WriteRune(rune(b[i]))
				i++
				continue
			}
			start, end, reason = i, i+1, "ordinal not in range(128)"
		} else {
			if b[i] < utf8.RuneSelf {
				sb.WriteByte(b[i])
				i++
				continue
			}
			var n int
			start, end, reason, n = utf8Error(b, i)
			if reason == "" {
				sb.Write(b[i : i+n])
				i += n
				continue
			}
		}
		switch errors {
		case "strict":
			return "", c.decodeError(b, start, end, reason)
		case "replace":
			sb.WriteRune(utf8.RuneError)
		case "ignore":
		case "backslashreplace":
			for _, x := range b[start:end] {
				fmt.Fprintf(&sb, `\x%02x`, x)
			}
		case "surrogateescape":
			sb.Write(b[start:end])
		default:
			if err := knownHandler(errors); err != nil {
				return "", err
			}
			return "", c.decodeError(b, start, end, reason)
		}
		i = end
	}
	return sb.String(), nil
}

// utf8Error classifies the sequence starting at b[i] the way CPython's UTF-8
// decoder does. It returns the sequence length n when it is valid, and
// otherwise the byte range of the error and CPython's reason for it.
func utf8Error(b []byte, i int) (start, end int, reason string, n int) {
	c := b[i]
	lo, hi := byte(0x80), byte(0xbf)
	switch {
	case c >= 0xc2 && c <= 0xdf:
		n = 2
	case c == 0xe0:
		n, lo = 3, 0xa0
	case c == 0xed:
		n, hi = 3, 0x9f
	case c >= 0xe1 && c <= 0xef:
		n = 3
	case c == 0xf0:
		n, lo = 4, 0x90
	case c == 0xf4:
		n, hi = 4, 0x8f
	case c >= 0xf1 && c <= 0xf3:
		n = 4
	default:
		return i, i + 1, "invalid start byte", 0
	}
	for j := 1; j < n; j++ {
		if i+j >= len(b) {
			return i, len(b), "unexpected end of data", 0
		}
		l, h := byte(0x80), byte(0xbf)
		if j == 1 {
			l, h = lo, hi
		}
		if x := b[i+j]; x < l || x > h {
			return i, i + j, "invalid continuation byte", 0
		}
	}
	return 0, 0, "", n
}

func (c codec) decodeError(b []byte, start, end int, reason string) error {
	if end-start == 1 {
		return pyerr.New("UnicodeDecodeError", "'%s' codec can't decode byte 0x%02x in position %d: %s", c.name, b[start], start, reason)
	}
	return pyerr.New("UnicodeDecodeError", "'%s' codec can't decode bytes in position %d-%d: %s", c.name, start, end-1, reason)
}

// encode turns the text given as input into the bytes the child reads.
func (c codec) encode(s string, errors string) ([]byte, error) {
	if c.limit == 0 {
		return []byte(s), nil
	}
	rs := []rune(s)
	out := make([]byte, 0, len(rs))
	for i := 0; i < len(rs); {
		if rs[i] <= c.limit {
			out = append(out, byte(rs[i]))
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j] > c.limit {
			j++
		}
		switch errors {
		case "strict":
			return nil, c.encodeError(rs, i, j)
		case "replace":
			out = append(out, strings.Repeat("?", j-i)...)
		case "ignore":
		case "backslashreplace":
			for _, r := range rs[i:j] {
				out = append(out, charEscape(r)...)
			}
		case "xmlcharrefreplace":
			for _, r := range rs[i:j] {
				out = fmt.Appendf(out, "&#%d;", r)
			}
		default:
			if err := knownHandler(errors); err != nil {
				return nil, err
			}
			return nil, c.encodeError(rs, i, j)
		}
		i = j
	}
	return out, nil
}

func (c codec) encodeError(rs []rune, start, end int) error {
	reason := fmt.Sprintf("ordinal not in range(%d)", c.limit+1)
	if end-start == 1 {
		return pyerr.New("UnicodeEncodeError", "'%s' codec can't encode character '%s' in position %d: %s", c.name, charEscape(rs[start]), start, reason)
	}
	return pyerr.New("UnicodeEncodeError", "'%s' codec can't encode characters in position %d-%d: %s", c.name, start, end-1, reason)
}

// charEscape is how CPython shows a code point in a Unicode error.
func charEscape(r rune) string {
	switch {
	case r < 0x100:
		return fmt.Sprintf(`\x%02x`, r)
	case r < 0x10000:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// translateNewlines is what communicate() does to text output: "\r\n" and
// a lone "\r" both become "\n".
func translateNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// quote is Python's repr of a str, for messages.
func quote(s string) string { return pyfmt.QuoteString(s) }
