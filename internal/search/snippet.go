package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet shape.
const (
	snippetRunes = 60 // at most, ellipses included
	snippetLead  = 10 // runes of context kept before the first match
	ellipsis     = "…"
)

// span is a matched piece of a text: bytes [start, end), and the same in
// runes once located.
type span struct {
	start, end   int
	rStart, rEnd int
}

// Snippet returns the snippet Search gives a post with this title and
// description for a query with text q: an index that does not keep the
// descriptions (see Options.DropTexts) leaves Hit.Snippet empty, and its
// caller, having read the texts of the page's posts, makes them here.
func Snippet(q, title, desc string) []Segment {
	p := plan{anyWord: true}
	p.parse(q, nil, nil)
	segs, _ := snippet(title, desc, &p, nil)
	return segs
}

// snippet returns the snippet of a post: a window of the description around
// its best match; the title when only the title matches; else the start of
// the description (or the title when there is none). spans is scratch
// space.
func snippet(title, desc string, p *plan, spans []span) ([]Segment, []span) {
	text := desc
	spans = p.matchSpans(desc, spans[:0])
	if len(spans) == 0 {
		if t := p.matchSpans(title, spans); len(t) > 0 || strings.TrimSpace(desc) == "" {
			text, spans = title, t
		}
	}
	return render(text, spans), spans
}

// matchSpans appends the byte spans of text that match the plan, sorted and
// merged: Han bigrams of the query, lone Han query characters and whole
// query words. Han characters have no case or width variants, so they are
// found in the raw text.
func (p *plan) matchSpans(text string, spans []span) []span {
	for _, pat := range p.hanPats {
		_, step := utf8.DecodeRuneInString(pat) // overlapping matches too
		for off := 0; ; {
			i := strings.Index(text[off:], pat)
			if i < 0 {
				break
			}
			spans = append(spans, span{start: off + i, end: off + i + len(pat)})
			off += i + step
		}
	}
	if len(p.words) > 0 {
		spans = p.wordSpans(text, spans)
	}
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	out := spans[:1]
	for _, s := range spans[1:] {
		if last := &out[len(out)-1]; s.start <= last.end {
			last.end = max(last.end, s.end)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// wordSpans appends the spans of the runs of word characters in text whose
// folded form is a query word.
func (p *plan) wordSpans(text string, spans []span) []span {
	var b []byte
	start := -1
	end := func(i int) {
		if start >= 0 && slices.Contains(p.words, string(b)) {
			spans = append(spans, span{start: start, end: i})
		}
		start = -1
	}
	for i, r := range text {
		if r = fold(r); !isWordRune(r) {
			end(i)
			continue
		}
		if start < 0 {
			start, b = i, b[:0]
		}
		b = utf8.AppendRune(b, r)
	}
	end(len(text))
	return spans
}

// render cuts a window of at most snippetRunes runes (ellipses included)
// around the spans with the most matched runes, and turns it into
// segments; white space runs become one space.
func render(text string, spans []span) []Segment {
	n := snippetRunes + 1 // without spans, all window needs to know
	if len(spans) > 0 {
		n = locate(text, spans)
	} else if !longer(text, snippetRunes) {
		n = utf8.RuneCountInString(text)
	}
	return renderWindow(text, spans, n)
}

// renderWindow is render once the spans are located in text of n runes
// (or, without spans, more than snippetRunes if n is).
func renderWindow(text string, spans []span, n int) []Segment {
	if n == 0 {
		return nil
	}
	start, end := window(spans, n)
	lo, hi := byteRange(text, start, end)
	// Hits outlive the search (result caches keep them) and text may share
	// memory with every post's texts: the segments are cut from a copy of
	// the window, so that they keep nothing else alive.
	win := strings.Clone(text[lo:hi])
	cut := func(from, to int) string { return win[from-lo : to-lo] }
	var segs []Segment
	emit := func(s string, match bool) {
		if s = collapseSpace(s); s == "" {
			return
		}
		if k := len(segs); k > 0 && segs[k-1].Match == match {
			segs[k-1].Text += s
			return
		}
		segs = append(segs, Segment{Text: s, Match: match})
	}
	if start > 0 {
		emit(ellipsis, false)
	}
	at := lo
	for _, s := range spans {
		if s.end <= lo || s.start >= hi {
			continue
		}
		a, b := max(s.start, lo), min(s.end, hi)
		emit(cut(at, a), false)
		emit(cut(a, b), true)
		at = b
	}
	emit(cut(at, hi), false)
	if end < n {
		emit(ellipsis, false)
	}
	trimEnds(segs)
	return segs
}

// locate sets the rune positions of the (sorted) spans and returns the
// rune length of text.
func locate(text string, spans []span) int {
	runes, at := 0, 0
	for i := range spans {
		s := &spans[i]
		runes += utf8.RuneCountInString(text[at:s.start])
		s.rStart = runes
		runes += utf8.RuneCountInString(text[s.start:s.end])
		s.rEnd = runes
		at = s.end
	}
	return runes + utf8.RuneCountInString(text[at:])
}

// longer reports whether text has more than n runes. Without matches the
// snippet is the start of the text, so a search without text, which
// shows a page of those, need not count the runes of every description.
func longer(text string, n int) bool {
	if len(text) <= n {
		return false
	}
	for i := range text {
		if n == 0 {
			return i < len(text)
		}
		n--
	}
	return false
}

// window returns the rune range to show of a text of n runes: all of it if
// short, else the range, starting a little before a match, that covers the
// most matched runes, leaving room for the ellipses it needs.
func window(spans []span, n int) (start, end int) {
	if n <= snippetRunes {
		return 0, n
	}
	width := snippetRunes - 2 // room for both ellipses
	best := -1
	for _, s := range spans {
		from := min(max(s.rStart-snippetLead, 0), n-width)
		if c := covered(spans, from, from+width); c > best {
			best, start = c, from
		}
	}
	if start == 0 {
		return 0, width + 1 // no leading ellipsis
	}
	if start+width >= n {
		return n - (snippetRunes - 1), n // no trailing ellipsis
	}
	return start, start + width
}

// covered counts the matched runes in [from, to).
func covered(spans []span, from, to int) int {
	c := 0
	for _, s := range spans {
		c += max(min(s.rEnd, to)-max(s.rStart, from), 0)
	}
	return c
}

// byteRange converts the rune range [start, end) of text to bytes.
func byteRange(text string, start, end int) (lo, hi int) {
	lo, hi = len(text), len(text)
	r := 0
	for i := range text {
		if r == start {
			lo = i
		}
		if r == end {
			return lo, i
		}
		r++
	}
	return lo, hi
}

// collapseSpace turns every run of white space in s into one space.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// trimEnds trims white space from the first and last segment.
func trimEnds(segs []Segment) {
	if len(segs) == 0 {
		return
	}
	segs[0].Text = strings.TrimLeftFunc(segs[0].Text, unicode.IsSpace)
	last := &segs[len(segs)-1]
	last.Text = strings.TrimRightFunc(last.Text, unicode.IsSpace)
}
