// Package startup is 创业扶持: 青创贷 loans and their interest subsidy,
// start-up project funding, and 青创园 incubators. It holds types,
// validation and pure rules; no I/O.
package startup

// The repayment schedule of a loan and the treasury's interest subsidy per
// period, to the fen. Amounts are integers in fen; rates are exact decimal
// percentages held as millionths of a percent, so no figure depends on
// floating point: the monthly rate is the annual rate / 12, each period's
// interest is rounded half-up to the fen, the last period absorbs the
// principal's rounding, and due dates fall on the start's day of each
// following month, clamped to the month's end.

import (
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// Method is how a loan is repaid.
type Method string

// The repayment methods.
const (
	EqualInstallment Method = "equal_installment"                 // 等额本息
	EqualPrincipal   Method = "equal_principal"                   // 等额本金
	InterestOnly     Method = "interest_monthly_principal_at_end" // 按月付息、到期还本
)

// Methods lists every method in display order.
var Methods = []Method{InterestOnly, EqualInstallment, EqualPrincipal}

// Label is the method's Chinese name.
func (m Method) Label() string {
	switch m {
	case EqualInstallment:
		return "等额本息"
	case EqualPrincipal:
		return "等额本金"
	case InterestOnly:
		return "按月付息、到期还本"
	}
	return string(m)
}

// Valid reports whether m is a known method.
func (m Method) Valid() bool {
	return m == EqualInstallment || m == EqualPrincipal || m == InterestOnly
}

// Rate is an annual rate in millionths of a percent: 3.45% is 3_450_000.
type Rate int64

// RateUnit is one percent.
const RateUnit Rate = 1_000_000

// MaxRate is the highest annual rate a loan may carry (24%, the ceiling
// courts protect).
const MaxRate = 24 * RateUnit

// ParseRate reads a percentage such as "3.45" (at most six decimals).
func ParseRate(s string) (Rate, bool) {
	n, ok := parseMillionths(s)
	return Rate(n), ok
}

// String is the rate as a percentage: "3.45%".
func (r Rate) String() string { return formatMillionths(int64(r)) + "%" }

// Share is a fraction in millionths: 50% is 500_000.
type Share int64

// ShareUnit is the whole (100%).
const ShareUnit Share = 1_000_000

// ParseShare reads a fraction such as "0.5".
func ParseShare(s string) (Share, bool) {
	n, ok := parseMillionths(s)
	return Share(n), ok
}

// Fraction is the share as a decimal fraction: "0.5".
func (s Share) Fraction() string { return formatMillionths(int64(s)) }

// String is the share as a percentage: "50%".
func (s Share) String() string { return formatMillionths(int64(s)*100) + "%" }

// Limits of a schedule.
const (
	MaxTermMonths = 120            // ten years: the longest term the calculator accepts
	MaxPrincipal  = 30_000_000_000 // fen: 3 亿 yuan, far above any 青创贷 (the per-applicant caps are the policy's)
)

// Terms are what a schedule is computed from.
type Terms struct {
	Principal  int64 // fen
	AnnualRate Rate
	TermMonths int
	Method     Method
	Start      time.Time // the loan's start date (UTC midnight)

	SubsidyShare Share // the treasury's share of the interest (50%)
	// SubsidyRateCap caps the rate the subsidy is computed at (LPR − 150
	// bp, say); 0 means no cap.
	SubsidyRateCap Rate
	// BorrowerRate is the part of the rate the borrower bears whatever the
	// subsidy (武汉: LPR − 150 bp); the subsidy covers the rate above it up
	// to the cap. 0: the subsidy starts from nothing.
	BorrowerRate Rate
	// MaxSubsidisedPrincipal limits the principal the subsidy covers (0:
	// all of it); a larger loan is subsidised pro rata.
	MaxSubsidisedPrincipal int64
	// SubsidyMonths is how many periods from the start are subsidised (0:
	// the whole term).
	SubsidyMonths int
}

// Validate checks terms before a schedule is computed; field names are the
// API's.
func (t Terms) Validate() error {
	var f apperr.Fields
	switch {
	case t.Principal <= 0:
		f.Add("principal", "请填写贷款金额")
	case t.Principal > MaxPrincipal:
		f.Add("principal", "贷款金额过大")
	}
	if t.AnnualRate < 0 || t.AnnualRate > MaxRate {
		f.Add("annual_rate", "年利率应在 0 到 24% 之间")
	}
	if t.TermMonths < 1 || t.TermMonths > MaxTermMonths {
		f.Add("term_months", "贷款期限应在 1 到 "+strconv.Itoa(MaxTermMonths)+" 个月之间")
	}
	if !t.Method.Valid() {
		f.Add("method", "请选择还款方式：等额本息、等额本金或按月付息到期还本")
	}
	if t.Start.IsZero() {
		f.Add("start_date", "请填写放款日期")
	}
	if t.SubsidyShare < 0 || t.SubsidyShare > ShareUnit {
		f.Add("subsidy_share", "贴息比例应在 0 到 1 之间（50% 填 0.5）")
	}
	if t.SubsidyRateCap < 0 || t.SubsidyRateCap > MaxRate {
		f.Add("subsidy_rate_cap", "贴息利率上限应在 0 到 24% 之间")
	}
	if t.BorrowerRate < 0 || t.BorrowerRate > MaxRate {
		f.Add("borrower_rate", "借款人自担利率应在 0 到 24% 之间")
	}
	if t.MaxSubsidisedPrincipal < 0 {
		f.Add("max_subsidised_principal", "贴息本金上限不能为负")
	}
	if t.SubsidyMonths < 0 || t.SubsidyMonths > MaxTermMonths {
		f.Add("subsidy_months", "贴息期限应在 0 到 "+strconv.Itoa(MaxTermMonths)+" 个月之间")
	}
	return f.Err()
}

// Period is one repayment period.
type Period struct {
	N         int
	Due       time.Time
	Principal int64 // fen repaid
	Interest  int64 // fen of interest
	Payment   int64 // Principal + Interest
	Subsidy   int64 // fen the treasury pays of this period's interest
	Balance   int64 // fen still owed after this period
}

// Schedule is a loan's repayment schedule with its subsidy.
type Schedule struct {
	Terms         Terms
	Periods       []Period
	TotalInterest int64
	TotalSubsidy  int64
	TotalPayment  int64
	SubsidyRate   Rate // the rate the subsidy is computed at: min(rate, cap) − the borrower's part, at least 0
}

// Compute works out the schedule of t, which must be valid.
func Compute(t Terms) (*Schedule, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	s := &Schedule{Terms: t, Periods: make([]Period, 0, t.TermMonths), SubsidyRate: t.AnnualRate}
	if t.SubsidyRateCap > 0 && t.SubsidyRateCap < s.SubsidyRate {
		s.SubsidyRate = t.SubsidyRateCap
	}
	s.SubsidyRate = max(s.SubsidyRate-t.BorrowerRate, 0)
	subsidyMonths := t.SubsidyMonths
	if subsidyMonths == 0 {
		subsidyMonths = t.TermMonths
	}
	payment := int64(0)
	switch t.Method {
	case EqualInstallment:
		payment = installment(t.Principal, t.AnnualRate, t.TermMonths)
	case EqualPrincipal:
		payment = divRound(t.Principal, int64(t.TermMonths)) // the principal part; the last period absorbs the rounding
	}
	balance := t.Principal
	for n := 1; n <= t.TermMonths; n++ {
		p := Period{N: n, Due: AddMonths(t.Start, n), Interest: monthlyInterest(balance, t.AnnualRate)}
		switch {
		case n == t.TermMonths:
			p.Principal = balance
		case t.Method == EqualInstallment:
			p.Principal = min(max(payment-p.Interest, 0), balance)
		case t.Method == EqualPrincipal:
			p.Principal = min(payment, balance)
		}
		if n <= subsidyMonths {
			p.Subsidy = subsidy(balance, t, s.SubsidyRate)
		}
		balance -= p.Principal
		p.Payment, p.Balance = p.Principal+p.Interest, balance
		s.TotalInterest += p.Interest
		s.TotalSubsidy += p.Subsidy
		s.TotalPayment += p.Payment
		s.Periods = append(s.Periods, p)
	}
	return s, nil
}

// monthlyInterest is balance × rate / 12, rounded half-up to the fen.
func monthlyInterest(balance int64, r Rate) int64 {
	// rate is millionths of a percent: / 100 / 1e6 / 12 = / 1.2e9
	return mulDivRound(balance, int64(r), 1_200_000_000)
}

// subsidy is the treasury's part of a period's interest: the subsidised
// balance (pro rata when the loan exceeds the subsidised principal) × the
// subsidy rate / 12 × the share, rounded half-up to the fen.
func subsidy(balance int64, t Terms, rate Rate) int64 {
	const den = 1_200_000_000 * int64(ShareUnit) // / 100 / 1e6 / 12 for the rate, / 1e6 for the share
	if t.MaxSubsidisedPrincipal > 0 && t.MaxSubsidisedPrincipal < t.Principal {
		num := new(big.Int).Mul(big.NewInt(balance), big.NewInt(int64(rate)))
		num.Mul(num, big.NewInt(int64(t.SubsidyShare)))
		num.Mul(num, big.NewInt(t.MaxSubsidisedPrincipal))
		return ratRound(num, new(big.Int).Mul(big.NewInt(den), big.NewInt(t.Principal)))
	}
	// balance × rate fits 63 bits (≤ 3e10 fen × 2.4e7); × share needs 128.
	hi, lo := bits.Mul64(uint64(balance)*uint64(rate), uint64(t.SubsidyShare))
	q, r := bits.Div64(hi, lo, uint64(den))
	if 2*r >= uint64(den) {
		q++
	}
	return int64(q)
}

// installment is the level payment of an 等额本息 loan, rounded half-up to
// the fen: P·r·(1+r)ⁿ / ((1+r)ⁿ − 1) with r = R/D the monthly rate,
// computed exactly in integers as P·R·(D+R)ⁿ / (D·((D+R)ⁿ − Dⁿ)); P/n when
// the rate is 0.
func installment(principal int64, r Rate, n int) int64 {
	if r == 0 {
		return divRound(principal, int64(n))
	}
	d, rr := big.NewInt(1_200_000_000), big.NewInt(int64(r))
	exp := big.NewInt(int64(n))
	a := new(big.Int).Exp(new(big.Int).Add(d, rr), exp, nil) // (D+R)ⁿ
	b := new(big.Int).Exp(d, exp, nil)                       // Dⁿ
	num := new(big.Int).Mul(big.NewInt(principal), rr)
	num.Mul(num, a)
	den := new(big.Int).Sub(a, b)
	den.Mul(den, d)
	return ratRound(num, den)
}

// mulDivRound is a·b/c rounded half-up, for non-negative a, b and positive
// c with a·b below 2⁶² (a balance in fen times a rate in millionths of a
// percent is below 7.2e17).
func mulDivRound(a, b, c int64) int64 { return (2*a*b + c) / (2 * c) }

// divRound is a/b rounded half-up (a ≥ 0, b > 0).
func divRound(a, b int64) int64 { return (2*a + b) / (2 * b) }

// ratRound rounds num/den (num ≥ 0, den > 0) half-up to an integer.
func ratRound(num, den *big.Int) int64 {
	n := new(big.Int).Lsh(num, 1)
	n.Add(n, den)
	d := new(big.Int).Lsh(den, 1)
	return n.Quo(n, d).Int64()
}

// AddMonths is the date n months after d on d's day, clamped to the end of
// a shorter month (31 January + 1 month = 29 February in a leap year).
func AddMonths(d time.Time, n int) time.Time {
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(day, last), 0, 0, 0, 0, time.UTC)
}

