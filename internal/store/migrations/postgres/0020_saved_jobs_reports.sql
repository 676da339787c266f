-- 网谷智聘 收藏: a person's saved posts (one row per person and post).
CREATE TABLE saved_jobs (
    person_id   BIGINT NOT NULL REFERENCES persons(id),
    post_id     BIGINT NOT NULL REFERENCES job_posts(id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, post_id)
);
CREATE INDEX saved_jobs_post ON saved_jobs(post_id);
-- 举报: a logged-in user reports a post with a reason (one report per user
-- and post). Open reports bring the post into the review queue; a reviewer
-- dismisses them or takes the post down (status upheld).
CREATE TABLE job_reports (
    id          BIGSERIAL PRIMARY KEY,
    post_id     BIGINT NOT NULL REFERENCES job_posts(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    reason      TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open',
    created_at  TIMESTAMPTZ NOT NULL,
    decided_by  BIGINT NOT NULL DEFAULT 0,
    decided_at  TIMESTAMPTZ,
    UNIQUE (post_id, user_id)
);
CREATE INDEX job_reports_status ON job_reports(status, post_id);
