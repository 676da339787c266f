-- 创业项目资助评审: funding calls, applications, expert assignments with
-- their scores, and the panel's decision. Amounts are fen; the rubric and
-- the tiers are JSON; an expert's scores are JSON by criterion key.
CREATE TABLE funding_calls (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    policy_id    TEXT NOT NULL DEFAULT '',
    opens        DATE NOT NULL,
    closes       DATE NOT NULL,
    budget       INTEGER NOT NULL,
    tiers        TEXT NOT NULL,
    rubric       TEXT NOT NULL,
    pass_mark    REAL NOT NULL DEFAULT 0,
    decided_at   TIMESTAMP,
    created_by   INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE funding_applications (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id     INTEGER NOT NULL REFERENCES funding_calls(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    project     TEXT NOT NULL,
    plan        TEXT NOT NULL,
    requested   INTEGER NOT NULL,
    status      TEXT NOT NULL,
    award       INTEGER NOT NULL DEFAULT 0,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (call_id, person_id)
);
CREATE INDEX funding_applications_person ON funding_applications(person_id);

CREATE TABLE funding_assignments (
    application_id  INTEGER NOT NULL REFERENCES funding_applications(id),
    expert_id       INTEGER NOT NULL REFERENCES users(id),
    conflict        BOOLEAN NOT NULL DEFAULT 0,
    conflict_note   TEXT NOT NULL DEFAULT '',
    scores          TEXT,                 -- JSON {criterion key: score}; NULL until submitted
    comment         TEXT NOT NULL DEFAULT '',
    assigned_at     TIMESTAMP NOT NULL,
    submitted_at    TIMESTAMP,
    PRIMARY KEY (application_id, expert_id)
);
CREATE INDEX funding_assignments_expert ON funding_assignments(expert_id);
