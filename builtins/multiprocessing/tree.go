package multiprocessing

import (
	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// discard forgets a child known to have ended.
func (rs *runState) discard(p *Process) {
	for i, c := range rs.children {
		if c == p {
			rs.children = append(rs.children[:i:i], rs.children[i+1:]...)
			return
		}
	}
}

// active reaps the children that have ended and returns those still
// running that this process (pid me) started — CPython's _cleanup and
// active_children. Children inherited through os.fork are not this
// process's to wait for.
func (rs *runState) active(thread *starlark.Thread, me int) ([]*Process, error) {
	var live []*Process
	for _, p := range append([]*Process(nil), rs.children...) {
		if p.parentPID != me {
			continue
		}
		rc, err := p.poll(thread)
		if err != nil {
			return nil, err
		}
		if rc != starlark.None {
			rs.discard(p)
			continue
		}
		live = append(live, p)
	}
	return live, nil
}

// def current_process()
func currentProcess(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	rs := stateOf(thread)
	if rs.current == nil {
		st := runtime.Of(thread)
		rs.serial++
		p := &Process{kind: kindMain, class: "Process", name: st.ProcessName, current: true, state: st,
			thread: thread, serial: rs.serial}
		if st.ParentPID != 0 {
			// A spawned child: its own Process object, rebuilt.
			p.kind, p.identity, p.daemon, p.parentPID = kindChild, st.ProcessIdentity, st.Daemon, st.ParentPID
			p.dropped = true
		}
		rs.current = p
	}
	return rs.current, nil
}

// def parent_process()
func parentProcess(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	st := runtime.Of(thread)
	if st.ParentPID == 0 {
		return starlark.None, nil
	}
	rs := stateOf(thread)
	if rs.parent == nil {
		rs.serial++
		rs.parent = &Process{kind: kindParent, name: st.ParentName, pid: st.ParentPID, thread: thread, serial: rs.serial}
	}
	return rs.parent, nil
}

// def active_children()
func activeChildren(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	me, err := getpid(thread)
	if err != nil {
		return nil, err
	}
	kids, err := stateOf(thread).active(thread, me)
	if err != nil {
		return nil, err
	}
	list := make([]starlark.Value, len(kids))
	for i, p := range kids {
		list[i] = p
	}
	return starlark.NewList(list), nil
}
