package policy

import (
	"math"
	"strconv"
	"strings"
)

// FormatYuan writes an amount the way people read money: "¥1,500",
// "¥923.78", "-¥20" — thousands separators, no needless decimals.
func FormatYuan(v float64) string {
	neg := v < 0
	s := strings.TrimSuffix(strconv.FormatFloat(math.Abs(v), 'f', 2, 64), ".00")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString("¥")
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
