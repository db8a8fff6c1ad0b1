package pyerr

import (
	"strings"
	"testing"
)

// Expectations from CPython 3.11.7's "Did you mean" for attribute errors on
// str (dir(str) without dunders) and for a few names.
func TestSuggestMatchesCPython(t *testing.T) {
	str := []string{"capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format", "format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill"}
	for _, c := range []struct{ wrong, want string }{
		{"uper", "upper"}, {"lowr", "lower"}, {"spilt", "split"}, {"strp", "strip"},
		{"Upper", "upper"}, {"jion", ""}, {"x", ""}, {"isdigt", "isdigit"},
		{"upper_", "upper"}, {"__len__", ""},
	} {
		if got := Suggest(c.wrong, str); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.wrong, got, c.want)
		}
	}
	set := []string{"add", "clear", "copy", "difference", "difference_update", "discard", "intersection", "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove", "symmetric_difference", "symmetric_difference_update", "union", "update"}
	long := strings.Repeat("a", 45)
	for _, c := range []struct {
		wrong string
		cands []string
		want  string
	}{
		{"pritn", []string{"__name__", "print", "input"}, "print"},
		{"ad", set, "add"},
		{"ba", []string{"ab", "x"}, ""},
		{long + "y", []string{long + "x"}, long + "x"},
		{"getpd", []string{"getcwd", "getpid", "getppid", "kill"}, "getpid"},
	} {
		if got := Suggest(c.wrong, c.cands); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.wrong, got, c.want)
		}
	}
	many := make([]string, suggestMaxItems)
	for i := range many {
		many[i] = "add"
	}
	if got := Suggest("ad", many); got != "" {
		t.Errorf("Suggest over %d candidates = %q, want none", suggestMaxItems, got)
	}
}
