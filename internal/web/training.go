package web

// 技能培训 pages: the public list and page of designated providers and the
// class search (by occupation name, type, district, date, free or
// subsidised) and class page with its sessions; an employer's training
// page, application form and class form (occupations typed by name, the
// app resolves them); staff's provider and class lists with the
// designation and 开班备案 decisions (on the provider's and class's pages)
// and the class spreadsheet.

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/training"
)

// trainingPages are the 技能培训 pages.
type trainingPages struct {
	*site
	training *app.Training
	enrol    *app.TrainingEnrolments // enrolment, sign-in, rosters (training_enrol.go)
	outcomes *app.TrainingOutcomes   // results per provider and class (training_outcomes.go)
}

// Form rows offered for a provider's scope and a class's sessions.
const (
	trainingScopeRows   = 6
	trainingSessionRows = 6
)

type providerListData struct {
	Providers []*training.Provider
	Kind      string
	Kinds     []training.Kind
	Status    string
	Statuses  []training.Status
	T         *app.Training
}

// providerList is the public list of designated providers (?kind=).
func (h *trainingPages) providerList(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("kind")
	ps, err := h.training.Providers(r.Context(), app.Actor{IP: httpx.Actor(r).IP}, "", kind)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_providers", &Page{Title: "培训和评价机构", Nav: "training",
		Data: &providerListData{Providers: ps, Kind: kind, Kinds: training.Kinds, T: h.training}})
}

// consoleProviders is staff's list of every provider (?status=).
func (h *trainingPages) consoleProviders(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	ps, err := h.training.Providers(r.Context(), httpx.Actor(r), status, "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_providers_console", &Page{Title: "培训机构管理", Nav: "console",
		Flash: trainingFlash[r.URL.Query().Get("done")],
		Data:  &providerListData{Providers: ps, Status: status, Statuses: training.Statuses, T: h.training}})
}

type providerPageData struct {
	V       *app.ProviderPage
	T       *app.Training
	Results *app.ProviderSummary // a designated trainer's results (nil otherwise)
	Line    outcomeLineView      // Results' figures as printed
}

// MinShown is the fewest trainees whose results a public page shows.
func (providerPageData) MinShown() int { return app.PublicMinTrainees }

var trainingFlash = map[string]string{
	"applied":     "申请已提交，人社部门认定后即可开班。",
	"registered":  "机构已登记并认定。",
	"designate":   "已认定该机构。",
	"suspend":     "已暂停该机构，暂停期间不能开班。",
	"reinstate":   "已恢复该机构。",
	"opened":      "开班申请已提交，等待人社部门备案。",
	"resubmitted": "修改已提交，等待人社部门重新备案。",
	"approve":     "已备案，培训班已公开。",
	"return":      "已退回开班申请。",
	"enrolled":    "报名成功。上课当天请扫描现场的二维码或输入签到码签到。",
	"withdrawn":   "已取消报名。",
	"corrected":   "考勤已更正，并已记录更正理由。",
}

func (h *trainingPages) providerPage(r *http.Request, id int64) (*Page, error) {
	v, err := h.training.Provider(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &providerPageData{V: v, T: h.training}
	if v.Provider.Kind.Trains() && v.Provider.Status == training.StatusDesignated {
		s, err := h.outcomes.PublicSummary(r.Context(), v.Provider)
		if err != nil {
			return nil, err
		}
		d.Results = s
		d.Line = outcomeView(s.Line)
	}
	return &Page{Title: v.Provider.Name, Nav: "training", Flash: trainingFlash[r.URL.Query().Get("done")], Data: d}, nil
}

// provider is a provider's page: public for a designated one; for staff
// with the designation decisions; for its employer users with their classes.
func (h *trainingPages) provider(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训机构不存在")
	if !ok {
		return
	}
	page, err := h.providerPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_provider", page)
}

// providerStatus posts designate, suspend or reinstate.
func (h *trainingPages) providerStatus(op string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "培训机构不存在")
		if !ok || !h.parseForm(w, r) {
			return
		}
		form := formValues(r, "reason")
		in := app.StatusInput{Reason: form["reason"]}
		var err error
		switch op {
		case "designate":
			_, err = h.training.DesignateProvider(r.Context(), httpx.Actor(r), id, in)
		case "suspend":
			_, err = h.training.SuspendProvider(r.Context(), httpx.Actor(r), id, in)
		default:
			_, err = h.training.ReinstateProvider(r.Context(), httpx.Actor(r), id, in)
		}
		if err != nil {
			h.failOnPage(w, r, "training_provider", err, form, func() (*Page, error) { return h.providerPage(r, id) })
			return
		}
		http.Redirect(w, r, "/training/providers/"+strconv.FormatInt(id, 10)+"?done="+op, http.StatusSeeOther)
	}
}

