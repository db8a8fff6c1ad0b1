package multiprocessing

import (
	"fmt"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/builtins/queue"
	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/wire"
)

// Queue is multiprocessing's Queue, SimpleQueue or JoinableQueue: a queue
// in the run's hub, shared by every process that holds it. Items cross by
// value: put encodes them at once, so a list changed after put arrives as
// it was.
type Queue struct {
	class   string // "Queue", "SimpleQueue" or "JoinableQueue"
	id      int64  // the hub's queue
	maxsize int    // 0: unbounded
	closed  bool   // this process's close(), as in CPython
}

var (
	_ starlark.HasAttrs = (*Queue)(nil)
	_ pyfmt.Reprer      = (*Queue)(nil)
	_ wire.Handle       = (*Queue)(nil)
)

// A handle packs the hub's id with what a process needs to rebuild the
// object without asking the hub: a queue's maxsize, a connection's second
// queue. Ids and sizes stay below 2^31.
const idBits = 32

// WireHandle makes a queue cross a process boundary by identity.
func (q *Queue) WireHandle() (string, int64) {
	return "multiprocessing." + q.class, int64(q.maxsize)<<idBits | q.id
}

// registerHandles tells the run how to rebuild queues and connections
// that crossed into this process (spawn arguments, items of queues).
func registerHandles(st *runtime.State) {
	for _, class := range []string{"Queue", "SimpleQueue", "JoinableQueue"} {
		class := class
		st.RegisterHandle("multiprocessing."+class, func(_ *starlark.Thread, id int64) (starlark.Value, error) {
			return &Queue{class: class, id: id & (1<<idBits - 1), maxsize: int(id >> idBits)}, nil
		})
	}
	st.RegisterHandle("multiprocessing.Connection", func(_ *starlark.Thread, id int64) (starlark.Value, error) {
		return &Connection{r: id >> idBits, w: id & (1<<idBits - 1)}, nil
	})
}

// def Queue(maxsize=0)
func newQueue(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return makeQueue(thread, b, args, kwargs, "Queue")
}

// def JoinableQueue(maxsize=0)
func newJoinableQueue(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return makeQueue(thread, b, args, kwargs, "JoinableQueue")
}

// def SimpleQueue()
func newSimpleQueue(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	id, err := newHubQueues(thread, "multiprocessing.SimpleQueue", 1, 0, true)
	if err != nil {
		return nil, err
	}
	return &Queue{class: "SimpleQueue", id: id[0]}, nil
}

func makeQueue(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple, class string) (starlark.Value, error) {
	maxsize := 0
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "maxsize?", &maxsize); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	if maxsize < 0 || maxsize >= 1<<31 {
		maxsize = 0 // CPython's SEM_VALUE_MAX: unbounded in practice
	}
	id, err := newHubQueues(thread, "multiprocessing."+class, 1, maxsize, maxsize == 0 && class != "JoinableQueue")
	if err != nil {
		return nil, err
	}
	return &Queue{class: class, id: id[0], maxsize: maxsize}, nil
}

func errEmpty() error { return queue.Empty() }
func errFull() error  { return queue.Full() }

// PyRepr is <multiprocessing.queues.Queue object at 0x7f...>.
func (q *Queue) PyRepr() string {
	name := "multiprocessing.queues." + q.class
	return "<" + name + " object at " + pyfmt.FakeAddress(fmt.Sprintf("%s#%d", name, q.id)) + ">"
}
func (q *Queue) String() string        { return q.PyRepr() }
func (q *Queue) Type() string          { return "multiprocessing.queues." + q.class }
func (q *Queue) Freeze()               {}
func (q *Queue) Truth() starlark.Bool  { return true }
func (q *Queue) Hash() (uint32, error) { return uint32(q.id) * 2654435761, nil }

type method = func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)

var queueMethods = map[string]method{
	"put": queuePut, "get": queueGet, "put_nowait": queuePutNowait, "get_nowait": queueGetNowait,
	"qsize": queueQsize, "empty": queueEmpty, "full": queueFull, "close": queueClose,
	"join_thread": queueJoinThread, "cancel_join_thread": queueCancelJoinThread,
}

