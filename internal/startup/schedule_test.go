package startup

import (
	"fmt"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// golden is one period as worked out by hand: due date, principal,
// interest, subsidy and balance, in fen.
type golden struct {
	due                                   string
	principal, interest, subsidy, balance int64
}

func check(t *testing.T, terms Terms, want []golden, totalInterest, totalSubsidy int64) *Schedule {
	t.Helper()
	s, err := Compute(terms)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Periods) != len(want) {
		t.Fatalf("%d periods, want %d", len(s.Periods), len(want))
	}
	for i, w := range want {
		p := s.Periods[i]
		got := golden{p.Due.Format(time.DateOnly), p.Principal, p.Interest, p.Subsidy, p.Balance}
		if got != w {
			t.Errorf("period %d: got %+v, want %+v", i+1, got, w)
		}
		if p.Payment != p.Principal+p.Interest {
			t.Errorf("period %d: payment %d ≠ principal + interest", i+1, p.Payment)
		}
	}
	if s.TotalInterest != totalInterest || s.TotalSubsidy != totalSubsidy {
		t.Errorf("totals: interest %d subsidy %d, want %d and %d", s.TotalInterest, s.TotalSubsidy, totalInterest, totalSubsidy)
	}
	return s
}

// Interest monthly, principal at the end; a start on the 31st in a
// common year.
//
//	principal 200,000.00 yuan = 20,000,000 fen, 3.45% a year, 3 months
//	interest each month = 20,000,000 × 3.45% / 12 = 690,000 / 12 = 57,500 fen
//	subsidy (50%, no cap) = 57,500 × 0.5 = 28,750 fen
//	due: 31 Jan → 28 Feb (clamped), 31 Mar, 30 Apr (clamped)
func TestInterestOnlyFromThe31st(t *testing.T) {
	r, _ := ParseRate("3.45")
	sh, _ := ParseShare("0.5")
	check(t, Terms{Principal: 20_000_000, AnnualRate: r, TermMonths: 3, Method: InterestOnly, Start: day("2025-01-31"), SubsidyShare: sh},
		[]golden{
			{"2025-02-28", 0, 57_500, 28_750, 20_000_000},
			{"2025-03-31", 0, 57_500, 28_750, 20_000_000},
			{"2025-04-30", 20_000_000, 57_500, 28_750, 0},
		}, 172_500, 86_250)
}

// Equal principal in a leap year, with a rate cap that binds.
//
//	principal 1,000.00 yuan = 100,000 fen, 6% a year (0.5% a month), 3 months
//	principal each month = 100,000 / 3 = 33,333.33 → 33,333; the last takes
//	  100,000 − 2 × 33,333 = 33,334
//	interest: 100,000 × 0.5% = 500; 66,667 × 0.5% = 333.335 → 333;
//	  33,334 × 0.5% = 166.67 → 167; total 1,000
//	subsidy at min(6%, cap 4%) = 4% a year × 50% = balance / 600:
//	  100,000 / 600 = 166.67 → 167; 66,667 / 600 = 111.11 → 111;
//	  33,334 / 600 = 55.56 → 56; total 334
//	due: 31 Jan 2024 → 29 Feb (leap year), 31 Mar, 30 Apr
func TestEqualPrincipalLeapYearCapBinds(t *testing.T) {
	r, _ := ParseRate("6")
	capRate, _ := ParseRate("4")
	sh, _ := ParseShare("0.5")
	s := check(t, Terms{Principal: 100_000, AnnualRate: r, TermMonths: 3, Method: EqualPrincipal, Start: day("2024-01-31"),
		SubsidyShare: sh, SubsidyRateCap: capRate},
		[]golden{
			{"2024-02-29", 33_333, 500, 167, 66_667},
			{"2024-03-31", 33_333, 333, 111, 33_334},
			{"2024-04-30", 33_334, 167, 56, 0},
		}, 1_000, 334)
	if s.SubsidyRate != capRate {
		t.Errorf("subsidy rate %s, want the cap %s", s.SubsidyRate, capRate)
	}
	// Paid by quarter: February in Q1, March in Q1, April in Q2.
	if q := s.Quarters(); fmt.Sprint(q) != "[{2024年第1季度 278 2} {2024年第2季度 56 1}]" {
		t.Errorf("quarters %v", q)
	}
}

