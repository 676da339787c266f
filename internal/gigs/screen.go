package gigs

import (
	"fmt"
	"math"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity of a flag: a blocking flag holds the gig for a reviewer, who
// may publish it anyway with a reason; a warning is shown but does not hold.
type Severity string

// The severities, blocking first.
const (
	SevBlock Severity = "block"
	SevWarn  Severity = "warn"
)

// Flag is one finding, as shown to the employer and reviewer and returned
// by POST /api/v1/gigs/screen.
type Flag struct {
	Code     string   `json:"code"`             // stable machine code, e.g. "fee", "below_min_wage"
	Severity Severity `json:"severity"`         // block or warn
	Message  string   `json:"message"`          // Chinese reason, naming the law where one applies
	Phrase   string   `json:"phrase,omitempty"` // the words found, as written, when the flag comes from text
}

// ScreenInput is what screening reads of a gig (amounts in fen, i.e.
// yuan×100).
type ScreenInput struct {
	Title, Description string
	Skills, Provided   []string // Provided: what the employer provides, e.g. 包餐, 交通, 工具
	PayFen             int64    // pay amount in fen per unit
	PayUnit            string   // "hour" | "day" | "piece"
	HoursPerDay        float64  // length of the (first) shift in hours, >0 when known
	Address            string
	MinHourlyFen       int64 // district minimum hourly wage in fen on the shift date; 0 = unknown
	MarketHourlyFen    int64 // market hourly pay for the occupation in fen; 0 = unknown
}

// RuleInfo describes a rule for the staff page: what it flags and
// examples of what it catches and what it must let pass.
type RuleInfo struct {
	Code            string
	Severity        Severity
	Message         string
	Catches, Passes []string
}

// Screener holds the compiled rules. It has no mutable state, so one
// Screener built at start-up serves all requests concurrently.
type Screener struct {
	rules []compiledRule
	// first and second map a rune to, per rule, the patterns (bit k =
	// pattern k) a match may start with it or have it second; loose holds
	// the patterns whose second rune cannot be told.
	first, second map[rune][]uint64
	starts        *[1 << 10]uint64 // bit r mod 65536 set when first[r] may be: most runes skip the map
	loose         []uint64
	negated       *regexp.Regexp // a negation right before an Override (不用自费)
}

// compiledRule is a ruleSpec with its expressions compiled.
type compiledRule struct {
	spec            *ruleSpec
	find            []pattern
	before          *regexp.Regexp // reversed: matched against the reversed text before a finding
	after, override *regexp.Regexp // nil when the spec has none
	tail            *regexp.Regexp
	allow           []string
}

// pattern is one of a rule's patterns, anchored, with the most bytes a
// match can span: it is only tried where its first rune occurs, on a
// short slice, which keeps a screening in microseconds rather than
// running large alternations over the whole ad.
type pattern struct {
	re    *regexp.Regexp
	width int
}

// maxWidth caps the slice a pattern is tried on when its matches are
// unbounded (\d+); a match longer than this is cut short.
const maxWidth = 48

// candidates are the places in a text where some pattern may match: the
// byte offsets and, per place and rule, the patterns that may start there.
type candidates struct {
	at    []int
	masks []uint64 // len(at) × rules
	rules int
}

// NewScreener compiles the rule table. It panics on a bad pattern, which
// the tests catch: the table is code, not user input.
func NewScreener() *Screener {
	s := &Screener{
		first:   map[rune][]uint64{},
		second:  map[rune][]uint64{},
		loose:   make([]uint64, len(screenRules)),
		starts:  new([1 << 10]uint64),
		negated: regexp.MustCompile(`(?:不|无需|无须|不用|不需要?|不必|免|没有|无)$`),
	}
	for i := range screenRules {
		s.rules = append(s.rules, s.compile(i, &screenRules[i]))
	}
	return s
}

// compile builds the expressions of one rule: each pattern anchored and
// indexed, the cues anchored to the side of a finding they must touch.
func (s *Screener) compile(rule int, spec *ruleSpec) compiledRule {
	r := compiledRule{spec: spec}
	if len(spec.Patterns) == 0 {
		return r
	}
	filler := ""
	if len(spec.Filler) > 0 {
		filler = `(?:` + strings.Join(spec.Filler, "|") + `)*`
	}
	for k, p := range spec.Patterns {
		r.find = append(r.find, s.compilePattern(p, rule, k))
	}
	if len(spec.Before) > 0 {
		r.before = compileReversed(alt(spec.Before) + filler)
	}
	if len(spec.After) > 0 {
		r.after = regexp.MustCompile(`^(?:` + filler + `(?:` + amount + `)?` + filler + `)` + alt(spec.After))
	}
	if len(spec.Override) > 0 {
		r.override = regexp.MustCompile(alt(spec.Override))
	}
	if spec.Tail != "" {
		r.tail = regexp.MustCompile(spec.Tail)
	}
	for _, a := range spec.Allow {
		r.allow = append(r.allow, normalize(a).s)
	}
	return r
}

// compilePattern compiles pattern k of a rule anchored and indexes it
// by the runes its matches may start with and may have second. A pattern
// that may start with nearly any rune (.) cannot be indexed and panics:
// give it a first word.
func (s *Screener) compilePattern(expr string, rule, k int) pattern {
	if k >= 64 {
		panic("gigs: a rule has more than 64 patterns")
	}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	if hasFoldCase(tree) {
		panic("gigs: write patterns in lower case, the text is lower-cased: " + expr)
	}
	tree = tree.Simplify()
	sh := shapeOf(tree)
	bit := uint64(1) << k
	if sh.first.all || sh.first.size() > 4096 || sh.nullable {
		panic("gigs: pattern may start with any character: " + expr)
	}
	index(s.first, s.starts, sh.first, rule, bit)
	if sh.single || sh.second.all || sh.second.size() > 4096 {
		s.loose[rule] |= bit
	} else {
		index(s.second, nil, sh.second, rule, bit)
	}
	w := width(tree)
	if w < 0 || w > maxWidth {
		w = maxWidth
	}
	return pattern{re: regexp.MustCompile(`^(?:` + expr + `)`), width: w}
}

// hasFoldCase reports whether any part of re ignores case ((?i)), which
// the index does not follow.
func hasFoldCase(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 {
		return true
	}
	return slices.ContainsFunc(re.Sub, hasFoldCase)
}

// index sets bit in idx for rule at every rune of set, and marks the
// runes in starts unless it is nil.
func index(idx map[rune][]uint64, starts *[1 << 10]uint64, set runeSet, rule int, bit uint64) {
	for i := 0; i+1 < len(set.ranges); i += 2 {
		for r := set.ranges[i]; r <= set.ranges[i+1]; r++ {
			if starts != nil {
				starts[r>>6&(1<<10-1)] |= 1 << (r & 63)
			}
			if idx[r] == nil {
				idx[r] = make([]uint64, len(screenRules))
			}
			idx[r][rule] |= bit
		}
	}
}

// runeSet is a set of runes as ranges (pairs of lo, hi); all means any.
type runeSet struct {
	ranges []rune
	all    bool
}

// union returns the runes in a or b.
func (a runeSet) union(b runeSet) runeSet {
	return runeSet{ranges: append(slices.Clip(a.ranges), b.ranges...), all: a.all || b.all}
}

// size counts the runes of a set that is not all.
func (a runeSet) size() int {
	n := 0
	for i := 0; i+1 < len(a.ranges); i += 2 {
		n += int(a.ranges[i+1]-a.ranges[i]) + 1
	}
	return n
}

// shape is what the index needs of an expression: the runes its matches
// may start with, the runes that may come second, and whether it may
// match nothing or exactly one rune.
type shape struct {
	first, second    runeSet
	nullable, single bool
}

// shapeOf computes the shape of a simplified expression.
func shapeOf(re *syntax.Regexp) shape {
	switch re.Op {
	case syntax.OpLiteral:
		switch len(re.Rune) {
		case 0:
			return shape{nullable: true}
		case 1:
			return shape{first: runeSet{ranges: []rune{re.Rune[0], re.Rune[0]}}, single: true}
		}
		return shape{first: runeSet{ranges: []rune{re.Rune[0], re.Rune[0]}}, second: runeSet{ranges: []rune{re.Rune[1], re.Rune[1]}}}
	case syntax.OpCharClass:
		return shape{first: runeSet{ranges: re.Rune}, single: true}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return shape{first: runeSet{all: true}, single: true}
	case syntax.OpCapture:
		return shapeOf(re.Sub[0])
	case syntax.OpQuest:
		sh := shapeOf(re.Sub[0])
		sh.nullable = true
		return sh
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		return repeatShape(re)
	case syntax.OpConcat:
		acc := shape{nullable: true}
		for _, sub := range re.Sub {
			acc = concatShape(acc, shapeOf(sub))
		}
		return acc
	case syntax.OpAlternate:
		var acc shape
		for _, sub := range re.Sub {
			b := shapeOf(sub)
			acc = shape{first: acc.first.union(b.first), second: acc.second.union(b.second),
				nullable: acc.nullable || b.nullable, single: acc.single || b.single}
		}
		return acc
	}
	return shape{nullable: true} // empty-width assertions: ^ $ \b
}

// repeatShape is the shape of x*, x+ or x{n,m}: a second rune may also be
// the first of the next repetition.
func repeatShape(re *syntax.Regexp) shape {
	sh := shapeOf(re.Sub[0])
	if re.Op != syntax.OpRepeat || re.Max != 1 {
		if sh.single {
			sh.second = sh.second.union(sh.first)
		}
	}
	switch re.Op {
	case syntax.OpStar:
		sh.nullable = true
	case syntax.OpRepeat:
		sh.nullable = sh.nullable || re.Min == 0
	}
	return sh
}

// concatShape is the shape of a followed by b.
func concatShape(a, b shape) shape {
	out := shape{first: a.first, second: a.second,
		nullable: a.nullable && b.nullable,
		single:   (a.single && b.nullable) || (a.nullable && b.single)}
	if a.nullable {
		out.first = out.first.union(b.first)
		out.second = out.second.union(b.second)
	}
	if a.single {
		out.second = out.second.union(b.first)
	}
	return out
}

// width returns the most bytes a match of re can span, or -1 when there
// is no bound.
func width(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += utf8.RuneLen(r)
		}
		return n
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return width(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		w := width(re.Sub[0])
		if w < 0 || re.Max < 0 {
			return -1
		}
		return w * re.Max
	case syntax.OpConcat, syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			w := width(sub)
			if w < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				n += w
			} else {
				n = max(n, w)
			}
		}
		return n
	}
	return 0
}

