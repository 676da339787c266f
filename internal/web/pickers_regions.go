package web

// Registry region fields (户籍地, 常住地, 注册地) are picked by name: a
// person picks a Wuhan district or street from the place list, or types
// another place anywhere in China in the "其他地区" box. regionFinder reads
// that box on the server, so the field works without JavaScript; a code
// still works there (staff and the API send codes).

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
)

// placeTextSuffix names a region field's "其他地区" box: the select
// "hukou_region" goes with the box "hukou_region_text".
const placeTextSuffix = "_text"

// placePick is what a region field's name box resolved to.
type placePick struct {
	Text    string // as typed, or the full name of the region it resolved to
	Code    string // "" when not (yet) resolved
	Choices []opt  // when several places match: code → full name, best first
	Err     string // why it is not resolved
}

// regionChoices is how many places a "您是不是要找" list offers.
const regionChoices = 8

// regionFinder finds regions of the whole country by name.
type regionFinder struct {
	t       *codes.Table
	nodes   []regionNode
	byName  map[string][]int32 // folded name → nodes
	byShort map[string][]int32 // folded name without its 省/市/区/县/街道… ending
}

type regionNode struct {
	code  string
	level int
	names []string // folded names from the province down, placeholder levels (市辖区) left out
	label string   // "河南省 信阳市 固始县"
}

// placeholder levels of the code table that nobody says.
func placeholderRegion(name string) bool {
	return name == "市辖区" || name == "县" || strings.HasSuffix(name, "直辖县级行政区划")
}

// regionEndings are the administrative endings a short name leaves off,
// longest first ("河南" for 河南省, "吴家山" for 吴家山街道).
var regionEndings = []string{"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "街道办事处",
	"自治区", "自治州", "自治县", "自治旗", "街道", "地区", "街", "省", "市", "区", "县", "旗", "盟", "镇", "乡"}

