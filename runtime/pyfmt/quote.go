package pyfmt

import (
	"strings"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// QuoteString returns Python's repr of the str s: single quotes unless s
// contains a single quote and no double quote, backslash escapes for the
// quote, backslash, \t \n \r, \xNN for other control characters, and
// \xNN, \uNNNN or \UNNNNNNNN for characters str.isprintable rejects.
// Printable non-ASCII characters are kept as they are.
//
// A Starlark string may hold bytes that are not UTF-8, which a Python str
// cannot; each such byte is shown as the lone surrogate U+DC80..U+DCFF that
// Python's surrogateescape error handler would have decoded it to.
func QuoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	appendQuoted(&b, s, false)
	return b.String()
}

// ASCIIString returns Python's ascii() of the str s: like QuoteString, but
// every non-ASCII character is escaped.
func ASCIIString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	appendQuoted(&b, s, true)
	return b.String()
}

// QuoteBytes returns Python's repr of the bytes s: b'...' with printable
// ASCII kept, \t \n \r and the quote and backslash escaped, and every other
// byte as \xNN. The quote is chosen as for a str.
func QuoteBytes(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 3)
	appendQuotedBytes(&b, s)
	return b.String()
}

// quoteFor returns the quote character Python's repr uses for s.
func quoteFor(s string) byte {
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		return '"'
	}
	return '\''
}

func appendQuoted(b *strings.Builder, s string, ascii bool) {
	q := quoteFor(s)
	b.WriteByte(q)
	start := 0 // s[start:i] is pending literal text
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c < 0x7f && c != q && c != '\\' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b.WriteString(s[start:i])
			i++
			start = i
			switch c {
			case q, '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\t':
				b.WriteString(`\t`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			default:
				writeEscape(b, rune(c))
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			writeEscape(b, 0xdc00|rune(c))
		} else if ascii || !isPrintable(r) {
			b.WriteString(s[start:i])
			writeEscape(b, r)
		} else {
			i += size
			continue
		}
		i += size
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte(q)
}

// writeEscape writes r as \xNN, \uNNNN or \UNNNNNNNN.
func writeEscape(b *strings.Builder, r rune) {
	var buf [10]byte
	buf[0] = '\\'
	n := 2
	switch {
	case r <= 0xff:
		buf[1] = 'x'
	case r <= 0xffff:
		buf[1] = 'u'
		n = 4
	default:
		buf[1] = 'U'
		n = 8
	}
	for i := n + 1; i >= 2; i-- {
		buf[i] = hexDigits[r&0xf]
		r >>= 4
	}
	b.Write(buf[:n+2])
}

func appendQuotedBytes(b *strings.Builder, s string) {
	q := quoteFor(s)
	b.WriteByte('b')
	b.WriteByte(q)
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= ' ' && c < 0x7f && c != q && c != '\\' {
			continue
		}
		b.WriteString(s[start:i])
		start = i + 1
		switch c {
		case q, '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			writeEscape(b, rune(c))
		}
	}
	b.WriteString(s[start:])
	b.WriteByte(q)
}
