-- 就业政策通: the policy catalog as versioned data, eligibility results,
-- applications (incl. 免申即享 proposals), payouts and uploaded materials.
CREATE TABLE policy_parameters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    body        TEXT NOT NULL,            -- YAML: the catalog's meta and parameters (min wage, central group …)
    created_by  INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE policies (
    id               TEXT PRIMARY KEY,    -- catalog id, e.g. wh_xina_biyesheng_yicixing
    version          INTEGER NOT NULL,    -- current version
    name             TEXT NOT NULL,
    category         TEXT NOT NULL,
    beneficiary      TEXT NOT NULL,
    match_mode       TEXT NOT NULL,
    exclusive_group  TEXT NOT NULL DEFAULT '',
    no_apply         BOOLEAN NOT NULL DEFAULT 0,              -- 免申即享: eligible subjects get a grant proposal
    status           TEXT NOT NULL,       -- published | withdrawn
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE policy_versions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id   TEXT NOT NULL REFERENCES policies(id),
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,            -- the policy as catalog YAML
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (policy_id, version)
);

CREATE TABLE policy_eligibility (
    policy_id     TEXT NOT NULL,
    subject_type  TEXT NOT NULL,
    subject_id    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    eligible      BOOLEAN NOT NULL DEFAULT 0,
    amount_yuan   REAL NOT NULL DEFAULT 0,
    evaluated_at  TIMESTAMP NOT NULL,
    notified_at   TIMESTAMP,
    PRIMARY KEY (policy_id, subject_type, subject_id)
);
CREATE INDEX policy_eligibility_subject ON policy_eligibility(subject_type, subject_id);

CREATE TABLE policy_applications (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id        TEXT NOT NULL REFERENCES policies(id),
    version          INTEGER NOT NULL,    -- the version the application was made under
    subject_type     TEXT NOT NULL,
    subject_id       INTEGER NOT NULL,
    applicant_id     INTEGER NOT NULL DEFAULT 0,
    exclusive_group  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,       -- proposed | submitted | returned | approved | rejected | paid
    amount_yuan      REAL NOT NULL DEFAULT 0,
    note             TEXT NOT NULL DEFAULT '',
    decision_reason  TEXT NOT NULL DEFAULT '',
    decided_by       INTEGER NOT NULL DEFAULT 0,
    decided_at       TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (policy_id, subject_type, subject_id)
);
CREATE INDEX policy_applications_subject ON policy_applications(subject_type, subject_id);
CREATE INDEX policy_applications_status ON policy_applications(policy_id, status);

CREATE TABLE policy_payouts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id  INTEGER NOT NULL UNIQUE REFERENCES policy_applications(id),
    batch           TEXT NOT NULL,
    paid_on         DATE NOT NULL,
    amount_yuan     REAL NOT NULL,
    created_by      INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE uploads (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_type    TEXT NOT NULL,          -- e.g. policy_application
    owner_id      INTEGER NOT NULL,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    path          TEXT NOT NULL,          -- relative to the data directory
    created_by    INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX uploads_owner ON uploads(owner_type, owner_id);

-- Answers a person or enterprise gave to the policy questionnaire (attributes
-- the registry does not hold, e.g. school type, family hardship), as JSON.
CREATE TABLE policy_answers (
    subject_type  TEXT NOT NULL,
    subject_id    INTEGER NOT NULL,
    attrs         TEXT NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
);
