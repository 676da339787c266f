package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestPolicyJourney drives the 就业政策通 in a real browser: a person whose
// profile qualifies sees the red packet, applies with a file, a reviewer
// approves and pays, and the person sees the money as paid.
func TestPolicyJourney(t *testing.T) {
	forEachStore(t, "policy-journey", runPolicyJourney)
}

func runPolicyJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	// The catalog's personas are dated 2025-06-30; run the platform's clock there.
	db.SetClock(func() time.Time { return time.Date(2025, 6, 30, 2, 0, 0, 0, time.UTC) })
	a, ts := newSite(t, db)
	if err := a.Policies.EnsureCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5))
	reviewer, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "reviewer", Name: "审核员周",
		Phone: registry.GeneratePhone(rng), Password: staffPassword}, true)
	if err != nil {
		t.Fatal(err)
	}
	// A 大龄 woman with a Wuhan hukou in flexible employment paying social insurance (persona P07).
	phone := registry.GeneratePhone(rng)
	u, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "刘秀英", Phone: phone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "420102", time.Date(1978, 3, 15, 0, 0, 0, 0, time.UTC), false)})
	if err != nil {
		t.Fatal(err)
	}
	actor := app.Actor{User: u}
	if _, err := a.Registry.UpdatePerson(ctx, actor, u.PersonID, app.PersonInput{Name: "刘秀英", Phone: phone, Education: "初中",
		HukouRegion: "420102", EmploymentStatus: "灵活就业", RegisteredUnemployed: true, DifficultyCategory: "大龄"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Policies.SaveAnswers(ctx, actor, map[string]any{"hukou_type": "城镇", "flexible_registered": true, "flexible_si_paid": true}); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(t.TempDir(), "社保缴费证明.png")
	os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82"), 0o600)

	b := newBrowser(t, exe, ts.URL, shots)
	b.login(phone, staffPassword, "/me")
	b.open("/me/policies", 200)
	if text := b.bodyText(); !strings.Contains(text, "您可申请") || !strings.Contains(text, "灵活就业") {
		t.Fatalf("/me/policies shows no red packet:\n%.600s", text)
	}
	b.noHorizontalScroll("/me/policies")
	checkPolicyResults(b, "/me/policies")
	if text := b.bodyText(); !strings.Contains(text, "《就业创业证》") || !strings.Contains(text, "办理时限：以经办窗口告知为准") {
		t.Errorf("/me/policies lists no 申请材料 or 办理时限:\n%.1200s", text)
	}
	b.shot("my-policies")

	const pid = "wh_lhjy_shebao_kunnan"
	b.open("/policies/"+pid, 200)
	b.do("attach file", chromedp.SetUploadFiles(`#f-materials`, []string{png}))
	b.do("type a note", chromedp.SendKeys(chromedp.CSS("#f-note"), "申请灵活就业社会保险补贴"))
	b.shot("policy-apply")
	b.load("submit application", 200, "/me/applications/1", press(`form[action="/policies/`+pid+`/apply"] button[type=submit]`))
	appPath := b.path()
	if !strings.HasPrefix(appPath, "/me/applications/") || !strings.Contains(b.bodyText(), "审核中") {
		t.Fatalf("after applying: %s\n%.400s", appPath, b.bodyText())
	}
	if got := b.fact("办理时限"); got != "以经办窗口告知为准" {
		t.Errorf("application page 办理时限 %q", got)
	}
	b.shot("application-submitted")
	b.logout()

	b.login(reviewer.Phone, staffPassword, "/console")
	id := strings.TrimPrefix(appPath, "/me/applications/")
	b.open("/console/applications/"+id, 200)
	b.do("choose approve", chromedp.Click(chromedp.CSS(`input[name=action][value=approve]`)))
	b.typeInto("f-amount_yuan", "3000")
	b.submit("/console/applications/"+id+"/decide", 200, "/console/applications/"+id)
	if !strings.Contains(b.bodyText(), "审核通过") {
		t.Fatalf("after approving:\n%.400s", b.bodyText())
	}
	b.open("/console/applications?status=approved", 200)
	b.do("pick the application", chromedp.Click(chromedp.CSS(`input[name=ids][value="`+id+`"]`)))
	b.typeInto("f-batch", "2025-06-A")
	b.load("record payout", 200, "/console/applications", press(`form[action="/console/payouts"] button[type=submit]`))
	if !strings.Contains(b.bodyText(), "已记录 1 笔发放") {
		t.Fatalf("after payout:\n%.400s", b.bodyText())
	}
	b.shot("payout-recorded")
	b.logout()

	b.login(phone, staffPassword, "/me")
	b.open(appPath, 200)
	if text := b.bodyText(); !strings.Contains(text, "已发放") || !strings.Contains(text, "2025-06-A") {
		t.Fatalf("person's application after payout:\n%.400s", text)
	}
	b.shot("application-paid")
	b.logout()
	b.open("/policies/"+pid+"/publicity", 200)
	if text := b.bodyText(); strings.Contains(text, "刘秀英") || !strings.Contains(text, "刘*英") {
		t.Fatalf("公示 must mask the name:\n%.400s", text)
	}

	// Without logging in, the calculator for a 公益性岗位 worker in 东西湖区:
	// a monthly amount is said monthly and added into no total (issue 12 item 1).
	b.open("/policies/check", 200)
	for id, v := range map[string]string{"q-gender": "女", "q-education": "初中", "q-hukou_city": "武汉市", "q-hukou_district": "东西湖区",
		"q-employment_status": "公益性岗位"} {
		b.do("choose "+id, chromedp.SetValue(chromedp.CSS("#"+id), v))
	}
	// yes/no questions are radio buttons (issue 12 item 10)
	b.do("choose 是 for 就业困难人员认定", press(`input[type=radio][name="difficulty_certified"][value="true"]`))
	b.do("birth date", chromedp.SetValue(chromedp.CSS("#q-birth_date"), "1971-09-09"))
	b.submit("/policies/check", 200, "/policies/check")
	text := b.bodyText()
	if !strings.Contains(text, "每月约 2,210 元，最长 36 个月") || !strings.Contains(text, "另有 1 项按月或按年发放") || strings.Contains(text, "79,560") || strings.Contains(text, "合计约") {
		t.Errorf("calculator promises a monthly amount as a total:\n%.1200s", text)
	}
	checkPolicyResults(b, "/policies/check")
	b.shot("calculator-monthly")
}

// checkPolicyResults checks a result page (issue 12 items 1 and 4): no
// research notes; every section has a visible, thumb-sized 展开查看原因
// control; the 不符合 section starts closed and its reasons show once the
// control is pressed.
func checkPolicyResults(b *browser, page string) {
	b.t.Helper()
	text := b.bodyText()
	for _, bad := range []string{"推定", "推算", "未在来源", "已证实", "未核实"} {
		if strings.Contains(text, bad) {
			b.t.Errorf("%s shows the research note %q", page, bad)
		}
	}
	if strings.Contains(text, "差一点”的") && eval[int](b, `document.querySelectorAll("#s-near article").length`) == 0 {
		b.t.Errorf("%s points to 差一点 policies when there are none", page)
	}
	small := eval[string](b, `[...document.querySelectorAll("details.section > summary .more")].map(m => {
		const r = m.getBoundingClientRect(); return (r.height < 44 || r.width < 44) ? m.closest("details").id + " " + Math.round(r.width) + "×" + Math.round(r.height) : "" }).join("")`)
	if n := eval[int](b, `document.querySelectorAll("details.section > summary .more").length`); n != 3 || small != "" {
		b.t.Errorf("%s: %d section controls, too small: %q", page, n, small)
	}
	if eval[bool](b, `document.querySelector("#s-far").open`) || !strings.Contains(b.text("#s-far > summary"), "展开查看原因") {
		b.t.Fatalf("%s: the 不符合 section should start closed behind a visible 展开查看原因", page)
	}
	if eval[int](b, `document.querySelectorAll("#s-far .faillist li").length`) == 0 {
		return // nothing to open
	}
	b.do("open 不符合", press("#s-far > summary .more"))
	b.waitJS("不符合 opens", 2*time.Second, `document.querySelector("#s-far").open`)
	if reason := b.text("#s-far .faillist li"); reason == "" || !strings.Contains(b.text("#s-far > summary"), "收起") {
		b.t.Errorf("%s: the 不符合 reasons do not show once opened (first reason %q)", page, reason)
	}
	b.checkAxe(page + " (不符合 open)")
}
