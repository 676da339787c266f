-- 创业扶持 青创贷: the partner banks and guarantee agencies staff refer
-- applications to, and the applications with the bank's decision. Rates
-- are millionths of a percent; amounts are fen.
CREATE TABLE startup_banks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL DEFAULT 'bank',
    active      BOOLEAN NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE startup_loans (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL,
    person_id        INTEGER REFERENCES persons(id),
    enterprise_id    INTEGER REFERENCES enterprises(id),
    policy_id        TEXT NOT NULL DEFAULT '',
    amount           INTEGER NOT NULL,
    term_months      INTEGER NOT NULL,
    purpose          TEXT NOT NULL,
    business         TEXT NOT NULL,
    registered       BOOLEAN NOT NULL DEFAULT 0,
    guarantee        TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    bank_id          INTEGER REFERENCES startup_banks(id),
    reason           TEXT NOT NULL DEFAULT '',
    reviewed_by      INTEGER NOT NULL DEFAULT 0,
    approved_amount  INTEGER NOT NULL DEFAULT 0,
    annual_rate      INTEGER NOT NULL DEFAULT 0,
    lpr              INTEGER NOT NULL DEFAULT 0,
    method           TEXT NOT NULL DEFAULT '',
    decision_term    INTEGER NOT NULL DEFAULT 0,
    start_date       DATE,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    CHECK ((person_id IS NULL) <> (enterprise_id IS NULL))
);
CREATE INDEX startup_loans_person ON startup_loans(person_id, id);
CREATE INDEX startup_loans_enterprise ON startup_loans(enterprise_id, id);
CREATE INDEX startup_loans_status ON startup_loans(status, id);
