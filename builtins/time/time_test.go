package time

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	gotime "time"
	_ "time/tzdata" // the tests' zone, whatever the machine has

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// TestMain runs the tests in the zone the expectations were captured in.
func TestMain(m *testing.M) {
	loc, err := gotime.LoadLocation("America/New_York")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	gotime.Local = loc
	os.Exit(m.Run())
}

var fileOptions = &syntax.FileOptions{TopLevelControl: true, While: true, Set: true, GlobalReassign: true}

// eval evaluates expr with the module (and its zone constants recomputed
// for the test zone) predeclared.
func eval(thread *starlark.Thread, expr string) string {
	mod := newModule()
	g, err := starlark.ExecFileOptions(fileOptions, thread, "case.star", "out = "+expr, starlark.StringDict{"time": mod})
	if err != nil {
		var pe *pyerr.Error
		if errors.As(err, &pe) {
			return pe.Error()
		}
		return "go: " + err.Error()
	}
	return canon(g["out"])
}

// canon renders v as gen_cases.py's canon renders the Python value.
func canon(v starlark.Value) string {
	switch x := v.(type) {
	case starlark.NoneType:
		return "None"
	case starlark.Bool:
		if x {
			return "True"
		}
		return "False"
	case starlark.Int:
		return x.String()
	case starlark.Float:
		s := strconv.FormatFloat(float64(x), 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	case starlark.String:
		q := "'"
		if strings.Contains(string(x), "'") {
			q = `"`
		}
		return q + strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(string(x)) + q
	case *StructTime:
		return x.String()
	case *starlark.List:
		var parts []string
		for e := range x.Elements() {
			parts = append(parts, canon(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case starlark.Tuple:
		var parts []string
		for _, e := range x {
			parts = append(parts, canon(e))
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprintf("<%s %s>", v.Type(), v)
}

// TestCasesMatchCPython checks every expression captured from CPython 3.11
// (cases_test.go): struct_time, localtime, gmtime, mktime, strftime,
// asctime, ctime and their errors.
func TestCasesMatchCPython(t *testing.T) {
	for _, c := range cases {
		if got := eval(new(starlark.Thread), c.expr); got != c.want {
			t.Errorf("%s\ngot  %s\nwant %s", c.expr, got, c.want)
		}
	}
}

// TestClocksAreJournaled proves each clock reading is one effect with a
// plain result, and that the clocks move forward.
func TestClocksAreJournaled(t *testing.T) {
	thread := new(starlark.Thread)
	j := runtime.Of(thread).Journal
	for _, expr := range []string{"time.time()", "time.time_ns()", "time.monotonic()", "time.monotonic_ns()",
		"time.perf_counter()", "time.perf_counter_ns()", "time.process_time()", "time.process_time_ns()",
		"time.localtime()", "time.gmtime()", "time.ctime()", "time.asctime()", "time.strftime('%Y')", "time.sleep(0)"} {
		before := j.Len()
		if got := eval(thread, expr); strings.HasPrefix(got, "go:") || strings.Contains(got, "Error") {
			t.Errorf("%s: %s", expr, got)
		}
		if n := j.Len() - before; n != 1 {
			t.Errorf("%s recorded %d effects, want 1", expr, n)
		}
	}
	got := eval(thread, "[time.time() > 1700000000, time.time_ns() > 1700000000000000000, time.monotonic() <= time.monotonic(), time.perf_counter_ns() <= time.perf_counter_ns(), time.process_time() >= 0]")
	if got != "[True, True, True, True, True]" {
		t.Errorf("clock sanity: %s", got)
	}
}

// TestMonotonicIsTheSystemClock proves monotonic() reads the machine-wide
// CLOCK_MONOTONIC (comparable across processes), not a per-process one:
// it is at least the time since this test process started.
func TestMonotonicIsTheSystemClock(t *testing.T) {
	n, err := clockNanos(clockMonotonic)
	if err != nil {
		t.Fatal(err)
	}
	if gotime.Duration(n) < gotime.Since(processStartForTest) {
		t.Fatalf("monotonic %v is less than this process's age", gotime.Duration(n))
	}
}

var processStartForTest = gotime.Now()

func TestSleepSleeps(t *testing.T) {
	start := gotime.Now()
	if got := eval(new(starlark.Thread), "time.sleep(0.05)"); got != "None" {
		t.Fatalf("sleep returned %s", got)
	}
	if d := gotime.Since(start); d < 50*gotime.Millisecond {
		t.Fatalf("sleep(0.05) returned after %v", d)
	}
}

func TestStructTimeValue(t *testing.T) {
	got := eval(new(starlark.Thread), "[type(time.gmtime(0)), hasattr(time.gmtime(0), 'tm_zone'), hasattr(time.gmtime(0), 'nope'), [x for x in time.gmtime(0)][:3], {time.gmtime(0): 1}[time.gmtime(0)]]")
	if want := "['time.struct_time', True, False, [1970, 1, 1], 1]"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// TestZoneConstantsSouthernHemisphere proves standard time is the larger
// offset west even when it falls in July, as CPython decides.
func TestZoneConstantsSouthernHemisphere(t *testing.T) {
	loc, err := gotime.LoadLocation("Australia/Sydney")
	if err != nil {
		t.Fatal(err)
	}
	z := probeZone(1780000000, loc)
	want := zone{timezone: -36000, altzone: -39600, tzname: [2]string{"AEST", "AEDT"}}
	if z != want {
		t.Fatalf("got %+v, want %+v", z, want)
	}
}
