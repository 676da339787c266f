package server_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/store"
)

// goodResume is a valid resume body for the person of the fixture: a job
// intention far above the warehouse market the tests build, two jobs with
// a gap of 18 months, no skills.
func goodResume() map[string]any {
	return map[string]any{
		"intentions": []map[string]any{{"occupation_codes": []string{"4-02-06-01"}, "region_codes": []string{"420112001"},
			"salary_min": 20000, "salary_max": 25000, "full_time": true}},
		"education": []map[string]any{{"school": "武汉市东西湖职业技术学校", "major": "物流管理", "level": "中专",
			"from": "2008-09", "to": "2011-07", "full_time": true}},
		"work": []map[string]any{
			{"employer": "武汉临空港物流有限公司", "title": "仓管员", "from": "2012.3", "to": "2015年6月",
				"description": "负责仓库收发货、盘点和库存台账，使用 WMS 系统和手持终端。"},
			{"employer": "武汉金银湖食品有限公司", "title": "仓库主管", "from": "2017-01", "to": "至今",
				"description": "管理 12 人的仓储班组，负责排班、出入库计划和安全检查。"},
		},
		"self_description": "八年仓储物流经验，熟悉叉车和 WMS 系统，希望在东西湖区找一份仓库管理工作。",
		"discoverable":     true,
	}
}

// marketPosts stores n published posts of 仓库管理员 in 东西湖区 paying
// 4000–6000 (midpoint 5000) for employer's enterprise, without review.
func marketPosts(t *testing.T, f *fixture, n int) {
	t.Helper()
	ctx := context.Background()
	now := f.db.Now()
	var posts []*jobs.Post
	for i := range n {
		posts = append(posts, &jobs.Post{EnterpriseID: f.users["employer"].User.EnterpriseID, Title: "仓管员 " + strconv.Itoa(i),
			OccupationCode: "4-02-06-01", Description: "仓库收发货和盘点，长白班。", Headcount: 1, SalaryMin: 4000, SalaryMax: 6000,
			Education: "不限", RegionCode: "420112001", Address: "吴家山", ExpiresOn: jobs.Today(now).AddDate(0, 0, 30),
			Status: jobs.Published, PublishedAt: now})
	}
	if err := f.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertPosts(ctx, posts) }); err != nil {
		t.Fatal(err)
	}
}

func findingCodes(t *testing.T, m map[string]any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	list, ok := m["findings"].([]any)
	if !ok {
		t.Fatalf("no findings list: %v", m)
	}
	for _, x := range list {
		f := x.(map[string]any)
		if _, seen := out[f["code"].(string)]; !seen {
			out[f["code"].(string)] = f
		}
	}
	return out
}

