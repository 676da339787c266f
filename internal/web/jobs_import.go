package web

// 网谷智聘 Excel in and out on the employer's side: the import page (with
// the template download and the recent imports), the result page of an
// import run (a progress bar that refreshes itself while the rows are
// checked, then the counts, the first 50 errors and the full report as
// .xlsx, kept with the run for 30 days), and the .xlsx exports of the
// enterprise's posts and of the review queue.

import (
	"bytes"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
)

// jobImportPages are the employer's bulk imports of posts.
type jobImportPages struct {
	*site
	imports  *app.JobImports
	jobPages *jobPages // whether the enterprise is verified
}

type jobImportData struct {
	Verified bool
	Columns  []string
	MaxRows  int
	Runs     []importRunView // recent imports of the enterprise
	KeepDays int
}

// importRunView is a run as the list and the result page show it.
type importRunView struct {
	*jobs.Import
	Percent   int
	Label     string // 处理中 / 已完成 / 失败
	Class     string // tag colour
	Href      string // the result page
	ReportURL string // the .xlsx report, when there are row errors
}

func importRunViewOf(r *jobs.Import) importRunView {
	v := importRunView{Import: r, Href: "/enterprise/job-imports/" + strconv.FormatInt(r.ID, 10)}
	if r.Total > 0 {
		v.Percent = r.Checked * 100 / r.Total
	}
	switch r.Status {
	case jobs.ImportRunning:
		v.Label, v.Class = "处理中", "warn"
	case jobs.ImportDone:
		v.Label, v.Class, v.Percent = "已完成", "ok", 100
		if r.Failed > 0 { // done, but rows were refused: not green
			v.Class = "warn"
		}
	default:
		v.Label, v.Class = "失败", "err"
	}
	if r.Status == jobs.ImportDone && r.ErrorCount > 0 {
		v.ReportURL = v.Href + "/errors.xlsx"
	}
	return v
}

// jobImportPage is the import form with the enterprise's recent imports.
func (h *jobImportPages) jobImportPage(r *http.Request, verified bool) (*Page, error) {
	d := &jobImportData{Verified: verified, Columns: app.ImportColumnNames(), MaxRows: app.MaxImportRows, KeepDays: app.ImportKeepDays}
	runs, err := h.imports.MyJobImports(r.Context(), httpx.Actor(r), 10)
	if err != nil {
		return nil, err
	}
	for _, run := range runs {
		d.Runs = append(d.Runs, importRunViewOf(run))
	}
	return &Page{Title: "批量导入岗位", Nav: "me", Data: d}, nil
}

func (h *jobImportPages) jobImportForm(w http.ResponseWriter, r *http.Request) {
	verified, err := h.jobPages.enterpriseVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.jobImportPage(r, verified)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "jobs_import", page)
}

func (h *jobImportPages) jobImportTemplate(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := h.imports.WriteImportTemplate(&b); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "岗位导入模板", b.Bytes())
}

// jobImport takes the upload: a file that cannot be imported at all is
// refused on the form with nothing saved; a file with the template's header
// starts its run in the background and the browser goes to its result
// page, which follows it; any other file goes to the mapping step.
func (h *jobImportPages) jobImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, app.MaxImportBytes+1<<20)
	verified, err := h.jobPages.enterpriseVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	files, done, err := httpx.ReadFiles(r, "file", app.ImportTooLarge())
	defer done()
	if err == nil && len(files) == 0 {
		err = apperr.Field("file", "请选择要导入的 .xlsx 或 .csv 文件")
	}
	var d *app.ImportDraft
	if err == nil {
		d, err = h.imports.DraftPostImport(r.Context(), httpx.Actor(r), files[0].Name, files[0].Data)
	}
	if err == nil && !d.Template {
		h.render(w, r, http.StatusOK, "jobs_import_mapping", mappingPage(d))
		return
	}
	var run *jobs.Import
	if err == nil {
		run, err = h.imports.StartDraft(r.Context(), httpx.Actor(r), app.ImportSourceWeb, d)
	}
	if err != nil {
		if !formError(err) && !apperr.Is(err, apperr.TooMany) {
			h.fail(w, r, err)
			return
		}
		page, perr := h.jobImportPage(r, verified)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		h.formFail(w, r, "jobs_import", page, err)
		return
	}
	http.Redirect(w, r, "/enterprise/job-imports/"+strconv.FormatInt(run.ID, 10), http.StatusSeeOther)
}

// maxMappingForm bounds the mapping form: the file's cells it carries
// (compressed) and the column choices.
const maxMappingForm = 9 << 20

// maxMappingColumns is the most columns the mapping form reads back.
const maxMappingColumns = 200

type jobImportMappingData struct {
	*app.ImportDraft
	Fields []struct{ Key, Label string }
}

