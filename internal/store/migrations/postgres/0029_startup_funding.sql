-- 创业项目资助评审: funding calls, applications, expert assignments with
-- their scores, and the panel's decision. Amounts are fen; the rubric and
-- the tiers are JSON; an expert's scores are JSON by criterion key.
CREATE TABLE funding_calls (
    id           BIGSERIAL PRIMARY KEY,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    policy_id    TEXT NOT NULL DEFAULT '',
    opens        DATE NOT NULL,
    closes       DATE NOT NULL,
    budget       BIGINT NOT NULL,
    tiers        TEXT NOT NULL,
    rubric       TEXT NOT NULL,
    pass_mark    DOUBLE PRECISION NOT NULL DEFAULT 0,
    decided_at   TIMESTAMPTZ,
    created_by   BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE funding_applications (
    id          BIGSERIAL PRIMARY KEY,
    call_id     BIGINT NOT NULL REFERENCES funding_calls(id),
    person_id   BIGINT NOT NULL REFERENCES persons(id),
    project     TEXT NOT NULL,
    plan        TEXT NOT NULL,
    requested   BIGINT NOT NULL,
    status      TEXT NOT NULL,
    award       BIGINT NOT NULL DEFAULT 0,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (call_id, person_id)
);
CREATE INDEX funding_applications_person ON funding_applications(person_id);

CREATE TABLE funding_assignments (
    application_id  BIGINT NOT NULL REFERENCES funding_applications(id),
    expert_id       BIGINT NOT NULL REFERENCES users(id),
    conflict        BOOLEAN NOT NULL DEFAULT FALSE,
    conflict_note   TEXT NOT NULL DEFAULT '',
    scores          TEXT,                 -- JSON {criterion key: score}; NULL until submitted
    comment         TEXT NOT NULL DEFAULT '',
    assigned_at     TIMESTAMPTZ NOT NULL,
    submitted_at    TIMESTAMPTZ,
    PRIMARY KEY (application_id, expert_id)
);
CREATE INDEX funding_assignments_expert ON funding_assignments(expert_id);
