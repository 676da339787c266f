package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// TestLoanApplicationJourney: a graduate applies for a 200,000-yuan 青创贷
// on a phone (an amount over the cap is refused next to its field), staff
// refer it to the partner bank, the bank's own user records the approval,
// staff import the bank's report of two repayments and work out the
// quarter's subsidy, the finance office pays it in a payout batch, and the
// graduate reads the approved loan's first payment and the subsidy paid
// for the quarter. Every page passes axe-core.
func TestLoanApplicationJourney(t *testing.T) {
	forEachStore(t, "loan-application-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		ctx := context.Background()
		a, ts := newSite(t, db)
		if err := a.Policies.EnsureCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 25))
		staffPhone := registry.GeneratePhone(rng)
		if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, app.NewUserInput{Role: "staff", Name: "创业窗口刘", Phone: staffPhone, Password: staffPassword}, true); err != nil {
			t.Fatal(err)
		}
		bank := &startup.Bank{Name: "汉口银行东西湖支行", Kind: "bank"}
		if err := db.Startup().AddBank(ctx, store.Actor{IP: "test"}, bank); err != nil {
			t.Fatal(err)
		}
		bankPhone, reviewerPhone := registry.GeneratePhone(rng), registry.GeneratePhone(rng)
		for _, u := range []app.NewUserInput{{Role: "bank", Name: "汉口银行信贷员", Phone: bankPhone, BankID: bank.ID},
			{Role: "reviewer", Name: "财务科王", Phone: reviewerPhone}} {
			u.Password = staffPassword
			if _, err := a.Accounts.CreateUser(ctx, app.Actor{}, u, true); err != nil {
				t.Fatal(err)
			}
		}
		personPhone := registry.GeneratePhone(rng)
		idNumber := registry.GenerateIDNumber(rng, "420112", time.Date(2001, 3, 8, 0, 0, 0, 0, time.UTC), true)
		if _, err := a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "person", Name: "周子涵", IDNumber: idNumber,
			Phone: personPhone, Password: staffPassword}); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, exe, ts.URL, shots)

		b.login(personPhone, staffPassword, "/me")
		b.open("/startup/loans/new", 200)
		b.typeInto("f-amount", "400000")
		b.typeText("f-purpose", "开一家社区烘焙店，购置烤箱和装修")
		b.typeText("f-business", "东西湖区吴家山的烘焙工作室，计划登记个体工商户")
		b.submit("/startup/loans", 422, "/startup/loans")
		if msg := b.text("#e-amount"); !strings.Contains(msg, "300,000.00") {
			t.Fatalf("amount over the cap: %q", msg)
		}
		if b.value("f-purpose") != "开一家社区烘焙店，购置烤箱和装修" {
			t.Fatal("the form lost the purpose")
		}
		b.typeInto("f-amount", "200000")
		b.do("apply", press(`form[action="/startup/loans"] button[type=submit]`))
		loanPath := b.waitPath(`^/startup/loans/\d+$`)
		b.checkAxe(loanPath)
		if !strings.HasPrefix(loanPath, "/startup/loans/") || !strings.Contains(b.text("h1"), "待审核") {
			t.Fatalf("after applying: %s %q", loanPath, b.text("h1"))
		}
		b.noHorizontalScroll(loanPath)
		b.logout()

		b.login(staffPhone, staffPassword, "/console")
		b.open("/console/startup/loans", 200)
		b.load("open the application", 200, loanPath, press(`a[href="`+loanPath+`"]`))
		banks, _ := db.Startup().Banks(ctx, false)
		b.do("pick the bank", chromedp.SetValue(chromedp.CSS("#f-bank_id"), strconv.FormatInt(banks[0].ID, 10)))
		b.load("refer", 200, loanPath, press(`form:has(input[value=refer]) button[type=submit]`))
		b.logout()

		// The bank's own user records its approval.
		b.login(bankPhone, staffPassword, "/bank/loans")
		b.load("open the referred loan", 200, loanPath, press(`a[href="`+loanPath+`"]`))
		if h := b.text("#dec-h"); h != "登记审批结果" {
			t.Fatalf("the bank's decision form: %q", h)
		}
		b.typeInto("f-annual_rate", "3.85")
		b.typeInto("f-lpr", "3.1")
		b.do("start date", chromedp.SetValue(chromedp.CSS("#f-start_date"), "2026-01-15"))
		b.do("等额本息", chromedp.SetValue(chromedp.CSS("#f-method"), string(startup.EqualInstallment)))
		b.load("approve", 200, loanPath, press(`form:has(input[value=approve]) button[type=submit]`))
		if f := b.text("p.flash"); !strings.Contains(f, "还款计划") {
			t.Fatalf("after approving: flash %q", f)
		}
		b.logout()

		// Staff import the bank's report of the first two repayments, both in
		// full on time, work out 2026's first quarter and hand it to the payout batch.
		rate, _ := startup.ParseRate("3.85")
		sched, err := startup.Compute(startup.Terms{Principal: 20_000_000, AnnualRate: rate, TermMonths: 36, Method: startup.EqualInstallment,
			Start: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), SubsidyShare: startup.ShareUnit, SubsidyRateCap: 4_600_000, BorrowerRate: 1_600_000})
		if err != nil {
			t.Fatal(err)
		}
		loanID := strings.TrimPrefix(loanPath, "/startup/loans/")
		report := "贷款编号,期次,还款日期,还款金额（元）\n"
		for i, due := range []string{"2026-02-15", "2026-03-15"} {
			report += loanID + "," + strconv.Itoa(i+1) + "," + due + "," + gigs.Yuan(sched.Periods[i].Payment) + "\n"
		}
		file := filepath.Join(t.TempDir(), "还款报送.csv")
		if err := os.WriteFile(file, []byte(report), 0o600); err != nil {
			t.Fatal(err)
		}
		b.login(staffPhone, staffPassword, "/console")
		b.open("/console/startup/loans?status=approved", 200)
		b.do("attach the report", chromedp.SetUploadFiles(`#f-file`, []string{file}))
		b.submit("/console/startup/repayments/import", 200, "/console/startup/repayments/import")
		if f := b.text("p.flash"); !strings.Contains(f, "登记 2 期还款，0 行有误") {
			t.Fatalf("after the import: flash %q", f)
		}
		b.do("2026年第1季度", chromedp.SetValue(chromedp.CSS("#f-quarter"), "2026Q1"))
		b.load("核定并转入发放", 200, "/console/startup/subsidies", press(`form[action="/console/startup/subsidies"] button.primary`))
		earned := sched.Periods[0].Subsidy + sched.Periods[1].Subsidy
		if st := b.text(`section[aria-labelledby="sub-h"] p[role=status]`); !strings.Contains(st, "新核定 1 笔，合计 "+startup.Yuan(earned)+" 元") {
			t.Fatalf("the quarter worked out: %q", st)
		}
		b.logout()

		// The finance office pays it in a batch, as any grant.
		b.login(reviewerPhone, staffPassword, "/console")
		b.open("/console/applications?status=approved", 200)
		b.do("pick the subsidy", chromedp.Click(chromedp.CSS(`input.pick`)))
		b.typeInto("f-batch", "2026年一季度贴息")
		b.do("paid on", chromedp.SetValue(chromedp.CSS("#f-paid_on"), "2026-04-20"))
		b.submit("/console/payouts", 200, "/console/applications")
		if f := b.text("p.flash"); !strings.Contains(f, "已记录 1 笔发放") {
			t.Fatalf("after paying: flash %q", f)
		}
		b.logout()

		// The graduate reads the approved loan: 200,000 yuan at 3.85% over 36
		// months; the subsidy rate is min(3.85%, 3.1% + 1.5%) − (3.1% − 1.5%)
		// = 2.25%, so the first month's subsidy is 200,000 × 2.25% / 12 = 375.00.
		b.login(personPhone, staffPassword, "/me")
		b.open(loanPath, 200)
		schedText := b.text(`section[aria-labelledby="sched-h"]`)
		for _, want := range []string{"200,000.00 元", "其中贴息 375.00 元", "2026年第1季度", "按季度拨付"} {
			if !strings.Contains(schedText, want) {
				t.Errorf("approved loan lacks %q:\n%s", want, schedText)
			}
		}
		wantQ1 := "2026年第1季度：可贴息 " + startup.Yuan(earned) + " 元"
		if led := b.text(`section[aria-labelledby="ledger-h"]`); !strings.Contains(led, wantQ1) || !strings.Contains(led, "第 3 期") ||
			!strings.Contains(led, "已于 2026-04-20 发放") || !strings.Contains(led, "批次 2026年一季度贴息") {
			t.Errorf("ledger lacks %q, the lost third period or the payout:\n%s", wantQ1, led)
		}
		b.noHorizontalScroll(loanPath)
		b.shot("approved-loan")
	})
}
