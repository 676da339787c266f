package demo

// 创业扶持 demo data: the district's 青创贷 since the programme began — 936
// applications and 27.47 million yuan lent, 84 applications and 2.52
// million yuan of them in 2024 — with three partner institutions and the
// decisions recorded, and the repayments of every period due so far: most
// in full on the day, a few late (losing that month's subsidy), a few not
// at all.

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// District figures of 青创贷 at Scale 1.
const (
	DistrictLoanApplications = 936
	DistrictLoansLentYuan    = 27_470_000
	DistrictLoans2024        = 84
	DistrictLent2024Yuan     = 2_520_000
	loansFirstYear           = 2018
)

const streamStartup = streamPosts + 30

// StartupCounts reports what the 创业扶持 generator wrote.
type StartupCounts struct {
	Banks, Applications, Approved, Repayments int
	LentFen                                   int64
}

var loanPurposes = []string{"开设社区烘焙店，购置烤箱和装修", "网店进货和仓储周转", "购置农机发展家庭农场", "开办托育机构的场地租金和装修",
	"汽车维修店购买设备", "直播电商团队的设备和流量投放", "餐饮门店扩张第二家店", "非遗手工作坊原材料采购"}

// generateStartup writes the partner banks and the loans.
func generateStartup(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (StartupCounts, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamStartup))
	var out StartupCounts
	sys := store.Actor{Role: "system"}
	for _, b := range []startup.Bank{{Name: "汉口银行东西湖支行", Kind: "bank"}, {Name: "武汉农村商业银行东西湖支行", Kind: "bank"},
		{Name: "武汉市创业担保中心", Kind: "guarantee"}} {
		if err := db.Startup().AddBank(ctx, sys, &b); err != nil {
			return out, fmt.Errorf("demo: banks: %w", err)
		}
		out.Banks++
	}
	banks, err := db.Startup().Banks(ctx, false)
	if err != nil {
		return out, err
	}
	// The printed bank account works for the first bank.
	if err := db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE users SET bank_id = ? WHERE role = ? AND bank_id IS NULL", banks[0].ID, "bank")
		return err
	}); err != nil {
		return out, fmt.Errorf("demo: bank account: %w", err)
	}
	n := max(1, int(math.Round(DistrictLoanApplications*opt.Scale)))
	n2024 := max(1, int(math.Round(DistrictLoans2024*opt.Scale)))
	persons, err := db.Registry().PersonsAfter(ctx, 0, n)
	if err != nil || len(persons) == 0 {
		return out, err
	}
	ents, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return out, err
	}
	lpr, _ := startup.ParseRate("3.1")
	var loans []*startup.Loan
	for i := range n {
		year := loansFirstYear + r.IntN(opt.Now.Year()-loansFirstYear+1)
		if i < n2024 {
			year = 2024
		} else if year == 2024 {
			year = 2023
		}
		created := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), 9, 0, 0, 0, time.UTC)
		if created.After(opt.Now) {
			created = opt.Now.AddDate(0, 0, -1-r.IntN(60))
		}
		l := &startup.Loan{Kind: startup.Person, Amount: int64(5+r.IntN(26)) * 1_000_000, TermMonths: []int{12, 24, 36}[r.IntN(3)],
			Purpose: loanPurposes[r.IntN(len(loanPurposes))], Business: "东西湖区创业项目：" + loanPurposes[r.IntN(len(loanPurposes))],
			Registered: r.IntN(3) > 0, PolicyID: "wh_cydb_geren", CreatedAt: created, UpdatedAt: created}
		if len(ents) > 0 && r.IntN(10) == 0 {
			l.Kind, l.EnterpriseID, l.PolicyID, l.TermMonths = startup.Enterprise, ents[r.IntN(len(ents))].ID, "hb_cydb_xiaowei", 24
			l.Amount = int64(50+r.IntN(200)) * 1_000_000
		} else {
			l.PersonID = persons[i%len(persons)].ID
		}
		loans = append(loans, l)
	}
	decideLoans(r, loans, banks, lpr, opt.Now, opt.Scale)
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertLoans(ctx, loans) }); err != nil {
		return out, fmt.Errorf("demo: loans: %w", err)
	}
	out.Applications = len(loans)
	for _, l := range loans {
		if l.Status == startup.LoanApproved {
			out.Approved++
			out.LentFen += l.ApprovedAmount
		}
	}
	if out.Repayments, err = writeRepayments(ctx, db, r, opt.Now); err != nil {
		return out, err
	}
	report(progress, "青创贷申请", out.Applications, n)
	return out, nil
}

