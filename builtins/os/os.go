// Package os implements Python's os module for starproc: process identity,
// the environment, the working directory, files and directories, os.system,
// and os.path (posixpath).
//
// Every result that comes from outside the interpreter — PIDs, the CPU
// count, random bytes, file-system queries, os.system's status — passes
// through runtime.Effect, and so does every side effect on the world
// (mkdir, remove, kill, ...), so that a forked child replays them instead
// of repeating them (DESIGN.md, "os.fork() is deterministic replay").
//
// The working directory and the environment are the run's (runtime.State),
// never the Go process's: os.chdir changes State.Cwd, and os.environ
// follows CPython — a mapping copied from the environment at start whose
// assignments also reach State.Env (what subprocesses inherit), while
// os.putenv and os.unsetenv change State.Env only.
//
// fork, wait, waitpid and the W* helpers belong to the process model and
// are not here yet.
package os

import (
	"crypto/rand"
	"os"
	"os/exec"
	goruntime "runtime"
	"strings"
	"syscall"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// New builds the os module for one run: its environ is the run's.
//
//	getpid() getppid() getuid() getgid() cpu_count() urandom(n) strerror(code)
//	kill(pid, sig) _exit(n) system(command)
//	getcwd() chdir(path) listdir(path='.') mkdir(path, mode=0o777)
//	makedirs(name, mode=0o777, exist_ok=False) remove(path) unlink(path)
//	rmdir(path) rename(src, dst)
//	environ getenv(key, default=None) putenv(key, value) unsetenv(key)
//	name sep altsep extsep pathsep linesep curdir pardir devnull defpath
//	path (the posixpath module)
func New(thread *starlark.Thread) (starlark.Value, error) {
	environ := newEnviron(runtime.Of(thread).Env)
	members := starlark.StringDict{
		"environ": environ,
		"getenv":  starlark.NewBuiltin("os.getenv", getenv).BindReceiver(environ),
		"path":    Path,
	}
	for name, v := range constants {
		members[name] = v
	}
	for name, fn := range functions {
		members[name] = starlark.NewBuiltin("os."+name, fn)
	}
	for name, fn := range processFunctions {
		members[name] = starlark.NewBuiltin("os."+name, fn)
	}
	return &starlarkstruct.Module{Name: "os", Members: members}, nil
}

// constants are the os module's data members that are the same in every run.
var constants = starlark.StringDict{
	"name":      starlark.String("posix"),
	"sep":       starlark.String("/"),
	"altsep":    starlark.None,
	"extsep":    starlark.String("."),
	"pathsep":   starlark.String(":"),
	"linesep":   starlark.String("\n"),
	"curdir":    starlark.String("."),
	"pardir":    starlark.String(".."),
	"devnull":   starlark.String("/dev/null"),
	"defpath":   starlark.String("/bin:/usr/bin"),
	"WNOHANG":   starlark.MakeInt(syscall.WNOHANG),
	"WUNTRACED": starlark.MakeInt(syscall.WUNTRACED),
}

type builtinFunc = func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)

// functions are the os module's functions, named "os.<key>".
var functions = map[string]builtinFunc{
	"getpid":    getpid,
	"getppid":   getppid,
	"getuid":    getuid,
	"getgid":    getgid,
	"cpu_count": cpuCount,
	"urandom":   urandom,
	"strerror":  strerror,
	"kill":      kill,
	"_exit":     exit,
	"system":    system,
	"getcwd":    getcwd,
	"chdir":     chdir,
	"listdir":   listdir,
	"mkdir":     mkdir,
	"makedirs":  makedirs,
	"remove":    remove,
	"unlink":    remove,
	"rmdir":     rmdir,
	"rename":    rename,
	"putenv":    putenv,
	"unsetenv":  unsetenv,
}

// ImmediateExit is the error os._exit returns: the process must end at
// once with the SystemExit's code, without the clean-up a sys.exit gets
// (in a forked child: no flushing, no atexit, no waiting for children).
// errors.As finds the *pyerr.SystemExit inside it too.
type ImmediateExit struct{ *pyerr.SystemExit }

// Unwrap returns the SystemExit.
func (e *ImmediateExit) Unwrap() error { return e.SystemExit }

