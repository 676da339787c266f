package bidi

import "testing"

func TestBidi(t *testing.T) {
	for _, r := range []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C} {
		if !Is(r) || !Contains("王"+string(r)+"明") || Strip("王"+string(r)+"明") != "王明" {
			t.Errorf("U+%04X not recognised", r)
		}
	}
	for _, s := range []string{"王小明", "武汉（东西湖）物流有限公司", "C++/Go 工程师", "\u200B\u3000", "عربي"} {
		if Contains(s) || Strip(s) != s {
			t.Errorf("%q taken for bidirectional controls", s)
		}
	}
}
