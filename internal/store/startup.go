package store

// 创业扶持 青创贷: partner banks and loan applications with their decisions.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
)

// StartupStore is the tables of 创业扶持.
type StartupStore struct{ db *DB }

// Startup is the store of 创业扶持.
func (db *DB) Startup() StartupStore { return StartupStore{db} }

// Banks lists the partner banks, active ones only unless all.
func (tb StartupStore) Banks(ctx context.Context, all bool) ([]startup.Bank, error) {
	q := "SELECT id, name, kind, active FROM startup_banks"
	if !all {
		q += " WHERE active = ?"
	}
	q += " ORDER BY id"
	var args []any
	if !all {
		args = append(args, true)
	}
	rows, err := tb.db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Banks: %w", err)
	}
	defer rows.Close()
	var out []startup.Bank
	for rows.Next() {
		var b startup.Bank
		if err := rows.Scan(&b.ID, &b.Name, &b.Kind, &b.Active); err != nil {
			return nil, fmt.Errorf("store.Banks: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// AddBank adds a partner, audited; a name already listed is a Conflict.
func (tb StartupStore) AddBank(ctx context.Context, a Actor, b *startup.Bank) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM startup_banks WHERE name = ?", b.Name).Scan(&n); err != nil {
			return fmt.Errorf("store.AddBank: %w", err)
		}
		if n > 0 {
			return apperr.Field("name", "已有同名的合作机构")
		}
		id, err := tx.InsertID(ctx, "INSERT INTO startup_banks (name, kind, active, created_at) VALUES (?, ?, ?, ?)", b.Name, b.Kind, true, tb.db.Now())
		if err != nil {
			return fmt.Errorf("store.AddBank: %w", err)
		}
		b.ID, b.Active = id, true
		return tx.Audit(ctx, a, "startup.bank.add", "startup_bank", id, "添加合作机构："+b.Name, "ok")
	})
}

const loanCols = `l.id, l.kind, COALESCE(l.person_id, 0), COALESCE(l.enterprise_id, 0), COALESCE(p.name, e.name, ''), l.policy_id,
	l.amount, l.term_months, l.purpose, l.business, l.registered, l.guarantee, l.status, COALESCE(l.bank_id, 0), COALESCE(b.name, ''),
	l.reason, l.reviewed_by, l.approved_amount, l.annual_rate, l.lpr, l.method, l.decision_term, l.start_date, l.created_at, l.updated_at`

const loanFrom = ` FROM startup_loans l LEFT JOIN persons p ON p.id = l.person_id LEFT JOIN enterprises e ON e.id = l.enterprise_id
	LEFT JOIN startup_banks b ON b.id = l.bank_id`

func scanLoan(s interface{ Scan(...any) error }) (*startup.Loan, error) {
	var l startup.Loan
	var kind, status, method string
	var rate, lpr int64
	var start sql.NullTime
	if err := s.Scan(&l.ID, &kind, &l.PersonID, &l.EnterpriseID, &l.ApplicantName, &l.PolicyID, &l.Amount, &l.TermMonths, &l.Purpose,
		&l.Business, &l.Registered, &l.Guarantee, &status, &l.BankID, &l.BankName, &l.Reason, &l.ReviewedBy, &l.ApprovedAmount,
		&rate, &lpr, &method, &l.DecisionTerm, &start, &l.CreatedAt, &l.UpdatedAt); err != nil {
		return nil, err
	}
	l.Kind, l.Status, l.Method = startup.ApplicantKind(kind), startup.LoanStatus(status), startup.Method(method)
	l.AnnualRate, l.LPR, l.StartDate = startup.Rate(rate), startup.Rate(lpr), utcOf(start)
	l.CreatedAt, l.UpdatedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	return &l, nil
}

