package os

import (
	"strings"
	"syscall"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Environ is os.environ: an insertion-ordered mapping of str to str,
// copied from the run's environment when the module is built. Like
// CPython's os._Environ, every change to it is also made to the run's
// environment (what subprocesses inherit), but os.putenv and os.unsetenv
// change only the latter.
type Environ struct {
	vars *runtime.Environ // this mapping's own contents
	env  *runtime.Environ // the run's environment, State.Env
}

var (
	_ starlark.HasSetKey       = (*Environ)(nil)
	_ starlark.IterableMapping = (*Environ)(nil)
	_ starlark.Sequence        = (*Environ)(nil)
	_ starlark.HasAttrs        = (*Environ)(nil)
	_ pyfmt.Reprer             = (*Environ)(nil)
)

func newEnviron(env *runtime.Environ) *Environ {
	if env == nil {
		env = runtime.NewEnviron(nil)
	}
	return &Environ{vars: env.Clone(), env: env}
}

// Type returns CPython's class name.
func (e *Environ) Type() string { return "os._Environ" }

// Freeze does nothing: the environment stays mutable even when the module
// holding it is frozen, as it is in Python.
func (e *Environ) Freeze() {}

func (e *Environ) Truth() starlark.Bool { return e.vars.Len() > 0 }

func (e *Environ) Hash() (uint32, error) {
	return 0, pyerr.TypeError("unhashable type: '_Environ'")
}

func (e *Environ) Len() int { return e.vars.Len() }

// PyRepr is environ({'PATH': '/usr/bin', ...}).
func (e *Environ) PyRepr() string {
	var b strings.Builder
	b.WriteString("environ({")
	for i, k := range e.vars.Keys() {
		if i > 0 {
			b.WriteString(", ")
		}
		v, _ := e.vars.Get(k)
		b.WriteString(pyfmt.Repr(starlark.String(k)))
		b.WriteString(": ")
		b.WriteString(pyfmt.Repr(starlark.String(v)))
	}
	b.WriteString("})")
	return b.String()
}

func (e *Environ) String() string { return e.PyRepr() }

// strArg checks a key or value: CPython encodes both and refuses non-str.
func strArg(v starlark.Value) (string, error) {
	s, ok := v.(starlark.String)
	if !ok {
		return "", pyerr.TypeError("str expected, not %s", pyType(v))
	}
	return string(s), nil
}

func keyError(k string) error {
	return pyerr.New("KeyError", "%s", pyfmt.Repr(starlark.String(k)))
}

// Get implements environ[k]; a missing key is a KeyError, which the 'in'
// operator ignores.
func (e *Environ) Get(k starlark.Value) (starlark.Value, bool, error) {
	key, err := strArg(k)
	if err != nil {
		return nil, false, err
	}
	v, ok := e.vars.Get(key)
	if !ok {
		return nil, false, keyError(key)
	}
	return starlark.String(v), true, nil
}

// SetKey implements environ[k] = v, which also sets the run's environment.
func (e *Environ) SetKey(k, v starlark.Value) error {
	key, err := strArg(k)
	if err != nil {
		return err
	}
	val, err := strArg(v)
	if err != nil {
		return err
	}
	if err := checkEnvName(key); err != nil {
		return err
	}
	e.vars.Set(key, val)
	e.env.Set(key, val)
	return nil
}

// del removes key from the mapping and the run's environment.
func (e *Environ) del(key string) bool {
	e.env.Unset(key)
	return e.vars.Unset(key)
}

// Iterate yields the keys in order, over a snapshot so that changing the
// mapping inside the loop cannot break it.
func (e *Environ) Iterate() starlark.Iterator {
	keys := e.vars.Keys()
	elems := make(starlark.Tuple, len(keys))
	for i, k := range keys {
		elems[i] = starlark.String(k)
	}
	return elems.Iterate()
}

// Items returns the (key, value) pairs in order.
func (e *Environ) Items() []starlark.Tuple {
	keys := e.vars.Keys()
	items := make([]starlark.Tuple, len(keys))
	for i, k := range keys {
		v, _ := e.vars.Get(k)
		items[i] = starlark.Tuple{starlark.String(k), starlark.String(v)}
	}
	return items
}

var environMethods = map[string]*starlark.Builtin{
	"get":        starlark.NewBuiltin("get", environGet),
	"keys":       starlark.NewBuiltin("keys", environKeys),
	"values":     starlark.NewBuiltin("values", environValues),
	"items":      starlark.NewBuiltin("items", environItems),
	"pop":        starlark.NewBuiltin("pop", environPop),
	"popitem":    starlark.NewBuiltin("popitem", environPopitem),
	"setdefault": starlark.NewBuiltin("setdefault", environSetdefault),
	"update":     starlark.NewBuiltin("update", environUpdate),
	"copy":       starlark.NewBuiltin("copy", environCopy),
	"clear":      starlark.NewBuiltin("clear", environClear),
}

func (e *Environ) Attr(name string) (starlark.Value, error) {
	if m, ok := environMethods[name]; ok {
		return m.BindReceiver(e), nil
	}
	return nil, nil
}

func (e *Environ) AttrNames() []string {
	return []string{"clear", "copy", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"}
}

// def get(key, default=None)
func environGet(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	e := b.Receiver().(*Environ)
	var k starlark.Value
	var dflt starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &k, &dflt); err != nil {
		return nil, err
	}
	key, err := strArg(k)
	if err != nil {
		return nil, err
	}
	if v, ok := e.vars.Get(key); ok {
		return starlark.String(v), nil
	}
	return dflt, nil
}

// def keys()
func environKeys(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return column(b.Receiver().(*Environ), 0), nil
}

// def values()
func environValues(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return column(b.Receiver().(*Environ), 1), nil
}

func column(e *Environ, i int) *starlark.List {
	items := e.Items()
	out := make([]starlark.Value, len(items))
	for j, kv := range items {
		out[j] = kv[i]
	}
	return starlark.NewList(out)
}

// def items()
func environItems(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	items := b.Receiver().(*Environ).Items()
	out := make([]starlark.Value, len(items))
	for i, kv := range items {
		out[i] = kv
	}
	return starlark.NewList(out), nil
}

// def pop(key, default=<unset>)
func environPop(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	e := b.Receiver().(*Environ)
	var k, dflt starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &k, &dflt); err != nil {
		return nil, err
	}
	key, err := strArg(k)
	if err != nil {
		return nil, err
	}
	v, ok := e.vars.Get(key)
	if !ok {
		if dflt != nil {
			return dflt, nil
		}
		return nil, keyError(key)
	}
	e.del(key)
	return starlark.String(v), nil
}

