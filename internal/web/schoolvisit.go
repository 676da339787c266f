package web

// 职业启蒙 school-visit pages: the public calendar of the vocational
// school's rooms with the free slots of the coming weeks; a school's
// booking form, its bookings (cancel, spreadsheet); staff's bookings of
// every school (cancel with a reason, spreadsheet), the booking form for a
// school they pick, the rooms' form, and the schools with their form.

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/schoolvisit"
)

// schoolVisitPages are the school-visit pages.
type schoolVisitPages struct {
	*site
	visits *app.SchoolVisits
}

var schoolVisitFlash = map[string]string{
	"booked":     "预约成功。请按时带班参观，如有变化请提前取消，把时段留给其他班级。",
	"cancelled":  "预约已取消，时段已释放。",
	"saved":      "实训室已保存。",
	"booked_for": "已代学校预约。学校登录后可在“我校的预约”里看到。",
	"school":     "学校已保存。",
}

type visitCalendarData struct {
	C       *app.Calendar
	Booker  bool // the reader may book
	Manager bool
	School  string
}

// calendar is the public calendar of the rooms.
func (h *schoolVisitPages) calendar(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	roomID, _ := strconv.ParseInt(q.Get("room"), 10, 64)
	a := httpx.Actor(r)
	page := &Page{Title: "职业启蒙 · 实训室预约", Nav: "home", Form: map[string]string{"room": q.Get("room"), "from": q.Get("from")},
		Flash: schoolVisitFlash[q.Get("done")]}
	c, err := h.visits.Calendar(r.Context(), a, app.CalendarQuery{From: q.Get("from"), RoomID: roomID})
	if err != nil {
		if apperr.CodeOf(err) != apperr.Invalid {
			h.fail(w, r, err)
			return
		}
		page.Errors, page.Message = apperr.As(err).Fields, apperr.As(err).Message
		if c, err = h.visits.Calendar(r.Context(), a, app.CalendarQuery{RoomID: roomID}); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	school, err := h.visits.SchoolOf(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Data = &visitCalendarData{C: c, Booker: account.CanBookSchoolVisits(a.User), Manager: account.CanManageSchoolVisits(a.User), School: school}
	status := http.StatusOK
	if page.Errors != nil {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "school_visits", page)
}

type visitBookData struct {
	Action  string                // where the form posts: the school's own, or staff's for a school
	Schools []*schoolvisit.School // staff: the school to book for
	Rooms   []*schoolvisit.Room
	Slots   []schoolvisit.Slot // every slot time any room has, for the slot list
	Grades  []schoolvisit.Grade
	School  string
	Min     string // the first and last day that may be booked
	Max     string
	Picked  *schoolvisit.Room // the room asked for, with its slots
}

var bookFields = []string{"school_id", "room_id", "date", "slot", "grade", "class_name", "head_count", "teacher_name", "teacher_phone"}

func (h *schoolVisitPages) bookPage(r *http.Request, form map[string]string) (*Page, error) {
	a := httpx.Actor(r)
	rooms, err := h.visits.Rooms(r.Context(), a, false)
	if err != nil {
		return nil, err
	}
	school, err := h.visits.SchoolOf(r.Context(), a)
	if err != nil {
		return nil, err
	}
	today := h.visits.Today()
	d := &visitBookData{Action: "/school-visits/bookings", Rooms: rooms, Grades: schoolvisit.Grades, School: school,
		Min: today.AddDate(0, 0, 1).Format(time.DateOnly), Max: today.AddDate(0, 0, schoolvisit.MaxAheadDays).Format(time.DateOnly)}
	title := "预约职业启蒙参观"
	if !account.CanBookSchoolVisits(a.User) { // staff, for a school
		if d.Schools, err = h.visits.Schools(r.Context(), a); err != nil {
			return nil, err
		}
		d.Action, title = "/console/school-visits/bookings", "代学校预约职业启蒙参观"
	}
	seen := map[string]bool{}
	for _, rm := range rooms {
		if strconv.FormatInt(rm.ID, 10) == form["room_id"] {
			d.Picked = rm
		}
		for _, s := range rm.Slots {
			if !seen[s.Hours()] {
				seen[s.Hours()] = true
				d.Slots = append(d.Slots, schoolvisit.Slot{Start: s.Start, End: s.End})
			}
		}
	}
	sortHours(d.Slots)
	nav := "home"
	if d.Schools != nil {
		nav = "console"
	}
	return &Page{Title: title, Nav: nav, Form: form, Data: d}, nil
}

// sortHours orders slots by start, then end.
func sortHours(ss []schoolvisit.Slot) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j].Hours() < ss[j-1].Hours(); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// bookForm is the booking form, filled from the calendar's link.
func (h *schoolVisitPages) bookForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, err := h.bookPage(r, map[string]string{"room_id": q.Get("room"), "date": q.Get("date"), "slot": q.Get("slot"), "school_id": q.Get("school")})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "school_visit_book", page)
}

