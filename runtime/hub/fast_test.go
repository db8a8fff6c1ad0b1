package hub

import (
	"syscall"
	"testing"
	"time"

	"go.starlark.net/starlark"
)

// A fast queue's descriptors reach a client by SCM_RIGHTS, items put on
// one end come out of the other in order with their boundaries, and a put
// the socket has no room for, spilled to the hub, is fed to the socket
// after the items before it.
func TestFastQueueDescriptorsOrderAndSpill(t *testing.T) {
	s, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := Dial(s.Addr(), 1, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	id, err := c.Call("queue.new", starlark.MakeInt(0), starlark.True)
	if err != nil {
		t.Fatal(err)
	}
	_, fds, err := c.CallFDs("queue.fds", id)
	if err != nil || len(fds) != 2 {
		t.Fatalf("queue.fds: %v, %d descriptors", err, len(fds))
	}
	defer syscall.Close(fds[0])
	defer syscall.Close(fds[1])
	// The connection still works for ordinary calls afterwards.
	if n, err := c.Call("queue.qsize", id); err != nil || n.String() != "0" {
		t.Fatalf("qsize = %v, %v", n, err)
	}
	var sent int
	for ; ; sent++ {
		err := SendMsg(fds[0], []byte{byte(sent)})
		if err == syscall.EAGAIN {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Send("queue.spill", id, starlark.Bytes([]byte{byte(sent)})); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Call("queue.spilled", id); v != starlark.False {
		t.Fatalf("spilled with a full socket = %v, want False", v)
	}
	buf := make([]byte, 16)
	for i := 0; i <= sent; i++ {
		if ok, err := Poll(fds[1], PollIn, 5*time.Second); !ok || err != nil {
			t.Fatalf("item %d: not readable (%v)", i, err)
		}
		n, err := RecvMsg(fds[1], buf)
		if err != nil || n != 1 || buf[0] != byte(i) {
			t.Fatalf("item %d: got %v %v, err %v", i, n, buf[:n], err)
		}
	}
	if _, err := RecvMsg(fds[1], buf); err != syscall.EAGAIN {
		t.Fatalf("empty socket: err %v, want EAGAIN", err)
	}
	// The hub's writer notes the overflow drained just after the reader
	// has the last item: the answer turns True, perhaps a moment later.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		v, _ := c.Call("queue.spilled", id)
		if v == starlark.True {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("spilled after draining = %v, want True", v)
		}
	}
}

// A blob asked for before its putter's message reaches the hub is waited
// for; one never put comes back None when the wait ends.
func TestBlobWaitsForItsPut(t *testing.T) {
	s, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := Dial(s.Addr(), 1, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Dial(s.Addr(), 2, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	go func() {
		time.Sleep(50 * time.Millisecond)
		a.Send("blob.put", starlark.MakeInt(7), starlark.Bytes("data"))
	}()
	if v, err := b.Call("blob.get", starlark.MakeInt(7), starlark.Float(5)); err != nil || v != starlark.Bytes("data") {
		t.Fatalf("blob.get = %v, %v", v, err)
	}
	if v, err := b.Call("blob.get", starlark.MakeInt(7), starlark.Float(0.05)); err != nil || v != starlark.None {
		t.Fatalf("blob.get of a taken blob = %v, %v; want None", v, err)
	}
}
