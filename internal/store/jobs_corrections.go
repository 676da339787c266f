package store

// What 识别职业 learned from use (classifier_corrections): the (title, code)
// pairs chosen on the post form over the first suggestion, counted.

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/jobs"
)

// MaxCorrections is the most corrections read back: far more than a
// district's bureau makes, a bound on what the classifier loads.
const MaxCorrections = 20000

// RecordCorrection counts one choice of code for title (adding the pair the
// first time), with the suggestion it replaced.
func (tb JobStore) RecordCorrection(ctx context.Context, title, code, suggested string, userID int64) error {
	now := tb.db.Now()
	err := tb.db.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO classifier_corrections (title, code, suggested, count, created_at, updated_at, updated_by)
		VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (title, code) DO UPDATE SET count = classifier_corrections.count + 1,
		suggested = excluded.suggested, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			title, code, suggested, now, now, nullID(userID))
		return err
	})
	if err != nil {
		return fmt.Errorf("store.RecordCorrection: %w", err)
	}
	return nil
}

// Corrections lists what was learned, most chosen first.
func (tb JobStore) Corrections(ctx context.Context) ([]jobs.Correction, error) {
	rows, err := tb.db.query(ctx, `SELECT id, title, code, suggested, count, created_at, updated_at, updated_by
		FROM classifier_corrections ORDER BY count DESC, updated_at DESC, id LIMIT ?`, MaxCorrections)
	if err != nil {
		return nil, fmt.Errorf("store.Corrections: %w", err)
	}
	defer rows.Close()
	var out []jobs.Correction
	for rows.Next() {
		var c jobs.Correction
		var by sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Title, &c.Code, &c.Suggested, &c.Count, &c.CreatedAt, &c.UpdatedAt, &by); err != nil {
			return nil, fmt.Errorf("store.Corrections: %w", err)
		}
		c.UpdatedBy = by.Int64
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// DeleteCorrection removes one learned pair and audits it, or NotFound.
func (tb JobStore) DeleteCorrection(ctx context.Context, a Actor, id int64) (*jobs.Correction, error) {
	var c jobs.Correction
	err := tb.db.Write(ctx, func(tx *Tx) error {
		var at time.Time
		if err := tx.QueryRow(ctx, "SELECT title, code, count, updated_at FROM classifier_corrections WHERE id = ?", id).Scan(&c.Title, &c.Code, &c.Count, &at); err != nil {
			if err == sql.ErrNoRows {
				return Missing("classifier_correction")
			}
			return fmt.Errorf("store.DeleteCorrection: %w", err)
		}
		c.ID = id
		if _, err := tx.Exec(ctx, "DELETE FROM classifier_corrections WHERE id = ?", id); err != nil {
			return fmt.Errorf("store.DeleteCorrection: %w", err)
		}
		return tx.Audit(ctx, a, "classifier.unlearn", "classifier_correction", id,
			fmt.Sprintf("删除识别职业学到的“%s”→ %s（选过 %d 次）", c.Title, c.Code, c.Count), "ok")
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}
