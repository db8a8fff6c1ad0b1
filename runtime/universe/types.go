package universe

import (
	"hash/fnv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
)

// classNames are the builtins that are Python classes: a *starlark.Builtin
// with one of these names is the class of that name (type(int) is type).
var classNames = map[string]bool{
	"int": true, "float": true, "str": true, "bool": true, "list": true, "tuple": true,
	"dict": true, "set": true, "bytes": true, "range": true, "type": true,
	"map": true, "filter": true, "zip": true, "enumerate": true, "reversed": true,
	"frozenset": true,
}

// Class is the value type(x) returns for a value whose type has no builtin
// of its own: it prints as <class 'subprocess.Popen'>, has __name__ and
// __module__, and equals another Class of the same type.
type Class struct {
	name string // the Starlark Type() of its instances
}

var (
	_ starlark.HasAttrs   = (*Class)(nil)
	_ starlark.Comparable = (*Class)(nil)
)

// NewClass returns the class of values whose Type() is name.
func NewClass(name string) *Class { return &Class{name: name} }

// String returns the Python repr, e.g. "<class 'NoneType'>".
func (c *Class) String() string { return "<class '" + c.name + "'>" }

// PyRepr is the repr pyfmt prints; a class is of type "type" and immutable.
func (c *Class) PyRepr() string       { return c.String() }
func (c *Class) Type() string         { return "type" }
func (c *Class) Freeze()              {}
func (c *Class) Truth() starlark.Bool { return true }

// Hash hashes the type name, consistent with CompareSameType.
func (c *Class) Hash() (uint32, error) {
	h := fnv.New32a()
	h.Write([]byte(c.name))
	return h.Sum32(), nil
}

// CompareSameType reports whether two classes are the same type.
func (c *Class) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	eq := c.name == y.(*Class).name
	switch op {
	case syntax.EQL:
		return eq, nil
	case syntax.NEQ:
		return !eq, nil
	}
	return false, pyerr.TypeError("'%s' not supported between instances of 'type' and 'type'", op)
}

// Attr returns __name__, __qualname__ and __module__.
func (c *Class) Attr(name string) (starlark.Value, error) {
	mod, short := "builtins", c.name
	if i := strings.LastIndexByte(c.name, '.'); i >= 0 {
		mod, short = c.name[:i], c.name[i+1:]
	}
	switch name {
	case "__name__", "__qualname__":
		return starlark.String(short), nil
	case "__module__":
		return starlark.String(mod), nil
	}
	return nil, nil
}

// AttrNames lists the attributes of a class.
func (c *Class) AttrNames() []string { return []string{"__module__", "__name__", "__qualname__"} }

// isClass reports whether v is a Python class value.
func isClass(v starlark.Value) bool {
	switch v := v.(type) {
	case *starlark.Builtin:
		return classBuiltin(v)
	case *Class:
		return true
	}
	return false
}

// classBuiltin reports whether b is a class: a built-in type, or a
// constructor named like one ("multiprocessing.Process"), the rule pyfmt
// follows to print it as <class '...'>.
func classBuiltin(b *starlark.Builtin) bool {
	if b.Receiver() != nil {
		return false
	}
	name := b.Name()
	if classNames[name] {
		return true
	}
	short := name[strings.LastIndexByte(name, '.')+1:]
	return short != "" && short[0] >= 'A' && short[0] <= 'Z'
}

var typeClass = NewClass("type")

// type(object)
//
// The type of an int is the int builtin itself (type(1) == int); other
// values get a Class.
func type_(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 || len(kwargs) != 0 {
		return nil, pyerr.TypeError("type() takes 1 argument (creating classes is not supported)")
	}
	x := args[0]
	if isClass(x) {
		return typeClass, nil
	}
	if t, ok := typeByStarlark[x.Type()]; ok {
		return t, nil
	}
	return NewClass(x.Type()), nil
}

// pyType is the Python class name of x's type, module-qualified as Type() is.
func pyType(x starlark.Value) string {
	if t := x.Type(); t != "string" {
		return t
	}
	return "str"
}

