-- Recurring payouts: a policy may pay the same subject more than once, one
-- application per period and per object it pays for (青创贷 interest
-- subsidy: one per loan and quarter). One-off grants keep period '' and
-- ref ('', 0), so their uniqueness is what it was.
ALTER TABLE policy_applications ADD COLUMN period TEXT NOT NULL DEFAULT '';
ALTER TABLE policy_applications ADD COLUMN ref_type TEXT NOT NULL DEFAULT '';
ALTER TABLE policy_applications ADD COLUMN ref_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE policy_applications DROP CONSTRAINT policy_applications_policy_id_subject_type_subject_id_key;
ALTER TABLE policy_applications ADD CONSTRAINT policy_applications_once
    UNIQUE (policy_id, subject_type, subject_id, ref_type, ref_id, period);
CREATE INDEX policy_applications_ref ON policy_applications(ref_type, ref_id);
