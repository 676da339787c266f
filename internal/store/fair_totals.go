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

// FairStations counts, for each station that brought anyone to a fair,
// the sign-ups tagged with it (not cancelled or lapsed), the resumes
// tagged with it sent at the fair's booths, and the persons among them
// the employers moved to hired; by station name.
func (fs FairStore) FairStations(ctx context.Context, activityID int64) ([]activity.StationResult, error) {
	rows, err := fs.db.query(ctx, `SELECT st.id, st.name,
		(SELECT COUNT(*) FROM activity_signups su WHERE su.activity_id = ? AND su.station_id = st.id AND su.status NOT IN (?, ?)),
		(SELECT COUNT(*) FROM job_applications ja WHERE ja.fair_id = ? AND ja.station_id = st.id),
		(SELECT COUNT(DISTINCT ja.person_id) FROM job_applications ja WHERE ja.fair_id = ? AND ja.station_id = st.id AND ja.status = ?)
		FROM stations st WHERE EXISTS (SELECT 1 FROM activity_signups su WHERE su.activity_id = ? AND su.station_id = st.id)
			OR EXISTS (SELECT 1 FROM job_applications ja WHERE ja.fair_id = ? AND ja.station_id = st.id)
		ORDER BY st.name, st.id`,
		activityID, string(activity.Cancelled), string(activity.Expired), activityID, activityID, string(jobs.AppHired), activityID, activityID)
	if err != nil {
		return nil, fmt.Errorf("store.FairStations: %w", err)
	}
	defer rows.Close()
	var out []activity.StationResult
	for rows.Next() {
		r := activity.StationResult{ActivityID: activityID}
		if err := rows.Scan(&r.StationID, &r.StationName, &r.Brought, &r.Resumes, &r.Hired); err != nil {
			return nil, fmt.Errorf("store.FairStations: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
