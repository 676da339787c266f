package codes

import (
	"fmt"
	"strings"
)

// Pinyin finds occupation names by their pinyin, whole ("hangong") or by
// initials ("hg"), for people who type on a phone without a Chinese input
// method. Built from data/occupation_pinyin.csv (see pinyingen); immutable.
type Pinyin struct {
	full     map[string][]PinyinName // "hangong" → 焊工
	initials map[string][]PinyinName // "hg" → 焊工, 护工, …
}

// PinyinName is an occupation name or alias and its code.
type PinyinName struct {
	Code, Name string
}

func loadPinyin(occ *Table) (*Pinyin, error) {
	p := &Pinyin{full: map[string][]PinyinName{}, initials: map[string][]PinyinName{}}
	err := readCSV("occupation_pinyin.csv", []string{"code", "name", "pinyin"}, func(_ int, rec []string) error {
		if _, ok := occ.Get(rec[0]); !ok {
			return fmt.Errorf("unknown occupation %q", rec[0])
		}
		n := PinyinName{Code: rec[0], Name: rec[1]}
		syl := strings.Fields(rec[2])
		var ini strings.Builder
		for _, s := range syl {
			ini.WriteByte(s[0])
		}
		full := strings.Join(syl, "")
		p.full[full] = append(p.full[full], n)
		if len(syl) > 1 {
			p.initials[ini.String()] = append(p.initials[ini.String()], n)
		}
		return nil
	})
	return p, err
}

// IsPinyinQuery reports whether q looks like pinyin: 2 to 30 ASCII letters.
func IsPinyinQuery(q string) bool {
	if len(q) < 2 || len(q) > 30 {
		return false
	}
	for i := 0; i < len(q); i++ {
		c := q[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// Lookup returns the names whose whole pinyin is q, else those whose
// initials are q (q folded to lower case); nil if none or q is not pinyin.
func (p *Pinyin) Lookup(q string) []PinyinName {
	if p == nil || !IsPinyinQuery(q) {
		return nil
	}
	q = strings.ToLower(q)
	if xs := p.full[q]; len(xs) > 0 {
		return xs
	}
	return p.initials[q]
}
