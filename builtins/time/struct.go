package time

import (
	"fmt"
	"math"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/starproc/starproc/runtime/pyerr"
	"github.com/starproc/starproc/runtime/pyfmt"
)

// fieldNames are struct_time's fields: nine that index like a tuple, then
// tm_zone and tm_gmtoff, which only attributes reach.
var fieldNames = [11]string{"tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
	"tm_wday", "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff"}

// StructTime is time.struct_time: a 9-tuple of ints (year, month 1-12,
// day, hour, minute, second, weekday with Monday 0, day of the year from
// 1, DST flag) with named fields, plus tm_zone and tm_gmtoff.
type StructTime struct {
	fields [11]starlark.Value
}

var (
	_ starlark.Indexable  = (*StructTime)(nil)
	_ starlark.Sliceable  = (*StructTime)(nil)
	_ starlark.Sequence   = (*StructTime)(nil)
	_ starlark.HasAttrs   = (*StructTime)(nil)
	_ starlark.Comparable = (*StructTime)(nil)
	_ pyfmt.Reprer        = (*StructTime)(nil)
)

// tuple returns the nine visible fields.
func (s *StructTime) tuple() starlark.Tuple { return starlark.Tuple(s.fields[:9]) }

// String is the repr, e.g.
// time.struct_time(tm_year=2026, tm_mon=11, ..., tm_isdst=0).
func (s *StructTime) String() string {
	var b strings.Builder
	b.WriteString("time.struct_time(")
	for i := range 9 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s=%s", fieldNames[i], pyfmt.Repr(s.fields[i]))
	}
	b.WriteString(")")
	return b.String()
}

// PyRepr is the same as String.
func (s *StructTime) PyRepr() string { return s.String() }

func (s *StructTime) Type() string         { return "time.struct_time" }
func (s *StructTime) Truth() starlark.Bool { return true }
func (s *StructTime) Len() int             { return 9 }
func (s *StructTime) Index(i int) starlark.Value {
	return s.fields[i]
}
func (s *StructTime) Iterate() starlark.Iterator { return s.tuple().Iterate() }
func (s *StructTime) Hash() (uint32, error)      { return s.tuple().Hash() }

// Freeze freezes the fields; struct_time itself is immutable.
func (s *StructTime) Freeze() {
	for _, v := range s.fields {
		if v != nil {
			v.Freeze()
		}
	}
}

// Slice slices like a tuple, giving a tuple (t[:6]).
func (s *StructTime) Slice(start, end, step int) starlark.Value {
	return s.tuple().Slice(start, end, step)
}

// CompareSameType compares the nine visible fields as tuples.
func (s *StructTime) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	return starlark.CompareDepth(op, s.tuple(), y.(*StructTime).tuple(), depth)
}

// Attr returns a field, or one of n_fields, n_sequence_fields, n_unnamed_fields.
func (s *StructTime) Attr(name string) (starlark.Value, error) {
	for i, f := range fieldNames {
		if f == name {
			return s.fields[i], nil
		}
	}
	switch name {
	case "n_fields":
		return starlark.MakeInt(11), nil
	case "n_sequence_fields":
		return starlark.MakeInt(9), nil
	case "n_unnamed_fields":
		return starlark.MakeInt(0), nil
	}
	return nil, nil
}

// AttrNames lists the fields.
func (s *StructTime) AttrNames() []string {
	return append(fieldNames[:], "n_fields", "n_sequence_fields", "n_unnamed_fields")
}

// newStructTime is time.struct_time(sequence): 9 to 11 items.
func newStructTime(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seq starlark.Value
	if err := unpack(b.Name(), args, kwargs, "sequence", &seq); err != nil {
		return nil, err
	}
	var items []starlark.Value
	switch x := seq.(type) {
	case starlark.Tuple:
		items = x
	case *starlark.List:
		for v := range x.Elements() {
			items = append(items, v)
		}
	case *StructTime:
		items = x.fields[:]
	default:
		return nil, pyerr.TypeError("constructor requires a sequence")
	}
	if len(items) < 9 {
		return nil, pyerr.TypeError("time.struct_time() takes an at least 9-sequence (%d-sequence given)", len(items))
	}
	if len(items) > 11 {
		return nil, pyerr.TypeError("time.struct_time() takes an at most 11-sequence (%d-sequence given)", len(items))
	}
	s := new(StructTime)
	for i := range s.fields {
		s.fields[i] = starlark.None
		if i < len(items) {
			s.fields[i] = items[i]
		}
	}
	return s, nil
}

