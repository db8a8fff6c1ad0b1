package runtime

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/hub"
	"github.com/starproc/starproc/runtime/journal"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/wire"
)

// ChildSpec describes a child process to start.
type ChildSpec struct {
	// Spawn selects multiprocessing's spawn start method: the child runs the
	// module afresh as __mp_main__ and then calls Target(*Args). Otherwise
	// the child replays this run's journal to the current effect and goes
	// on from there as a forked child.
	Spawn  bool
	Target string // spawn: the module-level function to call
	Args   []byte // spawn: wire-encoded (args, kwargs)
	// Name is the child's multiprocessing name ("Process-1"); Identity its
	// position in the tree of processes ("1", "1:2"), from which its own
	// children's default names are made; Daemon its flag.
	Name     string
	Identity string
	Daemon   bool
	// StartMethod is the start method of a spawned child ("spawn",
	// "forkserver"): the child's multiprocessing has it already set.
	StartMethod string
}

// Spawner starts child processes; the host provides it.
type Spawner interface {
	StartChild(thread *starlark.Thread, spec ChildSpec) (pid int, err error)
}

// ProcessState is the process-model part of a run's State.
type ProcessState struct {
	// Replay, while not nil, supplies the results of effects: this process
	// is a child re-executing the script up to the point where its parent
	// started it.
	Replay *journal.Reader
	// Spawner starts children; nil when the host runs no children.
	Spawner Spawner
	// Hub returns this process's connection to the run's hub, starting the
	// hub if this is the root and it has none yet.
	Hub func() (*hub.Client, error)
	// AfterForkInChild runs in a child at the moment it turns live (CPython's
	// os.register_at_fork(after_in_child=...): the random module reseeds).
	AfterForkInChild []func(thread *starlark.Thread)
	// Handles rebuild shared objects that crossed a process boundary, by kind.
	Handles map[string]func(thread *starlark.Thread, id int64) (starlark.Value, error)
	// Globals returns the main module's global by name (for functions that
	// crossed by name); set by the host.
	Globals func(name string) (starlark.Value, bool)
	// ProcessName is multiprocessing's name of this process ("MainProcess"),
	// ProcessIdentity its identity ("" in the root, "1", "1:2", ...) and
	// Daemon its daemon flag.
	ProcessName     string
	ProcessIdentity string
	Daemon          bool
	// StartMethod is the multiprocessing start method this process was
	// spawned with ("" unless spawned); Bootstrapping is true while a
	// spawned process re-runs its main module, when starting a process is
	// CPython's "bootstrapping phase" error.
	StartMethod   string
	Bootstrapping bool
	// ParentPID and ParentName describe the process that started this one
	// (0 and "" in the root): multiprocessing.parent_process().
	ParentPID  int
	ParentName string
	// Children counts the multiprocessing children this process created,
	// for their names.
	Children int

	// IsSpare reports whether a child pid is one the host keeps ready for
	// the next child rather than one the script started (os.wait skips it).
	IsSpare func(pid int) bool

	// Fds are the descriptors the script opened itself (os.pipe), by
	// number: a forked child inherits them at the same numbers, as a
	// fork(2) child would.
	Fds map[int]*os.File

	// AtExit runs when the script ends, last registered first (CPython's
	// atexit: multiprocessing joins its non-daemonic children there).
	AtExit []func(thread *starlark.Thread)

	// BeforeExit runs when the process ends in any way but a signal or
	// Ctrl-C — os._exit included, which skips AtExit — before AtExit: it
	// hands on what the process holds for others (a queue's unsent items,
	// which CPython loses at os._exit and starproc need not).
	BeforeExit []func(thread *starlark.Thread)

	gates []*Gate
	intr  interruptState
}

// Decoder returns the decoder for values that crossed into this process.
func (s *State) Decoder(thread *starlark.Thread) *wire.Decoder {
	return &wire.Decoder{
		Handle: func(kind string, id int64) (starlark.Value, error) {
			if fn := s.Handles[kind]; fn != nil {
				return fn(thread, id)
			}
			return nil, fmt.Errorf("cannot rebuild a %s here", kind)
		},
		Func: func(name string) (starlark.Value, error) {
			if s.Globals != nil {
				if v, ok := s.Globals(name); ok {
					return v, nil
				}
			}
			return nil, pyerr.New("AttributeError", "Can't get attribute %s on <module '__main__'>", pyfmt.QuoteString(name))
		},
	}
}

