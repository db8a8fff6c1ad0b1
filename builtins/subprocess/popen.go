package subprocess

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

// Popen is a child process, as subprocess.Popen: started when made, its
// pid and returncode plain data taken from the journal's effects. Its Go
// process handle, pipes and reaper exist only when the spawn effect really
// ran, and only effect bodies touch them.
type Popen struct {
	args       starlark.Value // as the script gave them
	pid        int
	returncode starlark.Value // None until reaped

	files    [3]*pyio.File // stdin, stdout, stderr file objects; nil unless PIPE
	textMode starlark.Value
	encoding starlark.Value
	errors   starlark.Value
	codec    codec
	handler  string // errors, "strict" when None

	// communicationStarted is CPython's _communication_started.
	communicationStarted bool

	// Live state, set by the spawn effect.
	proc     *os.Process
	pipes    [3]*pipeEnd
	exited   chan struct{} // closed once reaped; exitCode is then valid
	exitCode int
	comm     *communication
}

var (
	_ starlark.HasAttrs = (*Popen)(nil)
	_ pyfmt.Reprer      = (*Popen)(nil)
)

// def Popen(args, bufsize=-1, executable=None, stdin=None, stdout=None, stderr=None,
//
//	preexec_fn=None, close_fds=True, shell=False, cwd=None, env=None, universal_newlines=None,
//	startupinfo=None, creationflags=0, restore_signals=True, start_new_session=False,
//	pass_fds=(), *, group=None, extra_groups=None, user=None, umask=-1, encoding=None,
//	errors=None, text=None, pipesize=-1, process_group=None)
func newPopenBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var o options
	if err := starlark.UnpackArgs("Popen", args, kwargs, o.params()...); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return newPopen(thread, &o)
}

// newPopen starts a child process as Popen.__init__ does, checking the
// arguments in CPython's order so that the first error is CPython's.
func newPopen(thread *starlark.Thread, o *options) (*Popen, error) {
	if !isNone(o.bufsize) && !isInt(o.bufsize) {
		return nil, pyerr.TypeError("bufsize must be an integer")
	}
	if !isNone(o.pipesize) && !isInt(o.pipesize) {
		return nil, pyerr.TypeError("pipesize must be an integer")
	}
	if !isNone(o.startupinfo) {
		return nil, pyerr.ValueError("startupinfo is only supported on Windows platforms")
	}
	if truth(o.creationflags) {
		return nil, pyerr.ValueError("creationflags is only supported on Windows platforms")
	}
	if !isNone(o.text) && !isNone(o.universalNewlines) && o.text.Truth() != o.universalNewlines.Truth() {
		return nil, pyerr.New("subprocess.SubprocessError", "Cannot disambiguate when both text and universal_newlines are supplied but different. Pass one or the other.")
	}
	for _, u := range []struct {
		name string
		v    starlark.Value
	}{{"preexec_fn", o.preexecFn}, {"group", o.group}, {"extra_groups", o.extraGroups}, {"user", o.user}} {
		if !isNone(u.v) {
			return nil, pyerr.New("NotImplementedError", "subprocess.Popen: %s is not supported by starproc", u.name)
		}
	}
	if !isNone(o.umask) {
		if n, err := starlark.AsInt32(o.umask); err != nil || n != -1 {
			return nil, pyerr.New("NotImplementedError", "subprocess.Popen: umask is not supported by starproc")
		}
	}

	p := &Popen{args: o.args, returncode: starlark.None, encoding: noneIfNil(o.encoding), errors: noneIfNil(o.errors), handler: "strict"}
	var c command
	var err error
	for i, v := range []starlark.Value{o.stdin, o.stdout, o.stderr} {
		if c.streams[i], err = resolveStream(thread, v, i == 2); err != nil {
			return nil, err
		}
	}
	// text_mode is CPython's `encoding or errors or text or universal_newlines`.
	p.textMode = noneIfNil(o.universalNewlines)
	for _, v := range []starlark.Value{o.encoding, o.errors, o.text, o.universalNewlines} {
		if truth(v) {
			p.textMode = v
			break
		}
	}
	text := truth(p.textMode)
	if text {
		if isNone(o.encoding) {
			p.encoding = starlark.String("UTF-8")
		}
		enc, ok := starlark.AsString(p.encoding)
		if !ok {
			return nil, pyerr.TypeError("TextIOWrapper() argument 'encoding' must be str or None, not %s", pyfmt.TypeName(p.encoding))
		}
		if !isNone(o.errors) {
			if p.handler, ok = starlark.AsString(o.errors); !ok {
				return nil, pyerr.TypeError("TextIOWrapper() argument 'errors' must be str or None, not %s", pyfmt.TypeName(o.errors))
			}
		}
		if p.codec, err = lookupCodec(enc); err != nil {
			if hasPipe(&c) {
				return nil, err // TextIOWrapper is made only over a pipe
			}
			p.codec = utf8Codec
		}
	}
	if err := p.command(thread, o, &c); err != nil {
		return nil, err
	}

	st := runtime.Of(thread)
	c.stdinLock = stdinLock(thread)
	res, err := runtime.Effect(thread, "subprocess.spawn", func() (starlark.Value, error) {
		return p.spawn(st, &c), nil
	})
	if err != nil {
		return nil, err
	}
	t, _ := res.(starlark.Tuple)
	if len(t) == 5 && t[0] == starlark.String("error") {
		return nil, errorFromSpawn(t)
	}
	if len(t) != 4 {
		return nil, fmt.Errorf("subprocess.Popen: bad spawn record %s", res)
	}
	p.pid, _ = starlark.AsInt32(t[0])
	modes := [3]string{"wb", "rb", "rb"}
	if text {
		modes = [3]string{"w", "r", "r"}
	}
	enc, _ := starlark.AsString(p.encoding)
	for i := range p.files {
		if t[i+1] == starlark.None {
			continue
		}
		var f *os.File
		var closer *pipeEnd
		if e := p.pipes[i]; e != nil {
			f, closer = e.f, e
		}
		if i == 0 {
			p.files[i] = pyio.New(t[i+1], modes[i], nil, writerOf(f), closerOf(closer), enc)
		} else {
			p.files[i] = pyio.New(t[i+1], modes[i], readerOf(f), nil, closerOf(closer), enc)
		}
	}
	return p, nil
}

