package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/store"
)

// matrixJobApp prepares the route×role matrix: "person"'s application to
// "employer"'s published post; it returns the application's id.
func (f *fixture) matrixJobApp() string {
	f.t.Helper()
	ctx := context.Background()
	postID, _ := strconv.ParseInt(f.matrixJobs(), 10, 64)
	pa := app.Actor{User: f.users["person"].User}
	if ap, err := f.app.JobApps.MyJobApplication(ctx, pa, postID); err != nil {
		f.t.Fatal(err)
	} else if ap != nil {
		return strconv.FormatInt(ap.ID, 10)
	}
	ap, err := f.app.JobApps.ApplyJob(ctx, pa, postID, "")
	if err != nil {
		f.t.Fatal(err)
	}
	return strconv.FormatInt(ap.ID, 10)
}

// publishedPost creates and approves a post of role's enterprise.
func (f *fixture) publishedPost(role string, edit func(m map[string]any)) int64 {
	f.t.Helper()
	id := f.createPost(role, weldPost(edit))
	if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/review", id), f.token("reviewer"), map[string]any{"action": "approve"}); rec.Code != 200 {
		f.t.Fatalf("approve: %d %s", rec.Code, rec.Body)
	}
	f.catchUp()
	return id
}

func inboxCount(t *testing.T, f *fixture, token, text string) int {
	t.Helper()
	rec := f.do("GET", "/api/v1/me/inbox", token, nil)
	return strings.Count(rec.Body.String(), text)
}

