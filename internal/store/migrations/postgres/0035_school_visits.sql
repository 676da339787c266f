-- 职业启蒙 school visits: the primary and middle schools whose teachers
-- book (users.school_id for role school), the vocational school's rooms
-- with their capacity in pupils and weekly slots (one "W HH:MM-HH:MM" per
-- line, W 0 for Sunday), and the bookings of a class to a room's slot on a
-- date. A slot holds one live booking: the partial unique index refuses a
-- second under any concurrency; a cancelled booking frees it. The
-- teacher's phone is sealed (teacher_phone_enc).
CREATE TABLE schools (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE users ADD COLUMN school_id BIGINT REFERENCES schools(id);

CREATE TABLE school_rooms (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    capacity    INTEGER NOT NULL,
    slots       TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE school_visits (
    id                BIGSERIAL PRIMARY KEY,
    room_id           BIGINT NOT NULL REFERENCES school_rooms(id),
    visit_date        DATE NOT NULL,
    slot_start        TEXT NOT NULL,
    slot_end          TEXT NOT NULL,
    school_id         BIGINT NOT NULL REFERENCES schools(id),
    grade             INTEGER NOT NULL,
    class_name        TEXT NOT NULL,
    head_count        INTEGER NOT NULL,
    teacher_name      TEXT NOT NULL,
    teacher_phone_enc BYTEA NOT NULL,
    status            TEXT NOT NULL,
    created_by        BIGINT REFERENCES users(id),
    cancel_reason     TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX school_visits_slot ON school_visits(room_id, visit_date, slot_start) WHERE status = 'booked';
CREATE INDEX school_visits_school ON school_visits(school_id, visit_date);
CREATE INDEX school_visits_date ON school_visits(visit_date, room_id);