// def popitem()
func environPopitem(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	e := b.Receiver().(*Environ)
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	items := e.Items()
	if len(items) == 0 {
		return nil, pyerr.New("KeyError", "")
	}
	e.del(string(items[0][0].(starlark.String)))
	return items[0], nil
}

// def setdefault(key, value)
func environSetdefault(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	e := b.Receiver().(*Environ)
	var k, v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &k, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, pyerr.TypeError("_Environ.setdefault() missing 1 required positional argument: 'value'")
	}
	key, err := strArg(k)
	if err != nil {
		return nil, err
	}
	if old, ok := e.vars.Get(key); ok {
		return starlark.String(old), nil
	}
	if err := e.SetKey(k, v); err != nil {
		return nil, err
	}
	return v, nil
}

// def update(other=(), /, **kwargs)
func environUpdate(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	e := b.Receiver().(*Environ)
	var other starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, nil, 0, &other); err != nil {
		return nil, err
	}
	var pairs []starlark.Tuple
	switch o := other.(type) {
	case nil:
	case starlark.IterableMapping:
		pairs = o.Items()
	case starlark.Iterable:
		iter := o.Iterate()
		defer iter.Done()
		var x starlark.Value
		for i := 0; iter.Next(&x); i++ {
			pair, ok := x.(starlark.Indexable)
			if !ok || pair.Len() != 2 {
				return nil, pyerr.ValueError("dictionary update sequence element #%d has wrong length", i)
			}
			pairs = append(pairs, starlark.Tuple{pair.Index(0), pair.Index(1)})
		}
	default:
		return nil, pyerr.TypeError("'%s' object is not iterable", pyType(other))
	}
	pairs = append(pairs, kwargs...)
	for _, kv := range pairs {
		if err := e.SetKey(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	return starlark.None, nil
}

// def copy()
func environCopy(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	items := b.Receiver().(*Environ).Items()
	d := starlark.NewDict(len(items))
	for _, kv := range items {
		d.SetKey(kv[0], kv[1])
	}
	return d, nil
}

// def clear()
func environClear(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	e := b.Receiver().(*Environ)
	for _, k := range e.vars.Keys() {
		e.del(k)
	}
	return starlark.None, nil
}

// checkEnvName refuses a name the C library cannot hold, as CPython's putenv does.
func checkEnvName(key string) error {
	if key == "" {
		return pyerr.OSError(syscall.EINVAL, "")
	}
	if strings.ContainsRune(key, '=') {
		return pyerr.ValueError("illegal environment variable name")
	}
	return nil
}

// pathLike is how putenv and unsetenv check their arguments.
func pathLike(v starlark.Value) (string, error) {
	switch v := v.(type) {
	case starlark.String:
		return string(v), nil
	case starlark.Bytes:
		return string(v), nil
	}
	return "", pyerr.TypeError("expected str, bytes or os.PathLike object, not %s", pyType(v))
}

// def getenv(key, default=None)
func getenv(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var k starlark.Value
	var dflt starlark.Value = starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "key", &k, "default?", &dflt); err != nil {
		return nil, err
	}
	key, err := strArg(k)
	if err != nil {
		return nil, err
	}
	// CPython's getenv reads os.environ, not the C environment: New binds
	// this builtin to the run's environ.
	e := b.Receiver().(*Environ)
	if v, ok := e.vars.Get(key); ok {
		return starlark.String(v), nil
	}
	return dflt, nil
}

// def putenv(key, value)
func putenv(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var k, v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &k, &v); err != nil {
		return nil, err
	}
	key, err := pathLike(k)
	if err != nil {
		return nil, err
	}
	val, err := pathLike(v)
	if err != nil {
		return nil, err
	}
	if err := checkEnvName(key); err != nil {
		return nil, err
	}
	runtime.Of(thread).Env.Set(key, val)
	return starlark.None, nil
}

// def unsetenv(key)
func unsetenv(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var k starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &k); err != nil {
		return nil, err
	}
	key, err := pathLike(k)
	if err != nil {
		return nil, err
	}
	if key == "" || strings.ContainsRune(key, '=') {
		return nil, pyerr.OSError(syscall.EINVAL, "")
	}
	runtime.Of(thread).Env.Unset(key)
	return starlark.None, nil
}