// TestJobApplicationsAPI: apply (201, second 409, bad note 422, unpublished
// post 404), employer sees phone and masked ID, another employer is refused
// (audited; 404 on an application, as if missing), pipeline with inbox messages on both sides and history,
// invalid transitions, withdraw.
func TestJobApplicationsAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := jobsFixture(t, db)
		postID := f.publishedPost("employer", nil)
		person, person2, emp, emp2 := f.token("person"), f.token("person2"), f.token("employer"), f.token("employer2")
		applyPath := fmt.Sprintf("/api/v1/jobs/%d/applications", postID)

		if rec := f.do("POST", applyPath, person, map[string]any{"note": strings.Repeat("好", 501)}); rec.Code != 422 || errField(t, rec, "note") == "" {
			t.Fatalf("long note: %d %s", rec.Code, rec.Body)
		}
		rec := f.do("POST", applyPath, person, map[string]any{"note": "本人有焊工证，<b>随时到岗</b>"})
		if rec.Code != 201 {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		appID := int64(decode(t, rec)["id"].(float64))
		if st := decode(t, rec)["status"]; st != "new" {
			t.Fatalf("status %v", st)
		}
		if rec := f.do("POST", applyPath, person, nil); rec.Code != 409 {
			t.Fatalf("second apply: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", applyPath, person2, nil); rec.Code != 201 {
			t.Fatalf("person2 applies without a note: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", applyPath, emp, nil); rec.Code != 403 {
			t.Fatalf("employer applies: %d", rec.Code)
		}
		pending := f.createPost("employer", weldPost(nil))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/applications", pending), person, nil); rec.Code != 404 {
			t.Fatalf("apply to a pending post: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/jobs/999999/applications", person, nil); rec.Code != 404 {
			t.Fatalf("apply to no post: %d", rec.Code)
		}
		if !inboxHas(t, f, emp, "收到新的求职申请") {
			t.Fatal("employer not told of the application")
		}

		// The employer's list: phone in clear, ID number masked, never whole.
		p1, err := db.Registry().PersonByID(ctx, f.users["person"].User.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		rec = f.do("GET", fmt.Sprintf("/api/v1/jobs/%d/applicants", postID), emp, nil)
		if rec.Code != 200 {
			t.Fatalf("applicants: %d %s", rec.Code, rec.Body)
		}
		body := rec.Body.String()
		if !strings.Contains(body, p1.Phone) || !strings.Contains(body, p1.IDMasked) || strings.Contains(body, p1.IDNumber) {
			t.Fatalf("applicants list: want phone %s and masked id %s, never %s: %s", p1.Phone, p1.IDMasked, p1.IDNumber, body)
		}
		if n := len(decode(t, rec)["items"].([]any)); n != 2 {
			t.Fatalf("%d applicants, want 2", n)
		}

		// Another enterprise: refused and audited, on the list of a published
		// post (403: the post is public) and on one application (404, as if
		// missing); another person likewise.
		denied0 := auditCount(t, db, "access.denied", "denied")
		if rec := f.do("GET", fmt.Sprintf("/api/v1/jobs/%d/applicants", postID), emp2, nil); rec.Code != 403 || strings.Contains(rec.Body.String(), p1.Phone) {
			t.Fatalf("employer2 reads applicants: %d %s", rec.Code, rec.Body)
		}
		appPath := fmt.Sprintf("/api/v1/job-applications/%d", appID)
		if rec := f.do("GET", appPath, emp2, nil); rec.Code != 404 {
			t.Fatalf("employer2 opens an application: %d", rec.Code)
		}
		if rec := f.do("POST", appPath+"/status", emp2, map[string]any{"status": "interview"}); rec.Code != 404 {
			t.Fatalf("employer2 moves an application: %d", rec.Code)
		}
		if rec := f.do("GET", appPath, person2, nil); rec.Code != 404 {
			t.Fatalf("person2 opens person's application: %d", rec.Code)
		}
		if rec := f.do("POST", appPath+"/withdraw", person2, nil); rec.Code != 404 {
			t.Fatalf("person2 withdraws person's application: %d", rec.Code)
		}
		if got := auditCount(t, db, "access.denied", "denied") - denied0; got != 5 {
			t.Fatalf("denied attempts audited: %d, want 5", got)
		}

		// Invalid moves before the employer looked: hired straight from new.
		if rec := f.do("POST", appPath+"/status", emp, map[string]any{"status": "hired"}); rec.Code != 409 {
			t.Fatalf("new → hired: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", appPath+"/status", emp, map[string]any{"status": "bogus"}); rec.Code != 422 || errField(t, rec, "status") == "" {
			t.Fatalf("unknown status: %d %s", rec.Code, rec.Body)
		}
		// Opening it marks it viewed and tells the person.
		rec = f.do("GET", appPath, emp, nil)
		if rec.Code != 200 {
			t.Fatalf("employer opens: %d %s", rec.Code, rec.Body)
		}
		m := decode(t, rec)
		if m["status"] != "viewed" || !strings.Contains(rec.Body.String(), p1.Phone) || strings.Contains(rec.Body.String(), p1.IDNumber) {
			t.Fatalf("opened application: %s", rec.Body)
		}
		if !inboxHas(t, f, person, "已查看") {
			t.Fatal("person not told the application was viewed")
		}
		// Interview with a note, then hired.
		status0 := auditCount(t, db, "jobapp.status", "ok")
		rec = f.do("POST", appPath+"/status", emp, map[string]any{"status": "interview", "note": "请于周三上午 9 点到吴家山厂区面试"})
		if rec.Code != 200 {
			t.Fatalf("interview: %d %s", rec.Code, rec.Body)
		}
		if !inboxHas(t, f, person, "周三上午 9 点") {
			t.Fatal("person not told of the interview with its note")
		}
		if rec := f.do("POST", appPath+"/status", emp, map[string]any{"status": "viewed"}); rec.Code != 409 {
			t.Fatalf("interview → viewed: %d", rec.Code)
		}
		if rec := f.do("POST", appPath+"/status", emp, map[string]any{"status": "hired", "note": "欢迎加入"}); rec.Code != 200 {
			t.Fatalf("hired: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", appPath+"/status", emp, map[string]any{"status": "rejected"}); rec.Code != 409 {
			t.Fatalf("hired → rejected: %d", rec.Code)
		}
		if got := auditCount(t, db, "jobapp.status", "ok") - status0; got != 2 {
			t.Fatalf("status changes audited: %d, want 2", got)
		}
		if rec := f.do("POST", appPath+"/withdraw", person, nil); rec.Code != 409 {
			t.Fatalf("withdraw a hired application: %d", rec.Code)
		}
		// The person follows it: status and full history.
		rec = f.do("GET", "/api/v1/me/job-applications", person, nil)
		items := decode(t, rec)["items"].([]any)
		if rec.Code != 200 || len(items) != 1 {
			t.Fatalf("my applications: %d %s", rec.Code, rec.Body)
		}
		it := items[0].(map[string]any)
		if it["status"] != "hired" || len(it["history"].([]any)) != 4 {
			t.Fatalf("my application: %v", it)
		}

		// person2 withdraws; the employer is told; no second withdraw.
		var app2 int64
		for _, x := range decode(t, f.do("GET", "/api/v1/me/job-applications", person2, nil))["items"].([]any) {
			app2 = int64(x.(map[string]any)["id"].(float64))
		}
		p2 := fmt.Sprintf("/api/v1/job-applications/%d", app2)
		if rec := f.do("POST", p2+"/withdraw", person2, nil); rec.Code != 200 || decode(t, rec)["status"] != "withdrawn" {
			t.Fatalf("withdraw: %d %s", rec.Code, rec.Body)
		}
		if !inboxHas(t, f, emp, "撤回") {
			t.Fatal("employer not told of the withdrawal")
		}
		if rec := f.do("POST", p2+"/withdraw", person2, nil); rec.Code != 409 {
			t.Fatalf("second withdraw: %d", rec.Code)
		}
		if rec := f.do("POST", p2+"/status", emp, map[string]any{"status": "interview"}); rec.Code != 409 {
			t.Fatalf("interview a withdrawn application: %d", rec.Code)
		}
		if rec := f.do("POST", applyPath, person2, nil); rec.Code != 409 {
			t.Fatalf("apply again after withdrawing: %d", rec.Code)
		}
		if n := auditCount(t, db, "jobapp.withdraw", "ok"); n != 1 {
			t.Fatalf("withdrawals audited: %d", n)
		}
	})
}

// TestJobApplicationsWeb: the apply form (anonymous → login with next=,
// note kept on error, 已申请 state), the person's list and withdraw, the
// employer's list (masked ID, phone) and detail (resume, status buttons,
// note kept on error, history).
func TestJobApplicationsWeb(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := jobsFixture(t, db)
		postID := f.publishedPost("employer", nil)
		person, person2, emp, emp2 := f.token("person"), f.token("person2"), f.token("employer"), f.token("employer2")
		detail := fmt.Sprintf("/jobs/%d", postID)
		if rec := f.page(detail, ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "/login?next="+url.QueryEscape(detail)) {
			t.Fatalf("anonymous post page: %d", rec.Code)
		}
		if rec := f.page(detail, person); rec.Code != 200 || !strings.Contains(rec.Body.String(), `action="/jobs/`+strconv.FormatInt(postID, 10)+`/apply"`) {
			t.Fatalf("person sees no apply form: %d %s", rec.Code, rec.Body)
		}
		long := strings.Repeat("我", 501)
		rec := f.form(detail+"/apply", person, url.Values{"note": {long}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), long) || !strings.Contains(rec.Body.String(), "500") {
			t.Fatalf("long note: %d", rec.Code)
		}
		if n, _ := db.Count(ctx, "job_applications"); n != 0 {
			t.Fatalf("%d applications saved", n)
		}
		rec = f.form(detail+"/apply", person, url.Values{"note": {"<script>x</script>能吃苦"}})
		if rec.Code != 303 || !strings.Contains(rec.Header().Get("Location"), "done=applied") {
			t.Fatalf("apply: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		if rec := f.page(detail, person); !strings.Contains(rec.Body.String(), "已申请") {
			t.Fatalf("no 已申请 state: %s", rec.Body)
		}
		if rec := f.form(detail+"/apply", person, url.Values{"note": {"再来一次"}}); rec.Code != 409 || !strings.Contains(rec.Body.String(), "已申请") {
			t.Fatalf("second apply: %d", rec.Code)
		}
		if rec := f.form(detail+"/apply", person2, nil); rec.Code != 303 {
			t.Fatalf("person2 apply: %d", rec.Code)
		}

		rec = f.page("/me/job-applications", person)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "电焊工") || !strings.Contains(rec.Body.String(), "待查看") ||
			strings.Contains(rec.Body.String(), "<script>x") {
			t.Fatalf("my applications: %d %s", rec.Code, rec.Body)
		}

		p1, _ := db.Registry().PersonByID(ctx, f.users["person"].User.PersonID)
		list := fmt.Sprintf("/enterprise/jobs/%d/applicants", postID)
		rec = f.page(list, emp)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), p1.Phone) || !strings.Contains(rec.Body.String(), p1.IDMasked) ||
			strings.Contains(rec.Body.String(), p1.IDNumber) {
			t.Fatalf("applicants page: %d %s", rec.Code, rec.Body)
		}
		if rec := f.page(list, emp2); rec.Code != 403 {
			t.Fatalf("employer2 applicants page: %d", rec.Code)
		}
		ap, err := f.app.JobApps.MyJobApplication(ctx, app.Actor{User: f.users["person"].User}, postID)
		if err != nil || ap == nil {
			t.Fatal(err)
		}
		one := fmt.Sprintf("/enterprise/job-applications/%d", ap.ID)
		// A resume to show read-only.
		if rec := f.do("PUT", "/api/v1/me/resume", person, goodResume()); rec.Code != 200 {
			t.Fatalf("resume: %d %s", rec.Code, rec.Body)
		}
		rec = f.page(one, emp)
		b := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(b, "resume-doc") || !strings.Contains(b, "已查看") || !strings.Contains(b, `value="interview"`) ||
			strings.Contains(b, p1.IDNumber) {
			t.Fatalf("application page: %d %s", rec.Code, b)
		}
		if rec := f.page(one, emp2); rec.Code != 404 {
			t.Fatalf("employer2 application page: %d", rec.Code)
		}
		longNote := strings.Repeat("约", 501)
		rec = f.form(one+"/status", emp, url.Values{"status": {"interview"}, "note": {longNote}})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), longNote) {
			t.Fatalf("long status note: %d", rec.Code)
		}
		rec = f.form(one+"/status", emp, url.Values{"status": {"interview"}, "note": {"周三面试"}})
		if rec.Code != 303 {
			t.Fatalf("interview: %d %s", rec.Code, rec.Body)
		}
		rec = f.form(one+"/status", emp, url.Values{"status": {"viewed"}, "note": {"退回去"}})
		if rec.Code != 409 || !strings.Contains(rec.Body.String(), "退回去") {
			t.Fatalf("invalid move: %d", rec.Code)
		}
		if rec := f.page(one, emp); !strings.Contains(rec.Body.String(), "周三面试") || !strings.Contains(rec.Body.String(), "邀请面试") {
			t.Fatalf("history: %s", rec.Body)
		}
		if rec := f.page("/me/job-applications", person); !strings.Contains(rec.Body.String(), "周三面试") {
			t.Fatal("person's list misses the employer's note")
		}
		if inboxCount(t, f, person, "求职进度") != 2 { // viewed, interview
			t.Fatalf("person's inbox: %s", f.do("GET", "/api/v1/me/inbox", person, nil).Body)
		}
		// person2 withdraws from the list page.
		ap2, _ := f.app.JobApps.MyJobApplication(ctx, app.Actor{User: f.users["person2"].User}, postID)
		if rec := f.form(fmt.Sprintf("/me/job-applications/%d/withdraw", ap2.ID), person, nil); rec.Code != 404 {
			t.Fatalf("person withdraws person2's: %d", rec.Code)
		}
		if rec := f.form(fmt.Sprintf("/me/job-applications/%d/withdraw", ap2.ID), person2, nil); rec.Code != 303 {
			t.Fatalf("withdraw: %d", rec.Code)
		}
		if rec := f.page("/me/job-applications", person2); !strings.Contains(rec.Body.String(), "已撤回") {
			t.Fatalf("withdrawn not shown: %s", rec.Body)
		}
	})
}
