-- 创业扶持 青创贷: the partner banks and guarantee agencies staff refer
-- applications to, and the applications with the bank's decision. Rates
-- are millionths of a percent; amounts are fen.
CREATE TABLE startup_banks (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL DEFAULT 'bank',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE startup_loans (
    id               BIGSERIAL PRIMARY KEY,
    kind             TEXT NOT NULL,
    person_id        BIGINT REFERENCES persons(id),
    enterprise_id    BIGINT REFERENCES enterprises(id),
    policy_id        TEXT NOT NULL DEFAULT '',
    amount           BIGINT NOT NULL,
    term_months      INTEGER NOT NULL,
    purpose          TEXT NOT NULL,
    business         TEXT NOT NULL,
    registered       BOOLEAN NOT NULL DEFAULT FALSE,
    guarantee        TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    bank_id          BIGINT REFERENCES startup_banks(id),
    reason           TEXT NOT NULL DEFAULT '',
    reviewed_by      BIGINT NOT NULL DEFAULT 0,
    approved_amount  BIGINT NOT NULL DEFAULT 0,
    annual_rate      BIGINT NOT NULL DEFAULT 0,
    lpr              BIGINT NOT NULL DEFAULT 0,
    method           TEXT NOT NULL DEFAULT '',
    decision_term    INTEGER NOT NULL DEFAULT 0,
    start_date       DATE,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK ((person_id IS NULL) <> (enterprise_id IS NULL))
);
CREATE INDEX startup_loans_person ON startup_loans(person_id, id);
CREATE INDEX startup_loans_enterprise ON startup_loans(enterprise_id, id);
CREATE INDEX startup_loans_status ON startup_loans(status, id);
