package store

// 网谷智聘 import runs: one row per imported file with its progress, counts
// and row errors, so a report outlives the process that made it and every
// instance on the same database sees it. A run is written three ways: made
// "running" before its rows are checked, its progress (and heartbeat) saved
// every few hundred rows, and ended "done" in the transaction that saves its
// posts — or "failed" when it was stopped or its heartbeat went stale.

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
)

const jobImportCols = "id, enterprise_id, user_id, source, filename, status, total, checked, saved, failed, error_count, message, created_at, updated_at, finished_at"

func scanJobImport(s interface{ Scan(...any) error }) (*jobs.Import, error) {
	var r jobs.Import
	var uid sql.NullInt64
	var fin sql.NullTime
	if err := s.Scan(&r.ID, &r.EnterpriseID, &uid, &r.Source, &r.Filename, &r.Status, &r.Total, &r.Checked, &r.Saved, &r.Failed,
		&r.ErrorCount, &r.Message, &r.CreatedAt, &r.UpdatedAt, &fin); err != nil {
		return nil, err
	}
	r.UserID = uid.Int64
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	if fin.Valid {
		r.FinishedAt = fin.Time.UTC()
	}
	return &r, nil
}

// CreateJobImport records a new running run with nothing checked yet.
func (tb JobStore) CreateJobImport(ctx context.Context, r *jobs.Import) error {
	now := tb.db.Now()
	return tb.db.Write(ctx, func(tx *Tx) error {
		id, err := tx.InsertID(ctx, `INSERT INTO job_imports (enterprise_id, user_id, source, filename, status, total, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.EnterpriseID, nullID(r.UserID), r.Source, r.Filename, jobs.ImportRunning, r.Total, now, now)
		if err != nil {
			return fmt.Errorf("store.CreateJobImport: %w", err)
		}
		r.ID, r.Status, r.Checked, r.CreatedAt, r.UpdatedAt = id, jobs.ImportRunning, 0, now, now
		return nil
	})
}

// JobImportByID returns a run without its row errors, or NotFound.
func (tb JobStore) JobImportByID(ctx context.Context, id int64) (*jobs.Import, error) {
	r, err := scanJobImport(tb.db.queryRow(ctx, "SELECT "+jobImportCols+" FROM job_imports WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("job_import")
	}
	if err != nil {
		return nil, fmt.Errorf("store.JobImportByID: %w", err)
	}
	return r, nil
}

// JobImportsOf lists an enterprise's runs, newest first.
func (tb JobStore) JobImportsOf(ctx context.Context, entID int64, limit int) ([]*jobs.Import, error) {
	rows, err := tb.db.query(ctx, "SELECT "+jobImportCols+" FROM job_imports WHERE enterprise_id = ? ORDER BY id DESC LIMIT "+
		strconv.Itoa(clampLimit(limit, 10, 100)), entID)
	if err != nil {
		return nil, fmt.Errorf("store.JobImportsOf: %w", err)
	}
	defer rows.Close()
	var out []*jobs.Import
	for rows.Next() {
		r, err := scanJobImport(rows)
		if err != nil {
			return nil, fmt.Errorf("store.JobImportsOf: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.JobImportsOf: %w", err)
	}
	return out, nil
}

// JobImportErrors returns a run's row errors in report order.
func (tb JobStore) JobImportErrors(ctx context.Context, id int64) ([]jobs.ImportRowError, error) {
	var raw []byte
	err := tb.db.queryRow(ctx, "SELECT row_errors FROM job_imports WHERE id = ?", id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("job_import")
	}
	if err != nil {
		return nil, fmt.Errorf("store.JobImportErrors: %w", err)
	}
	errs, err := decodeRowErrors(raw)
	if err != nil {
		return nil, fmt.Errorf("store.JobImportErrors %d: %w", id, err)
	}
	return errs, nil
}

// JobImportProgress records how many rows a running run has checked and
// renews its heartbeat. It reports false when the run is no longer running
// (it was marked failed meanwhile), so the caller stops.
func (tb JobStore) JobImportProgress(ctx context.Context, id int64, checked int) (bool, error) {
	var n int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE job_imports SET checked = ?, updated_at = ? WHERE id = ? AND status = ?",
			checked, tb.db.Now(), id, jobs.ImportRunning)
		if err != nil {
			return fmt.Errorf("store.JobImportProgress: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n > 0, err
}

// FinishJobImport ends a running run as done with its counts and row
// errors, inside the transaction that saves its posts. It must be the
// transaction's first write on the run: the row is locked from here to the
// commit, so a concurrent FailStaleJobImports waits and then finds it done.
// A run that was marked failed meanwhile is a Conflict, and the caller's
// transaction (its posts) rolls back.
func (t *Tx) FinishJobImport(ctx context.Context, r *jobs.Import, errs []jobs.ImportRowError) error {
	raw, err := encodeRowErrors(errs)
	if err != nil {
		return fmt.Errorf("store.FinishJobImport: %w", err)
	}
	now := t.db.Now()
	res, err := t.Exec(ctx, `UPDATE job_imports SET status = ?, checked = total, saved = ?, failed = ?, error_count = ?, row_errors = ?,
		message = '', updated_at = ?, finished_at = ? WHERE id = ? AND status = ?`,
		jobs.ImportDone, r.Saved, r.Failed, len(errs), raw, now, now, r.ID, jobs.ImportRunning)
	if err != nil {
		return fmt.Errorf("store.FinishJobImport: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.Conflict, "导入已中断，未导入任何岗位，请重新导入")
	}
	r.Status, r.Checked, r.ErrorCount, r.Message, r.UpdatedAt, r.FinishedAt = jobs.ImportDone, r.Total, len(errs), "", now, now
	return nil
}

// FailJobImport ends a running run as failed with a message for the
// employer; it reports false when the run had already ended.
func (tb JobStore) FailJobImport(ctx context.Context, id int64, message string) (bool, error) {
	var n int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		res, err := tx.Exec(ctx, "UPDATE job_imports SET status = ?, message = ?, updated_at = ?, finished_at = ? WHERE id = ? AND status = ?",
			jobs.ImportFailed, message, now, now, id, jobs.ImportRunning)
		if err != nil {
			return fmt.Errorf("store.FailJobImport: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n > 0, err
}

// FailStaleJobImports ends as failed every running run whose heartbeat is
// older than before: the process that ran it stopped (a crash, a kill, a
// restart). It returns how many it ended.
func (tb JobStore) FailStaleJobImports(ctx context.Context, before time.Time, message string) (int64, error) {
	var n int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		res, err := tx.Exec(ctx, "UPDATE job_imports SET status = ?, message = ?, updated_at = ?, finished_at = ? WHERE status = ? AND updated_at < ?",
			jobs.ImportFailed, message, now, now, jobs.ImportRunning, before.UTC())
		if err != nil {
			return fmt.Errorf("store.FailStaleJobImports: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}

// PurgeJobImports deletes the runs (and their reports) created before
// before that are no longer running, returning how many.
func (tb JobStore) PurgeJobImports(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM job_imports WHERE created_at < ? AND status <> ?", before.UTC(), jobs.ImportRunning)
		if err != nil {
			return fmt.Errorf("store.PurgeJobImports: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}

// encodeRowErrors packs row errors as gzip-compressed JSON triples; the
// same columns and reasons repeat from row to row, so they compress well.
// No errors is NULL.
func encodeRowErrors(errs []jobs.ImportRowError) ([]byte, error) {
	if len(errs) == 0 {
		return nil, nil
	}
	// [row, column, reason], and a fourth element "note" for a note on a
	// row that was imported.
	triples := make([][]any, len(errs))
	for i, e := range errs {
		triples[i] = []any{e.Row, e.Column, e.Reason}
		if e.Note {
			triples[i] = append(triples[i], "note")
		}
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if err := json.NewEncoder(zw).Encode(triples); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func decodeRowErrors(raw []byte) ([]jobs.ImportRowError, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("row errors: %w", err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("row errors: %w", err)
	}
	var raws [][]json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		return nil, fmt.Errorf("row errors: %w", err)
	}
	out := make([]jobs.ImportRowError, len(raws))
	for i, t := range raws {
		if len(t) < 3 {
			return nil, fmt.Errorf("row errors: entry %d has %d elements", i, len(t))
		}
		out[i].Note = len(t) > 3 && string(t[3]) == `"note"`
		if err := errors.Join(json.Unmarshal(t[0], &out[i].Row), json.Unmarshal(t[1], &out[i].Column),
			json.Unmarshal(t[2], &out[i].Reason)); err != nil {
			return nil, fmt.Errorf("row errors: entry %d: %w", i, err)
		}
	}
	return out, nil
}
