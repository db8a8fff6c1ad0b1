// Package queue is Python's queue module for starproc: the in-process
// Queue, LifoQueue, PriorityQueue and SimpleQueue, and the exceptions
// Empty and Full that multiprocessing's queues raise too.
//
// A starproc process runs one interpreter thread, so no other thread can
// ever fill an empty queue or drain a full one. Where CPython would block
// forever (get on an empty queue, put on a full one, join with unfinished
// tasks, all without a timeout) these queues raise a RuntimeError that
// says so instead of hanging; with a timeout they wait it out, as CPython
// does, and raise Empty or Full.
package queue

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// Module is the queue module.
//
//	class Queue(maxsize=0), LifoQueue(maxsize=0), PriorityQueue(maxsize=0), SimpleQueue()
//	class Empty, Full
var Module = &starlarkstruct.Module{
	Name: "queue",
	Members: starlark.StringDict{
		"Queue":         starlark.NewBuiltin("queue.Queue", newQueue),
		"LifoQueue":     starlark.NewBuiltin("queue.LifoQueue", newQueue),
		"PriorityQueue": starlark.NewBuiltin("queue.PriorityQueue", newQueue),
		"SimpleQueue":   starlark.NewBuiltin("_queue.SimpleQueue", newQueue),
		"Empty":         starlark.NewBuiltin("_queue.Empty", newException),
		"Full":          starlark.NewBuiltin("queue.Full", newException),
	},
}

// Empty returns the exception a get on an empty queue raises: _queue.Empty.
func Empty() *pyerr.Error { return pyerr.New("_queue.Empty", "") }

// Full returns the exception a put on a full queue raises: queue.Full.
func Full() *pyerr.Error { return pyerr.New("queue.Full", "") }

// Queue is one of the queue module's queues, told apart by class.
type Queue struct {
	class      string // "Queue", "LifoQueue", "PriorityQueue" or "SimpleQueue"
	maxsize    int
	items      []starlark.Value
	unfinished int
	serial     int // for a repr address that is the same in every run
}

var (
	_ starlark.HasAttrs = (*Queue)(nil)
	_ pyfmt.Reprer      = (*Queue)(nil)
)

const serialKey = "queue.serial"

// def Queue(maxsize=0)
func newQueue(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	class := b.Name()[strings.IndexByte(b.Name(), '.')+1:]
	q := &Queue{class: class}
	if class == "SimpleQueue" {
		if err := starlark.UnpackPositionalArgs("SimpleQueue", args, kwargs, 0); err != nil {
			return nil, pyerr.TypeError("%s", err)
		}
	} else if err := starlark.UnpackArgs(class, args, kwargs, "maxsize?", &q.maxsize); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	n, _ := thread.Local(serialKey).(int)
	q.serial = n + 1
	thread.SetLocal(serialKey, q.serial)
	return q, nil
}

// PyRepr is <queue.Queue object at 0x7f...>.
func (q *Queue) PyRepr() string {
	name := "queue." + q.class
	if q.class == "SimpleQueue" {
		name = "_queue.SimpleQueue"
	}
	return "<" + name + " object at " + pyfmt.FakeAddress(fmt.Sprintf("%s#%d", name, q.serial)) + ">"
}
func (q *Queue) String() string        { return q.PyRepr() }
func (q *Queue) Type() string          { return "queue." + q.class }
func (q *Queue) Freeze()               {}
func (q *Queue) Truth() starlark.Bool  { return true }
func (q *Queue) Hash() (uint32, error) { return uint32(q.serial) * 2654435761, nil }

type method = func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)

var methods = map[string]method{
	"put": queuePut, "get": queueGet, "put_nowait": queuePutNowait, "get_nowait": queueGetNowait,
	"qsize": queueQsize, "empty": queueEmpty, "full": queueFull, "task_done": queueTaskDone, "join": queueJoin,
}

var simpleMethods = []string{"empty", "get", "get_nowait", "put", "put_nowait", "qsize"}

// Attr returns maxsize, unfinished_tasks and the methods.
func (q *Queue) Attr(name string) (starlark.Value, error) {
	if q.class == "SimpleQueue" {
		i := sort.SearchStrings(simpleMethods, name)
		if i == len(simpleMethods) || simpleMethods[i] != name {
			return nil, nil
		}
	} else {
		switch name {
		case "maxsize":
			return starlark.MakeInt(q.maxsize), nil
		case "unfinished_tasks":
			return starlark.MakeInt(q.unfinished), nil
		}
	}
	if fn, ok := methods[name]; ok {
		return starlark.NewBuiltin(name, fn).BindReceiver(q), nil
	}
	return nil, nil
}

