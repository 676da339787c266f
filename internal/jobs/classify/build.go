package classify

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/codes"
)

// builder fills a Classifier from the table and the hand-written data.
type builder struct {
	c        *Classifier
	occ      *codes.Table
	all      []codes.Code        // every code, parents before children
	kids     map[string][]string // code -> child codes
	handKeys map[string]bool     // term keys the hand lexicon defines
	docs     [][]string          // per leaf: the words that describe it, for n-grams
}

func newBuilder(c *Classifier, occ *codes.Table) *builder {
	return &builder{c: c, occ: occ, kids: map[string][]string{}, handKeys: map[string]bool{}}
}

// collect walks the table and records its leaves.
func (b *builder) collect() {
	var walk func(parent string)
	walk = func(parent string) {
		for _, k := range b.occ.Children(parent) {
			b.all = append(b.all, k)
			b.kids[parent] = append(b.kids[parent], k.Code)
			walk(k.Code)
		}
	}
	walk("")
	groups := map[string]int32{}
	for _, k := range b.all {
		if len(b.kids[k.Code]) > 0 {
			continue
		}
		g, ok := groups[k.Parent]
		if !ok {
			g = int32(len(groups))
			groups[k.Parent] = g
		}
		b.c.index[k.Code] = int32(len(b.c.leaves))
		trade := k.Code[0] == '5' || k.Code[0] == '6' || strings.HasPrefix(k.Code, "4-09-")
		tech := strings.HasPrefix(k.Code, "2-02-") || strings.HasPrefix(k.Code, "2-03-")
		b.c.leaves = append(b.c.leaves, leaf{code: k.Code, name: k.Name, bare: stripMarker(k.Name), group: g, trade: trade, tech: tech})
	}
	b.docs = make([][]string, len(b.c.leaves))
}

// defaultLeaf returns the leaf standing for code (itself for a leaf), or -1.
func (b *builder) defaultLeaf(code string) int32 {
	for range 8 {
		if i, ok := b.c.index[code]; ok {
			return i
		}
		if d, ok := defaultLeaves[code]; ok {
			code = d
			continue
		}
		kids := b.kids[code]
		if len(kids) == 0 {
			return -1
		}
		next := kids[0]
		for _, k := range kids {
			if strings.Contains(k[2:], "99") {
				next = k
			}
		}
		code = next
	}
	return -1
}

// add records that term key names leaf with weight w, keeping the higher
// weight when the pair is already there.
func (b *builder) add(key string, l int32, w float32, class uint8) {
	if key == "" || l < 0 {
		return
	}
	es := b.c.dict[key]
	for i := range es {
		if es[i].leaf == l {
			if w > es[i].w {
				es[i].w, es[i].class = w, class
			}
			return
		}
	}
	b.c.dict[key] = append(es, entry{leaf: l, w: w, class: class})
	b.c.maxTermRunes = max(b.c.maxTermRunes, min(unitCount(key), 16))
}

// unitCount returns the number of units in a term key.
func unitCount(key string) int {
	segs := segments(key, 1, nil)
	n := 0
	for _, s := range segs {
		n += s.n()
	}
	return n
}

// addHand adds the hand lexicon; its words replace the table's.
func (b *builder) addHand() {
	for line := range strings.SplitSeq(lexicon, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		l, ok := b.c.index[f[0]]
		if !ok {
			continue // TestLexiconCodes reports these
		}
		class := classNone
		if name, ok := strings.CutSuffix(f[1], ":"); ok {
			class = classID(name)
			f = f[1:]
		}
		for _, t := range f[1:] {
			w := float32(wHand)
			if rest, ok := strings.CutPrefix(t, "~"); ok {
				t, w = rest, wWeak
			}
			key := termKey(t)
			if key == "" {
				continue
			}
			b.handKeys[key] = true
			b.add(key, l, w, class)
			b.docs[l] = append(b.docs[l], key)
		}
	}
}

// addTable adds occupation names, aliases and forms derived from names,
// except where the hand lexicon defines the word.
func (b *builder) addTable() {
	tableAdd := func(term string, l int32, w float32, class uint8) {
		key := termKey(term)
		if key == "" || b.handKeys[key] {
			return
		}
		if utf8.RuneCountInString(key) < 2 && !isASCIIUnit(key) {
			return
		}
		b.add(key, l, w, class)
		b.docs[l] = append(b.docs[l], key)
	}
	for _, k := range b.all {
		l := b.defaultLeaf(k.Code)
		if l < 0 {
			continue
		}
		isLeaf := len(b.kids[k.Code]) == 0
		name := stripMarker(k.Name)
		other := strings.HasPrefix(name, "其他") || strings.HasPrefix(name, "其它")
		if isLeaf {
			if !other {
				tableAdd(name, l, wName, classNone)
				for _, d := range derivedForms(name) {
					tableAdd(d.term, l, d.w, d.class)
				}
			} else {
				b.docs[l] = append(b.docs[l], name)
			}
		}
		dropped := droppedAliases[k.Code]
		for _, a := range k.Aliases {
			if slices.Contains(dropped, a) {
				continue
			}
			for i, form := range aliasForms(a) {
				w := float32(wAlias)
				switch {
				case !isLeaf:
					w = wAliasUp
				case i > 0:
					w = wAliasPart
				}
				tableAdd(form, l, w, classNone)
			}
		}
	}
}