// intEffect journals a query whose answer is one int.
func intEffect(thread *starlark.Thread, kind string, args starlark.Tuple, kwargs []starlark.Tuple, b *starlark.Builtin, fn func() int) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return runtime.Effect(thread, kind, func() (starlark.Value, error) { return starlark.MakeInt(fn()), nil })
}

// def getpid()
func getpid(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return intEffect(thread, "os.getpid", args, kwargs, b, os.Getpid)
}

// def getppid()
func getppid(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return intEffect(thread, "os.getppid", args, kwargs, b, os.Getppid)
}

// def getuid()
func getuid(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return intEffect(thread, "os.getuid", args, kwargs, b, os.Getuid)
}

// def getgid()
func getgid(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return intEffect(thread, "os.getgid", args, kwargs, b, os.Getgid)
}

// def cpu_count()
func cpuCount(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return intEffect(thread, "os.cpu_count", args, kwargs, b, goruntime.NumCPU)
}

// intArg converts an argument CPython parses as a C integer.
func intArg(v starlark.Value, out *int) error {
	if err := starlark.AsInt(v, out); err != nil {
		return pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyType(v))
	}
	return nil
}

// def urandom(size)
func urandom(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sizev starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &sizev); err != nil {
		return nil, err
	}
	var n int
	if err := intArg(sizev, &n); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, pyerr.ValueError("negative argument not allowed")
	}
	return runtime.Effect(thread, "os.urandom", func() (starlark.Value, error) {
		buf := make([]byte, n)
		if _, err := rand.Read(buf); err != nil {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.Bytes(buf), nil
	})
}

// def strerror(code)
func strerror(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var codev starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &codev); err != nil {
		return nil, err
	}
	var code int
	if err := intArg(codev, &code); err != nil {
		return nil, err
	}
	return starlark.String(errnoText(code)), nil
}

// errnoText is glibc's strerror: Go's table holds the same words in lower case.
func errnoText(code int) string {
	if code == 0 {
		return "Success"
	}
	text := syscall.Errno(code).Error()
	if code < 0 || strings.HasPrefix(text, "errno ") {
		return "Unknown error " + starlark.MakeInt(code).String()
	}
	return strings.ToUpper(text[:1]) + text[1:]
}

// def kill(pid, sig)
func kill(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pidv, sigv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &pidv, &sigv); err != nil {
		return nil, err
	}
	var pid, sig int
	if err := intArg(pidv, &pid); err != nil {
		return nil, err
	}
	if err := intArg(sigv, &sig); err != nil {
		return nil, err
	}
	return runtime.Effect(thread, "os.kill", func() (starlark.Value, error) {
		if err := syscall.Kill(pid, syscall.Signal(sig)); err != nil {
			return nil, pyerr.OSError(err, "")
		}
		return starlark.None, nil
	})
}

// def _exit(n)
func exit(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var nv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &nv); err != nil {
		return nil, err
	}
	var n int
	if err := intArg(nv, &n); err != nil {
		return nil, err
	}
	return nil, &ImmediateExit{&pyerr.SystemExit{Code: n}}
}

// def system(command)
//
// The command runs under /bin/sh -c in the run's directory and environment,
// on the run's own streams: a *os.File is handed to the child as is, so its
// output is never buffered here. The result is the wait status: the exit
// code shifted left by 8, or the number of the signal that ended it.
func system(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var cmdv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &cmdv); err != nil {
		return nil, err
	}
	command, ok := cmdv.(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("expected str, bytes or os.PathLike object, not %s", pyType(cmdv))
	}
	st := runtime.Of(thread)
	return runtime.Effect(thread, "os.system", func() (starlark.Value, error) {
		cmd := exec.Command("/bin/sh", "-c", string(command))
		cmd.Dir = st.Cwd
		cmd.Env = st.Env.Pairs()
		cmd.Stdin, cmd.Stdout, cmd.Stderr = st.InheritedStreams()
		err := cmd.Run()
		if cmd.ProcessState == nil {
			if err != nil {
				return starlark.MakeInt(-1), nil // could not start: CPython's system() gives -1
			}
		}
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ok {
			return starlark.MakeInt(-1), nil
		}
		return starlark.MakeInt(int(ws)), nil
	})
}

// pyType is the Python class name of a value, for TypeError messages.
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
	case *starlark.Function:
		return "function"
	}
	return v.Type()
}
