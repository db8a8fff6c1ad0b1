package multiprocessing

import (
	"os"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/wire"
)

// def start()
func processStart(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	p := b.Receiver().(*Process)
	if err := p.checkClosed(); err != nil {
		return nil, err
	}
	if p.started {
		return nil, pyerr.New("AssertionError", "cannot start a process twice")
	}
	if p.kind != kindChild || !p.isMine() {
		return nil, pyerr.New("AssertionError", "can only start a process object created by current process")
	}
	st := runtime.Of(thread)
	if st.Bootstrapping {
		return nil, pyerr.New("RuntimeError", "%s", bootstrappingError)
	}
	if st.Daemon {
		return nil, pyerr.New("AssertionError", "daemonic processes are not allowed to have children")
	}
	rs := stateOf(thread)
	me, err := getpid(thread)
	if err != nil {
		return nil, err
	}
	if _, err := rs.active(thread, me); err != nil {
		return nil, err
	}
	method := p.method
	if method == "" {
		method = rs.actualMethod()
	}
	spec := runtime.ChildSpec{Name: p.name, Identity: p.identity, Daemon: p.daemon}
	var pid int
	if method == "fork" {
		var isChild bool
		pid, isChild, err = runtime.Fork(thread, "multiprocessing.start", func() (int, error) {
			if st.Spawner == nil {
				return 0, pyerr.New("OSError", "multiprocessing cannot start a process: this host runs no child processes")
			}
			return st.Spawner.StartChild(thread, spec)
		})
		if err != nil {
			return nil, err
		}
		// pid 0 without isChild: this process is replaying the life of
		// an ancestor that was this very child; it goes on as that child.
		if isChild || pid == 0 {
			return nil, p.becomeChild(thread)
		}
	} else {
		if pid, err = p.spawn(thread, spec); err != nil {
			return nil, err
		}
	}
	p.started, p.pid = true, pid
	p.target, p.args, p.kwargs, p.dropped = nil, nil, nil, true
	rs.children = append(rs.children, p)
	return starlark.None, nil
}

// spawn starts p under the spawn start method: the target crosses by name
// and its arguments by value, so what cannot be pickled fails here, in the
// parent, as in CPython.
func (p *Process) spawn(thread *starlark.Thread, spec runtime.ChildSpec) (int, error) {
	st := runtime.Of(thread)
	fn, ok := p.target.(*starlark.Function)
	if !ok {
		// The host calls a spawned child's target by its name in the
		// main module: builtins and other callables have none there.
		return 0, pyerr.New("NotImplementedError", "starproc's spawn start method calls only a target defined with def in the main script, not %s (the fork start method takes any callable)", pyfmt.Repr(p.target))
	}
	if _, err := wire.Encode(nil, fn); err != nil {
		return 0, err
	}
	kw := starlark.NewDict(len(p.kwargs))
	for _, kv := range p.kwargs {
		kw.SetKey(kv[0], kv[1])
	}
	enc, err := wire.Encode(nil, starlark.Tuple{p.args, kw})
	if err != nil {
		return 0, err
	}
	spec.Spawn, spec.Target, spec.Args = true, fn.Name(), enc
	spec.StartMethod = p.method
	if spec.StartMethod == "" {
		spec.StartMethod = stateOf(thread).actualMethod()
	}
	v, err := runtime.Effect(thread, "multiprocessing.spawn", func() (starlark.Value, error) {
		if st.Spawner == nil {
			return nil, pyerr.New("OSError", "multiprocessing cannot start a process: this host runs no child processes")
		}
		pid, err := st.Spawner.StartChild(thread, spec)
		if err != nil {
			return nil, err
		}
		return starlark.MakeInt(pid), nil
	})
	if err != nil {
		return 0, err
	}
	pid, _ := starlark.AsInt32(v)
	return pid, nil
}

// becomeChild is the forked child's side of start: this process takes p's
// identity, as Process._bootstrap does, runs the target and ends (the
// *runtime.ProcessExit it returns unwinds the script).
func (p *Process) becomeChild(thread *starlark.Thread) error {
	st := runtime.Of(thread)
	rs := stateOf(thread)
	ppid, err := runtime.Effect(thread, "multiprocessing.getppid", func() (starlark.Value, error) {
		return starlark.MakeInt(os.Getppid()), nil
	})
	if err != nil {
		return err
	}
	parentName := st.ProcessName
	st.ProcessName, st.ProcessIdentity, st.Daemon = p.name, p.identity, p.daemon
	st.ParentPID, _ = starlark.AsInt32(ppid)
	st.ParentName = parentName
	st.Children = 0
	if p.method != "" {
		rs.method = p.method
	}
	rs.children, rs.parent = nil, nil
	rs.current, p.current, p.state = p, true, st
	target := p.target
	if target == starlark.None {
		target = noTarget
	}
	return runtime.RunProcessBody(thread, p.name, target, p.args, p.kwargs)
}

var noTarget = starlark.NewBuiltin("run", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return starlark.None, nil
})

// bootstrappingError is CPython's message for a spawned child that starts a
// process while it re-runs the main module (no `if __name__ == '__main__':`).
const bootstrappingError = `
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        `
