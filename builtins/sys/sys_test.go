package sys_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	sysmod "github.com/starproc/starproc/builtins/sys"
	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/journal"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

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

type result struct {
	st             *runtime.State
	stdout, stderr string
	err            error
}

// run executes src with sys predeclared over a state with the given argv and stdin.
func run(t *testing.T, src string, argv []string, stdin string) result {
	t.Helper()
	var out, errb bytes.Buffer
	st := &runtime.State{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Env: runtime.NewEnviron(nil), Cwd: t.TempDir(), Argv: argv, Script: "prog.py",
		Executable: "/usr/local/bin/starproc",
		Journal:    new(journal.Journal), Modules: map[string]starlark.Value{},
	}
	thread := &starlark.Thread{Name: "test"}
	runtime.Attach(thread, st)
	mod, err := sysmod.New(thread)
	if err != nil {
		t.Fatal(err)
	}
	opts := &syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true}
	_, err = starlark.ExecFileOptions(opts, thread, "prog.py", src,
		starlark.StringDict{"sys": mod, "print": pyPrint, "repr": pyRepr})
	return result{st, out.String(), errb.String(), err}
}

func TestFactsMatchCPython(t *testing.T) {
	// Expected lines from python3 3.11.7 (except executable and path, the run's).
	src := `
print(sys.platform, sys.byteorder, sys.maxsize, sys.maxunicode, sys.hexversion)
print(sys.version_info[:2], sys.version_info[0], list(sys.version_info), sys.version_info.major, len(sys.version_info))
print(repr(sys.version_info))
print(sys.version_info == sys.version_info, sys.version_info[:2] >= (3, 8), sys.version_info.releaselevel)
print(sys.version.startswith('3.11.7 '), sys.executable, sys.path[0] == sys.path[0], sys.getdefaultencoding())
print(sys.getrecursionlimit(), sys.setrecursionlimit(50), sys.getrecursionlimit(), sys.implementation.name)
`
	r := run(t, src, []string{"prog.py"}, "")
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := `linux little 9223372036854775807 1114111 51054576
(3, 11) 3 [3, 11, 7, 'final', 0] 3 5
sys.version_info(major=3, minor=11, micro=7, releaselevel='final', serial=0)
True True final
True /usr/local/bin/starproc True utf-8
1000 None 50 starproc
`
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	r = run(t, "print(sys.path)", nil, "")
	if want := "['" + r.st.Cwd + "']\n"; r.stdout != want {
		t.Errorf("sys.path = %s, want the script's directory %s", r.stdout, want)
	}
}

func TestArgvIsPerRunAndMutable(t *testing.T) {
	r := run(t, "print(sys.argv)\nsys.argv.append('c')\nprint(sys.argv)\n", []string{"prog.py", "a", "b"}, "")
	if r.err != nil || r.stdout != "['prog.py', 'a', 'b']\n['prog.py', 'a', 'b', 'c']\n" {
		t.Errorf("stdout %q, error %v", r.stdout, r.err)
	}
	r = run(t, "print(sys.argv)\n", []string{"prog.py", "a", "b"}, "")
	if r.stdout != "['prog.py', 'a', 'b']\n" {
		t.Errorf("a second run saw %q", r.stdout)
	}
}

func TestStreams(t *testing.T) {
	src := `
print(sys.stdout.write('hé\n'), sys.stderr.write('err\n'), sys.stdout.flush())
print(repr(sys.stdin.readline()))
for line in sys.stdin:
    print(repr(line))
print(repr(sys.stdout), sys.stdout.name, sys.stdin.mode, sys.stderr.encoding, sys.__stdout__ == sys.stdout)
`
	r := run(t, src, nil, "one\ntwo\r\nthree")
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := "hé\n3 4 None\n'one\\n'\n'two\\n'\n'three'\n<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'> <stdout> r utf-8 True\n"
	if r.stdout != want || r.stderr != "err\n" {
		t.Errorf("stdout %q\nwant   %q\nstderr %q", r.stdout, want, r.stderr)
	}
	// Two writes, a readline, and the loop's two lines and EOF are effects.
	if n := r.st.Journal.Len(); n != 2+1+3 {
		t.Errorf("journal has %d effects, want 6", n)
	}
}

func TestExit(t *testing.T) {
	// Exit statuses from python3 -c 'import sys; sys.exit(ARG)'.
	for _, c := range []struct {
		arg     string
		code    int
		msg     string
		printed bool
	}{
		{"", 0, "", false},
		{"None", 0, "", false},
		{"3", 3, "", false},
		{"True", 1, "", false},
		{"False", 0, "", false},
		{"-1", -1, "", false},
		{"1 << 40", 0, "", false},
		{"'bye'", 1, "bye", true},
		{"[1]", 1, "[1]", true},
	} {
		r := run(t, "print('before')\nsys.exit("+c.arg+")\nprint('after')\n", nil, "")
		var se *pyerr.SystemExit
		if !errors.As(r.err, &se) {
			t.Errorf("sys.exit(%s): error %v is not a SystemExit", c.arg, r.err)
			continue
		}
		if se.Code != c.code || se.Msg != c.msg || se.Printed != c.printed || r.stdout != "before\n" {
			t.Errorf("sys.exit(%s) = %+v, stdout %q; want code %d msg %q printed %v", c.arg, *se, r.stdout, c.code, c.msg, c.printed)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"sys.setrecursionlimit(0)", "ValueError: recursion limit must be greater or equal than 1"},
		{"sys.setrecursionlimit('x')", "TypeError: 'str' object cannot be interpreted as an integer"},
		{"sys.setrecursionlimit(1 << 40)", "OverflowError: Python int too large to convert to C int"},
		{"sys.stdin.write('x')", "io.UnsupportedOperation: not writable"},
		{"sys.stdout.read()", "io.UnsupportedOperation: not readable"},
		{"sys.stdout.write(1)", "TypeError: write() argument must be str, not int"},
	} {
		r := run(t, c.src, nil, "")
		var pe *pyerr.Error
		if !errors.As(r.err, &pe) || pe.Error() != c.want {
			t.Errorf("%s: error %v, want %s", c.src, r.err, c.want)
		}
	}
}
