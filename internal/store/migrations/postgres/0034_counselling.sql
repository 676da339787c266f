-- 心理咨询: counsellors' slots and the bookings of them. A slot has at most
-- one live booking (the partial unique index), so two people can never
-- hold the same hour. What the person wrote when booking (concern_enc) and
-- the counsellor's notes (notes_enc) are sealed like phone numbers: nothing
-- in clear says what a session was about.
CREATE TABLE counsel_slots (
    id            BIGSERIAL PRIMARY KEY,
    counsellor_id BIGINT NOT NULL REFERENCES users(id),
    starts_at     TIMESTAMPTZ NOT NULL,
    ends_at       TIMESTAMPTZ NOT NULL,
    mode          TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    booked        BOOLEAN NOT NULL DEFAULT FALSE,
    cancelled     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX counsel_slots_open ON counsel_slots(starts_at, booked, cancelled);
CREATE INDEX counsel_slots_counsellor ON counsel_slots(counsellor_id, starts_at);

CREATE TABLE counsel_bookings (
    id          BIGSERIAL PRIMARY KEY,
    slot_id     BIGINT NOT NULL REFERENCES counsel_slots(id),
    person_id   BIGINT NOT NULL REFERENCES persons(id),
    status      TEXT NOT NULL,
    concern_enc BYTEA,
    notes_enc   BYTEA,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX counsel_bookings_one_live ON counsel_bookings(slot_id) WHERE status <> 'cancelled';
CREATE INDEX counsel_bookings_person ON counsel_bookings(person_id, id);
