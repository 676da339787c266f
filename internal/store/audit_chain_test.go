package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestAuditRewriteWithAnotherKey: recomputing the chain with HMAC-SM3 under
// a key that is not the key file's is caught at the first row as well.
func TestAuditRewriteWithAnotherKey(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		addAudit(t, db, 4)
		wrong := storetest.Box(t).Derive("audit-chain")
		rewriteChain(t, db, 2, func(e audit.Entry) string { return audit.Hash(wrong, e) })
		if _, err := db.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "audit row 1:") {
			t.Fatalf("chain recomputed with another key: %v", err)
		}
	})
}

// TestAuditCheckpointTruncation: deleting the newest rows leaves a valid
// shorter chain; the signed checkpoint outside the database reports it,
// also when new rows were appended after the cut.
func TestAuditCheckpointTruncation(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		path := filepath.Join(t.TempDir(), store.AuditCheckpointFile)
		if cp, err := db.WriteAuditCheckpoint(ctx, path); err != nil || cp.ID != 0 || cp.Hash != audit.GenesisHash {
			t.Fatalf("checkpoint of an empty log: %+v %v", cp, err)
		}
		addAudit(t, db, 5)
		cp, err := db.WriteAuditCheckpoint(ctx, path)
		if err != nil || cp.ID != 5 {
			t.Fatalf("checkpoint: %+v %v", cp, err)
		}
		cps, err := store.ReadAuditCheckpoints(path)
		if err != nil || len(cps) != 1 || cps[0] != cp {
			t.Fatalf("read back: %+v %v", cps, err)
		}
		addAudit(t, db, 2)
		if n, err := db.VerifyAudit(ctx, cps...); err != nil || n != 7 {
			t.Fatalf("chain past its checkpoint: %d %v", n, err)
		}
		if _, err := db.WriteAuditCheckpoint(ctx, path); err != nil {
			t.Fatal(err)
		}
		cps, _ = store.ReadAuditCheckpoints(path)
		before, _ := os.ReadFile(path)

		tamper(t, db, "DELETE FROM audit_log WHERE id >= 6")
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Fatalf("the shorter chain is valid on its own: %v", err)
		}
		_, err = db.VerifyAudit(ctx, cps...)
		if err == nil || !strings.Contains(err.Error(), "truncated") || !strings.Contains(err.Error(), "records row 7 but the newest row is 5") {
			t.Fatalf("truncation against the checkpoint: %v", err)
		}
		if _, err := db.WriteAuditCheckpoint(ctx, path); err == nil || !strings.Contains(err.Error(), "truncated") {
			t.Fatalf("the checkpoint writer must refuse a truncated chain: %v", err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatal("the old checkpoint must stay as evidence")
		}
		// New rows appended after the cut reach row 7 again, with another hash.
		addAudit(t, db, 3)
		if _, err := db.VerifyAudit(ctx, cps...); err == nil || !strings.Contains(err.Error(), "audit row 7: hash differs from the checkpoint") {
			t.Fatalf("cut and written again: %v", err)
		}
		if _, err := db.WriteAuditCheckpoint(ctx, path); err == nil || !strings.Contains(err.Error(), "audit row 7: hash differs") {
			t.Fatalf("the checkpoint writer must refuse a rewound chain: %v", err)
		}
	})
}

// TestAuditForgedCheckpoint: a checkpoint whose signature does not check
// (edited, or signed with a key that is not the key file's) is reported and
// not used; the writer keeps it as evidence.
func TestAuditForgedCheckpoint(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		addAudit(t, db, 5)
		dir := t.TempDir()
		path := filepath.Join(dir, store.AuditCheckpointFile)
		cp, err := db.WriteAuditCheckpoint(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		// Moved back to row 3 to hide deleting rows 4 and 5, signature kept.
		moved := cp
		moved.ID = 3
		rows, _ := db.ListAudit(ctx, audit.Filter{Limit: 5})
		moved.Hash = rows[2].Hash
		if _, err := db.VerifyAudit(ctx, moved); !errors.Is(err, audit.ErrCheckpointForged) {
			t.Fatalf("edited checkpoint: %v", err)
		}
		// Signed again with a key guessed by the forger.
		guessed := moved
		guessed = guessed.Sign([]byte("not the key file's checkpoint key"))
		if _, err := db.VerifyAudit(ctx, guessed); !errors.Is(err, audit.ErrCheckpointForged) {
			t.Fatalf("checkpoint signed with a guessed key: %v", err)
		}
		if err := os.WriteFile(path, guessed.Line(), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := db.WriteAuditCheckpoint(ctx, path); !errors.Is(err, audit.ErrCheckpointForged) {
			t.Fatalf("writer over a forged checkpoint: %v", err)
		}
		// A checkpoint of another installation (another key file).
		other := storetest.SQLite(t)
		addAudit(t, other, 1)
		ocp, err := other.AuditCheckpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.VerifyAudit(ctx, ocp); !errors.Is(err, audit.ErrCheckpointOtherKey) {
			t.Fatalf("checkpoint of another key file: %v", err)
		}
		// The chain itself is still checked alongside.
		tamper(t, db, "UPDATE audit_log SET summary = 'x' WHERE id = 2")
		if _, err := db.VerifyAudit(ctx, moved); err == nil || !strings.Contains(err.Error(), "audit row 2:") || !errors.Is(err, audit.ErrCheckpointForged) {
			t.Fatalf("bad row and forged checkpoint: %v", err)
		}
	})
}

