-- Platform core: enterprises, persons, users, sessions, login failures, audit log.
CREATE TABLE enterprises (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT NOT NULL,
    uscc           TEXT NOT NULL UNIQUE,
    uscc_warning   BOOLEAN NOT NULL DEFAULT false,
    industry_code  TEXT NOT NULL DEFAULT '',
    region_code    TEXT NOT NULL DEFAULT '',
    size           TEXT NOT NULL DEFAULT '',
    registered_on  DATE,
    verified       BOOLEAN NOT NULL DEFAULT false,
    verified_by    BIGINT,
    verified_at    TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX enterprises_name ON enterprises(name);
CREATE INDEX enterprises_region ON enterprises(region_code);

CREATE TABLE persons (
    id                    BIGSERIAL PRIMARY KEY,
    name                  TEXT NOT NULL,
    id_enc                BYTEA NOT NULL,
    id_idx                TEXT NOT NULL UNIQUE,
    id_mask               TEXT NOT NULL,
    phone_enc             BYTEA,
    phone_idx             TEXT,
    phone_mask            TEXT NOT NULL DEFAULT '',
    birth_date            DATE NOT NULL,
    male                  BOOLEAN NOT NULL,
    education             TEXT NOT NULL DEFAULT '',
    graduation_date       DATE,
    hukou_region          TEXT NOT NULL DEFAULT '',
    residence_region      TEXT NOT NULL DEFAULT '',
    employment_status     TEXT NOT NULL DEFAULT '',
    registered_unemployed BOOLEAN NOT NULL DEFAULT false,
    difficulty_category   TEXT NOT NULL DEFAULT '',
    veteran               BOOLEAN NOT NULL DEFAULT false,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX persons_name ON persons(name);
CREATE INDEX persons_phone_idx ON persons(phone_idx);
CREATE INDEX persons_residence ON persons(residence_region);

CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    role           TEXT NOT NULL,
    name           TEXT NOT NULL,
    phone_enc      BYTEA NOT NULL,
    phone_idx      TEXT NOT NULL UNIQUE,
    phone_mask     TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    person_id      BIGINT UNIQUE REFERENCES persons(id),
    enterprise_id  BIGINT REFERENCES enterprises(id),
    disabled       BOOLEAN NOT NULL DEFAULT false,
    locked_until   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_enterprise ON users(enterprise_id);

CREATE TABLE login_failures (
    id       BIGSERIAL PRIMARY KEY,
    user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    ip       TEXT NOT NULL DEFAULT '',
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_user_at ON login_failures(user_id, at);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
    id           BIGINT PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    actor_id     BIGINT NOT NULL DEFAULT 0,
    actor_role   TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL DEFAULT '',
    object_id    TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    result       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
