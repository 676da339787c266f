package draft

import (
	"regexp"
	"strings"
)

// This file is the machinery of the condition tables (extract_person.go,
// extract_enterprise.go, extract_employment.go): a rule is a pattern plus what
// a match of it makes, and one loop applies the rules in table order. The
// order matters: a rule may take the text it matched so that later rules skip
// it ("16-24岁" is an age range, not "24岁" on its own), and a rule may stand
// in for an earlier one that found nothing (any "签订劳动合同" when no
// "签订1年以上劳动合同" was read).

// audience is the set of sentence kinds a rule reads, by whom the conditions
// of the policy are about.
type audience uint8

const (
	forPerson      audience = 1 << iota // a person's own policy
	forNewHires                         // an enterprise policy about the people it hires
	forInterns                          // an enterprise 见习 policy
	forApprentices                      // an enterprise 学徒 policy

	forHires = forNewHires | forInterns | forApprentices // any enterprise policy
)

// audience returns the kind of the sentence's policy.
func (c *sentenceCtx) audience() audience {
	switch {
	case !c.hire:
		return forPerson
	case c.scope == ScopeNewHires:
		return forNewHires
	case c.scope == ScopeApprentices:
		return forApprentices
	}
	return forInterns
}

// condRule is one row of a condition table: the pattern, when it is read, and
// the condition each match makes. A row either names its leaf (field, op and
// value, the value being the number read when num is set) or builds its
// leaves (leaves, alts) when they depend on the match.
type condRule struct {
	re  *regexp.Regexp
	who audience // zero: anyone

	// sentence-level gates
	sentence    *regexp.Regexp // read only sentences that also match this
	notSentence *regexp.Regexp // read only sentences that do not match this
	unlessFound string         // read only when no rule marked this found

	// match-level gates, in the order they are checked
	claimOnly func(c *sentenceCtx, m []int) bool // take the match and make nothing ("大中小微型企业")
	ignore    func(c *sentenceCtx, m []int) bool // the match names something else
	num       []int                              // submatches holding the number, first non-empty read; no number, no condition
	months    int                                // submatch holding 年/个月: the number is a duration, read in months
	free      bool                               // skip a match overlapping text an earlier rule took

	// what a match does
	take      bool   // claim the matched text from later rules
	found     string // mark this found for later unlessFound rules
	always    bool   // keep the condition even in a negated clause ("严重失信主体不享受")
	alt       bool   // the condition may be one side of "…或…"
	kind      string // for merges (mergeYouth)
	applicant bool   // the field is the applicant's own, even on an enterprise policy (never scoped)
	field, op string
	value     any
	leaves    func(c *sentenceCtx, m []int, n float64) []Condition // nil result: no condition
	alts      func(c *sentenceCtx, m []int) [][]Condition          // a choice of AND-ed lists (女…或男…)
}

// applyRules applies each rule of a table, in order, to the sentence.
func (c *sentenceCtx) applyRules(rules []condRule) {
	for i := range rules {
		c.applyRule(&rules[i])
	}
}

// applyRule applies one rule to every match of its pattern in the sentence.
func (c *sentenceCtx) applyRule(r *condRule) {
	if r.who != 0 && r.who&c.audience() == 0 {
		return
	}
	if (r.sentence != nil && !r.sentence.MatchString(c.s)) ||
		(r.notSentence != nil && r.notSentence.MatchString(c.s)) ||
		(r.unlessFound != "" && c.found[r.unlessFound]) {
		return
	}
	for _, m := range r.re.FindAllStringSubmatchIndex(c.s, -1) {
		c.applyMatch(r, m)
	}
}

// applyMatch turns one match of a rule into a unit, unless a gate rejects it.
func (c *sentenceCtx) applyMatch(r *condRule, m []int) {
	if r.claimOnly != nil && r.claimOnly(c, m) {
		c.take(m[0], m[1])
		return
	}
	if r.ignore != nil && r.ignore(c, m) {
		return
	}
	n, ok := r.number(c, m)
	if !ok || (r.free && !c.free(m[0], m[1])) {
		return
	}
	if r.alts != nil {
		c.applyAlts(r, m)
		return
	}
	leaves := r.build(c, m, n)
	if leaves == nil {
		return
	}
	r.claim(c, m)
	if r.always {
		c.addAlways(m[0], m[1], r.alt, r.kind, leaves...)
	} else {
		c.add(m[0], m[1], r.alt, r.kind, leaves...)
	}
}

// applyAlts records a match of a rule whose condition is itself a choice.
func (c *sentenceCtx) applyAlts(r *condRule, m []int) {
	alts := r.alts(c, m)
	if alts == nil {
		return
	}
	r.claim(c, m)
	c.addAlts(m[0], m[1], r.alt, r.kind, alts)
}

// claim takes the match and marks the rule found, as the rule says.
func (r *condRule) claim(c *sentenceCtx, m []int) {
	if r.found != "" {
		if c.found == nil {
			c.found = map[string]bool{}
		}
		c.found[r.found] = true
	}
	if r.take {
		c.take(m[0], m[1])
	}
}

// number reads the rule's number from the match; ok without one when the
// rule reads none.
func (r *condRule) number(c *sentenceCtx, m []int) (float64, bool) {
	if len(r.num) == 0 {
		return 0, true
	}
	var s string
	for _, i := range r.num {
		if s = c.sub(m, i); s != "" {
			break
		}
	}
	return parseNum(s)
}

// build returns the rule's leaves for a match.
func (r *condRule) build(c *sentenceCtx, m []int, n float64) []Condition {
	if r.leaves != nil {
		return r.leaves(c, m, n)
	}
	v := r.value
	switch {
	case len(r.num) > 0 && r.months > 0:
		v = months(n, c.sub(m, r.months))
	case len(r.num) > 0:
		v = numValue(n)
	}
	return []Condition{c.ruleLeaf(r.applicant, r.field, r.op, v)}
}

// ruleLeaf builds a leaf on the applicant, or on each person in the
// sentence's scope when the field is a person's.
func (c *sentenceCtx) ruleLeaf(applicant bool, field, op string, value any) Condition {
	if s, ok := value.([]string); ok {
		value = append([]string(nil), s...) // each condition owns its list
	}
	if applicant {
		return leaf(field, op, value)
	}
	return c.hireLeaf(field, op, value)
}

// after returns a gate matching when the text just before the match ends with
// one of words ("非本市户籍" is not "本市户籍").
func after(words ...string) func(c *sentenceCtx, m []int) bool {
	return func(c *sentenceCtx, m []int) bool {
		for _, w := range words {
			if strings.HasSuffix(c.s[:m[0]], w) {
				return true
			}
		}
		return false
	}
}

// before returns a gate matching when the text just after the match starts
// with one of words ("毕业学年起" opens a window).
func before(words ...string) func(c *sentenceCtx, m []int) bool {
	return func(c *sentenceCtx, m []int) bool {
		for _, w := range words {
			if strings.HasPrefix(c.s[m[1]:], w) {
				return true
			}
		}
		return false
	}
}

// clauseHas returns a gate matching when the clause around the match matches re.
func clauseHas(re *regexp.Regexp) func(c *sentenceCtx, m []int) bool {
	return func(c *sentenceCtx, m []int) bool { return re.MatchString(c.clause(m[0], m[1])) }
}
