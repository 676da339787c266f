-- Audit chain version 2: each row's hash is HMAC-SM3 under a key derived from
-- the key file (audit.Hash) instead of unkeyed SHA-256, so the chain cannot be
-- recomputed by someone who holds only the database. Applying this migration
-- also runs its Go step (store/audit_chain.go) in the same transaction: it
-- checks the existing unkeyed chain, rehashes every row with the key (lifting
-- the append-only triggers for that transaction only and putting them back)
-- and appends an audit.rehash entry saying so. This table records the change
-- for people reading the database; verification trusts only the key.
CREATE TABLE audit_chain (
    version        INTEGER NOT NULL,
    changed_at     TIMESTAMP NOT NULL,
    rehashed_rows  INTEGER NOT NULL,
    legacy_head    TEXT NOT NULL
);
