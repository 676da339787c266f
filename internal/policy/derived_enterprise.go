package policy

import "math"

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
		}, say: func(w *text, e *ectx, r *record, v dval) {
			kept, total := ratio(e, r)
			if total == 0 {
				w.s("没有符合条件的见习人员")
				return
			}
			w.s("合格见习人员 ").i(total).s(" 人，留用 ").i(kept).s(" 人，留用率 ").pct(v.n)
		}})
	s.addDerived(&derivedDef{name: "layoff_ok", typ: tBool, label: "上年度裁员率是否达标",
		fn: func(e *ectx, r *record, _ *trace) dval { ok, _ := layoff(r); return dval{ok: true, b: ok} },
		say: func(w *text, e *ectx, r *record, v dval) {
			n, ok1 := staff(r)
			x, ok2 := r.number(rate)
			if !ok1 {
				w.s("未提供参保职工人数，无法判断裁员率")
				return
			}
			if !ok2 {
				w.s("未提供上年度裁员率")
				return
			}
			limit, band := 0.055, "30 人以上"
			if n <= 30 {
				limit, band = 0.20, "30 人及以下"
			}
			verb := "不高于"
			if !v.b {
				verb = "高于"
			}
			w.s("参保职工 ").n(n).s(" 人（").s(band).s("），上年度裁员率 ").pct(x).s("，").s(verb).s(" ").pct(limit)
		}})
	s.addDerived(&derivedDef{name: "cydb_ratio_ok", typ: tBool, label: "新招用人员比例是否达标",
		fn: func(e *ectx, r *record, _ *trace) dval { ok, _, _, _ := cydb(r); return dval{ok: true, b: ok} },
		say: func(w *text, e *ectx, r *record, v dval) {
			ok, _, th, known := cydb(r)
			if !known {
				w.s("未提供在职职工人数，无法计算新招用人员比例")
				return
			}
			n, _ := r.number(head)
			h, hok := r.number(hires)
			if !hok {
				w.s("未提供近 12 个月新招用符合条件人员数（按 0 人计），未达到在职职工 ").n(n).s(" 人的 ").pct(th)
				return
			}
			band := "在职 100 人及以下"
			if n > 100 {
				band = "在职超过 100 人"
			}
			verb := "达到"
			if !ok {
				verb = "未达到"
			}
			w.s("近 12 个月新招用符合条件人员 ").n(h).s(" 人，占在职职工 ").n(n).s(" 人的 ").pct(h / n).s("，").s(verb).s(" ").pct(th).s("（").s(band).s("）")
		}, fix: func(e *ectx, r *record) bool {
			ok, need, _, known := cydb(r)
			return !ok && known && need > 0
		}, sayFix: func(w *text, e *ectx, r *record) {
			_, need, th, _ := cydb(r)
			w.s("再新招用 ").i(need).s(" 名符合创业担保贷款申请条件的人员并签订 1 年以上劳动合同（使比例达到 ").pct(th).s("）")
		}})
	s.addDerived(minWageDerived(s.f("reg_district"), s.f("reg_city")))
}
