-- 话务中心 casework: the team a staff member works in, the case a team keeps
-- for each person it serves, every contact (call, visit, WeChat, walk-in)
-- with a person or an enterprise, the follow-ups agents owe, the call
-- scripts the bureau edits, and job applications made as an agent's
-- referral with the person's spoken consent.
ALTER TABLE users ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN case_supervisor BOOLEAN NOT NULL DEFAULT FALSE;

-- One case per person: the team that serves them and its agent in charge.
CREATE TABLE casework_cases (
    person_id        BIGINT PRIMARY KEY REFERENCES persons(id),
    team             TEXT NOT NULL DEFAULT '',
    owner_id         BIGINT NOT NULL REFERENCES users(id),
    opened_at        TIMESTAMPTZ NOT NULL,
    last_contact_at  TIMESTAMPTZ,
    contacts         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX casework_cases_owner ON casework_cases(owner_id);
CREATE INDEX casework_cases_team ON casework_cases(team, last_contact_at);

-- A contact names a person or an enterprise. notes_enc is personal data,
-- sealed like a phone number (no index: nobody searches inside notes).
CREATE TABLE casework_contacts (
    id             BIGSERIAL PRIMARY KEY,
    person_id      BIGINT REFERENCES persons(id),
    enterprise_id  BIGINT REFERENCES enterprises(id),
    team           TEXT NOT NULL DEFAULT '',
    agent_id       BIGINT NOT NULL REFERENCES users(id),
    channel        TEXT NOT NULL,
    direction      TEXT NOT NULL,
    topics         TEXT NOT NULL,
    notes_enc      BYTEA,
    duration_s     INTEGER NOT NULL DEFAULT 0,
    outcome        TEXT NOT NULL,
    at             TIMESTAMPTZ NOT NULL,
    CHECK ((person_id IS NULL) <> (enterprise_id IS NULL))
);
CREATE INDEX casework_contacts_person ON casework_contacts(person_id, id);
CREATE INDEX casework_contacts_enterprise ON casework_contacts(enterprise_id, id);
CREATE INDEX casework_contacts_agent ON casework_contacts(agent_id, at);
CREATE INDEX casework_contacts_at ON casework_contacts(at);

-- Follow-ups: due date, owner, purpose; open until done or cancelled.
CREATE TABLE casework_followups (
    id             BIGSERIAL PRIMARY KEY,
    person_id      BIGINT REFERENCES persons(id),
    enterprise_id  BIGINT REFERENCES enterprises(id),
    team           TEXT NOT NULL DEFAULT '',
    owner_id       BIGINT NOT NULL REFERENCES users(id),
    due_on         DATE NOT NULL,
    purpose        TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'open',
    created_by     BIGINT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    done_at        TIMESTAMPTZ,
    done_by        BIGINT NOT NULL DEFAULT 0,
    contact_id     BIGINT,
    reminded_on    DATE,
    CHECK ((person_id IS NULL) <> (enterprise_id IS NULL))
);
CREATE INDEX casework_followups_owner ON casework_followups(owner_id, status, due_on);
CREATE INDEX casework_followups_team ON casework_followups(team, status, due_on);
CREATE INDEX casework_followups_due ON casework_followups(status, due_on);
CREATE INDEX casework_followups_person ON casework_followups(person_id, status, due_on);
CREATE INDEX casework_followups_enterprise ON casework_followups(enterprise_id, status, due_on);

-- Call scripts per topic, edited by the bureau.
CREATE TABLE casework_scripts (
    topic       TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    updated_by  BIGINT NOT NULL DEFAULT 0,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- A referral is an application an agent files for the person (推荐就业).
ALTER TABLE job_applications ADD COLUMN referred_by BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job_applications ADD COLUMN referral_consent TEXT NOT NULL DEFAULT '';
CREATE INDEX job_applications_referred ON job_applications(referred_by, status);
