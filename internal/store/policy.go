package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
)

// SaveParameters stores a new parameters document (YAML), audited.
func (t *Tx) SaveParameters(ctx context.Context, a Actor, body string) error {
	if _, err := t.Exec(ctx, "INSERT INTO policy_parameters (body, created_by, created_at) VALUES (?, ?, ?)", body, a.UserID, t.db.Now()); err != nil {
		return fmt.Errorf("store.SaveParameters: %w", err)
	}
	return t.Audit(ctx, a, "policy.parameters", "policy_parameters", 0, "更新政策参数", "ok")
}

// SavePolicy writes d as the policy's next version (version 1 for a new
// policy) unless its body and flags equal the current version. It returns
// the version now current and whether a new one was written.
func (t *Tx) SavePolicy(ctx context.Context, a Actor, d *policy.Doc, note string) (int, bool, error) {
	now := t.db.Now()
	var cur int
	var body string
	var noApply bool
	err := t.QueryRow(ctx, `SELECT p.version, v.body, p.no_apply FROM policies p JOIN policy_versions v
		ON v.policy_id = p.id AND v.version = p.version WHERE p.id = ?`, d.ID).Scan(&cur, &body, &noApply)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := t.Exec(ctx, `INSERT INTO policies (id, version, name, category, beneficiary, match_mode, exclusive_group,
			no_apply, status, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.Name, d.Category, d.Beneficiary,
			d.MatchMode, d.ExclusiveGroup, d.NoApply, policy.Published, now); err != nil {
			return 0, false, fmt.Errorf("store.SavePolicy: %w", err)
		}
	case err != nil:
		return 0, false, fmt.Errorf("store.SavePolicy: %w", err)
	case body == d.Body && noApply == d.NoApply:
		return cur, false, nil
	default:
		if _, err := t.Exec(ctx, `UPDATE policies SET version = ?, name = ?, category = ?, beneficiary = ?, match_mode = ?,
			exclusive_group = ?, no_apply = ?, updated_at = ? WHERE id = ?`, cur+1, d.Name, d.Category, d.Beneficiary, d.MatchMode,
			d.ExclusiveGroup, d.NoApply, now, d.ID); err != nil {
			return 0, false, fmt.Errorf("store.SavePolicy: %w", err)
		}
	}
	next := cur + 1
	if _, err := t.Exec(ctx, `INSERT INTO policy_versions (policy_id, version, body, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, d.ID, next, d.Body, note, a.UserID, now); err != nil {
		return 0, false, fmt.Errorf("store.SavePolicy: %w", err)
	}
	d.Version = next
	return next, true, t.Audit(ctx, a, "policy.save", "policy", 0, d.ID+" v"+strconv.Itoa(next)+" "+note, "ok")
}

// SetPolicyStatus publishes or withdraws a policy, audited.
func (tb PolicyStore) SetPolicyStatus(ctx context.Context, a Actor, id, status string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE policies SET status = ?, updated_at = ? WHERE id = ?", status, tb.db.Now(), id)
		if err != nil {
			return fmt.Errorf("store.SetPolicyStatus: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "政策不存在")
		}
		return tx.Audit(ctx, a, "policy.status", "policy", 0, id+" → "+status, "ok")
	})
}

// CurrentParameters returns the newest parameters document, "" when none.
func (tb PolicyStore) CurrentParameters(ctx context.Context) (string, error) {
	var body string
	err := tb.db.queryRow(ctx, "SELECT body FROM policy_parameters ORDER BY id DESC LIMIT 1").Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return body, err
}

const policyCols = `p.id, p.version, p.name, p.category, p.beneficiary, p.match_mode, p.exclusive_group, p.no_apply, p.status, v.body, p.updated_at`

func scanPolicy(s interface{ Scan(...any) error }) (*policy.Doc, error) {
	var d policy.Doc
	err := s.Scan(&d.ID, &d.Version, &d.Name, &d.Category, &d.Beneficiary, &d.MatchMode, &d.ExclusiveGroup, &d.NoApply,
		&d.Status, &d.Body, &d.UpdatedAt)
	return &d, err
}

