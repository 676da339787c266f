package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/secret"
)

// RootRehash is what RehashAuditChainRoot did.
type RootRehash struct {
	Rows    int  // rows rehashed under the new chain key
	Already bool // the chain was already under the new key: nothing done
}

// RehashAuditChainRoot is the audit step of a root rotation (jiuye key
// rotate --root): db is open with the new root, old is the Box of the root
// being replaced. In one transaction holding the audit lock it rehashes the
// whole chain from old's chain key to db's (rewriteChain, as migration 0012
// does): every row is first checked under the old key, and a chain already
// broken is not rehashed, since the new key would vouch for the damage; the
// error names the first bad row and nothing changes. The rehash is audited
// by a key.rotate_root entry, under the new key. A chain that already
// verifies under the new key (a rerun after this step committed) is left
// as it is.
func (db *DB) RehashAuditChainRoot(ctx context.Context, old *secret.Box) (RootRehash, error) {
	var res RootRehash
	if old.KeyID() == db.box.KeyID() {
		return res, errors.New("store.RehashAuditChainRoot: the old and the new root are the same")
	}
	err := db.Write(ctx, func(t *Tx) error {
		res = RootRehash{}
		if err := t.lockAudit(ctx); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		done, err := t.chainVerifies(ctx, audit.NewVerifier(db.chainKey))
		if err != nil {
			return err
		}
		if done {
			res.Already = true
			return nil
		}
		check := audit.NewVerifier(old.Derive("audit-chain"))
		if err := t.rewriteChain(ctx, check, db.chainKey); err != nil {
			var broken chainBroken
			if errors.As(err, &broken) {
				return fmt.Errorf("the audit chain does not verify under the old root's key %s and is not rehashed "+
					"(the new key would vouch for the damage); nothing was changed: %w", old.KeyID(), broken.error)
			}
			return err
		}
		res.Rows = check.Count()
		summary := fmt.Sprintf("root rotation: %d rows rehashed from chain key %s to %s; the chain verified under the old key before, its head was row %d:%s",
			res.Rows, old.KeyID(), db.box.KeyID(), check.LastID(), check.Last())
		return t.Audit(ctx, Actor{Role: "system"}, audit.KeyRotateRoot, "audit_log", 0, summary, audit.ResultOK)
	})
	if err != nil {
		return RootRehash{}, fmt.Errorf("store.RehashAuditChainRoot: %w", err)
	}
	return res, nil
}

// chainVerifies reports whether the chain has rows and they all verify
// with v.
func (t *Tx) chainVerifies(ctx context.Context, v *audit.Verifier) (bool, error) {
	var after int64
	for {
		batch, err := t.auditBatch(ctx, after)
		if err != nil {
			return false, fmt.Errorf("read: %w", err)
		}
		if len(batch) == 0 {
			return v.Count() > 0, nil
		}
		for _, e := range batch {
			if v.Check(e) != nil {
				return false, nil
			}
		}
		after = batch[len(batch)-1].ID
	}
}
