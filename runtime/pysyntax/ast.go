package pysyntax

import (
	"fmt"
	"strconv"

	"go.starlark.net/syntax"
)

// The names of the support builtins that rewritten code calls. The host
// must predeclare each of them.
const (
	PercentFunc   = "__pct__"       // __pct__(x, y): Python's x % y
	MethodFunc    = "__method__"    // __method__(recv, "name", *args, **kwargs)
	IterFunc      = "__iter__"      // __iter__(x): what `for` iterates (str → code points)
	FStringFunc   = "__fstr__"      // __fstr__(lit, v, conv, spec, lit, ...)
	WithFunc      = "__with__"      // __with__(mgr, ...): one-shot loop entering/exiting managers
	GlobalsName   = "__g__"         // namespace holding names declared `global`
	UndefinedFunc = "__undefined__" // __undefined__("x"): NameError at run time
	ImportFunc    = "__import__"
	ImportModule  = "__import_module__"
	ImportFrom    = "__import_from__"
	AssertFunc    = "__assert__"
	DelItemFunc   = "__delitem__"
	AttrFunc      = "__attr__"         // __attr__(x, "__name__"): dunder attributes Starlark values lack
	PowFunc       = "__pow__"          // __pow__(x, y): Python's x ** y
	UnboundFunc   = "__unbound__"      // __unbound__("str", "lower"): a method of a built-in type
	StrIndexFunc  = "__strindex__"     // __strindex__(s, i): s[i] by code point when s is a str
	StrSliceFunc  = "__strslice__"     // __strslice__(s, lo, hi, step): s[lo:hi:step] likewise
	ForElseFunc   = "__forelse__"      // __forelse__(line): did the for loop at line run to its end?
	ForElseIter   = "__forelse_iter__" // __forelse_iter__(x, line): x, recording whether it was exhausted
)

// dunderAttrs are the attributes read through AttrFunc.
var dunderAttrs = map[string]bool{"__name__": true, "__qualname__": true, "__module__": true, "__doc__": true, "__class__": true}

// SupportNames lists every support builtin name the rewritten code may use.
var SupportNames = []string{PercentFunc, MethodFunc, IterFunc, FStringFunc, WithFunc, GlobalsName,
	UndefinedFunc, ImportFunc, ImportModule, ImportFrom, AssertFunc, DelItemFunc, AttrFunc, PowFunc, UnboundFunc, ForElseFunc, ForElseIter, StrIndexFunc, StrSliceFunc}

const globalMarker = "__global__"

// scope is a function's (or the module's) set of local names.
type scope struct {
	parent  *scope
	locals  map[string]bool
	globals map[string]bool // declared `global` in this function
	module  bool
}

func (s *scope) isLocal(name string) bool {
	for sc := s; sc != nil && !sc.module; sc = sc.parent {
		if sc.globals[name] {
			return false
		}
		if sc.locals[name] {
			return true
		}
	}
	return false
}

type astState struct {
	filename    string
	opts        *Options
	moduleNames map[string]bool // bound at module level
	declared    map[string]bool // declared global in some function
	loops       []bool          // enclosing loops; true for a `with` loop
	strNames    map[string]bool // names only ever bound to strings
	err         error
}

func astPass(filename string, f *syntax.File, opts *Options) error {
	st := &astState{filename: filename, opts: opts, moduleNames: map[string]bool{}, declared: map[string]bool{}}
	// Names bound at module level, and names declared global anywhere.
	var collect func(stmts []syntax.Stmt)
	collect = func(stmts []syntax.Stmt) {
		for _, s := range stmts {
			switch s := s.(type) {
			case *syntax.AssignStmt:
				bindNames(s.LHS, st.moduleNames)
			case *syntax.ForStmt:
				bindNames(s.Vars, st.moduleNames)
				collect(s.Body)
			case *syntax.WhileStmt:
				collect(s.Body)
			case *syntax.IfStmt:
				collect(s.True)
				collect(s.False)
			case *syntax.DefStmt:
				st.moduleNames[s.Name.Name] = true
			}
		}
	}
	collect(f.Stmts)
	syntax.Walk(f, func(n syntax.Node) bool {
		if names := globalDecl(n); names != nil {
			for _, name := range names {
				st.declared[name] = true
			}
		}
		return true
	})
	st.strNames = stringNames(f)
	module := &scope{module: true, locals: st.moduleNames}
	f.Stmts = st.stmts(f.Stmts, module)
	return st.err
}

