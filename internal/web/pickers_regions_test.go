package web

import (
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/codes"
)

// TestRegionFinder reads place names as people type them: a name, a short
// name, a path with or without spaces, a code; several places as choices
// (Wuhan first), nothing as a message.
func TestRegionFinder(t *testing.T) {
	tables, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	f := newRegionFinder(tables.Regions)
	for _, tc := range []struct {
		typed, code, text string
		choices           []string // codes the choice list starts with
		err               string
	}{
		{typed: "固始县", code: "411525", text: "河南省 信阳市 固始县"},
		{typed: "河南省信阳市固始县", code: "411525"},
		{typed: "信阳市固始县", code: "411525"},
		{typed: "河南 信阳 固始", code: "411525"},
		{typed: "  河南省 固始县 ", code: "411525"},
		{typed: "411525", code: "411525", text: "河南省 信阳市 固始县"},
		{typed: "东西湖区", code: "420112", text: "湖北省 武汉市 东西湖区"},
		{typed: "吴家山街道", code: "420112001"},
		{typed: "北京市 朝阳区", code: "110105", text: "北京市 朝阳区"},
		{typed: "长春 朝阳区", code: "220104"},
		{typed: "朝阳区", choices: []string{"110105", "220104"}, err: "有 2 个地方叫“朝阳区”"},
		{typed: "湖北", code: "42"},
		{typed: "仙桃市", code: "429004", text: "湖北省 仙桃市"},
		{typed: "火星市", choices: []string{"430102009"}, err: "您是不是要找“湖南省 长沙市 芙蓉区 火星街道”"},
		{typed: "火星基地", err: "没有找到“火星基地”这个地方"},
		{typed: "", code: ""},
	} {
		p := f.find(tc.typed)
		if p.Code != tc.code || (tc.text != "" && p.Text != tc.text) || (tc.err == "") != (p.Err == "") || !strings.Contains(p.Err, tc.err) {
			t.Errorf("find(%q) = %+v, want code %q text %q err %q", tc.typed, p, tc.code, tc.text, tc.err)
			continue
		}
		for i, c := range tc.choices {
			if i >= len(p.Choices) || p.Choices[i].Value != c {
				t.Errorf("find(%q) choices = %v, want %v first", tc.typed, p.Choices, tc.choices)
				break
			}
		}
		if p.Err != "" && p.Text != strings.TrimSpace(tc.typed) {
			t.Errorf("find(%q) text = %q, want what was typed", tc.typed, p.Text)
		}
	}
}
