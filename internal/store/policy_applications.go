package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
)

// CreateApplication stores an application (or a 免申即享 proposal) with its
// uploads in one transaction. A second application by the same subject for
// the same policy, or an open one in the same exclusive group, is a Conflict.
func (tb PolicyStore) CreateApplication(ctx context.Context, a Actor, app *policy.Application, uploads []policy.Upload) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if app.ExclusiveGroup != "" {
			var other string
			err := tx.QueryRow(ctx, `SELECT policy_id FROM policy_applications WHERE subject_type = ? AND subject_id = ?
				AND exclusive_group = ? AND status <> ? AND policy_id <> ? LIMIT 1`,
				app.SubjectType, app.SubjectID, app.ExclusiveGroup, string(policy.Rejected), app.PolicyID).Scan(&other)
			if err == nil {
				return &apperr.Error{Code: apperr.Conflict, Message: "您已申请同类政策（" + other + "），同组政策不能重复享受"}
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store.CreateApplication: %w", err)
			}
		}
		now := tb.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, applicant_id,
			exclusive_group, status, amount_yuan, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			app.PolicyID, app.Version, app.SubjectType, app.SubjectID, app.ApplicantID, app.ExclusiveGroup, string(app.Status),
			app.AmountYuan, app.Note, now, now)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, "您已申请过该政策，请在“我的申请”中查看进度")
		}
		if err != nil {
			return fmt.Errorf("store.CreateApplication: %w", err)
		}
		app.ID, app.CreatedAt, app.UpdatedAt = id, now, now
		for i := range uploads {
			u := &uploads[i]
			u.OwnerType, u.OwnerID = "policy_application", id
			if u.ID, err = tx.insertUpload(ctx, u, a.UserID, now); err != nil {
				return fmt.Errorf("store.CreateApplication upload: %w", err)
			}
		}
		action := "policy.apply"
		if app.Status == policy.Proposed {
			action = "policy.propose"
		}
		return tx.Audit(ctx, a, action, "policy_application", id, app.PolicyID+" v"+strconv.Itoa(app.Version), "ok")
	})
}

const appCols = `a.id, a.policy_id, p.name, a.version, a.subject_type, a.subject_id, a.applicant_id, a.exclusive_group, a.status,
	a.amount_yuan, a.note, a.decision_reason, a.decided_by, a.decided_at, a.created_at, a.updated_at,
	COALESCE(pe.name, en.name, ''), po.batch, po.paid_on, po.amount_yuan, a.period, a.ref_type, a.ref_id`

const appFrom = ` FROM policy_applications a JOIN policies p ON p.id = a.policy_id
	LEFT JOIN persons pe ON a.subject_type = 'person' AND pe.id = a.subject_id
	LEFT JOIN enterprises en ON a.subject_type = 'enterprise' AND en.id = a.subject_id
	LEFT JOIN policy_payouts po ON po.application_id = a.id`

func scanApplication(s interface{ Scan(...any) error }) (*policy.Application, error) {
	var x policy.Application
	var status string
	var decided sql.NullTime
	var batch sql.NullString
	var paidOn sql.NullTime
	var paid sql.NullFloat64
	err := s.Scan(&x.ID, &x.PolicyID, &x.PolicyName, &x.Version, &x.SubjectType, &x.SubjectID, &x.ApplicantID, &x.ExclusiveGroup,
		&status, &x.AmountYuan, &x.Note, &x.DecisionReason, &x.DecidedBy, &decided, &x.CreatedAt, &x.UpdatedAt, &x.SubjectName,
		&batch, &paidOn, &paid, &x.Period, &x.RefType, &x.RefID)
	if err != nil {
		return nil, err
	}
	x.Status = policy.ApplicationStatus(status)
	if decided.Valid {
		x.DecidedAt = decided.Time
	}
	if batch.Valid {
		x.Payout = &policy.Payout{Batch: batch.String, PaidOn: paidOn.Time, AmountYuan: paid.Float64}
	}
	return &x, nil
}

// ApplicationByID returns an application or NotFound.
func (tb PolicyStore) ApplicationByID(ctx context.Context, id int64) (*policy.Application, error) {
	x, err := scanApplication(tb.db.queryRow(ctx, "SELECT "+appCols+appFrom+" WHERE a.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("policy_application")
	}
	if err != nil {
		return nil, fmt.Errorf("store.ApplicationByID: %w", err)
	}
	return x, nil
}

// ListApplications returns applications matching f, newest first, and the total.
func (tb PolicyStore) ListApplications(ctx context.Context, f policy.ApplicationFilter) ([]*policy.Application, int, error) {
	where, args := " WHERE 1=1", []any{}
	if f.PolicyID != "" {
		where += " AND a.policy_id = ?"
		args = append(args, f.PolicyID)
	}
	if f.Status != "" {
		where += " AND a.status = ?"
		args = append(args, f.Status)
	}
	if f.SubjectType != "" {
		where += " AND a.subject_type = ? AND a.subject_id = ?"
		args = append(args, f.SubjectType, f.SubjectID)
	}
	if f.RefType != "" {
		where += " AND a.ref_type = ? AND a.ref_id = ?"
		args = append(args, f.RefType, f.RefID)
	}
	var total int
	if err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM policy_applications a"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.ListApplications: %w", err)
	}
	rows, err := tb.db.query(ctx, "SELECT "+appCols+appFrom+where+" ORDER BY a.id DESC LIMIT "+
		strconv.Itoa(clampLimit(f.Limit, 50, 5000))+" OFFSET "+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.ListApplications: %w", err)
	}
	defer rows.Close()
	var out []*policy.Application
	for rows.Next() {
		x, err := scanApplication(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store.ListApplications: %w", err)
		}
		out = append(out, x)
	}
	return out, total, rows.Err()
}

