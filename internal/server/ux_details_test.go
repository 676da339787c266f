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
