package app

import (
	"context"

	"github.com/jiuye/jiuye/internal/worker"
)

// RegisterTasks installs the handlers of every background task kind the
// platform's modules define. serve runs the worker; tests drain it.
func (x *App) RegisterTasks(w *worker.Worker) {
	for kind, h := range x.taskHandlers() {
		w.Handle(kind, h)
	}
}

// taskHandlers lists the task kinds; modules add theirs here.
func (x *App) taskHandlers() map[string]worker.Handler {
	return map[string]worker.Handler{
		TaskPolicyPush: func(ctx context.Context, payload string) error {
			_, err := x.PushPolicies(ctx, payload)
			return err
		},
		TaskPolicySubject: x.pushOne,
		TaskJobsExpire:    x.ExpireJobs,
		TaskJobsAlert:     x.AlertSavedSearches,
	}
}
