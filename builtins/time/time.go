// Package time is starproc's Python time module: the clocks (time,
// monotonic, perf_counter, process_time and their _ns forms), sleep,
// struct_time with localtime, gmtime and mktime, strftime with glibc's
// C-locale conversions, asctime and ctime, and the time-zone constants
// timezone, altzone, daylight and tzname.
//
// Every reading of a clock is a journaled effect (runtime.Effect), so a
// replayed run sees the same times; sleep is one too, so a replay need not
// wait again. The local time zone is Go's time.Local (from TZ, as for the
// C library).
//
// Deviations from CPython: a struct_time is not a tuple, so
// struct_time == tuple is False here (True in CPython); %Z of a plain
// 9-tuple names the zone from tzname as of import, where glibc's tzname
// changes with the last conversion; mktime of an ambiguous wall-clock
// time with tm_isdst -1 takes the earlier (DST) reading, where glibc's
// choice depends on its previous call; strptime, tzset, get_clock_info and
// thread_time are not provided.
package time

import (
	"math"
	"math/big"
	"syscall"
	gotime "time"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/pyerr"
)

// Module is the time module:
//
//	def time()                 # seconds since the epoch, a float
//	def time_ns()
//	def monotonic()            # CLOCK_MONOTONIC, shared by all processes
//	def monotonic_ns()
//	def perf_counter()         # the same clock, as in CPython on Linux
//	def perf_counter_ns()
//	def process_time()         # CPU time of this process
//	def process_time_ns()
//	def sleep(secs)
//	def localtime(secs=None)   # struct_time in the local zone
//	def gmtime(secs=None)      # struct_time in UTC
//	def mktime(t)              # inverse of localtime, a float
//	def strftime(format, t=None)
//	def asctime(t=None)        # 'Thu Nov 26 15:13:41 2026'
//	def ctime(secs=None)
//	struct_time(sequence)
//	timezone, altzone, daylight, tzname
var Module = newModule()

func newModule() *starlarkstruct.Module {
	z := probeZone(importTime, gotime.Local)
	return &starlarkstruct.Module{
		Name: "time",
		Members: starlark.StringDict{
			"time":            starlark.NewBuiltin("time.time", timeNow),
			"time_ns":         starlark.NewBuiltin("time.time_ns", timeNs),
			"monotonic":       clock("time.monotonic", clockMonotonic, false),
			"monotonic_ns":    clock("time.monotonic_ns", clockMonotonic, true),
			"perf_counter":    clock("time.perf_counter", clockMonotonic, false),
			"perf_counter_ns": clock("time.perf_counter_ns", clockMonotonic, true),
			"process_time":    clock("time.process_time", clockProcessCPUTime, false),
			"process_time_ns": clock("time.process_time_ns", clockProcessCPUTime, true),
			"sleep":           starlark.NewBuiltin("time.sleep", sleep),
			"localtime":       starlark.NewBuiltin("time.localtime", localtime),
			"gmtime":          starlark.NewBuiltin("time.gmtime", gmtime),
			"mktime":          starlark.NewBuiltin("time.mktime", mktime),
			"strftime":        starlark.NewBuiltin("time.strftime", strftimeBuiltin),
			"asctime":         starlark.NewBuiltin("time.asctime", asctime),
			"ctime":           starlark.NewBuiltin("time.ctime", ctime),
			"struct_time":     starlark.NewBuiltin("time.struct_time", newStructTime),
			"timezone":        starlark.MakeInt(z.timezone),
			"altzone":         starlark.MakeInt(z.altzone),
			"daylight":        starlark.MakeInt(b2i(z.timezone != z.altzone)),
			"tzname":          starlark.Tuple{starlark.String(z.tzname[0]), starlark.String(z.tzname[1])},
		},
	}
}

// importTime is when the package was initialized; like CPython at import,
// the zone constants describe the local zone in the year around it.
var importTime = gotime.Now().Unix()

// zone is the local zone's standard and daylight-saving offsets (seconds
// west of UTC, as C's timezone) and names.
type zone struct {
	timezone, altzone int
	tzname            [2]string
}