// command converts the arguments into the child's argv, environment and
// directory, with the errors CPython's _execute_child gives.
func (p *Popen) command(thread *starlark.Thread, o *options, c *command) error {
	var args []starlark.Value
	switch a := o.args.(type) {
	case starlark.String, starlark.Bytes:
		args = []starlark.Value{a}
	case starlark.Iterable:
		it := a.Iterate()
		defer it.Done()
		var x starlark.Value
		for it.Next(&x) {
			args = append(args, x)
		}
	default:
		return pyerr.TypeError("'%s' object is not iterable", pyfmt.TypeName(o.args))
	}
	if truth(o.shell) {
		args = append([]starlark.Value{starlark.String("/bin/sh"), starlark.String("-c")}, args...)
		if truth(o.executable) {
			args[0] = o.executable
		}
	}
	exe := o.executable
	if isNone(exe) {
		if len(args) == 0 {
			return pyerr.New("IndexError", "list index out of range")
		}
		exe = args[0]
	}
	if isNone(o.env) {
		c.env = runtime.Of(thread).Env.Pairs()
	} else {
		d, ok := o.env.(starlark.IterableMapping)
		if !ok {
			return pyerr.New("AttributeError", "'%s' object has no attribute 'items'", pyfmt.TypeName(o.env))
		}
		for _, kv := range d.Items() {
			k, err := fsencode(kv[0])
			if err != nil {
				return err
			}
			if strings.Contains(k, "=") {
				return pyerr.ValueError("illegal environment variable name")
			}
			v, err := fsencode(kv[1])
			if err != nil {
				return err
			}
			c.env = append(c.env, k+"="+v)
		}
	}
	var err error
	if c.executable, err = fsencode(exe); err != nil {
		return err
	}
	c.argv = make([]string, len(args))
	for i, a := range args {
		if c.argv[i], err = fsencode(a); err != nil {
			return err
		}
	}
	for _, kv := range c.env {
		if strings.IndexByte(kv, 0) >= 0 {
			return pyerr.ValueError("embedded null byte")
		}
	}
	st := runtime.Of(thread)
	c.dir = st.Cwd
	if !isNone(o.cwd) {
		if c.cwdGiven, err = fsencode(o.cwd); err != nil {
			return err
		}
		c.dir, c.hasCwd = st.Path(c.cwdGiven), true
	}
	if !isNone(o.passFds) {
		it := starlark.Iterate(o.passFds)
		if it == nil {
			return pyerr.TypeError("'%s' object is not iterable", pyfmt.TypeName(o.passFds))
		}
		defer it.Done()
		var x starlark.Value
		for it.Next(&x) {
			n, err := starlark.AsInt32(x)
			if err != nil {
				return pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyfmt.TypeName(x))
			}
			c.passFds = append(c.passFds, n)
		}
	}
	c.setsid = truth(o.startNewSession)
	c.pgid = -1
	if !isNone(o.processGroup) {
		n, err := starlark.AsInt32(o.processGroup)
		if err != nil {
			return pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyfmt.TypeName(o.processGroup))
		}
		c.pgid = n
	}
	return nil
}