func lastAudit(t *testing.T, db *store.DB, action string) audit.Entry {
	t.Helper()
	rows, err := db.ListAudit(context.Background(), audit.Filter{Action: action, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no %s audit entry (%v)", action, err)
	}
	return rows[0]
}

func TestResumeAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		pid := strconv.FormatInt(f.users["person"].User.PersonID, 10)

		rec := f.do("GET", "/api/v1/me/resume", person, nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"work":[]`) {
			t.Fatalf("empty resume: %d %s", rec.Code, rec.Body)
		}

		rec = f.do("PUT", "/api/v1/me/resume", person, goodResume())
		if rec.Code != 200 {
			t.Fatalf("save: %d %s", rec.Code, rec.Body)
		}
		saved := decode(t, rec)
		work := saved["work"].([]any)
		if w0 := work[0].(map[string]any); w0["from"] != "2017-01" || w0["to"] != "" {
			t.Errorf("work not normalised newest first: %v", work)
		}
		if w1 := work[1].(map[string]any); w1["from"] != "2012-03" || w1["to"] != "2015-06" {
			t.Errorf("dates not normalised: %v", w1)
		}
		if auditCount(t, db, "resume.update", "ok") != 1 {
			t.Errorf("save not audited")
		}
		rec = f.do("GET", "/api/v1/persons/"+pid+"/resume", person, nil)
		if rec.Code != 200 || decode(t, rec)["self_description"] == "" {
			t.Errorf("own resume by id: %d %s", rec.Code, rec.Body)
		}

		// Bad input: 422 with the paths of the normalised resume.
		bad := goodResume()
		bad["intentions"] = []map[string]any{{"occupation_codes": []string{"9-99-99-99"}, "salary_min": 9000, "salary_max": 5000, "full_time": true}}
		bad["work"] = []map[string]any{{"employer": "某公司", "title": "普工", "from": "2019-05", "to": "2018-01"}}
		rec = f.do("PUT", "/api/v1/me/resume", person, bad)
		if rec.Code != 422 {
			t.Fatalf("bad resume: %d %s", rec.Code, rec.Body)
		}
		for _, field := range []string{"intentions[0].occupation_codes", "intentions[0].salary_max", "work[0].to"} {
			if errField(t, rec, field) == "" {
				t.Errorf("no error for %s: %s", field, rec.Body)
			}
		}
		if rec := f.do("PUT", "/api/v1/me/resume", person, `{"skills":["a"],"unknown":1}`); rec.Code != 400 {
			t.Errorf("unknown field: %d", rec.Code)
		}

		// Diagnosis: concrete findings; no market yet.
		rec = f.do("GET", "/api/v1/me/resume/diagnosis", person, nil)
		if rec.Code != 200 {
			t.Fatalf("diagnosis: %d %s", rec.Code, rec.Body)
		}
		d := decode(t, rec)
		codes := findingCodes(t, d)
		if codes["no_skills"] == nil || codes["no_skills"]["fix_href"] != "/me/resume#skills" {
			t.Errorf("no_skills finding missing or unlinked: %v", codes["no_skills"])
		}
		if g := codes["work_gap"]; g == nil || !strings.Contains(g["message"].(string), "18 个月") || g["fix_href"] != "/me/resume#work-0" {
			t.Errorf("work gap finding: %v", g)
		}
		if codes["salary_high"] != nil {
			t.Errorf("salary finding without a market: %v", codes["salary_high"])
		}
		if score := d["score"].(float64); score >= 100 || score <= 0 {
			t.Errorf("score %v", score)
		}

		// Nine posts are too few; the tenth makes a market (cache: a minute).
		marketPosts(t, f, 9)
		later := jobsDay.Add(2 * time.Minute)
		db.SetClock(func() time.Time { return later })
		if codes := findingCodes(t, decode(t, f.do("GET", "/api/v1/me/resume/diagnosis", person, nil))); codes["salary_high"] != nil {
			t.Errorf("salary finding from 9 posts: %v", codes["salary_high"])
		}
		// That request found the table stale and rebuilt it in the
		// background; wait for the 9-post table before the tenth post.
		for i := 0; ; i++ {
			if m, ok := f.app.Resumes.ResumeMarket(context.Background(), "4-02-06-01", "420112001"); ok && m.N == 9 {
				break
			}
			if i == 500 {
				t.Fatal("the market table was not rebuilt with 9 posts")
			}
			time.Sleep(10 * time.Millisecond)
		}
		marketPosts(t, f, 1)
		later = later.Add(30 * time.Second)
		if codes := findingCodes(t, decode(t, f.do("GET", "/api/v1/me/resume/diagnosis", person, nil))); codes["salary_high"] != nil {
			t.Errorf("market not cached for a minute")
		}
		// A stale table is rebuilt in the background: requests meanwhile
		// keep the old one, the next ones read the new one.
		later = later.Add(2 * time.Minute)
		for range 200 {
			codes = findingCodes(t, decode(t, f.do("GET", "/api/v1/me/resume/diagnosis", person, nil)))
			if codes["salary_high"] != nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		if h := codes["salary_high"]; h == nil || !strings.Contains(h["message"].(string), "5000") || !strings.Contains(h["message"].(string), "东西湖区") {
			t.Errorf("salary finding with 10 posts: %v", h)
		}

		// Staff 代办: audited with the staff member as actor and a before/after summary.
		staff := f.token("staff")
		body := goodResume()
		body["skills"] = []string{"叉车驾驶、WMS"}
		rec = f.do("PUT", "/api/v1/persons/"+pid+"/resume", staff, body)
		if rec.Code != 200 || len(decode(t, rec)["skills"].([]any)) != 2 {
			t.Fatalf("staff save: %d %s", rec.Code, rec.Body)
		}
		e := lastAudit(t, db, "resume.update")
		if e.ActorID != f.users["staff"].User.ID || e.ObjectID != pid || !strings.Contains(e.Summary, "代办") || !strings.Contains(e.Summary, "技能: 0 → 2") {
			t.Errorf("代办 audit: %+v", e)
		}
		rec = f.do("GET", "/api/v1/persons/"+pid+"/resume/diagnosis", staff, nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"fix_href":"/console/persons/`+pid+`/resume#`) {
			t.Errorf("staff diagnosis links: %d %s", rec.Code, rec.Body)
		}

		// Reviewers read (audited) but do not edit.
		reviewer := f.token("reviewer")
		if rec := f.do("GET", "/api/v1/persons/"+pid+"/resume", reviewer, nil); rec.Code != 200 {
			t.Errorf("reviewer view: %d", rec.Code)
		}
		if e := lastAudit(t, db, "resume.view"); e.ActorID != f.users["reviewer"].User.ID || e.ObjectID != pid {
			t.Errorf("reviewer view audit: %+v", e)
		}
		if rec := f.do("PUT", "/api/v1/persons/"+pid+"/resume", reviewer, body); rec.Code != 403 {
			t.Errorf("reviewer edit: %d", rec.Code)
		}

		// Another person and employers: 404 as for no person (403 on the
		// route that is not for their role), audited.
		denied := auditCount(t, db, "access.denied", "denied")
		if rec := f.do("GET", "/api/v1/persons/"+pid+"/resume", f.token("person2"), nil); rec.Code != 404 {
			t.Errorf("person2 view: %d", rec.Code)
		}
		if e := lastAudit(t, db, "access.denied"); e.ActorID != f.users["person2"].User.ID || e.ObjectType != "resume" || e.ObjectID != pid {
			t.Errorf("person2 denial audit: %+v", e)
		}
		if rec := f.do("PUT", "/api/v1/persons/"+pid+"/resume", f.token("person2"), body); rec.Code != 404 {
			t.Errorf("person2 edit: %d", rec.Code)
		}
		employer := f.token("employer")
		for path, want := range map[string]int{"/api/v1/persons/" + pid + "/resume": 404, "/api/v1/persons/" + pid + "/resume/diagnosis": 404, "/api/v1/me/resume": 403} {
			if rec := f.do("GET", path, employer, nil); rec.Code != want {
				t.Errorf("employer %s: %d, want %d", path, rec.Code, want)
			}
		}
		if got := auditCount(t, db, "access.denied", "denied"); got < denied+4 {
			t.Errorf("denials audited: %d → %d", denied, got)
		}
		if rec := f.do("GET", "/api/v1/persons/999999/resume", staff, nil); rec.Code != 404 {
			t.Errorf("unknown person: %d", rec.Code)
		}
	})
}

