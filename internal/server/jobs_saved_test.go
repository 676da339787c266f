package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/store"
)

// TestSavedJobs: a person saves a post from its page (a toggle) and through
// the API, finds it in /me/saved-jobs; once the employer closes it the list
// shows it as closed, and it can still be removed. Others cannot save.
func TestSavedJobs(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		per, emp := f.token("person"), f.token("employer")
		id := f.createPost("employer", weldPost(nil))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		post := fmt.Sprintf("/jobs/%d", id)
		if body := f.page(post, per).Body.String(); !strings.Contains(body, "☆ 收藏") || !strings.Contains(body, `aria-pressed="false"`) {
			t.Fatal("no save button on the post page")
		}
		if rec := f.form(post+"/save", per, url.Values{}); rec.Code != 303 || rec.Header().Get("Location") != post+"?done=saved_job" {
			t.Fatalf("save: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		if body := f.page(post+"?done=saved_job", per).Body.String(); !strings.Contains(body, "★ 已收藏") || !strings.Contains(body, "已收藏。") {
			t.Fatal("the post page does not show it saved")
		}
		body := f.page("/me/saved-jobs", per).Body.String()
		if !strings.Contains(body, "电焊工（包吃住）") || !strings.Contains(body, `href="`+post+`"`) {
			t.Fatalf("saved list: %.2000s", body)
		}
		// toggled off and on again through the API (saving twice changes nothing)
		if rec := f.form(post+"/save", per, url.Values{}); rec.Code != 303 || !strings.HasSuffix(rec.Header().Get("Location"), "done=unsaved") {
			t.Fatalf("unsave: %d", rec.Code)
		}
		for range 2 {
			if rec := f.do("POST", fmt.Sprintf("/api/v1/me/saved-jobs/%d", id), per, nil); rec.Code != 200 {
				t.Fatalf("API save: %d %s", rec.Code, rec.Body)
			}
		}
		rec := f.do("GET", "/api/v1/me/saved-jobs", per, nil)
		items := decode(t, rec)["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["open"] != true {
			t.Fatalf("API list: %s", rec.Body)
		}
		if n := auditCount(t, db, "job.save", "ok"); n != 2 {
			t.Fatalf("job.save audited %d times, want 2", n)
		}
		// Someone else's list is their own; an employer cannot save.
		if items := decode(t, f.do("GET", "/api/v1/me/saved-jobs", f.token("person2"), nil))["items"].([]any); len(items) != 0 {
			t.Fatal("person2 sees person's saved jobs")
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/me/saved-jobs/%d", id), emp, nil); rec.Code != 403 {
			t.Fatalf("employer saves: %d", rec.Code)
		}
		// An unknown post cannot be saved.
		if rec := f.do("POST", "/api/v1/me/saved-jobs/999999", per, nil); rec.Code != 404 {
			t.Fatalf("save unknown post: %d", rec.Code)
		}
		// Closed: listed as such, without a link, and removable.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/status", id), emp, map[string]any{"action": jobs.ActClose}); rec.Code != 200 {
			t.Fatalf("close: %d %s", rec.Code, rec.Body)
		}
		body = f.page("/me/saved-jobs", per).Body.String()
		if !strings.Contains(body, "已停止招聘") || strings.Contains(body, `href="`+post+`"`) {
			t.Fatalf("closed post in the list: %.2000s", body)
		}
		rec = f.do("GET", "/api/v1/me/saved-jobs", per, nil)
		if it := decode(t, rec)["items"].([]any)[0].(map[string]any); it["open"] != false || it["post"].(map[string]any)["status"] != "closed" {
			t.Fatalf("API list after closing: %s", rec.Body)
		}
		if rec := f.form(post+"/save", per, url.Values{"back": {"list"}}); rec.Code != 303 {
			t.Fatalf("remove closed: %d", rec.Code)
		}
		if body := f.page("/me/saved-jobs", per).Body.String(); !strings.Contains(body, "您还没有收藏岗位") {
			t.Fatal("closed post not removed")
		}
	})
}

