package server_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/store"
)

func warehouseResume(discoverable bool) map[string]any {
	m := goodResume()
	m["intentions"] = []map[string]any{{"occupation_codes": []string{"4-02-06-01"}, "region_codes": []string{"420112001"},
		"salary_min": 4500, "salary_max": 6500, "full_time": true}}
	m["skills"] = []string{"叉车", "仓储管理"}
	m["discoverable"] = discoverable
	return m
}

func reasonsOf(it map[string]any) []string {
	var out []string
	for _, r := range it["reasons"].([]any) {
		out = append(out, r.(string))
	}
	return out
}

// TestRecommendations: a person's list from their resume, capped limits, an
// empty list with a hint without a resume; a post's candidates only among
// discoverable resumes, masked, for its employer and staff, 403 (audited)
// for another employer.
func TestRecommendations(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person, person2 := f.token("person"), f.token("person2")

		// no resume: empty list with a hint, not an error
		rec := f.do("GET", "/api/v1/me/recommendations", person, nil)
		if rec.Code != 200 {
			t.Fatalf("no resume: %d %s", rec.Code, rec.Body)
		}
		m := decode(t, rec)
		if items := m["items"].([]any); len(items) != 0 || !strings.Contains(m["hint"].(string), "求职意向") {
			t.Fatalf("no resume: %v", m)
		}

		marketPosts(t, f, 60)
		weld := f.createPost("employer2", weldPost(nil))
		if rec := f.do("POST", "/api/v1/jobs/"+strconv.FormatInt(weld, 10)+"/review", f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		f.catchUp()
		if rec := f.do("PUT", "/api/v1/me/resume", person, warehouseResume(true)); rec.Code != 200 {
			t.Fatalf("save resume: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("PUT", "/api/v1/me/resume", person2, warehouseResume(false)); rec.Code != 200 {
			t.Fatalf("save resume 2: %d %s", rec.Code, rec.Body)
		}

		rec = f.do("GET", "/api/v1/me/recommendations?limit=5", person, nil)
		m = decode(t, rec)
		items := m["items"].([]any)
		if rec.Code != 200 || len(items) != 5 {
			t.Fatalf("recommendations: %d %s", rec.Code, rec.Body)
		}
		first := items[0].(map[string]any)
		job := first["job"].(map[string]any)
		want := []string{"意向职业一致", "同在吴家山街", "薪资符合期望", "新发布"}
		if got := reasonsOf(first); !slices.Equal(got, want) || first["score"].(float64) <= 0 || !strings.HasPrefix(job["title"].(string), "仓管员") ||
			job["enterprise"].(map[string]any)["name"] == "" {
			t.Fatalf("first: %v, reasons %q want %q", first, got, want)
		}
		for _, it := range items {
			if int64(it.(map[string]any)["job"].(map[string]any)["id"].(float64)) == weld {
				t.Errorf("the welding post outranks warehouse posts")
			}
		}
		for _, q := range []string{"limit=10000", "limit=abc", "limit=-1", ""} {
			rec := f.do("GET", "/api/v1/me/recommendations?"+q, person, nil)
			n := len(decode(t, rec)["items"].([]any))
			if rec.Code != 200 || n > 50 || n == 0 {
				t.Errorf("%s: %d, %d items", q, rec.Code, n)
			}
		}
		if n := len(decode(t, f.do("GET", "/api/v1/me/recommendations?limit=10000", person, nil))["items"].([]any)); n != 50 {
			t.Errorf("limit=10000 gave %d items, want the cap 50", n)
		}

		// candidates of one of employer's posts
		posts, _, err := db.Jobs().ListPosts(context.Background(), jobs.PostFilter{EnterpriseID: f.users["employer"].User.EnterpriseID})
		if err != nil || len(posts) == 0 {
			t.Fatal(err)
		}
		path := "/api/v1/jobs/" + strconv.FormatInt(posts[0].ID, 10) + "/candidates?limit=10000"
		for _, role := range []string{"employer", "staff", "admin"} {
			rec := f.do("GET", path, f.token(role), nil)
			if rec.Code != 200 {
				t.Fatalf("%s: %d %s", role, rec.Code, rec.Body)
			}
			items := decode(t, rec)["items"].([]any)
			if len(items) != 1 { // person2 did not opt in
				t.Fatalf("%s: candidates %s", role, rec.Body)
			}
			c := items[0].(map[string]any)
			if c["name"] == "王小明" || !strings.Contains(c["name"].(string), "*") || !strings.Contains(c["phone"].(string), "*") ||
				c["education"] != "中专" || c["score"].(float64) <= 0 || strings.Contains(rec.Body.String(), "id_number") {
				t.Errorf("%s: candidate %v", role, c)
			}
			if got := reasonsOf(c); !slices.Contains(got, "意向职业一致") || !slices.Contains(got, "同在吴家山街") {
				t.Errorf("reasons %q", got)
			}
		}
		// the in-memory pool follows saves: person opts out, person2 in
		f.do("PUT", "/api/v1/me/resume", person, warehouseResume(false))
		f.do("PUT", "/api/v1/me/resume", person2, warehouseResume(true))
		items = decode(t, f.do("GET", path, f.token("employer"), nil))["items"].([]any)
		if len(items) != 1 {
			t.Fatalf("after opt-out/opt-in: %v", items)
		}
		if id := int64(items[0].(map[string]any)["person_id"].(float64)); id != f.users["person2"].User.PersonID {
			t.Errorf("candidate %d, want person2 %d", id, f.users["person2"].User.PersonID)
		}
		before := auditCount(t, db, audit.AccessDenied, "")
		for _, role := range []string{"employer2", "reviewer", "person"} {
			if rec := f.do("GET", path, f.token(role), nil); rec.Code != 403 {
				t.Errorf("%s: %d, want 403", role, rec.Code)
			}
		}
		if after := auditCount(t, db, audit.AccessDenied, ""); after < before+2 {
			t.Errorf("denials audited: %d → %d", before, after)
		}
		if rec := f.do("GET", "/api/v1/jobs/99999999/candidates", f.token("employer"), nil); rec.Code != 404 {
			t.Errorf("unknown post: %d", rec.Code)
		}
	})
}

