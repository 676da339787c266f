package classify

// Scoring: the evidence per occupation from matches, n-grams and the
// description, the modifier fallbacks, and the top candidates.

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Scoring constants.
const (
	headFactor     = 1.0
	modifierFactor = 0.4
	segmentDecay   = 0.5 // weight of each further role in "A/B/C"
	ngramWeight    = 1.2
	ngramMin       = 0.08 // cosine below which n-gram similarity is ignored
	groupShare     = 0.15 // share of a 小类's other evidence a leaf gets

	weakTitle       = 1.5 // best title evidence below which the description counts more
	descBoostFactor = 4   // description weight multiplier for such titles
)

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// score returns the evidence per leaf.
func (c *Classifier) score(t text, sc *scratch) []float64 {
	scores := sc.scores
	clear(scores)
	var ms []match
	for i := range t.title {
		ms = c.matches(&t.title[i], ms)
	}
	titleMatches := len(ms)
	for i := range t.desc {
		ms = c.matches(&t.desc[i], ms)
	}
	// A production term in the title ("线切割", "二保焊", "搅拌站") names
	// the trade of a generic "操作工"/"熟练工"; failing that, a stem
	// ("电池" from 电池制造工) may.
	// A machine ("龙门吊", "搅拌车") likewise names what a "司机" drives.
	tradeLeaf, tradeLen := int32(-1), 0.0
	machineLeaf, machineLen := int32(-1), 0.0
	stemLeaf, stemLen := int32(-1), 0.0
	for _, m := range ms[:titleMatches] {
		for _, e := range c.dict[m.key] {
			l := &c.leaves[e.leaf]
			if !l.trade {
				continue
			}
			switch {
			case e.class == classStem && m.length > stemLen:
				stemLeaf, stemLen = e.leaf, m.length
			case e.class == classNone && !m.head && m.length > tradeLen:
				tradeLeaf, tradeLen = e.leaf, m.length
			}
			if e.class == classNone && !m.head && l.code[0] == '6' && m.length > machineLen {
				machineLeaf, machineLen = e.leaf, m.length
			}
		}
	}
	named := c.namedByModifier(ms[:titleMatches])
	lex := sc.lex
	clear(lex)
	best := map[int32]float64{} // per segment: leaf -> best match
	var seg *segment
	flush := func() {
		for l, v := range best {
			lex[l] += v
		}
		clear(best)
	}
	descBoost := false // the title says little: let the description speak
	for mi, m := range ms {
		if m.seg != seg {
			flush()
			seg = m.seg
		}
		if mi == titleMatches {
			descBoost = maxOf(lex) < weakTitle
		}
		f := m.length * m.seg.w
		switch {
		case mi >= titleMatches && descBoost:
			f *= descBoostFactor
		case m.head && mi < titleMatches:
			f *= headFactor
		default:
			f *= modifierFactor
		}
		if l, ok := named[mi]; ok {
			best[l] = max(best[l], f)
			continue
		}
		for _, e := range c.dict[m.key] {
			l := e.leaf
			if e.class >= classFirstNamed {
				switch {
				case e.class == c.worker && tradeLeaf >= 0 && m.head:
					l = tradeLeaf
				case e.class == c.driver && machineLeaf >= 0 && m.head:
					l = machineLeaf
				default:
					if r := c.resolve(e.class, t); r >= 0 {
						l = r
					} else if e.class == c.worker && stemLeaf >= 0 {
						l = stemLeaf
					} else if m.head && mi < titleMatches {
						if r := c.byModifier(e.class, m, ms[:titleMatches], sc); r >= 0 {
							l = r
						}
					}
				}
			}
			best[l] = max(best[l], float64(e.w)*f)
		}
	}
	flush()
	// Hierarchy smoothing: a leaf gets a share of its 小类's evidence.
	group := map[int32]float64{}
	for i, s := range lex {
		if s > 0 {
			group[c.leaves[i].group] += s
		}
	}
	for i, s := range lex {
		if s > 0 {
			scores[i] = s + groupShare*(group[c.leaves[i].group]-s)
		}
	}
	// Character n-grams of the title.
	sim := c.ngram.similarity(t.title, sc.dot)
	for i, v := range sim {
		if v >= ngramMin {
			scores[i] += ngramWeight * v
		}
	}
	return scores
}

// namedByModifier finds the head matches that a modifier term and the head
// word together name: the occupation of "殡仪" is 殡仪服务员, so
// "殡仪馆礼仪服务员" is that and not a restaurant's 服务员; "典当行业务员"
// is 典当业务员. It maps the index of such a head match to the leaf.
func (c *Classifier) namedByModifier(title []match) map[int]int32 {
	var named map[int]int32
	for hi, h := range title {
		if !h.head {
			continue
		}
		for _, m := range title {
			if m.seg != h.seg || m.end > h.start {
				continue
			}
			for _, e := range c.dict[m.key] {
				if name := c.leaves[e.leaf].bare; len(name) > len(h.key) && sameHead(name, h.key) {
					if named == nil {
						named = map[int]int32{}
					}
					named[hi] = e.leaf
				}
			}
		}
	}
	return named
}