// resumeForm is a filled web form of one intention, one work row and one
// education row.
func resumeWebForm() url.Values {
	v := url.Values{}
	v.Set("intentions_n", "1")
	v.Set("education_n", "1")
	v.Set("work_n", "1")
	v.Set("certificates_n", "0")
	v.Set("intentions[0].occupation_codes", "4-02-06-01")
	v.Set("intentions[0].region_codes", "420112")
	v.Set("intentions[0].salary_min", "5000")
	v.Set("intentions[0].salary_max", "7000")
	v.Set("intentions[0].full_time", "true")
	v.Set("education[0].school", "武汉市第一职业教育中心")
	v.Set("education[0].level", "中专")
	v.Set("education[0].from", "2010-09")
	v.Set("education[0].to", "2013-07")
	v.Set("education[0].full_time", "true")
	v.Set("work[0].employer", "武汉临空港物流有限公司")
	v.Set("work[0].title", "仓管员")
	v.Set("work[0].from", "2013-08")
	v.Set("work[0].current", "true")
	v.Set("work[0].description", "负责仓库收发货、盘点和库存台账，使用手持终端。")
	v.Set("skills", "叉车驾驶、Excel，仓库盘点")
	v.Set("self_description", "<script>alert(1)</script>十年仓储经验，熟悉叉车，希望在东西湖区找仓库管理工作。")
	v.Set("discoverable", "true")
	v.Set("op", "save")
	return v
}

