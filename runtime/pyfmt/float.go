package pyfmt

import (
	"math"
	"strconv"
)

// FloatRepr returns Python's repr of a float: the shortest digits that read
// back as f, in exponent form when the decimal exponent is below -4 or at
// least 16 (1e+16, 1e-05), otherwise positional with at least one digit
// after the point (100.0, 0.0001); inf, -inf, nan and -0.0 as Python spells them.
func FloatRepr(f float64) string {
	var buf [32]byte
	return string(appendFloatRepr(buf[:0], f))
}

func appendFloatRepr(dst []byte, f float64) []byte {
	if math.Signbit(f) && !math.IsNaN(f) {
		dst = append(dst, '-')
		f = -f
	}
	return appendFloat(dst, f, 'r', 0, false, true)
}

// appendFloat appends the non-negative f as CPython's PyOS_double_to_string
// formats it with format code typ ('e', 'f', 'g', 'r' or the upper-case
// 'E', 'F', 'G'), precision prec, the alternate form (alt, Py_DTSF_ALT) and
// ".0" added to integral positional results (addDot0, Py_DTSF_ADD_DOT_0).
// The sign is the caller's business, so that format specs can place it.
func appendFloat(dst []byte, f float64, typ byte, prec int, alt, addDot0 bool) []byte {
	upper := typ == 'E' || typ == 'F' || typ == 'G'
	if upper {
		typ += 'a' - 'A'
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		switch {
		case math.IsNaN(f) && upper:
			return append(dst, "NAN"...)
		case math.IsNaN(f):
			return append(dst, "nan"...)
		case upper:
			return append(dst, "INF"...)
		}
		return append(dst, "inf"...)
	}
	switch typ {
	case 'f':
		dst = strconv.AppendFloat(dst, f, 'f', prec, 64)
		if alt && prec == 0 {
			dst = append(dst, '.')
		}
		return dst
	case 'e':
		start := len(dst)
		dst = strconv.AppendFloat(dst, f, 'e', prec, 64)
		if upper {
			for i := start; i < len(dst); i++ {
				if dst[i] == 'e' {
					dst[i] = 'E'
				}
			}
		}
		if alt && prec == 0 {
			// "1e+05" becomes "1.e+05".
			dst = append(dst, 0)
			copy(dst[start+2:], dst[start+1:])
			dst[start+1] = '.'
		}
		return dst
	}

	// 'g' and 'r': compute the significant digits and the decimal exponent,
	// then lay them out as CPython's format_float_short does.
	var tmp [40]byte
	var e []byte
	if typ == 'r' {
		e = strconv.AppendFloat(tmp[:0], f, 'e', -1, 64)
	} else {
		if prec == 0 {
			prec = 1
		}
		e = strconv.AppendFloat(tmp[:0], f, 'e', prec-1, 64)
	}
	// e is "d[.ddd]e±XX"; squeeze out the point to get the digits.
	digits := e[:0]
	exp := 0
	for i := 0; i < len(e); i++ {
		c := e[i]
		if c == 'e' {
			neg := e[i+1] == '-'
			for _, c := range e[i+2:] {
				exp = exp*10 + int(c-'0')
			}
			if neg {
				exp = -exp
			}
			break
		}
		if c != '.' {
			digits = append(digits, c)
		}
	}
	if !alt {
		for len(digits) > 1 && digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
		}
	}
	decpt := exp + 1
	var useExp bool
	if typ == 'r' {
		useExp = decpt <= -4 || decpt > 16
	} else {
		limit := prec
		if addDot0 {
			limit = prec - 1
		}
		useExp = decpt <= -4 || decpt > limit
	}
	if useExp {
		dst = append(dst, digits[0])
		if len(digits) > 1 || alt {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		if upper {
			dst = append(dst, 'E')
		} else {
			dst = append(dst, 'e')
		}
		return appendExponent(dst, exp)
	}
	switch {
	case decpt <= 0:
		dst = append(dst, '0', '.')
		for i := decpt; i < 0; i++ {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	case decpt >= len(digits):
		dst = append(dst, digits...)
		for i := len(digits); i < decpt; i++ {
			dst = append(dst, '0')
		}
		// An integral value gets ".0" even in the alternate form.
		if addDot0 {
			dst = append(dst, '.', '0')
		} else if alt {
			dst = append(dst, '.')
		}
	default:
		dst = append(dst, digits[:decpt]...)
		dst = append(dst, '.')
		dst = append(dst, digits[decpt:]...)
	}
	return dst
}

// appendExponent appends a decimal exponent as C's printf does: a sign and
// at least two digits.
func appendExponent(dst []byte, exp int) []byte {
	if exp < 0 {
		dst = append(dst, '-')
		exp = -exp
	} else {
		dst = append(dst, '+')
	}
	if exp < 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, int64(exp), 10)
}
