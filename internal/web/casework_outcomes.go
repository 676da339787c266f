package web

// 跟踪评估 pages for staff: the cohort report (with its Excel export), the
// insurance file upload with its result and downloadable error report, and
// one person's outcomes with the form to record what a call learned.

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/httpx"
)

// outcomePages serves outcome tracking to staff.
type outcomePages struct {
	*site
	outcomes *app.Outcomes
}

type option struct{ Value, Label string }

// outcomesData is the report page: the query form's choices, the report,
// the recent imports and, after an upload, its result.
type outcomesData struct {
	Kinds, Groups []option
	Report        *app.CohortReport
	Rows          []cohortLineView
	Total         cohortLineView
	GroupLabel    string
	ExportHref    string
	Imports       []insuranceRunView
	Result        *insuranceRunView
	Columns       []string
	MaxRows       int
}

type cohortLineView struct {
	Label, Median, Wage string
	N, Employed         int
	Horizons            []horizonCell
	Small               bool
}

// horizonCell is a placement rate as the page prints it: "62.5%
// (95% 区间 48.1%–75.0%)" with "25/40".
type horizonCell struct {
	Months           int
	Rate, Interval   string
	Placed, Eligible int
}

type insuranceRunView struct {
	*casework.InsuranceImport
	ReportURL string
	Errors    []casework.ImportError // the first ones, on the result
	More      int
}