func shortRegionName(name string) string {
	for _, e := range regionEndings {
		if s, ok := strings.CutSuffix(name, e); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return ""
}

func newRegionFinder(t *codes.Table) *regionFinder {
	f := &regionFinder{t: t, byName: map[string][]int32{}, byShort: map[string][]int32{}}
	var walk func(parent string, names []string, labels []string)
	walk = func(parent string, names, labels []string) {
		for _, c := range t.Children(parent) {
			n, l := names, labels
			if !placeholderRegion(c.Name) {
				n = append(slices.Clip(names), foldName(c.Name))
				l = append(slices.Clip(labels), c.Name)
				i := int32(len(f.nodes))
				f.nodes = append(f.nodes, regionNode{code: c.Code, level: c.Level, names: n, label: strings.Join(l, " ")})
				key := n[len(n)-1]
				f.byName[key] = append(f.byName[key], i)
				// Villages and communities (Wuhan only) are found by their
				// full name only: "朝阳" should not offer every 朝阳村.
				if s := shortRegionName(key); s != "" && c.Level <= 4 {
					f.byShort[s] = append(f.byShort[s], i)
				}
			}
			walk(c.Code, n, l)
		}
	}
	walk("", nil, nil)
	return f
}

// label is a code's place as the name box shows it ("河南省 信阳市 固始县"),
// or "" for an unknown code.
func (f *regionFinder) label(code string) string {
	var parts []string
	for _, c := range f.t.Path(code) {
		if !placeholderRegion(c.Name) {
			parts = append(parts, c.Name)
		}
	}
	return strings.Join(parts, " ")
}

// splitPlace cuts typed text into folded words at spaces and punctuation.
func splitPlace(s string) []string {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(" \t\r\n\u3000,，、/|-—·;；>＞", r)
	})
	out := words[:0]
	for _, w := range words {
		if w = foldName(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// find resolves what was typed in a name box: a region code; a place's
// name ("固始县"), also without its ending ("固始"); a path of names with or
// without spaces ("河南 信阳 固始县", "信阳市固始县", the full name); or, when
// nothing is named so, a unique place whose name contains it. Several
// matches come back as choices, none as a message.
func (f *regionFinder) find(typed string) placePick {
	s := strings.TrimSpace(typed)
	p := placePick{Text: s}
	if s == "" {
		return p
	}
	if _, ok := f.t.Get(s); ok {
		p.Code, p.Text = s, cmpOr(f.label(s), s)
		return p
	}
	words := splitPlace(s)
	if len(words) == 0 {
		p.Err = "请填写地名，如“河南省 信阳市 固始县”"
		return p
	}
	last, before := words[len(words)-1], words[:len(words)-1]
	// Best first: the place's name (or a run of names ending with it),
	// then its name without the ending, then a name containing the word.
	var hits []int32
	loose := false // matched only by a different ending or inside a name: ask, never assume
	add := func(i int32, upto int) {
		if f.ancestorsMatch(i, upto, before) && !slices.Contains(hits, i) {
			hits = append(hits, i)
		}
	}
	// The place's name; 街 and 街道 are the same ending.
	for _, name := range streetSpellings(last) {
		for _, i := range f.byName[name] {
			add(i, len(f.nodes[i].names)-1)
		}
	}
	// A run of names ending with the place's ("信阳市固始县").
	for k := range last {
		if k == 0 {
			continue
		}
		for _, i := range f.byName[last[k:]] {
			if n := f.runOfNames(i, last[:k]); n >= 0 {
				add(i, n)
			}
		}
	}
	if len(hits) == 0 { // the name without its ending ("固始")
		for _, i := range f.byShort[last] {
			add(i, len(f.nodes[i].names)-1)
		}
	}
	if len(hits) == 0 { // another ending ("朝阳市" when there is only 朝阳区)
		if short := shortRegionName(last); short != "" {
			for _, i := range f.byShort[short] {
				add(i, len(f.nodes[i].names)-1)
			}
			loose = len(hits) > 0
		}
	}
	if len(hits) == 0 && utf8.RuneCountInString(last) >= 2 { // the end of a name, or inside one
		for i := range f.nodes {
			nd := &f.nodes[i]
			if name := nd.names[len(nd.names)-1]; nd.level <= 4 && strings.Contains(name, last) {
				add(int32(i), len(nd.names)-1)
				loose = loose || !strings.HasSuffix(name, last)
			}
		}
	}
	if loose && len(hits) == 1 {
		nd := f.nodes[hits[0]]
		p.Choices = []opt{{Value: nd.code, Label: nd.label}}
		p.Err = "没有找到“" + s + "”，您是不是要找“" + nd.label + "”？请选择，或重新填写"
		return p
	}
	switch {
	case len(hits) == 1:
		nd := f.nodes[hits[0]]
		p.Code, p.Text = nd.code, nd.label
		return p
	case len(hits) == 0:
		p.Err = "没有找到“" + s + "”这个地方，请填写省、市、区县名称，如“河南省 信阳市 固始县”"
		return p
	}
	slices.SortFunc(hits, func(a, b int32) int {
		x, y := &f.nodes[a], &f.nodes[b]
		return cmp.Or(cmp.Compare(placeRank(x.code), placeRank(y.code)), cmp.Compare(x.level, y.level), cmp.Compare(x.code, y.code))
	})
	for _, i := range hits[:min(len(hits), regionChoices)] {
		p.Choices = append(p.Choices, opt{Value: f.nodes[i].code, Label: f.nodes[i].label})
	}
	if len(hits) > regionChoices {
		p.Err = "有 " + strconv.Itoa(len(hits)) + " 个地方叫“" + s + "”，请选一个，或加上省、市名称再填，如“北京市 朝阳区”"
	} else {
		p.Err = "有 " + strconv.Itoa(len(hits)) + " 个地方叫“" + s + "”，请选一个"
	}
	return p
}

// streetSpellings are the names a typed word may stand for: the code
// table says 吴家山街 where people say 吴家山街道, and the other way round.
func streetSpellings(w string) []string {
	if s, ok := strings.CutSuffix(w, "街道"); ok {
		return []string{w, s + "街"}
	}
	if strings.HasSuffix(w, "街") {
		return []string{w, w + "道"}
	}
	return []string{w}
}

// placeRank puts Wuhan first, then the rest of Hubei, then elsewhere.
func placeRank(code string) int {
	switch {
	case strings.HasPrefix(code, WuhanCode):
		return 0
	case strings.HasPrefix(code, WuhanCode[:2]):
		return 1
	}
	return 2
}

// runOfNames reports where the run of names of node i that ends just
// above its own name and spells prefix starts (an index into names), or
// -1: for 固始县, prefix "信阳市" starts at 1 and "河南省信阳市" at 0.
func (f *regionFinder) runOfNames(i int32, prefix string) int {
	names := f.nodes[i].names
	rest := prefix
	for j := len(names) - 2; j >= 0; j-- {
		var ok bool
		if rest, ok = strings.CutSuffix(rest, names[j]); !ok {
			return -1
		}
		if rest == "" {
			return j
		}
	}
	return -1
}

// ancestorsMatch reports whether words name, in order, places above
// names[upto] of node i, each by its name or its short name.
func (f *regionFinder) ancestorsMatch(i int32, upto int, words []string) bool {
	names := f.nodes[i].names[:max(upto, 0)]
	j := 0
	for _, w := range words {
		for j < len(names) && names[j] != w && shortRegionName(names[j]) != w {
			j++
		}
		if j == len(names) {
			return false
		}
		j++
	}
	return true
}

// placeLabel names a region code for a list ("河南省 信阳市 固始县"), or
// returns the code itself when it is not one of the table's.
func (h *site) placeLabel(code string) string {
	return cmpOr(h.pickers.regions.label(code), code)
}

// Place is a region field's resolved name box, for the region template.
func (p *Page) Place(name string) placePick { return p.Places[name] }

// placeForm prepares stored region codes for the region fields: a code of
// the Wuhan list stays the list's choice, any other is shown by name in
// the field's name box ("其他地区").
func (h *site) placeForm(form map[string]string, names ...string) {
	for _, n := range names {
		code := form[n]
		if code == "" || h.pickers.places.known[code] {
			continue
		}
		form[n], form[n+placeTextSuffix] = "", cmpOr(h.pickers.regions.label(code), code)
	}
}

// readPlaces resolves the posted region fields: a field's name box, when
// filled, names its place (and is rewritten to the place's full name, so
// the person sees what it was read as); otherwise the Wuhan list's choice
// stands. It returns the codes to save, the picks to show again, and the
// messages of boxes that did not name one place.
func (h *site) readPlaces(r *http.Request, form map[string]string, names ...string) (map[string]string, map[string]placePick, apperr.Fields) {
	out := map[string]string{}
	picks := map[string]placePick{}
	var errs apperr.Fields
	for _, n := range names {
		out[n] = form[n]
		typed := r.PostFormValue(n + placeTextSuffix)
		form[n+placeTextSuffix] = strings.TrimSpace(typed)
		if strings.TrimSpace(typed) == "" {
			continue
		}
		pk := h.pickers.regions.find(typed)
		picks[n] = pk
		if pk.Err != "" {
			errs.Add(n, pk.Err)
			continue
		}
		out[n], form[n+placeTextSuffix] = pk.Code, pk.Text
	}
	return out, picks, errs
}
