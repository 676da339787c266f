package web

// 零工经纪人, the worker's side: 附近的零工 (nearest first with the phone's
// position, or by district and street without JavaScript; today's and
// tomorrow's on top; "已报名 7/10" on every card), the gig page with one
// sign-up button per shift, 我的零工 (sign-ups with cancel) and the gig
// profile.

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/tags"
)

// gigPages serves the gig broker's pages.
type gigPages struct {
	*site
	gigs     *app.Gigs
	work     *app.GigWork  // sign-ups, check-in, pay, disputes, the station
	jobPages *jobPages     // the occupation classifier and the enterprise's verification
	slots    chan struct{} // bounds concurrent 附近的零工 pages, as searchSlots does for /jobs
}

// gigCard is one gig in a list.
type gigCard struct {
	ID                     int64
	Title, Pay, Shift      string
	Fill                   string
	Full, Urgent           bool
	Soon                   string // 今天 / 明天 for the next shift
	Distance               string // "1.2 公里", "" without a point
	Place, Address, Emp    string
	MoreShifts             int
	Instant                bool
	Credit                 string // the employer's record in one line
	StartsAt, EndsAt, Date string
}

func (h *site) gigCardOf(g *gigs.Gig, next gigs.Shift, dist float64, now time.Time) gigCard {
	c := gigCard{ID: g.ID, Title: g.Title, Pay: g.PayText(), Fill: gigs.SignupsText(next.Filled, g.Slots),
		Full: next.Filled >= g.Slots, Urgent: g.Urgent, Place: h.place(g.RegionCode), Address: g.Address, Emp: g.EmployerName,
		MoreShifts: len(g.Shifts) - 1, Instant: g.InstantAccept}
	if !next.StartsAt.IsZero() {
		c.Shift = next.Text()
		switch next.Date() {
		case now.In(chinatime.Zone).Format(time.DateOnly):
			c.Soon = "今天"
		case now.In(chinatime.Zone).AddDate(0, 0, 1).Format(time.DateOnly):
			c.Soon = "明天"
		}
	}
	if dist >= 0 {
		c.Distance = strconv.FormatFloat(dist, 'f', 1, 64) + " 公里"
	}
	return c
}

type gigsListData struct {
	Cards    []gigCard
	Total    int
	Page     int
	PrevHref string
	NextHref string
	HasPoint bool
	UI       *jobsUI
	DateOpts []opt
	SortOpts []opt
	DateHTML template.HTML // the options of the day and sort selects
	SortHTML template.HTML
	List     template.HTML // count, cards and pager (gigs_html.go)
	Person   bool
	Employer bool
	Reviewer bool
	Station  bool // staff who resolve pay disputes
	// FromProfile: a person's page opened around the home in their gig
	// profile (no position or place asked for)
	FromProfile bool
	QueryWords  string
}

// gigsPage is 附近的零工. At most 2×GOMAXPROCS pages are searched and
// rendered at once and the rest wait in arrival order, as the job search
// page does: under load, pages finish one after another instead of all
// slowly together, which shortens the tail.
func (h *gigPages) gigsPage(w http.ResponseWriter, r *http.Request) {
	h.slots <- struct{}{}
	defer func() { <-h.slots }()
	q := r.URL.Query()
	form := map[string]string{"lat": q.Get("lat"), "lng": q.Get("lng"), "district": q.Get("district"), "street": q.Get("street"),
		"date": q.Get("date"), "sort": q.Get("sort"), "radius_km": q.Get("radius_km")}
	gq := app.GigQuery{Date: form["date"], Sort: form["sort"], RadiusKm: form["radius_km"], PageSize: 20}
	gq.Page, _ = strconv.Atoi(q.Get("page"))
	if form["lat"] != "" && form["lng"] != "" {
		gq.Near = form["lat"] + "," + form["lng"]
	}
	gq.Region = form["street"]
	if gq.Region == "" {
		gq.Region = form["district"]
	}
	now := h.now()
	u := httpx.Actor(r).User
	fromProfile := false
	if account.IsPerson(u) && gq.Near == "" && gq.Region == "" && q.Get("any") == "" {
		fromProfile = h.nearHome(r, &gq, form)
	}
	d := gigsListData{UI: h.jobsUI, Person: account.IsPerson(u), FromProfile: fromProfile, Employer: account.IsEmployer(u), Reviewer: account.CanReviewGigs(u), Station: account.CanResolveGigDisputes(u),
		SortOpts: []opt{{"", "默认"}, {"start", "开工时间"}, {"pay", "报酬最高"}}}
	d.DateOpts = []opt{{"", "不限日期"}}
	for i, name := range []string{"今天", "明天", "后天"} {
		day := now.In(chinatime.Zone).AddDate(0, 0, i).Format(time.DateOnly)
		d.DateOpts = append(d.DateOpts, opt{day, name + "（" + day[5:] + "）"})
	}
	d.DateHTML, d.SortHTML = selectHTML(d.DateOpts, form["date"]), selectHTML(d.SortOpts, form["sort"])
	page := &Page{Title: "附近的零工", Nav: "gigs", Form: form, Data: &d}
	res, err := h.gigs.SearchGigs(r.Context(), gq)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Invalid {
			page.Message, page.Errors = apperr.As(err).Message, apperr.As(err).Fields
			h.render(w, r, http.StatusUnprocessableEntity, "gigs", page)
			return
		}
		h.fail(w, r, err)
		return
	}
	d.Total, d.Page, d.HasPoint = res.Total, res.Page, res.HasPoint
	for _, hit := range res.Items {
		c := h.gigCardOf(hit.Gig, hit.Next, hit.DistanceKm, now)
		c.Credit = hit.Credit.Text()
		d.Cards = append(d.Cards, c)
	}
	link := func(p int) string {
		v := url.Values{}
		for k, val := range form {
			if val != "" {
				v.Set(k, val)
			}
		}
		v.Set("page", strconv.Itoa(p))
		return "/gigs?" + v.Encode()
	}
	if res.Page > 1 {
		d.PrevHref = link(res.Page - 1)
	}
	if res.Page*res.PageSize < res.Total {
		d.NextHref = link(res.Page + 1)
	}
	d.List = gigListHTML(&d, form["radius_km"])
	h.render(w, r, http.StatusOK, "gigs", page)
}

