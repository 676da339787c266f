package app

// 我想创业: one page that answers, in order, what a person starting a
// business can have — the start-up policies they can claim now (the policy
// engine on their profile), the 青创贷 they could borrow and what a month
// of it costs them after the subsidy (the schedule, for the amount and
// term they pick), the parks with space and the funding calls open now.

import (
	"context"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// StartupCategory is the catalog category of start-up policies.
const StartupCategory = "创业扶持"

// DefaultLPR is the one-year loan prime rate the estimate uses until a
// loan records one (3.1%, the rate of the demo's loans).
const DefaultLPR startup.Rate = 3_100_000

// Journey is the 我想创业 page's content.
type Journey struct {
	Person   bool                // the reader is a person: the policies are theirs
	Eligible []policy.Eligible   // start-up policies they can claim now
	Near     []policy.Ineligible // start-up policies one change away
	Caps     startup.Caps        // the 青创贷 limits for a person
	LPR      startup.Rate        // the LPR the estimate uses (the latest recorded on a loan)
	Estimate *startup.Schedule   // the loan at the cap rate LPR + 150 bp, equal instalments
	Parks    []*startup.Park     // recognised parks, those with space first
}

// StartupJourney builds the page for the amount (fen) and term asked.
func (x *Startup) StartupJourney(ctx context.Context, a Actor, amount int64, months int) (*Journey, error) {
	j := &Journey{Person: account.IsPerson(a.User)}
	var err error
	if j.Caps, err = x.LoanCaps(ctx, startup.Person); err != nil {
		return nil, err
	}
	if j.Person {
		if err := x.journeyPolicies(ctx, j, a.User.PersonID); err != nil {
			return nil, err
		}
	}
	if j.LPR, err = x.latestLPR(ctx); err != nil {
		return nil, err
	}
	if amount > 0 && months > 0 {
		l := &startup.Loan{ApprovedAmount: amount, AnnualRate: j.LPR + startup.WuhanBorrowerSpread, LPR: j.LPR, DecisionTerm: months,
			Method: startup.EqualInstallment, StartDate: chinatime.Today(x.now())}
		if j.Estimate, err = startup.Compute(l.ApprovedTerms()); err != nil {
			return nil, err
		}
	}
	j.Parks, err = x.db.Startup().Parks().List(ctx, store.ParkFilter{Status: startup.ParkRecognised})
	return j, err
}

// journeyPolicies keeps the person's start-up policies from the engine's answer.
func (x *Startup) journeyPolicies(ctx context.Context, j *Journey, personID int64) error {
	m, err := x.policies.matchSubject(ctx, policy.KindPerson, personID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return err
	}
	for _, e := range m.Result.Eligible {
		if e.Category == StartupCategory {
			j.Eligible = append(j.Eligible, e)
		}
	}
	for _, n := range m.Near {
		if d := set.Docs[n.PolicyID]; d != nil && d.Category == StartupCategory {
			j.Near = append(j.Near, n)
		}
	}
	return nil
}

// LatestLPR is the LPR on the latest approved loan's signing, or
// DefaultLPR: the rate the calculator and the estimates start from.
func (x *Startup) LatestLPR(ctx context.Context) (startup.Rate, error) { return x.latestLPR(ctx) }

// latestLPR is the LPR on the latest approved loan's signing, or DefaultLPR.
func (x *Startup) latestLPR(ctx context.Context) (startup.Rate, error) {
	ls, err := x.db.Startup().Loans(ctx, store.LoanFilter{Status: startup.LoanApproved, Limit: 1})
	if err != nil || len(ls) == 0 || ls[0].LPR <= 0 {
		return DefaultLPR, err
	}
	return ls[0].LPR, nil
}
