package api

// 职业启蒙 school-visit endpoints: the rooms and the calendar of their
// slots (anyone); a school's booking, its bookings and cancelling one;
// staff's rooms, every school's bookings, bookings for a school they pick,
// and the schools.

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/schoolvisit"
)

type schoolVisitAPI struct {
	base
	visits *app.SchoolVisits
}

type roomSlotView struct {
	Weekday int    `json:"weekday"` // 0 Sunday … 6 Saturday
	Start   string `json:"start"`
	End     string `json:"end"`
	Text    string `json:"text"`
}

type roomView struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Capacity    int            `json:"capacity"`
	Slots       []roomSlotView `json:"slots"`
	Active      bool           `json:"active"`
}

func roomJSON(r *schoolvisit.Room) roomView {
	v := roomView{ID: r.ID, Name: r.Name, Description: r.Description, Capacity: r.Capacity, Slots: []roomSlotView{}, Active: r.Active}
	for _, s := range r.Slots {
		v.Slots = append(v.Slots, roomSlotView{Weekday: int(s.Weekday), Start: s.Start, End: s.End, Text: s.Text()})
	}
	return v
}

type visitView struct {
	ID           int64  `json:"id"`
	RoomID       int64  `json:"room_id"`
	RoomName     string `json:"room_name"`
	Date         string `json:"date"`
	Slot         string `json:"slot"`
	SlotEnd      string `json:"slot_end"`
	SchoolID     int64  `json:"school_id"`
	SchoolName   string `json:"school_name"`
	Grade        int    `json:"grade"`
	GradeLabel   string `json:"grade_label"`
	ClassName    string `json:"class_name"`
	HeadCount    int    `json:"head_count"`
	TeacherName  string `json:"teacher_name"`
	TeacherPhone string `json:"teacher_phone"`
	Status       string `json:"status"`
	StatusLabel  string `json:"status_label"`
	CancelReason string `json:"cancel_reason,omitempty"`
	CreatedAt    string `json:"created_at"`
}

// visitJSON is a booking; lists mask the teacher's phone (full tells
// whether to show it whole: one booking read by id).
func visitJSON(b *schoolvisit.Booking, full bool) visitView {
	phone := b.TeacherPhone
	if !full {
		phone = registry.MaskPhone(phone)
	}
	return visitView{ID: b.ID, RoomID: b.RoomID, RoomName: b.RoomName, Date: b.Date.Format(time.DateOnly), Slot: b.Start, SlotEnd: b.End,
		SchoolID: b.SchoolID, SchoolName: b.SchoolName, Grade: int(b.Grade), GradeLabel: b.Grade.Label(), ClassName: b.ClassName, HeadCount: b.HeadCount,
		TeacherName: b.TeacherName, TeacherPhone: phone, Status: string(b.Status), StatusLabel: b.Status.Label(), CancelReason: b.CancelReason,
		CreatedAt: ts(b.CreatedAt)}
}

func (h *schoolVisitAPI) rooms(w http.ResponseWriter, r *http.Request) {
	list, err := h.visits.Rooms(r.Context(), httpx.Actor(r), r.URL.Query().Get("all") == "1")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []roomView{}
	for _, rm := range list {
		items = append(items, roomJSON(rm))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *schoolVisitAPI) saveRoom(edit bool) http.HandlerFunc {
	return upsert(h.base, edit, h.visits.SaveRoom, func(x *schoolvisit.Room) any { return roomJSON(x) })
}

func (h *schoolVisitAPI) calendar(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	roomID, _ := strconv.ParseInt(q.Get("room"), 10, 64)
	c, err := h.visits.Calendar(r.Context(), httpx.Actor(r), app.CalendarQuery{From: q.Get("from"), RoomID: roomID})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type slot struct {
		Date     string     `json:"date"`
		RoomID   int64      `json:"room_id"`
		RoomName string     `json:"room_name"`
		Start    string     `json:"start"`
		End      string     `json:"end"`
		Free     bool       `json:"free"`
		Booking  *visitView `json:"booking,omitempty"` // the reader's school's, or any for staff
	}
	items := []slot{}
	for _, d := range c.Days {
		for _, s := range d.Slots {
			it := slot{Date: d.ISO(), RoomID: s.Room.ID, RoomName: s.Room.Name, Start: s.Slot.Start, End: s.Slot.End, Free: !s.Taken}
			if s.Booking != nil {
				v := visitJSON(s.Booking, false)
				it.Booking = &v
			}
			items = append(items, it)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": date(c.From), "to": date(c.Last), "prev": c.Prev, "next": c.Next, "free": c.Free, "slots": items})
}

func (h *schoolVisitAPI) book(w http.ResponseWriter, r *http.Request) {
	var in app.BookingInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.visits.Book(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, visitJSON(b, true))
}

func (h *schoolVisitAPI) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	bq := app.BookingQuery{Status: q.Get("status"), From: q.Get("from"), To: q.Get("to")}
	bq.RoomID, _ = strconv.ParseInt(q.Get("room"), 10, 64)
	bq.Page, _ = strconv.Atoi(q.Get("page"))
	res, err := h.visits.Bookings(r.Context(), httpx.Actor(r), bq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []visitView{}
	for _, b := range res.Bookings {
		items = append(items, visitJSON(b, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": res.Total, "page": res.Page, "pages": res.Pages()})
}

func (h *schoolVisitAPI) get(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.visits.Booking(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, visitJSON(b, true))
}

func (h *schoolVisitAPI) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.CancelVisitInput
	if err := decodeOptional(r, &in); err != nil { // the school's reason is optional
		h.fail(w, r, err)
		return
	}
	b, err := h.visits.Cancel(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, visitJSON(b, false))
}

type schoolView struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Address   string `json:"address,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
}

func schoolJSON(s *schoolvisit.School) schoolView {
	v := schoolView{ID: s.ID, Name: s.Name, Address: s.Address}
	if !s.UpdatedAt.IsZero() {
		v.UpdatedAt = ts(s.UpdatedAt)
	}
	return v
}

func (h *schoolVisitAPI) schools(w http.ResponseWriter, r *http.Request) {
	list, err := h.visits.Schools(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []schoolView{}
	for _, s := range list {
		items = append(items, schoolJSON(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *schoolVisitAPI) saveSchool(edit bool) http.HandlerFunc {
	return upsert(h.base, edit, h.visits.SaveSchool, func(x *schoolvisit.School) any { return schoolJSON(x) })
}
