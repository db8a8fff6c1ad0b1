package pyfmt

import (
	"math"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// Percent implements Python's format % args for a str format: a tuple
// supplies the arguments in order, any other value is the one argument, and
// %(key)s looks key up in a mapping. Messages are CPython's.
func Percent(format string, args starlark.Value) (string, error) {
	p := percent{format: format, args: args, argidx: -2, arglen: -1}
	if t, ok := args.(starlark.Tuple); ok {
		p.tuple = t
		p.argidx, p.arglen = 0, len(t)
	}
	if isMapping(args) {
		p.dict = args
	}
	if strings.IndexByte(format, '%') < 0 {
		// Nothing to convert: the common case of a literal is free.
		if p.argidx < p.arglen && p.dict == nil {
			return "", pyerr.TypeError("not all arguments converted during string formatting")
		}
		return format, nil
	}
	p.b.Grow(len(format) + 16)
	if err := p.run(); err != nil {
		return "", err
	}
	if p.argidx < p.arglen && p.dict == nil {
		return "", pyerr.TypeError("not all arguments converted during string formatting")
	}
	return p.b.String(), nil
}

// percent is the state of one Percent call, after CPython's
// unicode_formatter_t: argidx < arglen means an argument is left; a lone
// (non-tuple) argument has arglen -1 and argidx -2.
type percent struct {
	b      strings.Builder
	format string
	args   starlark.Value
	tuple  starlark.Tuple
	argidx int
	arglen int
	dict   starlark.Value // the args when they may be indexed by key
}

// isMapping mirrors CPython's test for %(key) support: anything with
// __getitem__ but a tuple or a str.
func isMapping(v starlark.Value) bool {
	switch v.(type) {
	case starlark.Tuple, starlark.String:
		return false
	case starlark.Mapping, starlark.Indexable:
		return true
	}
	return false
}

func (p *percent) next() (starlark.Value, error) {
	if p.argidx < p.arglen {
		i := p.argidx
		p.argidx++
		if p.arglen < 0 {
			return p.args, nil
		}
		return p.tuple[i], nil
	}
	return nil, pyerr.TypeError("not enough arguments for format string")
}

const (
	flagLeft  = 1 << iota // '-'
	flagSign              // '+'
	flagBlank             // ' '
	flagAlt               // '#'
	flagZero              // '0'
)

func (p *percent) run() error {
	f := p.format
	i := 0
	for {
		j := strings.IndexByte(f[i:], '%')
		if j < 0 {
			p.b.WriteString(f[i:])
			return nil
		}
		p.b.WriteString(f[i : i+j])
		i += j + 1
		if i >= len(f) {
			return pyerr.ValueError("incomplete format")
		}
		if f[i] == '%' {
			p.b.WriteByte('%')
			i++
			continue
		}
		var err error
		if i, err = p.conversion(i); err != nil {
			return err
		}
	}
}

// conversion formats the conversion specifier starting at f[i], just
// after its '%', and returns the index after it.
func (p *percent) conversion(i int) (int, error) {
	f := p.format
	if f[i] == '(' {
		if p.dict == nil {
			return 0, pyerr.TypeError("format requires a mapping")
		}
		depth := 1
		start := i + 1
		i++
		for ; i < len(f) && depth > 0; i++ {
			switch f[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		if depth > 0 {
			return 0, pyerr.ValueError("incomplete format key")
		}
		v, err := getItem(p.dict, starlark.String(f[start:i-1]))
		if err != nil {
			return 0, err
		}
		p.args = v
		p.arglen, p.argidx = -1, -2
	}
	flags := 0
flagLoop:
	for ; i < len(f); i++ {
		switch f[i] {
		case '-':
			flags |= flagLeft
		case '+':
			flags |= flagSign
		case ' ':
			flags |= flagBlank
		case '#':
			flags |= flagAlt
		case '0':
			flags |= flagZero
		default:
			break flagLoop
		}
	}
	width, prec := -1, -1
	if i < len(f) && f[i] == '*' {
		n, err := p.starArg()
		if err != nil {
			return 0, err
		}
		if n < 0 {
			flags |= flagLeft
			n = -n
		}
		width = n
		i++
	} else {
		var ok bool
		if width, i, ok = percentNumber(f, i); !ok {
			return 0, pyerr.ValueError("width too big")
		}
	}
	if i < len(f) && f[i] == '.' {
		i++
		if i < len(f) && f[i] == '*' {
			n, err := p.starArg()
			if err != nil {
				return 0, err
			}
			prec = max(n, 0)
			i++
		} else {
			var ok bool
			if prec, i, ok = percentNumber(f, i); !ok {
				return 0, pyerr.ValueError("precision too big")
			}
			prec = max(prec, 0)
		}
	}
	if i < len(f) && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L') {
		i++
	}
	if i >= len(f) {
		return 0, pyerr.ValueError("incomplete format")
	}
	c, size := utf8.DecodeRuneInString(f[i:])
	v, err := p.next()
	if err != nil {
		return 0, err
	}
	switch c {
	case 's', 'r', 'a':
		var s string
		switch {
		case c == 's':
			s = Str(v)
		case c == 'r':
			s = Repr(v)
		default:
			s = ASCII(v)
		}
		if prec >= 0 {
			s = truncateRunes(s, prec)
		}
		p.writeText(s, width, flags)
	case 'd', 'i', 'u', 'o', 'x', 'X':
		err = p.formatInt(v, byte(c), width, prec, flags)
	case 'e', 'E', 'f', 'F', 'g', 'G':
		err = p.formatFloat(v, byte(c), width, prec, flags)
	case 'c':
		var buf [utf8.UTFMax]byte
		switch v := v.(type) {
		case starlark.Int, starlark.Bool:
			var x starlark.Int
			if b, ok := v.(starlark.Bool); ok {
				x = starlark.MakeInt(0)
				if b {
					x = starlark.MakeInt(1)
				}
			} else {
				x = v.(starlark.Int)
			}
			r, ok := x.Int64()
			if !ok || r < 0 || r > 0x10ffff {
				return 0, errCharRange()
			}
			p.writeText(string(buf[:encodeRune(buf[:], rune(r))]), width, flags)
		case starlark.String:
			if utf8.RuneCountInString(string(v)) != 1 {
				return 0, errCharType()
			}
			p.writeText(string(v), width, flags)
		default:
			return 0, errCharType()
		}
	default:
		shown := '?'
		if c >= 31 && c <= 126 {
			shown = c
		}
		return 0, pyerr.ValueError("unsupported format character '%c' (0x%x) at index %d",
			shown, c, utf8.RuneCountInString(f[:i]))
	}
	return i + size, err
}

// percentNumber reads decimal digits at f[i:]; ok is false on overflow.
func percentNumber(f string, i int) (n, next int, ok bool) {
	n = -1
	for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
		if n < 0 {
			n = 0
		}
		n = n*10 + int(f[i]-'0')
		if n > maxWidth {
			return 0, i, false
		}
	}
	return n, i, true
}

// starArg takes a '*' width or precision from the arguments.
func (p *percent) starArg() (int, error) {
	v, err := p.next()
	if err != nil {
		return 0, err
	}
	var n int64
	switch v := v.(type) {
	case starlark.Int:
		var ok bool
		if n, ok = v.Int64(); !ok || n > maxWidth || n < -maxWidth {
			return 0, pyerr.ValueError("width too big")
		}
	case starlark.Bool:
		if v {
			n = 1
		}
	default:
		return 0, pyerr.TypeError("* wants int")
	}
	return int(n), nil
}

// writeText writes a %s, %r, %a or %c result padded to width with spaces.
func (p *percent) writeText(s string, width, flags int) {
	pad := 0
	if width > 0 {
		pad = width - utf8.RuneCountInString(s)
	}
	if flags&flagLeft != 0 {
		p.b.WriteString(s)
		writeFill(&p.b, ' ', pad)
		return
	}
	writeFill(&p.b, ' ', pad)
	p.b.WriteString(s)
}

// writeNum writes a number: sign, prefix ("0x"), body, padded to width with
// zeros after the prefix for the '0' flag, else spaces.
func (p *percent) writeNum(neg bool, prefix string, body []byte, width, flags int) {
	var sign byte
	switch {
	case neg:
		sign = '-'
	case flags&flagSign != 0:
		sign = '+'
	case flags&flagBlank != 0:
		sign = ' '
	}
	n := len(prefix) + len(body)
	if sign != 0 {
		n++
	}
	pad := width - n
	b := &p.b
	switch {
	case pad <= 0:
	case flags&flagLeft != 0:
		// Padded on the right, below.
	case flags&flagZero != 0:
		if sign != 0 {
			b.WriteByte(sign)
			sign = 0
		}
		b.WriteString(prefix)
		prefix = ""
		writeFill(b, '0', pad)
	default:
		writeFill(b, ' ', pad)
	}
	if sign != 0 {
		b.WriteByte(sign)
	}
	b.WriteString(prefix)
	b.Write(body)
	if flags&flagLeft != 0 {
		writeFill(b, ' ', pad)
	}
}

func (p *percent) formatInt(v starlark.Value, c byte, width, prec, flags int) error {
	var x starlark.Int
	switch v := v.(type) {
	case starlark.Int:
		x = v
	case starlark.Bool:
		x = starlark.MakeInt(0)
		if v {
			x = starlark.MakeInt(1)
		}
	case starlark.Float:
		if c == 'o' || c == 'x' || c == 'X' {
			return pyerr.TypeError("%%%c format: an integer is required, not float", c)
		}
		f := float64(v)
		if math.IsNaN(f) {
			return pyerr.ValueError("cannot convert float NaN to integer")
		}
		if math.IsInf(f, 0) {
			return pyerr.New("OverflowError", "cannot convert float infinity to integer")
		}
		var err error
		if x, err = starlark.NumberToInt(v); err != nil {
			return err
		}
	default:
		if c == 'o' || c == 'x' || c == 'X' {
			return pyerr.TypeError("%%%c format: an integer is required, not %s", c, TypeName(v))
		}
		return pyerr.TypeError("%%%c format: a real number is required, not %s", c, TypeName(v))
	}
	base, prefix := 10, ""
	switch c {
	case 'o':
		base, prefix = 8, "0o"
	case 'x':
		base, prefix = 16, "0x"
	case 'X':
		base, prefix = 16, "0X"
	}
	if flags&flagAlt == 0 {
		prefix = ""
	}
	var buf [72]byte
	digits, neg := appendIntDigits(buf[:0], x, base, c == 'X')
	if prec > len(digits) {
		// The precision is a minimum number of digits.
		padded := make([]byte, prec)
		z := prec - len(digits)
		for i := range z {
			padded[i] = '0'
		}
		copy(padded[z:], digits)
		digits = padded
	}
	p.writeNum(neg, prefix, digits, width, flags)
	return nil
}

func (p *percent) formatFloat(v starlark.Value, c byte, width, prec, flags int) error {
	var f float64
	switch v := v.(type) {
	case starlark.Float:
		f = float64(v)
	case starlark.Int:
		var err error
		if f, err = intToFloat(v); err != nil {
			return err
		}
	case starlark.Bool:
		if v {
			f = 1
		}
	default:
		return pyerr.TypeError("must be real number, not %s", TypeName(v))
	}
	if prec < 0 {
		prec = 6
	}
	neg := math.Signbit(f) && !math.IsNaN(f)
	if neg {
		f = -f
	}
	var buf [64]byte
	p.writeNum(neg, "", appendFloat(buf[:0], f, c, prec, flags&flagAlt != 0, false), width, flags)
	return nil
}

// getItem is Python's mapping[key] for a str key, with CPython's errors.
func getItem(m starlark.Value, key starlark.String) (starlark.Value, error) {
	if mm, ok := m.(starlark.Mapping); ok {
		v, found, err := mm.Get(key)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, pyerr.New("KeyError", "%s", Repr(key))
		}
		return v, nil
	}
	return nil, strIndexError(m)
}

// strIndexError is the TypeError for indexing a sequence by a str.
func strIndexError(v starlark.Value) error {
	switch v.(type) {
	case starlark.String:
		return pyerr.TypeError("string indices must be integers, not 'str'")
	case starlark.Bytes:
		return pyerr.TypeError("byte indices must be integers or slices, not str")
	case starlark.Indexable:
		return pyerr.TypeError("%s indices must be integers or slices, not str", TypeName(v))
	}
	return pyerr.TypeError("'%s' object is not subscriptable", TypeName(v))
}

// The messages of these errors contain a '%', so they are built directly
// rather than through pyerr's Sprintf-style constructors.
func errCharRange() error {
	return &pyerr.Error{Type: "OverflowError", Msg: "%c arg not in range(0x110000)"}
}

func errCharType() error {
	return &pyerr.Error{Type: "TypeError", Msg: "%c requires int or char"}
}
