package pyerr

import "testing"

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
	if got := Suggest("pritn", []string{"__name__", "print", "input"}); got != "print" {
		t.Errorf("Suggest(pritn) = %q, want print", got)
	}
}
