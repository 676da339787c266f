package server_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/xuri/excelize/v2"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// trainingDay is inside the catalog's 技能提升补贴 validity (to 2025-12-31),
// so the standards file's figures apply to classes starting soon after.
var trainingDay = time.Date(2025, 6, 2, 2, 0, 0, 0, time.UTC)

func trainingFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	db.SetClock(func() time.Time { return trainingDay })
	return newFixture(t, db, serverOpts())
}

// goodApplication is a valid provider application; edit changes it.
func goodApplication(edit func(m map[string]any)) map[string]any {
	m := map[string]any{"name": "武汉临空港物流职业培训中心", "kind": "enterprise", "region_code": "420112001", "address": "临空港大道 88 号",
		"contact_name": "王老师", "contact_phone": "027-83251234", "intro": "企业自主培训。",
		"scope": []map[string]any{{"occupation": "电工", "level": 4}, {"occupation_code": "6-18-02-04", "level": 5}}}
	if edit != nil {
		edit(m)
	}
	return m
}

// goodClassBody is a valid class: 电工 四级 岗位技能提升, two sessions in July 2025.
func goodClassBody(edit func(m map[string]any)) map[string]any {
	m := map[string]any{"title": "电工（四级）岗位技能提升培训班", "type": "upgrade", "occupation": "电工", "level": 4, "hours": 80,
		"capacity": 40, "fee_yuan": 0, "region_code": "420112001", "sessions": []map[string]any{
			{"date": "2025-07-12", "start": "09:00", "end": "17:00", "place": "实训楼 201"},
			{"date": "2025-07-05", "start": "09:00", "end": "12:00", "place": "实训楼 201"}}}
	if edit != nil {
		edit(m)
	}
	return m
}

