package multiprocessing

import (
	"errors"
	"time"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/hub"
	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/wire"
)

// newHubQueues makes n queues in the hub; fast ones are socketpairs
// (fast.go).
func newHubQueues(thread *starlark.Thread, kind string, n, maxsize int, fast bool) ([]int64, error) {
	st := runtime.Of(thread)
	v, err := runtime.Effect(thread, kind, func() (starlark.Value, error) {
		ids := make(starlark.Tuple, n)
		for i := range ids {
			id, err := hubCall(st, "queue.new", starlark.MakeInt(maxsize), starlark.Bool(fast))
			if err != nil {
				return nil, err
			}
			ids[i] = id
		}
		return ids, nil
	})
	if err != nil {
		return nil, err
	}
	t, _ := v.(starlark.Tuple)
	ids := make([]int64, len(t))
	for i, x := range t {
		n, _ := x.(starlark.Int).Int64()
		if n >= 1<<31 {
			return nil, pyerr.New("OSError", "too many queues in this run")
		}
		ids[i] = n
	}
	return ids, nil
}

var errNoHub = pyerr.New("OSError", "multiprocessing queues and pipes need the run's hub, and this host runs no child processes")

// hubClient returns this process's connection to the run's hub.
func hubClient(st *runtime.State) (*hub.Client, error) {
	if st.Hub == nil {
		return nil, errNoHub
	}
	return st.Hub()
}

// hubCall sends one request to the run's hub.
func hubCall(st *runtime.State, op string, args ...starlark.Value) (starlark.Value, error) {
	c, err := hubClient(st)
	if err != nil {
		return nil, err
	}
	return c.Call(op, args...)
}

// hubSend sends one request that cannot fail and wants no answer (a put on
// an unbounded queue): the producer does not wait for a round trip.
func hubSend(st *runtime.State, op string, args ...starlark.Value) (starlark.Value, error) {
	c, err := hubClient(st)
	if err != nil {
		return nil, err
	}
	return starlark.None, c.Send(op, args...)
}

// waitSlice is the longest a hub request waits before this process looks
// for an interrupt (Ctrl-C) and asks again; the hub answers as soon as the
// queue changes, so the slice costs no latency.
const waitSlice = 0.25

// waitLoop repeats try — a hub request that waits at most the given
// number of seconds — until it reports done, the timeout (None: never)
// passes, when it returns expired, or the run is interrupted.
func waitLoop(st *runtime.State, timeout starlark.Value, expired error, try func(wait starlark.Value) (v starlark.Value, done bool, err error)) (starlark.Value, error) {
	deadline, err := deadlineFor(timeout)
	if err != nil {
		return nil, err
	}
	for {
		if st.Interrupted() {
			return nil, runtime.ErrInterrupted
		}
		wait := waitSlice
		if !deadline.IsZero() {
			if left := time.Until(deadline).Seconds(); left < wait {
				wait = max(left, 0)
			}
		}
		v, done, err := try(starlark.Float(wait))
		if err != nil || done {
			return v, err
		}
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			return nil, expired
		}
	}
}

// deadlineFor is when a wait of timeout seconds ends (zero for None: never).
func deadlineFor(timeout starlark.Value) (time.Time, error) {
	if timeout == starlark.None {
		return time.Time{}, nil
	}
	f, ok := starlark.AsFloat(timeout)
	if !ok {
		return time.Time{}, pyerr.TypeError("'>' not supported between instances of '%s' and 'int'", pyfmt.TypeName(timeout))
	}
	if f < 0 {
		f = 0
	}
	return time.Now().Add(time.Duration(f * float64(time.Second))), nil
}

// isPyErr reports whether err is the Python exception typ.
func isPyErr(err error, typ string) bool {
	var pe *pyerr.Error
	return errors.As(err, &pe) && pe.Type == typ
}

// encodeItem encodes what goes into a queue or pipe, by value, refusing
// queues: CPython shares them only by inheritance (Process arguments).
func encodeItem(v starlark.Value) ([]byte, error) {
	if class := findQueue(v, 0); class != "" {
		return nil, pyerr.New("RuntimeError", "%s objects should only be shared between processes through inheritance", class)
	}
	return wire.Encode(nil, v)
}

// findQueue returns the class of a queue inside v, or "".
func findQueue(v starlark.Value, depth int) string {
	if depth > 100 {
		return ""
	}
	switch v := v.(type) {
	case *Queue:
		return v.class
	case starlark.Tuple:
		for _, x := range v {
			if c := findQueue(x, depth+1); c != "" {
				return c
			}
		}
	case *starlark.List:
		for i := 0; i < v.Len(); i++ {
			if c := findQueue(v.Index(i), depth+1); c != "" {
				return c
			}
		}
	case *starlark.Dict:
		for _, kv := range v.Items() {
			if c := findQueue(kv[1], depth+1); c != "" {
				return c
			}
		}
	}
	return ""
}

// decodeItem rebuilds an item that came out of a queue.
func decodeItem(thread *starlark.Thread, b []byte) (starlark.Value, error) {
	v, _, err := wire.Decode(runtime.Of(thread).Decoder(thread), b)
	return v, err
}