type scopeRow struct {
	N            int
	Occ, Level   string
	OccE, LevelE string
}

type providerFormData struct {
	Action string
	Staff  bool
	Kinds  []training.Kind
	Levels []training.Level
	Rows   []scopeRow
}

var providerFormFields = []string{"name", "kind", "region_code", "region_code_text", "address", "contact_name", "contact_phone", "intro"}

func providerFormPage(staff bool, r *http.Request, form map[string]string, errs map[string]string) *Page {
	d := &providerFormData{Action: "/enterprise/training/apply", Staff: staff, Kinds: training.Kinds, Levels: training.Levels}
	title := "申请成为培训（评价）机构"
	if staff {
		d.Action, title = "/console/training/providers", "登记培训（评价）机构"
	}
	for i := range trainingScopeRows {
		n := strconv.Itoa(i)
		row := scopeRow{N: i, Occ: form["scope_occ_"+n], Level: form["scope_level_"+n]}
		row.OccE, row.LevelE = errs["scope."+n+".occupation_code"], errs["scope."+n+".level"]
		d.Rows = append(d.Rows, row)
	}
	return &Page{Title: title, Nav: "training", Form: form, Data: d}
}

// applyForm is the application form (employer) or registration (staff).
func (h *trainingPages) applyForm(staff bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		form := map[string]string{"kind": string(training.KindEnterprise)}
		if staff {
			form["kind"] = string(training.KindInstitution)
		}
		h.render(w, r, http.StatusOK, "training_apply", providerFormPage(staff, r, form, nil))
	}
}

