package web

// 就业见习 pages: the public list and page of designated bases with their
// retention rate and open 见习 places; an employer's base page (its
// application, the applicants it hired on 见习 posts to start, its interns
// and the subsidy ledger with a claim button per month that can be
// claimed), the application form and an intern's page (months, the end);
// staff's list of bases with the designation decisions on the base's page
// and the three spreadsheets (bases, interns, ledger).

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/internship"
)

// internshipPages are the 就业见习 pages.
type internshipPages struct {
	*site
	internships *app.Internships
}

// internshipOccRows is how many occupation rows the application form offers.
const internshipOccRows = 5

var internshipFlash = map[string]string{
	"applied":   "申请已提交，人社部门认定后即可发布见习岗位。",
	"designate": "已认定该见习基地。",
	"suspend":   "已暂停该见习基地，暂停期间不能发布见习岗位、接收新的见习人员。",
	"return":    "已退回该申请，企业可修改后重新申请。",
	"started":   "见习已开始。每个见习月结束后，请记录是否完成见习。",
	"month":     "已记录该见习月。",
	"finished":  "已登记见习结束，计入基地留用率。",
	"claimed":   "补贴申领已提交，等待人社部门审核发放。",
}

type basesData struct {
	Bases    []*internship.Base
	Staff    bool
	Status   string
	Statuses []internship.Status
	X        *app.Internships
}

// bases is the public list of designated bases with their retention rate.
func (h *internshipPages) bases(w http.ResponseWriter, r *http.Request) {
	bs, err := h.internships.Bases(r.Context(), app.Actor{IP: httpx.Actor(r).IP}, "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "internship_bases", &Page{Title: "就业见习基地", Nav: "jobs", Data: &basesData{Bases: bs, X: h.internships}})
}

// consoleBases is staff's list of every base (?status=).
func (h *internshipPages) consoleBases(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	bs, err := h.internships.Bases(r.Context(), httpx.Actor(r), status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "internship_bases", &Page{Title: "就业见习基地管理", Nav: "console",
		Data: &basesData{Bases: bs, Staff: true, Status: status, Statuses: internship.Statuses, X: h.internships}})
}

type basePageData struct {
	V      *app.BasePage // nil: the employer's enterprise has not applied
	X      *app.Internships
	Today  string
	MinDay string
	MaxDay string
	Months []int // 1 … the rule's maximum, for the planned months
}

func (h *internshipPages) pageOf(r *http.Request, v *app.BasePage, title string) *Page {
	today := chinatime.Today(h.now())
	d := &basePageData{V: v, X: h.internships, Today: today.Format(time.DateOnly), MinDay: today.AddDate(-1, 0, 0).Format(time.DateOnly),
		MaxDay: today.AddDate(0, 3, 0).Format(time.DateOnly)}
	for n := 1; n <= v.Rule.MaxMonths; n++ {
		d.Months = append(d.Months, n)
	}
	if title == "" {
		title = v.Base.EnterpriseName
	}
	return &Page{Title: title, Nav: "jobs", Flash: internshipFlash[r.URL.Query().Get("done")],
		Form: map[string]string{"start_on": d.Today, "planned_months": strconv.Itoa(v.Rule.MaxMonths)}, Data: d}
}

func (h *internshipPages) basePage(r *http.Request, id int64) (*Page, error) {
	v, err := h.internships.Base(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	return h.pageOf(r, v, ""), nil
}

// base is a base's page: public for a designated one; staff see the
// decisions, interns and ledger; the base's users see theirs.
func (h *internshipPages) base(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "见习基地不存在")
	if !ok {
		return
	}
	page, err := h.basePage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "internship_base", page)
}

func (h *internshipPages) minePage(r *http.Request) (*Page, error) {
	v, err := h.internships.MyBase(r.Context(), httpx.Actor(r))
	if err != nil {
		return nil, err
	}
	if v == nil {
		return &Page{Title: "就业见习基地", Nav: "jobs", Data: &basePageData{X: h.internships}}, nil
	}
	return h.pageOf(r, v, "就业见习基地"), nil
}

// mine is the employer's base page.
func (h *internshipPages) mine(w http.ResponseWriter, r *http.Request) {
	page, err := h.minePage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "internship_base", page)
}

