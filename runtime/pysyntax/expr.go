package pysyntax

import (
	"strings"
)

// expression applies the token-level rewrites of Python expressions that the
// Starlark parser cannot read: number spellings, `...`, `is`, `**`, chained
// comparisons and set displays.
func (ps *passState) expression(toks []token) ([]token, error) {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == tNumber:
			if strings.HasSuffix(t.text, "j") || strings.HasSuffix(t.text, "J") {
				return nil, ps.errAt(t, "complex numbers are not supported by starproc")
			}
			t.text = strings.ReplaceAll(t.text, "_", "")
			if len(t.text) > 1 && t.text[0] == '0' && t.text[1] >= '0' && t.text[1] <= '9' && strings.Trim(t.text, "0") != "" &&
				!strings.ContainsAny(t.text, ".eE") {
				return nil, ps.errAt(t, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
			}
		case t.isOp("..."):
			t = synth("None", t)
		case t.isName("is"):
			// `is` and `is not` compare by value: starproc has no object
			// identity to offer, and scripts use them with None, True and False.
			if i+1 < len(toks) && toks[i+1].isName("not") {
				t = synth("!=", t)
				i++
			} else {
				t = synth("==", t)
			}
			t.kind = tOp
		case t.isOp("**") && i > 0 && endsOperand(toks[i-1]):
			// kept here; rewritten below once operands are known
		}
		out = append(out, t)
	}
	out, err := ps.power(out)
	if err != nil {
		return nil, err
	}
	out, err = ps.chainedComparisons(out)
	if err != nil {
		return nil, err
	}
	if err := ps.refuseUnpacking(out); err != nil {
		return nil, err
	}
	return starArgsLast(generators(ps.setDisplays(out))), nil
}

// generators turns generator expressions into list comprehensions:
// sum(x for x in xs) -> sum([x for x in xs]), (c for c in s) -> [c for c in s].
// The values are the same; only laziness is lost.
func generators(toks []token) []token {
	for i := 0; i < len(toks); i++ {
		if !toks[i].isOp("(") {
			continue
		}
		end := matchForward(toks, i)
		if end < 0 {
			continue
		}
		hasFor, hasComma := false, false
		depth := 0
		for j := i + 1; j < end; j++ {
			t := toks[j]
			switch {
			case t.kind == tOp && strings.Contains("([{", t.text):
				depth++
			case t.kind == tOp && strings.Contains(")]}", t.text):
				depth--
			case depth == 0 && t.isName("for"):
				hasFor = true
			case depth == 0 && t.isOp(","):
				hasComma = true
			}
		}
		if !hasFor {
			continue
		}
		isCall := i > 0 && endsOperand(toks[i-1]) && !(toks[i-1].kind == tName && pyKeywords[toks[i-1].text])
		switch {
		case isCall && !hasComma:
			open, close := floating("[", toks[i]), floating("]", toks[end])
			toks = append(toks[:end], append([]token{close}, toks[end:]...)...)
			toks = append(toks[:i+1], append([]token{open}, toks[i+1:]...)...)
		case !isCall:
			toks[i].text, toks[end].text = "[", "]"
		}
	}
	return toks
}

// refuseUnpacking refuses the star forms Starlark lacks, by name, rather
// than with the parser's bare "invalid syntax".
func (ps *passState) refuseUnpacking(toks []token) error {
	var stack []token // open brackets, and whether each is a call
	var calls []bool
	for i, t := range toks {
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			stack = append(stack, t)
			calls = append(calls, i > 0 && endsOperand(toks[i-1]) && !(toks[i-1].kind == tName && pyKeywords[toks[i-1].text]))
			continue
		case ")", "]", "}":
			if len(stack) > 0 {
				stack, calls = stack[:len(stack)-1], calls[:len(calls)-1]
			}
			continue
		case "*", "**":
		default:
			continue
		}
		if i > 0 && endsOperand(toks[i-1]) {
			continue // a binary operator
		}
		if len(stack) == 0 {
			if i == 0 || toks[i-1].isOp(",") || toks[i-1].isOp("=") {
				return ps.errAt(t, "starred assignment (a, *rest = ...) is not supported by starproc")
			}
			continue
		}
		if calls[len(calls)-1] {
			continue // f(*args, **kwargs)
		}
		open := stack[len(stack)-1]
		if open.isOp("(") && i >= 2 && toks[i-2].isName("def") || open.isOp("(") && isParamList(toks, i) {
			continue
		}
		if t.text == "**" && open.isOp("{") || t.text == "*" && (open.isOp("[") || open.isOp("{") || open.isOp("(")) {
			return ps.errAt(t, "unpacking with %s inside a display (%s) is not supported by starproc", t.text, map[string]string{"*": "[*a, *b]", "**": "{**a, **b}"}[t.text])
		}
	}
	return nil
}

// isParamList reports whether the star at toks[i] is in a def's parameter list.
func isParamList(toks []token, i int) bool {
	depth := 0
	for j := i; j >= 0; j-- {
		t := toks[j]
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case ")", "]", "}":
			depth++
		case "(", "[", "{":
			if depth == 0 {
				return j >= 2 && toks[j-2].isName("def")
			}
			depth--
		}
	}
	return false
}

