package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// lentLoan has the person apply for 200,000 yuan over 36 months, staff
// refer it to a new bank and record the bank's approval (3.85%, LPR 3.1%,
// equal instalments from 2026-05-15); it returns the loan id and the
// monthly payment in fen.
func lentLoan(t *testing.T, f *fixture) (int64, int64) {
	t.Helper()
	staff := f.token("staff")
	bank := decode(t, f.do("POST", "/api/v1/startup/banks", f.token("admin"), map[string]any{"name": "汉口银行东西湖支行", "kind": "bank"}))["id"]
	rec := f.do("POST", "/api/v1/startup/loans", f.token("person"), map[string]any{"amount": 20_000_000, "term_months": 36,
		"purpose": "开一家社区烘焙店", "business": "吴家山烘焙工作室", "registered": true})
	if rec.Code != 201 {
		t.Fatalf("apply: %d %s", rec.Code, rec.Body)
	}
	id := int64(decode(t, rec)["id"].(float64))
	for _, body := range []map[string]any{{"action": "refer", "bank_id": bank}, {"action": "approve", "approved_amount": 20_000_000,
		"annual_rate": "3.85", "lpr": "3.1", "term_months": 36, "method": "equal_installment", "start_date": "2026-05-15"}} {
		if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/actions", id), staff, body); rec.Code != 200 {
			t.Fatalf("%v: %d %s", body["action"], rec.Code, rec.Body)
		}
	}
	s := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/loans/%d", id), staff, nil))["schedule"].(map[string]any)
	return id, int64(s["periods"].([]any)[0].(map[string]any)["payment"].(float64))
}

