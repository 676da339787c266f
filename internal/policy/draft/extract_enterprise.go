package draft

import (
	"regexp"
	"sort"
	"strings"
)

// This file is the table of conditions on the applicant's organisation: the
// enterprise itself on an enterprise policy (orgRules), or the business a
// person runs on a person's policy (businessRules, businessKind).

var (
	reSizeSmall = regexp.MustCompile(`小微企业|小型微型企业|小型、微型企业|小型和微型企业`)
	reSizeGuard = regexp.MustCompile(`%|返还`)
	reRegCity   = regexp.MustCompile(`在(?:武汉市?|汉)(?:依法)?(?:登记注册|注册|领取营业执照|创办|开办|创业)`)
	reRegProv   = regexp.MustCompile(`在湖北省?(?:内)?(?:自主)?(?:依法)?(?:登记注册|注册|创办|开办)`)
	reOrgType   = regexp.MustCompile(`申请主体为企业|企业\(含[^)]*(?:社会组织|民办非企业)`)
	reSocialOrg = regexp.MustCompile(`社会组织|民办非企业`)
)

// orgRules read the enterprise's own conditions on an enterprise policy, and
// the time limits on its hiring.
var orgRules = []condRule{
	// "大中小微型企业划分办法" names the standard; "中小微企业按60%返还" states an amount
	{re: re(`中小微企业|中小微型企业`), who: forHires, claimOnly: after("大"), ignore: clauseHas(reSizeGuard), take: true,
		applicant: true, field: "size", op: "in", value: []string{"中型", "小型", "微型"}},
	{re: reSizeSmall, who: forHires, ignore: clauseHas(reSizeGuard), free: true, applicant: true, field: "size", op: "in", value: []string{"小型", "微型"}},
	{re: reRegCity, who: forHires, applicant: true, field: "reg_city", op: "eq", value: "武汉市"},
	{re: reOrgType, who: forHires, sentence: reSocialOrg, applicant: true, field: "org_type", op: "in", value: []string{"企业", "社会组织"}},
	{re: reOrgType, who: forHires, notSentence: reSocialOrg, applicant: true, field: "org_type", op: "eq", value: "企业"},
	// the negation is the condition: "严重失信主体不享受"
	{re: re(`严重失信`), who: forHires, always: true, applicant: true, field: "serious_dishonesty", op: "is_false"},
	{re: re(`无拖欠(?:职工)?工资|欠缴社会保险费`), who: forHires, always: true, applicant: true, field: "wage_or_si_arrears", op: "is_false"},
	{re: re(`签订劳动合同后` + num + `\s*个月内`), who: forNewHires, num: []int{1}, field: "hire_date", op: "within_months"},
	{re: re(`(?:签订|招用)[^，。；]{0,12}?(?:当月|之日)起` + num + `\s*年内`), who: forNewHires, num: []int{1}, field: "hire_date", op: "within_years"},
	{re: reRegProv, who: forHires, applicant: true, field: "reg_province", op: "eq", value: "湖北省"},
}

// businessRules read the conditions on the business a person runs.
var businessRules = []condRule{
	{re: re(`正常营业状态|正常经营`), who: forPerson, field: "business.operating_normally", op: "is_true"},
	{re: re(`(?:登记注册|注册登记|营业执照登记)` + num + `\s*年(?:以)?内|登记(?:当月|之日)起` + num + `\s*年`),
		who: forPerson, num: []int{1, 2}, field: "business.reg_date", op: "within_years"},
	{re: re(`(\d{4})年(\d{1,2})月(\d{1,2})日(?:起|以后|之后)`), who: forPerson, sentence: re(`登记注册|注册|营业执照`), leaves: regDateFromLeaves},
	{re: re(`外出[^，。；]{0,20}?(?:达|满)` + num + `\s*个月(?:及)?以上`), who: forPerson, num: []int{1}, field: "returnee.away_months", op: "gte"},
	{re: re(`首次(?:领取|创业|登记)`), who: forPerson, field: "business.first_time", op: "is_true"},
	{re: reRegCity, who: forPerson, field: "business.reg_city", op: "eq", value: "武汉市"},
	{re: reRegProv, who: forPerson, field: "business.reg_province", op: "eq", value: "湖北省"},
	{re: re(`(?:经营|营业执照|营业)[^，。；,;]{0,6}?` + num + `\s*个月(?:及)?以上|经营满` + num + `\s*个月`),
		who: forPerson, num: []int{1, 2}, field: "derived.business_months", op: "gte"},
	{re: re(`带动(?:就业)?` + num + `\s*人(\([^)]*\))?(?:及)?以上`), who: forPerson, num: []int{1}, leaves: employeesLeaves},
	{re: re(`吸纳` + num + `\s*人(?:\(含\))?(?:及)?以上`), who: forPerson, num: []int{1}, field: "business.employees_excluding_self", op: "gte"},
}

// bizKind is one kind of business a person may start, with its wording.
type bizKind struct {
	re   *regexp.Regexp
	kind string
}

// reBizVerb marks a sentence about starting a business, the only kind in
// which business kinds are conditions.
var reBizVerb = regexp.MustCompile(`创办|开办|从事|开设|合伙经营`)

// bizKinds are the business kinds a person may start, with their wording.
var bizKinds = []bizKind{
	{regexp.MustCompile(`个体经营|个体工商户`), "个体工商户"},
	{reSizeSmall, "小微企业"},
	{regexp.MustCompile(`合伙经营|合伙企业`), "合伙企业"},
}

// businessKind reads the kinds of business a sentence about starting one
// names ("开办个体工商户、合伙经营或创办小微企业"), in the order they appear, as
// one condition: a kind of its own is not a choice, so it is read at the
// level of the sentence, not per match. Flexible employment is not a business.
func (c *sentenceCtx) businessKind() {
	if !reBizVerb.MatchString(c.s) || reFlexible.MatchString(c.s) {
		return
	}
	type found struct {
		pos  int
		kind string
	}
	var fs []found
	a, b := len(c.s), 0
	for _, p := range bizKinds {
		if loc := p.re.FindStringIndex(c.s); loc != nil {
			fs = append(fs, found{loc[0], p.kind})
			a, b = min(a, loc[0]), max(b, loc[1])
		}
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].pos < fs[j].pos })
	var kinds []string
	for _, f := range fs {
		kinds = append(kinds, f.kind)
	}
	switch len(kinds) {
	case 0:
	case 1:
		c.add(a, b, false, "", leaf("business.kind", "eq", kinds[0]))
	default:
		c.add(a, b, false, "", leaf("business.kind", "in", kinds))
	}
}

// regDateFromLeaves reads "2020年1月1日起" in a sentence about registration as
// the earliest registration date.
func regDateFromLeaves(c *sentenceCtx, m []int, _ float64) []Condition {
	return []Condition{leaf("business.reg_date", "date_gte", isoDate(c.sub(m, 1), c.sub(m, 2), c.sub(m, 3)))}
}

// employeesLeaves reads "带动就业3人(含创业者本人)以上": the count includes the
// founder only when the parenthesis says so.
func employeesLeaves(c *sentenceCtx, m []int, n float64) []Condition {
	f := "business.employees_excluding_self"
	if strings.Contains(c.sub(m, 2), "本人") {
		f = "business.employees_including_self"
	}
	return []Condition{leaf(f, "gte", numValue(n))}
}