// starArgsLast reorders call arguments so that *args come after keyword
// arguments: Python allows print(*xs, sep=', '), Starlark wants
// print(sep=', ', *xs).
func starArgsLast(toks []token) []token {
	for i := 1; i < len(toks); i++ {
		if !toks[i].isOp("(") || !endsOperand(toks[i-1]) || toks[i-1].kind == tName && pyKeywords[toks[i-1].text] ||
			i >= 2 && toks[i-2].isName("def") {
			continue
		}
		end := matchForward(toks, i)
		if end < 0 {
			continue
		}
		args := split(toks[i+1:end], ",")
		var plain, named, star, starstar [][]token
		sawStar, needs := false, false
		for _, a := range args {
			switch {
			case len(a) == 0:
			case a[0].isOp("**"):
				starstar = append(starstar, a)
			case a[0].isOp("*"):
				star = append(star, a)
				sawStar = true
			case len(a) > 1 && a[0].kind == tName && a[1].isOp("="):
				named = append(named, a)
				needs = needs || sawStar
			default:
				plain = append(plain, a)
			}
		}
		if !needs {
			continue
		}
		var inner []token
		for _, group := range [][][]token{plain, named, star, starstar} {
			for _, a := range group {
				if len(inner) > 0 {
					inner = append(inner, floating(",", a[0]))
				}
				inner = append(inner, a...)
			}
		}
		toks = append(append(append(append([]token(nil), toks[:i+1]...), inner...), toks[end]), toks[end+1:]...)
	}
	return toks
}

// endsOperand reports whether t can be the last token of an operand, so that
// a following `**` or `*` is a binary operator.
func endsOperand(t token) bool {
	switch t.kind {
	case tNumber, tString:
		return true
	case tName:
		return !pyKeywords[t.text] || t.text == "None" || t.text == "True" || t.text == "False"
	case tOp:
		return t.text == ")" || t.text == "]" || t.text == "}"
	}
	return false
}

// power rewrites a ** b into __pow__(a, b), rightmost first, so that
// a ** b ** c is pow(a, pow(b, c)) as in Python.
func (ps *passState) power(toks []token) ([]token, error) {
	for {
		k := -1
		for i := len(toks) - 1; i > 0; i-- {
			if toks[i].isOp("**") && endsOperand(toks[i-1]) {
				k = i
				break
			}
		}
		if k < 0 {
			return toks, nil
		}
		l := primaryStart(toks, k-1)
		r := operandEnd(toks, k+1)
		if l < 0 || r < 0 {
			return nil, ps.errAt(toks[k], "invalid syntax")
		}
		repl := []token{synth(PowFunc, toks[l]), floating("(", toks[l])}
		repl = append(repl, toks[l:k]...)
		repl = append(repl, floating(",", toks[k]))
		repl = append(repl, toks[k+1:r+1]...)
		repl = append(repl, floating(")", toks[r]))
		toks = append(append(append([]token(nil), toks[:l]...), repl...), toks[r+1:]...)
	}
}

// primaryStart returns the index of the first token of the primary
// expression (atom and trailers) that ends at toks[end].
func primaryStart(toks []token, end int) int {
	i := end
	for {
		t := toks[i]
		if t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}") {
			open := matchBackward(toks, i)
			if open < 0 {
				return -1
			}
			i = open
			// A call or subscript trailer continues the primary leftwards.
			if i > 0 && t.text != "}" && endsOperand(toks[i-1]) {
				i--
				continue
			}
		}
		if i > 1 && toks[i-1].isOp(".") {
			i -= 2
			continue
		}
		return i
	}
}

