package pysyntax

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parsedString is one Python string token taken apart.
type parsedString struct {
	isBytes, isF, isRaw bool
	triple              bool
	body                string // between the quotes
	bodyLine, bodyCol   int    // position of the body's first rune
}

func parseStringToken(t token) parsedString {
	p := stringPrefixLen(t.text)
	prefix := strings.ToLower(t.text[:p])
	rest := t.text[p:]
	q := 1
	if len(rest) >= 6 && rest[0] == rest[1] && rest[1] == rest[2] {
		q = 3
	}
	return parsedString{
		isBytes:  strings.Contains(prefix, "b"),
		isF:      strings.Contains(prefix, "f"),
		isRaw:    strings.Contains(prefix, "r"),
		triple:   q == 3,
		body:     rest[q : len(rest)-q],
		bodyLine: t.line,
		bodyCol:  t.col + p + q,
	}
}

// escapeBuilder accumulates the Starlark form of a decoded string.
type escapeBuilder struct {
	b       strings.Builder
	isBytes bool
	multi   bool
}

func (e *escapeBuilder) rune(r rune, literalNewline bool) {
	switch {
	case r == '\n' && literalNewline:
		e.b.WriteByte('\n')
		e.multi = true
	case r == '\n':
		e.b.WriteString(`\n`)
	case r == '\\':
		e.b.WriteString(`\\`)
	case r == '"':
		e.b.WriteString(`\"`)
	case r == '\t':
		e.b.WriteString(`\t`)
	case r == '\r':
		e.b.WriteString(`\r`)
	case r < 0x20 || r == 0x7f:
		fmt.Fprintf(&e.b, `\x%02x`, r)
	case r < 0x80:
		e.b.WriteByte(byte(r))
	case e.isBytes:
		fmt.Fprintf(&e.b, `\x%02x`, r) // bytes hold bytes; r < 256 here
	default:
		e.b.WriteRune(r)
	}
}

// decodeBody decodes the body of a non-f Python string literal (or a
// literal part of an f-string) into e, with Python's escape rules.
// It returns an error message for what Starlark cannot hold.
func decodeBody(e *escapeBuilder, body string, raw, triple bool) string {
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' || raw {
			if raw && c == '\\' && i+1 < len(body) {
				// In a raw literal a backslash escapes nothing but still
				// keeps the next character (a quote) inside the string.
				e.rune('\\', false)
				i++
				r, size := utf8.DecodeRuneInString(body[i:])
				e.rune(r, triple)
				i += size
				continue
			}
			r, size := utf8.DecodeRuneInString(body[i:])
			if e.isBytes && r >= 0x80 {
				return "bytes can only contain ASCII literal characters"
			}
			e.rune(r, triple)
			i += size
			continue
		}
		i++ // the backslash
		if i >= len(body) {
			e.rune('\\', false)
			break
		}
		c = body[i]
		switch c {
		case '\n':
			i++ // line continuation inside the literal
			if triple {
				// keep the line count: a real newline cannot be dropped
				// from the rewritten source, so it is re-added outside.
				e.b.WriteString("\\\n")
				e.multi = true
			}
			continue
		case '\\', '\'', '"':
			e.rune(rune(c), false)
		case 'a':
			e.rune(7, false)
		case 'b':
			e.rune(8, false)
		case 'f':
			e.rune(12, false)
		case 'n':
			e.rune('\n', false)
		case 'r':
			e.rune('\r', false)
		case 't':
			e.rune('\t', false)
		case 'v':
			e.rune(11, false)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(body[i:j], 8, 32)
			if e.isBytes && n > 0xff {
				n &= 0xff
			}
			e.rune(rune(n), false)
			i = j
			continue
		case 'x':
			if i+2 >= len(body)+0 && i+2 > len(body) || !isHex(at(body, i+1)) || !isHex(at(body, i+2)) {
				return fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape")
			}
			n, _ := strconv.ParseUint(body[i+1:i+3], 16, 32)
			e.rune(rune(n), false)
			i += 3
			continue
		case 'u', 'U', 'N':
			if e.isBytes {
				e.rune('\\', false)
				e.rune(rune(c), false)
				i++
				continue
			}
			if c == 'N' {
				return "\\N{...} escapes are not supported by starproc"
			}
			n := 4
			if c == 'U' {
				n = 8
			}
			if i+n >= len(body)+1 {
				return fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\%cXXXX escape", c)
			}
			v, err := strconv.ParseUint(body[i+1:i+1+n], 16, 32)
			if err != nil {
				return fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\%cXXXX escape", c)
			}
			if v > utf8.MaxRune || (v >= 0xd800 && v < 0xe000) {
				return "surrogate or out-of-range code points are not supported by starproc"
			}
			e.rune(rune(v), false)
			i += 1 + n
			continue
		default:
			// Python keeps an unknown escape as it is.
			e.rune('\\', false)
			continue
		}
		i++
	}
	return ""
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// quoteLit returns the Starlark literal for an escaped body.
func quoteLit(esc string, multi, isBytes bool) string {
	q := `"`
	if multi {
		q = `"""`
	}
	if isBytes {
		return "b" + q + esc + q
	}
	return q + esc + q
}