// Equal installments with a cap that does not bind.
//
//	principal 10,000.00 yuan = 1,000,000 fen, 12% a year (1% a month), 3 months
//	payment = P·r·(1+r)³ / ((1+r)³ − 1) = 1,000,000 × 0.01 × 1.030301 / 0.030301
//	        = 340,022.11 → 340,022 fen
//	1: interest 1,000,000 × 1% = 10,000; principal 340,022 − 10,000 = 330,022; balance 669,978
//	2: interest 669,978 × 1% = 6,699.78 → 6,700; principal 333,322; balance 336,656
//	3: interest 336,656 × 1% = 3,366.56 → 3,367; principal the rest, 336,656 (payment 340,023)
//	subsidy at 12% (cap 15% does not bind) × 50%: 5,000; 3,349.89 → 3,350; 1,683.28 → 1,683
func TestEqualInstallmentCapDoesNotBind(t *testing.T) {
	r, _ := ParseRate("12")
	capRate, _ := ParseRate("15")
	sh, _ := ParseShare("0.5")
	s := check(t, Terms{Principal: 1_000_000, AnnualRate: r, TermMonths: 3, Method: EqualInstallment, Start: day("2025-03-15"),
		SubsidyShare: sh, SubsidyRateCap: capRate},
		[]golden{
			{"2025-04-15", 330_022, 10_000, 5_000, 669_978},
			{"2025-05-15", 333_322, 6_700, 3_350, 336_656},
			{"2025-06-15", 336_656, 3_367, 1_683, 0},
		}, 20_067, 10_033)
	if s.Periods[0].Payment != 340_022 || s.Periods[2].Payment != 340_023 || s.SubsidyRate != r {
		t.Errorf("payments %d, %d; subsidy rate %s", s.Periods[0].Payment, s.Periods[2].Payment, s.SubsidyRate)
	}
}

// The subsidised principal and the subsidy period.
//
//	principal 6,000.00 yuan = 600,000 fen, 6% a year, interest only, 2 months
//	interest each month = 600,000 × 0.5% = 3,000
//	only 3,000.00 yuan (300,000 fen) is subsidised, at 100%, for 1 month:
//	  3,000 × 300,000 / 600,000 = 1,500 in month 1; 0 in month 2
func TestSubsidisedPrincipalAndPeriod(t *testing.T) {
	r, _ := ParseRate("6")
	check(t, Terms{Principal: 600_000, AnnualRate: r, TermMonths: 2, Method: InterestOnly, Start: day("2025-01-10"),
		SubsidyShare: ShareUnit, MaxSubsidisedPrincipal: 300_000, SubsidyMonths: 1},
		[]golden{
			{"2025-02-10", 0, 3_000, 1_500, 600_000},
			{"2025-03-10", 600_000, 3_000, 0, 0},
		}, 6_000, 1_500)
}

// 武汉's rule: the borrower bears LPR − 150 bp, the treasury pays the rest
// of the rate up to LPR + 150 bp (LPR 3.10%: borrower 1.60%, cap 4.60%).
//
//	principal 300,000.00 yuan = 30,000,000 fen, 4.85% a year, interest only, 1 month
//	interest = 30,000,000 × 4.85% / 12 = 121,250
//	subsidy rate = min(4.85%, 4.60%) − 1.60% = 3.00%, share 100%:
//	  30,000,000 × 3% / 12 = 75,000; the borrower pays 121,250 − 75,000 = 46,250
func TestBorrowerBearsLPRLess150(t *testing.T) {
	r, _ := ParseRate("4.85")
	capRate, _ := ParseRate("4.6")
	floor, _ := ParseRate("1.6")
	s := check(t, Terms{Principal: 30_000_000, AnnualRate: r, TermMonths: 1, Method: InterestOnly, Start: day("2025-06-30"),
		SubsidyShare: ShareUnit, SubsidyRateCap: capRate, BorrowerRate: floor},
		[]golden{{"2025-07-30", 30_000_000, 121_250, 75_000, 0}}, 121_250, 75_000)
	if s.SubsidyRate != 3*RateUnit {
		t.Errorf("subsidy rate %s", s.SubsidyRate)
	}
	// A rate below the borrower's part earns no subsidy.
	low, _ := ParseRate("1.5")
	if s, _ := Compute(Terms{Principal: 30_000_000, AnnualRate: low, TermMonths: 1, Method: InterestOnly, Start: day("2025-06-30"),
		SubsidyShare: ShareUnit, BorrowerRate: floor}); s.TotalSubsidy != 0 {
		t.Errorf("subsidy below the floor: %d", s.TotalSubsidy)
	}
}

// A zero rate repays the principal in equal parts with no interest.
func TestZeroRate(t *testing.T) {
	check(t, Terms{Principal: 100_000, TermMonths: 3, Method: EqualInstallment, Start: day("2025-01-01")},
		[]golden{
			{"2025-02-01", 33_333, 0, 0, 66_667},
			{"2025-03-01", 33_333, 0, 0, 33_334},
			{"2025-04-01", 33_334, 0, 0, 0},
		}, 0, 0)
}