// move posts staff's decision: designate, suspend or return.
func (h *internshipPages) move(m internship.Move) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.pathID(w, r, "见习基地不存在")
		if !ok || !h.parseForm(w, r) {
			return
		}
		form := formValues(r, "reason")
		if _, err := h.internships.MoveBase(r.Context(), httpx.Actor(r), id, m, app.MoveInput{Reason: form["reason"]}); err != nil {
			h.failOnPage(w, r, "internship_base", err, form, func() (*Page, error) { return h.basePage(r, id) })
			return
		}
		http.Redirect(w, r, "/internships/bases/"+strconv.FormatInt(id, 10)+"?done="+string(m), http.StatusSeeOther)
	}
}

type occRow struct {
	N   int
	Occ string
	E   string
}

type baseFormData struct{ Rows []occRow }

func baseFormPage(form map[string]string, errs map[string]string) *Page {
	d := &baseFormData{}
	k := 0
	for i := range internshipOccRows {
		n := strconv.Itoa(i)
		row := occRow{N: i, Occ: form["occ_"+n]}
		if strings.TrimSpace(row.Occ) != "" {
			row.E = errs["occupations."+strconv.Itoa(k)]
			k++
		}
		d.Rows = append(d.Rows, row)
	}
	return &Page{Title: "申请认定就业见习基地", Nav: "jobs", Form: form, Data: d}
}

// applyForm is the application form.
func (h *internshipPages) applyForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "internship_apply", baseFormPage(map[string]string{}, nil))
}

// apply files the application.
func (h *internshipPages) apply(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	fields := []string{"places_per_year", "contact_name", "contact_phone", "supervisor", "intro"}
	for i := range internshipOccRows {
		fields = append(fields, "occ_"+strconv.Itoa(i))
	}
	form := formValues(r, fields...)
	var f apperr.Fields
	in := app.BaseInput{PlacesPerYear: formInt(&f, form, "places_per_year", "请填写整数个数"), ContactName: form["contact_name"],
		ContactPhone: form["contact_phone"], Supervisor: form["supervisor"], Intro: form["intro"]}
	for i := range internshipOccRows {
		if o := strings.TrimSpace(form["occ_"+strconv.Itoa(i)]); o != "" {
			in.Occupations = append(in.Occupations, o)
		}
	}
	_, err := h.internships.ApplyBase(r.Context(), httpx.Actor(r), in)
	if err == nil && len(f) > 0 {
		err = f.Err()
	}
	if err != nil {
		mergeFormFields(err, f)
		h.formFail(w, r, "internship_apply", baseFormPage(form, asFields(err)), err)
		return
	}
	http.Redirect(w, r, "/enterprise/internship?done=applied", http.StatusSeeOther)
}

// start starts an internship for a hired applicant.
func (h *internshipPages) start(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "application_id", "start_on", "planned_months")
	var f apperr.Fields
	appID, _ := strconv.ParseInt(form["application_id"], 10, 64)
	in := app.StartInput{ApplicationID: appID, StartOn: form["start_on"], PlannedMonths: formInt(&f, form, "planned_months", "请选择见习月数")}
	it, err := h.internships.StartInternship(r.Context(), httpx.Actor(r), in)
	if err != nil {
		h.failOnPage(w, r, "internship_base", err, form, func() (*Page, error) { return h.minePage(r) })
		return
	}
	http.Redirect(w, r, "/enterprise/internship/interns/"+strconv.FormatInt(it.ID, 10)+"?done=started", http.StatusSeeOther)
}

type internPageData struct {
	In      *internship.Internship
	Today   time.Time
	Reasons map[int]string // why a period cannot be recorded now, by N
	MaxDay  string
}

func (h *internshipPages) internPage(r *http.Request, id int64) (*Page, error) {
	in, err := h.internships.Internship(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	today := chinatime.Today(h.now())
	d := &internPageData{In: in, Today: today, Reasons: map[int]string{}, MaxDay: today.Format(time.DateOnly)}
	for i := range in.Periods {
		d.Reasons[in.Periods[i].N] = in.MayRecord(&in.Periods[i], today)
	}
	return &Page{Title: "见习记录：" + in.PersonName, Nav: "jobs", Flash: internshipFlash[r.URL.Query().Get("done")],
		Form: map[string]string{"ended_on": d.MaxDay}, Data: d}, nil
}

// intern is an internship's page for its base.
func (h *internshipPages) intern(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "见习记录不存在")
	if !ok {
		return
	}
	page, err := h.internPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "internship_intern", page)
}

