package runtime

import (
	"bytes"
	"strings"
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/journal"
)

// replayState returns a state replaying the given journal.
func replayState(t *testing.T, j *journal.Journal) (*starlark.Thread, *State) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := j.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	thread := &starlark.Thread{}
	s := NewState()
	s.Replay = journal.NewReader(&buf, j.Len())
	Attach(thread, s)
	return thread, s
}

func TestReplayReturnsRecordedResultsWithoutRedoingThem(t *testing.T) {
	var j journal.Journal
	j.Record("time.time", starlark.Float(12.5))
	thread, s := replayState(t, &j)
	v, err := Effect(thread, "time.time", func() (starlark.Value, error) {
		t.Error("a replayed effect was redone")
		return starlark.Float(99), nil
	})
	if err != nil || v != starlark.Float(12.5) {
		t.Fatalf("got %v, %v; want 12.5", v, err)
	}
	if s.Journal.Len() != 1 {
		t.Errorf("the child's own journal has %d entries, want 1", s.Journal.Len())
	}
}

func TestReplayDivergesWithAnErrorThatSaysSo(t *testing.T) {
	var j journal.Journal
	j.Record("time.time", starlark.Float(1))
	thread, _ := replayState(t, &j)
	_, err := Effect(thread, "random.seed", func() (starlark.Value, error) { return starlark.None, nil })
	if err == nil || !strings.Contains(err.Error(), "replay diverged") || !strings.Contains(err.Error(), "time.time") {
		t.Fatalf("got %v, want a replay-diverged error naming both effects", err)
	}
}

func TestForkPointTurnsTheChildLive(t *testing.T) {
	var j journal.Journal
	j.Record("os.fork", starlark.MakeInt(1234)) // an earlier sibling
	thread, s := replayState(t, &j)
	gate := NewGate(&bytes.Buffer{})
	s.AddGate(gate)
	pid, isChild, err := Fork(thread, "os.fork", func() (int, error) { t.Error("replay started a process"); return 0, nil })
	if err != nil || isChild || pid != 1234 {
		t.Fatalf("sibling fork: got %d %v %v, want 1234 false", pid, isChild, err)
	}
	if n, _ := gate.Write([]byte("x")); n != 1 || gate.Unwrap().(*bytes.Buffer).Len() != 0 {
		t.Error("a replaying child wrote output")
	}
	pid, isChild, err = Fork(thread, "os.fork", func() (int, error) { t.Error("replay started a process"); return 0, nil })
	if err != nil || !isChild || pid != 0 {
		t.Fatalf("fork point: got %d %v %v, want 0 true", pid, isChild, err)
	}
	if s.Replaying() {
		t.Error("still replaying after the fork point")
	}
	gate.Write([]byte("live"))
	if got := gate.Unwrap().(*bytes.Buffer).String(); got != "live" {
		t.Errorf("live output %q, want %q", got, "live")
	}
}

// TestJournalMemoryStaysBounded records a million clock reads, as a long
// loop of time.time() would, and checks the journal's memory stays within
// its budget while every entry can still be replayed.
func TestJournalMemoryStaysBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("records a million effects")
	}
	var j journal.Journal
	defer j.Close()
	const n = 1_000_000
	for i := 0; i < n; i++ {
		if err := j.Record("time.time", starlark.Float(float64(i))); err != nil {
			t.Fatal(err)
		}
	}
	if mem := j.MemorySize(); mem > 2*journal.MemoryBudget {
		t.Errorf("journal holds %d bytes in memory, budget %d", mem, journal.MemoryBudget)
	}
	r := journal.NewReader(j.Snapshot(), j.Len())
	for i := 0; i < n; i++ {
		kind, _, err := r.Next()
		if err != nil || kind != "time.time" {
			t.Fatalf("entry %d: %q %v", i, kind, err)
		}
	}
	t.Logf("%d entries: %d bytes on disk, %d in memory", n, j.Size(), j.MemorySize())
}
