package web

// 青创园 pages: the public list of recognised parks (those with space
// first) and a park's page with its services, the firms in it and their
// open job posts; for staff managing parks, the console list, the
// registration form (the place picked by name), a park's console page
// with its tenants, events and assessments and the forms to add them
// (the tenant picked from the enterprise registry by name), and the
// annual assessment with the facts the records give.

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/startup"
)

// parkPages are the 青创园 pages.
type parkPages struct {
	*site
	startup *app.Startup
}

type parkListData struct {
	Parks    []*startup.Park
	Places   map[string]string // region code → name
	Status   string            // the console's filter
	Statuses []startup.ParkStatus
}

func (h *parkPages) parkPlaces(ps ...*startup.Park) map[string]string {
	out := map[string]string{}
	for _, p := range ps {
		out[p.RegionCode] = h.regionName(p.RegionCode)
	}
	return out
}

// parkList is the public list of recognised parks, those with space first.
func (h *parkPages) parkList(w http.ResponseWriter, r *http.Request) {
	ps, err := h.startup.ParkList(r.Context(), app.Actor{IP: httpx.Actor(r).IP}, "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_parks", &Page{Title: "青创园", Nav: "startup", Data: &parkListData{Parks: ps, Places: h.parkPlaces(ps...)}})
}

type parkPageData struct {
	V     *app.ParkPage
	Place string
	Cards []jobCard
	Year  int // this year (the console's facts)
}

func (h *parkPages) parkPageData(r *http.Request, id int64, a app.Actor) (*parkPageData, error) {
	v, err := h.startup.ParkView(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	d := &parkPageData{V: v, Place: h.regionName(v.Park.RegionCode), Year: chinatime.Today(h.now()).Year()}
	now := h.now()
	for _, p := range v.Posts {
		d.Cards = append(d.Cards, h.cardOf(app.JobHit{JobCard: &app.JobCard{ID: p.ID, Title: p.Title, EnterpriseName: p.EnterpriseName,
			Education: p.Education, ExperienceYears: p.ExperienceYears, Benefits: p.Benefits, SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax,
			RegionCode: p.RegionCode, PublishedAt: p.PublishedAt}, DistanceKm: -1}, now))
	}
	return d, nil
}

// parkPage is a recognised park's public page (as an anonymous visitor
// sees it, whoever reads it: staff have the console's page).
func (h *parkPages) parkPage(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "青创园不存在")
	if !ok {
		return
	}
	d, err := h.parkPageData(r, id, app.Actor{IP: httpx.Actor(r).IP})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_park", &Page{Title: d.V.Park.Name, Nav: "startup", Data: d})
}

// consoleParks is staff's list of every park, by status.
func (h *parkPages) consoleParks(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	ps, err := h.startup.ParkList(r.Context(), httpx.Actor(r), status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := &parkListData{Parks: ps, Places: h.parkPlaces(ps...), Status: status, Statuses: startup.ParkStatuses}
	h.render(w, r, http.StatusOK, "startup_parks_console", &Page{Title: "青创园管理", Nav: "console", Data: d})
}

var parkFormFields = []string{"name", "level", "region_code", "address", "operator", "contact_name", "contact_phone", "space_unit",
	"total_space", "open_space", "status", "intro"}

type serviceChoice struct {
	Key, Label string
	Checked    bool
}

type parkFormData struct {
	ID       int64 // 0 for a new park
	Action   string
	Levels   []startup.ParkLevel
	Statuses []startup.ParkStatus
	Units    []startup.SpaceUnit
	Services []serviceChoice
}

func parkFormPage(id int64, form map[string]string, services []string) *Page {
	d := &parkFormData{ID: id, Action: "/console/startup/parks", Levels: startup.ParkLevels, Statuses: startup.ParkStatuses, Units: startup.SpaceUnits}
	title := "登记青创园"
	if id != 0 {
		d.Action, title = "/console/startup/parks/"+strconv.FormatInt(id, 10)+"/edit", "修改青创园信息"
	}
	for _, s := range startup.ParkServices {
		d.Services = append(d.Services, serviceChoice{Key: s.Key, Label: s.Label, Checked: containsStr(services, s.Key)})
	}
	return &Page{Title: title, Nav: "console", Form: form, Data: d}
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// newParkForm is the registration form.
func (h *parkPages) newParkForm(w http.ResponseWriter, r *http.Request) {
	form := map[string]string{"level": string(startup.ParkDistrict), "space_unit": string(startup.SpaceArea), "status": string(startup.ParkApplying)}
	h.render(w, r, http.StatusOK, "startup_park_edit", parkFormPage(0, form, nil))
}

// editParkForm is the registration form filled from the park.
func (h *parkPages) editParkForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "青创园不存在")
	if !ok {
		return
	}
	v, err := h.startup.ParkView(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := v.Park
	form := map[string]string{"name": p.Name, "level": string(p.Level), "region_code": p.RegionCode, "address": p.Address, "operator": p.Operator,
		"contact_name": p.ContactName, "contact_phone": p.ContactPhone, "space_unit": string(p.Unit), "total_space": strconv.Itoa(p.TotalSpace),
		"open_space": strconv.Itoa(p.OpenSpace), "status": string(p.Status), "intro": p.Intro}
	h.placeForm(form, "region_code")
	h.render(w, r, http.StatusOK, "startup_park_edit", parkFormPage(id, form, p.Services))
}

// formCount reads a whole number typed in a form: "" is 0, anything else
// that is not a number a field error and −1, which the app refuses too, so
// nothing is saved while the form shows the message.
func formCount(f *apperr.Fields, form map[string]string, name, msg string) int {
	s := strings.ReplaceAll(strings.TrimSpace(form[name]), ",", "")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.Add(name, msg)
		return -1
	}
	return n
}

