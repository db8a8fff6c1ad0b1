package time

import (
	"strconv"
	"strings"
)

// strftime formats t as glibc's strftime does in the C locale: flags
// (- _ 0 ^ #), field widths, the E and O modifiers (no-ops in the C
// locale), and an unknown conversion copied through as written.

var (
	dayNames   = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	monthNames = [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
)

// zoneInfo is what %Z and %s need beyond the tm itself.
type zoneInfo struct {
	tzname [2]string
	mktime func(t *tm) (int64, bool)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// isoWeekDays is glibc's iso_week_days: the days from the start of the ISO
// week-based year to yday, negative if yday falls in the previous one.
func isoWeekDays(yday, wday int) int {
	const bigEnoughMultipleOf7 = (366/7 + 2) * 7
	return yday - (yday-wday+4+bigEnoughMultipleOf7)%7 + 4 - 1
}

func strftime(format string, t *tm, z zoneInfo) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		start := i
		i++
		var pad byte // 0, '-', '_' or '0'
		upper, swap := false, false
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '-', '_', '0':
				pad = format[i]
			case '^':
				upper = true
			case '#':
				swap = true
			default:
				break flags
			}
		}
		width := -1
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			if width < 0 {
				width = 0
			}
			width = width*10 + int(format[i]-'0')
			i++
		}
		if i < len(format) && (format[i] == 'E' || format[i] == 'O') {
			i++
		}
		if i >= len(format) {
			b.WriteString(padText(format[start:], pad, width))
			break
		}
		s, ok := conv(format[i], t, z, pad, width, upper, swap)
		if !ok {
			// glibc copies an unknown conversion through, padded to the width.
			b.WriteString(padText(format[start:i+1], pad, width))
			continue
		}
		b.WriteString(s)
	}
	return b.String()
}

