package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Suggestion limits.
const (
	defaultSuggest = 10
	maxSuggest     = 50
	maxSuggestLen  = 30 // runes; longer titles are not suggested
)

// suggester holds the type-ahead entries: cleaned post titles counted by
// live posts, and occupation names and aliases. Guarded like state.
type suggester struct {
	entries []suggEntry
	byKey   map[string]int32 // foldKey → entry
	byRune  map[rune][]int32 // rune of a key → entries containing it
	byOcc   map[int32]int32  // occupation value → entry of its name
}

type suggEntry struct {
	text  string
	key   string
	count int32 // live posts with this title, plus posts coded with it for an occupation name
	occ   bool  // from the occupation table: suggested even without posts
}

// newSuggester returns a suggester holding the occupation names of o.
func newSuggester(o *occupations) *suggester {
	s := &suggester{byKey: map[string]int32{}, byRune: map[rune][]int32{}, byOcc: map[int32]int32{}}
	for _, n := range o.names {
		i, ok := s.entry(n.text)
		if !ok {
			continue
		}
		s.entries[i].occ = true
		if !n.alias {
			s.byOcc[n.value] = i
		}
	}
	return s
}

// entry returns the entry for text, adding it if needed; ok is false for a
// text that is not suggestible.
func (s *suggester) entry(text string) (int32, bool) {
	text = cleanTitle(text)
	key := foldKey(text)
	if key == "" || utf8.RuneCountInString(key) > maxSuggestLen {
		return 0, false
	}
	if i, ok := s.byKey[key]; ok {
		return i, true
	}
	i := int32(len(s.entries))
	s.entries = append(s.entries, suggEntry{text: text, key: key})
	s.byKey[key] = i
	var seen []rune
	for _, r := range key {
		if !slices.Contains(seen, r) {
			seen = append(seen, r)
			s.byRune[r] = append(s.byRune[r], i)
		}
	}
	return i, true
}

// insert counts a live post with title and occupation value occ, and
// returns the entry of the title (-1 if it is not suggestible) for remove.
func (s *suggester) insert(title string, occ int32) int32 {
	i, ok := s.entry(title)
	if !ok {
		i = -1
	}
	s.adjust(i, occ, 1)
	return i
}

// remove uncounts a post added with insert, which returned entry.
func (s *suggester) remove(entry int32, occ int32) { s.adjust(entry, occ, -1) }

func (s *suggester) adjust(entry int32, occ int32, by int32) {
	if entry >= 0 {
		s.entries[entry].count += by
	}
	if i, ok := s.byOcc[occ]; ok {
		s.entries[i].count += by
	}
}

// Suggest returns up to n (default 10, at most 50) post titles and
// occupation names that start with or contain prefix: those starting with
// it first, then by the number of live posts, then shorter first. Case,
// width and spaces are ignored.
func (ix *Index) Suggest(prefix string, n int) []string {
	if n <= 0 {
		n = defaultSuggest
	}
	n = min(n, maxSuggest)
	if utf8.RuneCountInString(prefix) > maxSuggestLen {
		return nil
	}
	key := foldKey(prefix)
	if key == "" {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st.sugg.suggest(key, n)
}

// suggest returns the best n entries for a folded, non-empty key. It scans
// the entries holding the key's rarest rune and keeps the best n in order.
func (s *suggester) suggest(key string, n int) []string {
	var list []int32
	first := true
	for _, r := range key {
		if l := s.byRune[r]; first || len(l) < len(list) {
			list, first = l, false
		}
	}
	best := make([]suggHit, 0, n+1)
	for _, i := range list {
		e := &s.entries[i]
		if e.count <= 0 && !e.occ {
			continue
		}
		h := suggHit{i: i, prefix: strings.HasPrefix(e.key, key)}
		if !h.prefix && !strings.Contains(e.key, key) {
			continue
		}
		if len(best) == n && !s.before(h, best[n-1]) {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, h, func(a, b suggHit) int {
			if s.before(a, b) {
				return -1
			}
			return 1
		})
		best = slices.Insert(best, at, h)
		if len(best) > n {
			best = best[:n]
		}
	}
	out := make([]string, len(best))
	for j, h := range best {
		out[j] = s.entries[h.i].text
	}
	return out
}

// suggHit is a matching entry; prefix if its key starts with the input.
type suggHit struct {
	i      int32
	prefix bool
}

// before orders suggestions: prefix matches, more posts, shorter, by key.
func (s *suggester) before(a, b suggHit) bool {
	if a.prefix != b.prefix {
		return a.prefix
	}
	ea, eb := &s.entries[a.i], &s.entries[b.i]
	if ea.count != eb.count {
		return ea.count > eb.count
	}
	if len(ea.key) != len(eb.key) {
		return len(ea.key) < len(eb.key)
	}
	return ea.key < eb.key
}

// cleanTitle makes a title fit for suggestion: bracketed remarks such as
// "（包吃住）" are dropped, white space is collapsed and separators are
// trimmed from both ends.
func cleanTitle(t string) string {
	var b strings.Builder
	depth := 0
	space := false
	for _, r := range t {
		switch r {
		case '(', '（', '[', '【', '〔', '「', '《', '<', '〈':
			depth++
			continue
		case ')', '）', ']', '】', '〕', '」', '》', '>', '〉':
			depth = max(depth-1, 0)
			continue
		}
		if depth > 0 {
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
}
