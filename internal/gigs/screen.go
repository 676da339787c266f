package gigs

import (
	"fmt"
	"math"
	"regexp"
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
	rules   []compiledRule
	negated *regexp.Regexp // a negation right before an Override (不用自费)
}

// compiledRule is a ruleSpec with its expressions compiled.
type compiledRule struct {
	spec                          *ruleSpec
	find, before, after, override *regexp.Regexp // nil when the spec has none
	tail                          *regexp.Regexp
	allow                         []string
}

// NewScreener compiles the rule table. It panics on a bad pattern, which
// the tests catch: the table is code, not user input.
func NewScreener() *Screener {
	s := &Screener{negated: regexp.MustCompile(`(?:不|无需|无须|不用|不需要?|不必|免|没有|无)$`)}
	for i := range screenRules {
		s.rules = append(s.rules, compile(&screenRules[i]))
	}
	return s
}

// compile builds the expressions of one rule: the patterns as one
// alternation, the cues anchored to the match side they must touch.
func compile(spec *ruleSpec) compiledRule {
	r := compiledRule{spec: spec}
	if len(spec.Patterns) == 0 {
		return r
	}
	filler := ""
	if len(spec.Filler) > 0 {
		filler = `(?:` + strings.Join(spec.Filler, "|") + `)*`
	}
	r.find = regexp.MustCompile(alt(spec.Patterns))
	if len(spec.Before) > 0 {
		r.before = regexp.MustCompile(alt(spec.Before) + filler + `$`)
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

// alt joins expressions into one non-capturing alternation.
func alt(exprs []string) string {
	return `(?:` + strings.Join(exprs, `|`) + `)`
}

// Screen returns the flags of a gig, blocking ones first, at most one per
// code, in rule order within a severity.
func (s *Screener) Screen(in ScreenInput) []Flag {
	text := normalize(adText(in))
	var out []Flag
	for i := range s.rules {
		r := &s.rules[i]
		var f *Flag
		switch r.spec.Kind {
		case kindText:
			f = s.screenText(r, text)
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
// starts and ends in the original, so a phrase is reported as written.
type normText struct {
	s          string
	orig       string
	start, end []int
}

// phrase returns the original text behind s[i:j].
func (t normText) phrase(i, j int) string {
	if i >= j {
		return ""
	}
	return t.orig[t.start[i]:t.end[j-1]]
}

// normalize folds what ad writers vary to dodge filters: full-width
// letters and digits (ＶＸ１３８), upper case, spaces inside words (押 金)
// and zero-width characters. Line breaks stay: they end clauses.
func normalize(orig string) normText {
	t := normText{orig: orig}
	var b strings.Builder
	b.Grow(len(orig))
	for i, r := range orig {
		_, w := utf8.DecodeRuneInString(orig[i:])
		r = fold(r)
		if r < 0 {
			continue
		}
		n := b.Len()
		b.WriteRune(r)
		for k := n; k < b.Len(); k++ {
			t.start = append(t.start, i)
			t.end = append(t.end, i+w)
		}
	}
	t.s = b.String()
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

// screenText runs a text rule and returns its flag for the first finding
// that context does not cancel.
func (s *Screener) screenText(r *compiledRule, t normText) *Flag {
	for _, loc := range r.find.FindAllStringIndex(t.s, -1) {
		i, j := loc[0], loc[1]
		if inNumber(t.s, i, j) || r.allowed(t.s, i, j) || s.cancelled(r, t.s, i, j) {
			continue
		}
		if r.tail != nil {
			if m := r.tail.FindStringIndex(t.s[j:]); m != nil {
				j += m[1]
			}
		}
		return &Flag{Code: r.spec.Code, Severity: r.spec.Severity, Message: r.spec.Message, Phrase: t.phrase(i, j)}
	}
	return nil
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
	ok := (r.before != nil && r.before.MatchString(pre)) || (r.after != nil && r.after.MatchString(post))
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