// sameHead reports whether an occupation's name ends in the head word,
// taking "工" and "员" for each other at the very end: "加气站操作工" is the
// 操作员 of 油气电站操作员.
func sameHead(name, head string) bool {
	if strings.HasSuffix(name, head) {
		return true
	}
	for _, p := range [][2]string{{"工", "员"}, {"员", "工"}} {
		if h, ok := strings.CutSuffix(head, p[0]); ok && utf8.RuneCountInString(h) >= 2 && strings.HasSuffix(name, h+p[1]) {
			return true
		}
	}
	return false
}

// modifierMin is the cosine a generic head's modifier must reach with a
// leaf of the head's field for byModifier to name that leaf.
const modifierMin = 0.15

// byModifier names the leaf that the words before a generic head point to
// within the head's field, or -1: in "电解铝厂操作工" or "采油工程师" no
// term names the trade, but the characters of "电解铝厂" and "采油" are
// close to 铝电解工 and 石油天然气开采工程技术人员. Only production and
// farming leaves can take a worker head and only engineering and
// agricultural technology leaves an engineer head, so that a modifier
// cannot turn a worker into a doctor.
//
// A modifier that holds another generic word of the same class ("包装厂普工",
// "工厂操作工") adds nothing, and the head keeps its lexicon code.
func (c *Classifier) byModifier(class uint8, m match, title []match, sc *scratch) int32 {
	for _, k := range title {
		if k.seg != m.seg || k.end > m.start {
			continue
		}
		for _, e := range c.dict[k.key] {
			if e.class == class {
				return -1
			}
		}
	}
	l, _ := c.modifierLeaf(class, m, title, sc)
	return l
}

// modifierLeaf returns the leaf of the head's field closest to the words
// before the head and its cosine, or -1 when none reaches modifierMin.
func (c *Classifier) modifierLeaf(class uint8, m match, title []match, sc *scratch) (int32, float64) {
	var in func(l *leaf) bool
	switch class {
	case c.worker:
		in = func(l *leaf) bool { return l.trade }
	case c.engineer:
		in = func(l *leaf) bool { return l.tech }
	case c.researcher:
		in = func(l *leaf) bool { return strings.HasPrefix(l.code, "2-01-") }
	default:
		return -1, 0
	}
	if m.start == 0 {
		return -1, 0
	}
	q := plantWords.Replace(m.seg.sub(0, m.start))
	// A term in the modifier brings the name of its occupation: "轧钢" is
	// closer to 轧制工程技术人员 through 金属轧制工.
	for _, k := range title {
		if k.seg == m.seg && k.start < m.start && k.end < m.end {
			for _, e := range c.dict[k.key] {
				if e.class == classNone && e.w > wWeak {
					q += " " + c.leaves[e.leaf].bare
				}
			}
		}
	}
	segs := segments(q, 1, nil)
	sim := c.ngram.similarity(segs, sc.mod)
	best, bestSim := int32(-1), 0.0
	for i, v := range sim {
		if v > bestSim && in(&c.leaves[i]) {
			best, bestSim = int32(i), v
		}
	}
	if bestSim < modifierMin {
		return -1, bestSim
	}
	return best, bestSim
}

// plantWords say where a worker works, not what he makes: "电解铝厂",
// "聚合车间". byModifier reads what is left.
var plantWords = strings.NewReplacer("车间", " ", "工厂", " ", "厂", " ")

// resolve returns the leaf a generic word of class means in t, or -1: the
// first rule of the class with a word in the title, else in the
// description.
func (c *Classifier) resolve(class uint8, t text) int32 {
	rules := c.context[class]
	for _, part := range [2]string{t.context[:t.descCtx], t.context[t.descCtx:]} {
		if part == "" {
			continue
		}
		for _, r := range rules {
			for _, w := range r.words {
				if strings.Contains(part, w) {
					return r.leaf
				}
			}
		}
	}
	return -1
}

// top turns scores into at most k candidates.
func (c *Classifier) top(scores []float64, k int) []Candidate {
	idx := make([]int32, 0, 32)
	total := 0.0
	for i, s := range scores {
		if s > 0 {
			idx = append(idx, int32(i))
			total += s
		}
	}
	if len(idx) == 0 {
		return nil
	}
	slices.SortFunc(idx, func(a, b int32) int {
		return cmp.Or(cmp.Compare(scores[b], scores[a]), cmp.Compare(a, b))
	})
	if len(idx) > k {
		idx = idx[:k]
	}
	// Share of all evidence, damped so that weak evidence stays weak.
	denom := total + 1
	out := make([]Candidate, len(idx))
	for j, i := range idx {
		out[j] = Candidate{
			Code:  c.leaves[i].code,
			Name:  c.leaves[i].name,
			Score: math.Round(scores[i]/denom*1000) / 1000,
		}
	}
	return out
}
