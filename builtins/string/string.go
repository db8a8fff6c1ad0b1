// Package string is starproc's Python string module: CPython 3.11's
// character-class constants and capwords. (The package is named for the
// Python module it provides; it shadows Go's strings nowhere, since Go's
// is "strings".)
//
// Not provided: string.Formatter and string.Template.
package string

import (
	"strings"
	"unicode"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

const (
	whitespace     = " \t\n\r\x0b\x0c"
	asciiLowercase = "abcdefghijklmnopqrstuvwxyz"
	asciiUppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	asciiLetters   = asciiLowercase + asciiUppercase
	digits         = "0123456789"
	hexdigits      = digits + "abcdef" + "ABCDEF"
	octdigits      = "01234567"
	punctuation    = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
	printable      = digits + asciiLetters + punctuation + whitespace
)

// Module is the string module:
//
//	ascii_letters, ascii_lowercase, ascii_uppercase, digits, hexdigits,
//	octdigits, punctuation, printable, whitespace
//	def capwords(s, sep=None)
var Module = &starlarkstruct.Module{
	Name: "string",
	Members: starlark.StringDict{
		"ascii_letters":   starlark.String(asciiLetters),
		"ascii_lowercase": starlark.String(asciiLowercase),
		"ascii_uppercase": starlark.String(asciiUppercase),
		"digits":          starlark.String(digits),
		"hexdigits":       starlark.String(hexdigits),
		"octdigits":       starlark.String(octdigits),
		"punctuation":     starlark.String(punctuation),
		"printable":       starlark.String(printable),
		"whitespace":      starlark.String(whitespace),
		"capwords":        starlark.NewBuiltin("string.capwords", capwords),
	},
}

// capwords is ' '.join(w.capitalize() for w in s.split()), or with sep
// for both the split and the join when sep is given.
func capwords(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sv, sepv starlark.Value = nil, starlark.None
	if err := starlark.UnpackArgs(fn.Name(), args, kwargs, "s", &sv, "sep?", &sepv); err != nil {
		return nil, err
	}
	s, ok := sv.(starlark.String)
	if !ok {
		return nil, pyerr.New("AttributeError", "'%s' object has no attribute 'split'", pyfmt.TypeName(sv))
	}
	var words []string
	join := " "
	switch sep := sepv.(type) {
	case starlark.NoneType:
		words = strings.FieldsFunc(string(s), isSpace)
	case starlark.String:
		if sep == "" {
			return nil, pyerr.ValueError("empty separator")
		}
		words = strings.Split(string(s), string(sep))
		join = string(sep)
	default:
		return nil, pyerr.TypeError("must be str or None, not %s", pyfmt.TypeName(sepv))
	}
	for i, w := range words {
		words[i] = capitalize(w)
	}
	return starlark.String(strings.Join(words, join)), nil
}

// isSpace is Python's str.isspace for one character: Go's unicode.IsSpace
// plus the information separators U+001C..U+001F.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// capitalize is Python's str.capitalize: the first character in title
// case, the rest in lower case, with the full (one-to-many) mappings of
// the Latin characters that have them.
func capitalize(w string) string {
	var b strings.Builder
	for i, r := range w {
		if i == 0 {
			if t, ok := titleSpecial[r]; ok {
				b.WriteString(t)
			} else {
				b.WriteRune(unicode.ToTitle(r))
			}
		} else if r == 'İ' {
			b.WriteString("i\u0307")
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// titleSpecial is SpecialCasing.txt's title case of the Latin characters
// whose title case is more than one character.
var titleSpecial = map[rune]string{
	'ß': "Ss", 'ŉ': "ʼN", 'ǰ': "J̌",
	'ﬀ': "Ff", 'ﬁ': "Fi", 'ﬂ': "Fl", 'ﬃ': "Ffi", 'ﬄ': "Ffl", 'ﬅ': "St", 'ﬆ': "St",
}
