package server_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/store"
)

// TestLoanSchedule: the 青创贷 schedule through the API (the golden
// equal-installment case of internal/startup, in fen) and the calculator
// page (amounts in yuan, subsidy by quarter, the working shown); bad input
// refused field by field on both.
func TestLoanSchedule(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, serverOpts())
		rec := f.do("POST", "/api/v1/startup/loans/schedule", "", map[string]any{"principal": 1_000_000, "annual_rate": 12,
			"term_months": 3, "method": "equal_installment", "start_date": "2025-03-15", "subsidy_share": 0.5, "subsidy_rate_cap": "15"})
		if rec.Code != 200 {
			t.Fatalf("schedule: %d %s", rec.Code, rec.Body)
		}
		s := decode(t, rec)
		ps := s["periods"].([]any)
		first, last := ps[0].(map[string]any), ps[2].(map[string]any)
		if len(ps) != 3 || first["payment"] != 340022.0 || first["interest"] != 10000.0 || first["subsidy"] != 5000.0 ||
			last["payment"] != 340023.0 || last["due_date"] != "2025-06-15" || s["total_subsidy"] != 10033.0 || s["total_interest"] != 20067.0 {
			t.Fatalf("schedule: %s", rec.Body)
		}
		if q := s["quarters"].([]any); len(q) != 1 || q[0].(map[string]any)["subsidy"] != 10033.0 {
			t.Fatalf("quarters: %v", q)
		}
		bad := f.do("POST", "/api/v1/startup/loans/schedule", "", map[string]any{"principal": 0, "annual_rate": 25, "term_months": 0,
			"method": "weekly", "start_date": "2025-02-30", "subsidy_share": 2})
		if bad.Code != 422 {
			t.Fatalf("bad schedule: %d %s", bad.Code, bad.Body)
		}
		for _, field := range []string{"principal", "annual_rate", "term_months", "method", "start_date", "subsidy_share"} {
			if errField(t, bad, field) == "" {
				t.Errorf("no error for %s: %s", field, bad.Body)
			}
		}
		if rec := f.do("POST", "/api/v1/startup/loans/schedule", "", map[string]any{"principal": 100, "annual_rate": "3.4500001",
			"term_months": 12, "method": "equal_principal"}); rec.Code != 422 || errField(t, rec, "annual_rate") == "" {
			t.Fatalf("seven decimals: %d %s", rec.Code, rec.Body)
		}

		// The page: 200,000 yuan over 36 months, interest only at 3.45%, 50%.
		q := url.Values{"amount": {"200000"}, "term_months": {"36"}, "method": {"interest_monthly_principal_at_end"}, "annual_rate": {"3.45"},
			"subsidy_share_pct": {"50"}, "start_date": {"2025-01-31"}}
		pg := f.page("/startup/loan-calculator?"+q.Encode(), "")
		body := pg.Body.String()
		// interest 20,000,000 × 3.45% / 12 = 57,500 fen = 575.00 yuan a month;
		// subsidy half, 287.50; three months a quarter: 862.50 (the first
		// quarter has two: February and March)
		for _, want := range []string{"575.00 元", "287.50 元", "2025年第1季度：575.00 元（2 个月）", "2025年第2季度：862.50 元（3 个月）", "四舍五入到分"} {
			if !strings.Contains(body, want) {
				t.Errorf("calculator page lacks %q", want)
			}
		}
		if pg.Code != 200 {
			t.Fatalf("calculator page: %d", pg.Code)
		}
		q.Set("amount", "二十万")
		q.Set("annual_rate", "30")
		pg = f.page("/startup/loan-calculator?"+q.Encode(), "")
		if body := pg.Body.String(); pg.Code != 422 || !strings.Contains(body, "请填写贷款金额（元）") || !strings.Contains(body, "0 到 24") {
			t.Fatalf("bad calculator input: %d %s", pg.Code, extractErrors(body))
		}
	})
}

// extractErrors lists a page's error messages (for a failure's report).
func extractErrors(body string) string {
	var out []string
	for _, part := range strings.Split(body, `class="error"`)[1:] {
		if i := strings.Index(part, ">"); i >= 0 {
			if j := strings.Index(part[i:], "<"); j >= 0 {
				out = append(out, part[i+1:i+j])
			}
		}
	}
	return strings.Join(out, " | ")
}
