// Package pyfmt renders Starlark values the way CPython renders the
// corresponding Python values: str(), repr(), printf-style % formatting,
// str.format and the format-spec mini-language.
//
// STUB: being written; API is fixed.
package pyfmt

import "go.starlark.net/starlark"

// Reprer is implemented by values whose Python repr differs from String().
type Reprer interface{ PyRepr() string }

// Stringer is implemented by values whose Python str differs from their repr.
type Stringer interface{ PyStr() string }

// Str returns Python's str(v).
func Str(v starlark.Value) string {
	if s, ok := v.(starlark.String); ok {
		return string(s)
	}
	return Repr(v)
}

// Repr returns Python's repr(v).
func Repr(v starlark.Value) string { return v.String() }

// FloatRepr returns Python's repr of a float.
func FloatRepr(f float64) string { return starlark.Float(f).String() }

// Percent implements Python's format % args for a str format.
func Percent(format string, args starlark.Value) (string, error) { return format, nil }

// Format implements str.format.
func Format(format string, args starlark.Tuple, kwargs []starlark.Tuple) (string, error) {
	return format, nil
}

// FormatValue implements format(v, spec), the conversion of one f-string field.
func FormatValue(v starlark.Value, spec string) (string, error) { return Str(v), nil }
