// Package multiprocessing is Python's multiprocessing module for starproc:
// Process, Queue, SimpleQueue, JoinableQueue, Pipe, the start-method
// contexts and the functions that describe the tree of processes.
//
// Every child is a real OS process (DESIGN.md, "The process model"). Under
// the fork start method, the default, Process.start goes through
// runtime.Fork: the child re-executes the script from the top in replay
// mode and, reaching the same start, turns live and runs the target there,
// with the parent's state. Under spawn (and forkserver, which starproc runs
// as spawn) the child runs the module as __mp_main__ and calls the target,
// found by name, with arguments that crossed by value. Queues and pipes live
// in the run's hub; what goes through them is encoded by value with
// pickle's rules (runtime/wire).
//
// Every result that comes from outside the interpreter — a pid, a wait
// status, an item read from a queue — passes through runtime.Effect, so
// that a replaying child gets the recorded result instead of redoing it.
package multiprocessing

import (
	"os"
	goruntime "runtime"
	"sort"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/hub"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

const localKey = "multiprocessing.state"

// runState is multiprocessing's per-run state, kept on the thread.
type runState struct {
	// method is the default context's start method once set ("" before:
	// get_start_method(allow_none=True) returns None).
	method string
	// children are the started children of this process not yet known to
	// have ended (CPython's process._children), in start order.
	children []*Process
	// current is this process's own Process object, made on demand in the
	// root and in a spawned child; a forked child's is the Process whose
	// start created it.
	current *Process
	parent  *Process
	// contexts are the concrete contexts, one per start method.
	contexts map[string]*Context
	// serial numbers Process objects, for their hash.
	serial   int
	exitDone bool
	// fast holds this process's descriptors of fast queues, by hub id, and
	// counts their sizes (fast.go).
	fast   map[int64]*fastFD
	counts *hub.Counts
}

func stateOf(thread *starlark.Thread) *runState {
	if rs, ok := thread.Local(localKey).(*runState); ok {
		return rs
	}
	// A spawned process has its parent's start method already set.
	rs := &runState{contexts: map[string]*Context{}, method: runtime.Of(thread).StartMethod}
	for _, m := range startMethods {
		rs.contexts[m] = &Context{method: m}
	}
	thread.SetLocal(localKey, rs)
	return rs
}

// startMethods are get_all_start_methods() on Linux.
var startMethods = []string{"fork", "spawn", "forkserver"}

// actualMethod is the default context's start method, fixing it to fork
// when the script has not chosen one, as DefaultContext.get_context does.
func (rs *runState) actualMethod() string {
	if rs.method == "" {
		rs.method = "fork"
	}
	return rs.method
}

// New builds the multiprocessing module for one run: it registers how
// queues and connections that cross into this process are rebuilt, and
// CPython's exit function (terminate daemonic children, join the rest).
//
//	class Process(group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None)
//	def Queue(maxsize=0), SimpleQueue(), JoinableQueue(maxsize=0)
//	def Pipe(duplex=True) -> (Connection, Connection)
//	def current_process(), parent_process(), active_children(), cpu_count()
//	def set_start_method(method, force=False), get_start_method(allow_none=False)
//	def get_all_start_methods(), get_context(method=None), freeze_support()
func New(thread *starlark.Thread) (starlark.Value, error) {
	st := runtime.Of(thread)
	rs := stateOf(thread)
	registerHandles(st)
	if !rs.exitDone {
		rs.exitDone = true
		st.BeforeExit = append(st.BeforeExit, closeAllFast)
		st.AtExit = append(st.AtExit, exitFunction)
	}
	members := starlark.StringDict{}
	for name, fn := range contextFuncs {
		members[name] = starlark.NewBuiltin("multiprocessing."+name, fn)
	}
	// Process is a class: named as CPython names it, isinstance works.
	members["Process"] = starlark.NewBuiltin("multiprocessing.context.Process", newProcess)
	return &starlarkstruct.Module{Name: "multiprocessing", Members: members}, nil
}

// contextFuncs are the functions of a context; the module's are those of
// the default context. A builtin bound to a *Context is that context's.
var contextFuncs = map[string]func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error){
	"Process":               newProcess,
	"Queue":                 newQueue,
	"SimpleQueue":           newSimpleQueue,
	"JoinableQueue":         newJoinableQueue,
	"Pipe":                  newPipe,
	"current_process":       currentProcess,
	"parent_process":        parentProcess,
	"active_children":       activeChildren,
	"cpu_count":             cpuCount,
	"get_context":           getContext,
	"get_start_method":      getStartMethod,
	"set_start_method":      setStartMethod,
	"get_all_start_methods": getAllStartMethods,
	"freeze_support":        freezeSupport,
}

// contextOf returns the concrete context a builtin is bound to, or nil for
// the default context (the module's functions).
func contextOf(b *starlark.Builtin) *Context {
	c, _ := b.Receiver().(*Context)
	return c
}

// Context is a concrete start-method context: get_context('spawn').
type Context struct{ method string }

