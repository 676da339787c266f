package e2e

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
)

// TestFairJourney: a labour station's fair on a phone. An employer
// applies for a booth and staff approve it at B3 on the map; a seeker
// pre-registers, naming the station that brought her (another than the
// fair's own); on the day she opens the booth's QR address and sends her
// resume; the employer hires her on the job board and records the booth's
// results; the fair's results page and the station's page count her for
// her station: brought 1, hired 1. On the way staff's publish form shows
// its station picker only for a station's activity, and staff find a
// worker by name on the roster and sign her up for the fair's station. Every page passes
// axe-core and fits the phone's width.
func TestFairJourney(t *testing.T) {
	forEachStore(t, "fair-journey", runFairJourney)
}

func runFairJourney(t *testing.T, db *store.DB, exe, shots string) {
	ctx := context.Background()
	var ahead time.Duration
	db.SetClock(func() time.Time { return time.Now().Add(ahead) })
	a, ts := newSite(t, db)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 23))
	user := func(role, name string) (string, app.Actor) {
		phone := registry.GeneratePhone(rng)
		u, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: role, Name: name, Phone: phone, Password: staffPassword}, true)
		if err != nil {
			t.Fatal(err)
		}
		return phone, app.Actor{User: u}
	}
	staffPhone, staff := user("staff", "人社局王")
	_, reviewer := user("reviewer", "审核员周")
	xianfeng, err := a.Stations.Create(ctx, staff, app.StationInput{Name: "咸丰县劳务工作站", Kind: "station", Region: "湖北省恩施州咸丰县",
		ContactName: "向站长", ContactPhone: "0718-6832100"})
	if err != nil {
		t.Fatal(err)
	}
	enshi, err := a.Stations.Create(ctx, staff, app.StationInput{Name: "恩施市劳务工作站", Kind: "station", Region: "湖北省恩施州恩施市",
		ContactName: "谭站长", ContactPhone: "0718-8221234"})
	if err != nil {
		t.Fatal(err)
	}
	// The employer, verified, with a post on the board.
	empPhone := registry.GeneratePhone(rng)
	emp, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "李经理", Phone: empPhone, Password: staffPassword,
		Enterprise: &app.EnterpriseInput{Name: "武汉临空港物流有限公司", USCC: registry.GenerateUSCC(rng, "420112"), IndustryCode: "54", RegionCode: "420112"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Registry.VerifyEnterprise(ctx, staff, emp.EnterpriseID, true); err != nil {
		t.Fatal(err)
	}
	post, err := a.Jobs.CreatePost(ctx, app.Actor{User: emp}, app.PostInput{Title: "仓管员（包住宿）", OccupationCode: "4-02-06-01",
		Description: "负责仓库收发货和盘点，提供员工宿舍。", Headcount: 5, SalaryMin: 4500, SalaryMax: 6500, RegionCode: "420112001", Address: "东西湖区吴家山"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.ReviewPost(ctx, reviewer, post.ID, app.ReviewInput{Action: "approve"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.CatchUpJobs(ctx); err != nil {
		t.Fatal(err)
	}
	// The seeker, with a resume.
	seekerPhone := registry.GeneratePhone(rng)
	seeker, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "谭春梅", Phone: seekerPhone, Password: staffPassword,
		IDNumber: registry.GenerateIDNumber(rng, "422801", time.Date(1996, 8, 12, 0, 0, 0, 0, time.UTC), false)})
	if err != nil {
		t.Fatal(err)
	}
	var r resume.Resume
	raw, _ := json.Marshal(map[string]any{
		"intentions": []map[string]any{{"occupation_codes": []string{"4-02-06-01"}, "region_codes": []string{"420112001"},
			"salary_min": 4500, "salary_max": 6500, "full_time": true}},
		"work":   []map[string]any{{"employer": "恩施州某超市", "title": "理货员", "from": "2018-03", "to": "至今", "description": "负责上货、盘点。"}},
		"skills": []string{"盘点", "叉车"}})
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Resumes.SaveResume(ctx, app.Actor{User: seeker}, seeker.PersonID, r); err != nil {
		t.Fatal(err)
	}
	// A worker without a phone of her own, whom staff will sign up.
	walkIn, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "向秀兰", Phone: registry.GeneratePhone(rng),
		Password: staffPassword, IDNumber: registry.GenerateIDNumber(rng, "422826", time.Date(1990, 2, 3, 0, 0, 0, 0, time.UTC), false)})
	if err != nil {
		t.Fatal(err)
	}
	// The labour station's fair, in three days at 09:00.
	now := time.Now()
	day := chinatime.Today(now).AddDate(0, 0, 3)
	start := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, chinatime.Zone)
	fair, err := a.Activities.Publish(ctx, staff, app.ActivityInput{Kind: "labour", Title: "咸丰县劳务工作站·东西湖区企业专场对接会",
		Description: "区内物流、制造企业现场招聘，介绍岗位、住宿和交通补贴；到场扫展位二维码即可投递简历。", Organiser: "station",
		StationID: xianfeng.ID, RegionCode: "420112001", Capacity: 200, Allocation: "first_come",
		OpensAt:  now.Add(-time.Minute).In(chinatime.Zone).Format("2006-01-02 15:04"),
		ClosesAt: start.Add(-time.Hour).Format("2006-01-02 15:04"),
		Sessions: []app.ActivitySessionInput{{Date: day.Format(time.DateOnly), Start: "09:00", End: "12:00", Place: "东西湖区人力资源市场"}}})
	if err != nil {
		t.Fatal(err)
	}
	if fair.OrgName != xianfeng.Name || fair.StationID != xianfeng.ID {
		t.Fatalf("the fair's organiser: %q %d", fair.OrgName, fair.StationID)
	}
	fairPath := "/fairs/" + itoa(fair.ID)

	b := newBrowser(t, exe, ts.URL, shots)

	// The employer applies for a booth.
	b.login(empPhone, staffPassword, "/enterprise")
	b.open(fairPath, 200)
	b.submit(fairPath+"/booths", 200, fairPath)
	if got := b.bodyText(); !strings.Contains(got, "展位申请已提交") || !strings.Contains(got, "待审核") {
		t.Fatalf("after applying: %s", got)
	}
	b.noHorizontalScroll(fairPath)
	b.logout()
	booths, err := db.Fairs().Booths(ctx, fair.ID)
	if err != nil || len(booths) != 1 {
		t.Fatalf("booths: %v %v", booths, err)
	}
	booth := booths[0]
	boothPath := fairPath + "/booths/" + itoa(booth.ID)

	// Staff approve it at B3; their publish form shows the station picker
	// only for a station's activity.
	b.login(staffPhone, staffPassword, "/console")
	b.open(fairPath, 200)
	b.do("row B", chromedp.SetValue(chromedp.CSS("#row-"+itoa(booth.ID)), "2"))
	b.typeInto("col-"+itoa(booth.ID), "3")
	b.submit("/console/fairs/"+itoa(fair.ID)+"/booths/"+itoa(booth.ID)+"/decision", 200, fairPath)
	if got := b.bodyText(); !strings.Contains(got, "已通过") || !strings.Contains(got, "展位 B3 · 武汉临空港物流有限公司") {
		t.Fatalf("after approving: %s", got)
	}
	b.shot("booth-approved")
	b.open("/console/activities/new", 200)
	if eval[bool](b, `!document.querySelector("[data-show-for]").hidden`) {
		t.Fatal("the station picker shows for the youth league's activity")
	}
	b.do("organiser: a labour station", chromedp.SetValue(chromedp.CSS("#f-organiser"), "station"))
	eval[bool](b, `document.querySelector("#f-organiser").dispatchEvent(new Event("change"))`)
	if eval[bool](b, `document.querySelector("[data-show-for]").hidden`) {
		t.Fatal("the station picker is hidden for a labour station's activity")
	}
	b.noHorizontalScroll("/console/activities/new")
	// A worker the labour station brought, without a phone: staff find her
	// by name on the roster and sign her up on her behalf.
	rosterPath := "/console/activities/" + itoa(fair.ID) + "/roster"
	b.open(rosterPath, 200)
	b.typeInto("f-q", "向秀")
	b.load("find her", 200, rosterPath, press(`form[action="`+rosterPath+`"][method="get"] button[type=submit]`))
	if got := b.value("f-st-" + itoa(walkIn.PersonID)); got != itoa(xianfeng.ID) {
		t.Fatalf("the picker for her starts at %q, want the fair's station", got)
	}
	b.load("sign her up", 200, rosterPath, press(`form[action="`+rosterPath+`"][method="post"] button[type=submit]`))
	if got := b.bodyText(); !strings.Contains(got, "已代为报名") || !strings.Contains(got, "向秀兰") {
		t.Fatalf("after signing her up: %s", got)
	}
	b.noHorizontalScroll(rosterPath)
	b.logout()

	// The seeker pre-registers, naming the station that brought her.
	actPath := "/activities/" + itoa(fair.ID)
	b.login(seekerPhone, staffPassword, "/me")
	b.open(actPath, 200)
	if got := b.value("f-station_id"); got != itoa(xianfeng.ID) {
		t.Fatalf("the station picker starts at %q, want the fair's own station %d", got, xianfeng.ID)
	}
	b.do("pick 恩施市劳务工作站", chromedp.SetValue(chromedp.CSS("#f-station_id"), itoa(enshi.ID)))
	b.submit(actPath+"/signup", 200, actPath)
	if got := b.bodyText(); !strings.Contains(got, "报名成功") || !strings.Contains(got, "由恩施市劳务工作站组织参会") {
		t.Fatalf("after pre-registering: %s", got)
	}
	b.noHorizontalScroll(actPath)
	b.shot("pre-registered")
	b.logout()

	// The fair is on: she opens the booth's QR address and sends her resume.
	ahead = start.Sub(now) + 30*time.Minute
	b.login(seekerPhone, staffPassword, "/me")
	scanPath := boothPath + "/scan"
	b.open(scanPath, 200)
	b.do("pick the post", chromedp.Click(chromedp.CSS(`input[name=post_id][value="`+itoa(post.ID)+`"]`)))
	b.submit(scanPath, 200, scanPath)
	if got := b.bodyText(); !strings.Contains(got, "简历已发送") {
		t.Fatalf("after scanning: %s", got)
	}
	b.noHorizontalScroll(scanPath)
	b.shot("resume-sent")
	b.logout()
	apps, err := db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PersonID: seeker.PersonID, PostID: post.ID, Limit: 1})
	if err != nil || len(apps) != 1 || apps[0].FairID != fair.ID || apps[0].StationID != enshi.ID {
		t.Fatalf("the application sent at the booth: %+v %v", apps, err)
	}

	// The employer hires her on the job board and records the booth's results.
	appPath := "/enterprise/job-applications/" + itoa(apps[0].ID)
	b.login(empPhone, staffPassword, "/enterprise")
	b.open(appPath, 200)
	if got := b.bodyText(); !strings.Contains(got, "招聘会现场投递") {
		t.Fatalf("application page: %s", got)
	}
	b.load("invite to interview", 200, appPath, press(`button[name=status][value="`+string(jobs.AppInterview)+`"]`))
	b.load("hire", 200, appPath, press(`button[name=status][value="`+string(jobs.AppHired)+`"]`))
	if got := b.bodyText(); !strings.Contains(got, "已录用") {
		t.Fatalf("after hiring: %s", got)
	}
	b.open(boothPath, 200)
	b.typeInto("f-intentions", "2")
	b.typeInto("f-hires", "1")
	b.submit(boothPath+"/results", 200, boothPath)
	if got := b.bodyText(); !strings.Contains(got, "招聘结果已登记") {
		t.Fatalf("after recording: %s", got)
	}
	b.noHorizontalScroll(boothPath)
	b.logout()

	// The results: her station brought her and she was hired.
	b.login(staffPhone, staffPassword, "/console")
	b.open(fairPath, 200)
	row := eval[string](b, `(() => {
		for (const tr of document.querySelectorAll("table.list tbody tr")) {
			if (tr.textContent.includes("恩施市劳务工作站")) return tr.innerText.replace(/\s+/g, " ");
		}
		return "";
	})()`)
	if !strings.Contains(row, "恩施市劳务工作站 1 人 1 份 1 人") { // brought, resumes, hired
		t.Fatalf("the fair's row for 恩施市劳务工作站: %q\n%s", row, b.bodyText())
	}
	own := eval[string](b, `(() => {
		for (const tr of document.querySelectorAll("table.list tbody tr")) {
			if (tr.textContent.includes("咸丰县劳务工作站")) return tr.innerText.replace(/\s+/g, " ");
		}
		return "";
	})()`)
	if !strings.Contains(own, "咸丰县劳务工作站 1 人 0 份 0 人") { // brought, resumes, hired
		t.Fatalf("the fair's row for 咸丰县劳务工作站 (the walk-in it brought, not hired): %q", own)
	}
	b.noHorizontalScroll(fairPath)
	b.shot("fair-results")
	b.open("/stations/"+itoa(enshi.ID), 200)
	if got := b.bodyText(); !strings.Contains(got, "带来 1 人，录用 1 人") || !strings.Contains(got, "咸丰县劳务工作站·东西湖区企业专场对接会") {
		t.Fatalf("the station's page: %s", got)
	}
	b.noHorizontalScroll("/stations/" + itoa(enshi.ID))
	b.shot("station")
	b.open(rosterPath, 200)
	if got := b.bodyText(); !strings.Contains(got, "谭春梅") || !strings.Contains(got, "恩施市劳务工作站") {
		t.Fatalf("roster: %s", got)
	}
	b.noHorizontalScroll(rosterPath)
}
