package pysyntax

import (
	"errors"
	"strings"
	"testing"
)

// TestRefusesWhatStarlarkCannotRun checks that every unsupported construct
// is one SyntaxError naming it, at the user's line and column, before anything runs.
func TestRefusesWhatStarlarkCannotRun(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
		want      string
	}{
		{"x = 1\nclass Foo:\n    pass\n", 2, 1, "class definitions"},
		{"try:\n    x = 1\nexcept ValueError:\n    pass\n", 1, 1, "'try' statements"},
		{"def f():\n    raise ValueError('x')\n", 2, 5, "'raise' statements"},
		{"def g():\n    yield 1\n", 2, 5, "'yield'"},
		{"async def f():\n    pass\n", 1, 1, "'async'"},
		{"def f():\n    x = await g()\n", 2, 9, "'await'"},
		{"@decorator\ndef f():\n    pass\n", 1, 1, "decorators"},
		{"def f():\n    nonlocal x\n", 2, 5, "'nonlocal'"},
		{"if (n := 10) > 5:\n    pass\n", 1, 7, "assignment expressions (:=)"},
		{"x = 1\ndel x\n", 2, 5, "'del' is supported only for items"},
		{"while x:\n    pass\nelse:\n    pass\n", 3, 1, "'else' after a 'while' loop"},
		{"x = 3j\n", 1, 5, "complex numbers"},
		{"print 'hello'\n", 1, 1, "Missing parentheses in call to 'print'"},
		{"x = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)"},
		{"x = b'\u00e4'\n", 1, 5, "bytes can only contain ASCII"},
		{"s = 'a' b'b'\n", 1, 5, "cannot mix bytes and nonbytes literals"},
		{"for i in range(3):\n    with open('f') as f:\n        break\n", 3, 9, "'break' inside a 'with' block"},
		{"x = f'{}'\n", 1, 5, "f-string: empty expression not allowed"},
		{"from . import x\n", 1, 6, "relative imports"},
	} {
		_, err := Parse("t.py", []byte(tc.src), &Options{})
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a SyntaxError", tc.src, err)
			continue
		}
		if se.Line != tc.line || se.Col != tc.col || !strings.Contains(se.Msg, tc.want) {
			t.Errorf("%q: got %d:%d %q, want %d:%d containing %q", tc.src, se.Line, se.Col, se.Msg, tc.line, tc.col, tc.want)
		}
	}
}

// TestTranslateKeepsLines checks that the source pass keeps every statement
// on its source line, whatever it rewrites.
func TestTranslateKeepsLines(t *testing.T) {
	src := "import os, sys\nfrom m import (a,\n    b)\nx = f'''{a}\nline'''\ny = ('a'\n     'b')\nwith open('f') as fh:\n    z = 2 ** 3\nlast = 1\n"
	out, err := Translate("t.py", []byte(src), &Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(out, "\n")
	for i, want := range map[int]string{0: "os = __import__", 3: "x = __fstr__", 7: "fh in __with__", 8: "__pow__(2", 9: "last = 1"} {
		if i >= len(got) || !strings.Contains(got[i], want) {
			t.Errorf("line %d: got %q, want it to contain %q\n%s", i+1, at2(got, i), want, out)
		}
	}
}

func at2(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}

// TestRewrites checks the text of individual rewrites.
func TestRewrites(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"a = b = []", "__chain_1 = [];a = __chain_1;b = __chain_1"},
		{"x = a ** b ** c", "x = __pow__(a,__pow__(b,c))"},
		{"x = -y ** 2", "x = -__pow__(y,2)"},
		{"x = f(a)[1] ** 2", "x = __pow__(f(a)[1],2)"},
		{"ok = 0 <= i < n", "ok = (0 <= i and i < n)"},
		{"ok = x is not None", "ok = x !=    None"},
		{"s = {1, 2}", "s = set([1, 2])"},
		{"d = {1: 2}", "d = {1: 2}"},
		{"n = 1_000", "n = 1000"},
		{"s = 'it\\'s'", `s = "it's"`},
		{`s = u"x"`, `s = "x"`},
		{`p = r'\d+'`, `p = r'\d+'`},
		{`p = '\d'`, `p = "\\d"`},
		{"global x, y", `__global__("x", "y")`},
		{"assert a, 'msg'", "__assert__(a,'msg')"},
		{"del d[k], e[0]", "__delitem__(d,k);__delitem__(e,0)"},
		{"def f(a: int, *args: str, b: 'T' = 1) -> None: pass", "def f(a,*args,b= 1): pass"},
		{"x: int = 5", "x = 5"},
		{"from os import *", `pass`},
	} {
		opts := &Options{ModuleMembers: func(string) []string { return nil }}
		if strings.Contains(tc.src, "*") && strings.HasPrefix(tc.src, "from") {
			opts.ModuleMembers = func(string) []string { return []string{"getpid", "_private"} }
			tc.want = `getpid = __import_from__("os", "getpid")`
		}
		out, err := Translate("t.py", []byte(tc.src+"\n"), opts)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		norm := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if norm(out) != norm(tc.want) {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.src, strings.TrimSpace(out), tc.want)
		}
	}
}
