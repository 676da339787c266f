package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
)

var importHeader = []any{"岗位名称", "职业代码", "岗位描述", "招聘人数", "最低月薪", "最高月薪", "学历要求", "经验要求(年)", "技能", "福利", "工作地点代码", "详细地址", "有效期至"}

func importRow(title, code, salaryMin, salaryMax, region, expires string) []any {
	return []any{title, code, "负责钢结构件的焊接，能看懂图纸，持证优先。", "5", salaryMin, salaryMax, "不限", "1", "二保焊，氩弧焊",
		"五险一金，包吃住", region, "东西湖区吴家山街道临空港大道 88 号", expires}
}

// importXLSX builds a workbook with the header and rows.
func importXLSX(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &importHeader)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// upload posts a file to the import page as role, as a browser without
// JavaScript does.
func (f *fixture) upload(role, name string, data []byte) *httptest.ResponseRecorder {
	return f.multipart("/enterprise/jobs/import", role, false, name, data)
}

// uploadAPI posts a file to the import API as role with a bearer token.
func (f *fixture) uploadAPI(role, name string, data []byte) *httptest.ResponseRecorder {
	return f.multipart("/api/v1/me/job-imports", role, true, name, data)
}

func (f *fixture) multipart(path, role string, bearer bool, name string, data []byte) *httptest.ResponseRecorder {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if bearer {
		req.Header.Set("Authorization", "Bearer "+f.token(role))
	} else {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: f.token(role)})
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

var importPage = regexp.MustCompile(`^/enterprise/job-imports/([0-9]+)$`)

