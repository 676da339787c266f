package app

// The staff console's home and statistics: the to-do counts that open the
// work queues, and the monthly trend of the policy statistics page.

import (
	"context"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/chinatime"
)

// Console is the staff console's own use cases.
type Console struct {
	*core
}

// ToDoItem is one to-do count and the queue it opens, filtered to the
// rows counted.
type ToDoItem struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Count int    `json:"count"`
	Href  string `json:"href"`
	Hint  string `json:"hint,omitempty"`
}

// ToDo lists the counts of the queues the caller's role opens: the review
// queues for reviewers and admins, enterprises to verify and the policy
// queues for all bureau personnel.
func (x *Console) ToDo(ctx context.Context, a Actor) ([]ToDoItem, error) {
	u := a.User
	if !account.CanUseConsole(u) {
		return nil, x.deny(ctx, a, "console", 0)
	}
	c, err := x.db.ToDo(ctx)
	if err != nil {
		return nil, err
	}
	var out []ToDoItem
	if account.CanReviewPosts(u) {
		out = append(out, ToDoItem{Key: "job_posts", Label: "待审核岗位", Count: c.PendingPosts, Href: "/console/jobs/review"})
	}
	if account.CanReviewGigs(u) {
		out = append(out, ToDoItem{Key: "gigs", Label: "待审核零工", Count: c.PendingGigs, Href: "/console/gigs/review"})
	}
	if account.CanVerifyEnterprise(u) {
		out = append(out, ToDoItem{Key: "enterprises", Label: "待核验企业", Count: c.UnverifiedEnts, Href: "/console?kind=enterprise&unverified=1"})
	}
	decide := ""
	if !account.CanReviewApplications(u) {
		decide = "由审核员审核"
	}
	out = append(out,
		ToDoItem{Key: "applications", Label: "待审核申请", Count: c.SubmittedApps, Href: "/console/applications?status=submitted", Hint: decide},
		ToDoItem{Key: "grants", Label: "免申即享待确认", Count: c.ProposedGrants, Href: "/console/applications?status=proposed", Hint: decide},
		ToDoItem{Key: "payouts", Label: "待发放", Count: c.ApprovedUnpaid, Href: "/console/applications?status=approved", Hint: decide},
		ToDoItem{Key: "returned", Label: "退回待补材料", Count: c.ReturnedToApply, Href: "/console/applications?status=returned", Hint: "等申请人补充"},
	)
	return out, nil
}

// MonthTrend is one month of the policy trend.
type MonthTrend struct {
	Month    string `json:"month"` // 2006-01
	Applied  int    `json:"applied"`
	Approved int    `json:"approved"`
	Paid     int    `json:"paid"`
}

// TrendMonths is how many months the policy trend shows, this one last.
const TrendMonths = 12

// PolicyTrend is the last TrendMonths Beijing months of policy
// applications made, approved and paid, oldest first.
func (x *Console) PolicyTrend(ctx context.Context, a Actor) ([]MonthTrend, error) {
	if !account.CanUseConsole(a.User) {
		return nil, x.deny(ctx, a, "policy", 0)
	}
	now := x.now().In(chinatime.Zone)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, chinatime.Zone).AddDate(0, -(TrendMonths - 1), 0)
	stamps := make([]time.Time, TrendMonths+1)
	days := make([]time.Time, TrendMonths+1)
	for i := range stamps {
		m := first.AddDate(0, i, 0)
		stamps[i] = m
		days[i] = time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	counts, err := x.db.Policies().PolicyTrend(ctx, stamps, days)
	if err != nil {
		return nil, err
	}
	out := make([]MonthTrend, len(counts))
	for i, c := range counts {
		out[i] = MonthTrend{Month: stamps[i].Format("2006-01"), Applied: c.Applied, Approved: c.Approved, Paid: c.Paid}
	}
	return out, nil
}
