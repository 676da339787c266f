-- 网谷智聘: a person's application to a job post (one per person and post;
-- a withdrawn one stays, so a second try is a conflict) and its history.
-- enterprise_id is the post's, kept here so employer lists need no join.
CREATE TABLE job_applications (
    id             BIGSERIAL PRIMARY KEY,
    post_id        BIGINT NOT NULL REFERENCES job_posts(id),
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises(id),
    person_id      BIGINT NOT NULL REFERENCES persons(id),
    status         TEXT NOT NULL,
    cover_note     TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (post_id, person_id)
);
CREATE INDEX job_applications_person ON job_applications(person_id, id);
CREATE INDEX job_applications_enterprise ON job_applications(enterprise_id, post_id, id);
CREATE TABLE job_application_events (
    id              BIGSERIAL PRIMARY KEY,
    application_id  BIGINT NOT NULL REFERENCES job_applications(id),
    at              TIMESTAMPTZ NOT NULL,
    actor_id        BIGINT NOT NULL DEFAULT 0,
    actor_role      TEXT NOT NULL DEFAULT '',
    from_status     TEXT NOT NULL DEFAULT '',
    to_status       TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_application_events_app ON job_application_events(application_id, id);
