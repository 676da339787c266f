package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Input limits: job titles are short; anything past these is noise and
// would only cost time.
const (
	maxTitleRunes = 120
	maxDescRunes  = 600
)

// foldRune maps r to the form matching uses: full-width ASCII to half-width,
// ASCII upper case to lower case, the various Chinese brackets to '(' and
// ')', and every space to ' '.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000 || unicode.IsSpace(r):
		return ' '
	}
	switch r {
	case '【', '〔', '［', '「', '『', '《', '〈', '[', '{', '<', '〖', '（':
		return '('
	case '】', '〕', '］', '」', '』', '》', '〉', ']', '}', '>', '〗', '）':
		return ')'
	}
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A')
	}
	return r
}

// fold returns s folded with foldRune, invalid UTF-8 replaced by spaces and
// cut to at most limit runes.
func fold(s string, limit int) string {
	var b strings.Builder
	b.Grow(min(len(s), limit*3))
	n := 0
	for len(s) > 0 && n < limit {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		if r == utf8.RuneError && size <= 1 {
			r = ' '
		}
		b.WriteRune(foldRune(r))
		n++
	}
	return b.String()
}

// isASCIIWord reports whether r can be part of an ASCII token such as
// "java", "c++", "c#", ".net", "a2", "3d".
func isASCIIWord(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '#' || r == '.'
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// splitBrackets separates the bracketed parts of a folded title from the
// rest: "叉车司机(b证)" gives main "叉车司机 " and aside ["b证"]. An
// unclosed bracket runs to the end.
func splitBrackets(s string) (main string, aside []string) {
	if !strings.ContainsAny(s, "()") {
		return s, nil
	}
	var m, a strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			if depth == 0 {
				a.Reset()
				m.WriteByte(' ')
			} else {
				a.WriteByte(' ')
			}
			depth++
		case r == ')':
			if depth > 0 {
				depth--
				if depth == 0 {
					aside = append(aside, a.String())
				} else {
					a.WriteByte(' ')
				}
			} else {
				m.WriteByte(' ')
			}
		case depth > 0:
			a.WriteRune(r)
		default:
			m.WriteRune(r)
		}
	}
	if depth > 0 {
		aside = append(aside, a.String())
	}
	return m.String(), aside
}

// stripDecorations blanks out the recruiting boilerplate listed in
// decorations (急招, 包吃住, 五险一金, place names …): each phrase becomes
// spaces, so it also splits the title into segments. It scans left to
// right; where a dictionary term starting at the same place is longer than
// the decoration ("招聘专员" against "招聘", "公司司机" against "公司"), the
// term is kept whole.
func (c *Classifier) stripDecorations(s string) string {
	var b []byte // nil until something is blanked
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		d := c.longestPrefix(s[i:], c.decoMaxRunes, c.isDecoration)
		if d == 0 {
			i += size
			continue
		}
		if t := c.longestPrefix(s[i:], c.maxTermRunes, c.isTerm); t > d {
			i += t
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		for j := i; j < i+d; j++ {
			b[j] = ' '
		}
		i += d
	}
	if b == nil {
		return s
	}
	return string(b)
}

// firmSuffixes end the name of an employer: "物业公司", "美好生活科技有限公司".
// hiringVerbs end it when a job follows: "某汽车4S店诚聘销售顾问".
var (
	firmSuffixes = []string{"股份有限公司", "有限责任公司", "有限公司", "公司", "集团"}
	hiringVerbs  = []string{"高薪诚聘", "高薪招聘", "诚聘", "诚招", "招聘", "急招", "急聘", "直招", "热招"}
)

// splitFirms sets employers' names apart from the rest of a folded title,
// as if they were bracketed: in "物业公司招聘保安、保洁" the job is 保安, and
// 物业 only says where. A name is the run of letters before a firm suffix,
// or before a hiring verb that a dictionary term follows; it stays in place
// when a term runs across its end ("分公司经理").
func (c *Classifier) splitFirms(s string) (rest string, firms []string) {
	var b []byte // nil until a name is moved out
	for i := 0; i < len(s); {
		n := c.firmEndAt(s, i)
		if n == 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		if j := c.firmStart(s, i); j >= 0 {
			firms = append(firms, s[j:i])
			if b == nil {
				b = []byte(s)
			}
			for k := j; k < i; k++ {
				b[k] = ' '
			}
		}
		i += n
	}
	if b == nil {
		return s, nil
	}
	return string(b), firms
}

// firmEndAt returns the byte length of the firm suffix or hiring verb that
// starts at byte i of s, or 0. A hiring verb counts only when a dictionary
// term follows it: in "保安急招" nothing is hired after the verb.
func (c *Classifier) firmEndAt(s string, i int) int {
	for _, f := range firmSuffixes {
		if strings.HasPrefix(s[i:], f) {
			return len(f)
		}
	}
	for _, v := range hiringVerbs {
		if strings.HasPrefix(s[i:], v) && c.hasTerm(s[i+len(v):]) {
			return len(v)
		}
	}
	return 0
}

