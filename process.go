package starproc

// Children are fresh processes running this same binary, never a fork(2) of
// the Go runtime, which is not safe once threads exist: the parent starts
// /proc/self/exe with a pipe on descriptor 3 and STARPROC_CHILD_FD=3 in its
// environment, and the child's Main dispatches on that variable before it
// looks at its arguments. On the pipe come a preamble (a JSON line: the
// script and the hub, what every child of this parent shares), then the
// child's payload (a JSON line: who it is), then the journal of effects it
// must replay. A spare child (spare.go) gets its preamble at once and
// compiles the script while it waits for the rest.

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"go.starlark.net/starlark"

	osmod "github.com/starproc/starproc/builtins/os"
	"github.com/starproc/starproc/builtins/random"
	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/hub"
	"github.com/starproc/starproc/runtime/journal"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/wire"
)

// envChild names the descriptor that carries a child's payload.
const envChild = "STARPROC_CHILD_FD"

// payload is what a parent tells a child about itself. The preamble is a
// payload with only Script, Source, Hub and MaxProcs set; the second line
// leaves Source out and is decoded over it.
type payload struct {
	Script string
	Source []byte `json:",omitempty"`
	Argv   []string
	Env    []string
	Cwd    string
	Hub    string

	// Replay is the number of journal entries that follow the header; the
	// child replays them and turns live at the effect that started it.
	Replay int
	// Spawn: a spawned child, which runs the module as __mp_main__ and then
	// its Origin's target, live.
	Spawn bool
	// Origin is the spawned process this one's life began in (its own, or
	// an ancestor's that a forked child replays); nil in the root's lineage.
	Origin *origin

	// Fds are the script's own descriptors (os.pipe), inherited at the same numbers.
	Fds []int

	ProcessName string
	Identity    string
	ParentName  string
	ParentPID   int
	Daemon      bool
	MaxProcs    int
}

// origin is how a spawned process began: the target it was started for and
// who it is. A process forked from a spawned one replays that beginning.
type origin struct {
	Target      string
	StartMethod string
	Args        []byte
	Name        string
	Identity    string
	ParentPID   int
	ParentName  string
	Daemon      bool
}

// host is the process-model side of one run: it starts children and owns
// (in the root) the hub.
type host struct {
	state    *runtime.State
	source   []byte
	maxProcs int

	origin *origin // how this process's lineage began, if spawned

	spareSet        // children started ahead of need (spare.go)
	pre      []byte // the preamble every child of this process reads first
	// compiled is the script, compiled while this process was a spare.
	compiled *compiled

	mu     sync.Mutex
	server *hub.Server // root only
	client *hub.Client
	addr   string
}

// hub returns this process's hub connection, starting the hub in the root.
func (h *host) hub() (*hub.Client, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.client != nil {
		return h.client, nil
	}
	if h.addr == "" {
		s, err := hub.Listen(h.maxProcs)
		if err != nil {
			return nil, fmt.Errorf("starproc: cannot start the hub: %w", err)
		}
		h.server, h.addr = s, s.Addr()
	}
	c, err := hub.Dial(h.addr, os.Getpid(), false, nil)
	if err != nil {
		return nil, err
	}
	h.client = c
	return c, nil
}

// StartChild starts a child process running this binary (runtime.Spawner).
func (h *host) StartChild(thread *starlark.Thread, spec runtime.ChildSpec) (int, error) {
	c, err := h.hub()
	if err != nil {
		return 0, err
	}
	if _, err := c.Call("reserve"); err != nil {
		return 0, err
	}
	pid, err := h.start(thread, spec)
	if err != nil {
		c.Call("unreserve")
		return 0, err
	}
	// Wait for the child to reach the hub, so that it is in the process
	// table before the script can do anything with it, unless it dies first
	// (then its reservation is returned).
	for {
		ok, err := c.Call("await_hello", starlark.MakeInt(pid), starlark.Float(0.05))
		if err != nil || ok == starlark.True {
			return pid, err
		}
		if exited(pid) {
			c.Call("unreserve")
			return pid, nil
		}
	}
}

