package web

// Activity pages: the public calendar (青年夜校 and the other activities,
// filtered by kind, district, series and free seats), an activity's page
// with the reader's sign-up and its actions (sign up, cancel, confirm an
// offered seat, rate it afterwards), the lottery's public record, the
// sign-in page a session's QR code opens, my activities with an
// iCalendar file; staff's list, publish and edit form, roster (with
// sign-in on the person's behalf and the spreadsheet), the session's code
// and QR image, cancel and draw.

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/qr"
	"github.com/jiuye/jiuye/internal/registry"
)

// activityPages are the activity pages.
type activityPages struct {
	*site
	activities *app.Activities
}

// activitySessionRows is how many session rows the form offers.
const activitySessionRows = 8

var activityFlash = map[string]string{
	"published":  "活动已发布。",
	"saved":      "修改已保存。",
	"cancelled":  "活动已取消，报名的人都会收到通知。",
	"drawn":      "已抽签，结果已通知每位登记的人。",
	"signed":     "报名已提交。",
	"cancel":     "已取消报名。",
	"confirm":    "已确认，名额为您保留。",
	"feedback":   "感谢您的评价！",
	"marked":     "已代签到。",
	"signed_for": "已代为报名，本人会收到站内消息。",
}

type activityListData struct {
	R       *app.ActivityResults
	Kinds   []activity.Kind
	Query   url.Values
	Console bool
	X       *app.Activities
}

// list is the public calendar.
func (h *activityPages) list(w http.ResponseWriter, r *http.Request) { h.listPage(w, r, false) }

// consoleList is staff's list of every activity, past and cancelled too.
func (h *activityPages) consoleList(w http.ResponseWriter, r *http.Request) { h.listPage(w, r, true) }

func (h *activityPages) listPage(w http.ResponseWriter, r *http.Request, console bool) {
	q := r.URL.Query()
	form := map[string]string{"kind": q.Get("kind"), "region": q.Get("region"), "series": q.Get("series"), "free_seats": q.Get("free_seats"),
		"from": q.Get("from")}
	aq := app.ActivityQuery{Kind: form["kind"], Region: form["region"], Series: form["series"], FreeSeats: form["free_seats"] == "1",
		From: form["from"], All: console}
	aq.Page, _ = strconv.Atoi(q.Get("page"))
	d := &activityListData{Kinds: activity.Kinds, Query: url.Values{}, Console: console, X: h.activities}
	for k, v := range form {
		if v != "" {
			d.Query.Set(k, v)
		}
	}
	title, name, nav := "活动日历", "activities", "activities"
	if console {
		title, name, nav = "活动管理", "activities", "console"
	}
	page := &Page{Title: title, Nav: nav, Form: form, Data: d, Flash: activityFlash[q.Get("done")]}
	res, err := h.activities.Search(r.Context(), httpx.Actor(r), aq)
	d.R = res
	if err != nil {
		d.R = &app.ActivityResults{Page: 1}
		h.formFail(w, r, name, page, err)
		return
	}
	h.render(w, r, http.StatusOK, name, page)
}

type activityPageData struct {
	V       *app.ActivityView
	X       *app.Activities
	Refusal string // why nobody may sign up now
	// StationPick is the station the sign-up form's picker shows chosen:
	// the one just posted, else the fair's own.
	StationPick string
}

func (h *activityPages) activityPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.activities.Activity(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &activityPageData{V: v, X: h.activities, StationPick: strconv.FormatInt(v.Activity.StationID, 10)}
	if r.Method == http.MethodPost && r.PostForm.Has("station_id") {
		d.StationPick = r.PostFormValue("station_id")
	}
	return &Page{Title: v.Activity.Title, Nav: "activities", Flash: activityFlash[r.URL.Query().Get("done")], Data: d}, nil
}

// show is an activity's page.
func (h *activityPages) show(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok {
		return
	}
	page, err := h.activityPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "activity", page)
}

// signUp posts the reader's sign-up.
func (h *activityPages) signUp(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	var in app.ActivitySignupInput
	if r.PostForm.Has("station_id") { // the fair's picker: a station, or 0 for none
		st, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("station_id")), 10, 64)
		if err != nil || st < 0 {
			h.showRefusal(w, r, id, apperr.Field("station_id", "请从列表中选择工作站"))
			return
		}
		in.StationID = &st
	}
	if _, err := h.activities.SignUpWith(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.showRefusal(w, r, id, err)
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(id, 10)+"?done=signed", http.StatusSeeOther)
}

