package server_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// meRegions reads the regions of the caller's own record through the API.
func (f *fixture) meRegions(token string) (hukou, residence, enterprise string) {
	f.t.Helper()
	m := decode(f.t, f.do("GET", "/api/v1/me", token, nil))
	if p, ok := m["person"].(map[string]any); ok {
		hukou, _ = p["hukou_region"].(string)
		residence, _ = p["residence_region"].(string)
	}
	if e, ok := m["enterprise"].(map[string]any); ok {
		enterprise, _ = e["region_code"].(string)
	}
	return
}

// personEditValues is the /me/edit form with the two place fields as given.
func personEditValues(hukou, hukouText, residence, residenceText string) url.Values {
	return url.Values{"name": {"王小明"}, "phone": {"13800001111"}, "education": {"高中"},
		"hukou_region": {hukou}, "hukou_region_text": {hukouText},
		"residence_region": {residence}, "residence_region_text": {residenceText}, "employment_status": {"失业"}}
}

// TestRegionsByName is issue 12 item 2 for the registry's own places: 户籍地,
// 常住地 and 注册地 are picked from Wuhan's district → street list or named
// in the 其他地区 box, anywhere in China; a name several places share comes
// back as a choice list, an unknown one as a message, with what was typed
// kept and nothing saved. The API still takes codes.
func TestRegionsByName(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		person := f.token("person")

		body := f.page("/me/edit", person).Body.String()
		for _, want := range []string{`<legend>户籍地</legend>`, `<select id="f-hukou_region" name="hukou_region" class="place" data-place-picker`,
			`<option value="420112001">吴家山街</option>`, `name="hukou_region_text"`, `name="residence_region_text"`} {
			if !strings.Contains(body, want) {
				t.Errorf("/me/edit lacks %s", want)
			}
		}
		for _, bad := range []string{"行政区划代码", `list="wuhan-regions"`, "data-region-picker"} {
			if strings.Contains(body, bad) {
				t.Errorf("/me/edit still shows %q", bad)
			}
		}

		// the Wuhan list for one, another province by name for the other
		if rec := f.form("/me/edit", person, personEditValues("420112001", "", "", "河南 信阳 固始县")); rec.Code != 303 {
			t.Fatalf("save by name: %d %v", rec.Code, errorsOf(rec.Body.String()))
		}
		if h, r, _ := f.meRegions(person); h != "420112001" || r != "411525" {
			t.Fatalf("saved regions %q %q, want 420112001 411525", h, r)
		}
		// a place outside Wuhan comes back by name in the 其他地区 box
		body = f.page("/me/edit", person).Body.String()
		if !strings.Contains(body, `name="residence_region_text" value="河南省 信阳市 固始县"`) || !strings.Contains(body, `<option value="420112001" selected>`) {
			t.Errorf("the edit form does not show the saved places by name: %s", regexp.MustCompile(`name="residence_region_text"[^>]*`).FindString(body))
		}

		// a name two places share: a choice list, nothing saved, the rest kept
		rec := f.form("/me/edit", person, personEditValues("", "朝阳区", "420112", ""))
		body = rec.Body.String()
		if rec.Code != 422 || !strings.Contains(body, "有 2 个地方叫“朝阳区”，请选一个") {
			t.Fatalf("ambiguous: %d %v", rec.Code, errorsOf(body))
		}
		for _, want := range []string{`<select id="f-hukou_region_text" name="hukou_region_text" aria-invalid="true"`, `<option value="朝阳区">请选择（您填的是“朝阳区”）</option>`,
			`<option value="110105">北京市 朝阳区</option>`, `<option value="220104">吉林省 长春市 朝阳区</option>`, `<option value="420112" selected>`, `value="13800001111"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the choice list page lacks %s", want)
			}
		}
		if h, r, _ := f.meRegions(person); h != "420112001" || r != "411525" {
			t.Fatalf("an ambiguous name saved something: %q %q", h, r)
		}
		// picking a choice sends its code
		if rec := f.form("/me/edit", person, personEditValues("", "220104", "420112", "")); rec.Code != 303 {
			t.Fatalf("save a choice: %d %v", rec.Code, errorsOf(rec.Body.String()))
		}
		if h, r, _ := f.meRegions(person); h != "220104" || r != "420112" {
			t.Fatalf("saved regions %q %q, want 220104 420112", h, r)
		}

		// unknown: a message, what was typed kept
		rec = f.form("/me/edit", person, personEditValues("", "火星基地", "", "北京市 朝阳区"))
		body = rec.Body.String()
		if rec.Code != 422 || !strings.Contains(body, "没有找到“火星基地”这个地方") || !strings.Contains(body, `name="hukou_region_text" value="火星基地"`) ||
			!strings.Contains(body, `name="residence_region_text" value="北京市 朝阳区"`) {
			t.Fatalf("unknown: %d %v", rec.Code, errorsOf(body))
		}
		if h, _, _ := f.meRegions(person); h != "220104" {
			t.Fatalf("an unknown name saved something: %q", h)
		}

		// staff 代办 edits a person's places by name
		pid := f.users["person2"].User.PersonID
		staff := f.token("staff")
		path := fmt.Sprintf("/console/persons/%d/edit", pid)
		if rec := f.form(path, staff, personEditValues("", "仙桃市", "", "吴家山街道")); rec.Code != 303 {
			t.Fatalf("staff save by name: %d %v", rec.Code, errorsOf(rec.Body.String()))
		}
		if h, r, _ := f.meRegions(f.token("person2")); h != "429004" || r != "420112001" {
			t.Fatalf("staff saved %q %q, want 429004 420112001", h, r)
		}

		// an enterprise registers with its 注册地 by name, then moves by the list
		phone := registry.GeneratePhone(f.rng)
		reg := func(region, text string) url.Values {
			return f.signUpForm(url.Values{"kind": {"employer"}, "step": {"2"}, "phone": {phone}, "name": {"刘经理"},
				"enterprise.name": {"信阳固始茶业有限公司"}, "enterprise.uscc": {registry.GenerateUSCC(f.rng, "411525")},
				"enterprise.industry_code": {"54"}, "enterprise.region_code": {region}, "enterprise.region_code_text": {text},
				"password": {"jiang7river"}, "password2": {"jiang7river"}})
		}
		rec = f.form("/register", "", reg("", "朝阳区"))
		if body = rec.Body.String(); rec.Code != 422 || !strings.Contains(body, `<option value="110105">北京市 朝阳区</option>`) || !strings.Contains(body, `value="信阳固始茶业有限公司"`) {
			t.Fatalf("register ambiguous: %d %v", rec.Code, errorsOf(body))
		}
		rec = f.form("/register", "", reg("", "河南省信阳市固始县"))
		if rec.Code != 303 {
			t.Fatalf("register by name: %d %v", rec.Code, errorsOf(rec.Body.String()))
		}
		emp := ""
		for _, c := range rec.Result().Cookies() {
			if c.Name == "jiuye_session" {
				emp = c.Value
			}
		}
		if _, _, e := f.meRegions(emp); e != "411525" {
			t.Fatalf("registered 注册地 %q, want 411525", e)
		}
		if body = f.page("/enterprise/edit", emp).Body.String(); !strings.Contains(body, `name="enterprise.region_code_text" value="河南省 信阳市 固始县"`) {
			t.Errorf("the enterprise form does not show 注册地 by name")
		}
		edit := url.Values{"enterprise.name": {"信阳固始茶业有限公司"}, "enterprise.industry_code": {"54"}, "enterprise.region_code": {"420112"}}
		if rec := f.form("/enterprise/edit", emp, edit); rec.Code != 303 {
			t.Fatalf("enterprise edit by list: %d %v", rec.Code, errorsOf(rec.Body.String()))
		}
		if _, _, e := f.meRegions(emp); e != "420112" {
			t.Fatalf("edited 注册地 %q, want 420112", e)
		}
		// the staff console's enterprise list names 行业 and 注册地
		list := f.page("/console?kind=enterprise&q="+url.QueryEscape("信阳固始茶业"), staff).Body.String()
		if !strings.Contains(list, `<td data-label="行业">道路运输业</td><td data-label="注册地">湖北省 武汉市 东西湖区</td>`) {
			t.Errorf("the console list does not name 行业 and 注册地: %s", regexp.MustCompile(`<td data-label="行业">.*?</td>.*?</td>`).FindString(list))
		}
		edit.Set("enterprise.region_code_text", "不存在的地方")
		if rec := f.form("/enterprise/edit", emp, edit); rec.Code != 422 || !strings.Contains(rec.Body.String(), "没有找到“不存在的地方”这个地方") {
			t.Fatalf("enterprise edit unknown: %d %v", rec.Code, errorsOf(rec.Body.String()))
		}
	})
}

// TestAuditObjectTypeFilter: the audit log's 对象类型 filter is a select of
// the object types by Chinese name, with the same query parameter; a type
// not in it (from a link) is kept as its own option.
func TestAuditObjectTypeFilter(t *testing.T) {
	f := newFixture(t, storeSQLite(t), serverOpts())
	admin := f.token("admin")
	body := f.page("/admin/audit?object_type=enterprise", admin).Body.String()
	for _, want := range []string{`<select name="object_type" aria-label="对象类型"><option value="">全部对象类型</option>`,
		`<option value="enterprise" selected>企业档案</option>`, `<option value="person">人员档案</option>`, `<option value="job_post">岗位</option>`,
		`<td data-label="对象">企业档案 `} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %s", want)
		}
	}
	if strings.Contains(body, `<input name="object_type"`) {
		t.Error("the object type filter is still a text box")
	}
	if body := f.page("/admin/audit?object_type=widget", admin).Body.String(); !strings.Contains(body, `<option value="widget" selected>widget</option>`) {
		t.Error("an unknown object type in the URL is not kept")
	}
}
