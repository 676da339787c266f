package app

import (
	"context"
	"fmt"

	"github.com/jiuye/jiuye/internal/worker"
)

// RegisterTasks installs the handlers of every background task kind the
// platform's modules define. serve runs the worker; tests drain it.
func (x *App) RegisterTasks(w *worker.Worker) {
	for kind, h := range x.taskHandlers() {
		w.Handle(kind, h)
	}
}

// RunTask runs one task kind's handler now, as the worker would, so tests
// exercise exactly what the daily task does.
func (x *App) RunTask(ctx context.Context, kind, payload string) error {
	h, ok := x.taskHandlers()[kind]
	if !ok {
		return fmt.Errorf("app.RunTask: unknown task kind %q", kind)
	}
	return h(ctx, payload)
}

// taskHandlers is the one task table: every module's background work is
// listed here.
func (x *App) taskHandlers() map[string]worker.Handler {
	return map[string]worker.Handler{
		TaskPolicyPush: func(ctx context.Context, payload string) error {
			_, err := x.Policies.PushPolicies(ctx, payload)
			return err
		},
		TaskPolicySubject: x.Policies.pushOne,
		TaskJobsExpire: func(ctx context.Context, payload string) error {
			if err := x.Jobs.ExpireJobs(ctx, payload); err != nil {
				return err
			}
			return x.JobImports.tidyJobImports(ctx)
		},
		TaskJobsAlert: x.SavedSearches.AlertSavedSearches,
		TaskCaseReminders: func(ctx context.Context, payload string) error {
			if _, err := x.TrainingOutcomes.MarkTrainees(ctx); err != nil { // before the questionnaires, which then reach them
				return err
			}
			if _, err := x.Outcomes.SendQuestionnaires(ctx); err != nil {
				return err
			}
			return x.Casework.RemindFollowUps(ctx, payload)
		},
		TaskActivities:  x.Activities.Tick,
		TaskLimitsPrune: x.Accounts.PruneRateLimits,
		TaskGigPush: func(ctx context.Context, payload string) error {
			_, err := x.Gigs.PushGig(ctx, payload)
			return err
		},
	}
}
