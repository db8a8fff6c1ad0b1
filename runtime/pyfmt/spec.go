package pyfmt

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// maxWidth bounds widths and precisions so that a typo cannot make one
// format call allocate gigabytes; CPython would raise MemoryError later.
const maxWidth = 1 << 28

// FormatValue implements format(v, spec), the conversion of one f-string
// or str.format field: the format-spec mini-language
// [[fill]align][sign][z][#][0][width][grouping][.precision][type]
// for str, int, bool and float; an empty spec is str(v); a Formatter
// handles its own specs; any other value refuses a non-empty spec.
func FormatValue(v starlark.Value, spec string) (string, error) {
	if spec == "" {
		return Str(v), nil
	}
	var b strings.Builder
	if err := formatValueTo(&b, v, spec); err != nil {
		return "", err
	}
	return b.String(), nil
}

func formatValueTo(b *strings.Builder, v starlark.Value, spec string) error {
	if spec == "" {
		if s, ok := v.(starlark.String); ok {
			b.WriteString(string(s))
			return nil
		}
		b.WriteString(Str(v))
		return nil
	}
	switch v := v.(type) {
	case starlark.String:
		return formatStr(b, string(v), spec)
	case starlark.Int:
		return formatInt(b, v, spec, "int")
	case starlark.Bool:
		x := starlark.MakeInt(0)
		if v {
			x = starlark.MakeInt(1)
		}
		return formatInt(b, x, spec, "bool")
	case starlark.Float:
		return formatFloat(b, float64(v), spec, "float")
	case Formatter:
		s, err := v.PyFormat(spec)
		b.WriteString(s)
		return err
	}
	return pyerr.TypeError("unsupported format string passed to %s.__format__", TypeName(v))
}

// fmtSpec is a parsed format spec.
type fmtSpec struct {
	fill  rune
	align byte // '<', '>', '=', '^'
	sign  byte // 0, '+', '-', ' '
	z     bool
	alt   bool
	width int  // -1 when absent
	group byte // 0, ',' or '_'
	prec  int  // -1 when absent
	typ   rune // presentation type, 0 when absent
}

func isAlign(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '^' }

// parseSpec parses spec as CPython's parse_internal_render_format_spec
// does, with the object's default type and alignment; typeName names the
// object in error messages.
func parseSpec(spec string, defType rune, defAlign byte, typeName string) (fmtSpec, error) {
	s := fmtSpec{fill: ' ', width: -1, prec: -1}
	pos := 0
	fillSet, alignSet := false, false
	if r, n := utf8.DecodeRuneInString(spec); n < len(spec) && isAlign(spec[n]) {
		s.fill, s.align = r, spec[n]
		fillSet, alignSet = true, true
		pos = n + 1
	} else if len(spec) > 0 && isAlign(spec[0]) {
		s.align = spec[0]
		alignSet = true
		pos = 1
	}
	if pos < len(spec) && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ') {
		s.sign = spec[pos]
		pos++
	}
	if pos < len(spec) && spec[pos] == 'z' {
		s.z = true
		pos++
	}
	if pos < len(spec) && spec[pos] == '#' {
		s.alt = true
		pos++
	}
	if !fillSet && pos < len(spec) && spec[pos] == '0' {
		s.fill = '0'
		if !alignSet && defAlign == '>' {
			s.align = '='
			alignSet = true
		}
		pos++
	}
	var err error
	if s.width, pos, err = specNumber(spec, pos); err != nil {
		return s, err
	}
	if pos < len(spec) && spec[pos] == ',' {
		s.group = ','
		pos++
	}
	if pos < len(spec) && spec[pos] == '_' {
		if s.group != 0 {
			return s, pyerr.ValueError("Cannot specify both ',' and '_'.")
		}
		s.group = '_'
		pos++
	}
	if pos < len(spec) && spec[pos] == ',' && s.group == '_' {
		return s, pyerr.ValueError("Cannot specify both ',' and '_'.")
	}
	if pos < len(spec) && spec[pos] == '.' {
		pos++
		start := pos
		if s.prec, pos, err = specNumber(spec, pos); err != nil {
			return s, err
		}
		if pos == start {
			return s, pyerr.ValueError("Format specifier missing precision")
		}
	}
	if rest := spec[pos:]; rest != "" {
		r, n := utf8.DecodeRuneInString(rest)
		if n < len(rest) {
			return s, pyerr.ValueError("Invalid format specifier '%s' for object of type '%s'", spec, typeName)
		}
		s.typ = r
	} else {
		s.typ = defType
	}
	if !alignSet {
		s.align = defAlign
	}
	if s.group != 0 {
		switch s.typ {
		case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		case 'b', 'o', 'x', 'X':
			if s.group != '_' {
				return s, badGrouping(s.group, s.typ)
			}
		default:
			return s, badGrouping(s.group, s.typ)
		}
	}
	return s, nil
}

