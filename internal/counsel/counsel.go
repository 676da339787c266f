// Package counsel is 心理咨询: counsellors publish slots (online, by phone
// or in person); a young person books one and may say in a few words what
// they want to talk about; the counsellor keeps notes. A booking and its
// notes belong to that counsellor and that person alone — the person sees
// the time and place, never the notes; supervisors see counts, never
// content; an administrator opens a record only by break-glass, with a
// written reason that is audited and told to the counsellor. The concern
// and the notes are encrypted at rest.
package counsel

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
)

// Mode is how a session is held.
type Mode string

// The modes.
const (
	Online   Mode = "online"    // 线上视频
	Phone    Mode = "phone"     // 电话
	InPerson Mode = "in_person" // 面谈
)

// Modes lists the modes in the order forms offer them.
var Modes = []Mode{InPerson, Online, Phone}

// Label is the mode's Chinese name.
func (m Mode) Label() string {
	switch m {
	case Online:
		return "线上视频"
	case Phone:
		return "电话"
	case InPerson:
		return "面谈"
	}
	return string(m)
}

// Valid reports whether m is one of Modes.
func (m Mode) Valid() bool { return m == Online || m == Phone || m == InPerson }

// Limits.
const (
	MaxPlace     = 100
	MaxConcern   = 500
	MaxNotes     = 5000
	MaxReason    = 200
	MinMinutes   = 20
	MaxMinutes   = 120
	MaxAheadDays = 90
	MaxSlotsOnce = 40 // slots one form adds
)

// Slot is a time a counsellor offers.
type Slot struct {
	ID           int64
	CounsellorID int64
	Counsellor   string // the counsellor's name, read with the slot
	Start, End   time.Time
	Mode         Mode
	Place        string // the room for 面谈; a note for the others (the link or number is sent with the booking)
	Booked       bool
	Cancelled    bool
	CreatedAt    time.Time
}

// Text is the slot's time as people read it: "12月9日 周三 14:00–15:00".
func (s Slot) Text() string {
	a, b := s.Start.In(chinatime.Zone), s.End.In(chinatime.Zone)
	wd := [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[a.Weekday()]
	return a.Format("1月2日 ") + wd + " " + a.Format("15:04") + "–" + b.Format("15:04")
}

// Validate checks a new slot at now.
func (s *Slot) Validate(now time.Time) error {
	var f apperr.Fields
	s.Place = strings.TrimSpace(s.Place)
	switch {
	case s.Start.IsZero():
		f.Add("start", "请填写日期和开始时间")
	case !s.Start.After(now):
		f.Add("start", "开始时间应晚于现在")
	case s.Start.After(now.AddDate(0, 0, MaxAheadDays)):
		f.Add("start", "最多提前 90 天开放预约")
	}
	if d := s.End.Sub(s.Start); !s.Start.IsZero() && (d < MinMinutes*time.Minute || d > MaxMinutes*time.Minute) {
		f.Add("end", "每次咨询 20 到 120 分钟")
	}
	if !s.Mode.Valid() {
		f.Add("mode", "请选择方式：面谈、线上视频或电话")
	}
	if s.Mode == InPerson && s.Place == "" {
		f.Add("place", "面谈请填写地点")
	}
	registry.CheckText(&f, "place", s.Place, MaxPlace)
	return f.Err()
}

// Status is where a booking stands.
type Status string

// The booking statuses.
const (
	Booked    Status = "booked"    // 已预约
	Cancelled Status = "cancelled" // 已取消 (by the person or the counsellor)
	Done      Status = "done"      // 已完成
	NoShow    Status = "no_show"   // 未到
)

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case Booked:
		return "已预约"
	case Cancelled:
		return "已取消"
	case Done:
		return "已完成"
	case NoShow:
		return "未到"
	}
	return string(s)
}

// Booking is a person's booking of a slot. Concern and Notes are filled
// only for the counsellor (and for an administrator's break-glass).
type Booking struct {
	ID         int64
	Slot       Slot
	PersonID   int64
	PersonName string // for the counsellor
	Status     Status
	Concern    string // what the person wrote when booking (sealed)
	Notes      string // the counsellor's notes (sealed)
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// CheckConcern checks what a person writes when booking (optional).
func CheckConcern(s string) error {
	var f apperr.Fields
	if utf8.RuneCountInString(s) > MaxConcern {
		f.Add("concern", "最多 500 字；详细情况可以在咨询时再谈")
	}
	registry.CheckText(&f, "concern", s, MaxConcern*4)
	return f.Err()
}

// CheckNotes checks a counsellor's notes.
func CheckNotes(s string) error {
	var f apperr.Fields
	if n := utf8.RuneCountInString(s); n > MaxNotes {
		f.Add("notes", "记录最多 5000 字")
	}
	if !utf8.ValidString(s) {
		f.Add("notes", "包含无效字符")
	}
	return f.Err()
}

// CanCancel says why a booking cannot be cancelled at now ("" when it can):
// a booked one, before it starts.
func (b *Booking) CanCancel(now time.Time) string {
	switch {
	case b.Status != Booked:
		return "该预约当前为“" + b.Status.Label() + "”，不能取消"
	case !now.Before(b.Slot.Start):
		return "咨询已经开始，不能再取消"
	}
	return ""
}

// CanClose says why the counsellor cannot mark it done or no-show yet.
func (b *Booking) CanClose(now time.Time) string {
	switch {
	case b.Status == Cancelled:
		return "该预约已取消"
	case now.Before(b.Slot.Start):
		return "咨询开始后才能记录是否到场"
	}
	return ""
}

// Counts are a counsellor's figures for supervisors: never who or what.
type Counts struct {
	CounsellorID int64
	Counsellor   string
	Slots        int // offered, not cancelled
	Booked       int // live bookings to come
	Done         int
	NoShow       int
	Cancelled    int
}
