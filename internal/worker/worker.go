// Package worker runs durable background tasks stored in the database
// (policy push, reminders, expiries, reports). Tasks survive restarts; every
// instance may run a worker, and each task is leased to one at a time.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jiuye/jiuye/internal/store"
)

// Handler does one task. An error retries the task with backoff.
type Handler func(ctx context.Context, payload string) error

// Worker polls the task table and runs handlers by task kind.
type Worker struct {
	db          *store.DB
	log         *slog.Logger
	handlers    map[string]Handler
	Poll        time.Duration // idle wait between polls
	Lease       time.Duration // how long a claimed task is reserved
	MaxAttempts int
}

// New returns a worker with no handlers.
func New(db *store.DB, log *slog.Logger) *Worker {
	return &Worker{db: db, log: log, handlers: map[string]Handler{}, Poll: time.Second, Lease: 5 * time.Minute, MaxAttempts: 5}
}

// Handle registers the handler for a task kind; call before Run.
func (w *Worker) Handle(kind string, h Handler) { w.handlers[kind] = h }

// Run processes tasks until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	for {
		ran, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.Error("worker", "err", err)
		}
		if ran {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(w.Poll):
		}
	}
}

// RunOnce claims and runs one due task, reporting whether there was one.
// Tests and the CLI use it to drain the queue deterministically.
func (w *Worker) RunOnce(ctx context.Context) (bool, error) {
	t, err := w.db.ClaimTask(ctx, w.Lease)
	if err != nil || t == nil {
		return false, err
	}
	h, ok := w.handlers[t.Kind]
	var runErr error
	if !ok {
		runErr = fmt.Errorf("no handler for task kind %q", t.Kind)
	} else {
		runErr = safeRun(ctx, h, t.Payload)
	}
	var retry time.Time
	if runErr == nil {
		w.log.Debug("task done", "id", t.ID, "kind", t.Kind, "attempt", t.Attempts)
	}
	if runErr != nil {
		w.log.Error("task failed", "id", t.ID, "kind", t.Kind, "attempt", t.Attempts, "err", runErr)
		if t.Attempts < w.MaxAttempts && ok {
			retry = w.db.Now().Add(time.Duration(1<<t.Attempts) * 10 * time.Second)
		}
	}
	return true, w.db.FinishTask(ctx, t.ID, runErr, retry)
}

// Drain runs tasks until none is due; for tests and one-shot commands.
func (w *Worker) Drain(ctx context.Context) error {
	for {
		ran, err := w.RunOnce(ctx)
		if err != nil || !ran {
			return err
		}
	}
}

func safeRun(ctx context.Context, h Handler, payload string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errors.New(fmt.Sprint("panic: ", v))
		}
	}()
	return h(ctx, payload)
}
