package training

// Enrolment and attendance (报名和考勤): a person enrols in a filed class
// before its first session, within its capacity, and not in two classes
// whose sessions overlap; a provider also registers trainees from a
// spreadsheet. Each session has a sign-in by code (typed or scanned from
// the QR image) on its day, and the provider corrects the roster with a
// reason. The attendance rate of a trainee is the sessions attended over
// the sessions held so far; the share a subsidy needs is a parameter of
// data/standards.yaml, never a figure in code.

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
)

// EnrolStatus is where an enrolment is.
type EnrolStatus string

// The enrolment statuses.
const (
	Enrolled  EnrolStatus = "enrolled"  // 已报名: holds a seat
	Withdrawn EnrolStatus = "withdrawn" // 已取消: the seat is free again
)

// Label is the status's Chinese name.
func (s EnrolStatus) Label() string {
	switch s {
	case Enrolled:
		return "已报名"
	case Withdrawn:
		return "已取消"
	}
	return string(s)
}

// EnrolSource is who put a trainee on the roster.
type EnrolSource string

// The enrolment sources.
const (
	SourceSelf   EnrolSource = "self"   // the person enrolled
	SourceImport EnrolSource = "import" // the provider imported a roster
	SourceStaff  EnrolSource = "staff"  // bureau staff registered the trainee
)

// Label is the source's Chinese name.
func (s EnrolSource) Label() string {
	switch s {
	case SourceSelf:
		return "本人报名"
	case SourceImport:
		return "机构导入"
	case SourceStaff:
		return "人社登记"
	}
	return string(s)
}

