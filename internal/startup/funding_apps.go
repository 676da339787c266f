package startup

// 创业项目资助 applications and the panel's decision. A person applies to a
// call with a project and its plan; after review the panel records, for
// each application, the award (one of the call's tiers, or nothing) and
// why, within the budget, and the list is published (公示) with names
// masked.

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
)

// Limits of an application.
const (
	MaxProjectName = 60   // runes
	MaxPlan        = 5000 // runes of the business plan's summary
	MaxAwardReason = 300  // runes of the panel's reason
)

// FundingStatus is where a funding application stands.
type FundingStatus string

// The statuses.
const (
	FundingSubmitted  FundingStatus = "submitted"   // waiting for review and the panel
	FundingAwarded    FundingStatus = "awarded"     // the panel funds it
	FundingNotAwarded FundingStatus = "not_awarded" // the panel does not
)

// Label is the status's Chinese name.
func (s FundingStatus) Label() string {
	switch s {
	case FundingAwarded:
		return "拟资助"
	case FundingNotAwarded:
		return "未获资助"
	}
	return "评审中"
}

// FundingApp is an application to a call.
type FundingApp struct {
	ID            int64
	CallID        int64
	PersonID      int64
	ApplicantName string
	Project       string
	Plan          string
	Requested     int64 // fen
	Status        FundingStatus
	Award         int64  // fen, once decided
	Reason        string // the panel's reason, once decided
	CreatedAt     time.Time
}

// Normalize trims the text fields.
func (a *FundingApp) Normalize() {
	a.Project, a.Plan = strings.TrimSpace(a.Project), strings.TrimSpace(a.Plan)
}

// Validate checks an application against its call.
func (a *FundingApp) Validate(c *FundingCall) error {
	var f apperr.Fields
	if n := utf8.RuneCountInString(a.Project); n == 0 || n > MaxProjectName {
		f.Add("project", "请填写项目名称（最多 "+strconv.Itoa(MaxProjectName)+" 个字）")
	}
	if n := utf8.RuneCountInString(a.Plan); n < 50 || n > MaxPlan {
		f.Add("plan", "请用 50 到 "+strconv.Itoa(MaxPlan)+" 个字介绍项目：做什么、市场、团队、资金用途、能带动多少人就业")
	}
	if err := c.ValidateRequest(a.Requested); err != nil {
		f.Add("amount", apperr.As(err).Fields["amount"])
	}
	return f.Err()
}

// Award is the panel's decision on one application.
type Award struct {
	ApplicationID int64
	Amount        int64 // fen: one of the call's tiers, or 0 for none
	Reason        string
}

// CheckAwards validates the panel's decision on a call's applications:
// every application decided once, each amount a tier or 0 and not above
// what was asked, a reason for each, and the total within the budget. The
// field names are awards.<application id>.
func CheckAwards(c *FundingCall, apps []*FundingApp, awards []Award) error {
	var f apperr.Fields
	asked := make(map[int64]int64, len(apps))
	for _, a := range apps {
		asked[a.ID] = a.Requested
	}
	seen := map[int64]bool{}
	var total int64
	for _, w := range awards {
		field := "awards." + strconv.FormatInt(w.ApplicationID, 10)
		req, ok := asked[w.ApplicationID]
		switch {
		case !ok:
			f.Add(field, "该申请不属于本批次")
		case seen[w.ApplicationID]:
			f.Add(field, "同一申请只能决定一次")
		case w.Amount != 0 && !c.Tiers.Has(w.Amount):
			f.Add(field, "资助金额只能是本批次的档次之一")
		case w.Amount > req:
			f.Add(field, "资助金额不能超过申请金额 "+wan(req))
		case utf8.RuneCountInString(strings.TrimSpace(w.Reason)) == 0 || utf8.RuneCountInString(w.Reason) > MaxAwardReason:
			f.Add(field, "请写明决定理由（最多 "+strconv.Itoa(MaxAwardReason)+" 个字）")
		}
		seen[w.ApplicationID] = true
		total += w.Amount
	}
	for _, a := range apps {
		if !seen[a.ID] {
			f.Add("awards."+strconv.FormatInt(a.ID, 10), "请决定是否资助")
		}
	}
	if total > c.Budget {
		f.Add("awards", "资助合计 "+wan(total)+" 超过预算 "+wan(c.Budget)+"，请调整")
	}
	return f.Err()
}

// Has reports whether amount is one of the tiers.
func (t Tiers) Has(amount int64) bool {
	i := t.atMost(amount)
	return i >= 0 && t[i] == amount
}

// Wan formats fen as 万元 the way awards are announced: 20 万元.
func Wan(fen int64) string { return wan(fen) }

// Review is an expert's assignment as stored: the scores once submitted,
// or the conflict declared instead.
type Review struct {
	Assignment
	CallID       int64
	Project      string
	ExpertName   string
	ConflictNote string
	Scores       map[string]float64 // nil until submitted
	Comment      string
	AssignedAt   time.Time
	SubmittedAt  time.Time // zero until submitted
}

// Submitted reports whether the expert has sent their scores.
func (r *Review) Submitted() bool { return !r.SubmittedAt.IsZero() }
