package hub

import (
	"syscall"
	"testing"
	"time"

	"go.starlark.net/starlark"
)

// A fast queue's descriptors reach a client by SCM_RIGHTS, items put on
// one end come out of the other in order with their boundaries, and
// messages a process hands over when the socket is full — one carrying a
// memory file — are fed to the socket after the items before them.
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
	if err != nil || len(fds) != 3 {
		t.Fatalf("queue.fds: %v, %d descriptors", err, len(fds))
	}
	defer syscall.Close(fds[0])
	defer syscall.Close(fds[1])
	counts, err := MapCounts(fds[2])
	if err != nil {
		t.Fatal(err)
	}
	defer counts.Close()
	// The connection still works for ordinary calls afterwards, and the
	// hub's qsize reads the count the client moves.
	n64, _ := id.(starlark.Int).Int64()
	counts.Add(n64, 5)
	if n, err := c.Call("queue.qsize", id); err != nil || n.String() != "5" {
		t.Fatalf("qsize = %v, %v; want 5", n, err)
	}
	counts.Add(n64, -5)
	var sent int
	for ; ; sent++ {
		err := SendMsgFD(fds[0], []byte{byte(sent)}, NoFD)
		if err == syscall.EAGAIN {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	file, err := MemFile([]byte("large"))
	if err != nil {
		t.Fatal(err)
	}
	msgs := starlark.Tuple{starlark.Bytes([]byte{byte(sent)}), starlark.Bytes("F"), starlark.Bytes([]byte{byte(sent + 2)})}
	carries := starlark.Tuple{starlark.False, starlark.True, starlark.False}
	if err := c.SendFDs([]int{file}, "queue.spill", id, msgs, carries); err != nil {
		t.Fatal(err)
	}
	syscall.Close(file) // the hub has its own copy
	if v, _ := c.Call("queue.spilled", id); v != starlark.False {
		t.Fatalf("spilled with a full socket = %v, want False", v)
	}
	buf, oob := make([]byte, 16), make([]byte, OOBSize)
	for i := 0; i <= sent+2; i++ {
		if ok, err := Poll(fds[1], PollIn, 5*time.Second); !ok || err != nil {
			t.Fatalf("item %d: not readable (%v)", i, err)
		}
		n, fd, err := RecvMsgFD(fds[1], buf, oob)
		if err != nil {
			t.Fatalf("item %d: %v", i, err)
		}
		if i == sent+1 {
			if fd == NoFD || string(buf[:n]) != "F" {
				t.Fatalf("item %d: got %q with fd %d, want the memory file", i, buf[:n], fd)
			}
			if b, err := ReadMemFile(fd, 5); err != nil || string(b) != "large" {
				t.Fatalf("memory file holds %q, %v", b, err)
			}
			syscall.Close(fd)
			continue
		}
		if fd != NoFD || n != 1 || buf[0] != byte(i) {
			t.Fatalf("item %d: got %v (fd %d), err %v", i, buf[:n], fd, err)
		}
	}
	if _, _, err := RecvMsgFD(fds[1], buf, oob); err != syscall.EAGAIN {
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
