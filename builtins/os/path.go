package os

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// Path is os.path, CPython's posixpath: the same in every run, so it is
// importable on its own (import os.path, from os.path import join). Its
// pure functions follow posixpath.py line for line; its queries of the
// file system go through runtime.Effect and resolve relative paths against
// the run's working directory.
//
//	join(a, *p) split(p) splitext(p) basename(p) dirname(p) normpath(p)
//	isabs(p) abspath(p) realpath(p) relpath(path, start=None)
//	expanduser(p) commonprefix(list)
//	exists(p) lexists(p) isfile(p) isdir(p) islink(p) getsize(p) getmtime(p)
//	sep curdir pardir extsep altsep pathsep defpath devnull
var Path = &starlarkstruct.Module{
	Name: "posixpath",
	Members: starlark.StringDict{
		"join":         starlark.NewBuiltin("os.path.join", pathJoin),
		"split":        pure1("split", func(p string) []string { h, t := splitPath(p); return []string{h, t} }),
		"splitext":     pure1("splitext", func(p string) []string { r, e := splitext(p); return []string{r, e} }),
		"basename":     pure1("basename", func(p string) []string { return []string{p[strings.LastIndexByte(p, '/')+1:]} }),
		"dirname":      pure1("dirname", func(p string) []string { h, _ := splitPath(p); return []string{h} }),
		"normpath":     pure1("normpath", func(p string) []string { return []string{normpath(p)} }),
		"isabs":        starlark.NewBuiltin("os.path.isabs", pathIsabs),
		"abspath":      starlark.NewBuiltin("os.path.abspath", pathAbspath),
		"realpath":     starlark.NewBuiltin("os.path.realpath", pathRealpath),
		"relpath":      starlark.NewBuiltin("os.path.relpath", pathRelpath),
		"expanduser":   starlark.NewBuiltin("os.path.expanduser", pathExpanduser),
		"commonprefix": starlark.NewBuiltin("os.path.commonprefix", pathCommonprefix),
		"exists":       statQuery("exists", true, syscall.Stat, func(*syscall.Stat_t) bool { return true }),
		"lexists":      statQuery("lexists", false, syscall.Lstat, func(*syscall.Stat_t) bool { return true }),
		"isfile":       statQuery("isfile", true, syscall.Stat, func(s *syscall.Stat_t) bool { return s.Mode&syscall.S_IFMT == syscall.S_IFREG }),
		"isdir":        statQuery("isdir", true, syscall.Stat, func(s *syscall.Stat_t) bool { return s.Mode&syscall.S_IFMT == syscall.S_IFDIR }),
		"islink":       statQuery("islink", false, syscall.Lstat, func(s *syscall.Stat_t) bool { return s.Mode&syscall.S_IFMT == syscall.S_IFLNK }),
		"getsize":      starlark.NewBuiltin("os.path.getsize", pathGetsize),
		"getmtime":     starlark.NewBuiltin("os.path.getmtime", pathGetsize),
		"sep":          starlark.String("/"),
		"curdir":       starlark.String("."),
		"pardir":       starlark.String(".."),
		"extsep":       starlark.String("."),
		"altsep":       starlark.None,
		"pathsep":      starlark.String(":"),
		"defpath":      starlark.String("/bin:/usr/bin"),
		"devnull":      starlark.String("/dev/null"),
	},
}

// fspath converts a path argument of a pure function: str or bytes.
func fspath(v starlark.Value) (string, bool, error) {
	switch v := v.(type) {
	case starlark.String:
		return string(v), false, nil
	case starlark.Bytes:
		return string(v), true, nil
	}
	return "", false, pyerr.TypeError("expected str, bytes or os.PathLike object, not %s", pyType(v))
}

