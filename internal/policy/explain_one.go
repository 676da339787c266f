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

// Explain answers the single policy id for a prepared subject on
// evalDate, with the same sentences Match gives: for checks over many
// subjects against one policy (a training-subsidy claim of thousands of
// trainees). It reads the policy's entry from MatchPrepared, which explains
// the whole catalog in about ten microseconds, so one answer costs no more
// than the match a person sees and can never word it differently. An
// unknown id, a policy for the other kind of subject or one without
// criteria is an error; a policy not in force on evalDate is not Active.
func (c *Catalog) Explain(p *Prepared, id string, evalDate time.Time) (Verdict, error) {
	i, ok := c.Index(id)
	if !ok {
		return Verdict{}, fmt.Errorf("policy.Explain: no policy %q", id)
	}
	cp := c.comp[i]
	if cp.root == nil || cp.p.Beneficiary != p.kind {
		return Verdict{}, fmt.Errorf("policy.Explain: %q has no criteria for a %s", id, p.kind)
	}
	res, err := c.MatchPrepared(p, evalDate)
	if err != nil {
		return Verdict{}, err
	}
	for _, e := range res.Eligible {
		if e.PolicyID == id {
			return Verdict{Active: true, Eligible: true, Reasons: e.Reasons, Assumed: e.Assumed}, nil
		}
	}
	for _, e := range res.Ineligible {
		if e.PolicyID == id {
			return Verdict{Active: true, Failed: e.Failed, Reasons: []string{}, Assumed: []string{}}, nil
		}
	}
	return Verdict{}, nil
}
