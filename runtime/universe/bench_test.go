package universe

import (
	"io"
	"strings"
	"testing"

	"go.starlark.net/starlark"
)

func benchCall(b *testing.B, name string, args starlark.Tuple) {
	thread, _ := newThread(io.Discard, strings.NewReader(""))
	fn := Builtins[name].(*starlark.Builtin)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := fn.CallInternal(thread, args, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPctInts(b *testing.B) {
	benchCall(b, "__pct__", starlark.Tuple{starlark.MakeInt(123456), starlark.MakeInt(97)})
}

func BenchmarkPctString(b *testing.B) {
	benchCall(b, "__pct__", starlark.Tuple{starlark.String("%d: %s"), starlark.Tuple{starlark.MakeInt(7), starlark.String("x")}})
}

func BenchmarkMethodExtension(b *testing.B) {
	benchCall(b, "__method__", starlark.Tuple{starlark.String("a,b,c"), starlark.String("split"), starlark.String(",")})
}

func BenchmarkMethodFallback(b *testing.B) {
	benchCall(b, "__method__", starlark.Tuple{starlark.String("abc"), starlark.String("upper")})
}

func BenchmarkMethodListIndex(b *testing.B) {
	l := starlark.NewList([]starlark.Value{starlark.MakeInt(1), starlark.MakeInt(2), starlark.MakeInt(3)})
	benchCall(b, "__method__", starlark.Tuple{l, starlark.String("index"), starlark.MakeInt(3)})
}

func BenchmarkFstr(b *testing.B) {
	benchCall(b, "__fstr__", starlark.Tuple{
		starlark.String("worker "), starlark.MakeInt(3), starlark.String(""), starlark.String(""),
		starlark.String(" got "), starlark.String("item"), starlark.String(""), starlark.String(""),
		starlark.String(" in "), starlark.Float(0.25), starlark.String(""), starlark.String(".2f"),
		starlark.String("s"),
	})
}

func BenchmarkPrint(b *testing.B) {
	benchCall(b, "print", starlark.Tuple{starlark.String("worker"), starlark.MakeInt(3), starlark.String("done")})
}

// BenchmarkScriptLoop is the rewritten form of a typical loop body:
//
//	for c in s: if i % 2 == 0: out.append(f"{i}:{c}")
func BenchmarkScriptLoop(b *testing.B) {
	src := `
def f():
    out = []
    i = 0
    for c in __iter__("hello world, this is a test"):
        if __pct__(i, 2) == 0:
            out.append(__fstr__("", i, "", "", ":", c, "", "", ""))
        i += 1
    return __method__(",", "join", out)
`
	thread, _ := newThread(io.Discard, strings.NewReader(""))
	globals, err := starlark.ExecFileOptions(fileOpts, thread, "bench.py", src, Builtins)
	if err != nil {
		b.Fatal(err)
	}
	f := globals["f"]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := starlark.Call(thread, f, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDictViewLoop is `for k, v in d.items(): n += v` as the front end
// compiles it, over a dict of 100 items; compare BenchmarkDictStarlarkItemsLoop
// (Starlark's own list-returning items()).
func BenchmarkDictViewLoop(b *testing.B) {
	benchLoop(b, `__method__(d, "items")`)
}

func BenchmarkDictStarlarkItemsLoop(b *testing.B) {
	benchLoop(b, `d.items()`)
}

func benchLoop(b *testing.B, items string) {
	src := `
d = {i: i for i in range(100)}
def f():
    n = 0
    for k, v in ` + items + `:
        n += v
    return n
`
	thread, _ := newThread(io.Discard, strings.NewReader(""))
	globals, err := starlark.ExecFileOptions(fileOpts, thread, "bench.py", src, Builtins)
	if err != nil {
		b.Fatal(err)
	}
	f := globals["f"]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := starlark.Call(thread, f, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