// TestJobReports: a person reports a post with a reason (once), it shows
// in the review queue with the reason; a dismissal keeps it online; a
// second report taken down rejects it, out of search, the employer told.
func TestJobReports(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		per, per2, rev := f.token("person"), f.token("person2"), f.token("reviewer")
		id := f.createPost("employer", weldPost(nil))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), rev, map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d", rec.Code)
		}
		post := fmt.Sprintf("/jobs/%d", id)
		if body := f.page(post, per).Body.String(); !strings.Contains(body, "举报该岗位") || !strings.Contains(body, "收取费用") {
			t.Fatal("no report form")
		}
		if body := f.page(post, "").Body.String(); strings.Contains(body, "举报该岗位") {
			t.Fatal("report form for an anonymous visitor")
		}
		// no reason: the page again with the message, the words kept
		rec := f.form(post+"/report", per, url.Values{"report_note": {"要交 300 元押金"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "请选择举报原因") || !strings.Contains(rec.Body.String(), "要交 300 元押金</textarea>") {
			t.Fatalf("report without reason: %d", rec.Code)
		}
		reason := jobs.ReportReasons[1]
		if rec := f.form(post+"/report", per, url.Values{"reason": {reason}, "report_note": {"面试时要交 300 元押金"}}); rec.Code != 303 {
			t.Fatalf("report: %d %.1000s", rec.Code, rec.Body)
		}
		if rec := f.form(post+"/report", per, url.Values{"reason": {reason}}); rec.Code != 409 {
			t.Fatalf("second report: %d", rec.Code)
		}
		if body := f.page(post, per).Body.String(); !strings.Contains(body, "您已举报过该岗位") {
			t.Fatal("the post page does not say it was reported")
		}
		if n := auditCount(t, db, "job.report", "ok"); n != 1 {
			t.Fatalf("job.report audited %d times", n)
		}
		body := f.page("/console/jobs/review", rev).Body.String()
		if !strings.Contains(body, "被举报的岗位") || !strings.Contains(body, reason) || !strings.Contains(body, "面试时要交 300 元押金") {
			t.Fatalf("review queue: %.3000s", body)
		}
		if rec := f.form(fmt.Sprintf("/console/jobs/%d/reports", id), rev, url.Values{"action": {"dismiss"}}); rec.Code != 303 {
			t.Fatalf("dismiss: %d", rec.Code)
		}
		if body := f.page("/console/jobs/review", rev).Body.String(); strings.Contains(body, "被举报的岗位") {
			t.Fatal("a dismissed report still in the queue")
		}
		// A second user's report through the API; the reviewer takes the post down.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/reports", id), per2, map[string]any{"reason": "其他"}); rec.Code != 422 {
			t.Fatalf("其他 without words: %d", rec.Code)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/reports", id), per2, map[string]any{"reason": jobs.ReportReasons[0]}); rec.Code != 201 {
			t.Fatalf("API report: %d %s", rec.Code, rec.Body)
		}
		if rec := f.form(fmt.Sprintf("/console/jobs/%d/reports", id), rev, url.Values{"action": {"take_down"}}); rec.Code != 422 ||
			!strings.Contains(rec.Body.String(), "下架原因") {
			t.Fatalf("take down without a reason: %d", rec.Code)
		}
		if rec := f.form(fmt.Sprintf("/console/jobs/%d/reports", id), rev, url.Values{"action": {"take_down"}, "reason": {"经核实为虚假招聘"}}); rec.Code != 303 {
			t.Fatalf("take down: %d %.1000s", rec.Code, rec.Body)
		}
		f.catchUp()
		if ids, _ := f.searchJobs("q=" + url.QueryEscape("电焊")); hasID(ids, id) {
			t.Fatal("a post taken down is still found")
		}
		if rec := f.page(post, per).Code; rec != 404 {
			t.Fatalf("post page after take down: %d", rec)
		}
		if auditCount(t, db, "job.take_down", "ok") != 1 || auditCount(t, db, "job.report_upheld", "ok") != 1 || auditCount(t, db, "job.report_dismissed", "ok") != 1 {
			t.Fatal("decisions not audited")
		}
		inbox := f.page("/inbox", f.token("employer")).Body.String()
		if !strings.Contains(inbox, "经核实为虚假招聘") || !strings.Contains(inbox, "岗位已被下架") {
			t.Fatal("the employer was not told why")
		}
	})
}

// TestEnterpriseJobsPage: the public page of a verified enterprise lists
// its live posts and is linked from each post page; an unverified one is 404.
func TestEnterpriseJobsPage(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.createPost("employer", weldPost(nil))
		f.createPost("employer", weldPost(func(m map[string]any) { m["title"] = "仓管员（待审）" }))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d", rec.Code)
		}
		ent := fmt.Sprintf("/enterprises/%d/jobs", f.users["employer"].User.EnterpriseID)
		if body := f.page(fmt.Sprintf("/jobs/%d", id), "").Body.String(); !strings.Contains(body, `href="`+ent+`"`) {
			t.Fatal("the post page does not link to the enterprise page")
		}
		body := f.page(ent, "").Body.String()
		if !strings.Contains(body, "电焊工（包吃住）") || strings.Contains(body, "仓管员（待审）") || !strings.Contains(body, "在招岗位 1 个") {
			t.Fatalf("enterprise page: %.3000s", body)
		}
		if rec := f.page("/enterprises/999999/jobs", ""); rec.Code != 404 {
			t.Fatalf("unknown enterprise: %d", rec.Code)
		}
	})
}

// TestPinyinSearch: "hangong" and "hg" find 电焊工 as 焊工, through the API
// and the page, which says how it read the letters; other latin words are
// searched as typed.
func TestPinyinSearch(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.createPost("employer", weldPost(nil))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d", rec.Code)
		}
		f.catchUp()
		for _, q := range []string{"hangong", "hg", "HG"} {
			ids, m := f.searchJobs("q=" + q)
			if !hasID(ids, id) || m["as_word"] != "焊工" {
				t.Errorf("%s: ids %v, as_word %v", q, ids, m["as_word"])
			}
		}
		body := f.page("/jobs?q=hg", "").Body.String()
		if !strings.Contains(body, "按拼音搜索“焊工”") || !strings.Contains(body, "<mark>焊工</mark>") || !strings.Contains(body, `value="hg"`) {
			t.Fatalf("page: %.3000s", body)
		}
		if _, m := f.searchJobs("q=java"); m["as_word"] != nil {
			t.Fatal("java read as pinyin")
		}
	})
}
