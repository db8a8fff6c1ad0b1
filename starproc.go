// Package starproc runs Python teaching scripts about processes on
// go.starlark.net, and is the host a Go program embeds to do the same.
//
// A script is read, turned into Starlark by the Python front end
// (runtime/pysyntax), compiled, and run on a thread that carries the run's
// state (runtime.State): its standard streams, environment, working
// directory, argv and journal of effects. Its imports are served from the
// explicit module list in modules.go. A failure prints a CPython-style
// traceback and yields exit status 1, as `python3 script.py` would.
//
//	status := starproc.Run(&starproc.Config{Script: "hello.py"})
package starproc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pysyntax"
	"github.com/starproc/starproc/runtime/universe"
)

// Version is starproc's version, printed by `starproc --version`.
const Version = "0.1.0"

// Config describes one run of a script.
type Config struct {
	// Script is the path of the script as the user gave it. Source, when
	// not nil, is its text; otherwise the file is read.
	Script string
	Source []byte
	// Args are the script's arguments (sys.argv[1:]).
	Args []string
	// Stdin, Stdout and Stderr default to the process's own.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Env is the script's environment as "KEY=value" pairs; nil means the
	// process's own.
	Env []string
	// Dir is the script's working directory; "" means the process's own.
	Dir string
	// Argv0 overrides sys.argv[0] (for `-c`, where it is "-c").
	Argv0 string
	// Name is the value of __name__; "" means "__main__".
	Name string
	// MaxProcs limits how many processes the run may have at once; 0 means
	// hub.DefaultMaxProcs.
	MaxProcs int
}

// Run runs the script described by cfg and returns its exit status: 0, the
// code given to sys.exit, 1 after an uncaught error (whose traceback is
// written to cfg.Stderr), or 2 when the script cannot be read.
func Run(cfg *Config) int {
	c := *cfg
	if c.Stdin == nil {
		c.Stdin = os.Stdin
	}
	if c.Stdout == nil {
		c.Stdout = os.Stdout
	}
	if c.Stderr == nil {
		c.Stderr = os.Stderr
	}
	src := c.Source
	if src == nil {
		var err error
		src, err = readScript(c.Script)
		if err != nil {
			fmt.Fprintf(c.Stderr, "%s: %s\n", commandName(), err)
			return 2
		}
	}
	state := newState(&c)
	h := &host{state: state, source: src, maxProcs: c.MaxProcs}
	thread := h.newThread(state)
	return h.run(thread, c.Name, nil)
}

func commandName() string {
	exe := filepath.Base(os.Args[0])
	if exe == "" || strings.HasSuffix(exe, ".test") {
		return "starproc"
	}
	return exe
}

// readScript reads a script file, with CPython's words for what goes wrong.
func readScript(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err == nil && fi.IsDir() {
		return nil, fmt.Errorf("can't find '__main__' module in %s", quote(path))
	}
	src, err := os.ReadFile(path)
	if err != nil {
		e := pyerr.OSError(err, "")
		// CPython 3.11 shows the path made absolute; starproc shows it as
		// the user typed it, as the project's spec asks.
		return nil, fmt.Errorf("can't open file %s: %s", quote(path), e.Msg)
	}
	return src, nil
}

// quote is Python's repr of a str, as CPython's messages show names.
func quote(s string) string { return pyfmt.QuoteString(s) }

// newState builds the run state of cfg.
func newState(cfg *Config) *runtime.State {
	s := runtime.NewState()
	// One buffered reader for the run, shared by input() and sys.stdin, so
	// that neither takes the other's data into a buffer of its own.
	s.Stdin, s.Stdout, s.Stderr = bufio.NewReader(cfg.Stdin), cfg.Stdout, cfg.Stderr
	if f, ok := cfg.Stdin.(*os.File); ok {
		s.StdinFile = f
	}
	if cfg.Env != nil {
		s.Env = runtime.NewEnviron(cfg.Env)
	}
	if cfg.Dir != "" {
		s.Cwd = cfg.Dir
	}
	argv0 := cfg.Script
	if cfg.Argv0 != "" {
		argv0 = cfg.Argv0
	}
	s.Argv = append([]string{argv0}, cfg.Args...)
	s.Script = cfg.Script
	s.InitialEnv, s.InitialCwd = s.Env.Pairs(), s.Cwd
	if cfg.Argv0 == "" && cfg.Script != "" && !filepath.IsAbs(cfg.Script) {
		// CPython shows the main script's path made absolute, uncleaned.
		s.Script = strings.TrimSuffix(s.Cwd, "/") + "/" + cfg.Script
	}
	return s
}

// NewThread returns a thread for one run with state attached.
func NewThread(state *runtime.State) *starlark.Thread {
	thread := &starlark.Thread{Name: "MainThread"}
	runtime.Attach(thread, state)
	thread.Load = func(t *starlark.Thread, module string) (starlark.StringDict, error) {
		return nil, pyerr.New("ModuleNotFoundError", "No module named %s", quote(module))
	}
	return thread
}

