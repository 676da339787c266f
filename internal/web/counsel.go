package web

// 心理咨询 pages: the public page (the crisis hotline, open slots), the
// booking page, the person's bookings; the counsellor's desk (open slots,
// bookings, one record with its notes); the supervisors' counts and the
// admin's break-glass. Every page shows the crisis hotline.

import (
	"net/http"
	"strconv"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/counsel"
	"github.com/jiuye/jiuye/internal/httpx"
)

// counselPages are the 心理咨询 pages.
type counselPages struct {
	*site
	counsel *app.Counselling
}

var counselFlash = map[string]string{
	"booked":    "预约成功，咨询师会按时联系您。",
	"cancelled": "预约已取消。",
	"slots":     "时段已开放。",
	"withdrawn": "时段已撤回。",
	"saved":     "记录已保存（加密存储，只有您能看到）。",
}

type counselData struct {
	Hotline  string
	Slots    []counsel.Slot
	Slot     counsel.Slot
	Bookings []*counsel.Booking
	Booking  *counsel.Booking
	Counts   []counsel.Counts
	Modes    []counsel.Mode
	Admin    bool
}

func (h *counselPages) data() *counselData {
	return &counselData{Hotline: h.counsel.Hotline(), Modes: counsel.Modes}
}

// public is the counselling page: the hotline and the open slots.
func (h *counselPages) public(w http.ResponseWriter, r *http.Request) {
	d := h.data()
	var err error
	if d.Slots, err = h.counsel.OpenSlots(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "counsel", &Page{Title: "心理咨询", Nav: "activities", Flash: counselFlash[r.URL.Query().Get("done")], Data: d})
}

func (h *counselPages) slotPage(r *http.Request, id int64) (*Page, error) {
	d := h.data()
	var err error
	if d.Slot, err = h.counsel.Slot(r.Context(), id); err != nil {
		return nil, err
	}
	return &Page{Title: "预约心理咨询", Nav: "activities", Data: d, Form: map[string]string{}}, nil
}

// slot is the booking page of one slot.
func (h *counselPages) slot(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "咨询时段不存在")
	if !ok {
		return
	}
	page, err := h.slotPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "counsel_book", page)
}

// book posts the booking.
func (h *counselPages) book(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "咨询时段不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "concern")
	if _, err := h.counsel.Book(r.Context(), httpx.Actor(r), id, app.BookInput{Concern: form["concern"]}); err != nil {
		h.failOnPage(w, r, "counsel_book", err, form, func() (*Page, error) { return h.slotPage(r, id) })
		return
	}
	http.Redirect(w, r, "/me/counselling?done=booked", http.StatusSeeOther)
}

