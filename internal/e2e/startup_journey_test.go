package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/store"
)

// TestLoanCalculatorJourney: a graduate, not logged in, works out on a
// phone what a 200,000-yuan 青创贷 costs: the month's payment, the subsidy
// paid back each quarter, and how each figure was computed; a wrong amount
// is refused next to its field. The page passes axe-core and does not
// scroll sideways (the schedule table scrolls in its own box).
func TestLoanCalculatorJourney(t *testing.T) {
	forEachStore(t, "loan-calculator-journey", func(t *testing.T, db *store.DB, exe, shots string) {
		_, ts := newSite(t, db)
		b := newBrowser(t, exe, ts.URL, shots)
		b.open("/startup/loan-calculator", 200)
		b.typeInto("f-amount", "20万")
		b.submit("/startup/loan-calculator", 422, "/startup/loan-calculator")
		if msg := b.text("#e-amount"); !strings.Contains(msg, "贷款金额") {
			t.Fatalf("amount error %q", msg)
		}
		b.typeInto("f-amount", "200000")
		b.do("pick 36 months", chromedp.SetValue(chromedp.CSS("#f-term_months"), "36"))
		b.do("pick 等额本息", chromedp.SetValue(chromedp.CSS("#f-method"), "equal_installment"))
		b.typeInto("f-annual_rate", "3.45")
		// The form starts from Wuhan's rule (borrower LPR − 150 bp, cap
		// LPR + 150 bp, the rest subsidised); this graduate works out the
		// plain 50% subsidy instead.
		b.typeInto("f-subsidy_rate_cap", "")
		b.typeInto("f-borrower_rate", "")
		b.typeInto("f-subsidy_share_pct", "50")
		b.do("pick the start date", chromedp.SetValue(chromedp.CSS("#f-start_date"), "2025-01-31"))
		b.submit("/startup/loan-calculator", 200, "/startup/loan-calculator")
		res := b.text(`section[aria-labelledby="res-h"]`)
		// 200,000 yuan, 3.45% a year, 36 months, 等额本息: 5,855.99 a month
		// (P·r·(1+r)³⁶/((1+r)³⁶−1), r = 0.2875%); the first month's subsidy
		// is half of 575.00, 287.50; after it the month costs 5,568.49.
		for _, want := range []string{"5,855.99 元", "287.50 元", "5,568.49 元", "2025年第1季度", "按季度拨付"} {
			if !strings.Contains(res, want) {
				t.Errorf("result lacks %q:\n%s", want, res)
			}
		}
		b.do("open the schedule", chromedp.Click(chromedp.CSS(`section[aria-labelledby="res-h"] details > summary`)))
		b.checkAxe("/startup/loan-calculator (schedule open)")
		b.noHorizontalScroll("/startup/loan-calculator")
		b.shot("loan-calculator")
	})
}