// exited reports whether child pid has ended, without reaping it.
func exited(pid int) bool {
	const pPID, wNOWAIT = 1, 0x1000000
	var info [128]byte // siginfo_t
	_, _, errno := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid), uintptr(unsafe.Pointer(&info[0])),
		syscall.WEXITED|syscall.WNOHANG|wNOWAIT, 0, 0)
	if errno != 0 {
		return true // not our child any more
	}
	// si_pid (offset 16 on Linux) is set only if the child has changed state.
	return binary.NativeEndian.Uint32(info[16:20]) != 0
}

func (h *host) start(thread *starlark.Thread, spec runtime.ChildSpec) (int, error) {
	s := h.state
	p := payload{
		Script: s.Script, Argv: s.Argv, Hub: h.addr,
		Env: s.InitialEnv, Cwd: s.InitialCwd,
		Spawn: spec.Spawn, Origin: h.origin,
		ProcessName: spec.Name, Identity: spec.Identity, ParentName: s.ProcessName, ParentPID: os.Getpid(),
		Daemon: spec.Daemon, MaxProcs: h.maxProcs,
	}
	if spec.Spawn {
		// A spawned child starts from the parent's present, not its past.
		p.Env, p.Cwd = s.Env.Pairs(), s.Cwd
		p.Origin = &origin{Target: spec.Target, StartMethod: spec.StartMethod, Args: spec.Args, Name: spec.Name, Identity: spec.Identity,
			ParentPID: os.Getpid(), ParentName: s.ProcessName, Daemon: spec.Daemon}
	} else {
		p.Replay = s.Journal.Len()
	}
	header, err := json.Marshal(&p)
	if err != nil {
		return 0, err
	}
	// The child reads its journal as it replays, while the parent goes on:
	// a snapshot that later effects do not disturb.
	journal := io.Reader(strings.NewReader(""))
	if p.Replay > 0 {
		journal = s.Journal.Snapshot()
	}
	in, out, errw := s.InheritedStreams()
	streams := []*os.File{runtime.FileOf(in), runtime.FileOf(out), runtime.FileOf(errw)}
	plain := streams[0] != nil && streams[1] != nil && streams[2] != nil
	if !spec.Spawn {
		// A forked child has its parent's descriptors at the same numbers.
		for fd := range s.Fds {
			p.Fds = append(p.Fds, fd)
		}
		sort.Ints(p.Fds)
		if len(p.Fds) > 0 {
			if header, err = json.Marshal(&p); err != nil {
				return 0, err
			}
		}
	}
	var pid int
	var w *os.File
	var pre []byte // the preamble, unless a spare has had it
	if sp := h.takeSpare(); sp != nil && plain && len(p.Fds) == 0 {
		pid, w = sp.pid, sp.w
	} else {
		if sp != nil {
			sp.w.Close() // unusable here: it exits
		}
		if pid, w, err = h.launch(streams, out, errw, p.Fds); err != nil {
			return 0, err
		}
		if pre, err = h.preamble(); err != nil {
			w.Close()
			return 0, err
		}
	}
	go sendPayload(w, pre, header, journal)
	if plain {
		go h.makeSpares(streams)
	}
	return pid, nil
}

// sendPayload writes what a child reads on its pipe: the preamble unless
// it is a spare that has it already, its payload's header, then its journal.
func sendPayload(w *os.File, pre, header []byte, journal io.Reader) {
	defer w.Close()
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(pre)
	bw.Write(header)
	bw.WriteByte('\n')
	io.Copy(bw, journal)
	bw.Flush()
}