// specNumber reads the decimal digits at spec[pos:], returning -1 if there
// are none.
func specNumber(spec string, pos int) (int, int, error) {
	n := -1
	for ; pos < len(spec) && spec[pos] >= '0' && spec[pos] <= '9'; pos++ {
		if n < 0 {
			n = 0
		}
		n = n*10 + int(spec[pos]-'0')
		if n > maxWidth {
			return 0, pos, pyerr.ValueError("Too many decimal digits in format string")
		}
	}
	return n, pos, nil
}

// typeChar shows a presentation type in a message as CPython does.
func typeChar(r rune) string {
	if r > 32 && r < 128 {
		return string(r)
	}
	return `\x` + strconv.FormatInt(int64(r), 16)
}

func badGrouping(group byte, typ rune) error {
	return pyerr.ValueError("Cannot specify '%c' with '%s'.", group, typeChar(typ))
}

func unknownCode(typ rune, typeName string) error {
	return pyerr.ValueError("Unknown format code '%s' for object of type '%s'", typeChar(typ), typeName)
}

func formatStr(b *strings.Builder, s, spec string) error {
	sp, err := parseSpec(spec, 's', '<', "str")
	if err != nil {
		return err
	}
	if sp.typ != 's' {
		return unknownCode(sp.typ, "str")
	}
	switch {
	case sp.sign == ' ':
		return pyerr.ValueError("Space not allowed in string format specifier")
	case sp.sign != 0:
		return pyerr.ValueError("Sign not allowed in string format specifier")
	case sp.z:
		return pyerr.ValueError("Negative zero coercion (z) not allowed in string format specifier")
	case sp.alt:
		return pyerr.ValueError("Alternate form (#) not allowed in string format specifier")
	case sp.align == '=':
		return pyerr.ValueError("'=' alignment not allowed in string format specifier")
	}
	if sp.prec >= 0 {
		s = truncateRunes(s, sp.prec)
	}
	pad := 0
	if sp.width > 0 {
		pad = sp.width - utf8.RuneCountInString(s)
	}
	writePadded(b, s, pad, sp.fill, sp.align)
	return nil
}

// truncateRunes returns the first n characters of s.
func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// writePadded writes s with pad fill characters placed as align says.
func writePadded(b *strings.Builder, s string, pad int, fill rune, align byte) {
	if pad <= 0 {
		b.WriteString(s)
		return
	}
	left := 0
	switch align {
	case '>', '=':
		left = pad
	case '^':
		left = pad / 2
	}
	writeFill(b, fill, left)
	b.WriteString(s)
	writeFill(b, fill, pad-left)
}

func writeFill(b *strings.Builder, fill rune, n int) {
	if fill < utf8.RuneSelf {
		for ; n > 0; n-- {
			b.WriteByte(byte(fill))
		}
		return
	}
	for ; n > 0; n-- {
		b.WriteRune(fill)
	}
}

