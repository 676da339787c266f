package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/server"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/storetest"
	"github.com/jiuye/jiuye/internal/worker"
)

// jobsDay is the platform clock in the job tests (Beijing 2026-05-11 11:00).
var jobsDay = time.Date(2026, 5, 11, 3, 0, 0, 0, time.UTC)

// jobsFixture is a fixture with both employers' enterprises verified by staff.
func jobsFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	db.SetClock(func() time.Time { return jobsDay })
	f := newFixture(t, db, serverOpts())
	f.verify("employer")
	f.verify("employer2")
	return f
}

func (f *fixture) verify(role string) {
	f.t.Helper()
	staff := app.Actor{User: f.users["staff"].User, IP: "test"}
	if err := f.app.Registry.VerifyEnterprise(context.Background(), staff, f.users[role].User.EnterpriseID, true); err != nil {
		f.t.Fatal(err)
	}
}

// weldPost is a valid post body; edit changes it.
func weldPost(edit func(m map[string]any)) map[string]any {
	m := map[string]any{"title": "电焊工（包吃住）", "occupation_code": "6-18-02-04",
		"description": "负责钢结构件的焊接，能看懂图纸。<script>alert('x')</script> 持焊工证优先，长白班。",
		"headcount":   5, "salary_min": 6000, "salary_max": 9000, "education": "不限", "experience_years": 1,
		"skills": []string{"二保焊", "氩弧焊"}, "benefits": []string{"五险一金", "包吃住"}, "region_code": "420112001",
		"address": "东西湖区吴家山街道临空港大道 88 号", "lat": 30.63, "lng": 114.13}
	if edit != nil {
		edit(m)
	}
	return m
}

// createPost posts body as role through the API and returns the new id.
func (f *fixture) createPost(role string, body map[string]any) int64 {
	f.t.Helper()
	rec := f.do("POST", "/api/v1/jobs", f.token(role), body)
	if rec.Code != 201 {
		f.t.Fatalf("create post: %d %s", rec.Code, rec.Body)
	}
	return int64(decode(f.t, rec)["id"].(float64))
}

// searchJobs runs an API search and returns its ids and the document.
func (f *fixture) searchJobs(query string) ([]int64, map[string]any) {
	f.t.Helper()
	rec := f.do("GET", "/api/v1/jobs?"+query, "", nil)
	if rec.Code != 200 {
		f.t.Fatalf("search %s: %d %s", query, rec.Code, rec.Body)
	}
	m := decode(f.t, rec)
	var ids []int64
	for _, it := range m["items"].([]any) {
		ids = append(ids, int64(it.(map[string]any)["id"].(float64)))
	}
	return ids, m
}

