package draft

import (
	"regexp"
	"strings"
)

// This file is the table of conditions on a person: ages, and who the person
// is (graduate, unemployed, veteran, family hardship, …). On an enterprise
// policy the same phrases describe the people it hires, interns or trains,
// and their conditions are scoped to that list (condRule.applicant unset).

var (
	reVeteran1y = regexp.MustCompile(`退役` + num + `\s*年(?:以)?内`)
	reFlexible  = regexp.MustCompile(`灵活就业`)
)

// ageRules read ages. The two-sided phrases come first and take their text,
// so that "16-24岁" is not also read as "24岁以下".
var ageRules = []condRule{
	{re: re(`(女|男)性?(?:年?满)?` + num + `周?岁(?:\(含\))?(?:及)?(?:以上)?[^男女，。；]{0,3}?(男|女)性?(?:年?满)?` + num + `周?岁(?:\(含\))?(?:及)?(?:以上)?`),
		take: true, alt: true, kind: "age", alts: genderAgeAlts},
	{re: re(num + `\s*(?:周岁|岁)?\s*(?:-|~|至|到)\s*` + num + `\s*(?:周岁|岁)`),
		free: true, take: true, alt: true, kind: "agerange", leaves: ageRangeLeaves},
	{re: re(`(?:不满|未满|未达到?)` + num + `\s*周?岁`), num: []int{1}, free: true, take: true, alt: true, kind: "age", leaves: ageLeaves("lt")},
	{re: re(`(?:不超过|不高于|不大于)` + num + `\s*周?岁`), num: []int{1}, free: true, take: true, alt: true, kind: "age", leaves: ageLeaves("lte")},
	{re: re(`(?:超过|大于)` + num + `\s*周?岁`), num: []int{1}, free: true, take: true, alt: true, kind: "age", leaves: ageLeaves("gt")},
	{re: re(`(?:年满|满)` + num + `\s*周?岁(?:\(含\))?(?:及)?(?:以上)?`), num: []int{1}, free: true, take: true, alt: true, kind: "age", leaves: ageLeaves("gte")},
	{re: re(num + `\s*周?岁(?:\(含\))?\s*(以下|及以下|以内|以上|及以上)`), num: []int{1}, free: true, take: true, alt: true, kind: "age", leaves: ageSuffixLeaves},
}

