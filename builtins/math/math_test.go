package math

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// canon writes v as testdata/gen_cases.py writes CPython's results.
func canon(v starlark.Value) string {
	switch x := v.(type) {
	case starlark.Bool:
		if x {
			return "True"
		}
		return "False"
	case starlark.Int:
		return "i" + x.String()
	case starlark.Float:
		if math.IsNaN(float64(x)) {
			return "nan"
		}
		return fmt.Sprintf("f%016x", math.Float64bits(float64(x)))
	case starlark.String:
		return "s" + string(x)
	case starlark.Tuple:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canon(e)
		}
		return "(" + strings.Join(parts, ",") + ")"
	}
	return "?" + v.String()
}

// eval evaluates a Starlark expression with math predeclared and returns
// its canonical result or "E" and the Python exception.
func eval(t *testing.T, expr string) string {
	t.Helper()
	thread := &starlark.Thread{Name: "test"}
	v, err := starlark.Eval(thread, "case", expr, starlark.StringDict{"math": Module})
	if err != nil {
		var pe *pyerr.Error
		if errors.As(err, &pe) {
			return "E" + pe.Error()
		}
		return "Go error: " + err.Error()
	}
	return canon(v)
}

func TestResultsAndErrorsMatchCPython(t *testing.T) {
	for _, c := range cases {
		if got := eval(t, c.expr); got != c.want {
			t.Errorf("%s = %s, want %s", c.expr, got, c.want)
		}
	}
}

func TestElementaryFunctionsMatchCPythonToTheLastBit(t *testing.T) {
	for _, c := range samples {
		if got := eval(t, c.expr); got != c.want {
			t.Errorf("%s = %s, want %s", c.expr, got, c.want)
		}
	}
}

func TestModuleHasEveryCPythonName(t *testing.T) {
	// dir(math) in CPython 3.11.
	names := "acos acosh asin asinh atan atan2 atanh cbrt ceil comb copysign cos cosh degrees dist e erf erfc exp exp2 expm1 fabs factorial floor fmod frexp fsum gamma gcd hypot inf isclose isfinite isinf isnan isqrt lcm ldexp lgamma log log10 log1p log2 modf nan nextafter perm pi pow prod radians remainder sin sinh sqrt tan tanh tau trunc ulp"
	for _, n := range strings.Fields(names) {
		if _, ok := Module.Members[n]; !ok {
			t.Errorf("math.%s is missing", n)
		}
	}
	if len(Module.Members) != len(strings.Fields(names)) {
		t.Errorf("math has %d members, CPython 3.11 has %d", len(Module.Members), len(strings.Fields(names)))
	}
}
