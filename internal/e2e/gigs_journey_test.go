package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestGigsJourney drives 零工经纪人 in a phone-sized browser, the store's
// clock moved through one working day: an employer posts a gig that asks
// for a 服装费 and sees it held with the reason, fixes it, a reviewer
// approves it, a worker finds it by their position (nearest first,
// "已报名 0/3"), signs up, the employer accepts; on the day the worker
// checks in with the code the employer shows and checks out after work;
// the employer records pay below the promise, the worker disputes it,
// staff uphold the dispute, and the employer's next gig shows the record.
func TestGigsJourney(t *testing.T) {
	forEachStore(t, "gigs-journey", runGigsJourney)
}

func runGigsJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 23))
	reviewerPhone := registry.GeneratePhone(rng)
	if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "reviewer", Name: "审核员周", Phone: reviewerPhone, Password: staffPassword}, true); err != nil {
		t.Fatal(err)
	}
	staffPhone := registry.GeneratePhone(rng)
	if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "经办员张", Phone: staffPhone, Password: staffPassword}, true); err != nil {
		t.Fatal(err)
	}
	staff, _, err := db.Accounts().UserByPhone(ctx, staffPhone)
	if err != nil {
		t.Fatal(err)
	}
	empPhone := registry.GeneratePhone(rng)
	emp, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "刘店长", Phone: empPhone, Password: staffPassword,
		Enterprise: &app.EnterpriseInput{Name: "武汉金银湖会展服务有限公司", USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "72", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: staff}, emp.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	workerPhone := registry.GeneratePhone(rng)
	if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "黄师傅", Phone: workerPhone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(1972, 3, 9, 0, 0, 0, 0, time.UTC), true)}); err != nil {
		t.Fatal(err)
	}
	tomorrow := time.Now().In(chinatime.Zone).AddDate(0, 0, 1).Format(time.DateOnly)
	dayAfter := time.Now().In(chinatime.Zone).AddDate(0, 0, 2).Format(time.DateOnly)
	day, _ := time.ParseInLocation(time.DateOnly, tomorrow, chinatime.Zone)
	at := func(hh, mm int) {
		db.SetClock(func() time.Time { return day.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute) })
	}
	at(-12, 0) // the evening before

	b := newBrowser(t, exe, ts.URL, shots)

	// The employer posts a gig that asks workers for a 服装费.
	b.login(empPhone, staffPassword, "/enterprise")
	b.open("/gig-posts/new", 200)
	b.typeInto("f-title", "展会搭建协助")
	b.load("推荐工种", 200, "/gig-posts/new", press(`button[name=op][value=classify]`))
	if eval[string](b, `document.querySelector("#f-occupation_code option:checked").textContent`) == "" {
		t.Fatal("no occupation suggested by name")
	}
	b.typeText("f-description", "国博展位搭建和撤展，搬运物料、配合木工安装。需交服装费 50 元，完工退还。")
	b.typeInto("f-pay_amount", "220")
	b.do("pick 按天", chromedp.SetValue(chromedp.CSS("#f-pay_unit"), "day"))
	b.typeInto("f-slots", "3")
	b.do("first shift", chromedp.SetValue(chromedp.CSS("#f-sd0"), tomorrow), chromedp.SetValue(chromedp.CSS("#f-ss0"), "08:00"),
		chromedp.SetValue(chromedp.CSS("#f-se0"), "17:00"))
	b.do("second shift", chromedp.SetValue(chromedp.CSS("#f-sd1"), dayAfter), chromedp.SetValue(chromedp.CSS("#f-ss1"), "08:00"),
		chromedp.SetValue(chromedp.CSS("#f-se1"), "17:00"))
	b.do("pick the street", chromedp.SetValue(chromedp.CSS("#f-region_code"), "420112001"))
	b.typeInto("f-address", "东西湖区临空港大道 88 号 3 号门")
	eval[bool](b, `(() => { Object.defineProperty(navigator, "geolocation", {configurable: true, value: {
		getCurrentPosition: (ok) => setTimeout(() => ok({coords: {latitude: 30.6342, longitude: 114.1318, accuracy: 20}}), 10)}}); return true; })()`)
	b.do("press 使用我的位置", press(`button[data-geolocate]`))
	run(b, "position filled", chromedp.Poll[bool](`document.querySelector("#f-lat").value !== ""`))
	b.load("检查内容", 200, "/gig-posts/new", press(`button[name=op][value=screen]`))
	if held := b.text(".flaglist .flag.block"); !strings.Contains(held, "费") {
		t.Fatalf("the 服装费 is not held: %q", held)
	}
	if b.value("f-title") != "展会搭建协助" || b.value("f-sd1") != dayAfter {
		t.Fatal("the form lost its values after 检查内容")
	}
	b.shot("gig-held")
	// The employer takes the fee out and submits.
	eval[bool](b, `(() => { document.getElementById("f-description").value = ""; return true; })()`)
	b.typeText("f-description", "国博展位搭建和撤展，搬运物料、配合木工安装，现场有人指导，工作服由公司提供。")
	b.load("submit", 200, "/gig-posts", press(`button[name=op][value=save]`))
	if text := b.bodyText(); !strings.Contains(text, "展会搭建协助") || !strings.Contains(text, "待审核") || strings.Contains(text, "拦截") {
		t.Fatalf("after submitting:\n%.500s", text)
	}
	gigPath := eval[string](b, `new URL(document.querySelector('a[href^="/gigs/"]').href).pathname`)
	gigID := strings.TrimPrefix(gigPath, "/gigs/")
	b.noHorizontalScroll("/gig-posts")
	b.logout()

	// The reviewer approves it.
	b.login(reviewerPhone, staffPassword, "/console")
	b.open("/console/gigs/review", 200)
	b.load("approve", 200, "/console/gigs/review", press(`form[action="/console/gigs/`+gigID+`/review"] button[value=approve]`))
	if !strings.Contains(b.bodyText(), "已通过") {
		t.Fatalf("after approving:\n%.400s", b.bodyText())
	}
	b.logout()

	// The worker finds it by position, nearest first, and signs up.
	b.login(workerPhone, staffPassword, "/me")
	b.open("/gigs", 200)
	eval[bool](b, `(() => { Object.defineProperty(navigator, "geolocation", {configurable: true, value: {
		getCurrentPosition: (ok) => setTimeout(() => ok({coords: {latitude: 30.6201, longitude: 114.1402, accuracy: 30}}), 10)}}); return true; })()`)
	b.load("使用我的位置", 200, "/gigs", press(`button[data-geolocate-submit]`))
	if d := b.text("ul.jlist li.gcard .dist"); !strings.HasSuffix(d, "公里") {
		t.Fatalf("no distance on the card: %q", d)
	}
	if fill := b.text("ul.jlist li.gcard .gfill"); !strings.HasPrefix(fill, "已报名 0/3") {
		t.Fatalf("fill on the card %q", fill)
	}
	if soon := b.text("ul.jlist li.gcard .tag.soon"); soon != "明天" {
		t.Fatalf("first shift tag %q, want 明天", soon)
	}
	b.noHorizontalScroll("/gigs")
	b.shot("gigs-near")
	b.load("open the gig", 200, gigPath, press(`ul.jlist li.gcard a.jtop`))
	b.load("sign up for the first shift", 200, gigPath, press(`ul.shiftlist li:first-child form button`))
	if !strings.Contains(b.bodyText(), "报名成功") && !strings.Contains(b.bodyText(), "等待雇主确认") {
		t.Fatalf("after signing up:\n%.400s", b.bodyText())
	}
	b.noHorizontalScroll(gigPath)
	b.shot("gig-signed-up")
	b.open("/me/gigs", 200)
	if text := b.bodyText(); !strings.Contains(text, "展会搭建协助") {
		t.Fatalf("我的零工:\n%.400s", text)
	}
	b.logout()

	// The employer sees the worker and accepts.
	b.login(empPhone, staffPassword, "/enterprise")
	b.open("/gig-posts/"+gigID+"/signups", 200)
	if !strings.Contains(b.bodyText(), "黄师傅") {
		t.Fatalf("sign-up list:\n%.400s", b.bodyText())
	}
	b.load("accept", 200, "/gig-posts/"+gigID+"/signups", press(`form[action^="/gig-signups/"] input[value="1"] + button`))
	if !strings.Contains(b.bodyText(), "已录用") {
		t.Fatalf("after accepting:\n%.400s", b.bodyText())
	}
	b.noHorizontalScroll("/gig-posts/…/signups")
	b.shot("gig-signups")
	b.logout()

	// On the day: the employer shows the code, the worker checks in.
	at(7, 45)
	b.login(empPhone, staffPassword, "/enterprise")
	b.open("/gig-posts/"+gigID+"/signups", 200)
	b.open(eval[string](b, `new URL(document.querySelector('a[href^="/gig-shifts/"]').href).pathname`), 200)
	code := strings.ReplaceAll(b.text(".checkin-code .code"), " ", "")
	if len(code) != 6 || eval[int](b, `document.querySelectorAll(".checkin-code svg path").length`) != 1 {
		t.Fatalf("check-in code %q or no QR image", code)
	}
	b.shot("gig-checkin-code")
	b.logout()
	b.login(workerPhone, staffPassword, "/me")
	b.open("/gigs/checkin", 200)
	b.typeInto("f-code", "000000")
	b.load("a wrong code", 422, "/gigs/checkin", press(`form[action="/gigs/checkin"] button[type=submit]`))
	b.typeInto("f-code", code)
	b.load("check in", 200, "/gigs/checkin", press(`form[action="/gigs/checkin"] button[type=submit]`))
	if !strings.Contains(b.bodyText(), "签到成功") {
		t.Fatalf("check-in:\n%.400s", b.bodyText())
	}
	b.shot("gig-checked-in")
	b.logout()
	at(17, 5)
	b.login(workerPhone, staffPassword, "/me")
	b.open("/gigs/checkin", 200)
	b.typeInto("f-code", code)
	b.load("check out", 200, "/gigs/checkin", press(`form[action="/gigs/checkin"] button[type=submit]`))
	if text := b.bodyText(); !strings.Contains(text, "签退成功") || !strings.Contains(text, "9 小时") {
		t.Fatalf("check-out:\n%.400s", text)
	}
	b.logout()

	// The employer records 180 yuan against the 220 promised.
	b.login(empPhone, staffPassword, "/enterprise")
	b.open("/gig-posts/"+gigID+"/signups", 200)
	b.typeInto(eval[string](b, `document.querySelector('form.complete input[name=paid_amount]').id`), "180")
	b.load("确认完工", 200, "/gig-posts/"+gigID+"/signups", press(`form.complete button[type=submit]`))
	if text := b.bodyText(); !strings.Contains(text, "应得220 元") && !strings.Contains(text, "220 元") {
		t.Fatalf("after completion:\n%.600s", text)
	}
	b.logout()

	// The worker received 180 and disputes it.
	b.login(workerPhone, staffPassword, "/me")
	b.open("/me/gigs", 200)
	b.do("tick 有异议", press(`form.receipt input[name=dispute]`))
	b.load("dispute without a statement", 422, "/me/gig-signups/"+eval[string](b, `document.querySelector("form.receipt").action.split("/")[5]`)+"/receipt",
		press(`form.receipt button[type=submit]`))
	if !strings.Contains(b.bodyText(), "请写明情况") {
		t.Fatalf("statement error:\n%.400s", b.bodyText())
	}
	b.typeText(eval[string](b, `document.querySelector('form.receipt textarea').id`), "说好一天 220 元，只收到 180 元")
	b.load("dispute", 200, "/me/gigs", press(`form.receipt button[type=submit]`))
	if !strings.Contains(b.bodyText(), "异议已提交") {
		t.Fatalf("after disputing:\n%.400s", b.bodyText())
	}
	b.noHorizontalScroll("/me/gigs")
	b.shot("gig-disputed")
	b.logout()

	// Staff uphold the dispute.
	b.login(staffPhone, staffPassword, "/console")
	b.open("/console/gigs/disputes", 200)
	b.typeText(eval[string](b, `document.querySelector('form[action^="/console/gig-signups/"] textarea').id`), "签到签退 9 小时，按约定应付 220 元")
	b.load("resolve", 200, "/console/gigs/disputes", press(`form[action^="/console/gig-signups/"] button[type=submit]`))
	if !strings.Contains(b.bodyText(), "已裁定") {
		t.Fatalf("after resolving:\n%.400s", b.bodyText())
	}
	b.logout()

	// The employer's next gig carries the record.
	next, err := a.Gigs.CreateGig(ctx, app.Actor{User: emp}, app.GigInput{Title: "展会撤展", OccupationCode: "4-02-05-01",
		Description: "展会结束后拆除展位、搬运物料装车。", PayAmount: "200", PayUnit: "day", Slots: 2,
		Shifts: []app.ShiftInput{{Date: dayAfter, Start: "08:00", End: "17:00"}}, RegionCode: "420112001", Address: "临空港大道 88 号"})
	if err != nil {
		t.Fatal(err)
	}
	reviewer, _, err := db.Accounts().UserByPhone(ctx, reviewerPhone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Gigs.ReviewGig(ctx, app.Actor{User: reviewer}, next.ID, app.GigReview{Action: "approve"}); err != nil {
		t.Fatal(err)
	}
	b.open(fmt.Sprintf("/gigs/%d", next.ID), 200)
	if credit := b.text("dd.credit"); !strings.Contains(credit, "实付为承诺的 82%") || !strings.Contains(credit, "争议败诉 1 次") {
		t.Fatalf("credit on the next gig: %q", credit)
	}
	b.shot("gig-credit")
}
