-- 跟踪评估 outcome tracking: who was served by which service and when (the
-- cohorts, and the checks due at 3, 6 and 12 months), what became of them
-- with the source that says so, and the runs of the social-insurance file
-- import with their row errors (the report staff download). Hires in the
-- job board are read from job_applications at report time, not copied.
CREATE TABLE casework_served (
    person_id  BIGINT NOT NULL REFERENCES persons(id),
    kind       TEXT NOT NULL,
    served_on  DATE NOT NULL,
    team       TEXT NOT NULL DEFAULT '',
    agent_id   BIGINT NOT NULL DEFAULT 0,
    topic      TEXT NOT NULL DEFAULT '',
    provider   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, kind)
);
-- Covering: a cohort report reads its members from the index alone.
CREATE INDEX casework_served_on ON casework_served(kind, served_on, person_id, team, agent_id, topic, provider);

CREATE TABLE casework_outcomes (
    id               BIGSERIAL PRIMARY KEY,
    person_id        BIGINT NOT NULL REFERENCES persons(id),
    status           TEXT NOT NULL,
    employer         TEXT NOT NULL DEFAULT '',
    employer_uscc    TEXT NOT NULL DEFAULT '',
    occupation_code  TEXT NOT NULL DEFAULT '',
    wage_band        TEXT NOT NULL DEFAULT '',
    contract_type    TEXT NOT NULL DEFAULT '',
    since            DATE NOT NULL,
    until            DATE,
    source           TEXT NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    recorded_by      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX casework_outcomes_person ON casework_outcomes(person_id, since);
-- A re-imported insurance row updates its outcome instead of adding one.
CREATE UNIQUE INDEX casework_outcomes_insurance ON casework_outcomes(person_id, source, employer_uscc, since)
    WHERE source = 'insurance';

CREATE TABLE casework_insurance_imports (
    id          BIGSERIAL PRIMARY KEY,
    filename    TEXT NOT NULL,
    created_by  BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    total       INTEGER NOT NULL,
    saved       INTEGER NOT NULL,
    failed      INTEGER NOT NULL,
    errors      TEXT NOT NULL DEFAULT '[]'
);

-- Hires are what the cohort reports read from the job board.
CREATE INDEX job_applications_status_person ON job_applications(status, person_id);
