package codes

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// searchKey holds the normalised forms Search compares against.
type searchKey struct {
	name    string   // normalised name
	bare    string   // normalised name without an occupation marker (L, S, L/S); "" if none
	aliases []string // normalised aliases
	length  int      // rune length of the shorter of name and bare, for ranking
}

func newSearchKey(c Code) searchKey {
	k := searchKey{name: normalize(c.Name)}
	if b := normalize(stripMarker(c.Name)); b != k.name {
		k.bare = b
	}
	k.length = utf8.RuneCountInString(k.name)
	if k.bare != "" {
		k.length = utf8.RuneCountInString(k.bare)
	}
	if len(c.Aliases) > 0 {
		k.aliases = make([]string, len(c.Aliases))
		for i, a := range c.Aliases {
			k.aliases[i] = normalize(a)
		}
	}
	return k
}

// Match ranks for Search, best first.
const (
	rankExact = iota
	rankPrefix
	rankContains
	rankAlias
)

// rank returns how q matches k, or -1.
func (k *searchKey) rank(q string) int {
	switch {
	case k.name == q || k.bare == q:
		return rankExact
	case strings.HasPrefix(k.name, q) || (k.bare != "" && strings.HasPrefix(k.bare, q)):
		return rankPrefix
	case strings.Contains(k.name, q) || (k.bare != "" && strings.Contains(k.bare, q)):
		return rankContains
	}
	for _, a := range k.aliases {
		if strings.Contains(a, q) {
			return rankAlias
		}
	}
	return -1
}

// Search returns the codes whose name or an alias contains q: exact name
// matches first, then names starting with q, then names containing q, then
// alias matches; within each group shorter names first, then by code.
// Matching ignores case, white space and full-width/half-width differences,
// and an occupation name also matches without its official marker (L, S,
// L/S). A blank q matches nothing; limit <= 0 means no limit.
func (t *Table) Search(q string, limit int) []Code {
	q = normalize(q)
	if q == "" {
		return nil
	}
	type hit struct {
		rank, length int
		i            int32
	}
	var hits []hit
	for i := range t.keys {
		k := &t.keys[i]
		if r := k.rank(q); r >= 0 {
			hits = append(hits, hit{r, k.length, int32(i)})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.length, b.length), cmp.Compare(a.i, b.i))
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Code, len(hits))
	for j, h := range hits {
		out[j] = t.codes[h.i].clone()
	}
	return out
}

// normalize folds s for matching: full-width ASCII to half-width, lower
// case, white space removed.
func normalize(s string) string {
	clean := true
	for _, r := range s {
		if needsFold(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFEE0
		case unicode.IsSpace(r):
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// needsFold reports whether normalize changes r.
func needsFold(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z' || r == ' ' || '\t' <= r && r <= '\r'
	}
	if r >= 0x3040 && r < 0xFF01 { // kana, CJK, Hangul: no case, no spaces
		return false
	}
	return r >= 0xFF01 && r <= 0xFF5E || unicode.IsSpace(r) || unicode.ToLower(r) != r || r == utf8.RuneError
}

// stripMarker removes the official marker the 大典 appends to some
// occupation names: "L" (绿色职业), "S" (数字职业) or "L/S", optionally in
// parentheses, e.g. "大地测量工程技术人员L/S" -> "大地测量工程技术人员". Only a
// marker that follows a non-ASCII character is removed, so Latin names stay
// intact.
func stripMarker(name string) string {
	s := strings.TrimSpace(name)
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case 'L', 'S', ')', 0x89: // 0x89 ends "）" (EF BC 89)
	default:
		return s
	}
	for _, suffix := range [...]string{
		"L/S", "S/L", "L", "S",
		"(L/S)", "(S/L)", "(L)", "(S)",
		"（L/S）", "（S/L）", "（L）", "（S）",
	} {
		rest, ok := strings.CutSuffix(s, suffix)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if last, _ := utf8.DecodeLastRuneInString(rest); last >= utf8.RuneSelf && last != utf8.RuneError {
			return rest
		}
	}
	return s
}
