-- In-site inbox (notify) and the durable background task queue (worker).
CREATE TABLE messages (
    id            BIGSERIAL PRIMARY KEY,
    subject_type  TEXT NOT NULL,
    subject_id    BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    link          TEXT NOT NULL DEFAULT '',
    dedupe_key    TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    read_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX messages_dedupe ON messages(subject_type, subject_id, dedupe_key);
CREATE INDEX messages_subject ON messages(subject_type, subject_id, id);

CREATE TABLE tasks (
    id            BIGSERIAL PRIMARY KEY,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '',
    dedupe_key    TEXT UNIQUE,
    run_at        TIMESTAMPTZ NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    done_at       TIMESTAMPTZ,
    last_error    TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX tasks_due ON tasks(done_at, run_at);
