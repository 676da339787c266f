package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/sheet"
	"github.com/jiuye/jiuye/internal/store"
)

// auditFor counts audit rows of action on one object with result.
func auditFor(t *testing.T, db *store.DB, action, objType string, objID int64, result string) int {
	t.Helper()
	rows, err := db.ListAudit(context.Background(), audit.Filter{Action: action, ObjectType: objType,
		ObjectID: strconv.FormatInt(objID, 10), Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range rows {
		if e.Result == result {
			n++
		}
	}
	return n
}

// TestMyJobApplicationPage: the applicant's own page shows the post, their
// note, the status explained, the history with the employer's notes and the
// withdraw button while it is open; inbox messages link to it; the post
// closing shows 岗位已下线 with the link kept; another person is refused
// (audited) exactly as a missing one, 404; withdrawing from the page works;
// the API counterpart says the same.
func TestMyJobApplicationPage(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := jobsFixture(t, db)
		postID := f.publishedPost("employer", nil)
		person, person2, emp := f.token("person"), f.token("person2"), f.token("employer")
		ap, err := f.app.JobApps.ApplyJob(ctx, app.Actor{User: f.users["person"].User}, postID, "本人有焊工证，随时到岗")
		if err != nil {
			t.Fatal(err)
		}
		one := fmt.Sprintf("/me/job-applications/%d", ap.ID)

		// Fresh: 待查看, explained, withdraw offered, no 下线 notice.
		rec := f.page(one, person)
		b := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(b, "电焊工（包吃住）") || !strings.Contains(b, "武汉临空港物流有限公司") ||
			!strings.Contains(b, "6000-9000元/月") || !strings.Contains(b, "本人有焊工证，随时到岗") ||
			!strings.Contains(b, jobs.AppNew.Label()) || !strings.Contains(b, jobs.AppNew.Explain()) ||
			!strings.Contains(b, fmt.Sprintf(`action="%s/withdraw"`, one)) || !strings.Contains(b, fmt.Sprintf(`href="/jobs/%d"`, postID)) ||
			strings.Contains(b, "岗位已下线") {
			t.Fatalf("fresh application page: %d %s", rec.Code, b)
		}

		// The employer looks and invites to an interview with a note for the applicant.
		empA := app.Actor{User: f.users["employer"].User}
		if _, err := f.app.JobApps.JobApplication(ctx, empA, ap.ID); err != nil { // opening marks it viewed
			t.Fatal(err)
		}
		if _, err := f.app.JobApps.SetJobApplicationStatus(ctx, empA, ap.ID, app.JobAppStatusInput{Status: "interview", Note: "请于周三上午 9 点到吴家山厂区面试"}); err != nil {
			t.Fatal(err)
		}
		rec = f.page(one, person)
		b = rec.Body.String()
		if rec.Code != 200 || !strings.Contains(b, jobs.AppInterview.Explain()) || !strings.Contains(b, "企业留言：请于周三上午 9 点到吴家山厂区面试") ||
			!strings.Contains(b, "提交申请") || !strings.Contains(b, "我的留言：本人有焊工证") {
			t.Fatalf("interview page: %d %s", rec.Code, b)
		}
		// History in order: applied, viewed, interview.
		iApply, iViewed, iInterview := strings.Index(b, "提交申请"), strings.Index(b, "<strong>已查看</strong>"), strings.Index(b, "<strong>邀请面试</strong>")
		if iApply < 0 || iViewed < iApply || iInterview < iViewed {
			t.Fatalf("history out of order (%d, %d, %d): %s", iApply, iViewed, iInterview, b)
		}

		// Both messages to the person link to this page.
		inbox := decode(t, f.do("GET", "/api/v1/me/inbox", person, nil))
		links := 0
		for _, it := range inbox["items"].([]any) {
			m := it.(map[string]any)
			if strings.HasPrefix(m["title"].(string), "求职进度") {
				if m["link"] != one {
					t.Fatalf("message %q links to %v, want %s", m["title"], m["link"], one)
				}
				links++
			}
		}
		if links != 2 {
			t.Fatalf("%d progress messages, want 2 (viewed, interview): %v", links, inbox)
		}

		// The API says the same.
		rec = f.do("GET", "/api/v1"+one, person, nil)
		m := decode(t, rec)
		pd, _ := m["post_detail"].(map[string]any)
		hist, _ := m["history"].([]any)
		if rec.Code != 200 || m["status"] != "interview" || m["status_explain"] != jobs.AppInterview.Explain() || m["can_withdraw"] != true ||
			pd["salary"] != "6000-9000元/月" || pd["open"] != true || len(hist) != 3 ||
			hist[2].(map[string]any)["note"] != "请于周三上午 9 点到吴家山厂区面试" || hist[2].(map[string]any)["by"] != "employer" {
			t.Fatalf("API application: %d %s", rec.Code, rec.Body)
		}

		// Another person: refused as if missing (404) and audited, page and API; missing: 404.
		denied0 := auditFor(t, db, "access.denied", "job_application", ap.ID, "denied")
		if rec := f.page(one, person2); rec.Code != 404 || strings.Contains(rec.Body.String(), "随时到岗") {
			t.Fatalf("person2 opens person's page: %d", rec.Code)
		}
		if rec := f.do("GET", "/api/v1"+one, person2, nil); rec.Code != 404 || strings.Contains(rec.Body.String(), "随时到岗") {
			t.Fatalf("person2 via API: %d %s", rec.Code, rec.Body)
		}
		if got := auditFor(t, db, "access.denied", "job_application", ap.ID, "denied") - denied0; got != 2 {
			t.Fatalf("refusals audited on application %d: %d, want 2", ap.ID, got)
		}
		if rec := f.page("/me/job-applications/999999", person); rec.Code != 404 {
			t.Fatalf("missing application page: %d", rec.Code)
		}
		if rec := f.do("GET", "/api/v1/me/job-applications/999999", person, nil); rec.Code != 404 {
			t.Fatalf("missing application API: %d", rec.Code)
		}
		if rec := f.page(one, emp); rec.Code != 403 {
			t.Fatalf("employer opens the applicant's page: %d", rec.Code)
		}

		// The post closes: the page says so and still links to it.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/status", postID), emp, map[string]any{"action": "close"}); rec.Code != 200 {
			t.Fatalf("close post: %d %s", rec.Code, rec.Body)
		}
		rec = f.page(one, person)
		b = rec.Body.String()
		if rec.Code != 200 || !strings.Contains(b, "岗位已下线") || !strings.Contains(b, fmt.Sprintf(`href="/jobs/%d"`, postID)) ||
			!strings.Contains(b, "电焊工（包吃住）") {
			t.Fatalf("closed post page: %d %s", rec.Code, b)
		}
		if m := decode(t, f.do("GET", "/api/v1"+one, person, nil)); m["post_detail"].(map[string]any)["open"] != false {
			t.Fatalf("API open after close: %v", m["post_detail"])
		}

		// Withdraw from the page (person2 on another post): back to the page,
		// now withdrawn, explained, no button; the employer is told.
		post2 := f.publishedPost("employer", func(m map[string]any) { m["title"] = "叉车司机" })
		ap2, err := f.app.JobApps.ApplyJob(ctx, app.Actor{User: f.users["person2"].User}, post2, "")
		if err != nil {
			t.Fatal(err)
		}
		two := fmt.Sprintf("/me/job-applications/%d", ap2.ID)
		if rec := f.page(two, person2); rec.Code != 200 || !strings.Contains(rec.Body.String(), `action="`+two+`/withdraw"`) {
			t.Fatalf("no withdraw button: %d %s", rec.Code, rec.Body)
		}
		rec = f.form(two+"/withdraw", person2, nil)
		if rec.Code != 303 || rec.Header().Get("Location") != two+"?done=withdrawn" {
			t.Fatalf("withdraw: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		rec = f.page(two+"?done=withdrawn", person2)
		b = rec.Body.String()
		if rec.Code != 200 || !strings.Contains(b, "申请已撤回") || !strings.Contains(b, jobs.AppWithdrawn.Explain()) || strings.Contains(b, "/withdraw\"") {
			t.Fatalf("withdrawn page: %d %s", rec.Code, b)
		}
		if !inboxHas(t, f, emp, "撤回了申请：叉车司机") {
			t.Fatal("employer not told of the withdrawal")
		}
		// Hired is final: no button.
		if _, err := f.app.JobApps.SetJobApplicationStatus(ctx, empA, ap.ID, app.JobAppStatusInput{Status: "hired"}); err != nil {
			t.Fatal(err)
		}
		if b := f.page(one, person).Body.String(); strings.Contains(b, "/withdraw\"") || !strings.Contains(b, jobs.AppHired.Explain()) {
			t.Fatalf("hired page offers withdraw: %s", b)
		}
	})
}

// applied is an application filed by applyMany and its applicant.
type applied struct {
	ID   int64
	User *account.User
}

// applyMany has n new persons apply to postID through the app, in order.
func (f *fixture) applyMany(postID int64, n int) []applied {
	f.t.Helper()
	ctx := context.Background()
	out := make([]applied, n)
	for i := range n {
		u := f.registerPerson("求职者" + strconv.Itoa(i))
		ap, err := f.app.JobApps.ApplyJob(ctx, app.Actor{User: u.User}, postID, "")
		if err != nil {
			f.t.Fatal(err)
		}
		out[i] = applied{ID: ap.ID, User: u.User}
	}
	return out
}

// pipeline moves applications to statuses by index: the first five are
// withdrawn, then 7 viewed, 4 interview, 2 hired, 3 rejected, the rest new.
// It returns every id in the order filed and the ids per status, newest
// first.
func (f *fixture) pipeline(apps []applied) ([]int64, map[string][]int64) {
	f.t.Helper()
	ctx := context.Background()
	emp := app.Actor{User: f.users["employer"].User}
	move := func(id int64, to ...string) {
		for _, s := range to {
			if _, err := f.app.JobApps.SetJobApplicationStatus(ctx, emp, id, app.JobAppStatusInput{Status: s}); err != nil {
				f.t.Fatal(err)
			}
		}
	}
	by := map[string][]int64{}
	ids := make([]int64, len(apps))
	for i, a := range apps {
		id := a.ID
		ids[i] = id
		var st string
		switch {
		case i < 5:
			if _, err := f.app.JobApps.WithdrawJobApplication(ctx, app.Actor{User: a.User}, id); err != nil {
				f.t.Fatal(err)
			}
			st = "withdrawn"
		case i < 12:
			move(id, "viewed")
			st = "viewed"
		case i < 16:
			move(id, "interview")
			st = "interview"
		case i < 18:
			move(id, "interview", "hired")
			st = "hired"
		case i < 21:
			move(id, "rejected")
			st = "rejected"
		default:
			st = "new"
		}
		by[st] = append(by[st], id)
	}
	for _, xs := range by {
		slices.Reverse(xs)
	}
	return ids, by
}

func newestFirst(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Reverse(out)
	return out
}

// itemIDs are the ids of a list response's items, in order.
func itemIDs(t *testing.T, m map[string]any) []int64 {
	t.Helper()
	var out []int64
	for _, it := range m["items"].([]any) {
		out = append(out, int64(it.(map[string]any)["id"].(float64)))
	}
	return out
}

// TestJobApplicantsPaging: 45 applications to one post, paged in SQL on the
// API (slices, totals, counts per status, status filter, page_size capped
// at 100, bad parameters 422 naming the field) and on the page (tabs with
// counts, 20 rows a page, pager links, status tab, bad status 422).
func TestJobApplicantsPaging(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := jobsFixture(t, db)
		postID := f.publishedPost("employer", nil)
		ids, by := f.pipeline(f.applyMany(postID, 45))
		all := newestFirst(ids)
		emp := f.token("employer")
		api := fmt.Sprintf("/api/v1/jobs/%d/applicants", postID)
		get := func(query string) map[string]any {
			t.Helper()
			rec := f.do("GET", api+query, emp, nil)
			if rec.Code != 200 {
				t.Fatalf("GET %s: %d %s", query, rec.Code, rec.Body)
			}
			return decode(t, rec)
		}
		wantCounts := map[string]any{"new": 24.0, "viewed": 7.0, "interview": 4.0, "hired": 2.0, "rejected": 3.0, "withdrawn": 5.0}

		// Default page: 20 newest, totals and counts.
		m := get("")
		if got := itemIDs(t, m); !slices.Equal(got, all[:20]) {
			t.Fatalf("page 1: %v, want %v", got, all[:20])
		}
		if m["total"] != 45.0 || m["all"] != 45.0 || m["page"] != 1.0 || m["page_size"] != 20.0 || m["pages"] != 3.0 {
			t.Fatalf("page 1 totals: %v", m)
		}
		if fmt.Sprint(m["counts"]) != fmt.Sprint(wantCounts) {
			t.Fatalf("counts %v, want %v", m["counts"], wantCounts)
		}
		if got := itemIDs(t, get("?page=2")); !slices.Equal(got, all[20:40]) {
			t.Fatalf("page 2: %v, want %v", got, all[20:40])
		}
		m = get("?page=3")
		if got := itemIDs(t, m); !slices.Equal(got, all[40:]) || m["total"] != 45.0 {
			t.Fatalf("page 3: %v, want %v (%v)", got, all[40:], m["total"])
		}
		m = get("?page=4")
		if len(m["items"].([]any)) != 0 || m["total"] != 45.0 {
			t.Fatalf("past the end: %v", m)
		}
		if got := itemIDs(t, get("?page_size=7&page=3")); !slices.Equal(got, all[14:21]) {
			t.Fatalf("page_size 7 page 3: %v, want %v", got, all[14:21])
		}
		// Status filter, paged.
		m = get("?status=new&page_size=10&page=2")
		if got := itemIDs(t, m); !slices.Equal(got, by["new"][10:20]) || m["total"] != 24.0 || m["all"] != 45.0 || m["status"] != "new" {
			t.Fatalf("new page 2: %v, want %v (%v)", got, by["new"][10:20], m)
		}
		for st, want := range by {
			m := get("?page_size=100&status=" + st)
			if got := itemIDs(t, m); !slices.Equal(got, want) || m["total"] != float64(len(want)) {
				t.Fatalf("status %s: %v, want %v", st, got, want)
			}
			for _, it := range m["items"].([]any) {
				if it.(map[string]any)["status"] != st {
					t.Fatalf("status %s lists %v", st, it)
				}
			}
		}
		// page_size is capped, not refused.
		m = get("?page_size=10000")
		if m["page_size"] != 100.0 || len(m["items"].([]any)) != 45 || m["pages"] != 1.0 {
			t.Fatalf("page_size 10000: page_size %v, %d items", m["page_size"], len(m["items"].([]any)))
		}
		// Bad parameters: 422 naming the field.
		for q, field := range map[string]string{"?status=bogus": "status", "?status=NEW": "status", "?page=0": "page", "?page=abc": "page",
			"?page_size=0": "page_size", "?page_size=ten": "page_size"} {
			rec := f.do("GET", api+q, emp, nil)
			if rec.Code != 422 || errField(t, rec, field) == "" {
				t.Fatalf("%s: %d %s, want 422 on %s", q, rec.Code, rec.Body, field)
			}
		}
		if rec := f.do("GET", api+"?status=bogus", f.token("employer2"), nil); rec.Code != 403 {
			t.Fatalf("employer2 with a bad status: %d", rec.Code)
		}

		// The page: tabs with counts, 20 rows, pager.
		base := fmt.Sprintf("/enterprise/jobs/%d/applicants", postID)
		rows := func(b string) int { return strings.Count(b, `<a href="/enterprise/job-applications/`) }
		rec := f.page(base, emp)
		b := rec.Body.String()
		if rec.Code != 200 || rows(b) != 20 || !strings.Contains(b, `全部 <span class="n">45</span>`) ||
			!strings.Contains(b, `待查看 <span class="n">24</span>`) || !strings.Contains(b, `已查看 <span class="n">7</span>`) ||
			!strings.Contains(b, `邀请面试 <span class="n">4</span>`) || !strings.Contains(b, `已撤回 <span class="n">5</span>`) ||
			!strings.Contains(b, `href="`+base+`?page=2"`) || !strings.Contains(b, fmt.Sprintf(`/enterprise/job-applications/%d"`, all[0])) {
			t.Fatalf("applicants page 1: %d rows %d %s", rec.Code, rows(b), b)
		}
		b = f.page(base+"?page=3", emp).Body.String()
		if rows(b) != 5 || !strings.Contains(b, `href="`+base+`?page=2"`) || strings.Contains(b, "page=4") {
			t.Fatalf("applicants page 3: %d rows %s", rows(b), b)
		}
		b = f.page(base+"?status=interview", emp).Body.String()
		if rows(b) != 4 || !strings.Contains(b, `aria-current="page">邀请面试`) || !strings.Contains(b, `format=xlsx&amp;status=interview`) {
			t.Fatalf("interview tab: %d rows %s", rows(b), b)
		}
		if rec := f.page(base+"?status=bogus", emp); rec.Code != 422 || !strings.Contains(rec.Body.String(), "status") {
			t.Fatalf("page with a bad status: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestMyJobApplicationsPaging: one person's 23 applications, 20 a page,
// newest first, with the status filter, on the page and the API.
func TestMyJobApplicationsPaging(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := jobsFixture(t, db)
		pa := app.Actor{User: f.users["person"].User}
		var ids []int64
		for i := range 23 {
			postID := f.publishedPost("employer", func(m map[string]any) { m["title"] = "岗位" + strconv.Itoa(i) })
			ap, err := f.app.JobApps.ApplyJob(ctx, pa, postID, "")
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, ap.ID)
		}
		for _, id := range ids[:2] {
			if _, err := f.app.JobApps.WithdrawJobApplication(ctx, pa, id); err != nil {
				t.Fatal(err)
			}
		}
		all := newestFirst(ids)
		person := f.token("person")
		m := decode(t, f.do("GET", "/api/v1/me/job-applications", person, nil))
		if got := itemIDs(t, m); !slices.Equal(got, all[:20]) || m["total"] != 23.0 || m["pages"] != 2.0 {
			t.Fatalf("my page 1: %v (%v %v)", got, m["total"], m["pages"])
		}
		if got := itemIDs(t, decode(t, f.do("GET", "/api/v1/me/job-applications?page=2", person, nil))); !slices.Equal(got, all[20:]) {
			t.Fatalf("my page 2: %v, want %v", got, all[20:])
		}
		m = decode(t, f.do("GET", "/api/v1/me/job-applications?status=withdrawn", person, nil))
		if got := itemIDs(t, m); !slices.Equal(got, []int64{ids[1], ids[0]}) || m["total"] != 2.0 || m["all"] != 23.0 {
			t.Fatalf("my withdrawn: %v %v", got, m)
		}
		if rec := f.do("GET", "/api/v1/me/job-applications?status=gone", person, nil); rec.Code != 422 || errField(t, rec, "status") == "" {
			t.Fatalf("bad status: %d %s", rec.Code, rec.Body)
		}
		// Another person sees none of them.
		if m := decode(t, f.do("GET", "/api/v1/me/job-applications", f.token("person2"), nil)); m["total"] != 0.0 {
			t.Fatalf("person2 sees %v", m["total"])
		}

		rows := func(b string) int { return strings.Count(b, `class="card pcard"`) }
		rec := f.page("/me/job-applications", person)
		b := rec.Body.String()
		if rec.Code != 200 || rows(b) != 20 || !strings.Contains(b, `href="/me/job-applications?page=2"`) ||
			!strings.Contains(b, `全部 <span class="n">23</span>`) || !strings.Contains(b, `已撤回 <span class="n">2</span>`) ||
			!strings.Contains(b, fmt.Sprintf(`href="/me/job-applications/%d"`, all[0])) {
			t.Fatalf("my list page 1: %d rows %d %s", rec.Code, rows(b), b)
		}
		if b := f.page("/me/job-applications?page=2", person).Body.String(); rows(b) != 3 || !strings.Contains(b, `href="/me/job-applications"`) {
			t.Fatalf("my list page 2: %d rows", rows(b))
		}
		b = f.page("/me/job-applications?status=withdrawn", person).Body.String()
		if rows(b) != 2 || strings.Count(b, `<span class="tag ast-withdrawn">`) != 2 {
			t.Fatalf("my withdrawn tab: %d rows %s", rows(b), b)
		}
		if rec := f.page("/me/job-applications?"+url.Values{"status": {"bogus"}}.Encode(), person); rec.Code != 422 {
			t.Fatalf("my list bad status: %d", rec.Code)
		}
	})
}

// TestJobApplicantsExport: the employer downloads the filtered applicant
// list as .xlsx: it opens, has one row per application of the filter with
// phones and masked ID numbers (never a whole one), and each download is
// in the audit log; another enterprise is refused (audited) and a bad
// status exports nothing.
func TestJobApplicantsExport(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := jobsFixture(t, db)
		postID := f.publishedPost("employer", nil)
		_, by := f.pipeline(f.applyMany(postID, 25))
		emp := f.token("employer")
		xlsx := fmt.Sprintf("/enterprise/jobs/%d/applicants?format=xlsx", postID)

		open := func(query string) [][]string {
			t.Helper()
			rec := f.page(xlsx+query, emp)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != sheet.ContentType ||
				!strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
				t.Fatalf("export%s: %d %s %s", query, rec.Code, rec.Header(), rec.Body)
			}
			x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
			if err != nil {
				t.Fatalf("export%s does not open: %v", query, err)
			}
			defer x.Close()
			rows, err := x.GetRows(x.GetSheetList()[0])
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}
		exports0 := auditFor(t, db, "jobapp.export", "job_post", postID, "ok")
		rows := open("")
		if len(rows) != 26 || rows[0][0] != "申请编号" || rows[0][5] != "身份证号（脱敏）" || rows[0][6] != "手机号" {
			t.Fatalf("export: %d rows, header %v", len(rows), rows[0])
		}
		if got := auditFor(t, db, "jobapp.export", "job_post", postID, "ok") - exports0; got != 1 {
			t.Fatalf("exports audited: %d, want 1", got)
		}
		// The admin sees who downloaded what, in words.
		if b := f.page(fmt.Sprintf("/admin/audit?action=jobapp.export&object_id=%d", postID), f.token("admin")).Body.String(); !strings.Contains(b, "导出求职申请名单") ||
			!strings.Contains(b, "25 条") {
			t.Fatalf("audit page misses the export: %s", b)
		}
		// Each row is its applicant's: masked ID, phone; never the whole ID.
		seen := map[string]bool{}
		for _, row := range rows[1:] {
			id, _ := strconv.ParseInt(row[0], 10, 64)
			ap, err := db.Jobs().JobApplicationByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			p, err := db.Registry().PersonByID(ctx, ap.PersonID)
			if err != nil {
				t.Fatal(err)
			}
			if row[1] != p.Name || row[5] != p.IDMasked || !strings.Contains(row[5], "*") || row[6] != p.Phone || row[7] != ap.Status.Label() {
				t.Fatalf("row %v, want %s %s %s %s", row, p.Name, p.IDMasked, p.Phone, ap.Status.Label())
			}
			for _, cell := range row {
				if strings.Contains(cell, p.IDNumber) {
					t.Fatalf("whole ID number in the export: %v", row)
				}
			}
			seen[row[0]] = true
		}
		if len(seen) != 25 {
			t.Fatalf("%d distinct applications exported, want 25", len(seen))
		}
		// Filtered: only that status, newest first; audited again.
		rows = open("&status=interview")
		var got []int64
		for _, row := range rows[1:] {
			id, _ := strconv.ParseInt(row[0], 10, 64)
			got = append(got, id)
		}
		if !slices.Equal(got, by["interview"]) {
			t.Fatalf("interview export %v, want %v", got, by["interview"])
		}
		if got := auditFor(t, db, "jobapp.export", "job_post", postID, "ok") - exports0; got != 2 {
			t.Fatalf("exports audited: %d, want 2", got)
		}
		// Another enterprise: refused, audited as a denial, no export logged.
		denied0 := auditFor(t, db, "access.denied", "job_post", postID, "denied")
		if rec := f.page(xlsx, f.token("employer2")); rec.Code != 403 || rec.Header().Get("Content-Type") == sheet.ContentType {
			t.Fatalf("employer2 export: %d", rec.Code)
		}
		if got := auditFor(t, db, "access.denied", "job_post", postID, "denied") - denied0; got != 1 {
			t.Fatalf("refused export audited: %d, want 1", got)
		}
		if rec := f.page(xlsx+"&status=bogus", emp); rec.Code != 422 || !strings.Contains(rec.Body.String(), "status") {
			t.Fatalf("bad status export: %d", rec.Code)
		}
		if got := auditFor(t, db, "jobapp.export", "job_post", postID, "ok") - exports0; got != 2 {
			t.Fatalf("exports audited after refusals: %d, want 2", got)
		}
	})
}
