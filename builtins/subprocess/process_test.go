package subprocess

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// A child that is not redirected writes to the very descriptor the script
// writes to: nothing copies or buffers its output.
func TestChildWritesStraightToTheScriptsStdout(t *testing.T) {
	st := newState(t)
	got := mustExec(t, st, "result = subprocess.call(H('fd', '1'))\nsubprocess.call(['echo', 'after'])")
	if got != "0" {
		t.Fatalf("call returned %s", got)
	}
	want := st.Stdout.(*os.File).Name() + "\nafter\n"
	if out := stdoutOf(t, st); out != want {
		t.Errorf("stdout file holds %q, want %q", out, want)
	}
}

// syncBuffer is a Go host's capturing writer, safe for the copying goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A host whose streams are not OS files still gets the child's output,
// complete by the time the child has been waited for.
func TestChildOutputReachesANonFileStream(t *testing.T) {
	st := newState(t)
	var out, errOut syncBuffer
	st.Stdout, st.Stderr = &out, &errOut
	st.Stdin = strings.NewReader("typed by the user\n")
	mustExec(t, st, "subprocess.call(H('out-err'))\nresult = subprocess.run(H('cat'), stdout=subprocess.PIPE).stdout")
	if out.String() != "to-stdout\n" || errOut.String() != "to-stderr\n" {
		t.Errorf("stdout %q, stderr %q", out.String(), errOut.String())
	}
	st.Stdin = strings.NewReader("typed by the user\n")
	if got := mustExec(t, st, "result = subprocess.run(H('cat'), stdout=subprocess.PIPE).stdout"); got != `b'typed by the user\n'` {
		t.Errorf("child read %s from the script's stdin", got)
	}
	if got := mustExec(t, st, "result = subprocess.run(H('out-err'), stderr=subprocess.STDOUT).returncode"); got != "0" || !strings.HasSuffix(out.String(), "to-stdout\nto-stderr\n") {
		t.Errorf("stderr=STDOUT: %s, stdout %q", got, out.String())
	}
}