// showRefusal shows the activity's page with why the action was refused
// (a conflict or a rule the person does not meet), or the error page.
func (h *activityPages) showRefusal(w http.ResponseWriter, r *http.Request, id int64, err error) {
	e := apperr.As(err)
	if e.Code != apperr.Conflict && e.Code != apperr.Forbidden && e.Code != apperr.Invalid {
		h.fail(w, r, err)
		return
	}
	page, perr := h.activityPage(r, id)
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	page.Flash, page.Message, page.Errors = "", e.Message, e.Fields
	h.render(w, r, httpx.Status(e.Code), "activity", page)
}

// signupAction posts cancel, confirm or feedback on the reader's sign-up
// and returns to the activity's page (back names it).
func (h *activityPages) signupAction(op string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "报名记录不存在")
		if !ok || !h.parseForm(w, r) {
			return
		}
		form := formValues(r, "activity_id", "rating", "comment")
		back, _ := strconv.ParseInt(form["activity_id"], 10, 64)
		var su *activity.Signup
		var err error
		switch op {
		case "cancel":
			su, err = h.activities.CancelSignup(r.Context(), httpx.Actor(r), id)
		case "confirm":
			su, err = h.activities.ConfirmOffer(r.Context(), httpx.Actor(r), id)
		default:
			rating, _ := strconv.Atoi(form["rating"])
			su, err = h.activities.Feedback(r.Context(), httpx.Actor(r), id, app.FeedbackInput{Rating: rating, Comment: form["comment"]})
		}
		if err != nil {
			if back == 0 {
				h.fail(w, r, err)
				return
			}
			h.showRefusal(w, r, back, err)
			return
		}
		to := "/activities/" + strconv.FormatInt(su.ActivityID, 10)
		if account.CanManageActivities(httpx.User(r.Context())) && op == "cancel" {
			to = "/console/activities/" + strconv.FormatInt(su.ActivityID, 10) + "/roster"
		}
		http.Redirect(w, r, to+"?done="+op, http.StatusSeeOther)
	}
}

type lotteryData struct {
	Rec *app.LotteryRecord
}

// lottery is a lottery's public record.
func (h *activityPages) lottery(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok {
		return
	}
	rec, err := h.activities.Lottery(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "activity_lottery", &Page{Title: "抽签公示 · " + rec.Activity.Title, Nav: "activities", Data: &lotteryData{Rec: rec}})
}

type checkinData struct {
	SessionID string
	Done      *activity.Signup
	Session   string
}

// checkinForm is the page a session's QR code opens: the code is filled
// from the link; the person presses 签到 (nothing happens on a GET).
func (h *activityPages) checkinForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.render(w, r, http.StatusOK, "activity_checkin", &Page{Title: "活动签到", Nav: "activities",
		Form: map[string]string{"code": q.Get("c")}, Data: &checkinData{SessionID: q.Get("s")}})
}

// checkin posts the sign-in.
func (h *activityPages) checkin(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "session_id", "code")
	sid, _ := strconv.ParseInt(form["session_id"], 10, 64)
	su, s, err := h.activities.CheckIn(r.Context(), httpx.Actor(r), app.ActivityCheckin{SessionID: sid, Code: form["code"]})
	page := &Page{Title: "活动签到", Nav: "activities", Form: form, Data: &checkinData{SessionID: form["session_id"]}}
	if err != nil {
		e := apperr.As(err)
		if e.Code == apperr.Conflict || e.Code == apperr.NotFound {
			page.Message = e.Message
			h.render(w, r, httpx.Status(e.Code), "activity_checkin", page)
			return
		}
		h.formFail(w, r, "activity_checkin", page, err)
		return
	}
	page.Data = &checkinData{Done: su, Session: s.Text()}
	page.Flash = "签到成功"
	h.render(w, r, http.StatusOK, "activity_checkin", page)
}

type mineActivitiesData struct {
	Signups []*activity.Signup
	Now     time.Time
	Feed    string // the private calendar address
}

