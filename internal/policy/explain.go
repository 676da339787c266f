package policy

import (
	"fmt"
	"math"
	"slices"
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
	p, err := c.preparePooled(s)
	if err != nil {
		return nil, err
	}
	defer c.release(p)
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
	e := &p.ctx
	x := getExplainer(c, e, p.rec)
	defer x.put()
	for _, i := range c.ids(p.kind) {
		if cp := c.comp[i]; inSpan(d, cp.from, cp.to) {
			x.active.push(int32(i))
		}
	}
	for _, i := range x.active.in(span{0, x.active.n}) {
		if cp := c.comp[i]; cp.usesMinWage && (c.firstMW == 0 || d < c.firstMW) {
			first := "（目录中没有最低工资参数）"
			if c.firstMW != 0 {
				first = "（最早为 " + c.firstMW.String() + "）"
			}
			return nil, &FieldError{Field: "eval_date", Message: fmt.Sprintf("评估日期 %s 早于最低工资标准的生效日期%s，无法判断“%s”", d, first, cp.p.Name)}
		}
	}
	e.begin(c, d, p.rec)
	for _, i := range x.active.in(span{0, x.active.n}) {
		slot := x.reserve(1)
		x.node(c.comp[i].root, p.rec, 0, tref{}, slot)
		x.verdicts.push(x.outs.s[slot])
		x.outs.n = slot
	}
	return x.result(c, p.rec, d), nil
}

// written is what the result shows of one policy, written into the buffer.
type written struct {
	reasons, assumed span // in refs
	hint             tref
	benefit          benefitOut
}

// cut is t's text: the fixed text, or cut from s (the finished buffer).
func (x *explainer) cut(t tref, s string) string {
	if t.lo < 0 {
		return x.tab[-1-t.lo]
	}
	return s[t.lo:t.hi]
}

// result writes the texts the verdicts show (reasons, assumptions, amounts,
// hints; the failures are written already), turns the buffer into one
// string and cuts the result's texts from it.
func (x *explainer) result(c *Catalog, rec *record, d civil) *Result {
	date := x.w.end
	x.w.d(d)
	evalDate := x.since(date)
	active := x.active.in(span{0, x.active.n})
	nEl, nFails := 0, 0
	for k, i := range active {
		cp := c.comp[i]
		o := x.verdicts.s[k]
		var wr written
		if o.ok {
			nEl++
			lo := x.refs.n
			for j := o.list.lo; j < o.list.hi; j++ {
				x.refs.push(x.ref(x.ids.s[j]))
			}
			wr.reasons = span{lo, x.refs.n}
			lo = x.refs.n
			for j := o.assumed.lo; j < o.assumed.hi; j++ {
				t := x.ref(x.ids.s[j])
				dup := false
				for _, u := range x.refs.in(span{lo, x.refs.n}) {
					if x.eq(t, u) {
						dup = true
						break
					}
				}
				if !dup {
					x.refs.push(t)
				}
			}
			wr.assumed = span{lo, x.refs.n}
			wr.benefit = x.benefit(cp, rec)
		} else {
			nFails += o.list.n()
			wr.hint = x.hint(o, cp, d, c.periodOf)
		}
		x.written.push(wr)
	}
	s := x.compact(&evalDate)
	strs := make([]string, x.refs.n)
	for i, t := range x.refs.in(span{0, x.refs.n}) {
		strs[i] = x.cut(t, s)
	}
	fails := make([]Failure, nFails)
	res := &Result{EvalDate: x.cut(evalDate, s), Eligible: make([]Eligible, 0, nEl), Ineligible: make([]Ineligible, 0, len(active)-nEl)}
	n := 0
	for k, i := range active {
		cp := c.comp[i]
		o, wr, pol := &x.verdicts.s[k], &x.written.s[k], cp.p
		if o.ok {
			res.Eligible = append(res.Eligible, Eligible{PolicyID: pol.ID, Name: pol.Name, Category: pol.Category,
				Benefit: x.value(wr.benefit, cp, s), Reasons: strs[wr.reasons.lo:wr.reasons.hi:wr.reasons.hi],
				Assumed: strs[wr.assumed.lo:wr.assumed.hi:wr.assumed.hi], ExclusiveGroup: pol.ExclusiveGroup})
			continue
		}
		f := fails[n : n+o.list.n() : n+o.list.n()]
		for j, g := range x.fails.in(o.list) {
			f[j] = Failure{Field: x.cut(g.field, s), Reason: x.cut(g.reason, s)}
		}
		n += len(f)
		res.Ineligible = append(res.Ineligible, Ineligible{PolicyID: pol.ID, Name: pol.Name, Failed: f, Hint: x.cut(wr.hint, s)})
	}
	res.TotalYuan = total(res.Eligible)
	for _, e := range res.Eligible {
		if e.Benefit.AmountYuan > 0 && e.Benefit.Period != PayOnce {
			res.Recurring++
		}
	}
	return res
}

// compact copies the texts the result shows out of the buffer (which also
// holds the failures of branches that did not count, and the pieces longer
// sentences were joined from) into one string and points their trefs into
// it. (The pieces are gathered in scratch space first: one copy more, but
// into memory that is warm and holds no pointers.)
func (x *explainer) compact(evalDate *tref) string {
	c := compactor{src: x.w.b, dst: &x.shown}
	c.dst.end = 0
	x.eachRef(evalDate, &c)
	return c.dst.String()
}

// compactor copies the texts of a result.
type compactor struct {
	src []byte
	dst *text
}

// do copies the text t names, when it is in the buffer.
func (c *compactor) do(t *tref) {
	if t.lo < 0 {
		return
	}
	lo := c.dst.end
	c.dst.raw(c.src[t.lo:t.hi])
	*t = tref{lo: int32(lo), hi: int32(c.dst.end)}
}

// eachRef passes every text the result shows to c.
func (x *explainer) eachRef(evalDate *tref, c *compactor) {
	c.do(evalDate)
	for i := range x.refs.n {
		c.do(&x.refs.s[i])
	}
	for k := range x.verdicts.n {
		o, wr := &x.verdicts.s[k], &x.written.s[k]
		if o.ok {
			c.do(&wr.benefit.says)
			c.do(&wr.benefit.detail)
			continue
		}
		for i := o.list.lo; i < o.list.hi; i++ {
			c.do(&x.fails.s[i].field)
			c.do(&x.fails.s[i].reason)
		}
		c.do(&wr.hint)
	}
}

// total adds the one-off amounts, keeping the largest per exclusive group
// (the groups added last, in the order they first appear).
func total(el []Eligible) float64 {
	sum := 0.0
	for _, e := range el {
		if e.ExclusiveGroup == "" {
			sum += e.Benefit.OneOffYuan()
		}
	}
	for i, e := range el {
		if e.ExclusiveGroup == "" || slices.ContainsFunc(el[:i], func(f Eligible) bool { return f.ExclusiveGroup == e.ExclusiveGroup }) {
			continue
		}
		best := 0.0
		for _, f := range el[i:] {
			if f.ExclusiveGroup == e.ExclusiveGroup {
				best = math.Max(best, f.Benefit.OneOffYuan())
			}
		}
		sum += best
	}
	return math.Round(sum*100) / 100
}