// Every long schedule repays exactly the principal, whatever the method.
func TestPrincipalRepaidExactly(t *testing.T) {
	for _, m := range Methods {
		for _, n := range []int{1, 7, 36, 120} {
			r, _ := ParseRate("3.85")
			s, err := Compute(Terms{Principal: 30_000_000, AnnualRate: r, TermMonths: n, Method: m, Start: day("2024-08-31"), SubsidyShare: 500_000})
			if err != nil {
				t.Fatal(err)
			}
			sum := int64(0)
			for _, p := range s.Periods {
				if p.Principal < 0 || p.Interest < 0 || p.Subsidy*2 > p.Interest+1 {
					t.Fatalf("%s/%d: period %+v", m, n, p)
				}
				sum += p.Principal
			}
			if sum != 30_000_000 || s.Periods[n-1].Balance != 0 {
				t.Errorf("%s/%d: repaid %d", m, n, sum)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	bad := Terms{Principal: 0, AnnualRate: 25 * RateUnit, TermMonths: 0, Method: "weekly", SubsidyShare: 2 * ShareUnit, SubsidyRateCap: -1}
	_, err := Compute(bad)
	if err == nil {
		t.Fatal("bad terms accepted")
	}
	for _, field := range []string{"principal", "annual_rate", "term_months", "method", "start_date", "subsidy_share", "subsidy_rate_cap"} {
		if !containsField(err, field) {
			t.Errorf("no error for %s: %v", field, err)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Rate{"3.45": 3_450_000, "0": 0, "24": 24_000_000, ".5": 500_000, "3.850001": 3_850_001} {
		if got, ok := ParseRate(in); !ok || got != want {
			t.Errorf("ParseRate(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "-1", "3.4500001", "abc", "1e3", "3,45"} {
		if _, ok := ParseRate(in); ok {
			t.Errorf("ParseRate(%q) accepted", in)
		}
	}
	if s := Rate(3_450_000).String(); s != "3.45%" {
		t.Errorf("String %q", s)
	}
	if s := Share(500_000).String(); s != "50%" {
		t.Errorf("share String %q", s)
	}
	if y := Yuan(123456789); y != "1,234,567.89" {
		t.Errorf("Yuan %q", y)
	}
}

// BenchmarkSchedules computes 10,000 three-year loans with their subsidy
// (the target: ≤ 1 s).
func BenchmarkSchedules(b *testing.B) {
	r, _ := ParseRate("3.45")
	capRate, _ := ParseRate("2.35")
	for b.Loop() {
		for i := range 10_000 {
			m := Methods[i%3]
			if _, err := Compute(Terms{Principal: int64(5_000_000 + i*1_000), AnnualRate: r, TermMonths: 36, Method: m, Start: day("2025-01-31"),
				SubsidyShare: 500_000, SubsidyRateCap: capRate}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func containsField(err error, field string) bool {
	e := apperr.As(err)
	_, ok := e.Fields[field]
	return ok
}

// The ledger: period 1 repaid in full on its day earns its subsidy; 2 was
// paid a day late, 3 was short by a fen, 4 is past due unpaid, 5 is not
// due yet. Quarters: Feb and Mar in Q1, Apr–Jun in Q2.
func TestLedger(t *testing.T) {
	r, _ := ParseRate("6")
	s, err := Compute(Terms{Principal: 1_200_000, AnnualRate: r, TermMonths: 5, Method: InterestOnly, Start: day("2025-01-15"), SubsidyShare: 500_000})
	if err != nil {
		t.Fatal(err)
	}
	// interest 1,200,000 × 0.5% = 6,000 a month, subsidy 3,000
	paid := map[int]Repayment{
		1: {N: 1, PaidOn: day("2025-02-15"), Amount: 6_000},
		2: {N: 2, PaidOn: day("2025-03-16"), Amount: 6_000},
		3: {N: 3, PaidOn: day("2025-04-10"), Amount: 5_999},
	}
	qs := Ledger(s, paid, day("2025-05-20"))
	if len(qs) != 2 || qs[0].Quarter != "2025年第1季度" || qs[0].Earned != 3_000 || qs[0].Lost != 3_000 ||
		qs[1].Earned != 0 || qs[1].Lost != 6_000 || qs[1].Pending != 3_000 {
		t.Fatalf("quarters: %+v", qs)
	}
	want := []struct {
		state SubsidyState
		says  string
	}{{SubsidyEarned, ""}, {SubsidyLost, "逾期还款：应于 2025-03-15 还款，实际 2025-03-16"}, {SubsidyLost, "还款不足：应还 60.00 元，实还 59.99 元"},
		{SubsidyLost, "到期未还款（应还日 2025-05-15）"}, {SubsidyPending, ""}}
	var lines []LedgerLine
	for _, q := range qs {
		lines = append(lines, q.Lines...)
	}
	for i, w := range want {
		if lines[i].State != w.state || lines[i].Reason != w.says {
			t.Errorf("period %d: %s %q, want %s %q", i+1, lines[i].State, lines[i].Reason, w.state, w.says)
		}
	}
	if err := (Repayment{N: 6, PaidOn: day("2025-06-01"), Amount: 1}).Validate(s, day("2025-05-20")); err == nil {
		t.Error("a sixth period and a future date accepted")
	}
}