// mine is the person's bookings.
func (h *counselPages) mine(w http.ResponseWriter, r *http.Request) {
	d := h.data()
	var err error
	if d.Bookings, err = h.counsel.MyBookings(r.Context(), httpx.Actor(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "counsel_mine", &Page{Title: "我的心理咨询", Nav: "me", Flash: counselFlash[r.URL.Query().Get("done")], Data: d})
}

// cancel cancels a booking (the person or the counsellor).
func (h *counselPages) cancel(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "预约不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.counsel.CancelBooking(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	to := "/me/counselling?done=cancelled"
	if account.IsCounsellor(httpx.User(r.Context())) {
		to = "/counsel?done=cancelled"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (h *counselPages) deskPage(r *http.Request) (*Page, error) {
	desk, err := h.counsel.Desk(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	d := h.data()
	d.Slots, d.Bookings = desk.Slots, desk.Bookings
	return &Page{Title: "咨询工作台", Nav: "counsel", Flash: counselFlash[r.URL.Query().Get("done")], Data: d,
		Form: map[string]string{"mode": string(counsel.InPerson), "weeks": "1"}}, nil
}

// desk is the counsellor's page.
func (h *counselPages) desk(w http.ResponseWriter, r *http.Request) {
	page, err := h.deskPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "counsel_desk", page)
}

// addSlots posts new slots.
func (h *counselPages) addSlots(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "date", "start", "end", "mode", "place", "weeks")
	weeks, _ := strconv.Atoi(form["weeks"])
	in := app.SlotInput{Date: form["date"], Start: form["start"], End: form["end"], Mode: form["mode"], Place: form["place"], Weeks: weeks}
	if _, err := h.counsel.AddSlots(r.Context(), httpx.Actor(r), in); err != nil {
		h.failOnPage(w, r, "counsel_desk", err, form, func() (*Page, error) { return h.deskPage(r) })
		return
	}
	http.Redirect(w, r, "/counsel?done=slots", http.StatusSeeOther)
}

// withdrawSlot withdraws an unbooked slot.
func (h *counselPages) withdrawSlot(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "咨询时段不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.counsel.CancelSlot(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/counsel?done=withdrawn", http.StatusSeeOther)
}

func (h *counselPages) recordPage(r *http.Request, id int64) (*Page, error) {
	b, err := h.counsel.Booking(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := h.data()
	d.Booking = b
	return &Page{Title: "咨询记录", Nav: "counsel", Flash: counselFlash[r.URL.Query().Get("done")], Data: d,
		Form: map[string]string{"notes": b.Notes}}, nil
}

// record is one booking with its notes, for its counsellor.
func (h *counselPages) record(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "预约不存在")
	if !ok {
		return
	}
	page, err := h.recordPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "counsel_record", page)
}

// saveNotes posts the counsellor's notes and the outcome.
func (h *counselPages) saveNotes(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "预约不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "notes", "outcome")
	if _, err := h.counsel.SaveNotes(r.Context(), httpx.Actor(r), id, app.NotesInput{Notes: form["notes"], Outcome: form["outcome"]}); err != nil {
		h.failOnPage(w, r, "counsel_record", err, form, func() (*Page, error) { return h.recordPage(r, id) })
		return
	}
	http.Redirect(w, r, "/counsel/bookings/"+strconv.FormatInt(id, 10)+"?done=saved", http.StatusSeeOther)
}

func (h *counselPages) consolePage(r *http.Request) (*Page, error) {
	d := h.data()
	var err error
	if d.Counts, err = h.counsel.Counts(r.Context(), httpx.Actor(r)); err != nil {
		return nil, err
	}
	d.Admin = account.CanBreakGlass(httpx.User(r.Context()))
	return &Page{Title: "心理咨询 · 统计", Nav: "console", Data: d, Form: map[string]string{}}, nil
}

// console is the supervisors' counts, and the admin's break-glass form.
func (h *counselPages) console(w http.ResponseWriter, r *http.Request) {
	page, err := h.consolePage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "counsel_console", page)
}

// breakGlass opens one record for an admin, with the written reason.
func (h *counselPages) breakGlass(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "booking_id", "reason")
	id, _ := strconv.ParseInt(form["booking_id"], 10, 64)
	b, err := h.counsel.BreakGlass(r.Context(), httpx.Actor(r), id, app.BreakGlassInput{Reason: form["reason"]})
	if err != nil {
		h.failOnPage(w, r, "counsel_console", err, form, func() (*Page, error) { return h.consolePage(r) })
		return
	}
	d := h.data()
	d.Booking = b
	h.render(w, r, http.StatusOK, "counsel_breakglass", &Page{Title: "紧急查看 · 咨询记录", Nav: "console", Data: d})
}

var counselCountsHeader = []string{"咨询师", "开放时段", "待进行", "已完成", "未到", "已取消"}

// countsSheet is the supervisors' counts as a spreadsheet (never who or what).
func (h *counselPages) countsSheet(w http.ResponseWriter, r *http.Request) {
	list, err := h.counsel.Counts(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(list))
	for _, c := range list {
		rows = append(rows, []any{c.Counsellor, c.Slots, c.Booked, c.Done, c.NoShow, c.Cancelled})
	}
	h.writeSheet(w, "心理咨询统计", counselCountsHeader, rows)
}
