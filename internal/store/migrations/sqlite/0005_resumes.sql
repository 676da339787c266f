-- 网谷智聘: one structured resume per person (package resume), stored as
-- JSON; discoverable is kept as a column too so that candidate searches can
-- select the persons who opted in without reading every document.
CREATE TABLE resumes (
    person_id     INTEGER PRIMARY KEY REFERENCES persons(id),
    resume        TEXT NOT NULL,                 -- JSON of resume.Resume
    discoverable  BOOLEAN NOT NULL DEFAULT 0,
    updated_at    TIMESTAMP NOT NULL,
    updated_by    INTEGER NOT NULL DEFAULT 0     -- user id: the person, or staff acting for them (代办)
);
CREATE INDEX resumes_discoverable ON resumes(discoverable, person_id);