type gigDetailData struct {
	Card      gigCard
	Gig       *gigs.Gig
	Shifts    []shiftRow
	Occ       string
	Person    bool
	Staff     bool
	Insider   bool
	CanManage bool
	Mine      []*gigs.Signup
	Deadline  string
	FlagsView []gigs.Flag

	ProvidedText, SkillsText string
	AnyOpen                  bool // a shift can still be signed up for
}

type shiftRow struct {
	ID          int64
	Text, Fill  string
	Full, Open  bool
	MineStatus  string
	MineID      int64
	MineCancel  bool
	Date, Start string
}

// nearHome points a person's 附近的零工 at the home and distance of their
// gig profile (or its street, without a point), as a worker opening the
// page expects; it reports whether it did.
func (h *gigPages) nearHome(r *http.Request, gq *app.GigQuery, form map[string]string) bool {
	p, err := h.work.GigProfile(r.Context(), httpx.Actor(r))
	if err != nil || p == nil || p.UpdatedAt.IsZero() {
		return false
	}
	switch {
	case p.HasHome:
		form["lat"], form["lng"] = strconv.FormatFloat(p.HomeLat, 'f', 2, 64), strconv.FormatFloat(p.HomeLng, 'f', 2, 64)
		form["radius_km"] = strconv.Itoa(p.RadiusKm)
		gq.Near, gq.RadiusKm = form["lat"]+","+form["lng"], form["radius_km"]
	case p.HomeRegion != "":
		form["street"], gq.Region = p.HomeRegion, p.HomeRegion
	default:
		return false
	}
	return true
}

// gigDetail is one gig with a sign-up button per shift.
func (h *gigPages) gigDetail(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	a := httpx.Actor(r)
	v, err := h.gigs.ViewGig(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "gigs_detail", h.gigDetailPage(r, v))
}