// compileReversed compiles expr to match reversed text, anchored at its
// start. A cue that must end right where a finding starts is then tried
// once, from the finding backwards, instead of at every place before it.
func compileReversed(expr string) *regexp.Regexp {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	reverseTree(tree)
	return regexp.MustCompile(`^(?:` + tree.String() + `)`)
}

// reverseTree turns re into the expression matching its matches reversed.
func reverseTree(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		slices.Reverse(re.Rune)
	case syntax.OpConcat:
		slices.Reverse(re.Sub)
	case syntax.OpBeginText:
		re.Op = syntax.OpEndText
	case syntax.OpEndText:
		re.Op = syntax.OpBeginText
	case syntax.OpBeginLine:
		re.Op = syntax.OpEndLine
	case syntax.OpEndLine:
		re.Op = syntax.OpBeginLine
	}
	for _, sub := range re.Sub {
		reverseTree(sub)
	}
}

// reverse returns s with its runes in reverse order.
func reverse(s string) string {
	b := make([]byte, len(s))
	for i, r := range s {
		w := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, w = utf8.DecodeRuneInString(s[i:])
			copy(b[len(s)-i-w:], s[i:i+w])
			continue
		}
		utf8.EncodeRune(b[len(s)-i-w:], r)
	}
	return string(b)
}

