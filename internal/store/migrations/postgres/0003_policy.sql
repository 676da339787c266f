-- 就业政策通: the policy catalog as versioned data, eligibility results,
-- applications (incl. 免申即享 proposals), payouts and uploaded materials.
CREATE TABLE policy_parameters (
    id          BIGSERIAL PRIMARY KEY,
    body        TEXT NOT NULL,            -- YAML: the catalog's meta and parameters (min wage, central group …)
    created_by  BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE policies (
    id               TEXT PRIMARY KEY,    -- catalog id, e.g. wh_xina_biyesheng_yicixing
    version          INTEGER NOT NULL,    -- current version
    name             TEXT NOT NULL,
    category         TEXT NOT NULL,
    beneficiary      TEXT NOT NULL,
    match_mode       TEXT NOT NULL,
    exclusive_group  TEXT NOT NULL DEFAULT '',
    no_apply         BOOLEAN NOT NULL DEFAULT false,              -- 免申即享: eligible subjects get a grant proposal
    status           TEXT NOT NULL,       -- published | withdrawn
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE policy_versions (
    id          BIGSERIAL PRIMARY KEY,
    policy_id   TEXT NOT NULL REFERENCES policies(id),
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,            -- the policy as catalog YAML
    note        TEXT NOT NULL DEFAULT '',
    created_by  BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (policy_id, version)
);

CREATE TABLE policy_eligibility (
    policy_id     TEXT NOT NULL,
    subject_type  TEXT NOT NULL,
    subject_id    BIGINT NOT NULL,
    version       INTEGER NOT NULL,
    eligible      BOOLEAN NOT NULL DEFAULT false,
    amount_yuan   DOUBLE PRECISION NOT NULL DEFAULT 0,
    evaluated_at  TIMESTAMPTZ NOT NULL,
    notified_at   TIMESTAMPTZ,
    PRIMARY KEY (policy_id, subject_type, subject_id)
);
CREATE INDEX policy_eligibility_subject ON policy_eligibility(subject_type, subject_id);

CREATE TABLE policy_applications (
    id               BIGSERIAL PRIMARY KEY,
    policy_id        TEXT NOT NULL REFERENCES policies(id),
    version          INTEGER NOT NULL,    -- the version the application was made under
    subject_type     TEXT NOT NULL,
    subject_id       BIGINT NOT NULL,
    applicant_id     BIGINT NOT NULL DEFAULT 0,
    exclusive_group  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,       -- proposed | submitted | returned | approved | rejected | paid
    amount_yuan      DOUBLE PRECISION NOT NULL DEFAULT 0,
    note             TEXT NOT NULL DEFAULT '',
    decision_reason  TEXT NOT NULL DEFAULT '',
    decided_by       BIGINT NOT NULL DEFAULT 0,
    decided_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (policy_id, subject_type, subject_id)
);
CREATE INDEX policy_applications_subject ON policy_applications(subject_type, subject_id);
CREATE INDEX policy_applications_status ON policy_applications(policy_id, status);

CREATE TABLE policy_payouts (
    id              BIGSERIAL PRIMARY KEY,
    application_id  BIGINT NOT NULL UNIQUE REFERENCES policy_applications(id),
    batch           TEXT NOT NULL,
    paid_on         DATE NOT NULL,
    amount_yuan     DOUBLE PRECISION NOT NULL,
    created_by      BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE uploads (
    id            BIGSERIAL PRIMARY KEY,
    owner_type    TEXT NOT NULL,          -- e.g. policy_application
    owner_id      BIGINT NOT NULL,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    path          TEXT NOT NULL,          -- relative to the data directory
    created_by    BIGINT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX uploads_owner ON uploads(owner_type, owner_id);

-- Answers a person or enterprise gave to the policy questionnaire (attributes
-- the registry does not hold, e.g. school type, family hardship), as JSON.
CREATE TABLE policy_answers (
    subject_type  TEXT NOT NULL,
    subject_id    BIGINT NOT NULL,
    attrs         TEXT NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
);
