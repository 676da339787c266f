package startup

// A funded project is paid in milestones against reports — 40% once the
// plan of work is in, 30% at the mid-term report six months on, 30% at the
// final report a year on — and reports jobs created and whether it still
// trades at 12 and 24 months.

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
)

// MilestoneStatus is where a milestone stands.
type MilestoneStatus string

// The statuses.
const (
	MilestonePending  MilestoneStatus = "pending"  // waiting for the grantee's report
	MilestoneReported MilestoneStatus = "reported" // waiting for staff
	MilestoneApproved MilestoneStatus = "approved" // the tranche goes to the payout batch
	MilestoneReturned MilestoneStatus = "returned" // staff asked for more; the grantee reports again
)

// Label is the status's Chinese name.
func (s MilestoneStatus) Label() string {
	switch s {
	case MilestoneReported:
		return "待审核"
	case MilestoneApproved:
		return "已通过，拨付中"
	case MilestoneReturned:
		return "退回补充"
	}
	return "待报告"
}

// Milestone is one tranche of an award.
type Milestone struct {
	ApplicationID int64
	N             int
	Label         string
	Share         int   // percent of the award
	Amount        int64 // fen
	Due           time.Time
	Status        MilestoneStatus
	Report        string
	Jobs          int // jobs created so far, as reported
	ReportedAt    time.Time
	ReviewNote    string
}

// milestoneSteps are the tranches: what is reported, the share, the months
// after the decision the report is due.
var milestoneSteps = []struct {
	label  string
	share  int
	months int
}{{"立项：实施方案", 40, 1}, {"中期报告", 30, 6}, {"结项报告", 30, 12}}

// MilestonePlan splits an award into its tranches from the decision date;
// the last tranche takes what rounding leaves, so they add up to the award.
func MilestonePlan(appID, award int64, decided time.Time) []Milestone {
	out := make([]Milestone, len(milestoneSteps))
	var paid int64
	for i, s := range milestoneSteps {
		amount := award * int64(s.share) / 100
		if i == len(milestoneSteps)-1 {
			amount = award - paid
		}
		paid += amount
		out[i] = Milestone{ApplicationID: appID, N: i + 1, Label: s.label, Share: s.share, Amount: amount,
			Due: AddMonths(dateOf(decided), s.months), Status: MilestonePending}
	}
	return out
}

func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Limits of a report.
const (
	MinReport = 20
	MaxReport = 2000
	MaxJobs   = 10000
)

// CheckReport validates a milestone or follow-up report's text and jobs.
func CheckReport(report string, jobs int, need bool) error {
	var f apperr.Fields
	n := utf8.RuneCountInString(strings.TrimSpace(report))
	if (need || n > 0) && (n < MinReport || n > MaxReport) {
		f.Add("report", "请用 "+strconv.Itoa(MinReport)+" 到 "+strconv.Itoa(MaxReport)+" 个字说明进展：做了什么、资金用在哪里、带动了多少人就业")
	}
	if jobs < 0 || jobs > MaxJobs {
		f.Add("jobs", "带动就业人数应在 0 到 "+strconv.Itoa(MaxJobs)+" 之间")
	}
	return f.Err()
}

// CanReport reports whether milestone m may be reported now: it waits for
// a report (or was returned) and the one before it is approved.
func CanReport(ms []Milestone, n int) error {
	if n < 1 || n > len(ms) {
		return apperr.New(apperr.NotFound, "没有这个拨付节点")
	}
	m := ms[n-1]
	if m.Status != MilestonePending && m.Status != MilestoneReturned {
		return apperr.New(apperr.Conflict, "该节点已报告，"+m.Status.Label())
	}
	if n > 1 && ms[n-2].Status != MilestoneApproved {
		return apperr.New(apperr.Conflict, "请先完成上一个节点“"+ms[n-2].Label+"”")
	}
	return nil
}

// FollowUp is a funded project's report at 12 or 24 months.
type FollowUp struct {
	ApplicationID int64
	Months        int // 12 or 24
	Operating     bool
	Jobs          int
	Note          string
	ReportedAt    time.Time
}

// FollowUpMonths are the months after the decision a project reports at.
var FollowUpMonths = []int{12, 24}

// Validate checks a follow-up report.
func (u *FollowUp) Validate() error {
	var f apperr.Fields
	if u.Months != 12 && u.Months != 24 {
		f.Add("months", "请选择 12 个月或 24 个月回访")
	}
	if err := CheckReport(u.Note, u.Jobs, false); err != nil {
		for k, v := range apperr.As(err).Fields {
			if k == "report" {
				k = "note"
			}
			f.Add(k, v)
		}
	}
	return f.Err()
}

// CallOutcomes is what a call's awards became: tranches approved for
// payment, and at 12 and 24 months how many projects reported, how many
// still trade and the jobs they report.
type CallOutcomes struct {
	TranchesApproved int
	TranchesFen      int64
	FollowUps        []FollowUpTally
}

// FollowUpTally is one follow-up period's figures over a call's projects.
type FollowUpTally struct {
	Months, Reported, Operating, Jobs int
}
