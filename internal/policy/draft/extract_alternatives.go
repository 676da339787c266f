package draft

import (
	"fmt"
	"sort"
	"strings"
)

// This file reads the alternatives of a sentence ("…或…", "属于以下之一：…")
// into groups of branches, and adds the conditions to the output.

// extraction accumulates the conditions of a text, sentence by sentence.
type extraction struct {
	out   []Condition
	seen  map[string]bool // scope|field|op of the plain leaves already out
	group int             // the last group number given
}

// addSentence adds the units of a read sentence: as plain leaves, or, when
// alternatives sit in two or more segments between separators, the
// alternatives as one group of branches placed where the first was read.
func (x *extraction) addSentence(c *sentenceCtx) {
	seps, listFrom := separators(c.s)
	seg := func(pos int) int { return sort.SearchInts(seps, pos+1) }
	c.mergeYouth(seg)
	sort.SliceStable(c.units, func(i, j int) bool { return c.units[i].start < c.units[j].start })
	grouped := c.groupAlternatives(seg, listFrom)
	b := branchSet{of: map[int][]int{}}
	insertAt := -1
	for _, u := range c.units {
		if !grouped || !u.alt {
			x.addPlain(u)
			continue
		}
		if insertAt < 0 {
			insertAt = len(x.out)
		}
		b.add(seg(u.start), u)
	}
	if grouped {
		x.insertGroup(mergeBranches(b.branches), insertAt)
	}
}

// separators returns the byte offsets of the separators between
// alternatives — 或, 以及, "(含…", and in a "之一" list also ；、/ — and where
// that list starts (-1 when there is none).
func separators(s string) (seps []int, listFrom int) {
	listFrom = strings.Index(s, "之一")
	for i, r := range s {
		switch {
		case r == '或' && !strings.HasPrefix(s[i:], "或者"),
			strings.HasPrefix(s[i:], "以及"),                                                 // "毕业学年在校生以及毕业四年内高校毕业生"
			r == '(' && strings.HasPrefix(s[i:], "(含") && !strings.HasPrefix(s[i:], "(含)"), // "应届(含离校2年内…)"
			listFrom >= 0 && i > listFrom && strings.ContainsRune("；;、/", r):
			seps = append(seps, i)
		}
	}
	return seps, listFrom
}

// groupAlternatives reports whether the sentence's alternatives sit in two
// or more segments, so that they form a group; in a "属于以下之一：…" list it
// then makes every item in those segments an alternative.
func (c *sentenceCtx) groupAlternatives(seg func(int) int, listFrom int) bool {
	segs := map[int]bool{}
	for _, u := range c.units {
		if u.alt {
			segs[seg(u.start)] = true
		}
	}
	grouped := len(segs) >= 2
	if grouped && listFrom >= 0 {
		for i := range c.units {
			if c.units[i].start > listFrom && segs[seg(c.units[i].start)] {
				c.units[i].alt = true
			}
		}
	}
	return grouped
}

// addPlain adds a unit outside any group: a 女…或男… choice becomes a group
// of its own; other leaves are added once per scope, field and operator.
func (x *extraction) addPlain(u unit) {
	if u.alts != nil {
		x.group++
		for bi, alt := range u.alts {
			for _, l := range alt {
				l.Group, l.Branch = x.group, bi+1
				x.out = append(x.out, l)
			}
		}
		return
	}
	for _, l := range u.leaves {
		// one leaf per field and operator: a second "毕业1年内" in an
		// aside does not tighten the first "毕业2年内"
		if k := l.Scope + "|" + l.Field + "|" + l.Op; !x.seen[k] {
			x.seen[k] = true
			x.out = append(x.out, l)
		}
	}
}

// insertGroup numbers the branches as the next group and inserts their
// leaves at position at of the output.
func (x *extraction) insertGroup(branches [][]Condition, at int) {
	x.group++
	var leaves []Condition
	for bi, br := range branches {
		for _, l := range br {
			l.Group, l.Branch = x.group, bi+1
			leaves = append(leaves, l)
		}
	}
	x.out = append(x.out[:at], append(leaves, x.out[at:]...)...)
}

