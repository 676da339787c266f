package store

import (
	"context"
	"fmt"

	"github.com/jiuye/jiuye/internal/policy"
)

// ClaimSubsidies stores a quarter's subsidy applications (approved, ready
// for a payout batch) in one transaction with one audit entry, skipping
// any loan whose quarter has one already; it returns those it created.
// The UNIQUE key on policy, subject, loan and quarter makes a second run,
// or two staff running it at once, create nothing twice.
func (tb StartupStore) ClaimSubsidies(ctx context.Context, a Actor, claims []*policy.Application, summary string) ([]*policy.Application, error) {
	var created []*policy.Application
	err := tb.db.Write(ctx, func(tx *Tx) error {
		created = created[:0]
		now := tb.db.Now()
		var total float64
		for _, c := range claims {
			res, err := tx.Exec(ctx, `INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, applicant_id,
				status, amount_yuan, note, decision_reason, decided_by, decided_at, created_at, updated_at, period, ref_type, ref_id)
				VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (policy_id, subject_type, subject_id, ref_type, ref_id, period) DO NOTHING`,
				c.PolicyID, c.Version, c.SubjectType, c.SubjectID, string(c.Status), c.AmountYuan, c.Note, c.DecisionReason,
				c.DecidedBy, now, now, now, c.Period, c.RefType, c.RefID)
			if err != nil {
				return fmt.Errorf("store.ClaimSubsidies: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				created = append(created, c)
				total += c.AmountYuan
			}
		}
		return tx.Audit(ctx, a, "startup.subsidy.claim", "startup_loan", 0,
			fmt.Sprintf("%s：新核定 %d 笔，合计 %.2f 元；已核定过 %d 笔", summary, len(created), total, len(claims)-len(created)), "ok")
	})
	return created, err
}
