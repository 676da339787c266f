package web

// 网谷智聘 Excel in and out on the employer's side: the import page (with
// the template download), the result page (counts, a server-rendered
// progress bar, the first 50 errors and the full report as .xlsx, kept in
// memory for an hour under a random id), and the .xlsx exports of the
// enterprise's posts and of the review queue.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/sheet"
)

// importReports keeps finished imports' reports for an hour.
type importReports struct {
	mu sync.Mutex
	m  map[string]importEntry
}

type importEntry struct {
	rep          *app.PostImportReport
	enterpriseID int64
	expires      time.Time
}

const importKeep = time.Hour

func (s *importReports) put(entID int64, rep *app.PostImportReport) string {
	var b [16]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]importEntry{}
	}
	for k, e := range s.m {
		if now.After(e.expires) {
			delete(s.m, k)
		}
	}
	s.m[id] = importEntry{rep: rep, enterpriseID: entID, expires: now.Add(importKeep)}
	return id
}

func (s *importReports) get(id string, entID int64) *app.PostImportReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[id]
	if !ok || e.enterpriseID != entID || time.Now().After(e.expires) {
		return nil
	}
	return e.rep
}

type jobImportData struct {
	Verified  bool
	Columns   []string
	MaxRows   int
	Done      bool
	Rep       *app.PostImportReport
	Shown     []app.RowError
	ReportURL string
	Percent   int
}

func (h *Handler) jobImportPage(r *http.Request, verified bool) *Page {
	return &Page{Title: "批量导入岗位", Nav: "me", Data: &jobImportData{Verified: verified, Columns: app.ImportColumnNames(), MaxRows: app.MaxImportRows}}
}

func (h *Handler) jobImportForm(w http.ResponseWriter, r *http.Request) {
	verified, err := h.enterpriseVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "job_import", h.jobImportPage(r, verified))
}

func (h *Handler) jobImportTemplate(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := h.app.WriteImportTemplate(&b); err != nil {
		h.fail(w, r, err)
		return
	}
	sendXLSX(w, "岗位导入模板", b.Bytes())
}

func (h *Handler) jobImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, app.MaxImportBytes+1<<20)
	verified, err := h.enterpriseVerified(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := h.jobImportPage(r, verified)
	files, done, err := httpx.ReadFiles(r, "file")
	defer done()
	if err == nil && len(files) == 0 {
		err = apperr.Field("file", "请选择要导入的 .xlsx 或 .csv 文件")
	}
	if err != nil {
		h.formFail(w, r, "job_import", page, err)
		return
	}
	a := httpx.Actor(r)
	rep, err := h.app.ImportPosts(r.Context(), a, false, a.User.EnterpriseID, files[0].Name, files[0].Data, nil)
	if err != nil {
		if formError(err) {
			h.formFail(w, r, "job_import", page, err)
			return
		}
		h.fail(w, r, err)
		return
	}
	d := page.Data.(*jobImportData)
	d.Done, d.Rep, d.Percent = true, rep, 100
	d.Shown = rep.Errors[:min(len(rep.Errors), 50)]
	if len(rep.Errors) > 0 {
		d.ReportURL = "/enterprise/jobs/import/" + h.imports.put(a.User.EnterpriseID, rep) + "/errors.xlsx"
	}
	page.Title = "导入结果"
	switch {
	case rep.Failed == 0:
		page.Flash = "已导入 " + strconv.Itoa(rep.Saved) + " 个岗位，等待审核。"
	case rep.Saved > 0:
		page.Flash = "已导入 " + strconv.Itoa(rep.Saved) + " 个岗位，等待审核；" + strconv.Itoa(rep.Failed) + " 行有误未导入，请下载错误报告修改后重新导入这些行。"
	default:
		page.Message = "没有导入任何岗位：" + strconv.Itoa(rep.Failed) + " 行都有错误，请下载错误报告修改后重新导入。"
	}
	h.render(w, r, http.StatusOK, "job_import", page)
}

func (h *Handler) jobImportErrors(w http.ResponseWriter, r *http.Request) {
	rep := h.imports.get(r.PathValue("id"), httpx.Actor(r).User.EnterpriseID)
	if rep == nil {
		h.fail(w, r, apperr.New(apperr.NotFound, "错误报告不存在或已过期（保留 1 小时），请重新导入"))
		return
	}
	var b bytes.Buffer
	if err := app.WriteImportErrors(&b, rep); err != nil {
		h.fail(w, r, err)
		return
	}
	sendXLSX(w, "岗位导入错误报告", b.Bytes())
}

// sendXLSX sends a finished workbook as a download.
func sendXLSX(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", sheet.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name+".xlsx"))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}

var postSheetHeader = []string{"岗位编号", "岗位名称", "职业代码", "状态", "招聘人数", "最低月薪", "最高月薪", "学历要求", "经验要求(年)",
	"技能", "福利", "工作地点代码", "详细地址", "有效期至", "发布时间"}

func postSheetRow(p *jobs.Post, status jobs.Status) []any {
	pub := ""
	if !p.PublishedAt.IsZero() {
		pub = p.PublishedAt.In(beijing).Format("2006-01-02 15:04")
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

// exportEnterpriseJobs is /enterprise/jobs?format=xlsx: every post of the
// enterprise under the list's status filter.
func (h *Handler) exportEnterpriseJobs(w http.ResponseWriter, r *http.Request, status string) {
	rows, err := h.app.ExportMyPosts(r.Context(), httpx.Actor(r), status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([][]any, len(rows))
	for i, row := range rows {
		out[i] = append(postSheetRow(row.Post, row.Effective), row.Views, row.Views7Days)
	}
	title := "本企业岗位"
	if status != "" {
		title += "-" + jobs.Status(status).Label()
	}
	writeSheet(w, title, append(append([]string{}, postSheetHeader...), "浏览次数", "近7天浏览"), out, h)
}

// exportReviewQueue is /console/jobs/review?format=xlsx.
func (h *Handler) exportReviewQueue(w http.ResponseWriter, r *http.Request) {
	posts, err := h.app.ExportReviewQueue(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([][]any, len(posts))
	for i, p := range posts {
		out[i] = append([]any{p.EnterpriseName}, append(postSheetRow(p, p.Status), p.UpdatedAt.In(beijing).Format("2006-01-02 15:04"))...)
	}
	writeSheet(w, "待审核岗位", append(append([]string{"企业"}, postSheetHeader...), "提交时间"), out, h)
}
