package web

// 零工经纪人, the employer's side: the list of the enterprise's gigs with
// their screening result, the gig form (new and edit: the occupation is
// picked by name from suggestions for the title, shifts are rows of date
// and times, the place is a street by name plus an optional "使用我的位置";
// "检查内容" shows the screening result without saving), close, and the
// sign-ups of a gig with accept and decline.

import (
	"encoding/json"
	"net/http"
	"slices"
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

// gigOfficePages serves the gig pages of employers (an enterprise's, or a
// person's hiring for themselves) and of the bureau: the back office of
// gigs and their sign-ups, the review queue, the 零工驿站 and disputes.
type gigOfficePages struct {
	*site
	gigs *app.Gigs
	work *app.GigWork
	pub  *gigPages // the gig page (shown again when a station sign-up fails), the classifier
}

type enterpriseGigsData struct {
	Rows     []enterpriseGigRow
	Person   bool           // a person hiring for themselves (个人用工)
	Employer *gigs.Employer // the person's registration, nil before applying
	CanPost  bool
}

type enterpriseGigRow struct {
	ID                  int64
	Title, Pay, Shifts  string
	Status, StatusClass string
	Flags               []gigs.Flag
	Blocked             bool
	Reason              string
	Editable            bool
	Fill                string
	Pushed              int
}

// posterVerified reports whether the poster may post now: an enterprise
// verified by staff, or a person whose 个人用工 registration is.
func (h *gigOfficePages) posterVerified(r *http.Request) (bool, error) {
	a := httpx.Actor(r)
	if !account.IsPerson(a.User) {
		return h.pub.jobPages.enterpriseVerified(r)
	}
	e, err := h.gigs.MyGigEmployer(r.Context(), a)
	if err != nil {
		return false, err
	}
	return e != nil && e.Status == gigs.EmployerVerified, nil
}

// enterpriseGigs lists the poster's gigs, newest first; a person sees
// their 个人用工 application first.
func (h *gigOfficePages) enterpriseGigs(w http.ResponseWriter, r *http.Request) {
	page, err := h.enterpriseGigsPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "gigs_enterprise", page)
}

func (h *gigOfficePages) enterpriseGigsPage(r *http.Request) (*Page, error) {
	a := httpx.Actor(r)
	list, err := h.gigs.EmployerGigs(r.Context(), a)
	if err != nil {
		return nil, err
	}
	d := enterpriseGigsData{Person: account.IsPerson(a.User), CanPost: true}
	form := map[string]string{}
	if d.Person {
		if d.Employer, err = h.gigs.MyGigEmployer(r.Context(), a); err != nil {
			return nil, err
		}
		d.CanPost = d.Employer != nil && d.Employer.Status == gigs.EmployerVerified
		if d.Employer != nil {
			form["name"], form["purpose"] = d.Employer.Name, d.Employer.Purpose
		}
	}
	for _, g := range list {
		row := enterpriseGigRow{ID: g.ID, Title: g.Title, Pay: g.PayText(), Status: g.Status.Label(), StatusClass: string(g.Status),
			Flags: g.Flags, Blocked: gigs.Blocked(g.Flags), Reason: g.ReviewReason, Editable: g.Status != gigs.Closed,
			Pushed: g.Pushed}
		if len(g.Shifts) > 0 {
			row.Shifts = g.Shifts[0].Text()
			if len(g.Shifts) > 1 {
				row.Shifts += " 等 " + strconv.Itoa(len(g.Shifts)) + " 个班次"
			}
			filled := 0
			for _, s := range g.Shifts {
				filled += s.Filled
			}
			row.Fill = "已录用 " + strconv.Itoa(filled) + " 人次（每班 " + strconv.Itoa(g.Slots) + " 人）"
		}
		d.Rows = append(d.Rows, row)
	}
	page := &Page{Title: "零工管理", Nav: "me", Form: form, Data: d}
	switch r.URL.Query().Get("done") {
	case "created":
		page.Flash = "零工已提交，等待审核。审核结果会发到站内消息。"
	case "saved":
		page.Flash = "修改已提交，零工重新进入审核，通过后再次上线。"
	case gigs.ActClose:
		page.Flash = "零工已关闭。"
	case "applied":
		page.Flash = "个人用工申请已提交，区人社局经办人员核验后会通知您。"
	}
	return page, nil
}

