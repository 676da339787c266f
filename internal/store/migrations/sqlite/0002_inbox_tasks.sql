-- In-site inbox (notify) and the durable background task queue (worker).
CREATE TABLE messages (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_type  TEXT NOT NULL,          -- person | enterprise | user
    subject_id    INTEGER NOT NULL,
    kind          TEXT NOT NULL,          -- policy | application | system …
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    link          TEXT NOT NULL DEFAULT '',
    dedupe_key    TEXT,                   -- same key for the same subject is delivered once
    created_at    TIMESTAMP NOT NULL,
    read_at       TIMESTAMP
);
CREATE UNIQUE INDEX messages_dedupe ON messages(subject_type, subject_id, dedupe_key);
CREATE INDEX messages_subject ON messages(subject_type, subject_id, id);

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '',
    dedupe_key    TEXT UNIQUE,            -- a pending task with this key is not enqueued twice
    run_at        TIMESTAMP NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP,
    done_at       TIMESTAMP,
    last_error    TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX tasks_due ON tasks(done_at, run_at);