// Quarter is the subsidy of one calendar quarter: what the treasury pays
// after the quarter's periods were repaid on time.
type Quarter struct {
	Label   string // 2025年第1季度
	Subsidy int64
	Periods int
}

// Quarters sums the schedule's subsidies by the calendar quarter of their
// due dates, in order: the way the subsidy is paid.
func (s *Schedule) Quarters() []Quarter {
	var out []Quarter
	key := ""
	for _, p := range s.Periods {
		if p.Subsidy == 0 {
			continue
		}
		k := QuarterOf(p.Due)
		if k != key {
			out = append(out, Quarter{Label: k})
			key = k
		}
		q := &out[len(out)-1]
		q.Subsidy += p.Subsidy
		q.Periods++
	}
	return out
}

// parseMillionths reads a non-negative decimal with at most six decimals
// as millionths ("3.45" → 3_450_000).
func parseMillionths(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(frac) > 6 || len(whole) > 6 {
		return 0, false
	}
	if whole == "" {
		whole = "0"
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
	}
	return w*1_000_000 + f, true
}

// formatMillionths writes millionths as a decimal without trailing zeros.
func formatMillionths(n int64) string {
	s := strconv.FormatInt(n/1_000_000, 10)
	if f := n % 1_000_000; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(1_000_000+f, 10)[1:], "0")
	}
	return s
}

