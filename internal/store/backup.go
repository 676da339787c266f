package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/secret"
)

// manifestFormat names the backup layout: FILE (SQLite snapshot), FILE.uploads/
// (the upload files as stored, sealed) and FILE.json (the signed manifest).
const manifestFormat = "jiuye-sqlite-2"

// manifestPurpose is the Box.Derive purpose of the manifest's signing key.
const manifestPurpose = "backup-manifest"

// Manifest describes a backup: which key it needs, when it was taken, the
// snapshot's size and hash, the row count of every table, and every upload
// file with its size and hash. It is signed with HMAC-SM3 under a key
// derived from the master key, so without the key file nobody can alter a
// backup and make its manifest agree. It sits beside the snapshot as FILE.json.
type Manifest struct {
	Format    string           `json:"format"`
	TakenAt   time.Time        `json:"taken_at"`
	KeyID     string           `json:"key_id"`
	Database  BackupFile       `json:"database"`
	Counts    map[string]int64 `json:"counts"`
	Uploads   []BackupFile     `json:"uploads"`
	Missing   []string         `json:"missing_uploads,omitempty"` // recorded by an upload row but absent when the backup was taken
	Signature string           `json:"signature"`
}

// BackupFile is one file of a backup: the snapshot (by its base name) or an
// upload (by its path relative to the data directory), with its size and
// SHA-256 as stored (uploads are sealed, so the hash says nothing of their content).
type BackupFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// UploadsDir is where a backup keeps its upload files: FILE.uploads.
func UploadsDir(backup string) string { return backup + ".uploads" }

// Backup writes a consistent online snapshot of a SQLite store to out
// (VACUUM INTO) without its sessions, copies the upload files its records
// name from dataDir to out.uploads/, and writes the signed manifest to
// out.json. PostgreSQL uses pg_dump. On failure nothing it wrote stays.
func (db *DB) Backup(ctx context.Context, out, dataDir string) (*Manifest, error) {
	if db.dialect != SQLite {
		return nil, errors.New("store.Backup: PostgreSQL is backed up with pg_dump (see README)")
	}
	for _, p := range []string{out, UploadsDir(out), out + ".json"} {
		if _, err := os.Stat(p); err == nil {
			return nil, fmt.Errorf("store.Backup: %s already exists", p)
		}
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	m, err := db.backup(ctx, out, dataDir)
	if err != nil {
		os.Remove(out)
		os.Remove(out + ".json")
		os.RemoveAll(UploadsDir(out))
		return nil, err
	}
	return m, nil
}

func (db *DB) backup(ctx context.Context, out, dataDir string) (*Manifest, error) {
	m := &Manifest{Format: manifestFormat, KeyID: db.box.KeyID(), Counts: map[string]int64{}, Uploads: []BackupFile{}}
	// VACUUM INTO runs in one read transaction, so the snapshot is one
	// state of the store; the counts and the upload list are read from it.
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	paths, err := prepareSnapshot(ctx, out, m)
	if err != nil {
		return nil, err
	}
	// Upload files are never rewritten in place (a sealed file is renamed
	// into its name whole), so copying them after the snapshot is consistent.
	dir := UploadsDir(out)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	for _, p := range paths {
		rel, err := uploadRel(p)
		if err != nil {
			return nil, fmt.Errorf("store.Backup: %w", err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return nil, fmt.Errorf("store.Backup: %w", err)
		}
		f, err := copyFileSum(filepath.Join(dataDir, filepath.FromSlash(p)), dst)
		if errors.Is(err, os.ErrNotExist) {
			m.Missing = append(m.Missing, p)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store.Backup: upload %s: %w", p, err)
		}
		f.Path = p
		m.Uploads = append(m.Uploads, f)
	}
	if m.Database, err = fileSum(out); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	m.Database.Path = filepath.Base(out)
	m.TakenAt = db.Now()
	if m.Signature, err = m.sign(db.box); err != nil {
		return nil, err
	}
	if err := writeJSON(out+".json", m); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	return m, nil
}

// prepareSnapshot empties the snapshot's sessions (a backup carries no
// logins), fills m.Counts with every table's rows and returns the distinct
// upload paths the snapshot records.
func prepareSnapshot(ctx context.Context, snapshot string, m *Manifest) ([]string, error) {
	raw, err := openRawSQLite(snapshot)
	if err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1) // the pragma below is per connection
	if _, err := raw.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	if _, err := raw.ExecContext(ctx, "DELETE FROM sessions"); err != nil {
		return nil, fmt.Errorf("store.Backup: empty sessions: %w", err)
	}
	if m.Counts, err = countTables(ctx, raw); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	rows, err := raw.QueryContext(ctx, "SELECT DISTINCT path FROM uploads ORDER BY path")
	if err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	defer rows.Close()
	var paths []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("store.Backup: %w", err)
		}
		paths = append(paths, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.Backup: %w", err)
	}
	return paths, nil
}

