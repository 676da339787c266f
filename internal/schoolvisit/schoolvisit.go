// Package schoolvisit is 职业启蒙 school visits: the district vocational
// school's rooms (实训室), each with a capacity in pupils and weekly time
// slots, and the bookings schools make for a class (grade, head count,
// teacher, date and slot). A room's slot on a date holds at most one live
// booking; the store enforces it with a unique index, the rules here say
// why a booking is refused before it gets there.
package schoolvisit

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
)

// Limits of the fields and of when a visit may be booked.
const (
	MaxRoomName    = 30
	MaxDescription = 500
	MaxCapacity    = 200
	MaxSlots       = 21
	MaxSchoolName  = 60
	MaxAddress     = 100
	MaxClassName   = 20
	MaxReason      = 200
	// MaxAheadDays is how far ahead a visit may be booked.
	MaxAheadDays = 90
)

// Slot is a weekly time slot of a room: on Weekday from Start to End,
// "HH:MM" Beijing time.
type Slot struct {
	Weekday    time.Weekday
	Start, End string
}

var weekdayNames = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// WeekdayName is the weekday's Chinese name: 周一 … 周日.
func WeekdayName(d time.Weekday) string { return weekdayNames[d%7] }

// Text is the slot as people read it: "周三 09:00–11:00".
func (s Slot) Text() string { return WeekdayName(s.Weekday) + " " + s.Start + "–" + s.End }

// Hours is the slot's time of day: "09:00–11:00".
func (s Slot) Hours() string { return s.Start + "–" + s.End }

// code is the slot as stored: "3 09:00-11:00".
func (s Slot) code() string { return strconv.Itoa(int(s.Weekday)) + " " + s.Start + "-" + s.End }

// FormatSlots is the slots as a room's slots column stores them, one code
// per line; ParseSlots reads it back.
func FormatSlots(ss []Slot) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.code())
	}
	return b.String()
}

// SlotsText is the slots as the room form shows them, one per line:
// "周三 09:00-11:00".
func SlotsText(ss []Slot) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(WeekdayName(s.Weekday) + " " + s.Start + "-" + s.End)
	}
	return b.String()
}

// weekdayOf reads a weekday written as 周一, 星期一, 礼拜一, 周日/周天, or
// a digit (0 or 7 for Sunday, as stored and as people write it).
func weekdayOf(s string) (time.Weekday, bool) {
	for _, p := range []string{"星期", "礼拜", "周"} {
		s = strings.TrimPrefix(s, p)
	}
	switch s {
	case "一", "1":
		return time.Monday, true
	case "二", "2":
		return time.Tuesday, true
	case "三", "3":
		return time.Wednesday, true
	case "四", "4":
		return time.Thursday, true
	case "五", "5":
		return time.Friday, true
	case "六", "6":
		return time.Saturday, true
	case "日", "天", "0", "7":
		return time.Sunday, true
	}
	return 0, false
}

// clock reads "9:00", "09:00" or "09：00" as "09:00".
func clock(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "：", ":")
	t, err := time.Parse("15:04", s)
	if err != nil {
		return "", false
	}
	return t.Format("15:04"), true
}

// ParseSlots reads slots one per line (or separated by ; or ，):
// "周三 09:00-11:00", with -, –, —, ~ or 至 between the times. It returns
// them ordered by weekday and start, and a message for the first bad line
// ("" when all are good).
func ParseSlots(text string) ([]Slot, string) {
	text = strings.NewReplacer(";", "\n", "；", "\n", "，", "\n", ",", "\n", "\r", "").Replace(text)
	var out []Slot
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		bad := "无法识别“" + line + "”：每行一个时段，如“周三 09:00-11:00”"
		day, rest, ok := strings.Cut(strings.Join(strings.Fields(line), " "), " ")
		if !ok {
			return nil, bad
		}
		wd, ok := weekdayOf(day)
		if !ok {
			return nil, bad
		}
		rest = strings.NewReplacer("–", "-", "—", "-", "~", "-", "～", "-", "至", "-", " ", "").Replace(rest)
		a, b, ok := strings.Cut(rest, "-")
		if !ok {
			return nil, bad
		}
		start, ok1 := clock(a)
		end, ok2 := clock(b)
		if !ok1 || !ok2 {
			return nil, bad
		}
		out = append(out, Slot{Weekday: wd, Start: start, End: end})
	}
	slices.SortFunc(out, func(x, y Slot) int {
		if x.Weekday != y.Weekday {
			return int(x.Weekday) - int(y.Weekday)
		}
		return strings.Compare(x.Start, y.Start)
	})
	return out, ""
}

