package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Task is a unit of durable background work (see package worker).
type Task struct {
	ID       int64
	Kind     string
	Payload  string
	Attempts int
}

// Enqueue adds a task inside tx. With a dedupe key, a task still waiting
// under that key is not added twice; a claimed task gives its key up (see
// ClaimTask), so work that changes while a task runs is queued again.
func (t *Tx) Enqueue(ctx context.Context, kind, payload, dedupeKey string, runAt time.Time) error {
	_, err := t.Exec(ctx, `INSERT INTO tasks (kind, payload, dedupe_key, run_at, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key) DO NOTHING`, kind, payload, nullStr(dedupeKey), runAt.UTC(), t.db.Now())
	if err != nil {
		return fmt.Errorf("store.Enqueue: %w", err)
	}
	return nil
}

// Enqueue adds a task in its own transaction.
func (db *DB) Enqueue(ctx context.Context, kind, payload, dedupeKey string, runAt time.Time) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.Enqueue(ctx, kind, payload, dedupeKey, runAt) })
}

// ClaimTask leases the next due task for lease; several instances may claim
// concurrently (PostgreSQL skips rows another instance holds). It returns
// nil, nil when nothing is due.
func (db *DB) ClaimTask(ctx context.Context, lease time.Duration) (*Task, error) {
	var task *Task
	err := db.Write(ctx, func(tx *Tx) error {
		now := db.Now()
		var id int64
		err := tx.QueryRow(ctx, `SELECT id FROM tasks WHERE done_at IS NULL AND run_at <= ?
			AND (locked_until IS NULL OR locked_until < ?) ORDER BY run_at, id LIMIT 1`+db.dialect.skipLocked(), now, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store.ClaimTask: %w", err)
		}
		t := &Task{ID: id}
		if err := tx.QueryRow(ctx, `UPDATE tasks SET locked_until = ?, attempts = attempts + 1, dedupe_key = NULL WHERE id = ?
			RETURNING kind, payload, attempts`, now.Add(lease), id).Scan(&t.Kind, &t.Payload, &t.Attempts); err != nil {
			return fmt.Errorf("store.ClaimTask: %w", err)
		}
		task = t
		return nil
	})
	return task, err
}

// FinishTask records the outcome: done, or retried at retryAt with the error kept.
func (db *DB) FinishTask(ctx context.Context, id int64, runErr error, retryAt time.Time) error {
	return db.Write(ctx, func(tx *Tx) error {
		var err error
		if runErr == nil {
			_, err = tx.Exec(ctx, "UPDATE tasks SET done_at = ?, locked_until = NULL, last_error = '' WHERE id = ?", db.Now(), id)
		} else if retryAt.IsZero() {
			_, err = tx.Exec(ctx, "UPDATE tasks SET done_at = ?, locked_until = NULL, last_error = ? WHERE id = ?", db.Now(), "gave up: "+runErr.Error(), id)
		} else {
			_, err = tx.Exec(ctx, "UPDATE tasks SET run_at = ?, locked_until = NULL, last_error = ? WHERE id = ?", retryAt.UTC(), runErr.Error(), id)
		}
		if err != nil {
			return fmt.Errorf("store.FinishTask: %w", err)
		}
		return nil
	})
}

// PendingTasks counts tasks not yet done (for /metrics and tests).
func (db *DB) PendingTasks(ctx context.Context) (int, error) {
	var n int
	err := db.queryRow(ctx, "SELECT COUNT(*) FROM tasks WHERE done_at IS NULL").Scan(&n)
	return n, err
}
