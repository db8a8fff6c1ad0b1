package subprocess

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// The test binary impersonates the programs the tests run, as os/exec's
// tests do: with helperEnv set in its environment it runs the helper named
// by its first argument instead of the tests.
const helperEnv = "STARPROC_SUBPROCESS_HELPER"

var helpers = map[string]func(args []string) int{
	// spew MiB: write MiB mebibytes to stdout and to stderr, interleaved,
	// so that a parent reading one pipe at a time deadlocks.
	"spew": func(args []string) int {
		n, _ := strconv.Atoi(args[0])
		chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
		for i := 0; i < n*16; i++ {
			os.Stdout.Write(chunk)
			os.Stderr.Write(chunk)
		}
		return 0
	},
	"cat": func([]string) int {
		io.Copy(os.Stdout, os.Stdin)
		return 0
	},
	"exit": func(args []string) int {
		n, _ := strconv.Atoi(args[0])
		return n
	},
	// sleep SECONDS: print "hi", then sleep; a timeout's partial output.
	"sleep": func(args []string) int {
		os.Stdout.WriteString("hi\n")
		d, _ := time.ParseDuration(args[0] + "s")
		time.Sleep(d)
		return 0
	},
	"env": func(args []string) int {
		for _, k := range args {
			v, ok := os.LookupEnv(k)
			fmt.Printf("%s=%q %v\n", k, v, ok)
		}
		return 0
	},
	"cwd": func([]string) int {
		d, _ := os.Getwd()
		fmt.Println(d)
		return 0
	},
	// fd N: print what descriptor N is open on.
	"fd": func(args []string) int {
		target, err := os.Readlink("/proc/self/fd/" + args[0])
		if err != nil {
			fmt.Println(err)
			return 1
		}
		fmt.Println(target)
		return 0
	},
	"signal-self": func(args []string) int {
		n, _ := strconv.Atoi(args[0])
		syscall.Kill(os.Getpid(), syscall.Signal(n))
		time.Sleep(10 * time.Second)
		return 0
	},
	"out-err": func([]string) int {
		os.Stdout.WriteString("to-stdout\n")
		os.Stderr.WriteString("to-stderr\n")
		return 0
	},
}

var helpersUsed sync.Map

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		h, ok := helpers[os.Args[1]]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown helper %q\n", os.Args[1])
			os.Exit(2)
		}
		os.Exit(h(os.Args[2:]))
	}
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && !testing.Short() {
		var unused []string
		for name := range helpers {
			if _, ok := helpersUsed.Load(name); !ok {
				unused = append(unused, name)
			}
		}
		sort.Strings(unused)
		if len(unused) > 0 {
			fmt.Fprintf(os.Stderr, "helpers never used: %s\n", strings.Join(unused, ", "))
			code = 1
		}
	}
	os.Exit(code)
}

// H(name, *args) is the argv that runs a helper; predeclared in snippets.
var helperBuiltin = starlark.NewBuiltin("H", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	name, _ := starlark.AsString(args[0])
	if _, ok := helpers[name]; !ok {
		return nil, fmt.Errorf("no helper %q", name)
	}
	helpersUsed.Store(name, true)
	exe, _ := os.Executable()
	argv := []starlark.Value{starlark.String(exe)}
	for _, a := range args {
		argv = append(argv, starlark.String(pyfmt.Str(a)))
	}
	return starlark.NewList(argv), nil
})

// pyBuiltin wraps a func of one value, for repr and str with Python's rules.
func pyBuiltin(name string, f func(starlark.Value) string) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(name, args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		return starlark.String(f(v)), nil
	})
}

// newState is a run state over temp files, with the helper switch in the
// environment (and not in the Go process's, so it is the run's that counts).
func newState(t testing.TB) *runtime.State {
	st := runtime.NewState()
	st.Stdin = strings.NewReader("")
	st.Env.Set(helperEnv, "1")
	st.Cwd = t.TempDir()
	out, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close() })
	st.Stdout, st.Stderr = out, out
	return st
}

// stdoutOf returns what has been written to the state's stdout file.
func stdoutOf(t testing.TB, st *runtime.State) string {
	b, err := os.ReadFile(st.Stdout.(*os.File).Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// exec runs src with subprocess predeclared, and extra, and returns its
// globals.
func exec(t testing.TB, st *runtime.State, src string, extra ...starlark.StringDict) (starlark.StringDict, error) {
	thread := &starlark.Thread{Name: "test", Print: func(_ *starlark.Thread, msg string) {
		fmt.Fprintln(st.Stdout, msg)
	}}
	runtime.Attach(thread, st)
	predeclared := starlark.StringDict{
		"subprocess": Module,
		"H":          helperBuiltin,
		"HENV":       starlark.String(helperEnv),
		"repr":       pyBuiltin("repr", pyfmt.Repr),
		"str":        pyBuiltin("str", pyfmt.Str),
	}
	for _, d := range extra {
		for k, v := range d {
			predeclared[k] = v
		}
	}
	opts := &syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true}
	return starlark.ExecFileOptions(opts, thread, "test.star", src, predeclared)
}

// pyError returns the traceback's last line for err, as the host prints it.
func pyError(err error) string {
	var pe *pyerr.Error
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return "not a Python exception: " + err.Error()
}

// mustExec runs src and returns str(result) or, when result is not a str,
// repr(result).
func mustExec(t testing.TB, st *runtime.State, src string) string {
	t.Helper()
	g, err := exec(t, st, src)
	if err != nil {
		t.Fatalf("%s\n%v", src, err)
	}
	if g["result"] == nil {
		return ""
	}
	return pyfmt.Repr(g["result"])
}