// book posts a booking.
func (h *schoolVisitPages) book(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, bookFields...)
	var f apperr.Fields
	in := app.BookingInput{Date: form["date"], Slot: form["slot"], ClassName: form["class_name"], TeacherName: form["teacher_name"],
		TeacherPhone: form["teacher_phone"], HeadCount: formCount(&f, form, "head_count", "请填写参观人数（整数）")}
	in.RoomID, _ = strconv.ParseInt(form["room_id"], 10, 64)
	in.SchoolID, _ = strconv.ParseInt(form["school_id"], 10, 64)
	in.Grade, _ = strconv.Atoi(form["grade"])
	var err error
	if len(f) > 0 {
		err = f.Err()
	} else {
		_, err = h.visits.Book(r.Context(), httpx.Actor(r), in)
	}
	if err != nil {
		mergeFormFields(err, f)
		h.failOnPage(w, r, "school_visit_book", err, form, func() (*Page, error) { return h.bookPage(r, form) })
		return
	}
	if account.CanBookSchoolVisits(httpx.User(r.Context())) {
		http.Redirect(w, r, "/me/school-visits?done=booked", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/console/school-visits?done=booked_for", http.StatusSeeOther)
}

type visitListData struct {
	B       *app.Bookings
	Rooms   []*schoolvisit.Room
	Console bool
	Query   url.Values
	Sheet   string // the spreadsheet's link with the filters
}

func bookingQueryOf(q url.Values) (app.BookingQuery, map[string]string) {
	form := map[string]string{"status": q.Get("status"), "room": q.Get("room"), "from": q.Get("from"), "to": q.Get("to")}
	bq := app.BookingQuery{Status: form["status"], From: form["from"], To: form["to"]}
	bq.RoomID, _ = strconv.ParseInt(form["room"], 10, 64)
	bq.Page, _ = strconv.Atoi(q.Get("page"))
	return bq, form
}

// mine is the school's bookings.
func (h *schoolVisitPages) mine(w http.ResponseWriter, r *http.Request) { h.list(w, r, false) }

// console is every school's bookings and the rooms, for staff.
func (h *schoolVisitPages) console(w http.ResponseWriter, r *http.Request) { h.list(w, r, true) }

func (h *schoolVisitPages) list(w http.ResponseWriter, r *http.Request, console bool) {
	q := r.URL.Query()
	bq, form := bookingQueryOf(q)
	page, err := h.listPage(r, bq, form, console)
	if err != nil {
		if apperr.CodeOf(err) != apperr.Invalid {
			h.fail(w, r, err)
			return
		}
		bad := err
		if page, err = h.listPage(r, app.BookingQuery{}, form, console); err != nil {
			h.fail(w, r, err)
			return
		}
		h.formFail(w, r, "school_visit_list", page, bad)
		return
	}
	page.Flash = schoolVisitFlash[q.Get("done")]
	h.render(w, r, http.StatusOK, "school_visit_list", page)
}

func (h *schoolVisitPages) listPage(r *http.Request, bq app.BookingQuery, form map[string]string, console bool) (*Page, error) {
	a := httpx.Actor(r)
	res, err := h.visits.Bookings(r.Context(), a, bq)
	if err != nil {
		return nil, err
	}
	rooms, err := h.visits.Rooms(r.Context(), a, console)
	if err != nil {
		return nil, err
	}
	d := &visitListData{B: res, Rooms: rooms, Console: console, Query: url.Values{}}
	for k, v := range form {
		if v != "" {
			d.Query.Set(k, v)
		}
	}
	title, nav, sheet := "我校的参观预约", "me", "/me/school-visits.xlsx"
	if console {
		title, nav, sheet = "职业启蒙参观预约", "console", "/console/school-visits.xlsx"
	}
	d.Sheet = sheet
	if len(d.Query) > 0 {
		d.Sheet += "?" + d.Query.Encode()
	}
	return &Page{Title: title, Nav: nav, Form: form, Data: d}, nil
}

var visitSheetHeader = []string{"预约号", "参观日期", "星期", "时段", "实训室", "学校", "年级", "班级", "人数", "带队老师", "老师手机号", "状态", "取消原因", "预约时间"}

// sheet is the bookings as a spreadsheet (audited): the school's, or
// every school's for staff, with the list's filters.
func (h *schoolVisitPages) sheet(w http.ResponseWriter, r *http.Request) {
	bq, _ := bookingQueryOf(r.URL.Query())
	res, err := h.visits.ExportBookings(r.Context(), httpx.Actor(r), bq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(res.Bookings))
	for _, b := range res.Bookings {
		rows = append(rows, []any{b.ID, b.Date.Format(time.DateOnly), schoolvisit.WeekdayName(b.Date.Weekday()), b.Slot().Hours(), b.RoomName,
			b.SchoolName, b.Grade.Label(), b.ClassName, b.HeadCount, b.TeacherName, b.TeacherPhone, b.StatusText(res.Now), b.CancelReason,
			b.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04:05")})
	}
	title := "职业启蒙参观预约"
	if res.School != "" {
		title += " " + res.School
	}
	h.writeSheet(w, title, visitSheetHeader, rows)
}

// cancel cancels a booking: the school's own, or any for staff (with a
// reason), and returns to the list it came from.
func (h *schoolVisitPages) cancel(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "预约不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "reason")
	a := httpx.Actor(r)
	console := account.CanManageSchoolVisits(a.User)
	if _, err := h.visits.Cancel(r.Context(), a, id, app.CancelVisitInput{Reason: form["reason"]}); err != nil {
		h.failOnPage(w, r, "school_visit_list", err, nil, func() (*Page, error) {
			page, err := h.listPage(r, app.BookingQuery{}, map[string]string{}, console)
			if err == nil {
				page.Form["reason_"+strconv.FormatInt(id, 10)] = form["reason"]
			}
			return page, err
		})
		return
	}
	to := "/me/school-visits?done=cancelled"
	if console {
		to = "/console/school-visits?done=cancelled"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

type roomFormData struct {
	Action string
	ID     int64
}

var roomFields = []string{"name", "description", "capacity", "slots", "active"}

func roomFormPage(id int64, form map[string]string) *Page {
	d := &roomFormData{Action: "/console/school-visits/rooms", ID: id}
	title := "添加实训室"
	if id != 0 {
		d.Action, title = "/console/school-visits/rooms/"+strconv.FormatInt(id, 10), "修改实训室"
	}
	return &Page{Title: title, Nav: "console", Form: form, Data: d}
}

// newRoom is the form for a new room.
func (h *schoolVisitPages) newRoom(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "school_visit_room", roomFormPage(0, map[string]string{"active": "true", "slots": "周二 14:00-16:00\n周四 09:00-11:00"}))
}

// editRoom is the form of a room.
func (h *schoolVisitPages) editRoom(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "实训室不存在")
	if !ok {
		return
	}
	rm, err := h.visits.Room(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := app.RoomInputOf(rm)
	form := map[string]string{"name": in.Name, "description": in.Description, "capacity": strconv.Itoa(in.Capacity), "slots": in.Slots}
	if in.Active {
		form["active"] = "true"
	}
	h.render(w, r, http.StatusOK, "school_visit_room", roomFormPage(id, form))
}

// saveRoom adds (edit false) or saves a room.
func (h *schoolVisitPages) saveRoom(edit bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var id int64
		if edit {
			var ok bool
			if id, ok = h.pathID(w, r, "实训室不存在"); !ok {
				return
			}
		}
		if !h.parseForm(w, r) {
			return
		}
		form := formValues(r, roomFields...)
		var f apperr.Fields
		in := app.RoomInput{Name: form["name"], Description: form["description"], Slots: r.PostFormValue("slots"), Active: form["active"] != "",
			Capacity: formCount(&f, form, "capacity", "请填写容纳人数（整数）")}
		var err error
		if len(f) > 0 {
			err = f.Err()
		} else {
			_, err = h.visits.SaveRoom(r.Context(), httpx.Actor(r), id, in)
		}
		if err != nil {
			mergeFormFields(err, f)
			h.formFail(w, r, "school_visit_room", roomFormPage(id, form), err)
			return
		}
		http.Redirect(w, r, "/console/school-visits?done=saved", http.StatusSeeOther)
	}
}

type schoolsData struct {
	List []*schoolvisit.School
}

func (h *schoolVisitPages) schoolsPage(r *http.Request, form map[string]string) (*Page, error) {
	list, err := h.visits.Schools(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	return &Page{Title: "学校", Nav: "console", Form: form, Data: &schoolsData{List: list}, Flash: schoolVisitFlash[r.URL.Query().Get("done")]}, nil
}

// schools lists the schools with the form to add one (staff).
func (h *schoolVisitPages) schools(w http.ResponseWriter, r *http.Request) {
	page, err := h.schoolsPage(r, map[string]string{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "schools", page)
}

var schoolFields = []string{"name", "address"}

// addSchool adds a school from the list's form.
func (h *schoolVisitPages) addSchool(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, schoolFields...)
	if _, err := h.visits.SaveSchool(r.Context(), httpx.Actor(r), 0, app.SchoolInput{Name: form["name"], Address: form["address"]}); err != nil {
		h.failOnPage(w, r, "schools", err, form, func() (*Page, error) { return h.schoolsPage(r, form) })
		return
	}
	http.Redirect(w, r, "/console/schools?done=school", http.StatusSeeOther)
}

type schoolEditData struct {
	School *schoolvisit.School
}

// editSchool is a school's edit form.
func (h *schoolVisitPages) editSchool(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "学校不存在")
	if !ok {
		return
	}
	sc, err := h.visits.School(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "school_edit", &Page{Title: "修改学校 · " + sc.Name, Nav: "console",
		Form: map[string]string{"name": sc.Name, "address": sc.Address}, Data: &schoolEditData{School: sc}})
}

// saveSchool saves a school's edit; a refused one re-renders the form
// with what was typed and the messages.
func (h *schoolVisitPages) saveSchool(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "学校不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, schoolFields...)
	a := httpx.Actor(r)
	if _, err := h.visits.SaveSchool(r.Context(), a, id, app.SchoolInput{Name: form["name"], Address: form["address"]}); err != nil {
		h.failOnPage(w, r, "school_edit", err, form, func() (*Page, error) {
			sc, err := h.visits.School(r.Context(), a, id)
			if err != nil {
				return nil, err
			}
			return &Page{Title: "修改学校 · " + sc.Name, Nav: "console", Data: &schoolEditData{School: sc}}, nil
		})
		return
	}
	http.Redirect(w, r, "/console/schools?done=school", http.StatusSeeOther)
}
