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

// TestLoanBankUsers: a partner bank's users (role bank, made by an admin
// for one bank) see only the loans referred to their bank, record its
// decision and the repayments, and nothing else: another bank's user gets
// 404 on the loan, its actions and its repayments, and its rows in a
// repayment file read as no such loan; a bank cannot refer or refuse
// (403); the applicant's policy profile is not shown to it; it lands on
// its own list after logging in.
func TestLoanBankUsers(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) })
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
			t.Fatal(err)
		}
		admin := f.token("admin")
		// An admin makes a bank user; the bank is required for the role.
		if rec := f.do("POST", "/api/v1/users", admin, map[string]any{"role": "bank", "name": "周信贷", "phone": "13900001111", "password": "river crane 58"}); rec.Code != 422 ||
			!strings.Contains(errField(t, rec, "bank_id"), "合作银行") {
			t.Fatalf("bank user without a bank: %d %s", rec.Code, rec.Body)
		}
		pg := f.form("/admin/users", admin, url.Values{"role": {"bank"}, "name": {"周信贷"}, "phone": {"13900001111"}, "password": {"river crane 58"}})
		if pg.Code != 422 || !strings.Contains(pg.Body.String(), "请选择该人员所在的合作银行或担保机构") {
			t.Fatalf("bank user form without a bank: %d", pg.Code)
		}
		bankA := f.bankUser("bankA", "汉口银行东西湖支行")
		f.bankUser("bankB", "武汉农商行吴家山支行")
		a, b := f.token("bankA"), f.token("bankB")

		rec := f.multipartForm("/api/v1/startup/loans", f.token("person"), map[string]string{"amount": "20000000", "term_months": "36",
			"purpose": "开一家社区烘焙店", "business": "吴家山烘焙工作室", "registered": "true"}, formFile{"营业执照.png", tinyPNG(t)})
		if rec.Code != 201 {
			t.Fatalf("apply with materials: %d %s", rec.Code, rec.Body)
		}
		id := int64(decode(t, rec)["id"].(float64))
		ups, err := db.Policies().UploadsOf(context.Background(), "startup_loan", id)
		if err != nil || len(ups) != 1 {
			t.Fatalf("materials stored: %v %v", ups, err)
		}
		material := fmt.Sprintf("/uploads/%d", ups[0].ID)
		loan := fmt.Sprintf("/api/v1/startup/loans/%d", id)
		if rec := f.do("GET", loan, a, nil); rec.Code != 404 {
			t.Fatalf("a bank reads a loan not referred to it: %d", rec.Code)
		}
		if rec := f.do("POST", loan+"/actions", f.token("staff"), map[string]any{"action": "refer", "bank_id": bankA.User.BankID}); rec.Code != 200 {
			t.Fatalf("refer: %d %s", rec.Code, rec.Body)
		}

		// The other bank sees nothing of it, nor its materials; the bank it
		// was referred to, the applicant and staff read them.
		for role, want := range map[string]int{"bankA": 200, "bankB": 404, "person": 200, "person2": 404, "staff": 200} {
			if rec := f.page(material, f.token(role)); rec.Code != want {
				t.Fatalf("materials as %s: %d, want %d", role, rec.Code, want)
			}
		}
		approve := map[string]any{"action": "approve", "approved_amount": 20_000_000, "annual_rate": "3.85", "lpr": "3.1",
			"term_months": 36, "method": "equal_installment", "start_date": "2026-05-15"}
		for _, c := range []struct {
			method, path string
			body         any
		}{{"GET", loan, nil}, {"POST", loan + "/actions", approve},
			{"POST", loan + "/repayments", map[string]any{"period": 1, "paid_on": "2026-06-15", "amount": 1}}} {
			if rec := f.do(c.method, c.path, b, c.body); rec.Code != 404 {
				t.Fatalf("the other bank: %s %s: %d %s", c.method, c.path, rec.Code, rec.Body)
			}
		}
		if q := decode(t, f.do("GET", "/api/v1/startup/loans?status=referred", b, nil))["items"].([]any); len(q) != 0 {
			t.Fatalf("the other bank's queue: %v", q)
		}
		if es, _ := db.ListAudit(context.Background(), audit.Filter{ObjectType: "startup_loan", Limit: 50}); !deniedIn(es, id) {
			t.Fatalf("the other bank's tries are not audited: %v", es)
		}

		// Its own bank: the queue, the loan without the policy profile, no
		// referral or refusal, the decision, a repayment.
		q := decode(t, f.do("GET", "/api/v1/startup/loans?status=referred", a, nil))["items"].([]any)
		if len(q) != 1 || int64(q[0].(map[string]any)["id"].(float64)) != id {
			t.Fatalf("the bank's queue: %v", q)
		}
		if v := decode(t, f.do("GET", loan, a, nil)); len(v["reasons"].([]any)) != 0 || v["eligible"] != false {
			t.Fatalf("the bank sees the policy profile: %v", v)
		}
		for _, act := range []map[string]any{{"action": "reject", "reason": "不要"}, {"action": "refer", "bank_id": bankA.User.BankID}} {
			if rec := f.do("POST", loan+"/actions", a, act); rec.Code != 403 {
				t.Fatalf("a bank %s: %d %s", act["action"], rec.Code, rec.Body)
			}
		}
		if rec := f.do("POST", loan+"/actions", a, approve); rec.Code != 200 || decode(t, rec)["status"] != "approved" {
			t.Fatalf("the bank approves: %d %s", rec.Code, rec.Body)
		}
		if n := auditFor(t, db, "startup.loan.approve", "startup_loan", id, "ok"); n != 1 {
			t.Fatalf("approval audits: %d", n)
		}
		pay := int64(decode(t, f.do("GET", loan, a, nil))["schedule"].(map[string]any)["periods"].([]any)[0].(map[string]any)["payment"].(float64))
		if rec := f.do("POST", loan+"/repayments", a, map[string]any{"period": 1, "paid_on": "2026-06-15", "amount": pay}); rec.Code != 201 {
			t.Fatalf("the bank records a repayment: %d %s", rec.Code, rec.Body)
		}
		yuan := fmt.Sprintf("%d.%02d", pay/100, pay%100)
		csv := "贷款编号,期次,还款日期,还款金额（元）\n" + fmt.Sprintf("%d,2,2026-07-15,%s\n", id, yuan)
		imp := f.multipart("/api/v1/startup/repayments/import", "bankB", true, "还款.csv", []byte(csv))
		if imp.Code != 201 || !strings.Contains(imp.Body.String(), fmt.Sprintf("没有编号为 %d 的贷款", id)) || decode(t, imp)["saved"] != 0.0 {
			t.Fatalf("the other bank imports its rows: %d %s", imp.Code, imp.Body)
		}
		imp = f.multipart("/api/v1/startup/repayments/import", "bankA", true, "还款.csv", []byte(csv))
		if imp.Code != 201 || decode(t, imp)["saved"] != 1.0 {
			t.Fatalf("the bank imports its rows: %d %s", imp.Code, imp.Body)
		}

		// The pages: login lands on the bank's list; the loan page offers
		// the repayment form and no bureau tools.
		login := f.form("/login", "", url.Values{"phone": {bankA.User.Phone}, "password": {testPassword}})
		if loc := login.Header().Get("Location"); loc != "/bank/loans" {
			t.Fatalf("a bank user lands on %q", loc)
		}
		pg = f.page("/bank/loans?status=approved", a)
		if body := pg.Body.String(); pg.Code != 200 || !strings.Contains(body, "推荐至本机构的青创贷") || strings.Contains(body, "合作银行和担保机构") ||
			!strings.Contains(body, fmt.Sprintf("/startup/loans/%d", id)) {
			t.Fatalf("bank list page: %d", pg.Code)
		}
		pg = f.page(fmt.Sprintf("/startup/loans/%d", id), a)
		if body := pg.Body.String(); pg.Code != 200 || !strings.Contains(body, "登记还款") || strings.Contains(body, "推荐至银行") {
			t.Fatalf("bank loan page: %d", pg.Code)
		}
		if pg := f.page(fmt.Sprintf("/startup/loans/%d", id), b); pg.Code != 404 {
			t.Fatalf("the other bank's loan page: %d", pg.Code)
		}
	})
}

// deniedIn reports whether es holds a refused access to loan id.
func deniedIn(es []audit.Entry, id int64) bool {
	for _, e := range es {
		if e.ObjectID == fmt.Sprint(id) && e.Result != audit.ResultOK {
			return true
		}
	}
	return false
}
