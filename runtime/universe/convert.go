package universe

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// int(x=0) or int(x, base=10)
//
// Strings follow Python's int literal rules: surrounding whitespace, a sign,
// underscores between digits, and with base 0 or a matching base a
// 0x/0o/0b prefix.
func int_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value = starlark.MakeInt(0)
	var baseV starlark.Value
	if err := unpack("int", args, kwargs, "x?", &x, "base?", &baseV); err != nil {
		return nil, err
	}
	base := 10
	if baseV != nil {
		bi, ok := baseV.(starlark.Int)
		if !ok {
			return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(baseV))
		}
		n, ok := bi.Int64()
		if !ok || n != 0 && (n < 2 || n > 36) {
			return nil, pyerr.ValueError("int() base must be >= 2 and <= 36, or 0")
		}
		base = int(n)
	}
	switch v := x.(type) {
	case starlark.String, starlark.Bytes:
		var s string
		if sv, ok := v.(starlark.String); ok {
			s = string(sv)
		} else {
			s = string(v.(starlark.Bytes))
		}
		if i, ok := parseInt(s, base); ok {
			return i, nil
		}
		return nil, pyerr.ValueError("invalid literal for int() with base %d: %s", base, pyfmt.Repr(x))
	}
	if baseV != nil {
		return nil, pyerr.TypeError("int() can't convert non-string with explicit base")
	}
	switch v := x.(type) {
	case starlark.Int:
		return v, nil
	case starlark.Bool:
		return boolInt(v), nil
	case starlark.Float:
		f := float64(v)
		if math.IsNaN(f) {
			return nil, pyerr.ValueError("cannot convert float NaN to integer")
		}
		if math.IsInf(f, 0) {
			return nil, pyerr.New("OverflowError", "cannot convert float infinity to integer")
		}
		return delegate(thread, starInt, starlark.Tuple{v}, nil)
	}
	return nil, pyerr.TypeError("int() argument must be a string, a bytes-like object or a real number, not '%s'", typeName(x))
}

func boolInt(b starlark.Bool) starlark.Int {
	if b {
		return starlark.MakeInt(1)
	}
	return starlark.MakeInt(0)
}

// parseInt parses s as Python's int(s, base) does.
func parseInt(s string, base int) (starlark.Int, bool) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) >= 2 && s[0] == '0' {
		p := 0
		switch s[1] {
		case 'x', 'X':
			p = 16
		case 'o', 'O':
			p = 8
		case 'b', 'B':
			p = 2
		}
		if p != 0 && (base == 0 || base == p) {
			base = p
			s = s[2:]
			s = strings.TrimPrefix(s, "_") // 0x_1f is valid
		}
	}
	if base == 0 {
		base = 10
		// Base 0 forbids leading zeros in a non-zero decimal ("010").
		if len(s) > 1 && s[0] == '0' && strings.Trim(s, "0_") != "" {
			return starlark.Int{}, false
		}
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return starlark.Int{}, false
	}
	digits := strings.ReplaceAll(s, "_", "")
	for i := 0; i < len(digits); i++ {
		if digitVal(digits[i]) >= base {
			return starlark.Int{}, false
		}
	}
	if len(digits) <= 15 {
		n, err := strconv.ParseInt(digits, base, 64)
		if err == nil {
			if neg {
				n = -n
			}
			return starlark.MakeInt64(n), true
		}
	}
	z, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return starlark.Int{}, false
	}
	if neg {
		z.Neg(z)
	}
	return starlark.MakeBigInt(z), true
}

func digitVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// float(x=0.0)
func float_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value = starlark.Float(0)
	if err := unpackPositional("float", args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case starlark.Float:
		return v, nil
	case starlark.Int, starlark.Bool:
		return toFloat(v)
	case starlark.String, starlark.Bytes:
		var s string
		if sv, ok := v.(starlark.String); ok {
			s = string(sv)
		} else {
			s = string(v.(starlark.Bytes))
		}
		if f, ok := parseFloat(s); ok {
			return starlark.Float(f), nil
		}
		return nil, pyerr.ValueError("could not convert string to float: %s", pyfmt.Repr(x))
	}
	return nil, pyerr.TypeError("float() argument must be a string or a real number, not '%s'", typeName(x))
}

// toFloat converts an int or bool to a float, with Python's OverflowError.
func toFloat(x starlark.Value) (starlark.Float, error) {
	switch v := x.(type) {
	case starlark.Float:
		return v, nil
	case starlark.Bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case starlark.Int:
		f := v.Float()
		if math.IsInf(float64(f), 0) {
			return 0, pyerr.New("OverflowError", "int too large to convert to float")
		}
		return f, nil
	}
	return 0, pyerr.TypeError("must be real number, not %s", typeName(x))
}

