package server_test

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// resumeByNameForm is the resume form as the page now sends it: the
// occupation typed by name, the place picked from the district → street
// list, a past job's occupation by name; no code typed anywhere.
func resumeByNameForm(occupation string) url.Values {
	v := resumeWebForm()
	v.Del("intentions[0].occupation_codes")
	v.Del("intentions[0].region_codes")
	v.Add("intentions[0].occupations", occupation)
	v.Add("intentions[0].occupations", "") // the empty slot for one more
	v.Add("intentions[0].region_codes", "420112001")
	v.Add("intentions[0].region_codes", "")
	v.Set("work[0].occupation", "仓管")
	return v
}

// TestResumeByName: a person builds a resume without typing a code. A
// name, an alias or an everyday title the classifier is sure of becomes
// the code; a title that could be several occupations re-renders the form
// with a "did you mean" list (a select that sends the chosen code) and
// saves nothing; something unknown says so. The form shows no code.
func TestResumeByName(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")

		body := f.page("/me/resume", person).Body.String()
		for _, bad := range []string{"职业代码", "行政区划代码", "纬度", "经度", `list="wuhan-regions"`} {
			if strings.Contains(body, bad) {
				t.Errorf("the resume form still shows %q", bad)
			}
		}
		for _, want := range []string{`name="intentions[0].occupations"`, `data-occ-suggest`, `<select id="f-intentions[0].reg-0" name="intentions[0].region_codes" class="place" data-place-picker`,
			`<optgroup label="东西湖区"><option value="420112">东西湖区（全区）</option>`, `<option value="420112001">吴家山街</option>`, `type="hidden" id="f-lat" name="lat"`, "使用我的位置"} {
			if !strings.Contains(body, want) {
				t.Errorf("the resume form lacks %s", want)
			}
		}

		// an everyday title: 电焊工 is 焊工 (6-18-02-04)
		if rec := f.form("/me/resume", person, resumeByNameForm("电焊工")); rec.Code != 303 {
			t.Fatalf("save by name: %d %s", rec.Code, errorsOf(rec.Body.String()))
		}
		m := decode(t, f.do("GET", "/api/v1/me/resume", person, nil))
		it := m["intentions"].([]any)[0].(map[string]any)
		if got := it["occupation_codes"]; !slices.Equal(strs(got), []string{"6-18-02-04"}) {
			t.Errorf("occupation codes %v", got)
		}
		if got := it["region_codes"]; !slices.Equal(strs(got), []string{"420112001"}) {
			t.Errorf("region codes %v", got)
		}
		if got := m["work"].([]any)[0].(map[string]any)["occupation_code"]; got != "4-02-06-01" {
			t.Errorf("work occupation %v, want 仓储管理员 4-02-06-01", got)
		}
		body = f.page("/me/resume", person).Body.String()
		for _, want := range []string{`name="intentions[0].occupations" value="焊工"`, `<option value="420112001" selected>`, `name="work[0].occupation" value="仓储管理员"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the saved resume does not show %s", want)
			}
		}

		// ambiguous: 司机 offers choices and saves nothing
		before := auditCount(t, f.db, "resume.update", "")
		rec := f.form("/me/resume", person, resumeByNameForm("司机"))
		body = rec.Body.String()
		if rec.Code != 422 || !strings.Contains(body, "“司机”可能是下面几种职业，请选一个") {
			t.Fatalf("ambiguous: %d %s", rec.Code, errorsOf(body))
		}
		sel := regexp.MustCompile(`<select id="f-intentions\[0\]\.occ-0" name="intentions\[0\]\.occupations"[^>]*>([\s\S]*?)</select>`).FindStringSubmatch(body)
		if sel == nil || !strings.Contains(sel[1], `<option value="4-02-02-01">客运车辆驾驶员</option>`) || !strings.Contains(sel[1], `<option value="司机">`) {
			t.Fatalf("no choice list: %v", sel)
		}
		if n := auditCount(t, f.db, "resume.update", ""); n != before {
			t.Fatalf("an ambiguous occupation was saved")
		}
		if rec := f.form("/me/resume", person, resumeByNameForm("4-02-02-01")); rec.Code != 303 {
			t.Fatalf("the chosen code: %d %s", rec.Code, errorsOf(rec.Body.String()))
		}

		// unknown
		rec = f.form("/me/resume", person, resumeByNameForm("xyzzy"))
		if body := rec.Body.String(); rec.Code != 422 || !strings.Contains(body, "没有找到“xyzzy”对应的职业") || !strings.Contains(body, `value="xyzzy"`) {
			t.Fatalf("unknown: %d %s", rec.Code, errorsOf(body))
		}
		// a work occupation that is not recognised is a field error of that row
		v := resumeByNameForm("焊工")
		v.Set("work[0].occupation", "qqqq")
		if rec := f.form("/me/resume", person, v); rec.Code != 422 || !strings.Contains(rec.Body.String(), "没有找到“qqqq”") {
			t.Fatalf("unknown work occupation: %d", rec.Code)
		}

		// two places and the location cleared
		v = resumeByNameForm("焊工")
		v.Set("lat", "30.62")
		v.Set("lng", "114.14")
		v["intentions[0].region_codes"] = []string{"420112001", "420104"}
		if rec := f.form("/me/resume", person, v); rec.Code != 303 {
			t.Fatalf("save two places: %d %s", rec.Code, errorsOf(rec.Body.String()))
		}
		body = f.page("/me/resume", person).Body.String()
		if !strings.Contains(body, "已记录大致位置") || !strings.Contains(body, `name="clear_location"`) || strings.Count(body, `name="intentions[0].region_codes"`) != 3 {
			t.Errorf("saved location or places not shown")
		}
		v.Set("clear_location", "1")
		if rec := f.form("/me/resume", person, v); rec.Code != 303 {
			t.Fatalf("clear location: %d", rec.Code)
		}
		if m := decode(t, f.do("GET", "/api/v1/me/resume", person, nil)); m["lat"] != nil {
			t.Errorf("location not cleared: %v", m["lat"])
		}
	})
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// errorsOf is the field errors of a page, for a failure message.
func errorsOf(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<p class="error"[^>]*>([^<]*)</p>`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestSavedSearchWords: a saved search is listed in words, never as its
// query string, and is named from them when the person gives no name.
func TestSavedSearchWords(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		rec := f.form("/me/saved-searches", person, url.Values{"query": {"q=焊工&region=420112&salary_min=6000&occupation=6-18-02-04&near=30.62,114.14&radius_km=10"}})
		if rec.Code != 303 {
			t.Fatalf("save: %d %s", rec.Code, rec.Body)
		}
		if rec := f.form("/me/saved-searches", person, url.Values{"query": {"region=420112001&education=大专&experience=0"}, "name": {"家门口的工作"}}); rec.Code != 303 {
			t.Fatalf("save named: %d", rec.Code)
		}
		items := decode(t, f.do("GET", "/api/v1/me/saved-searches", person, nil))["items"].([]any)
		names := map[string]bool{}
		for _, it := range items {
			names[it.(map[string]any)["name"].(string)] = true
		}
		if !names["关键词 焊工 · 东西湖区 · 焊工 · 6000 元以上…"] || !names["家门口的工作"] { // cut at 30 characters
			t.Errorf("names %v", names)
		}
		body := f.page("/me/saved-searches", person).Body.String()
		for _, want := range []string{"家门口的工作", "东西湖区 吴家山街 · 学历 大专 · 无工作经验"} {
			if !strings.Contains(body, want) {
				t.Errorf("the list lacks %q", want)
			}
		}
		if !strings.Contains(body, "关键词 焊工 · 东西湖区 · 焊工 · 6000 元以上 · 附近 10 公里内") || strings.Contains(body, ">q=") || strings.Contains(body, ">region=") {
			t.Errorf("the list shows a raw query string")
		}
	})
}

