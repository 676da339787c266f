package app

// 心理咨询: counsellors publish slots; persons book one, optionally saying
// in a few words what about; the counsellor keeps notes and records
// whether the person came. Who may see what:
//
//   - the person: their bookings' time, mode, place and status — never notes;
//   - the counsellor: their own slots and bookings with the concern and notes
//     (each opening audited);
//   - supervisors (staff, admins): counts per counsellor, never who or what;
//   - an admin: one record, by break-glass, with a written reason, audited
//     and told to the counsellor.
//
// Anyone else asking for a booking gets "not found", audited. Every page
// shows the crisis hotline.

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/counsel"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// DefaultCrisisHotline is the hotline shown when the bureau configures none.
const DefaultCrisisHotline = "12356（全国心理援助热线）"

// Counselling is the use cases of 心理咨询.
type Counselling struct {
	*core
	hotline string
}

func newCounselling(c *core, hotline string) *Counselling {
	if strings.TrimSpace(hotline) == "" {
		hotline = DefaultCrisisHotline
	}
	return &Counselling{core: c, hotline: hotline}
}

// Hotline is the crisis hotline every counselling page shows.
func (x *Counselling) Hotline() string { return x.hotline }

// SlotInput is slots a counsellor opens: Date YYYY-MM-DD, Start and End
// HH:MM Beijing time, Mode in_person|online|phone, Place, and Weeks: the
// same time on this many consecutive weeks (1–8; 0 means 1).
type SlotInput struct {
	Date  string `json:"date"`
	Start string `json:"start"`
	End   string `json:"end"`
	Mode  string `json:"mode"`
	Place string `json:"place,omitempty"`
	Weeks int    `json:"weeks,omitempty"`
}

