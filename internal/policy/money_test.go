package policy

import "testing"

func TestFormatYuan(t *testing.T) {
	for v, want := range map[float64]string{0: "¥0", 1500: "¥1,500", 923.78: "¥923.78", 1234567.5: "¥1,234,567.50", -20: "-¥20", 100: "¥100"} {
		if got := FormatYuan(v); got != want {
			t.Errorf("FormatYuan(%v) = %q, want %q", v, got, want)
		}
	}
}