func mappingPage(d *app.ImportDraft) *Page {
	return &Page{Title: "核对导入的列", Nav: "me", Data: &jobImportMappingData{ImportDraft: d, Fields: jobs.ImportFields}}
}

// jobImportMapping is the mapping step's form: 预览 shows the first rows
// again with the chosen fields, 导入 starts the run. A mapping that lacks a
// required field stays on the step with the reason.
func (h *jobImportPages) jobImportMapping(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxMappingForm)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, apperr.New(apperr.Invalid, "表单内容过大或无法读取，请重新上传文件"))
		return
	}
	// One field per column; a column the browser did not send (a select
	// left without a choice) is not imported.
	n, _ := strconv.Atoi(r.PostFormValue("cols"))
	mapping := make([]string, min(max(n, 0), maxMappingColumns))
	for i := range mapping {
		mapping[i] = r.PostFormValue("col-" + strconv.Itoa(i))
	}
	a := httpx.Actor(r)
	filename, table := r.PostFormValue("filename"), r.PostFormValue("table")
	var importErr error
	if r.PostFormValue("action") == "import" {
		run, err := h.imports.StartMappedImport(r.Context(), a, filename, table, mapping)
		if err == nil {
			http.Redirect(w, r, "/enterprise/job-imports/"+strconv.FormatInt(run.ID, 10), http.StatusSeeOther)
			return
		}
		if !formError(err) {
			h.fail(w, r, err)
			return
		}
		importErr = err
	}
	d, err := h.imports.RedraftPostImport(r.Context(), a, filename, table, mapping)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := mappingPage(d)
	if importErr != nil {
		h.formFail(w, r, "jobs_import_mapping", page, importErr)
		return
	}
	h.render(w, r, http.StatusOK, "jobs_import_mapping", page)
}

type jobImportResultData struct {
	Run   importRunView
	Shown []app.RowError // the first errors, the rest in the report
}

// jobImportResult is a run's page: its progress while running (the page
// refreshes itself, so it works without JavaScript), then the counts, the
// first errors and the full report.
func (h *jobImportPages) jobImportResult(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "导入记录不存在"))
		return
	}
	a := httpx.Actor(r)
	run, err := h.imports.JobImport(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := importRunViewOf(run)
	var rowErrs []app.RowError
	if v.ReportURL != "" {
		if rowErrs, err = h.imports.JobImportErrors(r.Context(), a, id); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	// Refusals first, then the notes on imported rows.
	sort.SliceStable(rowErrs, func(i, j int) bool { return !rowErrs[i].Note && rowErrs[j].Note })
	page := &Page{Title: "导入结果", Nav: "me", Data: &jobImportResultData{Run: v, Shown: rowErrs[:min(len(rowErrs), 50)]}}
	switch {
	case run.Status == jobs.ImportRunning:
		page.Title = "正在导入"
	case run.Status == jobs.ImportFailed:
		page.Message = run.Message
	case run.Failed == 0:
		page.Flash = "已导入 " + strconv.Itoa(run.Saved) + " 个岗位，等待审核。"
	case run.Saved > 0: // partly imported: a warning, not a success
		page.Notice = "已导入 " + strconv.Itoa(run.Saved) + " 个岗位，等待审核；" + strconv.Itoa(run.Failed) + " 行有误未导入，请下载错误报告修改后重新导入这些行。"
	default:
		page.Message = "没有导入任何岗位：" + strconv.Itoa(run.Failed) + " 行都有错误，请下载错误报告修改后重新导入。"
	}
	h.render(w, r, http.StatusOK, "jobs_import_result", page)
}

func (h *jobImportPages) jobImportErrors(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "导入记录不存在"))
		return
	}
	rowErrs, err := h.imports.JobImportErrors(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := app.WriteRowErrors(&b, rowErrs); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.SendXLSX(w, "岗位导入错误报告", b.Bytes())
}

var postSheetHeader = []string{"岗位编号", "岗位名称", "职业代码", "状态", "招聘人数", "最低月薪", "最高月薪", "学历要求", "经验要求(年)",
	"技能", "福利", "工作地点代码", "详细地址", "有效期至", "发布时间"}

func postSheetRow(p *jobs.Post, status jobs.Status) []any {
	pub := ""
	if !p.PublishedAt.IsZero() {
		pub = p.PublishedAt.In(chinatime.Zone).Format("2006-01-02 15:04")
	}
	return []any{p.ID, p.Title, p.OccupationCode, status.Label(), p.Headcount, p.SalaryMin, p.SalaryMax, p.Education, p.ExperienceYears,
		joinTags(p.Skills), joinTags(p.Benefits), p.RegionCode, p.Address, p.ExpiresOn.Format(time.DateOnly), pub}
}

func joinTags(xs []string) string {
	var b bytes.Buffer
	for i, x := range xs {
		if i > 0 {
			b.WriteString("，")
		}
		b.WriteString(x)
	}
	return b.String()
}
