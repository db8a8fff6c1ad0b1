package subprocess

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Filer is implemented by file objects that can lend a child process their
// operating-system file, so that stdout=f makes the child write straight to
// f's descriptor. runtime/pyio's *File implements it; File returns nil for
// a file object that is not over an OS file.
type Filer interface {
	File() *os.File
}

// streamKind is what one of a child's standard streams is connected to.
type streamKind int

const (
	inherit  streamKind = iota // None: the script's own stream
	pipe                       // PIPE: a new pipe, the parent end on Popen
	devnull                    // DEVNULL
	toStdout                   // STDOUT (stderr only): wherever stdout goes
	fd                         // an int descriptor or a file object's fileno()
	file                       // a file object's *os.File (Filer)
)

// stream is one resolved stdin/stdout/stderr argument.
type stream struct {
	kind streamKind
	fd   int
	file *os.File
}

// resolveStream interprets a stdin/stdout/stderr argument as CPython's
// _get_handles does. Calling fileno() is a method call of the script, so it
// happens here, before the spawn effect.
func resolveStream(thread *starlark.Thread, v starlark.Value, isStderr bool) (stream, error) {
	if isNone(v) {
		return stream{kind: inherit}, nil
	}
	if f, ok := v.(Filer); ok {
		if of := f.File(); of != nil {
			return stream{kind: file, file: of}, nil
		}
	}
	if _, isBool := v.(starlark.Bool); !isBool {
		if i, ok := v.(starlark.Int); ok {
			n, ok := i.Int64()
			if !ok {
				return stream{}, pyerr.New("OverflowError", "Python int too large to convert to C int")
			}
			switch {
			case n == PIPE:
				return stream{kind: pipe}, nil
			case n == DEVNULL:
				return stream{kind: devnull}, nil
			case n == STDOUT && isStderr:
				return stream{kind: toStdout}, nil
			}
			return stream{kind: fd, fd: int(n)}, nil
		}
	}
	ha, ok := v.(starlark.HasAttrs)
	var m starlark.Value
	if ok {
		m, _ = ha.Attr("fileno")
	}
	if m == nil {
		return stream{}, pyerr.New("AttributeError", "'%s' object has no attribute 'fileno'", pyfmt.TypeName(v))
	}
	r, err := starlark.Call(thread, m, nil, nil)
	if err != nil {
		return stream{}, err
	}
	n, err := starlark.AsInt32(r)
	if err != nil {
		return stream{}, pyerr.TypeError("fileno() returned a non-integer")
	}
	return stream{kind: fd, fd: n}, nil
}

// pipeEnd is the parent's end of a pipe to the child. Its Close is
// idempotent and safe from any goroutine, because both the file object the
// script holds and communicate() may close it.
type pipeEnd struct {
	f      *os.File
	mu     sync.Mutex
	closed bool
}

func (p *pipeEnd) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	return p.f.Close()
}

func (p *pipeEnd) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

// command is everything the spawn effect needs, validated and converted.
type command struct {
	argv       []string
	executable string // the program to look up, as given (CPython's orig_executable)
	dir        string // the child's working directory, absolute
	cwdGiven   string // cwd as the script gave it, for error messages
	hasCwd     bool   // cwd was not None
	env        []string
	streams    [3]stream
	passFds    []int
	setsid     bool
	pgid       int // -1: leave the process group alone
	stdinLock  *sync.Mutex
}

// spawnError is a failure to start the child about a named file (the
// program or cwd, shown even when empty), recorded in the journal as
// plain data so that a replay fails the same way:
// ("error", type, message, errno, filename or None).
func spawnError(err error, filename string) starlark.Value {
	t := ioError(err)
	t[2] = starlark.String(string(t[2].(starlark.String)) + ": " + quote(filename))
	t[4] = starlark.String(filename)
	return t
}

// ioError is a failure to start the child about no file in particular,
// such as a bad descriptor.
func ioError(err error) starlark.Tuple {
	pe := pyerr.OSError(err, "")
	return starlark.Tuple{starlark.String("error"), starlark.String(pe.Type), starlark.String(pe.Msg),
		starlark.MakeInt(int(pyerr.Errno(err))), starlark.None}
}