// globalDecl returns the names of a `global` statement (as the source pass
// wrote it), or nil.
func globalDecl(n syntax.Node) []string {
	es, ok := n.(*syntax.ExprStmt)
	if !ok {
		return nil
	}
	call, ok := es.X.(*syntax.CallExpr)
	if !ok {
		return nil
	}
	if id, ok := call.Fn.(*syntax.Ident); !ok || id.Name != globalMarker {
		return nil
	}
	names := []string{}
	for _, a := range call.Args {
		if lit, ok := a.(*syntax.Literal); ok {
			if s, ok := lit.Value.(string); ok {
				names = append(names, s)
			}
		}
	}
	return names
}

// bindNames adds the names an assignment target binds.
func bindNames(lhs syntax.Expr, into map[string]bool) {
	switch x := lhs.(type) {
	case *syntax.Ident:
		into[x.Name] = true
	case *syntax.TupleExpr:
		for _, e := range x.List {
			bindNames(e, into)
		}
	case *syntax.ListExpr:
		for _, e := range x.List {
			bindNames(e, into)
		}
	case *syntax.ParenExpr:
		bindNames(x.X, into)
	}
}

// functionScope computes the locals of a def or lambda.
func functionScope(params []syntax.Expr, body []syntax.Stmt, parent *scope) *scope {
	sc := &scope{parent: parent, locals: map[string]bool{}, globals: map[string]bool{}}
	for _, p := range params {
		switch p := p.(type) {
		case *syntax.Ident:
			sc.locals[p.Name] = true
		case *syntax.BinaryExpr:
			if id, ok := p.X.(*syntax.Ident); ok {
				sc.locals[id.Name] = true
			}
		case *syntax.UnaryExpr:
			if id, ok := p.X.(*syntax.Ident); ok {
				sc.locals[id.Name] = true
			}
		}
	}
	var collect func(stmts []syntax.Stmt)
	collect = func(stmts []syntax.Stmt) {
		for _, s := range stmts {
			if names := globalDecl(s); names != nil {
				for _, n := range names {
					sc.globals[n] = true
				}
				continue
			}
			switch s := s.(type) {
			case *syntax.AssignStmt:
				bindNames(s.LHS, sc.locals)
			case *syntax.ForStmt:
				bindNames(s.Vars, sc.locals)
				collect(s.Body)
			case *syntax.WhileStmt:
				collect(s.Body)
			case *syntax.IfStmt:
				collect(s.True)
				collect(s.False)
			case *syntax.DefStmt:
				sc.locals[s.Name.Name] = true
			}
		}
	}
	collect(body)
	for n := range sc.globals {
		delete(sc.locals, n)
	}
	return sc
}

func ident(name string, pos syntax.Position) *syntax.Ident {
	return &syntax.Ident{NamePos: pos, Name: name}
}

func strLit(s string, pos syntax.Position) *syntax.Literal {
	return &syntax.Literal{Token: syntax.STRING, TokenPos: pos, Raw: strconv.Quote(s), Value: s}
}

func call(fn string, pos syntax.Position, args ...syntax.Expr) *syntax.CallExpr {
	return &syntax.CallExpr{Fn: ident(fn, pos), Lparen: pos, Args: args, Rparen: pos}
}

func (st *astState) fail(pos syntax.Position, format string, args ...any) {
	if st.err == nil {
		st.err = &SyntaxError{Filename: st.filename, Line: int(pos.Line), Col: int(pos.Col), Msg: fmt.Sprintf(format, args...)}
	}
}

func (st *astState) stmts(list []syntax.Stmt, sc *scope) []syntax.Stmt {
	out := list[:0]
	for _, s := range list {
		if globalDecl(s) != nil {
			continue
		}
		if line := forElseLine(s); line > 0 && len(out) > 0 {
			if f, ok := out[len(out)-1].(*syntax.ForStmt); ok && int(f.For.Line) == line {
				f.X = call(ForElseIter, f.For, f.X, s.(*syntax.IfStmt).Cond.(*syntax.CallExpr).Args[0])
			}
		}
		out = append(out, st.stmt(s, sc))
	}
	if len(out) == 0 && len(list) > 0 {
		// a body that held only `global` declarations
		start, _ := list[0].Span()
		out = append(out, &syntax.BranchStmt{Token: syntax.PASS, TokenPos: start})
	}
	return out
}

