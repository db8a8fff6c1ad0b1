package queue

import (
	"errors"
	"strings"
	"testing"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// run executes src with the queue module as `queue` and returns repr(out),
// or the Python exception's last traceback line.
func run(t *testing.T, src string) string {
	t.Helper()
	g, err := starlark.ExecFile(new(starlark.Thread), "case.star", src, starlark.StringDict{"queue": Module})
	var pe *pyerr.Error
	switch {
	case errors.As(err, &pe):
		if pe.Msg == "" {
			return pe.Type
		}
		return pe.Type + ": " + pe.Msg
	case err != nil:
		return "go: " + err.Error()
	}
	return pyfmt.Repr(g["out"])
}

// Expectations captured from CPython 3.11.
func TestQueuesBehaveAsCPython(t *testing.T) {
	cases := []struct{ src, want string }{
		{"q = queue.Queue()\nq.put(1)\nq.put('a')\nout = [q.get(), q.get(), q.empty()]", "[1, 'a', True]"},
		{"q = queue.LifoQueue()\nq.put(1)\nq.put(2)\nout = [q.get(), q.get()]", "[2, 1]"},
		{"q = queue.PriorityQueue()\n[q.put(x) for x in [5, 1, 4, 1, 3, 9, 2]]\nout = [q.get() for _ in range(7)]", "[1, 1, 2, 3, 4, 5, 9]"},
		{"q = queue.PriorityQueue()\nq.put((2, 'b'))\nq.put((1, 'z'))\nq.put((2, 'a'))\nout = [q.get() for _ in range(3)]", "[(1, 'z'), (2, 'a'), (2, 'b')]"},
		{"q = queue.PriorityQueue()\nq.put(3)\nq.put('a')", "TypeError: '<' not supported between instances of 'str' and 'int'"},
		{"q = queue.Queue(2)\nq.put(1)\nq.put(2)\nout = [q.qsize(), q.full(), q.empty(), q.maxsize]", "[2, True, False, 2]"},
		{"q = queue.Queue(2)\nq.put(1)\nq.put(2)\nq.put_nowait(3)", "queue.Full"},
		{"q = queue.Queue(1)\nq.put(1)\nq.put(2, timeout=0.01)", "queue.Full"},
		{"q = queue.Queue(1)\nq.put(1)\nq.put(2, timeout=-1)", "ValueError: 'timeout' must be a non-negative number"},
		{"q = queue.Queue()\nq.put(1, timeout=-1)\nout = q.get()", "1"},
		{"q = queue.Queue()\nq.get_nowait()", "_queue.Empty"},
		{"q = queue.Queue()\nq.get(False)", "_queue.Empty"},
		{"q = queue.Queue()\nq.get(timeout=0.01)", "_queue.Empty"},
		{"q = queue.Queue()\nq.put(1)\nq.get(timeout=-1)", "ValueError: 'timeout' must be a non-negative number"},
		{"q = queue.Queue()\nq.put(1)\nq.get()\nq.task_done()\nq.join()\nq.task_done()", "ValueError: task_done() called too many times"},
		{"q = queue.Queue()\nq.put(1)\nout = q.unfinished_tasks", "1"},
		{"q = queue.SimpleQueue()\nq.put(1)\nout = [q.get(), q.qsize(), q.empty()]", "[1, 0, True]"},
		{"out = queue.Empty()", "Empty()"},
		{"out = [queue.Full('x'), queue.Full('x').args, queue.Empty(1, 2)]", "[Full('x'), ('x',), Empty(1, 2)]"},
		{"out = [queue.Empty, queue.Full, queue.Queue]", "[<class '_queue.Empty'>, <class 'queue.Full'>, <class 'queue.Queue'>]"},
		{"out = dir(queue.Queue())", "['empty', 'full', 'get', 'get_nowait', 'join', 'maxsize', 'put', 'put_nowait', 'qsize', 'task_done', 'unfinished_tasks']"},
		{"out = dir(queue.SimpleQueue())", "['empty', 'get', 'get_nowait', 'put', 'put_nowait', 'qsize']"},
	}
	for _, c := range cases {
		if got := run(t, c.src); got != c.want {
			t.Errorf("%s\ngot  %s\nwant %s", c.src, got, c.want)
		}
	}
}

// CPython would wait forever in these cases; starproc says why instead.
func TestStrOfAnExceptionIsItsMessage(t *testing.T) {
	g, err := starlark.ExecFile(new(starlark.Thread), "case.star", "out = queue.Full('x')", starlark.StringDict{"queue": Module})
	if err != nil {
		t.Fatal(err)
	}
	if got := pyfmt.Str(g["out"]); got != "x" {
		t.Errorf("str(Full('x')) = %q, want 'x'", got)
	}
}

func TestWaitsThatCouldNeverEndAreRefused(t *testing.T) {
	for _, src := range []string{
		"q = queue.Queue()\nq.get()",
		"q = queue.Queue(1)\nq.put(1)\nq.put(2)",
		"q = queue.Queue()\nq.put(1)\nq.join()",
	} {
		got := run(t, src)
		if !strings.HasPrefix(got, "RuntimeError: ") || !strings.Contains(got, "would wait forever") {
			t.Errorf("%s\ngot %s", src, got)
		}
	}
}

func TestTimedGetWaitsOutItsTimeout(t *testing.T) {
	start := time.Now()
	if got := run(t, "q = queue.Queue()\nq.get(True, 0.05)"); got != "_queue.Empty" {
		t.Fatalf("got %s", got)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("get(timeout=0.05) returned after %v", d)
	}
}

func TestReprsLookLikeCPythonAndAreStable(t *testing.T) {
	a := run(t, "out = [queue.Queue(), queue.LifoQueue(), queue.SimpleQueue()]")
	b := run(t, "out = [queue.Queue(), queue.LifoQueue(), queue.SimpleQueue()]")
	if a != b {
		t.Errorf("reprs differ between runs: %s vs %s", a, b)
	}
	for _, prefix := range []string{"[<queue.Queue object at 0x7f", ">, <queue.LifoQueue object at 0x7f", ">, <_queue.SimpleQueue object at 0x7f"} {
		if !strings.Contains(a, prefix) {
			t.Errorf("%s lacks %q", a, prefix)
		}
	}
}
