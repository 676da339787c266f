package store

// Token buckets in the database (migration 0041), so that several serve
// instances on one PostgreSQL share one per-IP limit instead of allowing
// it once each (see httpx.Limiter.Share). A take is one UPSERT statement:
// the row is created full less one, or refilled for the time since its
// last take and spent by one when a whole token is there, and the
// statement returns whether it was. PostgreSQL's row lock on the conflict
// serialises concurrent takes of one key, SQLite's single writer does the
// rest, so the sum over instances never passes the burst plus the rate.

import (
	"context"
	"fmt"
)

// RateLimitStore is the token buckets every instance shares.
type RateLimitStore struct{ db *DB }

// RateLimits is the shared token buckets.
func (db *DB) RateLimits() RateLimitStore { return RateLimitStore{db} }

// bucketElapsed is the time since the row's last take, never negative: a
// take stamped by a clock behind the row's (another instance's) adds
// nothing, so clocks that disagree make the limit stricter, never looser.
const bucketElapsed = "(CASE WHEN excluded.at_us > rate_limits.at_us THEN excluded.at_us - rate_limits.at_us ELSE 0 END)"

// bucketNow is the row's tokens refilled up to now, capped at the burst.
const bucketNow = "(CASE WHEN rate_limits.tokens + " + bucketElapsed + " * excluded.per_us > excluded.burst THEN excluded.burst " +
	"ELSE rate_limits.tokens + " + bucketElapsed + " * excluded.per_us END)"

const takeQuery = `INSERT INTO rate_limits (key, tokens, at_us, per_us, burst, took) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET
		tokens = CASE WHEN ` + bucketNow + ` >= 1 THEN ` + bucketNow + ` - 1 ELSE ` + bucketNow + ` END,
		took = CASE WHEN ` + bucketNow + ` >= 1 THEN 1 ELSE 0 END,
		at_us = CASE WHEN excluded.at_us > rate_limits.at_us THEN excluded.at_us ELSE rate_limits.at_us END,
		per_us = excluded.per_us, burst = excluded.burst
	RETURNING took`

// Take spends one token of key's bucket (perSecond tokens a second, at
// most burst) at the store's clock and reports whether there was one. A
// refused take spends nothing. It is one statement outside any
// transaction: a login never waits on more than this row.
func (tb RateLimitStore) Take(ctx context.Context, key string, perSecond, burst float64) (bool, error) {
	tokens, took := burst-1, 1
	if burst < 1 {
		tokens, took = burst, 0
	}
	var got int
	err := tb.db.w.QueryRowContext(ctx, tb.db.dialect.Rebind(takeQuery), key, tokens, tb.db.Now().UnixMicro(),
		perSecond/1e6, burst, took).Scan(&got)
	if err != nil {
		return false, fmt.Errorf("store.RateLimits.Take: %w", err)
	}
	return got == 1, nil
}

// Prune deletes the buckets that have refilled (the same as no row) and
// reports how many; the limits.prune task runs it.
func (tb RateLimitStore) Prune(ctx context.Context) (int64, error) {
	res, err := tb.db.w.ExecContext(ctx, tb.db.dialect.Rebind("DELETE FROM rate_limits WHERE tokens + (? - at_us) * per_us >= burst"),
		tb.db.Now().UnixMicro())
	if err != nil {
		return 0, fmt.Errorf("store.RateLimits.Prune: %w", err)
	}
	return res.RowsAffected()
}