var joinableMethods = map[string]method{"task_done": queueTaskDone, "join": queueJoin}

var simpleMethods = map[string]method{"put": queuePut, "get": queueGet, "empty": queueEmpty, "close": queueClose}

func (q *Queue) methods() []map[string]method {
	switch q.class {
	case "SimpleQueue":
		return []map[string]method{simpleMethods}
	case "JoinableQueue":
		return []map[string]method{queueMethods, joinableMethods}
	}
	return []map[string]method{queueMethods}
}

// Attr returns the queue's methods.
func (q *Queue) Attr(name string) (starlark.Value, error) {
	for _, m := range q.methods() {
		if fn, ok := m[name]; ok {
			return starlark.NewBuiltin(name, fn).BindReceiver(q), nil
		}
	}
	return nil, nil
}

// AttrNames lists the methods in sorted order.
func (q *Queue) AttrNames() []string {
	all := map[string]method{}
	for _, m := range q.methods() {
		for k, v := range m {
			all[k] = v
		}
	}
	return sortedKeys(all)
}

// checkOpen is CPython's check that this process has not closed q.
func (q *Queue) checkOpen() error {
	if !q.closed {
		return nil
	}
	if q.class == "SimpleQueue" {
		return pyerr.New("OSError", "handle is closed")
	}
	return pyerr.ValueError("Queue %s is closed", q.PyRepr())
}

// put puts one encoded item, waiting for room as block and timeout say.
func (q *Queue) put(thread *starlark.Thread, item starlark.Value, block bool, timeout starlark.Value) error {
	if err := q.checkOpen(); err != nil {
		return err
	}
	enc, err := encodeItem(item)
	if err != nil {
		return err
	}
	st := runtime.Of(thread)
	_, err = runtime.Effect(thread, "multiprocessing.Queue.put", func() (starlark.Value, error) {
		if q.isFast() {
			return starlark.None, fastPut(thread, q.id, enc, true)
		}
		if q.maxsize == 0 {
			return hubSend(st, "queue.put", starlark.MakeInt64(q.id), starlark.Bytes(enc), starlark.False, starlark.None)
		}
		if !block {
			return hubCall(st, "queue.put", starlark.MakeInt64(q.id), starlark.Bytes(enc), starlark.False, starlark.None)
		}
		return waitLoop(st, timeout, errFull(), func(wait starlark.Value) (starlark.Value, bool, error) {
			v, err := hubCall(st, "queue.put", starlark.MakeInt64(q.id), starlark.Bytes(enc), starlark.True, wait)
			if isPyErr(err, "queue.Full") {
				return nil, false, nil
			}
			return v, true, err
		})
	})
	return err
}

// get takes one item, waiting for one as block and timeout say.
func (q *Queue) get(thread *starlark.Thread, block bool, timeout starlark.Value) (starlark.Value, error) {
	if err := q.checkOpen(); err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	v, err := runtime.Effect(thread, "multiprocessing.Queue.get", func() (starlark.Value, error) {
		if q.isFast() {
			return fastGet(thread, q.id, block, timeout, true)
		}
		if !block {
			return hubCall(st, "queue.get", starlark.MakeInt64(q.id), starlark.False, starlark.None)
		}
		return waitLoop(st, timeout, errEmpty(), func(wait starlark.Value) (starlark.Value, bool, error) {
			v, err := hubCall(st, "queue.get", starlark.MakeInt64(q.id), starlark.True, wait)
			if isPyErr(err, "_queue.Empty") {
				return nil, false, nil
			}
			return v, true, err
		})
	})
	if err != nil {
		return nil, err
	}
	b, _ := v.(starlark.Bytes)
	return decodeItem(thread, []byte(b))
}

