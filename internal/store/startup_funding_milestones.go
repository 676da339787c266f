package store

// 创业项目资助 after the decision: milestones against reports, paid through
// the policy payout batches, and the 12- and 24-month follow-ups.

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
)

// insertMilestones writes an award's tranches inside tx.
func (t *Tx) insertMilestones(ctx context.Context, ms []startup.Milestone) error {
	for _, m := range ms {
		if _, err := t.Exec(ctx, `INSERT INTO funding_milestones (application_id, n, label, share, amount, due, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			m.ApplicationID, m.N, m.Label, m.Share, m.Amount, nullDate(m.Due), string(m.Status)); err != nil {
			return fmt.Errorf("store.insertMilestones: %w", err)
		}
	}
	return nil
}

const milestoneCols = `application_id, n, label, share, amount, due, status, report, jobs, reported_at, review_note`

// Milestones lists an application's tranches in order.
func (tb FundingStore) Milestones(ctx context.Context, appID int64) ([]startup.Milestone, error) {
	return scanMilestones(tb.db.query(ctx, "SELECT "+milestoneCols+" FROM funding_milestones WHERE application_id = ? ORDER BY n", appID))
}

func scanMilestones(rows *sql.Rows, err error) ([]startup.Milestone, error) {
	if err != nil {
		return nil, fmt.Errorf("store.Milestones: %w", err)
	}
	defer rows.Close()
	var out []startup.Milestone
	for rows.Next() {
		var m startup.Milestone
		var status string
		var reported sql.NullTime
		if err := rows.Scan(&m.ApplicationID, &m.N, &m.Label, &m.Share, &m.Amount, &m.Due, &status, &m.Report, &m.Jobs, &reported, &m.ReviewNote); err != nil {
			return nil, fmt.Errorf("store.Milestones: %w", err)
		}
		m.Status, m.ReportedAt, m.Due = startup.MilestoneStatus(status), reported.Time, m.Due.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// ReportMilestone records the grantee's report of tranche n, audited; the
// order and the status are checked inside the transaction.
func (tb FundingStore) ReportMilestone(ctx context.Context, a Actor, appID int64, n int, report string, jobs int) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		ms, err := scanMilestones(tx.Query(ctx, "SELECT "+milestoneCols+" FROM funding_milestones WHERE application_id = ? ORDER BY n", appID))
		if err != nil {
			return err
		}
		if err := startup.CanReport(ms, n); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE funding_milestones SET status = ?, report = ?, jobs = ?, reported_at = ? WHERE application_id = ? AND n = ?`,
			string(startup.MilestoneReported), report, jobs, tb.db.Now(), appID, n); err != nil {
			return fmt.Errorf("store.ReportMilestone: %w", err)
		}
		return tx.Audit(ctx, a, "funding.milestone.report", "funding_application", appID, "报告拨付节点 "+strconv.Itoa(n), "ok")
	})
}