// CreateLoan stores a new application, audited on the applicant.
func (tb StartupStore) CreateLoan(ctx context.Context, a Actor, l *startup.Loan, uploads []policy.Upload) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		l.Status, l.CreatedAt, l.UpdatedAt = startup.LoanSubmitted, now, now
		id, err := tx.InsertID(ctx, `INSERT INTO startup_loans (kind, person_id, enterprise_id, policy_id, amount, term_months, purpose,
			business, registered, guarantee, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(l.Kind), nullID(l.PersonID), nullID(l.EnterpriseID), l.PolicyID, l.Amount, l.TermMonths, l.Purpose, l.Business,
			l.Registered, l.Guarantee, string(l.Status), now, now)
		if err != nil {
			return fmt.Errorf("store.CreateLoan: %w", err)
		}
		l.ID = id
		for i := range uploads {
			u := &uploads[i]
			u.OwnerType, u.OwnerID = "startup_loan", id
			if u.ID, err = tx.insertUpload(ctx, u, a.UserID, now); err != nil {
				return fmt.Errorf("store.CreateLoan upload: %w", err)
			}
		}
		return tx.Audit(ctx, a, "startup.loan.apply", "startup_loan", id, "申请青创贷 "+startup.Yuan(l.Amount)+" 元", "ok")
	})
}

// LoanByID returns an application, or NotFound.
func (tb StartupStore) LoanByID(ctx context.Context, id int64) (*startup.Loan, error) {
	l, err := scanLoan(tb.db.queryRow(ctx, "SELECT "+loanCols+loanFrom+" WHERE l.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("startup_loan")
	}
	if err != nil {
		return nil, fmt.Errorf("store.LoanByID: %w", err)
	}
	return l, nil
}

// LoanFilter selects applications, newest first; Limit −1 is every one.
type LoanFilter struct {
	PersonID     int64
	EnterpriseID int64
	BankID       int64 // the loans referred to one bank
	Status       startup.LoanStatus
	Limit        int
}

// Loans lists applications matching f.
func (tb StartupStore) Loans(ctx context.Context, f LoanFilter) ([]*startup.Loan, error) {
	where, args := " WHERE 1=1", []any{}
	if f.PersonID != 0 {
		where, args = where+" AND l.person_id = ?", append(args, f.PersonID)
	}
	if f.EnterpriseID != 0 {
		where, args = where+" AND l.enterprise_id = ?", append(args, f.EnterpriseID)
	}
	if f.BankID != 0 {
		where, args = where+" AND l.bank_id = ?", append(args, f.BankID)
	}
	if f.Status != "" {
		where, args = where+" AND l.status = ?", append(args, string(f.Status))
	}
	limit := " LIMIT " + strconv.Itoa(clampLimit(f.Limit, 50, 500))
	if f.Limit < 0 { // every one (the ledgers)
		limit = ""
	}
	rows, err := tb.db.query(ctx, "SELECT "+loanCols+loanFrom+where+" ORDER BY l.id DESC"+limit, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Loans: %w", err)
	}
	defer rows.Close()
	var out []*startup.Loan
	for rows.Next() {
		l, err := scanLoan(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Loans: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LoanChange is what a move writes besides the status.
type LoanChange struct {
	To       startup.LoanStatus
	BankID   int64
	Reason   string
	Decision *startup.Decision
	Summary  string          // the audit entry's words
	Message  *notify.Message // told to the applicant, or nil
}

// MoveLoan moves application l from its status to c.To, with the audit
// entry and the applicant's message, in one transaction; an application
// that moved meanwhile is a Conflict.
func (tb StartupStore) MoveLoan(ctx context.Context, a Actor, l *startup.Loan, action string, c LoanChange) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		q := "UPDATE startup_loans SET status = ?, updated_at = ?, reviewed_by = ?"
		args := []any{string(c.To), now, a.UserID}
		if c.BankID != 0 {
			q, args = q+", bank_id = ?", append(args, c.BankID)
		}
		if c.Reason != "" {
			q, args = q+", reason = ?", append(args, c.Reason)
		}
		if d := c.Decision; d != nil && d.Approve {
			q += ", approved_amount = ?, annual_rate = ?, lpr = ?, method = ?, decision_term = ?, start_date = ?"
			args = append(args, d.ApprovedAmount, int64(d.AnnualRate), int64(d.LPR), string(d.Method), d.TermMonths, d.StartDate)
		}
		res, err := tx.Exec(ctx, q+" WHERE id = ? AND status = ?", append(args, l.ID, string(l.Status))...)
		if err != nil {
			return fmt.Errorf("store.MoveLoan: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "该申请刚刚已被处理，请刷新后查看")
		}
		if c.Message != nil {
			if _, err := tx.Notify(ctx, c.Message); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, a, "startup.loan."+action, "startup_loan", l.ID, c.Summary, "ok")
	})
}

// InsertLoans stores applications as they are (the demo).
func (t *Tx) InsertLoans(ctx context.Context, ls []*startup.Loan) error {
	for _, l := range ls {
		var start any
		if !l.StartDate.IsZero() {
			start = l.StartDate
		}
		if _, err := t.Exec(ctx, `INSERT INTO startup_loans (kind, person_id, enterprise_id, policy_id, amount, term_months, purpose,
			business, registered, guarantee, status, bank_id, reason, approved_amount, annual_rate, lpr, method, decision_term, start_date,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(l.Kind), nullID(l.PersonID), nullID(l.EnterpriseID), l.PolicyID, l.Amount, l.TermMonths, l.Purpose, l.Business,
			l.Registered, l.Guarantee, string(l.Status), nullID(l.BankID), l.Reason, l.ApprovedAmount, int64(l.AnnualRate), int64(l.LPR),
			string(l.Method), l.DecisionTerm, start, l.CreatedAt, l.UpdatedAt); err != nil {
			return fmt.Errorf("store.InsertLoans: %w", err)
		}
	}
	return nil
}

