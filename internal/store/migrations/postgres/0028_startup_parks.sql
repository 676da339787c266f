-- 青创园: the youth start-up parks recognised at province, city or district
-- level (status applying until recognised), their tenant firms from the
-- enterprise registry, the events they hold and one assessment per park
-- and year with the facts it was made on. Space is counted in the park's
-- unit (m2: square metres, desk: workstations); services are keys of the
-- fixed list, comma-separated; occupancy is in basis points.
CREATE TABLE startup_parks (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    level          TEXT NOT NULL,
    region_code    TEXT NOT NULL,
    address        TEXT NOT NULL,
    operator       TEXT NOT NULL,
    contact_name   TEXT NOT NULL,
    contact_phone_enc BYTEA NOT NULL,   -- sealed: the park's line may be a person's mobile
    space_unit     TEXT NOT NULL,
    total_space    INTEGER NOT NULL,
    open_space     INTEGER NOT NULL DEFAULT 0,
    services       TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    intro          TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX startup_parks_status ON startup_parks(status, id);

CREATE TABLE startup_park_tenants (
    id             BIGSERIAL PRIMARY KEY,
    park_id        BIGINT NOT NULL REFERENCES startup_parks(id),
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises(id),
    move_in        DATE NOT NULL,
    space_used     INTEGER NOT NULL DEFAULT 0,
    jobs_created   INTEGER NOT NULL DEFAULT 0,
    status         TEXT NOT NULL,
    left_on        DATE,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX startup_park_tenants_park ON startup_park_tenants(park_id, id);
CREATE INDEX startup_park_tenants_enterprise ON startup_park_tenants(enterprise_id);
-- A firm is in a park once at a time.
CREATE UNIQUE INDEX startup_park_tenants_current ON startup_park_tenants(park_id, enterprise_id) WHERE status = 'in';

CREATE TABLE startup_park_events (
    id          BIGSERIAL PRIMARY KEY,
    park_id     BIGINT NOT NULL REFERENCES startup_parks(id),
    held_on     DATE NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    attendees   INTEGER NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX startup_park_events_park ON startup_park_events(park_id, held_on);

CREATE TABLE startup_park_assessments (
    id            BIGSERIAL PRIMARY KEY,
    park_id       BIGINT NOT NULL REFERENCES startup_parks(id),
    year          INTEGER NOT NULL,
    score         INTEGER NOT NULL,
    grade         TEXT NOT NULL,
    comment       TEXT NOT NULL,
    as_of         DATE NOT NULL,
    tenants       INTEGER NOT NULL,
    new_tenants   INTEGER NOT NULL,
    graduated     INTEGER NOT NULL,
    jobs          INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    attendees     INTEGER NOT NULL,
    used_space    INTEGER NOT NULL,
    total_space   INTEGER NOT NULL,
    space_unit    TEXT NOT NULL,
    occupancy_bp  INTEGER NOT NULL,
    assessed_by   BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (park_id, year)
);
