package server_test

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/match"
	"github.com/jiuye/jiuye/internal/store"
)

// home is where the tests' job seeker lives (to 0.001°, as stored).
const homeLat, homeLng = 30.600, 114.100

// kmText is how a reason writes the distance between two points.
func kmText(lat1, lng1, lat2, lng2 float64) string {
	km := match.HaversineKm(lat1, lng1, lat2, lng2)
	return "距离 " + strconv.FormatFloat(math.Round(km*10)/10, 'f', 1, 64) + " 公里"
}

// geoPost stores one published 仓库管理员 post of employer in 吴家山街 at
// (lat, lng), or without a position when lat is 0, and returns its id.
func geoPost(t *testing.T, f *fixture, title string, lat, lng float64) int64 {
	t.Helper()
	ctx := context.Background()
	now := f.db.Now()
	p := &jobs.Post{EnterpriseID: f.users["employer"].User.EnterpriseID, Title: title, OccupationCode: "4-02-06-01",
		Description: "仓库收发货和盘点，长白班。", Headcount: 1, SalaryMin: 4000, SalaryMax: 6000, Education: "不限",
		RegionCode: "420112001", Address: "吴家山", ExpiresOn: jobs.Today(now).AddDate(0, 0, 30), Status: jobs.Published, PublishedAt: now}
	if lat != 0 {
		p.Lat, p.Lng, p.HasGeo = lat, lng, true
	}
	if err := f.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertPosts(ctx, []*jobs.Post{p}) }); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// TestResumeLocationAPI: a location is both coordinates or neither, inside
