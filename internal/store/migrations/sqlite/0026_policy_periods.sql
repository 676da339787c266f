-- Recurring payouts: a policy may pay the same subject more than once, one
-- application per period and per object it pays for (青创贷 interest
-- subsidy: one per loan and quarter). One-off grants keep period '' and
-- ref ('', 0), so their uniqueness is what it was. SQLite cannot drop a
-- table constraint, so both tables are rebuilt (the payouts table first
-- points at the new applications table, so no row is ever orphaned).
CREATE TABLE policy_applications_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id        TEXT NOT NULL REFERENCES policies(id),
    version          INTEGER NOT NULL,
    subject_type     TEXT NOT NULL,
    subject_id       INTEGER NOT NULL,
    applicant_id     INTEGER NOT NULL DEFAULT 0,
    exclusive_group  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    amount_yuan      REAL NOT NULL DEFAULT 0,
    note             TEXT NOT NULL DEFAULT '',
    decision_reason  TEXT NOT NULL DEFAULT '',
    decided_by       INTEGER NOT NULL DEFAULT 0,
    decided_at       TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    period           TEXT NOT NULL DEFAULT '',   -- e.g. 2026Q1 for a quarter's subsidy
    ref_type         TEXT NOT NULL DEFAULT '',   -- what it pays for, e.g. startup_loan
    ref_id           INTEGER NOT NULL DEFAULT 0,
    UNIQUE (policy_id, subject_type, subject_id, ref_type, ref_id, period)
);
INSERT INTO policy_applications_new (id, policy_id, version, subject_type, subject_id, applicant_id, exclusive_group, status,
    amount_yuan, note, decision_reason, decided_by, decided_at, created_at, updated_at)
SELECT id, policy_id, version, subject_type, subject_id, applicant_id, exclusive_group, status,
    amount_yuan, note, decision_reason, decided_by, decided_at, created_at, updated_at FROM policy_applications;

CREATE TABLE policy_payouts_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id  INTEGER NOT NULL UNIQUE REFERENCES policy_applications_new(id),
    batch           TEXT NOT NULL,
    paid_on         DATE NOT NULL,
    amount_yuan     REAL NOT NULL,
    created_by      INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
INSERT INTO policy_payouts_new SELECT id, application_id, batch, paid_on, amount_yuan, created_by, created_at FROM policy_payouts;

DROP TABLE policy_payouts;
DROP TABLE policy_applications;
ALTER TABLE policy_applications_new RENAME TO policy_applications;
ALTER TABLE policy_payouts_new RENAME TO policy_payouts;
CREATE INDEX policy_applications_subject ON policy_applications(subject_type, subject_id);
CREATE INDEX policy_applications_status ON policy_applications(policy_id, status);
CREATE INDEX policy_applications_todo ON policy_applications(status, created_at);
CREATE INDEX policy_applications_decided ON policy_applications(status, decided_at);
CREATE INDEX policy_applications_ref ON policy_applications(ref_type, ref_id);
CREATE INDEX policy_payouts_paid_on ON policy_payouts(paid_on);