// isinstance(object, classinfo)
func isinstance(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, cls starlark.Value
	if err := unpackPositional("isinstance", args, kwargs, 2, &x, &cls); err != nil {
		return nil, err
	}
	ok, err := instanceOf(x, cls)
	if err != nil {
		return nil, err
	}
	return starlark.Bool(ok), nil
}

func instanceOf(x, cls starlark.Value) (bool, error) {
	switch c := cls.(type) {
	case starlark.Tuple:
		for _, e := range c {
			if ok, err := instanceOf(x, e); ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	case *starlark.Builtin:
		name := c.Name()
		if !classBuiltin(c) {
			break
		}
		switch name {
		case "type":
			return isClass(x), nil
		case "int":
			if _, ok := x.(starlark.Bool); ok {
				return true, nil
			}
		}
		return pyType(x) == name, nil
	case *Class:
		if c.name == "type" {
			return isClass(x), nil
		}
		return x.Type() == c.name, nil
	}
	return false, pyerr.TypeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
}

// getattr(object, name[, default])
func getattr(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, def starlark.Value
	var name string
	if err := unpackPositional("getattr", args, kwargs, 2, &x, &name, &def); err != nil {
		return nil, err
	}
	v, err := attr(x, name)
	if err != nil {
		return nil, err
	}
	if v != nil {
		return v, nil
	}
	if def != nil {
		return def, nil
	}
	return nil, attrError(x, name)
}

// attr returns x's attribute name, or nil if it has none.
func attr(x starlark.Value, name string) (starlark.Value, error) {
	h, ok := x.(starlark.HasAttrs)
	if !ok {
		return nil, nil
	}
	v, err := h.Attr(name)
	if err != nil {
		if _, ok := err.(starlark.NoSuchAttrError); ok {
			return nil, nil
		}
		return nil, err
	}
	return v, nil
}

// setattr(object, name, value)
func setattr(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, v starlark.Value
	var name string
	if err := unpackPositional("setattr", args, kwargs, 3, &x, &name, &v); err != nil {
		return nil, err
	}
	h, ok := x.(starlark.HasSetField)
	if !ok {
		return nil, attrError(x, name)
	}
	if err := h.SetField(name, v); err != nil {
		if _, ok := err.(starlark.NoSuchAttrError); ok {
			return nil, attrError(x, name)
		}
		return nil, err
	}
	return starlark.None, nil
}

// __attr__(x, name) is x.name for the dunder attributes Python gives every
// function and class but Starlark's values lack: __name__, __qualname__,
// __module__ and __doc__ of functions and builtins (so int.__name__ and
// type(x).__name__ work, the type builtins being *starlark.Builtin), and
// __class__ of any value. Other names are the ordinary attribute, with
// Python's AttributeError. The front end may route reads of these dunder
// attributes through it.
func dunderAttr(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	var name string
	if err := unpackPositional("__attr__", args, kwargs, 2, &x, &name); err != nil {
		return nil, err
	}
	if v, err := attr(x, name); v != nil || err != nil {
		return v, err
	}
	if name == "__class__" {
		return type_(thread, b, starlark.Tuple{x}, nil)
	}
	var full, doc string
	switch f := x.(type) {
	case *starlark.Function:
		full, doc = f.Name(), f.Doc()
		if full == "lambda" {
			full = "<lambda>"
		}
		full = "__main__." + full
	case *starlark.Builtin:
		full = f.Name()
	default:
		return nil, attrError(x, name)
	}
	mod, short := "builtins", full
	if i := strings.LastIndexByte(full, '.'); i >= 0 {
		mod, short = full[:i], full[i+1:]
	}
	switch name {
	case "__name__", "__qualname__":
		return starlark.String(short), nil
	case "__module__":
		return starlark.String(mod), nil
	case "__doc__":
		if doc == "" {
			return starlark.None, nil
		}
		return starlark.String(doc), nil
	}
	return nil, attrError(x, name)
}
