package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// addAudit appends n audit rows through the store, as the platform does.
func addAudit(t *testing.T, db *store.DB, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		if err := db.Audit(ctx, store.Actor{UserID: 7, Role: "staff", IP: "10.0.0.1"}, audit.ViewPII, "person", int64(i), "", audit.ResultOK); err != nil {
			t.Fatal(err)
		}
	}
}

// tamper runs statements on the database with the append-only triggers
// lifted, as someone holding the database file or superuser access can.
func tamper(t *testing.T, db *store.DB, stmts ...string) {
	t.Helper()
	lift := []string{"DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"}
	if db.Dialect() == store.Postgres {
		lift = []string{"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"}
	}
	for _, q := range append(lift, stmts...) {
		if err := db.ExecRaw(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// unkeyedHash is the old chain's hash, SHA-256 over length-prefixed fields:
// anyone can compute it. It is written out here, not taken from package
// audit, because it is the attacker's tool, not the code under test.
func unkeyedHash(e audit.Entry) string {
	var b strings.Builder
	for _, f := range []string{strconv.FormatInt(e.ID, 10), e.At.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z"),
		strconv.FormatInt(e.ActorID, 10), e.ActorRole, e.IP, e.Action, e.ObjectType, e.ObjectID, e.Summary, e.Result, e.PrevHash} {
		b.WriteString(strconv.Itoa(len(f)) + ":" + f)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// rewriteChain deletes row drop, renumbers the rows after it and recomputes
// the whole chain with hash: what a tamperer does so that no gap shows.
func rewriteChain(t *testing.T, db *store.DB, drop int64, hash func(audit.Entry) string) {
	t.Helper()
	rows, err := db.ListAudit(ctx, audit.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(rows)
	tamper(t, db, "DELETE FROM audit_log")
	prev, id := audit.GenesisHash, int64(0)
	for _, e := range rows {
		if e.ID == drop {
			continue
		}
		id++
		e.ID, e.PrevHash = id, prev
		e.Hash = hash(e)
		prev = e.Hash
		if err := db.ExecRaw(ctx, `INSERT INTO audit_log (id, at, actor_id, actor_role, ip, action, object_type, object_id, summary, result, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.At, e.ActorID, e.ActorRole, e.IP, e.Action, e.ObjectType, e.ObjectID,
			e.Summary, e.Result, e.PrevHash, e.Hash); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAuditRewriteWithoutKey: a middle row deleted and the whole chain
// recomputed with the old unkeyed SHA-256 leaves a chain that links up; the
// keyed verification names its first row.
func TestAuditRewriteWithoutKey(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		addAudit(t, db, 6)
		if n, err := db.VerifyAudit(ctx); err != nil || n != 6 {
			t.Fatalf("intact chain: %d %v", n, err)
		}
		rewriteChain(t, db, 3, unkeyedHash)
		if n, _ := db.Count(ctx, "audit_log"); n != 5 {
			t.Fatalf("rewritten chain has %d rows", n)
		}
		n, err := db.VerifyAudit(ctx)
		if err == nil || !strings.Contains(err.Error(), "audit row 1:") {
			t.Fatalf("chain recomputed with unkeyed SHA-256 must fail at row 1: %d %v", n, err)
		}
	})
}
