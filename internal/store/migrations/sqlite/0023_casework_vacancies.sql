-- 话务中心 enterprise vacancy collection and contact quality reviews.
--
-- A vacancy an agent heard on a call or visit to an enterprise is kept as a
-- structured draft post until the enterprise confirms it in its back office
-- (which files a real post through the usual review) or staff publish it on
-- the enterprise's behalf with its recorded consent; it may also be declined
-- by the enterprise or withdrawn by the agent.
CREATE TABLE casework_vacancies (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id     INTEGER NOT NULL REFERENCES enterprises(id),
    contact_id        INTEGER REFERENCES casework_contacts(id),
    team              TEXT NOT NULL DEFAULT '',
    agent_id          INTEGER NOT NULL REFERENCES users(id),
    title             TEXT NOT NULL,
    occupation_code   TEXT NOT NULL DEFAULT '',
    headcount         INTEGER NOT NULL DEFAULT 1,
    salary_min        INTEGER NOT NULL DEFAULT 0,
    salary_max        INTEGER NOT NULL DEFAULT 0,
    education         TEXT NOT NULL DEFAULT '',
    experience_years  INTEGER NOT NULL DEFAULT 0,
    skills            TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    region_code       TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'draft',
    post_id           INTEGER REFERENCES job_posts(id),
    published_by      TEXT NOT NULL DEFAULT '',
    consent           TEXT NOT NULL DEFAULT '',
    decline_reason    TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    decided_at        TIMESTAMP,
    decided_by        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX casework_vacancies_enterprise ON casework_vacancies(enterprise_id, status, id);
CREATE INDEX casework_vacancies_agent ON casework_vacancies(agent_id, created_at);

-- A supervisor's weekly random sample of contact records, each scored 1–5
-- with comments (sealed: a comment may quote the contact's notes). A
-- contact is sampled at most once.
CREATE TABLE casework_reviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id    INTEGER NOT NULL UNIQUE REFERENCES casework_contacts(id),
    agent_id      INTEGER NOT NULL REFERENCES users(id),
    team          TEXT NOT NULL DEFAULT '',
    week          DATE NOT NULL,
    drawn_by      INTEGER NOT NULL,
    drawn_at      TIMESTAMP NOT NULL,
    reviewer_id   INTEGER NOT NULL DEFAULT 0,
    score         INTEGER NOT NULL DEFAULT 0,
    comments_enc  BLOB,
    reviewed_at   TIMESTAMP
);
CREATE INDEX casework_reviews_team ON casework_reviews(team, week);
CREATE INDEX casework_reviews_agent ON casework_reviews(agent_id, week);
