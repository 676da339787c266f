package registry

import (
	"strings"
	"unicode/utf8"
)

// USCCInfo is the result of parsing a 统一社会信用代码 (GB 32100-2015).
//
// ChecksumOK is false when the 18th character does not match the GB 32100
// check: a few legally issued codes (early Fujian pilot codes among them)
// fail it, so such a code is accepted and the caller stores it with a
// warning flag instead of rejecting it.
type USCCInfo struct {
	Code       string // normalised: upper-case, 18 characters
	ChecksumOK bool
	Region     string // characters 3-8: 登记管理机关行政区划码
}

// usccChars is the GB 32100 character set (no I, O, Z, S, V); the index of
// a character is its value.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^(i) mod 31 for positions 1..17.
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// usccValue returns the value of an upper-case character of the GB 32100
// set, or -1.
func usccValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Y':
		return strings.IndexByte(usccChars, c) // -1 for I, O, S, V
	}
	return -1
}

// usccCheckChar returns the GB 32100 check character for the first 17
// characters of code, which must all be in usccChars.
func usccCheckChar(code string) byte {
	sum := 0
	for i := range 17 {
		sum += usccValue(code[i]) * usccWeights[i]
	}
	return usccChars[(31-sum%31)%31]
}

// Messages for ParseUSCC failures.
const (
	msgUSCCEmpty  = "请填写统一社会信用代码"
	msgUSCCLength = "统一社会信用代码应为18位"
	msgUSCCChars  = "统一社会信用代码含有无效字符（只能是数字和除I、O、Z、S、V以外的大写字母）"
	msgUSCCRegion = "统一社会信用代码第3至8位应为数字（行政区划码）"
)

// ParseUSCC checks the format of a 统一社会信用代码: 18 characters from the
// GB 32100 set 0-9 A-H J-N P Q R T U W X Y, with characters 3-8 (the
// administrative region code) digits. Surrounding white space is trimmed and
// lower-case letters are upper-cased. Format errors are *FieldError values
// with Field "uscc"; a failing check character is not an error (see
// USCCInfo.ChecksumOK).
func ParseUSCC(s string) (USCCInfo, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return USCCInfo{}, usccErr(msgUSCCEmpty)
	}
	if len(s) != 18 {
		if utf8.RuneCountInString(s) == 18 {
			return USCCInfo{}, usccErr(msgUSCCChars)
		}
		return USCCInfo{}, usccErr(msgUSCCLength)
	}
	var b [18]byte
	for i := range 18 {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if usccValue(c) < 0 {
			return USCCInfo{}, usccErr(msgUSCCChars)
		}
		b[i] = c
	}
	for _, c := range b[2:8] {
		if c < '0' || c > '9' {
			return USCCInfo{}, usccErr(msgUSCCRegion)
		}
	}
	code := string(b[:])
	return USCCInfo{
		Code:       code,
		ChecksumOK: usccCheckChar(code) == code[17],
		Region:     code[2:8],
	}, nil
}

func usccErr(msg string) error { return &FieldError{Field: FieldUSCC, Message: msg} }
