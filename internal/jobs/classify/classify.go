// Package classify suggests 职业分类大典 2022 occupation codes for job-board
// titles ("急招普工包吃住", "叉车司机（B证）", "Java开发工程师").
//
// Everything is built in New from the occupation table (names, aliases,
// hierarchy) plus the hand-written lexicon in lexicon.go; there is no model
// file and no network. Classify works in four steps:
//
//  1. Normalise: full-width to half-width, lower case, bracketed parts and
//     employers' names ("物业公司招聘保安": the run before 公司, or before a
//     hiring verb that a job follows) set aside, recruiting boilerplate
//     (急招, 包吃住, 五险一金, salaries, place names, brands …) blanked out,
//     the rest cut into segments at punctuation; the first role of a list
//     ("普工/叉车工") counts most.
//  2. Match dictionary terms (lexicon words, occupation names and aliases,
//     forms derived from names such as "焊接工程师" from 焊接工程技术人员)
//     inside each segment. Longer matches hide the shorter ones they
//     contain; a match at the end of a segment (the head noun of a Chinese
//     job title, "…工", "…员", "…司机") counts more than a modifier.
//  3. Resolve generic words from context: "普工" in an electronics plant
//     (or at 富士康: brands stand for their trade), "老师" at a primary
//     school, "司机" who delivers goods. Failing a rule, a generic worker,
//     engineer or researcher head takes the occupation of its field whose
//     names are closest in characters to the words before it ("电解铝厂操作工",
//     "染整工艺工程师"); a modifier term whose occupation's name ends in the
//     head word names the title ("殡仪馆礼仪服务员").
//  4. Add a character n-gram TF-IDF similarity against every occupation's
//     names and words (the fallback for titles no term covers) and a little
//     evidence from the description, then smooth over the hierarchy.
//
// Only leaf occupations are returned: level-4 codes and the childless
// classes (2-99-00-00, 7-00-00-00, …).
package classify

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
)

// Candidate is one suggested occupation.
type Candidate struct {
	Code  string  `json:"code"`
	Name  string  `json:"name"`
	Score float64 `json:"score"`
}

// Classifier maps job titles to occupation codes. It is immutable after New
// and safe for concurrent use.
type Classifier struct {
	leaves []leaf
	index  map[string]int32 // leaf code -> position in leaves

	dict         map[string][]entry // term key -> codes it names
	maxTermRunes int

	decorations  map[string]bool
	decoMaxRunes int
	brands       []brandHint // brandContext, sorted by brand
	fillers      []string    // by length, longest first
	generic      []string    // fillers and generic heads, longest first

	context        map[uint8][]contextRule // class -> rules, in order
	worker, driver uint8                   // classes with trade rules
	engineer       uint8                   // class of generic engineering heads
	researcher     uint8                   // class of generic research heads

	ngram ngramIndex

	scratch sync.Pool // *scratch
}

// brandHint is a brand and the trade it stands for ("富士康" -> "电子厂").
type brandHint struct{ brand, hint string }

type leaf struct {
	code, name string
	bare       string // name without the 大典's S/L marker
	group      int32  // index of the 小类 (or 中类 when there is none) in groups
	trade      bool   // production, farming or environmental work: can name the trade of a "操作工"
	tech       bool   // engineering or agricultural technology: can name the field of a "工程师"
}

// entry is one code a term names.
type entry struct {
	leaf  int32
	w     float32
	class uint8
}

type contextRule struct {
	leaf  int32
	words []string
}

// Term weights by source.
const (
	wHand      = 1.0  // hand lexicon
	wWeak      = 0.35 // hand lexicon, "~" generic head
	wName      = 1.0  // official occupation name
	wAlias     = 0.8  // table alias of a leaf
	wAliasPart = 0.7  // one part of a "A/B" alias
	wAliasUp   = 0.6  // alias of a non-leaf code, given to its default leaf
	wDerived   = 0.6  // "焊接工程师" from 焊接工程技术人员
	wStem      = 0.3  // "电池" from 电池制造工
)

// Classes of generic words (see contextRules).
const (
	classNone uint8 = iota
	classStem       // a name with its "制造工"/"员" ending cut off
	classFirstNamed
)

var classNames = []string{"worker", "painter", "teacher", "front", "cleaner", "carer", "driver", "sorter", "sales", "nurse", "doctor", "counter", "farm", "polisher", "repair", "artist", "engineer", "researcher", "cutter"}

func classID(name string) uint8 {
	for i, n := range classNames {
		if n == name {
			return classFirstNamed + uint8(i)
		}
	}
	return classNone
}

