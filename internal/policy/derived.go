package policy

import (
	"fmt"
	"math"
	"strings"
)

// dval is the value of a derived field. ok is false when an input is
// missing, in which case every comparison on it fails.
type dval struct {
	ok   bool
	b    bool
	n    float64
	d    civil
	mask uint32
}

// trace collects, in explanation mode, the missing attributes a derived
// field defaulted in a way that decided its value.
type trace struct{ assumed []string }

// assume records that the boolean labelled label was missing and read as
// false (no-op on a nil trace, as in the fast path).
func (t *trace) assume(label string) {
	if t != nil {
		t.assumed = append(t.assumed, "未提供“"+label+"”，按“否”处理")
	}
}

// window is a deadline by which a condition that holds now stops holding.
type window struct {
	end  civil
	desc string // "毕业后 2 年", "毕业学年"
}

// fix is the single change that would satisfy a failing condition.
type fix struct {
	text   string // "办理失业登记", "经营满 6 个月"
	when   civil  // date from which it holds by waiting; 0 = an action now
	approx bool   // when is an estimate (monthly contributions)
	by     civil  // deadline for the action (from satisfied time windows)
	byDesc string
}

// derivedDef is an engine-computed field (meta.schema.derived_fields).
type derivedDef struct {
	name  string
	typ   ftype // tBool, tNum, tDate or tMask
	label string
	unit  string
	names []string // tMask: category names by bit
	idx   int
	fn    func(e *ectx, r *record, t *trace) dval
	// say phrases the value for explanations: a full sentence for booleans
	// and masks, "年龄 35 周岁" for numbers.
	say func(e *ectx, r *record, v dval) string
	// numeric fields that grow with time: anchor date plus stepMonths per
	// unit; fixWord leads the hint ("经营满").
	anchor     *fieldDef
	stepMonths int
	fixWord    string
	// window returns the deadline a true boolean holds until.
	window func(e *ectx, r *record) (window, bool)
	// fix returns the change that would turn a false boolean true.
	fix         func(e *ectx, r *record) (fix, bool)
	usesMinWage bool
}

// isCollege reports whether education is 大专, 本科, 硕士 or 博士 (高校毕业生).
func isCollege(edu string) bool {
	switch edu {
	case "大专", "本科", "硕士", "博士":
		return true
	}
	return false
}

// gradSchoolYearStart returns the start of the graduating school year:
// 毕业月份<=6 取 (毕业年-1)-07-01，否则 毕业年-07-01.
func gradSchoolYearStart(grad civil) civil {
	y, m, _ := grad.ymd()
	if m <= 6 {
		return mkCivil(y-1, 7, 1)
	}
	return mkCivil(y, 7, 1)
}

// Wuhan's nine difficulty categories, by bit.
const (
	catOlder = iota
	catLongUnemployed
	catLandless
	catZeroEmploymentOrDibao
	catRuralZeroTransfer
	catGradUnemployed
	catDisabled
	catAdultOrphan
	catPovertyAlleviated
)

// difficultyNames are the category names of derived.wh_difficulty_categories.
func difficultyNames() []string {
	return []string{"大龄失业人员（女满40周岁、男满50周岁）", "连续失业一年以上", "生活困难的失地农民", "城镇零就业家庭成员或低保人员", "农村零转移就业贫困家庭成员", "毕业一年以上未就业的高校毕业生", "残疾人", "成年孤儿", "脱贫劳动力"}
}

// cydbNames are the ten target groups of Wuhan's personal 创业担保贷款.
func cydbNames() []string {
	return []string{"城镇登记失业人员", "就业困难人员", "复员转业退役军人", "刑满释放人员", "高校毕业生", "化解过剩产能企业职工和失业人员", "返乡创业农民工", "网络商户", "建档立卡贫困劳动力", "自主创业农民"}
}

// hasAny reports whether list holds any of want.
func hasAny(list []string, want ...string) bool {
	for _, x := range list {
		for _, w := range want {
			if x == w {
				return true
			}
		}
	}
	return false
}

