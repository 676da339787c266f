package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jiuye/jiuye/internal/audit"
)

// migrationStep returns the Go half of a migration, run in the migration's
// transaction right after its SQL, or nil when the migration is SQL only.
func migrationStep(version string) func(context.Context, *Tx) error {
	if version == "0012_audit_chain" {
		return func(ctx context.Context, t *Tx) error { return t.rehashAuditChain(ctx) }
	}
	return nil
}

// rehashBatch is how many audit rows the rehash reads at a time.
const rehashBatch = 1000

// rehashAuditChain is migration 0012's Go step: it moves an existing chain
// from unkeyed SHA-256 (version 1) to HMAC-SM3 with the chain key (version
// 2), once, inside the migration's transaction, so it commits with the
// migration's record or not at all.
//
// The old chain is first verified as it stands: a chain that is already
// broken is not rehashed, because the key would then vouch for the
// tampering; the migration fails naming the first bad row and the operator
// decides (restore a backup, or investigate). Rows are read in id order in
// batches and rewritten with new prev_hash and hash, every other column
// untouched. The append-only triggers are dropped for this transaction only
// and created again before it commits (which also re-arms them if someone
// had dropped them). The rehash is then audited itself: an audit.rehash
// entry, hashed with the key like every row after it, records how many rows
// were rehashed and the old chain's head, and the audit_chain table notes
// the version for people reading the database.
func (t *Tx) rehashAuditChain(ctx context.Context) error {
	if err := t.lockAudit(ctx); err != nil {
		return fmt.Errorf("store.rehashAuditChain lock: %w", err)
	}
	legacy := audit.NewLegacyVerifier()
	if err := t.rewriteChain(ctx, legacy, t.db.chainKey); err != nil {
		var broken chainBroken
		if errors.As(err, &broken) {
			return fmt.Errorf("store.rehashAuditChain: the unkeyed audit chain is already broken and is not rehashed "+
				"(the key would vouch for the damage); find out what happened, e.g. restore a backup, before upgrading: %w", broken.error)
		}
		return fmt.Errorf("store.rehashAuditChain: %w", err)
	}
	n := legacy.Count()
	legacyHead := fmt.Sprintf("%d:%s", legacy.LastID(), legacy.Last())
	if _, err := t.Exec(ctx, "INSERT INTO audit_chain (version, changed_at, rehashed_rows, legacy_head) VALUES (?, ?, ?, ?)",
		audit.ChainVersion, t.db.Now(), n, legacyHead); err != nil {
		return fmt.Errorf("store.rehashAuditChain record: %w", err)
	}
	if n == 0 {
		return nil // a new store: nothing was rehashed, nothing to audit
	}
	summary := fmt.Sprintf("chain v1→v%d: %d rows rehashed with HMAC-SM3 (key %s); the unkeyed SHA-256 chain verified before, its head was row %s",
		audit.ChainVersion, n, t.db.box.KeyID(), legacyHead)
	if err := t.Audit(ctx, Actor{Role: "system"}, audit.ChainRehash, "audit_log", 0, summary, audit.ResultOK); err != nil {
		return fmt.Errorf("store.rehashAuditChain audit: %w", err)
	}
	return nil
}

// chainBroken is rewriteChain's error for a row that fails the check of
// the chain as it stands.
type chainBroken struct{ error }

// rewriteChain rewrites every audit row's prev_hash and hash under key, in
// id order and in batches, every other column untouched, after checking each
// row with check (the chain as it stands, under its old hash): the first row
// failing the check stops it with a chainBroken error, and the caller's
// transaction, which holds the audit lock, rolls everything back. The
// append-only triggers are dropped for this transaction only and created
// again before it returns (which also re-arms them if someone had dropped
// them). Migration 0012 (unkeyed to keyed) and a root rotation (old chain
// key to new) use it.
func (t *Tx) rewriteChain(ctx context.Context, check *audit.Verifier, key []byte) error {
	if _, err := t.tx.ExecContext(ctx, t.db.dialect.liftAuditTriggers()); err != nil {
		return fmt.Errorf("lift triggers: %w", err)
	}
	prev := audit.GenesisHash
	var after int64
	for {
		batch, err := t.auditBatch(ctx, after)
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		if len(batch) == 0 {
			break
		}
		for _, e := range batch {
			if err := check.Check(e); err != nil {
				return chainBroken{err}
			}
			e.PrevHash = prev
			e.Hash = audit.Hash(key, e)
			prev = e.Hash
			if _, err := t.Exec(ctx, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", e.PrevHash, e.Hash, e.ID); err != nil {
				return fmt.Errorf("update row %d: %w", e.ID, err)
			}
		}
		after = batch[len(batch)-1].ID
	}
	if _, err := t.tx.ExecContext(ctx, t.db.dialect.auditTriggers()); err != nil {
		return fmt.Errorf("restore triggers: %w", err)
	}
	return nil
}

// auditBatch reads the next rows after id, in id order.
func (t *Tx) auditBatch(ctx context.Context, after int64) ([]audit.Entry, error) {
	rows, err := t.Query(ctx, "SELECT "+auditCols+" FROM audit_log WHERE id > ? ORDER BY id LIMIT ?", after, rehashBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// liftAuditTriggers drops audit_log's append-only triggers; only the chain
// rehash does this, inside its transaction, and auditTriggers puts them back.
func (d Dialect) liftAuditTriggers() string {
	if d == Postgres {
		return "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log"
	}
	return "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete"
}

// auditTriggers creates audit_log's append-only triggers as migration 0001 does.
func (d Dialect) auditTriggers() string {
	if d == Postgres {
		return `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();`
	}
	return `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`
}