func runView(run *casework.InsuranceImport, withErrors bool) insuranceRunView {
	v := insuranceRunView{InsuranceImport: run}
	if run.Failed > 0 {
		v.ReportURL = "/console/casework/outcomes/imports/" + strconv.FormatInt(run.ID, 10) + "/errors.xlsx"
	}
	if withErrors {
		n := min(len(run.Errors), 50)
		v.Errors, v.More = run.Errors[:n], len(run.Errors)-n
	}
	return v
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func lineView(l app.CohortLine) cohortLineView {
	v := cohortLineView{Label: l.Label, N: l.N, Employed: l.Employed, Small: l.Small, Median: "—", Wage: "—"}
	if l.Employed > 0 {
		v.Median = fmt.Sprintf("%.0f 天", l.MedianDays)
	}
	if l.WageBand != "" {
		v.Wage = l.WageBand.Label()
	}
	for _, h := range l.Horizons {
		c := horizonCell{Months: h.Months, Placed: h.Placed, Eligible: h.Eligible, Rate: "—"}
		if h.Eligible > 0 {
			c.Rate, c.Interval = pct(h.Rate), pct(h.Low)+"–"+pct(h.High)
		}
		v.Horizons = append(v.Horizons, c)
	}
	return v
}

// outcomesPage builds the report page for the query in r's URL; a bad
// query shows the form with its messages and no report.
func (h *outcomePages) outcomesPage(r *http.Request) (*Page, error) {
	q := r.URL.Query()
	form := map[string]string{"kind": q.Get("kind"), "from": q.Get("from"), "to": q.Get("to"), "group_by": q.Get("group_by")}
	d := &outcomesData{Columns: casework.InsuranceColumns, MaxRows: app.MaxInsuranceRows}
	for _, k := range casework.ServedKinds {
		d.Kinds = append(d.Kinds, option{string(k), k.Label()})
	}
	for _, g := range casework.GroupBys {
		d.Groups = append(d.Groups, option{string(g), g.Label()})
	}
	page := &Page{Title: "跟踪评估", Nav: "casework", Data: d, Form: form}
	runs, err := h.outcomes.RecentInsuranceImports(r.Context(), httpx.Actor(r), 5)
	if err != nil {
		return nil, err
	}
	for _, run := range runs {
		d.Imports = append(d.Imports, runView(run, false))
	}
	cq, err := h.outcomes.ParseCohortQuery(form["kind"], form["from"], form["to"], form["group_by"])
	if err != nil {
		e := apperr.As(err)
		page.Message, page.Errors = e.Message, e.Fields
		return page, nil
	}
	rep, err := h.outcomes.Cohorts(r.Context(), httpx.Actor(r), cq)
	if err != nil {
		return nil, err
	}
	form["kind"], form["group_by"] = string(cq.Kind), string(cq.GroupBy)
	form["from"], form["to"] = cq.From.Format(time.DateOnly), cq.To.Format(time.DateOnly)
	d.Report, d.GroupLabel = rep, cq.GroupBy.Label()
	for _, l := range rep.Rows {
		d.Rows = append(d.Rows, lineView(l))
	}
	d.Total = lineView(rep.Total)
	ex := url.Values{"format": {"xlsx"}, "kind": {form["kind"]}, "from": {form["from"]}, "to": {form["to"]}, "group_by": {form["group_by"]}}
	d.ExportHref = "/console/casework/outcomes?" + ex.Encode()
	return page, nil
}

// report is GET /console/casework/outcomes; ?format=xlsx exports the
// report.
func (h *outcomePages) report(w http.ResponseWriter, r *http.Request) {
	page, err := h.outcomesPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := page.Data.(*outcomesData)
	if r.URL.Query().Get("format") == "xlsx" && d.Report != nil {
		h.exportCohorts(w, d)
		return
	}
	status := http.StatusOK
	if page.Errors != nil {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "casework_outcomes", page)
}

func (h *outcomePages) exportCohorts(w http.ResponseWriter, d *outcomesData) {
	q := d.Report.Query
	header := []string{d.GroupLabel, "服务人数"}
	for _, m := range casework.CheckMonths {
		header = append(header, fmt.Sprintf("%d个月：满期人数", m), fmt.Sprintf("%d个月：已就业", m), fmt.Sprintf("%d个月：就业率", m),
			fmt.Sprintf("%d个月：95%%区间下限", m), fmt.Sprintf("%d个月：95%%区间上限", m))
	}
	header = append(header, "已就业人数", "就业天数中位数", "最常见工资区间", "备注")
	var rows [][]any
	for _, l := range append(append([]app.CohortLine{}, d.Report.Rows...), d.Report.Total) {
		row := []any{l.Label, l.N}
		for _, hz := range l.Horizons {
			if hz.Eligible == 0 {
				row = append(row, 0, 0, "", "", "")
				continue
			}
			row = append(row, hz.Eligible, hz.Placed, round3(hz.Rate), round3(hz.Low), round3(hz.High))
		}
		median := any("")
		if l.Employed > 0 {
			median = l.MedianDays
		}
		note := ""
		if l.Small {
			note = casework.SmallNote
		}
		wage := ""
		if l.WageBand != "" {
			wage = l.WageBand.Label()
		}
		rows = append(rows, append(row, l.Employed, median, wage, note))
	}
	title := "跟踪评估-" + q.Kind.Label() + "-" + q.From.Format("20060102") + "-" + q.To.Format("20060102")
	h.writeSheet(w, title, header, rows)
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// importInsurance is the upload form: the result (counts, the first
// errors, the report link) shows on the report page.
func (h *outcomePages) importInsurance(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, app.MaxInsuranceBytes+1<<20)
	files, done, err := httpx.ReadFiles(r, "file", app.InsuranceTooLarge())
	defer done()
	if err == nil && len(files) == 0 {
		err = apperr.Field("file", "请选择要导入的 .xlsx 或 .csv 文件")
	}
	var run *casework.InsuranceImport
	if err == nil {
		run, err = h.outcomes.ImportInsurance(r.Context(), httpx.Actor(r), false, files[0].Name, files[0].Data)
	}
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid && len(e.Fields) == 0 {
			err = &apperr.Error{Code: apperr.Invalid, Message: e.Message, Fields: map[string]string{"file": e.Message}}
		}
		h.failOnPage(w, r, "casework_outcomes", err, nil, func() (*Page, error) { return h.outcomesPage(r) })
		return
	}
	page, err := h.outcomesPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := runView(run, true)
	page.Data.(*outcomesData).Result = &v
	page.Flash = fmt.Sprintf("已导入：读取 %d 行，写入 %d 条就业记录，%d 行有误未导入", run.Total, run.Saved, run.Failed)
	h.render(w, r, http.StatusOK, "casework_outcomes", page)
}