// fstrPart is one piece of an f-string run: either literal text or a field.
type fstrPart struct {
	lit   *escapeBuilder
	field *fstrField
}

type fstrField struct {
	expr     string // Python source of the expression, rewritten
	exprLine int
	conv     string // "", "r", "s", "a"
	spec     []fstrPart
	hasSpec  bool
	debug    string // the "expr=" text of a self-documenting field
}

// rewriteStringRun turns a run of adjacent Python string literals (implicit
// concatenation) into one Starlark expression: a literal, or an
// __fstr__(...) call when any of them is an f-string.
func (ps *passState) rewriteStringRun(run []token) (string, error) {
	var parsed []parsedString
	anyF, anyBytes, anyStr := false, false, false
	for _, t := range run {
		p := parseStringToken(t)
		parsed = append(parsed, p)
		anyF = anyF || p.isF
		if p.isBytes {
			anyBytes = true
		} else {
			anyStr = true
		}
	}
	if anyBytes && anyStr {
		return "", ps.errAt(run[0], "cannot mix bytes and nonbytes literals")
	}
	if !anyF {
		if len(run) == 1 && starlarkCompatible(run[0].text) {
			return run[0].text, nil
		}
		e := &escapeBuilder{isBytes: anyBytes}
		for i, p := range parsed {
			if msg := decodeBody(e, p.body, p.isRaw, p.triple); msg != "" {
				return "", ps.errAt(run[i], "%s", msg)
			}
		}
		return quoteLit(e.b.String(), e.multi, anyBytes), nil
	}
	// f-string run: literal pieces between fields.
	fb := &fstrBuilder{cur: &escapeBuilder{}}
	for i, p := range parsed {
		if !p.isF {
			if msg := decodeBody(fb.cur, p.body, p.isRaw, p.triple); msg != "" {
				return "", ps.errAt(run[i], "%s", msg)
			}
			continue
		}
		if err := ps.parseFString(run[i], p, fb); err != nil {
			return "", err
		}
	}
	fb.lits = append(fb.lits, fb.cur)
	return fb.emit(), nil
}

// fstrBuilder collects an f-string run: len(lits) == len(fields)+1.
type fstrBuilder struct {
	lits   []*escapeBuilder
	fields []*fstrField
	cur    *escapeBuilder
}

func (fb *fstrBuilder) addField(f *fstrField) {
	fb.lits = append(fb.lits, fb.cur)
	fb.fields = append(fb.fields, f)
	fb.cur = &escapeBuilder{}
}

// emit renders the run as one __fstr__ call.
func (fb *fstrBuilder) emit() string {
	var b strings.Builder
	b.WriteString("__fstr__(")
	for i, l := range fb.lits {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteLit(l.b.String(), l.multi, false))
		if i < len(fb.fields) {
			writeField(&b, fb.fields[i])
		}
	}
	b.WriteString(")")
	return b.String()
}

// starlarkCompatible reports whether a Python literal means the same to the
// Starlark scanner, so it can be kept byte for byte.
func starlarkCompatible(text string) bool {
	p := stringPrefixLen(text)
	switch text[:p] {
	case "", "b", "r", "rb", "br":
	default:
		return false
	}
	body := text[p:]
	raw := strings.Contains(text[:p], "r")
	if !raw && strings.ContainsRune(body, '\\') {
		return false
	}
	bytesLit := strings.Contains(text[:p], "b")
	for _, r := range body {
		if r < 0x20 && r != '\n' || r == 0x7f || bytesLit && r >= 0x80 {
			return false
		}
	}
	return true
}

// parseFString splits the body of one f-string into literal text (appended
// to cur) and fields (each ending the current literal via flush).
func (ps *passState) parseFString(t token, p parsedString, fb *fstrBuilder) error {
	body := p.body
	line := p.bodyLine
	i := 0
	litStart := 0
	emitLit := func(s string) error {
		if msg := decodeBody(fb.cur, s, p.isRaw, p.triple); msg != "" {
			return ps.errAt(t, "%s", msg)
		}
		return nil
	}
	for i < len(body) {
		c := body[i]
		switch c {
		case '{':
			if i+1 < len(body) && body[i+1] == '{' {
				if err := emitLit(body[litStart : i+1]); err != nil {
					return err
				}
				i += 2
				litStart = i
				continue
			}
			if err := emitLit(body[litStart:i]); err != nil {
				return err
			}
			field, end, err := ps.parseField(t, body, i+1, line+strings.Count(body[:i], "\n"), p)
			if err != nil {
				return err
			}
			if field.debug != "" {
				fb.cur.b.WriteString(escapeText(field.debug))
			}
			fb.addField(field)
			i = end
			litStart = i
			continue
		case '}':
			if i+1 < len(body) && body[i+1] == '}' {
				if err := emitLit(body[litStart : i+1]); err != nil {
					return err
				}
				i += 2
				litStart = i
				continue
			}
			return ps.errAt(t, "f-string: single '}' is not allowed")
		case '\\':
			if !p.isRaw {
				i += 2
				continue
			}
		}
		i++
	}
	return emitLit(body[litStart:])
}