// apply files the application (employer) or registers a provider (staff).
func (h *trainingPages) apply(staff bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !h.parseForm(w, r) {
			return
		}
		fields := append([]string{}, providerFormFields...)
		for i := range trainingScopeRows {
			fields = append(fields, "scope_occ_"+strconv.Itoa(i), "scope_level_"+strconv.Itoa(i))
		}
		form := formValues(r, fields...)
		places, picks, f := h.readPlaces(r, form, "region_code")
		region := places["region_code"]
		if f["region_code"] != "" {
			region = ""
		}
		in := app.ProviderInput{Name: form["name"], Kind: form["kind"], RegionCode: region, Address: form["address"],
			ContactName: form["contact_name"], ContactPhone: form["contact_phone"], Intro: form["intro"]}
		for i := range trainingScopeRows {
			occ, lvl := strings.TrimSpace(form["scope_occ_"+strconv.Itoa(i)]), form["scope_level_"+strconv.Itoa(i)]
			if occ == "" && lvl == "" {
				continue
			}
			n, _ := strconv.Atoi(lvl)
			in.Scope = append(in.Scope, app.ScopeInput{Occupation: occ, Level: n})
		}
		p, err := h.training.ApplyProvider(r.Context(), httpx.Actor(r), in)
		if err != nil {
			mergeFormFields(err, f)
			// scope.N counts the filled rows; the form's rows are renumbered to match.
			errs := scopeErrorsByRow(asFields(err), form)
			page := providerFormPage(staff, r, form, errs)
			page.Places = picks
			h.formFail(w, r, "training_apply", page, err)
			return
		}
		if staff {
			http.Redirect(w, r, "/training/providers/"+strconv.FormatInt(p.ID, 10)+"?done=registered", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/enterprise/training?done=applied", http.StatusSeeOther)
	}
}

// scopeErrorsByRow maps scope.K (the K-th filled row) to the form's row numbers.
func scopeErrorsByRow(errs map[string]string, form map[string]string) map[string]string {
	out := map[string]string{}
	k := 0
	for i := range trainingScopeRows {
		n := strconv.Itoa(i)
		if strings.TrimSpace(form["scope_occ_"+n]) == "" && form["scope_level_"+n] == "" {
			continue
		}
		for _, suffix := range []string{".occupation_code", ".level"} {
			if msg, ok := errs["scope."+strconv.Itoa(k)+suffix]; ok {
				out["scope."+n+suffix] = msg
			}
		}
		k++
	}
	return out
}

type mineData struct {
	Providers []*training.Provider
	Classes   map[int64][]*training.Class
	T         *app.Training
}

// mine is an employer's training page: its providers and their classes.
func (h *trainingPages) mine(w http.ResponseWriter, r *http.Request) {
	ps, err := h.training.MyProviders(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := &mineData{Providers: ps, Classes: map[int64][]*training.Class{}, T: h.training}
	for _, p := range ps {
		v, err := h.training.Provider(r.Context(), httpx.Actor(r), p.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Classes[p.ID] = v.Classes
	}
	h.render(w, r, http.StatusOK, "training_mine", &Page{Title: "职业培训", Nav: "training", Flash: trainingFlash[r.URL.Query().Get("done")], Data: d})
}

type sessionRow struct {
	N                           int
	Date, Start, End, Place     string
	DateE, StartE, EndE, PlaceE string
}

type classFormData struct {
	Provider *training.Provider
	Types    []training.ClassType
	Levels   []training.Level
	Rows     []sessionRow
	T        *app.Training
	Class    *training.Class // the class being corrected; nil for a new one
}

var classFormFields = []string{"title", "type", "occupation", "level", "hours", "capacity", "fee_yuan", "region_code", "region_code_text"}

func (h *trainingPages) classFormPage(r *http.Request, providerID int64, form, errs map[string]string) (*Page, error) {
	v, err := h.training.Provider(r.Context(), httpx.Actor(r), providerID)
	if err != nil {
		return nil, err
	}
	if !v.Owner {
		return nil, apperr.New(apperr.NotFound, "培训机构不存在")
	}
	d := &classFormData{Provider: v.Provider, Types: training.ClassTypes, Levels: training.Levels, T: h.training}
	for i := range trainingSessionRows {
		n := strconv.Itoa(i)
		d.Rows = append(d.Rows, sessionRow{N: i, Date: form["s_date_"+n], Start: form["s_start_"+n], End: form["s_end_"+n], Place: form["s_place_"+n],
			DateE: errs["sessions."+n+".date"], StartE: errs["sessions."+n+".start"], EndE: errs["sessions."+n+".end"], PlaceE: errs["sessions."+n+".place"]})
	}
	return &Page{Title: "开设培训班 · " + v.Provider.Name, Nav: "training", Form: form, Data: d}, nil
}

// classForm is the form a provider opens a class with.
func (h *trainingPages) classForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训机构不存在")
	if !ok {
		return
	}
	form := map[string]string{"type": string(training.TypeUpgrade), "fee_yuan": "0"}
	page, err := h.classFormPage(r, id, form, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_class_edit", page)
}

// openClass submits a class for filing.
func (h *trainingPages) openClass(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训机构不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	h.saveClass(w, r, id, nil)
}

// editClassForm is the class form filled with a pending or returned class,
// so its provider can correct what the bureau returned and submit again.
func (h *trainingPages) editClassForm(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok {
		return
	}
	c, err := h.editableClass(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := map[string]string{"title": c.Title, "type": string(c.Type), "occupation": h.training.OccupationName(c.Occupation),
		"level": strconv.Itoa(int(c.Level)), "hours": strconv.Itoa(c.Hours), "capacity": strconv.Itoa(c.Capacity),
		"fee_yuan": strconv.Itoa(c.FeeYuan), "region_code": c.RegionCode, "region_code_text": h.training.PlaceName(c.RegionCode)}
	for i, x := range c.Sessions {
		n := strconv.Itoa(i)
		form["s_date_"+n], form["s_start_"+n], form["s_end_"+n], form["s_place_"+n] = x.Date.Format(time.DateOnly), x.Start, x.End, x.Place
	}
	page, err := h.classFormPage(r, c.ProviderID, form, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Data.(*classFormData).Class = c
	h.render(w, r, http.StatusOK, "training_class_edit", page)
}

// updateClass submits the corrected class; it goes back to 待备案.
func (h *trainingPages) updateClass(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	c, err := h.editableClass(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.saveClass(w, r, c.ProviderID, c)
}

// editableClass is a class its provider may still change (pending or
// returned); a filed one is a conflict, another provider's is not found.
func (h *trainingPages) editableClass(r *http.Request, id int64) (*training.Class, error) {
	a := httpx.Actor(r)
	c, err := h.training.Class(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	if !h.training.ClassOwner(r.Context(), a, c) {
		return nil, apperr.New(apperr.NotFound, "培训班不存在")
	}
	if c.Status == training.ClassApproved {
		return nil, apperr.New(apperr.Conflict, "培训班已备案，不能再修改")
	}
	return c, nil
}

// saveClass reads the class form and opens the class (old nil) or
// replaces old; a refusal re-renders the form with what was typed.
func (h *trainingPages) saveClass(w http.ResponseWriter, r *http.Request, providerID int64, old *training.Class) {
	fields := append([]string{}, classFormFields...)
	for i := range trainingSessionRows {
		n := strconv.Itoa(i)
		fields = append(fields, "s_date_"+n, "s_start_"+n, "s_end_"+n, "s_place_"+n)
	}
	form := formValues(r, fields...)
	places, picks, f := h.readPlaces(r, form, "region_code")
	region := places["region_code"]
	if f["region_code"] != "" {
		region = ""
	}
	in := app.ClassInput{Title: form["title"], Type: form["type"], Occupation: form["occupation"], RegionCode: region,
		Hours: formCount(&f, form, "hours", "请填写课时（整数）"), Capacity: formCount(&f, form, "capacity", "请填写人数上限（整数）"),
		FeeYuan: formCount(&f, form, "fee_yuan", "请填写培训费（元，整数；免费填 0）")}
	in.Level, _ = strconv.Atoi(form["level"])
	var rows []int // the form's row of each session sent
	for i := range trainingSessionRows {
		n := strconv.Itoa(i)
		if form["s_date_"+n] == "" && form["s_start_"+n] == "" && form["s_end_"+n] == "" && form["s_place_"+n] == "" {
			continue
		}
		rows = append(rows, i)
		in.Sessions = append(in.Sessions, app.SessionInput{Date: form["s_date_"+n], Start: form["s_start_"+n], End: form["s_end_"+n], Place: form["s_place_"+n]})
	}
	var c *training.Class
	var err error
	if old == nil {
		c, err = h.training.OpenClass(r.Context(), httpx.Actor(r), providerID, in)
	} else {
		c, err = h.training.UpdateClass(r.Context(), httpx.Actor(r), old.ID, in)
	}
	if err != nil {
		mergeFormFields(err, f)
		errs := sessionErrorsByRow(asFields(err), rows)
		page, perr := h.classFormPage(r, providerID, form, errs)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		page.Data.(*classFormData).Class = old
		page.Places = picks
		h.formFail(w, r, "training_class_edit", page, err)
		return
	}
	done := "opened"
	if old != nil {
		done = "resubmitted"
	}
	http.Redirect(w, r, "/training/classes/"+strconv.FormatInt(c.ID, 10)+"?done="+done, http.StatusSeeOther)
}

type classPageData struct {
	C        *training.Class
	Manager  bool
	Owner    bool
	T        *app.Training
	Today    time.Time
	Person   bool                // the reader may enrol (a person)
	Mine     *training.Enrolment // the reader's enrolment, if any
	EnrolWhy string              // why nobody can enrol now ("" when they can)
	Started  bool                // the first session has begun
}

func (h *trainingPages) classPage(r *http.Request, id int64) (*Page, error) {
	a := httpx.Actor(r)
	c, err := h.training.Class(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	now := h.now()
	d := &classPageData{C: c, Manager: trainingManager(a), Owner: h.training.ClassOwner(r.Context(), a, c), T: h.training,
		Today: chinatime.Today(now), Person: account.CanEnrolInTraining(a.User), EnrolWhy: c.MayEnrol(now), Started: c.Started(now)}
	if d.Mine, err = h.enrol.MyEnrolment(r.Context(), a, id); err != nil {
		return nil, err
	}
	return &Page{Title: c.Title, Nav: "training", Flash: trainingFlash[r.URL.Query().Get("done")], Data: d}, nil
}

// class is a class's page with its sessions; staff file or return a pending one here.
func (h *trainingPages) class(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "培训班不存在")
	if !ok {
		return
	}
	page, err := h.classPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_class", page)
}

// reviewClass posts approve or return.
func (h *trainingPages) reviewClass(approve bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "培训班不存在")
		if !ok || !h.parseForm(w, r) {
			return
		}
		form := formValues(r, "reason")
		if _, err := h.training.ReviewClass(r.Context(), httpx.Actor(r), id, approve, app.StatusInput{Reason: form["reason"]}); err != nil {
			h.failOnPage(w, r, "training_class", err, form, func() (*Page, error) { return h.classPage(r, id) })
			return
		}
		done := "return"
		if approve {
			done = "approve"
		}
		http.Redirect(w, r, "/training/classes/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
	}
}

type classSearchData struct {
	R       *app.ClassResults
	Types   []training.ClassType
	Status  string // the console's filter
	Console bool
	T       *app.Training
	Query   url.Values // the search without the page, for the pager's links
}

// classSearch is the public search of filed classes.
func (h *trainingPages) classSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := map[string]string{"occupation": q.Get("occupation"), "type": q.Get("type"), "region": q.Get("region"), "from": q.Get("from"),
		"free": q.Get("free"), "subsidised": q.Get("subsidised")}
	cq := app.ClassQuery{Occupation: form["occupation"], Type: form["type"], Region: form["region"], From: form["from"],
		Free: form["free"] == "1", Subsidised: form["subsidised"] == "1"}
	cq.Page, _ = strconv.Atoi(q.Get("page"))
	page := &Page{Title: "找培训", Nav: "training", Form: form}
	res, err := h.training.SearchClasses(r.Context(), app.Actor{IP: httpx.Actor(r).IP}, cq)
	d := &classSearchData{R: res, Types: training.ClassTypes, T: h.training, Query: url.Values{}}
	for k, v := range form {
		if v != "" {
			d.Query.Set(k, v)
		}
	}
	page.Data = d
	if err != nil {
		d.R = &app.ClassResults{Page: 1}
		h.formFail(w, r, "training_classes", page, err)
		return
	}
	h.render(w, r, http.StatusOK, "training_classes", page)
}

// consoleClasses is staff's list of classes by status (default pending).
func (h *trainingPages) consoleClasses(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	if status == "" {
		status = string(training.ClassPending)
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	res, err := h.training.SearchClasses(r.Context(), httpx.Actor(r), app.ClassQuery{Status: status, Page: page})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := &classSearchData{R: res, Status: status, Console: true, T: h.training, Query: url.Values{"status": {status}}}
	h.render(w, r, http.StatusOK, "training_classes_console", &Page{Title: "开班备案", Nav: "console", Data: d})
}

var classSheetHeader = []string{"编号", "培训机构", "班级名称", "培训类型", "职业（工种）", "等级", "课时", "人数上限", "培训费（元）",
	"地点", "开班日期", "结班日期", "上课次数", "补贴标准（元/人）", "补贴标准依据", "状态", "退回理由", "提交时间"}

// exportClasses sends the classes (?status=, default all) as .xlsx, audited.
func (h *trainingPages) exportClasses(w http.ResponseWriter, r *http.Request) {
	cs, err := h.training.ExportClasses(r.Context(), httpx.Actor(r), r.URL.Query().Get("status"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(cs))
	for _, c := range cs {
		rows = append(rows, []any{c.ID, c.ProviderName, c.Title, c.Type.Label(), h.training.OccupationName(c.Occupation), c.Level.Label(), c.Hours,
			c.Capacity, c.FeeYuan, h.training.PlaceName(c.RegionCode), c.Start().Format(time.DateOnly), c.End().Format(time.DateOnly),
			len(c.Sessions), c.SubsidyYuan, c.SubsidySource, c.Status.Label(), c.Reason, c.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04")})
	}
	h.writeSheet(w, "培训班", classSheetHeader, rows)
}

var providerSheetHeader = []string{"编号", "机构名称", "类别", "状态", "认定范围", "所在区、街道", "地址", "联系人", "联系电话（脱敏）", "最近一次处理理由", "登记时间"}

// exportProviders is the providers list as .xlsx (?status= as the page),
// the contact's phone masked: the line may be a person's mobile.
func (h *trainingPages) exportProviders(w http.ResponseWriter, r *http.Request) {
	ps, err := h.training.Providers(r.Context(), httpx.Actor(r), r.URL.Query().Get("status"), "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(ps))
	for _, p := range ps {
		scope := make([]string, 0, len(p.Scope))
		for _, it := range p.Scope {
			scope = append(scope, h.training.OccupationName(it.Occupation)+"（"+it.Level.Label()+"）")
		}
		rows = append(rows, []any{p.ID, p.Name, p.Kind.Label(), p.Status.Label(), strings.Join(scope, "、"), h.training.PlaceName(p.RegionCode),
			p.Address, p.ContactName, registry.MaskPhone(p.ContactPhone), p.Reason, p.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04")})
	}
	h.writeSheet(w, "培训和评价机构", providerSheetHeader, rows)
}

// trainingManager reports whether the reader designates providers and files classes.
func trainingManager(a app.Actor) bool { return account.CanManageTraining(a.User) }