// TestAuditActionFilter: the audit log's action filter is a list of
// actions by their Chinese names; the chosen one stays selected.
func TestAuditActionFilter(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))
	admin := f.token("admin")
	body := f.page("/admin/audit?action=person.view_pii", admin).Body.String()
	for _, want := range []string{`<select name="action" aria-label="动作"><option value="">全部动作</option>`, `<option value="person.view_pii" selected>查看完整个人信息</option>`,
		`<option value="resume.update">保存简历（他人保存即代办）</option>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit filter lacks %s", want)
		}
	}
	if strings.Contains(body, `placeholder="动作，如 person.view_pii"`) {
		t.Errorf("the action is still typed")
	}
	if body := f.page("/admin/audit?action=made.up", admin).Body.String(); !strings.Contains(body, `<option value="made.up" selected>made.up</option>`) {
		t.Errorf("an action from the URL is not kept")
	}
}

// TestPostFormByName: the post form asks for no code: 其他 takes an
// occupation by name (resolved on the server, or its choices added to the
// list with a message), the position is hidden and filled by 使用当前位置,
// and a saved position can be cleared.
func TestPostFormByName(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))
	emp := f.token("employer")
	body := f.page("/enterprise/jobs/new", emp).Body.String()
	for _, bad := range []string{"职业代码", "纬度", "经度", `placeholder="如 6-18-02-04"`} {
		if strings.Contains(body, bad) {
			t.Errorf("the post form still shows %q", bad)
		}
	}
	for _, want := range []string{`type="hidden" id="f-lat" name="lat"`, `data-geolocate="f-lat f-lng"`, "使用当前位置", `name="occupation_manual"`, "data-occ-suggest"} {
		if !strings.Contains(body, want) {
			t.Errorf("the post form lacks %s", want)
		}
	}
	// 司机 under 其他: the choices join the list, nothing is saved
	v := webPostForm()
	v.Set("occupation_code", "other")
	v.Set("occupation_manual", "司机")
	rec := f.form("/enterprise/jobs/new", emp, v)
	if body := rec.Body.String(); rec.Code != 422 || !strings.Contains(body, "“司机”可能是下面几种职业") || !strings.Contains(body, `<option value="4-02-02-01">客运车辆驾驶员`) {
		t.Fatalf("ambiguous: %d %v", rec.Code, errorsOf(body))
	}
	// 电焊工 under 其他 is 焊工; a position from the button
	v.Set("occupation_manual", "电焊工")
	v.Set("lat", "30.631")
	v.Set("lng", "114.132")
	if rec := f.form("/enterprise/jobs/new", emp, v); rec.Code != 303 {
		t.Fatalf("save by name: %d %v", rec.Code, errorsOf(rec.Body.String()))
	}
	items := decode(t, f.do("GET", "/api/v1/me/jobs", emp, nil))["items"].([]any)
	p := items[0].(map[string]any)
	if p["occupation_code"] != "6-18-02-04" || p["lat"] != 30.631 {
		t.Fatalf("stored %v %v", p["occupation_code"], p["lat"])
	}
	edit := fmt.Sprintf("/enterprise/jobs/%v/edit", p["id"])
	body = f.page(edit, emp).Body.String()
	if !strings.Contains(body, "已记录工作地点位置") || !strings.Contains(body, `name="clear_location"`) {
		t.Fatalf("the edit form does not show the position")
	}
	v.Set("clear_location", "1")
	if rec := f.form(edit, emp, v); rec.Code != 303 {
		t.Fatalf("clear: %d %v", rec.Code, errorsOf(rec.Body.String()))
	}
	items = decode(t, f.do("GET", "/api/v1/me/jobs", emp, nil))["items"].([]any)
	if p := items[0].(map[string]any); p["lat"] != nil {
		t.Fatalf("position not cleared: %v", p["lat"])
	}
}
