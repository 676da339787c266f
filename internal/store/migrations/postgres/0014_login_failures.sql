-- Login failures and lockouts are kept per phone — under the phone's blind
-- index (the same as users.phone_idx), never the clear phone — for
-- registered and unregistered phones alike, so a lockout tells nothing about
-- whether a phone has an account; every instance sees the same counts.
-- Failures being counted under the old per-user table are dropped; current
-- locks move over to login_locks, which replaces users.locked_until.
DROP TABLE login_failures;
CREATE TABLE login_failures (
    id         BIGSERIAL PRIMARY KEY,
    phone_idx  TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_phone_at ON login_failures(phone_idx, at);
CREATE INDEX login_failures_at ON login_failures(at);

CREATE TABLE login_locks (
    phone_idx     TEXT PRIMARY KEY,
    locked_until  TIMESTAMPTZ NOT NULL
);
INSERT INTO login_locks (phone_idx, locked_until)
    SELECT phone_idx, locked_until FROM users WHERE locked_until IS NOT NULL;
ALTER TABLE users DROP COLUMN locked_until;