// Room is one of the vocational school's rooms that classes visit.
type Room struct {
	ID          int64
	Name        string // 工业机器人实训室
	Description string // what pupils see and do
	Capacity    int    // pupils at once
	Slots       []Slot
	Active      bool // open for bookings
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Normalize trims the text fields.
func (r *Room) Normalize() {
	r.Name, r.Description = strings.TrimSpace(r.Name), strings.TrimSpace(r.Description)
}

// Validate checks a room being added or edited: a name, a capacity, and
// at least one slot, none ending before it starts or overlapping another
// on the same weekday.
func (r *Room) Validate() error {
	var f apperr.Fields
	registry.CheckRequiredText(&f, "name", r.Name, MaxRoomName, "请填写实训室名称，如：工业机器人")
	registry.CheckText(&f, "description", r.Description, MaxDescription)
	if r.Capacity < 1 || r.Capacity > MaxCapacity {
		f.Add("capacity", "容纳人数应在 1 到 "+strconv.Itoa(MaxCapacity)+" 之间")
	}
	switch {
	case len(r.Slots) == 0:
		f.Add("slots", "请至少填写一个每周开放时段，如“周三 09:00-11:00”")
	case len(r.Slots) > MaxSlots:
		f.Add("slots", "每周最多 "+strconv.Itoa(MaxSlots)+" 个时段")
	}
	for i, s := range r.Slots {
		if s.End <= s.Start {
			f.Add("slots", s.Text()+"：结束时间应晚于开始时间")
		}
		if i > 0 && r.Slots[i-1].Weekday == s.Weekday && r.Slots[i-1].End > s.Start {
			f.Add("slots", r.Slots[i-1].Text()+" 与 "+s.Text()+" 时间重叠")
		}
	}
	return f.Err()
}

// SlotsOn is the room's slots on day's weekday.
func (r *Room) SlotsOn(day time.Time) []Slot {
	var out []Slot
	for _, s := range r.Slots {
		if s.Weekday == day.Weekday() {
			out = append(out, s)
		}
	}
	return out
}

// SlotAt is the room's slot starting at start on day's weekday.
func (r *Room) SlotAt(day time.Time, start string) (Slot, bool) {
	for _, s := range r.SlotsOn(day) {
		if s.Start == start {
			return s, true
		}
	}
	return Slot{}, false
}

// Grade is a class's grade: 1 (一年级) to 9 (九年级, 初三).
type Grade int

// Grades lists the grades in the order forms offer them.
var Grades = []Grade{1, 2, 3, 4, 5, 6, 7, 8, 9}

// Label is the grade's Chinese name.
func (g Grade) Label() string {
	if !g.Valid() {
		return strconv.Itoa(int(g))
	}
	return [...]string{"一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级（初一）", "八年级（初二）", "九年级（初三）"}[g-1]
}

// Valid reports whether g is one of Grades.
func (g Grade) Valid() bool { return g >= 1 && g <= 9 }

// Status is where a booking stands.
type Status string

// The statuses.
const (
	Booked    Status = "booked"    // the slot is the class's
	Cancelled Status = "cancelled" // by the school or the vocational school; the slot is free again
)

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case Booked:
		return "已预约"
	case Cancelled:
		return "已取消"
	}
	return string(s)
}

// StatusText is the booking's status as its lists show it at now: a
// booking whose visit has started reads 已结束.
func (b *Booking) StatusText(now time.Time) string {
	if b.Status == Booked && !now.Before(b.StartsAt()) {
		return "已结束"
	}
	return b.Status.Label()
}

