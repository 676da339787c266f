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
}

// AppEvent is one step of an application's history.
type AppEvent struct {
	At        time.Time
	ActorRole string
	From      AppStatus // "" for the application itself
	To        AppStatus
	Note      string
}