// TestLoanSubsidyPayouts: an ended quarter's subsidies become approved
// applications of the loan's policy (one per loan and quarter, with the
// working period by period), which the finance office pays through the
// policy module's payout batch; the borrower is told and sees it on the
// loan; working the quarter out again creates nothing, paying it again is
// refused; a quarter not yet over and a bad quarter are field errors; only
// loan staff may do it.
func TestLoanSubsidyPayouts(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) })
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
			t.Fatal(err)
		}
		id, pay := lentLoan(t, f)
		staff, person := f.token("staff"), f.token("person")
		// Periods 1 (06-15) and 2 (07-15) on time, 3 (08-15) two days late,
		// 4 (09-15) never: Q2 earns period 1; Q3 earns period 2 only.
		for n, on := range map[int]string{1: "2026-06-15", 2: "2026-07-15", 3: "2026-08-17"} {
			if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/repayments", id), staff, map[string]any{"period": n, "paid_on": on, "amount": pay}); rec.Code != 201 {
				t.Fatalf("repayment %d: %d %s", n, rec.Code, rec.Body)
			}
		}
		claim := func(tok, q string) map[string]any {
			t.Helper()
			rec := f.do("POST", "/api/v1/startup/subsidies", tok, map[string]any{"quarter": q})
			if rec.Code != 200 {
				t.Fatalf("claim %s: %d %s", q, rec.Code, rec.Body)
			}
			return decode(t, rec)
		}
		for _, bad := range []struct{ q, says string }{{"2026Q4", "尚未结束"}, {"2026Q5", "请选择季度"}, {"明年", "请选择季度"}} {
			rec := f.do("POST", "/api/v1/startup/subsidies", staff, map[string]any{"quarter": bad.q})
			if rec.Code != 422 || !strings.Contains(errField(t, rec, "quarter"), bad.says) {
				t.Fatalf("claim %s: %d %s", bad.q, rec.Code, rec.Body)
			}
		}
		for _, tok := range []string{"", person, f.token("employer")} {
			if rec := f.do("POST", "/api/v1/startup/subsidies", tok, map[string]any{"quarter": "2026Q3"}); rec.Code != 401 && rec.Code != 403 {
				t.Fatalf("claim by a non-handler: %d", rec.Code)
			}
		}
		if n, _ := db.Count(context.Background(), "policy_applications"); n != 0 {
			t.Fatalf("refused claims stored: %d", n)
		}
		// 37,500 fen a period while the balance is above the subsidised
		// cap: period 2's subsidy is the schedule's, so read it back.
		led := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/loans/%d", id), staff, nil))["ledger"].([]any)
		q3Earned := led[1].(map[string]any)["earned"].(float64)
		got := claim(staff, "2026Q3")
		if got["quarter"] != "2026年第3季度" || got["loans"] != 1.0 || got["created"] != 1.0 || got["total"] != q3Earned || q3Earned <= 0 {
			t.Fatalf("Q3 claim: %v (earned %v)", got, q3Earned)
		}
		if again := claim(staff, "2026Q3"); again["created"] != 0.0 || again["already"] != 1.0 {
			t.Fatalf("Q3 again: %v", again)
		}
		claim(staff, "2026Q2")

		mine := decode(t, f.do("GET", "/api/v1/me/applications", person, nil))["items"].([]any)
		if len(mine) != 2 {
			t.Fatalf("the borrower's applications: %v", mine)
		}
		var ids []int64
		for _, it := range mine {
			ap := it.(map[string]any)
			if ap["status"] != "approved" || ap["ref_type"] != "startup_loan" || ap["ref_id"] != float64(id) || ap["policy_id"] != "wh_cydb_geren" {
				t.Fatalf("claim application: %v", ap)
			}
			if ap["period"] == "2026Q3" && (ap["amount_yuan"] != q3Earned/100 || !strings.Contains(ap["decision_reason"].(string), "第 3 期") ||
				!strings.Contains(ap["decision_reason"].(string), "逾期还款") || !strings.Contains(ap["decision_reason"].(string), "第 4 期")) {
				t.Fatalf("Q3 working: %v", ap)
			}
			ids = append(ids, int64(ap["id"].(float64)))
		}

		// The finance office pays them in one batch, once.
		rev := f.token("reviewer")
		if rec := f.do("POST", "/api/v1/payouts", rev, map[string]any{"ids": ids, "batch": "2026-12 青创贷贴息", "paid_on": "2026-12-07"}); rec.Code != 200 {
			t.Fatalf("pay: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", "/api/v1/payouts", rev, map[string]any{"ids": ids[:1], "batch": "again", "paid_on": "2026-12-07"}); rec.Code != 409 {
			t.Fatalf("paid twice: %d %s", rec.Code, rec.Body)
		}
		if inboxCount(t, f, person, "补贴已发放") != 2 {
			t.Fatal("the borrower was not told of both payouts")
		}
		led = decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/loans/%d", id), person, nil))["ledger"].([]any)
		if q3 := led[1].(map[string]any); q3["batch"] != "2026-12 青创贷贴息" || q3["paid_on"] != "2026-12-07" {
			t.Fatalf("the ledger does not show the payout: %v", q3)
		}
		if es, err := db.ListAudit(context.Background(), audit.Filter{Action: "startup.subsidy.claim", Limit: 10}); err != nil || len(es) != 3 ||
			!strings.Contains(es[0].Summary, "新核定 1 笔") {
			t.Fatalf("claim audits: %v %v", es, err)
		}

		// The page: the quarter picker names quarters; working one out says
		// what it did and where to pay it; the loan page shows the payout.
		pg := f.page("/console/startup/loans?status=approved", staff)
		if body := pg.Body.String(); !strings.Contains(body, `<option value="2026Q3">2026年第3季度</option>`) {
			t.Fatalf("quarter picker: %d", pg.Code)
		}
		pg = f.form("/console/startup/subsidies", staff, url.Values{"quarter": {"2026Q3"}})
		if body := pg.Body.String(); pg.Code != 200 || !strings.Contains(body, "新核定 0 笔") || !strings.Contains(body, "1 笔此前已核定") {
			t.Fatalf("claim page: %d", pg.Code)
		}
		pg = f.form("/console/startup/subsidies", staff, url.Values{"quarter": {"2026Q4"}})
		if pg.Code != 422 || !strings.Contains(pg.Body.String(), "尚未结束") {
			t.Fatalf("claim page, quarter not over: %d", pg.Code)
		}
		pg = f.page(fmt.Sprintf("/startup/loans/%d", id), person)
		if body := pg.Body.String(); !strings.Contains(body, "已于 2026-12-07 发放") || !strings.Contains(body, "批次 2026-12 青创贷贴息") {
			t.Fatalf("loan page payout: %d", pg.Code)
		}
	})
}
