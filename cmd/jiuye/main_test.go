package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// runCLI runs the program with a private data dir and returns its output.
func runCLI(t *testing.T, data string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "JIUYE_DATA" {
			return data
		}
		return ""
	}
	err := run(context.Background(), append([]string{"jiuye"}, args...), getenv, &out, &errb)
	return out.String() + errb.String(), err
}

func TestCLIUserBackupRestoreAudit(t *testing.T) {
	data := t.TempDir()
	if out, err := runCLI(t, data, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	st, err := os.Stat(filepath.Join(data, "jiuye.key"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", err, st)
	}
	if out, err := runCLI(t, data, "user", "add", "--role", "admin", "--phone", "13800138000", "--password", "jiang7river", "--name", "管理员"); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	out, err := runCLI(t, data, "user", "add", "--role", "admin", "--phone", "13800138000", "--password", "abc", "--name", "x")
	if err == nil || !strings.Contains(err.Error(), "password") {
		t.Fatalf("bad user add should fail naming the field: %v %s", err, out)
	}
	if out, err := runCLI(t, data, "user", "add", "--role", "staff", "--phone", "13900139000", "--password", "jiang7river", "--name", "经办"); err != nil {
		t.Fatalf("user add staff: %v %s", err, out)
	}
	backup := filepath.Join(data, "backups", "b1.db")
	out, err = runCLI(t, data, "backup", "--out", backup)
	if err != nil || !strings.Contains(out, "users") {
		t.Fatalf("backup: %v %s", err, out)
	}
	// A change after the backup disappears on restore; counts come back.
	if _, err := runCLI(t, data, "user", "add", "--role", "reviewer", "--phone", "13700137000", "--password", "jiang7river", "--name", "审核"); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, data, "restore", "--in", backup); err != nil {
		t.Fatalf("restore: %v %s", err, out)
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "jiuye.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var users int
	db.QueryRow("SELECT COUNT(*) FROM users").Scan(&users)
	if users != 2 {
		t.Fatalf("users after restore = %d, want 2", users)
	}
	out, err = runCLI(t, data, "audit", "verify")
	if err != nil || !strings.Contains(out, "2 条") {
		t.Fatalf("audit verify: %v %s", err, out)
	}
	// Someone with database access edits an audit row: verify names it.
	mustExec(t, db, "DROP TRIGGER audit_log_no_update")
	mustExec(t, db, "UPDATE audit_log SET summary = 'role=staff (edited)' WHERE id = 2")
	_, err = runCLI(t, data, "audit", "verify")
	if err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Fatalf("tampered audit: %v", err)
	}
}

func TestAuditVerifyDetectsDeletion(t *testing.T) {
	data := t.TempDir()
	for _, p := range []string{"13800138000", "13900139000", "13700137000"} {
		if out, err := runCLI(t, data, "user", "add", "--role", "staff", "--phone", p, "--password", "jiang7river", "--name", "经办"); err != nil {
			t.Fatalf("%v %s", err, out)
		}
	}
	db, _ := sql.Open("sqlite", filepath.Join(data, "jiuye.db"))
	defer db.Close()
	mustExec(t, db, "DROP TRIGGER audit_log_no_delete")
	mustExec(t, db, "DELETE FROM audit_log WHERE id = 2")
	_, err := runCLI(t, data, "audit", "verify")
	if err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Fatalf("deleted audit row: %v", err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	data := t.TempDir()
	if _, err := runCLI(t, data, "user", "add", "--role", "staff", "--phone", "13800138000", "--password", "jiang7river", "--name", "经办"); err != nil {
		t.Fatal(err)
	}
	db, _ := sql.Open("sqlite", filepath.Join(data, "jiuye.db"))
	defer db.Close()
	if _, err := db.Exec("UPDATE audit_log SET summary = 'x'"); err == nil {
		t.Fatal("UPDATE on audit_log should be refused by the trigger")
	}
	if _, err := db.Exec("DELETE FROM audit_log"); err == nil {
		t.Fatal("DELETE on audit_log should be refused by the trigger")
	}
}

func TestCLIUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"user"}, {"audit"}, {"backup"}, {"serve", "--db", "mysql://x"}, {"migrate", "extra"}} {
		if _, err := runCLI(t, t.TempDir(), args...); err == nil {
			t.Errorf("jiuye %v should fail", args)
		}
	}
	if out, err := runCLI(t, t.TempDir(), "help"); err != nil || !strings.Contains(out, "jiuye serve") {
		t.Fatalf("help: %v %s", err, out)
	}
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
}