// Enrolment is one person on one class's roster.
type Enrolment struct {
	ID          int64
	ClassID     int64
	PersonID    int64
	PersonName  string // read with the roster
	IDMasked    string // 420112********1234, for the provider's roster
	PhoneMasked string
	Status      EnrolStatus
	Source      EnrolSource
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// AttendMethod is how an attendance record was made.
type AttendMethod string

// The attendance methods.
const (
	MethodCode   AttendMethod = "code"   // the trainee typed the session's code
	MethodQR     AttendMethod = "qr"     // the trainee scanned the QR image
	MethodRoster AttendMethod = "roster" // the provider recorded it on the roster
)

// Label is the method's Chinese name.
func (m AttendMethod) Label() string {
	switch m {
	case MethodCode:
		return "输入签到码"
	case MethodQR:
		return "扫码签到"
	case MethodRoster:
		return "名单登记"
	}
	return string(m)
}

// Attendance is one trainee at one session: present, or marked absent by
// a correction (a correction keeps who made it and why).
type Attendance struct {
	SessionID   int64
	PersonID    int64
	Present     bool
	Method      AttendMethod
	SignedAt    time.Time
	CorrectedBy int64 // the user who corrected it; 0: as signed
	Reason      string
	CorrectedAt time.Time
}

// Limits of enrolment and attendance.
const (
	MaxTraineeRows  = 1000    // rows of one roster import
	MaxTraineeBytes = 2 << 20 // bytes of one roster import
)

// StartsAt is when the session begins (its date and start time in China).
func (s Session) StartsAt() time.Time { return s.at(s.Start) }

// EndsAt is when the session ends.
func (s Session) EndsAt() time.Time { return s.at(s.End) }

func (s Session) at(clock string) time.Time {
	t, err := time.Parse("15:04", clock)
	if err != nil {
		return time.Date(s.Date.Year(), s.Date.Month(), s.Date.Day(), 0, 0, 0, 0, chinatime.Zone)
	}
	return time.Date(s.Date.Year(), s.Date.Month(), s.Date.Day(), t.Hour(), t.Minute(), 0, 0, chinatime.Zone)
}

// Text says when the session is: "2025-07-05 09:00–17:00".
func (s Session) Text() string { return s.Date.Format(time.DateOnly) + " " + s.Start + "–" + s.End }

// Overlaps reports whether two sessions meet on the same day at the same
// time (one ending as the other starts does not overlap).
func (s Session) Overlaps(o Session) bool {
	return s.Date.Equal(o.Date) && s.Start < o.End && o.Start < s.End
}

// Clash is a session of a class that overlaps a session of another.
type Clash struct {
	Title string  // the other class
	Mine  Session // the session of the class asked for
	Other Session // the other class's session
}

// FindClash returns the first overlap between the sessions of c and those
// of another class titled title, if any.
func FindClash(c *Class, title string, other []Session) (Clash, bool) {
	for _, a := range c.Sessions {
		for _, b := range other {
			if a.Overlaps(b) {
				return Clash{Title: title, Mine: a, Other: b}, true
			}
		}
	}
	return Clash{}, false
}

// Message says the clash as the enrolment form shows it.
func (c Clash) Message() string {
	return "与您已报名的“" + c.Title + "”上课时间冲突（" + c.Other.Text() + "），不能同时报名"
}

// MayEnrol says why nobody can enrol in c at now ("" when they can): the
// class must be filed and its first session not yet begun.
func (c *Class) MayEnrol(now time.Time) string {
	switch {
	case c.Status != ClassApproved:
		return "培训班尚未备案，不能报名"
	case len(c.Sessions) == 0:
		return "培训班没有上课安排，不能报名"
	case !now.Before(c.Sessions[0].StartsAt()):
		return "培训班已于 " + c.Sessions[0].Text() + " 开课，不能再报名"
	}
	return ""
}

// Started reports whether the first session has begun at now.
func (c *Class) Started(now time.Time) bool {
	return len(c.Sessions) > 0 && !now.Before(c.Sessions[0].StartsAt())
}

// SessionByID returns the class's session with id.
func (c *Class) SessionByID(id int64) (Session, bool) {
	i := slices.IndexFunc(c.Sessions, func(s Session) bool { return s.ID == id })
	if i < 0 {
		return Session{}, false
	}
	return c.Sessions[i], true
}

// CheckinOpen says why a trainee cannot sign in to s at now (nil when
// they can): only on the session's day in China.
func CheckinOpen(s Session, now time.Time) error {
	if !chinatime.Today(now).Equal(s.Date) {
		return apperr.New(apperr.Conflict, "只能在上课当天签到：这次课在 "+s.Text())
	}
	return nil
}

// Rate is a trainee's attendance in a class.
type Rate struct {
	Attended int // sessions present
	Held     int // sessions begun by now (or signed in to early)
	Total    int // sessions of the class
}

// RateOf counts a trainee's attendance: present says, by session id,
// whether they were there. A session counts as held once it has begun, or
// once the trainee signed in to it (early, at the door).
func RateOf(sessions []Session, present map[int64]bool, now time.Time) Rate {
	r := Rate{Total: len(sessions)}
	for _, s := range sessions {
		if present[s.ID] {
			r.Attended++
		}
		if present[s.ID] || !now.Before(s.StartsAt()) {
			r.Held++
		}
	}
	return r
}

// Value is the sessions attended over the sessions held so far (0 before
// the first).
func (r Rate) Value() float64 {
	if r.Held == 0 {
		return 0
	}
	return float64(r.Attended) / float64(r.Held)
}

// Percent is Value as a whole percentage, rounded down.
func (r Rate) Percent() int { return r.Attended * 100 / max(r.Held, 1) }

// Meets reports whether the rate reaches threshold (a share, 0.8 for 80%)
// over every session of the class: what a subsidy asks once it has ended.
func (r Rate) Meets(threshold float64) bool {
	return r.Total > 0 && float64(r.Attended) >= threshold*float64(r.Total)-1e-9
}

// Text says the rate: "3/4 次（75%）", or "尚未开课".
func (r Rate) Text() string {
	if r.Held == 0 {
		return "尚未开课"
	}
	return strconv.Itoa(r.Attended) + "/" + strconv.Itoa(r.Held) + " 次（" + strconv.Itoa(r.Percent()) + "%）"
}

// TraineeRow is one row of a roster import: 身份证号, 姓名, 手机号.
type TraineeRow struct {
	IDNumber string
	Name     string
	Phone    string
}

// TraineeColumns are the import template's columns, in order.
var TraineeColumns = []string{"身份证号", "姓名", "手机号"}

// RowIssue is what is wrong with one cell of an import row.
type RowIssue struct {
	Column string
	Reason string
}

// Check normalises the row and says what is wrong with it, column by
// column (nil when nothing is): a valid ID number, a name, and a mobile
// number when one is given.
func (t *TraineeRow) Check(now time.Time) []RowIssue {
	var out []RowIssue
	t.IDNumber, t.Name, t.Phone = strings.TrimSpace(t.IDNumber), strings.TrimSpace(t.Name), strings.TrimSpace(t.Phone)
	if info, err := registry.ParseIDNumber(t.IDNumber, now); err != nil {
		out = append(out, RowIssue{"身份证号", err.Error()})
	} else {
		t.IDNumber = info.Number
	}
	var f apperr.Fields
	if t.Name == "" {
		f.Add("name", "请填写姓名")
	}
	registry.CheckName(&f, "name", t.Name)
	if msg := f["name"]; msg != "" {
		out = append(out, RowIssue{"姓名", msg})
	}
	if t.Phone != "" {
		if p, err := registry.ParsePhone(t.Phone); err != nil {
			out = append(out, RowIssue{"手机号", err.Error()})
		} else {
			t.Phone = p
		}
	}
	return out
}
