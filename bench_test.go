package starproc_test

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc"
	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pysyntax"
)

// bigScript returns a Python script of about n lines in the style of the
// tutorials: functions, loops, formatting, imports.
func bigScript(n int) []byte {
	var b strings.Builder
	b.WriteString("import os, time\nfrom random import randint\n")
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < n; i++ {
		fmt.Fprintf(&b, `
def task_%d(name, count=3):
    total = 0
    for i in range(count):
        if 0 <= i < 10 and name is not None:
            total += i ** 2
    print('Task %%s: %%d (%%0.2f)' %% (name, total, total / 3))
    print(f'{name!r:>10} {total:05d}')
    return '{}-{}'.format(name, total)
`, i)
	}
	return []byte(b.String())
}

// BenchmarkCompile2000Lines measures the front end and the Starlark compiler
// on a 2,000-line script: source pass, parse, AST pass, resolve, compile.
func BenchmarkCompile2000Lines(b *testing.B) {
	src := bigScript(2000)
	opts := &pysyntax.Options{Predeclared: func(string) bool { return true }}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		f, err := pysyntax.Parse("big.py", src, opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := starlark.FileProgram(f, func(string) bool { return true }); err != nil {
			b.Fatal(err)
		}
	}
}

// Compute-bound scripts that are both Python and Starlark, to measure what
// the front end's rewrites cost at run time against go.starlark.net running
// the very same text.
var computeScripts = map[string]string{
	"calls": `
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
r = fib(20)
`,
	"loops": `
def loops():
    total = 0
    for i in range(300):
        row = []
        for j in range(100):
            if (i * j) % 7 == 3:
                total += j
            row.append(i + j)
        total += len(row)
    return total
r = loops()
`,
	"formatting": `
def fmt():
    out = []
    for i in range(3000):
        out.append('%d: %s' % (i, 'x'))
        out.append('{}-{}'.format(i, 'y'))
    return len(out)
r = fmt()
`,
}

// BenchmarkRunVersusStarlark runs each compute script under starproc (front
// end, predeclared Python built-ins, run state) and under plain
// go.starlark.net, side by side.
func BenchmarkRunVersusStarlark(b *testing.B) {
	for _, name := range []string{"calls", "loops", "formatting"} {
		src := computeScripts[name]
		b.Run(name+"/starproc", func(b *testing.B) {
			state := runtime.NewState()
			state.Stdout = io.Discard
			for b.Loop() {
				thread := starproc.NewThread(state)
				if err := starproc.Exec(thread, "bench.py", []byte(src), ""); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/starlark", func(b *testing.B) {
			for b.Loop() {
				thread := &starlark.Thread{}
				if _, err := starlark.ExecFileOptions(&pysyntax.FileOptions, thread, "bench.star", src, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestComputeScriptsAgree checks that the benchmark scripts mean the same
// under both runtimes, so the benchmark compares like with like.
func TestComputeScriptsAgree(t *testing.T) {
	for name, src := range computeScripts {
		state := runtime.NewState()
		state.Stdout = &bytes.Buffer{}
		thread := starproc.NewThread(state)
		if err := starproc.Exec(thread, "bench.py", []byte(src+"print(r)\n"), ""); err != nil {
			t.Fatalf("%s under starproc: %v", name, err)
		}
		var plain bytes.Buffer
		th := &starlark.Thread{Print: func(_ *starlark.Thread, msg string) { plain.WriteString(msg + "\n") }}
		if _, err := starlark.ExecFileOptions(&pysyntax.FileOptions, th, "bench.star", src+"print(r)\n", nil); err != nil {
			t.Fatalf("%s under starlark: %v", name, err)
		}
		if got, want := state.Stdout.(*bytes.Buffer).String(), plain.String(); got != want {
			t.Errorf("%s: starproc printed %q, starlark %q", name, got, want)
		}
	}
}

// The binary must not need cgo: packages such as net and os/user link the
// C resolver and the dynamic loader, whose start-up every child process
// pays (about 5 ms of CPU each on the project's machine).
func TestBinaryNeedsNoCgo(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./cmd/starproc").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "runtime/cgo" || pkg == "net" || pkg == "os/user" {
			t.Errorf("cmd/starproc depends on %s", pkg)
		}
	}
}