// saveParkForm creates (id 0) or saves a park from the posted form.
func (h *parkPages) saveParkForm(w http.ResponseWriter, r *http.Request, id int64) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, parkFormFields...)
	services := r.PostForm["services"]
	places, picks, f := h.readPlaces(r, form, "region_code")
	region := places["region_code"]
	if f["region_code"] != "" {
		region = "" // the name box said nothing the app can save
	}
	in := app.ParkInput{Name: form["name"], Level: form["level"], RegionCode: region, Address: form["address"], Operator: form["operator"],
		ContactName: form["contact_name"], ContactPhone: form["contact_phone"], SpaceUnit: form["space_unit"],
		TotalSpace: formCount(&f, form, "total_space", "请填写整数，如 5000"), OpenSpace: formCount(&f, form, "open_space", "请填写整数，如 800"),
		Services: services, Status: form["status"], Intro: form["intro"]}
	var p *startup.Park
	var err error
	if id == 0 {
		p, err = h.startup.CreatePark(r.Context(), httpx.Actor(r), in)
	} else {
		p, err = h.startup.UpdatePark(r.Context(), httpx.Actor(r), id, in)
	}
	if err != nil {
		mergeFormFields(err, f)
		page := parkFormPage(id, form, services)
		page.Places = picks
		h.formFail(w, r, "startup_park_edit", page, err)
		return
	}
	done := "created"
	if id != 0 {
		done = "saved"
	}
	http.Redirect(w, r, "/console/startup/parks/"+strconv.FormatInt(p.ID, 10)+"?done="+done, http.StatusSeeOther)
}

// createPark registers a park.
func (h *parkPages) createPark(w http.ResponseWriter, r *http.Request) { h.saveParkForm(w, r, 0) }

// saveParkEdit saves a park's registration.
func (h *parkPages) saveParkEdit(w http.ResponseWriter, r *http.Request) {
	if id, ok := h.pathID(w, r, "青创园不存在"); ok {
		h.saveParkForm(w, r, id)
	}
}

type parkConsoleData struct {
	*parkPageData
	EventKinds []startup.EventKind
	Years      []int
	Candidates []*registry.Enterprise // the enterprises a typed tenant name may mean
}

var parkFlash = map[string]string{
	"created": "青创园已登记。接着登记入驻企业和活动。",
	"saved":   "园区信息已保存。",
	"tenant":  "入驻记录已保存。",
	"event":   "活动已登记。",
}

func (h *parkPages) parkConsolePage(r *http.Request, id int64) (*Page, error) {
	d, err := h.parkPageData(r, id, httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	if !d.V.Manager {
		return nil, apperr.New(apperr.Forbidden, "您没有权限访问该信息")
	}
	cd := &parkConsoleData{parkPageData: d, EventKinds: startup.EventKinds, Years: parkYears(d.Year)}
	form := map[string]string{"move_in": chinatime.Today(h.now()).Format(time.DateOnly), "kind": string(startup.EventRoadshow), "year": strconv.Itoa(d.Year - 1)}
	return &Page{Title: d.V.Park.Name + " · 青创园管理", Nav: "console", Form: form, Data: cd}, nil
}

// parkYears are the years an assessment may be opened for, latest first.
func parkYears(this int) []int {
	var out []int
	for y := this; y >= max(startup.FirstParkYear, this-9); y-- {
		out = append(out, y)
	}
	return out
}

// consolePark is a park's console page.
func (h *parkPages) consolePark(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "青创园不存在")
	if !ok {
		return
	}
	page, err := h.parkConsolePage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Flash = parkFlash[r.URL.Query().Get("done")]
	h.render(w, r, http.StatusOK, "startup_park_console", page)
}