// writeRepayments reports every approved loan's periods due by now.
func writeRepayments(ctx context.Context, db *store.DB, r *rand.Rand, now time.Time) (int, error) {
	ls, err := db.Startup().Loans(ctx, store.LoanFilter{Status: startup.LoanApproved, Limit: -1})
	if err != nil {
		return 0, err
	}
	var rs []startup.Repayment
	for _, l := range ls {
		s, err := startup.Compute(l.ApprovedTerms())
		if err != nil {
			return 0, fmt.Errorf("demo: loan %d: %w", l.ID, err)
		}
		for _, p := range s.Periods {
			if !p.Due.Before(now) {
				break
			}
			rep := startup.Repayment{LoanID: l.ID, N: p.N, PaidOn: p.Due.AddDate(0, 0, -r.IntN(5)), Amount: p.Payment}
			switch k := r.IntN(100); {
			case k < 3:
				continue // not repaid
			case k < 8:
				rep.PaidOn = p.Due.AddDate(0, 0, 1+r.IntN(20))
				if rep.PaidOn.After(now) {
					continue
				}
			}
			rs = append(rs, rep)
		}
	}
	if len(rs) == 0 {
		return 0, nil
	}
	err = db.Startup().RecordRepayments(ctx, store.Actor{Role: "system"}, rs, fmt.Sprintf("演示数据：银行还款报送 %d 期", len(rs)))
	return len(rs), err
}

// decideLoans gives the applications their ends: the last weeks' still
// waiting or with a bank; earlier ones mostly approved, with the approved
// amounts scaled so the district's totals hold (27.47 million yuan lent,
// 2.52 million of it in 2024, at scale 1).
func decideLoans(r *rand.Rand, loans []*startup.Loan, banks []startup.Bank, lpr startup.Rate, now time.Time, scale float64) {
	var approved2024, approvedOther []*startup.Loan
	for _, l := range loans {
		age := now.Sub(l.CreatedAt)
		switch k := r.IntN(20); {
		case age < 30*24*time.Hour && k < 10:
			l.Status = startup.LoanSubmitted
		case age < 60*24*time.Hour && k < 16:
			l.Status, l.BankID = startup.LoanReferred, banks[r.IntN(len(banks))].ID
		case k < 13:
			l.Status, l.BankID = startup.LoanApproved, banks[r.IntN(len(banks))].ID
			l.AnnualRate = lpr + startup.Rate(r.IntN(4))*250_000
			l.LPR, l.Method, l.DecisionTerm = lpr, startup.Methods[r.IntN(3)], l.TermMonths
			l.StartDate = time.Date(l.CreatedAt.Year(), l.CreatedAt.Month(), l.CreatedAt.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 20+r.IntN(20))
			if l.CreatedAt.Year() == 2024 {
				approved2024 = append(approved2024, l)
			} else {
				approvedOther = append(approvedOther, l)
			}
		case k < 16:
			l.Status, l.BankID, l.Reason = startup.LoanDeclined, banks[r.IntN(len(banks))].ID, "经营流水不足，暂不符合放款条件"
		case k < 18:
			l.Status, l.Reason = startup.LoanRejected, "已在他人创办的企业参加养老保险，不符合申请条件"
		default:
			l.Status = startup.LoanWithdrawn
		}
		l.UpdatedAt = l.CreatedAt.AddDate(0, 0, 7+r.IntN(30))
		if l.UpdatedAt.After(now) {
			l.UpdatedAt = now
		}
	}
	lend(approved2024, int64(math.Round(DistrictLent2024Yuan*scale))*100)
	lend(approvedOther, int64(math.Round((DistrictLoansLentYuan-DistrictLent2024Yuan)*scale))*100)
}

// lend sets approved amounts proportional to the amounts asked so they add
// up to total fen (in whole yuan hundreds, the last taking the rest).
func lend(ls []*startup.Loan, total int64) {
	if len(ls) == 0 {
		return
	}
	var asked int64
	for _, l := range ls {
		asked += l.Amount
	}
	var sum int64
	for i, l := range ls {
		if i == len(ls)-1 {
			l.ApprovedAmount = total - sum
		} else {
			l.ApprovedAmount = max(total*l.Amount/asked/10_000*10_000, 10_000)
		}
		sum += l.ApprovedAmount
		l.Amount = max(l.Amount, l.ApprovedAmount) // never lent more than asked
	}
}
