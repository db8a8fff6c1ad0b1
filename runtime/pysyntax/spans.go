package pysyntax

import (
	"go.starlark.net/syntax"
)

// Pos is a position in a source text: a 1-based line and a 1-based rune
// column.
type Pos struct{ Line, Col int }

// SpanKind says how CPython 3.11 marks an expression under a traceback's
// source line.
type SpanKind int

const (
	// Plain expressions (calls, attributes, names, comparisons) are marked
	// with ^ from end to end.
	Plain SpanKind = iota
	// Binary arithmetic is marked ~ under its operands and ^ under its
	// operator.
	Binary
	// Subscripts are marked ~ under the value and ^ under [index].
	Subscript
	// Unmarked expressions get no marks at all: CPython reports them at a
	// statement that spans several lines (a for loop's iterable).
	Unmarked
)

// A Span is the extent in the user's source of the expression a traceback
// frame stopped at, as CPython's compiler records it for the instruction.
type Span struct {
	Kind       SpanKind
	Start, End Pos // End is just past the last character
	// LeftEnd is where a binary operation's left operand or a subscript's
	// value ends; the operator or [ follows it. RightStart is where a
	// binary operation's right operand starts.
	LeftEnd, RightStart Pos
}

// posMap maps positions of the Starlark text the source pass renders back
// to the user's source, token by token: start maps where a token starts,
// end where it ends. Positions inside a token, or of tokens the pass made
// up, are absent.
type posMap struct {
	start, end map[Pos]Pos
}

// Spans parses Python source as Parse does and returns, for each position
// at which the compiled program can report a failure (Starlark's position
// of a call's '(', an operator, a '[', a '.' or a name), the span of the
// user's expression there. A position with no entry has no span anyone can
// be sure of. It is meant for tracebacks, and costs a parse; nil when src
// does not parse.
func Spans(filename string, src []byte) map[Pos]Span {
	pm := &posMap{start: map[Pos]Pos{}, end: map[Pos]Pos{}}
	text, err := translate(filename, src, &Options{}, pm)
	if err != nil {
		return nil
	}
	// The tree before the AST pass: its nodes are still the user's
	// expressions (a % b is a BinaryExpr, not a call of __pct__), and the
	// calls that pass makes keep the position of the node they replace.
	f, err := FileOptions.Parse(filename, text, 0)
	if err != nil {
		return nil
	}
	ix := &spanIndex{pm: pm, spans: map[Pos]Span{}, names: map[*syntax.Ident]bool{}}
	syntax.Walk(f, ix.visit)
	return ix.spans
}

type spanIndex struct {
	pm    *posMap
	spans map[Pos]Span
	// names are identifiers that are not expressions: attribute names,
	// parameters and keyword argument names.
	names map[*syntax.Ident]bool
}

func key(p syntax.Position) Pos { return Pos{int(p.Line), int(p.Col)} }

// user maps the rendered extent [start, end) to the user's source.
func (ix *spanIndex) user(start, end syntax.Position) (Pos, Pos, bool) {
	s, ok1 := ix.pm.start[key(start)]
	e, ok2 := ix.pm.end[key(end)]
	return s, e, ok1 && ok2
}

func (ix *spanIndex) add(at syntax.Position, kind SpanKind, e syntax.Expr, start, end syntax.Position) {
	s, en, ok := ix.user(start, end)
	if !ok {
		return
	}
	sp := Span{Kind: kind, Start: s, End: en}
	if kind == Plain {
		e = nil // no anchors to find
	}
	// The operands whose extents anchor the marks.
	var left, right syntax.Expr
	switch x := e.(type) {
	case *syntax.BinaryExpr:
		left, right = x.X, x.Y
	case *syntax.CallExpr: // __pow__(x, y), the source pass's x ** y
		left, right = x.Args[0], x.Args[1]
	case *syntax.IndexExpr:
		left = x.X
	case *syntax.SliceExpr:
		left = x.X
	}
	if left != nil {
		_, le := unparen(left).Span()
		if sp.LeftEnd, ok = ix.pm.end[key(le)]; !ok {
			return
		}
	}
	if right != nil {
		rs, _ := unparen(right).Span()
		if sp.RightStart, ok = ix.pm.start[key(rs)]; !ok {
			return
		}
	}
	ix.spans[key(at)] = sp
}