// maskNames lists the names of the set bits of m.
func maskNames(names []string, m uint32) []string {
	var out []string
	for i, n := range names {
		if m&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// personInputs are the handles the person derived fields read.
type personInputs struct {
	gender, birth, edu, fullTime, grad, hardship, hukouCity, hukouDistrict, hukouType *fieldDef
	empStatus, unempReg, unempMonths, employedSince, certified, landless, poverty     *fieldDef
	disabled, orphan, released, overcap, migrant                                      *fieldDef
	biz, bizKind, bizDate, bizDistrict, bizCity, bizOnline, vetType, vetDate, retDate *fieldDef
}

// addPersonDerived registers the person-level derived fields.
func addPersonDerived(s *schema) {
	in := personInputs{
		gender: s.f("gender"), birth: s.f("birth_date"), edu: s.f("education"), fullTime: s.f("full_time"),
		grad: s.f("graduation_date"), hardship: s.f("family_hardship"), hukouCity: s.f("hukou_city"),
		hukouDistrict: s.f("hukou_district"), hukouType: s.f("hukou_type"), empStatus: s.f("employment_status"),
		unempReg: s.f("unemployment_registered"), unempMonths: s.f("unemployed_months"),
		employedSince: s.f("employed_since_graduation"), certified: s.f("difficulty_certified"),
		landless: s.f("landless_farmer"), poverty: s.f("poverty_alleviated"), disabled: s.f("disabled"),
		orphan: s.f("orphan"), released: s.f("released_prisoner"), overcap: s.f("overcapacity_worker"),
		migrant: s.f("is_migrant_worker"), biz: s.f("business"), bizKind: s.f("business.kind"),
		bizDate: s.f("business.reg_date"), bizDistrict: s.f("business.reg_district"), bizCity: s.f("business.reg_city"),
		bizOnline: s.f("business.online_platform"), vetType: s.f("veteran.type"), vetDate: s.f("veteran.discharge_date"),
		retDate: s.f("returnee.return_date"),
	}
	for _, d := range in.defs() {
		s.addDerived(d)
	}
}

// age returns the whole years on the evaluation date.
func (in *personInputs) age(e *ectx, r *record) (int, bool) {
	d, ok := r.day(in.birth)
	if !ok {
		return 0, false
	}
	return yearsBetween(d, e.eval), true
}

// collegeGrad is derived.is_college_graduate: education ∈ {大专,本科,硕士,博士}
// 且 graduation_date <= eval_date.
func (in *personInputs) collegeGrad(e *ectx, r *record) bool {
	edu, _ := r.text(in.edu)
	g, ok := r.day(in.grad)
	return ok && isCollege(edu) && g <= e.eval
}

// schoolYear returns the graduating school year [start, end] (end inclusive).
func (in *personInputs) schoolYear(r *record) (start, end civil, ok bool) {
	g, ok := r.day(in.grad)
	if !ok {
		return 0, 0, false
	}
	start = gradSchoolYearStart(g)
	return start, addDays(addYears(start, 1), -1), true
}

// gxWindow returns the 5-year window from the graduating school year.
func (in *personInputs) gxWindow(r *record) (start, end civil, ok bool) {
	g, ok := r.day(in.grad)
	if !ok {
		return 0, 0, false
	}
	start = gradSchoolYearStart(g)
	return start, addDays(addYears(start, 5), -1), true
}

// workingAge is derived.working_age: 16 <= age, and 男 < 60、女 < 55.
func (in *personInputs) workingAge(e *ectx, r *record) bool {
	a, ok := in.age(e, r)
	g, gok := r.text(in.gender)
	if !ok || !gok || a < 16 {
		return false
	}
	if g == "女" {
		return a < 55
	}
	return a < 60
}

// difficulty computes Wuhan's nine categories.
func (in *personInputs) difficulty(e *ectx, r *record, t *trace) uint32 {
	var m uint32
	a, aok := in.age(e, r)
	g, _ := r.text(in.gender)
	if aok && ((g == "女" && a >= 40) || (g == "男" && a >= 50)) {
		m |= 1 << catOlder
	}
	if n, ok := r.number(in.unempMonths); ok && n >= 12 {
		m |= 1 << catLongUnemployed
	}
	hard := r.list(in.hardship)
	if r.boolean(in.landless) || hasAny(hard, "失地农民", "生活困难失地农民", "生活困难的失地农民") {
		m |= 1 << catLandless
	}
	if hasAny(hard, "低保家庭", "城乡低保家庭", "城镇低保家庭", "零就业家庭", "城镇零就业家庭") {
		m |= 1 << catZeroEmploymentOrDibao
	}
	if hasAny(hard, "农村零转移就业贫困家庭", "零转移就业贫困家庭", "零转移就业家庭") {
		m |= 1 << catRuralZeroTransfer
	}
	if gr, ok := r.day(in.grad); ok && r.boolean(in.fullTime) && in.collegeGrad(e, r) &&
		addMonths(gr, 12) <= e.eval && e.eval <= addYears(gr, 5) && !r.boolean(in.employedSince) {
		m |= 1 << catGradUnemployed
		if m == 1<<catGradUnemployed && !r.present(in.employedSince) {
			t.assume(in.employedSince.label)
		}
	}
	if r.boolean(in.disabled) {
		m |= 1 << catDisabled
	}
	if r.boolean(in.orphan) && aok && a >= 18 {
		m |= 1 << catAdultOrphan
	}
	if r.boolean(in.poverty) || hasAny(hard, "脱贫家庭", "建档立卡贫困家庭") {
		m |= 1 << catPovertyAlleviated
	}
	return m
}

// cydb computes the ten target groups of the personal 创业担保贷款.
func (in *personInputs) cydb(e *ectx, r *record) uint32 {
	var m uint32
	set := func(bit int, cond bool) {
		if cond {
			m |= 1 << bit
		}
	}
	hasBiz := r.present(in.biz)
	status, _ := r.text(in.empStatus)
	hukouType, _ := r.text(in.hukouType)
	_, vetDate := r.day(in.vetDate)
	_, vetType := r.text(in.vetType)
	_, returned := r.day(in.retDate)
	set(0, r.boolean(in.unempReg))
	set(1, r.boolean(in.certified))
	set(2, vetDate || vetType)
	set(3, r.boolean(in.released))
	set(4, in.collegeGrad(e, r))
	set(5, r.boolean(in.overcap))
	set(6, r.boolean(in.migrant) && returned)
	set(7, r.boolean(in.bizOnline))
	set(8, r.boolean(in.poverty) || hasAny(r.list(in.hardship), "脱贫家庭", "建档立卡贫困家庭"))
	set(9, hukouType == "农村" && (hasBiz || status == "自主创业"))
	return m
}

// defs returns the person derived fields.
func (in *personInputs) defs() []*derivedDef {
	return []*derivedDef{
		{name: "age", typ: tNum, label: "年龄", unit: "周岁", anchor: in.birth, stepMonths: 12, fixWord: "年满",
			fn: func(e *ectx, r *record, _ *trace) dval { a, ok := in.age(e, r); return dval{ok: ok, n: float64(a)} },
			say: func(e *ectx, r *record, v dval) string {
				if !v.ok {
					return "未提供出生日期"
				}
				return fmt.Sprintf("年龄 %d 周岁", int(v.n))
			}},
		{name: "is_college_graduate", typ: tBool, label: "是否为高校毕业生",
			fn:  func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, b: in.collegeGrad(e, r)} },
			say: func(e *ectx, r *record, v dval) string { return in.sayCollege(e, r, v.b) }},
		{name: "grad_school_year_start", typ: tDate, label: "毕业学年起点", fn: func(e *ectx, r *record, _ *trace) dval {
			st, _, ok := in.schoolYear(r)
			return dval{ok: ok, d: st}
		}, say: func(e *ectx, r *record, v dval) string {
			if !v.ok {
				return "未提供毕业日期"
			}
			return "毕业学年起点为 " + v.d.String()
		}},
		{name: "in_graduating_school_year", typ: tBool, label: "是否处于毕业学年", fn: func(e *ectx, r *record, _ *trace) dval {
			st, end, ok := in.schoolYear(r)
			return dval{ok: true, b: ok && st <= e.eval && e.eval <= end}
		}, say: func(e *ectx, r *record, v dval) string {
			st, end, ok := in.schoolYear(r)
			if !ok {
				return "未提供毕业日期，无法确定毕业学年"
			}
			g, _ := r.day(in.grad)
			if v.b {
				return fmt.Sprintf("毕业于 %s，在毕业学年内（%s 至 %s）", g, st, end)
			}
			return fmt.Sprintf("毕业于 %s，不在毕业学年内（%s 至 %s）", g, st, end)
		}, window: func(e *ectx, r *record) (window, bool) {
			_, end, ok := in.schoolYear(r)
			return window{end: end, desc: "毕业学年"}, ok
		}},
		{name: "working_age", typ: tBool, label: "是否在劳动年龄内",
			fn:  func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, b: in.workingAge(e, r)} },
			say: func(e *ectx, r *record, v dval) string { return in.sayWorkingAge(e, r, v.b) }},
		{name: "wh_difficulty_categories", typ: tMask, label: "武汉市就业困难人员类别", names: difficultyNames(),
			fn: func(e *ectx, r *record, t *trace) dval { return dval{ok: true, mask: in.difficulty(e, r, t)} },
			say: func(e *ectx, r *record, v dval) string {
				if v.mask == 0 {
					return "不属于武汉市九类就业困难人员中的任何一类"
				}
				return "属于武汉市就业困难人员类别：" + strings.Join(maskNames(difficultyNames(), v.mask), "、")
			}},
		{name: "business_months", typ: tNum, label: "经营时长", unit: "个月", anchor: in.bizDate, stepMonths: 1, fixWord: "经营满",
			fn: func(e *ectx, r *record, _ *trace) dval {
				d, ok := r.day(in.bizDate)
				if !ok {
					return dval{}
				}
				return dval{ok: true, n: float64(monthsBetween(d, e.eval))}
			}, say: func(e *ectx, r *record, v dval) string {
				if !v.ok {
					return "未提供经营主体的营业执照登记日期"
				}
				d, _ := r.day(in.bizDate)
				return fmt.Sprintf("营业执照登记于 %s，已经营 %d 个月", d, int(v.n))
			}},
		{name: "wh_gx_cy_window_ok", typ: tBool, label: "是否在毕业学年起 5 年内创业", fn: func(e *ectx, r *record, _ *trace) dval {
			st, end, ok := in.gxWindow(r)
			reg, rok := r.day(in.bizDate)
			return dval{ok: true, b: ok && rok && reg >= st && reg <= end && e.eval <= end}
		}, say: func(e *ectx, r *record, v dval) string { return in.sayGxWindow(e, r, v.b) },
			window: func(e *ectx, r *record) (window, bool) {
				_, end, ok := in.gxWindow(r)
				return window{end: end, desc: "毕业学年起 5 年"}, ok
			}},
		{name: "fanxiang_district_ok", typ: tBool, label: "是否返回原户籍区创业",
			fn:  func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, b: in.fanxiangOK(e, r)} },
			say: func(e *ectx, r *record, v dval) string { return in.sayFanxiang(e, r, v.b) }},
		{name: "reg_within_5y_of_return", typ: tBool, label: "是否返乡后 5 年内登记创业", fn: func(e *ectx, r *record, _ *trace) dval {
			ret, ok1 := r.day(in.retDate)
			reg, ok2 := r.day(in.bizDate)
			return dval{ok: true, b: ok1 && ok2 && ret <= reg && reg <= addYears(ret, 5)}
		}, say: func(e *ectx, r *record, v dval) string {
			ret, ok1 := r.day(in.retDate)
			reg, ok2 := r.day(in.bizDate)
			switch {
			case !ok1:
				return "未提供返乡日期"
			case !ok2:
				return "未提供营业执照登记日期"
			case v.b:
				return fmt.Sprintf("返乡于 %s，营业执照登记于 %s，在返乡后 5 年内（%s 前）", ret, reg, addYears(ret, 5))
			case reg < ret:
				return fmt.Sprintf("营业执照登记于 %s，早于返乡日期 %s", reg, ret)
			}
			return fmt.Sprintf("返乡于 %s，营业执照登记于 %s，超过返乡后 5 年（%s）", ret, reg, addYears(ret, 5))
		}},
		{name: "cydb_target_group", typ: tMask, label: "创业担保贷款扶持对象类别", names: cydbNames(),
			fn: func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, mask: in.cydb(e, r)} },
			say: func(e *ectx, r *record, v dval) string {
				if v.mask == 0 {
					return "不属于创业担保贷款十类扶持对象（登记失业、就业困难、退役军人、高校毕业生、返乡农民工、网络商户、自主创业农民等）"
				}
				return "属于创业担保贷款扶持对象：" + strings.Join(maskNames(cydbNames(), v.mask), "、")
			}},
		minWageDerived(in.hukouDistrict, in.hukouCity),
	}
}

