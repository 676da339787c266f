package app

// 职业启蒙 school visits: staff keep the vocational school's rooms and
// their weekly slots; anyone sees the rooms' calendar with the free slots
// of the coming weeks; a school's users book a slot for a class and see,
// cancel and export their school's bookings; staff see, cancel (with a
// reason the school is told) and export every school's.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/schoolvisit"
	"github.com/jiuye/jiuye/internal/store"
)

// SchoolVisits is the use cases of the school-visits module.
type SchoolVisits struct{ *core }

// RoomInput is a room as the form and the API send it: Slots one per
// line, "周三 09:00-11:00".
type RoomInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Capacity    int    `json:"capacity"`
	Slots       string `json:"slots"`
	Active      bool   `json:"active"`
}

// RoomInputOf is a room as its edit form shows it.
func RoomInputOf(r *schoolvisit.Room) RoomInput {
	return RoomInput{Name: r.Name, Description: r.Description, Capacity: r.Capacity, Slots: schoolvisit.SlotsText(r.Slots), Active: r.Active}
}

// SaveRoom adds a room (id 0) or replaces one's fields (staff). Bookings
// already made keep their slot when the slots change.
func (x *SchoolVisits) SaveRoom(ctx context.Context, a Actor, id int64, in RoomInput) (*schoolvisit.Room, error) {
	if !account.CanManageSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school_room", id)
	}
	r := &schoolvisit.Room{ID: id, Name: in.Name, Description: in.Description, Capacity: in.Capacity, Active: in.Active}
	slots, bad := schoolvisit.ParseSlots(in.Slots)
	r.Slots = slots
	r.Normalize()
	err := r.Validate()
	if bad != "" {
		f := apperr.Fields(asFieldMap(err))
		delete(f, "slots")
		f.Add("slots", bad)
		err = f.Err()
	}
	if err != nil {
		return nil, err
	}
	if err := x.db.SchoolVisits().SaveRoom(ctx, a.store(), r); err != nil {
		return nil, err
	}
	return x.db.SchoolVisits().RoomByID(ctx, r.ID)
}

// Rooms lists the rooms open for bookings (anyone); all adds, for those
// who manage them, the rooms closed for now.
func (x *SchoolVisits) Rooms(ctx context.Context, a Actor, all bool) ([]*schoolvisit.Room, error) {
	return x.db.SchoolVisits().Rooms(ctx, !(all && account.CanManageSchoolVisits(a.User)))
}

// Room returns a room: an open one to anyone, any to those who manage them.
func (x *SchoolVisits) Room(ctx context.Context, a Actor, id int64) (*schoolvisit.Room, error) {
	r, err := x.db.SchoolVisits().RoomByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !r.Active && !account.CanManageSchoolVisits(a.User) {
		return nil, apperr.New(apperr.NotFound, "实训室不存在")
	}
	return r, nil
}

// CalendarDays is how many days one page of the calendar shows.
const CalendarDays = 14

// CalendarQuery is a page of the calendar: From YYYY-MM-DD (default
// tomorrow, the first day that may be booked), one room (0: all).
type CalendarQuery struct {
	From   string
	RoomID int64
}

// CalendarSlot is one room's slot on a day: free, or taken (Booking set
// when the reader may see it: their school's, or anyone's for staff).
type CalendarSlot struct {
	Room    *schoolvisit.Room
	Slot    schoolvisit.Slot
	Taken   bool
	Booking *schoolvisit.Booking
}

// CalendarDay is a day of the calendar with its slots by time.
type CalendarDay struct {
	Date  time.Time
	Slots []CalendarSlot
}

// Text is the day as people read it: "12月9日 周三".
func (d CalendarDay) Text() string { return schoolvisit.DayText(d.Date) }

// ISO is the day as YYYY-MM-DD.
func (d CalendarDay) ISO() string { return d.Date.Format(time.DateOnly) }

// Calendar is CalendarDays days of the rooms' slots.
type Calendar struct {
	Rooms      []*schoolvisit.Room // open for bookings
	RoomID     int64
	Days       []CalendarDay // days with at least one slot
	From, Last time.Time     // the page's first and last day
	Prev, Next string        // YYYY-MM-DD of the pages around ("" none)
	Free       int           // free slots on the page
}

// Span is the page's days as people read them: "12月9日 周三 至 12月22日 周二".
func (c *Calendar) Span() string {
	return schoolvisit.DayText(c.From) + " 至 " + schoolvisit.DayText(c.Last)
}

