package registry

import (
	"unicode"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
)

// CheckRequiredText is CheckText for a field that must be filled: need is
// the message when it is empty ("" makes the field optional).
func CheckRequiredText(f *apperr.Fields, field, s string, max int, need string) {
	if s == "" {
		if need != "" {
			f.Add(field, need)
		}
		return
	}
	CheckText(f, field, s, max)
}

// ValidContactPhone accepts an organisation's service line: a mobile
// number or a fixed line with its area code — digits with at most three
// hyphens or spaces, 7 to 13 digits (027-83251234).
func ValidContactPhone(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 20 {
		return false
	}
	digits, seps := 0, 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == '-' || r == ' ') && i > 0:
			seps++
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 13 && seps <= 3 && unicode.IsDigit(rune(s[len(s)-1]))
}