// after is the position just past the one-character token at p.
func after(p syntax.Position) syntax.Position {
	p.Col++
	return p
}

func unparen(e syntax.Expr) syntax.Expr {
	for {
		p, ok := e.(*syntax.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

func (ix *spanIndex) params(list []syntax.Expr) {
	for _, p := range list {
		switch p := p.(type) {
		case *syntax.Ident:
			ix.names[p] = true
		case *syntax.BinaryExpr:
			if id, ok := p.X.(*syntax.Ident); ok {
				ix.names[id] = true
			}
		case *syntax.UnaryExpr: // *args, **kwargs
			if id, ok := p.X.(*syntax.Ident); ok {
				ix.names[id] = true
			}
		}
	}
}

func (ix *spanIndex) visit(n syntax.Node) bool {
	switch x := n.(type) {
	case *syntax.DefStmt:
		ix.params(x.Params)
	case *syntax.LambdaExpr:
		ix.params(x.Params)
	case *syntax.DotExpr:
		ix.names[x.Name] = true
		start, end := x.Span()
		ix.add(x.Dot, Plain, x, start, end)
	case *syntax.Ident:
		if !ix.names[x] {
			if _, taken := ix.spans[key(x.NamePos)]; !taken {
				start, end := x.Span()
				ix.add(x.NamePos, Plain, x, start, end)
			}
		}
	case *syntax.CallExpr:
		for _, a := range x.Args {
			if b, ok := a.(*syntax.BinaryExpr); ok && b.Op == syntax.EQ {
				if id, ok := b.X.(*syntax.Ident); ok {
					ix.names[id] = true
				}
			}
		}
		if id, ok := x.Fn.(*syntax.Ident); ok && id.Name == PowFunc && len(x.Args) == 2 {
			start, _ := x.Args[0].Span()
			_, end := x.Args[1].Span()
			ix.add(x.Lparen, Binary, x, start, end)
			break
		}
		start, end := x.Span()
		ix.add(x.Lparen, Plain, x, start, end)
	case *syntax.BinaryExpr:
		kind := Plain
		switch x.Op {
		case syntax.EQ:
			return true // a keyword argument or a parameter's default
		case syntax.PLUS, syntax.MINUS, syntax.STAR, syntax.SLASH, syntax.SLASHSLASH, syntax.PERCENT,
			syntax.AMP, syntax.PIPE, syntax.CIRCUMFLEX, syntax.LTLT, syntax.GTGT:
			kind = Binary
		}
		start, end := x.Span()
		ix.add(x.OpPos, kind, x, start, end)
	case *syntax.UnaryExpr:
		if x.X != nil {
			start, end := x.Span()
			ix.add(x.OpPos, Plain, x, start, end)
		}
	case *syntax.IndexExpr:
		start, _ := x.Span()
		ix.add(x.Lbrack, Subscript, x, start, after(x.Rbrack))
	case *syntax.SliceExpr:
		start, _ := x.Span()
		ix.add(x.Lbrack, Subscript, x, start, after(x.Rbrack))
	case *syntax.AssignStmt:
		switch {
		case x.Op != syntax.EQ: // x += y: CPython marks the statement
			start, end := x.Span()
			ix.add(x.OpPos, Plain, nil, start, end)
		default:
			switch unparen(x.LHS).(type) {
			case *syntax.TupleExpr, *syntax.ListExpr: // unpacking fails at the targets
				start, end := x.LHS.Span()
				ix.add(x.OpPos, Plain, nil, start, end)
			}
		}
	case *syntax.ForStmt:
		// CPython reports a bad iterable at the for statement, which spans
		// its body: no marks. The front end may wrap the iterable in a call
		// at the iterable's start, which takes that position from a name
		// or call there.
		start, _ := x.X.Span()
		ix.spans[key(x.For)] = Span{Kind: Unmarked}
		ix.spans[key(start)] = Span{Kind: Unmarked}
	case *syntax.Comprehension:
		// CPython 3.11 reports a bad iterable at the whole comprehension.
		start, end := x.Span()
		for _, c := range x.Clauses {
			if fc, ok := c.(*syntax.ForClause); ok {
				xs, _ := fc.X.Span()
				ix.add(fc.For, Plain, nil, start, end)
				ix.add(xs, Plain, nil, start, end)
			}
		}
	}
	return true
}
