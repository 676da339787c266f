package casework

import (
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// FollowStatus is where a follow-up stands.
type FollowStatus string

// The follow-up statuses.
const (
	FollowOpen      FollowStatus = "open"
	FollowDone      FollowStatus = "done"
	FollowCancelled FollowStatus = "cancelled"
)

// Label is the status's Chinese name.
func (s FollowStatus) Label() string {
	switch s {
	case FollowOpen:
		return "待跟进"
	case FollowDone:
		return "已完成"
	case FollowCancelled:
		return "已取消"
	}
	return string(s)
}

// Limits of a follow-up.
const (
	MaxPurpose     = 100 // runes
	MaxFollowNote  = 500
	MaxFollowAhead = 366 // days: a follow-up further away is a typing error
)

// FollowUp is a call or visit an agent owes a person or an enterprise.
type FollowUp struct {
	ID             int64
	PersonID       int64
	PersonName     string
	EnterpriseID   int64
	EnterpriseName string
	Team           string
	OwnerID        int64
	OwnerName      string
	Due            time.Time // a date (Beijing)
	Purpose        string
	Note           string
	Status         FollowStatus
	CreatedBy      int64
	CreatedAt      time.Time
	DoneAt         time.Time
	ContactID      int64
}

// Bucket is a queue's section.
type Bucket string

// The queue's sections.
const (
	Overdue  Bucket = "overdue"
	Today    Bucket = "today"
	ThisWeek Bucket = "week"
	Later    Bucket = "later"
)

// Label is the section's Chinese name.
func (b Bucket) Label() string {
	switch b {
	case Overdue:
		return "已逾期"
	case Today:
		return "今天"
	case ThisWeek:
		return "本周"
	}
	return "以后"
}

// BucketOf puts a due date into its queue section relative to today (both
// Beijing dates): this week runs to the coming Sunday.
func BucketOf(due, today time.Time) Bucket {
	d := daysBetween(today, due)
	switch {
	case d < 0:
		return Overdue
	case d == 0:
		return Today
	}
	wd := int(today.Weekday())
	if wd == 0 {
		wd = 7
	}
	if d <= 7-wd {
		return ThisWeek
	}
	return Later
}

// Normalize trims the text fields.
func (f *FollowUp) Normalize() {
	f.Purpose = strings.TrimSpace(f.Purpose)
	f.Note = strings.TrimSpace(f.Note)
}

// Validate checks a new or rescheduled follow-up against today (a Beijing
// date): it is not due in the past and not more than a year ahead.
func (f *FollowUp) Validate(today time.Time) error {
	var fs apperr.Fields
	if (f.PersonID == 0) == (f.EnterpriseID == 0) {
		fs.Add("person_id", "请指明跟进的是个人还是企业（二选一）")
	}
	switch {
	case f.Due.IsZero():
		fs.Add("due", "请选择跟进日期")
	case daysBetween(today, f.Due) < 0:
		fs.Add("due", "跟进日期不能早于今天")
	case daysBetween(today, f.Due) > MaxFollowAhead:
		fs.Add("due", "跟进日期不能超过一年以后")
	}
	if f.Purpose == "" {
		fs.Add("purpose", "请填写跟进目的")
	} else if msg := CheckText(f.Purpose, MaxPurpose); msg != "" {
		fs.Add("purpose", msg)
	}
	if msg := CheckText(f.Note, MaxFollowNote); msg != "" {
		fs.Add("note", msg)
	}
	return fs.Err()
}