// fanxiangOK is derived.fanxiang_district_ok: business.reg_district ==
// hukou_district, or both in the central group.
func (in *personInputs) fanxiangOK(e *ectx, r *record) bool {
	reg, ok1 := r.text(in.bizDistrict)
	home, ok2 := r.text(in.hukouDistrict)
	if !ok1 || !ok2 {
		return false
	}
	return reg == home || (e.cat.inCentral(reg) && e.cat.inCentral(home))
}

func (in *personInputs) sayCollege(e *ectx, r *record, yes bool) string {
	edu, eok := r.text(in.edu)
	g, gok := r.day(in.grad)
	switch {
	case yes:
		return fmt.Sprintf("学历%s，%s 毕业，属于高校毕业生", edu, g)
	case !eok:
		return "未提供学历，无法认定为高校毕业生"
	case !isCollege(edu):
		return fmt.Sprintf("学历%s，不属于高校毕业生（须大专及以上）", edu)
	case !gok:
		return "未提供毕业日期，无法认定为高校毕业生"
	}
	return fmt.Sprintf("毕业日期 %s 晚于评估日，尚未毕业", g)
}

func (in *personInputs) sayWorkingAge(e *ectx, r *record, yes bool) string {
	a, ok := in.age(e, r)
	g, gok := r.text(in.gender)
	if !ok {
		return "未提供出生日期，无法判断是否在劳动年龄内"
	}
	if !gok {
		return "未提供性别，无法判断是否在劳动年龄内"
	}
	limit := 60
	if g == "女" {
		limit = 55
	}
	if yes {
		return fmt.Sprintf("年龄 %d 周岁（%s），在劳动年龄内（16 周岁以上、%d 周岁以下）", a, g, limit)
	}
	if a < 16 {
		return fmt.Sprintf("年龄 %d 周岁，未满 16 周岁", a)
	}
	return fmt.Sprintf("年龄 %d 周岁（%s），已超出劳动年龄（%s须 %d 周岁以下）", a, g, g+"性", limit)
}

