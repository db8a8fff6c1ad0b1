// Package signal is starproc's Python signal module, for what process
// scripts need without installing handlers: the signal numbers of Linux
// (signal.SIGTERM for os.kill, comparing with os.WTERMSIG), SIG_DFL and
// SIG_IGN, NSIG, strsignal and valid_signals.
//
// The numbers are plain ints: str(signal.SIGTERM) is "15" as in CPython
// 3.11, but the repr is 15, not <Signals.SIGTERM: 15>.
//
// Installing a handler is not supported: signal.signal, getsignal, alarm
// and pause raise NotImplementedError saying so, rather than pretending.
// (A Go process owns its signal handling; a script's handler would have to
// run on the interpreter's thread, which this module does not yet arrange.)
package signal

import (
	sigtab "github.com/starproc/starproc/internal/signals"
	"math"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime/pyerr"
)

// nsig is NSIG on Linux: one more than the highest signal number.
const nsig = 65

// Real-time signals as glibc numbers them.
const (
	sigrtmin = sigtab.RTMin
	sigrtmax = sigtab.RTMax
)

// signals are Linux's standard signals, by number.
var signals = sigtab.Table

// Module is the signal module:
//
//	SIGHUP ... SIGSYS, SIGIOT, SIGPOLL, SIGCLD, SIGRTMIN, SIGRTMAX  # ints
//	SIG_DFL = 0, SIG_IGN = 1, NSIG = 65, SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK
//	def strsignal(signalnum)   # 'Terminated', or None
//	def valid_signals()        # set of the valid signal numbers
//	def signal(signalnum, handler), getsignal(signalnum), alarm(seconds),
//	    pause()                # raise NotImplementedError
var Module = &starlarkstruct.Module{
	Name:    "signal",
	Members: members(),
}

func members() starlark.StringDict {
	m := starlark.StringDict{
		"SIG_DFL":       starlark.MakeInt(0),
		"SIG_IGN":       starlark.MakeInt(1),
		"NSIG":          starlark.MakeInt(nsig),
		"SIG_BLOCK":     starlark.MakeInt(0), // how values of pthread_sigmask
		"SIG_UNBLOCK":   starlark.MakeInt(1),
		"SIG_SETMASK":   starlark.MakeInt(2),
		"SIGIOT":        starlark.MakeInt(6),
		"SIGPOLL":       starlark.MakeInt(29),
		"SIGCLD":        starlark.MakeInt(17),
		"SIGRTMIN":      starlark.MakeInt(sigrtmin),
		"SIGRTMAX":      starlark.MakeInt(sigrtmax),
		"strsignal":     starlark.NewBuiltin("signal.strsignal", strsignal),
		"valid_signals": starlark.NewBuiltin("signal.valid_signals", validSignals),
	}
	for _, s := range signals {
		m[s.Name] = starlark.MakeInt(s.Num)
	}
	for _, name := range []string{"signal", "getsignal", "alarm", "pause"} {
		m[name] = starlark.NewBuiltin("signal."+name, unsupported)
	}
	return m
}

// signum is a signal number argument as CPython's "i" conversion takes it.
func signum(v starlark.Value) (int, error) {
	switch x := v.(type) {
	case starlark.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case starlark.Int:
		n, ok := x.Int64()
		if !ok || n > math.MaxInt32 || n < math.MinInt32 {
			return 0, pyerr.New("OverflowError", "Python int too large to convert to C int")
		}
		return int(n), nil
	}
	name := v.Type()
	if _, ok := v.(starlark.String); ok {
		name = "str"
	}
	return 0, pyerr.TypeError("'%s' object cannot be interpreted as an integer", name)
}

// strsignal is signal.strsignal(signalnum): glibc's description, or None
// for a number glibc calls "Unknown signal" (32 and 33).
func strsignal(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, &pyerr.Error{Type: "TypeError", Msg: err.Error(), Err: err}
	}
	n, err := signum(v)
	if err != nil {
		return nil, err
	}
	if n < 1 || n >= nsig {
		return nil, pyerr.ValueError("signal number out of range")
	}
	if n <= len(signals) {
		return starlark.String(signals[n-1].Text), nil
	}
	if n >= sigrtmin {
		return starlark.String("Real-time signal " + starlark.MakeInt(n-sigrtmin).String()), nil
	}
	return starlark.None, nil
}

// validSignals is signal.valid_signals(): 1-31 and 34-64 on Linux.
func validSignals(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, &pyerr.Error{Type: "TypeError", Msg: err.Error(), Err: err}
	}
	s := starlark.NewSet(nsig)
	for n := 1; n < nsig; n++ {
		if n > len(signals) && n < sigrtmin {
			continue
		}
		if err := s.Insert(starlark.MakeInt(n)); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// unsupported is signal.signal and friends: handlers cannot be installed.
func unsupported(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return nil, pyerr.New("NotImplementedError", "%s: signal handlers are not supported by starproc", b.Name())
}