// branchSet collects a sentence's alternatives: one branch per segment, in
// segment order, or several once a 女…或男… unit splits the segment's.
type branchSet struct {
	branches [][]Condition
	of       map[int][]int // segment → its branches
}

// add ANDs a unit into the branches of its segment.
func (b *branchSet) add(sg int, u unit) {
	if _, ok := b.of[sg]; !ok {
		b.of[sg] = []int{len(b.branches)}
		b.branches = append(b.branches, nil)
	}
	if u.alts == nil {
		for _, bi := range b.of[sg] {
			b.branches[bi] = append(b.branches[bi], u.leaves...)
		}
		return
	}
	// (A∨B)∧C = (A∧C)∨(B∧C): split each branch of the segment
	var split []int
	for _, bi := range b.of[sg] {
		base := b.branches[bi]
		b.branches[bi] = append(append([]Condition{}, base...), u.alts[0]...)
		split = append(split, bi)
		for _, alt := range u.alts[1:] {
			split = append(split, len(b.branches))
			b.branches = append(b.branches, append(append([]Condition{}, base...), alt...))
		}
	}
	b.of[sg] = split
}

// mergeBranches drops duplicate branches and unites single-leaf contains_any
// branches on the same field (低保家庭 或 脱贫家庭 → contains_any [低保家庭 脱贫家庭]).
func mergeBranches(in [][]Condition) [][]Condition {
	var out [][]Condition
	seen := map[string]bool{}
	anyAt := map[string]int{}
	for _, br := range in {
		if len(br) == 0 {
			continue
		}
		var ks []string
		inBranch := map[string]bool{}
		var uniq []Condition
		for _, l := range br {
			if k := key(l); !inBranch[k] {
				inBranch[k] = true
				ks = append(ks, k)
				uniq = append(uniq, l)
			}
		}
		br = uniq
		k := strings.Join(ks, "&")
		if seen[k] {
			continue
		}
		seen[k] = true
		if len(br) == 1 && br[0].Op == "contains_any" {
			fk := br[0].Scope + "|" + br[0].Field
			if i, ok := anyAt[fk]; ok {
				l := out[i][0]
				vals := append(append([]string{}, l.Value.([]string)...), br[0].Value.([]string)...)
				l.Value = vals
				if !strings.Contains(l.Snippet, br[0].Snippet) {
					l.Snippet += "；" + br[0].Snippet
				}
				l.Text = reading(l)
				out[i][0] = l
				continue
			}
			anyAt[fk] = len(out)
		}
		out = append(out, append([]Condition{}, br...))
	}
	return out
}

// key identifies a leaf by scope, field, operator and value, so that a
// branch stating a condition twice states it once.
func key(l Condition) string {
	return fmt.Sprintf("%s|%s|%s|%v", l.Scope, l.Field, l.Op, l.Value)
}

// mergeYouth turns "登记失业的16-24岁青年" on an enterprise policy into the
// catalog's derived.is_youth_registered_unemployed_hire.
func (c *sentenceCtx) mergeYouth(seg func(int) int) {
	if !c.newHires() {
		return
	}
	for i := range c.units {
		if c.units[i].kind != "agerange" {
			continue
		}
		lo, hi := c.units[i].leaves[0].Value, c.units[i].leaves[1].Value
		if lo != 16 || hi != 24 {
			continue
		}
		for j := range c.units {
			if c.units[j].kind != "unemp" || seg(c.units[j].start) != seg(c.units[i].start) {
				continue
			}
			a, b := min(c.units[i].start, c.units[j].start), max(c.units[i].end, c.units[j].end)
			l := c.hireLeaf("derived.is_youth_registered_unemployed_hire", "is_true", nil)
			l.Snippet = c.clause(a, b)
			l.Text = reading(l)
			c.units[i] = unit{start: a, end: b, leaves: []Condition{l}, alt: true, kind: "youth"}
			c.units = append(c.units[:j], c.units[j+1:]...)
			return
		}
	}
}
