package e2e

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestInternshipJourney: an enterprise applies on a phone to be a 就业见习
// base (the occupation typed by name); the bureau designates it from its
// list; the base posts a place ticking 就业见习岗位, which a reviewer
// approves; a graduate finds it with the 见习 filter (the card has the 见习
// badge) and applies; the base, having hired her, starts her internship,
// records two months served and claims March's subsidy from its ledger
// (0.7 × 2210 = 1547 yuan); a reviewer approves and pays it in the policy
// console, and the base's ledger shows it paid. Every page passes axe-core.
func TestInternshipJourney(t *testing.T) {
	forEachStore(t, "internship-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		db.SetClock(func() time.Time { return time.Date(2026, 5, 11, 2, 0, 0, 0, time.UTC) })
		a, ts := newSite(t, db)
		if _, err := a.Policies.ImportCatalog(ctx, app.Actor{}, policy.DefaultCatalogYAML(), true); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 37))
		staffPhone, reviewerPhone, empPhone, personPhone := registry.GeneratePhone(rng), registry.GeneratePhone(rng), registry.GeneratePhone(rng),
			registry.GeneratePhone(rng)
		staff, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "就业科刘", Phone: staffPhone, Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		reviewer, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "reviewer", Name: "审核员周", Phone: reviewerPhone, Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		emp, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "张经理", Phone: empPhone,
			Password: staffPassword, Enterprise: &app.EnterpriseInput{Name: "武汉临空港仓储有限公司", USCC: registry.GenerateUSCC(rng, "420112"),
				IndustryCode: "59", RegionCode: "420112"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: staff}, emp.EnterpriseID, true); err != nil {
			t.Fatal(err)
		}
		person, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "林毕业", Phone: personPhone, Password: staffPassword,
			IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(2003, 3, 8, 0, 0, 0, 0, time.UTC), false)})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := a.Registry.ViewPerson(ctx, app.Actor{User: staff}, person.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		in := app.InputFromPerson(rec)
		in.Education, in.GraduationDate, in.EmploymentStatus = "本科", "2025-06-30", "失业"
		if _, err := a.Registry.UpdatePerson(ctx, app.Actor{User: staff}, person.PersonID, in); err != nil {
			t.Fatal(err)
		}

		// The enterprise applies.
		b := newBrowser(t, exe, ts.URL, shots)
		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/internship", 200)
		b.load("open the application", 200, "/enterprise/internship/apply", press(`a[href="/enterprise/internship/apply"]`))
		b.typeInto("f-places_per_year", "8")
		b.typeInto("f-occ_0", "仓储管理员")
		b.typeInto("f-contact_name", "张经理")
		b.typeInto("f-contact_phone", "8325")
		b.typeInto("f-supervisor", "王师傅")
		b.submit("/enterprise/internship/apply", 422, "/enterprise/internship/apply")
		if msg := b.text("#e-contact_phone"); !strings.Contains(msg, "区号") {
			t.Fatalf("phone error %q", msg)
		}
		if b.value("f-occ_0") != "仓储管理员" {
			t.Fatal("the form lost the occupation")
		}
		b.typeInto("f-contact_phone", "027-83251234")
		b.submit("/enterprise/internship/apply", 200, "/enterprise/internship")
		if got := b.bodyText(); !strings.Contains(got, "申请已提交") || !strings.Contains(got, "申请中") || !strings.Contains(got, "仓储管理员") {
			t.Fatalf("after applying: %s", got)
		}
		b.noHorizontalScroll("/enterprise/internship")
		b.logout()

		// The bureau designates it.
		b.login(staffPhone, staffPassword, "/console")
		b.open("/console/internship?status=applying", 200)
		base, err := a.Internships.MyBase(ctx, app.Actor{User: emp})
		if err != nil || base == nil {
			t.Fatalf("the application: %v", err)
		}
		basePath := "/internships/bases/" + itoa(base.Base.ID)
		b.load("open the base", 200, basePath, press(`a[href="`+basePath+`"]`))
		b.submit("/console/internship/bases/"+itoa(base.Base.ID)+"/designate", 200, basePath)
		if f := b.text("p.flash"); !strings.Contains(f, "已认定") {
			t.Fatalf("after designating: %q", f)
		}
		b.logout()

		// The base posts a 见习 place; a reviewer approves it.
		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/jobs/new", 200)
		b.typeInto("f-title", "仓储管理见习生")
		b.load("识别职业", 200, "/enterprise/jobs/new", press(`button[name=op][value=classify]`))
		b.do("pick 仓储管理员", chromedp.SetValue(chromedp.CSS("#f-occupation_code"), "4-02-06-01"))
		b.typeText("f-description", "协助仓库收发货、盘点和系统录入，带教老师一对一指导，见习期间发放基本生活费。")
		b.typeInto("f-salary_min", "2300")
		b.typeInto("f-salary_max", "3000")
		b.typeInto("f-headcount", "3")
		b.do("pick the street", chromedp.SetValue(chromedp.CSS("#f-region_code"), "420112001"))
		b.typeInto("f-address", "东西湖区吴家山街道临空港大道 66 号")
		b.do("tick 就业见习岗位", chromedp.Click(chromedp.CSS(`input[name=internship]`)))
		b.load("save", 200, "/enterprise/jobs", press(`button[name=op][value=save]`))
		postPath := eval[string](b, `new URL(document.querySelector('a[href^="/jobs/"]').href).pathname`)
		postID := strings.TrimPrefix(postPath, "/jobs/")
		b.logout()
		pid := int64(0)
		for _, c := range postID {
			pid = pid*10 + int64(c-'0')
		}
		if _, err := a.Jobs.ReviewPost(ctx, app.Actor{User: reviewer}, pid, app.ReviewInput{Action: "approve"}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Jobs.CatchUpJobs(ctx); err != nil {
			t.Fatal(err)
		}

		// The graduate finds it with the 见习 filter and applies.
		b.login(personPhone, staffPassword, "/me")
		b.open("/jobs", 200)
		// On a phone the filters are folded in a sheet: open it, then tick.
		b.do("open the filters", press(`details.fsheet > summary`))
		b.do("only 见习", press(`#f-internship`))
		b.load("search", 200, "/jobs", press(`form.jobsearch button[type=submit]`))
		if got := b.bodyText(); !strings.Contains(got, "找到 1 个岗位") || !strings.Contains(got, "仓储管理见习生") || !strings.Contains(got, "见习") {
			t.Fatalf("见习 search: %s", got)
		}
		if n := eval[int](b, `document.querySelectorAll(".jcard .tag.brand").length`); n != 1 {
			t.Fatalf("见习 badges: %d", n)
		}
		b.noHorizontalScroll("/jobs")
		b.shot("jobs-internship-filter")
		b.load("open the place", 200, postPath, press(`a[href^="`+postPath+`"]`))
		b.load("apply", 200, postPath, press(`form[action="/jobs/`+postID+`/apply"] button[type=submit]`))
		b.logout()

		// The base hires her, starts the internship and records two months.
		apps, err := db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PostID: pid})
		if err != nil || len(apps) != 1 {
			t.Fatalf("applications: %v", err)
		}
		for _, s := range []string{"interview", "hired"} {
			if _, err := a.JobApps.SetJobApplicationStatus(ctx, app.Actor{User: emp}, apps[0].ID, app.JobAppStatusInput{Status: s}); err != nil {
				t.Fatal(err)
			}
		}
		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/internship", 200)
		b.do("start date", chromedp.SetValue(chromedp.CSS("#f-start_on"), "2026-03-01"))
		b.do("months", chromedp.SetValue(chromedp.CSS("#f-planned_months"), "3"))
		b.do("start", press(`form[action="/enterprise/internship/start"] button[type=submit]`))
		internPath := b.waitPath(`^/enterprise/internship/interns/\d+$`)
		b.checkAxe(internPath)
		for _, n := range []string{"1", "2"} {
			b.load("month "+n, 200, internPath, press(`form[action="`+internPath+`/months"] input[name=n][value="`+n+`"] ~ button.primary`))
		}
		if got := b.bodyText(); strings.Count(got, "已完成见习") < 2 {
			t.Fatalf("months: %s", got)
		}
		b.noHorizontalScroll(internPath)
		b.noBrokenLabels(internPath)
		b.shot("intern-months")
		b.open("/enterprise/internship", 200)
		b.load("claim March", 200, "/enterprise/internship", press(`form[action="/enterprise/internship/claims"] input[value="2026-03"] ~ button`))
		if got := b.bodyText(); !strings.Contains(got, "补贴申领已提交") || !strings.Contains(got, "审核中") || !strings.Contains(got, "1547 元") {
			t.Fatalf("after claiming: %s", got)
		}
		b.shot("ledger-claimed")
		b.logout()

		// A reviewer approves and pays the claim.
		claims, _, err := a.PolicyApps.ListApplications(ctx, app.Actor{User: reviewer}, policy.ApplicationFilter{RefType: store.RefInternshipBase, RefID: base.Base.ID})
		if err != nil || len(claims) != 1 {
			t.Fatalf("claims: %v", err)
		}
		id := itoa(claims[0].ID)
		b.login(reviewerPhone, staffPassword, "/console")
		b.open("/console/applications/"+id, 200)
		b.do("choose approve", chromedp.Click(chromedp.CSS(`input[name=action][value=approve]`)))
		b.typeInto("f-amount_yuan", "1547")
		b.submit("/console/applications/"+id+"/decide", 200, "/console/applications/"+id)
		b.open("/console/applications?status=approved", 200)
		b.do("pick the claim", chromedp.Click(chromedp.CSS(`input[name=ids][value="`+id+`"]`)))
		b.typeInto("f-batch", "JX-2026-05")
		b.load("record payout", 200, "/console/applications", press(`form[action="/console/payouts"] button[type=submit]`))
		if !strings.Contains(b.bodyText(), "已记录 1 笔发放") {
			t.Fatalf("after payout:\n%.400s", b.bodyText())
		}
		b.logout()

		b.login(empPhone, staffPassword, "/enterprise")
		b.open("/enterprise/internship", 200)
		if got := b.bodyText(); !strings.Contains(got, "已发放") || !strings.Contains(got, "1547 元") {
			t.Fatalf("ledger after payout: %s", got)
		}
		b.noHorizontalScroll("/enterprise/internship")
		b.noBrokenLabels("/enterprise/internship")
		b.shot("ledger-paid")
	})
}
