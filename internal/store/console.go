package store

// The staff console's to-do counts: one indexed COUNT per queue, so the
// console home costs a few index lookups however large the tables grow.

import (
	"context"
	"fmt"

	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/policy"
)

// ToDoCounts are the sizes of the staff queues.
type ToDoCounts struct {
	PendingPosts    int // job posts waiting for review (job_posts_status)
	PendingGigs     int // gigs waiting for review (gig_posts_status)
	UnverifiedEnts  int // enterprises not yet verified (enterprises_verified)
	SubmittedApps   int // policy applications waiting for a decision (policy_applications_todo)
	ProposedGrants  int // 免申即享 proposals waiting for confirmation
	ApprovedUnpaid  int // approved policy applications not yet paid
	ReturnedToApply int // applications returned for more material (waiting on the applicant)
}

// ToDo counts the staff queues.
func (db *DB) ToDo(ctx context.Context) (ToDoCounts, error) {
	var c ToDoCounts
	for _, q := range []struct {
		into *int
		sql  string
		arg  any
	}{
		{&c.PendingPosts, "SELECT COUNT(*) FROM job_posts WHERE status = ?", string(jobs.Pending)},
		{&c.PendingGigs, "SELECT COUNT(*) FROM gig_posts WHERE status = ?", string(gigs.Pending)},
		{&c.UnverifiedEnts, "SELECT COUNT(*) FROM enterprises WHERE verified = ?", false},
		{&c.SubmittedApps, "SELECT COUNT(*) FROM policy_applications WHERE status = ?", string(policy.Submitted)},
		{&c.ProposedGrants, "SELECT COUNT(*) FROM policy_applications WHERE status = ?", string(policy.Proposed)},
		{&c.ApprovedUnpaid, "SELECT COUNT(*) FROM policy_applications WHERE status = ?", string(policy.Approved)},
		{&c.ReturnedToApply, "SELECT COUNT(*) FROM policy_applications WHERE status = ?", string(policy.Returned)},
	} {
		if err := db.queryRow(ctx, q.sql, q.arg).Scan(q.into); err != nil {
			return ToDoCounts{}, fmt.Errorf("store.ToDo: %w", err)
		}
	}
	return c, nil
}
