package web

// 创业扶持 pages: the 青创贷 calculator — a borrower types the amount and the
// term and sees what they repay each month, what the treasury pays back
// each quarter, what the loan costs them after the subsidy, and how every
// figure was computed.

import (
	"net/http"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/startup"
)

type startupPages struct {
	*site
	startup    *app.Startup
	funding    *app.Funding    // the 我想创业 page lists the open calls
	training   *app.Training   // and the start-up training classes
	activities *app.Activities // and the mentors' office hours
}

type loanCalcData struct {
	Methods  []startup.Method
	Terms    []int
	S        *startup.Schedule
	Quarters []startup.Quarter
	Explain  []string
	// FirstNet is the first period's payment less its subsidy: what the
	// month costs once the subsidy is paid back.
	FirstNet    int64
	NetInterest int64 // total interest less total subsidy
	Yuan        func(int64) string
}

var loanCalcFields = []string{"amount", "term_months", "method", "annual_rate", "subsidy_share_pct", "subsidy_rate_cap", "borrower_rate", "start_date"}

// loanCalculator shows the calculator, and the schedule when the form was sent.
func (h *startupPages) loanCalculator(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lpr, err := h.startup.LatestLPR(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Wuhan's rule to start from, as an approved loan's terms: the bank at
	// the cap LPR + 150 bp, the borrower bearing LPR − 150 bp, the treasury
	// all the rest.
	rate := func(r startup.Rate) string { return strings.TrimSuffix(r.String(), "%") }
	form := map[string]string{"amount": "200000", "term_months": "36", "method": string(startup.EqualInstallment),
		"annual_rate": rate(lpr + startup.WuhanBorrowerSpread), "subsidy_rate_cap": rate(lpr + startup.WuhanBorrowerSpread),
		"borrower_rate": rate(max(lpr-startup.WuhanBorrowerSpread, 0)), "subsidy_share_pct": "100",
		"start_date": chinatime.Today(h.now()).Format(time.DateOnly)}
	sent := q.Get("amount") != ""
	if sent {
		for _, k := range loanCalcFields {
			form[k] = q.Get(k)
		}
	}
	d := &loanCalcData{Methods: startup.Methods, Terms: []int{12, 24, 36, 60}, Yuan: startup.Yuan}
	page := &Page{Title: "青创贷计算器", Nav: "policies", Form: form, Data: d}
	if !sent {
		h.render(w, r, http.StatusOK, "startup_loan", page)
		return
	}
	in, f := loanInputOf(form)
	s, err := h.startup.LoanSchedule(in)
	if err == nil && len(f) > 0 {
		err = f.Err()
	} else if err != nil && len(f) > 0 {
		mergeFormFields(err, f)
	}
	if err != nil {
		if e := asFields(err); e != nil {
			for from, to := range map[string]string{"principal": "amount", "subsidy_share": "subsidy_share_pct"} {
				if _, typed := e[to]; !typed && e[from] != "" {
					e[to] = e[from] // the form's own message (not a number) says more
				}
			}
		}
		h.formFail(w, r, "startup_loan", page, err)
		return
	}
	d.S, d.Quarters, d.Explain = s, s.Quarters(), s.Explain()
	d.FirstNet = s.Periods[0].Payment - s.Periods[0].Subsidy
	d.NetInterest = s.TotalInterest - s.TotalSubsidy
	h.render(w, r, http.StatusOK, "startup_loan", page)
}

// loanInputOf reads the calculator's form: the amount in yuan and the
// share in percent, as a person says them.
func loanInputOf(form map[string]string) (app.ScheduleInput, apperr.Fields) {
	var f apperr.Fields
	in := app.ScheduleInput{Method: form["method"], StartDate: form["start_date"]}
	fen, ok := gigs.ParseYuan(form["amount"]) // yuan with at most two decimals, as gig pay is typed
	if !ok {
		f.Add("amount", "请填写贷款金额（元），如 200000")
	}
	in.Principal = fen
	in.TermMonths = formInt(&f, form, "term_months", "请选择贷款期限")
	in.AnnualRate = jsonNumber(form["annual_rate"])
	in.SubsidyRateCap = jsonNumber(form["subsidy_rate_cap"])
	in.BorrowerRate = jsonNumber(form["borrower_rate"])
	if p := form["subsidy_share_pct"]; p != "" {
		pct, ok := startup.ParseRate(p) // a percentage: 50 → a share of 0.5
		if !ok || pct > startup.RateUnit*100 || pct%100 != 0 {
			f.Add("subsidy_share_pct", "贴息比例应为 0 到 100 之间的百分数，最多四位小数")
		}
		in.SubsidyShare = jsonNumber(startup.Share(pct / 100).Fraction())
	}
	return in, f
}
