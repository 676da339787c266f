package server_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/store"
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

// upload posts a file to the import page as role.
func (f *fixture) upload(role, name string, data []byte) *httptest.ResponseRecorder {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", "/enterprise/jobs/import", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: f.token(role)})
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

func (f *fixture) postCount(role string) int {
	f.t.Helper()
	_, n, err := f.app.DB.ListPosts(context.Background(), store.PostFilter{EnterpriseID: f.users[role].User.EnterpriseID, Limit: 1})
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

// TestJobImport: 3 good and 2 bad rows save 3 posts (pending review) and
// report the 2 others by row, column and reason in a downloadable .xlsx;
// a corrupt or foreign file saves nothing; a CSV with a BOM imports; an
// unverified enterprise is refused; the lists export to .xlsx.
func TestJobImport(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		if rec := f.page("/enterprise/jobs/import", f.token("employer")); rec.Code != 200 || !strings.Contains(rec.Body.String(), "/enterprise/jobs/import/template.xlsx") {
			t.Fatalf("import page: %d", rec.Code)
		}
		tpl := openXLSX(t, f.page("/enterprise/jobs/import/template.xlsx", f.token("employer")))
		if len(tpl) != 2 || tpl[0][0] != "岗位名称" || len(tpl[0]) != 13 {
			t.Fatalf("template %v", tpl)
		}
		data := importXLSX(t,
			importRow("电焊工", "6-18-02-04", "6000", "9000", "420112001", ""),
			importRow("叉车司机", "", "5000", "7000", "420112001", "2026-06-30"), // code classified from the title
			importRow("氩弧焊工", "6-18-02-04", "abc", "9000", "420112001", ""),
			importRow("普工", "6-18-02-04", "6000", "8000", "420112001", "2026/6/1"),
			importRow("电工", "6-18-02-04", "9000", "6000", "999999999", "2000-01-01"))
		rec := f.upload("employer", "岗位.xlsx", data)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "已导入（待审核）") || !strings.Contains(body, "<progress") {
			t.Fatalf("import: %d %s", rec.Code, body)
		}
		if n := f.postCount("employer"); n != 3 {
			t.Fatalf("%d posts saved, want 3", n)
		}
		posts, _, _ := f.app.DB.ListPosts(context.Background(), store.PostFilter{EnterpriseID: f.users["employer"].User.EnterpriseID, Limit: 10})
		for _, p := range posts {
			if p.Status != "pending" || p.OccupationCode == "" {
				t.Fatalf("imported post %+v", p)
			}
		}
		link := regexp.MustCompile(`/enterprise/jobs/import/[0-9a-f]+/errors\.xlsx`).FindString(body)
		if link == "" {
			t.Fatalf("no report link: %s", body)
		}
		rep := openXLSX(t, f.page(link, f.token("employer")))
		if len(rep) < 4 || rep[0][0] != "行号" || rep[0][1] != "列" || rep[0][2] != "原因" {
			t.Fatalf("report %v", rep)
		}
		got := map[string]bool{}
		for _, r := range rep[1:] {
			got[r[0]+" "+r[1]] = true
		}
		for _, want := range []string{"4 最低月薪", "6 最高月薪", "6 工作地点代码", "6 有效期至"} {
			if !got[want] {
				t.Errorf("report lacks %q: %v", want, rep)
			}
		}
		if rec := f.page(link, f.token("employer2")); rec.Code != 404 {
			t.Fatalf("another enterprise read the report: %d", rec.Code)
		}

		// Malformed files: a clear error, nothing saved.
		for name, raw := range map[string][]byte{
			"坏.xlsx":   []byte("PK\x03\x04 this is not a zip"),
			"x.pdf":    []byte("%PDF-1.4"),
			"cols.csv": []byte("名称,薪水\n电焊工,6000\n"),
			"空.csv":    {},
		} {
			rec := f.upload("employer", name, raw)
			if rec.Code != 422 && rec.Code != 400 || !strings.Contains(rec.Body.String(), "未导入任何岗位") && !strings.Contains(rec.Body.String(), "表头") && !strings.Contains(rec.Body.String(), "文件") {
				t.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
			}
		}
		if rec := f.upload("employer", "坏.xlsx", []byte("PK\x03\x04 junk")); !strings.Contains(rec.Body.String(), "无法读取 Excel 文件") {
			t.Fatalf("corrupt xlsx message: %s", rec.Body)
		}
		if n := f.postCount("employer"); n != 3 {
			t.Fatalf("malformed files saved posts: %d", n)
		}

		// CSV with a BOM.
		csv := "\ufeff岗位名称,岗位描述,招聘人数,最低月薪,最高月薪,工作地点代码,详细地址\n" +
			"仓库管理员,负责仓库收发货与盘点，熟悉 Excel。,2,4500,6000,420112001,东西湖区吴家山街道 1 号\n"
		if rec := f.upload("employer", "jobs.csv", []byte(csv)); rec.Code != 200 {
			t.Fatalf("csv: %d %s", rec.Code, rec.Body)
		}
		if n := f.postCount("employer"); n != 4 {
			t.Fatalf("csv with BOM: %d posts", n)
		}

		// The same in GBK, as Excel on Chinese Windows saves CSV.
		gbk, err := simplifiedchinese.GBK.NewEncoder().String(strings.TrimPrefix(csv, "\ufeff"))
		if err != nil {
			t.Fatal(err)
		}
		if rec := f.upload("employer", "jobs.csv", []byte(gbk)); rec.Code != 200 || f.postCount("employer") != 5 {
			t.Fatalf("gbk csv: %d %s", rec.Code, rec.Body)
		}

		// An unverified enterprise is refused.
		staff := app.Actor{User: f.users["staff"].User, IP: "test"}
		if err := f.app.VerifyEnterprise(context.Background(), staff, f.users["employer2"].User.EnterpriseID, false); err != nil {
			t.Fatal(err)
		}
		if rec := f.upload("employer2", "岗位.xlsx", data); rec.Code != 403 || !strings.Contains(rec.Body.String(), "尚未通过") {
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