func (in *personInputs) sayGxWindow(e *ectx, r *record, yes bool) string {
	st, end, ok := in.gxWindow(r)
	if !ok {
		return "未提供毕业日期，无法确定毕业学年"
	}
	reg, rok := r.day(in.bizDate)
	if !rok {
		return "未提供营业执照登记日期"
	}
	head := fmt.Sprintf("毕业学年起点 %s，5 年期限至 %s；营业执照登记于 %s", st, end, reg)
	switch {
	case yes:
		return head + "，登记与申请均在期限内"
	case reg < st:
		return head + "，早于毕业学年起点"
	case reg > end:
		return head + "，晚于期限"
	}
	return head + "，申请日已超过期限"
}

func (in *personInputs) sayFanxiang(e *ectx, r *record, yes bool) string {
	reg, ok1 := r.text(in.bizDistrict)
	home, ok2 := r.text(in.hukouDistrict)
	switch {
	case !ok1:
		return "未提供经营主体注册区"
	case !ok2:
		return "未提供户籍所在区"
	case reg == home:
		return fmt.Sprintf("在原户籍区（%s）创业", home)
	case yes:
		return fmt.Sprintf("原户籍区（%s）与注册区（%s）同属中心城区组，视同返乡创业", home, reg)
	}
	return fmt.Sprintf("注册区（%s）与原户籍区（%s）不同，且二者不同属中心城区组", reg, home)
}

