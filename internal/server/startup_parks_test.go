package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// goodPark is a valid park body; edit changes it.
func goodPark(edit func(m map[string]any)) map[string]any {
	m := map[string]any{"name": "东西湖区青年创业园", "level": "city", "region_code": "420112001", "address": "金山大道 1 号 3 栋",
		"operator": "武汉临空港创业服务有限公司", "contact_name": "刘主任", "contact_phone": "027-83251234", "space_unit": "m2",
		"total_space": 5000, "open_space": 800, "services": []string{"mentor", "registration"}, "status": "recognised",
		"intro": "面向青年创业者的低成本办公场地。"}
	if edit != nil {
		edit(m)
	}
	return m
}

func idOf(t *testing.T, rec *httptest.ResponseRecorder) int64 {
	t.Helper()
	return int64(decode(t, rec)["id"].(float64))
}

// TestStartupParks: staff register a 青创园 (bad fields named, a name
// registered twice refused, nothing half-written), its tenants picked from
// the enterprise registry by name or id (a name several enterprises have
// is refused with the choice; a firm already in the park is a conflict;
// space beyond what the park has is refused), its events and its annual
// assessment, whose facts come from those records (one per park and year:
// a second is 409, a revision goes through PUT). The public list and page
// show recognised parks only, with the tenants' open job posts. Unknown
// ids are 404; every write is audited on the park.
func TestStartupParks(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := jobsFixture(t, db) // 2026-05-11; both enterprises verified
		staff, person := f.token("staff"), f.token("person")
		postID := f.publishedPost("employer", nil)

		if rec := f.do("POST", "/api/v1/startup/parks", person, goodPark(nil)); rec.Code != 403 {
			t.Fatalf("a person registers a park: %d", rec.Code)
		}
		if rec := f.do("POST", "/api/v1/startup/parks", "", goodPark(nil)); rec.Code != 401 {
			t.Fatalf("a visitor registers a park: %d", rec.Code)
		}
		for _, bad := range []struct {
			edit  func(m map[string]any)
			field string
			says  string
		}{
			{func(m map[string]any) { m["name"] = "" }, "name", "名称"},
			{func(m map[string]any) { m["level"] = "national" }, "level", "级别"},
			{func(m map[string]any) { m["region_code"] = "999999999" }, "region_code", "行政区划"},
			{func(m map[string]any) { m["contact_phone"] = "电话" }, "contact_phone", "区号"},
			{func(m map[string]any) { m["open_space"] = 6000 }, "open_space", "5,000 平方米"},
			{func(m map[string]any) { m["services"] = []string{} }, "services", "至少"},
			{func(m map[string]any) { m["status"] = "closed" }, "status", "认定"},
			{func(m map[string]any) { m["total_space"] = "很多" }, "total_space", "类型错误"},
		} {
			rec := f.do("POST", "/api/v1/startup/parks", staff, goodPark(bad.edit))
			if rec.Code != 422 || !strings.Contains(errField(t, rec, bad.field), bad.says) {
				t.Fatalf("bad park (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		if n, _ := db.Count(ctx, "startup_parks"); n != 0 {
			t.Fatalf("refused parks stored: %d", n)
		}
		rec := f.do("POST", "/api/v1/startup/parks", staff, goodPark(nil))
		if rec.Code != 201 {
			t.Fatalf("create park: %d %s", rec.Code, rec.Body)
		}
		park := decode(t, rec)
		id := int64(park["id"].(float64))
		if park["level_label"] != "市级" || !strings.Contains(park["region_name"].(string), "东西湖区") ||
			fmt.Sprint(park["services"]) != "[registration mentor]" || park["status_label"] != "已认定" {
			t.Fatalf("park: %v", park)
		}
		if rec := f.do("POST", "/api/v1/startup/parks", staff, goodPark(nil)); rec.Code != 422 || errField(t, rec, "name") == "" {
			t.Fatalf("the same name twice: %d %s", rec.Code, rec.Body)
		}
		applying := idOf(t, f.do("POST", "/api/v1/startup/parks", staff, goodPark(func(m map[string]any) {
			m["name"], m["status"], m["space_unit"], m["total_space"], m["open_space"], m["level"] = "走马岭青年创业孵化基地", "applying", "desk", 80, 0, "district"
		})))

		// The public sees the recognised park only.
		if items := decode(t, f.do("GET", "/api/v1/startup/parks", "", nil))["items"].([]any); len(items) != 1 {
			t.Fatalf("public list: %v", items)
		}
		if items := decode(t, f.do("GET", "/api/v1/startup/parks", staff, nil))["items"].([]any); len(items) != 2 {
			t.Fatalf("staff list: %v", items)
		}
		if items := decode(t, f.do("GET", "/api/v1/startup/parks?status=applying", staff, nil))["items"].([]any); len(items) != 1 {
			t.Fatalf("staff list of applying parks: %v", items)
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/startup/parks/%d", applying), "", nil); rec.Code != 404 {
			t.Fatalf("a park still applying, to the public: %d", rec.Code)
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/startup/parks/%d", applying), staff, nil); rec.Code != 200 {
			t.Fatalf("a park still applying, to staff: %d", rec.Code)
		}
		for _, c := range []struct{ method, path string }{{"GET", "/api/v1/startup/parks/%d"}, {"PUT", "/api/v1/startup/parks/%d"},
			{"POST", "/api/v1/startup/parks/%d/tenants"}, {"POST", "/api/v1/startup/parks/%d/events"}, {"GET", "/api/v1/startup/parks/%d/assessments"},
			{"PUT", "/api/v1/startup/park-tenants/%d"}, {"PUT", "/api/v1/startup/park-events/%d"}} {
			var body any
			if c.method != "GET" {
				body = map[string]any{}
			}
			if c.method == "PUT" && strings.HasSuffix(c.path, "parks/%d") {
				body = goodPark(nil)
			}
			if rec := f.do(c.method, fmt.Sprintf(c.path, 987654), staff, body); rec.Code != 404 {
				t.Errorf("%s %s of an unknown id: %d %s", c.method, c.path, rec.Code, rec.Body)
			}
		}

		// Tenants from the registry: by name, by id.
		tenants := fmt.Sprintf("/api/v1/startup/parks/%d/tenants", id)
		tenant := map[string]any{"enterprise_name": "临空港", "move_in": "2024-05-01", "space_used": 1000, "jobs_created": 12}
		with := func(m map[string]any, kv ...any) map[string]any {
			out := map[string]any{}
			for k, v := range m {
				out[k] = v
			}
			for i := 0; i < len(kv); i += 2 {
				out[kv[i].(string)] = kv[i+1]
			}
			return out
		}
		for _, bad := range []struct {
			body  map[string]any
			field string
			says  string
		}{
			{with(tenant, "enterprise_name", "武汉"), "enterprise_name", "有 2 家"},
			{with(tenant, "enterprise_name", "火星公司"), "enterprise_name", "没有名称含"},
			{with(tenant, "enterprise_name", ""), "enterprise_name", "请填写"},
			{with(tenant, "enterprise_id", 987654), "enterprise_id", "没有这家企业"},
			{with(tenant, "space_used", 5001), "space_used", "最多还能使用 5,000 平方米"},
			{with(tenant, "move_in", "2026-05-12"), "move_in", "今天"},
			{with(tenant, "move_in", "2024-13-01"), "move_in", "YYYY-MM-DD"},
			{with(tenant, "jobs_created", -1), "jobs_created", "0 到"},
		} {
			rec := f.do("POST", tenants, staff, bad.body)
			if rec.Code != 422 || !strings.Contains(errField(t, rec, bad.field), bad.says) {
				t.Fatalf("bad tenant (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		rec = f.do("POST", tenants, staff, tenant)
		if rec.Code != 201 || decode(t, rec)["enterprise_name"] != "武汉临空港物流有限公司" {
			t.Fatalf("add tenant by name: %d %s", rec.Code, rec.Body)
		}
		t1 := idOf(t, rec)
		if rec := f.do("POST", tenants, staff, with(tenant, "enterprise_name", "武汉临空港物流有限公司")); rec.Code != 409 {
			t.Fatalf("the same firm twice: %d %s", rec.Code, rec.Body)
		}
		emp2 := f.users["employer2"].User.EnterpriseID
		rec = f.do("POST", tenants, staff, map[string]any{"enterprise_id": emp2, "move_in": "2025-03-01", "space_used": 2500, "jobs_created": 5})
		if rec.Code != 201 {
			t.Fatalf("add tenant by id: %d %s", rec.Code, rec.Body)
		}
		t2 := idOf(t, rec)
		tenantPath := fmt.Sprintf("/api/v1/startup/park-tenants/%d", t1)
		stay1 := map[string]any{"move_in": "2024-05-01", "space_used": 2501, "jobs_created": 12}
		if rec := f.do("PUT", tenantPath, staff, stay1); rec.Code != 422 || !strings.Contains(errField(t, rec, "space_used"), "2,500 平方米") {
			t.Fatalf("a tenant outgrowing the park: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", tenantPath, staff, with(stay1, "space_used", 1000, "enterprise_name", "武汉金银湖食品有限公司")); rec.Code != 422 || errField(t, rec, "enterprise_name") == "" {
			t.Fatalf("a stay changing its firm: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", fmt.Sprintf("/api/v1/startup/parks/%d", id), staff, goodPark(func(m map[string]any) { m["total_space"], m["open_space"] = 3000, 0 })); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "total_space"), "3,500 平方米") {
			t.Fatalf("a total below what the firms use: %d %s", rec.Code, rec.Body)
		}

		// The public page: the firms in it, their open posts.
		pub := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/parks/%d", id), "", nil))
		posts := pub["posts"].([]any)
		if len(pub["tenants"].([]any)) != 2 || len(posts) != 1 || int64(posts[0].(map[string]any)["id"].(float64)) != postID || pub["assessments"] != nil {
			t.Fatalf("public page: %v", pub)
		}
		html := f.page(fmt.Sprintf("/startup/parks/%d", id), "")
		if body := html.Body.String(); html.Code != 200 || !strings.Contains(body, "电焊工（包吃住）") || !strings.Contains(body, "武汉金银湖食品有限公司") ||
			!strings.Contains(body, "可入驻 800 平方米") || !strings.Contains(body, "tel:027-83251234") {
			t.Fatalf("public park page: %d", html.Code)
		}
		if list := f.page("/startup/parks", "").Body.String(); !strings.Contains(list, "东西湖区青年创业园") || strings.Contains(list, "走马岭") {
			t.Fatal("the public list shows a park still applying, or not the recognised one")
		}
		if rec := f.page(fmt.Sprintf("/startup/parks/%d", applying), ""); rec.Code != 404 {
			t.Fatalf("public page of a park still applying: %d", rec.Code)
		}

		// A firm graduating says when; it leaves the public page.
		t2Path := fmt.Sprintf("/api/v1/startup/park-tenants/%d", t2)
		t2Body := map[string]any{"move_in": "2025-03-01", "space_used": 2500, "jobs_created": 5, "status": "graduated"}
		if rec := f.do("PUT", t2Path, staff, t2Body); rec.Code != 422 || !strings.Contains(errField(t, rec, "left_on"), "毕业日期") {
			t.Fatalf("graduating without a date: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", t2Path, staff, with(t2Body, "left_on", "2026-01-15")); rec.Code != 200 || decode(t, rec)["status_label"] != "已毕业" {
			t.Fatalf("graduate: %d %s", rec.Code, rec.Body)
		}
		if pub := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/parks/%d", id), "", nil)); len(pub["tenants"].([]any)) != 1 || len(pub["posts"].([]any)) != 1 {
			t.Fatalf("public page after the graduation: %v", pub)
		}

		// Events, recorded once held.
		events := fmt.Sprintf("/api/v1/startup/parks/%d/events", id)
		if rec := f.do("POST", events, staff, map[string]any{"date": "2026-05-12", "title": "路演", "kind": "party", "attendees": 0}); rec.Code != 422 ||
			errField(t, rec, "date") == "" || errField(t, rec, "kind") == "" || errField(t, rec, "attendees") == "" {
			t.Fatalf("a bad event: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", events, staff, map[string]any{"date": "2025-06-18", "title": "春季项目路演", "kind": "roadshow", "attendees": 40})
		if rec.Code != 201 {
			t.Fatalf("add event: %d %s", rec.Code, rec.Body)
		}
		ev := idOf(t, rec)
		if rec := f.do("PUT", fmt.Sprintf("/api/v1/startup/park-events/%d", ev), staff, map[string]any{"date": "2025-06-18", "title": "春季项目路演",
			"kind": "roadshow", "attendees": 45}); rec.Code != 200 || decode(t, rec)["attendees"] != 45.0 {
			t.Fatalf("update event: %d %s", rec.Code, rec.Body)
		}
		f.do("POST", events, staff, map[string]any{"date": "2026-01-10", "title": "财税知识培训", "kind": "training", "attendees": 30})

		// The 2025 assessment: two firms in the park that year (one new, the
		// other graduating only in 2026), 12 + 5 jobs, one event of 45, and
		// on 31 December 1,000 + 2,500 of 5,000 m² used: 70.00%.
		assess := fmt.Sprintf("/api/v1/startup/parks/%d/assessments", id)
		y := decode(t, f.do("GET", assess+"?year=2025", staff, nil))
		facts := y["facts"].(map[string]any)
		if y["assessment"] != nil || facts["tenants"] != 2.0 || facts["new_tenants"] != 1.0 || facts["graduated"] != 0.0 || facts["jobs_created"] != 17.0 ||
			facts["events"] != 1.0 || facts["attendees"] != 45.0 || facts["occupancy"] != "70.00%" || facts["as_of"] != "2025-12-31" {
			t.Fatalf("2025 facts: %v", y)
		}
		if rec := f.do("GET", assess+"?year=abc", staff, nil); rec.Code != 422 || errField(t, rec, "year") == "" {
			t.Fatalf("a year that is not one: %d %s", rec.Code, rec.Body)
		}
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"year": 2027, "score": 80, "grade": "good", "comment": "好"}, "year"},
			{map[string]any{"year": 2025, "grade": "good", "comment": "好"}, "score"},
			{map[string]any{"year": 2025, "score": 101, "grade": "good", "comment": "好"}, "score"},
			{map[string]any{"year": 2025, "score": 55, "grade": "good", "comment": "好"}, "grade"},
			{map[string]any{"year": 2025, "score": 80, "grade": "good", "comment": ""}, "comment"},
		} {
			if rec := f.do("POST", assess, staff, bad.body); rec.Code != 422 || errField(t, rec, bad.field) == "" {
				t.Fatalf("bad assessment (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		good := map[string]any{"year": 2025, "score": 88, "grade": "good", "comment": "运营规范，入驻率较高。"}
		rec = f.do("POST", assess, staff, good)
		if a := decode(t, rec); rec.Code != 201 || a["grade_label"] != "良好" || a["facts"].(map[string]any)["occupancy"] != "70.00%" {
			t.Fatalf("assess: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", assess, staff, good); rec.Code != 409 {
			t.Fatalf("a second assessment of 2025: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", assess, staff, map[string]any{"year": 2024, "score": 70, "grade": "pass", "comment": "补录"}); rec.Code != 404 {
			t.Fatalf("revising a year not assessed: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", assess, staff, map[string]any{"year": 2025, "score": 58, "grade": "fail", "comment": "活动太少。"}); rec.Code != 200 ||
			decode(t, rec)["grade_label"] != "不合格" {
			t.Fatalf("revise: %d %s", rec.Code, rec.Body)
		}
		if n, _ := db.Count(ctx, "startup_park_assessments"); n != 1 {
			t.Fatalf("assessments stored: %d", n)
		}
		staffView := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/parks/%d", id), staff, nil))
		if as := staffView["assessments"].([]any); len(as) != 1 || len(staffView["tenants"].([]any)) != 2 {
			t.Fatalf("staff's park: %v", staffView)
		}
		for action, want := range map[string]int{"startup.park.create": 1, "startup.park.tenant.add": 2, "startup.park.tenant.update": 1,
			"startup.park.event.add": 2, "startup.park.event.update": 1, "startup.park.assess": 2} {
			if n := auditFor(t, db, action, "startup_park", id, "ok"); n != want {
				t.Errorf("%s audits: %d, want %d", action, n, want)
			}
		}
	})
}

// TestStartupParkPages: the console's forms keep what was typed next to
// their errors, pick the place and the tenant by name, and every page
// renders; people other than staff are refused.
func TestStartupParkPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		staff := f.token("staff")
		form := url.Values{"name": {"金银湖青创空间"}, "level": {"city"}, "status": {"recognised"}, "region_code": {"420112015"},
			"address": {"金银湖路 16 号"}, "operator": {"武汉金银湖众创科技有限公司"}, "contact_name": {"陈经理"}, "contact_phone": {"13971234567"},
			"space_unit": {"desk"}, "total_space": {"很多"}, "open_space": {"10"}, "services": {"mentor", "training"}}
		rec := f.form("/console/startup/parks", staff, form)
		if body := rec.Body.String(); rec.Code != 422 || !strings.Contains(body, "请填写整数") || !strings.Contains(body, `value="金银湖青创空间"`) ||
			!strings.Contains(body, `value="training" checked`) {
			t.Fatalf("park form with a bad total: %d", rec.Code)
		}
		form.Set("region_code_text", "火星基地")
		form.Set("total_space", "160")
		if rec := f.form("/console/startup/parks", staff, form); rec.Code != 422 || !strings.Contains(rec.Body.String(), "没有找到“火星基地”这个地方") {
			t.Fatalf("park form with a place that is none: %d", rec.Code)
		}
		if n, _ := db.Count(context.Background(), "startup_parks"); n != 0 {
			t.Fatalf("refused forms stored %d parks", n)
		}
		form.Set("region_code_text", "")
		rec = f.form("/console/startup/parks", staff, form)
		loc := rec.Header().Get("Location")
		if rec.Code != 303 || !strings.HasPrefix(loc, "/console/startup/parks/") {
			t.Fatalf("park form: %d %s", rec.Code, rec.Body)
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/console/startup/parks/"), 10, 64)
		p := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/parks/%d", id), staff, nil))["park"].(map[string]any)
		if p["region_code"] != "420112015" || p["total_space"] != 160.0 || fmt.Sprint(p["services"]) != "[mentor training]" {
			t.Fatalf("park from the form: %v", p)
		}

		// A tenant by a name two enterprises share: the form offers both.
		base := fmt.Sprintf("/console/startup/parks/%d", id)
		tf := url.Values{"enterprise_name": {"武汉"}, "move_in": {"2025-09-01"}, "space_used": {"20"}, "jobs_created": {"4"}}
		rec = f.form(base+"/tenants", staff, tf)
		if body := rec.Body.String(); rec.Code != 422 || !strings.Contains(body, `id="f-enterprise_id"`) || !strings.Contains(body, "武汉临空港物流有限公司") ||
			!strings.Contains(body, "武汉金银湖食品有限公司") || !strings.Contains(body, `value="2025-09-01"`) {
			t.Fatalf("tenant form with a shared name: %d", rec.Code)
		}
		tf.Set("enterprise_id", strconv.FormatInt(f.users["employer2"].User.EnterpriseID, 10))
		if rec := f.form(base+"/tenants", staff, tf); rec.Code != 303 {
			t.Fatalf("tenant form with the choice: %d %s", rec.Code, rec.Body)
		}
		tf = url.Values{"enterprise_name": {"临空港"}, "move_in": {"2025-10-01"}, "space_used": {"200"}}
		if rec := f.form(base+"/tenants", staff, tf); rec.Code != 422 || !strings.Contains(rec.Body.String(), "最多还能使用 140 个工位") {
			t.Fatalf("tenant form over the space: %d", rec.Code)
		}
		ef := url.Values{"date": {"2025-11-20"}, "title": {"创业导师坐诊"}, "kind": {"mentor"}, "attendees": {"十二"}}
		if rec := f.form(base+"/events", staff, ef); rec.Code != 422 || !strings.Contains(rec.Body.String(), "请填写参加人数") || !strings.Contains(rec.Body.String(), `value="创业导师坐诊"`) {
			t.Fatalf("event form with a bad count: %d", rec.Code)
		}
		ef.Set("attendees", "12")
		if rec := f.form(base+"/events", staff, ef); rec.Code != 303 {
			t.Fatalf("event form: %d %s", rec.Code, rec.Body)
		}

		// The assessment: the facts, a refused score kept, then saved and revised.
		if body := f.page(base+"/assessment?year=2025", staff).Body.String(); !strings.Contains(body, "12.50%") || !strings.Contains(body, "登记考核") {
			t.Fatalf("assessment page lacks the 2025 occupancy (20 of 160 desks)")
		}
		af := url.Values{"year": {"2025"}, "score": {"很高"}, "grade": {"good"}, "comment": {"服务到位"}}
		if rec := f.form(base+"/assessment", staff, af); rec.Code != 422 || !strings.Contains(rec.Body.String(), "得分应为 0 到 100 的整数") ||
			!strings.Contains(rec.Body.String(), "服务到位") {
			t.Fatalf("assessment form with a bad score: %d", rec.Code)
		}
		af.Set("score", "82")
		if rec := f.form(base+"/assessment", staff, af); rec.Code != 303 {
			t.Fatalf("assessment form: %d %s", rec.Code, rec.Body)
		}
		if rec := f.form(base+"/assessment", staff, af); rec.Code != 409 || !strings.Contains(rec.Body.String(), "已登记") {
			t.Fatalf("the same year again without revising: %d", rec.Code)
		}
		af.Set("revise", "1")
		af.Set("score", "91")
		af.Set("grade", "excellent")
		if rec := f.form(base+"/assessment", staff, af); rec.Code != 303 {
			t.Fatalf("revise the assessment: %d %s", rec.Code, rec.Body)
		}
		if body := f.page(base+"/assessment?year=2025", staff).Body.String(); !strings.Contains(body, "91 分") || !strings.Contains(body, "修改考核") {
			t.Fatal("the revised assessment is not shown")
		}

		// Every page renders; the ids of the tenant and the event from the API.
		v := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/parks/%d", id), staff, nil))
		tid := int64(v["tenants"].([]any)[0].(map[string]any)["id"].(float64))
		eid := int64(v["events"].([]any)[0].(map[string]any)["id"].(float64))
		for _, path := range []string{"/console/startup/parks", "/console/startup/parks?status=applying", "/console/startup/parks/new", base, base + "/edit",
			fmt.Sprintf("/console/startup/park-tenants/%d", tid), fmt.Sprintf("/console/startup/park-events/%d", eid), base + "/assessment"} {
			if rec := f.page(path, staff); rec.Code != 200 {
				t.Errorf("%s: %d", path, rec.Code)
			}
			if rec := f.page(path, f.token("person")); rec.Code != 403 {
				t.Errorf("%s as a person: %d", path, rec.Code)
			}
		}
		for _, path := range []string{"/startup/parks", fmt.Sprintf("/startup/parks/%d", id)} {
			if rec := f.page(path, ""); rec.Code != 200 {
				t.Errorf("%s: %d", path, rec.Code)
			}
		}
		for _, path := range []string{"/startup/parks/987654", "/console/startup/parks/987654", "/console/startup/park-tenants/987654",
			"/console/startup/park-events/987654", "/console/startup/parks/987654/assessment"} {
			if rec := f.page(path, staff); rec.Code != 404 {
				t.Errorf("%s: %d, want 404", path, rec.Code)
			}
		}
		// The tenant leaves through its form; the date is needed.
		tp := fmt.Sprintf("/console/startup/park-tenants/%d", tid)
		if rec := f.form(tp, staff, url.Values{"move_in": {"2025-09-01"}, "space_used": {"20"}, "jobs_created": {"4"}, "status": {"left"}}); rec.Code != 422 ||
			!strings.Contains(rec.Body.String(), "请填写迁出日期") {
			t.Fatalf("moving out without a date: %d", rec.Code)
		}
		if rec := f.form(tp, staff, url.Values{"move_in": {"2025-09-01"}, "space_used": {"20"}, "jobs_created": {"4"}, "status": {"left"},
			"left_on": {"2026-04-30"}}); rec.Code != 303 {
			t.Fatalf("moving out: %d %s", rec.Code, rec.Body)
		}
	})
}
