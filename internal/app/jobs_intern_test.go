package app

import (
	"strings"
	"testing"
	"unsafe"
)

func TestInterner(t *testing.T) {
	var in interner
	a := in.card(&JobCard{Title: strings.Clone("普工"), RegionCode: strings.Clone("420112001"), Skills: []string{strings.Clone("叉车"), "装卸"},
		Benefits: []string{"五险一金"}})
	b := in.card(&JobCard{Title: strings.Clone("普工"), RegionCode: strings.Clone("420112001"), Skills: []string{strings.Clone("叉车"), "装卸"},
		Benefits: nil})
	same := func(x, y string) bool { return unsafe.StringData(x) == unsafe.StringData(y) }
	if !same(a.Title, b.Title) || !same(a.RegionCode, b.RegionCode) || &a.Skills[0] != &b.Skills[0] {
		t.Error("equal strings or lists not shared")
	}
	if b.Benefits != nil || len(a.Benefits) != 1 || a.Benefits[0] != "五险一金" {
		t.Errorf("benefits %q / %q", a.Benefits, b.Benefits)
	}
	if c := in.card(&JobCard{Skills: []string{"叉车"}}); len(c.Skills) != 1 || &c.Skills[0] == &a.Skills[0] {
		t.Error("a different list shares storage")
	}
	if in.str("") != "" || in.list(nil) != nil {
		t.Error("empty values")
	}
	in.strs = make(map[string]string, internMax) // full: the next new string starts a fresh table
	for i := range internMax {
		in.strs[string(rune(0x4e00+i%20000))+strings.Repeat("x", i/20000)] = ""
	}
	in.str("新词")
	if len(in.strs) != 1 {
		t.Errorf("table not restarted at its bound: %d entries", len(in.strs))
	}
}
