-- 青年夜校 and the other activities: courses, lectures, workshops, job
-- fairs, labour-cooperation events, career enlightenment, mentors' office
-- hours. Seats go first come or by a lottery anyone can check: seed_hash
-- is published when the activity opens; the seed stays sealed (seed_enc)
-- until the draw, when it is revealed in seed with entries_hash, the hash
-- of the entry list. taken counts the seats confirmed or offered, waiting
-- the waitlist, entries the lottery's registrations before the draw; one
-- conditional UPDATE of taken gives a seat, so the capacity holds under
-- any concurrency. start_at and end_at are the first session's start and
-- the last one's end, for the calendar and the tasks.
CREATE TABLE activities (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    organiser      TEXT NOT NULL,
    org_name       TEXT NOT NULL,
    series         TEXT NOT NULL DEFAULT '',
    region_code    TEXT NOT NULL,
    capacity       INTEGER NOT NULL,
    fee_yuan       INTEGER NOT NULL DEFAULT 0,
    min_age        INTEGER NOT NULL DEFAULT 0,
    max_age        INTEGER NOT NULL DEFAULT 0,
    residents      BOOLEAN NOT NULL DEFAULT FALSE,
    graduates      BOOLEAN NOT NULL DEFAULT FALSE,
    opens_at       TIMESTAMP NOT NULL,
    closes_at      TIMESTAMP NOT NULL,
    allocation     TEXT NOT NULL,
    no_show_limit  INTEGER NOT NULL DEFAULT 0,
    status         TEXT NOT NULL,
    seed_hash      TEXT NOT NULL,
    seed_enc       BLOB NOT NULL,
    seed           TEXT NOT NULL DEFAULT '',
    entries_hash   TEXT NOT NULL DEFAULT '',
    drawn_at       TIMESTAMP,
    taken          INTEGER NOT NULL DEFAULT 0,
    waiting        INTEGER NOT NULL DEFAULT 0,
    entries        INTEGER NOT NULL DEFAULT 0,
    start_at       TIMESTAMP NOT NULL,
    end_at         TIMESTAMP NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX activities_calendar ON activities(status, start_at);
CREATE INDEX activities_draw ON activities(allocation, drawn_at, closes_at);
CREATE INDEX activities_end ON activities(end_at);

CREATE TABLE activity_sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    seq         INTEGER NOT NULL,
    starts_at   TIMESTAMP NOT NULL,
    ends_at     TIMESTAMP NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_sessions_activity ON activity_sessions(activity_id, seq);

-- A person's sign-up: registered (lottery, before the draw) → confirmed |
-- waitlisted; waitlisted → offered (a freed seat held until offer_expires)
-- → confirmed | expired; live → cancelled; confirmed → attended | no_show
-- when the activity ends. rank orders the waitlist (arrival or the draw);
-- tier 1 is drawn after tier 0 (the organiser's no-show rule).
CREATE TABLE activity_signups (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id   INTEGER NOT NULL REFERENCES activities(id),
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    status        TEXT NOT NULL,
    rank          INTEGER NOT NULL DEFAULT 0,
    tier          INTEGER NOT NULL DEFAULT 0,
    offer_expires TIMESTAMP,
    attended      INTEGER NOT NULL DEFAULT 0,
    rating        INTEGER NOT NULL DEFAULT 0,
    comment       TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (activity_id, person_id)
);
CREATE INDEX activity_signups_list ON activity_signups(activity_id, status, rank, id);
CREATE INDEX activity_signups_person ON activity_signups(person_id, status);
CREATE INDEX activity_signups_offers ON activity_signups(status, offer_expires);

CREATE TABLE activity_attendance (
    session_id  INTEGER NOT NULL REFERENCES activity_sessions(id),
    signup_id   INTEGER NOT NULL REFERENCES activity_signups(id),
    signed_at   TIMESTAMP NOT NULL,
    method      TEXT NOT NULL,          -- code | staff
    PRIMARY KEY (session_id, signup_id)
);
