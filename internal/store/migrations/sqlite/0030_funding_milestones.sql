-- 创业项目资助 after the decision: each award's tranches, paid against the
-- grantee's reports through the policy payout batches, and the reports at
-- 12 and 24 months (jobs created, still trading).
CREATE TABLE funding_milestones (
    application_id  INTEGER NOT NULL REFERENCES funding_applications(id),
    n               INTEGER NOT NULL,
    label           TEXT NOT NULL,
    share           INTEGER NOT NULL,
    amount          INTEGER NOT NULL,
    due             DATE NOT NULL,
    status          TEXT NOT NULL,
    report          TEXT NOT NULL DEFAULT '',
    jobs            INTEGER NOT NULL DEFAULT 0,
    reported_at     TIMESTAMP,
    review_note     TEXT NOT NULL DEFAULT '',
    reviewed_by     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (application_id, n)
);

CREATE TABLE funding_followups (
    application_id  INTEGER NOT NULL REFERENCES funding_applications(id),
    months          INTEGER NOT NULL,
    operating       BOOLEAN NOT NULL,
    jobs            INTEGER NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    reported_by     INTEGER NOT NULL DEFAULT 0,
    reported_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, months)
);
