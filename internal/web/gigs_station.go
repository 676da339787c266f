package web

// 零工驿站 pages: staff sign a worker up from the gig page by the phone or
// ID number the worker gives, and print (or export) the day's shift list
// of a district; the employer exports a gig's sign-ups with their pay
// records.

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
)

// signUpFor is the station's 代为报名 form on the gig page.
func (h *gigOfficePages) signUpFor(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := app.SignupInput{All: r.PostFormValue("all") == "1"}
	in.ShiftID, _ = strconv.ParseInt(r.PostFormValue("shift_id"), 10, 64)
	a := httpx.Actor(r)
	list, err := h.work.SignUpByLookup(r.Context(), a, id, r.PostFormValue("lookup"), in)
	if err != nil {
		h.failOnPage(w, r, "gigs_detail", err, map[string]string{"lookup": r.PostFormValue("lookup")},
			func() (*Page, error) { return h.pub.detailPageOf(r, id) })
		return
	}
	done := "station"
	if len(list) > 0 && list[0].Status == gigs.SignupWaitlisted {
		done = "station_waitlisted"
	}
	http.Redirect(w, r, "/gigs/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
}

type stationData struct {
	Day, District string
	UI            *jobsUI
	Rows          []stationRow
	ExportHref    string
}

type stationRow struct {
	GigID                     int64
	Title, Employer, Shift    string
	Place, Address, Pay, Fill string
	Workers                   []string
}

var stationSheetHeader = []string{"零工", "雇主", "班次", "地点", "地址", "报酬", "录用", "人员"}

// stationDay is a station's day list: ?date=YYYY-MM-DD&district=; with
// format=xlsx, the same list as a spreadsheet.
func (h *gigOfficePages) stationDay(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	day, err := time.ParseInLocation(time.DateOnly, q.Get("date"), chinatime.Zone)
	if err != nil {
		day = h.now().In(chinatime.Zone)
	}
	district := q.Get("district")
	list, err := h.work.StationDay(r.Context(), httpx.Actor(r), day, district)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := stationData{Day: day.Format(time.DateOnly), District: district, UI: h.jobsUI,
		ExportHref: "/console/gigs/station?format=xlsx&date=" + day.Format(time.DateOnly) + "&district=" + district}
	for _, st := range list {
		row := stationRow{GigID: st.Gig.ID, Title: st.Gig.Title, Employer: st.Gig.EmployerName, Shift: st.Shift.Text(),
			Place: h.place(st.Gig.RegionCode), Address: st.Gig.Address, Pay: st.Gig.PayText(), Fill: gigs.SignupsText(st.Shift.Filled, st.Gig.Slots)}
		for _, su := range st.Workers {
			row.Workers = append(row.Workers, su.PersonName+"（"+su.Status.Label()+"）")
		}
		d.Rows = append(d.Rows, row)
	}
	if q.Get("format") == "xlsx" {
		rows := make([][]any, 0, len(d.Rows))
		for _, r := range d.Rows {
			names := ""
			for i, n := range r.Workers {
				if i > 0 {
					names += "、"
				}
				names += n
			}
			rows = append(rows, []any{r.Title, r.Employer, r.Shift, r.Place, r.Address, r.Pay, r.Fill, names})
		}
		h.writeSheet(w, "零工驿站班次表 "+d.Day, stationSheetHeader, rows)
		return
	}
	h.render(w, r, http.StatusOK, "gigs_station", &Page{Title: "驿站班次表 " + d.Day, Nav: "console",
		Form: map[string]string{"date": d.Day, "district": district}, Data: d})
}

var signupSheetHeader = []string{"班次", "姓名", "状态", "签到", "签退", "工时", "应得（元）", "已付（元）", "按时付款", "实收（元）", "争议", "处理结果"}

// exportSignups sends a gig's sign-ups with their check times and pay
// records as a spreadsheet, to its employer.
func (h *gigOfficePages) exportSignups(w http.ResponseWriter, r *http.Request, v *app.GigSignupsView) {
	rows := make([][]any, 0, len(v.Signups))
	clock := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(chinatime.Zone).Format("15:04")
	}
	money := func(fen int64) any {
		if fen < 0 {
			return ""
		}
		return float64(fen) / 100
	}
	for _, s := range v.Signups {
		onTime := ""
		if s.Status == gigs.SignupCompleted {
			onTime = map[bool]string{true: "是", false: "否"}[s.PaidOnTime]
		}
		rows = append(rows, []any{s.Shift().Text(), s.PersonName, s.Status.Label(), clock(s.CheckedInAt), clock(s.CheckedOutAt),
			s.HoursWorked, money(s.PromisedFen), money(s.PaidFen), onTime, money(s.ReceivedFen), s.Dispute.Label(), s.Resolution})
	}
	h.writeSheet(w, "报名与报酬记录 "+v.Gig.Title, signupSheetHeader, rows)
}

type employersData struct {
	Rows []*gigs.Employer
}

// employersPage lists 个人用工 applications for staff to verify.
func (h *gigOfficePages) employersPage(w http.ResponseWriter, r *http.Request) {
	list, err := h.gigs.PendingGigEmployers(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := &Page{Title: "个人用工核验", Nav: "console", Data: employersData{Rows: list}}
	if r.URL.Query().Get("done") == "decided" {
		page.Flash = "已处理，申请人会收到站内消息。"
	}
	h.render(w, r, http.StatusOK, "gigs_employers", page)
}

// decideEmployer is staff's verification of one application.
func (h *gigOfficePages) decideEmployer(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := app.EmployerDecision{Verify: r.PostFormValue("verify") == "1", Reason: r.PostFormValue("reason")}
	if _, err := h.gigs.DecideGigEmployer(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/gigs/employers?done=decided", http.StatusSeeOther)
}
