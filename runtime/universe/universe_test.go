package universe

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyio"
)

// countingWriter records each Write separately.
type countingWriter struct{ writes []string }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

func newThread(stdout io.Writer, stdin io.Reader) (*starlark.Thread, *runtime.State) {
	thread := &starlark.Thread{Name: "test"}
	st := runtime.NewState()
	st.Stdout, st.Stderr, st.Stdin = stdout, stdout, stdin
	runtime.Attach(thread, st)
	return thread, st
}

func exec(t *testing.T, thread *starlark.Thread, src string, extra starlark.StringDict) error {
	t.Helper()
	pre := starlark.StringDict{}
	for k, v := range Builtins {
		pre[k] = v
	}
	for k, v := range extra {
		pre[k] = v
	}
	_, err := starlark.ExecFileOptions(fileOpts, thread, "test.py", src, pre)
	return err
}

func TestPrintIsOneWritePerCall(t *testing.T) {
	w := &countingWriter{}
	thread, _ := newThread(w, strings.NewReader(""))
	if err := exec(t, thread, "print('a', 1, [2], sep=', ')\nprint()", nil); err != nil {
		t.Fatal(err)
	}
	want := []string{"a, 1, [2]\n", "\n"}
	if strings.Join(w.writes, "|") != strings.Join(want, "|") {
		t.Errorf("writes = %q, want %q", w.writes, want)
	}
}

func TestPrintToFileCallsWriteOnce(t *testing.T) {
	var got []string
	write := starlark.NewBuiltin("write", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		got = append(got, string(args[0].(starlark.String)))
		return starlark.MakeInt(len(args[0].(starlark.String))), nil
	})
	file := starlarkstruct.FromStringDict(starlarkstruct.Default, starlark.StringDict{"write": write})
	var out bytes.Buffer
	thread, _ := newThread(&out, strings.NewReader(""))
	if err := exec(t, thread, "print('x', 'y', file=f, end='.')", starlark.StringDict{"f": file}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "x y." || out.Len() != 0 {
		t.Errorf("write calls %q, stdout %q; want one call \"x y.\" and no stdout", got, out.String())
	}
}

func TestPrintToPyioFile(t *testing.T) {
	var errBuf bytes.Buffer
	var out bytes.Buffer
	thread, _ := newThread(&out, strings.NewReader(""))
	f := pyio.Stderr(&errBuf)
	if err := exec(t, thread, "print('oops', 2, file=f)", starlark.StringDict{"f": f}); err != nil {
		t.Fatal(err)
	}
	if errBuf.String() != "oops 2\n" || out.Len() != 0 {
		t.Errorf("stderr %q stdout %q", errBuf.String(), out.String())
	}
}

func TestInputReadsSuccessiveLinesAndJournalsThem(t *testing.T) {
	// A reader that yields one byte at a time proves nothing is lost
	// between input() calls however the data arrives.
	stdin := io.MultiReader(strings.NewReader("first\r\nsec"), strings.NewReader("ond\nlast"))
	var out bytes.Buffer
	thread, st := newThread(&out, stdin)
	src := "a = input('name? ')\nb = input()\nc = input()\nprint([a, b, c])\ninput()"
	err := exec(t, thread, src, nil)
	if got := pyErrText(err); got != "EOFError: EOF when reading a line" {
		t.Errorf("error = %q, want EOFError", got)
	}
	if want := "name? ['first', 'second', 'last']\n"; out.String() != want {
		t.Errorf("stdout = %q, want %q", out.String(), want)
	}
	if st.Journal.Len() != 4 {
		t.Errorf("journal has %d effects, want 4 (3 lines and the EOF)", st.Journal.Len())
	}
}

func TestExitReturnsSystemExit(t *testing.T) {
	for _, c := range []struct {
		src     string
		code    int
		msg     string
		printed bool
	}{
		{"exit()", 0, "", false},
		{"exit(None)", 0, "", false},
		{"exit(3)", 3, "", false},
		{"quit(True)", 1, "", false},
		{"exit('bye')", 1, "bye", true},
		{"exit([1])", 1, "[1]", true},
	} {
		thread, _ := newThread(io.Discard, strings.NewReader(""))
		err := exec(t, thread, c.src, nil)
		var se *pyerr.SystemExit
		if !errors.As(err, &se) {
			t.Errorf("%s: error %v, want SystemExit", c.src, err)
			continue
		}
		if se.Code != c.code || se.Msg != c.msg || se.Printed != c.printed {
			t.Errorf("%s: got %+v, want code %d msg %q printed %v", c.src, *se, c.code, c.msg, c.printed)
		}
	}
}

