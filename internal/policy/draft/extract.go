package draft

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Scopes of conditions on the people an enterprise policy is about; the
// criteria tree puts them under {exists: <scope>, where: …}.
const (
	ScopeNewHires    = "new_hires"   // each person hired
	ScopeInterns     = "interns"     // each 见习 intern
	ScopeApprentices = "apprentices" // each 学徒
)

// num matches an Arabic or small Chinese number ("2", "1.5", "两", "十二").
const num = `(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)`

// unit is one recognised phrase: its leaves are AND-ed. alts, when set, makes
// the unit itself a choice between AND-ed leaf lists (女…或男…).
type unit struct {
	start, end int
	leaves     []Condition
	alts       [][]Condition
	alt        bool   // an identity condition that may be one side of "…或…"
	kind       string // used by merges
}

// sentenceCtx is one sentence being read: the text, whom its policy is
// about, the stretches of text rules have taken, and the units read so far.
type sentenceCtx struct {
	s     string
	hire  bool   // enterprise policy: person conditions apply to the people it hires
	scope string // their scope when hire: ScopeNewHires, ScopeInterns or ScopeApprentices
	taken [][2]int
	units []unit
	found map[string]bool // what rules marked found (condRule.found)
}

// newHires reports whether conditions apply to hires (the scope with the
// catalog's derived hire fields).
func (c *sentenceCtx) newHires() bool { return c.scope == ScopeNewHires }

// free reports whether no rule has taken any of [a,b), so that a phrase read
// as part of a longer one ("16-24岁") is not read again on its own.
func (c *sentenceCtx) free(a, b int) bool {
	for _, t := range c.taken {
		if a < t[1] && t[0] < b {
			return false
		}
	}
	return true
}

// take claims [a,b) for the rule that read it.
func (c *sentenceCtx) take(a, b int) { c.taken = append(c.taken, [2]int{a, b}) }

// clause is the comma-delimited piece of the sentence around [a,b).
func (c *sentenceCtx) clause(a, b int) string {
	const delims = "，,；;。:：\n"
	lo := strings.LastIndexAny(c.s[:a], delims)
	if lo < 0 {
		lo = 0
	} else {
		lo += len(string([]rune(c.s[lo:])[0]))
	}
	hi := strings.IndexAny(c.s[b:], delims)
	if hi < 0 {
		hi = len(c.s)
	} else {
		hi += b
	}
	return strings.TrimSpace(c.s[lo:hi])
}

// negRe matches the wording of an exclusion.
var negRe = regexp.MustCompile(`不得|不能申请|不能享受|不享受|不适用|不予|除外|不再享受|不计发|不包括`)

// negated reports whether the clause around [a,b) excludes rather than requires.
func (c *sentenceCtx) negated(a, b int) bool { return negRe.MatchString(c.clause(a, b)) }

// add records a unit for the match [a,b) unless its clause is negated.
func (c *sentenceCtx) add(a, b int, alt bool, kind string, leaves ...Condition) {
	if c.negated(a, b) {
		return
	}
	c.addAlways(a, b, alt, kind, leaves...)
}

// addAlways records a unit even in a negated clause, for phrases whose
// negation is the condition ("严重失信主体不享受" → serious_dishonesty is_false).
func (c *sentenceCtx) addAlways(a, b int, alt bool, kind string, leaves ...Condition) {
	snip := c.clause(a, b)
	for i := range leaves {
		leaves[i].Snippet = snip
		leaves[i].Text = reading(leaves[i])
	}
	c.units = append(c.units, unit{start: a, end: b, leaves: leaves, alt: alt, kind: kind})
}

// addAlts records a unit whose condition is itself a choice between AND-ed
// lists (女…或男…), each leaf with the clause it came from.
func (c *sentenceCtx) addAlts(a, b int, alt bool, kind string, alts [][]Condition) {
	snip := c.clause(a, b)
	for _, list := range alts {
		for i := range list {
			list[i].Snippet = snip
			list[i].Text = reading(list[i])
		}
	}
	c.units = append(c.units, unit{start: a, end: b, alts: alts, alt: alt, kind: kind})
}

