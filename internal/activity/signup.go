package activity

import (
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// SignupStatus is where a sign-up stands.
type SignupStatus string

// The sign-up statuses. Registered, confirmed, offered and waitlisted are
// live; the rest are final.
const (
	Registered SignupStatus = "registered" // in a lottery, before the draw
	Confirmed  SignupStatus = "confirmed"  // has a seat
	Waitlisted SignupStatus = "waitlisted" // in line for a seat
	Offered    SignupStatus = "offered"    // a freed seat is held for them until OfferExpires
	Cancelled  SignupStatus = "cancelled"  // they (or the organiser) cancelled
	Expired    SignupStatus = "expired"    // an offer not confirmed in time
	Attended   SignupStatus = "attended"   // signed in to at least one session
	NoShow     SignupStatus = "no_show"    // had a seat, never signed in
)

// Label is the status's Chinese name.
func (s SignupStatus) Label() string {
	switch s {
	case Registered:
		return "已登记，等待抽签"
	case Confirmed:
		return "报名成功"
	case Waitlisted:
		return "候补中"
	case Offered:
		return "候补到位，待确认"
	case Cancelled:
		return "已取消"
	case Expired:
		return "未按时确认"
	case Attended:
		return "已参加"
	case NoShow:
		return "缺席"
	}
	return string(s)
}

// Live reports whether the sign-up still counts (holds a seat, a place in
// the draw or on the waitlist).
func (s SignupStatus) Live() bool {
	return s == Registered || s == Confirmed || s == Waitlisted || s == Offered
}

// HoldsSeat reports whether the sign-up takes one of the capacity's seats.
func (s SignupStatus) HoldsSeat() bool { return s == Confirmed || s == Offered }

// OfferTime is how long a freed seat is held for the first on the
// waitlist; never past an hour before the first session.
const OfferTime = 24 * time.Hour

// OfferDeadline is when an offer made at now lapses for an activity
// starting at start: OfferTime later, but at least an hour before the
// start, and never before now plus 30 minutes (a seat freed at the last
// minute still gives the person time to answer).
func OfferDeadline(now, start time.Time) time.Time {
	d := now.Add(OfferTime)
	if cut := start.Add(-time.Hour); d.After(cut) {
		d = cut
	}
	if min := now.Add(30 * time.Minute); d.Before(min) {
		d = min
	}
	return d
}

// Signup is one person's sign-up for an activity.
type Signup struct {
	ID         int64
	ActivityID int64
	PersonID   int64
	PersonName string // read with the sign-up
	// StationID is the station that brought the person, at a fair or a
	// labour-cooperation event (0: none); StationName is read with it.
	StationID    int64
	StationName  string
	Status       SignupStatus
	Rank         int // waitlist order: arrival (first come) or drawn order (lottery); 0 before
	Tier         int // 1: drawn after everyone (the no-show rule)
	OfferExpires time.Time
	Attended     int // sessions signed in to
	Rating       int // 1–5 after the activity; 0 none
	Comment      string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// Activity is the activity's title and first start, for lists.
	Title string
	Start time.Time
}

// CanCancel says why the person may not cancel now ("" when they may): a
// live sign-up before the first session starts.
func (s *Signup) CanCancel(start, now time.Time) error {
	if !s.Status.Live() {
		return apperr.New(apperr.Conflict, "该报名当前为“"+s.Status.Label()+"”，不能取消")
	}
	if !now.Before(start) {
		return apperr.New(apperr.Conflict, "活动已经开始，不能再取消")
	}
	return nil
}

// CanConfirm says why an offered seat cannot be taken now.
func (s *Signup) CanConfirm(now time.Time) error {
	switch {
	case s.Status == Confirmed:
		return apperr.New(apperr.Conflict, "您已确认，名额保留给您")
	case s.Status != Offered:
		return apperr.New(apperr.Conflict, "该报名当前为“"+s.Status.Label()+"”，没有待确认的名额")
	case !now.Before(s.OfferExpires):
		return apperr.New(apperr.Conflict, "确认时间已过，名额已顺延给下一位候补")
	}
	return nil
}

// CheckFeedback checks a rating and comment given after the activity.
func CheckFeedback(rating int, comment string) error {
	var f apperr.Fields
	if rating < 1 || rating > 5 {
		f.Add("rating", "请打 1 到 5 分")
	}
	if len([]rune(comment)) > MaxComment {
		f.Add("comment", "评价最多 500 字")
	}
	return f.Err()
}
