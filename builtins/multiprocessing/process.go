package multiprocessing

import (
	"fmt"
	"github.com/starproc/starproc/internal/signals"
	"os"
	"sort"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

type procKind int

const (
	kindChild  procKind = iota // a Process the script made (or this child's own)
	kindMain                   // the root's current_process(): _MainProcess
	kindParent                 // parent_process(): _ParentProcess
)

// Process is multiprocessing.Process: a child process to be started, or
// this process's own object (current_process()), or its parent's.
type Process struct {
	kind     procKind
	class    string // "Process", "ForkProcess", "SpawnProcess", ... as repr shows it
	name     string
	identity string
	daemon   bool
	method   string // the start method of a concrete context, "" for the default context's
	// target, args and kwargs are dropped by start, as CPython deletes them.
	target    starlark.Value
	args      starlark.Tuple
	kwargs    []starlark.Tuple
	dropped   bool
	parentPID int // 0 stands for None
	started   bool
	pid       int
	exitcode  starlark.Value // nil until the child is known to have ended
	closed    bool
	current   bool             // this process's own object
	state     *runtime.State   // set when current: the name is the run's too
	thread    *starlark.Thread // repr and attributes poll the child through it
	serial    int
	extra     starlark.StringDict
}

var (
	_ starlark.HasAttrs    = (*Process)(nil)
	_ starlark.HasSetField = (*Process)(nil)
	_ pyfmt.Reprer         = (*Process)(nil)
)

// processClass is the class name of a context's Process objects.
func processClass(c *Context) string {
	if c == nil {
		return "Process"
	}
	return map[string]string{"fork": "ForkProcess", "spawn": "SpawnProcess", "forkserver": "ForkServerProcess"}[c.method]
}

// def Process(group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None)
func newProcess(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 5 {
		return nil, pyerr.TypeError("BaseProcess.__init__() takes from 1 to 6 positional arguments but %d were given", len(args)+1)
	}
	group, target, name := starlark.Value(starlark.None), starlark.Value(starlark.None), starlark.Value(starlark.None)
	pargs, pkwargs, daemon := starlark.Value(starlark.Tuple(nil)), starlark.Value(starlark.None), starlark.Value(starlark.None)
	if err := starlark.UnpackArgs("Process", args, kwargs, "group?", &group, "target?", &target,
		"name?", &name, "args?", &pargs, "kwargs?", &pkwargs, "daemon?", &daemon); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	if group != starlark.None {
		return nil, pyerr.New("AssertionError", "group argument must be None for now")
	}
	st := runtime.Of(thread)
	rs := stateOf(thread)
	st.Children++
	identity := strconv.Itoa(st.Children)
	if st.ProcessIdentity != "" {
		identity = st.ProcessIdentity + ":" + identity
	}
	me, err := getpid(thread)
	if err != nil {
		return nil, err
	}
	ctx := contextOf(b)
	rs.serial++
	p := &Process{class: processClass(ctx), identity: identity, daemon: st.Daemon, target: target,
		parentPID: me, thread: thread, serial: rs.serial}
	if ctx != nil {
		p.method = ctx.method
	}
	if p.args, err = toTuple(pargs); err != nil {
		return nil, err
	}
	if pkwargs != starlark.None {
		d, ok := pkwargs.(*starlark.Dict)
		if !ok {
			return nil, pyerr.TypeError("'%s' object is not iterable", pyfmt.TypeName(pkwargs))
		}
		for _, kv := range d.Items() {
			k, ok := kv[0].(starlark.String)
			if !ok {
				return nil, pyerr.TypeError("keywords must be strings")
			}
			p.kwargs = append(p.kwargs, starlark.Tuple{k, kv[1]})
		}
	}
	if name.Truth() {
		p.name = pyfmt.Str(name)
	} else {
		p.name = p.class + "-" + identity
	}
	if daemon != starlark.None {
		p.daemon = bool(daemon.Truth())
	}
	return p, nil
}

// toTuple is tuple(v).
func toTuple(v starlark.Value) (starlark.Tuple, error) {
	if t, ok := v.(starlark.Tuple); ok {
		return t, nil
	}
	it, ok := v.(starlark.Iterable)
	if !ok {
		return nil, pyerr.TypeError("'%s' object is not iterable", pyfmt.TypeName(v))
	}
	iter := it.Iterate()
	defer iter.Done()
	var t starlark.Tuple
	var x starlark.Value
	for iter.Next(&x) {
		t = append(t, x)
	}
	return t, nil
}

// getpid is os.getpid() through the journal: a replaying child gets the
// pid its parent had at that point.
func getpid(thread *starlark.Thread) (int, error) {
	v, err := runtime.Effect(thread, "multiprocessing.getpid", func() (starlark.Value, error) {
		return starlark.MakeInt(os.Getpid()), nil
	})
	if err != nil {
		return 0, err
	}
	n, _ := starlark.AsInt32(v)
	return n, nil
}

func (p *Process) typeName() string {
	switch p.kind {
	case kindMain:
		return "_MainProcess"
	case kindParent:
		return "_ParentProcess"
	}
	return p.class
}

func (p *Process) String() string { return p.PyRepr() }
func (p *Process) Type() string {
	if p.kind == kindChild {
		return "multiprocessing.context." + p.class
	}
	return "multiprocessing.process." + p.typeName()
}
func (p *Process) Freeze()               {}
func (p *Process) Truth() starlark.Bool  { return true }
func (p *Process) Hash() (uint32, error) { return uint32(p.serial)*2654435761 + uint32(p.kind), nil }

// PyRepr is CPython's BaseProcess.__repr__:
// <Process name='Process-1' pid=124 parent=123 stopped exitcode=-SIGTERM daemon>.
func (p *Process) PyRepr() string {
	var exitcode starlark.Value
	var status string
	switch {
	case p.current:
		status = "started"
	case p.closed:
		status = "closed"
	case p.kind == kindParent || !p.isMine():
		status = "unknown"
	case !p.started:
		status = "initial"
	default:
		exitcode, _ = p.poll(p.thread)
		if exitcode != nil && exitcode != starlark.None {
			status = "stopped"
		} else {
			status = "started"
			exitcode = nil
		}
	}
	info := []string{p.typeName(), "name=" + pyfmt.QuoteString(p.name)}
	if p.started && !p.closed {
		info = append(info, fmt.Sprintf("pid=%d", p.pid))
	}
	if p.parentPID == 0 {
		info = append(info, "parent=None")
	} else {
		info = append(info, fmt.Sprintf("parent=%d", p.parentPID))
	}
	info = append(info, status)
	if exitcode != nil {
		info = append(info, "exitcode="+exitcodeName(exitcode))
	}
	if p.daemon {
		info = append(info, "daemon")
	}
	return "<" + strings.Join(info, " ") + ">"
}

// isMine reports whether this process created p (CPython's
// self._parent_pid == os.getpid()).
func (p *Process) isMine() bool {
	me, err := getpid(p.thread)
	return err == nil && p.parentPID != 0 && p.parentPID == me
}

// exitcodeName shows an exit code as repr does: -15 is -SIGTERM.
func exitcodeName(v starlark.Value) string {
	n, _ := starlark.AsInt32(v)
	if n < 0 {
		if name := signalName(-n); name != "" {
			return "-" + name
		}
	}
	return pyfmt.Str(v)
}

// signalName names a Linux signal as Python's signal module does, taking
// the name multiprocessing's table keeps when there are aliases.
func signalName(n int) string {
	if n == 29 {
		return "SIGPOLL" // multiprocessing's table keeps the later alias
	}
	return signals.Name(n)
}

var processMethods = map[string]*starlark.Builtin{
	"start":     starlark.NewBuiltin("start", processStart),
	"join":      starlark.NewBuiltin("join", processJoin),
	"is_alive":  starlark.NewBuiltin("is_alive", processIsAlive),
	"terminate": starlark.NewBuiltin("terminate", processSignal),
	"kill":      starlark.NewBuiltin("kill", processSignal),
	"close":     starlark.NewBuiltin("close", processClose),
	"run":       starlark.NewBuiltin("run", processRun),
}

var processAttrs = []string{"daemon", "exitcode", "ident", "name", "pid"}

// Attr returns the properties and methods of BaseProcess.
func (p *Process) Attr(name string) (starlark.Value, error) {
	switch name {
	case "name":
		return starlark.String(p.name), nil
	case "daemon":
		return starlark.Bool(p.daemon), nil
	case "pid", "ident":
		if err := p.checkClosed(); err != nil {
			return nil, err
		}
		switch {
		case p.current:
			pid, err := getpid(p.thread)
			return starlark.MakeInt(pid), err
		case p.kind == kindParent:
			return starlark.MakeInt(p.pid), nil
		case !p.started:
			return starlark.None, nil
		}
		return starlark.MakeInt(p.pid), nil
	case "exitcode":
		if err := p.checkClosed(); err != nil {
			return nil, err
		}
		if !p.started {
			return starlark.None, nil
		}
		return p.poll(p.thread)
	}
	if m, ok := processMethods[name]; ok {
		return m.BindReceiver(p), nil
	}
	if v, ok := p.extra[name]; ok {
		return v, nil
	}
	return nil, nil
}

// AttrNames lists the attributes in sorted order.
func (p *Process) AttrNames() []string {
	names := append(append([]string(nil), processAttrs...), sortedKeys(processMethods)...)
	names = append(names, p.extra.Keys()...)
	sort.Strings(names)
	return names
}

// SetField sets name or daemon, or any other attribute, as a script may.
func (p *Process) SetField(name string, v starlark.Value) error {
	switch name {
	case "name":
		s, ok := v.(starlark.String)
		if !ok {
			return pyerr.New("AssertionError", "name must be a string")
		}
		p.name = string(s)
		if p.current && p.state != nil {
			p.state.ProcessName = p.name
		}
		return nil
	case "daemon":
		if p.started {
			return pyerr.New("AssertionError", "process has already started")
		}
		p.daemon = bool(v.Truth())
		if p.current && p.state != nil {
			p.state.Daemon = p.daemon
		}
		return nil
	case "pid", "ident", "exitcode":
		return pyerr.New("AttributeError", "property '%s' of '%s' object has no setter", name, p.typeName())
	}
	if _, ok := processMethods[name]; ok {
		return pyerr.New("AttributeError", "'%s' object attribute '%s' is read-only", p.typeName(), name)
	}
	if p.extra == nil {
		p.extra = starlark.StringDict{}
	}
	p.extra[name] = v
	return nil
}

func (p *Process) checkClosed() error {
	if p.closed {
		return pyerr.ValueError("process object is closed")
	}
	return nil
}

// def join(timeout=None)
func processJoin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var timeout starlark.Value = starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	p := b.Receiver().(*Process)
	if p.kind == kindParent {
		return starlark.None, p.waitParent(thread, timeout)
	}
	if err := p.checkClosed(); err != nil {
		return nil, err
	}
	if p.current || !p.isMine() {
		return nil, pyerr.New("AssertionError", "can only join a child process")
	}
	if !p.started {
		return nil, pyerr.New("AssertionError", "can only join a started process")
	}
	res, err := p.wait(thread, timeout)
	if err != nil {
		return nil, err
	}
	if res != starlark.None {
		stateOf(thread).discard(p)
	}
	return starlark.None, nil
}