// mine is the person's activities.
func (h *activityPages) mine(w http.ResponseWriter, r *http.Request) {
	list, err := h.activities.MySignups(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	token, err := h.activities.FeedToken(httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "activity_mine", &Page{Title: "我的活动", Nav: "me",
		Data: &mineActivitiesData{Signups: list, Now: h.now(), Feed: h.absolute(r, "/calendar/"+token+".ics")}})
}

// ics is the person's activities as an iCalendar file, downloaded.
func (h *activityPages) ics(w http.ResponseWriter, r *http.Request) {
	list, err := h.activities.Calendar(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeICS(w, list, true)
}

// feed is the person's activities at their private calendar address, which
// a phone's calendar subscribes to (no login: the address is the key).
func (h *activityPages) feed(w http.ResponseWriter, r *http.Request) {
	list, err := h.activities.CalendarByToken(r.Context(), strings.TrimSuffix(r.PathValue("token"), ".ics"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeICS(w, list, false)
}

// writeICS writes the entries' sessions as iCalendar (RFC 5545).
func (h *activityPages) writeICS(w http.ResponseWriter, list []app.CalendarEntry, download bool) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//jiuye//activities//ZH\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:我的活动\r\n")
	stamp := h.now().UTC().Format("20060102T150405Z")
	for _, e := range list {
		for _, s := range e.Activity.Sessions {
			fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:activity-%d-session-%d@jiuye\r\nDTSTAMP:%s\r\nDTSTART:%s\r\nDTEND:%s\r\nSUMMARY:%s\r\nLOCATION:%s\r\nDESCRIPTION:%s\r\nEND:VEVENT\r\n",
				e.Activity.ID, s.ID, stamp, s.Start.UTC().Format("20060102T150405Z"), s.End.UTC().Format("20060102T150405Z"),
				icsText(e.Activity.Title), icsText(s.Place+s.Link), icsText(e.Signup.Status.Label()))
		}
	}
	b.WriteString("END:VCALENDAR\r\n")
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	if download {
		w.Header().Set("Content-Disposition", "attachment; filename=\"activities.ics\"")
	}
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write([]byte(b.String()))
}

// icsText escapes a text value of iCalendar (RFC 5545 §3.3.11).
func icsText(s string) string {
	return strings.NewReplacer("\\", "\\\\", ";", "\\;", ",", "\\,", "\r", "", "\n", "\\n").Replace(s)
}

type activityFormData struct {
	Action     string
	ID         int64
	Kinds      []activity.Kind
	Organisers []activity.Organiser
	Stations   []*activity.Station // the station picker, for a station's activity
	Rows       []activitySessionRow
}

type activitySessionRow struct {
	N                                  int
	Date, Start, End, Place, Link      string
	DateE, StartE, EndE, PlaceE, LinkE string
}

var activityFormFields = []string{"kind", "title", "description", "organiser", "org_name", "station_id", "series", "region_code", "region_code_text",
	"capacity", "fee_yuan", "min_age", "max_age", "residents", "graduates", "opens_at", "closes_at", "allocation", "no_show_limit"}

func (h *activityPages) formPage(r *http.Request, id int64, form, errs map[string]string) (*Page, error) {
	stations, err := h.activities.Stations(r.Context())
	if err != nil {
		return nil, err
	}
	d := &activityFormData{Action: "/console/activities", ID: id, Kinds: activity.Kinds, Organisers: activity.Organisers, Stations: stations}
	title := "发布活动"
	if id != 0 {
		d.Action, title = "/console/activities/"+strconv.FormatInt(id, 10), "修改活动"
	}
	for i := range activitySessionRows {
		n := strconv.Itoa(i)
		d.Rows = append(d.Rows, activitySessionRow{N: i, Date: form["s_date_"+n], Start: form["s_start_"+n], End: form["s_end_"+n],
			Place: form["s_place_"+n], Link: form["s_link_"+n], DateE: errs["sessions."+n+".date"], StartE: errs["sessions."+n+".start"],
			EndE: errs["sessions."+n+".end"], PlaceE: errs["sessions."+n+".place"], LinkE: errs["sessions."+n+".link"]})
	}
	return &Page{Title: title, Nav: "console", Form: form, Data: d}, nil
}

// renderForm shows the publish or edit form.
func (h *activityPages) renderForm(w http.ResponseWriter, r *http.Request, id int64, form map[string]string) {
	page, err := h.formPage(r, id, form, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "activity_edit", page)
}

// newForm is the publish form.
func (h *activityPages) newForm(w http.ResponseWriter, r *http.Request) {
	now := h.now().In(chinatime.Zone)
	form := map[string]string{"kind": string(activity.KindCourse), "organiser": string(activity.ByLeague), "allocation": string(activity.Lottery),
		"fee_yuan": "0", "opens_at": now.Format("2006-01-02") + "T09:00", "closes_at": now.AddDate(0, 0, 3).Format("2006-01-02") + "T20:00"}
	h.renderForm(w, r, 0, form)
}

// editForm is the edit form of an activity.
func (h *activityPages) editForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok {
		return
	}
	v, err := h.activities.Activity(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := h.activities.InputOf(v.Activity)
	form := map[string]string{"kind": in.Kind, "title": in.Title, "description": in.Description, "organiser": in.Organiser, "org_name": in.OrgName,
		"series": in.Series, "region_code": in.RegionCode, "region_code_text": h.activities.PlaceName(in.RegionCode),
		"capacity": strconv.Itoa(in.Capacity), "fee_yuan": strconv.Itoa(in.FeeYuan), "min_age": zeroBlank(in.MinAge), "max_age": zeroBlank(in.MaxAge),
		"opens_at": strings.Replace(in.OpensAt, " ", "T", 1), "closes_at": strings.Replace(in.ClosesAt, " ", "T", 1), "allocation": in.Allocation,
		"no_show_limit": zeroBlank(in.NoShowLimit), "station_id": zeroBlank64(in.StationID)}
	if in.Residents {
		form["residents"] = "true"
	}
	if in.Graduates {
		form["graduates"] = "true"
	}
	for i, s := range in.Sessions {
		n := strconv.Itoa(i)
		form["s_date_"+n], form["s_start_"+n], form["s_end_"+n], form["s_place_"+n], form["s_link_"+n] = s.Date, s.Start, s.End, s.Place, s.Link
	}
	h.renderForm(w, r, id, form)
}

func zeroBlank(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func zeroBlank64(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// save publishes (id 0) or edits an activity from the form.
func (h *activityPages) save(edit bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var id int64
		if edit {
			var ok bool
			if id, ok = h.pathID(w, r, "活动不存在"); !ok {
				return
			}
		}
		if !h.parseForm(w, r) {
			return
		}
		fields := append([]string{}, activityFormFields...)
		for i := range activitySessionRows {
			n := strconv.Itoa(i)
			fields = append(fields, "s_date_"+n, "s_start_"+n, "s_end_"+n, "s_place_"+n, "s_link_"+n)
		}
		form := formValues(r, fields...)
		places, picks, f := h.readPlaces(r, form, "region_code")
		region := places["region_code"]
		if f["region_code"] != "" {
			region = ""
		}
		in := app.ActivityInput{Kind: form["kind"], Title: form["title"], Description: form["description"], Organiser: form["organiser"],
			OrgName: form["org_name"], Series: form["series"], RegionCode: region, OpensAt: form["opens_at"], ClosesAt: form["closes_at"],
			Allocation: form["allocation"], Residents: form["residents"] != "", Graduates: form["graduates"] != "",
			Capacity: formCount(&f, form, "capacity", "请填写名额（整数）"), FeeYuan: optionalCount(&f, form, "fee_yuan", "费用应为整数（元），免费填 0"),
			MinAge: optionalCount(&f, form, "min_age", "年龄应为整数"), MaxAge: optionalCount(&f, form, "max_age", "年龄应为整数"),
			NoShowLimit: optionalCount(&f, form, "no_show_limit", "缺席次数应为整数")}
		in.StationID, _ = strconv.ParseInt(form["station_id"], 10, 64)
		var rows []int
		for i := range activitySessionRows {
			n := strconv.Itoa(i)
			if form["s_date_"+n] == "" && form["s_start_"+n] == "" && form["s_end_"+n] == "" && form["s_place_"+n] == "" && form["s_link_"+n] == "" {
				continue
			}
			rows = append(rows, i)
			in.Sessions = append(in.Sessions, app.ActivitySessionInput{Date: form["s_date_"+n], Start: form["s_start_"+n], End: form["s_end_"+n],
				Place: form["s_place_"+n], Link: form["s_link_"+n]})
		}
		var act *activity.Activity
		var err error
		if len(f) > 0 {
			err = f.Err()
		} else if edit {
			act, err = h.activities.Update(r.Context(), httpx.Actor(r), id, in)
		} else {
			act, err = h.activities.Publish(r.Context(), httpx.Actor(r), in)
		}
		if err != nil {
			mergeFormFields(err, f)
			page, perr := h.formPage(r, id, form, sessionErrorsByRow(asFields(err), rows))
			if perr != nil {
				h.fail(w, r, perr)
				return
			}
			page.Places = picks
			h.formFail(w, r, "activity_edit", page, err)
			return
		}
		done := "published"
		if edit {
			done = "saved"
		}
		http.Redirect(w, r, "/activities/"+strconv.FormatInt(act.ID, 10)+"?done="+done, http.StatusSeeOther)
	}
}

// optionalCount reads a whole number that may be left blank (0).
func optionalCount(f *apperr.Fields, form map[string]string, name, msg string) int {
	if strings.TrimSpace(form[name]) == "" {
		return 0
	}
	return formCount(f, form, name, msg)
}

// sessionErrorsByRow maps sessions.K (the K-th filled row) to the form's rows.
func sessionErrorsByRow(errs map[string]string, rows []int) map[string]string {
	out := map[string]string{}
	for k, v := range errs {
		if rest, ok := strings.CutPrefix(k, "sessions."); ok {
			if num, suffix, ok := strings.Cut(rest, "."); ok {
				if j, err := strconv.Atoi(num); err == nil && j < len(rows) {
					out["sessions."+strconv.Itoa(rows[j])+"."+suffix] = v
				}
			}
		}
	}
	return out
}

// cancel calls an activity off.
func (h *activityPages) cancel(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "reason")
	if _, err := h.activities.Cancel(r.Context(), httpx.Actor(r), id, app.CancelInput{Reason: form["reason"]}); err != nil {
		h.failOnPage(w, r, "activity", err, form, func() (*Page, error) { return h.activityPage(r, id) })
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(id, 10)+"?done=cancelled", http.StatusSeeOther)
}

// draw runs a lottery now.
func (h *activityPages) draw(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	if _, err := h.activities.Draw(r.Context(), httpx.Actor(r), id); err != nil {
		h.showRefusal(w, r, id, err)
		return
	}
	http.Redirect(w, r, "/console/activities/"+strconv.FormatInt(id, 10)+"/roster?done=drawn", http.StatusSeeOther)
}

type activityRosterData struct {
	A        *activity.Activity
	Signups  []*activity.Signup
	Stations []*activity.Station // at a fair: the picker of the station that brought the person
	Q        string              // the person search
	Searched bool
	Found    []*registry.Person // masked
}

// rosterPage is an activity's roster with the search for signing someone
// up on their behalf (q: a name, phone or ID number).
func (h *activityPages) rosterPage(r *http.Request, id int64, q string) (*Page, error) {
	a := httpx.Actor(r)
	act, list, err := h.activities.Roster(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	d := &activityRosterData{A: act, Signups: list, Q: strings.TrimSpace(q)}
	page := &Page{Title: "报名名单 · " + act.Title, Nav: "console", Flash: activityFlash[r.URL.Query().Get("done")], Data: d,
		Form: map[string]string{"q": d.Q}}
	if act.Kind.HasBooths() {
		if d.Stations, err = h.activities.Stations(r.Context()); err != nil {
			return nil, err
		}
	}
	if d.Q != "" {
		d.Searched = true
		if d.Found, err = h.activities.FindPersons(r.Context(), a, d.Q); err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				return nil, err
			}
			d.Searched, page.Errors = false, apperr.As(err).Fields
		}
	}
	return page, nil
}

// roster is an activity's roster for staff.
func (h *activityPages) roster(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok {
		return
	}
	page, err := h.rosterPage(r, id, r.URL.Query().Get("q"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if page.Errors != nil {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "activity_roster", page)
}

// signUpFor signs the person picked from the search up on their behalf.
func (h *activityPages) signUpFor(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "person_id", "station_id", "q")
	in := app.ActivitySignupForInput{}
	in.PersonID, _ = strconv.ParseInt(form["person_id"], 10, 64)
	if r.PostForm.Has("station_id") {
		st, _ := strconv.ParseInt(form["station_id"], 10, 64)
		in.StationID = &st
	}
	if _, err := h.activities.SignUpFor(r.Context(), httpx.Actor(r), id, in); err != nil {
		if msg := apperr.As(err).Fields["station_id"]; msg != "" { // the pickers are per person: say it above them
			err = apperr.New(apperr.Invalid, msg)
		}
		h.failOnPage(w, r, "activity_roster", err, nil, func() (*Page, error) {
			page, err := h.rosterPage(r, id, form["q"])
			if err == nil {
				page.Form["station_id-"+form["person_id"]] = form["station_id"]
			}
			return page, err
		})
		return
	}
	http.Redirect(w, r, "/console/activities/"+strconv.FormatInt(id, 10)+"/roster?done=signed_for", http.StatusSeeOther)
}

var activityRosterHeader = []string{"报名号", "姓名", "状态", "候补/抽签顺序", "签到场次", "评分", "评价", "报名时间", "组织参会的工作站"}

// rosterSheet is the roster as a spreadsheet (audited).
func (h *activityPages) rosterSheet(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动不存在")
	if !ok {
		return
	}
	act, list, err := h.activities.ExportRoster(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(list))
	for _, su := range list {
		rows = append(rows, []any{su.ID, su.PersonName, su.Status.Label(), su.Rank, su.Attended, su.Rating, su.Comment,
			su.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04:05"), su.StationName})
	}
	h.writeSheet(w, "报名名单 "+act.Title, activityRosterHeader, rows)
}

// markAttendance signs a person in on the roster.
func (h *activityPages) markAttendance(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "报名记录不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "session_id", "activity_id")
	sid, _ := strconv.ParseInt(form["session_id"], 10, 64)
	if err := h.activities.MarkAttendance(r.Context(), httpx.Actor(r), id, sid); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/activities/"+url.PathEscape(form["activity_id"])+"/roster?done=marked", http.StatusSeeOther)
}

type activityCodeData struct {
	C     *app.ActivitySessionCode
	QR    template.HTML
	Digit string
}

// sessionCode is what staff show at the door: the QR image and the code.
func (h *activityPages) sessionCode(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "场次不存在")
	if !ok {
		return
	}
	c, err := h.activities.SessionCode(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	svg, err := qr.SVG(h.absolute(r, c.Path), "签到二维码："+c.Activity.Title+" "+c.Session.Text())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "activity_code", &Page{Title: "签到码 · " + c.Activity.Title, Nav: "console",
		Data: &activityCodeData{C: c, QR: template.HTML(svg), Digit: c.Code[:3] + " " + c.Code[3:]}})
}

type termData struct {
	Terms []app.Term
	Now   time.Time
	X     *app.Activities
}

// nightSchool is the night school's term page: each running series with
// all its courses.
func (h *activityPages) nightSchool(w http.ResponseWriter, r *http.Request) {
	terms, now, err := h.activities.Terms(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "activity_terms", &Page{Title: "青年夜校", Nav: "activities", Data: &termData{Terms: terms, Now: now, X: h.activities}})
}

var activitySheetHeader = []string{"编号", "类型", "名称", "主办单位", "系列", "地点", "第一场", "场次", "名额", "已获名额", "候补", "抽签登记", "分配方式", "状态"}

// exportList is every activity as a spreadsheet (audited).
func (h *activityPages) exportList(w http.ResponseWriter, r *http.Request) {
	list, err := h.activities.Export(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.now()
	rows := make([][]any, 0, len(list))
	for _, a := range list {
		rows = append(rows, []any{a.ID, a.Kind.Label(), a.Title, a.OrgName, a.Series, h.activities.PlaceName(a.RegionCode),
			a.Start().In(chinatime.Zone).Format("2006-01-02 15:04"), len(a.Sessions), a.Capacity, a.Taken, a.Waiting, a.Entries, a.Allocation.Label(),
			phaseLabel(a.PhaseAt(now))})
	}
	h.writeSheet(w, "活动", activitySheetHeader, rows)
}

// phaseLabel is a phase's Chinese name.
func phaseLabel(p activity.Phase) string {
	switch p {
	case activity.PhaseSoon:
		return "即将开放报名"
	case activity.PhaseOpen:
		return "报名中"
	case activity.PhaseDrawing:
		return "待抽签"
	case activity.PhaseClosed:
		return "报名已截止"
	case activity.PhaseEnded:
		return "已结束"
	}
	return "已取消"
}
