package pyio_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/journal"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// scriptCase is a snippet that is both Python and Starlark, with the
// stdout and the last traceback line python3 3.11 gave for it.
type scriptCase struct {
	name, src, out, err string
}

// pyPrint and pyRepr stand in for the front end's print and repr, so the
// output compares with CPython's.
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

// runScript runs src in a fresh temporary working directory and returns
// its stdout and the Python form of its error ("" for none).
func runScript(t *testing.T, src string, stdin string) (*runtime.State, string, string) {
	t.Helper()
	var out bytes.Buffer
	st := &runtime.State{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &out,
		Env: runtime.NewEnviron(nil), Cwd: t.TempDir(),
		Journal: new(journal.Journal), Modules: map[string]starlark.Value{},
	}
	thread := &starlark.Thread{Name: "test"}
	runtime.Attach(thread, st)
	predeclared := starlark.StringDict{"open": pyio.Open, "print": pyPrint, "repr": pyRepr}
	opts := &syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true}
	_, err := starlark.ExecFileOptions(opts, thread, "test.py", src, predeclared)
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
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		return strings.TrimPrefix(ee.Msg, "Starlark computation cancelled: ")
	}
	return err.Error()
}

func runCases(t *testing.T, cases []scriptCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, out, err := runScript(t, c.src, "")
			if out != c.out || err != c.err {
				t.Errorf("%s\ngot stdout:\n%s\ngot error: %s\nwant stdout:\n%s\nwant error: %s", c.src, out, err, c.out, c.err)
			}
		})
	}
}

func TestOpenMatchesCPython(t *testing.T) { runCases(t, cases) }
