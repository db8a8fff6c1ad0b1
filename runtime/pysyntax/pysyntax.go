// Package pysyntax is starproc's Python front end: it turns Python source
// into a Starlark *syntax.File that starlark.FileProgram compiles.
//
// It works in three steps, as DESIGN.md lays out:
//
//  1. A source pass over Python tokens, line for line, for what the Starlark
//     parser cannot read: import forms, with, global, del, assert, f-strings,
//     implicit string concatenation, Python-only string escapes, annotations,
//     chained assignment, `is`, `**`, chained comparisons and set displays.
//     Every token stays on its line, so positions remain the user's.
//  2. The Starlark parser, with while, top-level control, global reassignment,
//     sets and recursion allowed.
//  3. An AST pass for what needs the tree: `%` as Python formatting, method
//     calls Starlark lacks (str.format, bytes.decode, list.sort, ...),
//     iteration over strings, the `global` statement, names that are not
//     defined (a NameError when reached, as in Python, not a compile error).
//
// What Starlark cannot run (class, try, raise, yield, ...) is refused here,
// before anything runs, with one SyntaxError at the user's line and column.
package pysyntax

import (
	"strings"
	"unicode/utf8"

	"go.starlark.net/syntax"
)

// Options tell the front end what the host provides.
type Options struct {
	// ModuleMembers lists the members of an importable module, for
	// `from m import *`; nil or an empty list leaves the import to fail at
	// run time.
	ModuleMembers func(module string) []string
	// Predeclared reports whether a name is predeclared by the host
	// (built-in functions included). Other names that no statement binds
	// become a NameError when evaluated.
	Predeclared func(name string) bool
	// Method reports whether calls of the method name must go through
	// __method__, the host's dispatcher for methods Starlark lacks.
	Method func(name string) bool
}

// FileOptions are the Starlark dialect options the front end targets.
var FileOptions = syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true, Recursion: true}

// Parse turns Python source into a Starlark syntax tree. Errors are
// *SyntaxError values at the user's line and column.
func Parse(filename string, src []byte, opts *Options) (*syntax.File, error) {
	if opts == nil {
		opts = &Options{}
	}
	text, err := Translate(filename, src, opts)
	if err != nil {
		return nil, err
	}
	f, err := FileOptions.Parse(filename, text, 0)
	if err != nil {
		return nil, parseError(filename, err)
	}
	if err := astPass(filename, f, opts); err != nil {
		return nil, err
	}
	return f, nil
}

// Translate runs the source pass alone and returns the Starlark source.
func Translate(filename string, src []byte, opts *Options) (string, error) {
	return translate(filename, src, opts, nil)
}

func translate(filename string, src []byte, opts *Options, spans *posMap) (string, error) {
	s := string(src)
	s = strings.TrimPrefix(s, "\ufeff")
	if !utf8.ValidString(s) {
		line := 1
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", &SyntaxError{Filename: filename, Line: line, Col: 0,
					Msg: "Non-UTF-8 code starting with '\\x" + hex2(s[i]) + "' in file " + filename +
						" on line " + itoa(line) + ", but no encoding declared; see https://peps.python.org/pep-0263/ for details"}
			}
			if r == '\n' {
				line++
			}
			i += size
		}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if opts == nil {
		opts = &Options{}
	}
	return sourcePass(filename, s, opts, spans)
}

func hex2(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// parseError converts an error of the Starlark parser into a SyntaxError.
func parseError(filename string, err error) error {
	se, ok := err.(syntax.Error)
	if !ok {
		return &SyntaxError{Filename: filename, Msg: err.Error()}
	}
	out := &SyntaxError{Filename: filename, Line: int(se.Pos.Line), Col: int(se.Pos.Col), Msg: "invalid syntax"}
	msg := se.Msg
	switch {
	case strings.Contains(msg, "indent"):
		out.Type = "IndentationError"
		switch {
		case strings.Contains(msg, "unindent"):
			out.Msg = "unindent does not match any outer indentation level"
		default:
			out.Msg = "unexpected indent"
		}
	case strings.Contains(msg, "want indent"), strings.Contains(msg, "got newline, want indent"):
		out.Type = "IndentationError"
		out.Msg = "expected an indented block"
	case strings.HasPrefix(msg, "got ") && strings.Contains(msg, "want "):
		if strings.Contains(msg, "got newline, want indent") {
			out.Type = "IndentationError"
			out.Msg = "expected an indented block"
		}
	case strings.Contains(msg, "does not associate"), strings.Contains(msg, "not associative"):
		out.Msg = "invalid syntax"
	default:
		out.Msg = msg
	}
	return out
}