// fsencode is os.fsencode for what a command line may hold: str or bytes.
func fsencode(v starlark.Value) (string, error) {
	var s string
	switch v := v.(type) {
	case starlark.String:
		s = string(v)
	case starlark.Bytes:
		s = string(v)
	default:
		return "", pyerr.TypeError("expected str, bytes or os.PathLike object, not %s", pyfmt.TypeName(v))
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", pyerr.ValueError("embedded null byte")
	}
	return s, nil
}

func hasPipe(c *command) bool {
	for _, s := range c.streams {
		if s.kind == pipe {
			return true
		}
	}
	return false
}

// pyio.New takes interfaces; a nil *os.File must become a nil interface,
// not an interface holding a nil pointer (a replayed spawn has no pipes).
func readerOf(f *os.File) (r io.Reader) {
	if f != nil {
		r = f
	}
	return
}

func writerOf(f *os.File) (w io.Writer) {
	if f != nil {
		w = f
	}
	return
}

func closerOf(e *pipeEnd) (c io.Closer) {
	if e != nil {
		c = e
	}
	return
}

const stdinLockKey = "starproc.subprocess.stdin"

// stdinLock is the run's turn on a script stdin that is not an OS file.
func stdinLock(thread *starlark.Thread) *sync.Mutex {
	if mu, ok := thread.Local(stdinLockKey).(*sync.Mutex); ok {
		return mu
	}
	mu := new(sync.Mutex)
	thread.SetLocal(stdinLockKey, mu)
	return mu
}

// PyRepr is CPython's repr, cut to 80 characters as CPython cuts it:
// <Popen: returncode: None args: ['ls', '-l']>.
func (p *Popen) PyRepr() string {
	s := fmt.Sprintf("<Popen: returncode: %s args: %s>", pyfmt.Str(p.returncode), pyfmt.Repr(p.args))
	if r := []rune(s); len(r) > 80 {
		s = string(r[:76]) + "...>"
	}
	return s
}

func (p *Popen) String() string        { return p.PyRepr() }
func (p *Popen) Type() string          { return "subprocess.Popen" }
func (p *Popen) Freeze()               {} // a process keeps changing state, as in Python
func (p *Popen) Truth() starlark.Bool  { return true }
func (p *Popen) Hash() (uint32, error) { return uint32(p.pid), nil }

var popenMethods = map[string]*starlark.Builtin{
	"communicate": starlark.NewBuiltin("communicate", popenCommunicate),
	"wait":        starlark.NewBuiltin("wait", popenWait),
	"poll":        starlark.NewBuiltin("poll", popenPoll),
	"kill":        starlark.NewBuiltin("kill", popenKill),
	"terminate":   starlark.NewBuiltin("terminate", popenTerminate),
	"send_signal": starlark.NewBuiltin("send_signal", popenSendSignal),
	"__enter__":   starlark.NewBuiltin("__enter__", popenEnter),
	"__exit__":    starlark.NewBuiltin("__exit__", popenExit),
}

// Attr returns a data attribute or a bound method.
func (p *Popen) Attr(name string) (starlark.Value, error) {
	switch name {
	case "args":
		return p.args, nil
	case "pid":
		return starlark.MakeInt(p.pid), nil
	case "returncode":
		return p.returncode, nil
	case "stdin":
		return p.file(0), nil
	case "stdout":
		return p.file(1), nil
	case "stderr":
		return p.file(2), nil
	case "text_mode", "universal_newlines":
		return p.textMode, nil
	case "encoding":
		return p.encoding, nil
	case "errors":
		return p.errors, nil
	}
	if m, ok := popenMethods[name]; ok {
		return m.BindReceiver(p), nil
	}
	return nil, nil
}

// file is the file object over pipe i, or None when it is not a pipe.
func (p *Popen) file(i int) starlark.Value {
	if p.files[i] == nil {
		return starlark.None
	}
	return p.files[i]
}

// AttrNames lists the attributes in sorted order.
func (p *Popen) AttrNames() []string {
	return []string{"__enter__", "__exit__", "args", "communicate", "encoding", "errors", "kill",
		"pid", "poll", "returncode", "send_signal", "stderr", "stdin", "stdout", "terminate",
		"text_mode", "universal_newlines", "wait"}
}
