package pyfmt

import (
	"errors"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// Format implements str.format: literal text with {{ and }} escapes and
// replacement fields {field!conversion:spec}, where field is empty
// (automatic numbering), a positional index or a keyword name, followed by
// .attr and [key] lookups, and spec may itself contain replacement fields.
// Parsing and messages follow CPython's Objects/stringlib/unicode_format.h.
func Format(format string, args starlark.Tuple, kwargs []starlark.Tuple) (string, error) {
	f := formatter{args: args, kwargs: kwargs}
	var b strings.Builder
	b.Grow(len(format) + 16)
	if err := f.build(&b, format, 2); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Automatic field numbering states.
const (
	numberingUnset = iota
	numberingAuto
	numberingManual
)

type formatter struct {
	args      starlark.Tuple
	kwargs    []starlark.Tuple
	numbering int
	next      int // next automatic field number
}

// build writes the expansion of s; depth bounds the nesting of replacement
// fields inside format specs.
func (f *formatter) build(b *strings.Builder, s string, depth int) error {
	if depth <= 0 {
		return pyerr.ValueError("Max string recursion exceeded")
	}
	i := 0
	for i < len(s) {
		// Literal text up to the next brace.
		j := strings.IndexAny(s[i:], "{}")
		if j < 0 {
			b.WriteString(s[i:])
			return nil
		}
		b.WriteString(s[i : i+j])
		i += j
		c := s[i]
		i++
		atEnd := i >= len(s)
		if c == '}' && (atEnd || s[i] != '}') {
			return pyerr.ValueError("Single '}' encountered in format string")
		}
		if atEnd {
			return pyerr.ValueError("Single '{' encountered in format string")
		}
		if s[i] == c {
			b.WriteByte(c)
			i++
			continue
		}
		var err error
		if i, err = f.field(b, s, i, depth); err != nil {
			return err
		}
	}
	return nil
}

// field parses and renders the replacement field starting at s[i], just
// after its '{', and returns the index after its '}'.
func (f *formatter) field(b *strings.Builder, s string, i, depth int) (int, error) {
	start := i
	var c byte
scan:
	for i < len(s) {
		c = s[i]
		i++
		switch c {
		case '{':
			return 0, pyerr.ValueError("unexpected '{' in field name")
		case '[':
			for i < len(s) && s[i] != ']' {
				i++
			}
		case '}', ':', '!':
			break scan
		}
	}
	name := s[start:max(i-1, start)]
	switch c {
	case '}':
		return i, f.render(b, name, 0, "", false, depth)
	case '!', ':':
	default:
		return 0, pyerr.ValueError("expected '}' before end of string")
	}
	var conv rune
	if c == '!' {
		if i >= len(s) {
			return 0, pyerr.ValueError("end of string while looking for conversion specifier")
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		conv = r
		i += n
		if i < len(s) {
			c := s[i]
			i++
			if c == '}' {
				return i, f.render(b, name, conv, "", false, depth)
			}
			if c != ':' {
				return 0, pyerr.ValueError("expected ':' after conversion specifier")
			}
		}
	}
	end, nested := specEnd(s, i)
	if end < 0 {
		return 0, pyerr.ValueError("unmatched '{' in format spec")
	}
	return end + 1, f.render(b, name, conv, s[i:end], nested, depth)
}

// specEnd returns the index of the '}' that closes the format spec starting
// at s[i] (or -1), and whether the spec contains nested fields.
func specEnd(s string, i int) (int, bool) {
	depth := 1
	nested := false
	for ; i < len(s); i++ {
		switch s[i] {
		case '{':
			nested = true
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i, nested
			}
		}
	}
	return -1, nested
}

// render looks up the field name, applies the conversion (0 for none) and
// formats the result with spec, expanded first when it has nested fields.
func (f *formatter) render(b *strings.Builder, name string, conv rune, spec string, expand bool, depth int) error {
	v, err := f.lookup(name)
	if err != nil {
		return err
	}
	switch conv {
	case 0:
	case 'r':
		v = starlark.String(Repr(v))
	case 's':
		v = starlark.String(Str(v))
	case 'a':
		v = starlark.String(ASCII(v))
	default:
		if conv > 32 && conv < 127 {
			return pyerr.ValueError("Unknown conversion specifier %c", conv)
		}
		return pyerr.ValueError("Unknown conversion specifier \\x%x", conv)
	}
	if expand {
		var sb strings.Builder
		if err := f.build(&sb, spec, depth-1); err != nil {
			return err
		}
		spec = sb.String()
	}
	return formatValueTo(b, v, spec)
}

// lookup evaluates a field name: its first part selects an argument, the
// rest are .attr and [key] lookups.
func (f *formatter) lookup(name string) (starlark.Value, error) {
	i := strings.IndexAny(name, ".[")
	if i < 0 {
		i = len(name)
	}
	first, rest := name[:i], name[i:]
	idx, err := fieldIndex(first)
	if err != nil {
		return nil, err
	}
	var v starlark.Value
	if first == "" || idx >= 0 {
		empty := first == ""
		if f.numbering == numberingUnset {
			f.numbering = numberingManual
			if empty {
				f.numbering = numberingAuto
			}
		}
		if f.numbering == numberingManual && empty {
			return nil, pyerr.ValueError("cannot switch from manual field specification to automatic field numbering")
		}
		if f.numbering == numberingAuto && !empty {
			return nil, pyerr.ValueError("cannot switch from automatic field numbering to manual field specification")
		}
		if empty {
			idx = f.next
			f.next++
		}
		if idx >= len(f.args) {
			return nil, pyerr.New("IndexError", "Replacement index %d out of range for positional args tuple", idx)
		}
		v = f.args[idx]
	} else {
		for _, kv := range f.kwargs {
			if k, ok := kv[0].(starlark.String); ok && string(k) == first {
				v = kv[1]
				break
			}
		}
		if v == nil {
			return nil, pyerr.New("KeyError", "%s", QuoteString(first))
		}
	}
	for rest != "" {
		c := rest[0]
		rest = rest[1:]
		switch c {
		case '.':
			j := strings.IndexAny(rest, ".[")
			if j < 0 {
				j = len(rest)
			}
			attr := rest[:j]
			rest = rest[j:]
			if attr == "" {
				return nil, pyerr.ValueError("Empty attribute in format string")
			}
			if v, err = getAttr(v, attr); err != nil {
				return nil, err
			}
		case '[':
			j := strings.IndexByte(rest, ']')
			if j < 0 {
				return nil, pyerr.ValueError("Missing ']' in format string")
			}
			key := rest[:j]
			rest = rest[j+1:]
			if key == "" {
				return nil, pyerr.ValueError("Empty attribute in format string")
			}
			n, err := fieldIndex(key)
			if err != nil {
				return nil, err
			}
			if n >= 0 {
				v, err = getIndex(v, n)
			} else {
				v, err = getItem(v, starlark.String(key))
			}
			if err != nil {
				return nil, err
			}
		default:
			return nil, pyerr.ValueError("Only '.' or '[' may follow ']' in format field specifier")
		}
	}
	return v, nil
}

// fieldIndex returns the value of s if it is all decimal digits, else -1.
func fieldIndex(s string) (int, error) {
	if s == "" {
		return -1, nil
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return -1, nil
		}
		n = n*10 + int(c-'0')
		if n > 1<<40 {
			return 0, pyerr.ValueError("Too many decimal digits in format string")
		}
	}
	return n, nil
}

func getAttr(v starlark.Value, name string) (starlark.Value, error) {
	if h, ok := v.(starlark.HasAttrs); ok {
		x, err := h.Attr(name)
		var missing starlark.NoSuchAttrError
		if err != nil && !errors.As(err, &missing) {
			return nil, err
		}
		if x != nil {
			return x, nil
		}
	}
	return nil, pyerr.New("AttributeError", "'%s' object has no attribute '%s'", TypeName(v), name)
}

// getIndex is Python's v[n] for a field's [digits] lookup: a sequence is
// indexed, a mapping is looked up with the int key.
func getIndex(v starlark.Value, n int) (starlark.Value, error) {
	switch x := v.(type) {
	case starlark.String:
		for _, r := range string(x) {
			if n == 0 {
				return starlark.String(string(r)), nil
			}
			n--
		}
		return nil, pyerr.New("IndexError", "string index out of range")
	case starlark.Mapping:
		key := starlark.MakeInt(n)
		r, found, err := x.Get(key)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, pyerr.New("KeyError", "%s", Repr(key))
		}
		return r, nil
	case starlark.Bytes:
		if n < len(x) {
			return starlark.MakeInt(int(x[n])), nil
		}
		return nil, pyerr.New("IndexError", "index out of range")
	case starlark.Indexable:
		if n < x.Len() {
			return x.Index(n), nil
		}
		switch x.(type) {
		case *starlark.List, starlark.Tuple:
			return nil, pyerr.New("IndexError", "%s index out of range", TypeName(x))
		}
		return nil, pyerr.New("IndexError", "%s object index out of range", TypeName(x))
	}
	return nil, pyerr.TypeError("'%s' object is not subscriptable", TypeName(v))
}
