package draft

import (
	"fmt"
	"regexp"
	"sort"
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

type sentenceCtx struct {
	s     string
	hire  bool   // enterprise policy: person conditions apply to the people it hires
	scope string // their scope when hire: ScopeNewHires, ScopeInterns or ScopeApprentices
	taken [][2]int
	units []unit
}

// newHires reports whether conditions apply to hires (the scope with the
// catalog's derived hire fields).
func (c *sentenceCtx) newHires() bool { return c.scope == ScopeNewHires }

func (c *sentenceCtx) free(a, b int) bool {
	for _, t := range c.taken {
		if a < t[1] && t[0] < b {
			return false
		}
	}
	return true
}

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

// negated reports whether the clause around [a,b) excludes rather than requires.
var negRe = regexp.MustCompile(`不得|不能申请|不能享受|不享受|不适用|不予|除外|不再享受|不计发|不包括`)

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

func (c *sentenceCtx) each(re *regexp.Regexp, fn func(m []int)) {
	for _, m := range re.FindAllStringSubmatchIndex(c.s, -1) {
		fn(m)
	}
}

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

func months(n float64, unit string) any {
	if strings.HasPrefix(unit, "年") {
		return numValue(n * 12)
	}
	return numValue(n)
}

var (
	reGenderAge = regexp.MustCompile(`(女|男)性?(?:年?满)?` + num + `周?岁(?:\(含\))?(?:及)?(?:以上)?[^男女，。；]{0,3}?(男|女)性?(?:年?满)?` + num + `周?岁(?:\(含\))?(?:及)?(?:以上)?`)
	reAgeRange  = regexp.MustCompile(num + `\s*(?:周岁|岁)?\s*(?:-|~|至|到)\s*` + num + `\s*(?:周岁|岁)`)
	reAgeLT     = regexp.MustCompile(`(?:不满|未满|未达到?)` + num + `\s*周?岁`)
	reAgeLTE    = regexp.MustCompile(`(?:不超过|不高于|不大于)` + num + `\s*周?岁`)
	reAgeGT     = regexp.MustCompile(`(?:超过|大于)` + num + `\s*周?岁`)
	reAgeGTE    = regexp.MustCompile(`(?:年满|满)` + num + `\s*周?岁(?:\(含\))?(?:及)?(?:以上)?`)
	reAgeSuffix = regexp.MustCompile(num + `\s*周?岁(?:\(含\))?\s*(以下|及以下|以内|以上|及以上)`)
)

func (c *sentenceCtx) ageLeaf(op string, n float64) Condition {
	switch {
	case c.newHires():
		return c.hireLeaf("age_at_hire", op, numValue(n))
	case c.hire:
		return c.hireLeaf("age", op, numValue(n))
	}
	return leaf("derived.age", op, numValue(n))
}

func (c *sentenceCtx) extractAge() {
	c.each(reGenderAge, func(m []int) {
		a, ok1 := parseNum(c.sub(m, 2))
		b, ok2 := parseNum(c.sub(m, 4))
		g1, g2 := c.sub(m, 1), c.sub(m, 3)
		if !ok1 || !ok2 || g1 == g2 || c.negated(m[0], m[1]) {
			return
		}
		c.take(m[0], m[1])
		snip := c.clause(m[0], m[1])
		mk := func(g string, n float64) []Condition {
			gl := leaf("gender", "eq", g)
			al := c.ageLeaf("gte", n)
			gl.Scope = c.scope
			out := []Condition{gl, al}
			for i := range out {
				out[i].Snippet = snip
				out[i].Text = reading(out[i])
			}
			return out
		}
		c.units = append(c.units, unit{start: m[0], end: m[1], alt: true, kind: "age",
			alts: [][]Condition{mk(g1, a), mk(g2, b)}})
	})
	c.each(reAgeRange, func(m []int) {
		a, ok1 := parseNum(c.sub(m, 1))
		b, ok2 := parseNum(c.sub(m, 2))
		if !ok1 || !ok2 || a > b || b > 120 || !c.free(m[0], m[1]) {
			return
		}
		c.take(m[0], m[1])
		c.add(m[0], m[1], true, "agerange", c.ageLeaf("gte", a), c.ageLeaf("lte", b))
	})
	for _, p := range []struct {
		re *regexp.Regexp
		op string
	}{{reAgeLT, "lt"}, {reAgeLTE, "lte"}, {reAgeGT, "gt"}, {reAgeGTE, "gte"}} {
		c.each(p.re, func(m []int) {
			n, ok := parseNum(c.sub(m, 1))
			if !ok || !c.free(m[0], m[1]) {
				return
			}
			c.take(m[0], m[1])
			c.add(m[0], m[1], true, "age", c.ageLeaf(p.op, n))
		})
	}
	c.each(reAgeSuffix, func(m []int) {
		n, ok := parseNum(c.sub(m, 1))
		if !ok || !c.free(m[0], m[1]) {
			return
		}
		op := "lte"
		if strings.HasSuffix(c.sub(m, 2), "以上") {
			op = "gte"
		}
		c.take(m[0], m[1])
		c.add(m[0], m[1], true, "age", c.ageLeaf(op, n))
	})
}

var (
	reGradWithin    = regexp.MustCompile(`(?:毕业|离校)后?` + num + `\s*年(?:以)?内(未就业|未就业的)?|` + num + `\s*年(?:以)?内(?:毕业|离校)`)
	reGradYear      = regexp.MustCompile(`毕业年度|毕业学年|应届`)
	reUnemployReg   = regexp.MustCompile(`登记\)?失业|失业登记`)
	reUnemployed    = regexp.MustCompile(`(?:连续)?失业` + num + `\s*(年|个月)(?:及)?以上`)
	reHukou         = regexp.MustCompile(`(?:本市|我市|武汉市|武汉)户籍`)
	rePermit        = regexp.MustCompile(`武汉市?居住证`)
	reDifficulty    = regexp.MustCompile(`就业困难人员|就业困难`)
	reVeteran       = regexp.MustCompile(`退役军人|退役士兵|复员转业`)
	reVeteran1y     = regexp.MustCompile(`退役` + num + `\s*年(?:以)?内`)
	rePoverty       = regexp.MustCompile(`脱贫人口|脱贫劳动力|脱贫家庭|建档立卡`)
	reLowIncome     = regexp.MustCompile(`城乡低收入家庭|低收入家庭`)
	reDibao         = regexp.MustCompile(`低保家庭|城乡低保|享受城镇低保|低保`)
	rePoorDisab     = regexp.MustCompile(`贫困残疾人家庭`)
	reDisabled      = regexp.MustCompile(`本人残疾|残疾人`)
	reStudentLoan   = regexp.MustCompile(`国家助学贷款`)
	reOrphan        = regexp.MustCompile(`孤儿`)
	reMartyr        = regexp.MustCompile(`烈属|烈士家属`)
	reMigrant       = regexp.MustCompile(`农民工`)
	reFullTime      = regexp.MustCompile(`全日制`)
	reWorkingAge    = regexp.MustCompile(`(?:法定)?劳动年龄(?:内|段内)`)
	reOutOfWork     = regexp.MustCompile(`处于失业状态|失业状态`)
	reFlexible      = regexp.MustCompile(`灵活就业`)
	reFlexReg       = regexp.MustCompile(`灵活就业登记`)
	reFlexSI        = regexp.MustCompile(`以灵活就业(?:人员)?身份缴纳`)
	reHiredYear     = regexp.MustCompile(`当年新?招用`)
	rePublicJob     = regexp.MustCompile(`公益性岗位安置|安置(?:到|在)?公益性岗位|在公益性岗位`)
	reEmployee      = regexp.MustCompile(`企业在职职工|在职职工`)
	reUIBenefit     = regexp.MustCompile(`领取失业保险金`)
	reNoLoans       = regexp.MustCompile(`无其他贷款`)
	reNewOrTransfer = regexp.MustCompile(`新招用和转岗|新招用或转岗|转岗人员`)
	reCollegeGrad   = regexp.MustCompile(`高校毕业生|高等院校毕业生|大学毕业生`)
	reInSchool      = regexp.MustCompile(`在校生|在校大学生|在校学生`)
	reTrainHours    = regexp.MustCompile(`(?:不少于|不低于)` + num + `\s*个?(?:课时|学时)|` + num + `\s*个?(?:课时|学时)(?:及)?以上`)
	reEmpReg        = regexp.MustCompile(`(?:单位)?就业登记`)
)

func (c *sentenceCtx) extractIdentity() {
	c.each(reGradWithin, func(m []int) {
		ns := c.sub(m, 1)
		if ns == "" {
			ns = c.sub(m, 3)
		}
		n, ok := parseNum(ns)
		if !ok {
			return
		}
		unemployed := c.sub(m, 2) != "" || strings.Contains(c.s[m[1]:min(len(c.s), m[1]+12)], "未就业")
		switch {
		case c.newHires() && n == 2 && unemployed:
			c.add(m[0], m[1], true, "grad", c.hireLeaf("derived.is_2y_unemployed_grad_hire", "is_true", nil))
		case c.newHires():
			c.add(m[0], m[1], true, "grad", c.hireLeaf("graduation_date", "within_years", numValue(n)))
		case c.hire && unemployed:
			c.add(m[0], m[1], true, "grad", c.hireLeaf("graduation_date", "within_years", numValue(n)), c.hireLeaf("employed_since_graduation", "is_false", nil))
		case c.hire:
			c.add(m[0], m[1], true, "grad", c.hireLeaf("graduation_date", "within_years", numValue(n)))
		case unemployed:
			c.add(m[0], m[1], true, "grad", leaf("graduation_date", "within_years", numValue(n)), leaf("employed_since_graduation", "is_false", nil))
		default:
			c.add(m[0], m[1], true, "grad", leaf("graduation_date", "within_years", numValue(n)))
		}
	})
	c.each(reGradYear, func(m []int) {
		if strings.HasPrefix(c.s[m[1]:], "起") || strings.HasPrefix(c.s[m[1]:], "=") {
			return // "毕业学年起5年以内" is a window, "毕业学年=…" a definition
		}
		if c.newHires() {
			c.add(m[0], m[1], true, "gradyear", c.hireLeaf("derived.is_grad_year_hire", "is_true", nil))
		} else if !c.hire {
			c.add(m[0], m[1], true, "gradyear", leaf("derived.in_graduating_school_year", "is_true", nil))
		}
	})
	c.each(reUnemployReg, func(m []int) {
		switch {
		case c.newHires():
			c.add(m[0], m[1], true, "unemp", c.hireLeaf("registered_unemployed_at_hire", "is_true", nil))
		case c.hire:
			c.add(m[0], m[1], true, "unemp", c.hireLeaf("registered_unemployed", "is_true", nil))
		default:
			c.add(m[0], m[1], true, "unemp", leaf("unemployment_registered", "is_true", nil))
		}
	})
	c.each(reUnemployed, func(m []int) {
		n, ok := parseNum(c.sub(m, 1))
		if ok && !c.hire {
			c.add(m[0], m[1], true, "", leaf("unemployed_months", "gte", months(n, c.sub(m, 2))))
		}
	})
	c.each(reHukou, func(m []int) {
		if strings.HasSuffix(c.s[:m[0]], "非") || strings.HasSuffix(c.s[:m[0]], "外地") {
			return // "含非本市户籍" widens, it does not require
		}
		c.add(m[0], m[1], true, "", c.scoped(leaf("hukou_city", "eq", "武汉市")))
	})
	c.each(rePermit, func(m []int) {
		c.add(m[0], m[1], true, "", c.scoped(leaf("has_wuhan_residence_permit", "is_true", nil)))
	})
	c.each(reDifficulty, func(m []int) {
		if strings.HasPrefix(c.s[m[1]:], "认定") && !strings.ContainsAny(c.clause(m[0], m[1]), "已经") ||
			strings.HasSuffix(c.s[:m[0]], "取得") {
			return // "就业困难人员认定" / "取得就业困难人员身份" name an outcome, not a requirement
		}
		c.add(m[0], m[1], true, "", c.scoped(leaf("difficulty_certified", "is_true", nil)))
	})
	c.each(reVeteran, func(m []int) {
		cl := c.clause(m[0], m[1])
		self := strings.Contains(cl, "自主就业")
		switch {
		case c.newHires() && reVeteran1y.MatchString(c.s):
			n, _ := parseNum(reVeteran1y.FindStringSubmatch(c.s)[1])
			if n == 1 {
				c.add(m[0], m[1], true, "", c.hireLeaf("derived.veteran_within_1y_at_hire", "is_true", nil))
			}
		case c.newHires() && self:
			c.add(m[0], m[1], true, "", c.hireLeaf("veteran_self_employment_resettled", "is_true", nil))
		case c.hire:
			// no hire-level field for "is a veteran" without a time window
		case self:
			c.add(m[0], m[1], true, "", leaf("veteran.resettlement", "eq", "自主就业"))
		default:
			c.add(m[0], m[1], true, "", leaf("veteran.type", "in", []string{"义务兵", "士官"}))
		}
	})
	hardship := func(re *regexp.Regexp, value string) {
		c.each(re, func(m []int) {
			if c.hire {
				if value == "脱贫家庭" && c.newHires() {
					c.add(m[0], m[1], true, "", c.hireLeaf("poverty_alleviated", "is_true", nil))
				}
				return
			}
			c.add(m[0], m[1], true, "", leaf("family_hardship", "contains_any", []string{value}))
		})
	}
	hardship(rePoverty, "脱贫家庭")
	hardship(reLowIncome, "城乡低收入家庭")
	hardship(reDibao, "低保家庭")
	hardship(rePoorDisab, "贫困残疾人家庭")
	if !c.hire {
		for _, p := range []struct {
			re    *regexp.Regexp
			field string
		}{{reStudentLoan, "national_student_loan"}, {reOrphan, "orphan"}, {reMartyr, "martyr_family"}, {reMigrant, "is_migrant_worker"}} {
			c.each(p.re, func(m []int) { c.add(m[0], m[1], true, "", leaf(p.field, "is_true", nil)) })
		}
		c.each(reDisabled, func(m []int) {
			if m[0] >= len("贫困") && strings.HasSuffix(c.s[:m[0]], "贫困") {
				return // 贫困残疾人家庭 is a family_hardship value
			}
			c.add(m[0], m[1], true, "", leaf("disabled", "is_true", nil))
		})
		c.each(reFullTime, func(m []int) {
			if !strings.HasSuffix(c.s[:m[0]], "非") {
				c.add(m[0], m[1], false, "", leaf("full_time", "is_true", nil))
			}
		})
		c.each(reCollegeGrad, func(m []int) {
			if !strings.HasSuffix(c.s[:m[0]], "在校") && !strings.HasSuffix(c.s[:m[0]], "应届") {
				c.add(m[0], m[1], true, "", leaf("derived.is_college_graduate", "is_true", nil))
			}
		})
		c.each(reInSchool, func(m []int) { c.add(m[0], m[1], true, "", leaf("student_status", "eq", "在校")) })
		c.each(reWorkingAge, func(m []int) { c.add(m[0], m[1], false, "", leaf("derived.working_age", "is_true", nil)) })
		c.each(reOutOfWork, func(m []int) { c.add(m[0], m[1], false, "", leaf("employment_status", "eq", "失业")) })
		c.each(reFlexible, func(m []int) {
			c.add(m[0], m[1], false, "", leaf("employment_status", "eq", "灵活就业"))
		})
		c.each(reFlexReg, func(m []int) { c.add(m[0], m[1], false, "", leaf("flexible_registered", "is_true", nil)) })
		c.each(reFlexSI, func(m []int) { c.add(m[0], m[1], false, "", leaf("flexible_si_paid", "is_true", nil)) })
		c.each(rePublicJob, func(m []int) { c.add(m[0], m[1], false, "", leaf("employment_status", "eq", "公益性岗位")) })
		c.each(reEmployee, func(m []int) { c.add(m[0], m[1], true, "", leaf("enterprise_employee", "is_true", nil)) })
		c.each(reUIBenefit, func(m []int) { c.add(m[0], m[1], true, "", leaf("receiving_ui_benefit", "is_true", nil)) })
		c.each(reNoLoans, func(m []int) { c.add(m[0], m[1], false, "", leaf("other_loans", "is_false", nil)) })
	} else if c.newHires() {
		c.each(reTrainHours, func(m []int) {
			ns := c.sub(m, 1)
			if ns == "" {
				ns = c.sub(m, 2)
			}
			if n, ok := parseNum(ns); ok {
				c.add(m[0], m[1], false, "", c.hireLeaf("onboarding_training_hours", "gte", numValue(n)))
			}
		})
		c.each(reHiredYear, func(m []int) { c.add(m[0], m[1], false, "", c.hireLeaf("derived.hired_this_year", "is_true", nil)) })
		c.each(reEmpReg, func(m []int) {
			if strings.HasSuffix(c.s[:m[0]], "灵活") {
				return
			}
			c.add(m[0], m[1], false, "", c.hireLeaf("employment_registered", "is_true", nil))
		})
	} else if c.scope == ScopeApprentices {
		c.each(reNewOrTransfer, func(m []int) { c.add(m[0], m[1], false, "", c.hireLeaf("new_or_transfer", "is_true", nil)) })
	}
}

func (c *sentenceCtx) scoped(l Condition) Condition {
	if c.hire {
		l.Scope = c.scope
	}
	return l
}

var (
	reSizeSMEAll  = regexp.MustCompile(`中小微企业|中小微型企业`)
	reSizeSmall   = regexp.MustCompile(`小微企业|小型微型企业|小型、微型企业|小型和微型企业`)
	reSizeGuard   = regexp.MustCompile(`%|返还`)
	reBizVerb     = regexp.MustCompile(`创办|开办|从事|开设|合伙经营`)
	reBizIndiv    = regexp.MustCompile(`个体经营|个体工商户`)
	reBizPartner  = regexp.MustCompile(`合伙经营|合伙企业`)
	reContract    = regexp.MustCompile(num + `\s*(年|个月)(?:\(含\))?(?:及)?以上(?:期限)?的?劳动合同`)
	reContractAny = regexp.MustCompile(`签订(?:了)?劳动合同`)
	reUIMonths    = regexp.MustCompile(`失业保险(?:费)?(?:累计)?(?:满|达到|达)?` + num + `\s*(年|个月)`)
	reSIMonths    = regexp.MustCompile(`(?:社会保险|社保|保险费|养老保险)(?:费)?(?:累计)?(?:满|达到|达)?` + num + `\s*个月(?:及)?以上`)
	reSIAny       = regexp.MustCompile(`缴纳(?:了)?(?:社会保险|社保)`)
	reBizMonths   = regexp.MustCompile(`(?:经营|营业执照|营业)[^，。；,;]{0,6}?` + num + `\s*个月(?:及)?以上|经营满` + num + `\s*个月`)
	reTenure      = regexp.MustCompile(`(?:稳定就业|就业|工作)(?:满)?` + num + `\s*(年|个月)(?:及)?以上`)
	reEmpIncl     = regexp.MustCompile(`带动(?:就业)?` + num + `\s*人(\([^)]*\))?(?:及)?以上`)
	reEmpExcl     = regexp.MustCompile(`吸纳` + num + `\s*人(?:\(含\))?(?:及)?以上`)
	reRegCity     = regexp.MustCompile(`在(?:武汉市?|汉)(?:依法)?(?:登记注册|注册|领取营业执照|创办|开办|创业)`)
	reOperating   = regexp.MustCompile(`正常营业状态|正常经营`)
	reRegWithin   = regexp.MustCompile(`(?:登记注册|注册登记|营业执照登记)` + num + `\s*年(?:以)?内|登记(?:当月|之日)起` + num + `\s*年`)
	reRegister    = regexp.MustCompile(`登记注册|注册|营业执照`)
	reDateFrom    = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日(?:起|以后|之后)`)
	reAwayMonths  = regexp.MustCompile(`外出[^，。；]{0,20}?(?:达|满)` + num + `\s*个月(?:及)?以上`)
	reFirstTime   = regexp.MustCompile(`首次(?:领取|创业|登记)`)
	reOrgType     = regexp.MustCompile(`申请主体为企业|企业\(含[^)]*(?:社会组织|民办非企业)`)
	reDishonest   = regexp.MustCompile(`严重失信`)
	reArrears     = regexp.MustCompile(`无拖欠(?:职工)?工资|欠缴社会保险费`)
	reHireWindow  = regexp.MustCompile(`签订劳动合同后` + num + `\s*个月内`)
	reHireYears   = regexp.MustCompile(`(?:签订|招用)[^，。；]{0,12}?(?:当月|之日)起` + num + `\s*年内`)
	reRegProv     = regexp.MustCompile(`在湖北省?(?:内)?(?:自主)?(?:依法)?(?:登记注册|注册|创办|开办)`)
)

func (c *sentenceCtx) extractEmployment() {
	if c.hire {
		c.each(reSizeSMEAll, func(m []int) {
			if strings.HasSuffix(c.s[:m[0]], "大") {
				c.take(m[0], m[1]) // "大中小微型企业划分办法" names the standard
				return
			}
			if !reSizeGuard.MatchString(c.clause(m[0], m[1])) {
				c.take(m[0], m[1])
				c.add(m[0], m[1], false, "", leaf("size", "in", []string{"中型", "小型", "微型"}))
			}
		})
		c.each(reSizeSmall, func(m []int) {
			if c.free(m[0], m[1]) && !reSizeGuard.MatchString(c.clause(m[0], m[1])) {
				c.add(m[0], m[1], false, "", leaf("size", "in", []string{"小型", "微型"}))
			}
		})
		c.each(reRegCity, func(m []int) { c.add(m[0], m[1], false, "", leaf("reg_city", "eq", "武汉市")) })
		c.each(reOrgType, func(m []int) {
			if strings.Contains(c.s, "社会组织") || strings.Contains(c.s, "民办非企业") {
				c.add(m[0], m[1], false, "", leaf("org_type", "in", []string{"企业", "社会组织"}))
			} else {
				c.add(m[0], m[1], false, "", leaf("org_type", "eq", "企业"))
			}
		})
		c.each(reDishonest, func(m []int) { c.addAlways(m[0], m[1], false, "", leaf("serious_dishonesty", "is_false", nil)) })
		c.each(reArrears, func(m []int) { c.addAlways(m[0], m[1], false, "", leaf("wage_or_si_arrears", "is_false", nil)) })
		if c.newHires() {
			c.each(reHireWindow, func(m []int) {
				if n, ok := parseNum(c.sub(m, 1)); ok {
					c.add(m[0], m[1], false, "", c.hireLeaf("hire_date", "within_months", numValue(n)))
				}
			})
			c.each(reHireYears, func(m []int) {
				if n, ok := parseNum(c.sub(m, 1)); ok {
					c.add(m[0], m[1], false, "", c.hireLeaf("hire_date", "within_years", numValue(n)))
				}
			})
		}
		c.each(reRegProv, func(m []int) { c.add(m[0], m[1], false, "", leaf("reg_province", "eq", "湖北省")) })
	} else {
		if reBizVerb.MatchString(c.s) && !reFlexible.MatchString(c.s) {
			type found struct {
				pos  int
				kind string
			}
			var fs []found
			a, b := len(c.s), 0
			for _, p := range []struct {
				re   *regexp.Regexp
				kind string
			}{{reBizIndiv, "个体工商户"}, {reSizeSmall, "小微企业"}, {reBizPartner, "合伙企业"}} {
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
		c.each(reOperating, func(m []int) {
			c.add(m[0], m[1], false, "", leaf("business.operating_normally", "is_true", nil))
		})
		c.each(reRegWithin, func(m []int) {
			ns := c.sub(m, 1)
			if ns == "" {
				ns = c.sub(m, 2)
			}
			if n, ok := parseNum(ns); ok {
				c.add(m[0], m[1], false, "", leaf("business.reg_date", "within_years", numValue(n)))
			}
		})
		if reRegister.MatchString(c.s) {
			c.each(reDateFrom, func(m []int) {
				c.add(m[0], m[1], false, "", leaf("business.reg_date", "date_gte", isoDate(c.sub(m, 1), c.sub(m, 2), c.sub(m, 3))))
			})
		}
		c.each(reAwayMonths, func(m []int) {
			if n, ok := parseNum(c.sub(m, 1)); ok {
				c.add(m[0], m[1], false, "", leaf("returnee.away_months", "gte", numValue(n)))
			}
		})
		c.each(reFirstTime, func(m []int) { c.add(m[0], m[1], false, "", leaf("business.first_time", "is_true", nil)) })
		c.each(reRegCity, func(m []int) { c.add(m[0], m[1], false, "", leaf("business.reg_city", "eq", "武汉市")) })
		c.each(reRegProv, func(m []int) { c.add(m[0], m[1], false, "", leaf("business.reg_province", "eq", "湖北省")) })
		c.each(reBizMonths, func(m []int) {
			ns := c.sub(m, 1)
			if ns == "" {
				ns = c.sub(m, 2)
			}
			if n, ok := parseNum(ns); ok {
				c.add(m[0], m[1], false, "", leaf("derived.business_months", "gte", numValue(n)))
			}
		})
		c.each(reEmpIncl, func(m []int) {
			n, ok := parseNum(c.sub(m, 1))
			if !ok {
				return
			}
			f := "business.employees_excluding_self"
			if strings.Contains(c.sub(m, 2), "本人") {
				f = "business.employees_including_self"
			}
			c.add(m[0], m[1], false, "", leaf(f, "gte", numValue(n)))
		})
		c.each(reEmpExcl, func(m []int) {
			if n, ok := parseNum(c.sub(m, 1)); ok {
				c.add(m[0], m[1], false, "", leaf("business.employees_excluding_self", "gte", numValue(n)))
			}
		})
	}

	// contracts and social insurance
	foundContract := false
	c.each(reContract, func(m []int) {
		n, ok := parseNum(c.sub(m, 1))
		if !ok {
			return
		}
		foundContract = true
		c.take(m[0], m[1])
		c.add(m[0], m[1], false, "", c.scoped(leaf("contract_months", "gte", months(n, c.sub(m, 2)))))
	})
	if c.hire && !foundContract {
		c.each(reContractAny, func(m []int) {
			if !reContract.MatchString(c.clause(m[0], m[1])) && !strings.HasPrefix(c.s[m[1]:], "后") {
				c.add(m[0], m[1], false, "", c.hireLeaf("contract_months", "gt", 0))
			}
		})
	}
	c.each(reUIMonths, func(m []int) {
		n, ok := parseNum(c.sub(m, 1))
		if !ok {
			return
		}
		c.take(m[0], m[1])
		field := "ui_months"
		if strings.Contains(c.clause(m[0], m[1]), "上年度") {
			field = "ui_paid_months_last_year"
		}
		c.add(m[0], m[1], false, "", leaf(field, "gte", months(n, c.sub(m, 2))))
	})
	foundSI := false
	c.each(reSIMonths, func(m []int) {
		n, ok := parseNum(c.sub(m, 1))
		if !ok || !c.free(m[0], m[1]) {
			return
		}
		foundSI = true
		c.add(m[0], m[1], false, "", c.scoped(leaf("si_months", "gte", numValue(n))))
	})
	if c.hire && !foundSI {
		c.each(reSIAny, func(m []int) {
			if c.free(m[0], m[1]) {
				c.add(m[0], m[1], false, "", c.hireLeaf("si_months", "gte", 1))
			}
		})
	}
	if c.newHires() {
		c.each(reTenure, func(m []int) {
			if n, ok := parseNum(c.sub(m, 1)); ok {
				c.add(m[0], m[1], false, "", c.hireLeaf("derived.tenure_months", "gte", months(n, c.sub(m, 2))))
			}
		})
	}
}

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

// extract reads the sentence's conditions. The order is part of the
// behaviour: what a rule takes changes what later rules read, and units that
// start at the same place keep the order they were read.
func (c *sentenceCtx) extract() {
	c.extractAge()
	c.extractIdentity()
	c.extractEmployment()
}

// isoDate writes a date read as 年/月/日 in the catalog's form, 2020-01-01.
func isoDate(y, m, d string) string {
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	return fmt.Sprintf("%s-%02d-%02d", y, mi, di)
}
