package web

// Pickers by name: a person types an occupation as they would say it
// ("电焊工", "仓管") and picks a place from district → street lists; the
// forms send codes only where a list gave them. resolveOccupation turns
// what was typed into a code on the server, so the pickers work without
// JavaScript; app.js only adds suggestions and the two-step place lists.

import (
	"html/template"
	"slices"
	"strings"
	"unicode"

	"github.com/jiuye/jiuye/internal/codes"
)

// occPick is what a typed occupation resolved to: a code, or (Code
// empty) the choices to offer ("您是不是要找") and the message to show.
type occPick struct {
	Text    string   // as typed, or the name of the code it stands for
	Code    string   // resolved code; "" when not (yet) resolved
	Choices []occOpt // when ambiguous: the likely occupations, best first
	Err     string   // why it is not resolved
}

// Occupation suggestions count as one clear answer when the best is at
// least this likely and this many times likelier than the next.
const (
	occSureScore = 0.6
	occSureRatio = 4.0
	occChoices   = 6
)

// occupationName is a code's name without the catalogue's marker
// ("计算机软件工程技术人员S" → "计算机软件工程技术人员"), or "" when unknown.
func (h *site) occupationName(code string) string {
	c, ok := h.codes.Occupations.Get(code)
	if !ok {
		return ""
	}
	return stripOccMarker(c.Name)
}

func stripOccMarker(name string) string {
	for _, m := range []string{"L/S", "L", "S"} {
		if s, ok := strings.CutSuffix(name, m); ok && s != "" {
			return s
		}
	}
	return name
}

// foldName compares names ignoring spaces, case and width.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// resolveOccupation reads a typed occupation: a code of the catalogue
// (machines and staff may type codes), a name of the catalogue, an alias
// or an everyday title the classifier is sure about. Anything else comes
// back with the likely choices, or with a message when there are none.
func (h *site) resolveOccupation(typed string) occPick {
	s := strings.TrimSpace(typed)
	p := occPick{Text: s}
	if s == "" {
		return p
	}
	if _, ok := h.codes.Occupations.Get(s); ok {
		p.Code, p.Text = s, cmpOr(h.occupationName(s), s)
		return p
	}
	key := foldName(s)
	var exact []codes.Code
	hits := h.codes.Occupations.Search(s, 20)
	for _, c := range hits {
		if foldName(stripOccMarker(c.Name)) == key {
			exact = append(exact, c)
		}
	}
	if len(exact) == 1 {
		p.Code, p.Text = exact[0].Code, stripOccMarker(exact[0].Name)
		return p
	}
	seen := map[string]bool{}
	add := func(code, name string, score int) {
		if !seen[code] && len(p.Choices) < occChoices {
			seen[code] = true
			p.Choices = append(p.Choices, occOpt{Code: code, Name: stripOccMarker(name), Score: score})
		}
	}
	for _, c := range exact {
		add(c.Code, c.Name, -1)
	}
	if len(exact) == 0 && h.classify != nil {
		cands := h.classify(s)
		if len(cands) > 0 && cands[0].Score >= occSureScore && (len(cands) == 1 || cands[0].Score >= occSureRatio*cands[1].Score) {
			p.Code, p.Text = cands[0].Code, stripOccMarker(cands[0].Name)
			return p
		}
		for _, c := range cands {
			if c.Score >= 0.02 {
				add(c.Code, c.Name, int(c.Score*100+0.5))
			}
		}
	}
	for _, c := range hits {
		if c.Level == 4 {
			add(c.Code, c.Name, -1)
		}
	}
	if len(p.Choices) == 0 {
		p.Err = "没有找到“" + s + "”对应的职业，请换个说法，如“焊工”“仓管”“收银员”"
		return p
	}
	p.Err = "“" + s + "”可能是下面几种职业，请选一个"
	return p
}

// placeOptions are the <option>s of a place select with code selected:
// Wuhan's districts (the whole district first) and their streets, in one
// optgroup per district, so a person picks by name without JavaScript.
// A code outside Wuhan (an older record) is kept, named in full.
func (h *site) placeOptions(selected string) template.HTML {
	return h.pickers.places.HTML(selected)
}

// newPlaceList builds the district → street list.
func newPlaceList(t *codes.Tables) *optionList {
	var items []optItem
	for _, d := range t.Regions.Children(WuhanCode) {
		items = append(items, optItem{Group: d.Name}, optItem{Value: d.Code, Label: d.Name + "（全区）"})
		for _, s := range t.Regions.Children(d.Code) {
			items = append(items, optItem{Value: s.Code, Label: s.Name})
		}
	}
	l := newOptionList(items)
	l.unknown = t.Regions.FullName
	return l
}

// placeSlots are the values of a repeated place select: those chosen,
// and one empty slot to add another, up to max.
func placeSlots(chosen []string, max int) []string {
	out := slices.Clone(chosen)
	if len(out) < max {
		out = append(out, "")
	}
	return out
}
