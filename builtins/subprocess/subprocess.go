// Package subprocess implements Python's subprocess module for starproc:
// real child processes (os.StartProcess), real pipes and real exit
// statuses, with CPython 3.11's names, signatures, defaults, return types
// and messages.
//
// A child whose stdout or stderr is not redirected inherits the script's
// own stream: when that is an *os.File (always, under the CLI) the child
// writes straight to the same descriptor and nothing is buffered in
// between. A Go host that gives the run some other io.Writer gets the
// child's output copied through a pipe, as os/exec does; that writer must
// then be safe for use from another goroutine.
//
// The program is looked up on the PATH of the run's environment (or of
// env=), in the run's working directory (or cwd=), never the Go process's.
//
// Every result from outside the interpreter goes through runtime.Effect as
// plain data, so a forked child can replay it: "subprocess.spawn" (the pid
// and pipe descriptors, or the OSError), "subprocess.poll" and
// "subprocess.wait" (the return code, or None), "subprocess.communicate"
// (the bytes read, the return code or the timeout) and "subprocess.signal".
// Reads through Popen.stdout and friends are the file objects' own effects
// (runtime/pyio).
//
// Deviations from CPython: preexec_fn, user, group, extra_groups and umask
// are refused with NotImplementedError (no Starlark code can run between
// fork and exec); close_fds and restore_signals are accepted and ignored
// (descriptors are always closed, signals always restored); the errors
// handler of a text-mode pipe file object is pyio's, only communicate()
// applies errors=; surrogateescape keeps the undecodable bytes as they are.
// Starlark has no raise, so the exception classes are callables that make
// an Exception value.
package subprocess

