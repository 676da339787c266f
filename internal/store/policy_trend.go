package store

// 就业政策通 monthly trend for the staff statistics page: applications
// made, approved and paid per month, one indexed range scan per series
// (policy_applications_created, _decided, policy_payouts_paid_on).

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
	series := []struct {
		from, col, where string
		bounds           []time.Time
		into             func(i, v int)
	}{
		{"policy_applications", "created_at", "status <> '" + string(policy.Proposed) + "'", stamps, func(i, v int) { out[i].Applied = v }},
		{"policy_applications", "decided_at", "status IN ('" + string(policy.Approved) + "', '" + string(policy.Paid) + "')", stamps, func(i, v int) { out[i].Approved = v }},
		{"policy_payouts", "paid_on", "1=1", days, func(i, v int) { out[i].Paid = v }},
	}
	for _, s := range series {
		var cols []string
		var args []any
		for i := range n {
			cols = append(cols, "COALESCE(SUM(CASE WHEN "+s.col+" >= ? AND "+s.col+" < ? THEN 1 ELSE 0 END), 0)")
			args = append(args, s.bounds[i].UTC(), s.bounds[i+1].UTC())
		}
		args = append(args, s.bounds[0].UTC(), s.bounds[n].UTC())
		q := "SELECT " + strings.Join(cols, ", ") + " FROM " + s.from + " WHERE " + s.col + " >= ? AND " + s.col + " < ? AND " + s.where
		vals := make([]int, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := tb.db.queryRow(ctx, q, args...).Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("store.PolicyTrend: %w", err)
		}
		for i, v := range vals {
			s.into(i, v)
		}
	}
	return out, nil
}