func (st *astState) stmt(s syntax.Stmt, sc *scope) syntax.Stmt {
	switch s := s.(type) {
	case *syntax.AssignStmt:
		s.RHS = st.expr(s.RHS, sc)
		s.LHS = st.target(s.LHS, sc)
		if s.Op == syntax.PERCENT_EQ {
			// x %= y  ->  x = __pct__(x, y)
			s.Op = syntax.EQ
			s.RHS = call(PercentFunc, s.OpPos, s.LHS, s.RHS)
		}
	case *syntax.ExprStmt:
		s.X = st.expr(s.X, sc)
	case *syntax.IfStmt:
		s.Cond = st.expr(s.Cond, sc)
		s.True = st.stmts(s.True, sc)
		s.False = st.stmts(s.False, sc)
	case *syntax.WhileStmt:
		s.Cond = st.expr(s.Cond, sc)
		st.loops = append(st.loops, false)
		s.Body = st.stmts(s.Body, sc)
		st.loops = st.loops[:len(st.loops)-1]
	case *syntax.ForStmt:
		isWith := isCallTo(s.X, WithFunc)
		s.X = st.iterable(st.expr(s.X, sc))
		s.Vars = st.target(s.Vars, sc)
		st.loops = append(st.loops, isWith)
		s.Body = st.stmts(s.Body, sc)
		st.loops = st.loops[:len(st.loops)-1]
	case *syntax.BranchStmt:
		if s.Token != syntax.PASS && len(st.loops) > 0 && st.loops[len(st.loops)-1] {
			st.fail(s.TokenPos, "'%s' inside a 'with' block is not supported by starproc", s.Token)
		}
	case *syntax.ReturnStmt:
		if s.Result != nil {
			s.Result = st.expr(s.Result, sc)
		}
	case *syntax.DefStmt:
		for i, p := range s.Params {
			if b, ok := p.(*syntax.BinaryExpr); ok && b.Op == syntax.EQ {
				b.Y = st.expr(b.Y, sc)
				s.Params[i] = b
			}
		}
		inner := functionScope(s.Params, s.Body, sc)
		saved := st.loops
		st.loops = nil
		s.Body = st.stmts(s.Body, inner)
		st.loops = saved
		if sc.module && st.declared[s.Name.Name] {
			st.fail(s.Def, "a function named like a 'global' variable (%s) is not supported by starproc", s.Name.Name)
		}
	}
	return s
}

// stringMethods return a str when called on one.
var stringMethods = map[string]bool{"upper": true, "lower": true, "strip": true, "lstrip": true, "rstrip": true,
	"replace": true, "format": true, "join": true, "title": true, "capitalize": true, "center": true,
	"ljust": true, "rjust": true, "zfill": true, "decode": true, "swapcase": true, "casefold": true}

// isStringExpr reports whether e, as written (before the AST pass), always
// yields a str: a literal, an f-string, str(...), input(...), a str method,
// or + and * with a str operand.
func isStringExpr(e syntax.Expr, names map[string]bool) bool {
	switch x := e.(type) {
	case *syntax.Literal:
		return x.Token == syntax.STRING
	case *syntax.ParenExpr:
		return isStringExpr(x.X, names)
	case *syntax.Ident:
		return names[x.Name]
	case *syntax.BinaryExpr:
		switch x.Op {
		case syntax.PLUS:
			return isStringExpr(x.X, names) || isStringExpr(x.Y, names)
		case syntax.STAR, syntax.PERCENT:
			return isStringExpr(x.X, names)
		}
	case *syntax.CallExpr:
		switch fn := x.Fn.(type) {
		case *syntax.Ident:
			switch fn.Name {
			case "str", "input", "repr", "format", "chr", FStringFunc:
				return true
			}
		case *syntax.DotExpr:
			return stringMethods[fn.Name.Name] && isStringExpr(fn.X, names)
		}
	}
	return false
}

