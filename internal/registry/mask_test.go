package registry

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMask(t *testing.T) {
	cases := []struct {
		fn       func(string) string
		name     string
		in, want string
	}{
		{MaskID, "MaskID", "420112199001011234", "420112********1234"},
		{MaskID, "MaskID", "11010519491231002X", "110105********002X"},
		{MaskID, "MaskID", "420112900101123", "420112*****1123"}, // 15-digit
		{MaskID, "MaskID", "12345678901", "123456*8901"},
		{MaskID, "MaskID", "1234567890", "123*****90"},
		{MaskID, "MaskID", "1234", "1**4"},
		{MaskID, "MaskID", "12", "**"},
		{MaskID, "MaskID", "1", "*"},
		{MaskID, "MaskID", "", ""},
		{MaskPhone, "MaskPhone", "13812345678", "138****5678"},
		{MaskPhone, "MaskPhone", "+8613812345678", "+86*******5678"},
		{MaskPhone, "MaskPhone", "88888888", "88****88"},
		{MaskPhone, "MaskPhone", "123", "***"},
		{MaskPhone, "MaskPhone", "", ""},
		{MaskName, "MaskName", "张三丰", "张*丰"},
		{MaskName, "MaskName", "张三", "张*"},
		{MaskName, "MaskName", "张", "*"},
		{MaskName, "MaskName", "欧阳娜娜", "欧**娜"},
		{MaskName, "MaskName", "阿卜杜拉·买买提", "阿******提"},
		{MaskName, "MaskName", "Li Lei", "L****i"},
		{MaskName, "MaskName", "", ""},
	}
	for _, c := range cases {
		if got := c.fn(c.in); got != c.want {
			t.Errorf("%s(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestMaskRuneSafe(t *testing.T) {
	inputs := []string{
		"", "x", "\xff", "\xff\xfe\xfd", "张三\xff丰", strings.Repeat("\xe4\xb8", 9),
		"４２０１１２１９９０１０１１２３４５", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", strings.Repeat("字", 1000),
	}
	for _, s := range inputs {
		for name, fn := range map[string]func(string) string{"MaskID": MaskID, "MaskPhone": MaskPhone, "MaskName": MaskName} {
			m := fn(s)
			if utf8.RuneCountInString(m) != utf8.RuneCountInString(s) || !utf8.ValidString(m) {
				t.Errorf("%s(%q) = %q", name, s, m)
			}
		}
	}
}
