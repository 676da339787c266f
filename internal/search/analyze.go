package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// termKey identifies an indexed term: a Han unigram (the rune), a Han
// bigram (bigramTag | first<<21 | second) or a word (wordTag | word id).
type termKey uint64

const (
	bigramTag termKey = 1 << 62
	wordTag   termKey = 2 << 62
)

func unigramKey(r rune) termKey { return termKey(r) }

func bigramKey(a, b rune) termKey { return bigramTag | termKey(a)<<21 | termKey(b) }

func wordKey(id uint32) termKey { return wordTag | termKey(id) }

// fold maps r to the form that is indexed and matched: full-width ASCII to
// half-width, the ideographic space to a space, letters to lower case.
func fold(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r == 0x3000:
		return ' '
	case r >= 0xFF01 && r <= 0xFF5E:
		return fold(r - 0xFEE0)
	case r > 0x3000 && r < 0xFF01: // CJK and kana: no case
		return r
	}
	return unicode.ToLower(r)
}

// isHan reports whether r is a CJK ideograph (including 〇).
func isHan(r rune) bool {
	switch {
	case r < 0x3007:
		return false
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r == 0x3007:
		return true
	case r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x3134F:
		return true
	}
	return false
}

// isWordRune reports whether r (folded) belongs to a word: an ASCII letter or
// digit, or a non-Han letter or digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
	}
	return !isHan(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// termSink receives the terms of a text from walk.
type termSink interface {
	han(prev, r rune) // a Han rune; prev is the Han rune before it or 0
	word(w []byte)    // a folded word; w is reused after the call
}

// walk folds s and reports its Han runes and words to sink; everything else
// separates terms. buf is scratch space, returned for reuse.
func walk(s string, buf []byte, sink termSink) []byte {
	var prev rune
	buf = buf[:0]
	for _, r := range s {
		r = fold(r)
		switch {
		case isHan(r):
			if len(buf) > 0 {
				sink.word(buf)
				buf = buf[:0]
			}
			sink.han(prev, r)
			prev = r
		case isWordRune(r):
			prev = 0
			buf = utf8.AppendRune(buf, r)
		default:
			prev = 0
			if len(buf) > 0 {
				sink.word(buf)
				buf = buf[:0]
			}
		}
	}
	if len(buf) > 0 {
		sink.word(buf)
	}
	return buf[:0]
}

// foldKey folds s for exact comparisons of names: fold every rune and drop
// white space.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = fold(r)
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// queryWords splits q on white space (after folding) into folded words.
func queryWords(q string) []string {
	return strings.FieldsFunc(foldKeepSpace(q), unicode.IsSpace)
}

// foldKeepSpace folds every rune of s, keeping white space.
func foldKeepSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(fold(r))
	}
	return b.String()
}

// StripOccupationMarker removes the marker the 大典 appends to green and
// digital occupations ("L", "S", "L/S", optionally in brackets) after a Han
// name: "物流服务师L" → "物流服务师". The index and the synthetic corpus
// (searchbench) name occupations by the same rule.
func StripOccupationMarker(name string) string {
	s := strings.TrimSpace(name)
	for _, suffix := range [...]string{
		"(L/S)", "(S/L)", "(L)", "(S)", "（L/S）", "（S/L）", "（L）", "（S）", "L/S", "S/L", "L", "S",
	} {
		rest, ok := strings.CutSuffix(s, suffix)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if last, _ := utf8.DecodeLastRuneInString(rest); isHan(last) {
			return rest
		}
	}
	return s
}
