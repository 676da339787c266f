// Package tags tidies the short lists people type into one box — skills,
// things provided, benefits — the same way for every module: split on the
// usual separators (commas, 、, semicolons, spaces), trimmed, blanks and
// repeats dropped, order kept.
package tags

import (
	"slices"
	"strings"
)

// Tidy trims every entry and drops blanks and repeats, keeping the order.
func Tidy(xs []string) []string {
	var out []string
	for _, x := range xs {
		x = strings.TrimSpace(x)
		if x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Split reads a list typed in one box, separated by commas, 、, semicolons,
// spaces or new lines, tidied.
func Split(s string) []string {
	return Tidy(strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '\u3000' || r == '\n' || r == '\t'
	}))
}
