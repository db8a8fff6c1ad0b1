package universe

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

var fileOpts = &syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true, Recursion: true}

// run executes src with Builtins predeclared and a run state over an output
// buffer and stdin; it returns what was printed and the Python form of the
// error ("Type: msg"), or "".
func run(t testing.TB, src, stdin string) (string, string) {
	t.Helper()
	var out bytes.Buffer
	thread := &starlark.Thread{Name: "test"}
	st := runtime.NewState()
	st.Stdout, st.Stderr, st.Stdin = &out, &out, strings.NewReader(stdin)
	runtime.Attach(thread, st)
	_, err := starlark.ExecFileOptions(fileOpts, thread, "test.py", src, Builtins)
	return out.String(), pyErrText(err)
}

// pyErrText is the traceback's last line the host would print for err.
func pyErrText(err error) string {
	if err == nil {
		return ""
	}
	var pe *pyerr.Error
	if errors.As(err, &pe) {
		return pe.Error()
	}
	var se *pyerr.SystemExit
	if errors.As(err, &se) {
		if se.Printed {
			return "SystemExit: " + se.Msg
		}
		return se.Error()
	}
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		return "starlark: " + ee.Msg
	}
	return "go: " + err.Error()
}
