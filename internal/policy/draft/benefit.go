package draft

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var (
	reMoney      = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(万)?元`)
	reMoneyRange = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(万)?元?\s*(?:至|到|-|~)\s*(\d+(?:\.\d+)?)\s*(万)?元`)
	rePercent    = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*%`)
	reFraction   = regexp.MustCompile(`(?:的|之)\s*([1-9])\s*/\s*([1-9])`)

	reBudget     = regexp.MustCompile(`拨款|安排|资金|预算|总额|累计发放`)
	rePerPerson  = regexp.MustCompile(`每人|每名|每招用|按每人|人均|每吸纳|每留用|按留用人数`)
	reLoanCap    = regexp.MustCompile(`最高|额度|上限|不超过|贷款`)
	reLoanText   = regexp.MustCompile(`贷款|创业贷|青创贷`)
	reThreshold  = regexp.MustCompile(`^(?:\(含\))?(?:及)?(?:以下|以上|以内)`)
	reLoanMax    = regexp.MustCompile(`最高|上限|额度`)
	reNotPercent = regexp.MustCompile(`失业率|裁员率|利率|留用率|占股|比例`)
)

// unitLoanCap marks a loan amount that is a cap ("最高30万元") while the
// candidates are ranked; the guess returned reads it as plain 元.
const unitLoanCap = "元（最高）"

// unitRule is one row of a unit table: an amount takes unit when the text
// just after it starts with one of after, or the text just before it
// contains one of before. The first row that fires wins.
type unitRule struct {
	unit   string
	after  []string
	before []string
}

// perHeadUnits are the units of a per-head amount: a month or a year may be
// written after it ("500元/人/月") or before it ("每人每月500元").
var perHeadUnits = []unitRule{
	{unit: "元/人/月", after: []string{"/人/月", "/月"}, before: []string{"每月"}},
	{unit: "元/人/年", after: []string{"/人/年", "/年"}, before: []string{"每年"}},
}

// fixedUnits are the units of an amount that is neither per head nor a loan.
var fixedUnits = []unitRule{
	{unit: "元/年", after: []string{"/年"}, before: []string{"每年"}},
}

// percentBases name what a percentage is of, from the words before it
// ("最低工资标准的70%"). A fraction ("2/3") is of a contribution unless
// the text names another base.
var percentBases = []unitRule{
	{unit: "% 当地月最低工资标准", before: []string{"最低工资"}},
	{unit: "% 实际缴纳的失业保险费", before: []string{"失业保险费"}},
	{unit: "% 实际缴纳的社会保险费", before: []string{"缴费", "社会保险费"}},
	{unit: "% 贷款利率", before: []string{"利率"}},
}

// pickUnit returns the unit of the first row of rules that fires on an amount
// with b just before it and a just after it, or def when none does.
func pickUnit(rules []unitRule, b, a, def string) string {
	for _, r := range rules {
		for _, w := range r.after {
			if strings.HasPrefix(a, w) {
				return r.unit
			}
		}
		for _, w := range r.before {
			if strings.Contains(b, w) {
				return r.unit
			}
		}
	}
	return def
}

// benefitText is a normalised text being read for amounts. Ranges are read
// first and mark their ends, so that the single-amount pass does not read the
// upper bound of "2万元至20万元" again.
type benefitText struct {
	s         string
	loan      bool // the text is about loans (a student loan does not count)
	ctx       *sentenceCtx
	rangeEnds map[int]bool
}

// benefitCand is one amount found in the text, at byte position pos.
type benefitCand struct {
	pos int
	g   BenefitGuess
}

// ExtractBenefit guesses the amount a policy grants: the first amount in the
// text that is not a budget line ("拨款2000万元"), read as per_person when it is
// per head ("每人1000元", "1000元/人"), loan when the text is about loans and the
// amount is a cap ("最高30万元"), percent for "最低工资标准的70%" or "2/3", and
// fixed otherwise. It returns nil when the text names no amount.
func ExtractBenefit(text string) *BenefitGuess {
	text = normalize(text)
	t := &benefitText{
		s:         text,
		loan:      reLoanText.MatchString(strings.ReplaceAll(text, "助学贷款", "")),
		ctx:       &sentenceCtx{s: text},
		rangeEnds: map[int]bool{},
	}
	cands := t.ranges() // first: amounts skips the ends they mark
	cands = append(cands, t.amounts()...)
	cands = append(cands, t.percents()...)
	cands = append(cands, t.fractions()...)
	if len(cands) == 0 {
		return nil
	}
	return t.best(cands)
}

// before returns up to n runes of the clause before pos, from the delimiter
// that opens it: the words that say what an amount is.
func (t *benefitText) before(pos, n int) string {
	lo := strings.LastIndexAny(t.s[:pos], "，,；;。\n")
	if lo < 0 {
		lo = 0
	}
	s := []rune(t.s[lo:pos])
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return string(s)
}

// after returns up to n runes of the text after pos, where a unit
// ("/人/月") or a threshold ("以下") follows an amount.
func (t *benefitText) after(pos, n int) string {
	s := []rune(t.s[pos:])
	if len(s) > n {
		s = s[:n]
	}
	return string(s)
}

// yuan reads a number of 元, or of 万元 when wan is set.
func yuan(n, wan string) float64 {
	f, _ := strconv.ParseFloat(n, 64)
	if wan != "" {
		f *= 10000
	}
	return f
}

// ranges reads "2万元至20万元" as its upper bound; the unit may be written
// once ("2至20万元"). A reversed range or a budget line is not an amount.
func (t *benefitText) ranges() []benefitCand {
	var out []benefitCand
	for _, m := range reMoneyRange.FindAllStringSubmatchIndex(t.s, -1) {
		wanLo := t.ctx.sub(m, 2)
		if wanLo == "" {
			wanLo = t.ctx.sub(m, 4)
		}
		lo, hi := yuan(t.ctx.sub(m, 1), wanLo), yuan(t.ctx.sub(m, 3), t.ctx.sub(m, 4))
		if lo >= hi || reBudget.MatchString(t.before(m[0], 12)) {
			continue
		}
		t.rangeEnds[m[1]] = true
		typ := "fixed"
		if t.loan {
			typ = "loan"
		}
		out = append(out, benefitCand{m[0], BenefitGuess{Type: typ, AmountYuan: hi, Unit: "元", Snippet: t.ctx.clause(m[0], m[1])}})
	}
	return out
}

// amounts reads each single amount ("1000元", "30万元") that is not the end of
// a range already read and not something other than a benefit.
func (t *benefitText) amounts() []benefitCand {
	var out []benefitCand
	for _, m := range reMoney.FindAllStringSubmatchIndex(t.s, -1) {
		if t.rangeEnds[m[1]] {
			continue
		}
		b, a := t.before(m[0], 14), t.after(m[1], 6)
		if t.notBenefit(m, b, a) {
			continue
		}
		g := BenefitGuess{AmountYuan: yuan(t.ctx.sub(m, 1), t.ctx.sub(m, 2)), Snippet: t.ctx.clause(m[0], m[1])}
		g.Type, g.Unit = t.amountKind(b, a)
		out = append(out, benefitCand{m[0], g})
	}
	return out
}

// notBenefit reports whether the amount m, with b just before it and a just
// after it, is not what the policy grants: a budget line ("拨款2000万元"), a
// definition ("标准=500元"), a threshold ("5万元以下小额消费贷款") or part of
// a formula ("0.7×1000元").
func (t *benefitText) notBenefit(m []int, b, a string) bool {
	return reBudget.MatchString(b) || strings.HasPrefix(a, "=") || strings.HasSuffix(t.before(m[0], 1), "=") ||
		reThreshold.MatchString(a) ||
		strings.HasSuffix(b, "×") || strings.HasSuffix(b, "*")
}

// amountKind returns the type and unit of a single amount with b just before
// it and a just after it: in a loan text a cap or an amount that is not per
// head is the loan, marked unitLoanCap when it is a cap so that it ranks
// first; otherwise it is per head or fixed, with the period it is paid for.
func (t *benefitText) amountKind(b, a string) (typ, unit string) {
	perHead := strings.HasPrefix(a, "/人") || strings.HasPrefix(a, "/月/人") || rePerPerson.MatchString(b)
	switch {
	case t.loan && (reLoanCap.MatchString(b) || !perHead):
		if reLoanMax.MatchString(b) {
			return "loan", unitLoanCap
		}
		return "loan", "元"
	case perHead:
		return "per_person", pickUnit(perHeadUnits, b, a, "元/人")
	}
	return "fixed", pickUnit(fixedUnits, b, a, "元")
}

// percents reads "70%" with the base it is of; a rate that is not a benefit
// (失业率, 利率, 比例, …) or a factor of a formula is skipped.
func (t *benefitText) percents() []benefitCand {
	var out []benefitCand
	for _, m := range rePercent.FindAllStringSubmatchIndex(t.s, -1) {
		b := t.before(m[0], 16)
		if reNotPercent.MatchString(b) || strings.Contains(b, "×") {
			continue
		}
		f, _ := strconv.ParseFloat(t.ctx.sub(m, 1), 64)
		out = append(out, benefitCand{m[0], BenefitGuess{Type: "percent", Percent: f, Unit: pickUnit(percentBases, b, "", "%"), Snippet: t.ctx.clause(m[0], m[1])}})
	}
	return out
}

// fractions reads "的2/3" as a percentage of a contribution; an improper
// fraction is not a share.
func (t *benefitText) fractions() []benefitCand {
	var out []benefitCand
	for _, m := range reFraction.FindAllStringSubmatchIndex(t.s, -1) {
		p, _ := strconv.ParseFloat(t.ctx.sub(m, 1), 64)
		q, _ := strconv.ParseFloat(t.ctx.sub(m, 2), 64)
		if p >= q {
			continue
		}
		b := t.before(m[0], 16)
		out = append(out, benefitCand{m[0], BenefitGuess{Type: "percent", Percent: round2(100 * p / q), Unit: pickUnit(percentBases, b+"缴费", "", "%"), Snippet: t.ctx.clause(m[0], m[1])}})
	}
	return out
}

// rank orders candidates before their position: in a loan text the cap
// ("贷款最高30万元") comes first, then other loan amounts, then amounts of
// other kinds; elsewhere all rank alike.
func (t *benefitText) rank(g BenefitGuess) int {
	switch {
	case !t.loan:
		return 0
	case g.Type == "loan" && g.Unit == unitLoanCap:
		return 0
	case g.Type == "loan":
		return 1
	}
	return 2
}

// best returns the winning candidate: the first amount in the text among
// those of the best rank, with a loan cap read as plain 元.
func (t *benefitText) best(cands []benefitCand) *BenefitGuess {
	sort.SliceStable(cands, func(i, j int) bool {
		if ri, rj := t.rank(cands[i].g), t.rank(cands[j].g); ri != rj {
			return ri < rj
		}
		return cands[i].pos < cands[j].pos
	})
	g := cands[0].g
	if g.Unit == unitLoanCap {
		g.Unit = "元"
	}
	return &g
}

// round2 rounds a percentage to two decimals, so that 2/3 reads 66.67.
func round2(f float64) float64 {
	return float64(int64(f*100+0.5)) / 100
}
