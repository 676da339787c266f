package app

// 青创贷 interest subsidy payouts: once a quarter has ended and the banks'
// repayments are in, the subsidy each loan earned in it becomes an
// approved application of the loan's policy for that quarter, and the
// finance office pays them through the policy module's payout batches
// like any grant. A loan's quarter is one application (UNIQUE on policy,
// subject, loan and quarter), so it is paid once however often this runs.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
)

// RefLoan marks an application that pays a 青创贷 loan's subsidy.
const RefLoan = "startup_loan"

// QuarterChoice is a quarter offered in a picker.
type QuarterChoice struct {
	Key   string // 2026Q1
	Label string // 2026年第1季度
}

// SubsidyQuarters are the eight quarters before today's, newest first:
// the ones a subsidy can be worked out for.
func (x *Startup) SubsidyQuarters() []QuarterChoice {
	first := quarterStart(chinatime.Today(x.now()))
	out := make([]QuarterChoice, 8)
	for i := range out {
		first = first.AddDate(0, -3, 0)
		out[i] = QuarterChoice{Key: startup.QuarterKey(first), Label: startup.QuarterOf(first)}
	}
	return out
}

// SubsidyClaims is what ClaimSubsidies did.
type SubsidyClaims struct {
	Quarter string // 2026年第1季度
	Loans   int    // loans with a period due in the quarter
	Created int    // new approved applications
	Already int    // loans whose quarter had one already
	None    int    // loans that earned nothing (every period late or missed)
	Total   int64  // fen, of the new applications
}

// ClaimSubsidies turns an ended quarter's earned subsidies into approved
// applications ready for a payout batch, with how each was worked out.
func (x *Startup) ClaimSubsidies(ctx context.Context, a Actor, quarter string) (*SubsidyClaims, error) {
	if !account.CanHandleLoans(a.User) {
		return nil, x.deny(ctx, a, "startup_loan", 0)
	}
	first, err := ParseQuarter(quarter, x.now())
	if err != nil {
		return nil, err
	}
	if !chinatime.Today(x.now()).After(first.AddDate(0, 3, -1)) {
		return nil, apperr.Field("quarter", startup.QuarterOf(first)+"尚未结束，季度结束后才能核定贴息")
	}
	rows, err := x.quarterRows(ctx, first)
	if err != nil {
		return nil, err
	}
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	out := &SubsidyClaims{Quarter: startup.QuarterOf(first), Loans: len(rows)}
	var claims []*policy.Application
	for _, r := range rows {
		if r.Quarter.Earned == 0 {
			out.None++
			continue
		}
		claims = append(claims, subsidyClaim(r, set.Docs[r.Loan.PolicyID], a.User.ID, x.now()))
	}
	created, err := x.db.Startup().ClaimSubsidies(ctx, a.store(), claims,
		fmt.Sprintf("核定 %s 青创贷贴息", out.Quarter))
	if err != nil {
		return nil, err
	}
	for _, c := range created {
		out.Total += yuanToFen(c.AmountYuan)
	}
	out.Created, out.Already = len(created), len(claims)-len(created)
	return out, nil
}

// subsidyClaim is one loan's quarter as an approved application.
func subsidyClaim(r SubsidyRow, doc *policy.Doc, by int64, now time.Time) *policy.Application {
	l, q := r.Loan, r.Quarter
	ap := &policy.Application{PolicyID: l.PolicyID, SubjectType: policy.KindPerson, SubjectID: l.PersonID,
		Status: policy.Approved, AmountYuan: float64(q.Earned) / 100, DecidedBy: by, DecidedAt: now,
		Period: q.Key, RefType: RefLoan, RefID: l.ID, DecisionReason: claimReason(q),
		Note: fmt.Sprintf("青创贷 #%d %s贴息（按银行还款记录核定）", l.ID, q.Quarter)}
	if l.Kind == startup.Enterprise {
		ap.SubjectType, ap.SubjectID = policy.KindEnterprise, l.EnterpriseID
	}
	if doc != nil {
		ap.Version = doc.Version
	}
	return ap
}

// claimReason says how a quarter's subsidy was worked out, period by period.
func claimReason(q startup.QuarterLedger) string {
	var b strings.Builder
	for _, ln := range q.Lines {
		if b.Len() > 0 {
			b.WriteString("；")
		}
		fmt.Fprintf(&b, "第 %d 期（%s 应还）贴息 %s 元：", ln.Period.N, ln.Period.Due.Format(time.DateOnly), startup.Yuan(ln.Period.Subsidy))
		if ln.State == startup.SubsidyEarned {
			b.WriteString("按时足额还款，可发放")
		} else {
			b.WriteString("不予发放，" + ln.Reason)
		}
	}
	fmt.Fprintf(&b, "。合计发放 %s 元", startup.Yuan(q.Earned))
	if q.Lost > 0 {
		fmt.Fprintf(&b, "，不予发放 %s 元", startup.Yuan(q.Lost))
	}
	return b.String() + "。"
}

// yuanToFen rounds a stored yuan amount back to fen.
func yuanToFen(y float64) int64 {
	if y < 0 {
		return -int64(-y*100 + 0.5)
	}
	return int64(y*100 + 0.5)
}

// loanClaims are a loan's quarter applications by quarter key.
func (x *Startup) loanClaims(ctx context.Context, loanID int64) (map[string]*policy.Application, error) {
	aps, _, err := x.db.Policies().ListApplications(ctx, policy.ApplicationFilter{RefType: RefLoan, RefID: loanID, Limit: 500})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*policy.Application, len(aps))
	for _, ap := range aps {
		out[ap.Period] = ap
	}
	return out, nil
}
