package pyfmt

import (
	"testing"
	"unicode"

	"go.starlark.net/starlark"
)

func TestPrintableTableMatchesGoUnicodeVersion(t *testing.T) {
	// unicode15Only corrects Go's tables to CPython 3.11's; regenerate it
	// (compare unicode.IsPrint with Python's str.isprintable) when Go moves
	// to another Unicode version.
	if unicode.Version != unicodeVersion {
		t.Errorf("Go's Unicode is %s, printable.go corrects %s", unicode.Version, unicodeVersion)
	}
	for r, want := range map[rune]bool{
		'a': true, 0xa0: false, 0xad: false, 0x4e2d: true, 0x0cf2: true, 0x0cf3: false,
		0x1f600: true, 0x1faf7: false, 0x31350: false, 0x323af: false, 0x30000: true,
	} {
		if got := isPrintable(r); got != want {
			t.Errorf("isPrintable(%U) = %v, want %v", r, got, want)
		}
	}
}

func BenchmarkPercentInt(b *testing.B) {
	args := starlark.MakeInt(12345)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Percent("%d items", args); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPercentMixed(b *testing.B) {
	args := starlark.Tuple{starlark.String("worker"), starlark.MakeInt(7), starlark.Float(3.14159)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Percent("%-10s pid=%5d took %.2fs", args); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormatSpec(b *testing.B) {
	v := starlark.Float(1234567.891)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FormatValue(v, ">15,.2f"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	args := starlark.Tuple{starlark.String("worker"), starlark.MakeInt(7)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Format("{} finished with code {:>3}", args, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReprList(b *testing.B) {
	l := list(starlark.MakeInt(1), starlark.String("two"), starlark.Float(3.5), starlark.None,
		starlark.Tuple{starlark.True, starlark.String("x")}, dict(starlark.String("k"), starlark.MakeInt(9)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Repr(l)
	}
}

func BenchmarkStrInt(b *testing.B) {
	v := starlark.MakeInt(123456)
	b.ReportAllocs()
	for b.Loop() {
		_ = Str(v)
	}
}

// BenchmarkSetOrder1000 replays CPython's table for a 1000-int set, as
// printing or iterating it does.
func BenchmarkSetOrder1000(b *testing.B) {
	s := starlark.NewSet(1000)
	for i := 0; i < 1000; i++ {
		s.Insert(starlark.MakeInt(i * 7919 % 100003))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		SetOrder(s)
	}
}
