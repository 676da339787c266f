package server_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// mappingForm reads the mapping step's form: its hidden fields and the
// selected field of each column.
func mappingForm(t *testing.T, body string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([a-z]+)" value="([^"]*)">`).FindAllStringSubmatch(body, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select id="(col-\d+)" name="col-\d+">(.*?)</select>`).FindAllStringSubmatch(body, -1) {
		sel := regexp.MustCompile(`<option value="([a-z_]*)" selected>`).FindStringSubmatch(m[2])
		if sel == nil {
			v.Set(m[1], "")
		} else {
			v.Set(m[1], sel[1])
		}
	}
	if v.Get("table") == "" || v.Get("col-0") == "" && v.Get("col-1") == "" {
		t.Fatalf("no mapping form in %.2000s", body)
	}
	return v
}

// TestJobImportMapping: a board's export (testdata/board_export.csv, 150
// synthetic rows in the formats boards write, 8 of them not importable)
// goes to the mapping step without JavaScript: each column with the field
// its header names, the first 5 rows as read, nothing saved. A mapping
// without the salary is refused on the step; the guessed mapping imports
// at least 90% of the rows, and each refused row says how to fix it. With
// the script's flag the API sends such a file to the mapping step (409)
// and imports a template file at once.
func TestJobImportMapping(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		raw, err := os.ReadFile("testdata/board_export.csv")
		if err != nil {
			t.Fatal(err)
		}
		runs0, _ := db.Count(context.Background(), "job_imports")
		posts0 := f.postCount("employer")
		rec := f.upload("employer", "board_export.csv", raw)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "核对导入的列") || !strings.Contains(body, "前 5 行将如何读取") {
			t.Fatalf("mapping step: %d %.1500s", rec.Code, body)
		}
		form := mappingForm(t, body)
		want := []string{"title", "", "salary", "place", "headcount", "education", "experience", "description", "address", "benefits", ""}
		for i, w := range want {
			if got := form.Get(fmt.Sprintf("col-%d", i)); got != w {
				t.Errorf("column %d guessed %q, want %q", i, got, w)
			}
		}
		if n := strings.Count(body[strings.Index(body, "import-preview"):], "<td data-label=\"行号\">"); n != 5 {
			t.Fatalf("preview shows %d rows", n)
		}
		for _, s := range []string{"10000-15000元/月", "可导入", "洪山区"} {
			if !strings.Contains(body, s) {
				t.Errorf("preview lacks %q", s)
			}
		}
		if runs, _ := db.Count(context.Background(), "job_imports"); runs != runs0 || f.postCount("employer") != posts0 {
			t.Fatal("the mapping step saved something")
		}

		// Another choice, previewed: no salary column is a problem on the
		// step, and importing it is refused there with nothing recorded.
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("col-2", "")
		bad.Set("action", "preview")
		rec = f.form("/enterprise/jobs/import/mapping", f.token("employer"), bad)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "表头缺少必填列") || !strings.Contains(rec.Body.String(), `<option value="salary">`) {
			t.Fatalf("preview without salary: %d %.800s", rec.Code, rec.Body)
		}
		again := mappingForm(t, rec.Body.String())
		for i := range want {
			if k := fmt.Sprintf("col-%d", i); again.Get(k) != bad.Get(k) {
				t.Errorf("after the preview column %d is %q, want %q", i, again.Get(k), bad.Get(k))
			}
		}
		bad.Set("action", "import")
		rec = f.form("/enterprise/jobs/import/mapping", f.token("employer"), bad)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "薪资范围") || !strings.Contains(rec.Body.String(), "核对导入的列") {
			t.Fatalf("import without salary: %d %.800s", rec.Code, rec.Body)
		}
		if runs, _ := db.Count(context.Background(), "job_imports"); runs != runs0 {
			t.Fatal("a refused mapping recorded a run")
		}
		// A damaged form is refused.
		broken := url.Values{"table": {"not base64"}, "filename": {"x.csv"}, "cols": {"1"}, "col-0": {"title"}, "action": {"import"}}
		if rec := f.form("/enterprise/jobs/import/mapping", f.token("employer"), broken); rec.Code != 422 {
			t.Fatalf("damaged table: %d", rec.Code)
		}

		// The guessed mapping imports.
		form.Set("action", "import")
		run, _ := f.waitImport("employer", importRedirect(t, f.form("/enterprise/jobs/import/mapping", f.token("employer"), form)))
		rate := float64(run.Saved) / float64(run.Total)
		t.Logf("board corpus: %d rows, %d imported (%.1f%%), %d refused", run.Total, run.Saved, 100*rate, run.Failed)
		if run.Total != 150 || rate < 0.9 || run.Filename != "board_export.csv" {
			t.Fatalf("run %+v: rate %.2f", run, rate)
		}
		rep := openXLSX(t, f.page(fmt.Sprintf("/enterprise/job-imports/%d/errors.xlsx", run.ID), f.token("employer")))
		refused := map[string]string{}
		notes := 0
		for _, r := range rep[1:] {
			if len(r) < 4 || r[2] == "" {
				t.Fatalf("report row without a reason: %q", r)
			}
			if r[3] == "未导入" {
				refused[r[0]] += r[1] + ":" + r[2] + " "
			} else {
				notes++
			}
		}
		wantRefused := map[string]string{"9": "面议", "25": "面议", "43": "过宽", "60": "请写到区", "79": "岗位描述", "98": "上限",
			"120": "经验", "135": "招聘人数"}
		for row, w := range wantRefused {
			if !strings.Contains(refused[row], w) {
				t.Errorf("row %s: %q, want a fix about %q", row, refused[row], w)
			}
		}
		if len(refused) != len(wantRefused) {
			t.Errorf("refused rows %v", refused)
		}
		if notes == 0 {
			t.Error("no notes on rows read by a rule (若干, short descriptions, day rates)")
		}
		if f.postCount("employer") != posts0+run.Saved {
			t.Fatalf("posts %d", f.postCount("employer"))
		}

		// The page's script asks the API first: the board file goes to the
		// mapping step, a template file imports at once.
		if rec := f.uploadStep("employer", "board_export.csv", raw); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "needs_mapping") {
			t.Fatalf("api mapping step: %d %s", rec.Code, rec.Body)
		}
		if rec := f.uploadStep("employer", "岗位.xlsx", fiveRows(t)); rec.Code != http.StatusAccepted {
			t.Fatalf("api template file: %d %s", rec.Code, rec.Body)
		}
	})
}

// uploadStep posts a file to the import API as the page's script does.
func (f *fixture) uploadStep(role, name string, data []byte) *httptest.ResponseRecorder {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.WriteField("mapping_step", "1")
	mw.Close()
	req := httptest.NewRequest("POST", "/api/v1/me/job-imports", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+f.token(role))
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}
