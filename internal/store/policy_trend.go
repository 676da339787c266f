package store

// 就业政策通 monthly trend for the staff statistics page: applications
// made, approved and paid per month, each month a COUNT over a range of a
// covering index (policy_applications_todo, _decided, policy_payouts_paid_on).

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/policy"
)

// MonthCounts is one month of the trend.
type MonthCounts struct {
	Applied  int // applications submitted (免申即享 proposals not counted)
	Approved int // applications approved (including those since paid)
	Paid     int // payouts recorded with a payout date in the month
}

// PolicyTrend counts each month between consecutive bounds: stamps are the
// months' first instants (Beijing midnight, as instants), days the same
// months' first days as stored dates (UTC midnight). Both have one more
// element than the result.
func (tb PolicyStore) PolicyTrend(ctx context.Context, stamps, days []time.Time) ([]MonthCounts, error) {
	n := len(stamps) - 1
	if n <= 0 || len(days) != len(stamps) {
		return nil, nil
	}
	out := make([]MonthCounts, n)
	applied := []policy.ApplicationStatus{policy.Submitted, policy.Returned, policy.Approved, policy.Rejected, policy.Paid}
	series := []struct {
		from, col string
		statuses  []policy.ApplicationStatus // nil: every row
		bounds    []time.Time
		into      func(i, v int)
	}{
		{"policy_applications", "created_at", applied, stamps, func(i, v int) { out[i].Applied = v }},
		{"policy_applications", "decided_at", []policy.ApplicationStatus{policy.Approved, policy.Paid}, stamps, func(i, v int) { out[i].Approved = v }},
		{"policy_payouts", "paid_on", nil, days, func(i, v int) { out[i].Paid = v }},
	}
	for _, s := range series {
		// One scalar COUNT per month, each a range of a covering index
		// ((status, col) or (paid_on)): rows outside the year are never read.
		where := s.col + " >= ? AND " + s.col + " < ?"
		if len(s.statuses) > 0 {
			where = "status IN (" + placeholders(len(s.statuses)) + ") AND " + where
		}
		var cols []string
		var args []any
		for i := range n {
			cols = append(cols, "(SELECT COUNT(*) FROM "+s.from+" WHERE "+where+")")
			for _, st := range s.statuses {
				args = append(args, string(st))
			}
			args = append(args, s.bounds[i].UTC(), s.bounds[i+1].UTC())
		}
		vals := make([]int, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := tb.db.queryRow(ctx, "SELECT "+strings.Join(cols, ", "), args...).Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("store.PolicyTrend: %w", err)
		}
		for i, v := range vals {
			s.into(i, v)
		}
	}
	return out, nil
}
