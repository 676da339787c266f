package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// StoreIdentity returns the store's random id, drawing it on first use:
// what ties a job index snapshot in the data directory to the store it
// was taken from (see migration 0042). Instances sharing one PostgreSQL
// share it; a restored SQLite backup gets a new one. (On JobStore, whose
// snapshot needs it, rather than on DB, which has methods enough.)
func (tb JobStore) StoreIdentity(ctx context.Context) (string, error) {
	db := tb.db
	var id string
	err := db.queryRow(ctx, "SELECT ident FROM store_identity WHERE id = 1").Scan(&id)
	if err == nil {
		return id, nil
	}
	var b [16]byte
	rand.Read(b[:])
	if err := db.Write(ctx, func(t *Tx) error {
		_, err := t.Exec(ctx, "INSERT INTO store_identity (id, ident) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", hex.EncodeToString(b[:]))
		return err
	}); err != nil {
		return "", fmt.Errorf("store.StoreIdentity: %w", err)
	}
	if err := db.queryRow(ctx, "SELECT ident FROM store_identity WHERE id = 1").Scan(&id); err != nil {
		return "", fmt.Errorf("store.StoreIdentity: %w", err)
	}
	return id, nil
}