// forEachOld runs fn on a store migrated only as far as the release before keyed
// chains (0010), on SQLite and, when configured, PostgreSQL.
func forEachOld(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	open := func(t *testing.T, dsn string) *store.DB {
		db, err := store.Open(ctx, dsn, storetest.Box(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.MigrateTo(ctx, "0010_job_application_lists"); err != nil {
			t.Fatal(err)
		}
		return db
	}
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) { fn(t, open(t, dsn)) })
}

// addUnkeyed appends n rows hashed the old way (unkeyed SHA-256), as the
// release before keyed chains wrote them; alter changes one row's summary
// after hashing it.
func addUnkeyed(t *testing.T, db *store.DB, n int, alter int64) {
	t.Helper()
	err := db.Write(ctx, func(tx *store.Tx) error {
		prev := audit.GenesisHash
		at := db.Now()
		for i := int64(1); i <= int64(n); i++ {
			e := audit.Entry{ID: i, At: at.Add(time.Duration(i) * time.Millisecond), ActorID: 7, ActorRole: "staff", IP: "10.0.0.1",
				Action: audit.ViewPII, ObjectType: "person", ObjectID: "3", Result: audit.ResultOK, PrevHash: prev}
			e.Hash = unkeyedHash(e)
			prev = e.Hash
			if i == alter {
				e.Summary = "altered"
			}
			if _, err := tx.Exec(ctx, `INSERT INTO audit_log (id, at, actor_id, actor_role, ip, action, object_type, object_id, summary, result, prev_hash, hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.At, e.ActorID, e.ActorRole, e.IP, e.Action, e.ObjectType, e.ObjectID,
				e.Summary, e.Result, e.PrevHash, e.Hash); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAuditLegacyChainMigrated: a store with an unkeyed chain (more rows
// than one rehash batch) is rehashed with the key once by migration 0012,
// which audits itself and leaves the append-only triggers in place; then
// every row verifies with the key.
func TestAuditLegacyChainMigrated(t *testing.T) {
	forEachOld(t, func(t *testing.T, db *store.DB) {
		addUnkeyed(t, db, 2345, 0)
		if _, err := db.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "audit row 1:") {
			t.Fatalf("unkeyed rows must not pass the keyed check: %v", err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		n, err := db.VerifyAudit(ctx)
		if err != nil || n != 2346 {
			t.Fatalf("after migration: %d rows, %v", n, err)
		}
		last, err := db.ListAudit(ctx, audit.Filter{Limit: 1})
		if err != nil || last[0].Action != audit.ChainRehash || last[0].ActorRole != "system" ||
			!strings.Contains(last[0].Summary, "2345 rows rehashed") || !strings.Contains(last[0].Summary, "head was row 2345:") {
			t.Fatalf("rehash entry: %+v %v", last, err)
		}
		if err := db.ExecRaw(ctx, "UPDATE audit_log SET summary = 'x' WHERE id = 1"); err == nil {
			t.Fatal("UPDATE must be refused again after the rehash")
		}
		if err := db.ExecRaw(ctx, "DELETE FROM audit_log WHERE id = 2346"); err == nil {
			t.Fatal("DELETE must be refused again after the rehash")
		}
		addAudit(t, db, 1)
		if err := db.Migrate(ctx); err != nil { // applied once: nothing happens again
			t.Fatal(err)
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n != 2347 {
			t.Fatalf("after a new row: %d %v", n, err)
		}
	})
}

// TestAuditBrokenLegacyChainNotRehashed: an unkeyed chain that is already
// broken is not rehashed (the key would vouch for the damage): the
// migration fails naming the row and changes nothing.
func TestAuditBrokenLegacyChainNotRehashed(t *testing.T) {
	forEachOld(t, func(t *testing.T, db *store.DB) {
		addUnkeyed(t, db, 5, 3)
		err := db.Migrate(ctx)
		if err == nil || !strings.Contains(err.Error(), "0012_audit_chain") || !strings.Contains(err.Error(), "audit row 3:") {
			t.Fatalf("migration over a broken chain: %v", err)
		}
		rows, _ := db.ListAudit(ctx, audit.Filter{Limit: 5})
		if len(rows) != 5 || rows[4].Hash != unkeyedHash(rows[4]) {
			t.Fatal("a failed migration must leave the old rows as they were")
		}
		if err := db.ExecRaw(ctx, "UPDATE audit_log SET summary = 'x' WHERE id = 1"); err == nil {
			t.Fatal("the triggers must still refuse UPDATE after the failed migration")
		}
	})
}