// tm is C's struct tm as CPython's time module fills it: year in full,
// mon 0-11, wday with Sunday 0, yday from 0.
type tm struct {
	year, mon, mday, hour, min, sec, wday, yday, isdst int
	zone                                               string
	hasZone                                            bool // false for a plain tuple: %Z then uses tzname
	gmtoff                                             int64
}

// structTime converts a tm to a struct_time.
func (t *tm) structTime() *StructTime {
	s := new(StructTime)
	for i, v := range []int{t.year, t.mon + 1, t.mday, t.hour, t.min, t.sec, (t.wday + 6) % 7, t.yday + 1, t.isdst} {
		s.fields[i] = starlark.MakeInt(v)
	}
	s.fields[9] = starlark.String(t.zone)
	s.fields[10] = starlark.MakeInt64(t.gmtoff)
	return s
}

// cInt is PyArg's "i" conversion of one time tuple item.
func cInt(v starlark.Value) (int, error) {
	switch x := v.(type) {
	case starlark.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case starlark.Int:
		i, ok := x.Int64()
		switch {
		case !ok:
			return 0, pyerr.New("OverflowError", "Python int too large to convert to C long")
		case i > math.MaxInt32:
			return 0, pyerr.New("OverflowError", "signed integer is greater than maximum")
		case i < math.MinInt32:
			return 0, pyerr.New("OverflowError", "signed integer is less than minimum")
		}
		return int(i), nil
	}
	return 0, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(v))
}

// gettmarg converts a struct_time or 9-tuple argument as CPython's
// gettmarg does; fn names the function in its messages.
func gettmarg(v starlark.Value, fn string) (*tm, error) {
	var items []starlark.Value
	st, isStruct := v.(*StructTime)
	switch x := v.(type) {
	case starlark.Tuple:
		items = x
	case *StructTime:
		items = x.fields[:9]
	default:
		return nil, pyerr.TypeError("Tuple or struct_time argument required")
	}
	if len(items) != 9 {
		return nil, pyerr.TypeError("%s(): illegal time tuple argument", fn)
	}
	var n [9]int
	for i, item := range items {
		x, err := cInt(item)
		if err != nil {
			return nil, err
		}
		n[i] = x
	}
	t := &tm{year: n[0], mon: n[1] - 1, mday: n[2], hour: n[3], min: n[4], sec: n[5],
		wday: (n[6] + 1) % 7, yday: n[7] - 1, isdst: n[8]}
	if isStruct {
		if z, ok := st.fields[9].(starlark.String); ok {
			t.zone, t.hasZone = string(z), true
		}
		if off, ok := st.fields[10].(starlark.Int); ok {
			t.gmtoff, _ = off.Int64()
		}
	}
	return t, nil
}

// checktm validates a tm for strftime and asctime as CPython's checktm
// does, mapping the "unset" values 0 and -1 to their defaults.
func checktm(t *tm) error {
	switch {
	case t.mon == -1:
		t.mon = 0
	case t.mon < 0 || t.mon > 11:
		return pyerr.ValueError("month out of range")
	}
	switch {
	case t.mday == 0:
		t.mday = 1
	case t.mday < 0 || t.mday > 31:
		return pyerr.ValueError("day of month out of range")
	}
	if t.hour < 0 || t.hour > 23 {
		return pyerr.ValueError("hour out of range")
	}
	if t.min < 0 || t.min > 59 {
		return pyerr.ValueError("minute out of range")
	}
	if t.sec < 0 || t.sec > 61 {
		return pyerr.ValueError("seconds out of range")
	}
	if t.wday < 0 {
		return pyerr.ValueError("day of week out of range")
	}
	switch {
	case t.yday == -1:
		t.yday = 0
	case t.yday < 0 || t.yday > 365:
		return pyerr.ValueError("day of year out of range")
	}
	return nil
}

// typeName is the Python name of v's type, for messages.
func typeName(v starlark.Value) string {
	if _, ok := v.(starlark.String); ok {
		return "str"
	}
	return v.Type()
}