// countTables counts the rows of every table of a SQLite file, as the
// schema lists them (not a hand-kept list).
func countTables(ctx context.Context, raw *sql.DB) (map[string]int64, error) {
	rows, err := raw.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts := make(map[string]int64, len(names))
	for _, t := range names {
		if !validIdent(t) {
			return nil, fmt.Errorf("unexpected table name %q", t)
		}
		var n int64
		if err := raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		counts[t] = n
	}
	return counts, nil
}

// sign is the manifest's HMAC-SM3, over its JSON without the signature.
func (m *Manifest) sign(box *secret.Box) (string, error) {
	c := *m
	c.Signature = ""
	b, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("store.Manifest.sign: %w", err)
	}
	return secret.MAC(box.Derive(manifestPurpose), b), nil
}

// Verify checks that the manifest was written by a backup holding box's key
// and not altered since.
func (m *Manifest) Verify(box *secret.Box) error {
	if m.Format != manifestFormat {
		return fmt.Errorf("store.Manifest.Verify: backup format %q is not %q (unsigned backups of older versions are not restored; take a new backup)", m.Format, manifestFormat)
	}
	if m.KeyID != box.KeyID() {
		return fmt.Errorf("store.Manifest.Verify: backup needs key %s but the key file is %s", m.KeyID, box.KeyID())
	}
	c := *m
	c.Signature = ""
	b, err := json.Marshal(&c)
	if err != nil {
		return fmt.Errorf("store.Manifest.Verify: %w", err)
	}
	if !secret.CheckMAC(box.Derive(manifestPurpose), b, m.Signature) {
		return errors.New("store.Manifest.Verify: manifest signature does not match: the manifest was altered")
	}
	return nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

// ReadManifest loads the manifest written beside a backup (not yet verified).
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

// Restore replaces the SQLite database at dbPath with backup and puts the
// backup's upload files back under dataDir, after checking the manifest's
// signature and key, the snapshot's hash, every table's row count, the
// database's integrity and every upload file's presence and hash. Sessions
// are not restored: nobody stays logged in through a restore. The server
// must be stopped. The old database is kept as dbPath+".before-restore".
func Restore(ctx context.Context, backup, dbPath, dataDir string, box *secret.Box) (*Manifest, error) {
	m, err := ReadManifest(backup)
	if err != nil {
		return nil, err
	}
	if err := m.Verify(box); err != nil {
		return nil, fmt.Errorf("store.Restore: %w", err)
	}
	// Every upload file is checked before anything is changed.
	dir := UploadsDir(backup)
	for _, f := range m.Uploads {
		rel, err := uploadRel(f.Path)
		if err != nil {
			return nil, fmt.Errorf("store.Restore: %w", err)
		}
		got, err := fileSum(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, fmt.Errorf("store.Restore: upload %s: %w", f.Path, err)
		}
		if got.Size != f.Size || got.SHA256 != f.SHA256 {
			return nil, fmt.Errorf("store.Restore: upload %s does not match the manifest", f.Path)
		}
	}
	tmp := dbPath + ".restoring"
	os.Remove(tmp)
	got, err := copyFileSum(backup, tmp)
	if err != nil {
		return nil, fmt.Errorf("store.Restore: %w", err)
	}
	if got.Size != m.Database.Size || got.SHA256 != m.Database.SHA256 {
		os.Remove(tmp)
		return nil, errors.New("store.Restore: the database snapshot does not match the manifest")
	}
	if err := checkSnapshot(ctx, tmp, m); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	for _, f := range m.Uploads {
		if err := restoreUpload(dir, dataDir, f); err != nil {
			os.Remove(tmp)
			return nil, err
		}
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

// checkSnapshot compares the restored copy's tables and row counts with the
// manifest (the same tables, the same counts), runs SQLite's integrity
// check and empties its sessions.
func checkSnapshot(ctx context.Context, path string, m *Manifest) error {
	raw, err := openRawSQLite(path)
	if err != nil {
		return fmt.Errorf("store.Restore: %w", err)
	}
	defer raw.Close()
	counts, err := countTables(ctx, raw)
	if err != nil {
		return fmt.Errorf("store.Restore: %w", err)
	}
	var names []string
	for t := range m.Counts {
		names = append(names, t)
	}
	for t := range counts {
		if _, ok := m.Counts[t]; !ok {
			names = append(names, t)
		}
	}
	sort.Strings(names)
	for _, t := range names {
		got, inDB := counts[t]
		want, inManifest := m.Counts[t]
		switch {
		case !inDB:
			return fmt.Errorf("store.Restore: table %s of the manifest is not in the backup", t)
		case !inManifest:
			return fmt.Errorf("store.Restore: table %s is not in the manifest", t)
		case got != want:
			return fmt.Errorf("store.Restore: table %s has %d rows, manifest says %d", t, got, want)
		}
	}
	var ok string
	if err := raw.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || !strings.EqualFold(ok, "ok") {
		return fmt.Errorf("store.Restore: integrity check failed: %v %s", err, ok)
	}
	if _, err := raw.ExecContext(ctx, "DELETE FROM sessions"); err != nil {
		return fmt.Errorf("store.Restore: empty sessions: %w", err)
	}
	// A restored store is another store: the job index snapshot of the
	// one it was taken from must not be applied to it (migration 0042).
	var n int
	if err := raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_identity'").Scan(&n); err != nil {
		return fmt.Errorf("store.Restore: %w", err)
	}
	if n > 0 {
		if _, err := raw.ExecContext(ctx, "DELETE FROM store_identity"); err != nil {
			return fmt.Errorf("store.Restore: new identity: %w", err)
		}
	}
	return nil
}

// restoreUpload copies one upload file from a backup's uploads directory to
// the data directory, through a temporary name, checking its hash again.
func restoreUpload(backupDir, dataDir string, f BackupFile) error {
	rel, err := uploadRel(f.Path)
	if err != nil {
		return fmt.Errorf("store.Restore: %w", err)
	}
	dst := filepath.Join(dataDir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("store.Restore: %w", err)
	}
	tmp := dst + ".restoring"
	got, err := copyFileSum(filepath.Join(backupDir, filepath.FromSlash(rel)), tmp)
	if err == nil && (got.Size != f.Size || got.SHA256 != f.SHA256) {
		err = errors.New("changed while restoring")
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store.Restore: upload %s: %w", f.Path, err)
	}
	return nil
}

// uploadRel checks that an upload path stays under uploads/ and returns it
// relative to that directory.
func uploadRel(p string) (string, error) {
	rel, ok := strings.CutPrefix(p, "uploads/")
	if !ok || rel == "" || path.Clean(p) != p || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", fmt.Errorf("upload path %q is not under uploads/", p)
	}
	return rel, nil
}

// fileSum is a file's size and SHA-256.
func fileSum(name string) (BackupFile, error) {
	f, err := os.Open(name)
	if err != nil {
		return BackupFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return BackupFile{}, err
	}
	return BackupFile{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// copyFileSum copies src to dst (mode 0600, synced) and returns the size and
// SHA-256 of what it wrote.
func copyFileSum(src, dst string) (BackupFile, error) {
	in, err := os.Open(src)
	if err != nil {
		return BackupFile{}, err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return BackupFile{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return BackupFile{}, err
	}
	return BackupFile{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