// TestRecommendationPages: 为您推荐 for a person (hint without a resume,
// reasons with one) and a post's candidates for its employer.
func TestRecommendationPages(t *testing.T) {
	f := jobsFixture(t, storeSQLite(t))
	person := f.token("person")
	if rec := f.page("/me/recommendations", person); rec.Code != 200 || !strings.Contains(rec.Body.String(), "求职意向") {
		t.Fatalf("no resume: %d %s", rec.Code, rec.Body)
	}
	if rec := f.page("/jobs", person); !strings.Contains(rec.Body.String(), `href="/me/recommendations"`) {
		t.Errorf("/jobs has no link to 为您推荐 for a person")
	}
	marketPosts(t, f, 3)
	f.catchUp()
	if rec := f.do("PUT", "/api/v1/me/resume", person, warehouseResume(true)); rec.Code != 200 {
		t.Fatalf("save resume: %d %s", rec.Code, rec.Body)
	}
	rec := f.page("/me/recommendations", person)
	if body := rec.Body.String(); rec.Code != 200 || !strings.Contains(body, "意向职业一致") || !strings.Contains(body, "仓管员") {
		t.Fatalf("recommendations page: %d %s", rec.Code, body)
	}
	posts, _, _ := f.db.Jobs().ListPosts(context.Background(), jobs.PostFilter{EnterpriseID: f.users["employer"].User.EnterpriseID})
	path := "/enterprise/jobs/" + strconv.FormatInt(posts[0].ID, 10) + "/candidates"
	rec = f.page(path, f.token("employer"))
	if body := rec.Body.String(); rec.Code != 200 || !strings.Contains(body, "意向职业一致") || strings.Contains(body, "王小明") {
		t.Fatalf("candidates page: %d %s", rec.Code, body)
	}
	if rec := f.page(path, f.token("employer2")); rec.Code != 403 {
		t.Errorf("employer2: %d", rec.Code)
	}
}