// def is_alive()
func processIsAlive(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	p := b.Receiver().(*Process)
	if p.kind == kindParent {
		alive, err := parentAlive(thread, p.pid)
		return starlark.Bool(alive), err
	}
	if err := p.checkClosed(); err != nil {
		return nil, err
	}
	if p.current {
		return starlark.True, nil
	}
	if !p.isMine() {
		return nil, pyerr.New("AssertionError", "can only test a child process")
	}
	if !p.started {
		return starlark.False, nil
	}
	rc, err := p.poll(thread)
	if err != nil {
		return nil, err
	}
	if rc == starlark.None {
		return starlark.True, nil
	}
	stateOf(thread).discard(p)
	return starlark.False, nil
}

// def terminate() / def kill()
func processSignal(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	p := b.Receiver().(*Process)
	if err := p.checkClosed(); err != nil {
		return nil, err
	}
	if !p.started {
		return nil, pyerr.New("AttributeError", "'NoneType' object has no attribute '%s'", b.Name())
	}
	sig := 15
	if b.Name() == "kill" {
		sig = 9
	}
	return starlark.None, p.signal(thread, "multiprocessing."+b.Name(), sig)
}

// def close()
func processClose(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	p := b.Receiver().(*Process)
	if p.kind == kindMain {
		return starlark.None, nil
	}
	if p.started && !p.closed {
		rc, err := p.poll(thread)
		if err != nil {
			return nil, err
		}
		if rc == starlark.None {
			return nil, pyerr.ValueError("Cannot close a process while it is still running. You should first call join() or terminate().")
		}
		stateOf(thread).discard(p)
	}
	p.closed = true
	return starlark.None, nil
}

// def run() — the target, called in this process.
func processRun(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	p := b.Receiver().(*Process)
	if p.dropped || p.kind != kindChild {
		return nil, pyerr.New("AttributeError", "'%s' object has no attribute '_target'", p.typeName())
	}
	if p.target == starlark.None {
		return starlark.None, nil
	}
	if _, err := starlark.Call(thread, p.target, p.args, p.kwargs); err != nil {
		return nil, err
	}
	return starlark.None, nil
}