// insuranceErrors downloads an import's error report.
func (h *outcomePages) insuranceErrors(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "对象不存在"))
		return
	}
	run, err := h.outcomes.InsuranceImport(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := app.WriteInsuranceErrors(&b, run); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "社保缴费记录导入错误报告-"+strconv.FormatInt(id, 10), b.Bytes())
}

// insuranceTemplate downloads the file's template.
func (h *outcomePages) insuranceTemplate(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := h.outcomes.WriteInsuranceTemplate(&b); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "社保缴费记录导入模板", b.Bytes())
}

// personOutcomesData is one person's tracking page.
type personOutcomesData struct {
	*app.PersonOutcomes
	Action               string
	Statuses, Sources    []option
	WageBands, Contracts []option
}

func (h *outcomePages) personPage(r *http.Request, id int64) (*Page, error) {
	po, err := h.outcomes.PersonOutcomes(r.Context(), httpx.Actor(r), id)
	if err != nil {
		return nil, err
	}
	d := &personOutcomesData{PersonOutcomes: po, Action: "/console/casework/persons/" + strconv.FormatInt(id, 10) + "/outcomes"}
	for _, s := range casework.Statuses {
		d.Statuses = append(d.Statuses, option{string(s), s.Label()})
	}
	for _, s := range casework.Sources {
		if s.Recordable() {
			d.Sources = append(d.Sources, option{string(s), s.Label()})
		}
	}
	for _, b := range casework.WageBands {
		d.WageBands = append(d.WageBands, option{string(b), b.Label()})
	}
	for _, c := range casework.ContractTypes {
		d.Contracts = append(d.Contracts, option{string(c), c.Label()})
	}
	form := map[string]string{"source": string(casework.SourceAgent), "since": casework.Day(h.now()).Format(time.DateOnly)}
	return &Page{Title: "就业跟踪 · " + po.Name, Nav: "casework", Data: d, Form: form}, nil
}

func (h *outcomePages) personOutcomes(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "人员不存在"))
		return
	}
	page, err := h.personPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("saved") == "1" {
		page.Flash = "已登记就业情况"
	}
	h.render(w, r, http.StatusOK, "casework_outcomes_person", page)
}

var outcomeFields = []string{"status", "employer", "employer_uscc", "occupation", "wage_band", "contract_type", "since", "until", "source"}

func (h *outcomePages) recordOutcome(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "人员不存在"))
		return
	}
	form := formValues(r, outcomeFields...)
	rebuild := func() (*Page, error) { return h.personPage(r, id) }
	// The occupation is typed by name (or code) and resolved here, as on
	// the resume form; an unclear name is refused with the likely ones.
	pick := h.resolveOccupation(form["occupation"])
	if pick.Text != "" && pick.Code == "" {
		msg := pick.Err
		for i, c := range pick.Choices {
			msg += map[bool]string{true: "：", false: "、"}[i == 0] + c.Name + "（" + c.Code + "）"
		}
		h.failOnPage(w, r, "casework_outcomes_person", apperr.Field("occupation", msg), form, rebuild)
		return
	}
	in := app.OutcomeInput{PersonID: id, Status: form["status"], Employer: form["employer"], EmployerUSCC: form["employer_uscc"],
		OccupationCode: pick.Code, WageBand: form["wage_band"], ContractType: form["contract_type"],
		Since: form["since"], Until: form["until"], Source: form["source"]}
	if _, err := h.outcomes.RecordOutcome(r.Context(), httpx.Actor(r), in); err != nil {
		if e := apperr.As(err); e.Fields["occupation_code"] != "" {
			e.Fields["occupation"] = e.Fields["occupation_code"]
		}
		h.failOnPage(w, r, "casework_outcomes_person", err, form, rebuild)
		return
	}
	http.Redirect(w, r, "/console/casework/persons/"+strconv.FormatInt(id, 10)+"/outcomes?saved=1", http.StatusSeeOther)
}
