-- 识别职业 learns from use: each (title, code) pair an employer or bureau
-- staff chose on the post form over the classifier's first suggestion,
-- with how often it was chosen. The app loads them as an overlay of the
-- classifier (jobs/classify Learn); staff review, remove and export them
-- at /console/classifier.
CREATE TABLE classifier_corrections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,                 -- the post title as typed (trimmed)
    code        TEXT NOT NULL,                 -- the occupation chosen (a leaf of 职业分类大典)
    suggested   TEXT NOT NULL DEFAULT '',      -- the first suggestion it replaced, the last time
    count       INTEGER NOT NULL DEFAULT 1,    -- times chosen
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  INTEGER REFERENCES users(id),
    UNIQUE (title, code)
);
CREATE INDEX classifier_corrections_updated ON classifier_corrections(updated_at);
