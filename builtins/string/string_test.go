package string

import (
	"testing"

	"go.starlark.net/starlark"
)

// Expectations from CPython 3.11.
func TestConstantsMatchCPython(t *testing.T) {
	want := map[string]string{
		"ascii_letters":   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
		"ascii_lowercase": "abcdefghijklmnopqrstuvwxyz",
		"ascii_uppercase": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
		"digits":          "0123456789",
		"hexdigits":       "0123456789abcdefABCDEF",
		"octdigits":       "01234567",
		"punctuation":     "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
		"printable":       "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c",
		"whitespace":      " \t\n\r\x0b\x0c",
	}
	for name, w := range want {
		got, ok := Module.Members[name].(starlark.String)
		if !ok || string(got) != w {
			t.Errorf("string.%s = %q, want %q", name, got, w)
		}
	}
}

func TestCapwordsMatchesCPython(t *testing.T) {
	for _, c := range []struct {
		args   starlark.Tuple
		kwargs []starlark.Tuple
		want   string
		err    string
	}{
		{args: starlark.Tuple{starlark.String("hello   wORLD  foo")}, want: "Hello World Foo"},
		{args: starlark.Tuple{starlark.String("  leading and trailing  ")}, want: "Leading And Trailing"},
		{args: starlark.Tuple{starlark.String("a-b-c"), starlark.String("-")}, want: "A-B-C"},
		{args: starlark.Tuple{starlark.String("a--b"), starlark.String("-")}, want: "A--B"},
		{args: starlark.Tuple{starlark.String("x\x1cy\tz")}, want: "X Y Z"},
		{args: starlark.Tuple{starlark.String("éCOLE ß")}, want: "École Ss"},
		{args: starlark.Tuple{starlark.String("")}, want: ""},
		{args: starlark.Tuple{starlark.String("ﬁne İSTANBUL")}, want: "Fine İstanbul"},
		{args: starlark.Tuple{starlark.String("hello world")}, kwargs: []starlark.Tuple{{starlark.String("sep"), starlark.String("o")}}, want: "Hello woRld"},
		{args: starlark.Tuple{starlark.String("ab"), starlark.String("")}, err: "ValueError: empty separator"},
		{args: starlark.Tuple{starlark.MakeInt(3)}, err: "AttributeError: 'int' object has no attribute 'split'"},
	} {
		got, err := starlark.Call(&starlark.Thread{}, Module.Members["capwords"], c.args, c.kwargs)
		if c.err != "" {
			if err == nil || !contains(err.Error(), c.err) {
				t.Errorf("capwords%v: error %v, want %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil || got != starlark.String(c.want) {
			t.Errorf("capwords%v = %v, %v; want %q", c.args, got, err, c.want)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