// importRedirect checks the page upload's 303 to the run's result page and
// returns the run id.
func importRedirect(t *testing.T, rec *httptest.ResponseRecorder) int64 {
	t.Helper()
	m := importPage.FindStringSubmatch(rec.Header().Get("Location"))
	if rec.Code != http.StatusSeeOther || m == nil {
		t.Fatalf("upload: want 303 to /enterprise/job-imports/{id}, got %d %q %.300s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// importRun is the API's view of an import run.
type importRun struct {
	ID         int64  `json:"id"`
	Filename   string `json:"filename"`
	Status     string `json:"status"`
	Total      int    `json:"total"`
	Checked    int    `json:"checked"`
	Saved      int    `json:"saved"`
	Failed     int    `json:"failed"`
	ErrorCount int    `json:"error_count"`
	Message    string `json:"message"`
	ErrorsURL  string `json:"errors_url"`
	PageURL    string `json:"page_url"`
}

// getImport reads a run through the API as role on srv.
func getImport(t *testing.T, srv http.Handler, token string, id int64) (int, importRun) {
	t.Helper()
	req := httptest.NewRequest("GET", fmt.Sprintf("/api/v1/me/job-imports/%d", id), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var run importRun
	if rec.Code == 200 {
		if err := json.Unmarshal(rec.Body.Bytes(), &run); err != nil {
			t.Fatalf("run %d: %v %s", id, err, rec.Body)
		}
	}
	return rec.Code, run
}

// waitImport polls a run until it ends and returns it, with every
// progress value seen on the way.
func (f *fixture) waitImport(role string, id int64) (importRun, []int) {
	f.t.Helper()
	token := f.token(role)
	var seen []int
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, run := getImport(f.t, f.srv, token, id)
		if code != 200 {
			f.t.Fatalf("run %d: %d", id, code)
		}
		if len(seen) == 0 || seen[len(seen)-1] != run.Checked {
			seen = append(seen, run.Checked)
		}
		if run.Status != "running" {
			return run, seen
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("run %d still running after 60 s: %+v", id, run)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (f *fixture) postCount(role string) int {
	f.t.Helper()
	_, n, err := f.db.Jobs().ListPosts(context.Background(), jobs.PostFilter{EnterpriseID: f.users[role].User.EnterpriseID, Limit: 1})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func openXLSX(t *testing.T, rec *httptest.ResponseRecorder) [][]string {
	t.Helper()
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("not an xlsx download: %d %s %.300s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	x, err := excelize.OpenReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// fiveRows is the import of the tests: 3 good rows and 2 bad ones (rows 4
// and 6 of the sheet).
func fiveRows(t *testing.T) []byte {
	return importXLSX(t,
		importRow("电焊工", "6-18-02-04", "6000", "9000", "420112001", ""),
		importRow("叉车司机", "", "5000", "7000", "420112001", "2026-06-30"), // code classified from the title
		importRow("氩弧焊工", "6-18-02-04", "abc", "9000", "420112001", ""),
		importRow("普工", "6-18-02-04", "6000", "8000", "420112001", "2026/6/1"),
		importRow("电工", "6-18-02-04", "9000", "6000", "999999999", "2000-01-01"))
}

// checkFiveRowsReport checks the .xlsx report of fiveRows.
func checkFiveRowsReport(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	rep := openXLSX(t, rec)
	if len(rep) < 4 || rep[0][0] != "行号" || rep[0][1] != "列" || rep[0][2] != "原因" {
		t.Fatalf("report %v", rep)
	}
	got := map[string]bool{}
	for _, r := range rep[1:] {
		got[r[0]+" "+r[1]] = true
		if r[0] != "4" && r[0] != "6" {
			t.Errorf("report names row %s, which is good", r[0])
		}
	}
	for _, want := range []string{"4 最低月薪", "6 最高月薪", "6 工作地点代码", "6 有效期至"} {
		if !got[want] {
			t.Errorf("report lacks %q: %v", want, rep)
		}
	}
}

// TestJobImport: on the page without JavaScript, 3 good and 2 bad rows:
// the upload answers 303 to the run's result page, which shows the counts
// and links the report of the 2 rows (row, column, reason) as .xlsx; 3
// posts are saved pending review. Another enterprise's result and report
// are refused and audited. A corrupt or foreign file saves nothing and
// records no run; a CSV with a BOM or in GBK imports; an unverified
// enterprise is refused; the lists export to .xlsx.
func TestJobImport(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		if rec := f.page("/enterprise/jobs/import", f.token("employer")); rec.Code != 200 || !strings.Contains(rec.Body.String(), "/enterprise/jobs/import/template.xlsx") ||
			!strings.Contains(rec.Body.String(), "还没有导入记录") {
			t.Fatalf("import page: %d", rec.Code)
		}
		tpl := openXLSX(t, f.page("/enterprise/jobs/import/template.xlsx", f.token("employer")))
		if len(tpl) != 2 || tpl[0][0] != "岗位名称" || len(tpl[0]) != 13 {
			t.Fatalf("template %v", tpl)
		}
		id := importRedirect(t, f.upload("employer", "岗位.xlsx", fiveRows(t)))
		run, _ := f.waitImport("employer", id)
		if run.Status != "done" || run.Total != 5 || run.Checked != 5 || run.Saved != 3 || run.Failed != 2 || run.Filename != "岗位.xlsx" {
			t.Fatalf("run %+v", run)
		}
		result := fmt.Sprintf("/enterprise/job-imports/%d", id)
		rec := f.page(result, f.token("employer"))
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "已导入（待审核）") || !strings.Contains(body, `<progress id="import-progress" value="5" max="5">`) ||
			strings.Contains(body, `http-equiv="refresh"`) {
			t.Fatalf("result page: %d %s", rec.Code, body)
		}
		if n := f.postCount("employer"); n != 3 {
			t.Fatalf("%d posts saved, want 3", n)
		}
		posts, _, _ := f.db.Jobs().ListPosts(context.Background(), jobs.PostFilter{EnterpriseID: f.users["employer"].User.EnterpriseID, Limit: 10})
		for _, p := range posts {
			if p.Status != "pending" || p.OccupationCode == "" {
				t.Fatalf("imported post %+v", p)
			}
		}
		link := regexp.MustCompile(`/enterprise/job-imports/[0-9]+/errors\.xlsx`).FindString(body)
		if link != result+"/errors.xlsx" {
			t.Fatalf("report link %q in %s", link, body)
		}
		checkFiveRowsReport(t, f.page(link, f.token("employer")))
		// The import page lists the run with its counts and the report.
		list := f.page("/enterprise/jobs/import", f.token("employer")).Body.String()
		if !strings.Contains(list, `href="`+result+`"`) || !strings.Contains(list, `href="`+link+`"`) || !strings.Contains(list, "已完成") {
			t.Fatalf("recent imports: %s", list)
		}
		if other := f.page("/enterprise/jobs/import", f.token("employer2")).Body.String(); strings.Contains(other, result) {
			t.Fatal("another enterprise sees the run in its list")
		}

		// Another enterprise: 404 (as if missing) on the page and the report, both audited.
		denied0 := auditCount(t, db, audit.AccessDenied, audit.ResultDenied)
		if rec := f.page(link, f.token("employer2")); rec.Code != 404 {
			t.Fatalf("another enterprise read the report: %d", rec.Code)
		}
		if rec := f.page(result, f.token("employer2")); rec.Code != 404 || strings.Contains(rec.Body.String(), "岗位.xlsx") {
			t.Fatalf("another enterprise read the result: %d", rec.Code)
		}
		if got := auditCount(t, db, audit.AccessDenied, audit.ResultDenied) - denied0; got != 2 {
			t.Fatalf("%d denials audited, want 2", got)
		}
		if rec := f.page("/enterprise/job-imports/999999", f.token("employer")); rec.Code != 404 {
			t.Fatalf("missing run: %d", rec.Code)
		}

		// Malformed files: a clear error on the form, nothing saved, no run recorded.
		runs0, _ := db.Count(context.Background(), "job_imports")
		for name, raw := range map[string][]byte{
			"坏.xlsx": []byte("PK\x03\x04 this is not a zip"),
			"x.pdf":  []byte("%PDF-1.4"),
			"空.csv":  {},
		} {
			rec := f.upload("employer", name, raw)
			if rec.Code != 422 && rec.Code != 400 || !strings.Contains(rec.Body.String(), "未导入任何岗位") && !strings.Contains(rec.Body.String(), "表头") && !strings.Contains(rec.Body.String(), "文件") {
				t.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
			}
		}
		// Columns the template does not name go to the mapping step, which
		// says what is missing; nothing is saved.
		if rec := f.upload("employer", "cols.csv", []byte("名称,薪水\n电焊工,6000\n")); rec.Code != 200 || !strings.Contains(rec.Body.String(), "核对导入的列") ||
			!strings.Contains(rec.Body.String(), "表头缺少必填列") {
			t.Fatalf("cols.csv: %d %.500s", rec.Code, rec.Body)
		}
		if rec := f.upload("employer", "坏.xlsx", []byte("PK\x03\x04 junk")); rec.Code != 422 || !strings.Contains(rec.Body.String(), "无法读取 Excel 文件") ||
			!strings.Contains(rec.Body.String(), `id="e-file"`) && !strings.Contains(rec.Body.String(), `class="alert"`) {
			t.Fatalf("corrupt xlsx message: %d %s", rec.Code, rec.Body)
		}
		if n := f.postCount("employer"); n != 3 {
			t.Fatalf("malformed files saved posts: %d", n)
		}
		if runs, _ := db.Count(context.Background(), "job_imports"); runs != runs0 {
			t.Fatalf("malformed files recorded %d runs", runs-runs0)
		}

		// CSV with a BOM.
		csv := "\ufeff岗位名称,岗位描述,招聘人数,最低月薪,最高月薪,工作地点代码,详细地址\n" +
			"仓库管理员,负责仓库收发货与盘点，熟悉 Excel。,2,4500,6000,420112001,东西湖区吴家山街道 1 号\n"
		if run, _ := f.waitImport("employer", importRedirect(t, f.upload("employer", "jobs.csv", []byte(csv)))); run.Saved != 1 {
			t.Fatalf("csv: %+v", run)
		}
		if n := f.postCount("employer"); n != 4 {
			t.Fatalf("csv with BOM: %d posts", n)
		}

		// The same in GBK, as Excel on Chinese Windows saves CSV.
		gbk, err := simplifiedchinese.GBK.NewEncoder().String(strings.TrimPrefix(csv, "\ufeff"))
		if err != nil {
			t.Fatal(err)
		}
		if run, _ := f.waitImport("employer", importRedirect(t, f.upload("employer", "jobs.csv", []byte(gbk)))); run.Saved != 1 || f.postCount("employer") != 5 {
			t.Fatalf("gbk csv: %+v", run)
		}

		// An unverified enterprise is refused.
		staff := app.Actor{User: f.users["staff"].User, IP: "test"}
		if err := f.app.Registry.VerifyEnterprise(context.Background(), staff, f.users["employer2"].User.EnterpriseID, false); err != nil {
			t.Fatal(err)
		}
		if rec := f.upload("employer2", "岗位.xlsx", fiveRows(t)); rec.Code != 403 || !strings.Contains(rec.Body.String(), "尚未通过") {
			t.Fatalf("unverified: %d %s", rec.Code, rec.Body)
		}
		if n := f.postCount("employer2"); n != 0 {
			t.Fatalf("unverified enterprise saved %d posts", n)
		}

		// Exports.
		rows := openXLSX(t, f.page("/enterprise/jobs?format=xlsx", f.token("employer")))
		if len(rows) != 6 || rows[0][1] != "岗位名称" {
			t.Fatalf("employer export %v", rows)
		}
		rows = openXLSX(t, f.page("/enterprise/jobs?format=xlsx&status=published", f.token("employer")))
		if len(rows) != 1 {
			t.Fatalf("filtered export %v", rows)
		}
		rows = openXLSX(t, f.page("/console/jobs/review?format=xlsx", f.token("reviewer")))
		if len(rows) != 6 || rows[0][0] != "企业" {
			t.Fatalf("review export %v", rows)
		}
		if rec := f.page("/console/jobs/review?format=xlsx", f.token("employer")); rec.Code != 403 {
			t.Fatalf("employer exported the review queue: %d", rec.Code)
		}
	})
}

// TestJobImportAPI: the same import through the API: 202 with the run and
// a Location, the run polled to done with the counts, the report as .xlsx,
// the list; a malformed file is 422 in Chinese with nothing saved; another
// enterprise's run is 404, as if missing, and audited; a running run has no report yet.
func TestJobImportAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		rec := f.uploadAPI("employer", "岗位.xlsx", fiveRows(t))
		if rec.Code != http.StatusAccepted {
			t.Fatalf("upload: %d %s", rec.Code, rec.Body)
		}
		var started importRun
		json.Unmarshal(rec.Body.Bytes(), &started)
		loc := rec.Header().Get("Location")
		if started.ID == 0 || started.Total != 5 || loc != fmt.Sprintf("/api/v1/me/job-imports/%d", started.ID) ||
			started.PageURL != fmt.Sprintf("/enterprise/job-imports/%d", started.ID) {
			t.Fatalf("202 body %s, Location %q", rec.Body, loc)
		}
		run, _ := f.waitImport("employer", started.ID)
		if run.Status != "done" || run.Checked != 5 || run.Saved != 3 || run.Failed != 2 || run.ErrorCount < 4 ||
			run.ErrorsURL != loc+"/errors.xlsx" {
			t.Fatalf("run %+v", run)
		}
		if n := f.postCount("employer"); n != 3 {
			t.Fatalf("%d posts saved, want 3", n)
		}
		checkFiveRowsReport(t, f.do("GET", run.ErrorsURL, f.token("employer"), nil))
		list := decode(t, f.do("GET", "/api/v1/me/job-imports", f.token("employer"), nil))
		if items, _ := list["items"].([]any); len(items) != 1 || items[0].(map[string]any)["saved"] != float64(3) {
			t.Fatalf("list %v", list)
		}
		if list := decode(t, f.do("GET", "/api/v1/me/job-imports", f.token("employer2"), nil)); list["total"] != float64(0) {
			t.Fatalf("employer2's list %v", list)
		}

		// Another enterprise: 404 as if missing, audited.
		denied0 := auditCount(t, db, audit.AccessDenied, audit.ResultDenied)
		if code, _ := getImport(t, f.srv, f.token("employer2"), started.ID); code != 404 {
			t.Fatalf("another enterprise read the run: %d", code)
		}
		if rec := f.do("GET", run.ErrorsURL, f.token("employer2"), nil); rec.Code != 404 {
			t.Fatalf("another enterprise read the report: %d", rec.Code)
		}
		if got := auditCount(t, db, audit.AccessDenied, audit.ResultDenied) - denied0; got != 2 {
			t.Fatalf("%d denials audited, want 2", got)
		}

		// Malformed: 422 with the reason, nothing saved, no run.
		runs0, _ := db.Count(context.Background(), "job_imports")
		rec = f.uploadAPI("employer", "坏.xlsx", []byte("PK\x03\x04 junk"))
		if rec.Code != 422 || !strings.Contains(decode(t, rec)["error"].(map[string]any)["message"].(string), "无法读取 Excel 文件") {
			t.Fatalf("malformed: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/me/job-imports", f.token("employer"), map[string]any{}); rec.Code != 422 || errField(t, rec, "file") == "" {
			t.Fatalf("no file: %d %s", rec.Code, rec.Body)
		}
		if runs, _ := db.Count(context.Background(), "job_imports"); runs != runs0 || f.postCount("employer") != 3 {
			t.Fatalf("malformed files recorded %d runs, %d posts", runs-runs0, f.postCount("employer"))
		}

		// A run still checking rows has no report yet.
		running := &jobs.Import{EnterpriseID: f.users["employer"].User.EnterpriseID, Source: "api", Filename: "大.xlsx", Total: 10}
		if err := db.Jobs().CreateJobImport(context.Background(), running); err != nil {
			t.Fatal(err)
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/me/job-imports/%d/errors.xlsx", running.ID), f.token("employer"), nil); rec.Code != 409 {
			t.Fatalf("report of a running run: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestJobImportProgress: a 5,000-row file (the page's limit) through the
// API: the run's progress is saved as it goes and reaches the total, and
// every row is saved.
func TestJobImportProgress(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		rows := make([][]any, app.MaxImportRows)
		for i := range rows {
			rows[i] = importRow(fmt.Sprintf("电焊工%d", i), "6-18-02-04", "6000", "9000", "420112001", "")
		}
		start := time.Now()
		rec := f.uploadAPI("employer", "五千行.xlsx", importXLSX(t, rows...))
		if rec.Code != http.StatusAccepted {
			t.Fatalf("upload: %d %s", rec.Code, rec.Body)
		}
		var started importRun
		json.Unmarshal(rec.Body.Bytes(), &started)
		run, seen := f.waitImport("employer", started.ID)
		t.Logf("5,000 rows in %v; progress seen: %v", time.Since(start).Round(time.Millisecond), seen)
		if run.Status != "done" || run.Checked != run.Total || run.Total != app.MaxImportRows || run.Saved != app.MaxImportRows {
			t.Fatalf("run %+v", run)
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] < seen[i-1] {
				t.Fatalf("progress went back: %v", seen)
			}
		}
		if seen[len(seen)-1] != app.MaxImportRows {
			t.Fatalf("progress ends at %v", seen)
		}
		if f.postCount("employer") != app.MaxImportRows {
			t.Fatalf("%d posts", f.postCount("employer"))
		}
	})
}

// TestJobImportRunningPage: the result page of a running import shows its
// progress and a 刷新进度 button, and never reloads itself on a timer (no
// meta refresh: WCAG 2.2.1; app.js polls the run instead); a run abandoned by a
// crashed instance ends as failed once its heartbeat is stale, on the page,
// in the API and in the list, with nothing saved.
func TestJobImportRunningPage(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		ctx := context.Background()
		run := &jobs.Import{EnterpriseID: f.users["employer"].User.EnterpriseID, UserID: f.users["employer"].User.ID,
			Source: "web", Filename: "大.xlsx", Total: 4000}
		if err := db.Jobs().CreateJobImport(ctx, run); err != nil {
			t.Fatal(err)
		}
		if ok, err := db.Jobs().JobImportProgress(ctx, run.ID, 1000); err != nil || !ok {
			t.Fatalf("progress: %v %v", ok, err)
		}
		page := fmt.Sprintf("/enterprise/job-imports/%d", run.ID)
		rec := f.page(page, f.token("employer"))
		body := rec.Body.String()
		if rec.Code != 200 || strings.Contains(body, `http-equiv="refresh"`) || !strings.Contains(body, `value="1000" max="4000"`) ||
			!strings.Contains(body, "正在导入") || !strings.Contains(body, `href="`+page+`">刷新进度</a>`) ||
			!strings.Contains(body, `data-import-run="/api/v1/me/job-imports/`) {
			t.Fatalf("running page: %d %s", rec.Code, body)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Fatalf("CSP %q", csp)
		}
		if list := f.page("/enterprise/jobs/import", f.token("employer")).Body.String(); !strings.Contains(list, "处理中") || !strings.Contains(list, "25%") {
			t.Fatalf("list while running: %s", list)
		}

		// The instance running it crashed: three minutes later nobody renewed the heartbeat.
		db.SetClock(func() time.Time { return jobsDay.Add(3 * time.Minute) })
		code, got := getImport(t, f.srv, f.token("employer"), run.ID)
		if code != 200 || got.Status != "failed" || !strings.Contains(got.Message, "中断") || got.Saved != 0 {
			t.Fatalf("abandoned run: %d %+v", code, got)
		}
		rec = f.page(page, f.token("employer"))
		if body := rec.Body.String(); strings.Contains(body, `http-equiv="refresh"`) || !strings.Contains(body, "导入中断") || !strings.Contains(body, "失败") {
			t.Fatalf("abandoned run page: %s", body)
		}
		// A late heartbeat from the lost run changes nothing, and it cannot finish.
		if ok, _ := db.Jobs().JobImportProgress(ctx, run.ID, 2000); ok {
			t.Fatal("progress recorded on a failed run")
		}
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.FinishJobImport(ctx, run, nil) })
		if err == nil {
			t.Fatal("a failed run finished")
		}
	})
}

// TestJobImportRestart: a run's result and report come from the database:
// a new platform (a restarted process) on the same store serves them, and
// so does a second instance on its own connection to the same database.
// The daily task deletes runs older than 30 days and ends abandoned ones.
func TestJobImportRestart(t *testing.T) {
	twoInstances(t, func(t *testing.T, dbA, dbB *store.DB) {
		f := jobsFixture(t, dbA)
		id := importRedirect(t, f.upload("employer", "岗位.xlsx", fiveRows(t)))
		if run, _ := f.waitImport("employer", id); run.Status != "done" {
			t.Fatalf("run %+v", run)
		}
		f.app.JobImports.StopImports(context.Background())
		token := f.token("employer")
		for name, db := range map[string]*store.DB{"restarted": dbA, "second instance": dbB} {
			db.SetClock(func() time.Time { return jobsDay })
			srv := newServer(t, db)
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", fmt.Sprintf("/enterprise/job-imports/%d", id), nil)
			req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: token})
			srv.ServeHTTP(rec, req)
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), "已导入（待审核）") {
				t.Fatalf("%s: result page %d %s", name, rec.Code, rec.Body)
			}
			rec = httptest.NewRecorder()
			req = httptest.NewRequest("GET", fmt.Sprintf("/enterprise/job-imports/%d/errors.xlsx", id), nil)
			req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: token})
			srv.ServeHTTP(rec, req)
			checkFiveRowsReport(t, rec)
			if code, run := getImport(t, srv, token, id); code != 200 || run.Saved != 3 || run.Failed != 2 {
				t.Fatalf("%s: API %d %+v", name, code, run)
			}
		}

		// Thirty-one days later the daily task has deleted the run, and ended a lost one.
		ctx := context.Background()
		later := jobsDay.AddDate(0, 0, 31)
		dbA.SetClock(func() time.Time { return later.Add(-10 * time.Minute) })
		lost := &jobs.Import{EnterpriseID: f.users["employer"].User.EnterpriseID, Source: "web", Filename: "丢.xlsx", Total: 9}
		if err := dbA.Jobs().CreateJobImport(ctx, lost); err != nil {
			t.Fatal(err)
		}
		dbA.SetClock(func() time.Time { return later })
		if err := f.app.RunTask(ctx, app.TaskJobsExpire, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := dbA.Jobs().JobImportByID(ctx, id); err == nil {
			t.Fatal("a 31-day-old run was kept")
		}
		if r, err := dbA.Jobs().JobImportByID(ctx, lost.ID); err != nil || r.Status != jobs.ImportFailed {
			t.Fatalf("lost run after the daily task: %+v %v", r, err)
		}
		if rec := f.page(fmt.Sprintf("/enterprise/job-imports/%d/errors.xlsx", id), f.token("employer")); rec.Code != 404 ||
			!strings.Contains(rec.Body.String(), "30 天") {
			t.Fatalf("purged report: %d %s", rec.Code, rec.Body)
		}
	})
}