// launch starts a child process that will read its payload from the
// returned pipe; fds are the script's descriptors it inherits.
func (h *host) launch(streams []*os.File, out, errw io.Writer, fds []int) (int, *os.File, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return 0, nil, err
	}
	defer r.Close()
	files := append([]*os.File(nil), streams...)
	payloadFd := 3
	for _, fd := range fds {
		if fd >= payloadFd {
			payloadFd = fd + 1
		}
	}
	for len(files) <= payloadFd {
		files = append(files, nil)
	}
	for _, fd := range fds {
		files[fd] = h.state.Fds[fd]
	}
	files[payloadFd] = r
	for i, f := range files[:3] {
		if f == nil {
			// A host stream that is not a descriptor (a Go program capturing
			// output): serve it through a pipe, as os/exec does.
			pr, pw, err := os.Pipe()
			if err != nil {
				w.Close()
				return 0, nil, err
			}
			if i == 0 {
				files[i] = pr
				pw.Close() // no input
				defer pr.Close()
				continue
			}
			files[i] = pw
			defer pw.Close()
			go func(dst io.Writer) { io.Copy(dst, pr); pr.Close() }([]io.Writer{nil, out, errw}[i])
		}
	}
	env := childEnviron(payloadFd)
	proc, err := os.StartProcess(exe, os.Args, &os.ProcAttr{Dir: h.state.InitialCwd, Env: env, Files: files})
	if err != nil {
		w.Close()
		return 0, nil, pyerr.OSError(err, exe)
	}
	pid := proc.Pid
	proc.Release() // reaped by os.wait, Process.join, or whoever waits
	return pid, w, nil
}

// childEnviron is the environment a child process starts with, which is
// not its script's (os.environ comes in the payload): this process's own,
// with the payload's descriptor, and GOMAXPROCS=1. A child runs one
// interpreter thread; a Go runtime told to use one processor starts fewer
// threads and skips reading the cgroup files for a CPU limit, and that is
// a measurable part of what starting a child costs.
func childEnviron(payloadFd int) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOMAXPROCS=") {
			env = append(env, kv)
		}
	}
	return append(env, envChild+"="+strconv.Itoa(payloadFd), "GOMAXPROCS=1")
}

// MaybeChild runs this process as a starproc child if its parent made it
// one, and exits; otherwise it returns at once. A Go program that embeds
// starproc and runs scripts that start processes must call it first thing
// in main, as cmd/starproc does through Main.
func MaybeChild() {
	if os.Getenv(envChild) != "" {
		os.Exit(runChild())
	}
}

// runChild is the life of a child process: read the payload, connect to the
// hub, replay or spawn, run, and return the exit status.
func runChild() int {
	fd, _ := strconv.Atoi(os.Getenv(envChild))
	os.Unsetenv(envChild)
	// Through the poller: a spare waits here, and a wait in a blocking
	// read keeps the runtime's monitor thread waking to take its P back.
	syscall.SetNonblock(fd, true)
	pipe := os.NewFile(uintptr(fd), "payload")
	r := bufio.NewReaderSize(pipe, 64<<10)
	var p payload
	var pre *compiled
	for i := 0; i < 2; i++ { // the preamble, then the payload over it
		line, err := r.ReadBytes('\n')
		if err == io.EOF && len(line) == 0 {
			return 0 // a spare its parent did not need
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "starproc: child: cannot read its payload: %v\n", err)
			return 1
		}
		if err := json.Unmarshal(line, &p); err != nil {
			fmt.Fprintf(os.Stderr, "starproc: child: bad payload: %v\n", err)
			return 1
		}
		if i == 0 {
			pre = warmUp(&p)
		}
	}
	s := runtime.NewState()
	s.Stdin = bufio.NewReader(os.Stdin)
	s.StdinFile = os.Stdin
	s.Env = runtime.NewEnviron(p.Env)
	s.InitialEnv, s.InitialCwd = p.Env, p.Cwd
	s.Cwd = p.Cwd
	s.Argv, s.Script = p.Argv, p.Script
	for _, fd := range p.Fds {
		s.AddFd(os.NewFile(uintptr(fd), "fd"))
	}
	if o := p.Origin; o != nil {
		// A spawned process is who it was started as from its first line;
		// a process forked from one replays that life. (A process forked
		// in the root's lineage takes its multiprocessing identity when it
		// turns live, at the fork point.)
		s.ProcessName, s.ProcessIdentity, s.Daemon = o.Name, o.Identity, o.Daemon
		s.ParentPID, s.ParentName = o.ParentPID, o.ParentName
		s.StartMethod = o.StartMethod
	}
	h := &host{state: s, source: p.Source, maxProcs: p.MaxProcs, addr: p.Hub, origin: p.Origin, compiled: pre}
	exiting := make(chan struct{})
	c, err := hub.Dial(p.Hub, os.Getpid(), true, func() {
		select {
		case <-exiting:
		default:
			os.Exit(1) // the root is gone: so are we
		}
	})
	if err != nil {
		return 1
	}
	h.client = c
	name := "__main__"
	if p.Origin != nil {
		name = "__mp_main__"
	}
	if p.Spawn {
		s.Stdout, s.Stderr = os.Stdout, os.Stderr
	} else {
		out, errw := runtime.NewGate(os.Stdout), runtime.NewGate(os.Stderr)
		s.AddGate(out)
		s.AddGate(errw)
		s.Stdout, s.Stderr = out, errw
		s.Replay = journal.NewReader(r, p.Replay)
	}
	thread := h.newThread(s)
	status := h.run(thread, name, &p)
	close(exiting)
	c.Close()
	return status
}

