package registry

import (
	"regexp"
	"strings"
)

// mobilePattern is libphonenumber's nationalNumberPattern for CN mobile
// numbers (metadata via github.com/nyaruka/phonenumbers v1.8.1), anchored.
// Keep it byte-identical to testdata/cn-mobile-pattern.txt.
const mobilePattern = `1740[0-5]\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}`

var mobileRE = regexp.MustCompile(`^(?:` + mobilePattern + `)$`)

// maxPhoneInput bounds the raw input ParsePhone looks at; a formatted
// number ("+86 138-1234-5678") is far shorter.
const maxPhoneInput = 40

// Messages for ParsePhone failures.
const (
	msgPhoneEmpty  = "请填写手机号码"
	msgPhoneFormat = "手机号码格式不正确，请填写11位中国大陆手机号码"
)

// ParsePhone validates a mainland China mobile number and returns it
// normalised to 11 digits. Spaces and dashes are ignored, and a leading
// "+86" or "86" country code (the latter only before 11 digits) is
// removed. The digits must match libphonenumber's CN mobile pattern.
// Errors are *FieldError values with Field "phone".
func ParsePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", phoneErr(msgPhoneEmpty)
	}
	if len(s) > maxPhoneInput {
		return "", phoneErr(msgPhoneFormat)
	}
	plus := false
	if s[0] == '+' {
		plus = true
		s = s[1:]
	}
	digits := make([]byte, 0, 13)
	for i := range len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '-':
		default:
			return "", phoneErr(msgPhoneFormat)
		}
	}
	switch {
	case plus:
		if len(digits) < 2 || digits[0] != '8' || digits[1] != '6' {
			return "", phoneErr(msgPhoneFormat)
		}
		digits = digits[2:]
	case len(digits) == 13 && digits[0] == '8' && digits[1] == '6':
		digits = digits[2:]
	}
	if len(digits) != 11 || !mobileRE.Match(digits) {
		return "", phoneErr(msgPhoneFormat)
	}
	return string(digits), nil
}

func phoneErr(msg string) error { return &FieldError{Field: FieldPhone, Message: msg} }
