package multiprocessing

import (
	"fmt"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/wire"
)

// Connection is one end of a Pipe: it reads from one hub queue and writes
// to another (0: the end cannot read, or cannot write). Like a pipe's
// descriptors, a Connection passed to a child names the same queues.
type Connection struct {
	r, w   int64
	closed bool
}

var (
	_ starlark.HasAttrs = (*Connection)(nil)
	_ pyfmt.Reprer      = (*Connection)(nil)
	_ wire.Handle       = (*Connection)(nil)
)

// Messages carry a tag: send's are encoded objects, send_bytes's raw bytes.
const (
	tagObject = 'o'
	tagBytes  = 'b'
)

// def Pipe(duplex=True) -> (Connection, Connection)
func newPipe(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	duplex := true
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "duplex?", &duplex); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	if !duplex {
		ids, err := newHubQueues(thread, "multiprocessing.Pipe", 1, 0, true)
		if err != nil {
			return nil, err
		}
		return starlark.Tuple{&Connection{r: ids[0]}, &Connection{w: ids[0]}}, nil
	}
	ids, err := newHubQueues(thread, "multiprocessing.Pipe", 2, 0, true)
	if err != nil {
		return nil, err
	}
	return starlark.Tuple{&Connection{r: ids[0], w: ids[1]}, &Connection{r: ids[1], w: ids[0]}}, nil
}

// WireHandle makes a connection cross a process boundary by identity.
func (c *Connection) WireHandle() (string, int64) {
	return "multiprocessing.Connection", c.r<<idBits | c.w
}

// PyRepr is <multiprocessing.connection.Connection object at 0x7f...>.
func (c *Connection) PyRepr() string {
	return "<multiprocessing.connection.Connection object at " + pyfmt.FakeAddress(fmt.Sprintf("Connection#%d/%d", c.r, c.w)) + ">"
}
func (c *Connection) String() string        { return c.PyRepr() }
func (c *Connection) Type() string          { return "multiprocessing.connection.Connection" }
func (c *Connection) Freeze()               {}
func (c *Connection) Truth() starlark.Bool  { return true }
func (c *Connection) Hash() (uint32, error) { return uint32(c.r<<16^c.w) * 2654435761, nil }

var connectionMethods = map[string]method{
	"send": connSend, "recv": connRecv, "poll": connPoll,
	"send_bytes": connSendBytes, "recv_bytes": connRecvBytes, "close": connClose,
}

// Attr returns the connection's properties and methods.
func (c *Connection) Attr(name string) (starlark.Value, error) {
	switch name {
	case "closed":
		return starlark.Bool(c.closed), nil
	case "readable":
		return starlark.Bool(c.r != 0), nil
	case "writable":
		return starlark.Bool(c.w != 0), nil
	}
	if fn, ok := connectionMethods[name]; ok {
		return starlark.NewBuiltin(name, fn).BindReceiver(c), nil
	}
	return nil, nil
}

// AttrNames lists the attributes in sorted order.
func (c *Connection) AttrNames() []string {
	return []string{"close", "closed", "poll", "readable", "recv", "recv_bytes", "send", "send_bytes", "writable"}
}

func (c *Connection) checkReadable() error {
	if c.closed {
		return pyerr.New("OSError", "handle is closed")
	}
	if c.r == 0 {
		return pyerr.New("OSError", "connection is write-only")
	}
	return nil
}

func (c *Connection) checkWritable() error {
	if c.closed {
		return pyerr.New("OSError", "handle is closed")
	}
	if c.w == 0 {
		return pyerr.New("OSError", "connection is read-only")
	}
	return nil
}

// sendMessage puts one tagged message on the write queue.
func (c *Connection) sendMessage(thread *starlark.Thread, msg []byte) error {
	_, err := runtime.Effect(thread, "multiprocessing.Connection.send", func() (starlark.Value, error) {
		return starlark.None, fastPut(thread, c.w, msg, false)
	})
	return err
}

