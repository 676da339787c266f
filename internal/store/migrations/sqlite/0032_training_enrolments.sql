-- 技能培训 enrolment and attendance. A person enrols in a filed class
-- (source self), or a provider imports them (import), or staff register
-- them (staff); withdrawing keeps the row (status withdrawn) and frees the
-- seat. training_classes.enrolled counts the enrolled rows: a seat is
-- taken by one conditional UPDATE (enrolled < capacity), so concurrent
-- enrolments never exceed the capacity. Attendance is one row per session
-- and trainee: signed by code or QR, or recorded on the roster; a
-- correction keeps who made it (corrected_by) and why (reason).
ALTER TABLE training_classes ADD COLUMN enrolled INTEGER NOT NULL DEFAULT 0;

CREATE TABLE training_enrolments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    class_id    INTEGER NOT NULL REFERENCES training_classes(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    status      TEXT NOT NULL,
    source      TEXT NOT NULL,
    created_by  INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (class_id, person_id)
);
CREATE INDEX training_enrolments_person ON training_enrolments(person_id, status);

CREATE TABLE training_attendance (
    session_id   INTEGER NOT NULL REFERENCES training_sessions(id),
    person_id    INTEGER NOT NULL REFERENCES persons(id),
    present      BOOLEAN NOT NULL,
    method       TEXT NOT NULL,
    signed_at    TIMESTAMP NOT NULL,
    corrected_by INTEGER NOT NULL DEFAULT 0,
    reason       TEXT NOT NULL DEFAULT '',
    corrected_at TIMESTAMP,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX training_attendance_person ON training_attendance(person_id);