// probeZone is CPython's init_timezone for glibc: it looks at the zone in
// January and in July of the year around now, the one with the larger
// offset west being standard time (so the southern hemisphere works).
func probeZone(now int64, loc *gotime.Location) zone {
	const year = (365*24 + 6) * 3600
	t := now / year * year
	janName, janOff := gotime.Unix(t, 0).In(loc).Zone()
	julName, julOff := gotime.Unix(t+year/2, 0).In(loc).Zone()
	if -janOff < -julOff {
		return zone{timezone: -julOff, altzone: -janOff, tzname: [2]string{julName, janName}}
	}
	return zone{timezone: -janOff, altzone: -julOff, tzname: [2]string{janName, julName}}
}

// unpack is starlark.UnpackArgs whose failures are Python TypeErrors.
func unpack(fn string, args starlark.Tuple, kwargs []starlark.Tuple, pairs ...any) error {
	if err := starlark.UnpackArgs(fn, args, kwargs, pairs...); err != nil {
		return &pyerr.Error{Type: "TypeError", Msg: err.Error(), Err: err}
	}
	return nil
}

// timeNow is time.time().
func timeNow(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpack(b.Name(), args, kwargs); err != nil {
		return nil, err
	}
	return runtime.Effect(thread, "time.time", func() (starlark.Value, error) {
		return starlark.Float(float64(gotime.Now().UnixNano()) / 1e9), nil
	})
}

// timeNs is time.time_ns().
func timeNs(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := unpack(b.Name(), args, kwargs); err != nil {
		return nil, err
	}
	return runtime.Effect(thread, "time.time_ns", func() (starlark.Value, error) {
		return starlark.MakeInt64(gotime.Now().UnixNano()), nil
	})
}

// clock makes a builtin reading a POSIX clock in seconds (a float) or nanoseconds.
func clock(name string, id int, ns bool) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if err := unpack(b.Name(), args, kwargs); err != nil {
			return nil, err
		}
		return runtime.Effect(thread, name, func() (starlark.Value, error) {
			n, err := clockNanos(id)
			if err != nil {
				return nil, pyerr.OSError(err, "")
			}
			if ns {
				return starlark.MakeInt64(n), nil
			}
			return starlark.Float(float64(n) / 1e9), nil
		})
	})
}

// sleep is time.sleep(secs).
func sleep(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var secs starlark.Value
	if err := unpack(b.Name(), args, kwargs, "secs", &secs); err != nil {
		return nil, err
	}
	var d gotime.Duration
	switch x := secs.(type) {
	case starlark.Float:
		f := float64(x)
		if math.IsNaN(f) {
			return nil, pyerr.ValueError("Invalid value NaN (not a number)")
		}
		ns := f * 1e9
		if !(ns >= -(1<<63) && ns < 1<<63) {
			return nil, pyerr.New("OverflowError", "timestamp out of range for platform time_t")
		}
		d = gotime.Duration(math.Round(ns))
	case starlark.Int, starlark.Bool:
		var n *big.Int
		if bv, ok := x.(starlark.Bool); ok {
			n = big.NewInt(int64(b2i(bool(bv))))
		} else {
			n = x.(starlark.Int).BigInt()
		}
		n.Mul(n, big.NewInt(1e9))
		if !n.IsInt64() {
			return nil, pyerr.New("OverflowError", "timestamp too large to convert to C _PyTime_t")
		}
		d = gotime.Duration(n.Int64())
	default:
		return nil, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(secs))
	}
	if d < 0 {
		return nil, pyerr.ValueError("sleep length must be non-negative")
	}
	st := runtime.Of(thread)
	_, err := runtime.Effect(thread, "time.sleep", func() (starlark.Value, error) {
		t := gotime.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return starlark.None, nil
		case <-st.InterruptC(): // Ctrl-C: KeyboardInterrupt, as in CPython
			return nil, runtime.ErrInterrupted
		}
	})
	return starlark.None, err
}