// errorFromSpawn rebuilds the Python exception spawnError recorded.
func errorFromSpawn(t starlark.Tuple) error {
	typ, _ := starlark.AsString(t[1])
	msg, _ := starlark.AsString(t[2])
	en, _ := starlark.AsInt32(t[3])
	attrs := pyerr.OSError(syscall.Errno(en), "").Attrs
	if attrs == nil {
		attrs = starlark.StringDict{"errno": starlark.MakeInt(en)}
	}
	attrs["filename"] = t[4]
	return &pyerr.Error{Type: typ, Msg: msg, Attrs: attrs, Err: syscall.Errno(en)}
}

// spawn starts the child. It is the body of the "subprocess.spawn" effect:
// its result is (pid, stdin_fd, stdout_fd, stderr_fd), the descriptors
// being None where the stream is not a pipe, or a spawnError. On success
// p's process, pipes and reaper are set up.
func (p *Popen) spawn(st *runtime.State, c *command) starlark.Value {
	var toClose []*os.File // the child's copies, closed once it has them
	rl := new(relays)
	ok := false
	defer func() {
		for _, f := range toClose {
			f.Close()
		}
		if !ok {
			for _, e := range p.pipes {
				if e != nil {
					e.Close()
				}
			}
			p.pipes = [3]*pipeEnd{}
			for _, f := range rl.parent {
				f.Close()
			}
		}
	}()

	if c.hasCwd {
		if fi, err := os.Stat(c.dir); err != nil {
			return spawnError(err, c.cwdGiven)
		} else if !fi.IsDir() {
			return spawnError(syscall.ENOTDIR, c.cwdGiven)
		} else if err := syscall.Access(c.dir, 1); err != nil { // X_OK: chdir's search permission
			return spawnError(err, c.cwdGiven)
		}
	}
	path, err := lookPath(c.executable, c.env, c.dir)
	if err != nil {
		return spawnError(err, c.executable)
	}

	hostIn, hostOut, hostErr := st.InheritedStreams()
	var files [3]*os.File
	for i := range c.streams {
		s := c.streams[i]
		switch s.kind {
		case inherit:
			var host any = hostIn
			if i == 1 {
				host = hostOut
			} else if i == 2 {
				host = hostErr
			}
			f, err := inheritStream(i, host, c.stdinLock, &toClose, rl)
			if err != nil {
				return ioError(err)
			}
			files[i] = f
		case pipe:
			r, w, err := os.Pipe()
			if err != nil {
				return ioError(err)
			}
			if i == 0 {
				files[i], p.pipes[i] = r, &pipeEnd{f: w}
				toClose = append(toClose, r)
			} else {
				files[i], p.pipes[i] = w, &pipeEnd{f: r}
				toClose = append(toClose, w)
			}
		case devnull:
			f, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
			if err != nil {
				return ioError(err)
			}
			files[i] = f
			toClose = append(toClose, f)
		case toStdout:
			files[i] = files[1]
		case fd:
			f, err := dupFile(s.fd)
			if err != nil {
				return ioError(err)
			}
			files[i] = f
			toClose = append(toClose, f)
		case file:
			files[i] = s.file
		}
	}
	attrFiles := files[:]
	for _, n := range c.passFds {
		f, err := dupFile(n)
		if err != nil {
			return ioError(err)
		}
		toClose = append(toClose, f)
		for len(attrFiles) <= n {
			attrFiles = append(attrFiles, nil)
		}
		attrFiles[n] = f
	}
	sys := &syscall.SysProcAttr{Setsid: c.setsid}
	if c.pgid >= 0 {
		sys.Setpgid, sys.Pgid = true, c.pgid
	}
	proc, err := os.StartProcess(path, c.argv, &os.ProcAttr{Dir: c.dir, Env: c.env, Files: attrFiles, Sys: sys})
	if err != nil {
		return spawnError(err, c.executable)
	}
	ok = true
	p.proc = proc
	p.exited = make(chan struct{})
	for _, f := range rl.start {
		go f(p.exited)
	}
	go p.reap(&rl.out)
	result := starlark.Tuple{starlark.MakeInt(proc.Pid), starlark.None, starlark.None, starlark.None}
	for i, e := range p.pipes {
		if e != nil {
			result[i+1] = starlark.MakeInt(rawFd(e.f))
		}
	}
	return result
}

// rawFd returns f's descriptor without f.Fd's side effect of putting it
// in blocking mode, which would stop Close from interrupting a Read.
func rawFd(f *os.File) int {
	n := -1
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(d uintptr) { n = int(d) })
	}
	return n
}

// copyGrace bounds how long a finished child's exit waits for output
// relayed to a script stream that is not an OS file: a grandchild that
// keeps the pipe open must not make wait() hang.
const copyGrace = 200 * time.Millisecond

