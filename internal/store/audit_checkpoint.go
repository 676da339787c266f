package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
)

// AuditCheckpointFile is the checkpoint file's name in the data directory.
const AuditCheckpointFile = "audit-checkpoint.json"

// AuditCheckpoint returns a checkpoint of the chain's head now, signed with
// the key file's checkpoint key.
func (db *DB) AuditCheckpoint(ctx context.Context) (audit.Checkpoint, error) {
	cp := audit.Checkpoint{Hash: audit.GenesisHash, At: db.Now(), KeyID: db.box.KeyID()}
	err := db.queryRow(ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&cp.ID, &cp.Hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return audit.Checkpoint{}, fmt.Errorf("store.AuditCheckpoint: %w", err)
	}
	return cp.Sign(db.checkpointKey), nil
}

// CheckAuditCheckpoint checks a checkpoint's signature against this store's
// key file (audit.ErrCheckpointForged, audit.ErrCheckpointOtherKey).
func (db *DB) CheckAuditCheckpoint(cp audit.Checkpoint) error {
	return cp.CheckSignature(db.checkpointKey, db.box.KeyID())
}

// ReadAuditCheckpoints reads the checkpoints in a file: the checkpoint file
// or a JSON log holding checkpoint lines. Signatures are not checked here
// (VerifyAudit and WriteAuditCheckpoint do); a missing file is an error
// matching os.ErrNotExist.
func ReadAuditCheckpoints(path string) ([]audit.Checkpoint, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("store.ReadAuditCheckpoints: %w", err)
	}
	cps, err := audit.ParseCheckpoints(b)
	if err != nil {
		return nil, fmt.Errorf("store.ReadAuditCheckpoints %s: %w", path, err)
	}
	return cps, nil
}

// WriteAuditCheckpoint signs the chain's head and writes it to path (in the
// data directory, outside the database) atomically: a temporary file renamed
// over the old one. It first checks the checkpoint already there: when its
// signature is bad, or the chain no longer reaches its row with its hash
// (the newest rows were deleted), the old file is kept as evidence, nothing
// is written and the error says why. It returns the new checkpoint, which
// the caller also logs.
func (db *DB) WriteAuditCheckpoint(ctx context.Context, path string) (audit.Checkpoint, error) {
	var prev *audit.Checkpoint
	switch old, err := ReadAuditCheckpoints(path); {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return audit.Checkpoint{}, fmt.Errorf("store.WriteAuditCheckpoint: %w", err)
	default:
		prev = &old[len(old)-1]
		if err := db.CheckAuditCheckpoint(*prev); err != nil {
			return audit.Checkpoint{}, fmt.Errorf("store.WriteAuditCheckpoint: %s: %w", path, err)
		}
	}
	cp, err := db.AuditCheckpoint(ctx)
	if err != nil {
		return audit.Checkpoint{}, err
	}
	if prev != nil {
		if err := db.auditReaches(ctx, cp.ID, *prev); err != nil {
			return audit.Checkpoint{}, fmt.Errorf("store.WriteAuditCheckpoint: %w", err)
		}
	}
	if err := writeFileAtomic(path, cp.Line()); err != nil {
		return audit.Checkpoint{}, fmt.Errorf("store.WriteAuditCheckpoint: %w", err)
	}
	return cp, nil
}

// auditReaches reports whether a chain whose newest row is headID still
// holds the row of checkpoint prev with prev's hash.
func (db *DB) auditReaches(ctx context.Context, headID int64, prev audit.Checkpoint) error {
	at := prev.At.Format(time.RFC3339)
	if headID < prev.ID {
		return fmt.Errorf("audit log truncated: the checkpoint of %s records row %d but the newest row is %d (rows %d..%d were deleted)",
			at, prev.ID, headID, headID+1, prev.ID)
	}
	if prev.ID == 0 {
		return nil
	}
	var hash string
	err := db.queryRow(ctx, "SELECT hash FROM audit_log WHERE id = ?", prev.ID).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit row %d: missing, but the checkpoint of %s records it", prev.ID, at)
	}
	if err != nil {
		return err
	}
	if hash != prev.Hash {
		return fmt.Errorf("audit row %d: hash differs from the checkpoint of %s (the log was cut back to an earlier row and written again, or replaced)", prev.ID, at)
	}
	return nil
}

// writeFileAtomic replaces path with data (mode 0600) so a reader sees the
// old file or the new one, never a part, even across a crash.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: make the rename itself durable
		d.Close()
	}
	return nil
}