// newThread returns the run's thread with the process model attached.
func (h *host) newThread(s *runtime.State) *starlark.Thread {
	s.Spawner = h
	s.Hub = h.hub
	s.IsSpare = h.isSpare
	// CPython's random module reseeds itself in a forked child.
	s.AfterForkInChild = append(s.AfterForkInChild, random.ReseedAfterFork)
	thread := NewThread(s)
	return thread
}

// run executes the script in this process and returns the exit status.
func (h *host) run(thread *starlark.Thread, name string, p *payload) int {
	s := h.state
	stop := h.handleSignals(thread)
	defer stop()
	s.Bootstrapping = h.origin != nil
	globals, err := execModule(thread, s.Script, h.source, name, h.compiled)
	s.Bootstrapping = false
	if err == nil && h.origin != nil {
		err = callSpawnTarget(thread, globals, h.origin)
	}
	if err == nil && s.Replaying() {
		err = pyerr.New("RuntimeError", "replay diverged: the script ended before the point where the child was started (starproc re-executes a forked child's script up to the fork; the script must do the same things in the same order)")
	}
	if err != nil && s.Replaying() {
		// An error before the fork point is the child's own (a diverged
		// replay): it must be seen, though the child's output is still
		// gated.
		_, _, stderr := s.InheritedStreams()
		s.Stderr = stderr
	}
	var status int
	var exit *runtime.ProcessExit
	if errors.As(err, &exit) {
		status = h.processExit(exit)
	} else {
		status = ExitStatus(err, h.source, s.Script, s.Stderr)
	}
	h.dropSpares()
	if !s.Interrupted() {
		for _, f := range s.BeforeExit {
			f(thread)
		}
	}
	var immediate *osmod.ImmediateExit
	if !errors.As(err, &immediate) && !s.Interrupted() {
		// os._exit skips clean-up, and so does Ctrl-C.
		for i := len(s.AtExit) - 1; i >= 0; i-- {
			s.AtExit[i](thread)
		}
	}
	if h.server != nil {
		if s.Interrupted() {
			h.killDescendants()
		}
		// The root outlives every descendant: they have all hung up, and
		// a process hangs up a moment before it is gone.
		if c, err := h.hub(); err == nil {
			c.Call("wait_others")
		}
		waitGone(h.server.Seen(), 2*time.Second)
		h.server.Close()
	}
	return status
}

// waitGone waits, at most d, until none of pids is a live process (gone,
// or a zombie its parent has not reaped yet), so that when the root exits
// nothing of the run is left running.
func waitGone(pids []int, d time.Duration) {
	deadline := time.Now().Add(d)
	for _, pid := range pids {
		if pid == os.Getpid() {
			continue
		}
		for time.Now().Before(deadline) {
			stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
			if err != nil {
				break
			}
			// The state follows the command name, which is in parentheses.
			if i := bytes.LastIndexByte(stat, ')'); i < 0 || i+2 >= len(stat) || stat[i+2] == 'Z' || stat[i+2] == 'X' {
				break
			}
			time.Sleep(time.Millisecond)
		}
	}
}

