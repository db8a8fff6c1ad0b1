package multiprocessing

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/wire"
)

// run executes src with a fresh multiprocessing module as `mp` and returns
// repr(out), or the Python exception as its traceback's last line.
func run(t *testing.T, src string) string {
	t.Helper()
	thread := new(starlark.Thread)
	mod, err := New(thread)
	if err != nil {
		t.Fatal(err)
	}
	g, err := starlark.ExecFile(thread, "case.star", src, starlark.StringDict{"mp": mod})
	var pe *pyerr.Error
	switch {
	case errors.As(err, &pe):
		return pe.Type + ": " + pe.Msg
	case err != nil:
		return "go: " + err.Error()
	}
	return pyfmt.Repr(g["out"])
}

// Expectations captured from CPython 3.11 (parent pids replaced by PID).
func TestProcessObjectsBeforeStartBehaveAsCPython(t *testing.T) {
	pid := fmt.Sprint(os.Getpid())
	cases := []struct{ src, want string }{
		{"out = mp.Process()", "<Process name='Process-1' parent=PID initial>"},
		{"p = mp.Process(name='x', daemon=True)\np.name = 'yy'\nout = [p.name, p.daemon, p.pid, p.exitcode, p.is_alive(), p.ident]", "['yy', True, None, None, False, None]"},
		{"out = [mp.Process().name, mp.Process().name, mp.get_context('spawn').Process().name]", "['Process-1', 'Process-2', 'SpawnProcess-3']"},
		{"out = mp.get_context('fork').Process()", "<ForkProcess name='ForkProcess-1' parent=PID initial>"},
		{"out = mp.Process(daemon=True)", "<Process name='Process-1' parent=PID initial daemon>"},
		{"mp.Process(1)", "AssertionError: group argument must be None for now"},
		{"mp.Process(target=print, args=1)", "TypeError: 'int' object is not iterable"},
		{"mp.Process(target=print, kwargs=1)", "TypeError: 'int' object is not iterable"},
		{"p = mp.Process()\np.name = 3", "AssertionError: name must be a string"},
		{"mp.Process().join()", "AssertionError: can only join a started process"},
		{"mp.Process().terminate()", "AttributeError: 'NoneType' object has no attribute 'terminate'"},
		{"p = mp.Process()\np.close()\np.pid", "ValueError: process object is closed"},
		{"p = mp.Process()\np.close()\nout = p", "<Process name='Process-1' parent=PID closed>"},
		{"out = mp.current_process()", "<_MainProcess name='MainProcess' parent=None started>"},
		{"c = mp.current_process()\nc.name = 'Boss'\nout = [c, c.daemon, c.exitcode, c.is_alive()]", "[<_MainProcess name='Boss' parent=None started>, False, None, True]"},
		{"mp.current_process().join()", "AssertionError: can only join a child process"},
		{"out = [mp.parent_process(), mp.active_children()]", "[None, []]"},
		{"p = mp.Process(target=lambda: 5)\np.run()\nout = p.is_alive()", "False"},
		{"p = mp.Process()\np.foo = 3\nout = p.foo", "3"},
	}
	for _, c := range cases {
		got := strings.ReplaceAll(run(t, c.src), "parent="+pid, "parent=PID")
		if got != c.want {
			t.Errorf("%s\ngot  %s\nwant %s", c.src, got, c.want)
		}
	}
}