// DecideApplication applies a reviewer's decision, audited, and tells the
// subject through the inbox in the same transaction.
func (tb PolicyStore) DecideApplication(ctx context.Context, a Actor, id int64, d policy.Decision, tell func(*policy.Application) *NotifyMsg) (*policy.Application, error) {
	var out *policy.Application
	err := tb.db.Write(ctx, func(tx *Tx) error {
		x, err := scanApplication(tx.QueryRow(ctx, "SELECT "+appCols+appFrom+" WHERE a.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return Missing("policy_application")
		}
		if err != nil {
			return fmt.Errorf("store.DecideApplication: %w", err)
		}
		next, err := d.Next(x.Status)
		if err != nil {
			return err
		}
		amount := x.AmountYuan
		if next == policy.Approved {
			amount = d.AmountYuan
		}
		now := tb.db.Now()
		if _, err := tx.Exec(ctx, `UPDATE policy_applications SET status = ?, amount_yuan = ?, decision_reason = ?, decided_by = ?,
			decided_at = ?, updated_at = ? WHERE id = ?`, string(next), amount, d.Reason, a.UserID, now, now, id); err != nil {
			return fmt.Errorf("store.DecideApplication: %w", err)
		}
		x.Status, x.AmountYuan, x.DecisionReason, x.DecidedBy, x.DecidedAt = next, amount, d.Reason, a.UserID, now
		if err := tx.Audit(ctx, a, "policy.decide", "policy_application", id, d.Action+" → "+string(next)+" "+d.Reason, "ok"); err != nil {
			return err
		}
		out = x
		return tx.notifyMsg(ctx, tell(x))
	})
	return out, err
}

// ResubmitApplication puts a returned application back in review with a new note.
func (tb PolicyStore) ResubmitApplication(ctx context.Context, a Actor, id int64, note string, uploads []policy.Upload) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE policy_applications SET status = ?, note = ?, updated_at = ? WHERE id = ? AND status = ?",
			string(policy.Submitted), note, tb.db.Now(), id, string(policy.Returned))
		if err != nil {
			return fmt.Errorf("store.ResubmitApplication: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "只有被退回的申请可以补充材料后重新提交")
		}
		for _, u := range uploads {
			u.OwnerType, u.OwnerID = "policy_application", id
			if _, err := tx.insertUpload(ctx, &u, a.UserID, tb.db.Now()); err != nil {
				return fmt.Errorf("store.ResubmitApplication: %w", err)
			}
		}
		return tx.Audit(ctx, a, "policy.resubmit", "policy_application", id, "补充材料后重新提交", "ok")
	})
}

// PayBatch records payouts for approved applications in one batch; any id
// that is not approved fails the whole batch (nothing is written).
func (tb PolicyStore) PayBatch(ctx context.Context, a Actor, ids []int64, batch string, paidOn time.Time, tell func(*policy.Application) *NotifyMsg) (int, float64, error) {
	var total float64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		for _, id := range ids {
			x, err := scanApplication(tx.QueryRow(ctx, "SELECT "+appCols+appFrom+" WHERE a.id = ?", id))
			if errors.Is(err, sql.ErrNoRows) {
				return apperr.New(apperr.NotFound, "申请 #"+strconv.FormatInt(id, 10)+" 不存在")
			}
			if err != nil {
				return fmt.Errorf("store.PayBatch: %w", err)
			}
			if x.Status != policy.Approved {
				return apperr.New(apperr.Conflict, "申请 #"+strconv.FormatInt(id, 10)+" 状态为“"+x.Status.Label()+"”，只有审核通过的申请可以发放")
			}
			if _, err := tx.Exec(ctx, `INSERT INTO policy_payouts (application_id, batch, paid_on, amount_yuan, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, id, batch, nullDate(paidOn), x.AmountYuan, a.UserID, now); err != nil {
				return fmt.Errorf("store.PayBatch: %w", err)
			}
			if _, err := tx.Exec(ctx, "UPDATE policy_applications SET status = ?, updated_at = ? WHERE id = ?", string(policy.Paid), now, id); err != nil {
				return fmt.Errorf("store.PayBatch: %w", err)
			}
			x.Status, x.Payout = policy.Paid, &policy.Payout{Batch: batch, PaidOn: paidOn, AmountYuan: x.AmountYuan}
			total += x.AmountYuan
			if err := tx.notifyMsg(ctx, tell(x)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, a, "policy.pay", "policy_payout_batch", 0,
			fmt.Sprintf("批次 %s：%d 笔，合计 %.2f 元", batch, len(ids), total), "ok")
	})
	return len(ids), total, err
}
