package pyio

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/starproc/starproc/runtime/pyerr"
)

// textConfig is how a text file decodes, encodes and splits lines.
type textConfig struct {
	encoding string // as the user spelled it: the .encoding attribute
	codec    codec
	errors   string // "strict", "ignore", "replace", "backslashreplace", "surrogateescape"
	// universal is newline=None or newline='': any of \n, \r, \r\n ends a
	// line. translate is newline=None: each of them reads as \n.
	universal, translate bool
	newline              string // newline='\n', '\r' or '\r\n': the one terminator
	writeNL              string // what '\n' becomes on write ("" for no translation)
}

// codec is one of the encodings a text file supports.
type codec struct {
	name string // CPython's canonical name, used in Unicode errors
	max  rune   // highest code point it can encode: 0x7f, 0xff or utf8.MaxRune
}

var (
	utf8Codec   = codec{"utf-8", utf8.MaxRune}
	latin1Codec = codec{"latin-1", 0xff}
	asciiCodec  = codec{"ascii", 0x7f}
)

// lookupCodec finds an encoding by any of the names CPython accepts for it.
func lookupCodec(name string) (codec, error) {
	n := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	switch n {
	case "utf-8", "utf8", "u8", "utf", "cp65001", "locale":
		return utf8Codec, nil
	case "latin-1", "latin1", "latin", "l1", "iso-8859-1", "iso8859-1", "8859", "cp819", "iso-ir-100":
		return latin1Codec, nil
	case "ascii", "us-ascii", "646", "us":
		return asciiCodec, nil
	}
	return codec{}, pyerr.New("LookupError", "unknown encoding: %s", name)
}

// setNewline applies open()'s newline argument; has is false for None.
func (t *textConfig) setNewline(nl string, has bool) error {
	t.universal, t.translate, t.newline, t.writeNL = false, false, "", ""
	switch {
	case !has:
		t.universal, t.translate = true, true
	case nl == "":
		t.universal = true
	case nl == "\n":
		t.newline = "\n"
	case nl == "\r" || nl == "\r\n":
		t.newline, t.writeNL = nl, nl
	default:
		return pyerr.ValueError("illegal newline value: %s", nl)
	}
	return nil
}

// decodeError is CPython's UnicodeDecodeError for the byte at pos of b.
func (c codec) decodeError(b []byte, pos int) error {
	reason := "invalid start byte"
	switch {
	case c.max < utf8.MaxRune:
		reason = fmt.Sprintf("ordinal not in range(%d)", c.max+1)
	case b[pos] >= 0xc2 && b[pos] <= 0xf4:
		// A valid lead byte: either the data ends too soon or a
		// continuation byte is wrong.
		need := 2
		if b[pos] >= 0xf0 {
			need = 4
		} else if b[pos] >= 0xe0 {
			need = 3
		}
		reason = "unexpected end of data"
		for i := 1; i < need; i++ {
			if pos+i >= len(b) {
				break
			}
			if b[pos+i]&0xc0 != 0x80 {
				reason = "invalid continuation byte"
				break
			}
		}
	}
	return pyerr.New("UnicodeDecodeError", "'%s' codec can't decode byte 0x%02x in position %d: %s", c.name, b[pos], pos, reason)
}

// decode turns bytes read from the file into text. It does not translate
// newlines. A strict decode of bad bytes is a UnicodeDecodeError.
func (c codec) decode(b []byte, errors string) (string, error) {
	if c.max == utf8.MaxRune && utf8.Valid(b) {
		return string(b), nil
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		var r rune
		size := 1
		ok := true
		switch c.max {
		case utf8.MaxRune:
			r, size = utf8.DecodeRune(b[i:])
			ok = !(r == utf8.RuneError && size == 1)
		default:
			r = rune(b[i])
			ok = r <= c.max
		}
		if ok {
			sb.WriteRune(r)
			i += size
			continue
		}
		switch errors {
		case "ignore":
		case "replace":
			sb.WriteRune(utf8.RuneError)
		case "backslashreplace":
			fmt.Fprintf(&sb, `\x%02x`, b[i])
		case "surrogateescape":
			// A Starlark str may hold any bytes: keep the byte itself,
			// which an encode with surrogateescape writes back unchanged.
			sb.WriteByte(b[i])
		default:
			return "", c.decodeError(b, i)
		}
		i++
	}
	return sb.String(), nil
}

// encode turns text into the bytes written to the file.
func (c codec) encode(s string, errors string) ([]byte, error) {
	if c.max == utf8.MaxRune {
		return []byte(s), nil
	}
	out := make([]byte, 0, len(s))
	pos := 0
	for i, r := range s {
		switch {
		case r == utf8.RuneError && errors == "surrogateescape":
			out = append(out, s[i])
		case r <= c.max:
			out = append(out, byte(r))
		case errors == "ignore":
		case errors == "replace":
			out = append(out, '?')
		case errors == "backslashreplace":
			out = append(out, charEscape(r)...)
		default:
			return nil, pyerr.New("UnicodeEncodeError", "'%s' codec can't encode character '%s' in position %d: ordinal not in range(%d)",
				c.name, charEscape(r), pos, c.max+1)
		}
		pos++
	}
	return out, nil
}

// charEscape is how CPython shows a code point in a Unicode error.
func charEscape(r rune) string {
	switch {
	case r <= 0xff:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// translate applies universal-newline translation to a whole text.
func translate(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
