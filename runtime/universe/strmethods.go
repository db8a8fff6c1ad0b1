package universe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// strMethods are str's Python methods that Starlark lacks or does
// differently (byte indexes, positional-only arguments, other messages).
// Indexes and lengths are in code points, as in Python.
var strMethods = map[string]methodFunc{
	"format":       strFormat,
	"encode":       strEncode,
	"ljust":        strJustify,
	"rjust":        strJustify,
	"center":       strJustify,
	"zfill":        strZfill,
	"count":        strFind,
	"find":         strFind,
	"index":        strFind,
	"rfind":        strFind,
	"rindex":       strFind,
	"join":         strJoin,
	"split":        strSplit,
	"rsplit":       strSplit,
	"startswith":   strStartsWith,
	"endswith":     strStartsWith,
	"isdecimal":    strIs,
	"isnumeric":    strIs,
	"isidentifier": strIs,
	"isprintable":  strIs,
	"casefold":     strCase,
	"swapcase":     strCase,
	"expandtabs":   strExpandTabs,
	"partition":    strPartition,
	"rpartition":   strPartition,
	"splitlines":   strSplitLines,
}

// str.format(*args, **kwargs)
func strFormat(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	s, err := pyfmt.Format(string(recv.(starlark.String)), args, kwargs)
	if err != nil {
		return nil, err
	}
	return starlark.String(s), nil
}

// str.encode(encoding='utf-8', errors='strict')
func strEncode(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var encoding, errs starlark.Value
	if err := unpack("encode", args, kwargs, "encoding?", &encoding, "errors?", &errs); err != nil {
		return nil, err
	}
	enc, mode, err := codecArgs("encode", encoding, errs)
	if err != nil {
		return nil, err
	}
	return encode(string(recv.(starlark.String)), enc, mode)
}

// str.ljust(width, fillchar=' '), rjust, center
func strJustify(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	s := string(recv.(starlark.String))
	var widthV starlark.Value
	var fillV starlark.Value = starlark.String(" ")
	if len(args) == 0 {
		return nil, pyerr.TypeError("%s expected at least 1 argument, got 0", name)
	}
	if err := unpackPositional(name, args, kwargs, 1, &widthV, &fillV); err != nil {
		return nil, err
	}
	width, err := indexInt(widthV)
	if err != nil {
		return nil, err
	}
	fill, ok := fillV.(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("%s() argument 2 must be str, not %s", name, typeName(fillV))
	}
	if utf8.RuneCountInString(string(fill)) != 1 {
		return nil, pyerr.TypeError("The fill character must be exactly one character long")
	}
	n := utf8.RuneCountInString(s)
	if width <= n {
		return recv, nil
	}
	marg := width - n
	var left int
	switch name {
	case "ljust":
		left = 0
	case "rjust":
		left = marg
	default:
		left = marg/2 + (marg & width & 1)
	}
	f := string(fill)
	return starlark.String(strings.Repeat(f, left) + s + strings.Repeat(f, marg-left)), nil
}

// str.zfill(width)
func strZfill(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	s := string(recv.(starlark.String))
	var widthV starlark.Value
	if err := unpackPositional("zfill", args, kwargs, 1, &widthV); err != nil {
		return nil, err
	}
	width, err := indexInt(widthV)
	if err != nil {
		return nil, err
	}
	n := utf8.RuneCountInString(s)
	if width <= n {
		return recv, nil
	}
	zeros := strings.Repeat("0", width-n)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return starlark.String(s[:1] + zeros + s[1:]), nil
	}
	return starlark.String(zeros + s), nil
}