// AddSlots opens a counsellor's slots.
func (x *Counselling) AddSlots(ctx context.Context, a Actor, in SlotInput) ([]counsel.Slot, error) {
	if !account.IsCounsellor(a.User) {
		return nil, x.deny(ctx, a, "counsel_slot", 0)
	}
	var f apperr.Fields
	day := ParseDate(&f, "date", in.Date)
	if strings.TrimSpace(in.Date) == "" {
		f.Add("date", "请填写日期")
	}
	start, end := sessionClock(&f, "start", day, in.Start), sessionClock(&f, "end", day, in.End)
	weeks := in.Weeks
	if weeks == 0 {
		weeks = 1
	}
	if weeks < 1 || weeks > 8 {
		f.Add("weeks", "重复周数应在 1 到 8 之间")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var slots []counsel.Slot
	now := x.now()
	for w := range weeks {
		s := counsel.Slot{CounsellorID: a.User.ID, Start: start.AddDate(0, 0, 7*w), End: end.AddDate(0, 0, 7*w), Mode: counsel.Mode(strings.TrimSpace(in.Mode)),
			Place: in.Place}
		if err := s.Validate(now); err != nil {
			return nil, err
		}
		slots = append(slots, s)
	}
	if err := x.db.Counsel().AddSlots(ctx, a.store(), a.User.ID, slots); err != nil {
		return nil, err
	}
	return slots, nil
}

// CancelSlot withdraws one of the counsellor's unbooked slots.
func (x *Counselling) CancelSlot(ctx context.Context, a Actor, slotID int64) error {
	if !account.IsCounsellor(a.User) {
		return x.deny(ctx, a, "counsel_slot", slotID)
	}
	return x.db.Counsel().CancelSlot(ctx, a.User.ID, slotID)
}

// OpenSlots lists the slots anyone may book, soonest first.
func (x *Counselling) OpenSlots(ctx context.Context) ([]counsel.Slot, error) {
	return x.db.Counsel().OpenSlots(ctx, x.now(), 200)
}

// BookInput is what a person may add when booking (optional).
type BookInput struct {
	Concern string `json:"concern,omitempty"`
}

// Book takes a slot for the person; the counsellor is told (without the concern).
func (x *Counselling) Book(ctx context.Context, a Actor, slotID int64, in BookInput) (*counsel.Booking, error) {
	if !account.CanBookCounselling(a.User) {
		return nil, x.deny(ctx, a, "counsel_slot", slotID)
	}
	if a.User.PersonID == 0 {
		return nil, apperr.New(apperr.Forbidden, "请先完善个人信息后再预约")
	}
	concern := strings.TrimSpace(in.Concern)
	if err := counsel.CheckConcern(concern); err != nil {
		return nil, err
	}
	id, err := x.db.Counsel().Book(ctx, slotID, a.User.PersonID, concern, x.now(), func(s counsel.Slot) *store.NotifyMsg {
		return &store.NotifyMsg{SubjectType: notify.ToUser, SubjectID: s.CounsellorID, Kind: "counsel_booked", Title: "新的咨询预约",
			Body: s.Text() + "（" + s.Mode.Label() + "）有一个新的预约。", Link: "/counsel", DedupeKey: fmt.Sprintf("counsel-booked:%d:%d", s.ID, x.now().Unix())}
	})
	if err != nil {
		return nil, err
	}
	return x.db.Counsel().Booking(ctx, id)
}

// MyBookings lists the person's bookings: time, mode, place, status.
func (x *Counselling) MyBookings(ctx context.Context, a Actor) ([]*counsel.Booking, error) {
	if !account.CanBookCounselling(a.User) {
		return nil, x.deny(ctx, a, "counsel_booking", 0)
	}
	return x.db.Counsel().BookingsOfPerson(ctx, a.User.PersonID)
}

// CounsellorDesk is a counsellor's page: their slots and bookings to come.
type CounsellorDesk struct {
	Slots    []counsel.Slot
	Bookings []*counsel.Booking
}

// Desk returns the counsellor's slots and bookings (no notes in lists).
func (x *Counselling) Desk(ctx context.Context, a Actor) (*CounsellorDesk, error) {
	if !account.IsCounsellor(a.User) {
		return nil, x.deny(ctx, a, "counsel_slot", 0)
	}
	from := x.now().Add(-24 * time.Hour)
	slots, err := x.db.Counsel().SlotsOf(ctx, a.User.ID, from)
	if err != nil {
		return nil, err
	}
	bs, err := x.db.Counsel().BookingsOf(ctx, a.User.ID, from.Add(-6*24*time.Hour))
	return &CounsellorDesk{Slots: slots, Bookings: bs}, err
}

// ownBooking returns a booking to its counsellor (with the concern and
// notes, audited) or its person (without them); anyone else is answered as
// if it did not exist, audited.
func (x *Counselling) ownBooking(ctx context.Context, a Actor, id int64) (*counsel.Booking, error) {
	b, err := x.db.Counsel().Booking(ctx, id)
	if err != nil {
		return nil, err
	}
	switch {
	case account.IsCounsellor(a.User) && b.Slot.CounsellorID == a.User.ID:
		full, err := x.db.Counsel().BookingFull(ctx, id)
		if err != nil {
			return nil, err
		}
		return full, x.db.Audit(ctx, a.store(), "counsel.view", "counsel_booking", id, "", audit.ResultOK)
	case account.IsSelf(a.User, b.PersonID):
		return b, nil
	}
	return nil, x.conceal(ctx, a, "counsel_booking", id)
}

// Booking returns one booking to its counsellor or its person.
func (x *Counselling) Booking(ctx context.Context, a Actor, id int64) (*counsel.Booking, error) {
	return x.ownBooking(ctx, a, id)
}

// CancelBooking cancels a booking before it starts (the person, or the
// counsellor); the slot opens again and the other side is told.
func (x *Counselling) CancelBooking(ctx context.Context, a Actor, id int64) error {
	b, err := x.ownBooking(ctx, a, id)
	if err != nil {
		return err
	}
	now := x.now()
	byPerson := account.IsSelf(a.User, b.PersonID)
	return x.db.Counsel().ChangeBooking(ctx, a.store(), store.BookingChange{ID: id, Status: counsel.Cancelled, Now: now, Action: "counsel.cancel",
		Check: func(b *counsel.Booking) error {
			if msg := b.CanCancel(now); msg != "" {
				return apperr.New(apperr.Conflict, msg)
			}
			return nil
		},
		Tell: func(b *counsel.Booking) *store.NotifyMsg {
			if byPerson {
				return &store.NotifyMsg{SubjectType: notify.ToUser, SubjectID: b.Slot.CounsellorID, Kind: "counsel_cancelled", Title: "咨询预约已取消",
					Body: b.Slot.Text() + " 的预约已由预约人取消，时段已重新开放。", Link: "/counsel", DedupeKey: fmt.Sprintf("counsel-cancel:%d", b.ID)}
			}
			return &store.NotifyMsg{SubjectType: notify.ToPerson, SubjectID: b.PersonID, Kind: "counsel_cancelled", Title: "咨询预约已取消",
				Body: "很抱歉，咨询师取消了 " + b.Slot.Text() + " 的咨询，请另选时段。如有紧急情况请拨打 " + x.hotline + "。",
				Link: "/counselling", DedupeKey: fmt.Sprintf("counsel-cancel:%d", b.ID)}
		}})
}

// NotesInput is the counsellor's notes and, after the session, whether
// the person came (Outcome done|no_show; "" leaves it).
type NotesInput struct {
	Notes   string `json:"notes"`
	Outcome string `json:"outcome,omitempty"`
}

// SaveNotes records the counsellor's notes (sealed) and the outcome.
func (x *Counselling) SaveNotes(ctx context.Context, a Actor, id int64, in NotesInput) (*counsel.Booking, error) {
	if _, err := x.ownBooking(ctx, a, id); err != nil {
		return nil, err
	}
	if !account.IsCounsellor(a.User) {
		return nil, x.deny(ctx, a, "counsel_booking", id)
	}
	notes := strings.TrimRight(in.Notes, " \n\r\t")
	if err := counsel.CheckNotes(notes); err != nil {
		return nil, err
	}
	status := counsel.Status(strings.TrimSpace(in.Outcome))
	if status != "" && status != counsel.Done && status != counsel.NoShow {
		return nil, apperr.Field("outcome", "请选择：已完成或未到")
	}
	now := x.now()
	err := x.db.Counsel().ChangeBooking(ctx, a.store(), store.BookingChange{ID: id, Status: status, Notes: &notes, Now: now, Action: "counsel.notes",
		Check: func(b *counsel.Booking) error {
			if status == "" {
				return nil
			}
			if msg := b.CanClose(now); msg != "" {
				return apperr.Field("outcome", msg)
			}
			return nil
		}})
	if err != nil {
		return nil, err
	}
	return x.db.Counsel().BookingFull(ctx, id)
}

// Counts are the supervisors' figures per counsellor.
func (x *Counselling) Counts(ctx context.Context, a Actor) ([]counsel.Counts, error) {
	if !account.CanSuperviseCounselling(a.User) {
		return nil, x.deny(ctx, a, "counsel_booking", 0)
	}
	return x.db.Counsel().CounselCounts(ctx, x.now())
}

// BreakGlassInput is the admin's written reason for opening a record.
type BreakGlassInput struct {
	Reason string `json:"reason"`
}

// BreakGlass opens one record for an admin, with the reason (at least ten
// characters), audited with the reason and told to the counsellor.
func (x *Counselling) BreakGlass(ctx context.Context, a Actor, id int64, in BreakGlassInput) (*counsel.Booking, error) {
	if !account.CanBreakGlass(a.User) {
		return nil, x.conceal(ctx, a, "counsel_booking", id)
	}
	reason := strings.TrimSpace(in.Reason)
	if utf8.RuneCountInString(reason) < 10 || utf8.RuneCountInString(reason) > counsel.MaxReason {
		return nil, apperr.Field("reason", "请写明查看理由（10 到 200 字），如：当事人家属报告失联，需核实最近一次咨询的时间和风险评估")
	}
	b, err := x.db.Counsel().BookingFull(ctx, id)
	if err != nil {
		return nil, err
	}
	err = x.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Notify(ctx, &notify.Message{SubjectType: notify.ToUser, SubjectID: b.Slot.CounsellorID, Kind: "counsel_breakglass",
			Title: "管理员查看了一条咨询记录", Body: a.User.Name + " 于 " + x.now().In(chinatime.Zone).Format("1月2日 15:04") + " 查看了 " + b.Slot.Text() +
				" 的咨询记录。理由：" + reason, Link: "/counsel", DedupeKey: fmt.Sprintf("counsel-breakglass:%d:%d", id, x.now().UnixNano())}); err != nil {
			return err
		}
		return tx.Audit(ctx, a.store(), "counsel.breakglass", "counsel_booking", id, "紧急查看咨询记录，理由："+reason, audit.ResultOK)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Slot returns an open slot for the booking page (NotFound once booked,
// withdrawn or past).
func (x *Counselling) Slot(ctx context.Context, id int64) (counsel.Slot, error) {
	s, err := x.db.Counsel().SlotByID(ctx, id)
	if err != nil {
		return s, err
	}
	if s.Booked || s.Cancelled || !s.Start.After(x.now()) {
		return s, apperr.New(apperr.NotFound, "这个时段已被预约或已撤回，请选择其他时段")
	}
	return s, nil
}