var (
	_ starlark.HasAttrs = (*Context)(nil)
	_ pyfmt.Reprer      = (*Context)(nil)
)

func (c *Context) className() string {
	return map[string]string{"fork": "ForkContext", "spawn": "SpawnContext", "forkserver": "ForkServerContext"}[c.method]
}

// PyRepr is <multiprocessing.context.ForkContext object at 0x7f...>.
func (c *Context) PyRepr() string {
	name := "multiprocessing.context." + c.className()
	return "<" + name + " object at " + pyfmt.FakeAddress(name) + ">"
}
func (c *Context) String() string        { return c.PyRepr() }
func (c *Context) Type() string          { return "multiprocessing.context." + c.className() }
func (c *Context) Freeze()               {}
func (c *Context) Truth() starlark.Bool  { return true }
func (c *Context) Hash() (uint32, error) { return starlark.String(c.method).Hash() }

// Attr returns the context's functions, bound to it.
func (c *Context) Attr(name string) (starlark.Value, error) {
	fn, ok := contextFuncs[name]
	if !ok {
		return nil, nil
	}
	return starlark.NewBuiltin(name, fn).BindReceiver(c), nil
}

// AttrNames lists the functions in sorted order.
func (c *Context) AttrNames() []string { return sortedKeys(contextFuncs) }

func sortedKeys[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// def get_context(method=None)
func getContext(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var method starlark.Value = starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "method?", &method); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	rs := stateOf(thread)
	if method == starlark.None {
		if c := contextOf(b); c != nil {
			return c, nil
		}
		return rs.contexts[rs.actualMethod()], nil
	}
	s, ok := method.(starlark.String)
	if !ok || rs.contexts[string(s)] == nil {
		return nil, pyerr.ValueError("cannot find context for %s", pyfmt.Repr(method))
	}
	return rs.contexts[string(s)], nil
}

// def get_start_method(allow_none=False)
func getStartMethod(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var allowNone bool
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "allow_none?", &allowNone); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	if c := contextOf(b); c != nil {
		return starlark.String(c.method), nil
	}
	rs := stateOf(thread)
	if rs.method == "" && allowNone {
		return starlark.None, nil
	}
	return starlark.String(rs.actualMethod()), nil
}

// def set_start_method(method, force=False)
func setStartMethod(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var method starlark.Value
	var force bool
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "method", &method, "force?", &force); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	if contextOf(b) != nil {
		return nil, pyerr.ValueError("cannot set start method of concrete context")
	}
	rs := stateOf(thread)
	if rs.method != "" && !force {
		return nil, pyerr.New("RuntimeError", "context has already been set")
	}
	if method == starlark.None && force {
		rs.method = ""
		return starlark.None, nil
	}
	s, ok := method.(starlark.String)
	if !ok || rs.contexts[string(s)] == nil {
		return nil, pyerr.ValueError("cannot find context for %s", pyfmt.Repr(method))
	}
	rs.method = string(s)
	return starlark.None, nil
}

// def get_all_start_methods()
func getAllStartMethods(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	list := make([]starlark.Value, len(startMethods))
	for i, m := range startMethods {
		list[i] = starlark.String(m)
	}
	return starlark.NewList(list), nil
}

// def freeze_support() — a no-op outside frozen Windows executables.
func freezeSupport(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, nil
}

// def cpu_count()
func cpuCount(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return runtime.Effect(thread, "multiprocessing.cpu_count", func() (starlark.Value, error) {
		return starlark.MakeInt(onlineCPUs()), nil
	})
}

// onlineCPUs is what CPython's os.cpu_count reports on Linux, the number
// of CPUs online (sysconf(_SC_NPROCESSORS_ONLN), which glibc reads from
// sysfs) — not the affinity mask Go's runtime.NumCPU uses.
func onlineCPUs() int {
	b, err := os.ReadFile("/sys/devices/system/cpu/online")
	if err != nil {
		return goruntime.NumCPU()
	}
	n := 0
	for _, part := range strings.Split(strings.TrimSpace(string(b)), ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(lo)
		z := a
		var err2 error
		if isRange {
			z, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || z < a {
			return goruntime.NumCPU()
		}
		n += z - a + 1
	}
	if n == 0 {
		return goruntime.NumCPU()
	}
	return n
}

// exitFunction is CPython's multiprocessing.util._exit_function, run when
// the script (or a child's target) ends: daemonic children still running
// are terminated, then every remaining child is joined.
func exitFunction(thread *starlark.Thread) {
	rs := stateOf(thread)
	me, err := getpid(thread)
	if err != nil {
		return
	}
	kids, err := rs.active(thread, me)
	if err != nil {
		return
	}
	for _, p := range kids {
		if p.daemon {
			p.signal(thread, "multiprocessing.terminate", 15)
		}
	}
	kids, err = rs.active(thread, me)
	if err != nil {
		return
	}
	for _, p := range kids {
		p.wait(thread, starlark.None)
	}
}
