package universe

import (
	"math/big"
	"sort"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Method is a method of a built-in type read from the type itself, as the
// front end compiles str.lower (when str is the built-in) into
// __unbound__("str", "lower"). Called with (self, *args, **kwargs), it is
// self.lower(*args, **kwargs) by the same path as __method__, so it serves
// as a key function: sorted(words, key=str.lower), map(str.upper, xs). The
// class methods dict.fromkeys, bytes.fromhex and int.from_bytes are Methods
// too, called without a self.
type Method struct {
	typ, name string
	class     func(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)
}

var (
	_ starlark.Callable = (*Method)(nil)
	_ starlark.HasAttrs = (*Method)(nil)
	_ pyfmt.Reprer      = (*Method)(nil)
)

// String returns the Python repr.
func (m *Method) String() string { return m.PyRepr() }

// PyRepr is <method 'lower' of 'str' objects>, or for a class method
// <built-in method fromkeys of type object at 0x7f...>.
func (m *Method) PyRepr() string {
	if m.class != nil {
		return "<built-in method " + m.name + " of type object at " + pyfmt.FakeAddress("type "+m.typ) + ">"
	}
	return "<method '" + m.name + "' of '" + m.typ + "' objects>"
}

// Type is the Python type name.
func (m *Method) Type() string {
	if m.class != nil {
		return "builtin_function_or_method"
	}
	return "method_descriptor"
}

// Name is the method's name.
func (m *Method) Name() string          { return m.name }
func (m *Method) Freeze()               {}
func (m *Method) Truth() starlark.Bool  { return true }
func (m *Method) Hash() (uint32, error) { return starlark.String(m.typ + "." + m.name).Hash() }

// Attr gives __name__ and __qualname__.
func (m *Method) Attr(name string) (starlark.Value, error) {
	switch name {
	case "__name__":
		return starlark.String(m.name), nil
	case "__qualname__":
		return starlark.String(m.typ + "." + m.name), nil
	}
	return nil, nil
}

// AttrNames lists the attributes.
func (m *Method) AttrNames() []string { return []string{"__name__", "__qualname__"} }

// CallInternal calls the method on its first argument.
func (m *Method) CallInternal(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if m.class != nil {
		return m.class(thread, args, kwargs)
	}
	if len(args) == 0 {
		return nil, pyerr.TypeError("unbound method %s.%s() needs an argument", m.typ, m.name)
	}
	self := args[0]
	if t := typeName(self); t != m.typ && !(m.typ == "int" && t == "bool") {
		return nil, pyerr.TypeError("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", m.name, m.typ, t)
	}
	margs := make(starlark.Tuple, 0, len(args)+1)
	margs = append(margs, self, starlark.String(m.name))
	margs = append(margs, args[1:]...)
	return method(thread, nil, margs, kwargs)
}

// protoValues are a value of each built-in type whose methods __unbound__
// knows, to look the methods up on; frozen, as they are shared.
var protoValues = frozen(map[string]starlark.Value{
	"str": starlark.String(""), "bytes": starlark.Bytes(""), "list": starlark.NewList(nil),
	"tuple": starlark.Tuple(nil), "dict": starlark.NewDict(0), "set": starlark.NewSet(0),
	"int": starlark.MakeInt(0), "float": starlark.Float(0),
})

func frozen(m map[string]starlark.Value) map[string]starlark.Value {
	for _, v := range m {
		v.Freeze()
	}
	return m
}

// classMethods are the class methods __unbound__ returns.
var classMethods = map[string]func(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error){
	"dict.fromkeys":  dictFromkeys,
	"bytes.fromhex":  bytesFromhex,
	"int.from_bytes": intFromBytes,
}

// __unbound__(type_name, method_name) is the method method_name of the
// built-in type type_name, read from the type (str.lower).
func unbound(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var typ, name string
	if err := unpackPositional("__unbound__", args, kwargs, 2, &typ, &name); err != nil {
		return nil, err
	}
	if f := classMethods[typ+"."+name]; f != nil {
		return &Method{typ: typ, name: name, class: f}, nil
	}
	proto, ok := protoValues[typ]
	if !ok {
		return nil, pyerr.TypeError("__unbound__: unknown built-in type %s", pyfmt.Repr(starlark.String(typ)))
	}
	if extTable(proto)[name] != nil {
		return &Method{typ: typ, name: name}, nil
	}
	if v, err := attr(proto, name); err == nil && v != nil && !starlarkOnly[name] {
		return &Method{typ: typ, name: name}, nil
	}
	msg := "type object '" + typ + "' has no attribute '" + name + "'"
	cands := attrCandidates(proto)
	for k := range classMethods {
		if t, n, _ := strings.Cut(k, "."); t == typ {
			cands = append(cands, n)
		}
	}
	sort.Strings(cands)
	if s := pyerr.Suggest(name, cands); s != "" {
		msg += ". Did you mean: '" + s + "'?"
	}
	return nil, pyerr.New("AttributeError", "%s", msg)
}

// dict.fromkeys(iterable, value=None)
func dictFromkeys(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) != 0 {
		return nil, pyerr.TypeError("dict.fromkeys() takes no keyword arguments")
	}
	if len(args) < 1 || len(args) > 2 {
		return nil, pyerr.TypeError("fromkeys expected at least 1 argument, got %d", len(args))
	}
	var val starlark.Value = starlark.None
	if len(args) == 2 {
		val = args[1]
	}
	keys, err := elems("fromkeys", args[0])
	if err != nil {
		return nil, err
	}
	d := starlark.NewDict(len(keys))
	for _, k := range keys {
		if err := d.SetKey(k, val); err != nil {
			return nil, pyError(err)
		}
	}
	return d, nil
}

