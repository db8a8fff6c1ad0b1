package starproc_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// processesRunning lists the pids whose command line mentions marker.
func processesRunning(marker string) []string {
	var pids []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(cmdline, []byte(marker)) {
			continue
		}
		stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if f := strings.Fields(string(stat)); len(f) > 2 && f[2] == "Z" {
			continue // a zombie is already gone; its parent just has not reaped it
		}
		pids = append(pids, e.Name())
	}
	return pids
}

// startCLI starts the starproc command on a script in its own process group.
func startCLI(t *testing.T, script string, args ...string) (*exec.Cmd, *syncBuffer, string) {
	t.Helper()
	dir := t.TempDir()
	name := strings.ReplaceAll(t.Name(), "/", "_") + ".py"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	cmd := exec.Command(exe, append(args, name)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "STARPROC_AS_CLI=1")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, out, name
}

// syncBuffer is a buffer the command writes while the test reads it.
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

// waitGone fails unless no process mentioning marker remains within d.
func waitGone(t *testing.T, marker string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		left := processesRunning(marker)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("processes of the run still alive after %v: %v", d, left)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRootOutlivesItsChildrenAndLeavesNothing(t *testing.T) {
	cmd, out, name := startCLI(t, `
import os, time
for i in range(3):
    if os.fork() == 0:
        time.sleep(0.3)
        print('child done')
        os._exit(0)
print('parent done')
`)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got := strings.Count(out.String(), "child done"); got != 3 {
		t.Errorf("root exited before its children finished: %q", out)
	}
	waitGone(t, name, 0)
}

const sleepers = `
import os, time
for i in range(3):
    if os.fork() == 0:
        if os.fork() == 0:
            time.sleep(30)
        time.sleep(30)
        os._exit(0)
print('started', flush=True)
time.sleep(30)
`

func TestKillingTheRootLeavesNoDescendantASecondLater(t *testing.T) {
	cmd, out, name := startCLI(t, sleepers)
	waitFor(t, out, "started")
	time.Sleep(200 * time.Millisecond)
	if n := len(processesRunning(name)); n < 7 {
		t.Fatalf("want the root and 6 descendants running, found %d", n)
	}
	cmd.Process.Kill()
	cmd.Wait()
	waitGone(t, name, time.Second)
}

func TestCtrlCEndsTheWholeTreeAsCPythonDoes(t *testing.T) {
	cmd, out, name := startCLI(t, sleepers)
	waitFor(t, out, "started")
	time.Sleep(200 * time.Millisecond)
	syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) // the terminal's Ctrl-C
	err := cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if err == nil || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Errorf("root ended with %v; want death by SIGINT (a shell's 130)", err)
	}
	if s := out.String(); !strings.Contains(s, "KeyboardInterrupt") || strings.Contains(s, "goroutine") {
		t.Errorf("want CPython's KeyboardInterrupt traceback and no Go stack dump:\n%s", s)
	}
	waitGone(t, name, time.Second)
}

func TestRunawayForkStopsAtTheProcessLimit(t *testing.T) {
	cmd, out, name := startCLI(t, "import os\nwhile True:\n    os.fork()\n", "--max-procs", "20")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		t.Fatal("a runaway fork loop did not stop")
	}
	if !strings.Contains(out.String(), "BlockingIOError: [Errno 11] Resource temporarily unavailable") ||
		!strings.Contains(out.String(), "--max-procs") {
		t.Errorf("want a clear error naming the limit, got:\n%.500s", out)
	}
	waitGone(t, name, time.Second)
}

func waitFor(t *testing.T, out *syncBuffer, text string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(out.String(), text) {
			return
		}
	}
	t.Fatalf("never saw %q in:\n%s", text, out)
}

// A child that ends with items its queue's socket had no room for hands
// them to the hub and ends at once — where CPython's child would wait for
// a reader, and a parent that joins it before reading would hang — and
// os._exit loses none of them.
func TestChildWithUnsentQueueItemsEndsAtOnce(t *testing.T) {
	cmd, out, name := startCLI(t, `
import multiprocessing as mp, os

def fill(q, quick):
    for i in range(3000):
        q.put(i)
    for i in range(3):
        q.put(bytes([i]) * (1 << 20))
    if quick:
        os._exit(0)

if __name__ == '__main__':
    q = mp.Queue()
    for quick in [False, True]:
        p = mp.Process(target=fill, args=(q, quick))
        p.start()
        p.join(20)
        print('ended:', p.exitcode)
        print([q.get() for i in range(3000)] == list(range(3000)))
        print([q.get() == bytes([i]) * (1 << 20) for i in range(3)], q.qsize())
`)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	case <-time.After(60 * time.Second):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		t.Fatalf("the run hung:\n%s", out)
	}
	want := strings.Repeat("ended: 0\nTrue\n[True, True, True] 0\n", 2)
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	waitGone(t, name, time.Second)
}
