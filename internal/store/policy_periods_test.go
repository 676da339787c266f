package store_test

import (
	"testing"

	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestPolicyPeriodsMigration: migration 0026 rebuilds the applications and
// payouts tables (SQLite) or swaps the constraint (PostgreSQL) without
// losing a row or a link: an application and its payout written before it
// read back the same after it; a second one-off application by the same
// subject is still refused; a period's application for the same policy and
// subject is accepted once; a payout still needs an existing application.
func TestPolicyPeriodsMigration(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		db, err := store.Open(ctx, dsn, storetest.Box(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.MigrateTo(ctx, "0025_startup_repayments"); err != nil {
			t.Fatal(err)
		}
		exec := func(q string, args ...any) error {
			return db.Write(ctx, func(tx *store.Tx) error { _, err := tx.Exec(ctx, q, args...); return err })
		}
		now := db.Now()
		must := func(q string, args ...any) {
			t.Helper()
			if err := exec(q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		must(`INSERT INTO policies (id, version, name, category, beneficiary, match_mode, status, updated_at) VALUES ('p1', 1, '贴息', 'c', 'person', 'all', 'published', ?)`, now)
		var id int64
		if err := db.Write(ctx, func(tx *store.Tx) error {
			id, err = tx.InsertID(ctx, `INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, status, amount_yuan, created_at, updated_at)
				VALUES ('p1', 1, 'person', 7, 'paid', 1500, ?, ?)`, now, now)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		must(`INSERT INTO policy_payouts (application_id, batch, paid_on, amount_yuan, created_by, created_at) VALUES (?, 'B1', '2026-01-05', 1500, 1, ?)`, id, now)
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		ap, err := db.Policies().ApplicationByID(ctx, id)
		if err != nil || ap.Payout == nil || ap.Payout.Batch != "B1" || ap.AmountYuan != 1500 || ap.Period != "" {
			t.Fatalf("after the migration: %+v %v", ap, err)
		}
		ins := func(period string, ref int64) error {
			return exec(`INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, status, created_at, updated_at, period, ref_type, ref_id)
				VALUES ('p1', 1, 'person', 7, 'approved', ?, ?, ?, ?, ?)`, now, now, period, map[bool]string{true: "startup_loan"}[ref != 0], ref)
		}
		if err := ins("", 0); err == nil {
			t.Fatal("a second one-off application was stored")
		}
		if err := ins("2026Q1", 3); err != nil {
			t.Fatalf("a quarter's application: %v", err)
		}
		if err := ins("2026Q1", 3); err == nil {
			t.Fatal("the same quarter twice was stored")
		}
		if err := ins("2026Q1", 4); err != nil {
			t.Fatalf("another loan's quarter: %v", err)
		}
		if err := exec(`INSERT INTO policy_payouts (application_id, batch, paid_on, amount_yuan, created_by, created_at) VALUES (999, 'B2', '2026-01-05', 1, 1, ?)`, now); err == nil {
			t.Fatal("a payout for no application was stored")
		}
		if err := db.Write(ctx, func(tx *store.Tx) error {
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM policy_applications WHERE id > ?", id).Scan(&n); err != nil || n != 2 {
				t.Errorf("new applications numbered after the old: %d %v", n, err)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})
}
