package server_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestCaseworkVacancies: an agent finds an enterprise, logs the call, and
// types the vacancies heard as drafts (bad input refused field by field, the
// occupation suggested by the classifier). The enterprise sees its drafts
// (another does not), confirms one on the prefilled post form (a pending
// post; a second confirmation is 409), declines another; staff publish a
// third only with recorded consent and a complete post, and withdraw a
// fourth. The enterprise's history counts contacts, posts collected,
// referrals and the hire one made.
func TestCaseworkVacancies(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := caseFixture(t, db)
		staff, emp, emp2 := f.token("staff"), f.token("employer"), f.token("employer2")
		entID := f.users["employer"].User.EnterpriseID
		ent, err := db.Registry().EnterpriseByID(ctx, entID)
		if err != nil {
			t.Fatal(err)
		}

		// Find the enterprise by name; one hit opens its page.
		rec := f.do("GET", "/api/v1/casework/enterprises?q="+url.QueryEscape(ent.Name), staff, nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), fmt.Sprintf(`"id":%d`, entID)) {
			t.Fatalf("find enterprise: %d %s", rec.Code, rec.Body)
		}
		if pg := f.page("/console/casework?eq="+url.QueryEscape(ent.USCC), staff); pg.Code != 303 || pg.Header().Get("Location") != fmt.Sprintf("/console/casework/enterprises/%d", entID) {
			t.Fatalf("find enterprise page: %d %s", pg.Code, pg.Header().Get("Location"))
		}

		// The call, then the vacancies heard on it.
		rec = f.do("POST", "/api/v1/casework/contacts", staff, map[string]any{"enterprise_id": entID, "channel": "phone",
			"direction": "out", "topics": []string{"vacancy"}, "notes": "人事王经理：二季度扩产", "outcome": "reached"})
		if rec.Code != 201 {
			t.Fatalf("enterprise contact: %d %s", rec.Code, rec.Body)
		}
		contactID := int64(decode(t, rec)["id"].(float64))
		collect := func(body map[string]any) map[string]any {
			t.Helper()
			rec := f.do("POST", "/api/v1/casework/vacancies", staff, body)
			if rec.Code != 201 {
				t.Fatalf("collect %v: %d %s", body["title"], rec.Code, rec.Body)
			}
			return decode(t, rec)
		}
		bad := f.do("POST", "/api/v1/casework/vacancies", staff, map[string]any{"enterprise_id": entID, "title": "", "headcount": 0,
			"salary_min": 8000, "salary_max": 6000, "description": strings.Repeat("焊", 6000)})
		if bad.Code != 422 {
			t.Fatalf("bad vacancy: %d %s", bad.Code, bad.Body)
		}
		for _, field := range []string{"title", "headcount", "salary_max", "description"} {
			if errField(t, bad, field) == "" {
				t.Errorf("bad vacancy: no error for %s: %s", field, bad.Body)
			}
		}
		otherContact := f.do("POST", "/api/v1/casework/contacts", staff, map[string]any{"enterprise_id": f.users["employer2"].User.EnterpriseID,
			"channel": "visit", "direction": "out", "topics": []string{"vacancy"}, "outcome": "reached"})
		if rec := f.do("POST", "/api/v1/casework/vacancies", staff, map[string]any{"enterprise_id": entID, "title": "电焊工", "headcount": 1,
			"contact_id": decode(t, otherContact)["id"]}); rec.Code != 422 || errField(t, rec, "contact_id") == "" {
			t.Fatalf("contact of another enterprise: %d %s", rec.Code, rec.Body)
		}
		welder := collect(map[string]any{"enterprise_id": entID, "contact_id": contactID, "title": "电焊工", "headcount": 3,
			"salary_min": 6000, "salary_max": 8000, "description": "钢结构焊接，持焊工证，长白班。"})
		if code := welder["occupation_code"].(string); !strings.HasPrefix(code, "6-") || welder["status"] != "draft" || welder["contact_id"] != float64(contactID) {
			t.Fatalf("welder draft: %v", welder)
		}
		welderID := int64(welder["id"].(float64))
		if inboxCount(t, f, emp, "请确认就业服务中心为您整理的岗位") != 1 {
			t.Fatal("the enterprise was not told of the draft")
		}

		// The enterprise sees its drafts; another enterprise neither sees nor confirms them.
		if rec := f.do("GET", "/api/v1/me/vacancy-drafts", emp, nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), "电焊工") {
			t.Fatalf("my drafts: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/me/vacancy-drafts", emp2, nil); rec.Code != 200 || strings.Contains(rec.Body.String(), "电焊工") {
			t.Fatalf("other enterprise's drafts: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/me/vacancy-drafts/%d/confirm", welderID), emp2, map[string]any{}); rec.Code != 404 {
			t.Fatalf("other enterprise confirms: %d %s", rec.Code, rec.Body)
		}
		if pg := f.page(fmt.Sprintf("/enterprise/jobs/new?draft=%d", welderID), emp2); pg.Code != 404 {
			t.Fatalf("other enterprise's confirm form: %d", pg.Code)
		}
		if pg := f.page("/enterprise/vacancy-drafts", emp); pg.Code != 200 || !strings.Contains(pg.Body.String(), "核对并发布") {
			t.Fatalf("drafts page: %d", pg.Code)
		}

		// Confirmed on the prefilled post form: a post waiting for review.
		form := f.page(fmt.Sprintf("/enterprise/jobs/new?draft=%d", welderID), emp)
		if body := form.Body.String(); form.Code != 200 || !strings.Contains(body, "确认发布岗位") || !strings.Contains(body, `value="电焊工"`) ||
			!strings.Contains(body, `name="draft" value="`+strconv.FormatInt(welderID, 10)+`"`) || !strings.Contains(body, "钢结构焊接") {
			t.Fatalf("confirm form: %d %.3000s", form.Code, body)
		}
		vals := webPostForm()
		vals.Set("draft", strconv.FormatInt(welderID, 10))
		vals.Set("title", "电焊工")
		vals.Set("occupation_code", welder["occupation_code"].(string))
		if rec := f.form("/enterprise/jobs/new", emp, vals); rec.Code != 303 {
			t.Fatalf("confirm: %d %.2000s", rec.Code, rec.Body)
		}
		v := decode(t, f.do("GET", fmt.Sprintf("/api/v1/casework/vacancies/%d", welderID), staff, nil))
		if v["status"] != "published" || v["published_by"] != "enterprise" || v["post_id"] == nil {
			t.Fatalf("confirmed vacancy: %v", v)
		}
		post := decode(t, f.do("GET", fmt.Sprintf("/api/v1/jobs/%d", int64(v["post_id"].(float64))), emp, nil))
		if post["status"] != "pending" || post["title"] != "电焊工" {
			t.Fatalf("confirmed post: %v", post)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/me/vacancy-drafts/%d/confirm", welderID), emp, map[string]any{}); rec.Code != 409 {
			t.Fatalf("second confirmation: %d %s", rec.Code, rec.Body)
		}
		if inboxCount(t, f, staff, "采集的岗位已提交发布") != 1 {
			t.Fatal("the agent was not told the post was filed")
		}

		// Declined by the enterprise, with a reason the agent reads.
		cleaner := collect(map[string]any{"enterprise_id": entID, "title": "保洁员", "headcount": 1})
		cleanerID := int64(cleaner["id"].(float64))
		if pg := f.form(fmt.Sprintf("/enterprise/vacancy-drafts/%d/decline", cleanerID), emp, url.Values{"reason": {strings.Repeat("满", 201)}}); pg.Code != 422 ||
			!strings.Contains(pg.Body.String(), "内容过长") {
			t.Fatalf("decline with a long reason: %d", pg.Code)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/me/vacancy-drafts/%d/decline", cleanerID), emp, map[string]any{"reason": "已招满"}); rec.Code != 200 {
			t.Fatalf("decline: %d %s", rec.Code, rec.Body)
		}
		if inboxCount(t, f, staff, "已招满") != 1 {
			t.Fatal("the agent was not told of the refusal")
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/casework/vacancies/%d/withdraw", cleanerID), staff, nil); rec.Code != 409 {
			t.Fatalf("withdraw a declined draft: %d %s", rec.Code, rec.Body)
		}

		// Staff publish only with consent and a complete post: the district
		// alone is no workplace.
		driver := collect(map[string]any{"enterprise_id": entID, "title": "叉车司机", "headcount": 2, "salary_min": 5500,
			"description": "仓库叉车作业，持叉车证，两班倒。"})
		driverID := int64(driver["id"].(float64))
		publish := func(body map[string]any) map[string]any {
			t.Helper()
			rec := f.do("POST", fmt.Sprintf("/api/v1/casework/vacancies/%d/publish", driverID), staff, body)
			if rec.Code != 422 {
				return decode(t, rec)
			}
			m := decode(t, rec)
			return m
		}
		if m := publish(map[string]any{}); errFieldOf(m, "consent") == "" || errFieldOf(m, "region_code") == "" {
			t.Fatalf("publish without consent or place: %v", m)
		}
		full := weldPost(func(m map[string]any) { m["title"], m["occupation_code"] = "叉车司机", "6-30-05-01" })
		m := publish(map[string]any{"consent": "电话中人事王经理同意代为发布", "post": full})
		if m["post_id"] == nil || m["post_status"] != "pending" {
			t.Fatalf("staff publish: %v", m)
		}
		v = decode(t, f.do("GET", fmt.Sprintf("/api/v1/casework/vacancies/%d", driverID), staff, nil))
		if v["published_by"] != "staff" || v["consent"] != "电话中人事王经理同意代为发布" {
			t.Fatalf("staff-published vacancy: %v", v)
		}
		if n := auditFor(t, db, "casework.vacancy.published", "enterprise", entID, "ok"); n != 2 {
			t.Fatalf("publish audits: %d", n)
		}
		if inboxCount(t, f, emp, "就业服务中心已代为发布岗位：") != 1 {
			t.Fatalf("the enterprise was not told of the staff publishing: %s", f.do("GET", "/api/v1/me/inbox", emp, nil).Body)
		}

		// Withdrawn by the agent; the page's publish form says what is missing.
		loader := collect(map[string]any{"enterprise_id": entID, "title": "装卸工", "headcount": 4})
		loaderID := int64(loader["id"].(float64))
		pg := f.form(fmt.Sprintf("/console/casework/vacancies/%d/publish", loaderID), staff, url.Values{"consent": {""}})
		if body := pg.Body.String(); pg.Code != 422 || !strings.Contains(body, "请记录企业的同意") || !strings.Contains(body, "草稿还缺发布所需的内容") {
			t.Fatalf("publish form without consent: %d %.3000s", pg.Code, body)
		}
		if rec := f.form(fmt.Sprintf("/console/casework/vacancies/%d/withdraw", loaderID), staff, url.Values{}); rec.Code != 303 {
			t.Fatalf("withdraw: %d", rec.Code)
		}

		// The agent's vacancy form: occupation suggestions, field errors kept with what was typed.
		cls := f.form("/console/casework/vacancies", staff, url.Values{"enterprise_id": {strconv.FormatInt(entID, 10)}, "title": {"电焊工"}, "op": {"classify"}})
		if cls.Code != 200 || !strings.Contains(cls.Body.String(), "匹配度") {
			t.Fatalf("classify on the vacancy form: %d", cls.Code)
		}
		badForm := f.form("/console/casework/vacancies", staff, url.Values{"enterprise_id": {strconv.FormatInt(entID, 10)}, "title": {""},
			"headcount": {"很多"}, "salary_min": {"6000"}, "address": {"临空港大道 9 号"}})
		if body := badForm.Body.String(); badForm.Code != 422 || !strings.Contains(body, "请填写岗位名称") || !strings.Contains(body, "请填写整数人数") ||
			!strings.Contains(body, "临空港大道 9 号") {
			os.WriteFile("/tmp/badform.html", []byte(body), 0o600)
			t.Fatalf("bad vacancy form: %d", badForm.Code)
		}

		// A referral to the enterprise that ends in a hire.
		postID := f.publishedPost("employer", nil)
		person := f.users["person"].User
		rec = f.do("POST", fmt.Sprintf("/api/v1/casework/persons/%d/referrals", person.PersonID), staff, map[string]any{"post_id": postID, "consent": "电话中口头同意推荐"})
		if rec.Code != 201 {
			t.Fatalf("referral: %d %s", rec.Code, rec.Body)
		}
		appID := int64(decode(t, rec)["id"].(float64))
		for _, st := range []string{"interview", "hired"} {
			if rec := f.do("POST", fmt.Sprintf("/api/v1/job-applications/%d/status", appID), emp, map[string]any{"status": st}); rec.Code != 200 {
				t.Fatalf("%s: %d %s", st, rec.Code, rec.Body)
			}
		}
		h := decode(t, f.do("GET", fmt.Sprintf("/api/v1/casework/enterprises/%d/history", entID), staff, nil))
		if len(h["contacts"].([]any)) != 1 || len(h["vacancies"].([]any)) != 4 || h["posts_collected"] != 2.0 ||
			len(h["referrals"].([]any)) != 1 || h["referral_hires"] != 1.0 {
			t.Fatalf("history: contacts %d vacancies %d collected %v referrals %d hires %v", len(h["contacts"].([]any)),
				len(h["vacancies"].([]any)), h["posts_collected"], len(h["referrals"].([]any)), h["referral_hires"])
		}
		page := f.page(fmt.Sprintf("/console/casework/enterprises/%d", entID), staff)
		if body := page.Body.String(); page.Code != 200 || !strings.Contains(body, "录用 1 人") || !strings.Contains(body, "企业不需要") ||
			!strings.Contains(body, "代为发布：电话中人事王经理同意代为发布") || !strings.Contains(body, "二季度扩产") {
			t.Fatalf("history page: %d", page.Code)
		}
		// Only call-centre staff see it.
		if rec := f.do("GET", fmt.Sprintf("/api/v1/casework/enterprises/%d/history", entID), emp, nil); rec.Code != 403 {
			t.Fatalf("employer reads the history: %d", rec.Code)
		}
	})
}

// errFieldOf reads a field error from a decoded error body.
func errFieldOf(m map[string]any, field string) string {
	e, _ := m["error"].(map[string]any)
	fields, _ := e["fields"].(map[string]any)
	s, _ := fields[field].(string)
	return s
}