// applyEmployer is a person's 个人用工 application form.
func (h *gigOfficePages) applyEmployer(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	in := app.GigEmployerInput{Name: r.PostFormValue("name"), Purpose: r.PostFormValue("purpose")}
	if _, err := h.gigs.ApplyGigEmployer(r.Context(), httpx.Actor(r), in); err != nil {
		h.failOnPage(w, r, "gigs_enterprise", err, map[string]string{"name": in.Name, "purpose": in.Purpose},
			func() (*Page, error) { return h.enterpriseGigsPage(r) })
		return
	}
	http.Redirect(w, r, "/gig-posts?done=applied", http.StatusSeeOther)
}

var gigFormFields = []string{"title", "occupation_code", "description", "pay_amount", "pay_unit", "slots", "region_code",
	"address", "lat", "lng", "skills", "urgent", "instant_accept", "cancel_hours"}

type gigFormData struct {
	Action     string
	Edit       bool
	Verified   bool
	UI         *jobsUI
	Candidates []occOpt
	Units      []opt
	Provisions []benefitOpt
	Shifts     []ShiftForm
	CancelOpts []opt
	Flags      []gigs.Flag
	Screened   bool
	MinDay     string
}

// ShiftForm is one row of the shift inputs.
type ShiftForm struct {
	I                int
	Date, Start, End string
}

// gigForm builds the form page for the given values.
func (h *gigOfficePages) gigForm(edit bool, id int64, form map[string]string, provided []string, shifts []ShiftForm, verified bool) *Page {
	d := gigFormData{Action: "/gig-posts/new", Edit: edit, Verified: verified, UI: h.jobsUI,
		MinDay: chinatime.Today(h.now()).Format(time.DateOnly)}
	if edit {
		d.Action = "/gig-posts/" + strconv.FormatInt(id, 10) + "/edit"
	}
	for _, u := range gigs.PayUnits {
		d.Units = append(d.Units, opt{string(u), u.Label()})
	}
	for _, p := range gigs.Provisions {
		d.Provisions = append(d.Provisions, benefitOpt{Name: p, Checked: slices.Contains(provided, p)})
	}
	for _, hrs := range []int{0, 2, 6, 12, 24, 48} {
		label := "开工前 " + strconv.Itoa(hrs) + " 小时前可免责取消"
		if hrs == 0 {
			label = "开工前随时可免责取消"
		}
		d.CancelOpts = append(d.CancelOpts, opt{strconv.Itoa(hrs), label})
	}
	for len(shifts) < 3 {
		shifts = append(shifts, ShiftForm{})
	}
	for i := range shifts {
		shifts[i].I = i
	}
	d.Shifts = shifts
	d.Candidates = h.occupationChoices(form["title"], form["description"], form["occupation_code"])
	if form["occupation_code"] == "" && len(d.Candidates) > 0 {
		form["occupation_code"] = d.Candidates[0].Code
	}
	title := "发布零工"
	if edit {
		title = "修改零工"
	}
	return &Page{Title: title, Nav: "me", Form: form, Data: &d}
}

// occupationChoices are the classifier's suggestions for a title, by name,
// with the chosen code kept among them.
func (h *gigOfficePages) occupationChoices(title, desc, code string) []occOpt {
	var out []occOpt
	if t := strings.TrimSpace(title); t != "" {
		if cands, err := h.pub.jobPages.jobs.Classify(app.ClassifyInput{Title: t, Description: desc}); err == nil {
			for _, c := range cands {
				out = append(out, occOpt{Code: c.Code, Name: c.Name, Score: int(c.Score*100 + 0.5)})
			}
		}
	}
	if code != "" && !slices.ContainsFunc(out, func(o occOpt) bool { return o.Code == code }) {
		if c, ok := h.codes.Occupations.Get(code); ok {
			out = append([]occOpt{{Code: c.Code, Name: c.Name, Score: -1}}, out...)
		}
	}
	return out
}

