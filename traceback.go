package starproc

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pysyntax"
)

// ExitStatus reports err, the outcome of Exec, as CPython would — a
// traceback or a syntax error on w, or sys.exit's message — and returns the
// process exit status. src is the script's source, for the lines a
// traceback quotes.
func ExitStatus(err error, src []byte, filename string, w io.Writer) int {
	if err == nil {
		return 0
	}
	var exit *pyerr.SystemExit
	if errors.As(err, &exit) {
		if exit.Printed {
			fmt.Fprintln(w, exit.Msg)
		}
		return exit.Code
	}
	var se *pysyntax.SyntaxError
	if errors.As(err, &se) {
		io.WriteString(w, FormatSyntaxError(se, src))
		return 1
	}
	io.WriteString(w, FormatTraceback(err, src, filename))
	return 1
}

// FormatSyntaxError renders a compile-time error as CPython prints one.
func FormatSyntaxError(se *pysyntax.SyntaxError, src []byte) string {
	typ := se.Type
	if typ == "" {
		typ = "SyntaxError"
	}
	if se.Col == 0 && se.Line > 0 && strings.HasPrefix(se.Msg, "Non-UTF-8") {
		return fmt.Sprintf("%s: %s\n", typ, se.Msg)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  File \"%s\", line %d\n", se.Filename, se.Line)
	if line, ok := sourceLine(src, se.Line); ok {
		trimmed := strings.TrimLeft(line, " \t\f")
		b.WriteString("    " + strings.TrimRight(trimmed, " \t\r") + "\n")
		if se.Col > 0 {
			col := se.Col - 1 - (len([]rune(line)) - len([]rune(trimmed)))
			if col < 0 {
				col = 0
			}
			b.WriteString("    " + strings.Repeat(" ", col) + "^\n")
		}
	}
	fmt.Fprintf(&b, "%s: %s\n", typ, se.Msg)
	return b.String()
}

// caretLine draws CPython 3.11's marks under a source line for span, as
// its C traceback printer does (Python/traceback.c; Lib/traceback.py is
// its near twin), or returns "" when CPython draws none. Offsets count
// characters of the whole line, indentation included.
func caretLine(line string, span pysyntax.Span) string {
	if span.Kind == pysyntax.Unmarked {
		return ""
	}
	runes := []rune(line)
	lead := 0
	for lead < len(runes) && (runes[lead] == ' ' || runes[lead] == '\t' || runes[lead] == '\f') {
		lead++
	}
	start := span.Start.Col - 1
	end := span.End.Col - 1
	left, right := -1, -1
	if span.End.Line == span.Start.Line {
		switch span.Kind {
		case pysyntax.Binary:
			left, right = binaryAnchors(runes, span)
		case pysyntax.Subscript:
			left, right = subscriptAnchors(runes, span)
		}
	} else {
		// Up to the line's last non-blank character; CPython seeks it
		// by character count in the UTF-8 bytes, which is what this does.
		b := []byte(line)
		i := len(runes) - 1
		for i >= 0 && i < len(b) && isSpace(b[i]) {
			i--
		}
		end = i + 1
	}
	if start < lead || end > len(runes) || start >= end {
		return "" // not where this line can show it
	}
	anchors := left >= 0 || right >= 0
	// The line's length as CPython counts it keeps trailing blanks.
	if end-start == len(runes)-lead && !anchors {
		return ""
	}
	var b strings.Builder
	b.WriteString("    ")
	b.WriteString(strings.Repeat(" ", start-lead))
	for p := start; p < end; p++ {
		if anchors && left <= p && p < right {
			b.WriteByte('^')
		} else if anchors {
			b.WriteByte('~')
		} else {
			b.WriteByte('^')
		}
	}
	b.WriteByte('\n')
	return b.String()
}

// binaryAnchors finds a binary operator between its operands: its first
// non-blank character that is not a closing parenthesis, and the next
// character too when that is not blank.
func binaryAnchors(runes []rune, span pysyntax.Span) (left, right int) {
	if span.LeftEnd.Line != span.Start.Line || span.RightStart.Line != span.Start.Line {
		return -1, -1
	}
	from, to := span.LeftEnd.Col-1, span.RightStart.Col-1
	if from < 0 || to > len(runes) {
		return -1, -1
	}
	left, right = -1, -1
	for i := from; i < to; i++ {
		if isSpaceRune(runes[i]) {
			continue
		}
		left, right = i, i+1
		if i+1 < to && !isSpaceRune(runes[i+1]) {
			right++
		}
		if i+1 < to && runes[i] == ')' {
			continue
		}
		break
	}
	return left, right
}

