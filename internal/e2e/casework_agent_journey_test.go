package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
)

// TestCaseworkAgentJourney drives 话务中心 (issue 11) on a phone, as an
// agent of a team takes a call: find the caller by the phone number, read
// the call's agenda (the resume lacks skills), fix the resume for the
// caller (代办, audited), refer them to a published post with their spoken
// consent, log the call and schedule a follow-up that shows in the agent's
// queue. Seven months later staff import the social-insurance file, which
// shows the person working at the enterprise they were referred to, and
// the cohort report counts them as placed. Every page passes axe-core and
// fits the phone's width.
func TestCaseworkAgentJourney(t *testing.T) {
	forEachStore(t, "casework-agent-journey", runCaseworkAgentJourney)
}

func runCaseworkAgentJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	// The store's clock runs seven months behind for the call, then is moved
	// to the present for the import and the report: cohort rates count only
	// people whose 3/6/12-month horizon has passed, so the call has to lie in
	// the past. Everything the call does goes through the real pages at that
	// earlier time (the served record comes from the referral and the logged
	// contact, not from set-up); what is set up directly is only the people,
	// the enterprise and its approved post, the person's resume before the
	// call, the agent's team, and the insurance file's content (uploaded
	// through the page). The jump ends the agent's session (its timeout runs
	// on the same clock), so the import is done by another staff member who
	// logs in afterwards. The clock reads an atomic: the server's goroutines
	// read it while the test moves it.
	start := time.Now()
	var offset atomic.Int64
	offset.Store(int64(start.AddDate(0, -7, 0).Sub(start)))
	db.SetClock(func() time.Time { return time.Now().Add(time.Duration(offset.Load())) })
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 23))
	user := func(role, name string) (string, int64) {
		phone := registry.GeneratePhone(rng)
		u, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: role, Name: name, Phone: phone, Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		return phone, u.ID
	}
	agentPhone, agentID := user("staff", "话务员李")
	analystPhone, _ := user("staff", "评估专员吴")
	_, reviewerID := user("reviewer", "审核员周")
	agent, err := db.Accounts().UserByID(ctx, agentID)
	if err != nil {
		t.Fatal(err)
	}
	reviewer, err := db.Accounts().UserByID(ctx, reviewerID)
	if err != nil {
		t.Fatal(err)
	}
	const team = "东西湖一班"
	if err := db.Casework().SetAgentTeam(ctx, store.Actor{IP: "test"}, agentID, team, false); err != nil {
		t.Fatal(err)
	}

	// A verified enterprise with an approved warehouse post.
	const entName = "武汉临空港物流有限公司"
	uscc := registry.GenerateUSCC(rng, "420112")
	emp, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "张经理", Phone: registry.GeneratePhone(rng),
		Password: staffPassword, Enterprise: &app.EnterpriseInput{Name: entName, USCC: uscc, IndustryCode: "54", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, app.Actor{User: agent}, emp.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	const postTitle = "仓管员（长白班）"
	post, err := a.Jobs.CreatePost(ctx, app.Actor{User: emp}, app.PostInput{Title: postTitle, OccupationCode: "4-02-06-01",
		Description: "负责仓库收发货、盘点和库存台账。", Headcount: 2, SalaryMin: 4500, SalaryMax: 6500, RegionCode: "420112001", Address: "东西湖区吴家山"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.ReviewPost(ctx, app.Actor{User: reviewer}, post.ID, app.ReviewInput{Action: "approve"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.CatchUpJobs(ctx); err != nil { // what serve's follower does every 500 ms
		t.Fatal(err)
	}

	// The caller: registered, with a resume that says what she wants but
	// lists no skills.
	const name = "陈晓梅"
	callerPhone := registry.GeneratePhone(rng)
	idNumber := registry.GenerateIDNumber(rng, "420112", time.Date(1995, 4, 5, 0, 0, 0, 0, time.UTC), false)
	pu, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: name, IDNumber: idNumber,
		Phone: callerPhone, Password: staffPassword})
	if err != nil {
		t.Fatal(err)
	}
	personID := pu.PersonID
	lat, lng := 30.63, 114.13
	if _, err := a.Resumes.SaveResume(ctx, app.Actor{User: pu}, personID, resume.Resume{
		Intentions: []resume.Intention{{OccupationCodes: []string{"4-02-06-01"}, RegionCodes: []string{"420112001"},
			SalaryMin: 4500, SalaryMax: 6500, FullTime: true}},
		Education: []resume.EducationEntry{{School: "武汉市第一商业学校", Major: "物流管理", Level: "中专", From: "2010-09", To: "2013-06", FullTime: true}},
		Work: []resume.WorkEntry{{Employer: "武汉金银湖食品有限公司", Title: "仓库理货员", OccupationCode: "4-02-06-01", From: "2013-07",
			Description: "负责成品仓库的收货、理货、出库复核和月底盘点，熟悉先进先出。"}},
		SelfDescription: "做了十年仓库工作，做事细心，能适应倒班，想在东西湖区找一份稳定的仓管工作。",
		Lat:             &lat, Lng: &lng, Discoverable: true,
	}); err != nil {
		t.Fatal(err)
	}

	person := "/console/casework/persons/" + strconv.FormatInt(personID, 10)
	resumePath := "/console/persons/" + strconv.FormatInt(personID, 10) + "/resume"
	b := newBrowser(t, exe, ts.URL, shots)

	// 1. The agent looks the caller up by the phone number: one hit opens
	// the agent screen.
	b.login(agentPhone, staffPassword, "/console")
	b.open("/console/casework", 200)
	b.noHorizontalScroll("/console/casework")
	// The box takes ID numbers too, and one in eleven ends in X: a phone's
	// digit pad (inputmode=numeric) has no X key.
	if mode := eval[string](b, `document.getElementById("f-q").inputMode`); mode == "numeric" || mode == "decimal" || mode == "tel" {
		t.Errorf("the lookup box asks for a digit keyboard (inputmode=%s): an ID number ending in X cannot be typed on a phone", mode)
	}
	b.typeInto("f-q", callerPhone)
	b.submit("/console/casework", 200, person)
	if h := b.text("#who-h"); !strings.HasPrefix(h, name) {
		t.Fatalf("agent screen h1 %q, want %s", h, name)
	}
	if got := b.fact("手机号"); got != registry.MaskPhone(callerPhone) {
		t.Fatalf("phone on the agent screen %q, want it masked %q", got, registry.MaskPhone(callerPhone))
	}
	if strings.Contains(eval[string](b, "document.documentElement.outerHTML"), idNumber) {
		t.Fatal("the agent screen's HTML contains the full ID number before any reveal")
	}

	// 2. The agenda: the missing skills first (no subsidy in this site's
	// catalog), and the new matching post named.
	type agendaItem struct{ Tag, Title, Detail, Link string }
	readAgenda := func() []agendaItem {
		raw := eval[string](b, `JSON.stringify(Array.from(document.querySelectorAll("section.agenda ol.agenda-list > li"), li => ({
			Tag: li.querySelector(".tag").textContent.trim(), Title: li.querySelector("strong").textContent.trim(),
			Detail: li.querySelector(".small").textContent.trim(), Link: (li.querySelector("strong a") || {}).getAttribute?.("href") || ""})))`)
		var items []agendaItem
		if err := json.Unmarshal([]byte(raw), &items); err != nil {
			t.Fatalf("agenda: %v", err)
		}
		return items
	}
	agenda := readAgenda()
	if len(agenda) == 0 || agenda[0].Tag != "简历待完善" || !strings.Contains(agenda[0].Title, "还没有填写技能标签") ||
		agenda[0].Link != resumePath+"#skills" {
		t.Fatalf("agenda %+v: want first the missing skills (简历待完善), linked to %s#skills", agenda, resumePath)
	}
	wantPost := "最匹配：" + postTitle + "（" + entName + "）"
	if !slices.ContainsFunc(agenda, func(it agendaItem) bool { return it.Tag == "新匹配岗位" && it.Detail == wantPost }) {
		t.Fatalf("agenda %+v: no 新匹配岗位 item with %q", agenda, wantPost)
	}
	if got := b.text("#res-h"); !strings.HasPrefix(got, "简历诊断：") {
		t.Fatalf("diagnosis heading %q", got)
	}
	scoreBefore := b.text("#res-h")
	b.noHorizontalScroll(person)
	b.shot("agent-screen")

	// 3. 代办: the agenda's link opens the person's resume in the console;
	// the agent adds the skills the caller names and saves.
	b.load("open the resume from the agenda", 200, resumePath, press(`section.agenda a[href="`+resumePath+`#skills"]`))
	if n := b.text("p.notice"); !strings.Contains(n, "代办") {
		t.Fatalf("resume editor notice %q, want the 代办 notice", n)
	}
	if v := b.value("f-skills"); v != "" {
		t.Fatalf("skills before the edit: %q", v)
	}
	b.typeInto("f-skills", "叉车驾驶、仓库盘点、WMS系统")
	b.load("save the resume", 200, resumePath, press(`form.resume-form button[name=op][value=save]`))
	if f := b.text("p.flash"); !strings.Contains(f, "已代办保存简历") {
		t.Fatalf("after saving the resume: flash %q", f)
	}
	if v := b.value("f-skills"); v != "叉车驾驶、仓库盘点、WMS系统" {
		t.Fatalf("skills shown after saving: %q", v)
	}
	b.noHorizontalScroll(resumePath)
	b.shot("resume-proxy-saved")
	r, by, err := db.Jobs().ResumeByPerson(ctx, personID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"叉车驾驶", "仓库盘点", "WMS系统"}; r == nil || !slices.Equal(r.Skills, want) || by != agentID {
		t.Fatalf("stored resume: skills %q updated by #%d, want %q by the agent #%d", r.Skills, by, want, agentID)
	}
	rows, err := db.ListAudit(ctx, audit.Filter{Action: store.ResumeAction, ObjectType: "resume", ObjectID: strconv.FormatInt(personID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rows, func(e audit.Entry) bool {
		return e.ActorID == agentID && e.ActorRole == "staff" && strings.HasPrefix(e.Summary, "代办；") && strings.Contains(e.Summary, "技能: 0 → 3 项")
	}) {
		t.Fatalf("no 代办 audit row of the skills by the agent #%d: %+v", agentID, rows)
	}

	// Back on the agent screen the finding is gone from the agenda and the diagnosis.
	b.open(person, 200)
	if slices.ContainsFunc(readAgenda(), func(it agendaItem) bool { return strings.Contains(it.Title, "技能标签") }) {
		t.Fatalf("the agenda still names the skills after the fix: %+v", readAgenda())
	}
	if d := b.text("#res-h"); d == scoreBefore || strings.Contains(b.text(`section[aria-labelledby="res-h"] ul.plist`), "技能标签") {
		t.Fatalf("diagnosis after the fix: %q (before %q)\n%s", d, scoreBefore, b.text(`section[aria-labelledby="res-h"] ul.plist`))
	}

	// 4. The referral: without the caller's consent recorded it is refused
	// next to the field; with it, the application is filed as the agent's.
	refer := person + "/refer"
	postID := strconv.FormatInt(post.ID, 10)
	b.do("pick the post", chromedp.SetValue(chromedp.CSS("#f-post_id"), postID))
	b.submit(refer, 422, refer)
	if msg := b.text("#e-consent"); !strings.Contains(msg, "同意") {
		t.Fatalf("consent error %q", msg)
	}
	if n, _ := db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PersonID: personID, NoHistory: true}); len(n) != 0 {
		t.Fatalf("an application was filed without consent: %+v", n)
	}
	if !eval[bool](b, `document.getElementById("f-consent").getAttribute("aria-invalid") === "true" &&
		document.getElementById("f-consent").getAttribute("aria-describedby") === "e-consent"`) {
		t.Error("the consent error is not tied to its select (aria-invalid, aria-describedby)")
	}
	b.noHorizontalScroll(refer + " with the consent error")
	b.shot("refer-no-consent")
	b.do("pick the post", chromedp.SetValue(chromedp.CSS("#f-post_id"), postID))
	b.do("record the consent", chromedp.SetValue(chromedp.CSS("#f-consent"), "电话中口头同意推荐"))
	b.submit(refer, 200, person)
	if f := b.text("p.flash"); !strings.Contains(f, "已推荐") {
		t.Fatalf("after referring: flash %q", f)
	}
	if apps := b.text(`section[aria-labelledby="apps-h"] ul.plist`); !strings.Contains(apps, postTitle) || !strings.Contains(apps, "话务推荐") {
		t.Fatalf("applications on the agent screen: %q", apps)
	}
	apps, err := db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PersonID: personID, NoHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 1 || apps[0].PostID != post.ID || apps[0].ReferredBy != agentID || apps[0].ReferralConsent != "电话中口头同意推荐" {
		t.Fatalf("applications of the person: %+v, want one referral to post #%d by the agent #%d", apps, post.ID, agentID)
	}

	// The call itself: inbound, about the resume and jobs, reached.
	b.do("inbound", chromedp.SetValue(chromedp.CSS("#f-direction"), string(casework.Inbound)))
	b.do("topic resume", press(`input[name=topics][value=resume]`))
	b.do("topic jobs", press(`input[name=topics][value=jobs]`))
	b.typeInto("f-duration_min", "6")
	b.typeText("f-notes", "来电咨询找工作，已代填技能并推荐仓管员岗位。")
	b.submit("/console/casework/contacts", 200, person)
	if f := b.text("p.flash"); !strings.Contains(f, "联系记录已保存") {
		t.Fatalf("after logging the call: flash %q", f)
	}
	if h := b.text(`section[aria-labelledby="hist-h"] ul.plist`); !strings.Contains(h, "简历诊断") || !strings.Contains(h, "来电咨询找工作") {
		t.Fatalf("contact history: %q", h)
	}
	if got := b.fact("跟进班组"); !strings.HasPrefix(got, team+" · 话务员李") {
		t.Fatalf("跟进班组 after the call %q, want %s · 话务员李", got, team)
	}

	// 5. A follow-up in three days, which the agent's queue lists.
	// The referral and the reached call each marked her served, on the
	// call's Beijing date, by the agent's team: the cohorts below count them.
	served, err := db.Casework().Served(ctx, personID)
	if err != nil {
		t.Fatal(err)
	}
	callDay := chinatime.Today(a.Now())
	if len(served) == 2 {
		callDay = served[0].ServedOn
	}
	kinds := map[casework.ServedKind]casework.Topic{}
	for _, s := range served {
		if s.ServedOn.Equal(callDay) && s.AgentID == agentID && s.Team == team {
			kinds[s.Kind] = s.Topic
		}
	}
	if len(served) != 2 || kinds[casework.KindReferral] != casework.TopicJobs || kinds[casework.KindCallCentre] != casework.TopicResume {
		t.Fatalf("served records %+v: want a referral (jobs) and a call (resume) on %s by the agent #%d of %s", served, callDay.Format(time.DateOnly), agentID, team)
	}
	due := callDay.AddDate(0, 0, 3)
	const purpose = "确认面试结果"
	b.do("due date", chromedp.SetValue(chromedp.CSS("#f-due"), due.Format(time.DateOnly)))
	b.typeInto("f-purpose", purpose)
	b.submit("/console/casework/followups", 200, person)
	if f := b.text("p.flash"); !strings.Contains(f, "跟进已安排") {
		t.Fatalf("after scheduling: flash %q", f)
	}
	if fu := b.text(`section[aria-labelledby="fu-h"] ul.plist`); !strings.Contains(fu, due.Format(time.DateOnly)) || !strings.Contains(fu, purpose) {
		t.Fatalf("follow-ups on the agent screen: %q", fu)
	}
	b.noHorizontalScroll(person + " after the call")
	b.shot("agent-screen-after-call")
	b.load("back to the workbench", 200, "/console/casework", press(`section.case-head a[href="/console/casework"]`))
	if h := b.text("#queue-h"); h != "话务员李的待跟进（1）" {
		t.Fatalf("queue heading %q", h)
	}
	item := b.text(`section[aria-labelledby="queue-h"] li.pcard`)
	if !strings.HasPrefix(item, name) || !strings.Contains(item, due.Format(time.DateOnly)) || !strings.Contains(item, purpose) {
		t.Fatalf("queue item %q, want %s · %s · %s", item, name, due.Format(time.DateOnly), purpose)
	}
	if href := eval[string](b, `document.querySelector('section[aria-labelledby="queue-h"] li.pcard a').getAttribute("href")`); href != person {
		t.Fatalf("queue item links to %q, want %s", href, person)
	}
	b.noHorizontalScroll("/console/casework with the queue")
	b.shot("queue")

	// 6. Seven months later: the insurance file shows her paying in at the
	// enterprise she was referred to from the month after the call.
	offset.Store(0)
	now := a.Now()
	first := casework.MonthOf(callDay).AddDate(0, 1, 0)
	csv := "身份证号,单位统一社会信用代码,首次缴费月份,最后缴费月份\n" +
		idNumber + "," + uscc + "," + first.Format("2006-01") + "," + casework.MonthOf(now).Format("2006-01") + "\n"
	file := filepath.Join(t.TempDir(), "社保缴费.csv")
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	b.login(analystPhone, staffPassword, "/console")
	b.open("/console/casework/outcomes", 200)
	b.noHorizontalScroll("/console/casework/outcomes")
	b.do("attach the file", chromedp.SetUploadFiles(`#f-file`, []string{file}))
	b.submit("/console/casework/outcomes/insurance", 200, "/console/casework/outcomes/insurance")
	if body := b.bodyText(); !strings.Contains(body, "读取 1 行，写入 1 条就业记录，0 行有误未导入") {
		t.Fatalf("upload result:\n%.800s", body)
	}
	b.noHorizontalScroll("upload result")
	b.shot("insurance-result")

	// 7. The referral cohort by agent: served seven months ago, placed
	// within 3 and 6 months, 12 months not yet elapsed.
	b.open("/console/casework/outcomes", 200)
	b.do("kind 推荐就业", chromedp.SetValue(chromedp.CSS("#f-kind"), string(casework.KindReferral)))
	b.do("group by agent", chromedp.SetValue(chromedp.CSS("#f-group_by"), string(casework.ByAgent)))
	b.load("统计", 200, "/console/casework/outcomes", press(`form[action="/console/casework/outcomes"] button[type=submit]`))
	cells := eval[[][]string](b, `Array.from(document.querySelectorAll("table.cohorts tbody tr"), tr => Array.from(tr.cells, c => c.innerText.replace(/\s+/g, " ").trim()))`)
	days := int(first.Sub(callDay).Hours() / 24)
	if len(cells) != 1 || len(cells[0]) != 7 {
		t.Fatalf("report rows %q, want one row (the agent)", cells)
	}
	row := cells[0]
	// 话务员, 服务人数, 3, 6, 12 个月就业率, 就业天数中位数, 常见工资区间
	if !strings.HasPrefix(row[0], "话务员李") || row[1] != "1" || !strings.HasPrefix(row[2], "100.0%") || !strings.HasSuffix(row[2], "1/1 人") ||
		!strings.HasPrefix(row[3], "100.0%") || !strings.HasSuffix(row[3], "1/1 人") || row[4] != "未满 12 个月" || row[5] != fmt.Sprintf("%d 天", days) {
		t.Fatalf("report row %q: want 话务员李, 1 served, placed at 3 and 6 months (1/1), 12 months not elapsed, %d days to work", row, days)
	}
	b.noHorizontalScroll("report")
	b.shot("cohort-report")

	// The same through the API with the session: the call-centre cohort
	// (from the logged call) counts her as placed too.
	raw := run(b, "cohorts API", chromedp.Evaluate[string](`fetch("/api/v1/outcomes/cohorts?kind=callcentre&group_by=topic").then(r => r.text().then(t => r.status + " " + t))`, chromedp.EvalAwaitPromise))
	status, body, _ := strings.Cut(raw, " ")
	var rep struct {
		Total struct {
			N         int `json:"n"`
			Employed  int `json:"employed"`
			Placement []struct {
				Months   int `json:"months"`
				Eligible int `json:"eligible"`
				Placed   int `json:"placed"`
			} `json:"placement"`
		} `json:"total"`
		Rows []struct {
			Key   string `json:"key"`
			Label string `json:"label"`
			N     int    `json:"n"`
		} `json:"rows"`
	}
	if status != "200" || json.Unmarshal([]byte(body), &rep) != nil {
		t.Fatalf("GET /api/v1/outcomes/cohorts: %s %.400s", status, body)
	}
	tot := rep.Total
	if tot.N != 1 || tot.Employed != 1 || len(tot.Placement) != 3 || tot.Placement[0].Placed != 1 || tot.Placement[0].Eligible != 1 ||
		tot.Placement[2].Eligible != 0 || len(rep.Rows) != 1 || rep.Rows[0].Label != "简历诊断" {
		t.Fatalf("call-centre cohort: %s", body)
	}

	// The 12-month check is not due yet, but the person can tell the call
	// centre her news any time from the questionnaire page.
	b.logout()
	b.login(callerPhone, staffPassword, "/me")
	b.open("/me/employment", 200)
	b.do("pick 已就业", chromedp.Click(chromedp.CSS(`input[name=status][value=employed]`)))
	b.typeInto("f-employer", entName)
	b.noHorizontalScroll("/me/employment")
	b.submit("/me/employment", 200, "/me/employment")
	if f := b.text("p.flash"); !strings.Contains(f, "谢谢您的答复") {
		t.Fatalf("after answering: flash %q", f)
	}
	outs, err := db.Casework().Outcomes(ctx, personID)
	if err != nil || !slices.ContainsFunc(outs, func(o casework.Outcome) bool { return o.Source == casework.SourceSelf && o.Employer == entName }) {
		t.Fatalf("the person's answer is not an outcome of hers: %+v %v", outs, err)
	}
}