// The program is found on the run's PATH, and the child gets the run's
// environment and working directory, not the Go process's.
func TestChildGetsTheRunsPathEnvironmentAndDirectory(t *testing.T) {
	st := newState(t)
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "myprog"), []byte("#!/bin/sh\necho found\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	path, _ := st.Env.Get("PATH")
	st.Env.Set("PATH", bin+":"+path)
	st.Env.Set("ONLY_IN_RUN", "yes")
	if err := os.Mkdir(filepath.Join(st.Cwd, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ src, want string }{
		{`result = subprocess.run(['myprog'], capture_output=True).stdout`, `b'found\n'`},
		{`result = subprocess.run(H('env', 'ONLY_IN_RUN'), capture_output=True, text=True).stdout`, `'ONLY_IN_RUN="yes" true\n'`},
		{`result = subprocess.run(H('env', 'ONLY_IN_RUN', 'A'), env={HENV: '1', 'A': 'b'}, capture_output=True, text=True).stdout`, `'ONLY_IN_RUN="" false\nA="b" true\n'`},
		{`result = subprocess.run(H('cwd'), capture_output=True, text=True).stdout`, pyfmt.Repr(starlark.String(st.Cwd + "\n"))},
		{`result = subprocess.run(H('cwd'), cwd='sub', capture_output=True, text=True).stdout`, pyfmt.Repr(starlark.String(filepath.Join(st.Cwd, "sub") + "\n"))},
		{`result = subprocess.run(['./myprog'], cwd='` + bin + `', capture_output=True).stdout`, `b'found\n'`},
	}
	for _, tt := range tests {
		if got := mustExec(t, st, tt.src); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
	if _, err := exec(t, newState(t), `subprocess.run(['myprog'])`); err == nil {
		t.Errorf("myprog found without the run's PATH")
	}
}

// communicate reads stdout and stderr at once: a child that fills both
// pipes does not deadlock, and every byte arrives.
func TestCommunicateLargeOutputsDoNotDeadlock(t *testing.T) {
	st := newState(t)
	got := mustExec(t, st, `p = subprocess.Popen(H('spew', '10'), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate()
r = subprocess.run(H('spew', '1'), capture_output=True, text=True)
result = (len(out), len(err), p.returncode, len(r.stdout), len(r.stderr))`)
	if want := fmt.Sprintf("(%d, %d, 0, %d, %d)", 10<<20, 10<<20, 1<<20, 1<<20); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// stdout= and stdin= take open file objects and descriptors; the child
// uses the same open file.
func TestStreamsFromFileObjectsAndDescriptors(t *testing.T) {
	st := newState(t)
	dir := t.TempDir()
	out, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	in, err := os.CreateTemp(dir, "in")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	in.WriteString("from a file\n")
	in.Seek(0, 0)
	f := pyio.New(starlark.String(out.Name()), "wb", nil, out, out, "")
	src := fmt.Sprintf(`subprocess.run(['echo', 'one'], stdout=F)
subprocess.run(['sh', '-c', 'echo two >&2'], stderr=%d)
result = subprocess.run(['cat'], stdin=%d, capture_output=True).stdout`, out.Fd(), in.Fd())
	g, err := exec(t, st, src, starlark.StringDict{"F": f})
	if err != nil {
		t.Fatal(err)
	}
	if got := pyfmt.Repr(g["result"]); got != `b'from a file\n'` {
		t.Errorf("stdin=fd: child read %s", got)
	}
	b, _ := os.ReadFile(out.Name())
	if string(b) != "one\ntwo\n" {
		t.Errorf("file holds %q", b)
	}
}

// A timeout kills the child and the exception carries what was read.
func TestTimeoutExpiredCarriesPartialOutput(t *testing.T) {
	start := time.Now()
	_, err := exec(t, newState(t), `subprocess.run(H('sleep', '10'), capture_output=True, timeout=1.5)`)
	var pe *pyerr.Error
	if !errors.As(err, &pe) || pe.Type != "subprocess.TimeoutExpired" {
		t.Fatalf("got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("run took %v: the child was not killed", d)
	}
	got := fmt.Sprintf("%s %s %s %s", pyfmt.Repr(pe.Attrs["output"]), pyfmt.Repr(pe.Attrs["stdout"]), pyfmt.Repr(pe.Attrs["stderr"]), pyfmt.Repr(pe.Attrs["timeout"]))
	if got != `b'hi\n' b'hi\n' None 1.5` {
		t.Errorf("attributes %s", got)
	}
}

// Without pipes CPython's run times out in its final wait, whose message
// shows the time that was left, not the timeout given.
func TestRunWithoutPipesTimesOutWithTheRemainingTime(t *testing.T) {
	_, err := exec(t, newState(t), `subprocess.run(['sleep', '5'], timeout=0.5)`)
	msg := pyError(err)
	prefix := "subprocess.TimeoutExpired: Command '['sleep', '5']' timed out after 0."
	if !strings.HasPrefix(msg, prefix) || !strings.HasSuffix(msg, " seconds") {
		t.Fatalf("got %s", msg)
	}
	var pe *pyerr.Error
	errors.As(err, &pe)
	if f, ok := pe.Attrs["timeout"].(starlark.Float); !ok || f > 0.5 || f < 0.3 || pe.Attrs["output"] != starlark.None {
		t.Errorf("timeout %v, output %v", pe.Attrs["timeout"], pe.Attrs["output"])
	}
}

func TestCalledProcessErrorCarriesOutput(t *testing.T) {
	_, err := exec(t, newState(t), `subprocess.run(['sh', '-c', 'echo hi; echo e >&2; exit 3'], capture_output=True, check=True)`)
	var pe *pyerr.Error
	if !errors.As(err, &pe) {
		t.Fatalf("got %v", err)
	}
	var parts []string
	for _, k := range []string{"returncode", "cmd", "output", "stdout", "stderr"} {
		parts = append(parts, pyfmt.Repr(pe.Attrs[k]))
	}
	if got, want := strings.Join(parts, " "), `3 ['sh', '-c', 'echo hi; echo e >&2; exit 3'] b'hi\n' b'hi\n' b'e\n'`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Exit statuses and signal deaths are the child's real ones.
func TestReturncodeIsTheRealStatus(t *testing.T) {
	got := mustExec(t, newState(t), `result = (subprocess.call(H('exit', '5')), subprocess.call(H('signal-self', '15')), subprocess.call(H('exit', '0')))`)
	if got != "(5, -15, 0)" {
		t.Errorf("got %s", got)
	}
}

// Every result from the outside world is recorded in the run's journal.
func TestResultsGoThroughTheJournal(t *testing.T) {
	st := newState(t)
	mustExec(t, st, `p = subprocess.Popen(['true'])`)
	if n := st.Journal.Len(); n != 1 {
		t.Errorf("after Popen: %d effects, want 1 (spawn)", n)
	}
	mustExec(t, st, `result = subprocess.run(['echo', 'x'], capture_output=True)`)
	// spawn, communicate; poll and __exit__'s wait find the code known.
	if n := st.Journal.Len(); n != 3 {
		t.Errorf("after run: %d effects, want 3", n)
	}
	mustExec(t, st, `r = subprocess.call(['true'])`)
	if n := st.Journal.Len(); n != 5 {
		t.Errorf("after call: %d effects, want 5 (spawn, wait)", n)
	}
	_, err := exec(t, st, `subprocess.run(['nosuchprog'])`)
	if err == nil || st.Journal.Len() != 6 {
		t.Errorf("a failed spawn is journaled too: err %v, %d effects", err, st.Journal.Len())
	}
}
