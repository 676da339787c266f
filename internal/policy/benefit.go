package policy

import (
	"math"
	"slices"
)

// benefitOut is a BenefitValue while the match's text is being written:
// Says and Detail name the buffer (Text and Type are the compiled policy's),
// the period is a number (pay*), so that it holds no pointer.
type benefitOut struct {
	amount       float64
	period       uint8
	months       int
	says, detail tref
}

// Payment periods of a benefitOut.
const (
	payNone uint8 = iota
	payOnce
	payMonthly
	payYearly
)

// periodNames are the BenefitValue periods of the pay* numbers.
var periodNames = [...]string{payNone: "", payOnce: PayOnce, payMonthly: PayMonthly, payYearly: PayYearly}

// value is b as a BenefitValue, its texts cut from s.
func (x *explainer) value(b benefitOut, cp *compiled, s string) BenefitValue {
	return BenefitValue{AmountYuan: b.amount, Period: periodNames[b.period], Months: b.months, Says: x.cut(b.says, s),
		Text: cp.text, Detail: x.cut(b.detail, s), Type: cp.p.Benefit.Type}
}

// benefit computes what cp pays the subject: fixed amounts; per-person
// amounts times the qualifying list elements; tiers by each qualifying
// element's level; formulas (minimum wage × ratio × months, …) times
// max_months when the formula is monthly; monthly caps × months × persons.
// Loans, tax credits, ranges and unknown bases give 0 with the text only.
func (x *explainer) benefit(cp *compiled, rec *record) benefitOut {
	b := &cp.p.Benefit
	e := x.e
	w := &x.w
	out := benefitOut{period: payOnce}
	approx := false
	qual := x.qual[:0]
	list := cp.blist
	if list != nil {
		for _, el := range rec.elems(list) {
			if cp.bwhere(e, el) {
				qual = append(qual, el)
			}
		}
	}
	x.qual = qual
	count := len(qual)
	noun := "人"
	if list != nil {
		noun = list.noun
	}
	lo := w.end
	switch {
	case b.Type == "fixed" && b.Yuan > 0:
		out.amount = b.Yuan
	case b.Type == "per_person":
		per := firstNonZero(b.YuanPerPerson, b.MaxPerPersonYuan, b.EnterpriseYuanPerPerson)
		if per > 0 && list != nil && count > 0 {
			out.amount = per * float64(count)
			w.s("每").s(noun).s(" ").n(per).s(" 元 × ").i(count).s(" ").s(noun)
			out.detail = x.since(lo)
		}
	case b.Type == "tiered" && len(b.Tiers) > 0 && list != nil:
		out.amount = x.tiered(cp, qual, noun)
		out.detail = x.since(lo)
		if b.PerYear {
			out.period = payYearly
		}
	case cp.formula != nil:
		approx = true
		x.notes.n = 0
		env := &x.env
		*env = fenv{e: e, rec: rec, qual: qual, list: list, x: x}
		v, err := evalNum(cp.formula, env)
		if err != nil || v < 0 {
			break
		}
		lo = w.end // the notes were written before it
		if x.notes.n == 0 {
			w.s("按公式计算")
		} else {
			w.s("按")
			for i, t := range x.notes.in(span{0, x.notes.n}) {
				if i > 0 {
					w.s("、")
				}
				x.copyRef(t)
			}
			w.s("计算")
		}
		if b.MaxMonths > 0 && !cp.formulaMonths {
			out.period, out.months = payMonthly, b.MaxMonths
		}
		out.amount, out.detail = v, x.since(lo)
	case b.CapYuanPerPersonMonth > 0 && b.MaxMonths > 0:
		n := max(count, 1)
		out.period, out.months = payMonthly, b.MaxMonths
		out.amount = b.CapYuanPerPersonMonth * float64(n)
		w.s("最高：每").s(noun).s("每月 ").n(b.CapYuanPerPersonMonth).s(" 元 × ").i(n).s(" ").s(noun).s("，按实际缴费补贴")
		out.detail = x.since(lo)
		lo = w.end
		w.s("每月最多 ").yuan(round2(out.amount)).s("，最长 ").i(out.months).s(" 个月")
		out.says = x.since(lo)
	}
	out.amount = round2(out.amount)
	if out.amount <= 0 {
		out.amount, out.period, out.months, out.says = 0, payNone, 0, tref{}
		return out
	}
	if out.says == (tref{}) {
		lo = w.end
		if out.period == payOnce && cp.formulaMonths {
			// A sum over the months the profile states (见习 months), paid as they are served.
			w.s("合计约 ").yuan(out.amount).s("（按填写的月数计算）")
		} else {
			says(w, out, approx)
		}
		out.says = x.since(lo)
	}
	return out
}

// says puts a payment in words the way it is paid: "一次性 8,000 元",
// "每月约 2,210 元，最长 36 个月", "每年 5,000 元".
func says(w *text, v benefitOut, approx bool) {
	switch v.period {
	case payMonthly:
		w.s("每月")
	case payYearly:
		w.s("每年")
	default:
		w.s("一次性")
	}
	if approx {
		w.s("约")
	}
	w.s(" ").yuan(v.amount)
	if v.period == payMonthly {
		w.s("，最长 ").i(v.months).s(" 个月")
	}
}

// tiered adds the tier amount of each qualifying element, found by any of
// its text fields naming a tier ("中级"), else the tier "未取证"; at most
// max_times_per_year elements count, largest first. It writes the detail
// ("中级 1500 元 × 2 人", by tier name).
func (x *explainer) tiered(cp *compiled, qual []*record, noun string) float64 {
	b := &cp.p.Benefit
	amounts := x.amounts[:0]
	var counts [16]int
	byTier := counts[:0]
	if len(cp.tierNames) <= len(counts) {
		byTier = counts[:len(cp.tierNames)]
	} else {
		byTier = make([]int, len(cp.tierNames))
	}
	for _, el := range qual {
		tier := ""
		for _, f := range el.sch.fields {
			if v, ok := el.text(f); ok && f.typ == tStr {
				if _, hit := b.Tiers[v]; hit {
					tier = v
					break
				}
			}
		}
		if tier == "" {
			if _, ok := b.Tiers["未取证"]; !ok {
				continue
			}
			tier = "未取证"
		}
		amounts = append(amounts, b.Tiers[tier])
		byTier[slices.Index(cp.tierNames, tier)]++
	}
	x.amounts = amounts
	slices.Sort(amounts)
	slices.Reverse(amounts)
	if b.MaxTimesPerYear > 0 && len(amounts) > b.MaxTimesPerYear {
		amounts = amounts[:b.MaxTimesPerYear]
	}
	sum := 0.0
	for _, a := range amounts {
		sum += a
	}
	n := 0
	for i, t := range cp.tierNames {
		if byTier[i] == 0 {
			continue
		}
		if n > 0 {
			x.w.s("，")
		}
		x.w.s(t).s(" ").n(b.Tiers[t]).s(" 元 × ").i(byTier[i]).s(" ").s(noun)
		n++
	}
	if b.PerYear {
		x.w.s("（每年）")
	}
	return sum
}

// firstNonZero returns the first non-zero value.
func firstNonZero(vs ...float64) float64 {
	for _, v := range vs {
		if v != 0 {
			return v
		}
	}
	return 0
}

// round2 rounds to fen.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
