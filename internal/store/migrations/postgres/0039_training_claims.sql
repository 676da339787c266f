-- 培训补贴申领: a provider claims a filed class's subsidy after it ends;
-- one claim per class (UNIQUE class_id), reviewed like a policy
-- application: submitted → approved | returned (rechecked and submitted
-- again, round + 1) → paid (batch, date, by). Each trainee of the class is
-- an item with the five checks as JSON (rule, ok, reason in words) and
-- the amount (the class's standard when every check passes, else 0).
-- training_subsidy_ledger holds the items that subsidise a person for an
-- occupation and level — pending while the claim is open, paid once paid —
-- and its UNIQUE (person_id, occupation_code, level) is the rule "once per
-- occupation and level" in the database: two concurrent claims cannot both
-- take the same person. A returned claim releases its rows.
CREATE TABLE training_claims (
    id            BIGSERIAL PRIMARY KEY,
    class_id      BIGINT NOT NULL UNIQUE REFERENCES training_classes(id),
    provider_id   BIGINT NOT NULL REFERENCES training_providers(id),
    status        TEXT NOT NULL,
    checked       INTEGER NOT NULL DEFAULT 0,
    trainees      INTEGER NOT NULL DEFAULT 0,
    total_yuan    INTEGER NOT NULL DEFAULT 0,
    standard_yuan INTEGER NOT NULL DEFAULT 0,
    round         INTEGER NOT NULL DEFAULT 1,
    reason        TEXT NOT NULL DEFAULT '',
    submitted_by  BIGINT NOT NULL,
    submitted_at  TIMESTAMPTZ NOT NULL,
    decided_by    BIGINT NOT NULL DEFAULT 0,
    decided_at    TIMESTAMPTZ,
    paid_batch    TEXT NOT NULL DEFAULT '',
    paid_on       DATE,
    paid_by       BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX training_claims_provider ON training_claims(provider_id, id);
CREATE INDEX training_claims_status ON training_claims(status, id);
CREATE INDEX training_claims_paid ON training_claims(paid_on);

CREATE TABLE training_claim_items (
    claim_id    BIGINT NOT NULL REFERENCES training_claims(id),
    person_id   BIGINT NOT NULL REFERENCES persons(id),
    eligible    BOOLEAN NOT NULL,
    amount_yuan INTEGER NOT NULL,
    checks      TEXT NOT NULL,
    PRIMARY KEY (claim_id, person_id)
);

CREATE TABLE training_subsidy_ledger (
    person_id       BIGINT NOT NULL REFERENCES persons(id),
    occupation_code TEXT NOT NULL,
    level           INTEGER NOT NULL,
    claim_id        BIGINT NOT NULL REFERENCES training_claims(id),
    status          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, occupation_code, level)
);
CREATE INDEX training_subsidy_ledger_claim ON training_subsidy_ledger(claim_id);
