-- Platform core: enterprises, persons, users, sessions, login failures, audit log.
CREATE TABLE enterprises (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT NOT NULL,
    uscc           TEXT NOT NULL UNIQUE,
    uscc_warning   BOOLEAN NOT NULL DEFAULT 0,
    industry_code  TEXT NOT NULL DEFAULT '',
    region_code    TEXT NOT NULL DEFAULT '',
    size           TEXT NOT NULL DEFAULT '',
    registered_on  DATE,
    verified       BOOLEAN NOT NULL DEFAULT 0,
    verified_by    INTEGER,
    verified_at    TIMESTAMP,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX enterprises_name ON enterprises(name);
CREATE INDEX enterprises_region ON enterprises(region_code);

CREATE TABLE persons (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    name                  TEXT NOT NULL,
    id_enc                BLOB NOT NULL,
    id_idx                TEXT NOT NULL UNIQUE,
    id_mask               TEXT NOT NULL,
    phone_enc             BLOB,
    phone_idx             TEXT,
    phone_mask            TEXT NOT NULL DEFAULT '',
    birth_date            DATE NOT NULL,
    male                  BOOLEAN NOT NULL,
    education             TEXT NOT NULL DEFAULT '',
    graduation_date       DATE,
    hukou_region          TEXT NOT NULL DEFAULT '',
    residence_region      TEXT NOT NULL DEFAULT '',
    employment_status     TEXT NOT NULL DEFAULT '',
    registered_unemployed BOOLEAN NOT NULL DEFAULT 0,
    difficulty_category   TEXT NOT NULL DEFAULT '',
    veteran               BOOLEAN NOT NULL DEFAULT 0,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL
);
CREATE INDEX persons_name ON persons(name);
CREATE INDEX persons_phone_idx ON persons(phone_idx);
CREATE INDEX persons_residence ON persons(residence_region);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    role           TEXT NOT NULL,
    name           TEXT NOT NULL,
    phone_enc      BLOB NOT NULL,
    phone_idx      TEXT NOT NULL UNIQUE,
    phone_mask     TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    person_id      INTEGER UNIQUE REFERENCES persons(id),
    enterprise_id  INTEGER REFERENCES enterprises(id),
    disabled       BOOLEAN NOT NULL DEFAULT 0,
    locked_until   TIMESTAMP,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX users_enterprise ON users(enterprise_id);

CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    ip       TEXT NOT NULL DEFAULT '',
    at       TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_user_at ON login_failures(user_id, at);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    last_seen_at  TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TIMESTAMP NOT NULL,
    actor_id     INTEGER NOT NULL DEFAULT 0,
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
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