// recvMessage takes the next tagged message, waiting as long as it takes.
// A pipe whose other end is closed everywhere is not detected: where
// CPython raises EOFError, recv waits.
func (c *Connection) recvMessage(thread *starlark.Thread) ([]byte, error) {
	v, err := runtime.Effect(thread, "multiprocessing.Connection.recv", func() (starlark.Value, error) {
		return fastGet(thread, c.r, true, starlark.None, false)
	})
	if err != nil {
		return nil, err
	}
	b, _ := v.(starlark.Bytes)
	if len(b) == 0 {
		return nil, pyerr.New("OSError", "bad message")
	}
	return []byte(b), nil
}

// def send(obj)
func connSend(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var obj starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "obj", &obj); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	c := b.Receiver().(*Connection)
	if err := c.checkWritable(); err != nil {
		return nil, err
	}
	enc, err := encodeItem(obj)
	if err != nil {
		return nil, err
	}
	return starlark.None, c.sendMessage(thread, append([]byte{tagObject}, enc...))
}

// def recv()
func connRecv(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	c := b.Receiver().(*Connection)
	if err := c.checkReadable(); err != nil {
		return nil, err
	}
	msg, err := c.recvMessage(thread)
	if err != nil {
		return nil, err
	}
	if msg[0] != tagObject {
		// What send_bytes sent is not a pickle.
		if len(msg) == 1 {
			return nil, pyerr.New("EOFError", "Ran out of input")
		}
		return nil, pyerr.New("_pickle.UnpicklingError", "invalid load key, %s.", pyfmt.Repr(starlark.String(msg[1:2])))
	}
	return decodeItem(thread, msg[1:])
}

// def poll(timeout=0.0) — is there something to read?
func connPoll(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var timeout starlark.Value = starlark.Float(0)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	c := b.Receiver().(*Connection)
	if err := c.checkReadable(); err != nil {
		return nil, err
	}
	return runtime.Effect(thread, "multiprocessing.Connection.poll", func() (starlark.Value, error) {
		ready, err := fastReady(thread, c.r, timeout)
		return starlark.Bool(ready), err
	})
}

// def send_bytes(buf, offset=0, size=None)
func connSendBytes(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var buf, size starlark.Value = nil, starlark.None
	offset := 0
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "buf", &buf, "offset?", &offset, "size?", &size); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	c := b.Receiver().(*Connection)
	if err := c.checkWritable(); err != nil {
		return nil, err
	}
	data, ok := buf.(starlark.Bytes)
	if !ok {
		return nil, pyerr.TypeError("memoryview: a bytes-like object is required, not '%s'", pyfmt.TypeName(buf))
	}
	n := len(data)
	if offset < 0 {
		return nil, pyerr.ValueError("offset is negative")
	}
	if n < offset {
		return nil, pyerr.ValueError("buffer length < offset")
	}
	end := n
	if size != starlark.None {
		sz, err := starlark.AsInt32(size)
		if err != nil {
			return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyfmt.TypeName(size))
		}
		if sz < 0 {
			return nil, pyerr.ValueError("size is negative")
		}
		if offset+sz > n {
			return nil, pyerr.ValueError("buffer length < offset + size")
		}
		end = offset + sz
	}
	return starlark.None, c.sendMessage(thread, append([]byte{tagBytes}, data[offset:end]...))
}

// def recv_bytes(maxlength=None)
func connRecvBytes(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var maxlength starlark.Value = starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "maxlength?", &maxlength); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	c := b.Receiver().(*Connection)
	limit := -1
	if maxlength != starlark.None {
		n, err := starlark.AsInt32(maxlength)
		if err != nil {
			return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", pyfmt.TypeName(maxlength))
		}
		if n < 0 {
			return nil, pyerr.ValueError("negative maxlength")
		}
		limit = n
	}
	if err := c.checkReadable(); err != nil {
		return nil, err
	}
	msg, err := c.recvMessage(thread)
	if err != nil {
		return nil, err
	}
	// An object sent with send comes out as its encoding, as recv_bytes
	// returns the pickle in CPython (starproc's bytes are not pickle's).
	body := msg[1:]
	if limit >= 0 && len(body) > limit {
		c.closed = true
		return nil, pyerr.New("OSError", "bad message length")
	}
	return starlark.Bytes(body), nil
}

// def close()
func connClose(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	c := b.Receiver().(*Connection)
	c.closed = true
	for _, id := range []int64{c.r, c.w} {
		if id != 0 {
			closeFast(thread, id)
		}
	}
	return starlark.None, nil
}