// stringNames finds the names that every binding in the file binds to a
// str, so that indexing them can go by code point without slowing down
// the indexing of lists. A name also bound any other way (a parameter, a
// loop variable, another value) is left out.
func stringNames(f *syntax.File) map[string]bool {
	candidates := map[string]bool{}
	other := map[string]bool{}
	var binds []*syntax.AssignStmt
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.AssignStmt:
			if id, ok := n.LHS.(*syntax.Ident); ok {
				binds = append(binds, n)
				candidates[id.Name] = true
			} else {
				bindNames(n.LHS, other)
			}
		case *syntax.ForStmt:
			bindNames(n.Vars, other)
		case *syntax.ForClause:
			bindNames(n.Vars, other)
		case *syntax.DefStmt:
			other[n.Name.Name] = true
			for _, p := range n.Params {
				bindParam(p, other)
			}
		case *syntax.LambdaExpr:
			for _, p := range n.Params {
				bindParam(p, other)
			}
		}
		return true
	})
	names := map[string]bool{}
	for name := range candidates {
		if !other[name] {
			names[name] = true
		}
	}
	// Drop names bound to anything not (yet) known to be a str, until stable.
	for changed := true; changed; {
		changed = false
		for _, a := range binds {
			name := a.LHS.(*syntax.Ident).Name
			if !names[name] {
				continue
			}
			if (a.Op != syntax.EQ && a.Op != syntax.PLUS_EQ) || !isStringExpr(a.RHS, names) && !(a.Op == syntax.PLUS_EQ) {
				delete(names, name)
				changed = true
			}
		}
	}
	return names
}

func bindParam(p syntax.Expr, into map[string]bool) {
	switch p := p.(type) {
	case *syntax.Ident:
		into[p.Name] = true
	case *syntax.BinaryExpr:
		if id, ok := p.X.(*syntax.Ident); ok {
			into[id.Name] = true
		}
	case *syntax.UnaryExpr:
		if id, ok := p.X.(*syntax.Ident); ok {
			into[id.Name] = true
		}
	}
}

// isString reports whether e is known to be a str (see stringNames).
func (st *astState) isString(e syntax.Expr) bool {
	if id, ok := e.(*syntax.Ident); ok {
		return st.strNames[id.Name]
	}
	return isStringExpr(e, st.strNames)
}

// forElseLine returns the line of the loop whose else clause s is, or 0.
func forElseLine(s syntax.Stmt) int {
	ifs, ok := s.(*syntax.IfStmt)
	if !ok || !isCallTo(ifs.Cond, ForElseFunc) {
		return 0
	}
	args := ifs.Cond.(*syntax.CallExpr).Args
	if len(args) != 1 {
		return 0
	}
	lit, ok := args[0].(*syntax.Literal)
	if !ok {
		return 0
	}
	n, _ := lit.Value.(int64)
	return int(n)
}

func isCallTo(e syntax.Expr, name string) bool {
	c, ok := e.(*syntax.CallExpr)
	if !ok {
		return false
	}
	id, ok := c.Fn.(*syntax.Ident)
	return ok && id.Name == name
}

// iterable wraps what a for loop iterates in __iter__, unless it cannot be a
// string.
func (st *astState) iterable(x syntax.Expr) syntax.Expr {
	switch x := x.(type) {
	case *syntax.ListExpr, *syntax.TupleExpr, *syntax.Comprehension, *syntax.DictExpr:
		return x
	case *syntax.CallExpr:
		switch fn := x.Fn.(type) {
		case *syntax.Ident:
			switch fn.Name {
			case "range", "enumerate", "zip", "sorted", "reversed", "list", "tuple", WithFunc, "dict":
				return x
			}
		case *syntax.DotExpr:
			switch fn.Name.Name {
			case "items", "keys", "values", "split", "splitlines", "elems":
				return x
			}
		}
	}
	start, _ := x.Span()
	return call(IterFunc, start, x)
}

// target rewrites an assignment target: names declared global go to __g__.
func (st *astState) target(e syntax.Expr, sc *scope) syntax.Expr {
	switch x := e.(type) {
	case *syntax.Ident:
		if st.declared[x.Name] && !sc.isLocal(x.Name) {
			return &syntax.DotExpr{X: ident(GlobalsName, x.NamePos), Dot: x.NamePos, NamePos: x.NamePos, Name: x}
		}
		return x
	case *syntax.TupleExpr:
		for i, el := range x.List {
			x.List[i] = st.target(el, sc)
		}
		return x
	case *syntax.ListExpr:
		for i, el := range x.List {
			x.List[i] = st.target(el, sc)
		}
		return x
	case *syntax.ParenExpr:
		x.X = st.target(x.X, sc)
		return x
	case *syntax.IndexExpr:
		x.X = st.expr(x.X, sc)
		x.Y = st.expr(x.Y, sc)
		return x
	case *syntax.SliceExpr:
		x.X = st.expr(x.X, sc)
		x.Lo = st.expr(x.Lo, sc)
		x.Hi = st.expr(x.Hi, sc)
		x.Step = st.expr(x.Step, sc)
		return x
	}
	return st.expr(e, sc)
}

