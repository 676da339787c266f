package draft

import (
	"regexp"
	"strings"
)

// This file is the table of conditions on employment: labour contracts,
// social and unemployment insurance, and how long a hire has worked. They
// apply to a person's own employment, or to each person an enterprise hires.

// reContract matches a contract with a stated term ("签订1年以上劳动合同").
var reContract = regexp.MustCompile(num + `\s*(年|个月)(?:\(含\))?(?:及)?以上(?:期限)?的?劳动合同`)

// employmentRules read contracts and insurance. On an enterprise policy a bare
// "签订劳动合同" / "缴纳社会保险" stands in for a term only when the sentence
// states none.
var employmentRules = []condRule{
	{re: reContract, num: []int{1}, months: 2, take: true, found: "contract", field: "contract_months", op: "gte"},
	{re: re(`签订(?:了)?劳动合同`), who: forHires, unlessFound: "contract", ignore: contractTermElsewhere, field: "contract_months", op: "gt", value: 0},
	{re: re(`失业保险(?:费)?(?:累计)?(?:满|达到|达)?` + num + `\s*(年|个月)`), num: []int{1}, take: true, leaves: uiMonthsLeaves},
	{re: re(`(?:社会保险|社保|保险费|养老保险)(?:费)?(?:累计)?(?:满|达到|达)?` + num + `\s*个月(?:及)?以上`),
		num: []int{1}, free: true, found: "si", field: "si_months", op: "gte"},
	{re: re(`缴纳(?:了)?(?:社会保险|社保)`), who: forHires, unlessFound: "si", free: true, field: "si_months", op: "gte", value: 1},
	{re: re(`(?:稳定就业|就业|工作)(?:满)?` + num + `\s*(年|个月)(?:及)?以上`), who: forNewHires, num: []int{1}, months: 2, field: "derived.tenure_months", op: "gte"},
}

// contractTermElsewhere: the clause states the contract's term, or the
// signing is only a point in time ("签订劳动合同后6个月内").
func contractTermElsewhere(c *sentenceCtx, m []int) bool {
	return reContract.MatchString(c.clause(m[0], m[1])) || strings.HasPrefix(c.s[m[1]:], "后")
}

// uiMonthsLeaves reads unemployment-insurance contributions: the applicant's
// own, and for the previous year when the clause says 上年度 (稳岗返还).
func uiMonthsLeaves(c *sentenceCtx, m []int, n float64) []Condition {
	field := "ui_months"
	if strings.Contains(c.clause(m[0], m[1]), "上年度") {
		field = "ui_paid_months_last_year"
	}
	return []Condition{leaf(field, "gte", months(n, c.sub(m, 2)))}
}