func escapeText(s string) string {
	e := &escapeBuilder{}
	for _, r := range s {
		e.rune(r, false)
	}
	return e.b.String()
}

// parseField parses one replacement field starting after its '{' at body[i]
// and returns it with the index just past its '}'.
func (ps *passState) parseField(t token, body string, i, line int, p parsedString) (*fstrField, int, error) {
	start := i
	depth := 0
	var quote byte
	for ; i < len(body); i++ {
		c := body[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '\'', '"':
			quote = c
		case '(', '[', '{':
			depth++
		case ')', ']':
			depth--
		case '}':
			if depth == 0 {
				goto done
			}
			depth--
		case '!':
			if depth == 0 && at(body, i+1) != '=' {
				goto done
			}
		case ':':
			if depth == 0 {
				goto done
			}
		case '=':
			if depth == 0 && at(body, i+1) != '=' && !strings.ContainsRune("=!<>", rune(at(body, i-1))) {
				goto done
			}
		case '\\':
			return nil, 0, ps.errAt(t, "f-string expression part cannot include a backslash")
		case '#':
			return nil, 0, ps.errAt(t, "f-string expression part cannot include '#'")
		}
	}
	return nil, 0, ps.errAt(t, "f-string: expecting '}'")
done:
	exprText := body[start:i]
	if strings.TrimSpace(exprText) == "" {
		return nil, 0, ps.errAt(t, "f-string: empty expression not allowed")
	}
	f := &fstrField{exprLine: line}
	if body[i] == '=' {
		f.debug = exprText + "="
		f.conv = "r"
		i++
		for i < len(body) && body[i] == ' ' {
			f.debug += " "
			i++
		}
	}
	if i < len(body) && body[i] == '!' {
		if i+1 >= len(body) || !strings.ContainsRune("rsa", rune(body[i+1])) {
			return nil, 0, ps.errAt(t, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
		}
		f.conv = body[i+1 : i+2]
		i += 2
	}
	if i < len(body) && body[i] == ':' {
		if f.debug != "" && f.conv == "r" && body[i-1] != 'r' {
			f.conv = "" // "{x=:spec}" formats the value, not its repr
		}
		f.hasSpec = true
		i++
		// The spec is literal text with nested fields.
		specStart := i
		var specParts []fstrPart
		cur := &escapeBuilder{}
		for i < len(body) && body[i] != '}' {
			if body[i] == '{' {
				if msg := decodeBody(cur, body[specStart:i], p.isRaw, false); msg != "" {
					return nil, 0, ps.errAt(t, "%s", msg)
				}
				specParts = append(specParts, fstrPart{lit: cur})
				cur = &escapeBuilder{}
				nested, end, err := ps.parseField(t, body, i+1, line, p)
				if err != nil {
					return nil, 0, err
				}
				specParts = append(specParts, fstrPart{field: nested})
				i = end
				specStart = i
				continue
			}
			i++
		}
		if msg := decodeBody(cur, body[specStart:i], p.isRaw, false); msg != "" {
			return nil, 0, ps.errAt(t, "%s", msg)
		}
		specParts = append(specParts, fstrPart{lit: cur})
		f.spec = specParts
	}
	if i >= len(body) || body[i] != '}' {
		return nil, 0, ps.errAt(t, "f-string: expecting '}'")
	}
	expr, err := ps.rewriteExprText(exprText, t, line)
	if err != nil {
		return nil, 0, err
	}
	f.expr = expr
	return f, i + 1, nil
}

func writeField(b *strings.Builder, f *fstrField) {
	b.WriteString(", (")
	b.WriteString(f.expr)
	b.WriteString("), ")
	b.WriteString(strconv.Quote(f.conv))
	b.WriteString(", ")
	switch {
	case !f.hasSpec:
		b.WriteString(`""`)
	case len(f.spec) == 1:
		b.WriteString(quoteLit(f.spec[0].lit.b.String(), false, false))
	default:
		b.WriteString("__fstr__(")
		first := true
		for _, p := range f.spec {
			if p.field != nil {
				writeField(b, p.field)
				continue
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			b.WriteString(quoteLit(p.lit.b.String(), false, false))
		}
		b.WriteString(")")
	}
}
