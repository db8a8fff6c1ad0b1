package universe

import (
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Sets iterate in CPython's order (pyfmt.SetOrder: ascending for small
// non-negative ints, the replayed hash-table order for other ints, floats
// and tuples of them, insertion order when a str is among the elements) in
// for loops, list(), sorted(), min(), set.pop() and everywhere else a
// builtin takes a set's elements, so that what a script prints agrees with
// how the set itself prints.

// orderedSet is what a for loop iterates for a set.
type orderedSet struct{ s *starlark.Set }

func (o orderedSet) String() string       { return "<set_iterator>" }
func (o orderedSet) Type() string         { return "set_iterator" }
func (o orderedSet) Freeze()              {}
func (o orderedSet) Truth() starlark.Bool { return true }
func (o orderedSet) Hash() (uint32, error) {
	return 0, pyerr.TypeError("unhashable type: 'set_iterator'")
}

// Iterate holds Starlark's own iterator of the set for the loop's duration,
// so that changing the set inside the loop is an error, as in Python.
func (o orderedSet) Iterate() starlark.Iterator {
	return &lockedIter{sliceIter: sliceIter{xs: pyfmt.SetOrder(o.s)}, lock: o.s.Iterate()}
}

type lockedIter struct {
	sliceIter
	lock starlark.Iterator
}

func (it *lockedIter) Done() { it.lock.Done() }

// popOrderLimit bounds the sets whose pop() follows CPython's order: each
// pop replays the table, so a loop popping a huge set would be quadratic.
// Larger sets pop in insertion order.
const popOrderLimit = 1024

// hash(object)
func hash(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 || len(kwargs) != 0 {
		return nil, pyerr.TypeError("hash() takes exactly one argument (%d given)", len(args)+len(kwargs))
	}
	if f, ok := args[0].(*FrozenSet); ok {
		h, err := f.pyHash()
		return starlark.MakeInt64(h), err
	}
	h, err := pyfmt.Hash(args[0])
	if err != nil {
		return nil, err
	}
	return starlark.MakeInt64(h), nil
}

// FrozenSet is Python's frozenset: an immutable, hashable set, printed as
// frozenset({1, 2}). Operators | & - ^ with a set or frozenset give the
// type of the left operand, as in Python.
//
// Deviation: a frozenset never equals a set (frozenset({1}) == {1} is
// False); Starlark compares values of different types as unequal.
type FrozenSet struct {
	s *starlark.Set // frozen
}

var (
	_ starlark.Sequence   = (*FrozenSet)(nil)
	_ starlark.Container  = (*FrozenSet)(nil)
	_ starlark.HasBinary  = (*FrozenSet)(nil)
	_ starlark.HasAttrs   = (*FrozenSet)(nil)
	_ starlark.Comparable = (*FrozenSet)(nil)
)

// NewFrozenSet returns the frozenset of the elements of s (which it freezes).
func NewFrozenSet(s *starlark.Set) *FrozenSet {
	s.Freeze()
	return &FrozenSet{s: s}
}

// String returns the Python repr.
func (f *FrozenSet) String() string { return f.PyRepr() }

// PyRepr is frozenset({1, 2}), or frozenset() when empty.
func (f *FrozenSet) PyRepr() string {
	if f.s.Len() == 0 {
		return "frozenset()"
	}
	return "frozenset(" + pyfmt.Repr(f.s) + ")"
}

// Type is "frozenset".
func (f *FrozenSet) Type() string         { return "frozenset" }
func (f *FrozenSet) Freeze()              {}
func (f *FrozenSet) Truth() starlark.Bool { return f.s.Len() > 0 }
func (f *FrozenSet) Len() int             { return f.s.Len() }

// Iterate yields the elements in CPython's order.
func (f *FrozenSet) Iterate() starlark.Iterator { return &sliceIter{xs: pyfmt.SetOrder(f.s)} }

// Has is the `in` operator.
func (f *FrozenSet) Has(x starlark.Value) (bool, error) {
	ok, err := f.s.Has(x)
	return ok, pyError(err)
}

// Hash is CPython's frozenset hash, truncated to Starlark's 32 bits.
func (f *FrozenSet) Hash() (uint32, error) {
	h, err := f.pyHash()
	return uint32(h), err
}

// pyHash is CPython 3.11's frozenset_hash: an order-independent mix of the
// elements' hashes.
func (f *FrozenSet) pyHash() (int64, error) {
	shuffle := func(h uint64) uint64 { return (h ^ 89869747 ^ h<<16) * 3644798167 }
	var acc uint64
	for x := range f.s.Elements() {
		h, err := pyfmt.Hash(x)
		if err != nil {
			return 0, err
		}
		acc ^= shuffle(uint64(h))
	}
	acc ^= (uint64(f.s.Len()) + 1) * 1927868237
	acc ^= acc>>11 ^ acc>>25
	acc = acc*69069 + 907133923
	if acc == ^uint64(0) {
		acc = 590923713
	}
	return int64(acc), nil
}

// CompareSameType compares two frozensets as Starlark compares sets.
func (f *FrozenSet) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	ok, err := starlark.CompareDepth(op, f.s, y.(*FrozenSet).s, depth)
	return ok, pyError(err)
}

// Binary implements | & - ^ with sets and frozensets on either side.
func (f *FrozenSet) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	switch op {
	case syntax.PIPE, syntax.AMP, syntax.MINUS, syntax.CIRCUMFLEX:
	default:
		return nil, nil
	}
	var other *starlark.Set
	switch y := y.(type) {
	case *starlark.Set:
		other = y
	case *FrozenSet:
		other = y.s
	default:
		return nil, nil
	}
	x, z := f.s, other
	if side == starlark.Right {
		x, z = z, x
	}
	// Starlark's operators need an unfrozen left operand only to read it.
	v, err := starlark.Binary(op, x, z)
	if err != nil {
		return nil, pyError(err)
	}
	if side == starlark.Right {
		if _, ok := y.(*FrozenSet); !ok {
			return v, nil
		}
	}
	return NewFrozenSet(v.(*starlark.Set)), nil
}

// frozensetMethods are the set methods that do not change the set.
var frozensetMethods = map[string]bool{
	"copy": true, "difference": true, "intersection": true, "isdisjoint": true,
	"issubset": true, "issuperset": true, "symmetric_difference": true, "union": true,
}

// Attr returns the read-only methods of a set, their set results frozen.
func (f *FrozenSet) Attr(name string) (starlark.Value, error) {
	if !frozensetMethods[name] {
		return nil, nil
	}
	return starlark.NewBuiltin(name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if name == "copy" {
			if err := unpackPositional("copy", args, kwargs, 0); err != nil {
				return nil, err
			}
			return f, nil
		}
		v, err := starMethod(thread, f.s, name, strArgs(args), kwargs)
		if s, ok := v.(*starlark.Set); ok && err == nil {
			return NewFrozenSet(s), nil
		}
		return v, err
	}).BindReceiver(f), nil
}

// AttrNames lists the methods.
func (f *FrozenSet) AttrNames() []string {
	return []string{"copy", "difference", "intersection", "isdisjoint", "issubset", "issuperset", "symmetric_difference", "union"}
}

// frozenset(iterable=())
func frozenset(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) != 0 {
		return nil, pyerr.TypeError("frozenset() takes no keyword arguments")
	}
	if len(args) == 1 {
		if f, ok := args[0].(*FrozenSet); ok {
			return f, nil
		}
	}
	v, err := delegate(thread, starSet, strArgs(args), nil)
	if err != nil {
		return nil, err
	}
	return NewFrozenSet(v.(*starlark.Set)), nil
}