// stripMarker removes the 大典's S/L markers from a name:
// "大地测量工程技术人员L/S" -> "大地测量工程技术人员".
func stripMarker(name string) string {
	s := strings.TrimSpace(name)
	for _, suf := range []string{"L/S", "S/L", "(L/S)", "(S/L)", "（L/S）", "L", "S", "(L)", "(S)", "（L）", "（S）"} {
		rest, ok := strings.CutSuffix(s, suf)
		if !ok {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(rest); r >= utf8.RuneSelf && r != utf8.RuneError {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

type derived struct {
	term  string
	w     float32
	class uint8
}

// genericStems are name stems too vague to point at one occupation.
var genericStems = []string{
	"服务", "管理", "操作", "技术", "工程", "生产", "专业", "业务", "设计", "检验", "质量", "安全",
	"综合", "作业", "运行", "维护", "调试", "装配", "加工", "制作", "制造", "处理", "营业", "辅助",
	"信息", "数据", "产品", "监测", "检测", "测试", "运营", "咨询", "指导", "策划", "市场", "电子",
}

// derivedForms gives the everyday forms of an official name: engineers for
// "工程技术人员", technicians for "技术人员", and stems ("电池" from
// 电池制造工) that help a generic "操作工" find its trade.
func derivedForms(name string) []derived {
	var out []derived
	stem := func(s string) {
		if utf8.RuneCountInString(s) >= 2 && !slices.Contains(genericStems, s) {
			out = append(out, derived{s, wStem, classStem})
		}
	}
	if x, ok := strings.CutSuffix(name, "工程技术人员"); ok {
		out = append(out, derived{x + "工程师", wDerived, classNone}, derived{x + "技术员", wDerived * 0.8, classNone})
		return out
	}
	if x, ok := strings.CutSuffix(name, "技术人员"); ok {
		out = append(out, derived{x + "技术员", wDerived, classNone})
		return out
	}
	if x, ok := strings.CutSuffix(name, "专业人员"); ok {
		stem(x)
		return out
	}
	if x, ok := strings.CutSuffix(name, "人员"); ok {
		stem(x)
		return out
	}
	for _, suf := range []string{"装配调试工", "制造工", "生产工", "加工工", "制作工", "操作工", "装配工", "装调工", "调试工", "处理工", "制品工", "工"} {
		if x, ok := strings.CutSuffix(name, suf); ok {
			stem(x)
			return out
		}
	}
	for _, suf := range []string{"员", "师"} {
		if x, ok := strings.CutSuffix(name, suf); ok {
			stem(x)
			return out
		}
	}
	return out
}

// aliasForms splits a table alias into the forms a title may use:
// "搬运工/装卸工" -> 搬运工, 装卸工; "行政专员/助理" -> 行政专员, 行政助理;
// "网络工程师(IT工程师)" -> 网络工程师, IT工程师; "配/理/拣/发货" -> 配货, 理货,
// 拣货, 发货. The first form is the alias itself when it has no "/".
func aliasForms(a string) []string {
	f := fold(a, 64)
	main, asides := splitBrackets(f)
	main = strings.TrimSpace(main)
	var out []string
	parts := strings.Split(main, "/")
	if len(parts) == 1 {
		out = append(out, main)
	} else {
		first := []rune(strings.TrimSpace(parts[0]))
		last := []rune(strings.TrimSpace(parts[len(parts)-1]))
		for i, p := range parts {
			p = strings.TrimSpace(p)
			r := []rune(p)
			switch {
			case len(r) == 0:
			case len(r) == 1 && len(last) >= 2:
				out = append(out, p+string(last[len(last)-1:]))
			case i > 0 && len(r) == 2 && len(first) > 2 && isHanString(p):
				out = append(out, string(first[:len(first)-2])+p)
			case i > 0 && isGenericWord(p):
				// "化工实验室研究员/技术员": 技术员 alone names nothing.
				if pre := genericPrefix(string(first)); pre != "" {
					out = append(out, pre+p)
				}
			default:
				out = append(out, p)
			}
		}
	}
	for _, a := range asides {
		a = strings.TrimSpace(a)
		if utf8.RuneCountInString(a) >= 2 && !strings.Contains(a, "等") {
			out = append(out, a)
		}
	}
	return out
}

// isGenericWord reports whether w is a filler or generic head.
func isGenericWord(w string) bool {
	return slices.Contains(fillers, w) || slices.Contains(genericHeads, w) || w == "研究员"
}

// genericPrefix returns s without its generic ending ("化工实验室研究员" ->
// "化工实验室"), or "" if it has none.
func genericPrefix(s string) string {
	best := ""
	for _, g := range slices.Concat(fillers, genericHeads, []string{"研究员"}) {
		if p, ok := strings.CutSuffix(s, g); ok && utf8.RuneCountInString(p) >= 2 && (best == "" || len(p) < len(best)) {
			best = p
		}
	}
	return best
}

func isHanString(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}

// addContext resolves the context rules' codes.
func (b *builder) addContext() {
	for _, r := range contextRules {
		l, ok := b.c.index[r.code]
		if !ok {
			continue
		}
		cl := classID(r.class)
		b.c.context[cl] = append(b.c.context[cl], contextRule{leaf: l, words: r.words})
	}
}

// addPlants makes the plants that the worker context rules name ("空调厂",
// "电子厂") terms of their own. A plant then names the trade of the title
// as a whole word, so that a shorter product word inside or beside it
// ("空调" the installer, "总装" the car plant) does not take the generic
// "操作工" elsewhere.
func (b *builder) addPlants() {
	worker := classID("worker")
	for _, r := range contextRules {
		l, ok := b.c.index[r.code]
		if !ok || classID(r.class) != worker {
			continue
		}
		for _, w := range r.words {
			key := termKey(w)
			if !strings.HasSuffix(key, "厂") || b.c.isTerm(key) {
				continue
			}
			b.add(key, l, wHand, classNone)
			b.docs[l] = append(b.docs[l], key)
		}
	}
}

func (b *builder) buildNgrams() {
	b.c.ngram = newNgramIndex(b.docs)
}