// ReviewMilestone approves tranche n (and files claim, an approved
// application for the payout batch) or returns it with a note, with the
// grantee's message, in one transaction; only a reported tranche is reviewed.
func (tb FundingStore) ReviewMilestone(ctx context.Context, a Actor, appID int64, n int, claim *policy.Application, note string, tell *NotifyMsg) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		to := startup.MilestoneReturned
		if claim != nil {
			to = startup.MilestoneApproved
		}
		res, err := tx.Exec(ctx, `UPDATE funding_milestones SET status = ?, review_note = ?, reviewed_by = ? WHERE application_id = ? AND n = ? AND status = ?`,
			string(to), note, a.UserID, appID, n, string(startup.MilestoneReported))
		if err != nil {
			return fmt.Errorf("store.ReviewMilestone: %w", err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return apperr.New(apperr.Conflict, "该节点没有待审核的报告")
		}
		if claim != nil {
			now := tb.db.Now()
			if _, err := tx.Exec(ctx, `INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, applicant_id, status, amount_yuan,
				note, decision_reason, decided_by, decided_at, created_at, updated_at, period, ref_type, ref_id) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				claim.PolicyID, claim.Version, claim.SubjectType, claim.SubjectID, string(policy.Approved), claim.AmountYuan, claim.Note,
				claim.DecisionReason, a.UserID, now, now, now, claim.Period, claim.RefType, claim.RefID); err != nil {
				return fmt.Errorf("store.ReviewMilestone claim: %w", err)
			}
		}
		if err := tx.notifyMsg(ctx, tell); err != nil {
			return err
		}
		return tx.Audit(ctx, a, "funding.milestone.review", "funding_application", appID, fmt.Sprintf("拨付节点 %d：%s %s", n, to.Label(), note), "ok")
	})
}

// FollowUps lists an application's follow-up reports.
func (tb FundingStore) FollowUps(ctx context.Context, appID int64) ([]startup.FollowUp, error) {
	rows, err := tb.db.query(ctx, "SELECT application_id, months, operating, jobs, note, reported_at FROM funding_followups WHERE application_id = ? ORDER BY months", appID)
	if err != nil {
		return nil, fmt.Errorf("store.FollowUps: %w", err)
	}
	defer rows.Close()
	var out []startup.FollowUp
	for rows.Next() {
		var u startup.FollowUp
		if err := rows.Scan(&u.ApplicationID, &u.Months, &u.Operating, &u.Jobs, &u.Note, &u.ReportedAt); err != nil {
			return nil, fmt.Errorf("store.FollowUps: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SaveFollowUp records (or corrects) the report at 12 or 24 months, audited.
func (tb FundingStore) SaveFollowUp(ctx context.Context, a Actor, u *startup.FollowUp) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO funding_followups (application_id, months, operating, jobs, note, reported_by, reported_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (application_id, months) DO UPDATE SET operating = excluded.operating, jobs = excluded.jobs,
			note = excluded.note, reported_by = excluded.reported_by, reported_at = excluded.reported_at`,
			u.ApplicationID, u.Months, u.Operating, u.Jobs, u.Note, a.UserID, now); err != nil {
			return fmt.Errorf("store.SaveFollowUp: %w", err)
		}
		u.ReportedAt = now
		return tx.Audit(ctx, a, "funding.followup", "funding_application", u.ApplicationID,
			fmt.Sprintf("%d 个月回访：%s，带动就业 %d 人", u.Months, map[bool]string{true: "仍在经营", false: "已停业"}[u.Operating], u.Jobs), "ok")
	})
}

// CallOutcomes adds up a call's approved tranches and follow-ups.
func (tb FundingStore) CallOutcomes(ctx context.Context, callID int64) (*startup.CallOutcomes, error) {
	var out startup.CallOutcomes
	if err := tb.db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(m.amount), 0) FROM funding_milestones m
		JOIN funding_applications f ON f.id = m.application_id WHERE f.call_id = ? AND m.status = ?`, callID, string(startup.MilestoneApproved)).
		Scan(&out.TranchesApproved, &out.TranchesFen); err != nil {
		return nil, fmt.Errorf("store.CallOutcomes: %w", err)
	}
	rows, err := tb.db.query(ctx, `SELECT u.months, COUNT(*), COALESCE(SUM(CASE WHEN u.operating THEN 1 ELSE 0 END), 0), COALESCE(SUM(u.jobs), 0)
		FROM funding_followups u JOIN funding_applications f ON f.id = u.application_id WHERE f.call_id = ? GROUP BY u.months ORDER BY u.months`, callID)
	if err != nil {
		return nil, fmt.Errorf("store.CallOutcomes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t startup.FollowUpTally
		if err := rows.Scan(&t.Months, &t.Reported, &t.Operating, &t.Jobs); err != nil {
			return nil, fmt.Errorf("store.CallOutcomes: %w", err)
		}
		out.FollowUps = append(out.FollowUps, t)
	}
	return &out, rows.Err()
}