// twoInstances runs fn with two connections to one database: the same
// SQLite file opened twice, and (when configured) one PostgreSQL schema.
func twoInstances(t *testing.T, fn func(t *testing.T, dbA, dbB *store.DB)) {
	box := storetest.Box(t)
	open := func(t *testing.T, dsn string) *store.DB {
		db, err := store.Open(context.Background(), dsn, box)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return db
	}
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) { fn(t, open(t, dsn), open(t, dsn)) })
}

// newServer is another platform process on db.
func newServer(t *testing.T, db *store.DB) *server.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, tables, log, app.Options{HashParams: cheapHash})
	srv, err := server.New(a, log, serverOpts())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.JobImports.StopImports(context.Background()) })
	return srv
}

// matrixJobImport prepares the route×role matrix: a finished import run of
// "employer" with one row error; it returns the run's id.
func (f *fixture) matrixJobImport() string {
	f.t.Helper()
	ctx := context.Background()
	entID := f.users["employer"].User.EnterpriseID
	if runs, err := f.db.Jobs().JobImportsOf(ctx, entID, 1); err != nil {
		f.t.Fatal(err)
	} else if len(runs) > 0 {
		return strconv.FormatInt(runs[0].ID, 10)
	}
	run := &jobs.Import{EnterpriseID: entID, UserID: f.users["employer"].User.ID, Source: "web", Filename: "岗位.xlsx", Total: 2}
	if err := f.db.Jobs().CreateJobImport(ctx, run); err != nil {
		f.t.Fatal(err)
	}
	run.Saved, run.Failed = 0, 1
	err := f.db.Write(ctx, func(tx *store.Tx) error {
		return tx.FinishJobImport(ctx, run, []jobs.ImportRowError{{Row: 2, Column: "最低月薪", Reason: "应填写整数"}})
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return strconv.FormatInt(run.ID, 10)
}

// TestJobImportStopped: a server shutting down stops an import still
// checking rows when its grace period is over: the run ends as failed with
// nothing saved, and new imports are refused meanwhile.
func TestJobImportStopped(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		rows := make([][]any, app.MaxImportRows)
		for i := range rows {
			rows[i] = importRow(fmt.Sprintf("电焊工%d", i), "6-18-02-04", "6000", "9000", "420112001", "")
		}
		data := importXLSX(t, rows...)
		rec := f.uploadAPI("employer", "五千行.xlsx", data)
		if rec.Code != http.StatusAccepted {
			t.Fatalf("upload: %d %s", rec.Code, rec.Body)
		}
		var started importRun
		json.Unmarshal(rec.Body.Bytes(), &started)
		over, cancel := context.WithCancel(context.Background())
		cancel() // no grace left
		f.app.JobImports.StopImports(over)
		_, run := getImport(t, f.srv, f.token("employer"), started.ID)
		if run.Status != "failed" || !strings.Contains(run.Message, "中断") || run.Saved != 0 || f.postCount("employer") != 0 {
			t.Fatalf("stopped run %+v, %d posts", run, f.postCount("employer"))
		}
		if rec := f.uploadAPI("employer", "五千行.xlsx", data); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("upload while stopping: %d %s", rec.Code, rec.Body)
		}
	})
}
