package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/store"
)

// TestCaseworkReviews: 一组's supervisor draws this week's sample of the
// team's contact records (bad input refused), scores one (a score of 6 is
// refused), and the agent reads the review; 二组's supervisor cannot score
// it (404, audited) and a plain agent cannot draw.
func TestCaseworkReviews(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := caseFixture(t, db)
		admin := app.Actor{User: f.users["admin"].User, IP: "test"}
		for _, s := range []struct{ key, name, phone, team string }{{"sup1", "一组组长", "13900002222", "一组"}, {"sup2", "二组组长", "13900003333", "二组"}} {
			u, err := f.app.Accounts.CreateUser(ctx, admin, app.NewUserInput{Role: "staff", Name: s.name, Phone: s.phone, Password: testPassword}, true)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.app.Casework.SetAgentTeam(ctx, admin, u.ID, s.team, true); err != nil {
				t.Fatal(err)
			}
			f.users[s.key] = &fixtureUser{User: u, Password: testPassword}
		}
		staff, staff2, sup1, sup2 := f.token("staff"), f.token("staff2"), f.token("sup1"), f.token("sup2")
		entID := f.users["employer"].User.EnterpriseID
		for i, tok := range []string{staff, staff, staff, staff, staff2} {
			rec := f.do("POST", "/api/v1/casework/contacts", tok, map[string]any{"enterprise_id": entID, "channel": "phone", "direction": "out",
				"topics": []string{"vacancy"}, "notes": fmt.Sprintf("第 %d 次联系企业", i+1), "outcome": "reached"})
			if rec.Code != 201 {
				t.Fatalf("contact: %d %s", rec.Code, rec.Body)
			}
		}
		week := jobsDay.Format("2006-01-02")

		if rec := f.do("POST", "/api/v1/casework/reviews/sample", staff, map[string]any{"week": week}); rec.Code != 403 {
			t.Fatalf("agent draws: %d", rec.Code)
		}
		for _, bad := range []map[string]any{{"week": "2026-13-01"}, {"week": "2027-01-04"}, {"week": week, "per_agent": 50}} {
			if rec := f.do("POST", "/api/v1/casework/reviews/sample", sup1, bad); rec.Code != 422 {
				t.Fatalf("bad sample %v: %d %s", bad, rec.Code, rec.Body)
			}
		}
		rec := f.do("POST", "/api/v1/casework/reviews/sample", sup1, map[string]any{"week": week, "per_agent": 3})
		if rec.Code != 201 || decode(t, rec)["drawn"] != 3.0 { // 3 of staff's 4; staff2 is in 二组
			t.Fatalf("sample: %d %s", rec.Code, rec.Body)
		}
		v := decode(t, f.do("GET", "/api/v1/casework/reviews?week="+week, sup1, nil))
		sample := v["sample"].([]any)
		if len(sample) != 3 {
			t.Fatalf("sample list: %v", v)
		}
		first := sample[0].(map[string]any)
		id := int64(first["id"].(float64))
		if first["agent_name"] != f.users["staff"].User.Name || !strings.Contains(first["contact"].(map[string]any)["notes"].(string), "联系企业") {
			t.Fatalf("sample row: %v", first)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/casework/reviews/%d", id), sup1, map[string]any{"score": 6}); rec.Code != 422 || errField(t, rec, "score") == "" {
			t.Fatalf("score 6: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/casework/reviews/%d", id), sup2, map[string]any{"score": 2}); rec.Code != 404 {
			t.Fatalf("other team's supervisor: %d %s", rec.Code, rec.Body)
		}
		if n := auditFor(t, db, "access.denied", "casework_review", id, "denied"); n != 1 {
			t.Fatalf("denied review audited %d times", n)
		}
		rec = f.do("POST", fmt.Sprintf("/api/v1/casework/reviews/%d", id), sup1, map[string]any{"score": 4, "comments": "开场白完整，未确认企业联系人"})
		if rec.Code != 200 || decode(t, rec)["score"] != 4.0 {
			t.Fatalf("score: %d %s", rec.Code, rec.Body)
		}

		// The agent reads it (API and page); the other team's agent has none.
		mine := decode(t, f.do("GET", "/api/v1/casework/reviews", staff, nil))
		if m := mine["mine"].([]any); len(m) != 1 || m[0].(map[string]any)["comments"] != "开场白完整，未确认企业联系人" || mine["average"] != 4.0 || mine["sample"] != nil {
			t.Fatalf("agent's reviews: %v", mine)
		}
		if m := decode(t, f.do("GET", "/api/v1/casework/reviews", staff2, nil))["mine"].([]any); len(m) != 0 {
			t.Fatalf("other agent's reviews: %v", m)
		}
		if pg := f.page("/console/casework/reviews", staff); pg.Code != 200 || !strings.Contains(pg.Body.String(), "未确认企业联系人") ||
			strings.Contains(pg.Body.String(), "随机抽取这一周的记录") {
			t.Fatalf("agent's review page: %d", pg.Code)
		}

		// The page: draw (nothing left of staff's but one), score with an error kept.
		pg := f.form("/console/casework/reviews/sample", sup1, url.Values{"week": {week}, "per_agent": {"5"}})
		if pg.Code != 303 || !strings.Contains(pg.Header().Get("Location"), "n=1") {
			t.Fatalf("page sample: %d %s", pg.Code, pg.Header().Get("Location"))
		}
		pg = f.form(fmt.Sprintf("/console/casework/reviews/%d", id), sup1, url.Values{"week": {week}, "score": {""}, "comments": {"再听一遍录音"}})
		if body := pg.Body.String(); pg.Code != 422 || !strings.Contains(body, "请打 1 到 5 分") || !strings.Contains(body, "再听一遍录音") {
			t.Fatalf("page score without a score: %d", pg.Code)
		}
		if pg := f.page("/console/casework/reviews?week="+week, sup1); pg.Code != 200 || strings.Count(pg.Body.String(), "保存评分") != 4 {
			t.Fatalf("supervisor's page: %d", pg.Code)
		}
	})
}
