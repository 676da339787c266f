-- Token buckets shared by every instance on one database (issue 16 item 6),
-- so the per-IP limits on login and registration hold across instances:
-- N instances allow the rate of one, not N times it. One row per key
-- (auth:<client IP>); tokens are what was left at at_us (microseconds since
-- 1970), refilled at per_us tokens a microsecond up to burst; took is
-- whether the last take found a token. A row whose bucket has refilled is
-- the same as no row, so the periodic limits.prune task deletes it.
CREATE TABLE rate_limits (
    key    TEXT PRIMARY KEY,
    tokens REAL    NOT NULL,
    at_us  INTEGER NOT NULL,
    per_us REAL    NOT NULL,
    burst  REAL    NOT NULL,
    took   INTEGER NOT NULL
);