// identityRules read who the person is. Most are identity conditions that may
// be one side of "…或…" (alt); the rows for one pattern that differ by
// audience sit together so that matches are read in the same order.
var identityRules = []condRule{
	{re: re(`(?:毕业|离校)后?` + num + `\s*年(?:以)?内(未就业|未就业的)?|` + num + `\s*年(?:以)?内(?:毕业|离校)`),
		num: []int{1, 3}, alt: true, kind: "grad", leaves: gradWithinLeaves},
	// "毕业学年起5年以内" is a window, "毕业学年=…" a definition
	{re: re(`毕业年度|毕业学年|应届`), who: forNewHires, ignore: before("起", "="), alt: true, kind: "gradyear", field: "derived.is_grad_year_hire", op: "is_true"},
	{re: re(`毕业年度|毕业学年|应届`), who: forPerson, ignore: before("起", "="), alt: true, kind: "gradyear", field: "derived.in_graduating_school_year", op: "is_true"},
	{re: re(`登记\)?失业|失业登记`), who: forNewHires, alt: true, kind: "unemp", field: "registered_unemployed_at_hire", op: "is_true"},
	{re: re(`登记\)?失业|失业登记`), who: forInterns | forApprentices, alt: true, kind: "unemp", field: "registered_unemployed", op: "is_true"},
	{re: re(`登记\)?失业|失业登记`), who: forPerson, alt: true, kind: "unemp", field: "unemployment_registered", op: "is_true"},
	{re: re(`(?:连续)?失业` + num + `\s*(年|个月)(?:及)?以上`), who: forPerson, num: []int{1}, months: 2, alt: true, field: "unemployed_months", op: "gte"},
	// "含非本市户籍" widens, it does not require
	{re: re(`(?:本市|我市|武汉市|武汉)户籍`), ignore: after("非", "外地"), alt: true, field: "hukou_city", op: "eq", value: "武汉市"},
	{re: re(`武汉市?居住证`), alt: true, field: "has_wuhan_residence_permit", op: "is_true"},
	{re: re(`就业困难人员|就业困难`), ignore: difficultyOutcome, alt: true, field: "difficulty_certified", op: "is_true"},
	{re: re(`退役军人|退役士兵|复员转业`), alt: true, leaves: veteranLeaves},
	{re: re(`脱贫人口|脱贫劳动力|脱贫家庭|建档立卡`), who: forNewHires, alt: true, field: "poverty_alleviated", op: "is_true"},
	{re: re(`脱贫人口|脱贫劳动力|脱贫家庭|建档立卡`), who: forPerson, alt: true, field: "family_hardship", op: "contains_any", value: []string{"脱贫家庭"}},
	{re: re(`城乡低收入家庭|低收入家庭`), who: forPerson, alt: true, field: "family_hardship", op: "contains_any", value: []string{"城乡低收入家庭"}},
	{re: re(`低保家庭|城乡低保|享受城镇低保|低保`), who: forPerson, alt: true, field: "family_hardship", op: "contains_any", value: []string{"低保家庭"}},
	{re: re(`贫困残疾人家庭`), who: forPerson, alt: true, field: "family_hardship", op: "contains_any", value: []string{"贫困残疾人家庭"}},
	{re: re(`国家助学贷款`), who: forPerson, alt: true, field: "national_student_loan", op: "is_true"},
	{re: re(`孤儿`), who: forPerson, alt: true, field: "orphan", op: "is_true"},
	{re: re(`烈属|烈士家属`), who: forPerson, alt: true, field: "martyr_family", op: "is_true"},
	{re: re(`农民工`), who: forPerson, alt: true, field: "is_migrant_worker", op: "is_true"},
	// 贫困残疾人家庭 is a family_hardship value
	{re: re(`本人残疾|残疾人`), who: forPerson, ignore: after("贫困"), alt: true, field: "disabled", op: "is_true"},
	{re: re(`全日制`), who: forPerson, ignore: after("非"), field: "full_time", op: "is_true"},
	{re: re(`高校毕业生|高等院校毕业生|大学毕业生`), who: forPerson, ignore: after("在校", "应届"), alt: true, field: "derived.is_college_graduate", op: "is_true"},
	{re: re(`在校生|在校大学生|在校学生`), who: forPerson, alt: true, field: "student_status", op: "eq", value: "在校"},
	{re: re(`(?:法定)?劳动年龄(?:内|段内)`), who: forPerson, field: "derived.working_age", op: "is_true"},
	{re: re(`处于失业状态|失业状态`), who: forPerson, field: "employment_status", op: "eq", value: "失业"},
	{re: reFlexible, who: forPerson, field: "employment_status", op: "eq", value: "灵活就业"},
	{re: re(`灵活就业登记`), who: forPerson, field: "flexible_registered", op: "is_true"},
	{re: re(`以灵活就业(?:人员)?身份缴纳`), who: forPerson, field: "flexible_si_paid", op: "is_true"},
	{re: re(`公益性岗位安置|安置(?:到|在)?公益性岗位|在公益性岗位`), who: forPerson, field: "employment_status", op: "eq", value: "公益性岗位"},
	{re: re(`企业在职职工|在职职工`), who: forPerson, alt: true, field: "enterprise_employee", op: "is_true"},
	{re: re(`领取失业保险金`), who: forPerson, alt: true, field: "receiving_ui_benefit", op: "is_true"},
	{re: re(`无其他贷款`), who: forPerson, field: "other_loans", op: "is_false"},
	{re: re(`(?:不少于|不低于)` + num + `\s*个?(?:课时|学时)|` + num + `\s*个?(?:课时|学时)(?:及)?以上`),
		who: forNewHires, num: []int{1, 2}, field: "onboarding_training_hours", op: "gte"},
	{re: re(`当年新?招用`), who: forNewHires, field: "derived.hired_this_year", op: "is_true"},
	{re: re(`(?:单位)?就业登记`), who: forNewHires, ignore: after("灵活"), field: "employment_registered", op: "is_true"},
	{re: re(`新招用和转岗|新招用或转岗|转岗人员`), who: forApprentices, field: "new_or_transfer", op: "is_true"},
}

// ageLeaf is an age condition on the applicant (derived.age) or on each
// person in scope (age_at_hire for new hires, age for interns and apprentices).
func (c *sentenceCtx) ageLeaf(op string, n float64) Condition {
	switch {
	case c.newHires():
		return c.hireLeaf("age_at_hire", op, numValue(n))
	case c.hire:
		return c.hireLeaf("age", op, numValue(n))
	}
	return leaf("derived.age", op, numValue(n))
}

