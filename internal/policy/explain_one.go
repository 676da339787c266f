package policy

import (
	"fmt"
	"time"
)

// Verdict is one policy's explained answer for one subject: whether the
// policy is in force on the date, and if so whether the subject qualifies,
// with the reasons (met conditions) or the failed conditions.
type Verdict struct {
	Active   bool
	Eligible bool
	Reasons  []string
	Failed   []Failure
	Assumed  []string
}

// Explain evaluates the single policy id for a prepared subject on
// evalDate, with the same sentences Match gives, without explaining every
// other policy: for checks over many subjects against one policy (a
// training-subsidy claim of thousands of trainees). An unknown id, a
// policy for the other kind of subject or one without criteria is an
// error.
func (c *Catalog) Explain(p *Prepared, id string, evalDate time.Time) (Verdict, error) {
	i, ok := c.Index(id)
	if !ok {
		return Verdict{}, fmt.Errorf("policy.Explain: no policy %q", id)
	}
	cp := c.comp[i]
	if cp.root == nil || cp.p.Beneficiary != p.kind {
		return Verdict{}, fmt.Errorf("policy.Explain: %q has no criteria for a %s", id, p.kind)
	}
	if p.set != c.schemas {
		rec, err := loadSubject(c.schemas, p.src)
		if err != nil {
			return Verdict{}, err
		}
		p.rec, p.set = rec, c.schemas
	}
	d := civilOf(evalDate)
	if !inSpan(d, cp.from, cp.to) {
		return Verdict{}, nil
	}
	if cp.usesMinWage && (c.firstMW == 0 || d < c.firstMW) {
		return Verdict{}, &FieldError{Field: "eval_date", Message: fmt.Sprintf("评估日期 %s 早于最低工资标准的生效日期，无法判断“%s”", d, cp.p.Name)}
	}
	e := &p.ctx
	e.begin(c, d, p.rec)
	o := (&explainer{e: e}).node(cp.root, p.rec, "")
	return Verdict{Active: true, Eligible: o.ok, Reasons: nonNil(o.reasons), Failed: o.fails, Assumed: nonNil(dedupe(o.assumed))}, nil
}
