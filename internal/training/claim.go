package training

// 培训补贴申领 (subsidy claims): once a filed class has ended, its provider
// claims the class's subsidy standard for each trainee who passes five
// checks — enrolled before the first session, attendance at the
// threshold of the standards file, a certificate for the class's
// occupation and level (or the exam passed), an eligible group under the
// catalog policy the standard comes from, and never subsidised before for
// the same occupation and level, by any provider in any year. Each check
// is kept with its reason in words, so the provider, the reviewer and the
// API read the same sentence. A claim is reviewed like a policy
// application: submitted → approved or returned (corrected and submitted
// again) → paid.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// ClaimStatus is where a claim is; the values are those of a policy
// application, so reviewers read one vocabulary.
type ClaimStatus string

// The claim statuses.
const (
	ClaimSubmitted ClaimStatus = "submitted" // 待审核
	ClaimReturned  ClaimStatus = "returned"  // 已退回: the provider rechecks and submits again
	ClaimApproved  ClaimStatus = "approved"  // 审核通过: waits for the payout
	ClaimPaid      ClaimStatus = "paid"      // 已发放
)

// ClaimStatuses lists the statuses in the order filters offer them.
var ClaimStatuses = []ClaimStatus{ClaimSubmitted, ClaimReturned, ClaimApproved, ClaimPaid}

// Label is the status's Chinese name.
func (s ClaimStatus) Label() string {
	switch s {
	case ClaimSubmitted:
		return "待审核"
	case ClaimReturned:
		return "已退回"
	case ClaimApproved:
		return "审核通过"
	case ClaimPaid:
		return "已发放"
	}
	return string(s)
}

