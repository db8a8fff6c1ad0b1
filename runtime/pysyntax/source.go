package pysyntax

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// passState carries one run of the source pass over one file.
type passState struct {
	filename string
	lines    []string // the source's physical lines, for indentation
	opts     *Options
	blocks   []block // open compound statements, for loop-else detection
	tmp      int     // counter for made-up names
	// spans, when not nil, records where render puts each of the user's
	// tokens (see Spans).
	spans *posMap
}

type block struct {
	indent int
	kw     string
	line   int
}

func (ps *passState) errAt(t token, format string, args ...any) error {
	return &SyntaxError{Filename: ps.filename, Line: t.line, Col: t.col, Msg: fmt.Sprintf(format, args...)}
}

func synth(text string, at token) token {
	kind := tOp
	if text != "" && (text[0] == '_' || text[0] >= 'a' && text[0] <= 'z' || text[0] >= 'A' && text[0] <= 'Z') {
		kind = tName
	}
	return token{kind: kind, text: text, line: at.line, col: at.col, cont: at.cont} // no end: not the user's text
}

// floating returns a made-up token with no column of its own.
func floating(text string, at token) token {
	t := synth(text, at)
	t.col = 0
	t.cont = false
	return t
}

// sourcePass rewrites Python source into Starlark source, line for line.
func sourcePass(filename, src string, opts *Options, spans *posMap) (string, error) {
	ps := &passState{filename: filename, lines: strings.Split(src, "\n"), opts: opts, spans: spans}
	toks, err := tokenize(filename, src)
	if err != nil {
		return "", err
	}
	toks, err = ps.rewriteStrings(toks)
	if err != nil {
		return "", err
	}
	out := make([]token, 0, len(toks)+len(toks)/8)
	for len(toks) > 0 {
		end := 0
		for toks[end].kind != tNewline && toks[end].kind != tEOF {
			end++
		}
		if end > 0 {
			stmt, err := ps.statement(toks[:end])
			if err != nil {
				return "", err
			}
			out = append(out, stmt...)
		}
		out = append(out, toks[end])
		if toks[end].kind == tEOF {
			break
		}
		toks = toks[end+1:]
	}
	return ps.render(out), nil
}

// rewriteStrings replaces every run of adjacent string literals by one token.
func (ps *passState) rewriteStrings(toks []token) ([]token, error) {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); {
		if toks[i].kind != tString {
			out = append(out, toks[i])
			i++
			continue
		}
		j := i
		for j < len(toks) && toks[j].kind == tString {
			j++
		}
		text, err := ps.rewriteStringRun(toks[i:j])
		if err != nil {
			return nil, err
		}
		t := toks[i]
		t.text = text
		t.endLine, t.endCol = toks[j-1].endLine, toks[j-1].endCol
		if strings.HasPrefix(text, "__fstr__(") {
			t.kind = tName // an expression now; renders like a word
		}
		out = append(out, t)
		i = j
	}
	return out, nil
}

// rewriteExprText rewrites the Python expression of an f-string field.
func (ps *passState) rewriteExprText(text string, at token, line int) (string, error) {
	toks, err := tokenize(ps.filename, "("+text+")")
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.Line, se.Col = at.line, at.col
		}
		return "", err
	}
	for i := range toks {
		toks[i].line, toks[i].col, toks[i].cont = line, 0, false
	}
	toks, err = ps.rewriteStrings(toks)
	if err != nil {
		return "", err
	}
	toks = toks[:len(toks)-2] // tNewline, tEOF
	toks, err = ps.expression(toks)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && needSpace(b.String(), t.text) {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String(), nil
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '"' || c == '\'' || c >= 0x80
}

func needSpace(out, next string) bool {
	if out == "" || next == "" {
		return false
	}
	return isWordByte(out[len(out)-1]) && isWordByte(next[0])
}