// reap waits for the child, as CPython's waitpid does, and publishes its
// return code: the exit status, or minus the signal that killed it.
func (p *Popen) reap(relayed *sync.WaitGroup) {
	state, err := p.proc.Wait()
	rc := 0 // CPython's answer when the child was reaped elsewhere (ECHILD)
	if err == nil {
		if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			rc = -int(ws.Signal())
		} else {
			rc = state.ExitCode()
		}
	}
	done := make(chan struct{})
	go func() { relayed.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(copyGrace):
	}
	p.exitCode = rc
	close(p.exited)
}

// relays are the goroutines that serve a child's inherited streams when
// the script's streams are not OS files. They start once the child has.
type relays struct {
	start  []func(exited <-chan struct{})
	parent []*os.File     // our ends of their pipes, closed if the child never starts
	out    sync.WaitGroup // the output relays, waited for (briefly) at exit
}

// inheritStream gives the child the script's own stream i. An *os.File is
// passed as is, so the child writes straight to the same descriptor; any
// other reader or writer (a Go host capturing output) is served through a
// pipe and a relay goroutine, as os/exec does. Input relays take turns on
// stdinLock and stop once their child has exited, so two children never
// read the script's stdin at once.
func inheritStream(i int, host any, stdinLock *sync.Mutex, toClose *[]*os.File, rl *relays) (*os.File, error) {
	if f, ok := host.(*os.File); ok && f != nil {
		return f, nil
	}
	if host == nil {
		f, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
		if err == nil {
			*toClose = append(*toClose, f)
		}
		return f, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	if i == 0 {
		*toClose = append(*toClose, r)
		rl.parent = append(rl.parent, w)
		src := host.(io.Reader)
		rl.start = append(rl.start, func(exited <-chan struct{}) {
			defer w.Close()
			buf := make([]byte, 32*1024)
			for {
				stdinLock.Lock()
				select {
				case <-exited:
					stdinLock.Unlock()
					return
				default:
				}
				n, err := src.Read(buf)
				stdinLock.Unlock()
				if n > 0 {
					if _, werr := w.Write(buf[:n]); werr != nil {
						return
					}
				}
				if err != nil {
					return
				}
			}
		})
		return r, nil
	}
	*toClose = append(*toClose, w)
	rl.parent = append(rl.parent, r)
	dst := host.(io.Writer)
	rl.out.Add(1)
	rl.start = append(rl.start, func(<-chan struct{}) {
		defer rl.out.Done()
		io.Copy(dst, r)
		r.Close()
	})
	return w, nil
}

// dupFile returns a private copy of descriptor n: an *os.File made from n
// itself would close the script's descriptor when collected.
func dupFile(n int) (*os.File, error) {
	if n < 0 {
		return nil, syscall.EBADF
	}
	d, err := syscall.Dup(n)
	if err != nil {
		return nil, err
	}
	syscall.CloseOnExec(d)
	return os.NewFile(uintptr(d), "fd"), nil
}

// defPath is CPython's os.defpath, used when the environment has no PATH.
const defPath = "/bin:/usr/bin"

// lookPath finds the program as the child's execvpe would: a name with a
// slash is used as is (relative to the child's directory); otherwise each
// directory of the PATH of the child's environment is tried in order, and
// the first error other than ENOENT/ENOTDIR is the one reported, else the
// last.
func lookPath(name string, env []string, dir string) (string, error) {
	if strings.Contains(name, "/") {
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		return name, nil
	}
	path := defPath
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], "PATH="); ok {
			path = v
			break
		}
	}
	var saved error
	last := error(syscall.ENOENT)
	for _, d := range strings.Split(path, ":") {
		cand := filepath.Join(dir, d, name)
		if filepath.IsAbs(d) {
			cand = filepath.Join(d, name)
		}
		err := executable(cand)
		if err == nil {
			return cand, nil
		}
		en := pyerr.Errno(err)
		if en != syscall.ENOENT && en != syscall.ENOTDIR && saved == nil {
			saved = err
		}
		last = err
	}
	if saved != nil {
		return "", saved
	}
	return "", last
}

// executable reports the error execve would give for path, short of
// ENOEXEC and its kin, which only the exec itself can tell.
func executable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return pe.Err
		}
		return err
	}
	if fi.IsDir() {
		return syscall.EACCES
	}
	return syscall.Access(path, 1) // X_OK
}
