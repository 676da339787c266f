-- 网谷智聘: a person's application to a job post (one per person and post;
-- a withdrawn one stays, so a second try is a conflict) and its history.
-- enterprise_id is the post's, kept here so employer lists need no join.
CREATE TABLE job_applications (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id        INTEGER NOT NULL REFERENCES job_posts(id),
    enterprise_id  INTEGER NOT NULL REFERENCES enterprises(id),
    person_id      INTEGER NOT NULL REFERENCES persons(id),
    status         TEXT NOT NULL,
    cover_note     TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (post_id, person_id)
);
CREATE INDEX job_applications_person ON job_applications(person_id, id);
CREATE INDEX job_applications_enterprise ON job_applications(enterprise_id, post_id, id);
CREATE TABLE job_application_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id  INTEGER NOT NULL REFERENCES job_applications(id),
    at              TIMESTAMP NOT NULL,
    actor_id        INTEGER NOT NULL DEFAULT 0,
    actor_role      TEXT NOT NULL DEFAULT '',
    from_status     TEXT NOT NULL DEFAULT '',
    to_status       TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_application_events_app ON job_application_events(application_id, id);
