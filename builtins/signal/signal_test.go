package signal

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

func eval(expr string) (starlark.Value, error) {
	g, err := starlark.ExecFile(new(starlark.Thread), "case.star", "out = "+expr, starlark.StringDict{"signal": Module})
	if err != nil {
		return nil, err
	}
	return g["out"], nil
}

func TestConstantsAreLinuxNumbers(t *testing.T) {
	for name, want := range constants {
		v, ok := Module.Members[name]
		if !ok {
			t.Errorf("signal.%s missing", name)
			continue
		}
		if got, ok := v.(starlark.Int); !ok || got != starlark.MakeInt(want) {
			t.Errorf("signal.%s = %v, want %d", name, v, want)
		}
	}
	for name := range Module.Members {
		if _, ok := constants[name]; !ok && strings.HasPrefix(name, "SIG") {
			t.Errorf("signal.%s is not in CPython", name)
		}
	}
}

func TestStrsignalMatchesGlibc(t *testing.T) {
	for n, want := range strsignals {
		v, err := eval(fmt.Sprintf("signal.strsignal(%d)", n))
		var got string
		var pe *pyerr.Error
		switch {
		case errors.As(err, &pe):
			got = pe.Error()
		case err != nil:
			got = "go: " + err.Error()
		case v == starlark.None:
			got = "None"
		default:
			got = "'" + string(v.(starlark.String)) + "'"
		}
		if got != want {
			t.Errorf("strsignal(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestStrsignalArgumentErrors(t *testing.T) {
	for expr, want := range map[string]string{
		`signal.strsignal("a")`:                    "TypeError: 'str' object cannot be interpreted as an integer",
		`signal.strsignal(1180591620717411303424)`: "OverflowError: Python int too large to convert to C int",
	} {
		_, err := eval(expr)
		var pe *pyerr.Error
		if !errors.As(err, &pe) || pe.Error() != want {
			t.Errorf("%s: got %v, want %s", expr, err, want)
		}
	}
}

func TestValidSignals(t *testing.T) {
	v, err := eval("sorted(signal.valid_signals())")
	if err != nil {
		t.Fatal(err)
	}
	list := v.(*starlark.List)
	if list.Len() != len(validSignalNumbers) {
		t.Fatalf("got %d signals, want %d", list.Len(), len(validSignalNumbers))
	}
	for i, want := range validSignalNumbers {
		if list.Index(i) != starlark.MakeInt(want) {
			t.Errorf("valid_signals()[%d] = %v, want %d", i, list.Index(i), want)
		}
	}
}

// TestHandlersAreRefusedClearly proves signal.signal does not pretend to
// install a handler.
func TestHandlersAreRefusedClearly(t *testing.T) {
	for _, expr := range []string{"signal.signal(signal.SIGINT, signal.SIG_IGN)", "signal.getsignal(2)", "signal.alarm(1)", "signal.pause()"} {
		_, err := eval(expr)
		var pe *pyerr.Error
		if !errors.As(err, &pe) || pe.Type != "NotImplementedError" || !strings.Contains(pe.Msg, "not supported") {
			t.Errorf("%s: got %v, want NotImplementedError", expr, err)
		}
	}
}