// detailPageOf builds the gig page of id for the viewer.
func (h *gigPages) detailPageOf(r *http.Request, id int64) (*Page, error) {
	v, err := h.gigs.ViewGig(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	return h.gigDetailPage(r, v), nil
}

func (h *gigPages) gigDetailPage(r *http.Request, v *app.GigView) *Page {
	now := h.now()
	g := v.Gig
	next, _ := g.NextShift(now)
	card := h.gigCardOf(g, next, -1, now)
	card.Credit = v.Credit.Text()
	d := gigDetailData{Card: card, Gig: g, Person: account.IsPerson(httpx.Actor(r).User),
		Staff: account.CanSignUpFor(httpx.Actor(r).User), Insider: v.Insider, CanManage: v.CanManage, Mine: v.Mine}
	if c, ok := h.codes.Occupations.Get(g.OccupationCode); ok {
		d.Occ = c.Name
	}
	if v.Insider {
		d.FlagsView = g.Flags
	}
	for _, s := range g.Shifts {
		row := shiftRow{ID: s.ID, Text: s.Text(), Fill: gigs.SignupsText(s.Filled, g.Slots), Full: s.Filled >= g.Slots,
			Open: now.Before(s.StartsAt) && g.Searchable(now)}
		for _, m := range v.Mine {
			if m.ShiftID == s.ID {
				row.MineStatus, row.MineID = m.Status.Label(), m.ID
				row.MineCancel = m.Status.Open() && now.Before(s.StartsAt)
			}
		}
		d.Shifts = append(d.Shifts, row)
		d.AnyOpen = d.AnyOpen || row.Open
	}
	d.Deadline = "开工前 " + strconv.Itoa(g.CancelHours) + " 小时"
	d.ProvidedText, d.SkillsText = strings.Join(g.Provided, "、"), strings.Join(g.Skills, "、")
	page := &Page{Title: g.Title, Nav: "gigs", Data: &d}
	switch r.URL.Query().Get("done") {
	case "signed":
		page.Flash = "报名成功，已录用。请按时到岗并在现场签到。"
	case "pending":
		page.Flash = "已报名，等待雇主确认，结果会发到您的站内消息。"
	case "waitlisted":
		page.Flash = "该班次已满，您已进入候补；有人取消时按报名先后递补，并通知您。"
	case "station":
		page.Flash = "已代为报名，求职者会收到站内消息。"
	case "station_waitlisted":
		page.Flash = "已代为报名，该班次已满，已进入候补。"
	}
	return page
}

// signUp is the sign-up button: one shift, or all with all=1.
func (h *gigPages) signUp(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := app.SignupInput{All: r.PostFormValue("all") == "1"}
	in.ShiftID, _ = strconv.ParseInt(r.PostFormValue("shift_id"), 10, 64)
	in.PersonID, _ = strconv.ParseInt(r.PostFormValue("person_id"), 10, 64)
	a := httpx.Actor(r)
	list, err := h.work.SignUp(r.Context(), a, id, in)
	if err != nil {
		h.failOnPage(w, r, "gigs_detail", err, nil, func() (*Page, error) { return h.detailPageOf(r, id) })
		return
	}
	done := "signed"
	for _, s := range list {
		if s.Status == gigs.SignupWaitlisted {
			done = "waitlisted"
		}
	}
	if len(list) > 0 && list[0].Status == gigs.SignupPending {
		done = "pending"
	}
	http.Redirect(w, r, "/gigs/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
}

// cancelSignup is the worker's cancel button.
func (h *gigPages) cancelSignup(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	s, err := h.work.CancelSignup(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/gigs?done="+string(s.Status), http.StatusSeeOther)
}

type myGigsData struct {
	Rows     []mySignupRow
	FailedID int64 // the row whose form failed: its errors and values show there
}

type mySignupRow struct {
	ID                  int64
	GigID               int64
	Title, Shift        string
	Status, StatusClass string
	Cancel              bool
	Past                bool
	Check               string
	Pay                 *payLine
	Confirm             bool // the employer recorded pay; the worker has not confirmed
	Rate                bool
}

// myGigs is 我的零工: the worker's sign-ups.
func (h *gigPages) myGigs(w http.ResponseWriter, r *http.Request) {
	page, err := h.myGigsPage(r, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case string(gigs.SignupCancelled):
		page.Flash = "已取消报名，名额已让给其他人。"
	case string(gigs.SignupLateCancel):
		page.Flash = "已取消报名。已过免责取消时间，本次记为逾期取消。"
	case "received":
		page.Flash = "已确认收到的报酬。"
	case "disputed":
		page.Flash = "异议已提交，区人社局经办人员会核实处理，结果发到您的站内消息。"
	case "rated":
		page.Flash = "评价已提交，谢谢。"
	}
	h.render(w, r, http.StatusOK, "gigs_mine", page)
}

// myGigsPage builds 我的零工; failedID names the row whose form failed.
func (h *gigPages) myGigsPage(r *http.Request, failedID int64) (*Page, error) {
	list, err := h.work.MySignups(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	now := h.now()
	d := myGigsData{FailedID: failedID}
	for _, s := range list {
		d.Rows = append(d.Rows, mySignupRow{ID: s.ID, GigID: s.GigID, Title: s.GigTitle,
			Shift: gigs.Shift{StartsAt: s.StartsAt, EndsAt: s.EndsAt}.Text(), Status: s.Status.Label(), StatusClass: string(s.Status),
			Cancel: s.Status.Open() && now.Before(s.StartsAt), Past: !now.Before(s.EndsAt), Check: checkText(s), Pay: payLineOf(s),
			Confirm: s.Status == gigs.SignupCompleted && s.PaidFen >= 0 && s.ReceivedFen < 0, Rate: s.Status == gigs.SignupCompleted})
	}
	return &Page{Title: "我的零工", Nav: "me", Data: d}, nil
}

// receipt is the worker's confirmation of what arrived, or a dispute.
func (h *gigPages) receipt(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	in := app.ReceiptInput{ReceivedAmount: r.PostFormValue("received_amount"), Dispute: r.PostFormValue("dispute") == "1",
		Statement: r.PostFormValue("statement")}
	if _, err := h.work.ConfirmReceipt(r.Context(), httpx.Actor(r), id, in); err != nil {
		form := map[string]string{"received_amount": in.ReceivedAmount, "statement": in.Statement, "dispute": boolForm(in.Dispute)}
		h.failOnPage(w, r, "gigs_mine", err, form, func() (*Page, error) { return h.myGigsPage(r, id) })
		return
	}
	done := "received"
	if in.Dispute {
		done = "disputed"
	}
	http.Redirect(w, r, "/me/gigs?done="+done, http.StatusSeeOther)
}

var profileFields = []string{"skills", "hour_from", "hour_to", "home_region", "home_lat", "home_lng", "radius_km"}

type profileData struct {
	UI    *jobsUI
	Days  []dayOpt
	Hours []opt
}

type dayOpt struct {
	Value   int
	Name    string
	Checked bool
}

func (h *gigPages) profilePage(form map[string]string, days []int) *Page {
	d := profileData{UI: h.jobsUI}
	for i, n := range gigs.WeekdayNames {
		on := false
		for _, x := range days {
			on = on || x == i
		}
		d.Days = append(d.Days, dayOpt{Value: i, Name: n, Checked: on})
	}
	for i := 0; i <= 24; i++ {
		d.Hours = append(d.Hours, opt{strconv.Itoa(i), strconv.Itoa(i) + ":00"})
	}
	return &Page{Title: "我的零工资料", Nav: "me", Form: form, Data: d}
}

// profileForm shows the worker's gig profile.
func (h *gigPages) profileForm(w http.ResponseWriter, r *http.Request) {
	p, err := h.work.GigProfile(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{"skills": strings.Join(p.Skills, "，"), "hour_from": strconv.Itoa(p.HourFrom),
		"hour_to": strconv.Itoa(p.HourTo), "home_region": p.HomeRegion, "radius_km": strconv.Itoa(p.RadiusKm)}
	if p.HasHome {
		form["home_lat"] = strconv.FormatFloat(p.HomeLat, 'f', 2, 64)
		form["home_lng"] = strconv.FormatFloat(p.HomeLng, 'f', 2, 64)
	}
	page := h.profilePage(form, p.Days)
	if r.URL.Query().Get("done") == "saved" {
		page.Flash = "已保存。有合适的新零工会发到您的站内消息。"
	}
	h.render(w, r, http.StatusOK, "gigs_profile", page)
}

// saveProfile saves the gig profile form.
func (h *gigPages) saveProfile(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, profileFields...)
	var f apperr.Fields
	num := func(name string) int {
		n, err := strconv.Atoi(form[name])
		if err != nil && form[name] != "" {
			f.Add(name, "请选择")
		}
		return n
	}
	in := app.ProfileInput{Skills: tags.Split(form["skills"]), HourFrom: num("hour_from"), HourTo: num("hour_to"),
		HomeRegion: form["home_region"], RadiusKm: num("radius_km")}
	for _, v := range r.PostForm["days"] {
		if n, err := strconv.Atoi(v); err == nil {
			in.Days = append(in.Days, n)
		}
	}
	if form["home_lat"] != "" && form["home_lng"] != "" {
		lat, err1 := strconv.ParseFloat(form["home_lat"], 64)
		lng, err2 := strconv.ParseFloat(form["home_lng"], 64)
		if err1 != nil || err2 != nil {
			f.Add("home_lat", "位置无法识别，请重新点“使用我的位置”或清空")
		}
		in.HomeLat, in.HomeLng = &lat, &lng
	}
	err := f.Err()
	if err == nil {
		_, err = h.work.SaveGigProfile(r.Context(), httpx.Actor(r), in)
	}
	if err != nil {
		h.formFail(w, r, "gigs_profile", h.profilePage(form, in.Days), err)
		return
	}
	http.Redirect(w, r, "/me/gig-profile?done=saved", http.StatusSeeOther)
}

// gigID reads the {id} of a gig route; a malformed one is a 404 page.
func (h *site) gigID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, "零工不存在"))
		return 0, false
	}
	return id, true
}
