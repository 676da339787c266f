package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/store"
)

// TestFundingGrants: an award is paid in three tranches (40/30/30%)
// against the grantee's reports, in order; staff return a thin report with
// what to add, then approve it, and the tranche becomes an approved
// application of the call's policy that the finance office pays in a
// batch, once; another person gets 404 on the grant; the project reports
// at 12 and 24 months (only those), a second report for a period corrects it.
func TestFundingGrants(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) })
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
			t.Fatal(err)
		}
		staff, person := f.token("staff"), f.token("person")
		call := decode(t, f.do("POST", "/api/v1/startup/funding", staff, map[string]any{"title": "第一批", "policy_id": "hb_dxs_cyfc",
			"opens": "2026-03-01", "closes": "2026-03-31", "budget": 60_000_000}))
		base := fmt.Sprintf("/api/v1/startup/funding/%d", int64(call["id"].(float64)))
		rec := f.do("POST", base+"/applications", person, map[string]any{"project": "社区烘焙工坊", "plan": plan, "amount": 20_000_000})
		appID := int64(decode(t, rec)["id"].(float64))
		other := f.do("POST", base+"/applications", f.token("person2"), map[string]any{"project": "二手书店", "plan": plan, "amount": 5_000_000})
		otherID := int64(decode(t, other)["id"].(float64))
		if rec := f.do("POST", base+"/decision", staff, map[string]any{"awards": []map[string]any{
			{"application_id": appID, "amount": 20_000_000, "reason": "排名第一"}, {"application_id": otherID, "amount": 0, "reason": "未过线"}}}); rec.Code != 200 {
			t.Fatalf("decide: %d %s", rec.Code, rec.Body)
		}
		grant := fmt.Sprintf("/api/v1/startup/grants/%d", appID)
		g := decode(t, f.do("GET", grant, person, nil))
		ms := g["milestones"].([]any)
		if len(ms) != 3 || ms[0].(map[string]any)["amount"] != 8_000_000.0 || ms[2].(map[string]any)["amount"] != 6_000_000.0 ||
			ms[0].(map[string]any)["due"] != "2026-04-10" {
			t.Fatalf("tranches: %v", ms)
		}
		if rec := f.do("GET", grant, f.token("person2"), nil); rec.Code != 404 {
			t.Fatalf("another person reads the grant: %d", rec.Code)
		}
		report := func(n int, body map[string]any) int {
			return f.do("POST", fmt.Sprintf("%s/milestones/%d/report", grant, n), person, body).Code
		}
		good := map[string]any{"report": "已签订门面租赁合同，购置烤箱两台，完成装修，招聘店员三名并签订劳动合同。", "jobs": 3}
		if c := report(2, good); c != 409 {
			t.Fatalf("second tranche first: %d", c)
		}
		if rec := f.do("POST", grant+"/milestones/1/report", person, map[string]any{"report": "好", "jobs": -1}); rec.Code != 422 ||
			errField(t, rec, "report") == "" || errField(t, rec, "jobs") == "" {
			t.Fatalf("a thin report: %d %s", rec.Code, rec.Body)
		}
		if c := report(1, good); c != 200 {
			t.Fatalf("report 1: %d", c)
		}
		if c := report(1, good); c != 409 {
			t.Fatalf("report 1 twice: %d", c)
		}
		review := func(n int, body map[string]any) int {
			return f.do("POST", fmt.Sprintf("%s/milestones/%d/review", grant, n), staff, body).Code
		}
		if c := review(1, map[string]any{"approve": false}); c != 422 {
			t.Fatalf("return without a note: %d", c)
		}
		if c := review(1, map[string]any{"approve": false, "note": "请附上设备发票"}); c != 200 {
			t.Fatalf("return: %d", c)
		}
		if inboxCount(t, f, person, "请附上设备发票") != 1 {
			t.Fatal("the grantee was not told what to add")
		}
		if c := report(1, good); c != 200 {
			t.Fatalf("report 1 again: %d", c)
		}
		if c := review(1, map[string]any{"approve": true}); c != 200 {
			t.Fatalf("approve: %d", c)
		}
		if c := review(1, map[string]any{"approve": true}); c != 409 {
			t.Fatalf("approve twice: %d", c)
		}
		// The tranche is an approved application of the call's policy: paid in a batch, once.
		mine := decode(t, f.do("GET", "/api/v1/me/applications", person, nil))["items"].([]any)
		if len(mine) != 1 || mine[0].(map[string]any)["period"] != "M1" || mine[0].(map[string]any)["amount_yuan"] != 80_000.0 ||
			mine[0].(map[string]any)["policy_id"] != "hb_dxs_cyfc" {
			t.Fatalf("tranche application: %v", mine)
		}
		claim := int64(mine[0].(map[string]any)["id"].(float64))
		rev := f.token("reviewer")
		if rec := f.do("POST", "/api/v1/payouts", rev, map[string]any{"ids": []int64{claim}, "batch": "2026-04 创业资助", "paid_on": "2026-03-10"}); rec.Code != 200 {
			t.Fatalf("pay: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/payouts", rev, map[string]any{"ids": []int64{claim}, "batch": "again", "paid_on": "2026-03-10"}); rec.Code != 409 {
			t.Fatalf("paid twice: %d", rec.Code)
		}
		if m1 := decode(t, f.do("GET", grant, person, nil))["milestones"].([]any)[0].(map[string]any); m1["batch"] != "2026-04 创业资助" || m1["status"] != "approved" {
			t.Fatalf("tranche after payment: %v", m1)
		}
		if c := report(2, good); c != 200 {
			t.Fatalf("report 2 after 1 approved: %d", c)
		}

		// Follow-ups: 12 and 24 months only; a second one corrects the first.
		fu := func(tok string, body map[string]any) int { return f.do("POST", grant+"/followups", tok, body).Code }
		if c := fu(person, map[string]any{"months": 18, "operating": true, "jobs": 5}); c != 422 {
			t.Fatalf("18 months: %d", c)
		}
		if c := fu(person, map[string]any{"months": 12, "operating": true, "jobs": 5}); c != 201 {
			t.Fatalf("12 months: %d", c)
		}
		if c := fu(staff, map[string]any{"months": 12, "operating": true, "jobs": 7, "note": "走访核实：店面正常营业，员工七人，已签劳动合同。"}); c != 201 {
			t.Fatalf("12 months corrected: %d", c)
		}
		fus := decode(t, f.do("GET", grant, staff, nil))["followups"].([]any)
		if len(fus) != 1 || fus[0].(map[string]any)["jobs"] != 7.0 {
			t.Fatalf("follow-ups: %v", fus)
		}
		if c := fu(f.token("person2"), map[string]any{"months": 24, "operating": true, "jobs": 1}); c != 404 {
			t.Fatalf("another person reports: %d", c)
		}
		rk := decode(t, f.do("GET", base+"/ranking", staff, nil))
		if rk["tranches_approved"] != 1.0 || rk["tranches_fen"] != 8_000_000.0 || fmt.Sprint(rk["followups"]) != "[map[jobs:7 months:12 operating:1 reported:1]]" {
			t.Fatalf("call outcomes: %v %v %v", rk["tranches_approved"], rk["tranches_fen"], rk["followups"])
		}

		// The pages: the grantee's report form and the staff's review form.
		pg := f.page(fmt.Sprintf("/me/funding/%d", appID), person)
		if body := pg.Body.String(); pg.Code != 200 || !strings.Contains(body, "第 1 笔：立项：实施方案（40%，80,000.00 元）") || !strings.Contains(body, "已于 2026-03-10 拨付") {
			t.Fatalf("grantee's page: %d", pg.Code)
		}
		pg = f.form(fmt.Sprintf("/console/startup/grants/%d/milestones/2", appID), staff, url.Values{"decision": {"return"}})
		if pg.Code != 422 || !strings.Contains(pg.Body.String(), "请写明需要补充的内容") {
			t.Fatalf("return form without a note: %d", pg.Code)
		}
		pg = f.form(fmt.Sprintf("/me/funding/%d/followups", appID), person, url.Values{"months": {"24"}, "operating": {"false"}, "fu_jobs": {"2"}, "fu_note": {"太短"}})
		if body := pg.Body.String(); pg.Code != 422 || !strings.Contains(body, `id="e-fu_note"`) || !strings.Contains(body, `value="太短"`) {
			t.Fatalf("follow-up form with a thin note: %d", pg.Code)
		}
		pg = f.form(fmt.Sprintf("/me/funding/%d/followups", appID), person, url.Values{"months": {"24"}, "operating": {"false"}, "fu_jobs": {"2"}})
		if pg.Code != 303 || pg.Header().Get("Location") != fmt.Sprintf("/me/funding/%d?done=followup", appID) {
			t.Fatalf("follow-up form: %d %s", pg.Code, pg.Header().Get("Location"))
		}
	})
}