// minWageDerived is derived.min_wage for a record whose district and city
// fields are given.
func minWageDerived(district, city *fieldDef) *derivedDef {
	look := func(e *ectx, r *record) (float64, string, bool) {
		d, _ := r.text(district)
		c, _ := r.text(city)
		return e.cat.minWage(e.eval, d, c)
	}
	return &derivedDef{name: "min_wage", typ: tNum, label: "当地月最低工资标准", unit: "元", usesMinWage: true,
		fn: func(e *ectx, r *record, _ *trace) dval {
			v, _, ok := look(e, r)
			return dval{ok: ok, n: v}
		}, say: func(e *ectx, r *record, v dval) string {
			_, note, ok := look(e, r)
			if !ok {
				return "无法确定当地月最低工资标准（" + note + "）"
			}
			return note
		}}
}

// addEnterpriseDerived registers the enterprise-level derived fields; the
// element schemas' derived fields must already exist.
func addEnterpriseDerived(s *schema) {
	interns := s.f("interns")
	eligible := interns.elem.derived["eligible"]
	retained := interns.elem.f("retained")
	head, insured, rate := s.f("headcount"), s.f("insured_employees"), s.f("layoff_rate")
	hires := s.f("cydb_new_hires_12m")
	ratio := func(e *ectx, r *record) (kept, total int) {
		for _, it := range r.elems(interns) {
			if e.get(it, eligible).b {
				total++
				if it.boolean(retained) {
					kept++
				}
			}
		}
		return kept, total
	}
	staff := func(r *record) (float64, bool) {
		if n, ok := r.number(insured); ok {
			return n, true
		}
		return r.number(head)
	}
	layoff := func(r *record) (ok, known bool) {
		n, ok1 := staff(r)
		x, ok2 := r.number(rate)
		if !ok1 || !ok2 {
			return false, false
		}
		const eps = 1e-9
		return (n <= 30 && x <= 0.20+eps) || (n > 30 && x <= 0.055+eps), true
	}
	cydb := func(r *record) (ok bool, need int, threshold float64, known bool) {
		n, ok1 := r.number(head)
		h, ok2 := r.number(hires)
		if !ok1 || n <= 0 {
			return false, 0, 0, false
		}
		if !ok2 {
			h = 0
		}
		threshold = 0.10
		if n > 100 {
			threshold = 0.05
		}
		want := math.Ceil(threshold*n - 1e-9)
		return h >= want, int(want - h), threshold, true
	}
	s.addDerived(&derivedDef{name: "jianxi_retention_ratio", typ: tNum, label: "见习留用率", unit: "%",
		fn: func(e *ectx, r *record, _ *trace) dval {
			kept, total := ratio(e, r)
			if total == 0 {
				return dval{}
			}
			return dval{ok: true, n: float64(kept) / float64(total)}
		}, say: func(e *ectx, r *record, v dval) string {
			kept, total := ratio(e, r)
			if total == 0 {
				return "没有符合条件的见习人员"
			}
			return fmt.Sprintf("合格见习人员 %d 人，留用 %d 人，留用率 %s", total, kept, pct(v.n))
		}})
	s.addDerived(&derivedDef{name: "layoff_ok", typ: tBool, label: "上年度裁员率是否达标",
		fn: func(e *ectx, r *record, _ *trace) dval { ok, _ := layoff(r); return dval{ok: true, b: ok} },
		say: func(e *ectx, r *record, v dval) string {
			n, ok1 := staff(r)
			x, ok2 := r.number(rate)
			if !ok1 {
				return "未提供参保职工人数，无法判断裁员率"
			}
			if !ok2 {
				return "未提供上年度裁员率"
			}
			limit, band := 0.055, "30 人以上"
			if n <= 30 {
				limit, band = 0.20, "30 人及以下"
			}
			verb := "不高于"
			if !v.b {
				verb = "高于"
			}
			return fmt.Sprintf("参保职工 %s 人（%s），上年度裁员率 %s，%s %s", fmtNum(n), band, pct(x), verb, pct(limit))
		}})
	s.addDerived(&derivedDef{name: "cydb_ratio_ok", typ: tBool, label: "新招用人员比例是否达标",
		fn: func(e *ectx, r *record, _ *trace) dval { ok, _, _, _ := cydb(r); return dval{ok: true, b: ok} },
		say: func(e *ectx, r *record, v dval) string {
			ok, _, th, known := cydb(r)
			if !known {
				return "未提供在职职工人数，无法计算新招用人员比例"
			}
			n, _ := r.number(head)
			h, hok := r.number(hires)
			if !hok {
				return fmt.Sprintf("未提供近 12 个月新招用符合条件人员数（按 0 人计），未达到在职职工 %s 人的 %s", fmtNum(n), pct(th))
			}
			band := "在职 100 人及以下"
			if n > 100 {
				band = "在职超过 100 人"
			}
			verb := "达到"
			if !ok {
				verb = "未达到"
			}
			return fmt.Sprintf("近 12 个月新招用符合条件人员 %s 人，占在职职工 %s 人的 %s，%s %s（%s）", fmtNum(h), fmtNum(n), pct(h/n), verb, pct(th), band)
		}, fix: func(e *ectx, r *record) (fix, bool) {
			ok, need, th, known := cydb(r)
			if ok || !known || need <= 0 {
				return fix{}, false
			}
			return fix{text: fmt.Sprintf("再新招用 %d 名符合创业担保贷款申请条件的人员并签订 1 年以上劳动合同（使比例达到 %s）", need, pct(th))}, true
		}})
	s.addDerived(minWageDerived(s.f("reg_district"), s.f("reg_city")))
}

