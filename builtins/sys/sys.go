// Package sys implements Python's sys module for starproc: argv, exit, the
// standard streams as file objects, and the facts about the interpreter
// (platform, version, executable, ...).
//
// starproc runs Python 3.11 scripts with CPython 3.11's behaviour, so
// version_info says 3.11.7; sys.version and sys.implementation say
// honestly that the interpreter is starproc on Go.
package sys

import (
	"encoding/binary"
	"math"
	"path/filepath"
	goruntime "runtime"
	"unsafe"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// Version is the Python version starproc follows.
var Version = VersionInfo{Major: 3, Minor: 11, Micro: 7, ReleaseLevel: "final", Serial: 0}

// New builds the sys module for one run.
//
//	argv executable platform version version_info hexversion implementation
//	byteorder maxsize maxunicode path stdin stdout stderr
//	exit(arg=None) getrecursionlimit() setrecursionlimit(n)
//	getdefaultencoding() getfilesystemencoding()
func New(thread *starlark.Thread) (starlark.Value, error) {
	st := runtime.Of(thread)
	argv := make([]starlark.Value, len(st.Argv))
	for i, a := range st.Argv {
		argv[i] = starlark.String(a)
	}
	// sys.path[0] is the script's directory, as CPython sets it.
	path0 := ""
	if st.Script != "" {
		path0 = filepath.Dir(st.Path(st.Script))
	}
	limit := &recursionLimit{n: 1000}
	members := starlark.StringDict{
		"argv":              starlark.NewList(argv),
		"executable":        starlark.String(st.Executable),
		"path":              starlark.NewList([]starlark.Value{starlark.String(path0)}),
		"stdin":             pyio.Stdin(st.Stdin).Bind(thread),
		"stdout":            pyio.Stdout(st.Stdout).Bind(thread),
		"stderr":            pyio.Stderr(st.Stderr).Bind(thread),
		"__stdin__":         nil,
		"__stdout__":        nil,
		"__stderr__":        nil,
		"getrecursionlimit": starlark.NewBuiltin("sys.getrecursionlimit", getrecursionlimit).BindReceiver(limit),
		"setrecursionlimit": starlark.NewBuiltin("sys.setrecursionlimit", setrecursionlimit).BindReceiver(limit),
	}
	for _, s := range []string{"stdin", "stdout", "stderr"} {
		members["__"+s+"__"] = members[s]
	}
	for name, v := range constants {
		members[name] = v
	}
	return &starlarkstruct.Module{Name: "sys", Members: members}, nil
}

// constants are the members that are the same in every run.
var constants = starlark.StringDict{
	"platform":     starlark.String("linux"),
	"version":      starlark.String("3.11.7 (starproc) [Go " + goruntime.Version() + "]"),
	"version_info": Version,
	"hexversion":   starlark.MakeInt(0x030b07f0),
	"implementation": starlarkstruct.FromStringDict(starlark.String("namespace"), starlark.StringDict{
		"name":      starlark.String("starproc"),
		"version":   Version,
		"cache_tag": starlark.None,
	}),
	"byteorder":             starlark.String(byteorder()),
	"maxsize":               starlark.MakeInt64(math.MaxInt64),
	"maxunicode":            starlark.MakeInt(0x10ffff),
	"exit":                  starlark.NewBuiltin("sys.exit", exit),
	"getdefaultencoding":    starlark.NewBuiltin("sys.getdefaultencoding", utf8Name),
	"getfilesystemencoding": starlark.NewBuiltin("sys.getfilesystemencoding", utf8Name),
}

func byteorder() string {
	var buf [2]byte
	*(*uint16)(unsafe.Pointer(&buf[0])) = 1
	if binary.LittleEndian.Uint16(buf[:]) == 1 {
		return "little"
	}
	return "big"
}

// def exit(arg=None)
//
// None exits with 0, an int with that code; any other value is printed on
// stderr (as str) and the code is 1.
func exit(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var arg starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0, &arg); err != nil {
		return nil, err
	}
	return nil, SystemExit(arg)
}

// SystemExit is the exception sys.exit(arg) raises, also right for the
// built-in exit() and quit().
func SystemExit(arg starlark.Value) *pyerr.SystemExit {
	switch v := arg.(type) {
	case starlark.NoneType:
		return &pyerr.SystemExit{Code: 0}
	case starlark.Bool: // bool is an int in Python
		if v {
			return &pyerr.SystemExit{Code: 1}
		}
		return &pyerr.SystemExit{Code: 0}
	case starlark.Int:
		if n, ok := v.Int64(); ok {
			// CPython converts the code to a C int, keeping its low 32
			// bits; the OS then keeps the low byte.
			return &pyerr.SystemExit{Code: int(int32(n))}
		}
		return &pyerr.SystemExit{Code: -1}
	}
	return &pyerr.SystemExit{Code: 1, Msg: pyfmt.Str(arg), Printed: true}
}

// recursionLimit is the run's value of sys.getrecursionlimit. Starlark
// bounds its own stack, so the number is only reported, as scripts expect.
type recursionLimit struct{ n int }

func (*recursionLimit) String() string        { return "<recursion limit>" }
func (*recursionLimit) Type() string          { return "sys.recursion_limit" }
func (*recursionLimit) Freeze()               {}
func (*recursionLimit) Truth() starlark.Bool  { return true }
func (*recursionLimit) Hash() (uint32, error) { return 0, nil }

// def getrecursionlimit()
func getrecursionlimit(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.MakeInt(b.Receiver().(*recursionLimit).n), nil
}

// def setrecursionlimit(limit)
func setrecursionlimit(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	i, ok := v.(starlark.Int)
	if !ok {
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyType(v))
	}
	n, ok := i.Int64()
	if !ok || n > math.MaxInt32 {
		return nil, pyerr.New("OverflowError", "Python int too large to convert to C int")
	}
	if n < 1 {
		return nil, pyerr.ValueError("recursion limit must be greater or equal than 1")
	}
	b.Receiver().(*recursionLimit).n = int(n)
	return starlark.None, nil
}

// def getdefaultencoding(), def getfilesystemencoding()
func utf8Name(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.String("utf-8"), nil
}

func pyType(v starlark.Value) string {
	switch v.(type) {
	case starlark.String:
		return "str"
	case *starlark.List:
		return "list"
	case starlark.Tuple:
		return "tuple"
	case *starlark.Dict:
		return "dict"
	}
	return v.Type()
}
