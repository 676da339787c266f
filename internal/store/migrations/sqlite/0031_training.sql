-- 技能培训: the providers designated to train or evaluate (institution:
-- 定点培训机构, enterprise: 企业自主培训, evaluator: 评价机构) with their
-- scope (occupation code and level 5 五级/初级工 … 1 一级/高级技师), status
-- applying → designated ⇄ suspended; and the classes a designated provider
-- opens (type employment|upgrade|startup), filed by staff before they start
-- (status pending → approved, or returned with a reason), with their
-- sessions. subsidy_yuan is the standard looked up from the standards file
-- by type, level and start date (0: none applies), kept with its source.
CREATE TABLE training_providers (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL,
    enterprise_id     INTEGER REFERENCES enterprises(id),
    region_code       TEXT NOT NULL,
    address           TEXT NOT NULL,
    contact_name      TEXT NOT NULL,
    contact_phone_enc BLOB NOT NULL,   -- sealed: the line may be a person's mobile
    intro             TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    reason            TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX training_providers_status ON training_providers(status, id);
CREATE INDEX training_providers_enterprise ON training_providers(enterprise_id);

CREATE TABLE training_provider_scope (
    provider_id     INTEGER NOT NULL REFERENCES training_providers(id),
    occupation_code TEXT NOT NULL,
    level           INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (provider_id, occupation_code, level)
);

CREATE TABLE training_classes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id     INTEGER NOT NULL REFERENCES training_providers(id),
    title           TEXT NOT NULL,
    type            TEXT NOT NULL,
    occupation_code TEXT NOT NULL,
    level           INTEGER NOT NULL,
    hours           INTEGER NOT NULL,
    capacity        INTEGER NOT NULL,
    fee_yuan        INTEGER NOT NULL,
    region_code     TEXT NOT NULL,
    start_on        DATE NOT NULL,
    end_on          DATE NOT NULL,
    status          TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    subsidy_yuan    INTEGER NOT NULL DEFAULT 0,
    subsidy_source  TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX training_classes_provider ON training_classes(provider_id, id);
CREATE INDEX training_classes_search ON training_classes(status, start_on);
CREATE INDEX training_classes_occupation ON training_classes(occupation_code, status);

CREATE TABLE training_sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    class_id    INTEGER NOT NULL REFERENCES training_classes(id),
    seq         INTEGER NOT NULL,
    held_on     DATE NOT NULL,
    start_time  TEXT NOT NULL,
    end_time    TEXT NOT NULL,
    place       TEXT NOT NULL
);
CREATE INDEX training_sessions_class ON training_sessions(class_id, seq);