func (q *Queue) qsize(thread *starlark.Thread) (int, error) {
	st := runtime.Of(thread)
	v, err := runtime.Effect(thread, "multiprocessing.Queue.qsize", func() (starlark.Value, error) {
		if q.isFast() {
			n, err := fastCount(thread, q.id)
			return starlark.MakeInt(n), err
		}
		return hubCall(st, "queue.qsize", starlark.MakeInt64(q.id))
	})
	if err != nil {
		return 0, err
	}
	n, _ := starlark.AsInt32(v)
	return n, nil
}

// def put(obj, block=True, timeout=None)
func queuePut(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	q := b.Receiver().(*Queue)
	var item starlark.Value
	block, timeout := true, starlark.Value(starlark.None)
	if q.class == "SimpleQueue" {
		if err := starlark.UnpackArgs(b.Name(), args, kwargs, "obj", &item); err != nil {
			return nil, pyerr.TypeError("%s", err)
		}
	} else if err := starlark.UnpackArgs(b.Name(), args, kwargs, "obj", &item, "block?", &block, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, q.put(thread, item, block, timeout)
}

// def put_nowait(obj)
func queuePutNowait(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var item starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "obj", &item); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, b.Receiver().(*Queue).put(thread, item, false, starlark.None)
}

// def get(block=True, timeout=None)
func queueGet(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	q := b.Receiver().(*Queue)
	block, timeout := true, starlark.Value(starlark.None)
	if q.class == "SimpleQueue" {
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
			return nil, pyerr.TypeError("%s", err)
		}
	} else if err := starlark.UnpackArgs(b.Name(), args, kwargs, "block?", &block, "timeout?", &timeout); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return q.get(thread, block, timeout)
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
	n, err := b.Receiver().(*Queue).qsize(thread)
	return starlark.MakeInt(n), err
}

// def empty()
func queueEmpty(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	q := b.Receiver().(*Queue)
	if q.class == "SimpleQueue" {
		if err := q.checkOpen(); err != nil {
			return nil, err
		}
	}
	if q.isFast() {
		// CPython's empty() polls the pipe.
		return runtime.Effect(thread, "multiprocessing.Queue.empty", func() (starlark.Value, error) {
			ready, err := fastReady(thread, q.id, starlark.Float(0))
			return starlark.Bool(!ready), err
		})
	}
	n, err := q.qsize(thread)
	return starlark.Bool(n == 0), err
}

// def full()
func queueFull(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	q := b.Receiver().(*Queue)
	if q.maxsize == 0 {
		return starlark.False, nil
	}
	n, err := q.qsize(thread)
	return starlark.Bool(n >= q.maxsize), err
}

// def close() — this process will put and get no more.
func queueClose(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	q := b.Receiver().(*Queue)
	q.closed = true
	if q.isFast() {
		closeFast(thread, q.id)
	}
	return starlark.None, nil
}

// def join_thread() — items are in the hub as soon as put returns, so
// there is no feeder thread to wait for; only CPython's check remains.
func queueJoinThread(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	q := b.Receiver().(*Queue)
	if !q.closed {
		return nil, pyerr.New("AssertionError", "Queue %s not closed", q.PyRepr())
	}
	return starlark.None, nil
}

// def cancel_join_thread()
func queueCancelJoinThread(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	return starlark.None, nil
}

// def task_done()
func queueTaskDone(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	q := b.Receiver().(*Queue)
	st := runtime.Of(thread)
	return runtime.Effect(thread, "multiprocessing.JoinableQueue.task_done", func() (starlark.Value, error) {
		return hubCall(st, "queue.task_done", starlark.MakeInt64(q.id))
	})
}

// def join() — wait until every item put has been marked task_done.
func queueJoin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, pyerr.TypeError("%s", err)
	}
	q := b.Receiver().(*Queue)
	st := runtime.Of(thread)
	_, err := runtime.Effect(thread, "multiprocessing.JoinableQueue.join", func() (starlark.Value, error) {
		return waitLoop(st, starlark.None, nil, func(wait starlark.Value) (starlark.Value, bool, error) {
			v, err := hubCall(st, "queue.join", starlark.MakeInt64(q.id), wait)
			return starlark.None, v == starlark.True, err
		})
	})
	if err != nil {
		return nil, err
	}
	return starlark.None, nil
}
