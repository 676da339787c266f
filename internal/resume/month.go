package resume

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month counted from year 0 (year*12 + month-1), so
// that the months between two dates are a subtraction.
type Month int

// MonthOf returns the month of t in t's own location.
func MonthOf(t time.Time) Month { return Month(t.Year()*12 + int(t.Month()) - 1) }

// Year is the calendar year of m.
func (m Month) Year() int { return int(m) / 12 }

// Month is the month of the year of m.
func (m Month) Month() time.Month { return time.Month(int(m)%12 + 1) }

// String formats m as the resume stores it: "2006-01".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())) }

// minYear is the earliest year a resume date may have.
const minYear = 1900

var errMonth = errors.New("resume: month must look like 2018-09")

// ParseMonth parses exactly "YYYY-MM" (the form Normalize writes).
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, errMonth
	}
	y, err1 := strconv.Atoi(s[:4])
	mo, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || !isDigits(s[:4]) || !isDigits(s[5:]) || y < minYear || mo < 1 || mo > 12 {
		return 0, errMonth
	}
	return Month(y*12 + mo - 1), nil
}

// ParseDate parses exactly "YYYY-MM-DD" and refuses days a month does not
// have. The result is midnight UTC of that day.
func ParseDate(s string) (time.Time, error) {
	if len(s) != 10 || !isDigits(s[:4]) || !isDigits(s[5:7]) || !isDigits(s[8:]) {
		return time.Time{}, errors.New("resume: date must look like 2021-06-30")
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < minYear {
		return time.Time{}, errors.New("resume: not a real date")
	}
	return t, nil
}

// dayOf returns the calendar date of t in its own location as midnight UTC,
// comparable with ParseDate results.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// presentWords are what people type for an open end date; Normalize turns
// them into "" (至今).
var presentWords = []string{"至今", "今", "现在", "目前", "在职", "在读", "present", "now"}

// dateParts splits "2018年9月", "2018.9", "2018/09/01", "2018-9-1" or
// "201809" into numbers; ok is false for anything else.
func dateParts(s string) (parts []int, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "号")
	s = strings.TrimSuffix(s, "月")
	if isDigits(s) && (len(s) == 6 || len(s) == 8) {
		for i := 0; i < len(s); {
			n := 4
			if i > 0 {
				n = 2
			}
			v, _ := strconv.Atoi(s[i : i+n])
			parts = append(parts, v)
			i += n
		}
		return parts, true
	}
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == '-' || r == '.' || r == '/' || r == '年' || r == '月' || r == '．' || r == '／' || r == '－'
	})
	for i, f := range fields {
		if !isDigits(f) || (i == 0 && len(f) != 4) || (i > 0 && len(f) > 2) {
			return nil, false
		}
		v, _ := strconv.Atoi(f)
		parts = append(parts, v)
	}
	return parts, len(parts) > 0
}

// normalizeMonth rewrites a recognisable month in canonical "YYYY-MM" and
// returns anything else unchanged (trimmed), for Validate to report.
func normalizeMonth(s string) string {
	s = strings.TrimSpace(s)
	if p, ok := dateParts(s); ok && (len(p) == 2 || len(p) == 3) {
		return fmt.Sprintf("%04d-%02d", p[0], p[1])
	}
	return s
}

// normalizeEnd is normalizeMonth that also maps 至今 and friends to "".
func normalizeEnd(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range presentWords {
		if strings.EqualFold(s, w) {
			return ""
		}
	}
	return normalizeMonth(s)
}

// normalizeDate rewrites a recognisable day in canonical "YYYY-MM-DD".
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if p, ok := dateParts(s); ok && len(p) == 3 {
		return fmt.Sprintf("%04d-%02d-%02d", p[0], p[1], p[2])
	}
	return s
}