func (f *fixture) catchUp() {
	f.t.Helper()
	if _, err := f.app.Jobs.CatchUpJobs(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

func hasID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func auditCount(t *testing.T, db *store.DB, action, result string) int {
	t.Helper()
	rows, err := db.ListAudit(context.Background(), audit.Filter{Action: action, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range rows {
		if result == "" || e.Result == result {
			n++
		}
	}
	return n
}

// TestJobPostLifecycle: create, edit, review, approve → searchable once the
// follower caught up; views counted; pause and resume; reject with a reason
// that reaches the employer's inbox; closed posts cannot be edited.
func TestJobPostLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		emp, rev := f.token("employer"), f.token("reviewer")
		id := f.createPost("employer", weldPost(nil))
		f.catchUp()
		if ids, _ := f.searchJobs("q=" + url.QueryEscape("焊工")); hasID(ids, id) {
			t.Fatal("a post waiting for review is searchable")
		}
		// The public cannot open it; the employer can.
		if rec := f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", id), "", nil); rec.Code != 404 {
			t.Fatalf("anonymous view of a pending post: %d", rec.Code)
		}
		rec := f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", id), emp, nil)
		if rec.Code != 200 || decode(t, rec)["status"] != "pending" {
			t.Fatalf("owner view: %d %s", rec.Code, rec.Body)
		}
		// Default expiry: 60 days from today (Beijing).
		if got := decode(t, rec)["expires_on"]; got != "2026-07-10" {
			t.Fatalf("default expiry %v", got)
		}
		// Edit: still pending, title changed.
		rec = f.do("PUT", fmt.Sprintf("/api/v1/jobs/%d", id), emp, weldPost(func(m map[string]any) { m["title"] = "氩弧焊工" }))
		if rec.Code != 200 || decode(t, rec)["status"] != "pending" {
			t.Fatalf("edit: %d %s", rec.Code, rec.Body)
		}
		// The review queue lists it; the reviewer approves.
		rec = f.do("GET", "/api/v1/job-reviews", rev, nil)
		if rec.Code != 200 || decode(t, rec)["total"].(float64) != 1 {
			t.Fatalf("queue: %d %s", rec.Code, rec.Body)
		}
		rec = f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), rev, map[string]any{"action": "approve"})
		if rec.Code != 200 || decode(t, rec)["status"] != "published" {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		f.catchUp()
		// "焊工" finds "氩弧焊工" (no dictionary), with a highlighted, escaped snippet.
		ids, doc := f.searchJobs("q=" + url.QueryEscape("焊工") + "&region=420112")
		if !hasID(ids, id) || doc["total"].(float64) != 1 {
			t.Fatalf("approved post not found: %v", doc)
		}
		item := doc["items"].([]any)[0].(map[string]any)
		snip := item["snippet"].(string)
		if !strings.Contains(snip, "<mark>焊") || strings.Contains(snip, "<script") {
			t.Fatalf("snippet %q", snip)
		}
		if item["enterprise"].(map[string]any)["name"] != "武汉临空港物流有限公司" || item["salary_min"].(float64) != 6000 ||
			item["published_at"] == "" || item["distance_km"] != nil {
			t.Fatalf("item %v", item)
		}
		ids, doc = f.searchJobs("near=30.62,114.14&radius_km=5&sort=distance")
		if !hasID(ids, id) || doc["items"].([]any)[0].(map[string]any)["distance_km"] == nil {
			t.Fatalf("near search: %v", doc)
		}
		// Type-ahead: titles of live posts and occupation names.
		rec = f.do("GET", "/api/v1/jobs/suggest?q="+url.QueryEscape("氩弧"), "", nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "氩弧焊工") {
			t.Fatalf("suggest: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/jobs/suggest?q=", "", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"items":[]`) {
			t.Fatalf("empty suggest: %d %s", rec.Code, rec.Body)
		}
		// The employer's inbox says it went live.
		if !inboxHas(t, f, emp, "岗位已通过审核") {
			t.Fatal("no approval message")
		}
		// Anonymous views are counted (flushed in a batch); the owner's are not.
		for range 3 {
			if rec := f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", id), "", nil); rec.Code != 200 {
				t.Fatalf("public view: %d", rec.Code)
			}
		}
		if rec := f.page(fmt.Sprintf("/jobs/%d", id), ""); rec.Code != 200 {
			t.Fatalf("public page: %d", rec.Code)
		}
		if err := f.app.Jobs.FlushJobViews(context.Background()); err != nil {
			t.Fatal(err)
		}
		rec = f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", id), emp, nil)
		if m := decode(t, rec); m["views_total"].(float64) != 4 || len(m["views"].([]any)) != 1 {
			t.Fatalf("views: %s", rec.Body)
		}
		rec = f.do("GET", "/api/v1/me/jobs", emp, nil)
		if m := decode(t, rec); rec.Code != 200 || m["items"].([]any)[0].(map[string]any)["views_total"].(float64) != 4 {
			t.Fatalf("my posts: %d %s", rec.Code, rec.Body)
		}
		// Pause: gone from search; resume: back without a new review.
		for _, c := range []struct {
			action string
			found  bool
		}{{"pause", false}, {"resume", true}} {
			rec = f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/status", id), emp, map[string]any{"action": c.action})
			if rec.Code != 200 {
				t.Fatalf("%s: %d %s", c.action, rec.Code, rec.Body)
			}
			f.catchUp()
			if ids, _ := f.searchJobs("q=" + url.QueryEscape("焊工")); hasID(ids, id) != c.found {
				t.Fatalf("after %s: found=%v", c.action, !c.found)
			}
		}
		// An edit of a live post takes it out of search until approved again.
		rec = f.do("PUT", fmt.Sprintf("/api/v1/jobs/%d", id), emp, weldPost(func(m map[string]any) { m["salary_max"] = 9500 }))
		if rec.Code != 200 {
			t.Fatalf("edit live: %d %s", rec.Code, rec.Body)
		}
		f.catchUp()
		if ids, _ := f.searchJobs("q=" + url.QueryEscape("焊工")); hasID(ids, id) {
			t.Fatal("edited post still searchable before review")
		}

		// Reject: the reason is required and reaches the employer's inbox.
		rec = f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), rev, map[string]any{"action": "reject"})
		if rec.Code != 422 || !hasHan(errField(t, rec, "reason")) {
			t.Fatalf("reject without reason: %d %s", rec.Code, rec.Body)
		}
		reason := "薪资范围与岗位描述不符，请核实"
		rec = f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), rev, map[string]any{"action": "reject", "reason": reason})
		if rec.Code != 200 || decode(t, rec)["status"] != "rejected" {
			t.Fatalf("reject: %d %s", rec.Code, rec.Body)
		}
		if !inboxHas(t, f, emp, reason) {
			t.Fatal("the rejection reason is not in the employer's inbox")
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", id), emp, nil); decode(t, rec)["review_reason"] != reason {
			t.Fatalf("owner sees no reason: %s", rec.Body)
		}
		// A second decision on the same post is a conflict.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), rev, map[string]any{"action": "approve"}); rec.Code != 409 {
			t.Fatalf("approve a rejected post: %d", rec.Code)
		}
		// Close is final.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/status", id), emp, map[string]any{"action": "close"}); rec.Code != 200 {
			t.Fatalf("close: %d", rec.Code)
		}
		if rec := f.do("PUT", fmt.Sprintf("/api/v1/jobs/%d", id), emp, weldPost(nil)); rec.Code != 409 || !hasHan(decode(t, rec)["error"].(map[string]any)["message"].(string)) {
			t.Fatalf("edit closed: %d %s", rec.Code, rec.Body)
		}
		for _, a := range []string{"job.create", "job.update", "job.approve", "job.reject", "job.pause", "job.resume", "job.close"} {
			if auditCount(t, db, a, "ok") == 0 {
				t.Errorf("no audit entry %s", a)
			}
		}
		if n, err := db.VerifyAudit(context.Background()); err != nil || n == 0 {
			t.Fatalf("audit chain: %d %v", n, err)
		}
	})
}

func inboxHas(t *testing.T, f *fixture, token, text string) bool {
	t.Helper()
	rec := f.do("GET", "/api/v1/me/inbox", token, nil)
	return rec.Code == 200 && strings.Contains(rec.Body.String(), text)
}

// TestJobPostAccess: an unverified enterprise cannot post (403 with the
// reason); another enterprise's employer cannot edit, pause or review a
// waiting post (404 as for no post, audited); staff may act for the
// enterprise but not review.
func TestJobPostAccess(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return jobsDay })
		f := newFixture(t, db, serverOpts())
		rec := f.do("POST", "/api/v1/jobs", f.token("employer"), weldPost(nil))
		if rec.Code != 403 || !strings.Contains(rec.Body.String(), "核验") {
			t.Fatalf("unverified enterprise: %d %s", rec.Code, rec.Body)
		}
		if n, _ := db.Count(context.Background(), "job_posts"); n != 0 {
			t.Fatalf("%d posts written", n)
		}
		f.verify("employer")
		id := f.createPost("employer", weldPost(nil))
		path := fmt.Sprintf("/api/v1/jobs/%d", id)
		denied0 := auditCount(t, db, "access.denied", "denied")
		if rec := f.do("PUT", path, f.token("employer2"), weldPost(nil)); rec.Code != 404 {
			t.Fatalf("employer2 edits: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", path+"/status", f.token("employer2"), map[string]any{"action": "close"}); rec.Code != 404 {
			t.Fatalf("employer2 closes: %d", rec.Code)
		}
		if rec := f.page(fmt.Sprintf("/enterprise/jobs/%d/edit", id), f.token("employer2")); rec.Code != 404 {
			t.Fatalf("employer2 edit page: %d", rec.Code)
		}
		if got := auditCount(t, db, "access.denied", "denied") - denied0; got != 3 {
			t.Fatalf("denied attempts audited: %d, want 3", got)
		}
		if rec := f.do("GET", path, f.token("employer2"), nil); rec.Code != 404 {
			t.Fatalf("employer2 reads a pending post: %d", rec.Code)
		}
		if rec := f.do("POST", "/api/v1/jobs", f.token("person"), weldPost(nil)); rec.Code != 403 {
			t.Fatalf("person posts: %d", rec.Code)
		}
		if rec := f.do("POST", path+"/review", f.token("staff"), map[string]any{"action": "approve"}); rec.Code != 403 {
			t.Fatalf("staff reviews: %d", rec.Code)
		}
		if rec := f.do("POST", path+"/review", f.token("employer"), map[string]any{"action": "approve"}); rec.Code != 403 {
			t.Fatalf("employer approves own post: %d", rec.Code)
		}
		// Staff act for the enterprise (代办), audited under their own account.
		rec = f.do("PUT", path, f.token("staff"), weldPost(func(m map[string]any) { m["headcount"] = 2 }))
		if rec.Code != 200 {
			t.Fatalf("staff edits for the enterprise: %d %s", rec.Code, rec.Body)
		}
		rows, _ := db.ListAudit(context.Background(), audit.Filter{Action: "job.update", Limit: 5})
		if len(rows) == 0 || rows[0].ActorID != f.users["staff"].User.ID {
			t.Fatalf("代办 edit not audited as staff: %+v", rows)
		}
	})
}

// TestJobBadInput: bad posts and bad searches are 4xx with Chinese field
// messages; a script tag is stored and shown escaped.
func TestJobBadInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		emp := f.token("employer")
		ctx := context.Background()
		before, _ := db.Count(ctx, "job_posts")
		cases := []struct {
			name   string
			body   any
			status int
			field  string
		}{
			{"min > max", weldPost(func(m map[string]any) { m["salary_min"], m["salary_max"] = 9000, 6000 }), 422, "salary_max"},
			{"no salary", weldPost(func(m map[string]any) { delete(m, "salary_min"); delete(m, "salary_max") }), 422, "salary_min"},
			{"expiry in the past", weldPost(func(m map[string]any) { m["expires_on"] = "2026-05-10" }), 422, "expires_on"},
			{"expiry too far", weldPost(func(m map[string]any) { m["expires_on"] = "2027-05-10" }), 422, "expires_on"},
			{"bad date", weldPost(func(m map[string]any) { m["expires_on"] = "2026-02-30" }), 422, "expires_on"},
			{"unknown region", weldPost(func(m map[string]any) { m["region_code"] = "420112999" }), 422, "region_code"},
			{"district, not street", weldPost(func(m map[string]any) { m["region_code"] = "420112" }), 422, "region_code"},
			{"unknown occupation", weldPost(func(m map[string]any) { m["occupation_code"] = "9-99-99-99" }), 422, "occupation_code"},
			{"lat without lng", weldPost(func(m map[string]any) { delete(m, "lng") }), 422, "lng"},
			{"lat out of range", weldPost(func(m map[string]any) { m["lat"] = 114.1 }), 422, "lat"},
			{"unknown benefit", weldPost(func(m map[string]any) { m["benefits"] = []string{"股票期权"} }), 422, "benefits"},
			{"long description", weldPost(func(m map[string]any) { m["description"] = strings.Repeat("焊", 5001) }), 422, "description"},
			{"wrong type", weldPost(func(m map[string]any) { m["headcount"] = "五" }), 422, "headcount"},
			{"unknown field", weldPost(func(m map[string]any) { m["status"] = "published" }), 400, "status"},
			{"20 MB description", `{"title":"焊工","description":"` + strings.Repeat("焊", 7<<20) + `"}`, 413, ""},
		}
		for _, c := range cases {
			rec := f.do("POST", "/api/v1/jobs", emp, c.body)
			if rec.Code != c.status {
				t.Errorf("%s: %d, want %d: %.300s", c.name, rec.Code, c.status, rec.Body)
				continue
			}
			if c.field != "" && !hasHan(errField(t, rec, c.field)) {
				t.Errorf("%s: no Chinese message on %s: %s", c.name, c.field, rec.Body)
			}
		}
		if after, _ := db.Count(ctx, "job_posts"); after != before {
			t.Fatalf("bad posts were written: %d → %d", before, after)
		}
		// 5,000 runes are fine; the script tag is stored as typed and escaped on the way out.
		id := f.createPost("employer", weldPost(func(m map[string]any) {
			m["description"] = "<script>alert(1)</script>" + strings.Repeat("焊", 4975)
		}))
		p, err := db.Jobs().PostByID(ctx, id)
		if err != nil || !strings.HasPrefix(p.Description, "<script>alert(1)</script>") {
			t.Fatalf("stored description: %v %.40q", err, p.Description)
		}
		rec := f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", id), emp, nil)
		if strings.Contains(rec.Body.String(), "<script>") || !strings.Contains(rec.Body.String(), `\u003cscript\u003e`) {
			t.Fatalf("API does not escape the script tag: %.200s", rec.Body)
		}
		page := f.page(fmt.Sprintf("/jobs/%d", id), emp).Body.String()
		if strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Fatal("page does not escape the script tag")
		}

		// Searches.
		search := []struct {
			name, query string
			status      int
			field       string
		}{
			{"radius without a point", "radius_km=5", 422, "near"},
			{"distance sort without a point", "sort=distance", 422, "near"},
			{"bad point", "near=abc", 422, "near"},
			{"point out of range", "near=130,114", 422, "near"},
			{"unknown region", "region=999999", 422, "region"},
			{"unknown occupation", "occupation=9-99-00-00", 422, "occupation"},
			{"bad salary", "salary_min=abc", 422, "salary_min"},
			{"negative salary", "salary_min=-1", 422, "salary_min"},
			{"bad education", "education=幼儿园", 422, "education"},
			{"bad page", "page=0", 422, "page"},
			{"bad page size", "page_size=x", 422, "page_size"},
			{"bad sort", "sort=random", 422, "sort"},
			{"long query", "q=" + strings.Repeat("焊", 51), 422, "q"},
		}
		for _, c := range search {
			rec := f.do("GET", "/api/v1/jobs?"+strings.ReplaceAll(c.query, "幼儿园", url.QueryEscape("幼儿园")), "", nil)
			if rec.Code != c.status || !hasHan(errField(t, rec, c.field)) {
				t.Errorf("search %s: %d %s", c.name, rec.Code, rec.Body)
			}
		}
		_, doc := f.searchJobs("page_size=10000")
		if doc["page_size"].(float64) != 100 {
			t.Fatalf("page_size not capped: %v", doc["page_size"])
		}
		if _, doc := f.searchJobs("q=" + url.QueryEscape("不存在的岗位名称")); doc["total"].(float64) != 0 || doc["items"] == nil {
			t.Fatalf("empty result: %v", doc)
		}

		// The web form: a 20 MB description is refused before it is read; a
		// bad range comes back with the typed values and field messages.
		vals := webPostForm()
		vals.Set("description", strings.Repeat("焊", 7<<20))
		if rec := f.form("/enterprise/jobs/new", emp, vals); rec.Code != 413 {
			t.Fatalf("20 MB form: %d", rec.Code)
		}
		// The same streamed without a length: read up to the limit, then a 413 page.
		req := httptest.NewRequest("POST", "/enterprise/jobs/new", io.MultiReader(strings.NewReader(vals.Encode())))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "jiuye_session", Value: emp})
		streamed := httptest.NewRecorder()
		f.srv.ServeHTTP(streamed, req)
		if streamed.Code != 413 || !strings.Contains(streamed.Body.String(), "1 MiB") {
			t.Fatalf("streamed 20 MB form: %d", streamed.Code)
		}
		vals = webPostForm()
		vals.Set("salary_min", "9000")
		vals.Set("salary_max", "6000")
		vals.Set("lat", "abc")
		rec = f.form("/enterprise/jobs/new", emp, vals)
		body := rec.Body.String()
		if rec.Code != 422 || !strings.Contains(body, "最高月薪不能低于最低月薪") || !strings.Contains(body, "纬度应为数字") ||
			!strings.Contains(body, `value="叉车司机"`) || !strings.Contains(body, "&lt;b&gt;仓库") {
			t.Fatalf("bad web form: %d %.2000s", rec.Code, body)
		}
	})
}

func webPostForm() url.Values {
	v := url.Values{}
	v.Set("title", "叉车司机")
	v.Set("occupation_code", "6-30-05-01")
	v.Set("description", "<b>仓库</b>叉车作业，持叉车证，两班倒，包吃住。")
	v.Set("headcount", "2")
	v.Set("salary_min", "5500")
	v.Set("salary_max", "7500")
	v.Set("education", "不限")
	v.Set("experience_years", "1")
	v.Set("skills", "叉车证，盘点")
	v["benefits"] = []string{"五险一金", "包吃住"}
	v.Set("region_code", "420112002")
	v.Set("address", "东西湖区走马岭街道物流园 5 号库")
	v.Set("expires_on", "2026-06-30")
	return v
}

// TestJobWebJourney: the employer's form with "识别职业", the reviewer's
// queue, the public search page and the post page, all without JavaScript.
func TestJobWebJourney(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		emp, rev := f.token("employer"), f.token("reviewer")
		if rec := f.page("/jobs", ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "暂时还没有在招岗位") {
			t.Fatalf("empty board: %d", rec.Code)
		}
		if rec := f.page("/enterprise/jobs/new", emp); rec.Code != 200 || !strings.Contains(rec.Body.String(), "识别职业") {
			t.Fatalf("new form: %d", rec.Code)
		}
		vals := webPostForm()
		vals.Del("occupation_code")
		vals.Set("op", "classify")
		rec := f.form("/enterprise/jobs/new", emp, vals)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<option value="6-30-05-01" selected>`) {
			t.Fatalf("classify: %d %.3000s", rec.Code, rec.Body)
		}
		vals.Set("op", "save")
		vals.Set("occupation_code", "6-30-05-01")
		if rec := f.form("/enterprise/jobs/new", emp, vals); rec.Code != 303 {
			t.Fatalf("save: %d %.2000s", rec.Code, rec.Body)
		}
		posts, _, _ := db.Jobs().ListPosts(context.Background(), jobs.PostFilter{EnterpriseID: f.users["employer"].User.EnterpriseID})
		if len(posts) != 1 || posts[0].Status != jobs.Pending || len(posts[0].Benefits) != 2 || posts[0].Skills[1] != "盘点" {
			t.Fatalf("stored: %+v", posts)
		}
		id := posts[0].ID
		if rec := f.page("/enterprise/jobs", emp); rec.Code != 200 || !strings.Contains(rec.Body.String(), "待审核") {
			t.Fatalf("employer list: %d", rec.Code)
		}
		// Reviewer: reject without a reason re-renders the queue with the message on that post.
		rec = f.page("/console/jobs/review", rev)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "叉车司机") {
			t.Fatalf("queue page: %d", rec.Code)
		}
		rec = f.form(fmt.Sprintf("/console/jobs/%d/review", id), rev, url.Values{"action": {"reject"}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "请填写不通过的原因") {
			t.Fatalf("reject without reason: %d", rec.Code)
		}
		if rec := f.form(fmt.Sprintf("/console/jobs/%d/review", id), rev, url.Values{"action": {"approve"}}); rec.Code != 303 {
			t.Fatalf("approve: %d %.1000s", rec.Code, rec.Body)
		}
		f.catchUp()
		// The anonymous board page cached while empty is renewed by the index change.
		if rec := f.page("/jobs", ""); !strings.Contains(rec.Body.String(), "叉车司机") {
			t.Fatal("the board page still shows the cached empty page")
		}
		// The occupation filter lists only occupations with posts, with their
		// counts; the filters fold into a row of chips (issue 12 item 5).
		body := f.page("/jobs", "").Body.String()
		sel := body[strings.Index(body, `<select id="f-occupation"`):]
		sel = sel[:strings.Index(sel, "</select>")]
		if strings.Count(sel, "<option") != 2 || !strings.Contains(sel, `<option value="6-30-05-01">`) || !strings.Contains(sel, "叉车工 — 起重装卸机械操作工（1）") ||
			strings.Contains(body, "中国共产党机关") {
			t.Fatalf("occupation filter: %s", sel)
		}
		if !strings.Contains(body, `<details class="fsheet" data-fsheet>`) || !strings.Contains(body, `<span class="chip lead">筛选</span>`) {
			t.Fatal("no filter chips")
		}
		body = f.page("/jobs?occupation=1-01-00-00", "").Body.String()
		if !strings.Contains(body, `<option value="1-01-00-00" selected>中国共产党机关和基层组织负责人</option>`) ||
			!strings.Contains(body, `<span class="chip on">职业 · 中国共产党机关和基层组织负责人</span>`) {
			t.Fatal("a chosen occupation without posts is not shown by its name")
		}
		rec = f.page("/jobs?q="+url.QueryEscape("叉车"), "")
		body = rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "5500-7500元/月") || !strings.Contains(body, "<mark>叉车</mark>") ||
			!strings.Contains(body, "东西湖区 · 柏泉") || !strings.Contains(body, "今天发布") {
			t.Fatalf("search page: %d %.3000s", rec.Code, body)
		}
		rec = f.page("/jobs?q="+url.QueryEscape("叉车")+"&near=30.62,114.14", "")
		if rec.Code != 200 {
			t.Fatalf("near: %d", rec.Code)
		}
		if rec := f.page("/jobs?q="+url.QueryEscape("宇航员"), ""); !strings.Contains(rec.Body.String(), "没有找到符合条件的岗位") {
			t.Fatal("no empty state")
		}
		if rec := f.page("/jobs?radius_km=3", ""); rec.Code != 422 || !strings.Contains(rec.Body.String(), "near=纬度,经度") {
			t.Fatalf("bad filter: %d", rec.Code)
		}
		rec = f.page(fmt.Sprintf("/jobs/%d", id), "")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "登录后申请") || strings.Contains(rec.Body.String(), "投递功能即将上线") || !strings.Contains(rec.Body.String(), "/login?next=") {
			t.Fatalf("post page: %d", rec.Code)
		}
		// Pause from the list.
		if rec := f.form(fmt.Sprintf("/enterprise/jobs/%d/status", id), emp, url.Values{"action": {"pause"}}); rec.Code != 303 {
			t.Fatalf("pause: %d", rec.Code)
		}
		if rec := f.page("/enterprise/jobs?done=pause", emp); !strings.Contains(rec.Body.String(), "恢复招聘") {
			t.Fatal("no resume button on a paused post")
		}
	})
}

