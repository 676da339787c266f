package e2e

import (
	"bytes"
	"context"
	"image"
	imagepng "image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestFundingJourney: staff open a funding call from the console; a
// graduate applies on a phone with a plan and a licence scan; staff give
// the project to two experts; one declares a conflict and no longer sees
// it, the other scores it (a score over a criterion's maximum is refused
// next to its box) and then sees the ranking's input; staff record the
// panel's decision and the 公示 shows the masked name; the grantee reports
// the first milestone and staff approve it for payment; 我想创业 shows a
// visitor the loan's monthly cost. Every page passes axe-core.
func TestFundingJourney(t *testing.T) {
	forEachStore(t, "funding-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		a, ts := newSite(t, db)
		if err := a.Policies.EnsureCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 26))
		phones := map[string]string{}
		for _, u := range []app.NewUserInput{{Role: "staff", Name: "创业窗口刘"}, {Role: "expert", Name: "李教授"}, {Role: "expert", Name: "陈会计"}} {
			u.Phone, u.Password = registry.GeneratePhone(rng), staffPassword
			if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, u, true); err != nil {
				t.Fatal(err)
			}
			phones[u.Name] = u.Phone
		}
		personPhone := registry.GeneratePhone(rng)
		if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "周子涵",
			IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(2001, 3, 8, 0, 0, 0, 0, time.UTC), true),
			Phone:    personPhone, Password: staffPassword}); err != nil {
			t.Fatal(err)
		}
		today := chinatime.Today(time.Now())
		b := newBrowser(t, exe, ts.URL, shots)

		// Staff open the call.
		b.login(phones["创业窗口刘"], staffPassword, "/console")
		b.open("/console/startup/funding", 200)
		b.typeText("f-title", "2026 年第二批创业项目资助")
		b.do("dates", chromedp.SetValue(chromedp.CSS("#f-opens"), today.AddDate(0, 0, -3).Format(time.DateOnly)),
			chromedp.SetValue(chromedp.CSS("#f-closes"), today.AddDate(0, 0, 20).Format(time.DateOnly)))
		b.typeInto("f-budget", "60")
		callPath := ""
		b.do("open the call", press(`form[action="/console/startup/funding"] button[type=submit]`))
		callPath = b.waitPath(`^/console/startup/funding/\d+$`)
		b.checkAxe(callPath)
		publicPath := strings.Replace(callPath, "/console", "", 1)
		b.logout()

		// The graduate applies on a phone.
		file := filepath.Join(t.TempDir(), "营业执照.png")
		var png bytes.Buffer
		if err := imagepng.Encode(&png, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, png.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		b.login(personPhone, staffPassword, "/me")
		b.open(publicPath, 200)
		b.noHorizontalScroll(publicPath)
		b.typeText("f-project", "社区烘焙工坊")
		b.typeText("f-plan", "面向吴家山社区的现烤面包和蛋糕，已租下 60 平方米门面，三名合伙人分别负责烘焙、门店和线上订单，资金用于购置烤箱、冷柜和装修，开业后带动 6 人就业。")
		b.do("amount", chromedp.SetValue(chromedp.CSS("#f-amount"), "20000000"))
		b.do("attach", chromedp.SetUploadFiles(`#f-materials`, []string{file}))
		b.load("apply", 200, publicPath, press(`form[action$="/apply"] button[type=submit]`))
		if f := b.text("p.flash"); !strings.Contains(f, "申报已提交") {
			t.Fatalf("after applying: %q", f)
		}
		b.shot("applied")
		b.logout()

		// Staff give it to both experts.
		b.login(phones["创业窗口刘"], staffPassword, "/console")
		b.open(callPath, 200)
		b.do("tick the project", chromedp.Click(chromedp.CSS(`input[name=application_ids][type=checkbox]`)))
		if !run(b, "tick both experts", chromedp.Evaluate[bool](`[...document.querySelectorAll('input[name=expert_ids]')].every(e => (e.checked = true))`)) {
			t.Fatal("the experts could not be ticked")
		}
		b.load("assign", 200, callPath, press(`form[action$="/assign"] button[type=submit]`))
		if f := b.text("p.flash"); !strings.Contains(f, "新增 2 项") {
			t.Fatalf("after assigning: %q", f)
		}
		b.logout()

		// 陈会计 knows the applicant and steps aside.
		b.login(phones["陈会计"], staffPassword, "/expert/reviews")
		b.do("open the project", press(`a[href^="/expert/reviews/"]`))
		reviewPath := b.waitPath(`^/expert/reviews/\d+$`)
		b.checkAxe(reviewPath)
		b.typeText("f-note", "申请人是我的表妹")
		b.load("declare", 200, "/expert/reviews", press(`form[action$="/conflict"] button[type=submit]`))
		if !strings.Contains(b.text("main"), "暂无评审任务") {
			t.Fatalf("the project is still listed after the conflict: %q", b.text("main"))
		}
		b.logout()

		// 李教授 scores it; 26 out of 25 is refused next to its box.
		b.login(phones["李教授"], staffPassword, "/expert/reviews")
		b.open(reviewPath, 200)
		for k, v := range map[string]string{"innovation": "24", "market": "26", "team": "16", "employment": "12", "finance": "8"} {
			b.typeInto("f-"+k, v)
		}
		b.typeText("f-comment", "选址合理，团队分工清楚")
		b.load("score", 422, reviewPath+"/score", press(`form[action$="/score"] button[type=submit]`))
		if e := b.text("#e-market"); !strings.Contains(e, "25") {
			t.Fatalf("market over its maximum: %q", e)
		}
		b.typeInto("f-market", "20")
		b.load("score again", 200, reviewPath, press(`form[action$="/score"] button[type=submit]`))
		if h := b.text("#ms-h"); !strings.Contains(h, "80.00") {
			t.Fatalf("my score: %q", h)
		}
		b.logout()

		// Staff record the panel's decision; the 公示 masks the name.
		b.login(phones["创业窗口刘"], staffPassword, "/console")
		b.open(callPath, 200)
		b.do("20 万", chromedp.SetValue(chromedp.CSS(`select[name^="amount."]`), "20000000"))
		b.load("decide", 200, callPath, press(`form[action$="/decide"] button[type=submit]`))
		if f := b.text("p.flash"); !strings.Contains(f, "已公示") {
			t.Fatalf("after deciding: %q", f)
		}
		b.logout()
		b.open(publicPath, 200)
		if pub := b.text(`#pub-h + table`); !strings.Contains(pub, "周*涵") || !strings.Contains(pub, "20 万元") {
			t.Fatalf("公示: %q", pub)
		}
		b.shot("publicity")

		// The grantee reports the first milestone; staff approve it for payment.
		b.login(personPhone, staffPassword, "/me")
		b.open("/me/funding", 200)
		grantPath := run(b, "the grant's link", chromedp.Evaluate[string](`document.querySelector('a[href^="/me/funding/"]').getAttribute('href')`))
		b.open(grantPath, 200)
		b.typeText("f-report-1", "已签订门面租赁合同，购置烤箱两台，完成装修，招聘店员三名并签订劳动合同。")
		b.typeInto("f-jobs-1", "3")
		b.load("report", 200, grantPath, press(`form[action$="/milestones/1"] button[type=submit]`))
		if f := b.text("p.flash"); !strings.Contains(f, "报告已提交") {
			t.Fatalf("after reporting: %q", f)
		}
		b.noHorizontalScroll(grantPath)
		b.logout()
		b.login(phones["创业窗口刘"], staffPassword, "/console")
		consoleGrant := strings.Replace(grantPath, "/me/funding/", "/console/startup/grants/", 1)
		b.open(consoleGrant, 200)
		b.load("approve", 200, consoleGrant, press(`button[name=decision][value=approve]`))
		if f := b.text("p.flash"); !strings.Contains(f, "转入政策发放批次") {
			t.Fatalf("after approving: %q", f)
		}
		b.logout()
		// 我想创业 lists the open calls; a visitor is told to log in for their policies.
		b.open("/startup", 200)
		b.noHorizontalScroll("/startup")
		if body := b.bodyText(); !strings.Contains(body, "每月实际负担") || !strings.Contains(body, "登录") {
			t.Fatalf("我想创业:\n%.600s", body)
		}
	})
}