// RecordRepayment stores a period's repayment, audited on the loan; a
// period already reported is a Conflict (reported twice).
func (tb StartupStore) RecordRepayment(ctx context.Context, a Actor, r startup.Repayment) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM startup_repayments WHERE loan_id = ? AND period_n = ?", r.LoanID, r.N).Scan(&n); err != nil {
			return fmt.Errorf("store.RecordRepayment: %w", err)
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "第 "+strconv.Itoa(r.N)+" 期的还款已登记过")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO startup_repayments (loan_id, period_n, paid_on, amount, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?)`, r.LoanID, r.N, r.PaidOn, r.Amount, a.UserID, tb.db.Now()); err != nil {
			return fmt.Errorf("store.RecordRepayment: %w", err)
		}
		return tx.Audit(ctx, a, "startup.loan.repayment", "startup_loan", r.LoanID,
			"登记第 "+strconv.Itoa(r.N)+" 期还款 "+startup.Yuan(r.Amount)+" 元（"+r.PaidOn.Format("2006-01-02")+"）", "ok")
	})
}

// Repayments returns a loan's repayments by period.
func (tb StartupStore) Repayments(ctx context.Context, loanID int64) (map[int]startup.Repayment, error) {
	rows, err := tb.db.query(ctx, "SELECT period_n, paid_on, amount FROM startup_repayments WHERE loan_id = ?", loanID)
	if err != nil {
		return nil, fmt.Errorf("store.Repayments: %w", err)
	}
	defer rows.Close()
	out := map[int]startup.Repayment{}
	for rows.Next() {
		r := startup.Repayment{LoanID: loanID}
		if err := rows.Scan(&r.N, &r.PaidOn, &r.Amount); err != nil {
			return nil, fmt.Errorf("store.Repayments: %w", err)
		}
		r.PaidOn = r.PaidOn.UTC()
		out[r.N] = r
	}
	return out, rows.Err()
}

// RecordRepayments stores the good rows of a bank's repayment file in one
// transaction with one audit entry; a period reported meanwhile fails the
// whole file (nothing half-written).
func (tb StartupStore) RecordRepayments(ctx context.Context, a Actor, rs []startup.Repayment, summary string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		for _, r := range rs {
			if _, err := tx.Exec(ctx, `INSERT INTO startup_repayments (loan_id, period_n, paid_on, amount, recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?)`, r.LoanID, r.N, r.PaidOn, r.Amount, a.UserID, now); err != nil {
				return apperr.New(apperr.Conflict, "导入时有还款被同时登记，请重新导入")
			}
		}
		return tx.Audit(ctx, a, "startup.loan.repayment_import", "startup_loan", 0, summary, "ok")
	})
}
