package registry

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// The generators make synthetic identifiers for demo data and tests. They
// are deterministic for a given *rand.Rand state and always produce values
// that the Parse functions accept. They panic on arguments that cannot
// produce a valid identifier (a programming error, not user input).

// GenerateIDNumber returns a 居民身份证号 with the given 6-digit region code,
// birth date (its year, month and day as given) and gender, a random
// sequence code and a correct check character. For ParseIDNumber to accept
// it, birth must lie between 1900-01-01 and the date it is parsed against.
func GenerateIDNumber(r *rand.Rand, region string, birth time.Time, male bool) string {
	if !isDigits(region, 6) {
		panic(fmt.Sprintf("registry.GenerateIDNumber: region %q is not 6 digits", region))
	}
	y, m, d := birth.Date()
	if y < 1000 || y > 9999 {
		panic(fmt.Sprintf("registry.GenerateIDNumber: birth year %d out of range", y))
	}
	// Sequence code 001..999: odd for men, even for women (never 000).
	seq := 2 + 2*r.IntN(499) // 2..998
	if male {
		seq = 1 + 2*r.IntN(500) // 1..999
	}
	b := fmt.Appendf(make([]byte, 0, 18), "%s%04d%02d%02d%03d", region, y, int(m), d, seq)
	return string(append(b, idCheckChar(string(b))))
}

// GenerateUSCC returns a 统一社会信用代码 for an enterprise registered with
// the market regulator (prefix "91": 工商 / 企业) in the given 6-digit
// region, with a 9-character organisation code carrying a correct GB 11714
// check character and a correct GB 32100 check character.
func GenerateUSCC(r *rand.Rand, region string) string {
	if !isDigits(region, 6) {
		panic(fmt.Sprintf("registry.GenerateUSCC: region %q is not 6 digits", region))
	}
	b := make([]byte, 0, 18)
	b = append(b, '9', '1')
	b = append(b, region...)
	// Organisation code body: older codes are 8 digits, codes issued since
	// 2015 are "MA" followed by 6 characters.
	org := make([]byte, 0, 9)
	if r.IntN(2) == 0 {
		for range 8 {
			org = append(org, byte('0'+r.IntN(10)))
		}
	} else {
		org = append(org, 'M', 'A')
		for range 6 {
			org = append(org, usccChars[r.IntN(len(usccChars))])
		}
	}
	org = append(org, orgCodeCheckChar(org))
	b = append(b, org...)
	return string(append(b, usccCheckChar(string(b))))
}

// orgCodeCheckChar returns the GB 11714-1997 check character of an 8
// character organisation code body (digits and upper-case letters).
func orgCodeCheckChar(body []byte) byte {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range body[:8] {
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// mobilePrefixes are the three-digit prefixes the CN mobile pattern accepts
// for a full 8 free digits (174 is only valid as 1740[0-5] and is left out).
var mobilePrefixes = [...]string{
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"145", "147",
	"150", "151", "152", "153", "155", "156", "157", "158", "159",
	"162", "165", "166", "167",
	"170", "171", "172", "173", "175", "176", "177", "178",
	"180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
	"190", "191", "192", "193", "195", "196", "197", "198", "199",
}

// GeneratePhone returns an 11-digit mobile number that matches the CN mobile
// pattern.
func GeneratePhone(r *rand.Rand) string {
	b := make([]byte, 0, 11)
	b = append(b, mobilePrefixes[r.IntN(len(mobilePrefixes))]...)
	for range 8 {
		b = append(b, byte('0'+r.IntN(10)))
	}
	return string(b)
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