// subscriptAnchors marks a subscript's [index]: from the first [ after the
// value to the end of the expression, its closing ].
func subscriptAnchors(runes []rune, span pysyntax.Span) (left, right int) {
	if span.LeftEnd.Line != span.Start.Line {
		return -1, -1
	}
	left, right = span.LeftEnd.Col-1, span.End.Col-1
	for left < right && runes[left] != '[' {
		left++
	}
	return left, right
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isSpaceRune(r rune) bool { return r < 0x80 && isSpace(byte(r)) }

func sourceLine(src []byte, n int) (string, bool) {
	if n < 1 {
		return "", false
	}
	lines := strings.Split(string(src), "\n")
	if n > len(lines) {
		return "", false
	}
	return strings.TrimSuffix(lines[n-1], "\r"), true
}

// FormatTraceback renders a run-time error as CPython's traceback: the
// frames of the user's script, outermost first, each with its source line,
// and a last line naming the Python exception.
func FormatTraceback(err error, src []byte, filename string) string {
	return formatTraceback(err, src, filename, 0, "", false)
}

// formatTraceback skips the first skip frames and starts with prelude.
// printExc is set for a traceback CPython prints with Lib/traceback.py
// (multiprocessing's child, through traceback.print_exc), whose way with
// a source line and its marks differs from the interpreter's own printer.
func formatTraceback(err error, src []byte, filename string, skip int, prelude string, printExc bool) string {
	var b strings.Builder
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		b.WriteString("Traceback (most recent call last):\n")
		b.WriteString(prelude)
		havePrev := false
		repeat := 0
		flush := func() {
			if repeat > 0 {
				fmt.Fprintf(&b, "  [Previous line repeated %d more time%s]\n", repeat, plural(repeat))
			}
			repeat = 0
		}
		count := 0
		frames := ee.CallStack
		if skip <= len(frames) {
			frames = frames[skip:]
		}
		if len(frames) > pythonRecursionLimit {
			// Show the frames CPython would have had at its limit.
			frames = frames[:pythonRecursionLimit]
		}
		if isBindingError(err) && len(frames) > 0 {
			// Starlark fails a call's argument binding inside the callee's
			// frame; CPython reports it at the call.
			frames = frames[:len(frames)-1]
		}
		var spans map[pysyntax.Pos]pysyntax.Span
		spansRead := false
		type frameKey struct {
			line int
			name string
		}
		var prevKey frameKey
		for _, fr := range frames {
			if fr.Pos.Filename() != filename {
				continue // builtins and other files
			}
			name := fr.Name
			switch name {
			case "<toplevel>":
				name = "<module>"
			case "lambda":
				name = "<lambda>"
			}
			if !spansRead {
				// A second parse, paid only when a traceback is printed.
				spans, spansRead = pysyntax.Spans(filename, src), true
			}
			lineNo := int(fr.Pos.Line)
			span, hasSpan := spans[pysyntax.Pos{Line: int(fr.Pos.Line), Col: int(fr.Pos.Col)}]
			if hasSpan && span.Kind != pysyntax.Unmarked {
				// CPython reports an expression at the line it starts on.
				lineNo = span.Start.Line
			}
			var frame strings.Builder
			fmt.Fprintf(&frame, "  File \"%s\", line %d, in %s\n", filename, lineNo, name)
			if line, ok := sourceLine(src, lineNo); ok && strings.TrimSpace(line) != "" {
				frame.WriteString("    " + strings.TrimSpace(line) + "\n")
				if hasSpan && span.Start.Line == lineNo {
					if printExc {
						frame.WriteString(caretLinePy(line, span))
					} else {
						frame.WriteString(caretLine(line, span))
					}
				}
			}
			// CPython counts a frame as a repeat of the last by its file,
			// line and function, whatever its column.
			key := frameKey{lineNo, name}
			if havePrev && key == prevKey {
				count++
				if count >= 3 {
					repeat++
					continue
				}
			} else {
				flush()
				count = 0
			}
			havePrev, prevKey = true, key
			b.WriteString(frame.String())
		}
		flush()
	}
	typ, msg := PythonException(err)
	if msg == "" {
		fmt.Fprintf(&b, "%s\n", typ)
	} else {
		fmt.Fprintf(&b, "%s: %s\n", typ, msg)
	}
	return b.String()
}