// AttrNames lists the attributes in sorted order.
func (q *Queue) AttrNames() []string {
	if q.class == "SimpleQueue" {
		return append([]string(nil), simpleMethods...)
	}
	names := []string{"maxsize", "unfinished_tasks"}
	for k := range methods {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func (q *Queue) full() bool { return q.maxsize > 0 && len(q.items) >= q.maxsize }

// errForever is what starproc raises where CPython's single thread would
// wait forever: nothing else in this process can ever wake it.
func errForever(what string) error {
	return pyerr.New("RuntimeError", "%s would wait forever: no other thread of this process can %s (starproc runs one thread per process)", what, map[string]string{
		"get()": "put an item in the empty queue", "put()": "take an item from the full queue",
		"join()": "call task_done() for the unfinished tasks",
	}[what])
}

// sleep waits out a timeout, as a blocked CPython thread would.
func sleep(thread *starlark.Thread, seconds float64) error {
	t := time.NewTimer(time.Duration(seconds * float64(time.Second)))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-runtime.Of(thread).InterruptC():
		return runtime.ErrInterrupted
	}
}

func timeoutSeconds(timeout starlark.Value) (float64, error) {
	f, ok := starlark.AsFloat(timeout)
	if !ok {
		return 0, pyerr.TypeError("'<' not supported between instances of '%s' and 'int'", pyfmt.TypeName(timeout))
	}
	if f < 0 {
		return 0, pyerr.ValueError("'timeout' must be a non-negative number")
	}
	return f, nil
}

func (q *Queue) put(thread *starlark.Thread, item starlark.Value, block bool, timeout starlark.Value) error {
	if q.maxsize > 0 && q.class != "SimpleQueue" {
		switch {
		case !block:
			if q.full() {
				return Full()
			}
		case timeout == starlark.None:
			if q.full() {
				return errForever("put()")
			}
		default:
			secs, err := timeoutSeconds(timeout)
			if err != nil {
				return err
			}
			if q.full() {
				if err := sleep(thread, secs); err != nil {
					return err
				}
				return Full()
			}
		}
	}
	if q.class == "PriorityQueue" {
		if err := q.heapPush(item); err != nil {
			return err
		}
	} else {
		q.items = append(q.items, item)
	}
	q.unfinished++
	return nil
}

func (q *Queue) get(thread *starlark.Thread, block bool, timeout starlark.Value) (starlark.Value, error) {
	switch {
	case !block:
		if len(q.items) == 0 {
			return nil, Empty()
		}
	case timeout == starlark.None:
		if len(q.items) == 0 {
			return nil, errForever("get()")
		}
	default:
		secs, err := timeoutSeconds(timeout)
		if err != nil {
			return nil, err
		}
		if len(q.items) == 0 {
			if err := sleep(thread, secs); err != nil {
				return nil, err
			}
			return nil, Empty()
		}
	}
	switch q.class {
	case "LifoQueue":
		n := len(q.items) - 1
		item := q.items[n]
		q.items[n] = nil
		q.items = q.items[:n]
		return item, nil
	case "PriorityQueue":
		return q.heapPop()
	}
	item := q.items[0]
	q.items[0] = nil
	q.items = q.items[1:]
	return item, nil
}

// less is a < b with CPython's message when they cannot be compared.
func less(a, b starlark.Value) (bool, error) {
	lt, err := starlark.Compare(syntax.LT, a, b)
	if err != nil {
		return false, pyerr.TypeError("'<' not supported between instances of '%s' and '%s'", pyfmt.TypeName(a), pyfmt.TypeName(b))
	}
	return lt, nil
}

// heapPush and heapPop are Python's heapq.heappush and heappop, step for
// step, so that items of equal priority come out in CPython's order.
func (q *Queue) heapPush(item starlark.Value) error {
	q.items = append(q.items, item)
	return q.siftDown(0, len(q.items)-1)
}

func (q *Queue) heapPop() (starlark.Value, error) {
	h := q.items
	last := h[len(h)-1]
	h[len(h)-1] = nil
	q.items = h[:len(h)-1]
	if len(q.items) == 0 {
		return last, nil
	}
	top := q.items[0]
	q.items[0] = last
	return top, q.siftUp(0)
}

func (q *Queue) siftDown(start, pos int) error {
	h := q.items
	item := h[pos]
	for pos > start {
		parentPos := (pos - 1) >> 1
		parent := h[parentPos]
		lt, err := less(item, parent)
		if err != nil {
			return err
		}
		if !lt {
			break
		}
		h[pos] = parent
		pos = parentPos
	}
	h[pos] = item
	return nil
}

func (q *Queue) siftUp(pos int) error {
	h := q.items
	end, start, item := len(h), pos, h[pos]
	child := 2*pos + 1
	for child < end {
		if right := child + 1; right < end {
			lt, err := less(h[child], h[right])
			if err != nil {
				return err
			}
			if !lt {
				child = right
			}
		}
		h[pos] = h[child]
		pos = child
		child = 2*pos + 1
	}
	h[pos] = item
	return q.siftDown(start, pos)
}

// def put(item, block=True, timeout=None)
func queuePut(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var item starlark.Value
	block, timeout := true, starlark.Value(starlark.None)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "item", &item, "block?", &block, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, b.Receiver().(*Queue).put(thread, item, block, timeout)
}

// def put_nowait(item)
func queuePutNowait(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var item starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "item", &item); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, b.Receiver().(*Queue).put(thread, item, false, starlark.None)
}

// def get(block=True, timeout=None)
func queueGet(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	block, timeout := true, starlark.Value(starlark.None)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "block?", &block, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return b.Receiver().(*Queue).get(thread, block, timeout)
}

// def get_nowait()
func queueGetNowait(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return b.Receiver().(*Queue).get(thread, false, starlark.None)
}

// def qsize()
func queueQsize(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.MakeInt(len(b.Receiver().(*Queue).items)), nil
}

// def empty()
func queueEmpty(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.Bool(len(b.Receiver().(*Queue).items) == 0), nil
}

// def full()
func queueFull(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.Bool(b.Receiver().(*Queue).full()), nil
}

// def task_done()
func queueTaskDone(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	q := b.Receiver().(*Queue)
	if q.unfinished <= 0 {
		return nil, pyerr.ValueError("task_done() called too many times")
	}
	q.unfinished--
	return starlark.None, nil
}

// def join()
func queueJoin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	if b.Receiver().(*Queue).unfinished > 0 {
		return nil, errForever("join()")
	}
	return starlark.None, nil
}
