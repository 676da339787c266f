-- 网谷智聘: every instance keeps the discoverable resumes in memory for
-- candidate recommendations and re-reads the resumes and persons changed
-- since its last look (store.ResumesChangedSince); these keep that cheap.
CREATE INDEX resumes_updated ON resumes(updated_at);
CREATE INDEX persons_updated ON persons(updated_at);