var tenantFormFields = []string{"enterprise_name", "enterprise_id", "move_in", "space_used", "jobs_created", "status", "left_on"}

func tenantInputOf(form map[string]string) (app.TenantInput, apperr.Fields) {
	var f apperr.Fields
	in := app.TenantInput{EnterpriseName: form["enterprise_name"], MoveIn: form["move_in"], Status: form["status"], LeftOn: form["left_on"],
		SpaceUsed: formCount(&f, form, "space_used", "请填写整数（只在园区注册、不占场地的填 0）"), JobsCreated: formCount(&f, form, "jobs_created", "请填写人数（整数）")}
	in.EnterpriseID, _ = strconv.ParseInt(form["enterprise_id"], 10, 64)
	return in, f
}

// addTenant records a firm moving into the park; a name several
// enterprises have brings back the form with them to choose from.
func (h *parkPages) addTenant(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "青创园不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, tenantFormFields...)
	in, f := tenantInputOf(form)
	_, err := h.startup.AddParkTenant(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		mergeFormFields(err, f)
		ambiguous := in.EnterpriseID == 0 && asFields(err)["enterprise_name"] != ""
		h.failOnPage(w, r, "startup_park_console", err, form, func() (*Page, error) {
			page, perr := h.parkConsolePage(r, id)
			if perr == nil && ambiguous {
				page.Data.(*parkConsoleData).Candidates = h.tenantCandidates(r.Context(), httpx.Actor(r), in.EnterpriseName)
			}
			return page, perr
		})
		return
	}
	http.Redirect(w, r, "/console/startup/parks/"+strconv.FormatInt(id, 10)+"?done=tenant#tenants-h", http.StatusSeeOther)
}

// tenantCandidates are the enterprises a typed name may mean, when more than one.
func (h *parkPages) tenantCandidates(ctx context.Context, a app.Actor, name string) []*registry.Enterprise {
	es, err := h.startup.ParkEnterprises(ctx, a, name)
	if err != nil || len(es) < 2 {
		return nil
	}
	return es
}

type tenantPageData struct {
	T        *startup.ParkTenant
	Park     *startup.Park
	Statuses []startup.TenantStatus
}

