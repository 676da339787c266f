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

// ExtractBenefit guesses the amount a policy grants: the first amount in the
// text that is not a budget line ("拨款2000万元"), read as per_person when it is
// per head ("每人1000元", "1000元/人"), loan when the text is about loans and the
// amount is a cap ("最高30万元"), percent for "最低工资标准的70%" or "2/3", and
// fixed otherwise. It returns nil when the text names no amount.
func ExtractBenefit(text string) *BenefitGuess {
	text = normalize(text)
	isLoan := reLoanText.MatchString(strings.ReplaceAll(text, "助学贷款", ""))
	type cand struct {
		pos int
		g   BenefitGuess
	}
	var cands []cand
	ctx := &sentenceCtx{s: text}
	before := func(pos, n int) string {
		lo := strings.LastIndexAny(text[:pos], "，,；;。\n")
		if lo < 0 {
			lo = 0
		}
		s := []rune(text[lo:pos])
		if len(s) > n {
			s = s[len(s)-n:]
		}
		return string(s)
	}
	after := func(pos, n int) string {
		s := []rune(text[pos:])
		if len(s) > n {
			s = s[:n]
		}
		return string(s)
	}
	yuan := func(n, wan string) float64 {
		f, _ := strconv.ParseFloat(n, 64)
		if wan != "" {
			f *= 10000
		}
		return f
	}
	taken := map[int]bool{}
	for _, m := range reMoneyRange.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		wanLo := g(2)
		if wanLo == "" {
			wanLo = g(4) // "2至20万元": the unit is written once
		}
		lo, hi := yuan(g(1), wanLo), yuan(g(3), g(4))
		if lo >= hi || reBudget.MatchString(before(m[0], 12)) {
			continue
		}
		taken[m[1]] = true
		typ := "fixed"
		if isLoan {
			typ = "loan"
		}
		cands = append(cands, cand{m[0], BenefitGuess{Type: typ, AmountYuan: hi, Unit: "元", Snippet: ctx.clause(m[0], m[1])}})
	}
	for _, m := range reMoney.FindAllStringSubmatchIndex(text, -1) {
		if taken[m[1]] {
			continue
		}
		b, a := before(m[0], 14), after(m[1], 6)
		if reBudget.MatchString(b) || strings.HasPrefix(a, "=") || strings.HasSuffix(before(m[0], 1), "=") {
			continue
		}
		if reThreshold.MatchString(a) {
			continue // "5万元以下小额消费贷款" is a threshold, not a benefit
		}
		if strings.HasSuffix(b, "×") || strings.HasSuffix(b, "*") {
			continue // part of a formula
		}
		wan := ""
		if m[4] >= 0 {
			wan = "万"
		}
		g := BenefitGuess{AmountYuan: yuan(text[m[2]:m[3]], wan), Snippet: ctx.clause(m[0], m[1])}
		perPerson := strings.HasPrefix(a, "/人") || strings.HasPrefix(a, "/月/人") || rePerPerson.MatchString(b)
		switch {
		case isLoan && (reLoanCap.MatchString(b) || !perPerson):
			g.Type, g.Unit = "loan", "元"
			if reLoanMax.MatchString(b) {
				g.Unit = "元（最高）"
			}
		case perPerson:
			g.Type, g.Unit = "per_person", "元/人"
			switch {
			case strings.HasPrefix(a, "/人/月") || strings.HasPrefix(a, "/月") || strings.Contains(b, "每月"):
				g.Unit = "元/人/月"
			case strings.HasPrefix(a, "/人/年") || strings.HasPrefix(a, "/年") || strings.Contains(b, "每年"):
				g.Unit = "元/人/年"
			}
		default:
			g.Type, g.Unit = "fixed", "元"
			if strings.HasPrefix(a, "/年") || strings.Contains(b, "每年") {
				g.Unit = "元/年"
			}
		}
		cands = append(cands, cand{m[0], g})
	}
	pctBase := func(b string) string {
		switch {
		case strings.Contains(b, "最低工资"):
			return "% 当地月最低工资标准"
		case strings.Contains(b, "失业保险费"):
			return "% 实际缴纳的失业保险费"
		case strings.Contains(b, "缴费") || strings.Contains(b, "社会保险费"):
			return "% 实际缴纳的社会保险费"
		case strings.Contains(b, "利率"):
			return "% 贷款利率"
		}
		return "%"
	}
	for _, m := range rePercent.FindAllStringSubmatchIndex(text, -1) {
		b := before(m[0], 16)
		if reNotPercent.MatchString(b) || strings.Contains(b, "×") {
			continue
		}
		f, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
		cands = append(cands, cand{m[0], BenefitGuess{Type: "percent", Percent: f, Unit: pctBase(b), Snippet: ctx.clause(m[0], m[1])}})
	}
	for _, m := range reFraction.FindAllStringSubmatchIndex(text, -1) {
		p, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
		q, _ := strconv.ParseFloat(text[m[4]:m[5]], 64)
		if p >= q {
			continue
		}
		b := before(m[0], 16)
		cands = append(cands, cand{m[0], BenefitGuess{Type: "percent", Percent: round2(100 * p / q), Unit: pctBase(b + "缴费"), Snippet: ctx.clause(m[0], m[1])}})
	}
	if len(cands) == 0 {
		return nil
	}
	// the first amount wins, except that a loan text prefers its cap
	// ("贷款最高30万元") over other loan amounts, and any loan amount over
	// amounts of other kinds
	rank := func(c cand) int {
		switch {
		case !isLoan:
			return 0
		case c.g.Type == "loan" && c.g.Unit == "元（最高）":
			return 0
		case c.g.Type == "loan":
			return 1
		}
		return 2
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if ri, rj := rank(cands[i]), rank(cands[j]); ri != rj {
			return ri < rj
		}
		return cands[i].pos < cands[j].pos
	})
	g := cands[0].g
	if g.Unit == "元（最高）" {
		g.Unit = "元"
	}
	return &g
}

func round2(f float64) float64 {
	return float64(int64(f*100+0.5)) / 100
}
