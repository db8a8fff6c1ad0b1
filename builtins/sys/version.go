package sys

import (
	"fmt"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyfmt"
)

// VersionInfo is sys.version_info: a named tuple of five fields.
//
// Its Type is "sys.version_info", not "tuple", so comparing it with a
// tuple (sys.version_info >= (3, 8)) is an error in Starlark: a value of
// another type may not claim to be a tuple, because Starlark's tuple
// comparison would then assume it is one. Index it or slice it instead
// (sys.version_info[:2] >= (3, 8)), or compare two version_info values.
type VersionInfo struct {
	Major, Minor, Micro int
	ReleaseLevel        string
	Serial              int
}

var (
	_ starlark.Sliceable  = VersionInfo{}
	_ starlark.Iterable   = VersionInfo{}
	_ starlark.HasAttrs   = VersionInfo{}
	_ starlark.Comparable = VersionInfo{}
	_ pyfmt.Reprer        = VersionInfo{}
)

func (v VersionInfo) tuple() starlark.Tuple {
	return starlark.Tuple{starlark.MakeInt(v.Major), starlark.MakeInt(v.Minor), starlark.MakeInt(v.Micro),
		starlark.String(v.ReleaseLevel), starlark.MakeInt(v.Serial)}
}

func (v VersionInfo) Type() string         { return "sys.version_info" }
func (v VersionInfo) Freeze()              {}
func (v VersionInfo) Truth() starlark.Bool { return true }
func (v VersionInfo) Hash() (uint32, error) {
	return v.tuple().Hash()
}
func (v VersionInfo) Len() int                   { return 5 }
func (v VersionInfo) Index(i int) starlark.Value { return v.tuple()[i] }
func (v VersionInfo) Slice(start, end, step int) starlark.Value {
	return v.tuple().Slice(start, end, step)
}
func (v VersionInfo) Iterate() starlark.Iterator { return v.tuple().Iterate() }

// PyRepr is sys.version_info(major=3, minor=11, micro=7, releaselevel='final', serial=0).
func (v VersionInfo) PyRepr() string {
	return fmt.Sprintf("sys.version_info(major=%d, minor=%d, micro=%d, releaselevel=%s, serial=%d)",
		v.Major, v.Minor, v.Micro, pyfmt.Repr(starlark.String(v.ReleaseLevel)), v.Serial)
}

func (v VersionInfo) String() string { return v.PyRepr() }

// CompareSameType compares two version_info values as tuples.
func (v VersionInfo) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	return starlark.CompareDepth(op, v.tuple(), y.(VersionInfo).tuple(), depth)
}

func (v VersionInfo) Attr(name string) (starlark.Value, error) {
	switch name {
	case "major":
		return starlark.MakeInt(v.Major), nil
	case "minor":
		return starlark.MakeInt(v.Minor), nil
	case "micro":
		return starlark.MakeInt(v.Micro), nil
	case "releaselevel":
		return starlark.String(v.ReleaseLevel), nil
	case "serial":
		return starlark.MakeInt(v.Serial), nil
	}
	return nil, nil
}

func (v VersionInfo) AttrNames() []string {
	return []string{"major", "micro", "minor", "releaselevel", "serial"}
}