// Booking is a school's visit of one class to a room in one slot.
type Booking struct {
	ID           int64
	RoomID       int64
	RoomName     string    // read with the booking
	Date         time.Time // the visit's day: midnight UTC of the Beijing date
	Start, End   string    // the slot's times, "HH:MM", kept as booked
	SchoolID     int64
	SchoolName   string // read with the booking
	Grade        Grade
	ClassName    string // 3班
	HeadCount    int    // pupils
	TeacherName  string
	TeacherPhone string // sealed at rest
	Status       Status
	CreatedBy    int64 // the school user who booked
	CancelReason string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Slot is the booking's slot.
func (b *Booking) Slot() Slot { return Slot{Weekday: b.Date.Weekday(), Start: b.Start, End: b.End} }

// StartsAt is the instant the visit starts (Beijing time).
func (b *Booking) StartsAt() time.Time {
	t, _ := time.Parse("15:04", b.Start)
	return time.Date(b.Date.Year(), b.Date.Month(), b.Date.Day(), t.Hour(), t.Minute(), 0, 0, chinatime.Zone).UTC()
}

// DateText is the day as people read it: "12月9日 周三".
func (b *Booking) DateText() string { return DayText(b.Date) }

// DayText is a civil day as people read it: "12月9日 周三".
func DayText(day time.Time) string {
	return strconv.Itoa(int(day.Month())) + "月" + strconv.Itoa(day.Day()) + "日 " + WeekdayName(day.Weekday())
}

// Normalize trims the text fields.
func (b *Booking) Normalize() {
	b.ClassName, b.TeacherName = strings.TrimSpace(b.ClassName), strings.TrimSpace(b.TeacherName)
}

// Validate checks a booking of room made on today (the Beijing date, as
// midnight UTC): a day after today and at most MaxAheadDays ahead, a slot
// the room has on that weekday, a head count the room holds, a grade, a
// class, and the teacher's name and phone (already normalised by
// registry.ParsePhone; "" when it did not parse, reported under
// teacher_phone by the caller).
func (b *Booking) Validate(room *Room, today time.Time) error {
	var f apperr.Fields
	switch {
	case b.Date.IsZero():
		f.Add("date", "请选择参观日期")
	case !b.Date.After(today):
		f.Add("date", "参观日期应在今天之后，请至少提前一天预约")
	case b.Date.After(today.AddDate(0, 0, MaxAheadDays)):
		f.Add("date", "最多可预约 "+strconv.Itoa(MaxAheadDays)+" 天内的参观")
	}
	if room == nil || !room.Active {
		f.Add("room_id", "请选择开放预约的实训室")
	} else {
		if !b.Date.IsZero() {
			if s, ok := room.SlotAt(b.Date, b.Start); ok {
				b.End = s.End
			} else {
				f.Add("slot", slotRefusal(room, b.Date))
			}
		}
		if b.HeadCount > room.Capacity {
			f.Add("head_count", room.Name+"最多容纳 "+strconv.Itoa(room.Capacity)+" 人，请分批预约")
		}
	}
	if b.HeadCount < 1 {
		f.Add("head_count", "请填写参观人数（学生人数）")
	}
	if !b.Grade.Valid() {
		f.Add("grade", "请选择年级")
	}
	registry.CheckRequiredText(&f, "class_name", b.ClassName, MaxClassName, "请填写班级，如：3班")
	registry.CheckRequiredText(&f, "teacher_name", b.TeacherName, 40, "请填写带队老师姓名")
	return f.Err()
}

// slotRefusal says which slots the room has on day's weekday.
func slotRefusal(room *Room, day time.Time) string {
	on := room.SlotsOn(day)
	if len(on) == 0 {
		var days []string
		for _, s := range room.Slots {
			if n := WeekdayName(s.Weekday); !slices.Contains(days, n) {
				days = append(days, n)
			}
		}
		return room.Name + "在" + WeekdayName(day.Weekday()) + "不开放，开放日为" + strings.Join(days, "、")
	}
	var hours []string
	for _, s := range on {
		hours = append(hours, s.Hours())
	}
	return "请选择" + room.Name + "在" + WeekdayName(day.Weekday()) + "的开放时段：" + strings.Join(hours, "、")
}

// CanCancel says why the booking may not be cancelled at now (nil when it
// may): a live booking before its start.
func (b *Booking) CanCancel(now time.Time) error {
	if b.Status != Booked {
		return apperr.New(apperr.Conflict, "该预约已取消")
	}
	if !now.Before(b.StartsAt()) {
		return apperr.New(apperr.Conflict, "参观已经开始，不能再取消")
	}
	return nil
}

// ErrTaken is the refusal of a slot already booked: a Conflict whose
// message forms show next to the slot.
func ErrTaken() error {
	const msg = "该时段已被其他班级预约，请选择其他日期或时段"
	return &apperr.Error{Code: apperr.Conflict, Message: msg, Fields: map[string]string{"slot": msg}}
}

// CheckSchoolName checks the name of a school given to a school user.
func CheckSchoolName(f *apperr.Fields, field, name string) {
	registry.CheckRequiredText(f, field, strings.TrimSpace(name), MaxSchoolName, "请填写学校全称，如：东西湖区实验小学")
}

// School is a primary or middle school whose users book visits (and for
// which staff may book one).
type School struct {
	ID        int64
	Name      string // 东西湖区实验小学
	Address   string // optional
	CreatedAt time.Time
	UpdatedAt time.Time // zero: never changed
}

// Normalize trims the text fields.
func (s *School) Normalize() {
	s.Name, s.Address = strings.TrimSpace(s.Name), strings.TrimSpace(s.Address)
}

// Validate checks a school being added or edited (fields name, address).
func (s *School) Validate() error {
	var f apperr.Fields
	CheckSchoolName(&f, "name", s.Name)
	registry.CheckText(&f, "address", s.Address, MaxAddress)
	return f.Err()
}