func (st *astState) exprs(list []syntax.Expr, sc *scope) {
	for i, e := range list {
		list[i] = st.expr(e, sc)
	}
}

func (st *astState) expr(e syntax.Expr, sc *scope) syntax.Expr {
	switch x := e.(type) {
	case nil:
		return nil
	case *syntax.Ident:
		return st.ident(x, sc)
	case *syntax.Literal:
		return x
	case *syntax.ParenExpr:
		x.X = st.expr(x.X, sc)
	case *syntax.UnaryExpr:
		x.X = st.expr(x.X, sc)
	case *syntax.BinaryExpr:
		if isComparisonOp(x.Op) {
			// sys.version_info >= (3, 8): compare it as the tuple it is.
			x.X, x.Y = versionTuple(x.X), versionTuple(x.Y)
		}
		x.X = st.expr(x.X, sc)
		x.Y = st.expr(x.Y, sc)
		// x % 2 with a number on the right is arithmetic in practice (a
		// format string with one literal number is rare, and Starlark's own
		// % still formats its simple cases); skipping the call keeps
		// modulo in loops at Starlark's speed.
		if x.Op == syntax.PERCENT && !isNumberLit(x.X) && (!isNumberLit(x.Y) || isStringLit(x.X)) {
			return call(PercentFunc, x.OpPos, x.X, x.Y)
		}
	case *syntax.CondExpr:
		x.Cond = st.expr(x.Cond, sc)
		x.True = st.expr(x.True, sc)
		x.False = st.expr(x.False, sc)
	case *syntax.IndexExpr:
		stringy := st.isString(x.X)
		x.X = st.expr(x.X, sc)
		x.Y = st.expr(x.Y, sc)
		if stringy {
			// Starlark indexes strings by byte; Python by code point.
			return call(StrIndexFunc, x.Lbrack, x.X, x.Y)
		}
	case *syntax.SliceExpr:
		stringy := st.isString(x.X)
		x.X = st.expr(x.X, sc)
		x.Lo = st.expr(x.Lo, sc)
		x.Hi = st.expr(x.Hi, sc)
		x.Step = st.expr(x.Step, sc)
		if stringy {
			none := func(e syntax.Expr) syntax.Expr {
				if e == nil {
					return ident("None", x.Lbrack)
				}
				return e
			}
			return call(StrSliceFunc, x.Lbrack, x.X, none(x.Lo), none(x.Hi), none(x.Step))
		}
	case *syntax.DictEntry:
		x.Key = st.expr(x.Key, sc)
		x.Value = st.expr(x.Value, sc)
	case *syntax.DotExpr:
		if u := st.unbound(x, sc); u != nil {
			return u
		}
		x.X = st.expr(x.X, sc)
		if dunderAttrs[x.Name.Name] {
			return call(AttrFunc, x.Dot, x.X, strLit(x.Name.Name, x.Name.NamePos))
		}
	case *syntax.ListExpr:
		st.exprs(x.List, sc)
	case *syntax.TupleExpr:
		st.exprs(x.List, sc)
	case *syntax.DictExpr:
		for _, entry := range x.List {
			de := entry.(*syntax.DictEntry)
			de.Key = st.expr(de.Key, sc)
			de.Value = st.expr(de.Value, sc)
		}
	case *syntax.CallExpr:
		return st.call(x, sc)
	case *syntax.LambdaExpr:
		for _, p := range x.Params {
			if b, ok := p.(*syntax.BinaryExpr); ok && b.Op == syntax.EQ {
				b.Y = st.expr(b.Y, sc)
			}
		}
		inner := functionScope(x.Params, nil, sc)
		x.Body = st.expr(x.Body, inner)
	case *syntax.Comprehension:
		// Clause variables are local to the comprehension.
		inner := &scope{parent: sc, locals: map[string]bool{}}
		for _, c := range x.Clauses {
			if fc, ok := c.(*syntax.ForClause); ok {
				bindNames(fc.Vars, inner.locals)
			}
		}
		innerSc := inner
		first := true
		for _, c := range x.Clauses {
			switch c := c.(type) {
			case *syntax.ForClause:
				if first {
					c.X = st.iterable(st.expr(c.X, sc))
				} else {
					c.X = st.iterable(st.expr(c.X, innerSc))
				}
				first = false
			case *syntax.IfClause:
				c.Cond = st.expr(c.Cond, innerSc)
			}
		}
		x.Body = st.expr(x.Body, innerSc)
	}
	return e
}

