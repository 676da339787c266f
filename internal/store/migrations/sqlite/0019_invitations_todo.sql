-- 网谷智聘: an employer's invitation to a discoverable person to apply to a
-- published post (one per post and person). The person decides; nothing
-- of theirs goes to the enterprise until they apply. Counted per
-- enterprise and day for the daily limit.
CREATE TABLE job_invitations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id        INTEGER NOT NULL REFERENCES job_posts(id),
    enterprise_id  INTEGER NOT NULL REFERENCES enterprises(id),
    person_id      INTEGER NOT NULL REFERENCES persons(id),
    invited_by     INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL,
    UNIQUE (post_id, person_id)
);
CREATE INDEX job_invitations_enterprise ON job_invitations(enterprise_id, created_at);
-- The staff console's to-do counts and the policy trend are indexed COUNTs.
CREATE INDEX enterprises_verified ON enterprises(verified);
CREATE INDEX policy_applications_todo ON policy_applications(status, created_at);
CREATE INDEX policy_applications_decided ON policy_applications(status, decided_at);
CREATE INDEX policy_payouts_paid_on ON policy_payouts(paid_on);
-- The audit log filters by date.
CREATE INDEX audit_log_at ON audit_log(at);