// parseFloat parses s as Python's float(s) does: decimal only, underscores
// between digits, inf/infinity/nan in any case with a sign.
func parseFloat(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" {
		return 0, false
	}
	switch strings.ToLower(body) {
	case "nan":
		return math.NaN(), true
	case "inf", "infinity":
		if s[0] == '-' {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case '0' <= c && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		case c == '_':
			if i == 0 || i == len(body)-1 || !isDigit(body[i-1]) || !isDigit(body[i+1]) {
				return 0, false
			}
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil && !math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// bool(x=False)
func bool_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return delegate(thread, starBool, args, kwargs)
}

// range(stop) or range(start, stop, step=1)
func range_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return delegate(thread, starRange, args, kwargs)
}

// bytes(source=b”) or bytes(str, encoding, errors='strict')
func bytes_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var src starlark.Value = starlark.Bytes("")
	var encoding, errs starlark.Value
	if err := unpack("bytes", args, kwargs, "source?", &src, "encoding?", &encoding, "errors?", &errs); err != nil {
		return nil, err
	}
	if s, ok := src.(starlark.String); ok {
		if encoding == nil {
			return nil, pyerr.TypeError("string argument without an encoding")
		}
		enc, mode, err := codecArgs("bytes", encoding, errs)
		if err != nil {
			return nil, err
		}
		return encode(string(s), enc, mode)
	}
	if encoding != nil {
		return nil, pyerr.TypeError("encoding without a string argument")
	}
	if errs != nil {
		return nil, pyerr.TypeError("errors without a string argument")
	}
	switch v := src.(type) {
	case starlark.Bytes:
		return v, nil
	case starlark.Int:
		n, ok := v.Int64()
		if !ok || n > 1<<40 {
			return nil, pyerr.New("OverflowError", "cannot fit 'int' into an index-sized integer")
		}
		if n < 0 {
			return nil, pyerr.ValueError("negative count")
		}
		return starlark.Bytes(make([]byte, n)), nil
	case starlark.Iterable:
		xs, err := elems("bytes", v)
		if err != nil {
			return nil, err
		}
		out := make([]byte, len(xs))
		for i, x := range xs {
			n, err := indexInt(x)
			if err != nil {
				return nil, err
			}
			if n < 0 || n > 255 {
				return nil, pyerr.ValueError("bytes must be in range(0, 256)")
			}
			out[i] = byte(n)
		}
		return starlark.Bytes(out), nil
	}
	return nil, pyerr.TypeError("cannot convert '%s' object to bytes", typeName(src))
}

// indexInt is Python's operator.index for a machine-sized int.
func indexInt(x starlark.Value) (int, error) {
	switch v := x.(type) {
	case starlark.Int:
		n, ok := v.Int64()
		if !ok || n != int64(int(n)) {
			return 0, pyerr.New("OverflowError", "Python int too large to convert to C ssize_t")
		}
		return int(n), nil
	case starlark.Bool:
		if v {
			return 1, nil
		}
		return 0, nil
	}
	return 0, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(x))
}

// len(s): a str counts code points.
func len_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 || len(kwargs) != 0 {
		if len(kwargs) != 0 {
			return nil, pyerr.TypeError("len() takes no keyword arguments")
		}
		return nil, pyerr.TypeError("len() takes exactly one argument (%d given)", len(args))
	}
	x := args[0]
	if s, ok := x.(starlark.String); ok {
		return starlark.MakeInt(utf8.RuneCountInString(string(s))), nil
	}
	if n := starlark.Len(x); n >= 0 {
		return starlark.MakeInt(n), nil
	}
	return nil, pyerr.TypeError("object of type '%s' has no len()", typeName(x))
}

// chr(i)
func chr(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("chr", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	if _, ok := x.(starlark.Int); !ok {
		if _, ok := x.(starlark.Bool); !ok {
			return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(x))
		}
	}
	n, err := indexInt(x)
	if err != nil || n < 0 || n > 0x10FFFF {
		return nil, pyerr.ValueError("chr() arg not in range(0x110000)")
	}
	return starlark.String(string(rune(n))), nil
}

// ord(c)
func ord(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("ord", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case starlark.String:
		r, size := utf8.DecodeRuneInString(string(v))
		if n := utf8.RuneCountInString(string(v)); n != 1 {
			return nil, pyerr.TypeError("ord() expected a character, but string of length %d found", n)
		}
		if r == utf8.RuneError && size == 1 {
			return starlark.MakeInt(int(v[0])), nil
		}
		return starlark.MakeInt(int(r)), nil
	case starlark.Bytes:
		if len(v) != 1 {
			return nil, pyerr.TypeError("ord() expected a character, but string of length %d found", len(v))
		}
		return starlark.MakeInt(int(v[0])), nil
	}
	return nil, pyerr.TypeError("ord() expected string of length 1, but %s found", typeName(x))
}

// callable(x)
func callable(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("callable", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	_, ok := x.(starlark.Callable)
	return starlark.Bool(ok), nil
}