// Calendar returns the rooms' slots from q.From for CalendarDays days
// (anyone), within the days that may be booked.
func (x *SchoolVisits) Calendar(ctx context.Context, a Actor, q CalendarQuery) (*Calendar, error) {
	today := chinatime.Today(x.now())
	first, last := today.AddDate(0, 0, 1), today.AddDate(0, 0, schoolvisit.MaxAheadDays)
	from := first
	if s := strings.TrimSpace(q.From); s != "" {
		var f apperr.Fields
		d := ParseDate(&f, "from", s)
		if err := f.Err(); err != nil {
			return nil, err
		}
		from = laterDay(earlierDay(d, last), first)
	}
	rooms, err := x.db.SchoolVisits().Rooms(ctx, true)
	if err != nil {
		return nil, err
	}
	c := &Calendar{Rooms: rooms, RoomID: q.RoomID, From: from, Last: earlierDay(from.AddDate(0, 0, CalendarDays-1), last)}
	if from.After(first) {
		c.Prev = laterDay(from.AddDate(0, 0, -CalendarDays), first).Format(time.DateOnly)
	}
	if c.Last.Before(last) {
		c.Next = c.Last.AddDate(0, 0, 1).Format(time.DateOnly)
	}
	booked, _, err := x.db.SchoolVisits().Bookings(ctx, store.BookingFilter{RoomID: q.RoomID, Status: schoolvisit.Booked, From: c.From, To: c.Last})
	if err != nil {
		return nil, err
	}
	taken := map[string]*schoolvisit.Booking{}
	for _, b := range booked {
		taken[fmt.Sprintf("%d %s %s", b.RoomID, b.Date.Format(time.DateOnly), b.Start)] = b
	}
	for d := c.From; !d.After(c.Last); d = d.AddDate(0, 0, 1) {
		day := CalendarDay{Date: d}
		for _, r := range rooms {
			if q.RoomID != 0 && r.ID != q.RoomID {
				continue
			}
			for _, s := range r.SlotsOn(d) {
				cs := CalendarSlot{Room: r, Slot: s}
				if b := taken[fmt.Sprintf("%d %s %s", r.ID, d.Format(time.DateOnly), s.Start)]; b != nil {
					cs.Taken = true
					if account.CanSeeSchoolVisit(a.User, b.SchoolID) {
						cs.Booking = b
					}
				} else {
					c.Free++
				}
				day.Slots = append(day.Slots, cs)
			}
		}
		if len(day.Slots) > 0 {
			sortSlots(day.Slots)
			c.Days = append(c.Days, day)
		}
	}
	return c, nil
}

