package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestImportJourney drives the Excel import in a real browser: an employer
// uploads a 5,000-row file, app.js shows the upload and then the rows
// being checked on one progress bar until it is full, and the result page
// shows the counts; the result page of an import still running reloads
// itself under the CSP until the run ends.
func TestImportJourney(t *testing.T) {
	forEachStore(t, "import-journey", runImportJourney)
}

func runImportJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	t.Cleanup(func() { a.JobImports.StopImports(context.Background()) })
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	staff, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "经办员张",
		Phone: registry.GeneratePhone(rng), Password: staffPassword}, true)
	if err != nil {
		t.Fatal(err)
	}
	phone := registry.GeneratePhone(rng)
	u, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "张经理", Phone: phone, Password: staffPassword,
		Enterprise: &app.EnterpriseInput{Name: "武汉临空港物流有限公司", USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "54", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: staff}, u.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	// 5,000 rows (the page's limit); row 3 has no salary.
	var csv strings.Builder
	csv.WriteString("岗位名称,职业代码,岗位描述,招聘人数,最低月薪,最高月薪,工作地点代码,详细地址\n")
	for i := range app.MaxImportRows {
		lo := "5000"
		if i == 1 {
			lo = ""
		}
		fmt.Fprintf(&csv, "电焊工%d,6-18-02-04,负责钢结构件的焊接，能看懂图纸。,3,%s,8000,420112001,东西湖区吴家山街道 %d 号\n", i, lo, i)
	}
	file := filepath.Join(t.TempDir(), "岗位.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, exe, ts.URL, shots)
	b.login(phone, staffPassword, "/enterprise")
	b.open("/enterprise/jobs/import", 200)
	if eval[bool](b, `!document.getElementById("import-status").hidden`) {
		t.Fatal("the progress block shows before anything is uploaded")
	}
	// Record every state of the bar and its label; sessionStorage keeps the
	// log across the navigation to the result page.
	b.do("watch the progress bar", chromedp.Evaluate[chromedp.Void](`(() => {
		const bar = document.getElementById("import-progress"), label = document.getElementById("import-phase");
		const log = [];
		const note = () => {
			log.push({text: label.textContent, value: bar.hasAttribute("value") ? bar.value : -1, max: bar.max});
			sessionStorage.setItem("import-log", JSON.stringify(log));
		};
		new MutationObserver(note).observe(bar, {attributes: true});
		new MutationObserver(note).observe(label, {childList: true, characterData: true, subtree: true});
	})()`))
	b.do("attach the file", chromedp.SetUploadFiles(`#f-file`, []string{file}))
	b.do("start the import", press(`form[action="/enterprise/jobs/import"] button[type=submit]`))
	b.waitAcrossLoads("the result page", 60*time.Second,
		`/^\/enterprise\/job-imports\/\d+$/.test(location.pathname) && document.readyState === "complete" && !!document.querySelector("dl.facts")`)
	path := b.path()
	if got := b.fact("读取"); got != "5000 行" {
		t.Fatalf("读取 %q on %s", got, path)
	}
	if got := b.fact("已导入（待审核）"); got != "4999 个岗位" {
		t.Fatalf("已导入 %q", got)
	}
	if got := b.fact("有误未导入"); got != "1 行" {
		t.Fatalf("有误 %q", got)
	}
	if v := eval[[]float64](b, `[document.getElementById("import-progress").value, document.getElementById("import-progress").max]`); len(v) != 2 || v[0] != 5000 || v[1] != 5000 {
		t.Fatalf("result progress bar %v, want 5000/5000", v)
	}
	if !strings.Contains(b.bodyText(), "下载完整错误报告") {
		t.Fatalf("no report link:\n%.600s", b.bodyText())
	}
	b.noHorizontalScroll(path)
	b.shot("import-result")

	type step struct {
		Text  string
		Value float64
		Max   float64
	}
	var steps []step
	if err := json.Unmarshal([]byte(eval[string](b, `sessionStorage.getItem("import-log") || "[]"`)), &steps); err != nil {
		t.Fatal(err)
	}
	t.Logf("progress bar states: %d, first %v, last %v", len(steps), steps[:min(len(steps), 3)], steps[max(len(steps)-3, 0):])
	var uploaded, checking, full bool
	last := -1.0
	for _, s := range steps {
		switch {
		case strings.HasPrefix(s.Text, "正在上传"), strings.HasPrefix(s.Text, "正在读取文件"):
			uploaded = true
		case strings.HasPrefix(s.Text, "正在检查"):
			checking = true
			if s.Max != 5000 || s.Value < last {
				t.Errorf("checking phase %+v after %v", s, last)
			}
			last = s.Value
		case strings.HasPrefix(s.Text, "检查完成"):
			full = s.Value == 5000 && s.Max == 5000
		}
	}
	if !uploaded || !checking || !full {
		t.Fatalf("progress bar: upload phase %v, checking phase %v, reached 5000/5000 %v: %+v", uploaded, checking, full, steps)
	}
	id, _ := strconv.ParseInt(regexp.MustCompile(`\d+$`).FindString(path), 10, 64)
	if run, err := db.Jobs().JobImportByID(ctx, id); err != nil || run.Status != jobs.ImportDone || run.Saved != 4999 {
		t.Fatalf("stored run %+v %v", run, err)
	}

	// The page of an import still running follows the run (app.js polls it,
	// no script) and shows the result once the run has ended.
	run := &jobs.Import{EnterpriseID: u.EnterpriseID, UserID: u.ID, Source: "web", Filename: "慢.csv", Total: 40}
	if err := db.Jobs().CreateJobImport(ctx, run); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Jobs().JobImportProgress(ctx, run.ID, 10); err != nil {
		t.Fatal(err)
	}
	page := "/enterprise/job-imports/" + strconv.FormatInt(run.ID, 10)
	b.open(page, 200)
	if h := b.text("main h1"); h != "正在导入" {
		t.Fatalf("running page h1 %q", h)
	}
	b.shot("import-running")
	run.Saved, run.Failed = 0, 40
	err = db.Write(ctx, func(tx *store.Tx) error {
		return tx.FinishJobImport(ctx, run, []jobs.ImportRowError{{Row: 2, Column: "岗位名称", Reason: "请填写岗位名称"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	b.waitAcrossLoads("the page reloads itself", 10*time.Second,
		`document.readyState === "complete" && (document.querySelector("main h1") || {}).textContent === "导入结果"`)
	if got := b.fact("有误未导入"); got != "40 行" {
		t.Fatalf("after the refresh: 有误 %q", got)
	}

	// Both runs are listed on the import page, newest first, with their reports.
	b.open("/enterprise/jobs/import", 200)
	rows := eval[[]string](b, `Array.from(document.querySelectorAll("table.imports tbody tr"), tr => tr.cells[0].textContent.trim() + " " + tr.cells[2].textContent.trim() + " " + tr.cells[4].textContent.trim())`)
	if len(rows) != 2 || rows[0] != "慢.csv 已完成 0" || rows[1] != "岗位.csv 已完成 4999" {
		t.Fatalf("recent imports %q", rows)
	}
	b.noHorizontalScroll("/enterprise/jobs/import")
	b.shot("import-list")
}

// waitAcrossLoads waits until the expression is true, evaluating it again
// and again while pages load in between (a script's navigation, a meta
// refresh), which interrupts any single evaluation.
func (b *browser) waitAcrossLoads(what string, timeout time.Duration, expr string) {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("%s: not within %v (last error: %v)", what, timeout, last)
}

// TestImportMappingJourney: an employer uploads what a job board exported
// (../server/testdata/board_export.csv: 150 synthetic Wuhan ads in the
// boards' own formats and column names). With app.js the upload goes to
// the API first, which sends the file to the mapping step; without it the
// form posts there directly. The step lists each column with the field its
// header names and previews the first 5 rows as read; a changed choice is
// previewed again (no salary: the step says what is missing), and 导入 saves
// the 142 importable rows and reports the 8 others.
func TestImportMappingJourney(t *testing.T) {
	forEachStore(t, "import-mapping", runImportMappingJourney)
}

func runImportMappingJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	t.Cleanup(func() { a.JobImports.StopImports(context.Background()) })
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 17))
	staff, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "经办员李",
		Phone: registry.GeneratePhone(rng), Password: staffPassword}, true)
	if err != nil {
		t.Fatal(err)
	}
	phone := registry.GeneratePhone(rng)
	u, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "王主管", Phone: phone, Password: staffPassword,
		Enterprise: &app.EnterpriseInput{Name: "武汉光谷人力资源服务有限公司", USCC: registry.GenerateUSCC(rng, "420111"), IndustryCode: "72", RegionCode: "420111"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: staff}, u.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	file, err := filepath.Abs("../server/testdata/board_export.csv")
	if err != nil {
		t.Fatal(err)
	}

	for _, script := range []bool{true, false} {
		name := "js"
		if !script {
			name = "nojs"
		}
		b := newBrowser(t, exe, ts.URL, shots+"-"+name)
		if !script {
			// app.js is blocked rather than scripts switched off, so axe still runs.
			b.do("block app.js", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				if err := tg.Call(ctx, "Network.enable", map[string]any{}, nil); err != nil {
					return err
				}
				return tg.Call(ctx, "Network.setBlockedURLs", map[string]any{"urlPatterns": []map[string]any{{"urlPattern": "*://*:*/static/app.js", "block": true}}}, nil)
			}))
		}
		b.login(phone, staffPassword, "/enterprise")
		b.open("/enterprise/jobs/import", 200)
		b.do("attach the board's file", chromedp.SetUploadFiles(`#f-file`, []string{file}))
		if script {
			b.do("start the import", press(`form[action="/enterprise/jobs/import"] button[type=submit]`))
			b.waitAcrossLoads("the mapping step", 30*time.Second,
				`document.readyState === "complete" && (document.querySelector("main h1") || {}).textContent === "核对导入的列"`)
			b.checkAxe(b.path())
		} else {
			b.submit("/enterprise/jobs/import", 200, "/enterprise/jobs/import")
			if h := b.text("main h1"); h != "核对导入的列" {
				t.Fatalf("%s: after the upload %q", name, h)
			}
		}
		got := eval[[]string](b, `Array.from(document.querySelectorAll("table.import-mapping select"), s => s.value)`)
		want := []string{"title", "", "salary", "place", "headcount", "education", "experience", "description", "address", "benefits", ""}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("%s: guessed fields %q, want %q", name, got, want)
		}
		if n := eval[int](b, `document.querySelectorAll("table.import-preview tbody tr").length`); n != 5 {
			t.Fatalf("%s: preview rows %d", name, n)
		}
		if body := b.bodyText(); !strings.Contains(body, "10000-15000元/月") || !strings.Contains(body, "可导入") {
			t.Fatalf("%s: preview:\n%.1500s", name, body)
		}
		b.noHorizontalScroll("the mapping step")
		b.shot("import-mapping")

		// Another choice: no salary column. The preview says what is missing.
		b.do("drop the salary", chromedp.SetValue(chromedp.CSS(`#col-2`), ""))
		b.load("preview", 200, "/enterprise/jobs/import/mapping", press(`button[name=action][value=preview]`))
		if msg := b.text("#mapping-problem"); !strings.Contains(msg, "薪资范围") {
			t.Fatalf("%s: problem %q", name, msg)
		}
		b.do("salary again", chromedp.SetValue(chromedp.CSS(`#col-2`), "salary"))
		b.do("import", press(`button[name=action][value=import]`))
		for i := 0; ; i++ {
			b.waitAcrossLoads("the result page", 30*time.Second,
				`/^\/enterprise\/job-imports\/\d+$/.test(location.pathname) && document.readyState === "complete" && !!document.querySelector("main h1")`)
			// The page may reload (its meta refresh) while it is read: a
			// failed read is read again on the next round.
			h1, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(document.querySelector("main h1") || {textContent: ""}).textContent.trim()`))
			if err == nil && h1 == "导入结果" {
				break
			}
			if i > 50 {
				t.Fatalf("%s: the import does not end", name)
			}
			time.Sleep(200 * time.Millisecond)
			if !script {
				b.load("refresh", 200, b.path(), press(`a.btn.primary`))
			}
		}
		b.checkAxe(b.path())
		if got := b.fact("读取"); got != "150 行" {
			t.Fatalf("%s: 读取 %q", name, got)
		}
		if got := b.fact("已导入（待审核）"); got != "142 个岗位" {
			t.Fatalf("%s: 已导入 %q", name, got)
		}
		if body := b.bodyText(); !strings.Contains(body, "“面议”无法导入") || !strings.Contains(body, "已导入，请核对") {
			t.Fatalf("%s: result:\n%.1500s", name, body)
		}
		b.noHorizontalScroll("the result page")
		b.shot("import-mapping-result")
	}
}