func TestIteratorObjectsPrintLikeCPythonAndIterateOnce(t *testing.T) {
	src := `m = map(str, [1, 2])
print(m, zip([1]), enumerate([]), filter(None, []), reversed([1]), reversed('ab'), iter('ab'), iter('é'), iter([]))
print(next(m), list(m), list(m))
x = []
print(id(x) == id(x), id(x) == id([]), type(m), type(m).__name__)
`
	out, err := run(t, src, "")
	if err != "" {
		t.Fatal(err)
	}
	want := "<map object at 0x7f3a5c100040> <zip object at 0x7f3a5c100080> <enumerate object at 0x7f3a5c1000c0> " +
		"<filter object at 0x7f3a5c100100> <list_reverseiterator object at 0x7f3a5c100140> <reversed object at 0x7f3a5c100180> " +
		"<str_ascii_iterator object at 0x7f3a5c1001c0> <str_iterator object at 0x7f3a5c100200> <list_iterator object at 0x7f3a5c100240>\n" +
		"1 ['2'] []\n" +
		"True False <class 'map'> map\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// The addresses are per run: a second run prints the same.
	if out2, _ := run(t, src, ""); out2 != out {
		t.Errorf("second run differs:\n%s", out2)
	}
}

// manager is a context manager that logs its __enter__ and __exit__ calls.
func manager(name string, log *[]string, failEnter bool) starlark.Value {
	enter := starlark.NewBuiltin("__enter__", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		*log = append(*log, "enter "+name)
		if failEnter {
			return nil, pyerr.RuntimeError("cannot enter %s", name)
		}
		return starlark.String(name), nil
	})
	exit := starlark.NewBuiltin("__exit__", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		*log = append(*log, "exit "+name+" "+args.String())
		return starlark.False, nil
	})
	return starlarkstruct.FromStringDict(starlarkstruct.Default, starlark.StringDict{"__enter__": enter, "__exit__": exit})
}

func TestWithEntersOnceAndExitsInReverse(t *testing.T) {
	for _, c := range []struct {
		name, src, err string
		failB          bool
		log            string
	}{
		{name: "one", src: "for a in __with__(A):\n    print(a)",
			log: "enter A|exit A (None, None, None)"},
		{name: "two", src: "for (a, b) in __with__(A, B):\n    print(a, b)",
			log: "enter A|enter B|exit B (None, None, None)|exit A (None, None, None)"},
		{name: "return", src: "def f():\n    for a in __with__(A):\n        return a\n    print('unreached')\nprint(f())",
			log: "enter A|exit A (None, None, None)"},
		{name: "error", src: "for a in __with__(A):\n    1 // 0", err: "starlark: floored division by zero",
			log: "enter A|exit A (None, None, None)"},
		{name: "enter fails", src: "for (a, b) in __with__(A, B):\n    print(a)", failB: true,
			err: "RuntimeError: cannot enter B", log: "enter A|enter B|exit A (None, None, None)"},
		{name: "not a manager", src: "for a in __with__(A, 1):\n    pass",
			err: "TypeError: 'int' object does not support the context manager protocol", log: "enter A|exit A (None, None, None)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var log []string
			var out bytes.Buffer
			thread, _ := newThread(&out, strings.NewReader(""))
			err := exec(t, thread, c.src, starlark.StringDict{"A": manager("A", &log, false), "B": manager("B", &log, c.failB)})
			if got := pyErrText(err); got != c.err {
				t.Errorf("error %q, want %q", got, c.err)
			}
			if got := strings.Join(log, "|"); got != c.log {
				t.Errorf("log %q, want %q", got, c.log)
			}
		})
	}
}

func TestNamespaceHoldsGlobals(t *testing.T) {
	ns := NewNamespace()
	out, err := runWith(t, "ns.x = 1\nns.x += 41\nprint(ns.x)\nns.y", starlark.StringDict{"ns": ns})
	if out != "42\n" || err != "NameError: name 'y' is not defined" {
		t.Errorf("got %q, %q", out, err)
	}
	ns.Freeze()
	if err := ns.SetField("x", starlark.None); err != nil {
		t.Errorf("a frozen namespace must stay assignable: %v", err)
	}
	if v, ok := ns.Get("x"); !ok || v != starlark.None {
		t.Errorf("Get(x) = %v, %v", v, ok)
	}
}

