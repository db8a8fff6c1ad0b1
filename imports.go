package starproc

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/universe"
)

// module returns the value of an importable module for this run, building
// it on first use; a dotted name ("os.path") names a submodule.
func module(thread *starlark.Thread, name string) (starlark.Value, error) {
	state := runtime.Of(thread)
	if v, ok := state.Modules[name]; ok {
		return v, nil
	}
	fn, ok := lookupModule(name)
	if !ok {
		top, _, dotted := strings.Cut(name, ".")
		if dotted {
			if _, ok := lookupModule(top); ok {
				return nil, pyerr.New("ModuleNotFoundError", "No module named %s; %s is not a package", quote(name), quote(top))
			}
			return nil, pyerr.New("ModuleNotFoundError", "No module named %s", quote(top))
		}
		return nil, pyerr.New("ModuleNotFoundError", "No module named %s", quote(name))
	}
	v, err := fn(thread)
	if err != nil {
		return nil, err
	}
	if m, ok := v.(*starlarkstruct.Module); ok {
		v = &pyModule{m}
	}
	state.Modules[name] = v
	return v, nil
}

// pyModule is a module as Python shows it: a missing attribute is
// "AttributeError: module 'os' has no attribute 'getcwdd'. Did you mean:
// 'getcwd'?", not Starlark's generic message.
type pyModule struct{ *starlarkstruct.Module }

var _ starlark.HasAttrs = (*pyModule)(nil)

// Attr returns the member name, or Python's AttributeError.
func (m *pyModule) Attr(name string) (starlark.Value, error) {
	if v, err := m.Module.Attr(name); v != nil || err != nil {
		return v, err
	}
	msg := fmt.Sprintf("module %s has no attribute %s", quote(m.Name), quote(name))
	if s := pyerr.Suggest(name, m.AttrNames()); s != "" {
		msg += fmt.Sprintf(". Did you mean: %s?", quote(s))
	}
	return nil, pyerr.New("AttributeError", "%s", msg)
}

// PyRepr is the module's Python repr.
func (m *pyModule) PyRepr() string { return fmt.Sprintf("<module %s (built-in)>", quote(m.Name)) }

// moduleMembers lists a module's names, for `from m import *`.
func moduleMembers(thread *starlark.Thread, name string) []string {
	v, err := module(thread, name)
	if err != nil {
		return nil
	}
	if m, ok := v.(starlark.HasAttrs); ok {
		return m.AttrNames()
	}
	return nil
}

// __import__("a.b") imports a.b and returns the top-level module a, as
// `import a.b` binds a.
var importBuiltin = starlark.NewBuiltin("__import__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &name); err != nil {
		return nil, err
	}
	if _, err := module(thread, name); err != nil {
		return nil, err
	}
	top, _, _ := strings.Cut(name, ".")
	return module(thread, top)
})

// __import_module__("a.b") returns the module a.b itself (`import a.b as c`).
var importModuleBuiltin = starlark.NewBuiltin("__import_module__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &name); err != nil {
		return nil, err
	}
	return module(thread, name)
})

// __import_from__("m", "x", "y") returns m.x, or (m.x, m.y) for several
// names: `from m import x, y`.
var importFromBuiltin = starlark.NewBuiltin("__import_from__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 2 {
		return nil, pyerr.TypeError("__import_from__ needs a module and names")
	}
	modName, ok := starlark.AsString(args[0])
	if !ok {
		return nil, pyerr.TypeError("module name must be str")
	}
	m, err := module(thread, modName)
	if err != nil {
		return nil, err
	}
	out := make(starlark.Tuple, 0, len(args)-1)
	for _, a := range args[1:] {
		name, _ := starlark.AsString(a)
		var v starlark.Value
		if ha, ok := m.(starlark.HasAttrs); ok {
			v, _ = ha.Attr(name)
		}
		if v == nil {
			if _, ok := lookupModule(modName + "." + name); ok {
				if v, err = module(thread, modName+"."+name); err != nil {
					return nil, err
				}
			}
		}
		if v == nil {
			return nil, pyerr.New("ImportError", "cannot import name %s from %s (unknown location)", quote(name), quote(modName))
		}
		out = append(out, v)
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return out, nil
})

// __undefined__("x") raises NameError when a name nothing binds is evaluated,
// as Python does at run time (Starlark would refuse to compile the script),
// with CPython 3.11's "Did you mean" suggestion.
var undefinedBuiltin = starlark.NewBuiltin("__undefined__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &name); err != nil {
		return nil, err
	}
	msg := fmt.Sprintf("name %s is not defined", quote(name))
	if s := pyerr.Suggest(name, visibleNames(thread)); s != "" {
		msg += fmt.Sprintf(". Did you mean: %s?", quote(s))
	}
	return nil, pyerr.New("NameError", "%s", msg)
})

// visibleNames lists the names the caller of a builtin can see, in
// CPython's order of search: locals, globals, builtins.
func visibleNames(thread *starlark.Thread) []string {
	var names []string
	if thread.CallStackDepth() > 1 {
		fr := thread.DebugFrame(1)
		for i := 0; i < fr.NumLocals(); i++ {
			bind, _ := fr.Local(i)
			names = append(names, bind.Name)
		}
		if fn, ok := fr.Callable().(*starlark.Function); ok {
			names = append(names, fn.Globals().Keys()...)
		}
	}
	names = append(names, universe.Builtins.Keys()...)
	return names
}

// __pow__(x, y) is Python's x ** y, which the front end rewrites into a call
// so that a script's own name pow cannot change what ** means.
var powBuiltin = starlark.NewBuiltin("__pow__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, y starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &x, &y); err != nil {
		return nil, err
	}
	return universe.Pow(x, y, starlark.None)
})

const forElseKey = "starproc.forelse"

// forElseState records, per for loop (by line), whether its last run ended
// by running out of items: that is when its else clause runs.
func forElseState(thread *starlark.Thread) map[int]bool {
	m, _ := thread.Local(forElseKey).(map[int]bool)
	if m == nil {
		m = map[int]bool{}
		thread.SetLocal(forElseKey, m)
	}
	return m
}

// __forelse_iter__(x, line) is x, iterated by the for loop at line, noting
// whether the loop ran to its end or left early (break, return).
var forElseIterBuiltin = starlark.NewBuiltin("__forelse_iter__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	var line int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &x, &line); err != nil {
		return nil, err
	}
	it, ok := x.(starlark.Iterable)
	if !ok {
		return nil, pyerr.TypeError("'%s' object is not iterable", pyfmt.TypeName(x))
	}
	return &forElseIterable{Iterable: it, done: forElseState(thread), line: line}, nil
})

type forElseIterable struct {
	starlark.Iterable
	done map[int]bool
	line int
}

func (f *forElseIterable) Iterate() starlark.Iterator {
	f.done[f.line] = false
	return &forElseIterator{Iterator: f.Iterable.Iterate(), f: f}
}

type forElseIterator struct {
	starlark.Iterator
	f         *forElseIterable
	exhausted bool
}

func (it *forElseIterator) Next(p *starlark.Value) bool {
	if it.Iterator.Next(p) {
		return true
	}
	it.exhausted = true
	return false
}

func (it *forElseIterator) Done() {
	it.f.done[it.f.line] = it.exhausted
	it.Iterator.Done()
}

// __forelse__(line) reports whether the for loop at line ran to its end.
var forElseBuiltin = starlark.NewBuiltin("__forelse__", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var line int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &line); err != nil {
		return nil, err
	}
	return starlark.Bool(forElseState(thread)[line]), nil
})