// killDescendants ends every other process of the run (the root, on
// Ctrl-C), after a moment for those that got the terminal's SIGINT too to
// print their own KeyboardInterrupt, as CPython's children do.
func (h *host) killDescendants() {
	for deadline := time.Now().Add(500 * time.Millisecond); time.Now().Before(deadline) && len(h.server.Pids()) > 1; {
		time.Sleep(10 * time.Millisecond)
	}
	for _, pid := range h.server.Pids() {
		if pid != os.Getpid() {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// processExit reports how a multiprocessing child's target ended, as
// CPython's Process._bootstrap does, and returns the exit status.
func (h *host) processExit(exit *runtime.ProcessExit) int {
	var se *pyerr.SystemExit
	if exit.Err == nil || errors.As(exit.Err, &se) {
		ExitStatus(exit.Err, h.source, h.state.Script, h.state.Stderr)
		return exit.Code
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Process %s:\n", exit.Name)
	b.WriteString(formatTraceback(exit.Err, h.source, h.state.Script, exit.SkipFrames, bootstrapFrames, true))
	io.WriteString(h.state.Stderr, b.String())
	return exit.Code
}

// bootstrapFrames are the frames of CPython's multiprocessing that start a
// child's target; CPython's tracebacks of a failed target begin with them.
const bootstrapFrames = `  File "/usr/lib/python3.11/multiprocessing/process.py", line 314, in _bootstrap
    self.run()
  File "/usr/lib/python3.11/multiprocessing/process.py", line 108, in run
    self._target(*self._args, **self._kwargs)
`

// callSpawnTarget calls a spawned child's target with its arguments, found
// by name in the module it has just run as __mp_main__.
func callSpawnTarget(thread *starlark.Thread, globals starlark.StringDict, p *origin) error {
	s := runtime.Of(thread)
	s.Globals = func(name string) (starlark.Value, bool) { v, ok := globals[name]; return v, ok }
	target, ok := globals[p.Target]
	if !ok {
		return pyerr.New("AttributeError", "Can't get attribute %s on <module '__mp_main__' from %s>", quote(p.Target), quote(s.Script))
	}
	v, _, err := wire.Decode(s.Decoder(thread), p.Args)
	if err != nil {
		return err
	}
	t, ok := v.(starlark.Tuple)
	if !ok || len(t) != 2 {
		return fmt.Errorf("starproc: bad arguments for %s", p.Target)
	}
	args, _ := t[0].(starlark.Tuple)
	var kwargs []starlark.Tuple
	if d, ok := t[1].(*starlark.Dict); ok {
		for _, kv := range d.Items() {
			kwargs = append(kwargs, kv)
		}
	}
	return runtime.RunProcessBody(thread, p.Name, target, args, kwargs)
}

// handleSignals turns SIGINT into CPython's KeyboardInterrupt: the script
// stops with a traceback, then the process dies of SIGINT as CPython's does
// (a shell shows 130).
func (h *host) handleSignals(thread *starlark.Thread) (stop func()) {
	ch := make(chan os.Signal, 1)
	if signal.Ignored(syscall.SIGINT) {
		// Started with SIGINT ignored (a background job of a shell): keep it so.
		return func() {}
	}
	signal.Notify(ch, syscall.SIGINT)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			st := runtime.Of(thread)
			st.Interrupt()
			thread.Cancel("KeyboardInterrupt: ")
			h.mu.Lock()
			if h.client != nil {
				h.client.Interrupt() // a request waiting on the hub
			}
			h.mu.Unlock()
		case <-done:
		}
	}()
	return func() {
		close(done)
		signal.Stop(ch)
		if runtime.Of(thread).Interrupted() {
			signal.Reset(syscall.SIGINT)
			syscall.Kill(os.Getpid(), syscall.SIGINT)
			time.Sleep(time.Second) // the signal ends the process; if not:
			os.Exit(130)
		}
	}
}