func runWith(t *testing.T, src string, extra starlark.StringDict) (string, string) {
	var out bytes.Buffer
	thread, _ := newThread(&out, strings.NewReader(""))
	err := exec(t, thread, src, extra)
	return out.String(), pyErrText(err)
}

func TestMethodFallsBackToAttributeCall(t *testing.T) {
	mod := &starlarkstruct.Module{Name: "os", Members: starlark.StringDict{
		"join": starlark.NewBuiltin("os.join", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			return starlark.String("joined"), nil
		}),
	}}
	out, err := runWith(t, "print(__method__(m, 'join', 'a'))\n__method__(m, 'index')", starlark.StringDict{"m": mod})
	if out != "joined\n" || err != "AttributeError: module 'os' has no attribute 'index'" {
		t.Errorf("got %q, %q", out, err)
	}
}

func TestMethodNamesCoverExtensions(t *testing.T) {
	for _, name := range []string{"format", "encode", "decode", "join", "split", "sort", "find", "index", "count", "copy", "pop", "splitlines", "zfill", "keys", "values", "items"} {
		if !IsExtMethod(name) {
			t.Errorf("%s missing from MethodNames", name)
		}
	}
	if IsExtMethod("append") || IsExtMethod("get") || IsExtMethod("title") {
		t.Errorf("MethodNames holds a method Starlark already does right")
	}
	names := SortedMethodNames()
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Fatalf("SortedMethodNames not sorted: %q", names)
		}
	}
}

func TestFstrRejectsBadArity(t *testing.T) {
	_, err := run(t, "__fstr__('a', 1)", "")
	if !strings.HasPrefix(err, "TypeError: __fstr__") {
		t.Errorf("got %q", err)
	}
}

func TestBuiltinsAreTheTypesTypeReturns(t *testing.T) {
	thread, _ := newThread(io.Discard, strings.NewReader(""))
	for name, v := range map[string]starlark.Value{"int": starlark.MakeInt(1), "str": starlark.String(""), "list": starlark.NewList(nil), "bool": starlark.True} {
		got, err := starlark.Call(thread, Builtins["type"], starlark.Tuple{v}, nil)
		if err != nil || got != Builtins[name] {
			t.Errorf("type(%s) = %v, %v; want the %s builtin itself", v, got, err, name)
		}
	}
}

func TestIsinstanceOfModuleClass(t *testing.T) {
	// A value type "multiprocessing.Process" and its constructor builtin.
	ctor := starlark.NewBuiltin("multiprocessing.Process", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		return starlark.None, nil
	})
	obj := &fakeObj{typ: "multiprocessing.Process"}
	out, err := runWith(t, "print(isinstance(p, Process), isinstance(1, Process), type(p), type(p).__name__, type(p).__module__, type(p) == type(p))",
		starlark.StringDict{"p": obj, "Process": ctor})
	if want := "True False <class 'multiprocessing.Process'> Process multiprocessing True\n"; out != want || err != "" {
		t.Errorf("got %q %q, want %q", out, err, want)
	}
}

type fakeObj struct{ typ string }

func (f *fakeObj) String() string        { return "<obj>" }
func (f *fakeObj) Type() string          { return f.typ }
func (f *fakeObj) Freeze()               {}
func (f *fakeObj) Truth() starlark.Bool  { return true }
func (f *fakeObj) Hash() (uint32, error) { return 0, nil }

func TestDunderAttrNamesFunctionsAndTypes(t *testing.T) {
	src := `def work(): pass
print(__attr__(type([]), '__name__'), __attr__(int, '__name__'), __attr__(work, '__name__'), __attr__(lambda: 0, '__name__'),
      __attr__(len, '__module__'), __attr__(work, '__module__'), __attr__(type(None), '__name__'), __attr__(1, '__class__'),
      __attr__('a', '__class__') == str, __attr__(work, '__doc__'))
__attr__(work, 'nope')`
	out, err := run(t, src, "")
	want := "list int work <lambda> builtins __main__ NoneType <class 'int'> True None\n"
	if out != want || err != "AttributeError: 'function' object has no attribute 'nope'" {
		t.Errorf("got %q %q, want %q", out, err, want)
	}
}