// China and numeric — else 422 naming the field and nothing saved; it is
// kept to 0.001°, audited without the position, and staff may set it (代办).
func TestResumeLocationAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		with := func(edit func(m map[string]any)) map[string]any {
			m := warehouseResume(true)
			edit(m)
			return m
		}
		bad := []struct {
			name  string
			body  any
			field string
			msg   string
		}{
			{"lat without lng", with(func(m map[string]any) { m["lat"] = 30.6 }), "lng", "请同时填写纬度和经度"},
			{"lng without lat", with(func(m map[string]any) { m["lng"] = 114.1; m["lat"] = nil }), "lat", "请同时填写纬度和经度"},
			{"lat out of China", with(func(m map[string]any) { m["lat"], m["lng"] = 60.0, 114.1 }), "lat", "纬度应在 3–54 之间"},
			{"lng out of China", with(func(m map[string]any) { m["lat"], m["lng"] = 30.6, 200.0 }), "lng", "经度应在 73–136 之间"},
			{"lat not a number", `{"intentions":[],"lat":"30.6","lng":114.1}`, "lat", "类型错误"},
			{"lng not a number", `{"intentions":[],"lat":30.6,"lng":true}`, "lng", "类型错误"},
		}
		for _, c := range bad {
			rec := f.do("PUT", "/api/v1/me/resume", person, c.body)
			if msg := errField(t, rec, c.field); rec.Code != 422 || !strings.Contains(msg, c.msg) {
				t.Errorf("%s: %d, %s = %q; want 422 with %q (%s)", c.name, rec.Code, c.field, msg, c.msg, rec.Body)
			}
		}
		if n := auditCount(t, db, "resume.update", ""); n != 0 {
			t.Fatalf("refused bodies saved %d times", n)
		}
		if m := decode(t, f.do("GET", "/api/v1/me/resume", person, nil)); m["lat"] != nil || m["lng"] != nil || len(m["intentions"].([]any)) != 0 {
			t.Fatalf("resume after refusals: %v", m)
		}

		rec := f.do("PUT", "/api/v1/me/resume", person, with(func(m map[string]any) { m["lat"], m["lng"] = 30.62349, 114.14051 }))
		if m := decode(t, rec); rec.Code != 200 || m["lat"] != 30.623 || m["lng"] != 114.141 {
			t.Fatalf("save with location: %d %s", rec.Code, rec.Body)
		}
		if m := decode(t, f.do("GET", "/api/v1/me/resume", person, nil)); m["lat"] != 30.623 || m["lng"] != 114.141 {
			t.Fatalf("stored location: %v %v", m["lat"], m["lng"])
		}
		e := lastAudit(t, db, "resume.update")
		if !strings.Contains(e.Summary, "期望工作位置: 未填 → 已填") || strings.Contains(e.Summary, "30.6") || strings.Contains(e.Summary, "114.1") {
			t.Errorf("audit summary %q", e.Summary)
		}

		// 代办: staff move the location; the person's own view follows.
		pid := strconv.FormatInt(f.users["person"].User.PersonID, 10)
		rec = f.do("PUT", "/api/v1/persons/"+pid+"/resume", f.token("staff"), with(func(m map[string]any) { m["lat"], m["lng"] = 30.58, 114.2 }))
		if rec.Code != 200 {
			t.Fatalf("staff save: %d %s", rec.Code, rec.Body)
		}
		if e := lastAudit(t, db, "resume.update"); !strings.Contains(e.Summary, "代办") || !strings.Contains(e.Summary, "期望工作位置: 修改") {
			t.Errorf("代办 audit %q", e.Summary)
		}
		if m := decode(t, f.do("GET", "/api/v1/me/resume", person, nil)); m["lat"] != 30.58 || m["lng"] != 114.2 {
			t.Errorf("after 代办: %v %v", m["lat"], m["lng"])
		}
		// and clearing it is a change too
		rec = f.do("PUT", "/api/v1/me/resume", person, warehouseResume(true))
		if m := decode(t, rec); rec.Code != 200 || m["lat"] != nil || m["lng"] != nil {
			t.Fatalf("clear: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestResumeLocationWeb: the /me/resume form takes the two inputs (a bad
// value re-renders with the message and saves nothing), offers "使用我的
// 位置" to the person only (hidden until app.js shows it), and staff can
// set the location in the 代办 form.
func TestResumeLocationWeb(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))
	person := f.token("person")
	body := f.page("/me/resume", person).Body.String()
	for _, want := range []string{`id="location"`, `name="lat"`, `name="lng"`, `data-geolocate="f-lat f-lng" hidden`, `src="/static/app.js"`} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %s", want)
		}
	}
	for name, c := range map[string]struct{ lat, lng, field, msg string }{
		"lat only":    {"30.6", "", "lng", "请同时填写纬度和经度，或都不填"},
		"lng only":    {"", "114.1", "lat", "请同时填写纬度和经度，或都不填"},
		"not numeric": {"三十", "114.1", "lat", "纬度应为数字"},
		"lng words":   {"30.6", "东经114", "lng", "经度应为数字"},
		"abroad":      {"51.5", "-0.12", "lng", "经度应在 73–136 之间"},
		"NaN":         {"NaN", "114.1", "lat", "纬度应在 3–54 之间"},
	} {
		v := resumeWebForm()
		v.Set("lat", c.lat)
		v.Set("lng", c.lng)
		rec := f.form("/me/resume", person, v)
		body := rec.Body.String()
		if rec.Code != 422 || !strings.Contains(body, c.msg) || !strings.Contains(body, `value="`+c.lat+`"`) {
			t.Errorf("%s: %d, message %q shown: %v", name, rec.Code, c.msg, strings.Contains(body, c.msg))
		}
	}
	if n := auditCount(t, f.db, "resume.update", ""); n != 0 {
		t.Fatalf("refused forms saved %d times", n)
	}
	v := resumeWebForm()
	v.Set("lat", " 30.6004 ")
	v.Set("lng", "114.1")
	if rec := f.form("/me/resume", person, v); rec.Code != 303 {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	if body := f.page("/me/resume", person).Body.String(); !strings.Contains(body, `name="lat" value="30.6"`) || !strings.Contains(body, `name="lng" value="114.1"`) {
		t.Errorf("saved location not shown")
	}

	// staff: the inputs, not the button (it would locate the staff member)
	staff := f.token("staff")
	base := "/console/persons/" + strconv.FormatInt(f.users["person"].User.PersonID, 10) + "/resume"
	body = f.page(base, staff).Body.String()
	if !strings.Contains(body, `name="lat" value="30.6"`) || strings.Contains(body, "data-geolocate") {
		t.Errorf("staff form: inputs %v, button %v", strings.Contains(body, `name="lat"`), strings.Contains(body, "data-geolocate"))
	}
	v = resumeWebForm()
	v.Set("lat", "30.7")
	v.Set("lng", "114.2")
	if rec := f.form(base, staff, v); rec.Code != 303 {
		t.Fatalf("staff save: %d %s", rec.Code, rec.Body)
	}
	if body := f.page("/me/resume", person).Body.String(); !strings.Contains(body, `name="lat" value="30.7"`) {
		t.Errorf("代办 location not saved")
	}
	if js := f.page("/static/app.js", "").Body.String(); !strings.Contains(js, "navigator.geolocation.getCurrentPosition") {
		t.Errorf("app.js has no geolocation")
	}
}

