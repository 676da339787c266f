-- 就业见习: an enterprise's application to be an internship base (见习基地)
-- with the places it offers a year, its occupations (JSON list of codes), a
-- contact (phone sealed) and a supervisor; status applying → designated ⇄
-- suspended, or applying → returned (the enterprise applies again). The
-- base's places are job posts with internship = 1 on the job board. An
-- internship is an applicant hired on one of those posts, with its start
-- date and planned months (≤ the subsidy rule's maximum); each 见习月 is
-- recorded as served or not, and claimed once (claim_id: the
-- policy_applications row of the base's claim for the month). At the end
-- the base records whether the intern was kept (留用).
ALTER TABLE job_posts ADD COLUMN internship BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE internship_bases (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id     INTEGER NOT NULL UNIQUE REFERENCES enterprises(id),
    places_per_year   INTEGER NOT NULL,
    occupations       TEXT NOT NULL,
    contact_name      TEXT NOT NULL,
    contact_phone_enc BLOB NOT NULL,   -- sealed: the line may be a person's mobile
    supervisor        TEXT NOT NULL,
    intro             TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    reason            TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX internship_bases_status ON internship_bases(status, id);

CREATE TABLE internships (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    base_id         INTEGER NOT NULL REFERENCES internship_bases(id),
    post_id         INTEGER NOT NULL REFERENCES job_posts(id),
    application_id  INTEGER NOT NULL UNIQUE REFERENCES job_applications(id),
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    start_on        DATE NOT NULL,
    planned_months  INTEGER NOT NULL,
    status          TEXT NOT NULL,
    kept            BOOLEAN NOT NULL DEFAULT 0,
    ended_on        DATE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX internships_base ON internships(base_id, id);
CREATE INDEX internships_person ON internships(person_id);

CREATE TABLE internship_months (
    internship_id  INTEGER NOT NULL REFERENCES internships(id),
    n              INTEGER NOT NULL,   -- the 见习月, from 1
    month          TEXT NOT NULL,      -- YYYY-MM it starts in: the ledger month
    served         BOOLEAN NOT NULL,
    claim_id       INTEGER NOT NULL DEFAULT 0,
    recorded_by    INTEGER NOT NULL DEFAULT 0,
    recorded_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (internship_id, n)
);
CREATE INDEX internship_months_month ON internship_months(month, claim_id);