// builtinTypes are the built-in types whose methods a script can name
// unbound: str.lower, dict.fromkeys.
var builtinTypes = map[string]bool{"str": true, "bytes": true, "list": true, "dict": true, "int": true, "float": true, "set": true, "tuple": true}

// unbound rewrites str.lower (with str the built-in) into
// __unbound__("str", "lower"); Starlark's built-in types have no attributes.
func (st *astState) unbound(x *syntax.DotExpr, sc *scope) syntax.Expr {
	id, ok := x.X.(*syntax.Ident)
	if !ok || !builtinTypes[id.Name] || sc.isLocal(id.Name) || st.moduleNames[id.Name] || st.declared[id.Name] || dunderAttrs[x.Name.Name] {
		return nil
	}
	return call(UnboundFunc, x.Name.NamePos, strLit(id.Name, id.NamePos), strLit(x.Name.Name, x.Name.NamePos))
}

func isComparisonOp(op syntax.Token) bool {
	switch op {
	case syntax.LT, syntax.GT, syntax.LE, syntax.GE, syntax.EQL, syntax.NEQ:
		return true
	}
	return false
}

// versionTuple turns sys.version_info into tuple(sys.version_info), whose
// comparison with a tuple Starlark can do.
func versionTuple(e syntax.Expr) syntax.Expr {
	dot, ok := e.(*syntax.DotExpr)
	if !ok || dot.Name.Name != "version_info" {
		return e
	}
	if id, ok := dot.X.(*syntax.Ident); !ok || id.Name != "sys" {
		return e
	}
	return call("tuple", dot.Name.NamePos, e)
}

func isStringLit(e syntax.Expr) bool {
	lit, ok := e.(*syntax.Literal)
	return ok && lit.Token == syntax.STRING
}

func isNumberLit(e syntax.Expr) bool {
	lit, ok := e.(*syntax.Literal)
	return ok && (lit.Token == syntax.INT || lit.Token == syntax.FLOAT)
}

// ident rewrites a name being read.
func (st *astState) ident(x *syntax.Ident, sc *scope) syntax.Expr {
	name := x.Name
	if sc.isLocal(name) {
		return x
	}
	if st.declared[name] {
		return &syntax.DotExpr{X: ident(GlobalsName, x.NamePos), Dot: x.NamePos, NamePos: x.NamePos, Name: x}
	}
	if st.moduleNames[name] || name == globalMarker {
		return x
	}
	if st.opts.Predeclared != nil && st.opts.Predeclared(name) {
		return x
	}
	if st.opts.Predeclared == nil {
		return x
	}
	return call(UndefinedFunc, x.NamePos, strLit(name, x.NamePos))
}

func (st *astState) call(x *syntax.CallExpr, sc *scope) syntax.Expr {
	for i, a := range x.Args {
		switch a := a.(type) {
		case *syntax.BinaryExpr:
			if a.Op == syntax.EQ { // keyword argument: the name is not an expression
				a.Y = st.expr(a.Y, sc)
				continue
			}
			x.Args[i] = st.expr(a, sc)
		default:
			x.Args[i] = st.expr(a, sc)
		}
	}
	if dot, ok := x.Fn.(*syntax.DotExpr); ok {
		if u := st.unbound(dot, sc); u != nil {
			x.Fn = u
			return x
		}
	}
	if dot, ok := x.Fn.(*syntax.DotExpr); ok && st.opts.Method != nil && st.opts.Method(dot.Name.Name) {
		recv := st.expr(dot.X, sc)
		args := append([]syntax.Expr{recv, strLit(dot.Name.Name, dot.Name.NamePos)}, x.Args...)
		return &syntax.CallExpr{Fn: ident(MethodFunc, dot.Name.NamePos), Lparen: x.Lparen, Args: args, Rparen: x.Rparen}
	}
	x.Fn = st.expr(x.Fn, sc)
	return x
}