// TestDistanceReasons: with coordinates on both sides the person's list
// says "距离 N 公里" and ranks the closer of two equal posts first (a post
// without coordinates keeps the street reason); the post's candidates say
// the same distance, and neither the API nor the page shows the
// candidate's coordinates.
func TestDistanceReasons(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		near := geoPost(t, f, "仓管员（近）", 30.610, 114.110)
		far := geoPost(t, f, "仓管员（远）", 30.650, 114.140) // newer: a tie would rank it first
		plain := geoPost(t, f, "仓管员（无坐标）", 0, 0)
		f.catchUp()
		res := warehouseResume(true)
		res["lat"], res["lng"] = homeLat, homeLng
		if rec := f.do("PUT", "/api/v1/me/resume", person, res); rec.Code != 200 {
			t.Fatalf("save: %d %s", rec.Code, rec.Body)
		}

		rec := f.do("GET", "/api/v1/me/recommendations", person, nil)
		if rec.Code != 200 {
			t.Fatalf("recommendations: %d %s", rec.Code, rec.Body)
		}
		rank := map[int64]int{}
		reasons := map[int64][]string{}
		for i, it := range decode(t, rec)["items"].([]any) {
			m := it.(map[string]any)
			id := int64(m["job"].(map[string]any)["id"].(float64))
			rank[id], reasons[id] = i, reasonsOf(m)
		}
		nearKm, farKm := kmText(homeLat, homeLng, 30.610, 114.110), kmText(homeLat, homeLng, 30.650, 114.140)
		if !slices.Contains(reasons[near], nearKm) || !slices.Contains(reasons[far], farKm) {
			t.Errorf("distance reasons: near %q (want %s), far %q (want %s)", reasons[near], nearKm, reasons[far], farKm)
		}
		if _, ok := rank[near]; !ok || rank[near] > rank[far] {
			t.Errorf("near post ranked %d, far %d", rank[near], rank[far])
		}
		if !slices.Contains(reasons[plain], "同在吴家山街") || slices.ContainsFunc(reasons[plain], func(s string) bool { return strings.HasPrefix(s, "距离") }) {
			t.Errorf("post without coordinates: %q", reasons[plain])
		}

		// the employer's view of the near post
		path := "/api/v1/jobs/" + strconv.FormatInt(near, 10) + "/candidates"
		rec = f.do("GET", path, f.token("employer"), nil)
		items := decode(t, rec)["items"].([]any)
		if rec.Code != 200 || len(items) != 1 {
			t.Fatalf("candidates: %d %s", rec.Code, rec.Body)
		}
		if got := reasonsOf(items[0].(map[string]any)); !slices.Contains(got, nearKm) {
			t.Errorf("candidate reasons %q, want %s", got, nearKm)
		}
		noPosition := func(where, body string) {
			t.Helper()
			for _, leak := range []string{`"lat"`, `"lng"`, "30.6", "114.1", "纬度", "经度"} {
				if strings.Contains(body, leak) {
					t.Errorf("%s shows %s: %s", where, leak, body)
				}
			}
		}
		noPosition("candidates API", rec.Body.String())
		page := f.page("/enterprise/jobs/"+strconv.FormatInt(near, 10)+"/candidates", f.token("employer"))
		if !strings.Contains(page.Body.String(), nearKm) {
			t.Errorf("candidates page lacks %s", nearKm)
		}
		noPosition("candidates page", page.Body.String())

		// moving house reaches the pool at once
		res["lat"], res["lng"] = 30.650, 114.140
		if rec := f.do("PUT", "/api/v1/me/resume", person, res); rec.Code != 200 {
			t.Fatalf("move: %d %s", rec.Code, rec.Body)
		}
		items = decode(t, f.do("GET", path, f.token("employer"), nil))["items"].([]any)
		if got, want := reasonsOf(items[0].(map[string]any)), kmText(30.650, 114.140, 30.610, 114.110); !slices.Contains(got, want) {
			t.Errorf("after the move: %q, want %s", got, want)
		}
	})
}

// TestApplicantLocationHidden: an employer opening an application sees the
// applicant's resume (page and API) but not its location.
func TestApplicantLocationHidden(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))
	person := f.token("person")
	post := geoPost(t, f, "仓管员", 30.610, 114.110)
	f.catchUp()
	res := warehouseResume(false)
	res["lat"], res["lng"] = 30.6015, 114.1025 // kept as 30.602, 114.103
	if rec := f.do("PUT", "/api/v1/me/resume", person, res); rec.Code != 200 {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	rec := f.do("POST", "/api/v1/jobs/"+strconv.FormatInt(post, 10)+"/applications", person, map[string]any{"note": "您好"})
	if rec.Code != 201 {
		t.Fatalf("apply: %d %s", rec.Code, rec.Body)
	}
	id := strconv.FormatInt(int64(decode(t, rec)["id"].(float64)), 10)
	employer := f.token("employer")
	page := f.page("/enterprise/job-applications/"+id, employer)
	api := f.do("GET", "/api/v1/job-applications/"+id, employer, nil)
	if page.Code != 200 || !strings.Contains(page.Body.String(), "八年仓储物流经验") || api.Code != 200 {
		t.Fatalf("application: page %d, api %d %s", page.Code, api.Code, api.Body)
	}
	for where, body := range map[string]string{"page": page.Body.String(), "API": api.Body.String()} {
		for _, leak := range []string{"30.602", "114.103", `"lat"`, `"lng"`} {
			if strings.Contains(body, leak) {
				t.Errorf("the employer's application %s shows %s", where, leak)
			}
		}
	}
}