// conv formats one conversion; ok is false for an unknown one.
func conv(c byte, t *tm, z zoneInfo, pad byte, width int, upper, swap bool) (string, bool) {
	num := func(digits, v int) string { return number(v, digits, pad, '0', width) }
	spaceNum := func(digits, v int) string { return number(v, digits, pad, '_', width) }
	yearish := func(digits, v int) string {
		if pad == '0' {
			return number(v, digits, '0', '0', width)
		}
		return number(v, 1, pad, '0', width)
	}
	text := func(s string, caseFlip bool) string {
		if upper || caseFlip {
			s = strings.ToUpper(s)
		}
		return padText(s, pad, width)
	}
	sub := func(f string) string {
		s := strftime(f, t, z)
		if upper {
			s = strings.ToUpper(s)
		}
		return padText(s, pad, width)
	}
	hour12 := t.hour % 12
	if hour12 == 0 {
		hour12 = 12
	}
	switch c {
	case '%':
		return padText("%", pad, width), true
	case 'a':
		return text(name(dayNames[:], t.wday, 3), swap), true
	case 'A':
		return text(name(dayNames[:], t.wday, 0), swap), true
	case 'b', 'h':
		return text(name(monthNames[:], t.mon, 3), swap), true
	case 'B':
		return text(name(monthNames[:], t.mon, 0), swap), true
	case 'p', 'P':
		s := "AM"
		if t.hour > 11 {
			s = "PM"
		}
		if c == 'P' || (swap && !upper) {
			s = strings.ToLower(s)
		}
		return text(s, false), true
	case 'c':
		return sub("%a %b %e %H:%M:%S %Y"), true
	case 'D', 'x':
		return sub("%m/%d/%y"), true
	case 'F':
		return sub("%Y-%m-%d"), true
	case 'r':
		return sub("%I:%M:%S %p"), true
	case 'R':
		return sub("%H:%M"), true
	case 'T', 'X':
		return sub("%H:%M:%S"), true
	case 'C':
		cent := t.year / 100
		if t.year%100 < 0 {
			cent--
		}
		return yearish(2, cent), true
	case 'y':
		return num(2, (t.year%100+100)%100), true
	case 'Y':
		return yearish(4, t.year), true
	case 'd':
		return num(2, t.mday), true
	case 'e':
		return spaceNum(2, t.mday), true
	case 'H':
		return num(2, t.hour), true
	case 'k':
		return spaceNum(2, t.hour), true
	case 'I':
		return num(2, hour12), true
	case 'l':
		return spaceNum(2, hour12), true
	case 'j':
		return num(3, 1+t.yday), true
	case 'm':
		return num(2, t.mon+1), true
	case 'M':
		return num(2, t.min), true
	case 'S':
		return num(2, t.sec), true
	case 'n':
		return padText("\n", pad, width), true
	case 't':
		return padText("\t", pad, width), true
	case 'u':
		return num(1, (t.wday-1+7)%7+1), true
	case 'w':
		return num(1, t.wday), true
	case 'U':
		return num(2, (t.yday-t.wday+7)/7), true
	case 'W':
		return num(2, (t.yday-(t.wday-1+7)%7+7)/7), true
	case 'V', 'g', 'G':
		year := t.year
		days := isoWeekDays(t.yday, t.wday)
		if days < 0 {
			year--
			days = isoWeekDays(t.yday+365+b2i(isLeap(year)), t.wday)
		} else if d := isoWeekDays(t.yday-(365+b2i(isLeap(year))), t.wday); d >= 0 {
			year++
			days = d
		}
		switch c {
		case 'g':
			return num(2, (year%100+100)%100), true
		case 'G':
			return yearish(4, year), true
		}
		return num(2, days/7+1), true
	case 's':
		secs, ok := z.mktime(t)
		if !ok {
			secs = -1
		}
		return padText(strconv.FormatInt(secs, 10), pad, width), true
	case 'z':
		if t.isdst < 0 {
			return "", true
		}
		off := t.gmtoff
		sign := "+"
		if off < 0 {
			sign, off = "-", -off
		}
		v := int(off/3600*100 + off/60%60)
		if width < 0 {
			return sign + number(v, 4, pad, '0', -1), true
		}
		// glibc pads the sign and the digits to the width each.
		return padText(sign, pad, width) + number(v, 4, pad, '0', width), true
	case 'Z':
		zone := t.zone
		if !t.hasZone || zone == "" {
			zone = ""
			if t.isdst >= 0 {
				zone = z.tzname[min(t.isdst, 1)]
			}
		}
		if swap {
			zone = strings.ToLower(zone)
		}
		return text(zone, false), true
	}
	return "", false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// name returns names[i], abbreviated to n letters if n > 0, or "?".
func name(names []string, i, n int) string {
	if i < 0 || i >= len(names) {
		return "?"
	}
	if n > 0 {
		return names[i][:n]
	}
	return names[i]
}

// number formats v to at least digits digits (or width), padded by the
// flag pad, or by def ('0' or '_') when no flag is given.
func number(v, digits int, pad, def byte, width int) string {
	s := strconv.Itoa(abs(v))
	if pad == 0 {
		pad = def
	}
	if width >= 0 {
		digits = width
	}
	switch {
	case pad == '-':
		if v < 0 {
			s = "-" + s
		}
		if width > len(s) {
			s = padLeft(s, width, ' ')
		}
	case pad == '_':
		if v < 0 {
			s = "-" + s
		}
		s = padLeft(s, digits, ' ')
	default:
		if v < 0 {
			s = "-" + padLeft(s, digits-1, '0')
		} else {
			s = padLeft(s, digits, '0')
		}
	}
	return s
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func padLeft(s string, n int, fill byte) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat(string(fill), n-len(s)) + s
}

// padText pads a string conversion to width: spaces, or zeros with flag 0.
// (The - flag suppresses only numbers' own zero padding.)
func padText(s string, pad byte, width int) string {
	if width <= len(s) {
		return s
	}
	fill := byte(' ')
	if pad == '0' {
		fill = '0'
	}
	return padLeft(s, width, fill)
}
