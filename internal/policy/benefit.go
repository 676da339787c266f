package policy

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// benefit computes what cp pays the subject: fixed amounts; per-person
// amounts times the qualifying list elements; tiers by each qualifying
// element's level; formulas (minimum wage × ratio × months, …) times
// max_months when the formula is monthly; monthly caps × months × persons.
// Loans, tax credits, ranges and unknown bases give 0 with the text only.
func (c *Catalog) benefit(cp *compiled, e *ectx, rec *record) BenefitValue {
	b := cp.p.Benefit
	out := BenefitValue{Text: PublicText(b.AmountText), Type: b.Type, Period: PayOnce}
	approx := false
	var qual []*record
	var list *fieldDef
	if ex := cp.root.firstExists(); ex != nil {
		list = ex.list
		where := buildPred(ex.kids[0])
		for _, el := range rec.elems(list) {
			if where(e, el) {
				qual = append(qual, el)
			}
		}
	}
	count := len(qual)
	noun := "人"
	if list != nil {
		noun = list.noun
	}
	switch {
	case b.Type == "fixed" && b.Yuan > 0:
		out.AmountYuan = b.Yuan
	case b.Type == "per_person":
		per := firstNonZero(b.YuanPerPerson, b.MaxPerPersonYuan, b.EnterpriseYuanPerPerson)
		if per > 0 && list != nil && count > 0 {
			out.AmountYuan = per * float64(count)
			out.Detail = fmt.Sprintf("每%s %s 元 × %d %s", noun, fmtNum(per), count, noun)
		}
	case b.Type == "tiered" && len(b.Tiers) > 0 && list != nil:
		out.AmountYuan, out.Detail = tiered(b, qual, noun)
		if b.PerYear {
			out.Period = PayYearly
		}
	case cp.formula != nil:
		approx = true
		env := &fenv{e: e, rec: rec, qual: qual, list: list}
		v, err := evalNum(cp.formula, env)
		if err != nil || v < 0 {
			break
		}
		detail := "按" + strings.Join(env.notes, "、") + "计算"
		if len(env.notes) == 0 {
			detail = "按公式计算"
		}
		if b.MaxMonths > 0 && !strings.Contains(b.Formula, "months") {
			out.Period, out.Months = PayMonthly, b.MaxMonths
		}
		out.AmountYuan, out.Detail = v, detail
	case b.CapYuanPerPersonMonth > 0 && b.MaxMonths > 0:
		n := max(count, 1)
		out.Period, out.Months = PayMonthly, b.MaxMonths
		out.AmountYuan = b.CapYuanPerPersonMonth * float64(n)
		out.Detail = fmt.Sprintf("最高：每%s每月 %s 元 × %d %s，按实际缴费补贴", noun, fmtNum(b.CapYuanPerPersonMonth), n, noun)
		out.Says = fmt.Sprintf("每月最多 %s，最长 %d 个月", yuanWords(round2(out.AmountYuan)), out.Months)
	}
	out.AmountYuan = round2(out.AmountYuan)
	if out.AmountYuan <= 0 {
		out.AmountYuan, out.Period, out.Months, out.Says = 0, "", 0, ""
		return out
	}
	if out.Says == "" {
		out.Says = says(out, approx)
		if out.Period == PayOnce && strings.Contains(b.Formula, "months") {
			// A sum over the months the profile states (见习 months), paid as they are served.
			out.Says = "合计约 " + yuanWords(out.AmountYuan) + "（按填写的月数计算）"
		}
	}
	return out
}

// says puts a payment in words the way it is paid: "一次性 8,000 元",
// "每月约 2,210 元，最长 36 个月", "每年 5,000 元".
func says(v BenefitValue, approx bool) string {
	amount := " " + yuanWords(v.AmountYuan)
	if approx {
		amount = "约" + amount
	}
	switch v.Period {
	case PayMonthly:
		return fmt.Sprintf("每月%s，最长 %d 个月", amount, v.Months)
	case PayYearly:
		return "每年" + amount
	}
	return "一次性" + amount
}

// yuanWords writes an amount as people say it: "2,210 元", "923.78 元".
func yuanWords(v float64) string { return strings.TrimPrefix(FormatYuan(v), "¥") + " 元" }

// tiered adds the tier amount of each qualifying element, found by any of
// its text fields naming a tier ("中级"), else the tier "未取证"; at most
// max_times_per_year elements count, largest first.
func tiered(b Benefit, qual []*record, noun string) (float64, string) {
	var amounts []float64
	byTier := map[string]int{}
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
		byTier[tier]++
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(amounts)))
	if b.MaxTimesPerYear > 0 && len(amounts) > b.MaxTimesPerYear {
		amounts = amounts[:b.MaxTimesPerYear]
	}
	sum := 0.0
	for _, a := range amounts {
		sum += a
	}
	var parts []string
	for _, t := range sortedKeys(byTier) {
		parts = append(parts, fmt.Sprintf("%s %s 元 × %d %s", t, fmtNum(b.Tiers[t]), byTier[t], noun))
	}
	detail := strings.Join(parts, "，")
	if b.PerYear {
		detail += "（每年）"
	}
	return sum, detail
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