func TestStartMethodsAndContextsBehaveAsCPython(t *testing.T) {
	cases := []struct{ src, want string }{
		{"out = [mp.get_start_method(allow_none=True), mp.get_start_method(), mp.get_start_method(allow_none=True)]", "[None, 'fork', 'fork']"},
		{"out = mp.get_all_start_methods()", "['fork', 'spawn', 'forkserver']"},
		{"mp.set_start_method('x')", "ValueError: cannot find context for 'x'"},
		{"mp.get_context('x')", "ValueError: cannot find context for 'x'"},
		{"mp.set_start_method('spawn')\nmp.set_start_method('fork')", "RuntimeError: context has already been set"},
		{"mp.set_start_method('spawn')\nmp.set_start_method('fork', force=True)\nout = mp.get_start_method()", "'fork'"},
		{"mp.get_context('fork').set_start_method('fork')", "ValueError: cannot set start method of concrete context"},
		{"out = mp.get_context('spawn').get_start_method()", "'spawn'"},
		{"mp.set_start_method('spawn')\nout = mp.get_context() == mp.get_context('spawn')", "True"},
		{"out = mp.get_context('forkserver').get_context()", "<multiprocessing.context.ForkServerContext object at " + pyfmt.FakeAddress("multiprocessing.context.ForkServerContext") + ">"},
	}
	for _, c := range cases {
		if got := run(t, c.src); got != c.want {
			t.Errorf("%s\ngot  %s\nwant %s", c.src, got, c.want)
		}
	}
}

// CPython's multiprocessing.process._exitcode_to_name, with the alias each
// signal number keeps there.
func TestExitcodesAreNamedAsCPythonNamesThem(t *testing.T) {
	want := map[int]string{-1: "-SIGHUP", -2: "-SIGINT", -6: "-SIGABRT", -9: "-SIGKILL", -15: "-SIGTERM",
		-17: "-SIGCHLD", -29: "-SIGPOLL", -31: "-SIGSYS", -34: "-SIGRTMIN", -64: "-SIGRTMAX", -40: "-40", 0: "0", 3: "3"}
	for code, name := range want {
		if got := exitcodeName(starlark.MakeInt(code)); got != name {
			t.Errorf("exitcode %d shows as %s, want %s", code, got, name)
		}
	}
}

// Queues and connections cross a process boundary by identity: what a
// child rebuilds names the same hub queues, with the same limits.
func TestHandlesRebuildTheSameObjects(t *testing.T) {
	st := runtime.NewState()
	registerHandles(st)
	thread := new(starlark.Thread)
	runtime.Attach(thread, st)
	for _, v := range []starlark.Value{
		&Queue{class: "Queue", id: 7, maxsize: 3},
		&Queue{class: "JoinableQueue", id: 1<<31 - 1},
		&Queue{class: "SimpleQueue", id: 2},
		&Connection{r: 4, w: 5},
		&Connection{r: 6},
		&Connection{w: 6},
	} {
		b, err := wire.Encode(nil, starlark.Tuple{v})
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := wire.Decode(st.Decoder(thread), b)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := fmt.Sprintf("%#v", *derefAny(got.(starlark.Tuple)[0])), fmt.Sprintf("%#v", *derefAny(v)); g != w {
			t.Errorf("rebuilt %s, want %s", g, w)
		}
	}
}

func derefAny(v starlark.Value) *any {
	var x any
	switch v := v.(type) {
	case *Queue:
		x = *v
	case *Connection:
		x = *v
	}
	return &x
}

func TestQueuesDoNotTravelThroughQueues(t *testing.T) {
	_, err := encodeItem(starlark.NewList([]starlark.Value{starlark.MakeInt(1), starlark.Tuple{&Queue{class: "SimpleQueue", id: 1}}}))
	var pe *pyerr.Error
	if !errors.As(err, &pe) || pe.Type != "RuntimeError" || pe.Msg != "SimpleQueue objects should only be shared between processes through inheritance" {
		t.Errorf("got %v", err)
	}
	if _, err := encodeItem(&Connection{r: 1, w: 2}); err != nil {
		t.Errorf("a connection should travel: %v", err)
	}
}

func TestWithoutAHubQueuesSayWhy(t *testing.T) {
	got := run(t, "mp.Queue()")
	if !strings.HasPrefix(got, "OSError: multiprocessing queues and pipes need the run's hub") {
		t.Errorf("got %s", got)
	}
}
