package universe

import (
	"sort"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// __with__(mgr1, mgr2, ...) is the with statement. The front end rewrites
//
//	with A as a, B as b:
//
// to `for (a, b) in __with__(A, B):`. The managers are entered here, where
// the thread is at hand and an error can be returned (Iterate can do
// neither); the loop runs once over the __enter__ result (a tuple of them
// for several managers), and the iterator's Done calls each __exit__(None,
// None, None) in reverse order, on normal exit, break, return or error.
func with(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) != 0 || len(args) == 0 {
		return nil, pyerr.TypeError("__with__ expected at least 1 argument, got %d", len(args))
	}
	w := &withBlock{thread: thread, exits: make([]starlark.Value, 0, len(args))}
	vals := make(starlark.Tuple, len(args))
	for i, mgr := range args {
		enter, err := attr(mgr, "__enter__")
		if err != nil {
			w.exit()
			return nil, err
		}
		exit, err := attr(mgr, "__exit__")
		if err != nil {
			w.exit()
			return nil, err
		}
		if enter == nil {
			w.exit()
			return nil, pyerr.TypeError("'%s' object does not support the context manager protocol", typeName(mgr))
		}
		if exit == nil {
			w.exit()
			return nil, pyerr.TypeError("'%s' object does not support the context manager protocol (missed __exit__ method)", typeName(mgr))
		}
		v, err := starlark.Call(thread, enter, nil, nil)
		if err != nil {
			w.exit()
			return nil, err
		}
		vals[i] = v
		w.exits = append(w.exits, exit)
	}
	if len(vals) == 1 {
		w.value = vals[0]
	} else {
		w.value = vals
	}
	return w, nil
}

// withBlock is the one-shot iterable __with__ returns.
type withBlock struct {
	thread *starlark.Thread
	exits  []starlark.Value // bound __exit__ methods, in enter order
	value  starlark.Value
	used   bool
	// Errs holds errors from __exit__ calls, which Done cannot return.
	errs []error
}

var _ starlark.Iterable = (*withBlock)(nil)

func (w *withBlock) String() string        { return "<with>" }
func (w *withBlock) Type() string          { return "with" }
func (w *withBlock) Freeze()               {}
func (w *withBlock) Truth() starlark.Bool  { return true }
func (w *withBlock) Hash() (uint32, error) { return 0, pyerr.TypeError("unhashable type: 'with'") }

// Iterate yields the entered value once; a second iteration yields nothing.
func (w *withBlock) Iterate() starlark.Iterator {
	if w.used {
		return withIter{}
	}
	w.used = true
	return withIter{w: w}
}

// exit calls the __exit__ methods entered so far, last first, once.
func (w *withBlock) exit() {
	exits := w.exits
	w.exits = nil
	none := starlark.Tuple{starlark.None, starlark.None, starlark.None}
	for i := len(exits) - 1; i >= 0; i-- {
		if _, err := starlark.Call(w.thread, exits[i], none, nil); err != nil {
			w.errs = append(w.errs, err)
		}
	}
}

type withIter struct{ w *withBlock }

func (it withIter) Next(p *starlark.Value) bool {
	if it.w == nil || it.w.value == nil {
		return false
	}
	*p = it.w.value
	it.w.value = nil
	return true
}

func (it withIter) Done() {
	if it.w != nil {
		it.w.exit()
	}
}

// Namespace is the mutable home of the names a script declares global: the
// front end rewrites each use of such a name x to ns.x. Reading a name never
// set is Python's NameError.
//
// Freeze does nothing: Starlark freezes a module's globals once it has run,
// but Python globals stay assignable (a multiprocessing target assigns them
// long after), and a run is a single thread.
type Namespace struct {
	vals map[string]starlark.Value
}

var _ starlark.HasSetField = (*Namespace)(nil)

// NewNamespace returns an empty namespace.
func NewNamespace() *Namespace { return &Namespace{vals: map[string]starlark.Value{}} }

// String, Type, Truth and Hash implement starlark.Value; Freeze does
// nothing (see the type comment).
func (ns *Namespace) String() string       { return "<namespace>" }
func (ns *Namespace) Type() string         { return "namespace" }
func (ns *Namespace) Freeze()              {}
func (ns *Namespace) Truth() starlark.Bool { return true }
func (ns *Namespace) Hash() (uint32, error) {
	return 0, pyerr.TypeError("unhashable type: 'namespace'")
}

// Attr returns the value of a global, or NameError if it was never set.
func (ns *Namespace) Attr(name string) (starlark.Value, error) {
	if v, ok := ns.vals[name]; ok {
		return v, nil
	}
	return nil, pyerr.New("NameError", "name '%s' is not defined", name)
}

// AttrNames returns the names set, sorted.
func (ns *Namespace) AttrNames() []string {
	names := make([]string, 0, len(ns.vals))
	for k := range ns.vals {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// SetField sets a global.
func (ns *Namespace) SetField(name string, v starlark.Value) error {
	ns.vals[name] = v
	return nil
}

// Get returns a global and whether it is set, for the host.
func (ns *Namespace) Get(name string) (starlark.Value, bool) {
	v, ok := ns.vals[name]
	return v, ok
}
