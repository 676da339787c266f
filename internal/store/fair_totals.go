package store

// A fair's results, counted from the rows: booths, pre-registrations (the
// activity's sign-ups), resumes sent at booths (job applications tagged
// with the fair), and the intentions and hires the employers recorded.

import (
	"context"
	"fmt"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/jobs"
)

// FairTotals counts a fair's results.
func (fs FairStore) FairTotals(ctx context.Context, activityID int64) (activity.FairTotals, error) {
	var t activity.FairTotals
	err := fs.db.queryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = ? THEN intentions ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = ? THEN hires ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN recorded_at IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM fair_booths WHERE activity_id = ?`,
		string(activity.BoothApproved), string(activity.BoothApplied), string(activity.BoothApproved), string(activity.BoothApproved), activityID).
		Scan(&t.Booths, &t.Applied, &t.Intentions, &t.Hires, &t.Recorded)
	if err != nil {
		return t, fmt.Errorf("store.FairTotals: %w", err)
	}
	if err := fs.db.queryRow(ctx, "SELECT COUNT(*) FROM activity_signups WHERE activity_id = ? AND status NOT IN (?, ?)",
		activityID, string(activity.Cancelled), string(activity.Expired)).Scan(&t.Preregistered); err != nil {
		return t, fmt.Errorf("store.FairTotals: %w", err)
	}
	if err := fs.db.queryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0) FROM job_applications WHERE fair_id = ?",
		string(jobs.AppHired), activityID).Scan(&t.Resumes, &t.HiredOnBoard); err != nil {
		return t, fmt.Errorf("store.FairTotals: %w", err)
	}
	return t, nil
}
