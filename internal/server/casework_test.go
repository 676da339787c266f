package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/store"
)

// caseFixture is a jobs fixture with the staff user as an agent of team
// 一组 and a second agent in team 二组.
func caseFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := jobsFixture(t, db)
	admin := app.Actor{User: f.users["admin"].User, IP: "test"}
	ctx := context.Background()
	if err := f.app.Casework.SetAgentTeam(ctx, admin, f.users["staff"].User.ID, "一组", false); err != nil {
		t.Fatal(err)
	}
	u, err := f.app.Accounts.CreateUser(ctx, admin, app.NewUserInput{Role: "staff", Name: "二组话务员", Phone: "13900001111", Password: testPassword}, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.Casework.SetAgentTeam(ctx, admin, u.ID, "二组", false); err != nil {
		t.Fatal(err)
	}
	u.Team = "二组"
	f.users["staff2"] = &fixtureUser{User: u, Password: testPassword}
	return f
}

// TestCaseworkCall: an agent finds a caller by phone, opens the overview
// (audited, masked), logs a contact with notes (sealed at rest) and the
// next follow-up, refers the person to a job (their inbox and the
// employer's), sends a policy; an agent of another team gets 404 (audited);
// the person sees the contact on /me without the notes.
func TestCaseworkCall(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := caseFixture(t, db)
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
			t.Fatal(err)
		}
		postID := f.publishedPost("employer", func(m map[string]any) {
			m["title"], m["occupation_code"], m["salary_min"], m["salary_max"] = "仓库管理员", "4-02-06-01", 5000, 6500
		})
		person := f.users["person"].User
		if rec := f.do("PUT", "/api/v1/me/resume", f.token("person"), warehouseResume(true)); rec.Code != 200 {
			t.Fatalf("resume: %d %s", rec.Code, rec.Body)
		}
		staff, staff2 := f.token("staff"), f.token("staff2")

		// Lookup by phone: the one hit, masked.
		rec := f.do("GET", "/api/v1/casework/lookup?q="+person.Phone, staff, nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), fmt.Sprintf(`"person_id":%d`, person.PersonID)) || strings.Contains(rec.Body.String(), person.Phone) {
			t.Fatalf("lookup: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", "/api/v1/casework/lookup?q=王小明", staff, nil); rec.Code != 422 {
			t.Fatalf("lookup by name: %d", rec.Code)
		}
		// The page redirects a single hit to the agent screen.
		if rec := f.page("/console/casework?q="+person.Phone, staff); rec.Code != 303 || rec.Header().Get("Location") != fmt.Sprintf("/console/casework/persons/%d", person.PersonID) {
			t.Fatalf("lookup page: %d %s", rec.Code, rec.Header().Get("Location"))
		}

		ovRec := f.do("GET", fmt.Sprintf("/api/v1/casework/persons/%d/overview", person.PersonID), staff, nil)
		if ovRec.Code != 200 {
			t.Fatalf("overview: %d %s", ovRec.Code, ovRec.Body)
		}
		ov := decode(t, ovRec)
		if ov["person"].(map[string]any)["phone_masked"] == person.Phone || ov["case"] != nil {
			t.Fatalf("overview person: %v", ov["person"])
		}
		jobs := ov["jobs"].([]any)
		if len(jobs) == 0 || int64(jobs[0].(map[string]any)["id"].(float64)) != postID {
			t.Fatalf("overview jobs: %v", jobs)
		}
		agenda := ov["agenda"].([]any)
		if len(agenda) == 0 {
			t.Fatalf("empty agenda: %v", ov)
		}
		kinds := map[string]bool{}
		for _, it := range agenda {
			kinds[it.(map[string]any)["kind"].(string)] = true
		}
		if !kinds["posts"] {
			t.Fatalf("agenda without the new matching post: %v", agenda)
		}

		// A note far over the limit is refused with the limit and its length;
		// a body over 1 MiB before it is read.
		huge := map[string]any{"person_id": person.PersonID, "channel": "phone", "direction": "in", "topics": []string{"jobs"},
			"outcome": "reached", "notes": strings.Repeat("很", 300000)}
		if rec := f.do("POST", "/api/v1/casework/contacts", staff, huge); rec.Code != 422 || !strings.Contains(errField(t, rec, "notes"), "最多 2000 个字，当前 300000 个字") {
			t.Fatalf("900 KB note: %d %.300s", rec.Code, rec.Body)
		}
		huge["notes"] = strings.Repeat("很", 400000)
		if rec := f.do("POST", "/api/v1/casework/contacts", staff, huge); rec.Code != 413 || !strings.Contains(rec.Body.String(), "1 MiB") {
			t.Fatalf("1.2 MB note: %d %.300s", rec.Code, rec.Body)
		}

		// Log a contact with a note and the next follow-up.
		note := "本人希望找白班仓库工作，身份证住址在吴家山"
		rec = f.do("POST", "/api/v1/casework/contacts", staff, map[string]any{"person_id": person.PersonID, "channel": "phone",
			"direction": "in", "topics": []string{"jobs", "resume"}, "notes": note, "duration_s": 300, "outcome": "reached",
			"next_due": "2026-05-15", "next_purpose": "确认面试结果"})
		if rec.Code != 201 {
			t.Fatalf("contact: %d %s", rec.Code, rec.Body)
		}
		ov = decode(t, f.do("GET", fmt.Sprintf("/api/v1/casework/persons/%d/overview", person.PersonID), staff, nil))
		c := ov["case"].(map[string]any)
		if c["team"] != "一组" || c["contacts"] != 1.0 || len(ov["followups"].([]any)) != 1 || ov["contacts"].([]any)[0].(map[string]any)["notes"] != note {
			t.Fatalf("after contact: case %v followups %v contacts %v", c, ov["followups"], ov["contacts"])
		}

		// Another team's agent: 404 as for no person, audited.
		for _, path := range []string{"/api/v1/casework/persons/%d/overview", "/console/casework/persons/%d"} {
			if rec := f.do("GET", fmt.Sprintf(path, person.PersonID), staff2, nil); rec.Code != 404 {
				t.Fatalf("other team %s: %d", path, rec.Code)
			}
		}
		hits := decode(t, f.do("GET", "/api/v1/casework/lookup?q="+person.Phone, staff2, nil))["items"].([]any)
		if len(hits) != 1 || hits[0].(map[string]any)["other_team"] != true || hits[0].(map[string]any)["person_id"] != nil {
			t.Fatalf("other team lookup: %v", hits)
		}
		if denied := auditFor(t, db, "access.denied", "person", person.PersonID, "denied"); denied < 3 {
			t.Fatalf("denied opens audited: %d", denied)
		}

		// Referral: consent required; a closed post is 409; a good one files
		// an application marked as a referral and tells both sides.
		refer := func(body map[string]any) *httptest.ResponseRecorder {
			return f.do("POST", fmt.Sprintf("/api/v1/casework/persons/%d/referrals", person.PersonID), staff, body)
		}
		if rec := refer(map[string]any{"post_id": postID}); rec.Code != 422 || errField(t, rec, "consent") == "" {
			t.Fatalf("referral without consent: %d %s", rec.Code, rec.Body)
		}
		closed := f.publishedPost("employer2", nil)
		if rec := f.do("POST", fmt.Sprintf("/api/v1/jobs/%d/status", closed), f.token("employer2"), map[string]any{"action": "close"}); rec.Code != 200 {
			t.Fatalf("close post: %d %s", rec.Code, rec.Body)
		}
		if rec := refer(map[string]any{"post_id": closed, "consent": "电话中口头同意推荐"}); rec.Code != 409 {
			t.Fatalf("referral to a closed post: %d %s", rec.Code, rec.Body)
		}
		rec = refer(map[string]any{"post_id": postID, "consent": "电话中口头同意推荐"})
		if rec.Code != 201 || decode(t, rec)["referred_by"] != float64(f.users["staff"].User.ID) {
			t.Fatalf("referral: %d %s", rec.Code, rec.Body)
		}
		if rec := refer(map[string]any{"post_id": postID, "consent": "电话中口头同意推荐"}); rec.Code != 409 {
			t.Fatalf("second referral: %d", rec.Code)
		}
		if inboxCount(t, f, f.token("person"), "已为您推荐岗位") != 1 || inboxCount(t, f, f.token("employer"), "推荐的求职者") != 1 {
			t.Fatalf("referral messages missing")
		}

		// The reached call and the referral made the person served by both.
		served := f.do("GET", fmt.Sprintf("/api/v1/outcomes/persons/%d", person.PersonID), staff, nil)
		if served.Code != 200 || !strings.Contains(served.Body.String(), `"callcentre"`) || !strings.Contains(served.Body.String(), `"referral"`) {
			t.Fatalf("served records: %d %s", served.Code, served.Body)
		}

		// Policy details to the inbox.
		set, err := f.app.Policies.Catalog(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		{
			pid := set.Cat.Policies()[0].ID
			if rec := f.do("POST", fmt.Sprintf("/api/v1/casework/persons/%d/policy-messages", person.PersonID), staff, map[string]any{"policy_id": pid}); rec.Code != 200 {
				t.Fatalf("send policy: %d %s", rec.Code, rec.Body)
			}
			if inboxCount(t, f, f.token("person"), "政策详情") != 1 {
				t.Fatalf("policy message missing")
			}
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/casework/persons/%d/policy-messages", person.PersonID), staff, map[string]any{"policy_id": "nope"}); rec.Code != 422 {
			t.Fatalf("unknown policy: %d", rec.Code)
		}

		// Reveal needs a reason and is audited.
		if rec := f.do("POST", fmt.Sprintf("/api/v1/casework/persons/%d/reveal", person.PersonID), staff, map[string]any{}); rec.Code != 422 {
			t.Fatalf("reveal without reason: %d", rec.Code)
		}
		rec = f.do("POST", fmt.Sprintf("/api/v1/casework/persons/%d/reveal", person.PersonID), staff, map[string]any{"reason": "回拨电话"})
		if rec.Code != 200 || decode(t, rec)["phone"] != person.Phone {
			t.Fatalf("reveal: %d %s", rec.Code, rec.Body)
		}
		if reveals := auditFor(t, db, "casework.reveal", "person", person.PersonID, "ok"); reveals != 1 {
			t.Fatalf("reveal audits: %d", reveals)
		}

		// The person sees the contact without the notes.
		mine := f.do("GET", "/api/v1/me/contacts", f.token("person"), nil)
		if mine.Code != 200 || !strings.Contains(mine.Body.String(), "岗位推荐") || strings.Contains(mine.Body.String(), "白班") {
			t.Fatalf("my contacts: %d %s", mine.Code, mine.Body)
		}
		if pg := f.page("/me/contacts", f.token("person")); pg.Code != 200 || strings.Contains(pg.Body.String(), "白班") || !strings.Contains(pg.Body.String(), "电话") {
			t.Fatalf("my contacts page: %d", pg.Code)
		}
		// The agent screen renders with the agenda and the note.
		pg := f.page(fmt.Sprintf("/console/casework/persons/%d", person.PersonID), staff)
		if pg.Code != 200 || !strings.Contains(pg.Body.String(), "本次通话要点") || !strings.Contains(pg.Body.String(), "白班") {
			t.Fatalf("agent screen: %d", pg.Code)
		}
	})
}
