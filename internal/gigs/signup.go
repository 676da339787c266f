package gigs

import (
	"slices"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// SignupStatus is where a worker's sign-up for one shift is.
type SignupStatus string

// Sign-up statuses. Accepted sign-ups hold a slot of the shift; the others
// do not.
const (
	SignupPending    SignupStatus = "pending"     // waits for the employer
	SignupAccepted   SignupStatus = "accepted"    // holds a slot
	SignupWaitlisted SignupStatus = "waitlisted"  // the shift was full; first in line gets the next free slot
	SignupDeclined   SignupStatus = "declined"    // the employer said no
	SignupCancelled  SignupStatus = "cancelled"   // the worker cancelled in time
	SignupLateCancel SignupStatus = "late_cancel" // the worker cancelled after the deadline: recorded
	SignupNoShow     SignupStatus = "no_show"     // accepted, never checked in: recorded
	SignupCompleted  SignupStatus = "completed"   // worked the shift
)

// Label is the Chinese name of the status.
func (s SignupStatus) Label() string {
	switch s {
	case SignupPending:
		return "待雇主确认"
	case SignupAccepted:
		return "已录用"
	case SignupWaitlisted:
		return "候补中"
	case SignupDeclined:
		return "未录用"
	case SignupCancelled:
		return "已取消"
	case SignupLateCancel:
		return "逾期取消"
	case SignupNoShow:
		return "未到岗"
	case SignupCompleted:
		return "已完工"
	}
	return string(s)
}

// Open reports whether the sign-up still counts: it blocks a second
// sign-up for the same shift and an overlapping one.
func (s SignupStatus) Open() bool {
	return s == SignupPending || s == SignupAccepted || s == SignupWaitlisted
}

// Signup is one worker on one shift of a gig.
type Signup struct {
	ID         int64
	GigID      int64
	ShiftID    int64
	PersonID   int64
	PersonName string // read from the person, for the employer's list
	Status     SignupStatus
	ByStaff    int64 // a 零工驿站 clerk signed the worker up
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Read with the sign-up for lists.
	GigTitle string
	StartsAt time.Time
	EndsAt   time.Time

	// Check-in: times, and how far from the place (metres, -1 unknown:
	// the phone gave no position). The position itself is not kept.
	CheckedInAt, CheckedOutAt time.Time
	CheckinDistM              int

	Pay // the money of a completed shift
}

// Shift is the sign-up's shift (times only).
func (s *Signup) Shift() Shift { return Shift{ID: s.ShiftID, StartsAt: s.StartsAt, EndsAt: s.EndsAt} }

// CancelDeadline is the last moment the worker may cancel without it being
// recorded: CancelHours before the shift starts.
func CancelDeadline(startsAt time.Time, cancelHours int) time.Time {
	return startsAt.Add(-time.Duration(cancelHours) * time.Hour)
}

// CancelStatus is what cancelling a sign-up in status s at now makes it,
// or a Conflict when it can no longer be cancelled.
func CancelStatus(s SignupStatus, startsAt time.Time, cancelHours int, now time.Time) (SignupStatus, error) {
	switch {
	case !s.Open():
		return s, apperr.New(apperr.Conflict, "该报名当前"+s.Label()+"，无需取消")
	case !now.Before(startsAt):
		return s, apperr.New(apperr.Conflict, "班次已经开始，不能再取消；如不能到岗请联系雇主")
	case s == SignupAccepted && now.After(CancelDeadline(startsAt, cancelHours)):
		return SignupLateCancel, nil
	}
	return SignupCancelled, nil
}

// CanDecide reports whether the employer may still accept or decline a
// sign-up in status s.
func CanDecide(s SignupStatus) error {
	if s != SignupPending && s != SignupWaitlisted {
		return apperr.New(apperr.Conflict, "该报名当前"+s.Label()+"，不能再录用或拒绝")
	}
	return nil
}

// Overlaps reports whether two periods share any time.
func Overlaps(a0, a1, b0, b1 time.Time) bool { return a0.Before(b1) && b0.Before(a1) }

// SignupsText says how full a shift is, as on the cards: 已报名 7/10.
func SignupsText(filled, slots int) string {
	return "已报名 " + strconv.Itoa(filled) + "/" + strconv.Itoa(slots)
}

// SignupStatuses lists every status, for filters.
var SignupStatuses = []SignupStatus{SignupPending, SignupAccepted, SignupWaitlisted, SignupDeclined, SignupCancelled,
	SignupLateCancel, SignupNoShow, SignupCompleted}

// Valid reports whether s is a known status.
func (s SignupStatus) Valid() bool { return slices.Contains(SignupStatuses, s) }