// Yuan writes fen as yuan with two decimals: 123456 → "1,234.56".
func Yuan(fen int64) string {
	neg := fen < 0
	if neg {
		fen = -fen
	}
	y := strconv.FormatInt(fen/100, 10)
	var b strings.Builder
	for i, r := range y {
		if i > 0 && (len(y)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + strconv.FormatInt(100+fen%100, 10)[1:]
	if neg {
		out = "-" + out
	}
	return out
}

// Explain says how the schedule's figures were computed, in the order a
// borrower reads them.
func (s *Schedule) Explain() []string {
	t := s.Terms
	out := []string{
		"贷款 " + Yuan(t.Principal) + " 元，年利率 " + t.AnnualRate.String() + "，月利率 = 年利率 ÷ 12，期限 " + strconv.Itoa(t.TermMonths) + " 个月，" + t.Method.Label() + "。",
		"每期利息 = 上期末未还本金 × 月利率，四舍五入到分；最后一期还清剩余本金（吸收各期本金的尾差）。",
	}
	switch t.Method {
	case EqualInstallment:
		out = append(out, "等额本息：每期还款额 = 本金 × 月利率 × (1+月利率)^期数 ÷ ((1+月利率)^期数 − 1) = "+Yuan(s.Periods[0].Payment)+" 元，其中本金 = 还款额 − 当期利息。")
	case EqualPrincipal:
		out = append(out, "等额本金：每期归还本金 = 本金 ÷ 期数 = "+Yuan(s.Periods[0].Principal)+" 元，利息随本金减少逐期下降。")
	case InterestOnly:
		out = append(out, "按月付息、到期还本：每月只付利息，最后一期连同本金一次还清。")
	}
	out = append(out, "还款日为放款日之后每月的同一天，遇到没有这一天的月份取当月最后一天。")
	if t.SubsidyShare > 0 {
		sub := "财政贴息 = 未还本金 × 贴息利率 ÷ 12 × 贴息比例 " + t.SubsidyShare.String() + "，四舍五入到分；贴息利率 = " + s.SubsidyRate.String()
		if t.SubsidyRateCap > 0 && t.SubsidyRateCap < t.AnnualRate {
			sub += "（实际利率 " + t.AnnualRate.String() + " 高于贴息利率上限 " + t.SubsidyRateCap.String() + "，按上限计算）"
		}
		if t.BorrowerRate > 0 {
			sub += "（借款人自担 " + t.BorrowerRate.String() + "，财政只贴其上的部分）"
		}
		out = append(out, sub+"。")
		if t.MaxSubsidisedPrincipal > 0 && t.MaxSubsidisedPrincipal < t.Principal {
			out = append(out, "贴息只覆盖 "+Yuan(t.MaxSubsidisedPrincipal)+" 元本金，按其占贷款本金的比例计算。")
		}
		if t.SubsidyMonths > 0 && t.SubsidyMonths < t.TermMonths {
			out = append(out, "贴息期限为前 "+strconv.Itoa(t.SubsidyMonths)+" 个月。")
		}
		out = append(out, "贴息按季度拨付，只计按时还款的月份；逾期的月份没有贴息。")
	}
	return out
}
