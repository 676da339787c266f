-- 网谷智聘 Excel import runs: one row per uploaded file (page, API or the
-- command line), so progress and the row/column/reason report survive a
-- restart and are seen by every instance. The row errors are kept in the
-- run row as gzip-compressed JSON, [[row, column, reason], …]: written once
-- when the run ends, read only to show the report. Runs are purged after
-- 30 days by the daily jobs.expire task.
CREATE TABLE job_imports (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id  INTEGER NOT NULL REFERENCES enterprises(id),
    user_id        INTEGER REFERENCES users(id),   -- NULL: the command line
    source         TEXT NOT NULL,                  -- web | api | cli
    filename       TEXT NOT NULL,
    status         TEXT NOT NULL,                  -- running | done | failed
    total          INTEGER NOT NULL,               -- data rows in the file
    checked        INTEGER NOT NULL DEFAULT 0,     -- rows checked so far (progress)
    saved          INTEGER NOT NULL DEFAULT 0,     -- posts saved for review
    failed         INTEGER NOT NULL DEFAULT 0,     -- rows refused
    error_count    INTEGER NOT NULL DEFAULT 0,     -- entries in row_errors
    row_errors     BLOB,
    message        TEXT NOT NULL DEFAULT '',       -- why a failed run failed
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,             -- heartbeat while running
    finished_at    TIMESTAMP
);
CREATE INDEX job_imports_enterprise ON job_imports(enterprise_id, id);
CREATE INDEX job_imports_status ON job_imports(status, updated_at);
CREATE INDEX job_imports_created ON job_imports(created_at);
