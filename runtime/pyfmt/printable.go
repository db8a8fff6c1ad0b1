package pyfmt

import (
	"sort"
	"unicode"
)

// isPrintable is Python 3.11's str.isprintable for one character. Go's
// unicode.IsPrint agrees with it (printable means not in categories C* or
// Z*, except the ASCII space) but for the Unicode version: Python 3.11 has
// Unicode 14.0, so the characters Unicode 15.0 added (unassigned, hence not
// printable, for Python) are taken out again.
func isPrintable(r rune) bool {
	if !unicode.IsPrint(r) {
		return false
	}
	if r < unicode15Only[0].lo {
		return true
	}
	i := sort.Search(len(unicode15Only), func(i int) bool { return unicode15Only[i].hi >= r })
	return i == len(unicode15Only) || r < unicode15Only[i].lo
}

// unicode15Only lists the printable characters of Unicode 15.0 that are
// unassigned in Unicode 14.0, the version of CPython 3.11.
var unicode15Only = []struct{ lo, hi rune }{
	{0x0cf3, 0x0cf3},
	{0x0ece, 0x0ece},
	{0x10efd, 0x10eff},
	{0x1123f, 0x11241},
	{0x11b00, 0x11b09},
	{0x11f00, 0x11f10},
	{0x11f12, 0x11f3a},
	{0x11f3e, 0x11f59},
	{0x1342f, 0x1342f},
	{0x13440, 0x13455},
	{0x1b132, 0x1b132},
	{0x1b155, 0x1b155},
	{0x1d2c0, 0x1d2d3},
	{0x1df25, 0x1df2a},
	{0x1e030, 0x1e06d},
	{0x1e08f, 0x1e08f},
	{0x1e4d0, 0x1e4f9},
	{0x1f6dc, 0x1f6dc},
	{0x1f774, 0x1f776},
	{0x1f77b, 0x1f77f},
	{0x1f7d9, 0x1f7d9},
	{0x1fa75, 0x1fa77},
	{0x1fa87, 0x1fa88},
	{0x1faad, 0x1faaf},
	{0x1fabb, 0x1fabd},
	{0x1fabf, 0x1fabf},
	{0x1face, 0x1facf},
	{0x1fada, 0x1fadb},
	{0x1fae8, 0x1fae8},
	{0x1faf7, 0x1faf8},
	{0x2b739, 0x2b739},
	{0x31350, 0x323af},
}

// unicodeVersion is the version of Go's tables that unicode15Only corrects.
const unicodeVersion = "15.0.0"