func TestResumeWeb(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		pid := strconv.FormatInt(f.users["person"].User.PersonID, 10)

		rec := f.page("/me/resume", person)
		body := rec.Body.String()
		for _, want := range []string{`id="intentions"`, `id="intention-0"`, `id="education"`, `id="work"`, `id="work-0"`, `id="skills"`,
			`id="self-description"`, `id="discoverable"`, `name="work[0].from"`} {
			if !strings.Contains(body, want) {
				t.Errorf("form lacks %s", want)
			}
		}
		if rec.Code != 200 {
			t.Fatalf("form: %d", rec.Code)
		}

		// Adding a row without JavaScript keeps what was typed.
		v := resumeWebForm()
		v.Set("op", "add-work")
		rec = f.form("/me/resume", person, v)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="work-1"`) || !strings.Contains(rec.Body.String(), "武汉临空港物流有限公司") {
			t.Fatalf("add row: %d %s", rec.Code, rec.Body)
		}
		if n := auditCount(t, db, "resume.update", ""); n != 0 {
			t.Errorf("adding a row saved the resume")
		}

		// A 422 re-renders with the values and the messages.
		v = resumeWebForm()
		v.Set("intentions[0].salary_min", "9000")
		v.Set("intentions[0].salary_max", "5000")
		v.Set("work[0].from", "2019-05")
		v.Set("work[0].to", "2018-01")
		v.Del("work[0].current")
		rec = f.form("/me/resume", person, v)
		body = rec.Body.String()
		if rec.Code != 422 {
			t.Fatalf("bad form: %d", rec.Code)
		}
		for _, want := range []string{"最高期望月薪不能低于最低期望月薪", "结束时间不能早于开始时间", `value="2019-05"`, `value="9000"`,
			"武汉临空港物流有限公司", "叉车驾驶"} {
			if !strings.Contains(body, want) {
				t.Errorf("422 page lacks %q", want)
			}
		}
		v.Set("intentions[0].salary_max", "abc")
		if rec := f.form("/me/resume", person, v); rec.Code != 422 || !strings.Contains(rec.Body.String(), "请填写整数金额") {
			t.Errorf("non-numeric salary: %d", rec.Code)
		}

		// Saving works and the page shows what was saved.
		rec = f.form("/me/resume", person, resumeWebForm())
		if rec.Code != 303 || rec.Header().Get("Location") != "/me/resume?saved=1" {
			t.Fatalf("save: %d %s", rec.Code, rec.Body)
		}
		body = f.page("/me/resume?saved=1", person).Body.String()
		if !strings.Contains(body, "简历已保存") || !strings.Contains(body, "叉车驾驶、Excel、仓库盘点") || !strings.Contains(body, "仓储管理员") {
			t.Errorf("saved form does not show the resume")
		}

		rec = f.page("/me/resume/diagnosis", person)
		body = rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, `class="num"`) || !strings.Contains(body, "亮点") || !strings.Contains(body, "求职意向明确") {
			t.Errorf("diagnosis page: %d %s", rec.Code, body)
		}

		rec = f.page("/me/resume/print", person)
		body = rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "王小明") || !strings.Contains(body, "武汉临空港物流有限公司") || strings.Contains(body, `class="bottom"`) ||
			!strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("print page: %d %s", rec.Code, body)
		}

		if body := f.page("/me", person).Body.String(); !strings.Contains(body, `href="/me/resume"`) || !strings.Contains(body, `href="/me/resume/diagnosis"`) {
			t.Errorf("me page lacks resume links")
		}

		// Staff: view (audited), 代办 edit, diagnosis linking to the console.
		staff := f.token("staff")
		base := "/console/persons/" + pid
		if body := f.page(base, staff).Body.String(); !strings.Contains(body, base+"/resume") || !strings.Contains(body, base+"/resume/diagnosis") {
			t.Errorf("person page lacks resume links")
		}
		body = f.page(base+"/resume", staff).Body.String()
		if !strings.Contains(body, "代办") || !strings.Contains(body, "武汉临空港物流有限公司") {
			t.Errorf("staff resume page")
		}
		v = resumeWebForm()
		v.Set("skills", "叉车驾驶")
		rec = f.form(base+"/resume", staff, v)
		if rec.Code != 303 || rec.Header().Get("Location") != base+"/resume?saved=1" {
			t.Fatalf("staff save: %d %s", rec.Code, rec.Body)
		}
		if e := lastAudit(t, db, "resume.update"); e.ActorID != f.users["staff"].User.ID || !strings.Contains(e.Summary, "代办") {
			t.Errorf("staff save audit: %+v", e)
		}
		if body := f.page("/me/resume", person).Body.String(); !strings.Contains(body, "由经办人员代办") {
			t.Errorf("person not told of the 代办 edit")
		}
		if body := f.page(base+"/resume/diagnosis", staff).Body.String(); !strings.Contains(body, `href="`+base+`/resume#`) {
			t.Errorf("staff diagnosis links")
		}
		if rec := f.page(base+"/resume/print", staff); rec.Code != 200 {
			t.Errorf("staff print: %d", rec.Code)
		}
		if rec := f.form(base+"/resume", f.token("reviewer"), v); rec.Code != 403 {
			t.Errorf("reviewer save: %d", rec.Code)
		}
		if rec := f.page(base+"/resume", f.token("reviewer")); rec.Code != 200 || strings.Contains(rec.Body.String(), `name="work[0].from"`) {
			t.Errorf("reviewer sees an edit form: %d", rec.Code)
		}
	})
}
