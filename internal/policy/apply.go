package policy

import (
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// ApplicationStatus is where a policy application stands.
type ApplicationStatus string

// Application statuses. proposed is a 免申即享 grant waiting for staff to
// confirm it; returned asks the applicant for more material.
const (
	Proposed  ApplicationStatus = "proposed"
	Submitted ApplicationStatus = "submitted"
	Returned  ApplicationStatus = "returned"
	Approved  ApplicationStatus = "approved"
	Rejected  ApplicationStatus = "rejected"
	Paid      ApplicationStatus = "paid"
)

// Label is the Chinese name shown to applicants and staff.
func (s ApplicationStatus) Label() string {
	switch s {
	case Proposed:
		return "免申即享待确认"
	case Submitted:
		return "审核中"
	case Returned:
		return "退回补充材料"
	case Approved:
		return "审核通过"
	case Rejected:
		return "未通过"
	case Paid:
		return "已发放"
	}
	return string(s)
}

// Open reports whether the application still holds the subject's place in
// its exclusive group (anything but rejected).
func (s ApplicationStatus) Open() bool { return s != Rejected }

// Application is a request (or a 免申即享 proposal) for one policy by one
// subject, tied to the policy version it was made under.
type Application struct {
	ID             int64
	PolicyID       string
	PolicyName     string
	Version        int
	SubjectType    string // person | enterprise
	SubjectID      int64
	SubjectName    string // for staff lists and the masked 公示
	ApplicantID    int64
	ExclusiveGroup string
	Status         ApplicationStatus
	AmountYuan     float64
	Note           string
	DecisionReason string
	DecidedBy      int64
	DecidedAt      time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Payout         *Payout

	// A recurring payout (a 青创贷 loan's interest subsidy for a quarter)
	// names its period and what it pays for; one-off grants leave these empty.
	Period  string // 2026Q1
	RefType string // startup_loan
	RefID   int64
}

// PeriodLabel names the period for people: 2026年第1季度 ("" for one-off grants).
func (a *Application) PeriodLabel() string {
	y, q, ok := strings.Cut(a.Period, "Q")
	if !ok || len(y) != 4 || len(q) != 1 {
		return a.Period
	}
	return y + "年第" + q + "季度"
}

// Payout is the record of money paid on an approved application.
type Payout struct {
	Batch      string
	PaidOn     time.Time
	AmountYuan float64
}

// Decision is a reviewer's action on an application.
type Decision struct {
	Action     string  // approve | reject | return
	AmountYuan float64 // for approve
	Reason     string  // required for reject and return
}

// Next validates a decision against the current status and returns the new status.
func (d Decision) Next(cur ApplicationStatus) (ApplicationStatus, error) {
	var f apperr.Fields
	switch d.Action {
	case "approve":
		if d.AmountYuan <= 0 || d.AmountYuan > 5_000_000 {
			f.Add("amount_yuan", "请填写核定金额（大于 0 元，不超过 500 万元）")
		}
	case "reject", "return":
		if n := len([]rune(d.Reason)); n < 2 || n > 500 {
			f.Add("reason", "请填写原因（2–500 字），申请人会看到")
		}
	default:
		f.Add("action", "请选择通过、不通过或退回补充材料")
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	if cur != Submitted && cur != Proposed {
		return "", apperr.New(apperr.Conflict, "该申请当前状态为“"+cur.Label()+"”，不能再审核")
	}
	switch d.Action {
	case "approve":
		return Approved, nil
	case "reject":
		return Rejected, nil
	}
	if cur == Proposed {
		return "", apperr.New(apperr.Conflict, "免申即享的发放建议不能退回补充材料，请直接通过或不通过")
	}
	return Returned, nil
}