// shiftsOf reads the shift rows of a posted form, skipping empty rows.
func shiftsOf(r *http.Request) []ShiftForm {
	dates, starts, ends := r.PostForm["shift_date"], r.PostForm["shift_start"], r.PostForm["shift_end"]
	var out []ShiftForm
	for i := range dates {
		s := ShiftForm{Date: strings.TrimSpace(dates[i])}
		if i < len(starts) {
			s.Start = strings.TrimSpace(starts[i])
		}
		if i < len(ends) {
			s.End = strings.TrimSpace(ends[i])
		}
		if s.Date != "" || s.Start != "" || s.End != "" {
			out = append(out, s)
		}
	}
	return out
}

// gigInputOf reads the posted form into the app's input.
func gigInputOf(form map[string]string, provided []string, shifts []ShiftForm) (app.GigInput, apperr.Fields) {
	var f apperr.Fields
	in := app.GigInput{Title: form["title"], OccupationCode: form["occupation_code"], Description: form["description"],
		PayUnit: form["pay_unit"], RegionCode: form["region_code"], Address: form["address"],
		Skills: tags.Split(form["skills"]), Provided: provided, Urgent: form["urgent"] == "1", InstantAccept: form["instant_accept"] == "1"}
	in.PayAmount = jsonNumber(form["pay_amount"])
	if s := form["slots"]; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			f.Add("slots", "请填写整数人数")
		}
		in.Slots = n
	}
	if s := form["cancel_hours"]; s != "" {
		n, _ := strconv.Atoi(s)
		in.CancelHours = &n
	}
	for _, s := range shifts {
		in.Shifts = append(in.Shifts, app.ShiftInput{Date: s.Date, Start: s.Start, End: s.End})
	}
	if form["lat"] != "" && form["lng"] != "" {
		lat, err1 := strconv.ParseFloat(form["lat"], 64)
		lng, err2 := strconv.ParseFloat(form["lng"], 64)
		if err1 != nil || err2 != nil {
			f.Add("lat", "位置无法识别，请重新点“使用我的位置”或清空")
		}
		in.Lat, in.Lng = &lat, &lng
	}
	return in, f
}

// formOfGig fills the form from a stored gig.
func formOfGig(in app.GigInput) (map[string]string, []ShiftForm) {
	m := map[string]string{"title": in.Title, "occupation_code": in.OccupationCode, "description": in.Description,
		"pay_amount": in.PayAmount.String(), "pay_unit": in.PayUnit, "slots": strconv.Itoa(in.Slots), "region_code": in.RegionCode,
		"address": in.Address, "skills": strings.Join(in.Skills, "，"), "urgent": boolForm(in.Urgent),
		"instant_accept": boolForm(in.InstantAccept)}
	if in.CancelHours != nil {
		m["cancel_hours"] = strconv.Itoa(*in.CancelHours)
	}
	if in.Lat != nil && in.Lng != nil {
		m["lat"] = strconv.FormatFloat(*in.Lat, 'f', -1, 64)
		m["lng"] = strconv.FormatFloat(*in.Lng, 'f', -1, 64)
	}
	var shifts []ShiftForm
	for _, s := range in.Shifts {
		shifts = append(shifts, ShiftForm{Date: s.Date, Start: s.Start, End: s.End})
	}
	return m, shifts
}

// jsonNumber passes an amount typed on the form to the app as the API
// would send it; the app reads and checks it.
func jsonNumber(s string) json.Number { return json.Number(strings.TrimSpace(s)) }

func boolForm(b bool) string {
	if b {
		return "1"
	}
	return ""
}