// render writes tokens back as text, each on its source line and, where the
// rewrite left room, at its source column, so that Starlark's positions are
// the user's.
func (ps *passState) render(toks []token) string {
	var b strings.Builder
	outLine, outCol := 1, 1
	atBOL := true
	depth := 0
	last := ""
	for _, t := range toks {
		switch t.kind {
		case tEOF:
			continue
		case tNewline:
			b.WriteByte('\n')
			outLine++
			outCol = 1
			atBOL = true
			depth = 0
			last = ""
			continue
		}
		switch {
		case atBOL:
			for outLine < t.line {
				b.WriteByte('\n')
				outLine++
			}
			indent := ""
			if t.line-1 < len(ps.lines) {
				l := ps.lines[t.line-1]
				indent = l[:len(l)-len(strings.TrimLeft(l, " \t\f"))]
			}
			b.WriteString(indent)
			outCol = 1 + utf8.RuneCountInString(indent)
			atBOL = false
		case t.line > outLine && t.col > 0 && (depth > 0 || t.cont):
			if depth == 0 {
				b.WriteString(" \\")
			}
			for outLine < t.line {
				b.WriteByte('\n')
				outLine++
			}
			b.WriteString(strings.Repeat(" ", t.col-1))
			outCol = t.col
		case t.col > outCol && t.line == outLine:
			b.WriteString(strings.Repeat(" ", t.col-outCol))
			outCol = t.col
		case needSpace(last, t.text):
			b.WriteByte(' ')
			outCol++
		}
		b.WriteString(t.text)
		startLine, startCol := outLine, outCol
		if n := strings.Count(t.text, "\n"); n > 0 {
			outLine += n
			outCol = 1 + utf8.RuneCountInString(t.text[strings.LastIndexByte(t.text, '\n')+1:])
		} else {
			outCol += utf8.RuneCountInString(t.text)
		}
		if ps.spans != nil && t.col > 0 && t.endLine > 0 {
			ps.spans.start[Pos{startLine, startCol}] = Pos{t.line, t.col}
			ps.spans.end[Pos{outLine, outCol}] = Pos{int(t.endLine), int(t.endCol)}
		}
		last = t.text
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
		}
	}
	return b.String()
}

// Constructs refused at the start of a statement, with what to say.
var refusedStatements = map[string]string{
	"class":    "class definitions are not supported by starproc",
	"try":      "'try' statements are not supported by starproc (there is no exception handling)",
	"except":   "'except' clauses are not supported by starproc (there is no exception handling)",
	"finally":  "'finally' clauses are not supported by starproc (there is no exception handling)",
	"raise":    "'raise' statements are not supported by starproc (there is no exception handling)",
	"nonlocal": "'nonlocal' statements are not supported by starproc",
	"async":    "'async' functions and statements are not supported by starproc",
	"await":    "'await' expressions are not supported by starproc",
	"yield":    "'yield' (generators) is not supported by starproc",
	"@":        "decorators are not supported by starproc",
	"match":    "",
}

// statement rewrites one logical line (without its NEWLINE): each of its
// simple statements separated by ';'.
func (ps *passState) statement(line []token) ([]token, error) {
	parts := split(line, ";")
	if len(parts) == 1 {
		return ps.simpleStatement(line)
	}
	var out []token
	for i, part := range parts {
		if len(part) == 0 {
			continue
		}
		stmt, err := ps.simpleStatement(part)
		if err != nil {
			return nil, err
		}
		if i > 0 && len(out) > 0 {
			out = append(out, floating(";", part[0]))
		}
		out = append(out, stmt...)
	}
	return out, nil
}

