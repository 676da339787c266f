// Package registry holds the identity records of the platform (persons and
// enterprises) and the validators for the identifiers they carry: 居民身份证号
// (GB 11643-1999), 统一社会信用代码 (GB 32100-2015) and mainland mobile numbers,
// plus the masking rules used wherever those identifiers are shown in lists.
//
// The package uses the standard library only and never touches the store.
package registry

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Field names used in FieldError for the identifiers validated here; they
// match the JSON field names of the API.
const (
	FieldIDNumber = "id_number"
	FieldUSCC     = "uscc"
	FieldPhone    = "phone"
)

// FieldError is a validation error on one field; the platform's error type
// (apperr) wraps it. Message is Chinese and meant for people.
type FieldError struct {
	Field, Message string
}

// Error returns the Chinese message, so that an unwrapped FieldError shown
// to a user still reads well; Field is available on the struct.
func (e *FieldError) Error() string { return e.Message }

// IDInfo is what a valid 18-digit 居民身份证号 (GB 11643-1999) tells.
type IDInfo struct {
	Number string    // normalised: 18 characters, check character upper-case X
	Region string    // first 6 digits: 行政区划代码 of the place of first registration
	Birth  time.Time // date of birth, midnight UTC
	Male   bool      // the 17th digit (sequence code) is odd
}

// idWeights are the GB 11643 / ISO 7064 MOD 11-2 weights 2^(17-i) mod 11.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps (sum of weighted digits) mod 11 to the check character.
const idCheckChars = "10X98765432"

// idCheckChar returns the GB 11643 check character for the first 17 digits
// of body, which must be ASCII digits.
func idCheckChar(body string) byte {
	sum := 0
	for i := range 17 {
		sum += int(body[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// Messages for ParseIDNumber failures.
const (
	msgIDEmpty    = "请填写身份证号"
	msgIDLength   = "身份证号应为18位"
	msgIDFormat   = "身份证号格式不正确：前17位应为数字，最后一位应为数字或X"
	msgIDBirth    = "身份证号出生日期无效"
	msgIDChecksum = "身份证号校验位错误，请核对后重新输入"
)

// ParseIDNumber validates an 18-character 居民身份证号 and returns what it
// tells. Surrounding white space is trimmed and a lower-case x check
// character is accepted and normalised to X. The birth date must be a real
// calendar date, in or after 1900, and not after the calendar date of now
// (taken in now's location). The check character must satisfy ISO 7064
// MOD 11-2. Errors are *FieldError values with Field "id_number".
//
// 15-digit first-generation numbers are rejected: they ceased to be valid on
// 2013-01-01.
func ParseIDNumber(s string, now time.Time) (IDInfo, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return IDInfo{}, idErr(msgIDEmpty)
	}
	if len(s) != 18 {
		if utf8.RuneCountInString(s) == 18 {
			// 18 characters but not all ASCII (e.g. full-width digits).
			return IDInfo{}, idErr(msgIDFormat)
		}
		return IDInfo{}, idErr(msgIDLength)
	}
	var b [18]byte
	for i := range 17 {
		c := s[i]
		if c < '0' || c > '9' {
			return IDInfo{}, idErr(msgIDFormat)
		}
		b[i] = c
	}
	switch c := s[17]; {
	case c >= '0' && c <= '9', c == 'X':
		b[17] = c
	case c == 'x':
		b[17] = 'X'
	default:
		return IDInfo{}, idErr(msgIDFormat)
	}
	number := string(b[:])

	birth, ok := parseBirth(number[6:14], now)
	if !ok {
		return IDInfo{}, idErr(msgIDBirth)
	}
	if idCheckChar(number) != number[17] {
		return IDInfo{}, idErr(msgIDChecksum)
	}
	return IDInfo{
		Number: number,
		Region: number[:6],
		Birth:  birth,
		Male:   (number[16]-'0')%2 == 1,
	}, nil
}

// IDFacts reads the birth date and gender out of a stored ID number without
// validating its check character (some legally issued numbers fail it, and
// the number was validated when it was registered). The store keeps neither
// in clear: they are derived here from the decrypted number, so a stolen
// database cannot use them to rebuild it. ok is false when the number is not
// 18 characters with a real birth date.
func IDFacts(number string) (birth time.Time, male, ok bool) {
	if len(number) != 18 {
		return time.Time{}, false, false
	}
	for i := range 17 {
		if number[i] < '0' || number[i] > '9' {
			return time.Time{}, false, false
		}
	}
	birth, ok = parseBirth(number[6:14], time.Now())
	return birth, (number[16]-'0')%2 == 1, ok
}

// parseBirth parses YYYYMMDD (ASCII digits) and checks it is a real date in
// [1900-01-01, today].
func parseBirth(d string, now time.Time) (time.Time, bool) {
	atoi := func(s string) int {
		n := 0
		for i := range len(s) {
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	y, m, day := atoi(d[0:4]), atoi(d[4:6]), atoi(d[6:8])
	if y < 1900 || m < 1 || m > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // normalised, e.g. 19900230 -> 1990-03-02
		return time.Time{}, false
	}
	ny, nm, nd := now.Date()
	if t.After(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, false
	}
	return t, true
}

func idErr(msg string) error { return &FieldError{Field: FieldIDNumber, Message: msg} }
