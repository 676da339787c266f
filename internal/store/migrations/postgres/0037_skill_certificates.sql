-- 技能评价 and 职业技能等级证书. An evaluation body (a training provider of
-- kind evaluator, designated for the occupation and level) schedules a
-- sitting (status scheduled → recorded); candidates are registered for it
-- (class_id: the class that trained them, 0 if none) and get a result
-- (pending | pass | fail | absent). A pass may be issued a certificate:
-- its number is unique across the district; name is as printed (the
-- public check matches number and name); the ID number is sealed and never
-- shown by the check. status valid | revoked.
CREATE TABLE skill_sittings (
    id              BIGSERIAL PRIMARY KEY,
    provider_id     BIGINT NOT NULL REFERENCES training_providers(id),
    occupation_code TEXT NOT NULL,
    level           INTEGER NOT NULL,
    held_on         DATE NOT NULL,
    place           TEXT NOT NULL,
    capacity        INTEGER NOT NULL,
    status          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX skill_sittings_provider ON skill_sittings(provider_id, held_on);

CREATE TABLE skill_candidates (
    sitting_id   BIGINT NOT NULL REFERENCES skill_sittings(id),
    person_id    BIGINT NOT NULL REFERENCES persons(id),
    class_id     BIGINT NOT NULL DEFAULT 0,
    result       TEXT NOT NULL DEFAULT 'pending',
    score        INTEGER NOT NULL DEFAULT 0,
    recorded_by  BIGINT NOT NULL DEFAULT 0,
    recorded_at  TIMESTAMPTZ,
    PRIMARY KEY (sitting_id, person_id)
);
CREATE INDEX skill_candidates_person ON skill_candidates(person_id, result);

CREATE TABLE skill_certificates (
    id              BIGSERIAL PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    person_id       BIGINT NOT NULL REFERENCES persons(id),
    name            TEXT NOT NULL,
    id_enc          BYTEA NOT NULL,   -- sealed: the holder's ID number
    occupation_code TEXT NOT NULL,
    level           INTEGER NOT NULL,
    provider_id     BIGINT NOT NULL REFERENCES training_providers(id),
    sitting_id      BIGINT NOT NULL DEFAULT 0,
    issued_on       DATE NOT NULL,
    status          TEXT NOT NULL DEFAULT 'valid',
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX skill_certificates_person ON skill_certificates(person_id, occupation_code, level);
CREATE INDEX skill_certificates_provider ON skill_certificates(provider_id, issued_on);
-- One certificate per candidate of a sitting, so two issuing clicks at
-- once cannot both issue; staff list certificates by date of issue.
CREATE UNIQUE INDEX skill_certificates_sitting ON skill_certificates(sitting_id, person_id) WHERE sitting_id <> 0;
CREATE INDEX skill_certificates_issued ON skill_certificates(issued_on, id);
