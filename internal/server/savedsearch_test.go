package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/worker"
)

// drainTasks runs every due background task (jobs.alert among them).
func (f *fixture) drainTasks() {
	f.t.Helper()
	w := worker.New(f.db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f.app.RegisterTasks(w)
	if err := w.Drain(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

// savedAlerts counts the person's saved-search messages linking to post id.
func savedAlerts(t *testing.T, f *fixture, token string, id int64) int {
	t.Helper()
	rec := f.do("GET", "/api/v1/me/inbox", token, nil)
	if rec.Code != 200 {
		t.Fatalf("inbox: %d", rec.Code)
	}
	n := 0
	for _, it := range decode(t, rec)["items"].([]any) {
		m := it.(map[string]any)
		if m["kind"] == "saved_search" && m["link"] == fmt.Sprintf("/jobs/%d", id) {
			n++
		}
	}
	return n
}

func (f *fixture) review(id int64) {
	f.t.Helper()
	if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
		f.t.Fatalf("approve %d: %d %s", id, rec.Code, rec.Body)
	}
}

// TestSavedSearchAlerts: a saved "焊工 420112" search gets exactly one
// inbox message for a matching post, none again after an edit and
// re-approval, a pause and resume, or a second run; none for a post that
// does not match.
func TestSavedSearchAlerts(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		rec := f.do("POST", "/api/v1/me/saved-searches", person, map[string]any{"query": "?q=焊工&region=420112&page=3"})
		if rec.Code != 201 {
			t.Fatalf("save: %d %s", rec.Code, rec.Body)
		}
		saved := decode(t, rec)
		if saved["query"] != "q=%E7%84%8A%E5%B7%A5&region=420112" || saved["name"] == "" {
			t.Fatalf("saved %v", saved)
		}
		id := f.createPost("employer", weldPost(nil))
		f.review(id)
		f.drainTasks()
		if n := savedAlerts(t, f, person, id); n != 1 {
			t.Fatalf("alerts after approval: %d, want 1", n)
		}
		if savedAlerts(t, f, f.token("person2"), id) != 0 {
			t.Fatal("person2 alerted without a saved search")
		}
		// Edit and re-approve, pause and resume, run the task again: still one.
		if rec := f.do("PUT", fmt.Sprintf("/api/v1/jobs/%d", id), f.token("employer"), weldPost(func(m map[string]any) { m["headcount"] = 8 })); rec.Code != 200 {
			t.Fatalf("edit: %d %s", rec.Code, rec.Body)
		}
		f.review(id)
		f.drainTasks()
		for _, action := range []string{"pause", "resume"} {
			if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/status", id), f.token("employer"), map[string]any{"action": action}); rec.Code != 200 {
				t.Fatalf("%s: %d %s", action, rec.Code, rec.Body)
			}
		}
		f.drainTasks()
		if err := f.app.SavedSearches.AlertSavedSearches(context.Background(), fmt.Sprint(id)); err != nil {
			t.Fatal(err)
		}
		if n := savedAlerts(t, f, person, id); n != 1 {
			t.Fatalf("alerts after re-approval: %d, want 1", n)
		}
		// A post that does not match: other trade.
		other := f.createPost("employer", weldPost(func(m map[string]any) {
			m["title"], m["occupation_code"], m["description"] = "仓库管理员", "4-02-06-01", "负责仓库货物出入库登记和盘点。"
			m["skills"] = []string{"叉车"}
		}))
		f.review(other)
		f.drainTasks()
		if n := savedAlerts(t, f, person, other); n != 0 {
			t.Fatalf("non-matching post alerted %d times", n)
		}
		// The web page lists the search.
		if pg := f.page("/me/saved-searches", person); pg.Code != 200 || !strings.Contains(pg.Body.String(), "焊工") {
			t.Fatalf("page: %d", pg.Code)
		}
	})
}

