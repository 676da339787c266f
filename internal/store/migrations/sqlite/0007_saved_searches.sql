-- 网谷智聘: a person's saved job searches (the /jobs query string, as sent)
-- with alerts: a newly searchable post that matches goes to the inbox once
-- (messages.dedupe_key saved:<id>:post:<post id>).
CREATE TABLE saved_searches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    name        TEXT NOT NULL DEFAULT '',
    query       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX saved_searches_person ON saved_searches(person_id, id);