// addHireDerived registers the derived fields of a new_hires element.
func addHireDerived(s *schema) {
	edu, grad, hire := s.f("education"), s.f("graduation_date"), s.f("hire_date")
	age, regUnemp, between := s.f("age_at_hire"), s.f("registered_unemployed_at_hire"), s.f("employed_between_grad_and_hire")
	vet := s.f("veteran_discharge_date")
	gradOK := func(e *ectx, r *record) (civil, bool) {
		ed, _ := r.text(edu)
		g, ok := r.day(grad)
		return g, ok && isCollege(ed) && g <= e.eval
	}
	dates := func(r *record) string {
		g, gok := r.day(grad)
		h, hok := r.day(hire)
		switch {
		case gok && hok:
			return fmt.Sprintf("%s 毕业，%s 招用", g, h)
		case hok:
			return fmt.Sprintf("%s 招用", h)
		}
		return "未提供招用日期"
	}
	s.addDerived(&derivedDef{name: "is_grad_year_hire", typ: tBool, label: "是否为毕业年度招用的高校毕业生",
		fn: func(e *ectx, r *record, _ *trace) dval {
			g, ok := gradOK(e, r)
			h, hok := r.day(hire)
			return dval{ok: true, b: ok && hok && h.year() == g.year()}
		}, say: func(e *ectx, r *record, v dval) string {
			if v.b {
				return "毕业年度招用的高校毕业生（" + dates(r) + "）"
			}
			if _, ok := gradOK(e, r); !ok {
				return "不是毕业年度招用的高校毕业生（须大专及以上且已毕业）"
			}
			return "不是毕业年度招用（" + dates(r) + "）"
		}})
	s.addDerived(&derivedDef{name: "is_2y_unemployed_grad_hire", typ: tBool, label: "是否为离校 2 年内未就业高校毕业生",
		fn: func(e *ectx, r *record, t *trace) dval {
			g, ok := gradOK(e, r)
			h, hok := r.day(hire)
			yes := ok && hok && h <= addYears(g, 2) && !r.boolean(between)
			if yes && !r.present(between) {
				t.assume(between.label)
			}
			return dval{ok: true, b: yes}
		}, say: func(e *ectx, r *record, v dval) string {
			g, ok := gradOK(e, r)
			switch {
			case v.b:
				return fmt.Sprintf("离校 2 年内未就业的高校毕业生（%s，不晚于 %s）", dates(r), addYears(g, 2))
			case !ok:
				return "不是离校 2 年内的高校毕业生（须大专及以上且已毕业）"
			case r.boolean(between):
				return "毕业后至招用前曾就业"
			}
			return fmt.Sprintf("招用时已离校超过 2 年（%s）", dates(r))
		}})
	s.addDerived(&derivedDef{name: "is_youth_registered_unemployed_hire", typ: tBool, label: "是否为招用时登记失业的 16-24 岁青年",
		fn: func(e *ectx, r *record, _ *trace) dval {
			a, ok := r.number(age)
			return dval{ok: true, b: r.boolean(regUnemp) && ok && a >= 16 && a <= 24}
		}, say: func(e *ectx, r *record, v dval) string {
			a, ok := r.number(age)
			switch {
			case !r.boolean(regUnemp):
				return "招用时未登记失业"
			case !ok:
				return "未提供招用时年龄"
			case v.b:
				return fmt.Sprintf("招用时已登记失业，%s 周岁（16-24 周岁）", fmtNum(a))
			}
			return fmt.Sprintf("招用时已登记失业，但 %s 周岁，不在 16-24 周岁", fmtNum(a))
		}})
	s.addDerived(&derivedDef{name: "tenure_months", typ: tNum, label: "在岗时长", unit: "个月", anchor: hire, stepMonths: 1, fixWord: "在岗满",
		fn: func(e *ectx, r *record, _ *trace) dval {
			h, ok := r.day(hire)
			if !ok {
				return dval{}
			}
			return dval{ok: true, n: float64(monthsBetween(h, e.eval))}
		}, say: func(e *ectx, r *record, v dval) string {
			if !v.ok {
				return "未提供招用日期"
			}
			h, _ := r.day(hire)
			return fmt.Sprintf("招用于 %s，在岗 %d 个月", h, int(v.n))
		}})
	s.addDerived(&derivedDef{name: "hired_this_year", typ: tBool, label: "是否为当年新招用",
		fn: func(e *ectx, r *record, _ *trace) dval {
			h, ok := r.day(hire)
			return dval{ok: true, b: ok && h.year() == e.eval.year()}
		}, say: func(e *ectx, r *record, v dval) string {
			h, ok := r.day(hire)
			if !ok {
				return "未提供招用日期"
			}
			if v.b {
				return fmt.Sprintf("%d 年当年新招用（%s）", e.eval.year(), h)
			}
			return fmt.Sprintf("招用于 %s，不是 %d 年当年新招用", h, e.eval.year())
		}})
	s.addDerived(&derivedDef{name: "veteran_within_1y_at_hire", typ: tBool, label: "是否为退役 1 年内招用",
		fn: func(e *ectx, r *record, _ *trace) dval {
			v, ok1 := r.day(vet)
			h, ok2 := r.day(hire)
			return dval{ok: true, b: ok1 && ok2 && h <= addYears(v, 1)}
		}, say: func(e *ectx, r *record, v dval) string {
			d, ok1 := r.day(vet)
			h, ok2 := r.day(hire)
			switch {
			case !ok1:
				return "不是退役军人（未提供退役日期）"
			case !ok2:
				return "未提供招用日期"
			case v.b:
				return fmt.Sprintf("退役于 %s，%s 招用，在退役后 1 年内", d, h)
			}
			return fmt.Sprintf("退役于 %s，%s 招用，已超过退役后 1 年", d, h)
		}})
}