// operandEnd returns the index of the last token of the unary/power operand
// that starts at toks[start].
func operandEnd(toks []token, start int) int {
	i := start
	for i < len(toks) && toks[i].kind == tOp && (toks[i].text == "-" || toks[i].text == "+" || toks[i].text == "~") {
		i++
	}
	if i >= len(toks) {
		return -1
	}
	// the atom
	t := toks[i]
	switch {
	case t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{"):
		i = matchForward(toks, i)
		if i < 0 {
			return -1
		}
	case t.kind == tName && t.text == "await", t.kind == tOp:
		return -1
	}
	// trailers
	for i+1 < len(toks) {
		n := toks[i+1]
		switch {
		case n.isOp("(") || n.isOp("["):
			i = matchForward(toks, i+1)
			if i < 0 {
				return -1
			}
		case n.isOp(".") && i+2 < len(toks) && toks[i+2].kind == tName:
			i += 2
		default:
			return i
		}
	}
	return i
}

func isComparison(toks []token, i int) (n int) {
	t := toks[i]
	switch {
	case t.kind == tOp && (t.text == "<" || t.text == ">" || t.text == "==" || t.text == ">=" || t.text == "<=" || t.text == "!="):
		return 1
	case t.isName("in"):
		return 1
	case t.isName("not") && i+1 < len(toks) && toks[i+1].isName("in"):
		return 2
	}
	return 0
}

// isBoundary reports whether toks[i] ends a comparison chain's operand.
func isBoundary(toks []token, i int) bool {
	t := toks[i]
	if t.kind == tOp {
		switch t.text {
		case ",", ":", "=", ";", "(", ")", "[", "]", "{", "}", "+=", "-=", "*=", "/=", "//=", "%=", "->":
			return true
		}
		return false
	}
	if t.kind == tName {
		switch t.text {
		case "and", "or", "if", "else", "lambda", "for", "return", "assert", "while", "elif", "del", "yield", "print":
			return true
		case "not":
			return !(i+1 < len(toks) && toks[i+1].isName("in"))
		}
	}
	return false
}

// chainedComparisons rewrites a < b < c into (a < b and b < c). The middle
// operand is evaluated twice, so it must not contain a call.
func (ps *passState) chainedComparisons(toks []token) ([]token, error) {
	for i := 0; i < len(toks); i++ {
		if isComparison(toks, i) == 0 {
			continue
		}
		start, end := segment(toks, i)
		var ops []int
		for j := start; j < end; j++ {
			if t := toks[j]; t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{") {
				j = matchForward(toks, j)
				if j < 0 {
					return toks, nil
				}
				continue
			}
			if n := isComparison(toks, j); n > 0 {
				ops = append(ops, j)
				j += n - 1
			}
		}
		if len(ops) < 2 {
			i = end
			continue
		}
		var err error
		if toks, err = ps.rewriteChain(toks, start, end, ops); err != nil {
			return nil, err
		}
		i = start
	}
	return toks, nil
}

// segment returns the extent [start, end) of the comparison chain around the
// comparison operator at toks[i], skipping bracketed groups.
func segment(toks []token, i int) (start, end int) {
	start = 0
	for j := i - 1; j >= 0; j-- {
		t := toks[j]
		if t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}") {
			if j = matchBackward(toks, j); j < 0 {
				return i, i
			}
			continue
		}
		if t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{") || isBoundary(toks, j) {
			start = j + 1
			break
		}
	}
	if start > 0 && toks[start-1].isName("for") {
		// the target of a for clause ends at its `in`
		for j := start; j < i; j++ {
			if toks[j].isName("in") {
				start = j + 1
				break
			}
		}
		if start <= i && toks[i].isName("in") {
			return i + 1, i + 1
		}
	}
	end = len(toks)
	for j := i + 1; j < len(toks); j++ {
		t := toks[j]
		if t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{") {
			if j = matchForward(toks, j); j < 0 {
				return i, i
			}
			continue
		}
		if t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}") || isBoundary(toks, j) {
			end = j
			break
		}
	}
	return start, end
}

func (ps *passState) rewriteChain(toks []token, start, end int, ops []int) ([]token, error) {
	opLen := func(i int) int { return isComparison(toks, i) }
	var operands [][]token
	prev := start
	for _, o := range ops {
		operands = append(operands, toks[prev:o])
		prev = o + opLen(o)
	}
	operands = append(operands, toks[prev:end])
	for _, mid := range operands[1 : len(operands)-1] {
		for j, t := range mid {
			if t.isOp("(") && j > 0 && endsOperand(mid[j-1]) {
				return nil, ps.errAt(t, "a chained comparison whose middle operand calls a function is not supported by starproc; compare in two steps")
			}
		}
	}
	at := toks[start]
	repl := []token{synth("(", at)}
	repl[0].kind = tOp
	for k, o := range ops {
		if k > 0 {
			repl = append(repl, floating("and", at))
		}
		repl = append(repl, operands[k]...)
		repl = append(repl, toks[o:o+opLen(o)]...)
		repl = append(repl, operands[k+1]...)
	}
	repl = append(repl, floating(")", toks[end-1]))
	return append(append(append([]token(nil), toks[:start]...), repl...), toks[end:]...), nil
}

// setDisplays rewrites {a, b} and {x for x in y} into set([...]); Starlark
// has sets but no set displays.
func (ps *passState) setDisplays(toks []token) []token {
	for i := 0; i < len(toks); i++ {
		if !toks[i].isOp("{") {
			continue
		}
		end := matchForward(toks, i)
		if end < 0 || end == i+1 {
			continue
		}
		isDict := false
		depth := 0
		for j := i + 1; j < end; j++ {
			t := toks[j]
			if t.kind != tOp {
				continue
			}
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case ":", "**":
				if depth == 0 {
					isDict = true
				}
			}
			if t.isName("lambda") {
				break
			}
		}
		if isDict {
			continue
		}
		open := synth("set", toks[i])
		close := toks[end]
		repl := []token{open, floating("(", toks[i]), floating("[", toks[i])}
		repl = append(repl, toks[i+1:end]...)
		c1 := close
		c1.text = "]"
		repl = append(repl, c1, floating(")", close))
		toks = append(append(append([]token(nil), toks[:i]...), repl...), toks[end+1:]...)
	}
	return toks
}
