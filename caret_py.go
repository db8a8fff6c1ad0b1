package starproc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/starproc/starproc/runtime/pysyntax"
)

// caretLinePy draws the marks under a source line as Lib/traceback.py of
// CPython 3.11.7 does (StackSummary.format_frame_summary), quirks included:
// it takes the line with its newline and counts its trailing blanks as
// indentation, so marks under a line that ends in blanks sit that much
// too far left; it mixes byte and character offsets in finding an
// operator; and it counts East Asian wide characters twice.
func caretLinePy(line string, span pysyntax.Span) string {
	if span.Kind == pysyntax.Unmarked {
		return ""
	}
	orig := []rune(line + "\n")
	stripped := []rune(strings.TrimFunc(line, unicode.IsSpace))
	strippedChars := len(orig) - len(stripped)
	start, end := span.Start.Col-1, span.End.Col-1
	if start < 0 || start > len(orig) || end > len(orig) {
		return ""
	}
	left, right := -1, -1
	if span.End.Line == span.Start.Line {
		if start >= end {
			return ""
		}
		seg := string(orig[start:end])
		switch span.Kind {
		case pysyntax.Binary:
			left, right = binaryAnchorsPy(seg, span)
		case pysyntax.Subscript:
			if span.LeftEnd.Line == span.Start.Line {
				left, right = subscriptAnchors(orig[start:end], pysyntax.Span{
					Start: pysyntax.Pos{Line: 1, Col: 1}, End: pysyntax.Pos{Line: 1, Col: end - start + 1},
					LeftEnd: pysyntax.Pos{Line: 1, Col: span.LeftEnd.Col - start}})
			}
		}
	} else {
		end = len([]rune(strings.TrimRightFunc(line, unicode.IsSpace)))
	}
	anchors := left >= 0
	if !(end-start < len(stripped) || anchors && right-left > 0) {
		return ""
	}
	dpStart := displayWidth(orig, start) + 1
	dpEnd := displayWidth(orig, end) + 1
	n := dpStart - strippedChars
	if n < 0 {
		n = 0
	}
	var b strings.Builder
	b.WriteString("    ")
	b.WriteString(strings.Repeat(" ", n))
	if anchors {
		seg := orig[start:end]
		dpLeft, dpRight := displayWidth(seg, left), displayWidth(seg, right)
		b.WriteString(strings.Repeat("~", dpLeft))
		b.WriteString(strings.Repeat("^", max(dpRight-dpLeft, 0)))
		b.WriteString(strings.Repeat("~", max(dpEnd-dpStart-dpRight, 0)))
	} else {
		b.WriteString(strings.Repeat("^", max(dpEnd-dpStart, 0)))
	}
	b.WriteByte('\n')
	return b.String()
}

// binaryAnchorsPy is _extract_caret_anchors_from_line_segment's BinOp case,
// on the segment seg of the line: character offsets in the segment.
func binaryAnchorsPy(seg string, span pysyntax.Span) (left, right int) {
	if span.LeftEnd.Line != span.Start.Line || span.RightStart.Line != span.Start.Line {
		return -1, -1
	}
	runes := []rune(seg)
	lc, rc := span.LeftEnd.Col-span.Start.Col, span.RightStart.Col-span.Start.Col
	if lc < 0 || rc > len(runes) || lc > rc {
		return -1, -1
	}
	leftEndByte := len(string(runes[:lc])) // the AST's end_col_offset is in bytes
	op := runes[lc:rc]
	offset := 0
	for offset < len(op) && unicode.IsSpace(op[offset]) {
		offset++
	}
	l := leftEndByte + offset
	r := l + 1
	if offset+1 < len(op) && !unicode.IsSpace(op[offset+1]) {
		r++
	}
	for l < len(runes) && (unicode.IsSpace(runes[l]) || runes[l] == ')' || runes[l] == '#') {
		l++
		r++
	}
	return byteToChar(seg, l), byteToChar(seg, r)
}

// byteToChar is _byte_offset_to_character_offset: the characters in the
// first n bytes of s, a cut character counting as one.
func byteToChar(s string, n int) int {
	if n > len(s) {
		n = len(s)
	}
	b := s[:n]
	c := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRuneInString(b)
		if r == utf8.RuneError && size <= 1 {
			return c + 1 // a cut character: one replacement character
		}
		c++
		b = b[size:]
	}
	return c
}

// displayWidth is traceback._display_width: the columns of the first n
// characters, East Asian wide and fullwidth ones counting two.
func displayWidth(runes []rune, n int) int {
	if n > len(runes) {
		n = len(runes)
	}
	w := 0
	ascii := true
	for _, r := range runes {
		if r >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return n
	}
	for _, r := range runes[:n] {
		w++
		if isWide(r) {
			w++
		}
	}
	return w
}

// isWide approximates unicodedata.east_asian_width(r) in "WF" with the
// main blocks of wide characters: Hangul, CJK, fullwidth forms, emoji.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0x303E, r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F300 && r <= 0x1F64F,
		r >= 0x1F900 && r <= 0x1F9FF, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}
