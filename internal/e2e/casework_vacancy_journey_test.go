package e2e

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// TestCaseworkVacancyJourney drives enterprise vacancy collection and the
// quality review on a phone: an agent (the team's supervisor) finds an
// enterprise by name, logs the call, types the vacancy heard (识别职业
// suggests the occupation), and the enterprise's employer confirms the
// draft on the prefilled post form after choosing the street; the post
// waits for review and the enterprise's history shows it. The supervisor
// then draws the week's sample and scores the call. Every page passes
// axe-core and fits the phone's width.
func TestCaseworkVacancyJourney(t *testing.T) {
	forEachStore(t, "casework-vacancy-journey", runCaseworkVacancyJourney)
}

func runCaseworkVacancyJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 24))
	supPhone := registry.GeneratePhone(rng)
	sup, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "组长王", Phone: supPhone, Password: staffPassword}, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Casework().SetAgentTeam(ctx, store.Actor{IP: "test"}, sup.ID, "一组", true); err != nil {
		t.Fatal(err)
	}
	const entName = "武汉临空港钢构有限公司"
	empPhone := registry.GeneratePhone(rng)
	emp, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "赵经理", Phone: empPhone,
		Password: staffPassword, Enterprise: &app.EnterpriseInput{Name: entName, USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "33", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: sup}, emp.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	entPath := "/console/casework/enterprises/" + strconv.FormatInt(emp.EnterpriseID, 10)
	b := newBrowser(t, exe, ts.URL, shots)

	// The agent finds the enterprise by name; one hit opens its history.
	b.login(supPhone, staffPassword, "/console")
	b.open("/console/casework", 200)
	b.typeInto("f-eq", "临空港钢构")
	b.load("find the enterprise", 200, entPath, press(`form:has(#f-eq) button[type=submit]`))
	if h := b.text("#ent-h"); h != entName {
		t.Fatalf("enterprise page h1 %q", h)
	}

	// The call: logged with its note (the topic 岗位收集 is ticked already).
	b.typeText("f-notes", "人事赵经理：钢结构车间缺电焊工三人，长白班")
	b.submit("/console/casework/contacts", 200, entPath)
	if f := b.text("p.flash"); !strings.Contains(f, "联系记录已保存") {
		t.Fatalf("after the contact: flash %q", f)
	}
	if h := b.text(`section[aria-labelledby="hist-h"] ul.plist`); !strings.Contains(h, "缺电焊工三人") || !strings.Contains(h, "岗位收集") {
		t.Fatalf("contact history: %q", h)
	}

	// The vacancy heard: 识别职业 suggests the occupation, the draft is saved.
	b.typeInto("f-title", "电焊工")
	b.load("识别职业", 200, "/console/casework/vacancies", press(`form[action="/console/casework/vacancies"] button[name=op][value=classify]`))
	if code := b.value("f-occupation_code"); !strings.HasPrefix(code, "6-") {
		t.Fatalf("suggested occupation %q, want a 6- (生产制造) code", code)
	}
	b.typeInto("f-headcount", "3")
	b.typeInto("f-salary_min", "7000")
	b.typeInto("f-salary_max", "9000")
	b.typeText("f-description", "钢结构件焊接，持焊工证，长白班，包午餐。")
	b.noHorizontalScroll("/console/casework/vacancies")
	b.load("save the draft", 200, entPath, press(`form[action="/console/casework/vacancies"] button[name=op][value=save]`))
	if v := b.text(`section[aria-labelledby="vacancies-h"] ul.plist`); !strings.Contains(v, "电焊工") || !strings.Contains(v, "待企业确认") ||
		!strings.Contains(v, "7000–9000 元/月") {
		t.Fatalf("vacancies after saving: %q", v)
	}
	b.noHorizontalScroll(entPath)
	b.shot("enterprise-draft")
	vs, err := db.Casework().Vacancies(ctx, store.VacancyFilter{EnterpriseID: emp.EnterpriseID})
	if err != nil || len(vs) != 1 || vs[0].ContactID == 0 || vs[0].AgentID != sup.ID {
		t.Fatalf("stored drafts: %+v %v", vs, err)
	}
	b.logout()

	// The employer confirms it on the prefilled post form, choosing the street.
	b.login(empPhone, staffPassword, "/enterprise")
	b.open("/enterprise/vacancy-drafts", 200)
	b.load("核对并发布", 200, "/enterprise/jobs/new", press(`a[href="/enterprise/jobs/new?draft=`+strconv.FormatInt(vs[0].ID, 10)+`"]`))
	if h := b.text("h1"); h != "确认发布岗位" || b.value("f-title") != "电焊工" || b.value("f-salary_min") != "7000" {
		t.Fatalf("confirm form: h1 %q title %q pay %q", h, b.value("f-title"), b.value("f-salary_min"))
	}
	b.do("pick the street", chromedp.SetValue(chromedp.CSS("#f-region_code"), "420112001"))
	b.typeInto("f-address", "东西湖区走马岭街道汇通大道 9 号")
	b.noHorizontalScroll("/enterprise/jobs/new?draft")
	b.load("submit", 200, "/enterprise/jobs", press(`button[name=op][value=save]`))
	if !strings.Contains(b.bodyText(), "电焊工") {
		t.Fatalf("enterprise jobs after confirming:\n%.400s", b.bodyText())
	}
	v, err := db.Casework().VacancyByID(ctx, vs[0].ID)
	if err != nil || v.Status != casework.VacancyPublished || v.PublishedBy != casework.ByEnterprise || v.PostID == 0 {
		t.Fatalf("vacancy after confirming: %+v %v", v, err)
	}
	b.logout()

	// The agent's history shows the post; the supervisor samples and scores the call.
	b.login(supPhone, staffPassword, "/console")
	b.open(entPath, 200)
	if v := b.text(`section[aria-labelledby="vacancies-h"] ul.plist`); !strings.Contains(v, "已发布") || !strings.Contains(v, "企业确认发布") {
		t.Fatalf("vacancies after the confirmation: %q", v)
	}
	week := casework.WeekOf(db.Now()).Format("2006-01-02")
	b.open("/console/casework/reviews?week="+week, 200)
	b.submit("/console/casework/reviews/sample", 200, "/console/casework/reviews")
	if f := b.text("p.flash"); !strings.Contains(f, "已随机抽取 1 条") {
		t.Fatalf("after drawing: flash %q", f)
	}
	rs, err := db.Casework().Reviews(ctx, store.ReviewFilter{Team: "一组"})
	if err != nil || len(rs) != 1 {
		t.Fatalf("sample: %d %v", len(rs), err)
	}
	id := strconv.FormatInt(rs[0].ID, 10)
	b.do("score", chromedp.SetValue(chromedp.CSS("#f-score-"+id), "4"))
	b.typeInto("f-comments-"+id, "需求记录清楚，下次记得问清工作地址")
	b.submit("/console/casework/reviews/"+id, 200, "/console/casework/reviews")
	if m := b.text(`section[aria-labelledby="mine-h"]`); !strings.Contains(m, "4 分") || !strings.Contains(m, "问清工作地址") {
		t.Fatalf("my reviews: %q", m)
	}
	b.noHorizontalScroll("/console/casework/reviews")
	b.shot("reviews")
}