// pure1 makes a function of one path whose results are paths: one result
// is returned as is, several as a tuple, each of the argument's kind.
func pure1(name string, fn func(string) []string) *starlark.Builtin {
	return starlark.NewBuiltin("os.path."+name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var pv starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
			return nil, err
		}
		p, asBytes, err := fspath(pv)
		if err != nil {
			return nil, err
		}
		out := fn(p)
		if len(out) == 1 {
			return pathValue(out[0], asBytes), nil
		}
		t := make(starlark.Tuple, len(out))
		for i, s := range out {
			t[i] = pathValue(s, asBytes)
		}
		return t, nil
	})
}

// splitPath is posixpath.split: everything up to the last slash (trailing
// slashes removed unless it is all slashes) and the rest.
func splitPath(p string) (string, string) {
	i := strings.LastIndexByte(p, '/') + 1
	head, tail := p[:i], p[i:]
	if head != "" && head != strings.Repeat("/", len(head)) {
		head = strings.TrimRight(head, "/")
	}
	return head, tail
}

// splitext is posixpath.splitext: leading dots of the last component do
// not start an extension.
func splitext(p string) (string, string) {
	sep := strings.LastIndexByte(p, '/')
	dot := strings.LastIndexByte(p, '.')
	if dot > sep {
		for i := sep + 1; i < dot; i++ {
			if p[i] != '.' {
				return p[:dot], p[dot:]
			}
		}
	}
	return p, ""
}

// normpath is posixpath.normpath.
func normpath(p string) string {
	if p == "" {
		return "."
	}
	initial := 0
	if strings.HasPrefix(p, "/") {
		initial = 1
		if strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "///") {
			initial = 2
		}
	}
	var comps []string
	for _, c := range strings.Split(p, "/") {
		if c == "" || c == "." {
			continue
		}
		if c != ".." || (initial == 0 && len(comps) == 0) || (len(comps) > 0 && comps[len(comps)-1] == "..") {
			comps = append(comps, c)
		} else if len(comps) > 0 {
			comps = comps[:len(comps)-1]
		}
	}
	out := strings.Repeat("/", initial) + strings.Join(comps, "/")
	if out == "" {
		return "."
	}
	return out
}

// join is posixpath.join: an absolute component discards what came before.
func join(a string, rest ...string) string {
	path := a
	for _, b := range rest {
		switch {
		case strings.HasPrefix(b, "/"):
			path = b
		case path == "" || strings.HasSuffix(path, "/"):
			path += b
		default:
			path += "/" + b
		}
	}
	return path
}

// def join(a, *p)
func pathJoin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 {
		return nil, pyerr.TypeError("join() got an unexpected keyword argument '%s'", kwargs[0][0].(starlark.String))
	}
	if len(args) == 0 {
		return nil, pyerr.TypeError("join() missing 1 required positional argument: 'a'")
	}
	a, asBytes, err := fspath(args[0])
	if err != nil {
		return nil, err
	}
	rest := make([]string, len(args)-1)
	for i, v := range args[1:] {
		s, isBytes, err := fspath(v)
		if err != nil {
			return nil, pyerr.TypeError("join() argument must be str, bytes, or os.PathLike object, not '%s'", pyType(v))
		}
		if isBytes != asBytes {
			return nil, pyerr.TypeError("Can't mix strings and bytes in path components")
		}
		rest[i] = s
	}
	return pathValue(join(a, rest...), asBytes), nil
}

// def isabs(s)
func pathIsabs(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
		return nil, err
	}
	p, _, err := fspath(pv)
	if err != nil {
		return nil, err
	}
	return starlark.Bool(strings.HasPrefix(p, "/")), nil
}

// abspath is posixpath.abspath against the run's working directory.
func abspath(st *runtime.State, p string) string {
	if !strings.HasPrefix(p, "/") {
		p = join(st.Cwd, p)
	}
	return normpath(p)
}

// def abspath(path)
func pathAbspath(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
		return nil, err
	}
	p, asBytes, err := fspath(pv)
	if err != nil {
		return nil, err
	}
	return pathValue(abspath(runtime.Of(thread), p), asBytes), nil
}