// hasTerm reports whether a dictionary term starts anywhere in s.
func (c *Classifier) hasTerm(s string) bool {
	for p := 0; p < len(s); {
		if c.longestPrefix(s[p:], c.maxTermRunes, c.isTerm) > 0 {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[p:])
		p += size
	}
	return false
}

// firmStart returns where the name ending at byte end of s starts, or -1
// when there is no name of two runes or more, or a dictionary term starting
// inside it runs past end.
func (c *Classifier) firmStart(s string, end int) int {
	j := end
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !isHan(r) && !isASCIIWord(r) {
			break
		}
		j -= size
	}
	if utf8.RuneCountInString(s[j:end]) < 2 {
		return -1
	}
	for p := j; p < end; {
		if p+c.longestPrefix(s[p:], c.maxTermRunes, c.isTerm) > end {
			return -1
		}
		_, size := utf8.DecodeRuneInString(s[p:])
		p += size
	}
	return j
}

// longestPrefix returns the byte length of the longest prefix of s, of at
// most maxRunes runes, for which ok holds; 0 if none.
func (c *Classifier) longestPrefix(s string, maxRunes int, ok func(string) bool) int {
	best, n := 0, 0
	for i := 0; i < len(s) && n < maxRunes; {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
		if ok(s[:i]) {
			best = i
		}
	}
	return best
}

// unitSep separates two ASCII units inside a unit string.
const unitSep = ' '

// segment is a run of text between separators, as units: a unit is one
// non-ASCII rune or one ASCII word. text holds the units joined (ASCII
// words separated by a space); off[i] is where unit i starts in text and
// off[len] == len(text).
type segment struct {
	text string
	off  []int
	w    float64 // weight: 1 for the title, less for asides and descriptions
}

func (s *segment) n() int { return len(s.off) - 1 }

// sub returns units [i, j) as a substring of text.
func (s *segment) sub(i, j int) string {
	t := s.text[s.off[i]:s.off[j]]
	if j < s.n() && len(t) > 0 && t[len(t)-1] == unitSep {
		t = t[:len(t)-1]
	}
	return t
}

// unit returns unit i.
func (s *segment) unit(i int) string {
	t := s.text[s.off[i]:s.off[i+1]]
	if len(t) > 0 && t[len(t)-1] == unitSep {
		t = t[:len(t)-1]
	}
	return t
}

// salaryUnits are single runes that, right after a number, are a unit of
// the number (salary, count, age, size) rather than part of the title.
const salaryUnits = "元米万千天岁人名个吨号位座点月年kw"

// segments cuts folded, decoration-free text into segments. Letters, digits
// and CJK ideographs form units; everything else separates segments. Pure
// numbers (salaries, sizes, counts) are dropped with their unit rune; ASCII
// words with letters ("c1", "a2", "java", "c++") are kept.
func segments(s string, w float64, out []segment) []segment {
	var b strings.Builder
	var off []int
	flush := func() {
		if len(off) > 0 {
			t := b.String()
			if t[len(t)-1] == unitSep {
				t = t[:len(t)-1]
			}
			off = append(off, len(t))
			out = append(out, segment{text: t, off: off, w: w})
		}
		b.Reset()
		off = nil
	}
	afterNumber := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isASCIIWord(r) && r != '+' && r != '#' && r != '.' || (r == '.' && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z'):
			j := i
			letters := false
			for j < len(s) && isASCIIWord(rune(s[j])) {
				if s[j] >= 'a' && s[j] <= 'z' {
					letters = true
				}
				j++
			}
			word := strings.TrimRight(s[i:j], ".")
			i = j
			if !letters || isSalaryToken(word) {
				afterNumber = true
				continue
			}
			afterNumber = false
			if lastIsASCII(b.String()) { // two ASCII words stay apart
				b.WriteByte(unitSep)
			}
			off = append(off, b.Len())
			b.WriteString(word)
			continue
		case isHan(r):
			if afterNumber && strings.ContainsRune(salaryUnits, r) {
				afterNumber = false
				i += size
				continue
			}
			off = append(off, b.Len())
			b.WriteRune(r)
		default:
			flush()
		}
		afterNumber = false
		i += size
	}
	flush()
	return out
}

// lastIsASCII reports whether s ends in an ASCII word character.
func lastIsASCII(s string) bool {
	return len(s) > 0 && s[len(s)-1] < utf8.RuneSelf && s[len(s)-1] != unitSep
}

// isSalaryToken reports whether an ASCII token with letters is really a
// number: "8k", "10w", "5k8k", "k".
func isSalaryToken(w string) bool {
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9', c == 'k', c == 'w', c == '.', c == '+':
		default:
			return false
		}
	}
	return true
}

// termKey normalises a dictionary term the way titles are normalised, so
// that it can be looked up as a substring of a segment; "" if the term is
// not a single segment.
func termKey(t string) string {
	segs := segments(fold(t, 64), 1, nil)
	if len(segs) != 1 {
		return ""
	}
	return segs[0].text
}