// Policies returns every policy at its current version, ordered by id.
func (tb PolicyStore) Policies(ctx context.Context) ([]*policy.Doc, error) {
	rows, err := tb.db.query(ctx, "SELECT "+policyCols+` FROM policies p JOIN policy_versions v
		ON v.policy_id = p.id AND v.version = p.version ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("store.Policies: %w", err)
	}
	defer rows.Close()
	var out []*policy.Doc
	for rows.Next() {
		d, err := scanPolicy(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Policies: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// PolicyVersion returns one version of a policy, or NotFound.
func (tb PolicyStore) PolicyVersion(ctx context.Context, id string, version int) (*policy.Doc, error) {
	q := "SELECT " + policyCols + ` FROM policies p JOIN policy_versions v ON v.policy_id = p.id AND v.version = `
	args := []any{id}
	if version > 0 {
		q += "? WHERE p.id = ?"
		args = []any{version, id}
	} else {
		q += "p.version WHERE p.id = ?"
	}
	d, err := scanPolicy(tb.db.queryRow(ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "政策不存在")
	}
	if err != nil {
		return nil, fmt.Errorf("store.PolicyVersion: %w", err)
	}
	if version > 0 {
		d.Version = version
	}
	return d, nil
}

// PolicyHistory lists a policy's versions, newest first.
func (tb PolicyStore) PolicyHistory(ctx context.Context, id string) ([]policy.Doc, error) {
	rows, err := tb.db.query(ctx, "SELECT version, note, created_at FROM policy_versions WHERE policy_id = ? ORDER BY version DESC", id)
	if err != nil {
		return nil, fmt.Errorf("store.PolicyHistory: %w", err)
	}
	defer rows.Close()
	var out []policy.Doc
	for rows.Next() {
		d := policy.Doc{ID: id}
		if err := rows.Scan(&d.Version, &d.Name, &d.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, d) // Name carries the version note here
	}
	return out, rows.Err()
}

// CatalogStamp changes whenever a policy version or the parameters change;
// instances compare it to know when to reload their in-memory catalog.
func (tb PolicyStore) CatalogStamp(ctx context.Context) (string, error) {
	var v, p, s sql.NullInt64
	var u any // a time on PostgreSQL, text on SQLite (an aggregate has no declared type); only compared for equality
	err := tb.db.queryRow(ctx, `SELECT (SELECT MAX(id) FROM policy_versions), (SELECT MAX(id) FROM policy_parameters),
		(SELECT COUNT(*) FROM policies WHERE status = 'published'), (SELECT MAX(updated_at) FROM policies)`).Scan(&v, &p, &s, &u)
	if err != nil {
		return "", fmt.Errorf("store.CatalogStamp: %w", err)
	}
	return fmt.Sprintf("%d/%d/%d/%v", v.Int64, p.Int64, s.Int64, u), nil
}

// PolicyStats returns the per-policy counts, keyed by policy id.
func (tb PolicyStore) PolicyStats(ctx context.Context) (map[string]*policy.Stats, error) {
	out := map[string]*policy.Stats{}
	get := func(id string) *policy.Stats {
		if out[id] == nil {
			out[id] = &policy.Stats{}
		}
		return out[id]
	}
	rows, err := tb.db.query(ctx, `SELECT policy_id, SUM(CASE WHEN eligible THEN 1 ELSE 0 END),
		SUM(CASE WHEN notified_at IS NOT NULL THEN 1 ELSE 0 END) FROM policy_eligibility GROUP BY policy_id`)
	if err != nil {
		return nil, fmt.Errorf("store.PolicyStats: %w", err)
	}
	for rows.Next() {
		var id string
		var e, n int
		if err := rows.Scan(&id, &e, &n); err != nil {
			rows.Close()
			return nil, err
		}
		s := get(id)
		s.Eligible, s.Notified = e, n
	}
	rows.Close()
	rows, err = tb.db.query(ctx, `SELECT a.policy_id, a.status, COUNT(*), COALESCE(SUM(p.amount_yuan), 0) FROM policy_applications a
		LEFT JOIN policy_payouts p ON p.application_id = a.id GROUP BY a.policy_id, a.status`)
	if err != nil {
		return nil, fmt.Errorf("store.PolicyStats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, status string
		var n int
		var paid float64
		if err := rows.Scan(&id, &status, &n, &paid); err != nil {
			return nil, err
		}
		s := get(id)
		if status != string(policy.Proposed) {
			s.Applied += n
		}
		switch policy.ApplicationStatus(status) {
		case policy.Approved:
			s.Approved += n
		case policy.Paid:
			s.Approved += n
			s.Paid += n
			s.PaidYuan += paid
		}
	}
	return out, rows.Err()
}

// SaveEligibility upserts results inside tx.
func (t *Tx) SaveEligibility(ctx context.Context, rows []policy.Eligibility) error {
	now := t.db.Now()
	for _, r := range rows {
		if _, err := t.Exec(ctx, `INSERT INTO policy_eligibility (policy_id, subject_type, subject_id, version, eligible, amount_yuan, evaluated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (policy_id, subject_type, subject_id) DO UPDATE SET
			version = excluded.version, eligible = excluded.eligible, amount_yuan = excluded.amount_yuan, evaluated_at = excluded.evaluated_at`,
			r.PolicyID, r.SubjectType, r.SubjectID, r.Version, r.Eligible, r.AmountYuan, now); err != nil {
			return fmt.Errorf("store.SaveEligibility: %w", err)
		}
	}
	return nil
}

// MarkNotified records that a subject was told about a policy.
func (t *Tx) MarkNotified(ctx context.Context, policyID, subjectType string, subjectID int64) error {
	_, err := t.Exec(ctx, "UPDATE policy_eligibility SET notified_at = COALESCE(notified_at, ?) WHERE policy_id = ? AND subject_type = ? AND subject_id = ?",
		t.db.Now(), policyID, subjectType, subjectID)
	return err
}

// SaveAnswers stores a subject's questionnaire answers (JSON).
func (tb PolicyStore) SaveAnswers(ctx context.Context, a Actor, subjectType string, subjectID int64, attrsJSON string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO policy_answers (subject_type, subject_id, attrs, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (subject_type, subject_id) DO UPDATE SET attrs = excluded.attrs, updated_at = excluded.updated_at`,
			subjectType, subjectID, attrsJSON, tb.db.Now()); err != nil {
			return fmt.Errorf("store.SaveAnswers: %w", err)
		}
		if a.UserID != 0 && a.Role != "person" && a.Role != "employer" {
			return tx.Audit(ctx, a, "policy.answers", subjectType, subjectID, "代办填写政策问卷", "ok")
		}
		return nil
	})
}