// def realpath(path)
func pathRealpath(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
		return nil, err
	}
	p, asBytes, err := fspath(pv)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return runtime.Effect(thread, "os.path.realpath", func() (starlark.Value, error) {
		path, _ := joinRealpath(st, "", p, map[string]*string{})
		return pathValue(abspath(st, path), asBytes), nil
	})
}

// joinRealpath is posixpath._joinrealpath (strict=False): it resolves the
// symbolic links of rest, component by component, onto path.
func joinRealpath(st *runtime.State, path, rest string, seen map[string]*string) (string, bool) {
	if strings.HasPrefix(rest, "/") {
		rest, path = rest[1:], "/"
	}
	for rest != "" {
		var name string
		name, rest, _ = strings.Cut(rest, "/")
		if name == "" || name == "." {
			continue
		}
		if name == ".." {
			if path != "" {
				var last string
				path, last = splitPath(path)
				if last == ".." {
					path = join(path, "..", "..")
				}
			} else {
				path = ".."
			}
			continue
		}
		newpath := join(path, name)
		var s syscall.Stat_t
		if err := syscall.Lstat(st.Path(newpath), &s); err != nil || s.Mode&syscall.S_IFMT != syscall.S_IFLNK {
			path = newpath
			continue
		}
		if r, ok := seen[newpath]; ok {
			if r != nil {
				path = *r
				continue
			}
			return join(newpath, rest), false // a symlink loop
		}
		seen[newpath] = nil
		target, err := os.Readlink(st.Path(newpath))
		if err != nil {
			path = newpath
			continue
		}
		var ok bool
		path, ok = joinRealpath(st, path, target, seen)
		if !ok {
			return join(path, rest), false
		}
		resolved := path
		seen[newpath] = &resolved
	}
	return path, true
}

// def relpath(path, start=os.curdir)
func pathRelpath(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv, sv starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "path", &pv, "start?", &sv); err != nil {
		return nil, err
	}
	p, asBytes, err := fspath(pv)
	if err != nil {
		return nil, err
	}
	if p == "" {
		return nil, pyerr.ValueError("no path specified")
	}
	start := "."
	if sv != nil && sv != starlark.None {
		if start, _, err = fspath(sv); err != nil {
			return nil, err
		}
	}
	st := runtime.Of(thread)
	startList := strings.FieldsFunc(abspath(st, start), func(r rune) bool { return r == '/' })
	pathList := strings.FieldsFunc(abspath(st, p), func(r rune) bool { return r == '/' })
	i := 0
	for i < len(startList) && i < len(pathList) && startList[i] == pathList[i] {
		i++
	}
	var rel []string
	for range startList[i:] {
		rel = append(rel, "..")
	}
	rel = append(rel, pathList[i:]...)
	if len(rel) == 0 {
		return pathValue(".", asBytes), nil
	}
	return pathValue(join(rel[0], rel[1:]...), asBytes), nil
}

// def expanduser(path)
//
// ~ is $HOME from the run's environment, else the user database.
func pathExpanduser(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
		return nil, err
	}
	p, asBytes, err := fspath(pv)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(p, "~") {
		return pv, nil
	}
	i := strings.IndexByte(p[1:], '/') + 1
	if i == 0 {
		i = len(p)
	}
	var home string
	if i == 1 {
		h, ok := runtime.Of(thread).Env.Get("HOME")
		if !ok {
			var found bool
			uid := strconv.Itoa(os.Getuid())
			if h, found = passwdHome(func(f []string) bool { return f[2] == uid }); !found {
				return pv, nil
			}
		}
		home = h
	} else {
		name := p[1:i]
		h, found := passwdHome(func(f []string) bool { return f[0] == name })
		if !found {
			return pv, nil
		}
		home = h
	}
	out := strings.TrimRight(home, "/") + p[i:]
	if out == "" {
		out = "/"
	}
	return pathValue(out, asBytes), nil
}