// RegisterHandle says how to rebuild shared objects of one kind.
func (s *State) RegisterHandle(kind string, fn func(thread *starlark.Thread, id int64) (starlark.Value, error)) {
	if s.Handles == nil {
		s.Handles = map[string]func(*starlark.Thread, int64) (starlark.Value, error){}
	}
	s.Handles[kind] = fn
}

// Replaying reports whether this process is still re-executing its parent's
// part of the script.
func (s *State) Replaying() bool { return s.Replay != nil }

// A Gate is an output stream that drops what a replaying child writes: the
// parent already wrote it. The host installs gates over a child's streams.
type Gate struct {
	w    io.Writer
	open atomic.Bool
}

// NewGate returns a closed gate over w.
func NewGate(w io.Writer) *Gate { return &Gate{w: w} }

// Write writes to the stream when the gate is open and drops p otherwise.
func (g *Gate) Write(p []byte) (int, error) {
	if !g.open.Load() {
		return len(p), nil
	}
	return g.w.Write(p)
}

// Unwrap returns the stream under the gate.
func (g *Gate) Unwrap() io.Writer { return g.w }

// AddGate registers a gate to open when the run turns live.
func (s *State) AddGate(g *Gate) { s.gates = append(s.gates, g) }

// goLive ends the replay: from here on this process is itself.
func (s *State) goLive(thread *starlark.Thread) {
	s.Replay = nil
	for _, g := range s.gates {
		g.open.Store(true)
	}
	for _, fn := range s.AfterForkInChild {
		fn(thread)
	}
}

// unwrapWriter returns the stream under a gate.
func unwrapWriter(w io.Writer) io.Writer {
	if g, ok := w.(*Gate); ok {
		return g.w
	}
	return w
}

// replayNext takes the next recorded effect, which must be of kind.
func (s *State) replayNext(thread *starlark.Thread, kind string) (starlark.Value, error) {
	if s.Replay.Remaining() == 0 {
		return nil, divergence("the child reached %s where its parent started it", kind)
	}
	got, raw, err := s.Replay.Next()
	if err != nil {
		return nil, divergence("%v", err)
	}
	if got != kind {
		return nil, divergence("its parent did %s here, the child does %s", got, kind)
	}
	if err := s.Journal.RecordRaw(kind, raw); err != nil {
		return nil, err
	}
	v, _, err := wire.Decode(s.Decoder(thread), raw)
	return v, err
}

func divergence(format string, args ...any) error {
	return pyerr.New("RuntimeError", "replay diverged: %s (starproc re-executes a forked child's script up to the fork; the script must do the same things in the same order)", fmt.Sprintf(format, args...))
}

// Fork runs the effect that starts a child: live, start starts it and its
// pid is recorded. In a child replaying its parent's journal, Fork returns a
// sibling's recorded pid — until it reaches the call that started this very
// child, where the replay ends: the run turns live and Fork reports isChild.
func Fork(thread *starlark.Thread, kind string, start func() (int, error)) (pid int, isChild bool, err error) {
	s := Of(thread)
	if s.Replay != nil {
		if s.Replay.Remaining() == 0 {
			s.goLive(thread)
			return 0, true, s.Journal.Record(kind, starlark.MakeInt(0))
		}
		v, err := s.replayNext(thread, kind)
		if err != nil {
			return 0, false, err
		}
		n, _ := starlark.AsInt32(v)
		return n, false, nil
	}
	pid, err = start()
	if err != nil {
		return 0, false, err
	}
	return pid, false, s.Journal.Record(kind, starlark.MakeInt(pid))
}

// AddFd registers a descriptor the script opened.
func (s *State) AddFd(f *os.File) int {
	if s.Fds == nil {
		s.Fds = map[int]*os.File{}
	}
	fd := int(f.Fd())
	s.Fds[fd] = f
	return fd
}

// FileOf returns the *os.File under a stream, or nil.
func FileOf(v any) *os.File {
	switch v := v.(type) {
	case *os.File:
		return v
	case *Gate:
		return FileOf(v.w)
	case interface{ File() *os.File }:
		return v.File()
	}
	return nil
}
