package policy

// addHireDerived registers the derived fields of a new_hires element.
func addHireDerived(s *schema) {
	edu, grad, hire := s.f("education"), s.f("graduation_date"), s.f("hire_date")
	age, regUnemp, between := s.f("age_at_hire"), s.f("registered_unemployed_at_hire"), s.f("employed_between_grad_and_hire")
	vet := s.f("veteran_discharge_date")
	// gradOK: a college graduate counts from 1 January of the graduation
	// year (毕业年度), so this year's graduates hired in spring count before
	// their graduation date, as the schema's year(hire) == year(graduation) says.
	gradOK := func(e *ectx, r *record) (civil, bool) {
		ed, _ := r.text(edu)
		g, ok := r.day(grad)
		return g, ok && isCollege(ed) && yearStart(g) <= e.eval
	}
	notGrad := func(w *text, e *ectx, r *record) *text {
		ed, _ := r.text(edu)
		g, ok := r.day(grad)
		switch {
		case !isCollege(ed):
			return w.s("须大专及以上学历")
		case !ok:
			return w.s("未提供毕业日期")
		}
		return w.s("评估日 ").d(e.eval).s(" 早于毕业年度（").i(g.year()).s(" 年 1 月 1 日起）")
	}
	dates := func(w *text, r *record) *text {
		g, gok := r.day(grad)
		h, hok := r.day(hire)
		switch {
		case gok && hok:
			return w.d(g).s(" 毕业，").d(h).s(" 招用")
		case hok:
			return w.d(h).s(" 招用")
		}
		return w.s("未提供招用日期")
	}
	s.addDerived(&derivedDef{name: "is_grad_year_hire", typ: tBool, label: "是否为毕业年度招用的高校毕业生",
		fn: func(e *ectx, r *record, _ *trace) dval {
			g, ok := gradOK(e, r)
			h, hok := r.day(hire)
			return dval{ok: true, b: ok && hok && h.year() == g.year()}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			if v.b {
				dates(w.s("毕业年度招用的高校毕业生（"), r).s("）")
				return
			}
			if _, ok := gradOK(e, r); !ok {
				notGrad(w.s("不是毕业年度招用的高校毕业生（"), e, r).s("）")
				return
			}
			dates(w.s("不是毕业年度招用（"), r).s("）")
		}})
	s.addDerived(&derivedDef{name: "is_2y_unemployed_grad_hire", typ: tBool, label: "是否为离校 2 年内未就业高校毕业生", assumes: true,
		fn: func(e *ectx, r *record, t *trace) dval {
			g, ok := gradOK(e, r)
			h, hok := r.day(hire)
			yes := ok && hok && h <= addYears(g, 2) && !r.boolean(between)
			if yes && !r.present(between) {
				t.assume(between)
			}
			return dval{ok: true, b: yes}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			g, ok := gradOK(e, r)
			switch {
			case v.b:
				dates(w.s("离校 2 年内未就业的高校毕业生（"), r).s("，不晚于 ").d(addYears(g, 2)).s("）")
			case !ok:
				notGrad(w.s("不是离校 2 年内的高校毕业生（"), e, r).s("）")
			case r.boolean(between):
				w.s("毕业后至招用前曾就业")
			default:
				dates(w.s("招用时已离校超过 2 年（"), r).s("）")
			}
		}})
	s.addDerived(&derivedDef{name: "is_youth_registered_unemployed_hire", typ: tBool, label: "是否为招用时登记失业的 16-24 岁青年",
		fn: func(e *ectx, r *record, _ *trace) dval {
			a, ok := r.number(age)
			return dval{ok: true, b: r.boolean(regUnemp) && ok && a >= 16 && a <= 24}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			a, ok := r.number(age)
			switch {
			case !r.boolean(regUnemp):
				w.s("招用时未登记失业")
			case !ok:
				w.s("未提供招用时年龄")
			case v.b:
				w.s("招用时已登记失业，").n(a).s(" 周岁（16-24 周岁）")
			default:
				w.s("招用时已登记失业，但 ").n(a).s(" 周岁，不在 16-24 周岁")
			}
		}})
	s.addDerived(&derivedDef{name: "tenure_months", typ: tNum, label: "在岗时长", unit: "个月", anchor: hire, stepMonths: 1, fixWord: "在岗满",
		fn: func(e *ectx, r *record, _ *trace) dval {
			h, ok := r.day(hire)
			if !ok {
				return dval{}
			}
			return dval{ok: true, n: float64(monthsBetween(h, e.eval))}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			if !v.ok {
				w.s("未提供招用日期")
				return
			}
			h, _ := r.day(hire)
			w.s("招用于 ").d(h).s("，在岗 ").i(int(v.n)).s(" 个月")
		}})
	s.addDerived(&derivedDef{name: "hired_this_year", typ: tBool, label: "是否为当年新招用",
		fn: func(e *ectx, r *record, _ *trace) dval {
			h, ok := r.day(hire)
			return dval{ok: true, b: ok && h.year() == e.eval.year()}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			h, ok := r.day(hire)
			switch {
			case !ok:
				w.s("未提供招用日期")
			case v.b:
				w.i(e.eval.year()).s(" 年当年新招用（").d(h).s("）")
			default:
				w.s("招用于 ").d(h).s("，不是 ").i(e.eval.year()).s(" 年当年新招用")
			}
		}})
	s.addDerived(&derivedDef{name: "veteran_within_1y_at_hire", typ: tBool, label: "是否为退役 1 年内招用",
		fn: func(e *ectx, r *record, _ *trace) dval {
			v, ok1 := r.day(vet)
			h, ok2 := r.day(hire)
			return dval{ok: true, b: ok1 && ok2 && h <= addYears(v, 1)}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			d, ok1 := r.day(vet)
			h, ok2 := r.day(hire)
			switch {
			case !ok1:
				w.s("不是退役军人（未提供退役日期）")
			case !ok2:
				w.s("未提供招用日期")
			case v.b:
				w.s("退役于 ").d(d).s("，").d(h).s(" 招用，在退役后 1 年内")
			default:
				w.s("退役于 ").d(d).s("，").d(h).s(" 招用，已超过退役后 1 年")
			}
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
	s.addDerived(&derivedDef{name: "eligible", typ: tBool, label: "是否为合格见习人员", assumes: true,
		fn: func(e *ectx, r *record, t *trace) dval {
			if grads(r) {
				if !r.present(since) {
					t.assume(since)
				}
				return dval{ok: true, b: true}
			}
			return dval{ok: true, b: youth(r)}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			st, _ := r.day(start)
			switch {
			case grads(r):
				w.s("见习开始（").d(st).s("）时为离校 2 年内未就业的高校毕业生")
			case v.b:
				a, _ := r.number(age)
				w.s("已登记失业的 ").n(a).s(" 周岁青年（16-24 周岁）")
			default:
				w.s("见习开始时既不是离校 2 年内未就业的高校毕业生，也不是登记失业的 16-24 周岁青年")
			}
		}})
}