import (
	"math"
	"time"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// The special values of stdin, stdout and stderr, as in CPython.
const (
	PIPE    = -1
	STDOUT  = -2
	DEVNULL = -3
)

// Module is the subprocess module.
//
//	def run(*popenargs, input=None, capture_output=False, timeout=None, check=False, **kwargs)
//	def call(*popenargs, timeout=None, **kwargs)
//	def check_call(*popenargs, **kwargs)
//	def check_output(*popenargs, timeout=None, **kwargs)
//	def getoutput(cmd, *, encoding=None, errors=None)
//	def getstatusoutput(cmd, *, encoding=None, errors=None)
//	def list2cmdline(seq)
//	class Popen, CompletedProcess, CalledProcessError, TimeoutExpired, SubprocessError
//	PIPE, STDOUT, DEVNULL
var Module = &starlarkstruct.Module{
	Name: "subprocess",
	Members: starlark.StringDict{
		"PIPE":               starlark.MakeInt(PIPE),
		"STDOUT":             starlark.MakeInt(STDOUT),
		"DEVNULL":            starlark.MakeInt(DEVNULL),
		"Popen":              starlark.NewBuiltin("subprocess.Popen", newPopenBuiltin),
		"run":                starlark.NewBuiltin("subprocess.run", run),
		"call":               starlark.NewBuiltin("subprocess.call", call),
		"check_call":         starlark.NewBuiltin("subprocess.check_call", checkCall),
		"check_output":       starlark.NewBuiltin("subprocess.check_output", checkOutput),
		"getoutput":          starlark.NewBuiltin("subprocess.getoutput", getoutput),
		"getstatusoutput":    starlark.NewBuiltin("subprocess.getstatusoutput", getstatusoutput),
		"list2cmdline":       starlark.NewBuiltin("subprocess.list2cmdline", list2cmdline),
		"CompletedProcess":   starlark.NewBuiltin("subprocess.CompletedProcess", newCompletedProcess),
		"CalledProcessError": starlark.NewBuiltin("subprocess.CalledProcessError", newCalledProcessError),
		"TimeoutExpired":     starlark.NewBuiltin("subprocess.TimeoutExpired", newTimeoutExpired),
		"SubprocessError":    starlark.NewBuiltin("subprocess.SubprocessError", newSubprocessError),
	},
}

// options are Popen's parameters, which run, call, check_call and
// check_output pass on. A field is nil when the argument was not given.
type options struct {
	args, bufsize, executable, stdin, stdout, stderr, preexecFn, closeFds, shell, cwd, env,
	universalNewlines, startupinfo, creationflags, restoreSignals, startNewSession, passFds,
	group, extraGroups, user, umask, encoding, errors, text, pipesize, processGroup starlark.Value
}

// params are the UnpackArgs pairs in Popen's order.
func (o *options) params() []any {
	return []any{
		"args", &o.args, "bufsize?", &o.bufsize, "executable?", &o.executable,
		"stdin?", &o.stdin, "stdout?", &o.stdout, "stderr?", &o.stderr,
		"preexec_fn?", &o.preexecFn, "close_fds?", &o.closeFds, "shell?", &o.shell,
		"cwd?", &o.cwd, "env?", &o.env, "universal_newlines?", &o.universalNewlines,
		"startupinfo?", &o.startupinfo, "creationflags?", &o.creationflags,
		"restore_signals?", &o.restoreSignals, "start_new_session?", &o.startNewSession,
		"pass_fds?", &o.passFds, "group?", &o.group, "extra_groups?", &o.extraGroups,
		"user?", &o.user, "umask?", &o.umask, "encoding?", &o.encoding, "errors?", &o.errors,
		"text?", &o.text, "pipesize?", &o.pipesize, "process_group?", &o.processGroup,
	}
}

func isNone(v starlark.Value) bool { return v == nil || v == starlark.None }

// truth is Python truthiness; an argument not given is false.
func truth(v starlark.Value) bool { return v != nil && bool(v.Truth()) }

func isInt(v starlark.Value) bool {
	switch v.(type) {
	case starlark.Int, starlark.Bool:
		return true
	}
	return false
}

func noneIfNil(v starlark.Value) starlark.Value {
	if v == nil {
		return starlark.None
	}
	return v
}

// parseTimeout converts a timeout argument; nil means wait forever. CPython
// fails only when it adds the timeout to the clock, with this message.
func parseTimeout(v starlark.Value) (*time.Duration, error) {
	var secs float64
	switch v := v.(type) {
	case nil, starlark.NoneType:
		return nil, nil
	case starlark.Int:
		secs = float64(v.Float())
	case starlark.Float:
		secs = float64(v)
	case starlark.Bool:
		if v {
			secs = 1
		}
	default:
		return nil, pyerr.TypeError("unsupported operand type(s) for +: 'float' and '%s'", pyfmt.TypeName(v))
	}
	if math.IsNaN(secs) {
		secs = 0
	}
	d := time.Duration(math.Min(secs, float64(math.MaxInt64/2)/1e9) * float64(time.Second))
	return &d, nil
}

// runArgs are run's own keyword arguments.
type runArgs struct {
	input, captureOutput, timeout, check starlark.Value
}

// def run(*popenargs, input=None, capture_output=False, timeout=None, check=False, **kwargs)
func run(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var o options
	var r runArgs
	params := append(o.params(), "input?", &r.input, "capture_output?", &r.captureOutput, "timeout?", &r.timeout, "check?", &r.check)
	if err := starlark.UnpackArgs("run", args, kwargs, params...); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	cp, err := runProcess(thread, &o, &r)
	if err != nil {
		return nil, err
	}
	return cp, nil
}

// runProcess is run(): start, communicate, wait, and check.
func runProcess(thread *starlark.Thread, o *options, r *runArgs) (*CompletedProcess, error) {
	if !isNone(r.input) {
		if !isNone(o.stdin) {
			return nil, pyerr.ValueError("stdin and input arguments may not both be used.")
		}
		o.stdin = starlark.MakeInt(PIPE)
	}
	if truth(r.captureOutput) {
		if !isNone(o.stdout) || !isNone(o.stderr) {
			return nil, pyerr.ValueError("stdout and stderr arguments may not be used with capture_output.")
		}
		o.stdout, o.stderr = starlark.MakeInt(PIPE), starlark.MakeInt(PIPE)
	}
	p, err := newPopen(thread, o)
	if err != nil {
		return nil, err
	}
	out, errOut, err := p.communicate(thread, noneIfNil(r.input), noneIfNil(r.timeout))
	if err != nil {
		// CPython kills the child on any failure, waits (in __exit__) and
		// re-raises.
		if kerr := p.sendSignal(thread, 9); kerr != nil {
			return nil, kerr
		}
		if xerr := p.exit(thread); xerr != nil {
			return nil, xerr
		}
		return nil, err
	}
	rc, err := p.poll(thread)
	if err != nil {
		return nil, err
	}
	if err := p.exit(thread); err != nil {
		return nil, err
	}
	if truth(r.check) && truth(rc) {
		return nil, CalledProcessError(rc, p.args, out, errOut, starlark.Tuple{rc, p.args})
	}
	return &CompletedProcess{Args: p.args, Returncode: rc, Stdout: out, Stderr: errOut}, nil
}

// callProcess is call(): start and wait; on any failure kill the child.
func callProcess(thread *starlark.Thread, o *options, timeout starlark.Value) (starlark.Value, error) {
	p, err := newPopen(thread, o)
	if err != nil {
		return nil, err
	}
	rc, err := p.wait(thread, noneIfNil(timeout))
	if err != nil {
		if kerr := p.sendSignal(thread, 9); kerr != nil {
			return nil, kerr
		}
		if xerr := p.exit(thread); xerr != nil {
			return nil, xerr
		}
		return nil, err
	}
	if err := p.exit(thread); err != nil {
		return nil, err
	}
	return rc, nil
}

// def call(*popenargs, timeout=None, **kwargs)
func call(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var o options
	var timeout starlark.Value
	if err := starlark.UnpackArgs("call", args, kwargs, append(o.params(), "timeout?", &timeout)...); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return callProcess(thread, &o, timeout)
}

// def check_call(*popenargs, **kwargs)
func checkCall(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var o options
	var timeout starlark.Value
	if err := starlark.UnpackArgs("check_call", args, kwargs, append(o.params(), "timeout?", &timeout)...); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	rc, err := callProcess(thread, &o, timeout)
	if err != nil {
		return nil, err
	}
	if rc.Truth() {
		return nil, CalledProcessError(rc, o.args, starlark.None, starlark.None, starlark.Tuple{rc, o.args})
	}
	return starlark.MakeInt(0), nil
}

// def check_output(*popenargs, timeout=None, **kwargs)
func checkOutput(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	for _, kw := range []string{"stdout", "check"} {
		for _, kv := range kwargs {
			if string(kv[0].(starlark.String)) == kw {
				return nil, pyerr.ValueError("%s argument not allowed, it will be overridden.", kw)
			}
		}
	}
	var o options
	var r runArgs
	params := append(o.params(), "input?", &r.input, "timeout?", &r.timeout)
	if err := starlark.UnpackArgs("check_output", args, kwargs, params...); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	// An explicit input=None has always meant empty input here.
	for _, kv := range kwargs {
		if string(kv[0].(starlark.String)) == "input" && kv[1] == starlark.None {
			r.input = starlark.Bytes("")
			for _, v := range []starlark.Value{o.universalNewlines, o.text, o.encoding, o.errors} {
				if truth(v) {
					r.input = starlark.String("")
					break
				}
			}
		}
	}
	o.stdout = starlark.MakeInt(PIPE)
	r.check = starlark.True
	cp, err := runProcess(thread, &o, &r)
	if err != nil {
		return nil, err
	}
	return cp.Stdout, nil
}

// def getstatusoutput(cmd, *, encoding=None, errors=None)
func getstatusoutput(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	status, out, err := statusOutput(thread, "getstatusoutput", args, kwargs)
	if err != nil {
		return nil, err
	}
	return starlark.Tuple{status, out}, nil
}

// def getoutput(cmd, *, encoding=None, errors=None)
func getoutput(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	_, out, err := statusOutput(thread, "getoutput", args, kwargs)
	return out, err
}

// statusOutput runs cmd in the shell with stderr joined to stdout, as
// text, and strips one trailing newline. The status is the return code as
// CPython 3.11 gives it (negative for a signal).
func statusOutput(thread *starlark.Thread, name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, starlark.Value, error) {
	var o options
	if err := starlark.UnpackArgs(name, args, kwargs, "cmd", &o.args, "encoding?", &o.encoding, "errors?", &o.errors); err != nil {
		return nil, nil, pyerr.TypeError("%s", err)
	}
	o.shell, o.text = starlark.True, starlark.True
	o.stdout, o.stderr = starlark.MakeInt(PIPE), starlark.MakeInt(STDOUT)
	cp, err := runProcess(thread, &o, &runArgs{})
	if err != nil {
		return nil, nil, err
	}
	out := cp.Stdout
	if s, ok := out.(starlark.String); ok && len(s) > 0 && s[len(s)-1] == '\n' {
		out = s[:len(s)-1]
	}
	return cp.Returncode, out, nil
}

// def list2cmdline(seq)
//
// list2cmdline quotes a sequence of arguments by the MS C runtime's rules;
// it is in the module because scripts call it.
func list2cmdline(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seq starlark.Iterable
	if err := starlark.UnpackArgs("list2cmdline", args, kwargs, "seq", &seq); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	var result []byte
	it := seq.Iterate()
	defer it.Done()
	var x starlark.Value
	for it.Next(&x) {
		arg, err := fsencode(x)
		if err != nil {
			return nil, err
		}
		if len(result) > 0 {
			result = append(result, ' ')
		}
		needQuote := arg == "" || containsAny(arg, " \t")
		if needQuote {
			result = append(result, '"')
		}
		backslashes := 0
		for i := 0; i < len(arg); i++ {
			switch c := arg[i]; c {
			case '\\':
				backslashes++
			case '"':
				for j := 0; j < 2*backslashes; j++ {
					result = append(result, '\\')
				}
				backslashes = 0
				result = append(result, '\\', '"')
			default:
				for ; backslashes > 0; backslashes-- {
					result = append(result, '\\')
				}
				result = append(result, c)
			}
		}
		n := backslashes
		if needQuote {
			n *= 2
		}
		for j := 0; j < n; j++ {
			result = append(result, '\\')
		}
		if needQuote {
			result = append(result, '"')
		}
	}
	return starlark.String(result), nil
}

func containsAny(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}
