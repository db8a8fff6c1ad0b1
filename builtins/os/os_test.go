package os_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	osmod "github.com/starproc/starproc/builtins/os"
	"github.com/starproc/starproc/runtime/pyerr"
)

func TestSystemRunsInTheRunsDirectoryAndEnvironment(t *testing.T) {
	src := `
os.mkdir('sub')
os.chdir('sub')
os.environ['GREETING'] = 'hi'
os.putenv('ONLY_C', 'c')
print(os.system('echo $GREETING $ONLY_C; basename "$PWD"; pwd -P > where'))
print(os.system('exit 3'), os.system('kill -9 $$'), os.system('echo oops >&2; exit 1'))
`
	st, out, err := runScript(t, src)
	if err != "" {
		t.Fatal(err)
	}
	want := "hi c\nsub\n0\noops\n768 9 256\n"
	if out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	where, rerr := os.ReadFile(filepath.Join(st.Cwd, "where"))
	if rerr != nil || strings.TrimSpace(string(where)) != st.Cwd {
		t.Errorf("child ran in %q (%v), want %q", where, rerr, st.Cwd)
	}
}

func TestEnvironChangesReachStateEnvButPutenvSkipsEnviron(t *testing.T) {
	src := `
os.environ['A'] = '1'
os.putenv('B', '2')
os.environ['C'] = '3'
os.unsetenv('C')
os.environ.pop('HOME')
print(os.environ.get('B'), os.environ.get('C'))
`
	st, out, err := runScript(t, src)
	if err != "" || out != "None 3\n" {
		t.Fatalf("stdout %q, error %q", out, err)
	}
	want := "PATH=/usr/bin:/bin LANG=C A=1 B=2"
	if got := strings.Join(st.Env.Pairs(), " "); got != want {
		t.Errorf("State.Env = %s, want %s", got, want)
	}
}

func TestExitIsImmediateSystemExit(t *testing.T) {
	_, out, _ := runScript(t, "print('before')\nos._exit(7)\nprint('after')\n")
	if out != "before\n" {
		t.Errorf("stdout %q", out)
	}
	err := runErr(t, "os._exit(7)\n")
	var ie *osmod.ImmediateExit
	var se *pyerr.SystemExit
	if !errors.As(err, &ie) || !errors.As(err, &se) || se.Code != 7 || se.Printed {
		t.Errorf("error %#v is not an immediate SystemExit(7)", err)
	}
}

func TestListdirKeepsDirectoryOrder(t *testing.T) {
	st, _, err := runScript(t, "")
	if err != "" {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		os.WriteFile(filepath.Join(st.Cwd, fmt.Sprintf("f%02d", i)), nil, 0o644)
	}
	f, _ := os.Open(st.Cwd)
	raw, _ := f.Readdirnames(-1)
	f.Close()
	got := runOut(t, st.Cwd, "print(' '.join(os.listdir()))\n")
	if want := strings.Join(raw, " ") + "\n"; got != want {
		t.Errorf("listdir order %q, want readdir order %q", got, want)
	}
}

func TestQueriesAreJournaled(t *testing.T) {
	st, _, err := runScript(t, "os.getpid()\nos.getppid()\nos.cpu_count()\nos.urandom(4)\nos.listdir()\nos.path.exists('x')\nos.path.isdir('.')\nos.mkdir('d')\n")
	if err != "" {
		t.Fatal(err)
	}
	if st.Journal.Len() != 8 {
		t.Errorf("journal has %d effects, want 8", st.Journal.Len())
	}
}

func TestPathIsTheModuleOnItsOwn(t *testing.T) {
	if osmod.Path.Name != "posixpath" {
		t.Errorf("os.path is named %q", osmod.Path.Name)
	}
	for _, name := range []string{"join", "exists", "isfile", "isdir", "islink", "getsize", "basename", "dirname", "abspath", "realpath", "relpath", "normpath", "splitext", "split", "isabs", "expanduser", "commonprefix"} {
		if _, ok := osmod.Path.Members[name]; !ok {
			t.Errorf("os.path.%s missing", name)
		}
	}
}
