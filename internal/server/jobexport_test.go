package server_test

import (
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestJobSearchExport: a logged-in user downloads any filtered search as
// .xlsx (page and API), in the search's order with readable names; an
// anonymous visitor is asked to log in; a bad filter is a field error.
func TestJobSearchExport(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		marketPosts(t, f, 12)
		f.publishedPost("employer", nil) // the welding post
		f.catchUp()
		person := f.token("person")

		rows := openXLSX(t, f.do("GET", "/api/v1/jobs?q=%E4%BB%93%E7%AE%A1&sort=newest&format=xlsx", person, nil))
		if len(rows) != 13 || rows[0][1] != "岗位名称" || !strings.HasPrefix(rows[1][1], "仓管员") ||
			!strings.Contains(rows[1][7], "东西湖区") || rows[1][4] == "4-02-06-01" || rows[1][3] != "4000-6000元/月" {
			t.Fatalf("api export: %d rows, first %q", len(rows), rows[min(1, len(rows)-1)])
		}
		for _, r := range rows[1:] {
			if strings.Contains(r[1], "电焊") {
				t.Fatalf("the filter let the welding post in: %q", r)
			}
		}
		if rows := openXLSX(t, f.page("/jobs?format=xlsx", person)); len(rows) != 14 {
			t.Fatalf("page export of everything: %d rows, want 13 posts + header", len(rows))
		}
		if body := f.page("/jobs?q=%E4%BB%93%E7%AE%A1", person).Body.String(); !strings.Contains(body, "format=xlsx") {
			t.Error("no export link for a logged-in visitor")
		}
		if body := f.page("/jobs?q=%E4%BB%93%E7%AE%A1", "").Body.String(); strings.Contains(body, "format=xlsx") {
			t.Error("export link shown to an anonymous visitor")
		}
		if rec := f.do("GET", "/api/v1/jobs?format=xlsx", "", nil); rec.Code != 401 {
			t.Errorf("anonymous API export: %d", rec.Code)
		}
		if rec := f.page("/jobs?format=xlsx", ""); rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Errorf("anonymous page export: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		if rec := f.do("GET", "/api/v1/jobs?region=999999&format=xlsx", person, nil); rec.Code != 422 || errField(t, rec, "region") == "" {
			t.Errorf("bad filter: %d %s", rec.Code, rec.Body)
		}
	})
}
