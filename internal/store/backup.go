package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// BackupTables are counted into every backup manifest so a restore can be checked.
var BackupTables = []string{"users", "persons", "enterprises", "audit_log"}

// Manifest describes a backup: which key its encrypted columns need, when it
// was taken and how many rows each table had. It sits beside the snapshot as FILE.json.
type Manifest struct {
	Format  string           `json:"format"`
	TakenAt time.Time        `json:"taken_at"`
	KeyID   string           `json:"key_id"`
	Counts  map[string]int64 `json:"counts"`
}

// Backup writes a consistent online snapshot of a SQLite store to out
// (VACUUM INTO) and a manifest to out+".json". PostgreSQL uses pg_dump.
func (db *DB) Backup(ctx context.Context, out string) (*Manifest, error) {
	if db.dialect != SQLite {
		return nil, errors.New("store.Backup: PostgreSQL is backed up with pg_dump (see README)")
	}
	if _, err := os.Stat(out); err == nil {
		return nil, fmt.Errorf("store.Backup: %s already exists", out)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	m := &Manifest{Format: "jiuye-sqlite-1", KeyID: db.box.KeyID(), Counts: map[string]int64{}}
	// VACUUM INTO runs in one read transaction: the snapshot and the counts
	// taken right after describe the same or a later state; counts are informational.
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	snap, err := Open(ctx, "sqlite:"+out, db.box)
	if err != nil {
		return nil, fmt.Errorf("store.Backup: reopen snapshot: %w", err)
	}
	defer snap.Close()
	for _, t := range BackupTables {
		if m.Counts[t], err = snap.Count(ctx, t); err != nil {
			return nil, err
		}
	}
	m.TakenAt = db.Now()
	if err := writeJSON(out+".json", m); err != nil {
		return nil, err
	}
	return m, os.Chmod(out, 0o600)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

// ReadManifest loads the manifest written beside a backup.
func ReadManifest(backup string) (*Manifest, error) {
	b, err := os.ReadFile(backup + ".json")
	if err != nil {
		return nil, fmt.Errorf("store.ReadManifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("store.ReadManifest: %w", err)
	}
	return &m, nil
}

// Restore replaces the SQLite database at dbPath with backup after checking
// that the backup's key matches keyID and that its row counts match its
// manifest. The server must be stopped. The old file is kept as dbPath+".before-restore".
func Restore(ctx context.Context, backup, dbPath, keyID string) (*Manifest, error) {
	m, err := ReadManifest(backup)
	if err != nil {
		return nil, err
	}
	if m.KeyID != keyID {
		return nil, fmt.Errorf("store.Restore: backup needs key %s but the key file is %s", m.KeyID, keyID)
	}
	tmp := dbPath + ".restoring"
	os.Remove(tmp)
	if err := copyFile(backup, tmp); err != nil {
		return nil, fmt.Errorf("store.Restore: %w", err)
	}
	if err := checkCounts(ctx, tmp, m); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	if _, err := os.Stat(dbPath); err == nil {
		if err := os.Rename(dbPath, dbPath+".before-restore"); err != nil {
			return nil, fmt.Errorf("store.Restore: %w", err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dbPath + suffix)
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return nil, fmt.Errorf("store.Restore: %w", err)
	}
	return m, nil
}

func checkCounts(ctx context.Context, path string, m *Manifest) error {
	raw, err := openRawSQLite(path)
	if err != nil {
		return err
	}
	defer raw.Close()
	for t, want := range m.Counts {
		if !validIdent(t) {
			return fmt.Errorf("store.Restore: bad table %q in manifest", t)
		}
		var got int64
		if err := raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t).Scan(&got); err != nil {
			return fmt.Errorf("store.Restore: %w", err)
		}
		if got != want {
			return fmt.Errorf("store.Restore: table %s has %d rows, manifest says %d", t, got, want)
		}
	}
	var ok string
	if err := raw.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || !strings.EqualFold(ok, "ok") {
		return fmt.Errorf("store.Restore: integrity check failed: %v %s", err, ok)
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