// span resolves Python's optional start and end arguments over n code
// points (the indices of s[start:end], but start is not clamped to n).
func span(start, end starlark.Value, n int) (int, int, error) {
	lo, hi := 0, n
	if start != nil && start != starlark.None {
		i, err := sliceIndex(start)
		if err != nil {
			return 0, 0, err
		}
		if i < 0 {
			i += n
			if i < 0 {
				i = 0
			}
		}
		lo = i
	}
	if end != nil && end != starlark.None {
		i, err := sliceIndex(end)
		if err != nil {
			return 0, 0, err
		}
		if i > n {
			i = n
		} else if i < 0 {
			i += n
			if i < 0 {
				i = 0
			}
		}
		hi = i
	}
	return lo, hi, nil
}

func sliceIndex(v starlark.Value) (int, error) {
	switch v.(type) {
	case starlark.Int, starlark.Bool:
		i, err := indexInt(v)
		if err != nil { // too big: clamp as CPython does
			if v.(starlark.Int).Sign() < 0 {
				return -1 << 62, nil
			}
			return 1 << 62, nil
		}
		return i, nil
	}
	return 0, pyerr.TypeError("slice indices must be integers or None or have an __index__ method")
}

// byteOffset returns the byte offset of code point i of s.
func byteOffset(s string, i int) int {
	if i <= 0 {
		return 0
	}
	for off := range s {
		if i == 0 {
			return off
		}
		i--
	}
	return len(s)
}

// str.count(sub[, start[, end]]), find, index, rfind, rindex
func strFind(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	s := string(recv.(starlark.String))
	var subV, start, end starlark.Value
	if err := unpackPositional(name, args, kwargs, 1, &subV, &start, &end); err != nil {
		return nil, err
	}
	sub, ok := subV.(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("must be str, not %s", typeName(subV))
	}
	ascii := isASCII(s)
	n := len(s)
	if !ascii {
		n = utf8.RuneCountInString(s)
	}
	lo, hi, err := span(start, end, n)
	if err != nil {
		return nil, err
	}
	subLen := utf8.RuneCountInString(string(sub))
	if hi-lo < subLen {
		switch name {
		case "count":
			return starlark.MakeInt(0), nil
		case "index", "rindex":
			return nil, pyerr.ValueError("substring not found")
		}
		return starlark.MakeInt(-1), nil
	}
	blo, bhi := lo, hi
	if !ascii {
		blo, bhi = byteOffset(s, lo), byteOffset(s, hi)
	}
	part := s[blo:bhi]
	if name == "count" {
		if sub == "" {
			return starlark.MakeInt(hi - lo + 1), nil
		}
		return starlark.MakeInt(strings.Count(part, string(sub))), nil
	}
	var i int
	if name == "find" || name == "index" {
		i = strings.Index(part, string(sub))
	} else {
		i = strings.LastIndex(part, string(sub))
	}
	if i < 0 {
		if name == "index" || name == "rindex" {
			return nil, pyerr.ValueError("substring not found")
		}
		return starlark.MakeInt(-1), nil
	}
	if !ascii {
		i = utf8.RuneCountInString(part[:i])
	}
	return starlark.MakeInt(lo + i), nil
}

