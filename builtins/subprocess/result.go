package subprocess

import (
	"fmt"
	"github.com/starproc/starproc/internal/signals"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyexc"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// CompletedProcess is what run() returns: the args, the return code and
// the captured output of a process that has finished.
type CompletedProcess struct {
	Args       starlark.Value
	Returncode starlark.Value
	Stdout     starlark.Value // None unless captured
	Stderr     starlark.Value // None unless captured
	frozen     bool
}

var (
	_ starlark.HasSetField = (*CompletedProcess)(nil)
	_ pyfmt.Reprer         = (*CompletedProcess)(nil)
)

// def CompletedProcess(args, returncode, stdout=None, stderr=None)
func newCompletedProcess(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	cp := &CompletedProcess{Stdout: starlark.None, Stderr: starlark.None}
	if err := starlark.UnpackArgs("CompletedProcess", args, kwargs,
		"args", &cp.Args, "returncode", &cp.Returncode, "stdout?", &cp.Stdout, "stderr?", &cp.Stderr); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return cp, nil
}

// PyRepr is CPython's repr, which leaves out stdout and stderr when None:
// CompletedProcess(args=['echo', 'x'], returncode=0, stdout=b'x\n', stderr=b”).
func (cp *CompletedProcess) PyRepr() string {
	var b strings.Builder
	fmt.Fprintf(&b, "CompletedProcess(args=%s, returncode=%s", pyfmt.Repr(cp.Args), pyfmt.Repr(cp.Returncode))
	if cp.Stdout != starlark.None {
		fmt.Fprintf(&b, ", stdout=%s", pyfmt.Repr(cp.Stdout))
	}
	if cp.Stderr != starlark.None {
		fmt.Fprintf(&b, ", stderr=%s", pyfmt.Repr(cp.Stderr))
	}
	b.WriteByte(')')
	return b.String()
}

func (cp *CompletedProcess) String() string { return cp.PyRepr() }
func (cp *CompletedProcess) Type() string   { return "subprocess.CompletedProcess" }
func (cp *CompletedProcess) Freeze() {
	cp.frozen = true
	freezeAll(cp.Args, cp.Returncode, cp.Stdout, cp.Stderr)
}
func (cp *CompletedProcess) Truth() starlark.Bool { return true }
func (cp *CompletedProcess) Hash() (uint32, error) {
	return 0, fmt.Errorf("unhashable type: CompletedProcess")
}

var completedMethods = map[string]*starlark.Builtin{
	"check_returncode": starlark.NewBuiltin("check_returncode", completedCheckReturncode),
}

// Attr returns the data attributes and check_returncode.
func (cp *CompletedProcess) Attr(name string) (starlark.Value, error) {
	switch name {
	case "args":
		return cp.Args, nil
	case "returncode":
		return cp.Returncode, nil
	case "stdout":
		return cp.Stdout, nil
	case "stderr":
		return cp.Stderr, nil
	}
	if m, ok := completedMethods[name]; ok {
		return m.BindReceiver(cp), nil
	}
	return nil, nil
}

// AttrNames lists the attributes in sorted order.
func (cp *CompletedProcess) AttrNames() []string {
	return []string{"args", "check_returncode", "returncode", "stderr", "stdout"}
}

// SetField assigns a data attribute, as a Python script may.
func (cp *CompletedProcess) SetField(name string, v starlark.Value) error {
	if cp.frozen {
		return fmt.Errorf("cannot set .%s of frozen CompletedProcess", name)
	}
	switch name {
	case "args":
		cp.Args = v
	case "returncode":
		cp.Returncode = v
	case "stdout":
		cp.Stdout = v
	case "stderr":
		cp.Stderr = v
	default:
		return starlark.NoSuchAttrError(fmt.Sprintf("'CompletedProcess' object has no attribute %s", quote(name)))
	}
	return nil
}

// def check_returncode()
func completedCheckReturncode(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	cp := b.Receiver().(*CompletedProcess)
	if cp.Returncode.Truth() {
		return nil, CalledProcessError(cp.Returncode, cp.Args, cp.Stdout, cp.Stderr,
			starlark.Tuple{cp.Returncode, cp.Args, cp.Stdout, cp.Stderr})
	}
	return starlark.None, nil
}

func freezeAll(vs ...starlark.Value) {
	for _, v := range vs {
		if v != nil {
			v.Freeze()
		}
	}
}

// CalledProcessError returns the exception check=True raises: Type
// "subprocess.CalledProcessError", CPython's message, and the attributes
// returncode, cmd, output, stdout and stderr. args is what repr shows
// inside the parentheses (the positional arguments CPython was given).
func CalledProcessError(returncode, cmd, output, stderr starlark.Value, args starlark.Tuple) *pyerr.Error {
	return &pyerr.Error{
		Type: "subprocess.CalledProcessError",
		Msg:  calledProcessMessage(returncode, cmd),
		Attrs: starlark.StringDict{
			"returncode": returncode, "cmd": cmd, "output": output, "stdout": output, "stderr": stderr,
			"args": args,
		},
	}
}

func calledProcessMessage(returncode, cmd starlark.Value) string {
	if rc, ok := returncode.(starlark.Int); ok && rc.Sign() < 0 {
		n, _ := rc.Int64()
		if name := signalName(int(-n)); name != "" {
			return fmt.Sprintf("Command '%s' died with <Signals.%s: %d>.", pyfmt.Str(cmd), name, -n)
		}
		return fmt.Sprintf("Command '%s' died with unknown signal %d.", pyfmt.Str(cmd), -n)
	}
	return fmt.Sprintf("Command '%s' returned non-zero exit status %s.", pyfmt.Str(cmd), pyfmt.Str(returncode))
}

// TimeoutExpired returns the exception a timeout raises: Type
// "subprocess.TimeoutExpired", CPython's message, and the attributes cmd,
// timeout, output, stdout and stderr (the output read before the timeout,
// as bytes, or None).
func TimeoutExpired(cmd, timeout, output, stderr starlark.Value) *pyerr.Error {
	return &pyerr.Error{
		Type: "subprocess.TimeoutExpired",
		Msg:  fmt.Sprintf("Command '%s' timed out after %s seconds", pyfmt.Str(cmd), pyfmt.Str(timeout)),
		Attrs: starlark.StringDict{
			"cmd": cmd, "timeout": timeout, "output": output, "stdout": output, "stderr": stderr,
			"args": starlark.Tuple{cmd, timeout},
		},
	}
}

// signalName is the name of Python's signal.Signals member for a Linux
// signal number, or "" when there is none (CPython then says "unknown
// signal").
func signalName(n int) string { return signals.Name(n) }

// Exception is a Python exception object as a Starlark value: what calling
// subprocess.CalledProcessError(...), TimeoutExpired(...) or
// SubprocessError(...) returns. Err is the exception it stands for; a host
// that implements raise returns Err.
type Exception = pyexc.Exception

// def CalledProcessError(returncode, cmd, output=None, stderr=None)
func newCalledProcessError(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var rc, cmd starlark.Value
	output, stderr := starlark.Value(starlark.None), starlark.Value(starlark.None)
	if err := starlark.UnpackArgs("CalledProcessError", args, kwargs,
		"returncode", &rc, "cmd", &cmd, "output?", &output, "stderr?", &stderr); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return &Exception{Err: CalledProcessError(rc, cmd, output, stderr, append(starlark.Tuple(nil), args...))}, nil
}

// def TimeoutExpired(cmd, timeout, output=None, stderr=None)
func newTimeoutExpired(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var cmd, timeout starlark.Value
	output, stderr := starlark.Value(starlark.None), starlark.Value(starlark.None)
	if err := starlark.UnpackArgs("TimeoutExpired", args, kwargs,
		"cmd", &cmd, "timeout", &timeout, "output?", &output, "stderr?", &stderr); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	e := TimeoutExpired(cmd, timeout, output, stderr)
	e.Attrs["args"] = append(starlark.Tuple(nil), args...)
	return &Exception{Err: e}, nil
}

// def SubprocessError(*args)
func newSubprocessError(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 {
		return nil, pyerr.TypeError("SubprocessError() takes no keyword arguments")
	}
	msg := ""
	switch len(args) {
	case 0:
	case 1:
		msg = pyfmt.Str(args[0])
	default:
		msg = pyfmt.Repr(args)
	}
	return &Exception{Err: &pyerr.Error{Type: "subprocess.SubprocessError", Msg: msg,
		Attrs: starlark.StringDict{"args": append(starlark.Tuple(nil), args...)}}}, nil
}