// TestTraining: an employer applies for its enterprise (bad fields named,
// nothing half-written), staff designate it; its users open classes within
// its scope only (the subsidy standard read from the standards file by
// type, level and start date), staff return one with a reason and file it
// after the correction; only filed classes are public and found by
// occupation name, type, district, date, free and subsidised, with paging.
// Suspension stops new classes; another provider's unfiled class and
// unknown ids are 404; every change is audited.
func TestTraining(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := trainingFixture(t, db)
		staff, emp, emp2, person := f.token("staff"), f.token("employer"), f.token("employer2"), f.token("person")

		if rec := f.do("POST", "/api/v1/training/providers", person, goodApplication(nil)); rec.Code != 403 {
			t.Fatalf("a person applies: %d", rec.Code)
		}
		if rec := f.do("POST", "/api/v1/training/providers", "", goodApplication(nil)); rec.Code != 401 {
			t.Fatalf("a visitor applies: %d", rec.Code)
		}
		for _, bad := range []struct {
			edit  func(m map[string]any)
			field string
			says  string
		}{
			{func(m map[string]any) { m["name"] = "" }, "name", "名称"},
			{func(m map[string]any) { m["kind"] = "school" }, "kind", "类别"},
			{func(m map[string]any) { m["region_code"] = "999999999" }, "region_code", "行政区划"},
			{func(m map[string]any) { m["contact_phone"] = "电话" }, "contact_phone", "区号"},
			{func(m map[string]any) { m["scope"] = []map[string]any{} }, "scope", "至少"},
			{func(m map[string]any) { m["scope"] = []map[string]any{{"occupation": "火星种菜师", "level": 4}} }, "scope.0.occupation_code", "没有"},
			{func(m map[string]any) { m["scope"] = []map[string]any{{"occupation": "电工", "level": 7}} }, "scope.0.level", "等级"},
			{func(m map[string]any) { m["scope"] = []map[string]any{{"occupation_code": "6-00-00-00", "level": 4}} }, "scope.0.occupation_code", "具体职业"},
		} {
			rec := f.do("POST", "/api/v1/training/providers", emp, goodApplication(bad.edit))
			if rec.Code != 422 || !strings.Contains(errField(t, rec, bad.field), bad.says) {
				t.Fatalf("bad application (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		ctx := context.Background()
		if n, _ := db.Count(ctx, "training_providers"); n != 0 {
			t.Fatalf("refused applications stored: %d", n)
		}
		rec := f.do("POST", "/api/v1/training/providers", emp, goodApplication(nil))
		if rec.Code != 201 {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		prov := decode(t, rec)
		pid := int64(prov["id"].(float64))
		scope := prov["scope"].([]any)
		if prov["status"] != "applying" || prov["kind_label"] != "企业自主培训" || len(scope) != 2 ||
			scope[0].(map[string]any)["occupation_code"] != "6-31-01-03" || scope[0].(map[string]any)["level_label"] != "四级/中级工" {
			t.Fatalf("provider: %v", prov)
		}
		if rec := f.do("POST", "/api/v1/training/providers", emp, goodApplication(nil)); rec.Code != 422 || errField(t, rec, "name") == "" {
			t.Fatalf("the same name twice: %d %s", rec.Code, rec.Body)
		}
		pp := fmt.Sprintf("/api/v1/training/providers/%d", pid)
		for who, want := range map[string]int{"": 404, emp2: 404, emp: 200, staff: 200} {
			if rec := f.do("GET", pp, who, nil); rec.Code != want {
				t.Errorf("an applying provider's page: %d, want %d", rec.Code, want)
			}
		}
		if items := decode(t, f.do("GET", "/api/v1/training/providers", "", nil))["items"].([]any); len(items) != 0 {
			t.Fatalf("public list before designation: %v", items)
		}
		if items := decode(t, f.do("GET", "/api/v1/me/training/providers", emp, nil))["items"].([]any); len(items) != 1 {
			t.Fatalf("my providers: %v", items)
		}
		if rec := f.do("POST", pp+"/classes", emp, goodClassBody(nil)); rec.Code != 422 || !strings.Contains(errField(t, rec, "provider"), "尚未认定") {
			t.Fatalf("a class before designation: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", pp+"/designate", emp, nil); rec.Code != 403 {
			t.Fatalf("the employer designates itself: %d", rec.Code)
		}
		if rec := f.do("POST", pp+"/designate", staff, nil); rec.Code != 200 || decode(t, rec)["status"] != "designated" {
			t.Fatalf("designate: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", pp+"/designate", staff, nil); rec.Code != 409 {
			t.Fatalf("designate twice: %d", rec.Code)
		}
		if items := decode(t, f.do("GET", "/api/v1/training/providers?kind=enterprise", "", nil))["items"].([]any); len(items) != 1 {
			t.Fatalf("public list after designation: %v", items)
		}

		// Classes: scope, dates, fields.
		for _, bad := range []struct {
			edit  func(m map[string]any)
			field string
			says  string
		}{
			{func(m map[string]any) { m["level"] = 3 }, "level", "认定范围"},
			{func(m map[string]any) { m["occupation"] = "火星种菜师" }, "occupation_code", "没有"},
			{func(m map[string]any) { m["type"] = "evening" }, "type", "培训类型"},
			{func(m map[string]any) { m["hours"] = 0 }, "hours", "课时"},
			{func(m map[string]any) { m["capacity"] = 9999 }, "capacity", "人数"},
			{func(m map[string]any) { m["region_code"] = "" }, "region_code", "地点"},
			{func(m map[string]any) { m["sessions"] = []map[string]any{} }, "sessions", "至少"},
			{func(m map[string]any) { m["sessions"].([]map[string]any)[0]["date"] = "2025-06-02" }, "sessions.0.date", "晚于今天"},
			{func(m map[string]any) { m["sessions"].([]map[string]any)[1]["date"] = "2025-02-30" }, "sessions.1.date", "真实日期"},
			{func(m map[string]any) { m["sessions"].([]map[string]any)[1]["end"] = "08:00" }, "sessions.1.end", "晚于开始"},
			{func(m map[string]any) { m["sessions"].([]map[string]any)[0]["place"] = "" }, "sessions.0.place", "地点"},
		} {
			rec := f.do("POST", pp+"/classes", emp, goodClassBody(bad.edit))
			if rec.Code != 422 || !strings.Contains(errField(t, rec, bad.field), bad.says) {
				t.Fatalf("bad class (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		if rec := f.do("POST", pp+"/classes", emp2, goodClassBody(nil)); rec.Code != 404 {
			t.Fatalf("another enterprise opens a class: %d", rec.Code)
		}
		if n, _ := db.Count(ctx, "training_classes"); n != 0 {
			t.Fatalf("refused classes stored: %d", n)
		}
		rec = f.do("POST", pp+"/classes", emp, goodClassBody(nil))
		if rec.Code != 201 {
			t.Fatalf("open class: %d %s", rec.Code, rec.Body)
		}
		cls := decode(t, rec)
		cid := int64(cls["id"].(float64))
		if cls["status"] != "pending" || cls["subsidy_yuan"].(float64) != 1500 || !strings.Contains(cls["subsidy_source"].(string), "2025-12-31") ||
			cls["start_date"] != "2025-07-05" || cls["end_date"] != "2025-07-12" || cls["occupation_name"] != "电工" {
			t.Fatalf("class: %v", cls)
		}
		cp := fmt.Sprintf("/api/v1/training/classes/%d", cid)
		for who, want := range map[string]int{"": 404, person: 404, emp2: 404, emp: 200, staff: 200} {
			if rec := f.do("GET", cp, who, nil); rec.Code != want {
				t.Errorf("a pending class: %d, want %d", rec.Code, want)
			}
		}
		if rec := f.do("PUT", cp, emp2, goodClassBody(nil)); rec.Code != 404 {
			t.Errorf("another enterprise edits the class: %d", rec.Code)
		}
		if got := decode(t, f.do("GET", "/api/v1/training/classes", "", nil))["total"].(float64); got != 0 {
			t.Fatalf("a pending class in the search: %v", got)
		}
		if rec := f.do("POST", cp+"/return", staff, map[string]any{}); rec.Code != 422 || errField(t, rec, "reason") == "" {
			t.Fatalf("return without a reason: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", cp+"/return", staff, map[string]any{"reason": "请补充第二次课的实训内容"}); rec.Code != 200 || decode(t, rec)["status"] != "returned" {
			t.Fatalf("return: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", cp+"/approve", staff, nil); rec.Code != 409 {
			t.Fatalf("approve a returned class: %d", rec.Code)
		}
		rec = f.do("PUT", cp, emp, goodClassBody(func(m map[string]any) { m["fee_yuan"] = 300; m["type"] = "employment" }))
		if rec.Code != 200 || decode(t, rec)["status"] != "pending" {
			t.Fatalf("correct the class: %d %s", rec.Code, rec.Body)
		}
		if c := decode(t, f.do("GET", cp, emp, nil)); c["subsidy_yuan"].(float64) != 0 || c["fee_yuan"].(float64) != 300 {
			t.Fatalf("就业技能培训 has no standard in the file: %v", c)
		}
		f.do("PUT", cp, emp, goodClassBody(nil))
		if rec := f.do("POST", cp+"/approve", staff, nil); rec.Code != 200 || decode(t, rec)["status"] != "approved" {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", cp, emp, goodClassBody(nil)); rec.Code != 409 {
			t.Fatalf("edit a filed class: %d", rec.Code)
		}
		if rec := f.do("GET", cp, "", nil); rec.Code != 200 || len(decode(t, rec)["sessions"].([]any)) != 2 {
			t.Fatalf("a filed class to the public: %d %s", rec.Code, rec.Body)
		}

		// A second class, 焊工 五级 创业…: a startup class has no standard.
		rec = f.do("POST", pp+"/classes", emp, goodClassBody(func(m map[string]any) {
			m["title"], m["type"], m["occupation"], m["level"], m["fee_yuan"], m["region_code"] = "焊工创业培训班", "startup", "焊工", 5, 200, "420112006"
			m["sessions"] = []map[string]any{{"date": "2025-08-20", "start": "14:00", "end": "17:30", "place": "走马岭培训室"}}
		}))
		if rec.Code != 201 {
			t.Fatalf("second class: %d %s", rec.Code, rec.Body)
		}
		c2 := idOf(t, rec)
		f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/approve", c2), staff, nil)
		for q, want := range map[string]int{
			"":                     2,
			"?occupation=电工":       1,
			"?occupation=焊工":       1,
			"?type=startup":        1,
			"?region=420112":       2,
			"?region=420112001":    1,
			"?region=420102":       0,
			"?free=1":              1,
			"?subsidised=1":        1,
			"?free=1&type=startup": 0,
			"?from=2025-08-01":     1,
			"?from=2025-09-01":     0,
		} {
			res := decode(t, f.do("GET", "/api/v1/training/classes"+q, "", nil))
			if res["total"].(float64) != float64(want) || len(res["items"].([]any)) != want {
				t.Errorf("search %q: %v, want %d", q, res["total"], want)
			}
		}
		for q, field := range map[string]string{"?occupation=火星种菜师": "occupation", "?type=x": "type", "?region=99": "region", "?from=2025-13-01": "from", "?page=0": "page"} {
			if rec := f.do("GET", "/api/v1/training/classes"+q, "", nil); rec.Code != 422 || errField(t, rec, field) == "" {
				t.Errorf("search %q: %d %s", q, rec.Code, rec.Body)
			}
		}
		if pv := decode(t, f.do("GET", pp, "", nil)); len(pv["classes"].([]any)) != 2 {
			t.Errorf("the provider's public classes: %v", pv["classes"])
		}

		// Paging: 20 a page.
		for i := range 20 {
			rec := f.do("POST", pp+"/classes", emp, goodClassBody(func(m map[string]any) {
				m["title"] = fmt.Sprintf("电工提升班第 %d 期", i+2)
				m["sessions"] = []map[string]any{{"date": fmt.Sprintf("2025-09-%02d", i+1), "start": "09:00", "end": "17:00", "place": "实训楼"}}
			}))
			if rec.Code != 201 {
				t.Fatalf("class %d: %d %s", i, rec.Code, rec.Body)
			}
			f.do("POST", fmt.Sprintf("/api/v1/training/classes/%d/approve", idOf(t, rec)), staff, nil)
		}
		p1 := decode(t, f.do("GET", "/api/v1/training/classes", "", nil))
		p2 := decode(t, f.do("GET", "/api/v1/training/classes?page=2", "", nil))
		if p1["total"].(float64) != 22 || p1["pages"].(float64) != 2 || len(p1["items"].([]any)) != 20 || len(p2["items"].([]any)) != 2 {
			t.Fatalf("pages: %v / %v items", p1["total"], len(p2["items"].([]any)))
		}
		if first := p1["items"].([]any)[0].(map[string]any); first["id"].(float64) != float64(cid) {
			t.Errorf("soonest first: %v", first["title"])
		}

		// Suspension.
		if rec := f.do("POST", pp+"/suspend", staff, map[string]any{}); rec.Code != 422 || errField(t, rec, "reason") == "" {
			t.Fatalf("suspend without a reason: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", pp+"/suspend", staff, map[string]any{"reason": "年度检查不合格"}); rec.Code != 200 || decode(t, rec)["status"] != "suspended" {
			t.Fatalf("suspend: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", pp+"/classes", emp, goodClassBody(nil)); rec.Code != 422 || !strings.Contains(errField(t, rec, "provider"), "暂停") {
			t.Fatalf("a suspended provider opens a class: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", pp, "", nil); rec.Code != 404 {
			t.Errorf("a suspended provider to the public: %d", rec.Code)
		}
		if rec := f.do("POST", pp+"/reinstate", staff, map[string]any{"reason": "整改合格"}); rec.Code != 200 || decode(t, rec)["status"] != "designated" {
			t.Fatalf("reinstate: %d %s", rec.Code, rec.Body)
		}

		// Staff register a provider: designated at once.
		rec = f.do("POST", "/api/v1/training/providers", staff, goodApplication(func(m map[string]any) {
			m["name"], m["kind"], m["enterprise_id"] = "东西湖区职业技能鉴定所", "evaluator", 0
		}))
		if rec.Code != 201 || decode(t, rec)["status"] != "designated" {
			t.Fatalf("staff register: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/training/standards?type=upgrade&level=3&date=2025-07-01", "", nil); rec.Code != 200 || decode(t, rec)["subsidy_yuan"].(float64) != 2000 {
			t.Errorf("standard: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/training/standards?type=upgrade&level=9", "", nil); rec.Code != 422 || errField(t, rec, "level") == "" || errField(t, rec, "date") == "" {
			t.Errorf("bad standard query: %d %s", rec.Code, rec.Body)
		}

		for _, c := range []struct{ method, path string }{{"GET", "/api/v1/training/providers/%d"}, {"POST", "/api/v1/training/providers/%d/designate"},
			{"POST", "/api/v1/training/providers/%d/suspend"}, {"POST", "/api/v1/training/providers/%d/classes"}, {"GET", "/api/v1/training/classes/%d"},
			{"PUT", "/api/v1/training/classes/%d"}, {"POST", "/api/v1/training/classes/%d/approve"}, {"POST", "/api/v1/training/classes/%d/return"}} {
			who, body := staff, any(map[string]any{"reason": "x"})
			if strings.HasSuffix(c.path, "classes") || c.method == "PUT" {
				who, body = emp, goodClassBody(nil)
			}
			if c.method == "GET" {
				body = nil
			}
			if rec := f.do(c.method, fmt.Sprintf(c.path, 987654), who, body); rec.Code != 404 {
				t.Errorf("%s %s of an unknown id: %d %s", c.method, c.path, rec.Code, rec.Body)
			}
		}
		for action, want := range map[string]int{"training.provider.create": 1, "training.provider.designate": 1, "training.provider.suspend": 1,
			"training.provider.reinstate": 1} {
			if n := auditFor(t, db, action, "training_provider", pid, "ok"); n != want {
				t.Errorf("%s audits: %d, want %d", action, n, want)
			}
		}
		for action, want := range map[string]int{"training.class.create": 1, "training.class.return": 1, "training.class.update": 2, "training.class.approve": 1} {
			if n := auditFor(t, db, action, "training_class", cid, "ok"); n != want {
				t.Errorf("%s audits: %d, want %d", action, n, want)
			}
		}
	})
}

// TestTrainingPages: the HTML faces — an employer applies by the form
// (occupations by name, a bad row's message on that row), staff designate
// on the provider's page, the employer opens a class by the form, staff
// file it, the public search finds it by occupation name, and staff export
// the classes (audited).
func TestTrainingPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := trainingFixture(t, db)
		staff, emp := f.token("staff"), f.token("employer")
		app := url.Values{"name": {"临空港焊接培训学校"}, "kind": {"institution"}, "region_code": {"420112001"}, "address": {"临空港大道 1 号"},
			"contact_name": {"李老师"}, "contact_phone": {"13807100000"}, "scope_occ_0": {"焊工"}, "scope_level_0": {"5"},
			"scope_occ_2": {"火星种菜师"}, "scope_level_2": {"4"}}
		rec := f.form("/enterprise/training/apply", emp, app)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-scope_occ_2"`) {
			t.Fatalf("a bad scope row: %d", rec.Code)
		}
		app.Del("scope_occ_2")
		app.Del("scope_level_2")
		if rec := f.form("/enterprise/training/apply", emp, app); rec.Code != 303 {
			t.Fatalf("apply by form: %d %s", rec.Code, rec.Body)
		}
		pid := int64(decode(t, f.do("GET", "/api/v1/me/training/providers", emp, nil))["items"].([]any)[0].(map[string]any)["id"].(float64))
		pp := fmt.Sprintf("/training/providers/%d", pid)
		if rec := f.page(pp, ""); rec.Code != 404 {
			t.Fatalf("an applying provider's page to the public: %d", rec.Code)
		}
		if rec := f.page(pp, staff); rec.Code != 200 || !strings.Contains(rec.Body.String(), "/designate") {
			t.Fatalf("staff's provider page: %d", rec.Code)
		}
		if rec := f.form("/console/training/providers/"+fmt.Sprint(pid)+"/designate", staff, url.Values{}); rec.Code != 303 {
			t.Fatalf("designate by form: %d %s", rec.Code, rec.Body)
		}
		if rec := f.page("/enterprise/training/providers/"+fmt.Sprint(pid)+"/classes/new", emp); rec.Code != 200 {
			t.Fatalf("class form: %d", rec.Code)
		}
		cls := url.Values{"title": {"焊工（五级）培训班"}, "type": {"employment"}, "occupation": {"焊工"}, "level": {"5"}, "hours": {"60"},
			"capacity": {"30"}, "fee_yuan": {"0"}, "region_code": {"420112001"},
			"s_date_1": {"2025-06-20"}, "s_start_1": {"09:00"}, "s_end_1": {"08:00"}, "s_place_1": {"焊接实训室"}}
		rec = f.form("/enterprise/training/providers/"+fmt.Sprint(pid)+"/classes", emp, cls)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-s_end_1"`) {
			t.Fatalf("a bad session row: %d", rec.Code)
		}
		cls.Set("s_end_1", "17:00")
		rec = f.form("/enterprise/training/providers/"+fmt.Sprint(pid)+"/classes", emp, cls)
		if rec.Code != 303 {
			t.Fatalf("open class by form: %d %s", rec.Code, rec.Body)
		}
		classPath := strings.Split(rec.Header().Get("Location"), "?")[0]
		correctReturnedClass(t, f, classPath, cls)
		if rec := f.page(classPath, staff); rec.Code != 200 || !strings.Contains(rec.Body.String(), "/approve") {
			t.Fatalf("staff's class page: %d", rec.Code)
		}
		if rec := f.form("/console"+classPath+"/approve", staff, url.Values{}); rec.Code != 303 {
			t.Fatalf("approve by form: %d %s", rec.Code, rec.Body)
		}
		if rec := f.page(classPath+"/edit", emp); rec.Code != 404 {
			t.Fatalf("the edit form at a wrong path: %d", rec.Code)
		}
		if rec := f.page("/enterprise"+classPath+"/edit", emp); rec.Code != 409 || !strings.Contains(rec.Body.String(), "已备案") {
			t.Fatalf("editing a filed class: %d", rec.Code)
		}
		body := f.page("/training/classes?occupation="+url.QueryEscape("焊工"), "").Body.String()
		if !strings.Contains(body, "焊工（五级）培训班") || !strings.Contains(body, "共 1 个培训班") {
			t.Fatalf("search page lacks the class")
		}
		if rec := f.page("/training/classes?occupation="+url.QueryEscape("火星种菜师"), ""); rec.Code != 422 {
			t.Fatalf("a search for an unknown occupation: %d", rec.Code)
		}
		for _, p := range []string{"/training/providers", pp, classPath, "/enterprise/training"} {
			tok := ""
			if p == "/enterprise/training" {
				tok = emp
			}
			if rec := f.page(p, tok); rec.Code != 200 {
				t.Errorf("%s: %d", p, rec.Code)
			}
		}
		for _, p := range []string{"/console/training/providers", "/console/training/providers/new", "/console/training/classes?status=all"} {
			if rec := f.page(p, staff); rec.Code != 200 {
				t.Errorf("%s: %d", p, rec.Code)
			}
		}
		rec = f.page("/console/training/providers.xlsx", staff)
		if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Fatalf("providers export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows(x.GetSheetList()[0])
		x.Close()
		if err != nil || len(rows) != 2 || rows[1][1] != "临空港焊接培训学校" || rows[1][8] != "138****0000" || !strings.Contains(rows[1][4], "焊工") {
			t.Fatalf("providers export rows: %v %v", rows, err)
		}
		rec = f.page("/console/training/classes.xlsx", staff)
		if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheet") {
			t.Fatalf("export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		if rows, err := db.ListAudit(context.Background(), audit.Filter{Action: "training.class.export", Limit: 10}); err != nil || len(rows) != 1 {
			t.Errorf("export audits: %d %v", len(rows), err)
		}
	})
}

// correctReturnedClass returns the class opened by form and corrects it
// through the provider's edit form: the form shows the reason and the
// class as saved; a bad field re-renders with what was typed; another
// enterprise's account is told the class does not exist; the corrected
// class goes back to 待备案 with the new place.
func correctReturnedClass(t *testing.T, f *fixture, classPath string, cls url.Values) {
	t.Helper()
	staff, emp := f.token("staff"), f.token("employer")
	if rec := f.form("/console"+classPath+"/return", staff, url.Values{"reason": {"上课地点请写到教室"}}); rec.Code != 303 {
		t.Fatalf("return by form: %d %s", rec.Code, rec.Body)
	}
	if body := f.page("/enterprise/training", emp).Body.String(); !strings.Contains(body, "/enterprise"+classPath+"/edit") {
		t.Fatalf("the provider's list lacks the edit link")
	}
	edit := "/enterprise" + classPath + "/edit"
	rec := f.page(edit, emp)
	body := rec.Body.String()
	for _, want := range []string{"上课地点请写到教室", `value="焊工（五级）培训班"`, `value="焊接实训室"`, `value="2025-06-20"`, `value="焊工"`, "提交修改，重新备案"} {
		if rec.Code != 200 || !strings.Contains(body, want) {
			t.Fatalf("edit form %d lacks %q", rec.Code, want)
		}
	}
	if rec := f.page(edit, f.token("employer2")); rec.Code != 404 {
		t.Fatalf("another enterprise's edit form: %d", rec.Code)
	}
	bad := url.Values{}
	for k, v := range cls {
		bad[k] = v
	}
	bad.Set("capacity", "三十")
	bad.Set("s_place_1", "焊接实训室 A201")
	rec = f.form(edit, emp, bad)
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), `id="e-capacity"`) || !strings.Contains(rec.Body.String(), `value="焊接实训室 A201"`) {
		t.Fatalf("a bad correction: %d", rec.Code)
	}
	bad.Set("capacity", "30")
	if rec := f.form(edit, emp, bad); rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "done=resubmitted") {
		t.Fatalf("correction: %d %s", rec.Code, rec.Body)
	}
	body = f.page(classPath, emp).Body.String()
	if !strings.Contains(body, "待备案") || !strings.Contains(body, "焊接实训室 A201") {
		t.Fatalf("the corrected class is not pending with its new place")
	}
}
