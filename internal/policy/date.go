package policy

import (
	"fmt"
	"time"
)

// civil is a calendar date packed as yyyymmdd. Packed dates order like the
// dates they stand for, so comparisons are integer comparisons; 0 means "no
// date".
type civil int32

// mkCivil packs a year, month and day.
func mkCivil(y, m, d int) civil { return civil(y*10000 + m*100 + d) }

// ymd unpacks c.
func (c civil) ymd() (y, m, d int) {
	v := int(c)
	return v / 10000, v / 100 % 100, v % 100
}

// year returns the calendar year of c.
func (c civil) year() int { return int(c) / 10000 }

// String formats c as YYYY-MM-DD.
func (c civil) String() string { return string(appendCivil(nil, c)) }

// Time returns c as midnight UTC.
func (c civil) Time() time.Time {
	y, m, d := c.ymd()
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// civilOf returns the calendar date of t in t's own location.
func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return mkCivil(y, int(m), d)
}

// leapYear reports whether y is a Gregorian leap year.
func leapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days in month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if leapYear(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseCivil parses a strict YYYY-MM-DD date that exists in the calendar.
func parseCivil(s string) (civil, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("日期应为 YYYY-MM-DD 格式：%q", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return 0, fmt.Errorf("日期应为 YYYY-MM-DD 格式：%q", s)
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, fmt.Errorf("日期不存在：%s", s)
	}
	return mkCivil(y, m, d), nil
}

// parsePartial parses 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. A partial date
// stands for the first day of its period, or the last day when end is true.
func parsePartial(s string, end bool) (civil, error) {
	switch len(s) {
	case 4:
		y, ok := digits(s)
		if !ok || y < 1 {
			return 0, fmt.Errorf("日期格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD：%q", s)
		}
		if end {
			return mkCivil(y, 12, 31), nil
		}
		return mkCivil(y, 1, 1), nil
	case 7:
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		if !ok1 || !ok2 || s[4] != '-' || y < 1 || m < 1 || m > 12 {
			return 0, fmt.Errorf("日期格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD：%q", s)
		}
		if end {
			return mkCivil(y, m, daysIn(y, m)), nil
		}
		return mkCivil(y, m, 1), nil
	}
	return parseCivil(s)
}

// digits parses an unsigned decimal made only of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// floorDiv divides rounding toward negative infinity.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// addMonths adds n calendar months to c. When the day does not exist in the
// target month it is clamped to the month's last day (2024-01-31 + 1 month =
// 2024-02-29), as the catalog's boundary convention says.
func addMonths(c civil, n int) civil {
	y, m, d := c.ymd()
	t := y*12 + (m - 1) + n
	ny := floorDiv(t, 12)
	nm := t - ny*12 + 1
	if dm := daysIn(ny, nm); d > dm {
		d = dm
	}
	return mkCivil(ny, nm, d)
}

// addYears adds n calendar years (12n months, same clamping).
func addYears(c civil, n int) civil { return addMonths(c, 12*n) }

// monthsBetween returns the number of whole calendar months from a to b: the
// largest n with addMonths(a, n) <= b. It is negative when b is before a.
func monthsBetween(a, b civil) int {
	ay, am, _ := a.ymd()
	by, bm, _ := b.ymd()
	n := (by*12 + bm) - (ay*12 + am)
	if addMonths(a, n) > b {
		n--
	}
	return n
}

// yearsBetween returns whole years from a to b (age on b for a birth date a);
// the anniversary itself counts as reached.
func yearsBetween(a, b civil) int { return floorDiv(monthsBetween(a, b), 12) }

// epochDay converts c to days since 1970-01-01 (Howard Hinnant's algorithm).
func epochDay(c civil) int {
	y, m, d := c.ymd()
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromEpochDay is the inverse of epochDay.
func fromEpochDay(z int) civil {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return mkCivil(y, m, d)
}

// addDays adds n days to c.
func addDays(c civil, n int) civil { return fromEpochDay(epochDay(c) + n) }

// yearStart returns 1 January of c's year.
func yearStart(c civil) civil { return mkCivil(c.year(), 1, 1) }
