package server_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/store"
)

// TestCalculatorPageAndAPIAgree: the anonymous calculator page and
// POST /api/v1/policies/match answer the same input alike. The page once
// inferred the province from the city on its own, so a 武汉 school made a
// graduate eligible on the page and not through the API.
func TestCalculatorPageAndAPIAgree(t *testing.T) {
	cases := []struct {
		name string
		form map[string]string
		want string // a policy both must find eligible ("" for none)
	}{
		{"武汉高校毕业学年低保家庭", map[string]string{"gender": "女", "birth_date": "2002-05-01", "education": "本科",
			"graduation_date": "2025-06-30", "full_time": "true", "student_status": "在校", "school_type": "普通高校",
			"school_city": "武汉市", "family_hardship": "低保家庭", "hukou_city": "武汉市"}, "schoolProvince"},
		{"省外高校", map[string]string{"gender": "男", "birth_date": "2002-05-01", "education": "本科",
			"graduation_date": "2025-06-30", "full_time": "true", "student_status": "在校", "school_type": "普通高校",
			"school_city": "湖北省外", "family_hardship": "低保家庭", "hukou_city": "湖北省外"}, ""},
		{"武汉户籍失业登记", map[string]string{"gender": "女", "birth_date": "1978-03-15", "education": "高中",
			"hukou_city": "武汉市", "employment_status": "失业", "unemployment_registered": "true", "difficulty_certified": "true",
			"unemployed_months": "7"}, ""},
	}
	eligibleLink := regexp.MustCompile(`<h3><a href="/policies/([^"]+)">`)
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f, _ := policyFixture(t, db)
		set, err := f.app.Policies.Catalog(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		schoolProvince := "" // the policy whose criteria ask school_province = 湖北省
		for id, d := range set.Docs {
			if strings.Contains(d.Body, "field: school_province") {
				schoolProvince = id
			}
		}
		if schoolProvince == "" {
			t.Fatal("no policy asks for school_province")
		}
		for _, c := range cases {
			vals, attrs := url.Values{}, map[string]any{}
			for k, v := range c.form {
				vals.Set(k, v)
				switch {
				case v == "true" || v == "false":
					attrs[k] = v == "true"
				case k == "family_hardship":
					attrs[k] = []string{v}
				case k == "unemployed_months":
					attrs[k] = 7.0
				default:
					attrs[k] = v
				}
			}
			page := f.form("/policies/check", "", vals)
			if page.Code != 200 {
				t.Fatalf("%s: page %d %s", c.name, page.Code, page.Body)
			}
			body := page.Body.String()
			if i := strings.Index(body, "<h2>差一点"); i > 0 { // the near-miss section, not the banner's words
				body = body[:i]
			}
			var onPage []string
			for _, m := range eligibleLink.FindAllStringSubmatch(body, -1) {
				onPage = append(onPage, m[1])
			}
			rec := f.do("POST", "/api/v1/policies/match", "", map[string]any{"kind": "person", "attrs": attrs})
			if rec.Code != 200 {
				t.Fatalf("%s: API %d %s", c.name, rec.Code, rec.Body)
			}
			var res policy.Result
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			var byAPI []string
			for _, e := range res.Eligible {
				byAPI = append(byAPI, e.PolicyID)
			}
			slices.Sort(onPage)
			slices.Sort(byAPI)
			if !slices.Equal(onPage, byAPI) {
				t.Errorf("%s: page finds %v eligible, the API %v", c.name, onPage, byAPI)
			}
			if c.want == "schoolProvince" && !slices.Contains(byAPI, schoolProvince) {
				t.Errorf("%s: %s (school in 湖北) not eligible through the API: %v", c.name, schoolProvince, byAPI)
			}
			if c.name == "省外高校" && slices.Contains(byAPI, schoolProvince) {
				t.Errorf("%s: %s eligible for a school outside 湖北", c.name, schoolProvince)
			}
		}
	})
}
