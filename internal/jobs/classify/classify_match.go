package classify

// Matching: the dictionary terms of a title segment, its head, modifiers
// and fillers.

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// match is a dictionary term found in a segment.
type match struct {
	seg        *segment
	start, end int // units
	key        string
	length     float64
	head       bool
}

func (c *Classifier) isTerm(s string) bool       { _, ok := c.dict[s]; return ok }
func (c *Classifier) isDecoration(s string) bool { return c.decorations[s] }

// matches finds the dictionary terms of seg, dropping every match that lies
// inside a longer one.
func (c *Classifier) matches(seg *segment, out []match) []match {
	n := seg.n()
	first := len(out)
	for i := 0; i < n; i++ {
		for j := min(n, i+c.maxTermRunes); j > i; j-- {
			key := seg.sub(i, j)
			if _, ok := c.dict[key]; !ok {
				continue
			}
			if j-i == 1 && !isASCIIUnit(key) {
				continue // single ideographs are never terms
			}
			out = append(out, match{seg: seg, start: i, end: j, key: key, length: unitsLength(seg, i, j)})
		}
	}
	found := out[first:]
	// Longest first; drop what a kept match contains.
	slices.SortStableFunc(found, func(a, b match) int { return cmp.Compare(b.end-b.start, a.end-a.start) })
	kept := found[:0]
	for _, m := range found {
		inside := false
		for _, k := range kept {
			if k.start <= m.start && m.end <= k.end {
				inside = true
				break
			}
		}
		if !inside {
			m.head = c.isHead(seg, m.end)
			kept = append(kept, m)
		}
	}
	// "电商运营专员" matches 电商运营 and 运营专员: when the head match
	// adds only a generic word ("专员", "技术员", "司机") to the modifier it
	// overlaps, the modifier is the real head.
	for i := range kept {
		h := &kept[i]
		if !h.head {
			continue
		}
		for j := range kept {
			m := &kept[j]
			if !(m.start < h.start && h.start < m.end && m.end < h.end) {
				continue
			}
			if c.onlyGeneric(seg.text[seg.off[m.end]:seg.off[h.end]]) {
				m.head, h.head = true, false
				break
			}
		}
	}
	return out[:first+len(kept)]
}

// onlyGeneric reports whether s is made of fillers and generic heads.
func (c *Classifier) onlyGeneric(s string) bool {
	for s != "" {
		cut := false
		for _, f := range c.generic {
			if r, ok := strings.CutPrefix(s, f); ok {
				s, cut = r, true
				break
			}
		}
		if !cut {
			return false
		}
	}
	return true
}

// isHead reports whether only fillers ("师傅", "阿姨", "员" …) and weak
// generic words ("工程师", "老师") follow unit end in seg, making the match
// ending there the head of the segment: "保洁阿姨", "C++工程师".
func (c *Classifier) isHead(seg *segment, end int) bool {
	for end < seg.n() {
		next := end
		for j := min(seg.n(), end+c.maxTermRunes); j > end; j-- {
			if c.isFiller(seg.sub(end, j)) || c.isWeak(seg.sub(end, j)) {
				next = j
				break
			}
		}
		if next == end {
			return false
		}
		end = next
	}
	return true
}

func (c *Classifier) isFiller(s string) bool { return slices.Contains(c.fillers, s) }

// isWeak reports whether s is a term all of whose codes it names weakly.
func (c *Classifier) isWeak(s string) bool {
	es, ok := c.dict[s]
	if !ok {
		return false
	}
	for _, e := range es {
		if e.w > wWeak {
			return false
		}
	}
	return true
}

func isASCIIUnit(u string) bool { return u != "" && u[0] < utf8.RuneSelf }

// unitsLength weighs units [i, j): an ideograph counts 1, an ASCII word
// 1.5 ("qc", "c1") or 2 ("java", "smt").
func unitsLength(seg *segment, i, j int) float64 {
	l := 0.0
	for u := i; u < j; u++ {
		s := seg.unit(u)
		switch {
		case !isASCIIUnit(s):
			l++
		case len(s) >= 3:
			l += 2
		default:
			l += 1.5
		}
	}
	return l
}