// Exec compiles and runs Python source as the main module on thread, whose
// state must be attached. name is __name__ ("" means "__main__"). The error,
// if any, is a *SyntaxError from the front end or a *starlark.EvalError whose
// cause may be a *pyerr.Error or *pyerr.SystemExit.
func Exec(thread *starlark.Thread, filename string, src []byte, name string) error {
	_, err := execModule(thread, filename, src, name, nil)
	return err
}

// execModule is Exec, returning the module's globals too. pre, when not
// nil, is src already compiled (compileModule), as a spare child has it.
func execModule(thread *starlark.Thread, filename string, src []byte, name string, pre *compiled) (starlark.StringDict, error) {
	if name == "" {
		name = "__main__"
	}
	if pre == nil {
		var err error
		if pre, err = compileModule(thread, filename, src); err != nil {
			return nil, err
		}
	} else {
		// The compiler built these modules on the thread that compiled,
		// as it read `from m import *`: build them here too, in the same
		// order, so that the run is the same as one compiled here.
		for _, m := range pre.modules {
			module(thread, m)
		}
	}
	state := runtime.Of(thread)
	if state.Globals == nil {
		// While the module runs, its globals live in the outermost frame.
		state.Globals = func(name string) (starlark.Value, bool) {
			if thread.CallStackDepth() == 0 {
				return nil, false
			}
			fn, ok := thread.DebugFrame(thread.CallStackDepth() - 1).Callable().(*starlark.Function)
			if !ok {
				return nil, false
			}
			v, ok := fn.Globals()[name]
			return v, ok
		}
	}
	return pre.prog.Init(thread, predeclared(filename, name))
}

// compiled is a script compiled for a run.
type compiled struct {
	prog *starlark.Program
	// modules are the modules the compiler built to expand `from m import
	// *`, in order.
	modules []string
}

// compileModule compiles Python source as a main module. What it compiles
// depends on the source alone, not on __name__ or the run's state, so a
// spare child compiles its parent's script before it knows what it will be.
func compileModule(thread *starlark.Thread, filename string, src []byte) (*compiled, error) {
	c := &compiled{}
	// Which names are predeclared is the same for every __name__.
	predeclared := predeclared(filename, "__main__")
	opts := &pysyntax.Options{
		ModuleMembers: func(module string) []string {
			c.modules = append(c.modules, module)
			return moduleMembers(thread, module)
		},
		Predeclared: func(n string) bool {
			return predeclared.Has(n) || starlark.Universe.Has(n)
		},
		Method: func(n string) bool { return universe.MethodNames[n] },
	}
	f, err := pysyntax.Parse(filename, src, opts)
	if err != nil {
		return nil, err
	}
	if c.prog, err = starlark.FileProgram(f, predeclared.Has); err != nil {
		return nil, compileError(filename, err)
	}
	return c, nil
}

// predeclared returns the names every script sees.
func predeclared(filename, name string) starlark.StringDict {
	d := make(starlark.StringDict, len(universe.Builtins)+16)
	for k, v := range universe.Builtins {
		d[k] = v
	}
	d["__name__"] = starlark.String(name)
	d["__file__"] = starlark.String(filename)
	d["__doc__"] = starlark.None
	d[pysyntax.GlobalsName] = universe.NewNamespace()
	d[pysyntax.ImportFunc] = importBuiltin
	d[pysyntax.ImportModule] = importModuleBuiltin
	d[pysyntax.ImportFrom] = importFromBuiltin
	d[pysyntax.UndefinedFunc] = undefinedBuiltin
	d[pysyntax.PowFunc] = powBuiltin
	d[pysyntax.StrIndexFunc] = strIndexBuiltin
	d[pysyntax.StrSliceFunc] = strSliceBuiltin
	d[pysyntax.ForElseFunc] = forElseBuiltin
	d[pysyntax.ForElseIter] = forElseIterBuiltin
	return d
}

// compileError converts a resolver error into a SyntaxError.
func compileError(filename string, err error) error {
	var list interface{ Unwrap() []error }
	if errors.As(err, &list) {
		if errs := list.Unwrap(); len(errs) > 0 {
			err = errs[0]
		}
	}
	type posError interface{ Error() string }
	msg := err.Error()
	se := &pysyntax.SyntaxError{Filename: filename, Msg: msg}
	// resolve.Error carries a position; its text is "file:line:col: msg".
	var line, col int
	rest := strings.TrimPrefix(msg, filename+":")
	if n, _ := fmt.Sscanf(rest, "%d:%d:", &line, &col); n == 2 {
		se.Line, se.Col = line, col
		if i := strings.Index(rest, ": "); i >= 0 {
			se.Msg = rest[i+2:]
		}
	}
	switch {
	case strings.HasPrefix(se.Msg, "break not in"), strings.HasPrefix(se.Msg, "break ") && strings.Contains(se.Msg, "loop"):
		se.Msg = "'break' outside loop"
	case strings.Contains(se.Msg, "continue"):
		se.Msg = "'continue' not properly in loop"
	case strings.Contains(se.Msg, "return statement not within"):
		se.Msg = "'return' outside function"
	}
	return se
}
