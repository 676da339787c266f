package store_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/secret"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestRehashAuditChainRoot: the chain moves to the new root's chain key in
// one step audited by key.rotate_root; a rerun does nothing; a chain broken
// under the old key is refused with nothing changed.
func TestRehashAuditChainRoot(t *testing.T) {
	oldBox := storetest.Box(t)
	ring := secret.KeyRing{Current: bytes.Repeat([]byte{1}, 32), Root: bytes.Repeat([]byte{2}, 32)}
	ring2 := secret.KeyRing{Current: ring.Current, Root: bytes.Repeat([]byte{3}, 32)}
	storetest.ForEachReopen(t, oldBox, func(t *testing.T, db *store.DB, reopen func(*secret.Box) *store.DB) {
		addAudit(t, db, 3)
		newBox, _ := secret.NewRing(ring.Current, nil, ring.Root)
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
		db2 := reopen(newBox)
		if _, err := db2.VerifyAudit(ctx); err == nil {
			t.Fatal("the new key verifies the old chain")
		}
		res, err := db2.RehashAuditChainRoot(ctx, oldBox)
		if err != nil || res.Rows != 3 || res.Already {
			t.Fatalf("rehash: %+v %v", res, err)
		}
		if n, err := db2.VerifyAudit(ctx); err != nil || n != 4 {
			t.Fatalf("verify under the new root: %d %v", n, err)
		}
		if _, err := db.VerifyAudit(ctx); err == nil {
			t.Fatal("the old key still verifies the chain")
		}
		rows, _ := db2.ListAudit(ctx, audit.Filter{Action: audit.KeyRotateRoot})
		if len(rows) != 1 || !strings.Contains(rows[0].Summary, oldBox.KeyID()) {
			t.Fatalf("key.rotate_root entries: %+v", rows)
		}
		if res, err := db2.RehashAuditChainRoot(ctx, oldBox); err != nil || !res.Already {
			t.Fatalf("rerun: %+v %v", res, err)
		}

		// A chain altered under the (now old) root is not moved to the next one.
		tamper(t, db2, "UPDATE audit_log SET summary = 'x' WHERE id = 2")
		before, _ := db2.ListAudit(ctx, audit.Filter{})
		box3, _ := secret.NewRing(ring2.Current, nil, ring2.Root)
		db3 := reopen(box3)
		if _, err := db3.RehashAuditChainRoot(ctx, newBox); err == nil || !strings.Contains(err.Error(), "audit row 2") {
			t.Fatalf("a broken chain: want a refusal naming row 2, got %v", err)
		}
		after, _ := db2.ListAudit(ctx, audit.Filter{})
		if len(after) != len(before) || after[0].Hash != before[0].Hash {
			t.Fatal("a refused rehash changed the chain")
		}
	})
}
