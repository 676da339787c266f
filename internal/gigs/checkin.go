package gigs

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// Check-in rules.
const (
	CheckinEarly   = time.Hour           // a worker may check in this long before the shift starts
	CheckoutLate   = 4 * time.Hour       // and check out this long after it ends
	FarMeters      = 500                 // beyond this from the place, the check-in carries a warning
	CodeDigits     = 6                   // the fallback code typed by hand
	MaxConfirmLate = 30 * 24 * time.Hour // pay is recorded within this after the shift
)

// CheckinCode is the 6-digit code of a shift, derived from a server key so
// that nothing stored can rebuild it and a code of one shift never opens
// another. The employer shows it (and the QR image of the same code) at
// the place; the worker scans or types it.
func CheckinCode(key []byte, shiftID int64) string {
	m := hmac.New(sha256.New, key)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(shiftID))
	m.Write([]byte("gig-checkin\x00"))
	m.Write(b[:])
	sum := m.Sum(nil)
	n := binary.BigEndian.Uint32(sum[:4]) % 1000000
	return fmt.Sprintf("%06d", n)
}

// CodeMatches compares a typed code with the shift's in constant time,
// ignoring spaces a person may type between digit groups.
func CodeMatches(key []byte, shiftID int64, typed string) bool {
	typed = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '-' {
			return -1
		}
		return r
	}, typed)
	return hmac.Equal([]byte(typed), []byte(CheckinCode(key, shiftID)))
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