func (h *gigOfficePages) newGigForm(w http.ResponseWriter, r *http.Request) {
	verified, err := h.posterVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{"pay_unit": string(gigs.PerHour), "slots": "1", "cancel_hours": strconv.Itoa(gigs.DefCancelHours)}
	h.render(w, r, http.StatusOK, "gigs_edit", h.gigForm(false, 0, form, nil, nil, verified))
}

func (h *gigOfficePages) editGigForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	g, err := h.gigs.EditableGig(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if g.Status == gigs.Closed {
		h.fail(w, r, apperr.New(apperr.Conflict, "该零工已关闭，不能再修改；请发布新的零工"))
		return
	}
	verified, err := h.posterVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := app.InputFromGig(g)
	form, shifts := formOfGig(in)
	page := h.gigForm(true, id, form, in.Provided, shifts, verified)
	page.Data.(*gigFormData).Flags = g.Flags
	page.Data.(*gigFormData).Screened = true
	if g.Status == gigs.Rejected && g.ReviewReason != "" {
		page.Message = "审核未通过：" + g.ReviewReason + "。修改后重新提交。"
	}
	h.render(w, r, http.StatusOK, "gigs_edit", page)
}

func (h *gigOfficePages) newGig(w http.ResponseWriter, r *http.Request) { h.saveGig(w, r, false, 0) }

func (h *gigOfficePages) editGig(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	h.saveGig(w, r, true, id)
}

// saveGig creates or updates a gig from the form; op=classify re-renders
// it with occupation suggestions for the title, op=screen with the
// screening result, both without saving.
func (h *gigOfficePages) saveGig(w http.ResponseWriter, r *http.Request, edit bool, id int64) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, gigFormFields...)
	form["description"] = r.PostFormValue("description")
	provided, shifts := r.PostForm["provided"], shiftsOf(r)
	verified, err := h.posterVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in, numErrs := gigInputOf(form, provided, shifts)
	switch r.PostFormValue("op") {
	case "classify":
		form["occupation_code"] = ""
		page := h.gigForm(edit, id, form, provided, shifts, verified)
		if len(page.Data.(*gigFormData).Candidates) == 0 {
			page.Errors = map[string]string{"title": "请先填写零工名称，再点“推荐工种”"}
		} else {
			page.Flash = "已根据名称推荐工种，请确认或改选。"
		}
		h.render(w, r, http.StatusOK, "gigs_edit", page)
		return
	case "screen":
		page := h.gigForm(edit, id, form, provided, shifts, verified)
		d := page.Data.(*gigFormData)
		d.Flags, d.Screened = h.gigs.Screen(r.Context(), in), true
		h.render(w, r, http.StatusOK, "gigs_edit", page)
		return
	}
	a := httpx.Actor(r)
	switch {
	case numErrs != nil:
		err = &apperr.Error{Code: apperr.Invalid, Message: "提交的信息有误，请检查标注的字段", Fields: numErrs}
	case edit:
		_, err = h.gigs.UpdateGig(r.Context(), a, id, in)
	default:
		_, err = h.gigs.CreateGig(r.Context(), a, in)
	}
	if err != nil {
		h.formFail(w, r, "gigs_edit", h.gigForm(edit, id, form, provided, shifts, verified), err)
		return
	}
	done := "created"
	if edit {
		done = "saved"
	}
	http.Redirect(w, r, "/gig-posts?done="+done, http.StatusSeeOther)
}

// gigStatus is the close button.
func (h *gigOfficePages) gigStatus(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	action := r.PostFormValue("action")
	if _, err := h.gigs.SetGigStatus(r.Context(), httpx.Actor(r), id, action); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/gig-posts?done="+action, http.StatusSeeOther)
}

// decideSignup is the employer's accept or decline button.
func (h *gigOfficePages) decideSignup(w http.ResponseWriter, r *http.Request) {
	id, ok := h.gigID(w, r)
	if !ok {
		return
	}
	s, err := h.work.DecideSignup(r.Context(), httpx.Actor(r), id, r.PostFormValue("accept") == "1")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/gig-posts/"+strconv.FormatInt(s.GigID, 10)+"/signups?done="+string(s.Status), http.StatusSeeOther)
}