func formatInt(b *strings.Builder, x starlark.Int, spec, typeName string) error {
	sp, err := parseSpec(spec, 'd', '>', typeName)
	if err != nil {
		return err
	}
	switch sp.typ {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		f, err := intToFloat(x)
		if err != nil {
			return err
		}
		return formatFloatSpec(b, f, sp)
	default:
		return unknownCode(sp.typ, typeName)
	}
	if sp.prec >= 0 {
		return pyerr.ValueError("Precision not allowed in integer format specifier")
	}
	if sp.z {
		return pyerr.ValueError("Negative zero coercion (z) not allowed in integer format specifier")
	}
	if sp.typ == 'c' {
		if sp.sign != 0 {
			return pyerr.ValueError("Sign not allowed with integer format specifier 'c'")
		}
		if sp.alt {
			return pyerr.ValueError("Alternate form (#) not allowed with integer format specifier 'c'")
		}
		r, ok := x.Int64()
		if !ok {
			return pyerr.New("OverflowError", "Python int too large to convert to C long")
		}
		if r < 0 || r > 0x10ffff {
			return errCharRange()
		}
		var buf [utf8.UTFMax]byte
		n := encodeRune(buf[:], rune(r))
		writeNumber(b, &sp, 0, "", nil, buf[:n], 1, 3)
		return nil
	}
	base, prefix, groupSize := 10, "", 3
	switch sp.typ {
	case 'b':
		base, prefix, groupSize = 2, "0b", 4
	case 'o':
		base, prefix, groupSize = 8, "0o", 4
	case 'x':
		base, prefix, groupSize = 16, "0x", 4
	case 'X':
		base, prefix, groupSize = 16, "0X", 4
	}
	if !sp.alt {
		prefix = ""
	}
	var buf [72]byte
	digits, neg := appendIntDigits(buf[:0], x, base, sp.typ == 'X')
	writeNumber(b, &sp, signChar(neg, sp.sign), prefix, digits, nil, 0, groupSize)
	return nil
}

// encodeRune is utf8.EncodeRune, except that surrogates, which a Python str
// can hold but UTF-8 cannot, are encoded as themselves (WTF-8) rather than
// replaced.
func encodeRune(p []byte, r rune) int {
	if r >= 0xd800 && r <= 0xdfff {
		p[0] = byte(0xe0 | r>>12)
		p[1] = byte(0x80 | (r>>6)&0x3f)
		p[2] = byte(0x80 | r&0x3f)
		return 3
	}
	return utf8.EncodeRune(p, r)
}

// appendIntDigits appends the digits of |x| in base and reports whether x
// is negative.
func appendIntDigits(dst []byte, x starlark.Int, base int, upper bool) ([]byte, bool) {
	start := len(dst)
	neg := x.Sign() < 0
	if small, ok := x.Int64(); ok && small != math.MinInt64 {
		if neg {
			small = -small
		}
		dst = strconv.AppendInt(dst, small, base)
	} else {
		bi := x.BigInt()
		bi.Abs(bi)
		dst = bi.Append(dst, base)
	}
	if upper {
		for i := start; i < len(dst); i++ {
			if c := dst[i]; c >= 'a' && c <= 'f' {
				dst[i] = c - 'a' + 'A'
			}
		}
	}
	return dst, neg
}

// signChar returns the sign to show for a number: '-' when negative,
// otherwise what the '+' or ' ' flag asks for.
func signChar(neg bool, flag byte) byte {
	if neg {
		return '-'
	}
	if flag == '+' || flag == ' ' {
		return flag
	}
	return 0
}

func intToFloat(x starlark.Int) (float64, error) {
	f := float64(x.Float())
	if math.IsInf(f, 0) {
		return 0, pyerr.New("OverflowError", "int too large to convert to float")
	}
	return f, nil
}

func formatFloat(b *strings.Builder, f float64, spec, typeName string) error {
	sp, err := parseSpec(spec, 0, '>', typeName)
	if err != nil {
		return err
	}
	switch sp.typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
	default:
		return unknownCode(sp.typ, typeName)
	}
	return formatFloatSpec(b, f, sp)
}

