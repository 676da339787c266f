package api

// 心理咨询 endpoints: open slots with the crisis hotline, booking, my
// bookings, cancel; the counsellor's desk, slots and notes; supervisors'
// counts; an admin's break-glass.

import (
	"net/http"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/counsel"
	"github.com/jiuye/jiuye/internal/httpx"
)

type counselAPI struct {
	base
	counsel *app.Counselling
}

type counselSlotView struct {
	ID         int64  `json:"id"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Text       string `json:"text"`
	Mode       string `json:"mode"`
	ModeLabel  string `json:"mode_label"`
	Place      string `json:"place,omitempty"`
	Counsellor string `json:"counsellor"`
	Booked     bool   `json:"booked"`
	Withdrawn  bool   `json:"withdrawn,omitempty"`
}

func counselSlotJSON(s counsel.Slot) counselSlotView {
	return counselSlotView{ID: s.ID, Start: ts(s.Start), End: ts(s.End), Text: s.Text(), Mode: string(s.Mode), ModeLabel: s.Mode.Label(),
		Place: s.Place, Counsellor: s.Counsellor, Booked: s.Booked, Withdrawn: s.Cancelled}
}

type counselBookingView struct {
	ID          int64           `json:"id"`
	Slot        counselSlotView `json:"slot"`
	Status      string          `json:"status"`
	StatusLabel string          `json:"status_label"`
	Person      string          `json:"person,omitempty"`  // the counsellor's view
	Concern     *string         `json:"concern,omitempty"` // the counsellor's view (and break-glass)
	Notes       *string         `json:"notes,omitempty"`
}

// counselBookingJSON shows the sealed fields only when full.
func counselBookingJSON(b *counsel.Booking, full bool) counselBookingView {
	v := counselBookingView{ID: b.ID, Slot: counselSlotJSON(b.Slot), Status: string(b.Status), StatusLabel: b.Status.Label()}
	if full {
		v.Person, v.Concern, v.Notes = b.PersonName, &b.Concern, &b.Notes
	}
	return v
}

func (h *counselAPI) slots(w http.ResponseWriter, r *http.Request) {
	list, err := h.counsel.OpenSlots(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := []counselSlotView{}
	for _, s := range list {
		items = append(items, counselSlotJSON(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"crisis_hotline": h.counsel.Hotline(), "items": items})
}

func (h *counselAPI) book(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.BookInput
	if err := decodeOptional(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.counsel.Book(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, counselBookingJSON(b, false))
}

func (h *counselAPI) mine(w http.ResponseWriter, r *http.Request) {
	list, err := h.counsel.MyBookings(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.bookings(w, list, false)
}

func (h *counselAPI) bookings(w http.ResponseWriter, list []*counsel.Booking, full bool) {
	items := []counselBookingView{}
	for _, b := range list {
		items = append(items, counselBookingJSON(b, full))
	}
	writeJSON(w, http.StatusOK, map[string]any{"crisis_hotline": h.counsel.Hotline(), "items": items})
}

func (h *counselAPI) booking(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.counsel.Booking(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, counselBookingJSON(b, b.Slot.CounsellorID == httpx.User(r.Context()).ID))
}

func (h *counselAPI) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.counsel.CancelBooking(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

func (h *counselAPI) desk(w http.ResponseWriter, r *http.Request) {
	d, err := h.counsel.Desk(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	slots, books := []counselSlotView{}, []counselBookingView{}
	for _, s := range d.Slots {
		slots = append(slots, counselSlotJSON(s))
	}
	for _, b := range d.Bookings {
		v := counselBookingJSON(b, false)
		v.Person = b.PersonName
		books = append(books, v)
	}
	writeJSON(w, http.StatusOK, map[string]any{"crisis_hotline": h.counsel.Hotline(), "slots": slots, "bookings": books})
}

func (h *counselAPI) addSlots(w http.ResponseWriter, r *http.Request) {
	var in app.SlotInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.counsel.AddSlots(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"added": len(list)})
}

func (h *counselAPI) withdraw(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.counsel.CancelSlot(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

func (h *counselAPI) notes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.NotesInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.counsel.SaveNotes(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, counselBookingJSON(b, true))
}

func (h *counselAPI) counts(w http.ResponseWriter, r *http.Request) {
	list, err := h.counsel.Counts(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type row struct {
		Counsellor                             string `json:"counsellor"`
		Slots, Booked, Done, NoShow, Cancelled int
	}
	items := []row{}
	for _, c := range list {
		items = append(items, row{c.Counsellor, c.Slots, c.Booked, c.Done, c.NoShow, c.Cancelled})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *counselAPI) breakGlass(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.BreakGlassInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.counsel.BreakGlass(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, counselBookingJSON(b, true))
}
