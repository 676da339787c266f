-- 零工经纪人: gig employers (an enterprise, later a verified 个人用工 person),
-- gig posts with their shifts, workers' sign-ups per shift, and workers'
-- gig profiles. Money is in fen. A worker's home point is kept rounded to
-- about a kilometre (0.01°): enough for travel distance, not an address.
CREATE TABLE gig_employers (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id  INTEGER UNIQUE REFERENCES enterprises(id),
    person_id      INTEGER UNIQUE REFERENCES persons(id),
    -- a person who hires for themselves (个人用工: a move, a repair, a
    -- family event) applies with a display name and what they hire for;
    -- staff verify them before they may post. Enterprises are verified as
    -- enterprises and are 'verified' here from their first gig.
    name           TEXT NOT NULL DEFAULT '',
    purpose        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'verified',   -- pending | verified | refused
    reason         TEXT NOT NULL DEFAULT '',
    reviewed_by    INTEGER NOT NULL DEFAULT 0,
    reviewed_at    TIMESTAMP,
    created_at     TIMESTAMP NOT NULL,
    CHECK ((enterprise_id IS NULL) <> (person_id IS NULL))
);
CREATE INDEX gig_employers_status ON gig_employers(status, id);

CREATE TABLE gig_posts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id      INTEGER NOT NULL REFERENCES gig_employers(id),
    title            TEXT NOT NULL,
    occupation_code  TEXT NOT NULL,
    description      TEXT NOT NULL,
    pay_fen          INTEGER NOT NULL,
    pay_unit         TEXT NOT NULL,                 -- hour | day | piece
    slots            INTEGER NOT NULL,              -- workers per shift
    region_code      TEXT NOT NULL,
    address          TEXT NOT NULL DEFAULT '',
    lat              REAL,
    lng              REAL,
    skills           TEXT NOT NULL DEFAULT '[]',    -- JSON array of strings
    provided         TEXT NOT NULL DEFAULT '[]',    -- JSON array of strings
    urgent           BOOLEAN NOT NULL DEFAULT 0,
    instant_accept   BOOLEAN NOT NULL DEFAULT 0,
    cancel_hours     INTEGER NOT NULL,
    first_start      TIMESTAMP NOT NULL,
    last_end         TIMESTAMP NOT NULL,
    status           TEXT NOT NULL,                 -- pending | published | rejected | closed
    flags            TEXT NOT NULL DEFAULT '[]',    -- JSON screening result of the last save
    review_reason    TEXT NOT NULL DEFAULT '',
    override_reason  TEXT NOT NULL DEFAULT '',
    pushed           INTEGER NOT NULL DEFAULT 0,    -- workers told of the gig in their inbox
    reviewed_by      INTEGER NOT NULL DEFAULT 0,
    reviewed_at      TIMESTAMP,
    published_at     TIMESTAMP,
    created_by       INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    change_seq       INTEGER NOT NULL               -- from gig_seq, set by every change (the index follows it)
);
CREATE UNIQUE INDEX gig_posts_change ON gig_posts(change_seq);
CREATE INDEX gig_posts_employer ON gig_posts(employer_id, id);
CREATE INDEX gig_posts_status ON gig_posts(status, last_end);

-- One row: the last gig change number (as job_seq for job posts).
CREATE TABLE gig_seq (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO gig_seq (id, n) VALUES (1, 0);

CREATE TABLE gig_shifts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    gig_id     INTEGER NOT NULL REFERENCES gig_posts(id),
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    slots      INTEGER NOT NULL,
    filled     INTEGER NOT NULL DEFAULT 0,          -- accepted sign-ups
    CHECK (filled >= 0 AND filled <= slots)
);
CREATE INDEX gig_shifts_gig ON gig_shifts(gig_id, starts_at);

CREATE TABLE gig_signups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    gig_id      INTEGER NOT NULL REFERENCES gig_posts(id),
    shift_id    INTEGER NOT NULL REFERENCES gig_shifts(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    status      TEXT NOT NULL,
    by_staff    INTEGER NOT NULL DEFAULT 0,         -- a 零工驿站 clerk signed the worker up
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    -- check-in: times and the distance from the place in metres (the
    -- phone's position is not kept)
    checked_in_at   TIMESTAMP,
    checked_out_at  TIMESTAMP,
    checkin_dist_m  INTEGER,
    -- pay record of a completed shift (fen; -1: not recorded)
    pieces                  INTEGER NOT NULL DEFAULT 0,
    hours_worked            REAL NOT NULL DEFAULT 0,
    promised_fen            INTEGER NOT NULL DEFAULT 0,
    paid_fen                INTEGER NOT NULL DEFAULT -1,
    paid_at                 TIMESTAMP,
    paid_on_time            BOOLEAN NOT NULL DEFAULT 0,   -- paid within 24 h of the shift's end
    received_fen            INTEGER NOT NULL DEFAULT -1,
    received_at             TIMESTAMP,
    dispute                 TEXT NOT NULL DEFAULT '',     -- '' | open | upheld | rejected
    worker_statement_enc    BLOB,                       -- sealed (secret.Box)
    employer_statement_enc  BLOB,
    resolution              TEXT NOT NULL DEFAULT '',
    resolved_fen            INTEGER NOT NULL DEFAULT 0,
    resolved_by             INTEGER NOT NULL DEFAULT 0,
    resolved_at             TIMESTAMP,
    UNIQUE (shift_id, person_id)
);
CREATE INDEX gig_signups_person ON gig_signups(person_id, id);
CREATE INDEX gig_signups_gig ON gig_signups(gig_id, shift_id, id);
CREATE INDEX gig_signups_dispute ON gig_signups(dispute, id);

CREATE TABLE gig_worker_profiles (
    person_id    INTEGER PRIMARY KEY REFERENCES persons(id),
    skills       TEXT NOT NULL DEFAULT '[]',
    days         TEXT NOT NULL DEFAULT '[]',        -- JSON weekdays 0–6 the worker is free
    hour_from    INTEGER NOT NULL DEFAULT 0,        -- free from this hour …
    hour_to      INTEGER NOT NULL DEFAULT 24,       -- … to this hour
    home_region  TEXT NOT NULL DEFAULT '',
    home_lat     REAL,                              -- rounded to 0.01°
    home_lng     REAL,
    radius_km    INTEGER NOT NULL DEFAULT 10,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX gig_worker_profiles_home ON gig_worker_profiles(home_lat, home_lng);

-- Both sides rate each other after a completed shift: by_role is the
-- rater (employer rates the worker, worker rates the employer).
CREATE TABLE gig_ratings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    signup_id   INTEGER NOT NULL REFERENCES gig_signups(id),
    by_role     TEXT NOT NULL,                       -- employer | worker
    stars       INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    words       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (signup_id, by_role)
);