// Valid reports whether s is one of ClaimStatuses.
func (s ClaimStatus) Valid() bool {
	for _, x := range ClaimStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Rule is one of the checks that decide a trainee's subsidy.
type Rule string

// The rules, in the order they are shown.
const (
	RuleEnrolled    Rule = "enrolled"    // 报名在开班之前
	RuleAttendance  Rule = "attendance"  // 出勤率达到要求
	RuleCertificate Rule = "certificate" // 取得证书或考核合格
	RuleEligible    Rule = "eligible"    // 属于政策规定的补贴对象
	RuleOnce        Rule = "once"        // 同一职业同一等级未享受过补贴
	RuleConcurrent  Rule = "concurrent"  // 提交时被另一份同时提交的申领占用（仅在提交时出现）
)

// Rules lists the checks in the order they are shown.
var Rules = []Rule{RuleEnrolled, RuleAttendance, RuleCertificate, RuleEligible, RuleOnce}

// Label is the rule's name as a column heading.
func (r Rule) Label() string {
	switch r {
	case RuleEnrolled:
		return "开班前报名"
	case RuleAttendance:
		return "出勤率"
	case RuleCertificate:
		return "取证或考核合格"
	case RuleEligible:
		return "补贴对象"
	case RuleOnce:
		return "未重复享受"
	case RuleConcurrent:
		return "提交时复核"
	}
	return string(r)
}

// Check is one rule's verdict for one trainee, with its reason in words.
type Check struct {
	Rule   Rule   `json:"rule"`
	OK     bool   `json:"ok"`
	Reason string `json:"reason"`
}

// Prior is an earlier claim item that subsidises (or is about to
// subsidise) the same person for the same occupation and level.
type Prior struct {
	ClaimID      int64
	ClassTitle   string
	ProviderName string
	Status       string // pending (in a claim not yet paid) or paid
	On           time.Time
}

// TraineeFacts is what the store knows about one trainee of a class,
// read for the whole roster at once; Eligible is the policy engine's
// verdict, worked out by the use case.
type TraineeFacts struct {
	PersonID   int64
	Name       string
	IDMasked   string
	EnrolledAt time.Time
	Attended   int       // sessions of the class the trainee was present at
	CertOn     time.Time // the first valid certificate for the class's occupation and level issued on or after its start; zero: none
	PassedOn   time.Time // the first passed sitting for that occupation and level on or after the start; zero: none
	Eligible   Check     // rule 4, filled in by the use case
	Prior      *Prior    // rule 5: nil when never subsidised for this occupation and level
}

// TraineeCheck is one trainee's verdict on a claim.
type TraineeCheck struct {
	PersonID   int64   `json:"person_id"`
	Name       string  `json:"name"`
	IDMasked   string  `json:"id_masked"`
	Checks     []Check `json:"checks"`
	Eligible   bool    `json:"eligible"`
	AmountYuan int     `json:"amount_yuan"`
}

// Reasons joins the reasons of the failed checks ("" when none failed).
func (t TraineeCheck) Reasons() string {
	var out []string
	for _, c := range t.Checks {
		if !c.OK {
			out = append(out, c.Reason)
		}
	}
	return strings.Join(out, "；")
}

// CheckOf returns the trainee's verdict on rule r.
func (t TraineeCheck) CheckOf(r Rule) Check {
	for _, c := range t.Checks {
		if c.Rule == r {
			return c
		}
	}
	return Check{Rule: r}
}

// Exclude marks the trainee ineligible for reason under rule r (a
// concurrent claim took the person first).
func (t *TraineeCheck) Exclude(r Rule, reason string) {
	t.Checks = append(t.Checks, Check{Rule: r, Reason: reason})
	t.Eligible, t.AmountYuan = false, 0
}

// MayClaim says why class c cannot be claimed at now ("" when it can):
// it must be filed, its last session over, and a subsidy standard apply.
func (c *Class) MayClaim(now time.Time) string {
	switch {
	case c.Status != ClassApproved:
		return "培训班未备案，不能申领补贴"
	case len(c.Sessions) == 0:
		return "培训班没有上课安排，不能申领补贴"
	case now.Before(c.Sessions[len(c.Sessions)-1].EndsAt()):
		return "培训班尚未结课（最后一次课 " + c.Sessions[len(c.Sessions)-1].Text() + "），结课后才能申领补贴"
	case c.SubsidyYuan <= 0:
		return "该班的培训类型和等级没有补贴标准，不能申领补贴"
	}
	return ""
}

// CheckTrainee applies the five rules to one trainee of class c (which
// may be claimed), with the attendance threshold of the standards file.
// The amount is the class's standard when every rule passes.
func CheckTrainee(c *Class, threshold float64, f TraineeFacts) TraineeCheck {
	out := TraineeCheck{PersonID: f.PersonID, Name: f.Name, IDMasked: f.IDMasked}
	start := c.Sessions[0].StartsAt()
	enrolled := Check{Rule: RuleEnrolled, OK: f.EnrolledAt.Before(start)}
	at := f.EnrolledAt.In(start.Location()).Format("2006-01-02 15:04")
	if enrolled.OK {
		enrolled.Reason = "报名于 " + at + "，在开班（" + c.Sessions[0].Text() + "）之前"
	} else {
		enrolled.Reason = "报名于 " + at + "，晚于开班时间 " + start.Format("2006-01-02 15:04")
	}
	r := Rate{Attended: f.Attended, Held: len(c.Sessions), Total: len(c.Sessions)}
	pct := int(threshold*100 + 0.5)
	att := Check{Rule: RuleAttendance, OK: r.Meets(threshold)}
	if att.OK {
		att.Reason = fmt.Sprintf("出勤 %d/%d 次（%d%%），达到 %d%% 的要求", r.Attended, r.Total, r.Percent(), pct)
	} else {
		att.Reason = fmt.Sprintf("出勤 %d/%d 次（%d%%），未达到 %d%% 的要求", r.Attended, r.Total, r.Percent(), pct)
	}
	cert := Check{Rule: RuleCertificate}
	what := c.Level.Label()
	switch {
	case !f.CertOn.IsZero():
		cert.OK, cert.Reason = true, "已取得本职业"+what+"职业技能等级证书（"+f.CertOn.Format(time.DateOnly)+" 核发）"
	case !f.PassedOn.IsZero():
		cert.OK, cert.Reason = true, "本职业"+what+"技能评价考核合格（"+f.PassedOn.Format(time.DateOnly)+"），证书待核发"
	default:
		cert.Reason = "开班以来没有本职业" + what + "的有效证书，也没有考核合格记录"
	}
	elig := f.Eligible
	elig.Rule = RuleEligible
	once := Check{Rule: RuleOnce, OK: f.Prior == nil}
	if once.OK {
		once.Reason = "此前未享受过本职业" + what + "的培训补贴"
	} else {
		p := f.Prior
		state, when := "已发放", p.On.Format(time.DateOnly)
		if p.Status != "paid" {
			state, when = "正在申领", when+" 提交"
		}
		once.Reason = fmt.Sprintf("%s“%s”的补贴申领 #%d %s本职业%s的补贴（%s），同一职业同一等级只能享受一次",
			p.ProviderName, p.ClassTitle, p.ClaimID, state, what, when)
	}
	out.Checks = []Check{enrolled, att, cert, elig, once}
	out.Eligible = true
	for _, ck := range out.Checks {
		out.Eligible = out.Eligible && ck.OK
	}
	if out.Eligible {
		out.AmountYuan = c.SubsidyYuan
	}
	return out
}

// Claim is a provider's subsidy claim for one class.
type Claim struct {
	ID           int64
	ClassID      int64
	ProviderID   int64
	EnterpriseID int64 // the provider's enterprise, whose users claim
	ProviderName string
	ClassTitle   string
	Occupation   string
	Level        Level
	StandardYuan int // per trainee
	Status       ClaimStatus
	Checked      int // trainees checked
	Trainees     int // trainees eligible
	TotalYuan    int
	Round        int    // 1 for the first submission, 2 after one return …
	Reason       string // why returned, or the reviewer's note on approval
	SubmittedBy  int64
	SubmittedAt  time.Time
	DecidedBy    int64
	DecidedAt    time.Time
	PaidBatch    string
	PaidOn       time.Time
	PaidBy       int64
	Items        []TraineeCheck // read with the claim's page
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Limits of a claim's text fields.
const (
	MaxClaimReason = 200
	MaxBatch       = 40
)

// ClaimDecision is a reviewer's decision: approve, or return with a
// reason the provider acts on.
type ClaimDecision struct {
	Action string `json:"action"` // approve | return
	Reason string `json:"reason,omitempty"`
}

// Validate checks the decision and says the status it moves a claim to.
func (d *ClaimDecision) Validate() (ClaimStatus, error) {
	d.Action, d.Reason = strings.TrimSpace(d.Action), strings.TrimSpace(d.Reason)
	var f apperr.Fields
	var to ClaimStatus
	switch d.Action {
	case "approve":
		to = ClaimApproved
	case "return":
		to = ClaimReturned
		if d.Reason == "" {
			f.Add("reason", "请填写退回理由，机构会据此核对后重新提交")
		}
	default:
		f.Add("action", "请选择审核结果：通过（approve）或退回（return）")
	}
	if len([]rune(d.Reason)) > MaxClaimReason {
		f.Add("reason", "理由最多 "+strconv.Itoa(MaxClaimReason)+" 字")
	}
	return to, f.Err()
}

// CanDecide says why a claim of status s cannot be decided ("" when it can).
func CanDecide(s ClaimStatus) string {
	if s != ClaimSubmitted {
		return "该申领" + s.Label() + "，只有待审核的申领可以审核"
	}
	return ""
}

// CanResubmit says why a claim of status s cannot be submitted again.
func CanResubmit(s ClaimStatus) string {
	if s != ClaimReturned {
		return "该申领" + s.Label() + "，只有已退回的申领可以重新提交"
	}
	return ""
}

// LedgerRow is one line of the subsidy ledger (台账): what one provider
// was paid in one month.
type LedgerRow struct {
	ProviderID   int64
	ProviderName string
	Month        string // 2025-08, of the payout date
	Claims       int
	Trainees     int
	Yuan         int
}