// formatFloatSpec is CPython's format_float_internal.
func formatFloatSpec(b *strings.Builder, f float64, sp fmtSpec) error {
	typ := byte(sp.typ)
	prec := sp.prec
	addDot0, pct := false, false
	defPrec := 6
	switch typ {
	case 0:
		// Like repr without a precision, else like 'g' but always with
		// a digit after the point.
		typ, addDot0, defPrec = 'r', true, 0
	case 'n':
		typ = 'g'
	case '%':
		typ, pct = 'f', true
		f *= 100
	}
	if prec < 0 {
		prec = defPrec
	} else if typ == 'r' {
		typ = 'g'
	}
	neg := math.Signbit(f) && !math.IsNaN(f)
	if neg {
		f = -f
	}
	var buf [64]byte
	num := appendFloat(buf[:0], f, typ, prec, sp.alt, addDot0)
	if neg && sp.z && isZero(num) {
		neg = false
	}
	// Split into the integer digits, which may be grouped and
	// zero-padded, and the rest.
	n := 0
	for n < len(num) && num[n] >= '0' && num[n] <= '9' {
		n++
	}
	rest := num[n:]
	if pct {
		rest = append(rest, '%')
	}
	writeNumber(b, &sp, signChar(neg, sp.sign), "", num[:n], rest, len(rest), 3)
	return nil
}

// isZero reports whether the formatted number num shows only zero digits
// before any exponent.
func isZero(num []byte) bool {
	for _, c := range num {
		if c == 'e' || c == 'E' {
			break
		}
		if c >= '1' && c <= '9' || c == 'i' || c == 'n' || c == 'I' || c == 'N' {
			return false
		}
	}
	return true
}

// writeNumber lays a number out as CPython's fill_number does: sign,
// prefix ("0x"), the integer digits (grouped per sp.group in groups of
// groupSize) and the rest (fraction, exponent, '%'; restLen characters),
// padded to sp.width with sp.fill placed per sp.align.
func writeNumber(b *strings.Builder, sp *fmtSpec, sign byte, prefix string, digits, rest []byte, restLen, groupSize int) {
	nSign := 0
	if sign != 0 {
		nSign = 1
	}
	group := sp.group != 0 && len(digits) > 0
	nDigits := len(digits)
	zeros := 0 // leading zeros added to the digits by '0' padding with grouping
	if group {
		if sp.fill == '0' && sp.align == '=' && sp.width > 0 {
			min := sp.width - nSign - len(prefix) - restLen
			for nDigits+zeros+(nDigits+zeros-1)/groupSize < min {
				zeros++
			}
		}
		n := nDigits + zeros
		nDigits = n + (n-1)/groupSize
	}
	pad := 0
	if sp.width > 0 {
		pad = sp.width - (nSign + len(prefix) + nDigits + restLen)
	}
	left, right := 0, 0
	if pad > 0 {
		switch sp.align {
		case '<':
			right = pad
		case '^':
			left = pad / 2
			right = pad - left
		case '>':
			left = pad
		}
	}
	b.Grow(nSign + len(prefix) + nDigits + len(rest) + max(pad, 0))
	writeFill(b, sp.fill, left)
	if sign != 0 {
		b.WriteByte(sign)
	}
	b.WriteString(prefix)
	if sp.align == '=' {
		writeFill(b, sp.fill, pad)
	}
	if group {
		writeGrouped(b, digits, zeros, sp.group, groupSize)
	} else {
		b.Write(digits)
	}
	b.Write(rest)
	writeFill(b, sp.fill, right)
}

// writeGrouped writes zeros '0's and then digits with sep between groups of
// size digits, counted from the right.
func writeGrouped(b *strings.Builder, digits []byte, zeros int, sep byte, size int) {
	n := len(digits) + zeros
	for i := 0; i < n; i++ {
		if i > 0 && (n-i)%size == 0 {
			b.WriteByte(sep)
		}
		if i < zeros {
			b.WriteByte('0')
		} else {
			b.WriteByte(digits[i-zeros])
		}
	}
}
