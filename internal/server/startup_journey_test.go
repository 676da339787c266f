package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// TestStartupJourney: 我想创业 shows a visitor how to log in for their own
// policies and, for the amount and term picked, the 青创贷 month as the
// bank takes it, the subsidy and what is left to bear — worked out as an
// approved loan's would be (LPR 3.1% with nothing recorded, the bank's rate
// at the cap LPR + 150 bp, the borrower bearing LPR − 150 bp); an amount not
// in the picker falls back to 200,000 yuan over 36 months; open funding
// calls are listed.
func TestStartupJourney(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) })
		f := newFixture(t, db, serverOpts())
		if err := f.app.Policies.EnsureCatalog(context.Background()); err != nil {
			t.Fatal(err)
		}
		want := func(amount int64, months int) (string, string) {
			l := &startup.Loan{ApprovedAmount: amount, AnnualRate: 4_600_000, LPR: 3_100_000, DecisionTerm: months, Method: startup.EqualInstallment,
				StartDate: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}
			s, err := startup.Compute(l.ApprovedTerms())
			if err != nil {
				t.Fatal(err)
			}
			return startup.Yuan(s.Periods[0].Payment), startup.Yuan(s.Periods[0].Payment - s.Periods[0].Subsidy)
		}
		pg := f.page("/startup", "")
		pay, net := want(20_000_000, 36)
		if body := pg.Body.String(); pg.Code != 200 || !strings.Contains(body, "/login?next=/startup") || !strings.Contains(body, pay+" 元") ||
			!strings.Contains(body, "<strong>"+net+" 元</strong>") {
			t.Fatalf("visitor's page: %d (want %s / %s)", pg.Code, pay, net)
		}
		pay, net = want(10_000_000, 12)
		if body := f.page("/startup?amount=10000000&term_months=12", f.token("person")).Body.String(); !strings.Contains(body, pay+" 元") ||
			!strings.Contains(body, "<strong>"+net+" 元</strong>") || strings.Contains(body, "/login?next=/startup") {
			t.Fatalf("100,000 over 12 months (want %s / %s)", pay, net)
		}
		pay, _ = want(20_000_000, 36)
		if body := f.page("/startup?amount=99&term_months=7", "").Body.String(); !strings.Contains(body, pay+" 元") {
			t.Fatal("an amount off the picker did not fall back to 200,000 over 36 months")
		}
		if rec := f.do("POST", "/api/v1/startup/funding", f.token("staff"), map[string]any{"title": "年末批次", "opens": "2026-12-01", "closes": "2026-12-31", "budget": 10_000_000}); rec.Code != 201 {
			t.Fatalf("call: %d %s", rec.Code, rec.Body)
		}
		if body := f.page("/startup", "").Body.String(); !strings.Contains(body, "年末批次") {
			t.Fatal("the open call is not listed")
		}
		// The calculator starts from the same rule: LPR 3.1% − 150 bp borne, cap + 150 bp, the rest subsidised.
		calc := f.page("/startup/loan-calculator", "").Body.String()
		for _, want := range []string{`name="borrower_rate" type="text" value="1.6"`, `name="subsidy_rate_cap" type="text" value="4.6"`,
			`name="annual_rate" type="text" value="4.6"`, `name="subsidy_share_pct" type="text" value="100"`} {
			if !strings.Contains(calc, want) {
				t.Errorf("calculator defaults lack %s", want)
			}
		}
	})
}
