package policy

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
			t.assume(in.employedSince)
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
	difficulty, cydb := difficultyNames(), cydbNames()
	return []*derivedDef{
		{name: "age", typ: tNum, label: "年龄", unit: "周岁", anchor: in.birth, stepMonths: 12, fixWord: "年满",
			fn: func(e *ectx, r *record, _ *trace) dval { a, ok := in.age(e, r); return dval{ok: ok, n: float64(a)} },
			say: func(w *text, e *ectx, r *record, v dval) {
				if !v.ok {
					w.s("未提供出生日期")
					return
				}
				w.s("年龄 ").i(int(v.n)).s(" 周岁")
			}},
		{name: "is_college_graduate", typ: tBool, label: "是否为高校毕业生",
			fn:  func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, b: in.collegeGrad(e, r)} },
			say: func(w *text, e *ectx, r *record, v dval) { in.sayCollege(w, e, r, v.b) }},
		{name: "grad_school_year_start", typ: tDate, label: "毕业学年起点", fn: func(e *ectx, r *record, _ *trace) dval {
			st, _, ok := in.schoolYear(r)
			return dval{ok: ok, d: st}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			if !v.ok {
				w.s("未提供毕业日期")
				return
			}
			w.s("毕业学年起点为 ").d(v.d)
		}},
		{name: "in_graduating_school_year", typ: tBool, label: "是否处于毕业学年", fn: func(e *ectx, r *record, _ *trace) dval {
			st, end, ok := in.schoolYear(r)
			return dval{ok: true, b: ok && st <= e.eval && e.eval <= end}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			st, end, ok := in.schoolYear(r)
			if !ok {
				w.s("未提供毕业日期，无法确定毕业学年")
				return
			}
			g, _ := r.day(in.grad)
			if v.b {
				w.s("毕业于 ").d(g).s("，在毕业学年内（").d(st).s(" 至 ").d(end).s("）")
				return
			}
			w.s("评估日 ").d(e.eval).s(" 不在毕业学年内（").d(st).s(" 至 ").d(end).s("，毕业于 ").d(g).s("）")
		}, windowDesc: "毕业学年", window: func(e *ectx, r *record) (civil, bool) {
			_, end, ok := in.schoolYear(r)
			return end, ok
		}},
		{name: "working_age", typ: tBool, label: "是否在劳动年龄内",
			fn:  func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, b: in.workingAge(e, r)} },
			say: func(w *text, e *ectx, r *record, v dval) { in.sayWorkingAge(w, e, r, v.b) }},
		{name: "wh_difficulty_categories", typ: tMask, label: "武汉市就业困难人员类别", names: difficultyNames(), assumes: true,
			fn: func(e *ectx, r *record, t *trace) dval { return dval{ok: true, mask: in.difficulty(e, r, t)} },
			say: func(w *text, e *ectx, r *record, v dval) {
				if v.mask == 0 {
					w.s("不属于武汉市九类就业困难人员中的任何一类")
					return
				}
				w.s("属于武汉市就业困难人员类别：").mask(difficulty, v.mask)
			}},
		{name: "business_months", typ: tNum, label: "经营时长", unit: "个月", anchor: in.bizDate, stepMonths: 1, fixWord: "经营满",
			fn: func(e *ectx, r *record, _ *trace) dval {
				d, ok := r.day(in.bizDate)
				if !ok {
					return dval{}
				}
				return dval{ok: true, n: float64(monthsBetween(d, e.eval))}
			}, say: func(w *text, e *ectx, r *record, v dval) {
				if !v.ok {
					w.s("未提供经营主体的营业执照登记日期")
					return
				}
				d, _ := r.day(in.bizDate)
				w.s("营业执照登记于 ").d(d).s("，已经营 ").i(int(v.n)).s(" 个月")
			}},
		{name: "wh_gx_cy_window_ok", typ: tBool, label: "是否在毕业学年起 5 年内创业", fn: func(e *ectx, r *record, _ *trace) dval {
			st, end, ok := in.gxWindow(r)
			reg, rok := r.day(in.bizDate)
			return dval{ok: true, b: ok && rok && reg >= st && reg <= end && e.eval <= end}
		}, say: func(w *text, e *ectx, r *record, v dval) { in.sayGxWindow(w, e, r, v.b) },
			windowDesc: "毕业学年起 5 年", window: func(e *ectx, r *record) (civil, bool) {
				_, end, ok := in.gxWindow(r)
				return end, ok
			}},
		{name: "fanxiang_district_ok", typ: tBool, label: "是否返回原户籍区创业",
			fn:  func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, b: in.fanxiangOK(e, r)} },
			say: func(w *text, e *ectx, r *record, v dval) { in.sayFanxiang(w, e, r, v.b) }},
		{name: "reg_within_5y_of_return", typ: tBool, label: "是否返乡后 5 年内登记创业", fn: func(e *ectx, r *record, _ *trace) dval {
			ret, ok1 := r.day(in.retDate)
			reg, ok2 := r.day(in.bizDate)
			return dval{ok: true, b: ok1 && ok2 && ret <= reg && reg <= addYears(ret, 5)}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			ret, ok1 := r.day(in.retDate)
			reg, ok2 := r.day(in.bizDate)
			switch {
			case !ok1:
				w.s("未提供返乡日期")
			case !ok2:
				w.s("未提供营业执照登记日期")
			case v.b:
				w.s("返乡于 ").d(ret).s("，营业执照登记于 ").d(reg).s("，在返乡后 5 年内（").d(addYears(ret, 5)).s(" 前）")
			case reg < ret:
				w.s("营业执照登记于 ").d(reg).s("，早于返乡日期 ").d(ret)
			default:
				w.s("返乡于 ").d(ret).s("，营业执照登记于 ").d(reg).s("，超过返乡后 5 年（").d(addYears(ret, 5)).s("）")
			}
		}},
		{name: "cydb_target_group", typ: tMask, label: "创业担保贷款扶持对象类别", names: cydbNames(),
			fn: func(e *ectx, r *record, _ *trace) dval { return dval{ok: true, mask: in.cydb(e, r)} },
			say: func(w *text, e *ectx, r *record, v dval) {
				if v.mask == 0 {
					w.s("不属于创业担保贷款十类扶持对象（登记失业、就业困难、退役军人、高校毕业生、返乡农民工、网络商户、自主创业农民等）")
					return
				}
				w.s("属于创业担保贷款扶持对象：").mask(cydb, v.mask)
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

// sayCollege explains derived.is_college_graduate by naming the first input
// that decided it (missing education, non-college education, missing or future
// graduation date), so the applicant knows what to supply or correct.
func (in *personInputs) sayCollege(w *text, e *ectx, r *record, yes bool) {
	edu, eok := r.text(in.edu)
	g, gok := r.day(in.grad)
	switch {
	case yes:
		w.s("学历").s(edu).s("，").d(g).s(" 毕业，属于高校毕业生")
	case !eok:
		w.s("未提供学历，无法认定为高校毕业生")
	case !isCollege(edu):
		w.s("学历").s(edu).s("，不属于高校毕业生（须大专及以上）")
	case !gok:
		w.s("未提供毕业日期，无法认定为高校毕业生")
	default:
		w.s("毕业日期 ").d(g).s(" 晚于评估日，尚未毕业")
	}
}

// sayWorkingAge explains derived.working_age with the age and the
// gender-specific upper limit, since the limit differs for 女 and 男.
func (in *personInputs) sayWorkingAge(w *text, e *ectx, r *record, yes bool) {
	a, ok := in.age(e, r)
	g, gok := r.text(in.gender)
	if !ok {
		w.s("未提供出生日期，无法判断是否在劳动年龄内")
		return
	}
	if !gok {
		w.s("未提供性别，无法判断是否在劳动年龄内")
		return
	}
	limit := 60
	if g == "女" {
		limit = 55
	}
	switch {
	case yes:
		w.s("年龄 ").i(a).s(" 周岁（").s(g).s("），在劳动年龄内（16 周岁以上、").i(limit).s(" 周岁以下）")
	case a < 16:
		w.s("年龄 ").i(a).s(" 周岁，未满 16 周岁")
	default:
		w.s("年龄 ").i(a).s(" 周岁（").s(g).s("），已超出劳动年龄（").s(g).s("性须 ").i(limit).s(" 周岁以下）")
	}
}

// sayGxWindow explains derived.wh_gx_cy_window_ok with the window's dates
// and which end the registration or the application date fell outside of.
func (in *personInputs) sayGxWindow(w *text, e *ectx, r *record, yes bool) {
	st, end, ok := in.gxWindow(r)
	if !ok {
		w.s("未提供毕业日期，无法确定毕业学年")
		return
	}
	reg, rok := r.day(in.bizDate)
	if !rok {
		w.s("未提供营业执照登记日期")
		return
	}
	w.s("毕业学年起点 ").d(st).s("，5 年期限至 ").d(end).s("；营业执照登记于 ").d(reg)
	switch {
	case yes:
		w.s("，登记与申请均在期限内")
	case reg < st:
		w.s("，早于毕业学年起点")
	case reg > end:
		w.s("，晚于期限")
	default:
		w.s("，申请日已超过期限")
	}
}

// sayFanxiang explains derived.fanxiang_district_ok, including the case where
// different districts still count because both are in the central group.
func (in *personInputs) sayFanxiang(w *text, e *ectx, r *record, yes bool) {
	reg, ok1 := r.text(in.bizDistrict)
	home, ok2 := r.text(in.hukouDistrict)
	switch {
	case !ok1:
		w.s("未提供经营主体注册区")
	case !ok2:
		w.s("未提供户籍所在区")
	case reg == home:
		w.s("在原户籍区（").s(home).s("）创业")
	case yes:
		w.s("原户籍区（").s(home).s("）与注册区（").s(reg).s("）同属中心城区组，视同返乡创业")
	default:
		w.s("注册区（").s(reg).s("）与原户籍区（").s(home).s("）不同，且二者不同属中心城区组")
	}
}