var bindingError = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^function \S+ (missing \d+ argument|accepts |got an unexpected keyword|got multiple values)`)
})

// isBindingError reports whether err is Starlark's failure to bind a call's
// arguments to a Starlark function's parameters.
func isBindingError(err error) bool {
	var pe *pyerr.Error
	if errors.As(err, &pe) {
		return false
	}
	var ee *starlark.EvalError
	if !errors.As(err, &ee) {
		return false
	}
	msg := ee.Msg
	if c := ee.Unwrap(); c != nil {
		msg = c.Error()
	}
	return bindingError().MatchString(msg)
}

// pythonRecursionLimit is CPython's default sys.getrecursionlimit(). starproc
// lets recursion go deeper (to Starlark's own limit of 100,000 frames);
// a traceback of runaway recursion shows what CPython would.
const pythonRecursionLimit = 1000

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// PythonException names the Python exception for an error of a run: the
// class and message of a *pyerr.Error it wraps, or CPython's counterpart of
// a Starlark interpreter error.
func PythonException(err error) (typ, msg string) {
	var pe *pyerr.Error
	if errors.As(err, &pe) {
		return pe.Type, pe.Msg
	}
	text := err.Error()
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		text = ee.Msg
		if c := ee.Unwrap(); c != nil {
			text = c.Error()
		}
	}
	for _, m := range starlarkErrors() {
		if sm := m.re.FindStringSubmatch(text); sm != nil {
			if m.msg == nil { // the class is in the text
				return sm[1], sm[2]
			}
			return m.typ, m.msg(sm)
		}
	}
	return "RuntimeError", text
}

type errorMapping struct {
	re  *regexp.Regexp
	typ string
	msg func(sub []string) string
}

func fixed(s string) func([]string) string { return func([]string) string { return s } }

// pyTypeNames maps Starlark type names to Python's.
var pyTypeNames = map[string]string{"string": "str", "NoneType": "NoneType", "builtin_function_or_method": "builtin_function_or_method"}

func pyType(t string) string {
	if p, ok := pyTypeNames[t]; ok {
		return p
	}
	return t
}

// starlarkKey turns Starlark's rendering of a dict key back into Python's repr.
func starlarkKey(s string) string {
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			return pyfmt.QuoteString(u)
		}
	}
	return s
}

// starlarkErrors is built on first use: compiling its patterns at start-up
// would cost every child process a couple of milliseconds.
var starlarkErrors = sync.OnceValue(func() []errorMapping { return starlarkErrorTable() })

func starlarkErrorTable() []errorMapping {
	return []errorMapping{
		{regexp.MustCompile(`^floating-point division by zero$`), "ZeroDivisionError", fixed("division by zero")},
		{regexp.MustCompile(`^floored division by zero$`), "ZeroDivisionError", fixed("integer division or modulo by zero")},
		{regexp.MustCompile(`^integer modulo by zero$`), "ZeroDivisionError", fixed("integer modulo by zero")},
		{regexp.MustCompile(`^floating-point modulo by zero$`), "ZeroDivisionError", fixed("float modulo")},
		{regexp.MustCompile(`^key (.*) not in dict$`), "KeyError", func(s []string) string { return starlarkKey(s[1]) }},
		{regexp.MustCompile(`^(list|tuple|string) index (-?\d+) out of range`), "IndexError", func(s []string) string {
			return s[1] + " index out of range"
		}},
		{regexp.MustCompile(`^index -?\d+ out of range: empty (list|tuple|string)`), "IndexError", func(s []string) string {
			return s[1] + " index out of range"
		}},
		{regexp.MustCompile(`^too many values to unpack \(got \d+, want (\d+)\)$`), "ValueError", func(s []string) string {
			return fmt.Sprintf("too many values to unpack (expected %s)", s[1])
		}},
		{regexp.MustCompile(`^too few values to unpack \(got (\d+), want (\d+)\)$`), "ValueError", func(s []string) string {
			return fmt.Sprintf("not enough values to unpack (expected %s, got %s)", s[2], s[1])
		}},
		{regexp.MustCompile(`^got (\w+) in sequence assignment$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("cannot unpack non-iterable %s object", pyType(s[1]))
		}},
		{regexp.MustCompile(`^(\w+) value does not support item assignment$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("'%s' object does not support item assignment", pyType(s[1]))
		}},
		{regexp.MustCompile(`^unhandled index operation (\w+)\[`), "TypeError", func(s []string) string {
			return fmt.Sprintf("'%s' object is not subscriptable", pyType(s[1]))
		}},
		{regexp.MustCompile(`^(list|tuple) index: got (\w+), want int$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("%s indices must be integers or slices, not %s", s[1], pyType(s[2]))
		}},
		{regexp.MustCompile(`^string index: got (\w+), want int$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("string indices must be integers, not '%s'", pyType(s[1]))
		}},
		{regexp.MustCompile(`^function (\S+) accepts no arguments \((\d+) given\)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("%s() takes 0 positional arguments but %s %s given", s[1], s[2], was(s[2]))
		}},
		{regexp.MustCompile(`int too large to convert to float`), "OverflowError", fixed("int too large to convert to float")},
		{regexp.MustCompile(`^cannot insert into hash table during iteration$`), "RuntimeError", fixed("dictionary changed size during iteration")},
		{regexp.MustCompile(`^unknown binary op: string \+ (\w+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("can only concatenate str (not %q) to str", pyType(s[1]))
		}},
		{regexp.MustCompile(`^unknown binary op: list \+ (\w+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("can only concatenate list (not %q) to list", pyType(s[1]))
		}},
		{regexp.MustCompile(`^unknown binary op: (?:string|list|tuple|bytes) \* (\w+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("can't multiply sequence by non-int of type '%s'", pyType(s[1]))
		}},
		{regexp.MustCompile(`^unknown binary op: (\w+) \* (?:string|list|tuple|bytes)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("can't multiply sequence by non-int of type '%s'", pyType(s[1]))
		}},
		{regexp.MustCompile(`^unknown binary op: (\w+) (\S+) (\w+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("unsupported operand type(s) for %s: '%s' and '%s'", s[2], pyType(s[1]), pyType(s[3]))
		}},
		{regexp.MustCompile(`^unknown unary op: (\S+) (\w+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("bad operand type for unary %s: '%s'", s[1], pyType(s[2]))
		}},
		{regexp.MustCompile(`^(\w+) < (\w+) not implemented$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("'<' not supported between instances of '%s' and '%s'", pyType(s[1]), pyType(s[2]))
		}},
		{regexp.MustCompile(`^(\S+) has no \.(\w+) field or method`), "AttributeError", func(s []string) string {
			return fmt.Sprintf("'%s' object has no attribute '%s'", pyType(s[1]), s[2])
		}},
		{regexp.MustCompile(`^invalid call of non-function \((\S+)\)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("'%s' object is not callable", pyType(s[1]))
		}},
		{regexp.MustCompile(`^function (\S+) missing (\d+) arguments? \((.*)\)$`), "TypeError", func(s []string) string {
			names := strings.Split(s[3], ", ")
			for i, n := range names {
				names[i] = "'" + n + "'"
			}
			list := strings.Join(names, " and ")
			if len(names) > 2 {
				list = strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
			}
			return fmt.Sprintf("%s() missing %s required positional argument%s: %s", s[1], s[2], plural(len(names)), list)
		}},
		{regexp.MustCompile(`^function (\S+) accepts (no|at most \d+|\d+) positional arguments? \((\d+) given\)$`), "TypeError", func(s []string) string {
			n := strings.TrimPrefix(s[2], "at most ")
			if n == "no" {
				n = "0"
			}
			k, _ := strconv.Atoi(n)
			return fmt.Sprintf("%s() takes %s positional argument%s but %s %s given", s[1], n, plural(k), s[3], was(s[3]))
		}},
		{regexp.MustCompile(`^function (\S+) got an unexpected keyword argument (\S+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("%s() got an unexpected keyword argument '%s'", s[1], strings.Trim(s[2], `"`))
		}},
		{regexp.MustCompile(`^function (\S+) got multiple values for parameter (\S+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("%s() got multiple values for argument '%s'", s[1], strings.Trim(s[2], `"`))
		}},
		{regexp.MustCompile(`^local variable (\w+) referenced before assignment$`), "UnboundLocalError", func(s []string) string {
			return fmt.Sprintf("cannot access local variable '%s' where it is not associated with a value", s[1])
		}},
		{regexp.MustCompile(`^global variable (\w+) referenced before assignment$`), "NameError", func(s []string) string {
			return fmt.Sprintf("name '%s' is not defined", s[1])
		}},
		{regexp.MustCompile(`^(\w+) value is not iterable$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("'%s' object is not iterable", pyType(s[1]))
		}},
		{regexp.MustCompile(`^unhashable(?: type)?: (\w+)$`), "TypeError", func(s []string) string {
			return fmt.Sprintf("unhashable type: '%s'", pyType(s[1]))
		}},
		{regexp.MustCompile(`^cannot (?:append to|insert into|assign to element of|clear|extend|pop from|remove from) frozen`), "RuntimeError", func(s []string) string {
			return "cannot modify a value that another process or a finished module froze"
		}},
		// Starlark stops runaway recursion at 100,000 frames, before the Go
		// stack could overflow; CPython stops at 1,000 (see formatTraceback).
		{regexp.MustCompile(`^Starlark stack overflow$`), "RecursionError", fixed("maximum recursion depth exceeded")},
		{regexp.MustCompile(`^Starlark computation cancelled: ([\w.]+): (.*)$`), "", nil},
		{regexp.MustCompile(`^Starlark computation cancelled: (.*)$`), "KeyboardInterrupt", fixed("")},
	}
}

func was(n string) string {
	if n == "1" {
		return "was"
	}
	return "were"
}
