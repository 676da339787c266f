package registry

import "strings"

// The masking functions hide the middle of an identifier for lists and
// public pages. They work on runes, never panic, and return exactly as
// many runes as the input has (an invalid UTF-8 byte counts as one rune and
// is either masked or kept as U+FFFD). They do not validate: validate with
// the Parse functions first.

// MaskID masks an identity document number, keeping the first 6 and the
// last 4 characters: "420112199001011234" -> "420112********1234". Inputs
// shorter than 11 characters keep less (a third at the front, a quarter at
// the back) so that most of the value stays hidden.
func MaskID(id string) string { return maskMiddle(id, 6, 4, 11, 3) }

// MaskPhone masks a phone number, keeping the first 3 and the last 4
// characters: "13812345678" -> "138****5678". Inputs shorter than 11
// characters keep a quarter at each end.
func MaskPhone(p string) string { return maskMiddle(p, 3, 4, 11, 4) }

// MaskName masks a person's name for public lists: "张三丰" -> "张*丰",
// "张三" -> "张*", "欧阳娜娜" -> "欧**娜", "张" -> "*". Only the first and
// (for three or more characters) the last character are kept.
func MaskName(name string) string {
	r := []rune(name)
	switch len(r) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2:
		return string(r[0]) + "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}

// maskMiddle keeps head runes at the front and tail runes at the back when
// the input has at least full runes; shorter inputs keep n/headDiv at the
// front and n/4 at the back.
func maskMiddle(s string, head, tail, full, headDiv int) string {
	r := []rune(s)
	n := len(r)
	if n < full {
		head, tail = n/headDiv, n/4
	}
	var b strings.Builder
	b.Grow(len(s) + n)
	b.WriteString(string(r[:head]))
	b.WriteString(strings.Repeat("*", n-head-tail))
	b.WriteString(string(r[n-tail:]))
	return b.String()
}
