package pyerr

import (
	"math"
	"strings"
)

// CPython's suggestion costs and limits (Python/suggestions.c).
const (
	suggestMoveCost  = 2
	suggestCaseCost  = 1
	suggestMaxString = 40
	suggestMaxItems  = 750
)

// Suggest returns the candidate CPython 3.11 would offer for a mistyped
// name, as in "NameError: name 'pritn' is not defined. Did you mean:
// 'print'?" or "AttributeError: 'str' object has no attribute 'uper'. Did
// you mean: 'upper'?", or "" when none is close enough. It is CPython's
// bounded, case-aware Levenshtein distance with its cut-offs. Unlike
// CPython, names starting with "__" are never suggested: starproc's
// predeclared support names (__method__, __iter__, ...) must not be offered.
func Suggest(wrong string, candidates []string) string {
	if len(candidates) >= suggestMaxItems {
		return ""
	}
	best := math.MaxInt
	suggestion := ""
	for _, c := range candidates {
		if c == wrong || strings.HasPrefix(c, "__") {
			continue
		}
		max := (len(c) + len(wrong) + 3) * suggestMoveCost / 6
		if best-1 < max {
			max = best - 1
		}
		d := levenshtein(wrong, c, max)
		if d > max {
			continue
		}
		if suggestion == "" || d < best {
			suggestion, best = c, d
		}
	}
	return suggestion
}

func substitutionCost(a, b byte) int {
	switch {
	case a == b:
		return 0
	case lowerASCII(a) == lowerASCII(b):
		return suggestCaseCost
	}
	return suggestMoveCost
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// levenshtein is CPython's edit distance with case-aware costs, giving up
// (returning maxCost+1) as soon as the distance must exceed maxCost.
func levenshtein(a, b string, maxCost int) int {
	if a == b {
		return 0
	}
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if a == "" || b == "" {
		return suggestMoveCost * (len(a) + len(b))
	}
	if len(a) > suggestMaxString || len(b) > suggestMaxString {
		return maxCost + 1
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	if (len(b)-len(a))*suggestMoveCost > maxCost {
		return maxCost + 1
	}
	row := make([]int, len(a))
	for i := range row {
		row[i] = (i + 1) * suggestMoveCost
	}
	result := 0
	for bi := 0; bi < len(b); bi++ {
		distance := bi * suggestMoveCost
		result = distance
		minimum := int(^uint(0) >> 1)
		for i := 0; i < len(a); i++ {
			substitute := distance + substitutionCost(b[bi], a[i])
			distance = row[i]
			insertDelete := min(result, distance) + suggestMoveCost
			result = min(insertDelete, substitute)
			row[i] = result
			if result < minimum {
				minimum = result
			}
		}
		if minimum > maxCost {
			return maxCost + 1
		}
	}
	return result
}
