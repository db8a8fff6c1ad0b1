package os_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	osmod "github.com/starproc/starproc/builtins/os"
	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/journal"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// scriptCase is a snippet that is both Python and Starlark, with the
// stdout and the last traceback line python3 3.11 gave for it in an empty
// directory, with the environment testEnv.
type scriptCase struct {
	name, src, out, err string
}

var testEnv = []string{"PATH=/usr/bin:/bin", "HOME=/home/u", "LANG=C"}

// pyPrint and pyRepr stand in for the front end's print and repr.
var pyPrint = starlark.NewBuiltin("print", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = pyfmt.Str(a)
	}
	_, err := runtime.Of(thread).Stdout.Write([]byte(strings.Join(parts, " ") + "\n"))
	return starlark.None, err
})

var pyRepr = starlark.NewBuiltin("repr", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return starlark.String(pyfmt.Repr(v)), nil
})

// runScript runs src with the os module predeclared, in a fresh temporary
// working directory, and returns the state, stdout and the Python form of
// its error ("" for none).
func runScript(t *testing.T, src string) (*runtime.State, string, string) {
	t.Helper()
	var out bytes.Buffer
	st := &runtime.State{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out,
		Env: runtime.NewEnviron(testEnv), Cwd: t.TempDir(),
		Journal: new(journal.Journal), Modules: map[string]starlark.Value{},
	}
	thread := &starlark.Thread{Name: "test"}
	runtime.Attach(thread, st)
	mod, err := osmod.New(thread)
	if err != nil {
		t.Fatal(err)
	}
	predeclared := starlark.StringDict{"os": mod, "open": pyio.Open, "print": pyPrint, "repr": pyRepr}
	opts := &syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true}
	_, err = starlark.ExecFileOptions(opts, thread, "test.py", src, predeclared)
	return st, out.String(), pyErrorText(err)
}

func pyErrorText(err error) string {
	if err == nil {
		return ""
	}
	var pe *pyerr.Error
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return err.Error()
}

func runCases(t *testing.T, cases []scriptCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, out, err := runScript(t, c.src)
			if out != c.out || err != c.err {
				t.Errorf("%s\ngot stdout:\n%s\ngot error: %s\nwant stdout:\n%s\nwant error: %s", c.src, out, err, c.out, c.err)
			}
		})
	}
}

func TestOSMatchesCPython(t *testing.T) { runCases(t, cases) }

// runErr runs src and returns its raw error.
func runErr(t *testing.T, src string) error {
	t.Helper()
	thread := &starlark.Thread{Name: "test"}
	st := &runtime.State{Stdout: new(bytes.Buffer), Stderr: new(bytes.Buffer), Env: runtime.NewEnviron(testEnv),
		Cwd: t.TempDir(), Journal: new(journal.Journal), Modules: map[string]starlark.Value{}}
	runtime.Attach(thread, st)
	mod, _ := osmod.New(thread)
	_, err := starlark.ExecFileOptions(&syntax.FileOptions{}, thread, "test.py", src, starlark.StringDict{"os": mod})
	return err
}

// runOut runs src in dir and returns its stdout.
func runOut(t *testing.T, dir, src string) string {
	t.Helper()
	var out bytes.Buffer
	thread := &starlark.Thread{Name: "test"}
	st := &runtime.State{Stdout: &out, Stderr: &out, Env: runtime.NewEnviron(testEnv),
		Cwd: dir, Journal: new(journal.Journal), Modules: map[string]starlark.Value{}}
	runtime.Attach(thread, st)
	mod, _ := osmod.New(thread)
	if _, err := starlark.ExecFileOptions(&syntax.FileOptions{}, thread, "test.py", src, starlark.StringDict{"os": mod, "print": pyPrint}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
