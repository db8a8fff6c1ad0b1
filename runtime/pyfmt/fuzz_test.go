package pyfmt

import (
	"errors"
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
)

// fuzzArgs are the values the fuzz targets format.
func fuzzArgs() starlark.Tuple {
	return starlark.Tuple{
		starlark.String("héllo"), starlark.MakeInt(-42), starlark.Float(3.5), bigInt("-123456789012345678901234567890"),
		list(starlark.MakeInt(1)), dict(starlark.String("a"), starlark.MakeInt(7)), starlark.True, starlark.Bytes("b\xff"),
	}
}

// checkPyErr fails unless err is nil or a Python exception.
func checkPyErr(t *testing.T, err error) {
	var pe *pyerr.Error
	if err != nil && !errors.As(err, &pe) {
		t.Errorf("error %v (%T) is not a *pyerr.Error", err, err)
	}
}

func FuzzPercentNeverPanics(f *testing.F) {
	for _, s := range []string{"%d items", "%(a)s", "%*.*f", "%#010x", "%c%r%a", "%", "%(a"} {
		f.Add(s)
	}
	args := fuzzArgs()
	f.Fuzz(func(t *testing.T, format string) {
		_, err := Percent(format, args)
		checkPyErr(t, err)
		_, err = Percent(format, args[5])
		checkPyErr(t, err)
		_, err = Percent(format, args[1])
		checkPyErr(t, err)
	})
}

func FuzzFormatNeverPanics(f *testing.F) {
	for _, s := range []string{"{}", "{0[0]!r:>{1}}", "{a.b}", "{:{}}", "{{", "{0:,.2f}", "{5[a]}"} {
		f.Add(s)
	}
	args := fuzzArgs()
	kwargs := []starlark.Tuple{{starlark.String("a"), starlark.MakeInt(1)}}
	f.Fuzz(func(t *testing.T, format string) {
		_, err := Format(format, args, kwargs)
		checkPyErr(t, err)
	})
}

func FuzzFormatValueNeverPanics(f *testing.F) {
	for _, s := range []string{"", "x>10,.2f", "#010_b", "z.3%", "é^9", "c", ".0"} {
		f.Add(s)
	}
	args := fuzzArgs()
	f.Fuzz(func(t *testing.T, spec string) {
		for _, v := range args {
			_, err := FormatValue(v, spec)
			checkPyErr(t, err)
		}
	})
}