// TestClassifyEndpoint: top five leaf occupations, an empty list (not null)
// when there is nothing to go on, 422 without a title.
func TestClassifyEndpoint(t *testing.T) {
	f := newFixture(t, storeSQLite(t), serverOpts())
	rec := f.do("POST", "/api/v1/occupations/classify", "", map[string]any{"title": "叉车司机（B证）", "description": "仓库装卸"})
	if rec.Code != 200 {
		t.Fatalf("classify: %d %s", rec.Code, rec.Body)
	}
	var out struct {
		Items []struct {
			Code, Name string
			Score      float64
		}
	}
	json.Unmarshal(rec.Body.Bytes(), &out)
	if len(out.Items) != 5 || out.Items[0].Code != "6-30-05-01" || out.Items[0].Name == "" || out.Items[0].Score <= out.Items[4].Score {
		t.Fatalf("items: %+v", out.Items)
	}
	rec = f.do("POST", "/api/v1/occupations/classify", "", map[string]any{"title": "！！！"})
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"items":[`) {
		t.Fatalf("nothing to classify: %d %s", rec.Code, rec.Body)
	}
	for _, body := range []any{map[string]any{"title": ""}, map[string]any{"title": strings.Repeat("工", 101)}, map[string]any{"name": "焊工"}} {
		if rec := f.do("POST", "/api/v1/occupations/classify", "", body); rec.Code != 422 && rec.Code != 400 {
			t.Fatalf("%v: %d", body, rec.Code)
		}
	}
}

// TestJobExpiry: a post leaves search when its expiry day ends, before the
// daily run; the run marks it expired and schedules itself again.
func TestJobExpiry(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.createPost("employer", weldPost(func(m map[string]any) { m["expires_on"] = "2026-05-12" }))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d", rec.Code)
		}
		f.catchUp()
		if ids, _ := f.searchJobs(""); !hasID(ids, id) {
			t.Fatal("not searchable")
		}
		later := time.Date(2026, 5, 12, 16, 0, 1, 0, time.UTC) // 2026-05-13 00:00:01 in Beijing
		db.SetClock(func() time.Time { return later })
		if ids, _ := f.searchJobs(""); hasID(ids, id) {
			t.Fatal("expired post still found")
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", id), "", nil); rec.Code != 404 {
			t.Fatalf("expired post page: %d", rec.Code)
		}
		w := worker.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		f.app.RegisterTasks(w)
		if err := f.app.Jobs.ScheduleJobExpiry(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := w.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		p, _ := db.Jobs().PostByID(context.Background(), id)
		if p.Status != jobs.Expired {
			t.Fatalf("status %s", p.Status)
		}
		// The next run is queued: queueing another under the same key adds nothing.
		n1, _ := db.PendingTasks(context.Background())
		if err := db.Enqueue(context.Background(), app.TaskJobsExpire, "", app.TaskJobsExpire, later); err != nil {
			t.Fatal(err)
		}
		if n2, _ := db.PendingTasks(context.Background()); n2 != n1 {
			t.Fatalf("next run not scheduled: %d → %d pending", n1, n2)
		}
		st, err := f.app.Jobs.CatchUpJobs(context.Background())
		if err != nil || st.Applied != 1 || st.Posts != 0 {
			t.Fatalf("catch-up after expiry: %+v %v", st, err)
		}
		// Renewing it: an edit with a new expiry goes back to review.
		rec := f.do("PUT", fmt.Sprintf("/api/v1/jobs/%d", id), f.token("employer"), weldPost(func(m map[string]any) { m["expires_on"] = "2026-06-30" }))
		if rec.Code != 200 || decode(t, rec)["status"] != "pending" {
			t.Fatalf("renew: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestSecondInstance: two platforms on one PostgreSQL store; a post approved
// through instance A is found by instance B after one catch-up, and B's
// follower (polling every 500 ms) finds the next one within 2 s.
func TestSecondInstance(t *testing.T) {
	base := os.Getenv(storetest.EnvPostgres)
	if base == "" {
		t.Skip(storetest.EnvPostgres + " is not set; PostgreSQL tests skipped")
	}
	dsn, err := storetest.SchemaDSN(t, base)
	if err != nil {
		t.Fatal(err)
	}
	box := storetest.Box(t)
	ctx := context.Background()
	open := func() *store.DB {
		db, err := store.Open(ctx, dsn, box)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return db
	}
	dbA, dbB := open(), open()
	f := jobsFixture(t, dbA) // instance A with the accounts
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	b := app.New(dbB, tables, logger, app.Options{HashParams: cheapHash})
	dbB.SetClock(func() time.Time { return jobsDay })
	srvB, err := server.New(b, logger, serverOpts())
	if err != nil {
		t.Fatal(err)
	}
	searchB := func() []int64 {
		rec := httptest.NewRecorder()
		srvB.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/jobs?q="+url.QueryEscape("焊工"), nil))
		var out struct{ Items []struct{ ID int64 } }
		json.Unmarshal(rec.Body.Bytes(), &out)
		var ids []int64
		for _, it := range out.Items {
			ids = append(ids, it.ID)
		}
		return ids
	}
	if ids := searchB(); len(ids) != 0 { // loads B's (empty) index
		t.Fatalf("B starts with %v", ids)
	}
	rev := f.token("reviewer")
	approve := func(id int64) {
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), rev, map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve on A: %d %s", rec.Code, rec.Body)
		}
	}
	id1 := f.createPost("employer", weldPost(nil))
	approve(id1)
	if hasID(searchB(), id1) {
		t.Fatal("B found the post before catching up")
	}
	st, err := b.Jobs.CatchUpJobs(ctx)
	if err != nil || st.Applied == 0 || !hasID(searchB(), id1) {
		t.Fatalf("B after one catch-up: %+v %v %v", st, err, searchB())
	}

	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { b.Jobs.FollowJobs(runCtx, 500*time.Millisecond); close(done) }()
	defer func() { stop(); <-done }()
	id2 := f.createPost("employer", weldPost(func(m map[string]any) { m["title"] = "二保焊工" }))
	approve(id2)
	start := time.Now()
	for !hasID(searchB(), id2) {
		if time.Since(start) > 2*time.Second {
			t.Fatal("instance B did not converge within 2 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("instance B converged %v after the approval on A", time.Since(start).Round(time.Millisecond))
}

// matrixJobs prepares the route×role matrix: both enterprises verified and
// one published post of "employer"; it returns that post's id.
func (f *fixture) matrixJobs() string {
	f.t.Helper()
	ctx := context.Background()
	for _, role := range []string{"employer", "employer2"} { // other routes of the matrix withdraw verification
		if e, err := f.db.Registry().EnterpriseByID(ctx, f.users[role].User.EnterpriseID); err != nil || !e.Verified {
			f.verify(role)
		}
	}
	entID := f.users["employer"].User.EnterpriseID
	posts, _, err := f.db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: entID})
	if err != nil {
		f.t.Fatal(err)
	}
	if len(posts) > 0 {
		return strconv.FormatInt(posts[0].ID, 10)
	}
	p, err := f.app.Jobs.CreatePost(ctx, app.Actor{User: f.users["employer"].User}, app.PostInput{Title: "仓管员", OccupationCode: "4-02-06-01",
		Description: "负责仓库收发货和盘点。", Headcount: 1, SalaryMin: 4500, SalaryMax: 6000, RegionCode: "420112001", Address: "吴家山"})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.app.Jobs.ReviewPost(ctx, app.Actor{User: f.users["reviewer"].User}, p.ID, app.ReviewInput{Action: "approve"}); err != nil {
		f.t.Fatal(err)
	}
	return strconv.FormatInt(p.ID, 10)
}

// TestEnterpriseChangesReachSearch: withdrawing an enterprise's
// verification takes its posts out of search, restoring it brings them
// back, and a rename shows in the results after the follower catches up.
func TestEnterpriseChangesReachSearch(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		id := f.createPost("employer", weldPost(nil))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
			t.Fatalf("approve: %d", rec.Code)
		}
		f.catchUp()
		q := "q=" + url.QueryEscape("焊工")
		if ids, _ := f.searchJobs(q); !hasID(ids, id) {
			t.Fatal("approved post not found")
		}
		ent := f.users["employer"].User.EnterpriseID
		path := fmt.Sprintf("/api/v1/enterprises/%d/verify", ent)
		if rec := f.do("POST", path, f.token("staff"), map[string]any{"verified": false}); rec.Code != 204 {
			t.Fatalf("withdraw verification: %d", rec.Code)
		}
		f.catchUp()
		if ids, _ := f.searchJobs(q); hasID(ids, id) {
			t.Fatal("post still searchable after the enterprise's verification was withdrawn")
		}
		f.do("POST", path, f.token("staff"), map[string]any{"verified": true})
		rec := f.do("PUT", "/api/v1/me/enterprise", f.token("employer"), map[string]any{"name": "武汉新名称物流有限公司", "industry_code": "54", "region_code": "420112"})
		if rec.Code != 200 {
			t.Fatalf("rename: %d %s", rec.Code, rec.Body)
		}
		f.catchUp()
		ids, doc := f.searchJobs(q)
		if !hasID(ids, id) || !strings.Contains(fmt.Sprint(doc["items"]), "武汉新名称物流有限公司") {
			t.Fatalf("after re-verification and rename: %v", doc["items"])
		}
	})
}
