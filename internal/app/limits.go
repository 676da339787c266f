package app

import (
	"context"
	"errors"
	"time"
)

// TaskLimitsPrune deletes the shared rate-limit buckets (store.RateLimits,
// used by serve on PostgreSQL) that have refilled: such a row is the same
// as none, and without pruning every client address ever seen would stay.
const TaskLimitsPrune = "limits.prune"

// limitsPruneEvery is how often TaskLimitsPrune runs; a bucket refills in
// well under it (a burst of 10 at 30 a minute takes 20 s).
const limitsPruneEvery = 10 * time.Minute

// ScheduleLimitsPrune queues the first prune; serve calls it at start (the
// dedupe key keeps one queued however many instances start).
func (x *Accounts) ScheduleLimitsPrune(ctx context.Context) error {
	return x.db.Enqueue(ctx, TaskLimitsPrune, "", TaskLimitsPrune, x.now())
}

// PruneRateLimits is the task: it queues the next run first, so a failed
// prune never breaks the chain, then deletes the refilled buckets.
func (x *Accounts) PruneRateLimits(ctx context.Context, _ string) error {
	next := x.db.Enqueue(ctx, TaskLimitsPrune, "", TaskLimitsPrune, x.now().Add(limitsPruneEvery))
	n, err := x.db.RateLimits().Prune(ctx)
	if n > 0 {
		x.log.Debug("rate-limit buckets pruned", "n", n)
	}
	return errors.Join(next, err)
}