func earlierDay(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func laterDay(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sortSlots orders a day's slots by start time, then room.
func sortSlots(ss []CalendarSlot) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && (ss[j].Slot.Start < ss[j-1].Slot.Start ||
			(ss[j].Slot.Start == ss[j-1].Slot.Start && ss[j].Room.ID < ss[j-1].Room.ID)); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// BookingInput is a booking as the form and the API send it: Date
// YYYY-MM-DD, Slot the slot's start HH:MM, Grade 1 (一年级) to 9 (九年级).
// SchoolID is the school staff book for (a school's own users book for
// their school and leave it out).
type BookingInput struct {
	SchoolID     int64  `json:"school_id,omitempty"`
	RoomID       int64  `json:"room_id"`
	Date         string `json:"date"`
	Slot         string `json:"slot"`
	Grade        int    `json:"grade"`
	ClassName    string `json:"class_name"`
	HeadCount    int    `json:"head_count"`
	TeacherName  string `json:"teacher_name"`
	TeacherPhone string `json:"teacher_phone"`
}

// Book books a room's slot for a class of the user's school, or, by
// staff, of the school they pick (audited as done on its behalf). Bad
// input is a field error; a slot already booked (also by a booking made at
// the same moment) is a Conflict on the slot; either way nothing is
// written.
func (x *SchoolVisits) Book(ctx context.Context, a Actor, in BookingInput) (*schoolvisit.Booking, error) {
	if !account.CanWorkSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school_visit", 0)
	}
	var f apperr.Fields
	schoolID, forSchool := a.User.SchoolID, ""
	if !account.CanBookSchoolVisits(a.User) { // staff, for a school
		sc, err := x.pickSchool(ctx, &f, in.SchoolID)
		if err != nil {
			return nil, err
		}
		if sc != nil {
			schoolID, forSchool = sc.ID, sc.Name
		}
	}
	b := &schoolvisit.Booking{RoomID: in.RoomID, Date: ParseDate(&f, "date", in.Date), Start: strings.TrimSpace(in.Slot), SchoolID: schoolID,
		Grade: schoolvisit.Grade(in.Grade), ClassName: in.ClassName, HeadCount: in.HeadCount, TeacherName: in.TeacherName}
	b.Normalize()
	ph, err := registry.ParsePhone(in.TeacherPhone)
	if err != nil {
		f.Add("teacher_phone", fieldMsg(err))
	}
	b.TeacherPhone = ph
	today := chinatime.Today(x.now())
	err = x.db.SchoolVisits().Book(ctx, a.store(), b, forSchool, func(room *schoolvisit.Room, day []*schoolvisit.Booking) error {
		for k, v := range asFieldMap(b.Validate(room, today)) {
			f.Add(k, v)
		}
		if err := f.Err(); err != nil {
			return err
		}
		for _, o := range day {
			if o.Start < b.End && b.Start < o.End { // the same slot, or one the room had before its slots changed
				return schoolvisit.ErrTaken()
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x.db.SchoolVisits().BookingByID(ctx, b.ID)
}

// BookingQuery selects bookings: Status booked|cancelled ("" any), a room
// (0 any), From and To YYYY-MM-DD, Page from 1.
type BookingQuery struct {
	Status   string
	RoomID   int64
	From, To string
	Page     int
}

// BookingPageSize is how many bookings a page lists.
const BookingPageSize = 50

// Bookings is a page of bookings.
type Bookings struct {
	Bookings    []*schoolvisit.Booking
	Total, Page int
	School      string // the reader's school ("" for staff)
	Now         time.Time
}

// Pages is the number of pages.
func (r *Bookings) Pages() int { return max(1, (r.Total+BookingPageSize-1)/BookingPageSize) }

// Bookings lists the bookings a reader may see: a school user's school's,
// or every school's for staff.
func (x *SchoolVisits) Bookings(ctx context.Context, a Actor, q BookingQuery) (*Bookings, error) {
	return x.bookings(ctx, a, q, BookingPageSize)
}

func (x *SchoolVisits) bookings(ctx context.Context, a Actor, q BookingQuery, limit int) (*Bookings, error) {
	if !account.CanWorkSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school_visit", 0)
	}
	var f apperr.Fields
	sf := store.BookingFilter{RoomID: q.RoomID, Limit: limit}
	switch st := schoolvisit.Status(strings.TrimSpace(q.Status)); st {
	case "", schoolvisit.Booked, schoolvisit.Cancelled:
		sf.Status = st
	default:
		f.Add("status", "状态应为 booked 或 cancelled")
	}
	sf.From, sf.To = ParseDate(&f, "from", q.From), ParseDate(&f, "to", q.To)
	if err := f.Err(); err != nil {
		return nil, err
	}
	res := &Bookings{Page: max(q.Page, 1), Now: x.now()}
	sf.Offset = (res.Page - 1) * BookingPageSize
	if !account.CanManageSchoolVisits(a.User) {
		sf.SchoolID = a.User.SchoolID
		s, err := x.db.SchoolVisits().SchoolByID(ctx, a.User.SchoolID)
		if err != nil {
			return nil, err
		}
		res.School = s.Name
	}
	var err error
	res.Bookings, res.Total, err = x.db.SchoolVisits().Bookings(ctx, sf)
	return res, err
}

// ExportBookings is every booking matching q for a spreadsheet (up to
// 10,000), audited with how many were exported.
func (x *SchoolVisits) ExportBookings(ctx context.Context, a Actor, q BookingQuery) (*Bookings, error) {
	q.Page = 1
	res, err := x.bookings(ctx, a, q, 10_000)
	if err != nil {
		return nil, err
	}
	err = x.db.Audit(ctx, a.store(), "school_visit.export", "school_visit", 0, fmt.Sprintf("导出职业启蒙参观预约 %d 条%s", len(res.Bookings),
		map[bool]string{true: "（" + res.School + "）", false: "（全部学校）"}[res.School != ""]), audit.ResultOK)
	return res, err
}

// Booking returns one booking to its school's users or to staff (a view
// by staff is audited, for the teacher's phone); another school's is
// answered as missing, audited.
func (x *SchoolVisits) Booking(ctx context.Context, a Actor, id int64) (*schoolvisit.Booking, error) {
	if !account.CanWorkSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school_visit", id)
	}
	b, err := x.db.SchoolVisits().BookingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanSeeSchoolVisit(a.User, b.SchoolID) {
		return nil, x.conceal(ctx, a, "school_visit", id)
	}
	if !account.IsSchool(a.User) {
		if err := x.db.Audit(ctx, a.store(), audit.ViewPII, "school_visit", id, "查看职业启蒙参观预约："+b.SchoolName, audit.ResultOK); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// CancelVisitInput is why a booking is cancelled: optional for the
// school, required from staff (the school is told).
type CancelVisitInput struct {
	Reason string `json:"reason"`
}

// Cancel cancels a booking before it starts, freeing its slot: the
// school's users, or staff with a reason sent to whoever booked it.
// Another school's booking is answered as missing, audited.
func (x *SchoolVisits) Cancel(ctx context.Context, a Actor, id int64, in CancelVisitInput) (*schoolvisit.Booking, error) {
	if !account.CanWorkSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school_visit", id)
	}
	reason := strings.TrimSpace(in.Reason)
	staff := !account.IsSchool(a.User)
	var f apperr.Fields
	if staff {
		registry.CheckRequiredText(&f, "reason", reason, schoolvisit.MaxReason, "请填写取消原因，预约的学校会收到")
	} else {
		registry.CheckText(&f, "reason", reason, schoolvisit.MaxReason)
	}
	hidden := false
	now := x.now()
	b, err := x.db.SchoolVisits().CancelBooking(ctx, a.store(), id, reason, func(b *schoolvisit.Booking) error {
		if !account.CanSeeSchoolVisit(a.User, b.SchoolID) {
			hidden = true
			return store.Missing("school_visit")
		}
		if err := f.Err(); err != nil {
			return err
		}
		return b.CanCancel(now)
	}, func(b *schoolvisit.Booking) *store.NotifyMsg {
		if !staff || b.CreatedBy == 0 {
			return nil
		}
		return &store.NotifyMsg{SubjectType: notify.ToUser, SubjectID: b.CreatedBy, Kind: "school_visit",
			Title: "职业启蒙参观已取消：" + b.RoomName + " " + b.DateText(),
			Body: fmt.Sprintf("很抱歉，%s%s %s %s 的参观已由职业学校取消。原因：%s。请另选时段预约。", b.Grade.Label(), b.ClassName, b.RoomName,
				b.DateText()+" "+b.Slot().Hours(), reason),
			Link: "/me/school-visits", DedupeKey: fmt.Sprintf("school-visit-cancel:%d", b.ID)}
	})
	if hidden {
		return nil, x.conceal(ctx, a, "school_visit", id)
	}
	return b, err
}

// pickSchool is the school staff book for (field school_id), or nil with
// the field's error.
func (x *SchoolVisits) pickSchool(ctx context.Context, f *apperr.Fields, id int64) (*schoolvisit.School, error) {
	if id == 0 {
		f.Add("school_id", "请选择为哪所学校预约；名单里没有的学校请先在“学校”页面添加")
		return nil, nil
	}
	sc, err := x.db.SchoolVisits().SchoolByID(ctx, id)
	if apperr.Is(err, apperr.NotFound) {
		f.Add("school_id", "请从名单中选择学校")
		return nil, nil
	}
	return sc, err
}

// SchoolInput is a school as the form and the API send it.
type SchoolInput struct {
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
}

// Schools lists the schools (staff: to book for one, or edit one).
func (x *SchoolVisits) Schools(ctx context.Context, a Actor) ([]*schoolvisit.School, error) {
	if !account.CanManageSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school", 0)
	}
	return x.db.SchoolVisits().Schools(ctx)
}

// School returns a school (staff, for its edit form).
func (x *SchoolVisits) School(ctx context.Context, a Actor, id int64) (*schoolvisit.School, error) {
	if !account.CanManageSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school", id)
	}
	return x.db.SchoolVisits().SchoolByID(ctx, id)
}

// SaveSchool adds a school (id 0) or replaces one's name and address
// (staff), audited; its users and bookings follow it by id.
func (x *SchoolVisits) SaveSchool(ctx context.Context, a Actor, id int64, in SchoolInput) (*schoolvisit.School, error) {
	if !account.CanManageSchoolVisits(a.User) {
		return nil, x.deny(ctx, a, "school", id)
	}
	if id != 0 {
		if _, err := x.db.SchoolVisits().SchoolByID(ctx, id); err != nil {
			return nil, err
		}
	}
	sc := &schoolvisit.School{ID: id, Name: in.Name, Address: in.Address}
	sc.Normalize()
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	if err := x.db.SchoolVisits().SaveSchool(ctx, a.store(), sc); err != nil {
		return nil, err
	}
	return x.db.SchoolVisits().SchoolByID(ctx, sc.ID)
}

// SchoolOf is the name of the user's school ("" for other users).
func (x *SchoolVisits) SchoolOf(ctx context.Context, a Actor) (string, error) {
	if !account.IsSchool(a.User) {
		return "", nil
	}
	s, err := x.db.SchoolVisits().SchoolByID(ctx, a.User.SchoolID)
	if err != nil {
		return "", err
	}
	return s.Name, nil
}

// Today is the Beijing date now, as midnight UTC.
func (x *SchoolVisits) Today() time.Time { return chinatime.Today(x.now()) }
