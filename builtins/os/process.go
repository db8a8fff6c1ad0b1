package os

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// def fork()
//
// fork starts a child that is this process at this point: the same
// variables, the same open files and streams, the same position in the
// script. The child is a fresh process that re-executes the script up to
// here from the journal of effects (DESIGN.md), so its state is exactly the
// parent's; fork returns 0 in the child and the child's pid in the parent.
func fork(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	pid, _, err := runtime.Fork(thread, "os.fork", func() (int, error) {
		if st.Spawner == nil {
			return 0, pyerr.New("OSError", "os.fork is not available: this host runs no child processes")
		}
		return st.Spawner.StartChild(thread, runtime.ChildSpec{})
	})
	if err != nil {
		return nil, err
	}
	return starlark.MakeInt(pid), nil
}

// waitResult journals a wait: (pid, raw status). Waiting for any child
// (pid -1) must not see the spare children the host keeps ready: with only
// spares left it is ChildProcessError, as with no children at all.
func waitResult(thread *starlark.Thread, kind string, pid, options int) (starlark.Value, error) {
	st := runtime.Of(thread)
	isSpare := func(p int) bool { return st.IsSpare != nil && st.IsSpare(p) }
	return runtime.Effect(thread, kind, func() (starlark.Value, error) {
		var ws syscall.WaitStatus
		for {
			if pid == -1 && !hasChildren(isSpare) {
				return nil, pyerr.OSError(syscall.ECHILD, "")
			}
			got, err := syscall.Wait4(pid, &ws, options, nil)
			if errors.Is(err, syscall.EINTR) {
				continue
			}
			if err != nil {
				return nil, pyerr.OSError(err, "")
			}
			if got > 0 && isSpare(got) {
				continue
			}
			if got == 0 {
				return starlark.Tuple{starlark.MakeInt(0), starlark.MakeInt(0)}, nil
			}
			return starlark.Tuple{starlark.MakeInt(got), starlark.MakeInt(int(ws))}, nil
		}
	})
}

// hasChildren reports whether this process has a child that is not a
// spare, from /proc/self/task/*/children; where the kernel does not list
// children, it assumes there is one (wait4 then says ECHILD itself).
func hasChildren(isSpare func(int) bool) bool {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return true
	}
	for _, t := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + t.Name() + "/children")
		if err != nil {
			return true
		}
		for _, f := range strings.Fields(string(b)) {
			if p, err := strconv.Atoi(f); err == nil && !isSpare(p) {
				return true
			}
		}
	}
	return false
}

// def wait() -> (pid, status)
func wait(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return waitResult(thread, "os.wait", -1, 0)
}

// def waitpid(pid, options) -> (pid, status)
func waitpid(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pid, options int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &pid, &options); err != nil {
		return nil, err
	}
	return waitResult(thread, "os.waitpid", pid, options)
}

// statusFunc makes one of the W* helpers, which decode a wait status.
func statusFunc(f func(ws int) starlark.Value) builtinFunc {
	return func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var ws int
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &ws); err != nil {
			return nil, err
		}
		return f(ws), nil
	}
}

// processFunctions are os's process functions, merged into functions.
var processFunctions = map[string]builtinFunc{
	"fork":    fork,
	"wait":    wait,
	"waitpid": waitpid,
	"pipe":    pipe,
	"read":    read,
	"write":   write,
	"close":   closeFd,
	"fdopen":  fdopen,
	"execv":   execv,
	"execvp":  execvp,
	"execl":   execl(false),
	"execlp":  execl(true),
	"WIFEXITED": statusFunc(func(ws int) starlark.Value {
		return starlark.Bool(ws&0x7f == 0)
	}),
	"WEXITSTATUS": statusFunc(func(ws int) starlark.Value { return starlark.MakeInt((ws >> 8) & 0xff) }),
	"WIFSIGNALED": statusFunc(func(ws int) starlark.Value {
		return starlark.Bool(ws&0x7f != 0 && ws&0x7f != 0x7f)
	}),
	"WTERMSIG":     statusFunc(func(ws int) starlark.Value { return starlark.MakeInt(ws & 0x7f) }),
	"WIFSTOPPED":   statusFunc(func(ws int) starlark.Value { return starlark.Bool(ws&0xff == 0x7f) }),
	"WSTOPSIG":     statusFunc(func(ws int) starlark.Value { return starlark.MakeInt((ws >> 8) & 0xff) }),
	"WCOREDUMP":    statusFunc(func(ws int) starlark.Value { return starlark.Bool(ws&0x80 != 0) }),
	"WIFCONTINUED": statusFunc(func(ws int) starlark.Value { return starlark.Bool(ws == 0xffff) }),
	"waitstatus_to_exitcode": statusFunc(func(ws int) starlark.Value {
		if ws&0x7f == 0 {
			return starlark.MakeInt((ws >> 8) & 0xff)
		}
		return starlark.MakeInt(-(ws & 0x7f))
	}),
}
