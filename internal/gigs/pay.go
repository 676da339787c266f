package gigs

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// The platform moves no money; it records it. For every completed shift:
// what the post promised, what the employer says it paid, what the worker
// confirms receiving, and a dispute with both sides' statements that staff
// resolve. Employer credit and worker reliability are computed from these
// facts, never typed.

// DisputeStatus is where a pay dispute is.
type DisputeStatus string

// Dispute statuses. NoDispute is the empty string.
const (
	NoDispute       DisputeStatus = ""
	DisputeOpen     DisputeStatus = "open"     // the worker disputes; staff to resolve
	DisputeUpheld   DisputeStatus = "upheld"   // staff found for the worker: the employer lost
	DisputeRejected DisputeStatus = "rejected" // staff found for the employer
)

// Label is the Chinese name of the status.
func (d DisputeStatus) Label() string {
	switch d {
	case DisputeOpen:
		return "争议处理中"
	case DisputeUpheld:
		return "已裁定：支持求职者"
	case DisputeRejected:
		return "已裁定：支持雇主"
	}
	return ""
}

// Pay is the money record of one worker's completed shift.
type Pay struct {
	Pieces            int // for a piece rate: pieces the employer counted
	HoursWorked       float64
	PromisedFen       int64 // what the post promised for the work done
	PaidFen           int64 // what the employer says it paid (-1: not recorded)
	PaidAt            time.Time
	PaidOnTime        bool  // recorded within OnTime after the shift ended
	ReceivedFen       int64 // what the worker confirms receiving (-1: not confirmed)
	ReceivedAt        time.Time
	Dispute           DisputeStatus
	WorkerStatement   string // sealed at rest
	EmployerStatement string // sealed at rest
	Resolution        string // staff's finding, shown to both sides
	ResolvedFen       int64  // the amount staff found due, when upheld
	ResolvedBy        int64
	ResolvedAt        time.Time
}

// Pay limits.
const (
	MaxStatement = 500
	OnTime       = 24 * time.Hour // paid within this after the shift ends counts as on time
	MaxPieces    = 100000
)

// Promised is what the post promised for a shift of s: an hourly rate
// times the hours worked (the shift's length when the check times are
// missing), a day rate as is, a piece rate times the pieces counted.
func Promised(g *Gig, s Shift, hours float64, pieces int) int64 {
	switch g.PayUnit {
	case PerHour:
		if hours <= 0 {
			hours = s.Hours()
		}
		return int64(math.Round(float64(g.PayFen) * hours))
	case PerDay:
		return g.PayFen
	case PerPiece:
		return g.PayFen * int64(pieces)
	}
	return 0
}

// CheckStatement validates a dispute statement: required, ≤ MaxStatement runes.
func CheckStatement(field, text string) error {
	var f apperr.Fields
	switch {
	case strings.TrimSpace(text) == "":
		f.Add(field, "请写明情况，如约定多少、实际收到多少")
	case utf8.RuneCountInString(text) > MaxStatement:
		f.Add(field, "说明不能超过 "+strconv.Itoa(MaxStatement)+" 字")
	default:
		registry.CheckText(&f, field, text, MaxStatement)
	}
	return f.Err()
}

// CheckAmount validates an amount typed in yuan into fen: ≥ 0, ≤ limit.
func CheckAmount(field, typed string, limit int64) (int64, error) {
	fen, ok := ParseYuan(typed)
	switch {
	case !ok:
		return 0, apperr.Field(field, "请填写金额（元），最多两位小数，如 180 或 22.5")
	case fen > limit:
		return 0, apperr.Field(field, "金额不能超过 "+Yuan(limit)+" 元，请检查是否多写了 0")
	}
	return fen, nil
}

// Credit is an employer's record, computed from completed shifts.
type Credit struct {
	Shifts       int   // completed shifts with the employer's pay record
	OnTime       int   // of them, paid within OnTime after the shift ended
	PromisedFen  int64 // sum promised over shifts the worker confirmed
	ReceivedFen  int64 // sum the workers confirm receiving
	DisputesLost int
	Ratings      int
	StarsSum     int
}

// HasRecord reports whether there is anything to say yet.
func (c Credit) HasRecord() bool { return c.Shifts > 0 || c.Ratings > 0 }

// OnTimePct is the share of shifts paid on time, in whole percent.
func (c Credit) OnTimePct() int {
	if c.Shifts == 0 {
		return 0
	}
	return int(math.Round(100 * float64(c.OnTime) / float64(c.Shifts)))
}

// PaidPct is what workers received as a share of what was promised, in
// whole percent (100 when nothing was confirmed yet).
func (c Credit) PaidPct() int {
	if c.PromisedFen == 0 {
		return 100
	}
	return int(math.Round(100 * float64(c.ReceivedFen) / float64(c.PromisedFen)))
}

// Stars is the average rating to one decimal, 0 without ratings.
func (c Credit) Stars() float64 {
	if c.Ratings == 0 {
		return 0
	}
	return math.Round(10*float64(c.StarsSum)/float64(c.Ratings)) / 10
}

// Text says the record in one line, as on every gig card.
func (c Credit) Text() string {
	if !c.HasRecord() {
		return "新雇主，暂无用工记录"
	}
	parts := []string{"完工 " + strconv.Itoa(c.Shifts) + " 人次", "按时付款 " + strconv.Itoa(c.OnTimePct()) + "%"}
	if c.PromisedFen > 0 {
		parts = append(parts, "实付为承诺的 "+strconv.Itoa(c.PaidPct())+"%")
	}
	if c.DisputesLost > 0 {
		parts = append(parts, "争议败诉 "+strconv.Itoa(c.DisputesLost)+" 次")
	}
	if c.Ratings > 0 {
		parts = append(parts, "评分 "+strconv.FormatFloat(c.Stars(), 'f', 1, 64)+"（"+strconv.Itoa(c.Ratings)+" 人）")
	}
	return strings.Join(parts, " · ")
}

// Reliability is a worker's record: completed shifts, no-shows and late
// cancels, and the employers' ratings.
type Reliability struct {
	Completed, NoShows, LateCancels int
	Ratings, StarsSum               int
}

// Text says the record in one line, as on the employer's sign-up list.
func (r Reliability) Text() string {
	if r.Completed+r.NoShows+r.LateCancels == 0 {
		return "首次接单"
	}
	s := "完工 " + strconv.Itoa(r.Completed) + " 次"
	if r.NoShows > 0 {
		s += " · 未到岗 " + strconv.Itoa(r.NoShows) + " 次"
	}
	if r.LateCancels > 0 {
		s += " · 逾期取消 " + strconv.Itoa(r.LateCancels) + " 次"
	}
	if r.Ratings > 0 {
		s += " · 评分 " + strconv.FormatFloat(math.Round(10*float64(r.StarsSum)/float64(r.Ratings))/10, 'f', 1, 64)
	}
	return s
}

// CheckRating validates a rating: 1–5 stars, optional words ≤ 200 runes.
func CheckRating(stars int, words string) error {
	var f apperr.Fields
	if stars < 1 || stars > 5 {
		f.Add("stars", "请选择 1–5 星")
	}
	registry.CheckText(&f, "words", words, 200)
	return f.Err()
}