// month records one 见习月.
func (h *internshipPages) month(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "见习记录不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "n", "served")
	n, _ := strconv.Atoi(form["n"])
	if _, err := h.internships.RecordMonth(r.Context(), httpx.Actor(r), id, app.MonthInput{N: n, Served: form["served"] == "1"}); err != nil {
		h.failOnPage(w, r, "internship_intern", err, nil, func() (*Page, error) { return h.internPage(r, id) })
		return
	}
	http.Redirect(w, r, "/enterprise/internship/interns/"+strconv.FormatInt(id, 10)+"?done=month", http.StatusSeeOther)
}

// finish records the end of an internship.
func (h *internshipPages) finish(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r, "见习记录不存在")
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "ended_on", "kept")
	if _, err := h.internships.FinishInternship(r.Context(), httpx.Actor(r), id, app.FinishInput{EndedOn: form["ended_on"], Kept: form["kept"] == "1"}); err != nil {
		h.failOnPage(w, r, "internship_intern", err, form, func() (*Page, error) { return h.internPage(r, id) })
		return
	}
	http.Redirect(w, r, "/enterprise/internship/interns/"+strconv.FormatInt(id, 10)+"?done=finished", http.StatusSeeOther)
}

// claim files the month's subsidy claim.
func (h *internshipPages) claim(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "month")
	if _, _, err := h.internships.Claim(r.Context(), httpx.Actor(r), app.ClaimInput{Month: form["month"]}); err != nil {
		h.failOnPage(w, r, "internship_base", err, nil, func() (*Page, error) { return h.minePage(r) })
		return
	}
	http.Redirect(w, r, "/enterprise/internship?done=claimed#ledger", http.StatusSeeOther)
}

var (
	internshipBaseHeader   = []string{"编号", "单位", "状态", "每年见习岗位数", "见习职业", "联系人", "联系电话", "带教老师", "期满人数", "留用人数", "留用率", "处理理由", "申请时间"}
	internshipInternHeader = []string{"编号", "见习基地", "见习人员", "见习岗位", "开始日期", "计划月数", "已完成见习月", "状态", "结束日期", "是否留用"}
	internshipLedgerHeader = []string{"见习基地", "月份", "见习月数", "已完成", "未记录", "未结束", "可申领（元）", "申请编号", "申请状态", "申领金额（元）", "发放日期"}
)

// export sends staff's spreadsheet of bases, interns or the ledger, audited.
func (h *internshipPages) export(what string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		x, err := h.internships.Export(r.Context(), httpx.Actor(r), what)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		var rows [][]any
		switch what {
		case "bases":
			for _, b := range x.Bases {
				var occ []string
				for _, o := range b.Occupations {
					occ = append(occ, h.internships.OccupationName(o))
				}
				rows = append(rows, []any{b.ID, b.EnterpriseName, b.Status.Label(), b.PlacesPerYear, strings.Join(occ, "、"), b.ContactName,
					b.ContactPhone, b.Supervisor, b.Finished, b.Kept, b.Retention(), b.Reason, b.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04")})
			}
			h.writeSheet(w, "就业见习基地", internshipBaseHeader, rows)
		case "interns":
			for _, in := range x.Interns {
				ended := ""
				if !in.EndedOn.IsZero() {
					ended = in.EndedOn.Format(time.DateOnly)
				}
				rows = append(rows, []any{in.ID, in.BaseName, in.PersonName, in.PostTitle, in.Start.Format(time.DateOnly), in.PlannedMonths,
					in.ServedMonths(), in.Status.Label(), ended, in.EndLabel()})
			}
			h.writeSheet(w, "就业见习人员", internshipInternHeader, rows)
		default:
			for _, b := range x.Bases {
				for _, l := range x.Ledger[b.ID] {
					row := []any{b.EnterpriseName, l.Label, l.Periods, l.Served, l.Unrecorded, l.Open, l.EstimateYuan, "", "", "", ""}
					if c := l.Claim; c != nil {
						row[7], row[8], row[9] = c.ID, c.Status.Label(), c.AmountYuan
						if c.Payout != nil {
							row[10] = c.Payout.PaidOn.Format(time.DateOnly)
						}
					}
					rows = append(rows, row)
				}
			}
			h.writeSheet(w, "就业见习补贴台账", internshipLedgerHeader, rows)
		}
	}
}
