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