// passwdHome returns the home directory of the first account of
// /etc/passwd that match accepts (its fields split at ':'). CPython asks
// the pwd module; reading the file as Go's pure os/user does keeps the
// binary free of cgo, whose dynamic loading costs every child
// milliseconds.
func passwdHome(match func(fields []string) bool) (string, bool) {
	data, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return "", false
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, ":")
		if len(f) >= 7 && match(f) {
			return f[5], true
		}
	}
	return "", false
}

// def commonprefix(m)
//
// The longest common leading string of a list of paths, character by
// character (it need not be a valid path).
func pathCommonprefix(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var mv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &mv); err != nil {
		return nil, err
	}
	var items []starlark.Value
	switch m := mv.(type) {
	case starlark.String:
		for _, r := range string(m) {
			items = append(items, starlark.String(string(r)))
		}
	case starlark.Iterable:
		iter := m.Iterate()
		defer iter.Done()
		var x starlark.Value
		for iter.Next(&x) {
			items = append(items, x)
		}
	default:
		return nil, pyerr.TypeError("'%s' object is not iterable", pyType(mv))
	}
	if len(items) == 0 {
		return starlark.String(""), nil
	}
	first, asBytes, err := fspath(items[0])
	if err != nil {
		return nil, err
	}
	prefix := first
	for _, v := range items[1:] {
		s, _, err := fspath(v)
		if err != nil {
			return nil, err
		}
		n := 0
		for n < len(prefix) && n < len(s) && prefix[n] == s[n] {
			n++
		}
		for n > 0 && n < len(prefix) && !utf8.RuneStart(prefix[n]) {
			n-- // never split a character
		}
		prefix = prefix[:n]
	}
	return pathValue(prefix, asBytes), nil
}

// statQuery makes exists, isfile, isdir, islink and lexists: a stat whose
// failure means False. An int argument is a file descriptor when fdOK.
func statQuery(name string, fdOK bool, stat func(string, *syscall.Stat_t) error, test func(*syscall.Stat_t) bool) *starlark.Builtin {
	return starlark.NewBuiltin("os.path."+name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var pv starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
			return nil, err
		}
		var fd int
		isFD := false
		var p string
		if i, ok := pv.(starlark.Int); ok && fdOK {
			isFD = starlark.AsInt(i, &fd) == nil
			if !isFD {
				return starlark.False, nil
			}
		} else {
			var err error
			if p, _, err = pathArg(statName(name), pv, fdOK); err != nil {
				return nil, err
			}
		}
		st := runtime.Of(thread)
		return runtime.Effect(thread, b.Name(), func() (starlark.Value, error) {
			var s syscall.Stat_t
			var err error
			switch {
			case isFD:
				err = syscall.Fstat(fd, &s)
			case strings.IndexByte(p, 0) >= 0:
				return starlark.False, nil
			default:
				err = stat(st.Path(p), &s)
			}
			return starlark.Bool(err == nil && test(&s)), nil
		})
	})
}

func statName(query string) string {
	if query == "islink" || query == "lexists" {
		return "lstat"
	}
	return "stat"
}

// def getsize(path), def getmtime(path)
func pathGetsize(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pv starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &pv); err != nil {
		return nil, err
	}
	p, _, err := pathArg("stat", pv, true)
	if err != nil {
		return nil, err
	}
	st := runtime.Of(thread)
	return runtime.Effect(thread, b.Name(), func() (starlark.Value, error) {
		var s syscall.Stat_t
		if err := syscall.Stat(st.Path(p), &s); err != nil {
			return nil, pyerr.OSError(err, p)
		}
		if b.Name() == "os.path.getmtime" {
			return starlark.Float(float64(s.Mtim.Sec) + float64(s.Mtim.Nsec)/1e9), nil
		}
		return starlark.MakeInt64(s.Size), nil
	})
}