// str.join(iterable)
func strJoin(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := unpackPositional("join", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	sep := string(recv.(starlark.String))
	if s, ok := x.(starlark.String); ok && sep == "" {
		return s, nil
	}
	xs, err := elems("join", x)
	if err != nil {
		return nil, pyerr.TypeError("can only join an iterable")
	}
	n := len(sep) * len(xs)
	for i, v := range xs {
		s, ok := v.(starlark.String)
		if !ok {
			return nil, pyerr.TypeError("sequence item %d: expected str instance, %s found", i, typeName(v))
		}
		n += len(s)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, v := range xs {
		if i > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(string(v.(starlark.String)))
	}
	return starlark.String(sb.String()), nil
}

// str.split(sep=None, maxsplit=-1), rsplit
func strSplit(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sepV starlark.Value = starlark.None
	var maxV starlark.Value = starlark.MakeInt(-1)
	if len(args) > 0 || len(kwargs) > 0 {
		if err := unpack(name, args, kwargs, "sep?", &sepV, "maxsplit?", &maxV); err != nil {
			return nil, err
		}
	}
	maxsplit, err := indexInt(maxV)
	if err != nil {
		return nil, err
	}
	s := string(recv.(starlark.String))
	var parts []string
	switch sep := sepV.(type) {
	case starlark.NoneType:
		parts = splitSpace(s, maxsplit, name == "rsplit")
	case starlark.String:
		if sep == "" {
			return nil, pyerr.ValueError("empty separator")
		}
		switch {
		case maxsplit < 0:
			parts = strings.Split(s, string(sep))
		case name == "split":
			parts = strings.SplitN(s, string(sep), maxsplit+1)
		default:
			parts = rsplitN(s, string(sep), maxsplit)
		}
	default:
		return nil, pyerr.TypeError("must be str or None, not %s", typeName(sepV))
	}
	out := make([]starlark.Value, len(parts))
	for i, p := range parts {
		out[i] = starlark.String(p)
	}
	return starlark.NewList(out), nil
}

// rsplitN splits s at the last max occurrences of sep.
func rsplitN(s, sep string, max int) []string {
	var rev []string
	for len(rev) < max {
		i := strings.LastIndex(s, sep)
		if i < 0 {
			break
		}
		rev = append(rev, s[i+len(sep):])
		s = s[:i]
	}
	out := make([]string, 0, len(rev)+1)
	out = append(out, s)
	for i := len(rev) - 1; i >= 0; i-- {
		out = append(out, rev[i])
	}
	return out
}

// isPySpace is Python's str.isspace for one character (Go's unicode.IsSpace
// lacks the separators U+001C..U+001F).
func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

// splitSpace splits s on runs of whitespace, at most max times (max < 0:
// no limit), from the right when right is set; the unsplit rest keeps its
// inner whitespace, as in Python.
func splitSpace(s string, max int, right bool) []string {
	if max < 0 {
		return strings.FieldsFunc(s, isPySpace)
	}
	var out []string
	if !right {
		for len(out) < max {
			s = strings.TrimLeftFunc(s, isPySpace)
			i := strings.IndexFunc(s, isPySpace)
			if i < 0 {
				break
			}
			out = append(out, s[:i])
			s = s[i:]
		}
		if s = strings.TrimLeftFunc(s, isPySpace); s != "" {
			out = append(out, s)
		}
		return out
	}
	for len(out) < max {
		s = strings.TrimRightFunc(s, isPySpace)
		i := strings.LastIndexFunc(s, isPySpace)
		if i < 0 {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		out = append(out, s[i+size:])
		s = s[:i]
	}
	if s = strings.TrimRightFunc(s, isPySpace); s != "" {
		out = append(out, s)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// str.startswith(prefix[, start[, end]]), endswith; prefix may be a tuple.
func strStartsWith(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	s := string(recv.(starlark.String))
	var prefix, start, end starlark.Value
	if err := unpackPositional(name, args, kwargs, 1, &prefix, &start, &end); err != nil {
		return nil, err
	}
	var cands []string
	switch p := prefix.(type) {
	case starlark.String:
		cands = []string{string(p)}
	case starlark.Tuple:
		for _, e := range p {
			es, ok := e.(starlark.String)
			if !ok {
				return nil, pyerr.TypeError("tuple for %s must only contain str, not %s", name, typeName(e))
			}
			cands = append(cands, string(es))
		}
	default:
		return nil, pyerr.TypeError("%s first arg must be str or a tuple of str, not %s", name, typeName(prefix))
	}
	if start != nil || end != nil {
		n := utf8.RuneCountInString(s)
		lo, hi, err := span(start, end, n)
		if err != nil {
			return nil, err
		}
		if lo > n {
			return starlark.False, nil
		}
		if hi < lo {
			hi = lo
		}
		s = s[byteOffset(s, lo):byteOffset(s, hi)]
	}
	for _, c := range cands {
		if name == "startswith" && strings.HasPrefix(s, c) || name == "endswith" && strings.HasSuffix(s, c) {
			return starlark.True, nil
		}
	}
	return starlark.False, nil
}

// str.isdecimal(), isnumeric(), isidentifier(), isprintable()
func strIs(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional(name, args, kwargs, 0); err != nil {
		return nil, err
	}
	s := string(recv.(starlark.String))
	if s == "" {
		return starlark.Bool(name == "isprintable"), nil
	}
	for i, r := range s {
		var ok bool
		switch name {
		case "isdecimal":
			ok = unicode.Is(unicode.Nd, r)
		case "isnumeric":
			ok = unicode.IsNumber(r)
		case "isprintable":
			ok = unicode.IsPrint(r)
		case "isidentifier":
			ok = r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) ||
				i > 0 && (unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r))
		}
		if !ok {
			return starlark.False, nil
		}
	}
	return starlark.True, nil
}

// str.casefold(), swapcase()
func strCase(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpackPositional(name, args, kwargs, 0); err != nil {
		return nil, err
	}
	s := string(recv.(starlark.String))
	if name == "casefold" {
		s = strings.ToLower(s)
		s = strings.NewReplacer("ß", "ss", "ẞ", "ss", "ς", "σ", "ﬁ", "fi", "ﬂ", "fl").Replace(s)
		return starlark.String(s), nil
	}
	return starlark.String(strings.Map(func(r rune) rune {
		switch {
		case unicode.IsUpper(r):
			return unicode.ToLower(r)
		case unicode.IsLower(r):
			return unicode.ToUpper(r)
		}
		return r
	}, s)), nil
}

// str.expandtabs(tabsize=8)
func strExpandTabs(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	tab := 8
	if err := unpack("expandtabs", args, kwargs, "tabsize?", &tab); err != nil {
		return nil, err
	}
	var sb strings.Builder
	col := 0
	for _, r := range string(recv.(starlark.String)) {
		switch r {
		case '\t':
			if tab > 0 {
				k := tab - col%tab
				sb.WriteString(strings.Repeat(" ", k))
				col += k
			}
		case '\n', '\r':
			sb.WriteRune(r)
			col = 0
		default:
			sb.WriteRune(r)
			col++
		}
	}
	return starlark.String(sb.String()), nil
}

// str.partition(sep), rpartition
func strPartition(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sepV starlark.Value
	if err := unpackPositional(name, args, kwargs, 1, &sepV); err != nil {
		return nil, err
	}
	sep, ok := sepV.(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("must be str, not %s", typeName(sepV))
	}
	if sep == "" {
		return nil, pyerr.ValueError("empty separator")
	}
	s := recv.(starlark.String)
	empty := starlark.String("")
	if name == "partition" {
		if i := strings.Index(string(s), string(sep)); i >= 0 {
			return starlark.Tuple{s[:i], sep, s[i+len(sep):]}, nil
		}
		return starlark.Tuple{s, empty, empty}, nil
	}
	if i := strings.LastIndex(string(s), string(sep)); i >= 0 {
		return starlark.Tuple{s[:i], sep, s[i+len(sep):]}, nil
	}
	return starlark.Tuple{empty, empty, s}, nil
}

// str.splitlines(keepends=False), with all of Python's line boundaries.
func strSplitLines(thread *starlark.Thread, name string, recv starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var keepV starlark.Value = starlark.False
	if err := unpack("splitlines", args, kwargs, "keepends?", &keepV); err != nil {
		return nil, err
	}
	keep := keepV.Truth()
	s := string(recv.(starlark.String))
	var out []starlark.Value
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
			end := i + size
			if r == '\r' && end < len(s) && s[end] == '\n' {
				end++
			}
			if keep {
				out = append(out, starlark.String(s[start:end]))
			} else {
				out = append(out, starlark.String(s[start:i]))
			}
			start, i = end, end
			continue
		}
		i += size
	}
	if start < len(s) {
		out = append(out, starlark.String(s[start:]))
	}
	return starlark.NewList(out), nil
}