// New builds a classifier from the occupation table. A nil table gives a
// classifier that suggests nothing.
func New(occ *codes.Table) *Classifier {
	c := &Classifier{
		index:       map[string]int32{},
		dict:        map[string][]entry{},
		decorations: map[string]bool{},
		context:     map[uint8][]contextRule{},
	}
	c.scratch.New = c.newScratch
	c.worker, c.driver, c.engineer = classID("worker"), classID("driver"), classID("engineer")
	c.researcher = classID("researcher")
	for _, d := range decorations {
		c.decorations[d] = true
		c.decoMaxRunes = max(c.decoMaxRunes, utf8.RuneCountInString(d))
	}
	byLength := func(a, b string) int { return cmp.Compare(len(b), len(a)) }
	c.fillers = slices.Clone(fillers)
	slices.SortStableFunc(c.fillers, byLength)
	c.generic = slices.Concat(fillers, genericHeads)
	slices.SortStableFunc(c.generic, byLength)
	for brand, hint := range brandContext {
		c.brands = append(c.brands, brandHint{brand, hint})
	}
	slices.SortFunc(c.brands, func(a, b brandHint) int { return strings.Compare(a.brand, b.brand) })
	if occ == nil {
		return c
	}
	b := newBuilder(c, occ)
	b.collect()
	b.addHand()
	b.addTable()
	b.addContext()
	b.addPlants()
	b.buildNgrams()
	return c
}

// Classify returns up to k leaf occupations for a job title, best first,
// using the description as a weak extra signal. Scores are in (0, 1] and
// shrink when the evidence is thin. It returns nothing for k <= 0 or when
// nothing in the text looks like an occupation; it never panics on odd
// input (invalid UTF-8, very long or empty text).
func (c *Classifier) Classify(title, description string, k int) []Candidate {
	if k <= 0 || len(c.leaves) == 0 {
		return nil
	}
	t := c.analyze(title, description)
	sc := c.scratch.Get().(*scratch)
	defer c.scratch.Put(sc)
	scores := c.score(t, sc)
	return c.top(scores, k)
}

// scratch holds the per-call buffers, one float per leaf each, reused
// through a pool to spare the garbage collector.
type scratch struct {
	scores, lex, dot, mod []float64
}

func (c *Classifier) newScratch() any {
	n := len(c.leaves)
	return &scratch{scores: make([]float64, n), lex: make([]float64, n), dot: make([]float64, n), mod: make([]float64, n)}
}

// text is an analysed title and description.
type text struct {
	title   []segment // title segments (main text weight 1, bracketed asides less)
	desc    []segment
	context string // folded raw title, description and brand hints, for context rules
	descCtx int    // where the description starts in context
}

// Segment weights.
const (
	wAside = 0.35 // bracketed part of the title
	wDesc  = 0.12 // description
)

func (c *Classifier) analyze(title, description string) text {
	var t text
	raw := fold(title, maxTitleRunes)
	main, asides := splitBrackets(raw)
	main, firms := c.splitFirms(main)
	asides = append(asides, firms...)
	t.title = segments(splitRoles(c.stripDecorations(main)), 1, nil)
	// "厨师/帮厨", "出纳兼行政": the first role named leads.
	for i := range t.title {
		t.title[i].w = math.Pow(segmentDecay, float64(min(i, 4)))
	}
	asideW := wAside
	if len(t.title) == 0 {
		asideW = 1 // "【普工】" alone: the bracket is the title
	}
	for _, a := range asides {
		t.title = segments(c.stripDecorations(a), asideW, t.title)
	}
	var ctx strings.Builder
	ctx.WriteString(raw)
	named := len(t.title) > 0
	for _, b := range c.brands {
		if !strings.Contains(raw, b.brand) {
			continue
		}
		ctx.WriteString(" " + b.hint)
		if !named {
			// "麦当劳兼职": the brand is all the title says.
			t.title = segments(b.hint, wAside, t.title)
		}
	}
	t.descCtx = ctx.Len()
	if description != "" {
		d := fold(description, maxDescRunes)
		t.desc = segments(c.stripDecorations(d), wDesc, nil)
		ctx.WriteString(" ")
		ctx.WriteString(stripEducation(d))
	}
	t.context = ctx.String()
	return t
}

// schoolLevels and educationTails make up requirement phrases such as
// "高中以上学历" that name a school without being about one.
var (
	schoolLevels   = []string{"小学", "初中", "高中", "中专", "中职", "职高", "技校", "大专", "专科", "大学", "本科", "高职"}
	educationTails = []string{"及以上", "或以上", "以上", "学历", "毕业", "文化", "文凭"}
)

// stripEducation blanks education requirements in a description, so that
// context rules do not read "高中以上学历" as a high school.
func stripEducation(d string) string {
	for _, l := range schoolLevels {
		for _, tail := range educationTails {
			if p := l + tail; strings.Contains(d, p) {
				d = strings.ReplaceAll(d, p, " ")
			}
		}
	}
	return d
}

// splitRoles cuts "出纳兼行政" at "兼" (but not "兼职").
func splitRoles(s string) string {
	if !strings.Contains(s, "兼") {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r == '兼' && !strings.HasPrefix(s[i+len("兼"):], "职") {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

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
