package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
)

// TestStaffJourney drives issue 12 items 7 and 8 at 375 px: a reviewer
// starts from the console's to-do counts and follows them to the filtered
// queues (the applications queue does not scroll sideways), reads the
// policy charts; an employer invites a recommended candidate, who finds
// the post in the inbox with its 申请 button; an admin reads the audit log
// of the day with operators by name. axe runs on every page.
func TestStaffJourney(t *testing.T) {
	forEachStore(t, "staff-journey", runStaffJourney)
}

func runStaffJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	db.SetClock(func() time.Time { return time.Date(2025, 6, 30, 2, 0, 0, 0, time.UTC) })
	a, ts := newSite(t, db)
	if err := a.Policies.EnsureCatalog(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 12))
	user := func(role, name string) string {
		phone := registry.GeneratePhone(rng)
		if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: role, Name: name, Phone: phone, Password: staffPassword}, true); err != nil {
			t.Fatal(err)
		}
		return phone
	}
	reviewerPhone, staffPhone, adminPhone := user("reviewer", "审核员周"), user("staff", "经办员张"), user("admin", "管理员王")
	staff, _, err := db.Accounts().UserByPhone(ctx, staffPhone)
	if err != nil {
		t.Fatal(err)
	}
	reviewer, _, err := db.Accounts().UserByPhone(ctx, reviewerPhone)
	if err != nil {
		t.Fatal(err)
	}
	empPhone := registry.GeneratePhone(rng)
	emp, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "李经理", Phone: empPhone, Password: staffPassword,
		Enterprise: &app.EnterpriseInput{Name: "武汉临空港物流有限公司", USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "54", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: staff}, emp.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "赵经理", Phone: registry.GeneratePhone(rng), Password: staffPassword,
		Enterprise: &app.EnterpriseInput{Name: "武汉新开张商贸有限公司", USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "51", RegionCode: "420112"}}); err != nil {
		t.Fatal(err)
	}
	empActor := app.Actor{User: emp}
	post, err := a.Jobs.CreatePost(ctx, empActor, app.PostInput{Title: "仓管员（长白班）", OccupationCode: "4-02-06-01",
		Description: "负责仓库收发货、盘点和库存台账。", Headcount: 2, SalaryMin: 4500, SalaryMax: 6500, RegionCode: "420112001", Address: "东西湖区吴家山"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.ReviewPost(ctx, app.Actor{User: reviewer}, post.ID, app.ReviewInput{Action: "approve"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.CreatePost(ctx, empActor, app.PostInput{Title: "叉车司机", OccupationCode: "4-02-06-01",
		Description: "持证驾驶叉车，装卸货物。", Headcount: 1, SalaryMin: 5000, SalaryMax: 7000, RegionCode: "420112001", Address: "东西湖区吴家山"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.CatchUpJobs(ctx); err != nil {
		t.Fatal(err)
	}
	// A person open to employers, looking for warehouse work in 吴家山.
	personPhone := registry.GeneratePhone(rng)
	person, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "陈建华", Phone: personPhone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "420112", time.Date(1990, 5, 4, 0, 0, 0, 0, time.UTC), true)})
	if err != nil {
		t.Fatal(err)
	}
	var r resume.Resume
	raw, _ := json.Marshal(map[string]any{
		"intentions": []map[string]any{{"occupation_codes": []string{"4-02-06-01"}, "region_codes": []string{"420112001"},
			"salary_min": 4500, "salary_max": 6500, "full_time": true}},
		"work": []map[string]any{{"employer": "武汉金银湖食品有限公司", "title": "仓管员", "from": "2015-03", "to": "至今",
			"description": "负责仓库收发货和盘点。"}},
		"skills": []string{"叉车", "仓储管理"}, "discoverable": true})
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Resumes.SaveResume(ctx, app.Actor{User: person}, person.PersonID, r); err != nil {
		t.Fatal(err)
	}
	// A 大龄 woman in flexible employment applies for 灵活就业社保补贴 (persona P07).
	p07Phone := registry.GeneratePhone(rng)
	p07, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "刘秀英", Phone: p07Phone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "420102", time.Date(1978, 3, 15, 0, 0, 0, 0, time.UTC), false)})
	if err != nil {
		t.Fatal(err)
	}
	p07Actor := app.Actor{User: p07}
	if _, err := a.Registry.UpdatePerson(ctx, p07Actor, p07.PersonID, app.PersonInput{Name: "刘秀英", Phone: p07Phone, Education: "初中",
		HukouRegion: "420102", EmploymentStatus: "灵活就业", RegisteredUnemployed: true, DifficultyCategory: "大龄"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Policies.SaveAnswers(ctx, p07Actor, map[string]any{"hukou_type": "城镇", "flexible_registered": true, "flexible_si_paid": true}); err != nil {
		t.Fatal(err)
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")
	if _, err := a.PolicyApps.Apply(ctx, p07Actor, "wh_lhjy_shebao_kunnan", "申请灵活就业社会保险补贴",
		[]app.UploadFile{{Name: "社保缴费证明.png", Data: bytes.NewReader(png)}}); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, exe, ts.URL, shots)

	// The reviewer starts from the to-do counts.
	b.login(reviewerPhone, staffPassword, "/console")
	tile := func(key string) string { return b.text(`a[data-todo="` + key + `"] .todo-n`) }
	if tile("job_posts") != "1" || tile("applications") != "1" || tile("enterprises") != "1" || tile("gigs") != "0" {
		t.Fatalf("to-do counts: posts %q applications %q enterprises %q gigs %q\n%.800s", tile("job_posts"), tile("applications"),
			tile("enterprises"), tile("gigs"), b.bodyText())
	}
	small := eval[string](b, `[...document.querySelectorAll("a.todo-tile")].map(a => { const r = a.getBoundingClientRect();
		return (r.height < 44 || r.width < 44) ? a.dataset.todo : "" }).join("")`)
	if small != "" {
		t.Errorf("to-do tiles smaller than a thumb: %s", small)
	}
	b.noHorizontalScroll("/console")
	b.shot("console-todo")
	b.load("open 待审核岗位", 200, "/console/jobs/review", press(`a[data-todo="job_posts"]`))
	if !strings.Contains(b.bodyText(), "叉车司机") || strings.Contains(b.bodyText(), "仓管员（长白班）") {
		t.Fatalf("review queue from the tile:\n%.600s", b.bodyText())
	}
	b.open("/console", 200)
	b.load("open 待核验企业", 200, "/console", press(`a[data-todo="enterprises"]`))
	if text := b.bodyText(); !strings.Contains(text, "武汉新开张商贸有限公司") || strings.Contains(text, "武汉临空港物流有限公司") {
		t.Fatalf("unverified enterprises from the tile:\n%.600s", text)
	}
	b.open("/console", 200)
	b.load("open 待审核申请", 200, "/console/applications", press(`a[data-todo="applications"]`))
	if text := b.bodyText(); !strings.Contains(text, "共 1 条") || !strings.Contains(text, "刘秀英") {
		t.Fatalf("applications from the tile:\n%.600s", text)
	}
	if v := b.value("flt-status"); v != "submitted" {
		t.Errorf("the queue's status filter shows %q, want submitted", v)
	}
	b.noHorizontalScroll("/console/applications?status=submitted")
	b.shot("console-applications-submitted")
	b.open("/console/applications", 200)
	b.noHorizontalScroll("/console/applications")
	b.open("/console/policies", 200)
	if n := eval[int](b, `document.querySelectorAll('svg.chart[role="img"] > title').length`); n != 2 {
		t.Errorf("policy statistics: %d charts with a title, want 2", n)
	}
	if !strings.Contains(eval[string](b, `document.querySelector("figure.chart-box table").textContent`), "已申请") {
		t.Errorf("the funnel has no table")
	}
	b.noHorizontalScroll("/console/policies")
	b.shot("console-policies-charts")
	b.do("desk viewport", chromedp.EmulateViewport(1280, 900))
	b.open("/console", 200)
	if top := eval[int](b, `Math.round(document.querySelector('a[data-todo="returned"]').getBoundingClientRect().bottom)`); top > 900 {
		t.Errorf("at 1280 px the to-do tiles end at %d px, below the first screen", top)
	}
	b.do("phone viewport", chromedp.EmulateViewport(phoneWidth, phoneHeight, phoneViewport...))
	b.logout()

	// The employer invites the candidate, on a phone.
	b.login(empPhone, staffPassword, "/enterprise")
	cands := "/enterprise/jobs/" + strconv.FormatInt(post.ID, 10) + "/candidates"
	b.open(cands, 200)
	b.noHorizontalScroll(cands)
	if th := eval[int](b, `Math.round(document.querySelector("table.candidates thead").getBoundingClientRect().height)`); th != 0 {
		t.Errorf("the candidate table's header shows on a phone (%d px tall)", th)
	}
	b.shot("candidates-phone")
	invite := cands + "/" + strconv.FormatInt(person.PersonID, 10) + "/invite"
	b.submit(invite, 200, cands)
	if text := b.bodyText(); !strings.Contains(text, "已邀请。") || !strings.Contains(b.text("#c"+strconv.FormatInt(person.PersonID, 10)), "已邀请") {
		t.Fatalf("after inviting:\n%.600s", text)
	}
	if n := eval[int](b, `document.querySelectorAll('form[action$="/invite"]').length`); n != 0 {
		t.Errorf("the invite button is still there after inviting")
	}
	b.shot("candidates-invited")
	// At a desk the list is a table with its header.
	b.do("desk viewport", chromedp.EmulateViewport(1280, 900))
	b.open(cands, 200)
	if th := eval[int](b, `Math.round(document.querySelector("table.candidates thead").getBoundingClientRect().height)`); th == 0 {
		t.Errorf("the candidate table has no header at 1280 px")
	}
	b.do("phone viewport", chromedp.EmulateViewport(phoneWidth, phoneHeight, phoneViewport...))
	b.logout()

	// The person finds the invitation and opens the post to apply.
	b.login(personPhone, staffPassword, "/me")
	b.open("/inbox", 200)
	if !strings.Contains(b.bodyText(), "邀请您投递：仓管员（长白班）") {
		t.Fatalf("inbox:\n%.600s", b.bodyText())
	}
	b.shot("inbox-invitation")
	postPath := "/jobs/" + strconv.FormatInt(post.ID, 10)
	b.load("查看岗位并申请", 200, postPath, press(`li.card.unread form button`))
	if n := eval[int](b, `document.querySelectorAll('form[action="`+postPath+`/apply"]').length`); n != 1 {
		t.Fatalf("the post has no 申请 form:\n%.600s", b.bodyText())
	}
	b.logout()

	// The admin reads today's audit log, operators by name.
	b.login(adminPhone, staffPassword, "/console")
	b.open("/admin/audit?from=2025-06-30&to=2025-06-30", 200)
	if text := b.bodyText(); !strings.Contains(text, "李经理") || !strings.Contains(text, "邀请求职者投递") {
		t.Fatalf("audit log of the day:\n%.800s", text)
	}
	b.shot("audit-by-date")
}