// timestamp converts a secs argument to whole seconds as CPython's
// _PyTime_ObjectToTime_t does (rounding down); None reads the clock.
func timestamp(thread *starlark.Thread, v starlark.Value) (int64, error) {
	switch x := v.(type) {
	case nil, starlark.NoneType:
		now, err := runtime.Effect(thread, "time.localtime", func() (starlark.Value, error) {
			return starlark.MakeInt64(gotime.Now().Unix()), nil
		})
		if err != nil {
			return 0, err
		}
		n, ok := now.(starlark.Int).Int64()
		if !ok {
			return 0, pyerr.New("OverflowError", "timestamp out of range for platform time_t")
		}
		return n, nil
	case starlark.Float:
		f := math.Floor(float64(x))
		if math.IsNaN(f) {
			return 0, pyerr.ValueError("Invalid value NaN (not a number)")
		}
		if !(f >= -(1<<63) && f < 1<<63) {
			return 0, pyerr.New("OverflowError", "timestamp out of range for platform time_t")
		}
		return int64(f), nil
	case starlark.Bool:
		return int64(b2i(bool(x))), nil
	case starlark.Int:
		n, ok := x.Int64()
		if !ok {
			return 0, pyerr.New("OverflowError", "timestamp out of range for platform time_t")
		}
		return n, nil
	}
	return 0, pyerr.TypeError("'%s' object cannot be interpreted as an integer", typeName(v))
}

// breakDown is C's localtime_r/gmtime_r: secs in loc as a tm, or
// EOVERFLOW when the year does not fit C's int.
func breakDown(secs int64, loc *gotime.Location, utc bool) (*tm, error) {
	const maxSecs = 67767976233316800 // about year 2**31 - 1 + 1900
	if secs > maxSecs || secs < -maxSecs {
		return nil, pyerr.OSError(syscall.EOVERFLOW, "")
	}
	t := gotime.Unix(secs, 0).In(loc)
	name, off := t.Zone()
	if utc {
		name = "GMT"
	}
	return &tm{year: t.Year(), mon: int(t.Month()) - 1, mday: t.Day(), hour: t.Hour(), min: t.Minute(),
		sec: t.Second(), wday: int(t.Weekday()), yday: t.YearDay() - 1, isdst: b2i(t.IsDST()),
		zone: name, hasZone: true, gmtoff: int64(off)}, nil
}

// localtime is time.localtime(secs=None).
func localtime(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var secs starlark.Value = starlark.None
	if err := unpack(b.Name(), args, kwargs, "secs?", &secs); err != nil {
		return nil, err
	}
	t, err := localTM(thread, secs)
	if err != nil {
		return nil, err
	}
	return t.structTime(), nil
}

func localTM(thread *starlark.Thread, secs starlark.Value) (*tm, error) {
	n, err := timestamp(thread, secs)
	if err != nil {
		return nil, err
	}
	return breakDown(n, gotime.Local, false)
}

// gmtime is time.gmtime(secs=None).
func gmtime(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var secs starlark.Value = starlark.None
	if err := unpack(b.Name(), args, kwargs, "secs?", &secs); err != nil {
		return nil, err
	}
	n, err := timestamp(thread, secs)
	if err != nil {
		return nil, err
	}
	t, err := breakDown(n, gotime.UTC, true)
	if err != nil {
		return nil, err
	}
	return t.structTime(), nil
}

// mktime is time.mktime(t).
func mktime(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var tv starlark.Value
	if err := unpack(b.Name(), args, kwargs, "t", &tv); err != nil {
		return nil, err
	}
	t, err := gettmarg(tv, "mktime")
	if err != nil {
		return nil, err
	}
	secs, ok := localSeconds(t, gotime.Local)
	if !ok {
		return nil, pyerr.New("OverflowError", "mktime argument out of range")
	}
	return starlark.Float(float64(secs)), nil
}

