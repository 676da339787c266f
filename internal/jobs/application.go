package jobs

import (
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// AppStatus is where a job application is in the employer's pipeline.
type AppStatus string

// Application statuses: the employer moves an application
// new → viewed → interview → hired, or rejects it at any open step; the
// person may withdraw it while it is open. Hired, rejected and withdrawn
// are final.
const (
	AppNew       AppStatus = "new"
	AppViewed    AppStatus = "viewed"
	AppInterview AppStatus = "interview"
	AppHired     AppStatus = "hired"
	AppRejected  AppStatus = "rejected"
	AppWithdrawn AppStatus = "withdrawn"
)

// AppStatuses lists every status in pipeline order: the tabs of the
// applicant lists and the values their status filter accepts.
var AppStatuses = []AppStatus{AppNew, AppViewed, AppInterview, AppHired, AppRejected, AppWithdrawn}

// Valid reports whether s is one of AppStatuses.
func (s AppStatus) Valid() bool {
	for _, x := range AppStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// CheckAppStatusFilter validates a list filter: empty means every status,
// anything else must be a known status (Invalid naming field).
func CheckAppStatusFilter(field, s string) error {
	if s == "" || AppStatus(s).Valid() {
		return nil
	}
	return apperr.Field(field, "状态应为 new（待查看）、viewed（已查看）、interview（邀请面试）、hired（已录用）、rejected（不合适）或 withdrawn（已撤回）")
}

// MaxCoverNote is the longest cover note a person may send, in runes.
const MaxCoverNote = 500

// MaxStatusNote is the longest note an employer may add to a change, in runes.
const MaxStatusNote = 500

// Label is the Chinese name of the status.
func (s AppStatus) Label() string {
	switch s {
	case AppNew:
		return "待查看"
	case AppViewed:
		return "已查看"
	case AppInterview:
		return "邀请面试"
	case AppHired:
		return "已录用"
	case AppRejected:
		return "不合适"
	case AppWithdrawn:
		return "已撤回"
	}
	return string(s)
}

// Explain tells the applicant, in plain Chinese, what status s means and
// what happens next, so nobody has to guess from a one-word label.
func (s AppStatus) Explain() string {
	switch s {
	case AppNew:
		return "您的申请已送达招聘企业，企业还没有查看。企业查看后状态会变为“已查看”，您会收到站内消息。企业作出决定前，您可以随时撤回申请。"
	case AppViewed:
		return "企业已查看您的申请和简历，正在考虑。如果企业邀请您面试，您会收到站内消息，面试时间和地点会写在企业留言里，请保持手机畅通。"
	case AppInterview:
		return "企业邀请您参加面试。请按企业留言中的时间和地点参加面试，有疑问可以直接联系企业。面试后企业会告知录用结果，您会收到站内消息。"
	case AppHired:
		return "恭喜！企业决定录用您。请按企业留言与企业联系，办理入职手续。这份申请已经结束。"
	case AppRejected:
		return "企业认为您与本岗位暂不匹配，这份申请已经结束。别灰心：完善简历、看看为您推荐的其他岗位，再试一次。"
	case AppWithdrawn:
		return "您已撤回这份申请，企业不会再处理它。同一岗位不能再次申请。"
	}
	return ""
}

// Final reports whether no further change is possible.
func (s AppStatus) Final() bool { return s == AppHired || s == AppRejected || s == AppWithdrawn }

// employerMoves are the changes an employer may make, from → allowed targets.
var employerMoves = map[AppStatus][]AppStatus{
	AppNew:       {AppViewed, AppInterview, AppRejected},
	AppViewed:    {AppInterview, AppRejected},
	AppInterview: {AppHired, AppRejected},
}

// EmployerTargets lists the statuses an employer may move an application in from to.
func EmployerTargets(from AppStatus) []AppStatus { return employerMoves[from] }

// NextByEmployer checks an employer's change: an unknown target is Invalid
// (field status), a change the pipeline does not allow is a Conflict.
func NextByEmployer(from, to AppStatus) error {
	switch to {
	case AppViewed, AppInterview, AppHired, AppRejected:
	default:
		return apperr.Field("status", "状态应为 viewed（已查看）、interview（邀请面试）、hired（录用）或 rejected（不合适）")
	}
	for _, s := range employerMoves[from] {
		if s == to {
			return nil
		}
	}
	return apperr.New(apperr.Conflict, "申请当前为“"+from.Label()+"”，不能改为“"+to.Label()+"”")
}

// CanWithdraw reports whether the person may still withdraw an application in status s.
func CanWithdraw(s AppStatus) bool { return !s.Final() }

// CheckNote trims and validates a free-text note (cover note or status
// note) of at most max runes.
func CheckNote(field, s string, max int) (string, error) {
	var f apperr.Fields
	s = strings.TrimSpace(s)
	registry.CheckText(&f, field, s, max)
	return s, f.Err()
}

// Application is a person's application to a post.
type Application struct {
	ID             int64
	PostID         int64
	PostTitle      string
	EnterpriseID   int64
	EnterpriseName string
	PersonID       int64
	Status         AppStatus
	CoverNote      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Events         []AppEvent
	// ReferredBy is the agent who filed it for the person (推荐就业, 0: the
	// person applied) and ReferralConsent how the person agreed on the call.
	ReferredBy      int64
	ReferralConsent string
	// FairID is the fair (an activity) where the person sent their resume
	// by scanning a booth's QR code, and StationID the labour or
	// university liaison station whose event it was (0: neither).
	FairID    int64
	StationID int64
}

// AppEvent is one step of an application's history.
type AppEvent struct {
	At        time.Time
	ActorRole string
	From      AppStatus // "" for the application itself
	To        AppStatus
	Note      string
}

// ByApplicant reports whether the applicant made this step (applying,
// withdrawing); every other step is the employer's.
func (ev AppEvent) ByApplicant() bool { return ev.ActorRole == "person" }

// EmployerNote is the latest note the employer wrote to the applicant with
// a change, or "": what a list shows beside the status (an interview time).
func (ap *Application) EmployerNote() string {
	for i := len(ap.Events) - 1; i >= 0; i-- {
		if ev := ap.Events[i]; !ev.ByApplicant() && ev.Note != "" {
			return ev.Note
		}
	}
	return ""
}