// Answers returns a subject's questionnaire answers ("" when none).
func (tb PolicyStore) Answers(ctx context.Context, subjectType string, subjectID int64) (string, error) {
	var s string
	err := tb.db.queryRow(ctx, "SELECT attrs FROM policy_answers WHERE subject_type = ? AND subject_id = ?", subjectType, subjectID).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return s, err
}

// AllAnswers streams every stored answer set of a subject type (for the push job).
func (tb PolicyStore) AllAnswers(ctx context.Context, subjectType string) (map[int64]string, error) {
	rows, err := tb.db.query(ctx, "SELECT subject_id, attrs FROM policy_answers WHERE subject_type = ?", subjectType)
	if err != nil {
		return nil, fmt.Errorf("store.AllAnswers: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		out[id] = s
	}
	return out, rows.Err()
}

// EligibleSet returns, for the subjects with ids in [fromID, toID], the
// policies each is recorded eligible for and the version that was recorded.
func (tb PolicyStore) EligibleSet(ctx context.Context, subjectType string, fromID, toID int64) (map[int64]map[string]int, error) {
	rows, err := tb.db.query(ctx, `SELECT subject_id, policy_id, version FROM policy_eligibility WHERE subject_type = ? AND subject_id >= ?
		AND subject_id <= ? AND eligible`, subjectType, fromID, toID)
	if err != nil {
		return nil, fmt.Errorf("store.EligibleSet: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]int{}
	for rows.Next() {
		var id int64
		var pid string
		var v int
		if err := rows.Scan(&id, &pid, &v); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[string]int{}
		}
		out[id][pid] = v
	}
	return out, rows.Err()
}

// HasApplication reports whether the subject already has an application
// (or proposal) for the policy.
func (t *Tx) HasApplication(ctx context.Context, policyID, subjectType string, subjectID int64) (bool, error) {
	var n int
	err := t.QueryRow(ctx, "SELECT COUNT(*) FROM policy_applications WHERE policy_id = ? AND subject_type = ? AND subject_id = ? AND period = ''",
		policyID, subjectType, subjectID).Scan(&n)
	return n > 0, err
}

// ProposeGrant inserts a 免申即享 proposal inside tx unless the subject has
// any application for the policy or an open one in its exclusive group.
func (t *Tx) ProposeGrant(ctx context.Context, app *policy.Application) (bool, error) {
	var n int
	err := t.QueryRow(ctx, `SELECT COUNT(*) FROM policy_applications WHERE subject_type = ? AND subject_id = ?
		AND ((policy_id = ? AND period = '') OR (exclusive_group <> '' AND exclusive_group = ? AND status <> ?))`,
		app.SubjectType, app.SubjectID, app.PolicyID, app.ExclusiveGroup, string(policy.Rejected)).Scan(&n)
	if err != nil || n > 0 {
		return false, err
	}
	now := t.db.Now()
	_, err = t.Exec(ctx, `INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, exclusive_group, status,
		amount_yuan, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, app.PolicyID, app.Version,
		app.SubjectType, app.SubjectID, app.ExclusiveGroup, string(policy.Proposed), app.AmountYuan, "系统比对生成（免申即享）", now, now)
	if err != nil {
		return false, fmt.Errorf("store.ProposeGrant: %w", err)
	}
	return true, nil
}