// leaf builds a condition on the applicant itself.
func leaf(field, op string, value any) Condition {
	return Condition{Field: field, Op: op, Value: value}
}

// hireLeaf builds a condition on each person in the sentence's scope.
func (c *sentenceCtx) hireLeaf(field, op string, value any) Condition {
	l := leaf(field, op, value)
	l.Scope = c.scope
	return l
}

// sub returns submatch i of the match m, "" when it did not take part.
func (c *sentenceCtx) sub(m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return c.s[m[2*i]:m[2*i+1]]
}

// parseNum reads "12", "1.5", "两", "十二", "二十".
func parseNum(s string) (float64, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	digits := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10, true
	case len(r) == 1:
		d, ok := digits[r[0]]
		return float64(d), ok
	case len(r) == 2 && r[0] == '十':
		d, ok := digits[r[1]]
		return float64(10 + d), ok
	case len(r) == 2 && r[1] == '十':
		d, ok := digits[r[0]]
		return float64(d * 10), ok
	case len(r) == 3 && r[1] == '十':
		a, ok1 := digits[r[0]]
		b, ok2 := digits[r[2]]
		return float64(a*10 + b), ok1 && ok2
	}
	return 0, false
}

// numValue returns an int when the number is whole, so drafts read "12" not "12.0".
func numValue(f float64) any {
	if f == float64(int64(f)) {
		return int(f)
	}
	return f
}

// months reads a duration in months: n 年 is 12n months, so that "1年以上"
// and "12个月以上" draft the same condition.
func months(n float64, unit string) any {
	if strings.HasPrefix(unit, "年") {
		return numValue(n * 12)
	}
	return numValue(n)
}

// reLineSplit and reSemiSplit cut a text into sentences.
var (
	reLineSplit = regexp.MustCompile(`[。\n]+`)
	reSemiSplit = regexp.MustCompile(`[；;]+`)
)

// sentences splits a text into units within which "…或…" alternatives are read.
// A line announcing a list of alternatives ("属于以下之一：…；…") stays whole.
func sentences(text string) []string {
	var out []string
	for _, line := range reLineSplit.Split(text, -1) {
		if strings.Contains(line, "之一") {
			out = append(out, line)
			continue
		}
		out = append(out, reSemiSplit.Split(line, -1)...)
	}
	return out
}

// hireScope picks the list an enterprise policy's person conditions apply to:
// interns for a 见习 policy, apprentices for a 学徒 policy, else new hires.
func hireScope(text string) string {
	j, x := strings.Count(text, "见习"), strings.Count(text, "学徒")
	switch {
	case j > 0 && j >= x:
		return ScopeInterns
	case x > 0:
		return ScopeApprentices
	}
	return ScopeNewHires
}

// ExtractConditions finds the conditions it recognises in a policy text. For an
// enterprise policy (beneficiary == "enterprise") conditions on the people it
// hires get Scope "new_hires" ("interns" for 见习, "apprentices" for 学徒).
func ExtractConditions(text, beneficiary string) []Condition {
	text = normalize(text)
	scope := ""
	if beneficiary == Enterprise {
		scope = hireScope(text)
	}
	x := &extraction{seen: map[string]bool{}}
	for _, s := range sentences(text) {
		if strings.TrimSpace(s) == "" {
			continue
		}
		c := &sentenceCtx{s: s, hire: beneficiary == Enterprise, scope: scope}
		c.extract()
		x.addSentence(c)
	}
	return x.out
}

// extract applies the condition tables to the sentence. The order is part of
// the behaviour: what a rule takes or marks found changes what later rules
// read, and units that start at the same place keep the order they were read.
func (c *sentenceCtx) extract() {
	c.applyRules(ageRules)
	c.applyRules(identityRules)
	c.applyRules(orgRules)
	if !c.hire {
		c.businessKind()
	}
	c.applyRules(businessRules)
	c.applyRules(employmentRules)
}

// isoDate writes a date read as 年/月/日 in the catalog's form, 2020-01-01.
func isoDate(y, m, d string) string {
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	return fmt.Sprintf("%s-%02d-%02d", y, mi, di)
}
