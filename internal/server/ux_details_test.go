package server_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestCalculatorRadios: the calculator's yes/no questions are radio
// buttons (是 · 否 · 不清楚), never selects, and a form posted without
// JavaScript sends the same values the selects sent ("true", "false", "").
func TestCalculatorRadios(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		body := f.page("/policies/check", "").Body.String()
		yesno := regexp.MustCompile(`<fieldset class="field yesno">`)
		// every yes/no question: 13 on the calculator (and a person's
		// /me/policies), 5 on an enterprise's /me/policies
		emp := f.page("/me/policies", f.token("employer")).Body.String()
		if n, m := len(yesno.FindAllStringIndex(body, -1)), len(yesno.FindAllStringIndex(emp, -1)); n < 13 || m < 5 {
			t.Fatalf("%d + %d yes/no radio groups on the calculator and an employer's questionnaire, want 13 + 5", n, m)
		}
		if strings.Contains(emp, `<option value="true">是</option>`) {
			t.Error("a yes/no select is left on the employer's questionnaire")
		}
		for _, q := range []string{"difficulty_certified", "unemployment_registered", "disabled", "full_time"} {
			for _, v := range []string{"true", "false", ""} {
				if !strings.Contains(body, `<input type="radio" name="`+q+`" value="`+v+`"`) {
					t.Errorf("%s: no radio with value %q", q, v)
				}
			}
			if strings.Contains(body, `<select id="q-`+q+`"`) {
				t.Errorf("%s is still a select", q)
			}
		}
		if strings.Contains(body, `<option value="true">是</option>`) {
			t.Error("a yes/no select is left on the calculator")
		}
		form := url.Values{"gender": {"女"}, "birth_date": {"1978-03-15"}, "education": {"高中"}, "hukou_city": {"武汉市"},
			"employment_status": {"失业"}, "unemployment_registered": {"true"}, "difficulty_certified": {"false"}, "disabled": {""}}
		rec := f.form("/policies/check", "", form)
		if rec.Code != 200 {
			t.Fatalf("posting the calculator: %d", rec.Code)
		}
		// The answers come back checked.
		res := rec.Body.String()
		for q, v := range map[string]string{"unemployment_registered": "true", "difficulty_certified": "false", "disabled": ""} {
			if !strings.Contains(res, `<input type="radio" name="`+q+`" value="`+v+`" checked>`) {
				t.Errorf("%s=%q is not checked on the result page", q, v)
			}
		}
	})
}

// TestGuidanceTile: the home page's 职业指导 tile links to a page that
// exists and leads to the resume and its diagnosis (a person gets the
// links, a visitor the way to log in first); nothing says 即将上线 there.
func TestGuidanceTile(t *testing.T) {
	f := newFixture(t, storeSQLite(t), serverOpts())
	home := f.page("/", "").Body.String()
	tile := regexp.MustCompile(`(?s)<li class="tile">\s*<a href="/guidance">.*?</li>`).FindString(home)
	if tile == "" || strings.Contains(tile, "即将上线") {
		t.Fatalf("职业指导 tile: %q", tile)
	}
	anon := f.page("/guidance", "")
	if anon.Code != 200 || !strings.Contains(anon.Body.String(), `href="/login?next=%2Fme%2Fresume%2Fdiagnosis"`) || strings.Contains(anon.Body.String(), `href="/me/resume/diagnosis"`) {
		t.Fatalf("/guidance for a visitor: %d", anon.Code)
	}
	person := f.page("/guidance", f.token("person")).Body.String()
	if !strings.Contains(person, `href="/me/resume"`) || !strings.Contains(person, `href="/me/resume/diagnosis"`) {
		t.Fatal("/guidance for a person: no links to the resume and its diagnosis")
	}
	if rec := f.page("/me/resume/diagnosis", f.token("person")); rec.Code != 200 {
		t.Fatalf("the diagnosis the tile leads to: %d", rec.Code)
	}
}

// TestPartialImportWarns: an import that saved some rows and refused others
// is shown in a warning box, not the green success one.
func TestPartialImportWarns(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))
	id := importRedirect(t, f.upload("employer", "岗位.xlsx", fiveRows(t)))
	if run, _ := f.waitImport("employer", id); run.Saved == 0 || run.Failed == 0 {
		t.Fatalf("want a partial import: %+v", run)
	}
	body := f.page(fmt.Sprintf("/enterprise/job-imports/%d", id), f.token("employer")).Body.String()
	if strings.Contains(body, `<p class="flash"`) || !strings.Contains(body, `<p class="notice warnbox" role="status">已导入 `) {
		t.Fatalf("partial import result box:\n%s", body)
	}
	if strings.Contains(body, `<span class="tag ok">`) {
		t.Error("a partial import is tagged green")
	}
}

// TestPolicyBuilderGroups: staff build "户籍武汉 且（毕业两年内 或 在校）"
// without YAML: 添加条件组 adds a group (keeping what was typed), the group's
// 满足任一 is saved as a nested any, and the saved policy opens again in the
// builder with its group; a built-in policy with such a group opens in the
// builder too, not in the YAML editor.
func TestPolicyBuilderGroups(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		staff := f.token("staff")
		form := url.Values{"id": {"wh_test_groups"}, "name": {"测试条件组政策"}, "category": {"就业补贴"}, "beneficiary": {"person"},
			"match_mode": {"auto"}, "valid_status": {"active"}, "combine": {"all"},
			"row0.field": {"hukou_city"}, "row0.op": {"eq"}, "row0.value": {"武汉市"},
			"amount_text": {"一次性 1000 元"}, "benefit_type": {"fixed"}, "yuan": {"1000"}, "channel": {"线下"}, "note": {"测试"},
			"action": {"add_group"}}
		rec := f.form("/console/policies/new", staff, form)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, `name="g0.combine"`) || !strings.Contains(body, `name="g0.row0.field"`) ||
			!strings.Contains(body, "测试条件组政策") || strings.Contains(body, `name="criteria_yaml"`) {
			t.Fatalf("添加条件组: %d", rec.Code)
		}
		form.Set("action", "save")
		form.Set("g0.combine", "any")
		form.Set("g0.row0.field", "graduation_date")
		form.Set("g0.row0.op", "within_years")
		form.Set("g0.row0.value", "2")
		form.Set("g0.row1.field", "student_status")
		form.Set("g0.row1.op", "eq")
		form.Set("g0.row1.value", "在校")
		rec = f.form("/console/policies/new", staff, form)
		if rec.Code != 303 {
			t.Fatalf("save: %d %s", rec.Code, rec.Body.String())
		}
		v, err := db.Policies().PolicyVersion(t.Context(), "wh_test_groups", 0)
		if err != nil || !strings.Contains(v.Body, "any:") || !strings.Contains(v.Body, "student_status") {
			t.Fatalf("saved criteria: %v\n%s", err, v.Body)
		}
		edit := f.page("/console/policies/wh_test_groups/edit", staff).Body.String()
		if strings.Contains(edit, `name="criteria_yaml"`) || !strings.Contains(edit, `name="g0.row1.value" value="在校"`) {
			t.Fatal("the saved group does not open in the builder")
		}
		// Removing the group leaves the one condition.
		form.Set("g0.remove", "1")
		if rec := f.form("/console/policies/wh_test_groups/edit", staff, form); rec.Code != 303 {
			t.Fatalf("save without the group: %d", rec.Code)
		}
		if v, _ := db.Policies().PolicyVersion(t.Context(), "wh_test_groups", 0); strings.Contains(v.Body, "student_status") {
			t.Fatal("the removed group is still in the criteria")
		}
	})
}
