// Package runtime holds what every builtin module of starproc relies on: the
// per-run State kept on the *starlark.Thread (standard streams, environment,
// working directory, argv, the journal of effects) and the Effect seam
// through which every result from outside the interpreter must pass.
//
// DESIGN.md calls runtime/ "the host". The host proper — loading a script,
// the predeclared names, the module list, tracebacks — lives in the root
// package starproc, because it must import every builtin module and the
// builtin modules import this package; a host here would be an import cycle.
// This package is therefore the leaf contract, and the host sits above it.
package runtime

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/journal"
)

const stateKey = "starproc.state"

// State is the per-run state of one interpreter. The host creates it, stores
// it on the thread with Attach, and builtins read it back with Of.
type State struct {
	Stdin io.Reader // the script's standard input
	// StdinFile is the descriptor under Stdin when Stdin buffers a file
	// (the host's shared *bufio.Reader): child processes inherit it directly.
	StdinFile *os.File
	Stdout    io.Writer // each print is one Write here
	Stderr    io.Writer

	Env  *Environ // os.environ; inherited by subprocesses
	Cwd  string   // working directory of the script (os.getcwd)
	Argv []string // sys.argv

	Script     string // the script's path as the user gave it
	Executable string // sys.executable: the running starproc binary

	Journal *journal.Journal // effects of this run

	// Modules caches the module values built for this run, by name.
	Modules map[string]starlark.Value

	// Initial is the run's environment and directory as the script first
	// saw them: a forked child replays the script from there.
	InitialEnv []string
	InitialCwd string

	ProcessState
}

// Attach stores s on thread so that Of(thread) returns it.
func Attach(thread *starlark.Thread, s *State) { thread.SetLocal(stateKey, s) }

// Of returns the run state of thread. A thread made by the host always has
// one; a bare thread (a Go test calling a builtin directly) gets a default
// state over the process's own streams, environment and directory.
func Of(thread *starlark.Thread) *State {
	if s, ok := thread.Local(stateKey).(*State); ok {
		return s
	}
	s := NewState()
	Attach(thread, s)
	return s
}

// NewState returns a state over the process's standard streams, environment
// and working directory.
func NewState() *State {
	cwd, _ := os.Getwd()
	exe, _ := os.Executable()
	return &State{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Env: NewEnviron(os.Environ()), Cwd: cwd, Executable: exe,
		Journal:      new(journal.Journal),
		Modules:      map[string]starlark.Value{},
		ProcessState: ProcessState{ProcessName: "MainProcess"},
	}
}

// InheritedStreams returns what a child process started by the script gets
// as its standard input, output and error: the *os.File itself where the
// stream is one, so the child writes to the same descriptor, unbuffered.
func (s *State) InheritedStreams() (stdin io.Reader, stdout, stderr io.Writer) {
	stdin = s.Stdin
	if s.StdinFile != nil {
		stdin = s.StdinFile
	}
	return stdin, unwrapWriter(s.Stdout), unwrapWriter(s.Stderr)
}

// Path resolves a path given by the script against the script's working directory.
func (s *State) Path(name string) string {
	if name == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(s.Cwd, name)
}

// Effect runs fn, whose result comes from outside the interpreter, and records
// the result in the run's journal under kind. Every builtin whose result is not
// a pure function of its arguments must call it: that is what makes a run
// replayable (DESIGN.md, "os.fork() is deterministic replay"). fn's result must
// be plain data (None, bool, int, float, str, bytes, tuple, list, dict).
func Effect(thread *starlark.Thread, kind string, fn func() (starlark.Value, error)) (starlark.Value, error) {
	s := Of(thread)
	if s.Replay != nil {
		return s.replayNext(thread, kind)
	}
	v, err := fn()
	if err != nil {
		return nil, err
	}
	if err := s.Journal.Record(kind, v); err != nil {
		return nil, err
	}
	return v, nil
}

// Environ is an ordered environment: os.environ keeps the order the process
// got it in, with new keys at the end, so nothing depends on Go map order.
type Environ struct {
	keys []string
	vals map[string]string
}

// NewEnviron builds an Environ from "KEY=value" pairs; a later duplicate wins.
func NewEnviron(pairs []string) *Environ {
	e := &Environ{vals: make(map[string]string, len(pairs))}
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		e.Set(k, v)
	}
	return e
}

// Get returns the value of key and whether it is set.
func (e *Environ) Get(key string) (string, bool) {
	v, ok := e.vals[key]
	return v, ok
}

// Set sets key to value, keeping key's place if it was already set.
func (e *Environ) Set(key, value string) {
	if _, ok := e.vals[key]; !ok {
		e.keys = append(e.keys, key)
	}
	e.vals[key] = value
}

// Unset removes key; it reports whether key was set.
func (e *Environ) Unset(key string) bool {
	if _, ok := e.vals[key]; !ok {
		return false
	}
	delete(e.vals, key)
	for i, k := range e.keys {
		if k == key {
			e.keys = append(e.keys[:i:i], e.keys[i+1:]...)
			break
		}
	}
	return true
}

// Keys returns the keys in order.
func (e *Environ) Keys() []string { return append([]string(nil), e.keys...) }

// Len returns the number of variables.
func (e *Environ) Len() int { return len(e.keys) }

// Pairs returns the environment as "KEY=value" strings, for exec.
func (e *Environ) Pairs() []string {
	out := make([]string, len(e.keys))
	for i, k := range e.keys {
		out[i] = k + "=" + e.vals[k]
	}
	return out
}

// Clone returns an independent copy.
func (e *Environ) Clone() *Environ { return NewEnviron(e.Pairs()) }