func (ps *passState) simpleStatement(line []token) ([]token, error) {
	first := line[0]
	forLine, err := ps.trackBlocks(line)
	if err != nil {
		return nil, err
	}
	if forLine > 0 {
		// for ... else:  ->  the loop records whether it ran to its end,
		// and the else clause becomes  if __forelse__(LINE):  (AST pass).
		cond := []token{synth("if", first), floating(ForElseFunc, first), floating("(", first),
			floating(strconv.Itoa(forLine), first), floating(")", first)}
		cond[3].kind = tNumber
		line = append(cond, line[1:]...)
		first = line[0]
	}
	if msg, ok := refusedStatements[first.text]; ok && msg != "" && (first.kind == tName || first.text == "@") {
		return nil, ps.errAt(first, "%s", msg)
	}
	for _, t := range line {
		if t.kind == tName && (t.text == "yield" || t.text == "await") {
			return nil, ps.errAt(t, "%s", refusedStatements[t.text])
		}
		if t.isOp(":=") {
			return nil, ps.errAt(t, "assignment expressions (:=) are not supported by starproc")
		}
	}
	if first.kind == tName {
		switch first.text {
		case "import":
			return ps.importStmt(line)
		case "from":
			return ps.fromImport(line)
		case "global":
			return ps.globalStmt(line)
		case "with":
			line, err = ps.withStmt(line)
		case "del":
			return ps.delStmt(line)
		case "assert":
			line, err = ps.assertStmt(line)
		case "print":
			if len(line) > 1 && (line[1].kind == tString || line[1].kind == tNumber ||
				line[1].kind == tName && !pyKeywords[line[1].text]) {
				return nil, ps.errAt(first, "Missing parentheses in call to 'print'. Did you mean print(...)?")
			}
		case "def":
			line, err = ps.stripAnnotations(line)
		default:
			if len(line) > 1 && line[1].isOp(":") && !pyKeywords[first.text] {
				line = annotatedAssign(line)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if line, err = ps.assignForms(line); err != nil {
		return nil, err
	}
	line, err = ps.expression(line)
	if err != nil {
		return nil, err
	}
	return ps.chainedAssign(line), nil
}

// assignForms handles assignment spellings Starlark lacks: x **= y, a
// tuple with a trailing comma (x = 1,), and refuses slice assignment.
func (ps *passState) assignForms(line []token) ([]token, error) {
	for i, t := range line {
		if t.isOp("**=") && i > 0 {
			target := line[:i]
			out := append([]token(nil), target...)
			out = append(out, floating("=", t), floating(PowFunc, t), floating("(", t))
			out = append(out, target...)
			out = append(out, floating(",", t))
			out = append(out, line[i+1:]...)
			return append(out, floating(")", t)), nil
		}
	}
	parts := split(line, "=")
	if len(parts) >= 2 {
		for _, target := range parts[:len(parts)-1] {
			if n := len(target); n > 2 && target[n-1].isOp("]") {
				open := matchBackward(target, n-1)
				if open > 0 && len(split(target[open+1:n-1], ":")) > 1 {
					return nil, ps.errAt(target[open], "slice assignment (a[i:j] = ...) is not supported by starproc")
				}
			}
		}
	}
	// x = 1,   and   return 1,
	last := parts[len(parts)-1]
	if n := len(last); n > 1 && last[n-1].isOp(",") && (len(parts) >= 2 || line[0].isName("return")) {
		start := 0
		if len(parts) == 1 {
			start = 1 // after return
		}
		body := last[start:]
		wrapped := append([]token{floating("(", body[0])}, body...)
		wrapped = append(wrapped, floating(")", body[len(body)-1]))
		prefix := line[:len(line)-len(last)+start]
		return append(append([]token(nil), prefix...), wrapped...), nil
	}
	return line, nil
}

// trackBlocks keeps the stack of open compound statements by indentation, to
// refuse the else clause of a loop, which Starlark lacks.
// It returns the line of the for loop whose else clause this line opens, or 0.
func (ps *passState) trackBlocks(line []token) (forLine int, err error) {
	first := line[0]
	indent := first.col
	if first.text == "else" && first.kind == tName {
		for i := len(ps.blocks) - 1; i >= 0; i-- {
			if ps.blocks[i].indent == indent {
				switch ps.blocks[i].kw {
				case "while":
					return 0, ps.errAt(first, "'else' after a 'while' loop is not supported by starproc")
				case "for":
					forLine = ps.blocks[i].line
				}
				break
			}
		}
	}
	for len(ps.blocks) > 0 && ps.blocks[len(ps.blocks)-1].indent >= indent {
		ps.blocks = ps.blocks[:len(ps.blocks)-1]
	}
	if first.kind == tName {
		ps.blocks = append(ps.blocks, block{indent, first.text, first.line})
	}
	return forLine, nil
}

// split splits toks at top-level occurrences of the operator sep.
func split(toks []token, sep string) [][]token {
	var parts [][]token
	depth, start := 0, 0
	for i, t := range toks {
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
			if depth == 0 && t.text == sep {
				parts = append(parts, toks[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, toks[start:])
}

func joinText(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		if needSpace(b.String(), t.text) {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// dotted reads a dotted module name from toks, returning it and the rest.
func (ps *passState) dotted(toks []token, at token) (string, []token, error) {
	var parts []string
	for {
		if len(toks) == 0 || toks[0].kind != tName {
			return "", nil, ps.errAt(at, "invalid syntax")
		}
		parts = append(parts, toks[0].text)
		toks = toks[1:]
		if len(toks) == 0 || !toks[0].isOp(".") {
			return strings.Join(parts, "."), toks, nil
		}
		toks = toks[1:]
	}
}

// importStmt: import a.b [as c], d  ->  a = __import__("a.b"); c = ...
func (ps *passState) importStmt(line []token) ([]token, error) {
	var stmts []string
	for _, item := range split(line[1:], ",") {
		name, rest, err := ps.dotted(item, line[0])
		if err != nil {
			return nil, err
		}
		switch {
		case len(rest) == 0:
			top, _, _ := strings.Cut(name, ".")
			stmts = append(stmts, fmt.Sprintf("%s = __import__(%q)", top, name))
		case len(rest) == 2 && rest[0].isName("as") && rest[1].kind == tName:
			stmts = append(stmts, fmt.Sprintf("%s = __import_module__(%q)", rest[1].text, name))
		default:
			return nil, ps.errAt(rest[0], "invalid syntax")
		}
	}
	return []token{synth(strings.Join(stmts, "; "), line[0])}, nil
}

// fromImport: from m import x, y as z  ->  x, z = __import_from__("m", "x", "y")
func (ps *passState) fromImport(line []token) ([]token, error) {
	rest := line[1:]
	if len(rest) > 0 && rest[0].isOp(".") {
		return nil, ps.errAt(rest[0], "relative imports are not supported by starproc")
	}
	mod, rest, err := ps.dotted(rest, line[0])
	if err != nil {
		return nil, err
	}
	if len(rest) == 0 || !rest[0].isName("import") {
		return nil, ps.errAt(line[0], "invalid syntax")
	}
	rest = rest[1:]
	if mod == "__future__" {
		return []token{synth("pass", line[0])}, nil
	}
	if len(rest) == 1 && rest[0].isOp("*") {
		var names []string
		if ps.opts.ModuleMembers != nil {
			names = ps.opts.ModuleMembers(mod)
		}
		var public []string
		for _, n := range names {
			if !strings.HasPrefix(n, "_") {
				public = append(public, n)
			}
		}
		if len(public) == 0 {
			// Unknown module: let the import fail at run time, in Python's words.
			return []token{synth(fmt.Sprintf("__import__(%q)", mod), line[0])}, nil
		}
		rest = nil
		for i, n := range public {
			if i > 0 {
				rest = append(rest, floating(",", line[0]))
			}
			rest = append(rest, floating(n, line[0]))
		}
	}
	if len(rest) > 0 && rest[0].isOp("(") && rest[len(rest)-1].isOp(")") {
		rest = rest[1 : len(rest)-1]
	}
	var targets, names []string
	for _, item := range split(rest, ",") {
		switch {
		case len(item) == 0:
			continue // trailing comma
		case len(item) == 1 && item[0].kind == tName:
			targets = append(targets, item[0].text)
			names = append(names, strconv.Quote(item[0].text))
		case len(item) == 3 && item[0].kind == tName && item[1].isName("as") && item[2].kind == tName:
			targets = append(targets, item[2].text)
			names = append(names, strconv.Quote(item[0].text))
		default:
			return nil, ps.errAt(item[0], "invalid syntax")
		}
	}
	if len(targets) == 0 {
		return nil, ps.errAt(line[0], "invalid syntax")
	}
	lhs := strings.Join(targets, ", ")
	if len(targets) == 1 {
		lhs = targets[0]
	}
	text := fmt.Sprintf("%s = __import_from__(%q, %s)", lhs, mod, strings.Join(names, ", "))
	return []token{synth(text, line[0])}, nil
}

// globalStmt: global x, y  ->  __global__("x", "y"), consumed by the AST pass.
func (ps *passState) globalStmt(line []token) ([]token, error) {
	var names []string
	for _, item := range split(line[1:], ",") {
		if len(item) != 1 || item[0].kind != tName {
			return nil, ps.errAt(line[0], "invalid syntax")
		}
		names = append(names, strconv.Quote(item[0].text))
	}
	return []token{synth("__global__("+strings.Join(names, ", ")+")", line[0])}, nil
}

// withStmt: with A as a, B:  ->  for (a, __with_1) in __with__(A, B):
// The one-shot loop's iterator enters the managers and its Done, which
// Starlark calls however the loop ends, exits them.
func (ps *passState) withStmt(line []token) ([]token, error) {
	colon := -1
	depth := 0
	for i, t := range line {
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case ":":
				if depth == 0 {
					colon = i
				}
			}
		}
		if colon >= 0 {
			break
		}
	}
	if colon < 0 {
		return nil, ps.errAt(line[0], "expected ':'")
	}
	items := line[1:colon]
	if len(items) > 1 && items[0].isOp("(") && items[len(items)-1].isOp(")") {
		inner := items[1 : len(items)-1]
		for _, t := range inner {
			if t.isName("as") {
				items = inner
				break
			}
		}
	}
	var targets [][]token
	var exprs [][]token
	for _, item := range split(items, ",") {
		if len(item) == 0 {
			continue
		}
		as := -1
		depth := 0
		for i, t := range item {
			if t.kind == tOp && strings.Contains("([{", t.text) {
				depth++
			} else if t.kind == tOp && strings.Contains(")]}", t.text) {
				depth--
			} else if depth == 0 && t.isName("as") {
				as = i
			}
		}
		if as < 0 {
			ps.tmp++
			targets = append(targets, []token{floating(fmt.Sprintf("__with_%d", ps.tmp), line[0])})
			exprs = append(exprs, item)
		} else {
			targets = append(targets, item[as+1:])
			exprs = append(exprs, item[:as])
		}
	}
	out := []token{synth("for", line[0])}
	if len(targets) > 1 {
		out = append(out, floating("(", line[0]))
	}
	for i, t := range targets {
		if i > 0 {
			out = append(out, floating(",", line[0]))
		}
		out = append(out, t...)
	}
	if len(targets) > 1 {
		out = append(out, floating(")", line[0]))
	}
	out = append(out, floating("in", line[0]), floating("__with__", line[0]), floating("(", line[0]))
	for i, e := range exprs {
		if i > 0 {
			out = append(out, floating(",", line[0]))
		}
		out = append(out, e...)
	}
	out = append(out, floating(")", line[0]))
	return append(out, line[colon:]...), nil
}

// delStmt: del d[k], l[i]  ->  __delitem__(d, k); __delitem__(l, i)
func (ps *passState) delStmt(line []token) ([]token, error) {
	var out []token
	for _, target := range split(line[1:], ",") {
		if len(target) < 4 || !target[len(target)-1].isOp("]") {
			at := line[0]
			if len(target) > 0 {
				at = target[0]
			}
			return nil, ps.errAt(at, "'del' is supported only for items (del d[key]), not for names or attributes")
		}
		open := matchBackward(target, len(target)-1)
		if open <= 0 {
			return nil, ps.errAt(target[0], "invalid syntax")
		}
		if len(split(target[open+1:len(target)-1], ":")) > 1 {
			return nil, ps.errAt(target[open], "deleting a slice (del a[i:j]) is not supported by starproc")
		}
		if len(out) > 0 {
			out = append(out, floating(";", line[0]))
		}
		call := synth("__delitem__", target[0])
		if len(out) > 0 {
			call = floating("__delitem__", target[0])
		}
		out = append(out, call, floating("(", target[0]))
		out = append(out, target[:open]...)
		out = append(out, floating(",", target[0]))
		out = append(out, target[open+1:len(target)-1]...)
		out = append(out, floating(")", target[0]))
	}
	return ps.expression(out)
}

// assertStmt: assert cond, msg  ->  __assert__(cond, msg)
func (ps *passState) assertStmt(line []token) ([]token, error) {
	parts := split(line[1:], ",")
	if len(parts) > 2 || len(parts[0]) == 0 {
		return nil, ps.errAt(line[0], "invalid syntax")
	}
	out := []token{synth("__assert__", line[0]), floating("(", line[0])}
	out = append(out, parts[0]...)
	if len(parts) == 2 {
		out = append(out, floating(",", line[0]))
		out = append(out, parts[1]...)
	}
	return append(out, floating(")", line[0])), nil
}

// stripAnnotations removes parameter and return annotations from a def line.
func (ps *passState) stripAnnotations(line []token) ([]token, error) {
	open := -1
	for i, t := range line {
		if t.isOp("(") {
			open = i
			break
		}
	}
	if open < 0 {
		return line, nil
	}
	close := matchForward(line, open)
	if close < 0 {
		return line, nil
	}
	out := append([]token(nil), line[:open+1]...)
	for i, param := range split(line[open+1:close], ",") {
		if i > 0 {
			out = append(out, floating(",", line[0]))
		}
		// name [: annotation] [= default]
		j := 0
		for j < len(param) && param[j].kind == tOp && (param[j].text == "*" || param[j].text == "**") {
			j++
		}
		if j+1 < len(param) && param[j].kind == tName && param[j+1].isOp(":") {
			eq := -1
			depth := 0
			for k := j + 2; k < len(param); k++ {
				t := param[k]
				if t.kind == tOp && strings.Contains("([{", t.text) {
					depth++
				} else if t.kind == tOp && strings.Contains(")]}", t.text) {
					depth--
				} else if depth == 0 && t.isOp("=") {
					eq = k
					break
				}
			}
			out = append(out, param[:j+1]...)
			if eq >= 0 {
				out = append(out, param[eq:]...)
			}
			continue
		}
		if len(param) > 0 && param[0].isOp("/") {
			return nil, ps.errAt(param[0], "positional-only parameters ('/') are not supported by starproc")
		}
		out = append(out, param...)
	}
	out = append(out, line[close])
	rest := line[close+1:]
	if len(rest) > 0 && rest[0].isOp("->") {
		k := 1
		depth := 0
		for ; k < len(rest); k++ {
			t := rest[k]
			if t.kind == tOp && strings.Contains("([{", t.text) {
				depth++
			} else if t.kind == tOp && strings.Contains(")]}", t.text) {
				depth--
			} else if depth == 0 && t.isOp(":") {
				break
			}
		}
		rest = rest[k:]
	}
	return append(out, rest...), nil
}

// annotatedAssign: x: int = 5  ->  x = 5;  x: int  ->  pass
func annotatedAssign(line []token) []token {
	for i := 2; i < len(line); i++ {
		if line[i].isOp("=") {
			return append([]token{line[0]}, line[i:]...)
		}
	}
	return []token{synth("pass", line[0])}
}

// chainedAssign: a = b = expr  ->  __chain_N = expr; a = __chain_N; b = __chain_N
func (ps *passState) chainedAssign(line []token) []token {
	parts := split(line, "=")
	if len(parts) < 3 {
		return line
	}
	for _, p := range parts {
		if len(p) == 0 {
			return line
		}
	}
	if p := parts[0]; p[0].kind == tName && (p[0].text == "def" || p[0].text == "lambda" || p[0].text == "for" ||
		p[0].text == "if" || p[0].text == "while" || p[0].text == "return") {
		return line
	}
	ps.tmp++
	tmp := fmt.Sprintf("__chain_%d", ps.tmp)
	value := parts[len(parts)-1]
	out := []token{synth(tmp, line[0]), floating("=", line[0])}
	out = append(out, value...)
	for _, target := range parts[:len(parts)-1] {
		out = append(out, floating(";", line[0]))
		out = append(out, target...)
		out = append(out, floating("=", line[0]), floating(tmp, line[0]))
	}
	return out
}

func matchForward(toks []token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		if toks[j].kind != tOp {
			continue
		}
		switch toks[j].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

func matchBackward(toks []token, i int) int {
	depth := 0
	for j := i; j >= 0; j-- {
		if toks[j].kind != tOp {
			continue
		}
		switch toks[j].text {
		case ")", "]", "}":
			depth++
		case "(", "[", "{":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}
