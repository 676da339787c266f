package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

// TestStoreIdentity: a store's identity is drawn once and kept; a
// restored backup is another store, with an identity of its own.
func TestStoreIdentity(t *testing.T) {
	ctx := context.Background()
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		a, err := db.Jobs().StoreIdentity(ctx)
		if err != nil || len(a) != 32 {
			t.Fatalf("identity %q %v", a, err)
		}
		if b, err := db.Jobs().StoreIdentity(ctx); err != nil || b != a {
			t.Fatalf("identity changed: %q then %q (%v)", a, b, err)
		}
	})
	db := storetest.SQLite(t)
	before, err := db.Jobs().StoreIdentity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.db")
	if _, err := db.Backup(ctx, out, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "restored.db")
	if _, err := store.Restore(ctx, out, target, t.TempDir(), db.Box()); err != nil {
		t.Fatal(err)
	}
	re, err := store.Open(ctx, "sqlite:"+target, db.Box())
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	after, err := re.Jobs().StoreIdentity(ctx)
	if err != nil || after == before || len(after) != 32 {
		t.Fatalf("restored store's identity %q (%v), the original's %q", after, err, before)
	}
}