// alt joins expressions into one non-capturing alternation.
func alt(exprs []string) string {
	return `(?:` + strings.Join(exprs, `|`) + `)`
}

// Screen returns the flags of a gig, blocking ones first, at most one per
// code, in rule order within a severity.
func (s *Screener) Screen(in ScreenInput) []Flag {
	text := normalize(adText(in))
	cands := s.candidates(text.s)
	var out []Flag
	for i := range s.rules {
		r := &s.rules[i]
		var f *Flag
		switch r.spec.Kind {
		case kindText:
			f = s.screenText(r, i, text, cands)
		case kindMinWage:
			f = belowMinWage(r.spec, in)
		case kindMarket:
			f = aboveMarket(r.spec, in)
		case kindAddress:
			f = noAddress(r.spec, in)
		}
		if f != nil {
			out = append(out, *f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Severity == SevBlock && out[j].Severity != SevBlock
	})
	return out
}

// Blocked reports whether any flag blocks publishing.
func Blocked(flags []Flag) bool {
	for _, f := range flags {
		if f.Severity == SevBlock {
			return true
		}
	}
	return false
}

// Rules lists the rules as data for a staff page. The slices are copies,
// so a caller cannot change what the Screener checks.
func (s *Screener) Rules() []RuleInfo {
	out := make([]RuleInfo, 0, len(s.rules))
	for _, r := range s.rules {
		sp := r.spec
		info := RuleInfo{Code: sp.Code, Severity: sp.Severity, Message: sp.Message,
			Catches: append([]string(nil), sp.Catches...), Passes: append([]string(nil), sp.Passes...)}
		for _, c := range sp.CatchCases {
			info.Catches = append(info.Catches, c.Say)
		}
		for _, c := range sp.PassCases {
			info.Passes = append(info.Passes, c.Say)
		}
		out = append(out, info)
	}
	return out
}

// adText joins the text a worker reads, one field per line so a line
// break ends a clause. The address is included: "加微信发定位" there is as
// much an off-platform contact as in the description.
func adText(in ScreenInput) string {
	parts := []string{in.Title, in.Description}
	parts = append(parts, in.Skills...)
	parts = append(parts, in.Provided...)
	parts = append(parts, in.Address)
	return strings.Join(parts, "\n")
}

// normText is the normalized ad text with, for each byte, where its rune
// starts in the original, so a phrase is reported as written.
type normText struct {
	s     string
	orig  string
	start []int32
}

// phrase returns the original text behind s[i:j].
func (t normText) phrase(i, j int) string {
	if i >= j {
		return ""
	}
	last := int(t.start[j-1])
	_, w := utf8.DecodeRuneInString(t.orig[last:])
	return t.orig[t.start[i] : last+w]
}

// normalize folds what ad writers vary to dodge filters: full-width
// letters and digits (ＶＸ１３８), upper case, spaces inside words (押 金)
// and zero-width characters. Line breaks stay: they end clauses.
func normalize(orig string) normText {
	t := normText{orig: orig, start: make([]int32, 0, len(orig)+8)}
	b := make([]byte, 0, len(orig)+8)
	for i := 0; i < len(orig); {
		r, w := utf8.DecodeRuneInString(orig[i:])
		if r >= 0x4E00 && r <= 0x9FFF { // CJK ideographs: most of an ad, kept as they are
			b = append(b, orig[i:i+w]...)
			t.start = append(t.start, int32(i), int32(i), int32(i))
			i += w
			continue
		}
		if r = fold(r); r >= 0 {
			n := len(b)
			b = utf8.AppendRune(b, r)
			for range len(b) - n {
				t.start = append(t.start, int32(i))
			}
		}
		i += w
	}
	t.s = string(b)
	return t
}

// fold maps one rune to its normalized form, or -1 to drop it.
func fold(r rune) rune {
	switch {
	case r == '\n' || r == '\r':
		return r
	case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
		return -1
	case unicode.IsSpace(r):
		return -1
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
	case r == '￥':
		return '¥'
	case r == '。' || r == '｡':
		return '。'
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// candidates lists the places in text where some pattern may match by
// its first two runes, looking each rune up once for all rules.
func (s *Screener) candidates(text string) candidates {
	out := candidates{rules: len(s.rules)}
	for i, c := range text {
		if s.starts[c>>6&(1<<10-1)]&(1<<(c&63)) == 0 {
			continue
		}
		first := s.first[c]
		if first == nil {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(c):])
		second := s.second[next]
		var any uint64
		n := len(out.masks)
		for ri, m := range first {
			m &= s.loose[ri] | at(second, ri)
			out.masks = append(out.masks, m)
			any |= m
		}
		if any == 0 {
			out.masks = out.masks[:n]
			continue
		}
		out.at = append(out.at, i)
	}
	return out
}

// at returns m[i], or 0 when m is nil.
func at(m []uint64, i int) uint64 {
	if m == nil {
		return 0
	}
	return m[i]
}

// screenText runs text rule number ri and returns its flag for the first
// finding, leftmost and then in pattern order, that context does not
// cancel.
//
// A finding judged fine covers its words: 押身份证 inside 不扣押身份证 is
// not looked at again.
func (s *Screener) screenText(r *compiledRule, ri int, t normText, cands candidates) *Flag {
	judged := 0 // end of the last finding judged fine
	for n, i := range cands.at {
		if i < judged {
			continue
		}
		for mask := cands.masks[n*cands.rules+ri]; mask != 0; mask &= mask - 1 {
			p := &r.find[bits.TrailingZeros64(mask)]
			j := p.match(t.s, i)
			if j < 0 || inNumber(t.s, i, j) {
				continue
			}
			if r.allowed(t.s, i, j) || s.cancelled(r, t.s, i, j) {
				judged = max(judged, j)
				continue
			}
			if r.tail != nil {
				if m := r.tail.FindStringIndex(t.s[j:]); m != nil {
					j += m[1]
				}
			}
			return &Flag{Code: r.spec.Code, Severity: r.spec.Severity, Message: r.spec.Message, Phrase: t.phrase(i, j)}
		}
	}
	return nil
}

// match returns the end of a non-empty match of p starting at s[i], or
// -1. The slice reaches one rune past the widest match, so \b and the
// digit check still see what follows.
func (p *pattern) match(s string, i int) int {
	end := min(len(s), i+p.width+utf8.UTFMax)
	m := p.re.FindStringIndex(s[i:end])
	if m == nil || m[1] == 0 {
		return -1
	}
	return i + m[1]
}

// inNumber reports whether a match starting or ending in a digit is only
// part of a longer number (the 1381234567 inside an order number).
func inNumber(s string, i, j int) bool {
	isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
	return (isDigit(s[i]) && i > 0 && isDigit(s[i-1])) ||
		(isDigit(s[j-1]) && j < len(s) && isDigit(s[j]))
}

// allowed reports whether s[i:j] lies inside one of the allowed phrases.
func (r *compiledRule) allowed(s string, i, j int) bool {
	for _, a := range r.allow {
		lo := max(0, j-len(a))
		hi := min(len(s), i+len(a))
		if strings.Contains(s[lo:hi], a) {
			return true
		}
	}
	return false
}

// cancelled reports whether the clause around s[i:j] says the finding is
// fine (a negation or someone else paying just before or after it),
// unless the clause also says the worker pays after all.
func (s *Screener) cancelled(r *compiledRule, text string, i, j int) bool {
	lo, hi := clause(text, i, j)
	pre := window(text[lo:i], true)
	post := window(text[j:hi], false)
	ok := (r.after != nil && r.after.MatchString(post)) || (r.before != nil && r.before.MatchString(reverse(pre)))
	if !ok || r.override == nil {
		return ok
	}
	return !s.workerPays(r, text[lo:hi])
}

// workerPays reports whether a clause makes the worker pay (自理, 个人承担)
// in words not themselves negated (不用自费).
func (s *Screener) workerPays(r *compiledRule, c string) bool {
	for _, m := range r.override.FindAllStringIndex(c, -1) {
		if !s.negated.MatchString(c[:m[0]]) {
			return true
		}
	}
	return false
}

// clauseEnds are the bytes that end a clause in normalized text.
const clauseEnds = ",;!?\n\r"

// clause returns the bounds of the clause holding s[i:j].
func clause(s string, i, j int) (lo, hi int) {
	lo = strings.LastIndexAny(s[:i], clauseEnds) + 1
	if k := strings.LastIndex(s[:i], "。"); k >= 0 && k+len("。") > lo {
		lo = k + len("。")
	}
	hi = len(s)
	if k := strings.IndexAny(s[j:], clauseEnds); k >= 0 {
		hi = j + k
	}
	if k := strings.Index(s[j:hi], "。"); k >= 0 {
		hi = j + k
	}
	return lo, hi
}

// windowBytes bounds how far context is looked for around a match (about
// twenty Chinese characters), which keeps screening fast on long ads.
const windowBytes = 60

// window cuts s to the windowBytes nearest the match: the end of s when
// it comes before the match, its start when after, on rune boundaries.
func window(s string, before bool) string {
	if len(s) <= windowBytes {
		return s
	}
	if before {
		k := len(s) - windowBytes
		for k < len(s) && !utf8.RuneStart(s[k]) {
			k++
		}
		return s[k:]
	}
	k := windowBytes
	for k > 0 && !utf8.RuneStart(s[k]) {
		k--
	}
	return s[:k]
}

// hourlyFen turns the pay into fen per hour, or false when it cannot: per
// piece, a day rate without the shift length, or no pay given.
func hourlyFen(in ScreenInput) (int64, bool) {
	if in.PayFen <= 0 {
		return 0, false
	}
	switch in.PayUnit {
	case "hour":
		return in.PayFen, true
	case "day":
		h := in.HoursPerDay
		if !(h > 0) || math.IsInf(h, 0) {
			return 0, false
		}
		v := math.Round(float64(in.PayFen) / h)
		return int64(v), v >= 0 && v < math.MaxInt64/4
	}
	return 0, false
}

// belowMinWage flags pay under the district's minimum hourly wage.
func belowMinWage(spec *ruleSpec, in ScreenInput) *Flag {
	h, ok := hourlyFen(in)
	if !ok || in.MinHourlyFen <= 0 || h >= in.MinHourlyFen {
		return nil
	}
	return &Flag{Code: spec.Code, Severity: spec.Severity,
		Message: fmt.Sprintf(spec.Format, yuan(h), yuan(in.MinHourlyFen))}
}

// aboveMarket flags pay at least 2.5 times the market rate when the duties
// are vague: "日结 300，轻松简单" is how fake ads lure people to pay fees.
func aboveMarket(spec *ruleSpec, in ScreenInput) *Flag {
	h, ok := hourlyFen(in)
	if !ok || in.MarketHourlyFen <= 0 || float64(h) < 2.5*float64(in.MarketHourlyFen) {
		return nil
	}
	if !vague(in, spec) {
		return nil
	}
	return &Flag{Code: spec.Code, Severity: spec.Severity,
		Message: fmt.Sprintf(spec.Format, yuan(h), yuan(in.MarketHourlyFen), float64(h)/float64(in.MarketHourlyFen))}
}

// vague reports whether an ad says little about the work: few letters
// left once generic words (轻松, 日结高薪) are taken out, or a middling
// amount padded with three or more of them, the way fake ads read.
func vague(in ScreenInput, spec *ruleSpec) bool {
	specific, generic := specificRunes(in, spec.Words)
	return specific < spec.Min || (generic >= 3 && specific < 3*spec.Min)
}

// specificRunes counts the letters of the title, description and skills
// left after taking out generic words, and how many generic words there
// were: how much the ad actually says about the work.
func specificRunes(in ScreenInput, words []string) (specific, generic int) {
	text := in.Title + "\n" + in.Description + "\n" + strings.Join(in.Skills, "\n")
	for _, w := range words {
		generic += strings.Count(text, w)
		text = strings.ReplaceAll(text, w, "\n")
	}
	for _, r := range text {
		if unicode.IsLetter(r) {
			specific++
		}
	}
	return specific, generic
}

// noAddress flags a gig without a usable address: blank, or a
// placeholder such as 待定 or 电话告知.
func noAddress(spec *ruleSpec, in ScreenInput) *Flag {
	a := strings.TrimSpace(in.Address)
	rest := a
	for _, w := range spec.Words {
		rest = strings.ReplaceAll(rest, w, "")
	}
	if strings.IndexFunc(rest, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
		return nil
	}
	return &Flag{Code: spec.Code, Severity: spec.Severity, Message: spec.Message, Phrase: a}
}

// yuan formats fen as yuan with two decimals (1400 → "14.00").
func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
