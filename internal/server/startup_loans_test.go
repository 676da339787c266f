package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/store"
)

// TestLoanApplications: 青创贷 from application to the bank's decision.
// Amounts and terms over the catalog's caps are refused per kind (person
// 300,000 yuan / 3 years, small firm 3 million / 2 years); one open
// application at a time; other applicants get 404; staff refer to a
// partner bank and record its approval from the letter; the approved
// loan's schedule carries 武汉's subsidy (the borrower bears LPR − 150 bp,
// the treasury the rest up to LPR + 150 bp); refusals need a reason; the
// applicant may withdraw until the bank decides.
func TestLoanApplications(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) }) // the ledger is read on this day
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
			t.Fatal(err)
		}
		person, person2, emp := f.token("person"), f.token("person2"), f.token("employer")
		staff, admin := f.token("staff"), f.token("admin")

		if rec := f.do("POST", "/api/v1/startup/banks", staff, map[string]any{"name": "汉口银行东西湖支行", "kind": "bank"}); rec.Code != 403 {
			t.Fatalf("staff adds a bank: %d", rec.Code)
		}
		rec := f.do("POST", "/api/v1/startup/banks", admin, map[string]any{"name": "汉口银行东西湖支行", "kind": "bank"})
		if rec.Code != 201 {
			t.Fatalf("add bank: %d %s", rec.Code, rec.Body)
		}
		bankID := decode(t, rec)["id"]
		if rec := f.do("POST", "/api/v1/startup/banks", admin, map[string]any{"name": "汉口银行东西湖支行", "kind": "bank"}); rec.Code != 422 {
			t.Fatalf("same bank twice: %d", rec.Code)
		}

		apply := func(tok string, body map[string]any) *httptest.ResponseRecorder {
			return f.do("POST", "/api/v1/startup/loans", tok, body)
		}
		good := map[string]any{"amount": 20_000_000, "term_months": 36, "purpose": "开一家社区烘焙店，购置烤箱和装修",
			"business": "东西湖区吴家山的烘焙工作室，已登记个体工商户", "registered": true}
		for _, bad := range []struct {
			edit  func(m map[string]any)
			field string
			says  string
		}{
			{func(m map[string]any) { m["amount"] = 40_000_000 }, "amount", "300,000.00"},
			{func(m map[string]any) { m["term_months"] = 48 }, "term_months", "36 个月"},
			{func(m map[string]any) { m["purpose"] = "" }, "purpose", "用途"},
			{func(m map[string]any) { m["business"] = strings.Repeat("店", 2001) }, "business", "2000"},
		} {
			body := map[string]any{}
			for k, v := range good {
				body[k] = v
			}
			bad.edit(body)
			rec := apply(person, body)
			if rec.Code != 422 || !strings.Contains(errField(t, rec, bad.field), bad.says) {
				t.Fatalf("bad application (%s): %d %s", bad.field, rec.Code, rec.Body)
			}
		}
		if n, _ := db.Count(context.Background(), "startup_loans"); n != 0 {
			t.Fatalf("refused applications stored: %d", n)
		}
		rec = apply(person, good)
		if rec.Code != 201 {
			t.Fatalf("apply: %d %s", rec.Code, rec.Body)
		}
		loan := decode(t, rec)
		id := int64(loan["id"].(float64))
		if loan["status"] != "submitted" || loan["policy_id"] != "wh_cydb_geren" || loan["kind"] != "person" {
			t.Fatalf("application: %v", loan)
		}
		if rec := apply(person, good); rec.Code != 409 {
			t.Fatalf("second open application: %d", rec.Code)
		}
		if rec := f.do("GET", fmt.Sprintf("/api/v1/startup/loans/%d", id), person2, nil); rec.Code != 404 {
			t.Fatalf("another person reads it: %d", rec.Code)
		}
		v := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/loans/%d", id), person, nil))
		if _, ok := v["eligible"].(bool); !ok || v["schedule"] != nil {
			t.Fatalf("applicant's view: %v", v)
		}

		// A small firm's caps: 3 million yuan, 2 years.
		entLoan := map[string]any{"amount": 250_000_000, "term_months": 24, "purpose": "扩建仓储", "business": "临空港物流有限公司"}
		rec = apply(emp, entLoan)
		if rec.Code != 201 || decode(t, rec)["kind"] != "enterprise" {
			t.Fatalf("enterprise application: %d %s", rec.Code, rec.Body)
		}
		entID := int64(decode(t, rec)["id"].(float64))
		if rec := apply(f.token("employer2"), map[string]any{"amount": 250_000_000, "term_months": 36, "purpose": "扩建", "business": "某公司"}); rec.Code != 422 || errField(t, rec, "term_months") == "" {
			t.Fatalf("enterprise term over 2 years: %d %s", rec.Code, rec.Body)
		}

		// Staff: the queue, the referral, the bank's approval.
		q := decode(t, f.do("GET", "/api/v1/startup/loans?status=submitted", staff, nil))["items"].([]any)
		if len(q) != 2 {
			t.Fatalf("queue: %v", q)
		}
		act := func(tok string, id int64, body map[string]any) *httptest.ResponseRecorder {
			return f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/actions", id), tok, body)
		}
		if rec := act(staff, id, map[string]any{"action": "approve"}); rec.Code != 409 {
			t.Fatalf("approve before referral: %d", rec.Code)
		}
		if rec := act(staff, id, map[string]any{"action": "refer"}); rec.Code != 422 || errField(t, rec, "bank_id") == "" {
			t.Fatalf("refer without bank: %d %s", rec.Code, rec.Body)
		}
		if rec := act(staff, id, map[string]any{"action": "refer", "bank_id": bankID}); rec.Code != 200 || decode(t, rec)["bank_name"] != "汉口银行东西湖支行" {
			t.Fatalf("refer: %d %s", rec.Code, rec.Body)
		}
		if inboxCount(t, f, person, "推荐至汉口银行东西湖支行") < 1 {
			t.Fatal("the applicant was not told of the referral")
		}
		approve := map[string]any{"action": "approve", "approved_amount": 25_000_000, "annual_rate": "3.85", "lpr": "3.1",
			"term_months": 36, "method": "equal_installment", "start_date": "2026-05-15"}
		if rec := act(staff, id, approve); rec.Code != 422 || errField(t, rec, "approved_amount") == "" {
			t.Fatalf("approve over the amount asked: %d %s", rec.Code, rec.Body)
		}
		approve["approved_amount"] = 20_000_000
		if rec := act(staff, id, approve); rec.Code != 200 || decode(t, rec)["status"] != "approved" {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		v = decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/loans/%d", id), person, nil))
		s, _ := v["schedule"].(map[string]any)
		// min(3.85%, LPR 3.1% + 1.5%) − (3.1% − 1.5%) = 2.25%: 20,000,000 × 2.25% / 12 = 37,500 fen
		if s == nil || s["subsidy_rate"] != "2.25%" || s["periods"].([]any)[0].(map[string]any)["subsidy"] != 37_500.0 {
			t.Fatalf("approved schedule: %v", s)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/withdraw", id), person, nil); rec.Code != 409 {
			t.Fatalf("withdraw after approval: %d", rec.Code)
		}

		// Repayments as the bank reports them: period 1 in full on its due
		// day earns its subsidy; period 2 a day late loses it, with the reason.
		p0 := s["periods"].([]any)[0].(map[string]any)
		pay := int64(p0["payment"].(float64))
		repay := func(body map[string]any) *httptest.ResponseRecorder {
			return f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/repayments", id), staff, body)
		}
		if rec := repay(map[string]any{"period": 1, "paid_on": "2026-06-15", "amount": pay}); rec.Code != 201 {
			t.Fatalf("repayment 1: %d %s", rec.Code, rec.Body)
		}
		if rec := repay(map[string]any{"period": 1, "paid_on": "2026-06-15", "amount": pay}); rec.Code != 409 {
			t.Fatalf("period 1 reported twice: %d", rec.Code)
		}
		if rec := repay(map[string]any{"period": 2, "paid_on": "2026-07-16", "amount": pay}); rec.Code != 201 {
			t.Fatalf("repayment 2: %d %s", rec.Code, rec.Body)
		}
		for _, bad := range []map[string]any{{"period": 99, "paid_on": "2026-07-16", "amount": pay}, {"period": 3, "paid_on": "2099-01-01", "amount": pay},
			{"period": 3, "paid_on": "2026-08-15", "amount": 0}} {
			if rec := repay(bad); rec.Code != 422 {
				t.Fatalf("bad repayment %v: %d %s", bad, rec.Code, rec.Body)
			}
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/repayments", entID), staff, map[string]any{"period": 1, "paid_on": "2026-06-15", "amount": 1}); rec.Code != 409 {
			t.Fatalf("repayment of a loan not lent: %d", rec.Code)
		}
		// The bank's file: a good row; the same period again; an unknown
		// loan; a loan never lent; a period past the term; a bad date; a bad
		// amount; a period recorded before. One row saved, seven refused.
		yuan := fmt.Sprintf("%d.%02d", pay/100, pay%100)
		csv := "贷款编号,期次,还款日期,还款金额（元）\n" +
			fmt.Sprintf("%d,3,2026-08-15,%s\n", id, yuan) +
			fmt.Sprintf("%d,3,2026-08-15,%s\n", id, yuan) +
			fmt.Sprintf("999,1,2026-08-15,%s\n", yuan) +
			fmt.Sprintf("%d,1,2026-08-15,%s\n", entID, yuan) +
			fmt.Sprintf("%d,99,2026-08-15,%s\n", id, yuan) +
			fmt.Sprintf("%d,4,2026-13-01,%s\n", id, yuan) +
			fmt.Sprintf("%d,4,2026-09-15,很多\n", id) +
			fmt.Sprintf("%d,1,2026-06-15,%s\n", id, yuan)
		imp := f.multipart("/api/v1/startup/repayments/import", "staff", true, "还款报送.csv", []byte(csv))
		if imp.Code != 201 {
			t.Fatalf("import: %d %s", imp.Code, imp.Body)
		}
		ir := decode(t, imp)
		if ir["total"] != 8.0 || ir["saved"] != 1.0 || ir["failed"] != 7.0 {
			t.Fatalf("import counts: %s", imp.Body)
		}
		for _, want := range []string{"与第 2 行重复", "没有编号为 999 的贷款", "没有放款", "期次应在 1 到 36 之间", "还款日期格式", "还款金额应为元", "第 1 期的还款已登记过"} {
			if !strings.Contains(imp.Body.String(), want) {
				t.Errorf("import errors lack %q: %s", want, imp.Body)
			}
		}
		if bad := f.multipart("/api/v1/startup/repayments/import", "staff", true, "还款.csv", []byte("编号,金额\n1,2\n")); bad.Code != 422 {
			t.Fatalf("a file without the columns: %d %s", bad.Code, bad.Body)
		}
		pg := f.multipart("/console/startup/repayments/import", "staff", false, "还款报送.csv",
			[]byte("贷款编号,期次,还款日期,还款金额（元）\n"+fmt.Sprintf("%d,1,2026-06-15,%s\n", id, yuan)))
		if body := pg.Body.String(); pg.Code != 200 || !strings.Contains(body, "登记 0 期还款，1 行有误") || !strings.Contains(body, "第 1 期的还款已登记过") {
			t.Fatalf("import page: %d", pg.Code)
		}
		// The page forms keep what was typed next to their errors.
		rp := f.form(fmt.Sprintf("/console/startup/loans/%d/repayments", id), staff, url.Values{"period": {"4"}, "paid_on": {"2026-09-15"}, "paid_amount": {"很多"}})
		if body := rp.Body.String(); rp.Code != 422 || !strings.Contains(body, "请填写还款金额（元）") || !strings.Contains(body, `value="2026-09-15"`) {
			t.Fatalf("repayment form with a bad amount: %d", rp.Code)
		}
		led := decode(t, f.do("GET", fmt.Sprintf("/api/v1/startup/loans/%d", id), person, nil))["ledger"].([]any)
		q2 := led[0].(map[string]any)
		l1 := q2["periods"].([]any)[0].(map[string]any)
		l2 := led[1].(map[string]any)["periods"].([]any)[0].(map[string]any)
		if q2["quarter"] != "2026年第2季度" || q2["earned"] != 37_500.0 || l1["state"] != "earned" || l2["state"] != "lost" ||
			l2["reason"] != "逾期还款：应于 2026-07-15 还款，实际 2026-07-16" {
			t.Fatalf("ledger: %v / %v / %v", q2, l1, l2)
		}
		if n := auditFor(t, db, "startup.loan.approve", "startup_loan", id, "ok"); n != 1 {
			t.Fatalf("approval audits: %d", n)
		}

		// The ledgers for the finance office: the loans, and a quarter's
		// subsidy (Q3: period 2 lost, paid late; period 3 earned from the
		// file; period 4 lost, not repaid), both audited.
		ledger := openXLSX(t, f.page("/console/startup/loans?format=xlsx&status=all", staff))
		if len(ledger) != 3 || ledger[0][0] != "编号" || !strings.Contains(strings.Join(ledger[2], "|"), "200,000.00|3.85%|3.1%|等额本息|2026-05-15") {
			t.Fatalf("loan ledger: %v", ledger)
		}
		q3 := openXLSX(t, f.page("/console/startup/subsidies.xlsx?quarter=2026Q3", staff))
		if len(q3) != 2 || q3[1][0] != strconv.FormatInt(id, 10) || q3[1][3] != "2026年第3季度" || q3[1][4] == "0.00" ||
			!strings.Contains(q3[1][7], "第 2 期 逾期还款") || !strings.Contains(q3[1][7], "第 4 期 到期未还款") {
			t.Fatalf("subsidy ledger: %v", q3)
		}
		if rec := f.page("/console/startup/subsidies.xlsx?quarter=2026Q5", staff); rec.Code != 422 {
			t.Fatalf("quarter 5: %d", rec.Code)
		}
		for _, action := range []string{"startup.loan.export", "startup.subsidy.export"} {
			if es, err := db.ListAudit(context.Background(), audit.Filter{Action: action, Limit: 10}); err != nil || len(es) != 1 {
				t.Fatalf("%s audits: %d %v", action, len(es), err)
			}
		}

		// A refusal needs a reason; the applicant reads it.
		if rec := act(staff, entID, map[string]any{"action": "reject"}); rec.Code != 422 {
			t.Fatalf("reject without reason: %d", rec.Code)
		}
		if pg := f.form(fmt.Sprintf("/console/startup/loans/%d/actions", entID), staff, url.Values{"action": {"refer"}}); pg.Code != 422 ||
			!strings.Contains(pg.Body.String(), "请选择合作银行或担保机构") {
			t.Fatalf("refer form without a bank: %d", pg.Code)
		}
		if rec := act(staff, entID, map[string]any{"action": "reject", "reason": "企业经营不满 3 个月"}); rec.Code != 200 {
			t.Fatalf("reject: %d %s", rec.Code, rec.Body)
		}
		if inboxCount(t, f, emp, "企业经营不满 3 个月") != 1 {
			t.Fatal("the enterprise was not told why")
		}

		// Withdrawn by the applicant, once.
		rec = apply(person2, good)
		id2 := int64(decode(t, rec)["id"].(float64))
		if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/withdraw", id2), person2, nil); rec.Code != 200 {
			t.Fatalf("withdraw: %d %s", rec.Code, rec.Body)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/withdraw", id2), person2, nil); rec.Code != 409 {
			t.Fatalf("withdraw twice: %d", rec.Code)
		}
		if rec := f.do("POST", fmt.Sprintf("/api/v1/startup/loans/%d/withdraw", id2), person, nil); rec.Code != 404 {
			t.Fatalf("another person withdraws it: %d", rec.Code)
		}
	})
}
