package policy

import (
	"fmt"
	"math"
	"time"
)

// Result is an explained match (JSON as POST /api/v1/policies/match returns).
type Result struct {
	EvalDate   string       `json:"eval_date"`
	Eligible   []Eligible   `json:"eligible"`
	Ineligible []Ineligible `json:"ineligible"`
	// TotalYuan adds up the one-off amounts, counting only the largest
	// within each exclusive group (the "red packet" headline). Monthly and
	// yearly amounts are not added in: they are paid over time and only
	// while the conditions hold; Recurring counts them.
	TotalYuan float64 `json:"total_yuan"`
	Recurring int     `json:"recurring"`
}

// NearAndFar splits the policies the subject does not qualify for into
// those one change away (a hint says which) and the rest, the two lists
// every result page shows.
func (r *Result) NearAndFar() (near, far []Ineligible) {
	for _, in := range r.Ineligible {
		if in.Hint != "" {
			near = append(near, in)
		} else {
			far = append(far, in)
		}
	}
	return near, far
}

// Eligible is a policy the subject qualifies for, with the reasons and the
// defaulted attributes the answer rests on.
type Eligible struct {
	PolicyID       string       `json:"policy_id"`
	Name           string       `json:"name"`
	Category       string       `json:"category"`
	Benefit        BenefitValue `json:"benefit"`
	Reasons        []string     `json:"reasons"`
	Assumed        []string     `json:"assumed"`
	ExclusiveGroup string       `json:"exclusive_group,omitempty"`
}

// BenefitValue is what a subject will receive, stated the way it is paid:
// AmountYuan is one payment — the one-off sum (Period "once"), the monthly
// amount (Period "month", for at most Months months) or the yearly amount
// (Period "year") — never a monthly amount multiplied into a total. It is 0
// when it cannot be computed from the profile (and for loans and tax
// credits). Says puts it in words ("每月约 2,210 元，最长 36 个月"); Text is
// the catalog's amount_text without research notes; Detail shows how
// AmountYuan was found.
type BenefitValue struct {
	AmountYuan float64 `json:"amount_yuan"`
	Period     string  `json:"period,omitempty"`
	Months     int     `json:"months,omitempty"`
	Says       string  `json:"says,omitempty"`
	Text       string  `json:"text"`
	Detail     string  `json:"detail,omitempty"`
	Type       string  `json:"type,omitempty"`
}

// Payment periods of a BenefitValue.
const (
	PayOnce    = "once"
	PayMonthly = "month"
	PayYearly  = "year"
)

// OneOffYuan is the amount when it is paid once, else 0: the only amounts
// that add up into a headline without overpromising.
func (b BenefitValue) OneOffYuan() float64 {
	if b.Period == PayOnce {
		return b.AmountYuan
	}
	return 0
}

// Ineligible is an active policy the subject does not qualify for: the
// failed conditions, and a hint naming the one change that would qualify it
// (empty when no single change suffices).
type Ineligible struct {
	PolicyID string    `json:"policy_id"`
	Name     string    `json:"name"`
	Failed   []Failure `json:"failed"`
	Hint     string    `json:"hint"`
}

// Failure is one unmet condition: the attribute path and a Chinese sentence.
type Failure struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Match evaluates every active policy of the subject's kind on evalDate with
// explanations. It fails with a *FieldError when the attributes are invalid,
// or (field "eval_date") when evalDate precedes every minimum-wage table and
// an active policy needs the minimum wage.
func (c *Catalog) Match(s Subject, evalDate time.Time) (*Result, error) {
	p, err := c.Prepare(s)
	if err != nil {
		return nil, err
	}
	return c.MatchPrepared(p, evalDate)
}

// MatchPrepared is Match for an already prepared subject.
func (c *Catalog) MatchPrepared(p *Prepared, evalDate time.Time) (*Result, error) {
	if p.set != c.schemas {
		rec, err := loadSubject(c.schemas, p.src)
		if err != nil {
			return nil, err
		}
		p.rec, p.set = rec, c.schemas
	}
	d := civilOf(evalDate)
	var active []*compiled
	for _, i := range c.ids(p.kind) {
		if cp := c.comp[i]; inSpan(d, cp.from, cp.to) {
			active = append(active, cp)
		}
	}
	for _, cp := range active {
		if cp.usesMinWage && (c.firstMW == 0 || d < c.firstMW) {
			first := "（目录中没有最低工资参数）"
			if c.firstMW != 0 {
				first = "（最早为 " + c.firstMW.String() + "）"
			}
			return nil, &FieldError{Field: "eval_date", Message: fmt.Sprintf("评估日期 %s 早于最低工资标准的生效日期%s，无法判断“%s”", d, first, cp.p.Name)}
		}
	}
	e := &p.ctx
	e.begin(c, d, p.rec)
	x := &explainer{e: e}
	res := &Result{EvalDate: d.String(), Eligible: []Eligible{}, Ineligible: []Ineligible{}}
	for _, cp := range active {
		o := x.node(cp.root, p.rec, "")
		pol := cp.p
		if o.ok {
			res.Eligible = append(res.Eligible, Eligible{PolicyID: pol.ID, Name: pol.Name, Category: pol.Category,
				Benefit: c.benefit(cp, e, p.rec), Reasons: nonNil(o.reasons), Assumed: nonNil(dedupe(o.assumed)), ExclusiveGroup: pol.ExclusiveGroup})
			continue
		}
		res.Ineligible = append(res.Ineligible, Ineligible{PolicyID: pol.ID, Name: pol.Name, Failed: o.fails, Hint: hint(o, cp, d)})
	}
	res.TotalYuan = total(res.Eligible)
	for _, e := range res.Eligible {
		if e.Benefit.AmountYuan > 0 && e.Benefit.Period != PayOnce {
			res.Recurring++
		}
	}
	return res, nil
}

// total adds amounts, keeping the largest per exclusive group.
func total(el []Eligible) float64 {
	best := map[string]float64{}
	sum := 0.0
	for _, e := range el {
		if e.ExclusiveGroup == "" {
			sum += e.Benefit.OneOffYuan()
			continue
		}
		best[e.ExclusiveGroup] = math.Max(best[e.ExclusiveGroup], e.Benefit.OneOffYuan())
	}
	for _, v := range best {
		sum += v
	}
	return math.Round(sum*100) / 100
}

// nonNil returns s, or an empty slice for nil (JSON [] instead of null).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// dedupe removes repeated strings, keeping the first.
func dedupe(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
