package classify

// What a platform learns from use: the (title, code) pairs its users chose
// over the first suggestion. The classifier stays immutable; Learn builds
// an overlay from the corrections the app keeps, and ClassifyLearned
// consults it before the built-in rules:
//
//  1. The same title (as typed, or normalised as Classify reads it: case,
//     width, brackets, firms and boilerplate such as 急招 or 包吃住 set
//     aside) puts the codes chosen for it first, most chosen first.
//  2. Otherwise a learned title found inside the new title ("电焊工" in
//     "熟练电焊工") acts as an alias of its code: its score is the built-in
//     first score raised by 10% per time it was chosen (up to 10), when the
//     alias covers more than half of the title, and that times its share
//     of the title when it covers less (so a generic "司机" does not take
//     over "叉车司机"); the higher of that and the built-in score counts.

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Correction is a title and the code people chose for it, and how often.
type Correction struct {
	Title string
	Code  string
	Count int
}

// Learned is an overlay of corrections for ClassifyLearned. It is immutable
// and safe for concurrent use; a nil *Learned learns nothing.
type Learned struct {
	exact   map[string][]learnedCode // title as typed (trimmed)
	norm    map[string][]learnedCode // normalised title
	aliases []learnedAlias           // normalised titles, longest first
}

type learnedCode struct {
	leaf  int32
	count int
}

type learnedAlias struct {
	key   string
	runes int
	codes []learnedCode
}

// Key is a title as the classifier reads it, for comparing titles: folded,
// without bracketed parts, employers' names, boilerplate and punctuation.
func (c *Classifier) Key(title string) string {
	main, _ := splitBrackets(fold(title, maxTitleRunes))
	main, _ = c.splitFirms(main)
	s := c.stripDecorations(main)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, s)
}

// Learn builds the overlay of corrections. Codes that are not leaf
// occupations of the classifier are ignored.
func (c *Classifier) Learn(cs []Correction) *Learned {
	l := &Learned{exact: map[string][]learnedCode{}, norm: map[string][]learnedCode{}}
	add := func(m map[string][]learnedCode, key string, lc learnedCode) {
		list := m[key]
		if i := slices.IndexFunc(list, func(x learnedCode) bool { return x.leaf == lc.leaf }); i >= 0 {
			list[i].count += lc.count
		} else {
			list = append(list, lc)
		}
		m[key] = list
	}
	for _, x := range cs {
		i, ok := c.index[x.Code]
		title := strings.TrimSpace(x.Title)
		if !ok || title == "" || x.Count <= 0 {
			continue
		}
		lc := learnedCode{leaf: i, count: x.Count}
		add(l.exact, title, lc)
		if k := c.Key(title); k != "" {
			add(l.norm, k, lc)
		}
	}
	byCount := func(a, b learnedCode) int { return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.leaf, b.leaf)) }
	for _, m := range []map[string][]learnedCode{l.exact, l.norm} {
		for _, list := range m {
			slices.SortFunc(list, byCount)
		}
	}
	for k, list := range l.norm {
		if n := utf8.RuneCountInString(k); n >= 2 {
			l.aliases = append(l.aliases, learnedAlias{key: k, runes: n, codes: list})
		}
	}
	slices.SortFunc(l.aliases, func(a, b learnedAlias) int {
		return cmp.Or(cmp.Compare(b.runes, a.runes), strings.Compare(a.key, b.key))
	})
	return l
}

// Len is the number of distinct titles learned.
func (l *Learned) Len() int {
	if l == nil {
		return 0
	}
	return len(l.exact)
}

// ClassifyLearned is Classify with what was learned (see the file comment).
func (c *Classifier) ClassifyLearned(l *Learned, title, description string, k int) []Candidate {
	if l == nil || len(l.exact) == 0 || k <= 0 {
		return c.Classify(title, description, k)
	}
	base := c.Classify(title, description, k+5)
	key := c.Key(title)
	chosen, ok := l.exact[strings.TrimSpace(title)]
	if !ok && key != "" {
		chosen, ok = l.norm[key]
	}
	if ok {
		out := make([]Candidate, 0, k+len(chosen))
		for j, lc := range chosen {
			out = append(out, c.candidate(lc.leaf, 1-0.001*float64(j)))
		}
		for _, b := range base {
			if !slices.ContainsFunc(out, func(x Candidate) bool { return x.Code == b.Code }) {
				out = append(out, b)
			}
		}
		return out[:min(k, len(out))]
	}
	top := 0.5
	if len(base) > 0 {
		top = base[0].Score
	}
	boost := map[int32]float64{}
	n := utf8.RuneCountInString(key)
	for _, a := range l.aliases {
		if a.runes >= n || !strings.Contains(key, a.key) {
			continue
		}
		cover := float64(a.runes) / float64(n)
		for _, lc := range a.codes {
			s := top * (1 + 0.1*float64(min(lc.count, 10)))
			if cover <= 0.5 { // "司机" learned says little about "叉车司机"
				s *= cover
			}
			boost[lc.leaf] = max(boost[lc.leaf], s)
		}
	}
	if len(boost) == 0 {
		return base[:min(k, len(base))]
	}
	out := slices.Clone(base)
	for leaf, s := range boost {
		code := c.leaves[leaf].code
		if i := slices.IndexFunc(out, func(x Candidate) bool { return x.Code == code }); i >= 0 {
			out[i].Score = max(out[i].Score, s)
		} else {
			out = append(out, c.candidate(leaf, s))
		}
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	return out[:min(k, len(out))]
}

func (c *Classifier) candidate(leaf int32, score float64) Candidate {
	return Candidate{Code: c.leaves[leaf].code, Name: c.leaves[leaf].name, Score: min(1, float64(int(score*1000+0.5))/1000)}
}
