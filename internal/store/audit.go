package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/audit"
)

// Actor is who performs a stored change, for the audit log.
type Actor struct {
	UserID int64
	Role   string
	IP     string
}

// Audit appends one entry to the hash chain inside tx, so the entry commits
// or rolls back together with the change it describes. Its hash is keyed
// with the chain key (audit.Hash).
func (t *Tx) Audit(ctx context.Context, a Actor, action, objType string, objID int64, summary, result string) error {
	if err := t.lockAudit(ctx); err != nil {
		return fmt.Errorf("store.Audit lock: %w", err)
	}
	var lastID int64
	prev := audit.GenesisHash
	err := t.QueryRow(ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&lastID, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store.Audit head: %w", err)
	}
	oid := ""
	if objID != 0 {
		oid = strconv.FormatInt(objID, 10)
	}
	e := audit.Entry{ID: lastID + 1, At: t.db.Now(), ActorID: a.UserID, ActorRole: a.Role, IP: a.IP,
		Action: action, ObjectType: objType, ObjectID: oid, Summary: summary, Result: result, PrevHash: prev}
	e.Hash = audit.Hash(t.db.chainKey, e)
	_, err = t.Exec(ctx, `INSERT INTO audit_log (id, at, actor_id, actor_role, ip, action, object_type, object_id, summary, result, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.At, e.ActorID, e.ActorRole, e.IP, e.Action, e.ObjectType, e.ObjectID, e.Summary, e.Result, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("store.Audit insert: %w", err)
	}
	return nil
}

// Audit appends an entry in its own transaction (logins, denied access, views).
func (db *DB) Audit(ctx context.Context, a Actor, action, objType string, objID int64, summary, result string) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.Audit(ctx, a, action, objType, objID, summary, result) })
}

const auditCols = "id, at, actor_id, actor_role, ip, action, object_type, object_id, summary, result, prev_hash, hash"

// ListAudit returns audit rows newest first.
func (db *DB) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Entry, error) {
	q := "SELECT " + auditCols + " FROM audit_log WHERE 1=1"
	var args []any
	if f.ActorID != 0 {
		q += " AND actor_id = ?"
		args = append(args, f.ActorID)
	}
	if f.Action != "" {
		q += " AND action = ?"
		args = append(args, f.Action)
	}
	if f.ObjectType != "" {
		q += " AND object_type = ?"
		args = append(args, f.ObjectType)
	}
	if f.ObjectID != "" {
		q += " AND object_id = ?"
		args = append(args, f.ObjectID)
	}
	if f.BeforeID > 0 {
		q += " AND id < ?"
		args = append(args, f.BeforeID)
	}
	if !f.From.IsZero() {
		q += " AND at >= ?"
		args = append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		q += " AND at < ?"
		args = append(args, f.To.UTC())
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q += " ORDER BY id DESC LIMIT " + strconv.Itoa(f.Limit)
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store.ListAudit: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store.ListAudit: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func scanAudit(s interface{ Scan(...any) error }) (audit.Entry, error) {
	var e audit.Entry
	err := s.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorRole, &e.IP, &e.Action, &e.ObjectType, &e.ObjectID,
		&e.Summary, &e.Result, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

// VerifyAudit walks the whole chain in id order, checking every row's hash
// with the chain key, and returns the number of rows checked and an error
// naming the first bad row. Each checkpoint's signature is checked, and the
// chain must reach each signed checkpoint's row with the same hash: a chain
// that stops short of one was truncated. Problems with the checkpoints are
// joined after the chain's.
func (db *DB) VerifyAudit(ctx context.Context, checkpoints ...audit.Checkpoint) (int, error) {
	v := audit.NewVerifier(db.chainKey)
	var cpErrs []error
	for _, cp := range checkpoints {
		if err := db.CheckAuditCheckpoint(cp); err != nil {
			cpErrs = append(cpErrs, err)
			continue
		}
		v.Expect(cp)
	}
	n, err := db.verifyRows(ctx, v)
	if err == nil {
		err = v.Finish()
	}
	return n, errors.Join(append([]error{err}, cpErrs...)...)
}

func (db *DB) verifyRows(ctx context.Context, v *audit.Verifier) (int, error) {
	rows, err := db.query(ctx, "SELECT "+auditCols+" FROM audit_log ORDER BY id")
	if err != nil {
		return 0, fmt.Errorf("store.VerifyAudit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return v.Count(), fmt.Errorf("store.VerifyAudit: %w", err)
		}
		if err := v.Check(e); err != nil {
			return v.Count(), err
		}
	}
	if err := rows.Err(); err != nil {
		return v.Count(), fmt.Errorf("store.VerifyAudit: %w", err)
	}
	return v.Count(), nil
}
