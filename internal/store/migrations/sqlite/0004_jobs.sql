-- 网谷智聘: job posts, their change sequence (the search index of every
-- instance follows it) and view counts per post and day.
CREATE TABLE job_posts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id     INTEGER NOT NULL REFERENCES enterprises(id),
    title             TEXT NOT NULL,
    occupation_code   TEXT NOT NULL,
    description       TEXT NOT NULL,
    headcount         INTEGER NOT NULL,
    salary_min        INTEGER NOT NULL,
    salary_max        INTEGER NOT NULL,
    education         TEXT NOT NULL,
    experience_years  INTEGER NOT NULL DEFAULT 0,
    skills            TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    benefits          TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    region_code       TEXT NOT NULL,
    address           TEXT NOT NULL DEFAULT '',
    lat               REAL,
    lng               REAL,
    expires_on        DATE NOT NULL,                -- last open day (Beijing)
    status            TEXT NOT NULL,                -- pending | published | rejected | paused | closed | expired
    review_reason     TEXT NOT NULL DEFAULT '',
    reviewed_by       INTEGER NOT NULL DEFAULT 0,
    reviewed_at       TIMESTAMP,
    published_at      TIMESTAMP,
    created_by        INTEGER NOT NULL DEFAULT 0,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    change_seq        INTEGER NOT NULL              -- from job_seq, set by every change
);
CREATE INDEX job_posts_enterprise ON job_posts(enterprise_id, id);
CREATE INDEX job_posts_status ON job_posts(status, id);
CREATE UNIQUE INDEX job_posts_change ON job_posts(change_seq);

-- One row: the last change sequence number. Taking the next number updates
-- the row, so writers queue on it and numbers become visible in order.
CREATE TABLE job_seq (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO job_seq (id, n) VALUES (1, 0);

CREATE TABLE job_views (
    post_id  INTEGER NOT NULL REFERENCES job_posts(id),
    day      DATE NOT NULL,                         -- Beijing date
    n        INTEGER NOT NULL,
    PRIMARY KEY (post_id, day)
);
