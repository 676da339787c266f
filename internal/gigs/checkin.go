package gigs

import (
	"math"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/checkin"
)

// Check-in rules.
const (
	CheckinEarly   = time.Hour           // a worker may check in this long before the shift starts
	CheckoutLate   = 4 * time.Hour       // and check out this long after it ends
	FarMeters      = 500                 // beyond this from the place, the check-in carries a warning
	CodeDigits     = checkin.Digits      // the fallback code typed by hand
	MaxConfirmLate = 30 * 24 * time.Hour // pay is recorded within this after the shift
)

// CheckinCode is the 6-digit code of a shift (package checkin, purpose
// "gig-checkin"). The employer shows it (and the QR image of the same code)
// at the place; the worker scans or types it.
func CheckinCode(key []byte, shiftID int64) string { return checkin.Code(key, "gig-checkin", shiftID) }

// CodeMatches compares a typed code with the shift's in constant time.
func CodeMatches(key []byte, shiftID int64, typed string) bool {
	return checkin.Matches(key, "gig-checkin", shiftID, typed)
}

// CheckinWindow refuses a check-in outside the shift's window: from
// CheckinEarly before the start to the end.
func CheckinWindow(s Shift, now time.Time) error {
	switch {
	case now.Before(s.StartsAt.Add(-CheckinEarly)):
		return apperr.New(apperr.Conflict, "还没到签到时间：开工前 1 小时内才能签到（"+s.Text()+"）")
	case !now.Before(s.EndsAt):
		return apperr.New(apperr.Conflict, "班次已经结束，不能再签到；如已到岗工作，请让雇主在报名名单里确认")
	}
	return nil
}

// CheckoutWindow refuses a check-out after CheckoutLate past the end.
func CheckoutWindow(s Shift, now time.Time) error {
	if now.After(s.EndsAt.Add(CheckoutLate)) {
		return apperr.New(apperr.Conflict, "已超过签退时间（班次结束后 4 小时内），请让雇主在报名名单里确认工时")
	}
	return nil
}

// WorkedHours is the time between check-in and check-out, counted to the
// quarter hour and never more than the shift's length.
func WorkedHours(in, out time.Time, s Shift) float64 {
	if in.IsZero() || out.IsZero() || !out.After(in) {
		return 0
	}
	h := math.Floor(out.Sub(in).Hours()*4) / 4
	return math.Min(h, s.Hours())
}

// FarText says how far a check-in was from the place, when beyond FarMeters.
func FarText(meters int) string {
	if meters <= FarMeters {
		return ""
	}
	if meters >= 1000 {
		return "签到位置距工作地点约 " + strconv.FormatFloat(float64(meters)/1000, 'f', 1, 64) + " 公里"
	}
	return "签到位置距工作地点约 " + strconv.Itoa(meters) + " 米"
}