// TestSavedSearchManage: limit of 20 (422 in Chinese), bad query 422,
// delete, another person's search refused and audited; the /jobs page
// offers the form and saving through it works.
func TestSavedSearchManage(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		rec := f.do("POST", "/api/v1/me/saved-searches", person, map[string]any{"query": "q=焊工&region=999999"})
		if rec.Code != 422 || errField(t, rec, "region") == "" {
			t.Fatalf("unknown region: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/me/saved-searches", person, map[string]any{"query": "q=焊工", "name": strings.Repeat("名", 31)}); rec.Code != 422 {
			t.Fatalf("long name: %d", rec.Code)
		}
		var first int64
		for i := 0; i < 20; i++ {
			rec := f.do("POST", "/api/v1/me/saved-searches", person, map[string]any{"query": fmt.Sprintf("q=焊工&salary_min=%d", 1000+i)})
			if rec.Code != 201 {
				t.Fatalf("save %d: %d %s", i, rec.Code, rec.Body)
			}
			if i == 0 {
				first = int64(decode(t, rec)["id"].(float64))
			}
		}
		rec = f.do("POST", "/api/v1/me/saved-searches", person, map[string]any{"query": "q=司机"})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "最多只能保存 20 个搜索") {
			t.Fatalf("21st: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("GET", "/api/v1/me/saved-searches", person, nil)
		if rec.Code != 200 || len(decode(t, rec)["items"].([]any)) != 20 {
			t.Fatalf("list: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/me/saved-searches", f.token("person2"), nil); len(decode(t, rec)["items"].([]any)) != 0 {
			t.Fatal("person2 sees person's searches")
		}
		// Another person's: refused and audited; nothing deleted.
		denied := auditCount(t, db, audit.AccessDenied, "")
		if rec := f.do("DELETE", fmt.Sprintf("/api/v1/me/saved-searches/%d", first), f.token("person2"), nil); rec.Code != 403 && rec.Code != 404 {
			t.Fatalf("other's delete: %d", rec.Code)
		}
		if rec := f.form(fmt.Sprintf("/me/saved-searches/%d/delete", first), f.token("person2"), url.Values{}); rec.Code != 403 && rec.Code != 404 {
			t.Fatalf("other's web delete: %d", rec.Code)
		}
		if got := auditCount(t, db, audit.AccessDenied, ""); got != denied+2 {
			t.Fatalf("denials audited %d, want %d", got, denied+2)
		}
		if rec := f.do("DELETE", "/api/v1/me/saved-searches/999999", person, nil); rec.Code != 404 {
			t.Fatalf("missing: %d", rec.Code)
		}
		if rec := f.do("DELETE", fmt.Sprintf("/api/v1/me/saved-searches/%d", first), person, nil); rec.Code != 204 {
			t.Fatalf("delete: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("DELETE", fmt.Sprintf("/api/v1/me/saved-searches/%d", first), person, nil); rec.Code != 404 {
			t.Fatalf("delete twice: %d", rec.Code)
		}
		// The search page offers the form to a person, and it saves.
		pg := f.page("/jobs?q=%E7%84%8A%E5%B7%A5", person)
		if pg.Code != 200 || !strings.Contains(pg.Body.String(), "保存搜索并订阅新岗位") {
			t.Fatalf("jobs page: %d", pg.Code)
		}
		if strings.Contains(f.page("/jobs", "").Body.String(), "保存搜索并订阅新岗位") {
			t.Fatal("form shown to anonymous visitor")
		}
		rec = f.form("/me/saved-searches", person, url.Values{"query": {"q=焊工"}, "name": {"焊工岗位"}})
		if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/me/saved-searches") {
			t.Fatalf("web save: %d %s", rec.Code, rec.Header().Get("Location"))
		}
	})
}

// TestSavedSearchLimitConcurrent saves 28 searches at once for one person:
// exactly 20 may succeed on either database (PostgreSQL needs the person's
// row lock; without it several transactions count 19 together).
func TestSavedSearchLimitConcurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		person := f.token("person")
		var wg sync.WaitGroup
		codes := make([]int, 28)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := f.do("POST", "/api/v1/me/saved-searches", person, map[string]any{"query": fmt.Sprintf("q=电工&salary_min=%d", 2000+i)})
				codes[i] = rec.Code
			}()
		}
		wg.Wait()
		created, refused := 0, 0
		for _, c := range codes {
			switch c {
			case 201:
				created++
			case 422:
				refused++
			default:
				t.Errorf("unexpected status %d", c)
			}
		}
		rec := f.do("GET", "/api/v1/me/saved-searches", person, nil)
		if n := len(decode(t, rec)["items"].([]any)); created != 20 || refused != 8 || n != 20 {
			t.Fatalf("created %d, refused %d, stored %d; want 20, 8, 20", created, refused, n)
		}
	})
}
