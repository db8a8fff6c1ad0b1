package random

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/internal/libm"
	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

var fileOptions = &syntax.FileOptions{TopLevelControl: true, While: true, Set: true, GlobalReassign: true}

// run executes src with the module predeclared and returns its global out,
// or the Python exception it raised, rendered as the test tables expect.
func run(t *testing.T, thread *starlark.Thread, src string) string {
	t.Helper()
	g, err := starlark.ExecFileOptions(fileOptions, thread, "case.star", src, starlark.StringDict{"random": Module})
	if err != nil {
		return errText(err)
	}
	return canon(g["out"])
}

func errText(err error) string {
	var pe *pyerr.Error
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return "go: " + err.Error()
}

// canon renders v as gen_cases.py's canon renders the Python value.
func canon(v starlark.Value) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
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
		return floatRepr(float64(x))
	case starlark.String:
		return strRepr(string(x))
	case starlark.Bytes:
		return "bytes:" + hex.EncodeToString([]byte(x))
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

// floatRepr is Python's repr of a float.
func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX, shortest
	mant, exps, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(exps)
	neg := strings.HasPrefix(mant, "-")
	digits := strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1)
	var s string
	if -4 <= exp && exp < 16 {
		if exp >= 0 {
			for len(digits) < exp+2 {
				digits += "0"
			}
			s = digits[:exp+1] + "." + digits[exp+1:]
		} else {
			s = "0." + strings.Repeat("0", -exp-1) + digits
		}
	} else {
		s = digits[:1]
		if len(digits) > 1 {
			s += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		s += fmt.Sprintf("e%s%02d", sign, exp)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// strRepr is Python's repr of the plain strings the tables use.
func strRepr(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`, q, `\`+q)
	return q + r.Replace(s) + q
}

func TestFloatReprMatchesPython(t *testing.T) {
	for f, want := range map[float64]string{
		0.6394267984578837: "0.6394267984578837", 1e-05: "1e-05", 1e16: "1e+16", 123.0: "123.0",
		0.0001: "0.0001", 1.5e300: "1.5e+300", -2.5: "-2.5", 1234567890123456.0: "1234567890123456.0",
	} {
		if got := floatRepr(f); got != want {
			t.Errorf("floatRepr(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestSeed42FirstRandomIsCPythons(t *testing.T) {
	got := run(t, new(starlark.Thread), "random.seed(42)\nout = random.random()")
	if got != "0.6394267984578837" {
		t.Fatalf("random.seed(42); random.random() = %s, want 0.6394267984578837", got)
	}
}

// lastBitDivergences lists the values, by seed, group and index in out,
// where glibc's result is not the correctly rounded one and ours is: here
// acos(0.9908997745379075), which glibc rounds down. They may differ by
// one unit in the last place and nothing more.
var lastBitDivergences = map[string]bool{
	`float("inf")/dists/17`: true,
}

// same compares a case's result with CPython's, allowing the known
// last-bit divergences.
func same(seed, group, got, want string) bool {
	if got == want {
		return true
	}
	g, w := strings.Split(got, ", "), strings.Split(want, ", ")
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		if g[i] == w[i] {
			continue
		}
		if !lastBitDivergences[fmt.Sprintf("%s/%s/%d", seed, group, i)] {
			return false
		}
		a, err1 := strconv.ParseFloat(strings.Trim(g[i], "[]"), 64)
		b, err2 := strconv.ParseFloat(strings.Trim(w[i], "[]"), 64)
		d := int64(math.Float64bits(a)) - int64(math.Float64bits(b))
		if err1 != nil || err2 != nil || d < -1 || d > 1 {
			return false
		}
	}
	return true
}

// TestSeededSequencesMatchCPython replays, for every seed, each group of
// calls captured from CPython 3.11 (cases_test.go).
func TestSeededSequencesMatchCPython(t *testing.T) {
	for _, c := range seededCases {
		t.Run(c.group+"/"+c.seed, func(t *testing.T) {
			got := run(t, new(starlark.Thread), "random.seed("+c.seed+")\n"+groupCode[c.group])
			if !same(c.seed, c.group, got, c.want) {
				t.Errorf("seed(%s) %s:\ngot  %s\nwant %s", c.seed, c.group, got, c.want)
			}
		})
	}
}

// TestRandomInstanceMatchesModule proves random.Random(seed) draws what the
// module draws after random.seed(seed), independently of the module.
func TestRandomInstanceMatchesModule(t *testing.T) {
	for _, c := range seededCases {
		if strings.Contains(c.seed, "version") {
			continue
		}
		code := strings.ReplaceAll(groupCode[c.group], "random.", "rng.")
		src := "rng = random.Random(" + c.seed + ")\nrandom.seed(99)\n" + code
		if got := run(t, new(starlark.Thread), src); !same(c.seed, c.group, got, c.want) {
			t.Errorf("Random(%s) %s:\ngot  %s\nwant %s", c.seed, c.group, got, c.want)
		}
	}
}

func TestErrorsMatchCPython(t *testing.T) {
	for _, c := range errorCases {
		got := run(t, new(starlark.Thread), "random.seed(1)\nout = "+c.expr)
		want := strings.TrimPrefix(c.want, "ok: ")
		if got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", c.expr, got, want)
		}
	}
}

// TestStateIsPerThread proves two runs (threads) have separate generators.
func TestStateIsPerThread(t *testing.T) {
	a, b := new(starlark.Thread), new(starlark.Thread)
	run(t, a, "random.seed(42)\nout = None")
	run(t, b, "random.seed(7)\nout = random.random()")
	if got := run(t, a, "out = random.random()"); got != "0.6394267984578837" {
		t.Fatalf("thread a drew %s after thread b reseeded its own generator", got)
	}
}

// TestUnseededUseSeedsOnceThroughTheJournal proves the lazy OS seed is a
// journaled effect of the right shape, recorded once, and that getstate and
// setstate round-trip the generator.
func TestUnseededUseSeedsOnceThroughTheJournal(t *testing.T) {
	thread := new(starlark.Thread)
	st := runtime.Of(thread)
	run(t, thread, "out = [random.random(), random.randint(1, 6)]")
	if n := st.Journal.Len(); n != 1 {
		t.Fatalf("journal has %d effects after unseeded use, want 1", n)
	}
	run(t, thread, "out = random.random()")
	if n := st.Journal.Len(); n != 1 {
		t.Fatalf("journal has %d effects after a second use, want still 1", n)
	}
	got := run(t, thread, "s = random.getstate()\na = [random.random() for i in range(3)]\nrandom.setstate(s)\nb = [random.random() for i in range(3)]\nout = [a == b, len(s[1]), s[0]]")
	if got != "[True, 625, 3]" {
		t.Fatalf("getstate/setstate round trip: %s", got)
	}
	run(t, thread, "rng = random.Random()\nout = rng.random()")
	if n := st.Journal.Len(); n != 2 {
		t.Fatalf("journal has %d effects after random.Random(), want 2", n)
	}
}

func TestReseedAfterForkDrawsFreshSeed(t *testing.T) {
	thread := new(starlark.Thread)
	run(t, thread, "random.seed(42)\nout = None")
	ReseedAfterFork(thread)
	if got := run(t, thread, "out = random.random()"); got == "0.6394267984578837" {
		t.Fatal("generator kept its seed across ReseedAfterFork")
	}
	if n := runtime.Of(thread).Journal.Len(); n != 1 {
		t.Fatalf("journal has %d effects, want 1 (the fresh seed)", n)
	}
}

func TestGaussNextSurvivesGetstate(t *testing.T) {
	// CPython: seed(3); gauss(); s = getstate(); s[2] is the pending value.
	got := run(t, new(starlark.Thread), "random.seed(3)\nrandom.gauss()\ns = random.getstate()\nout = [s[2], random.gauss()]")
	if got != "[1.2500243810835503, 1.2500243810835503]" {
		t.Fatalf("got %s", got)
	}
}

func TestRandomValueType(t *testing.T) {
	got := run(t, new(starlark.Thread), "r = random.Random(5)\nout = [type(r), str(r), hasattr(r, 'shuffle'), 'sample' in dir(r), hasattr(r, 'nope')]")
	if want := "['random.Random', '<random.Random object>', True, True, False]"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func TestHashFloatMatchesCPython(t *testing.T) {
	// hash(x) from CPython 3.11, as the unsigned value random.seed uses.
	for f, want := range map[float64]int64{
		3.5: 1152921504606846979, -2.5: -1152921504606846978, 1e20: 848750603811160107,
		0.1: 230584300921369408, -1.0: -2, 1e-300: 482449582752280463, math.Inf(1): 314159, math.Inf(-1): -314159,
	} {
		if got := hashFloat(f); got != uint64(want) {
			t.Errorf("hash(%v) = %d, want %d", f, int64(got), want)
		}
	}
}

// TestLibmMatchesGlibc proves the double-double log, exp, sin, cos and pow
// give glibc's results where glibc's are correctly rounded (Go's math
// package misses several percent of these).
func TestLibmMatchesGlibc(t *testing.T) {
	for _, c := range libmCases {
		x, y, u := c[0], c[1], c[2]
		s, co := libm.SinCos(x)
		got := [5]float64{cLog(u), cExp(y), s, co, cPow(u, y)}
		for i, name := range []string{"log(u)", "exp(y)", "sin(x)", "cos(x)", "u**y"} {
			if got[i] != c[3+i] {
				t.Errorf("x=%v y=%v u=%v: %s = %v, want %v", x, y, u, name, got[i], c[3+i])
			}
		}
	}
}
