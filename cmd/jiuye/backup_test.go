package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
)

// openData opens a data directory's SQLite store and use cases as serve does.
func openData(t *testing.T, data string) (*store.DB, *app.App) {
	t.Helper()
	return openCLIStore(t, cliStore{data: data, db: "sqlite:" + filepath.Join(data, "jiuye.db")})
}

// filesContaining lists the files under dir whose bytes contain s.
func filesContaining(t *testing.T, dir, s string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(s)) {
				out = append(out, p)
			}
		}
		return nil
	})
	return out
}

// TestCLIUploadsMigrateBackupRestore: a clear upload an older version left
// is sealed by `jiuye migrate`; `jiuye backup` carries it (sealed) with a
// signed manifest of every table; restore refuses an edited manifest, a
// snapshot altered without changing any count and an altered or missing
// upload file; restored into a fresh data directory, the upload downloads
// again and a session from before the backup no longer works.
func TestCLIUploadsMigrateBackupRestore(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	const phone, password = "13900139000", "jiang7river"
	if out, err := runCLI(t, data, "user", "add", "--role", "staff", "--phone", phone, "--password", password, "--name", "经办"); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}

	// What an older version left: a record and its clear file, named by its SHA-256.
	const marker = "ID-CARD-MARKER 420112199001011234"
	scan := []byte("%PDF-1.4\n% " + marker + "\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
	db, a := openData(t, data)
	ap, _ := leaveClearUpload(t, data, db, a, phone, scan)
	token, _, err := a.Accounts.Login(ctx, app.Actor{IP: "test"}, phone, password, account.SessionWeb)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	if out, err := runCLI(t, data, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	if clear := filesContaining(t, filepath.Join(data, "uploads"), marker); len(clear) > 0 {
		t.Errorf("after migrate, clear uploads remain: %v", clear)
	}

	backup := filepath.Join(data, "backups", "b1.db")
	out, err := runCLI(t, data, "backup", "--out", backup)
	if err != nil {
		t.Fatalf("backup: %v %s", err, out)
	}
	var backedUp []string
	filepath.WalkDir(backup+".uploads", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			backedUp = append(backedUp, p)
		}
		return nil
	})
	if len(backedUp) != 1 {
		t.Errorf("backup holds %d upload files, want 1: %v", len(backedUp), backedUp)
	}
	if clear := filesContaining(t, filepath.Dir(backup), marker); len(clear) > 0 {
		t.Errorf("the backup holds the upload in clear: %v", clear)
	}
	manifestJSON, err := os.ReadFile(backup + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var manifest map[string]any
	json.Unmarshal(manifestJSON, &manifest)
	counts, _ := manifest["counts"].(map[string]any)
	live, err := sql.Open("sqlite", filepath.Join(data, "jiuye.db"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := live.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if _, ok := counts[name]; !ok {
			t.Errorf("manifest has no count for table %s", name)
		}
	}
	rows.Close()
	live.Close()
	if s, _ := manifest["signature"].(string); len(s) < 64 {
		t.Errorf("manifest is not signed: %s", manifestJSON)
	}

	fresh := t.TempDir()
	keyBytes, err := os.ReadFile(filepath.Join(data, "jiuye.key"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fresh, "jiuye.key"), keyBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	refused := func(what string, want string) {
		t.Helper()
		out, err := runCLI(t, fresh, "restore", "--in", backup)
		if err == nil {
			t.Errorf("%s: restore succeeded: %s", what, out)
		} else if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: restore error %q does not mention %q", what, err, want)
		}
	}

	// An edited count is refused by the signature.
	edited := strings.Replace(string(manifestJSON), `"users": 1`, `"users": 2`, 1)
	if edited == string(manifestJSON) {
		t.Fatalf("manifest has no users count of 1: %s", manifestJSON)
	}
	os.WriteFile(backup+".json", []byte(edited), 0o600)
	refused("edited count", "signature")
	os.WriteFile(backup+".json", manifestJSON, 0o600)

	// A snapshot altered without changing any count (the clerk made an
	// admin) still matches the counts, but not the signed hash.
	snapshot, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	bk, err := sql.Open("sqlite", backup)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, bk, "UPDATE users SET role = 'admin' WHERE role = 'staff'")
	bk.Close()
	refused("snapshot altered with the same counts", "does not match")
	os.WriteFile(backup, snapshot, 0o600)

	// An upload file altered or missing in the backup is refused.
	if len(backedUp) == 1 {
		sealed, _ := os.ReadFile(backedUp[0])
		os.WriteFile(backedUp[0], append(bytes.Clone(sealed[:len(sealed)-1]), sealed[len(sealed)-1]^1), 0o600)
		refused("altered upload", "does not match")
		os.Remove(backedUp[0])
		refused("missing upload", "no such file")
		os.WriteFile(backedUp[0], sealed, 0o600)
	}
	if _, err := os.Stat(filepath.Join(fresh, "uploads")); err == nil {
		t.Error("a refused restore wrote upload files")
	}

	if out, err := runCLI(t, fresh, "restore", "--in", backup); err != nil {
		t.Fatalf("restore into a fresh data directory: %v %s", err, out)
	}
	db, a = openData(t, fresh)
	defer db.Close()
	staff, _, err := db.Accounts().UserByPhone(ctx, phone)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Policies().UploadsOf(ctx, "policy_application", ap.ID)
	if err != nil || len(got) != 1 {
		t.Fatalf("restored uploads: %v %v", got, err)
	}
	_, read, err := a.PolicyApps.Upload(ctx, app.Actor{User: staff, IP: "test"}, got[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := read(); err != nil || !bytes.Equal(b, scan) {
		t.Errorf("restored upload: %d bytes, %v; want the original %d bytes", len(b), err, len(scan))
	}
	if _, err := a.Accounts.Authenticate(ctx, token); err == nil {
		t.Error("a session from before the backup works after the restore")
	}
	if n, _ := db.Count(ctx, "sessions"); n != 0 {
		t.Errorf("%d sessions restored", n)
	}
}

// leaveClearUpload does what a version before sealed uploads did: writes
// scan in clear under data's uploads directory, named by its SHA-256, and
// records it as the material of a policy application by the staff user with
// phone. It returns the application and the staff user.
func leaveClearUpload(t *testing.T, data string, db *store.DB, a *app.App, phone string, scan []byte) (*policy.Application, *account.User) {
	t.Helper()
	ctx := context.Background()
	sum := sha256.Sum256(scan)
	plain := hex.EncodeToString(sum[:])
	rel := "uploads/" + plain[:2] + "/" + plain + ".pdf"
	os.MkdirAll(filepath.Join(data, "uploads", plain[:2]), 0o700)
	if err := os.WriteFile(filepath.Join(data, filepath.FromSlash(rel)), scan, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := a.Policies.EnsureCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	staff, _, err := db.Accounts().UserByPhone(ctx, phone)
	if err != nil {
		t.Fatal(err)
	}
	ap := &policy.Application{PolicyID: "hb_qiuzhi_chuangye", Version: 1, SubjectType: policy.KindPerson, SubjectID: 1,
		ApplicantID: staff.ID, Status: policy.Submitted}
	ups := []policy.Upload{{Filename: "身份证.pdf", ContentType: "application/pdf", Size: int64(len(scan)), SHA256: plain, Path: rel}}
	if err := db.Policies().CreateApplication(ctx, store.Actor{UserID: staff.ID}, ap, ups); err != nil {
		t.Fatal(err)
	}
	return ap, staff
}