// ageLeaves returns the leaf builder of a one-sided age phrase with operator op.
func ageLeaves(op string) func(c *sentenceCtx, m []int, n float64) []Condition {
	return func(c *sentenceCtx, _ []int, n float64) []Condition {
		return []Condition{c.ageLeaf(op, n)}
	}
}

// ageSuffixLeaves reads "35周岁以下" as lte and "40周岁以上" as gte.
func ageSuffixLeaves(c *sentenceCtx, m []int, n float64) []Condition {
	op := "lte"
	if strings.HasSuffix(c.sub(m, 2), "以上") {
		op = "gte"
	}
	return []Condition{c.ageLeaf(op, n)}
}

// ageRangeLeaves reads "16-24岁" as two bounds; a reversed or implausible
// range is not an age.
func ageRangeLeaves(c *sentenceCtx, m []int, _ float64) []Condition {
	a, ok1 := parseNum(c.sub(m, 1))
	b, ok2 := parseNum(c.sub(m, 2))
	if !ok1 || !ok2 || a > b || b > 120 {
		return nil
	}
	return []Condition{c.ageLeaf("gte", a), c.ageLeaf("lte", b)}
}

// genderAgeAlts reads "女40周岁以上、男50周岁以上" as a choice between
// (gender 女 and age ≥ 40) and (gender 男 and age ≥ 50). It reads nothing in a
// negated clause: the choice is recorded without the usual negation check.
func genderAgeAlts(c *sentenceCtx, m []int) [][]Condition {
	a, ok1 := parseNum(c.sub(m, 2))
	b, ok2 := parseNum(c.sub(m, 4))
	g1, g2 := c.sub(m, 1), c.sub(m, 3)
	if !ok1 || !ok2 || g1 == g2 || c.negated(m[0], m[1]) {
		return nil
	}
	return [][]Condition{
		{c.hireLeaf("gender", "eq", g1), c.ageLeaf("gte", a)},
		{c.hireLeaf("gender", "eq", g2), c.ageLeaf("gte", b)},
	}
}

// gradWithinLeaves reads "毕业2年内" / "离校2年内未就业". For new hires the
// catalog has a derived field for the 2-year unemployed graduate; elsewhere
// "未就业" adds employed_since_graduation is_false.
func gradWithinLeaves(c *sentenceCtx, m []int, n float64) []Condition {
	unemployed := c.sub(m, 2) != "" || strings.Contains(c.s[m[1]:min(len(c.s), m[1]+12)], "未就业")
	within := c.hireLeaf("graduation_date", "within_years", numValue(n))
	switch {
	case c.newHires() && n == 2 && unemployed:
		return []Condition{c.hireLeaf("derived.is_2y_unemployed_grad_hire", "is_true", nil)}
	case c.newHires() || !unemployed:
		return []Condition{within}
	}
	return []Condition{within, c.hireLeaf("employed_since_graduation", "is_false", nil)}
}

// difficultyOutcome: "就业困难人员认定" / "取得就业困难人员身份" name an
// outcome of the policy, not a requirement.
func difficultyOutcome(c *sentenceCtx, m []int) bool {
	return strings.HasPrefix(c.s[m[1]:], "认定") && !strings.ContainsAny(c.clause(m[0], m[1]), "已经") ||
		strings.HasSuffix(c.s[:m[0]], "取得")
}

// veteranLeaves reads a veteran: for new hires, hired within a year of
// discharge or resettled by 自主就业; for a person, 自主就业 resettlement or
// the veteran types. Interns and apprentices have no veteran field.
func veteranLeaves(c *sentenceCtx, m []int, _ float64) []Condition {
	self := strings.Contains(c.clause(m[0], m[1]), "自主就业")
	switch {
	case c.newHires() && reVeteran1y.MatchString(c.s):
		if n, _ := parseNum(reVeteran1y.FindStringSubmatch(c.s)[1]); n == 1 {
			return []Condition{c.hireLeaf("derived.veteran_within_1y_at_hire", "is_true", nil)}
		}
		return nil
	case c.newHires() && self:
		return []Condition{c.hireLeaf("veteran_self_employment_resettled", "is_true", nil)}
	case c.hire:
		return nil // no hire-level field for "is a veteran" without a time window
	case self:
		return []Condition{leaf("veteran.resettlement", "eq", "自主就业")}
	}
	return []Condition{leaf("veteran.type", "in", []string{"义务兵", "士官"})}
}