// addInternDerived registers intern.eligible: 见习开始时为离校2年内未就业高校毕业生，
// 或登记失业且16-24岁.
func addInternDerived(s *schema) {
	edu, grad, start := s.f("education"), s.f("graduation_date"), s.f("start_date")
	since, regUnemp, age := s.f("employed_since_graduation"), s.f("registered_unemployed"), s.f("age")
	grads := func(r *record) bool {
		ed, _ := r.text(edu)
		g, ok1 := r.day(grad)
		st, ok2 := r.day(start)
		return ok1 && ok2 && isCollege(ed) && g <= st && st <= addYears(g, 2) && !r.boolean(since)
	}
	youth := func(r *record) bool {
		a, ok := r.number(age)
		return r.boolean(regUnemp) && ok && a >= 16 && a <= 24
	}
	s.addDerived(&derivedDef{name: "eligible", typ: tBool, label: "是否为合格见习人员",
		fn: func(e *ectx, r *record, t *trace) dval {
			if grads(r) {
				if !r.present(since) {
					t.assume(since.label)
				}
				return dval{ok: true, b: true}
			}
			return dval{ok: true, b: youth(r)}
		}, say: func(e *ectx, r *record, v dval) string {
			st, _ := r.day(start)
			switch {
			case grads(r):
				return fmt.Sprintf("见习开始（%s）时为离校 2 年内未就业的高校毕业生", st)
			case v.b:
				a, _ := r.number(age)
				return fmt.Sprintf("已登记失业的 %s 周岁青年（16-24 周岁）", fmtNum(a))
			}
			return "见习开始时既不是离校 2 年内未就业的高校毕业生，也不是登记失业的 16-24 周岁青年"
		}})
}

// pct formats a ratio as a percentage: 0.055 → "5.5%".
func pct(x float64) string { return fmtNum(math.Round(x*10000)/100) + "%" }

// fmtNum formats a number without trailing zeros: 3 → "3", 923.78 → "923.78".
func fmtNum(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return fmt.Sprintf("%d", int64(x))
	}
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
