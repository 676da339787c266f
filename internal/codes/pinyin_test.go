package codes

import "testing"

func TestPinyinLookup(t *testing.T) {
	ts, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	has := func(q, name string) bool {
		for _, n := range ts.Pinyin.Lookup(q) {
			if n.Name == name {
				return true
			}
		}
		return false
	}
	for _, c := range []struct{ q, name string }{{"hangong", "焊工"}, {"HanGong", "焊工"}, {"hg", "焊工"}, {"chachesiji", "叉车司机"}, {"ccsj", "叉车司机"}} {
		if !has(c.q, c.name) {
			t.Errorf("%q does not find %s: %v", c.q, c.name, ts.Pinyin.Lookup(c.q))
		}
	}
	for _, q := range []string{"焊工", "h", "han gong", "hg1"} {
		if got := ts.Pinyin.Lookup(q); got != nil {
			t.Errorf("%q found %v", q, got)
		}
	}
}