// bytes.fromhex(string): pairs of hex digits, whitespace between pairs.
func bytesFromhex(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("fromhex", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	s, ok := x.(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("fromhex() argument must be str, not %s", typeName(x))
	}
	out := make([]byte, 0, len(s)/2)
	for i := 0; i < len(s); {
		if c := s[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			i++
			continue
		}
		hi := digitVal(s[i])
		if hi >= 16 {
			return nil, pyerr.ValueError("non-hexadecimal number found in fromhex() arg at position %d", i)
		}
		if i+1 >= len(s) || digitVal(s[i+1]) >= 16 {
			return nil, pyerr.ValueError("non-hexadecimal number found in fromhex() arg at position %d", i+1)
		}
		out = append(out, byte(hi<<4|digitVal(s[i+1])))
		i += 2
	}
	return starlark.Bytes(out), nil
}

// int.from_bytes(bytes, byteorder='big', *, signed=False)
func intFromBytes(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	order := "big"
	signed := false
	if err := unpack("from_bytes", args, kwargs, "bytes", &x, "byteorder?", &order, "signed?", &signed); err != nil {
		return nil, err
	}
	var buf []byte
	switch x := x.(type) {
	case starlark.Bytes:
		buf = []byte(x)
	case starlark.String:
		return nil, pyerr.TypeError("cannot convert 'str' object to bytes")
	default:
		xs, err := elems("from_bytes", x)
		if err != nil {
			return nil, pyerr.TypeError("cannot convert '%s' object to bytes", typeName(x))
		}
		for _, v := range xs {
			n, err := indexInt(v)
			if err != nil {
				return nil, err
			}
			if n < 0 || n > 255 {
				return nil, pyerr.ValueError("bytes must be in range(0, 256)")
			}
			buf = append(buf, byte(n))
		}
	}
	switch order {
	case "big":
	case "little":
		rev := make([]byte, len(buf))
		for i, c := range buf {
			rev[len(buf)-1-i] = c
		}
		buf = rev
	default:
		return nil, pyerr.ValueError("byteorder must be either 'little' or 'big'")
	}
	n := new(big.Int).SetBytes(buf)
	if signed && len(buf) > 0 && buf[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(buf))))
	}
	return starlark.MakeBigInt(n), nil
}
