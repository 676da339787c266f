package app

// 青创贷 exports: the loan ledger and the subsidy ledger of a quarter, for
// the bureau's finance office (audited: they name the applicants).

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// ExportLoans returns the applications of a status (all: every status)
// for the loan ledger, audited.
func (x *Startup) ExportLoans(ctx context.Context, a Actor, status string) ([]*startup.Loan, error) {
	if !account.CanHandleLoans(a.User) {
		return nil, x.deny(ctx, a, "startup_loan", 0)
	}
	ls, err := x.db.Startup().Loans(ctx, store.LoanFilter{Status: startup.LoanStatus(status), Limit: -1})
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), "startup.loan.export", "startup_loan", 0, fmt.Sprintf("导出青创贷台账 %d 笔", len(ls)), audit.ResultOK); err != nil {
		return nil, err
	}
	return ls, nil
}

// SubsidyRow is one loan's subsidy in a quarter.
type SubsidyRow struct {
	Loan    *startup.Loan
	Quarter startup.QuarterLedger
}

// ParseQuarter reads "2026Q1" (empty: the quarter before today's) into
// the quarter's first day.
func ParseQuarter(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	if s == "" {
		return quarterStart(chinatime.Today(now)).AddDate(0, -3, 0), nil
	}
	y, q, ok := strings.Cut(s, "Q")
	year, err1 := strconv.Atoi(y)
	n, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || year < 2000 || year > 2100 || n < 1 || n > 4 {
		return time.Time{}, apperr.Field("quarter", "请选择季度")
	}
	return time.Date(year, time.Month(n*3-2), 1, 0, 0, 0, 0, time.UTC), nil
}

// quarterStart is the first day of d's quarter.
func quarterStart(d time.Time) time.Time {
	return time.Date(d.Year(), time.Month((int(d.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
}

// SubsidyLedger lists, for every approved loan with a period due in the
// quarter, what the quarter's subsidy is: payable for periods repaid in
// full on time, lost (with why) for the others; audited.
func (x *Startup) SubsidyLedger(ctx context.Context, a Actor, quarter string) (string, []SubsidyRow, error) {
	if !account.CanHandleLoans(a.User) {
		return "", nil, x.deny(ctx, a, "startup_loan", 0)
	}
	first, err := ParseQuarter(quarter, x.now())
	if err != nil {
		return "", nil, err
	}
	label := startup.QuarterOf(first)
	out, err := x.quarterRows(ctx, first)
	if err != nil {
		return "", nil, err
	}
	if err := x.db.Audit(ctx, a.store(), "startup.subsidy.export", "startup_loan", 0, fmt.Sprintf("导出 %s 贴息台账 %d 笔", label, len(out)), audit.ResultOK); err != nil {
		return "", nil, err
	}
	return label, out, nil
}

// quarterRows works out the quarter starting on first for every approved
// loan with a period due in it, from the repayments reported so far.
func (x *Startup) quarterRows(ctx context.Context, first time.Time) ([]SubsidyRow, error) {
	ls, err := x.db.Startup().Loans(ctx, store.LoanFilter{Status: startup.LoanApproved, Limit: -1})
	if err != nil {
		return nil, err
	}
	key, today := startup.QuarterKey(first), chinatime.Today(x.now())
	var out []SubsidyRow
	for _, l := range ls {
		s, err := startup.Compute(l.ApprovedTerms())
		if err != nil {
			continue // a decision recorded without a schedule cannot be paid; it shows on its page
		}
		paid, err := x.db.Startup().Repayments(ctx, l.ID)
		if err != nil {
			return nil, err
		}
		for _, q := range startup.Ledger(s, paid, today) {
			if q.Key == key {
				out = append(out, SubsidyRow{Loan: l, Quarter: q})
			}
		}
	}
	return out, nil
}