// localSeconds is glibc's mktime: the fields are normalized (month 13 is
// January of the next year), and tm_isdst picks between the two readings
// of a wall-clock time that a DST change makes ambiguous or skips.
func localSeconds(t *tm, loc *gotime.Location) (int64, bool) {
	wall := gotime.Date(t.year, gotime.Month(t.mon+1), t.mday, t.hour, t.min, t.sec, 0, gotime.UTC).Unix()
	year := gotime.Unix(wall, 0).UTC().Year()
	probes := []int64{wall - 86400, wall, wall + 86400,
		gotime.Date(year, 1, 1, 0, 0, 0, 0, gotime.UTC).Unix(), gotime.Date(year, 7, 1, 0, 0, 0, 0, gotime.UTC).Unix()}
	type offset struct {
		secs int64
		dst  bool
	}
	var offs []offset
	for _, p := range probes {
		lt := gotime.Unix(p, 0).In(loc)
		_, o := lt.Zone()
		offs = append(offs, offset{int64(o), lt.IsDST()})
	}
	valid := func(o offset) bool {
		_, got := gotime.Unix(wall-o.secs, 0).In(loc).Zone()
		return int64(got) == o.secs
	}
	if t.isdst >= 0 {
		want := t.isdst > 0
		for _, o := range offs[:3] {
			if o.dst == want && valid(o) {
				return wall - o.secs, true
			}
		}
		for _, o := range offs {
			if o.dst == want {
				return wall - o.secs, true
			}
		}
	}
	for _, o := range offs[:3] {
		if valid(o) {
			return wall - o.secs, true
		}
	}
	return wall - offs[0].secs, true
}

// strftimeBuiltin is time.strftime(format, t=None).
func strftimeBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var format, tv starlark.Value
	if err := unpack(b.Name(), args, kwargs, "format", &format, "t?", &tv); err != nil {
		return nil, err
	}
	f, ok := format.(starlark.String)
	if !ok {
		return nil, pyerr.TypeError("strftime() argument 1 must be str, not %s", typeName(format))
	}
	t, err := timeArg(thread, tv, "strftime")
	if err != nil {
		return nil, err
	}
	if t.isdst < -1 {
		t.isdst = -1
	} else if t.isdst > 1 {
		t.isdst = 1
	}
	z := probeZone(importTime, gotime.Local)
	info := zoneInfo{tzname: z.tzname, mktime: func(t *tm) (int64, bool) { return localSeconds(t, gotime.Local) }}
	return starlark.String(strftime(string(f), t, info)), nil
}

// timeArg is the optional time tuple of strftime and asctime: the local
// time now when absent, else a checked struct_time or 9-tuple.
func timeArg(thread *starlark.Thread, tv starlark.Value, fn string) (*tm, error) {
	if tv == nil || tv == starlark.None {
		return localTM(thread, starlark.None)
	}
	t, err := gettmarg(tv, fn)
	if err != nil {
		return nil, err
	}
	return t, checktm(t)
}

// asctimeOf is CPython's _asctime: "%s %s%3d %.2d:%.2d:%.2d %d".
func asctimeOf(t *tm) string {
	return name(dayNames[:], t.wday, 3) + " " + name(monthNames[:], t.mon, 3) + " " +
		number(t.mday, 2, '_', '_', -1) + " " + number(t.hour, 2, '0', '0', -1) + ":" +
		number(t.min, 2, '0', '0', -1) + ":" + number(t.sec, 2, '0', '0', -1) + " " + number(t.year, 1, '-', '-', -1)
}

// asctime is time.asctime(t=None).
func asctime(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var tv starlark.Value
	if err := unpack(b.Name(), args, kwargs, "t?", &tv); err != nil {
		return nil, err
	}
	t, err := timeArg(thread, tv, "asctime")
	if err != nil {
		return nil, err
	}
	return starlark.String(asctimeOf(t)), nil
}

// ctime is time.ctime(secs=None): asctime(localtime(secs)).
func ctime(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var secs starlark.Value = starlark.None
	if err := unpack(b.Name(), args, kwargs, "secs?", &secs); err != nil {
		return nil, err
	}
	t, err := localTM(thread, secs)
	if err != nil {
		return nil, err
	}
	return starlark.String(asctimeOf(t)), nil
}