func (h *parkPages) tenantPage(r *http.Request, id int64, form map[string]string) (*Page, error) {
	t, p, err := h.startup.ParkTenant(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	if form == nil {
		form = map[string]string{"move_in": t.MoveIn.Format(time.DateOnly), "space_used": strconv.Itoa(t.SpaceUsed), "jobs_created": strconv.Itoa(t.Jobs),
			"status": string(t.Status), "left_on": dateOrEmpty(t.LeftOn)}
	}
	return &Page{Title: t.EnterpriseName + " · 入驻记录", Nav: "console", Form: form,
		Data: &tenantPageData{T: t, Park: p, Statuses: startup.TenantStatuses}}, nil
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// tenantForm is a stay's edit form (figures, moving out, graduating).
func (h *parkPages) tenantForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "入驻记录不存在")
	if !ok {
		return
	}
	page, err := h.tenantPage(r, id, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_park_tenant", page)
}

// saveTenant saves a stay.
func (h *parkPages) saveTenant(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "入驻记录不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "move_in", "space_used", "jobs_created", "status", "left_on")
	in, f := tenantInputOf(form)
	t, err := h.startup.UpdateParkTenant(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		mergeFormFields(err, f)
		h.failOnPage(w, r, "startup_park_tenant", err, form, func() (*Page, error) { return h.tenantPage(r, id, form) })
		return
	}
	http.Redirect(w, r, "/console/startup/parks/"+strconv.FormatInt(t.ParkID, 10)+"?done=tenant#tenants-h", http.StatusSeeOther)
}

var eventFormFields = []string{"date", "title", "kind", "attendees"}

func eventInputOf(form map[string]string) (app.EventInput, apperr.Fields) {
	var f apperr.Fields
	return app.EventInput{Date: form["date"], Title: form["title"], Kind: form["kind"],
		Attendees: formCount(&f, form, "attendees", "请填写参加人数（整数）")}, f
}

// addEvent records an event the park held.
func (h *parkPages) addEvent(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "青创园不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, eventFormFields...)
	in, f := eventInputOf(form)
	if _, err := h.startup.AddParkEvent(r.Context(), httpx.Actor(r), id, in); err != nil {
		mergeFormFields(err, f)
		h.failOnPage(w, r, "startup_park_console", err, form, func() (*Page, error) { return h.parkConsolePage(r, id) })
		return
	}
	http.Redirect(w, r, "/console/startup/parks/"+strconv.FormatInt(id, 10)+"?done=event#events-h", http.StatusSeeOther)
}

type eventPageData struct {
	E     *startup.ParkEvent
	Park  *startup.Park
	Kinds []startup.EventKind
}

func (h *parkPages) eventPage(r *http.Request, id int64, form map[string]string) (*Page, error) {
	e, p, err := h.startup.ParkEvent(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	if form == nil {
		form = map[string]string{"date": e.Date.Format(time.DateOnly), "title": e.Title, "kind": string(e.Kind), "attendees": strconv.Itoa(e.Attendees)}
	}
	return &Page{Title: e.Title + " · 园区活动", Nav: "console", Form: form, Data: &eventPageData{E: e, Park: p, Kinds: startup.EventKinds}}, nil
}

// eventForm is an event's edit form.
func (h *parkPages) eventForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动记录不存在")
	if !ok {
		return
	}
	page, err := h.eventPage(r, id, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_park_event", page)
}

// saveEvent saves an event's record.
func (h *parkPages) saveEvent(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "活动记录不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, eventFormFields...)
	in, f := eventInputOf(form)
	e, err := h.startup.UpdateParkEvent(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		mergeFormFields(err, f)
		h.failOnPage(w, r, "startup_park_event", err, form, func() (*Page, error) { return h.eventPage(r, id, form) })
		return
	}
	http.Redirect(w, r, "/console/startup/parks/"+strconv.FormatInt(e.ParkID, 10)+"?done=event#events-h", http.StatusSeeOther)
}

type assessPageData struct {
	Y      *app.ParkYear
	Years  []int
	Grades []startup.ParkGrade
	Pass   int
}

func (h *parkPages) assessPage(r *http.Request, id int64, year int, form map[string]string) (*Page, error) {
	y, err := h.startup.ParkYear(r.Context(), httpx.Actor(r), id, year)
	if err != nil {
		return nil, err
	}
	if form == nil {
		form = map[string]string{"grade": ""}
		if as := y.Assessment; as != nil {
			form = map[string]string{"score": strconv.Itoa(as.Score), "grade": string(as.Grade), "comment": as.Comment}
		}
	}
	form["year"] = strconv.Itoa(y.Facts.Year)
	d := &assessPageData{Y: y, Years: parkYears(chinatime.Today(h.now()).Year()), Grades: startup.ParkGrades, Pass: startup.ParkPassScore}
	return &Page{Title: y.Park.Name + " " + strconv.Itoa(y.Facts.Year) + " 年度考核", Nav: "console", Form: form, Data: d}, nil
}

// assessmentForm shows a year's facts and its assessment form (?year=,
// default last year).
func (h *parkPages) assessmentForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "青创园不存在")
	if !ok {
		return
	}
	year := 0
	if s := r.URL.Query().Get("year"); s != "" {
		var err error
		if year, err = strconv.Atoi(s); err != nil {
			h.fail(w, r, apperr.New(apperr.NotFound, "考核年度应为四位数年份"))
			return
		}
	}
	page, err := h.assessPage(r, id, year, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") != "" {
		page.Flash = "考核已保存。"
	}
	h.render(w, r, http.StatusOK, "startup_park_assessment", page)
}

// saveAssessment saves a year's assessment: a new one, or (revise=1, when
// the page showed one) its revision.
func (h *parkPages) saveAssessment(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "青创园不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "year", "score", "grade", "comment", "revise")
	var f apperr.Fields
	in := app.AssessmentInput{Grade: form["grade"], Comment: form["comment"]}
	in.Year, _ = strconv.Atoi(form["year"])
	if s := form["score"]; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			f.Add("score", "得分应为 0 到 100 的整数")
			n = -1
		}
		in.Score = &n
	}
	_, err := h.startup.AssessPark(r.Context(), httpx.Actor(r), id, in, form["revise"] == "1")
	if err != nil {
		mergeFormFields(err, f)
		h.failOnPage(w, r, "startup_park_assessment", err, form, func() (*Page, error) {
			if in.Year < startup.FirstParkYear || in.Year > chinatime.Today(h.now()).Year() {
				return nil, err // no such year's page to show the form on
			}
			return h.assessPage(r, id, in.Year, form)
		})
		return
	}
	http.Redirect(w, r, "/console/startup/parks/"+strconv.FormatInt(id, 10)+"/assessment?year="+strconv.Itoa(in.Year)+"&done=1", http.StatusSeeOther)
}
