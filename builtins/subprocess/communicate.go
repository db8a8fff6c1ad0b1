package subprocess

import (
	"os"
	"sync"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// communication is what communicate() keeps between calls. A timeout does
// not lose output: as in CPython, the readers go on and a later call
// returns everything read since the start.
type communication struct {
	in       chan struct{} // closed once the input is written; nil if none
	out, err *collector    // nil when that stream has no open pipe
}

// collector reads one pipe to its end. stdout and stderr each get one,
// concurrently, so a child filling both pipes never deadlocks.
type collector struct {
	mu     sync.Mutex
	buf    []byte
	chunks int // CPython's list of chunks: empty means None on timeout
	done   chan struct{}
}

func collect(f *os.File) *collector {
	c := &collector{done: make(chan struct{})}
	go func() {
		defer close(c.done)
		b := make([]byte, 64*1024)
		for {
			n, err := f.Read(b)
			if n > 0 {
				c.mu.Lock()
				c.buf = append(c.buf, b[:n]...)
				c.chunks++
				c.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

// value is the output read so far: on a timeout None when nothing came,
// as CPython's TimeoutExpired.output is.
func (c *collector) value(partial bool) starlark.Value {
	if c == nil {
		if partial {
			return starlark.None
		}
		return starlark.Bytes("")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if partial && c.chunks == 0 {
		return starlark.None
	}
	return starlark.Bytes(c.buf)
}

// def communicate(input=None, timeout=None)
func popenCommunicate(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	input, timeout := starlark.Value(starlark.None), starlark.Value(starlark.None)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "input?", &input, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	out, errOut, err := receiver(b).communicate(thread, input, timeout)
	if err != nil {
		return nil, err
	}
	return starlark.Tuple{out, errOut}, nil
}

// communicate is Popen.communicate: send input, read stdout and stderr to
// their end, wait for the child. The bytes read, the return code or the
// timeout are one "subprocess.communicate" effect:
// (stdout, stderr, returncode, None) or (stdout, stderr, None, timeout).
func (p *Popen) communicate(thread *starlark.Thread, input, timeout starlark.Value) (starlark.Value, starlark.Value, error) {
	if p.communicationStarted && truth(input) {
		return nil, nil, pyerr.ValueError("Cannot send input after starting communication")
	}
	d, err := parseTimeout(timeout)
	if err != nil {
		return nil, nil, err
	}
	pipes := 0
	for _, f := range p.files {
		if f != nil {
			pipes++
		}
	}
	// CPython's shortcut for one pipe and no timeout reads and writes
	// through the file objects, and its errors are theirs.
	simple := d == nil && !p.communicationStarted && pipes <= 1
	var data []byte
	if p.files[0] != nil && (simple || !p.communicationStarted) {
		if data, err = p.inputBytes(input, simple); err != nil {
			return nil, nil, err
		}
	}
	if simple {
		for _, f := range p.files[1:] {
			if f != nil && f.Closed() {
				return nil, nil, pyerr.ValueError("read of closed file")
			}
		}
	} else {
		defer func() { p.communicationStarted = true }()
	}

	res, err := runtime.Effect(thread, "subprocess.communicate", func() (starlark.Value, error) {
		return p.exchange(data, d, timeout), nil
	})
	if err != nil {
		return nil, nil, err
	}
	t, _ := res.(starlark.Tuple)
	if len(t) != 4 {
		return nil, nil, pyerr.RuntimeError("subprocess: bad communicate record %s", res)
	}
	if t[3] != starlark.None {
		return nil, nil, TimeoutExpired(p.args, t[3], t[0], t[1])
	}
	p.returncode = t[2]
	if err := p.close(thread); err != nil {
		return nil, nil, err
	}
	out, errOut := t[0], t[1]
	if truth(p.textMode) {
		if out, err = p.decode(out); err != nil {
			return nil, nil, err
		}
		if errOut, err = p.decode(errOut); err != nil {
			return nil, nil, err
		}
	}
	return out, errOut, nil
}

// inputBytes converts communicate's input to the bytes written to the
// child, failing as CPython does for the wrong type: through the file
// object's write in the one-pipe shortcut, else through str.encode or
// memoryview.
func (p *Popen) inputBytes(input starlark.Value, simple bool) ([]byte, error) {
	text := truth(p.textMode)
	switch {
	case simple && !truth(input):
		return nil, nil
	case !simple && input == starlark.None:
		return nil, nil
	case text:
		s, ok := input.(starlark.String)
		if !ok {
			if simple {
				return nil, pyerr.TypeError("write() argument must be str, not %s", pyfmt.TypeName(input))
			}
			return nil, pyerr.New("AttributeError", "'%s' object has no attribute 'encode'", pyfmt.TypeName(input))
		}
		return p.codec.encode(string(s), p.handler)
	case !truth(input):
		return nil, nil
	}
	b, ok := input.(starlark.Bytes)
	if !ok {
		if simple {
			return nil, pyerr.TypeError("a bytes-like object is required, not '%s'", pyfmt.TypeName(input))
		}
		return nil, pyerr.TypeError("memoryview: a bytes-like object is required, not '%s'", pyfmt.TypeName(input))
	}
	return []byte(b), nil
}

// exchange is the body of the communicate effect. The first call starts a
// writer for the input and a reader for each output pipe; every call then
// waits for them until the deadline, and for the child with what is left.
func (p *Popen) exchange(data []byte, d *time.Duration, timeout starlark.Value) starlark.Value {
	start := time.Now()
	c := p.comm
	if c == nil {
		c = &communication{}
		p.comm = c
		if e := p.pipes[0]; e != nil {
			if len(data) == 0 || e.isClosed() {
				e.Close()
			} else {
				c.in = make(chan struct{})
				go func() {
					defer close(c.in)
					e.f.Write(data) // a child that stops reading is not an error (EPIPE)
					e.Close()
				}()
			}
		}
		if e := p.pipes[1]; e != nil && !e.isClosed() {
			c.out = collect(e.f)
		}
		if e := p.pipes[2]; e != nil && !e.isClosed() {
			c.err = collect(e.f)
		}
	}
	output := func(partial bool) (starlark.Value, starlark.Value) {
		out, errOut := starlark.Value(starlark.None), starlark.Value(starlark.None)
		if p.pipes[1] != nil {
			out = c.out.value(partial)
		}
		if p.pipes[2] != nil {
			errOut = c.err.value(partial)
		}
		return out, errOut
	}

	var expired <-chan time.Time
	if d != nil {
		t := time.NewTimer(max(*d, 0))
		defer t.Stop()
		expired = t.C
	}
	for _, ch := range []chan struct{}{c.in, doneOf(c.out), doneOf(c.err)} {
		if ch == nil {
			continue
		}
		select {
		case <-ch:
		case <-expired:
			select {
			case <-ch:
				continue
			default:
			}
			out, errOut := output(true)
			return starlark.Tuple{out, errOut, starlark.None, timeout}
		}
	}
	if d != nil {
		left := *d - time.Since(start)
		if !p.waitExit(&left) {
			// CPython's final wait(timeout=remaining) raises with the
			// time that was left and without the output.
			return starlark.Tuple{starlark.None, starlark.None, starlark.None, starlark.Float(left.Seconds())}
		}
	} else {
		<-p.exited
	}
	out, errOut := output(false)
	return starlark.Tuple{out, errOut, starlark.MakeInt(p.exitCode), starlark.None}
}

func doneOf(c *collector) chan struct{} {
	if c == nil {
		return nil
	}
	return c.done
}

// decode turns captured bytes into text as communicate does in text mode:
// decode, then translate "\r\n" and "\r" to "\n".
func (p *Popen) decode(v starlark.Value) (starlark.Value, error) {
	b, ok := v.(starlark.Bytes)
	if !ok {
		return v, nil
	}
	s, err := p.codec.decode([]byte(b), p.handler)
	if err != nil {
		return nil, err
	}
	return starlark.String(translateNewlines(s)), nil
}
