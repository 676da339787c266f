package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// plan is a business plan summary long enough for an application.
const plan = "社区烘焙工坊：面向吴家山社区的现烤面包和蛋糕，已租下 60 平方米门面，三名合伙人分别负责烘焙、门店和线上订单，资金用于购置烤箱、冷柜和装修，开业后带动 6 人就业。"

// scoreOf is a score body giving every default criterion the same share
// of its maximum: total points out of 100.
func scoreOf(total float64, comment string) map[string]any {
	c := map[string]any{}
	for k, max := range map[string]float64{"innovation": 30, "market": 25, "team": 20, "employment": 15, "finance": 10} {
		c[k] = float64(int(max*total/10+0.5)) / 10 // one decimal
	}
	return map[string]any{"criteria": c, "comment": comment}
}

// TestFundingReview: a funding call from opening to the 公示. Staff open a
// call (bad dates, budget, tiers or rubric are field errors); persons
// apply within its dates with a plan and materials, once; employers
// cannot. Staff assign the projects to experts; an expert not assigned
// gets 404 on the project and its materials; an expert who declares a
// conflict is no longer shown it and a score from them is 403; scores out
// of the rubric's range are refused by criterion; an expert sees the
// others' scores only after sending theirs, and sends once. The ranking
// standardises each expert, flags a project with fewer than three scores
// and proposes awards by tier within the budget; the panel's decision
// over the budget or off the tiers is refused; the decision is published
// with masked names and told to each applicant, once.
func TestFundingReview(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) })
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
			t.Fatal(err)
		}
		staff := f.token("staff")
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"title": "第一批", "opens": "2026-03-31", "closes": "2026-03-01", "budget": 60_000_000}, "closes"},
			{map[string]any{"title": "第一批", "opens": "2026-03-01", "closes": "2026-03-31", "budget": 0}, "budget"},
			{map[string]any{"title": "第一批", "opens": "2026-03-01", "closes": "2026-03-31", "budget": 60_000_000, "tiers": []int64{10_000_000, 5_000_000}}, "tiers"},
			{map[string]any{"title": "第一批", "opens": "2026-03-01", "closes": "2026-03-31", "budget": 60_000_000,
				"rubric": []map[string]any{{"key": "a", "name": "甲", "weight": 60, "max": 10}}}, "rubric"},
			{map[string]any{"title": "第一批", "opens": "2026-03-01", "closes": "2026-03-31", "budget": 60_000_000, "policy_id": "wh_cydb_geren_x"}, "policy_id"},
		} {
			rec := f.do("POST", "/api/v1/startup/funding", staff, bad.body)
			if rec.Code != 422 || errField(t, rec, bad.field) == "" {
				t.Fatalf("bad call (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		rec := f.do("POST", "/api/v1/startup/funding", staff, map[string]any{"title": "2026 年第一批创业项目资助", "description": "扶持高校毕业生创业",
			"policy_id": "hb_dxs_cyfc", "opens": "2026-03-01", "closes": "2026-03-31", "budget": 60_000_000})
		if rec.Code != 201 {
			t.Fatalf("create call: %d %s", rec.Code, rec.Body)
		}
		callID := int64(decode(t, rec)["id"].(float64))
		late := decode(t, f.do("POST", "/api/v1/startup/funding", staff, map[string]any{"title": "2025 年批次", "opens": "2025-10-01", "closes": "2025-10-31", "budget": 10_000_000}))
		base := fmt.Sprintf("/api/v1/startup/funding/%d", callID)

		// Applications.
		apply := func(tok string, body map[string]any) int64 {
			t.Helper()
			rec := f.do("POST", base+"/applications", tok, body)
			if rec.Code != 201 {
				t.Fatalf("apply: %d %s", rec.Code, rec.Body)
			}
			return int64(decode(t, rec)["id"].(float64))
		}
		person := f.token("person")
		if rec := f.do("POST", base+"/applications", person, map[string]any{"project": "烘焙", "plan": "太短", "amount": 60_000_000}); rec.Code != 422 ||
			errField(t, rec, "plan") == "" || !strings.Contains(errField(t, rec, "amount"), "50 万元") {
			t.Fatalf("bad application: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/funding/%d/applications", int64(late["id"].(float64))), person,
			map[string]any{"project": "烘焙", "plan": plan, "amount": 10_000_000}); rec.Code != 409 {
			t.Fatalf("a closed call: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", base+"/applications", f.token("employer"), map[string]any{"project": "x", "plan": plan, "amount": 10_000_000}); rec.Code != 403 {
			t.Fatalf("an employer applies: %d", rec.Code)
		}
		mat := f.multipartForm(base+"/applications", person, map[string]string{"project": "社区烘焙工坊", "plan": plan, "amount": "50000000"},
			formFile{"营业执照.png", tinyPNG(t)})
		if mat.Code != 201 {
			t.Fatalf("apply with materials: %d %s", mat.Code, mat.Body)
		}
		app1 := int64(decode(t, mat)["id"].(float64))
		if rec := f.do("POST", base+"/applications", person, map[string]any{"project": "又一个", "plan": plan, "amount": 10_000_000}); rec.Code != 409 {
			t.Fatalf("second application: %d", rec.Code)
		}
		app2 := apply(f.token("person2"), map[string]any{"project": "校园二手书店", "plan": plan, "amount": 20_000_000})
		third := f.registerPerson("赵创业")
		f.users["person3"] = third
		app3 := apply(f.token("person3"), map[string]any{"project": "无人机植保服务", "plan": plan, "amount": 10_000_000})
		if v := decode(t, f.do("GET", base, person, nil)); v["mine"] == nil || v["accepting"] != true {
			t.Fatalf("the call as its applicant reads it: %v", v)
		}

		// Experts and assignments.
		for _, e := range []string{"e1", "e2", "e3", "e4"} {
			f.expertUser(e, "专家"+e)
		}
		id := func(role string) int64 { return f.users[role].User.ID }
		assign := func(body map[string]any) *httptest.ResponseRecorder {
			return f.do("POST", base+"/assignments", staff, body)
		}
		if rec := assign(map[string]any{"application_ids": []int64{app1, app2, app3}, "expert_ids": []int64{id("e1"), id("staff")}}); rec.Code != 422 || errField(t, rec, "expert_ids") == "" {
			t.Fatalf("assign a non-expert: %d %s", rec.Code, rec.Body)
		}
		if rec := assign(map[string]any{"application_ids": []int64{app1, 99999}, "expert_ids": []int64{id("e1")}}); rec.Code != 422 || errField(t, rec, "application_ids") == "" {
			t.Fatalf("assign another call's project: %d %s", rec.Code, rec.Body)
		}
		all := map[string]any{"application_ids": []int64{app1, app2, app3}, "expert_ids": []int64{id("e1"), id("e2"), id("e3")}}
		if rec := assign(all); rec.Code != 200 || decode(t, rec)["added"] != 9.0 {
			t.Fatalf("assign: %d %s", rec.Code, rec.Body)
		}
		if rec := assign(all); decode(t, rec)["added"] != 0.0 {
			t.Fatalf("assign again: %s", rec.Body)
		}
		review := func(_ string, app int64) string { return fmt.Sprintf("/api/v1/expert/reviews/%d", app) }
		e1, e2, e3, e4 := f.token("e1"), f.token("e2"), f.token("e3"), f.token("e4")
		if rec := f.do("GET", review("e4", app1), e4, nil); rec.Code != 404 {
			t.Fatalf("an expert not assigned reads it: %d", rec.Code)
		}
		if rec := f.do("POST", review("e4", app1)+"/score", e4, scoreOf(80, "好")); rec.Code != 404 {
			t.Fatalf("an expert not assigned scores it: %d", rec.Code)
		}
		uploads, err := db.Policies().UploadsOf(context.Background(), "funding_application", app1)
		if err != nil || len(uploads) != 1 {
			t.Fatalf("materials stored: %v %v", uploads, err)
		}
		for role, want := range map[string]int{"e2": 200, "e4": 404, "person2": 404, "person": 200, "staff": 200} {
			if rec := f.page(fmt.Sprintf("/uploads/%d", uploads[0].ID), f.token(role)); rec.Code != want {
				t.Fatalf("materials as %s: %d, want %d", role, rec.Code, want)
			}
		}

		// A declared conflict hides the project and refuses the score.
		if rec := f.do("POST", review("e1", app1)+"/conflict", e1, map[string]any{"note": ""}); rec.Code != 422 {
			t.Fatalf("conflict without a note: %d", rec.Code)
		}
		if rec := f.do("POST", review("e1", app1)+"/conflict", e1, map[string]any{"note": "申请人是我的表弟"}); rec.Code != 200 {
			t.Fatalf("declare a conflict: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("GET", review("e1", app1), e1, nil); rec.Code != 403 {
			t.Fatalf("read after a conflict: %d", rec.Code)
		}
		if rec := f.do("POST", review("e1", app1)+"/score", e1, scoreOf(90, "很好")); rec.Code != 403 {
			t.Fatalf("score after a conflict: %d %s", rec.Code, rec.Body)
		}
		if items := decode(t, f.do("GET", "/api/v1/expert/reviews", e1, nil))["items"].([]any); len(items) != 2 {
			t.Fatalf("e1's list after the conflict: %v", items)
		}

		// Scores: out of range by criterion; blind until sent; once.
		bad := scoreOf(80, "好")
		bad["criteria"].(map[string]any)["market"] = 26.0
		if rec := f.do("POST", review("e2", app1)+"/score", e2, bad); rec.Code != 422 || errField(t, rec, "criteria.market") == "" {
			t.Fatalf("a score over the criterion's maximum: %d %s", rec.Code, rec.Body)
		}
		send := func(tok string, app int64, total float64) {
			t.Helper()
			if rec := f.do("POST", fmt.Sprintf("/api/v1/expert/reviews/%d/score", app), tok, scoreOf(total, "评语")); rec.Code != 200 {
				t.Fatalf("score %d: %d %s", app, rec.Code, rec.Body)
			}
		}
		send(e3, app1, 90)
		if o := decode(t, f.do("GET", review("e2", app1), e2, nil))["others"].([]any); len(o) != 0 {
			t.Fatalf("e2 sees others' scores before sending: %v", o)
		}
		send(e2, app1, 70)
		if o := decode(t, f.do("GET", review("e2", app1), e2, nil))["others"].([]any); len(o) != 1 {
			t.Fatalf("e2 after sending: %v", o)
		}
		if rec := f.do("POST", review("e2", app1)+"/score", e2, scoreOf(75, "改")); rec.Code != 409 {
			t.Fatalf("score twice: %d", rec.Code)
		}
		// e2 is harsh (70, 50, 40), e3 lenient (90, 85, 75), e1 in between.
		send(e2, app2, 50)
		send(e2, app3, 40)
		send(e3, app2, 85)
		send(e3, app3, 75)
		send(e1, app2, 80)
		send(e1, app3, 60)

		rk := decode(t, f.do("GET", base+"/ranking", staff, nil))["items"].([]any)
		if len(rk) != 3 {
			t.Fatalf("ranking: %v", rk)
		}
		first := rk[0].(map[string]any)
		if first["rank"] != 1.0 || first["experts"] != 2.0 || !strings.Contains(fmt.Sprint(first["flags"]), "评分专家") || first["proposed"] != 50_000_000.0 {
			t.Fatalf("first: %v", first)
		}

		// The expert-score export: every assignment, the conflict with its note.
		sheet := openXLSX(t, f.page(fmt.Sprintf("/console/startup/funding/%d/scores.xlsx", callID), staff))
		if len(sheet) != 10 || sheet[0][0] != "项目编号" || !strings.Contains(fmt.Sprint(sheet), "利益冲突回避：申请人是我的表弟") ||
			!strings.Contains(fmt.Sprint(sheet), "创新性 27/30") {
			t.Fatalf("score export: %v", sheet)
		}

		// The panel's decision.
		decide := func(awards ...map[string]any) *httptest.ResponseRecorder {
			return f.do("POST", base+"/decision", staff, map[string]any{"awards": awards})
		}
		w := func(app int64, amount int64, why string) map[string]any {
			return map[string]any{"application_id": app, "amount": amount, "reason": why}
		}
		if rec := decide(w(app1, 50_000_000, "第一"), w(app2, 20_000_000, "第二"), w(app3, 10_000_000, "第三")); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "awards"), "超过预算") {
			t.Fatalf("over the budget: %d %s", rec.Code, rec.Body)
		}
		if rec := decide(w(app1, 30_000_000, "第一"), w(app2, 0, "未过线"), w(app3, 0, "未过线")); rec.Code != 422 || errField(t, rec, fmt.Sprintf("awards.%d", app1)) == "" {
			t.Fatalf("off the tiers: %d %s", rec.Code, rec.Body)
		}
		if rec := decide(w(app1, 50_000_000, "综合排名第一"), w(app2, 10_000_000, "排名第二，预算所限降档"), w(app3, 0, "标准化得分未达资助线")); rec.Code != 200 {
			t.Fatalf("decide: %d %s", rec.Code, rec.Body)
		}
		if rec := decide(w(app1, 0, "x"), w(app2, 0, "x"), w(app3, 0, "x")); rec.Code != 409 {
			t.Fatalf("decide twice: %d", rec.Code)
		}
		if rec := f.do("POST", review("e1", app2)+"/score", e1, scoreOf(50, "x")); rec.Code != 409 {
			t.Fatalf("score after the decision: %d", rec.Code)
		}
		pub := decode(t, f.do("GET", base, "", nil))["publicity"].([]any)
		if len(pub) != 2 || pub[0].(map[string]any)["name"] != "王*明" || pub[0].(map[string]any)["amount"] != 50_000_000.0 {
			t.Fatalf("公示: %v", pub)
		}
		if inboxCount(t, f, person, "拟资助 50 万元") != 1 || inboxCount(t, f, f.token("person3"), "未获资助") != 1 {
			t.Fatal("the applicants were not told")
		}
		mine := decode(t, f.do("GET", "/api/v1/me/funding", person, nil))["items"].([]any)
		if len(mine) != 1 || mine[0].(map[string]any)["status"] != "awarded" || mine[0].(map[string]any)["award"] != 50_000_000.0 {
			t.Fatalf("my applications: %v", mine)
		}
		for _, action := range []string{"funding.call.create", "funding.apply", "funding.assign", "funding.conflict", "funding.score", "funding.decide"} {
			if es, err := db.ListAudit(context.Background(), audit.Filter{Action: action, Limit: 5}); err != nil || len(es) == 0 {
				t.Errorf("no %s audit", action)
			}
		}
	})
}
