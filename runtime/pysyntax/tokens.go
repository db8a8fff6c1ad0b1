package pysyntax

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tName tokKind = iota
	tNumber
	tString
	tOp
	tNewline // end of a logical line
	tEOF
)

// A token of Python source. Line is 1-based; Col is the 1-based rune column,
// or 0 for a token the source pass made up (rendered wherever it falls).
type token struct {
	kind tokKind
	text string
	line int
	col  int
	// cont is set on the first token of a physical line reached through a
	// backslash continuation, so the renderer writes the backslash back.
	cont bool
	// endLine and endCol are where the user's text of the token ends (the
	// column just past it), kept through rewrites of its text so that a
	// traceback can find an expression's extent; 0 for a made-up token.
	endLine, endCol int32
}

func (t token) is(kind tokKind, text string) bool { return t.kind == kind && t.text == text }
func (t token) isOp(text string) bool             { return t.kind == tOp && t.text == text }
func (t token) isName(text string) bool           { return t.kind == tName && t.text == text }

// A SyntaxError is a compile-time error at a position of the user's source.
type SyntaxError struct {
	Filename string
	Line     int // 1-based
	Col      int // 1-based rune column; 0 if unknown
	Msg      string
	Type     string // Python class: "SyntaxError" unless set (e.g. "IndentationError")
}

func (e *SyntaxError) Error() string {
	typ := e.Type
	if typ == "" {
		typ = "SyntaxError"
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", e.Filename, e.Line, e.Col, typ, e.Msg)
}

var pyKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true,
	"async": true, "await": true, "break": true, "class": true, "continue": true, "def": true,
	"del": true, "elif": true, "else": true, "except": true, "finally": true, "for": true,
	"from": true, "global": true, "if": true, "import": true, "in": true, "is": true,
	"lambda": true, "nonlocal": true, "not": true, "or": true, "pass": true, "raise": true,
	"return": true, "try": true, "while": true, "with": true, "yield": true,
}

// Operators, longest first within each leading character.
var pyOps = []string{
	"**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//",
	"/=", ":=", "<<", "<=", "==", ">=", ">>", "@=", "^=", "|=",
	"!", "%", "&", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=", ">", "@",
	"[", "]", "^", "{", "|", "}", "~",
}

// tokenize splits Python source into tokens. Comments and non-logical
// newlines are dropped; each logical line ends with a tNewline token.
func tokenize(filename, src string) ([]token, error) {
	toks := make([]token, 0, len(src)/4+16)
	line, col := 1, 1
	i := 0
	depth := 0
	cont := false
	errAt := func(l, c int, format string, args ...any) error {
		return &SyntaxError{Filename: filename, Line: l, Col: c, Msg: fmt.Sprintf(format, args...)}
	}
	advance := func(s string) {
		for _, r := range s {
			if r == '\n' {
				line++
				col = 1
			} else {
				col++
			}
		}
	}
	lastIsNewline := func() bool { return len(toks) == 0 || toks[len(toks)-1].kind == tNewline }
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			if depth == 0 && !lastIsNewline() {
				toks = append(toks, token{kind: tNewline, line: line, col: col})
			}
			i++
			advance("\n")
			continue
		case c == ' ' || c == '\t' || c == '\f' || c == '\r':
			i++
			col++
			continue
		case c == '#':
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			advance(src[i : i+j])
			i += j
			continue
		case c == '\\':
			if i+1 < len(src) && (src[i+1] == '\n' || (src[i+1] == '\r' && i+2 < len(src) && src[i+2] == '\n')) {
				if src[i+1] == '\r' {
					i++
				}
				i += 2
				line++
				col = 1
				cont = true
				continue
			}
			return nil, errAt(line, col, "unexpected character after line continuation character")
		}
		start := i
		startLine, startCol := line, col
		var kind tokKind
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case isStringStart(src[i:]):
			n, err := scanString(src[i:])
			if err != "" {
				detected := startLine
				if strings.Contains(err, "triple") {
					detected += strings.Count(src[i:], "\n")
				}
				return nil, errAt(startLine, startCol, err, detected)
			}
			i += n
			kind = tString
		case r == '_' || unicode.IsLetter(r):
			for i < len(src) {
				r, size := utf8.DecodeRuneInString(src[i:])
				if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				i += size
			}
			kind = tName
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			i += scanNumber(src[i:])
			kind = tNumber
		default:
			kind = tOp
			matched := false
			for _, op := range pyOps {
				if strings.HasPrefix(src[i:], op) {
					i += len(op)
					matched = true
					break
				}
			}
			if !matched {
				if r == utf8.RuneError && size == 1 {
					return nil, errAt(line, col, "invalid non-UTF-8 byte")
				}
				return nil, errAt(line, col, "invalid character '%c' (U+%04X)", r, r)
			}
			switch src[start:i] {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth > 0 {
					depth--
				}
			}
		}
		text := src[start:i]
		t := token{kind: kind, text: text, line: startLine, col: startCol, cont: cont}
		cont = false
		advance(text)
		t.endLine, t.endCol = int32(line), int32(col)
		toks = append(toks, t)
	}
	if !lastIsNewline() {
		toks = append(toks, token{kind: tNewline, line: line, col: col})
	}
	toks = append(toks, token{kind: tEOF, line: line, col: col})
	return toks, nil
}

// stringPrefix returns the length of a valid string prefix at the start of s
// followed by a quote, or -1.
func stringPrefixLen(s string) int {
	n := 0
	for n < len(s) && n < 3 && strings.ContainsRune("rRbBuUfF", rune(s[n])) {
		n++
	}
	if n < len(s) && (s[n] == '\'' || s[n] == '"') && validPrefix(s[:n]) {
		return n
	}
	return -1
}

func validPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "", "r", "u", "b", "br", "rb", "f", "fr", "rf":
		return true
	}
	return false
}

func isStringStart(s string) bool { return stringPrefixLen(s) >= 0 }

// scanString returns the length of the string literal at the start of s, or
// an error message in CPython's words.
func scanString(s string) (int, string) {
	p := stringPrefixLen(s)
	q := s[p]
	triple := strings.HasPrefix(s[p:], strings.Repeat(string(q), 3))
	i := p + 1
	if triple {
		i = p + 3
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '\n' && !triple:
			return 0, "unterminated string literal (detected at line %d)"
		case c == q:
			if !triple {
				return i + 1, ""
			}
			if strings.HasPrefix(s[i:], strings.Repeat(string(q), 3)) {
				return i + 3, ""
			}
		}
		i++
	}
	if triple {
		return 0, "unterminated triple-quoted string literal (detected at line %d)"
	}
	return 0, "unterminated string literal (detected at line %d)"
}

func scanNumber(s string) int {
	i := 0
	if len(s) > 1 && s[0] == '0' && strings.ContainsRune("xXoObB", rune(s[1])) {
		i = 2
		for i < len(s) && (isHex(s[i]) || s[i] == '_') {
			i++
		}
		return i
	}
	digits := func() {
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '_') {
			i++
		}
	}
	digits()
	if i < len(s) && s[i] == '.' {
		i++
		digits()
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			i = j
			digits()
		}
	}
	if i < len(s) && (s[i] == 'j' || s[i] == 'J') {
		i++
	}
	return i
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
