package runtime

import (
	"errors"
	"sync"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// ProcessExit ends a child process whose body — a multiprocessing target —
// has returned: the process exits with Code. Err, when not nil, is the
// uncaught error of the target, which the host prints as CPython's
// multiprocessing does ("Process Process-1:" and a traceback whose first
// SkipFrames frames are the parent's, not the child's).
type ProcessExit struct {
	Code       int
	Err        error
	Name       string
	SkipFrames int
}

func (e *ProcessExit) Error() string {
	if e.Err != nil {
		return e.Err.Error()
	}
	return "process exit"
}

// RunProcessBody calls a process's target and returns the *ProcessExit that
// ends the process: exit code 0 when it returns, sys.exit's code, or 1
// after an uncaught error, as multiprocessing's Process._bootstrap does.
func RunProcessBody(thread *starlark.Thread, name string, target starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) error {
	depth := thread.CallStackDepth()
	_, err := starlark.Call(thread, target, args, kwargs)
	if err == nil {
		return &ProcessExit{Name: name}
	}
	var exit *pyerr.SystemExit
	if errors.As(err, &exit) {
		return &ProcessExit{Code: exit.Code, Err: err, Name: name}
	}
	var pe *ProcessExit
	if errors.As(err, &pe) {
		return pe // a nested child ending: not this process's error
	}
	return &ProcessExit{Code: 1, Err: err, Name: name, SkipFrames: depth}
}

// interruptState is shared by the signal handler and blocking builtins.
type interruptState struct {
	once sync.Once
	ch   chan struct{}
	mu   sync.Mutex
}

// InterruptC returns a channel closed when the run is interrupted (SIGINT):
// builtins that block (time.sleep, queue reads) select on it.
func (s *State) InterruptC() <-chan struct{} { return s.interruptChan() }

func (s *State) interruptChan() chan struct{} {
	s.intr.mu.Lock()
	defer s.intr.mu.Unlock()
	if s.intr.ch == nil {
		s.intr.ch = make(chan struct{})
	}
	return s.intr.ch
}

// Interrupt marks the run interrupted.
func (s *State) Interrupt() {
	ch := s.interruptChan()
	s.intr.once.Do(func() { close(ch) })
}

// Interrupted reports whether the run was interrupted.
func (s *State) Interrupted() bool {
	select {
	case <-s.InterruptC():
		return true
	default:
		return false
	}
}

// ErrInterrupted is what a blocking builtin returns when the run is interrupted.
var ErrInterrupted = pyerr.New("KeyboardInterrupt", "")
