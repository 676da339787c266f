package api

// 创业扶持 endpoints: the 青创贷 repayment schedule and interest subsidy.

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
)

type startupAPI struct {
	base
	startup *app.Startup
}

type periodView struct {
	N         int    `json:"n"`
	DueDate   string `json:"due_date"`
	Principal int64  `json:"principal"`
	Interest  int64  `json:"interest"`
	Payment   int64  `json:"payment"`
	Subsidy   int64  `json:"subsidy"`
	Balance   int64  `json:"balance"`
}

type quarterView struct {
	Quarter string `json:"quarter"`
	Subsidy int64  `json:"subsidy"`
	Periods int    `json:"periods"`
}

// scheduleJSON is a schedule with every amount in fen.
func scheduleJSON(s *startup.Schedule) map[string]any {
	periods := make([]periodView, 0, len(s.Periods))
	for _, p := range s.Periods {
		periods = append(periods, periodView{N: p.N, DueDate: p.Due.Format(time.DateOnly), Principal: p.Principal, Interest: p.Interest,
			Payment: p.Payment, Subsidy: p.Subsidy, Balance: p.Balance})
	}
	quarters := []quarterView{}
	for _, q := range s.Quarters() {
		quarters = append(quarters, quarterView{Quarter: q.Label, Subsidy: q.Subsidy, Periods: q.Periods})
	}
	return map[string]any{"periods": periods, "total_interest": s.TotalInterest, "total_subsidy": s.TotalSubsidy,
		"total_payment": s.TotalPayment, "subsidy_rate": s.SubsidyRate.String(), "quarters": quarters, "explain": s.Explain(),
		"unit": "fen"}
}

func (h *startupAPI) schedule(w http.ResponseWriter, r *http.Request) {
	var in app.ScheduleInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.startup.LoanSchedule(in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, scheduleJSON(s))
}

type loanView struct {
	ID             int64  `json:"id"`
	Kind           string `json:"kind"`
	PersonID       int64  `json:"person_id,omitempty"`
	EnterpriseID   int64  `json:"enterprise_id,omitempty"`
	ApplicantName  string `json:"applicant_name"`
	PolicyID       string `json:"policy_id"`
	Amount         int64  `json:"amount"`
	TermMonths     int    `json:"term_months"`
	Purpose        string `json:"purpose"`
	Business       string `json:"business"`
	Registered     bool   `json:"registered"`
	Guarantee      string `json:"guarantee,omitempty"`
	Status         string `json:"status"`
	StatusLabel    string `json:"status_label"`
	BankID         int64  `json:"bank_id,omitempty"`
	BankName       string `json:"bank_name,omitempty"`
	Reason         string `json:"reason,omitempty"`
	ApprovedAmount int64  `json:"approved_amount,omitempty"`
	AnnualRate     string `json:"annual_rate,omitempty"`
	LPR            string `json:"lpr,omitempty"`
	Method         string `json:"method,omitempty"`
	DecisionTerm   int    `json:"decision_term,omitempty"`
	StartDate      string `json:"start_date,omitempty"`
	CreatedAt      string `json:"created_at"`
}

func loanJSON(l *startup.Loan) loanView {
	v := loanView{ID: l.ID, Kind: string(l.Kind), PersonID: l.PersonID, EnterpriseID: l.EnterpriseID, ApplicantName: l.ApplicantName,
		PolicyID: l.PolicyID, Amount: l.Amount, TermMonths: l.TermMonths, Purpose: l.Purpose, Business: l.Business, Registered: l.Registered,
		Guarantee: l.Guarantee, Status: string(l.Status), StatusLabel: l.Status.Label(), BankID: l.BankID, BankName: l.BankName,
		Reason: l.Reason, CreatedAt: ts(l.CreatedAt)}
	if l.Status == startup.LoanApproved {
		v.ApprovedAmount, v.AnnualRate, v.LPR, v.Method, v.DecisionTerm = l.ApprovedAmount, l.AnnualRate.String(), l.LPR.String(), string(l.Method), l.DecisionTerm
		v.StartDate = l.StartDate.Format(time.DateOnly)
	}
	return v
}

func loansJSON(ls []*startup.Loan) []loanView {
	out := make([]loanView, 0, len(ls))
	for _, l := range ls {
		out = append(out, loanJSON(l))
	}
	return out
}

func (h *startupAPI) applyLoan(w http.ResponseWriter, r *http.Request) {
	in, files, done, err := readLoan(r)
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.startup.ApplyLoan(r.Context(), httpx.Actor(r), in, files)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, loanJSON(l))
}

// readLoan accepts JSON or multipart/form-data with the same fields
// (amount in fen) and "materials" files.
func readLoan(r *http.Request) (app.LoanInput, []app.UploadFile, func(), error) {
	var in app.LoanInput
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return in, nil, func() {}, Decode(r.Body, &in)
	}
	files, done, err := httpx.ReadFiles(r, "materials", app.MaterialsTooLarge())
	in.Amount, _ = strconv.ParseInt(strings.TrimSpace(r.FormValue("amount")), 10, 64) // not a number: 0, refused as no amount
	in.TermMonths, _ = strconv.Atoi(strings.TrimSpace(r.FormValue("term_months")))
	in.Purpose, in.Business, in.Guarantee = r.FormValue("purpose"), r.FormValue("business"), r.FormValue("guarantee")
	in.Registered = r.FormValue("registered") == "true"
	return in, files, done, err
}

func (h *startupAPI) loan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.startup.Loan(r.Context(), httpx.Actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := map[string]any{"loan": loanJSON(v.Loan), "eligible": v.Eligible != nil, "reasons": []string{}}
	if v.Eligible != nil {
		out["reasons"] = nonNil(v.Eligible.Reasons)
	} else if v.Missing != nil {
		var why []string
		for _, f := range v.Missing.Failed {
			why = append(why, f.Reason)
		}
		out["reasons"] = nonNil(why)
	}
	if v.Schedule != nil {
		out["schedule"] = scheduleJSON(v.Schedule)
		out["ledger"] = ledgerJSON(v.Ledger, v.Claims)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *startupAPI) myLoans(w http.ResponseWriter, r *http.Request) {
	ls, err := h.startup.MyLoans(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": loansJSON(ls)})
}

func (h *startupAPI) queue(w http.ResponseWriter, r *http.Request) {
	ls, err := h.startup.LoanQueue(r.Context(), httpx.Actor(r), r.URL.Query().Get("status"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": loansJSON(ls)})
}

func (h *startupAPI) handleLoan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.LoanActionInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.startup.HandleLoan(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, loanJSON(l))
}

func (h *startupAPI) withdrawLoan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.startup.WithdrawLoan(r.Context(), httpx.Actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": string(startup.LoanWithdrawn)})
}

type bankInput struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // bank | guarantee
}

func (h *startupAPI) banks(w http.ResponseWriter, r *http.Request) {
	bs, err := h.startup.Banks(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, b := range bs {
		out = append(out, map[string]any{"id": b.ID, "name": b.Name, "kind": b.Kind})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (h *startupAPI) addBank(w http.ResponseWriter, r *http.Request) {
	var in bankInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.startup.AddBank(r.Context(), httpx.Actor(r), in.Name, in.Kind)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": b.ID, "name": b.Name, "kind": b.Kind})
}

func (h *startupAPI) recordRepayment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in app.RepaymentInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.startup.RecordRepayment(r.Context(), httpx.Actor(r), id, in); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"loan_id": id, "period": in.Period})
}

// ledgerJSON is the subsidy ledger by quarter, in fen.
// A quarter worked out for payment names its application and payout.
func ledgerJSON(qs []startup.QuarterLedger, claims map[string]*policy.Application) []map[string]any {
	out := []map[string]any{}
	for _, q := range qs {
		lines := []map[string]any{}
		for _, l := range q.Lines {
			m := map[string]any{"n": l.Period.N, "due_date": l.Period.Due.Format(time.DateOnly), "subsidy": l.Period.Subsidy,
				"state": string(l.State), "reason": l.Reason}
			if l.Paid != nil {
				m["paid_on"], m["paid"] = l.Paid.PaidOn.Format(time.DateOnly), l.Paid.Amount
			}
			lines = append(lines, m)
		}
		m := map[string]any{"quarter": q.Quarter, "key": q.Key, "earned": q.Earned, "lost": q.Lost, "pending": q.Pending, "periods": lines}
		if c := claims[q.Key]; c != nil {
			m["application_id"], m["application_status"] = c.ID, string(c.Status)
			if c.Payout != nil {
				m["paid_on"], m["batch"] = c.Payout.PaidOn.Format(time.DateOnly), c.Payout.Batch
			}
		}
		out = append(out, m)
	}
	return out
}

// quarterInput names an ended quarter: 2026Q1.
type quarterInput struct {
	Quarter string `json:"quarter"`
}

func (h *startupAPI) claimSubsidies(w http.ResponseWriter, r *http.Request) {
	var in quarterInput
	if err := Decode(r.Body, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.startup.ClaimSubsidies(r.Context(), httpx.Actor(r), in.Quarter)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"quarter": res.Quarter, "loans": res.Loans, "created": res.Created,
		"already": res.Already, "none": res.None, "total": res.Total})
}

func (h *startupAPI) importRepayments(w http.ResponseWriter, r *http.Request) {
	name, body, done, err := uploadedFile(w, r, "file", "repayments", app.MaxRepaymentBytes+1<<20, "文件不能超过 5 MB")
	defer done()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	run, err := h.startup.ImportRepayments(r.Context(), httpx.Actor(r), name, body)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	errs := []map[string]any{}
	for _, e := range run.Errors {
		errs = append(errs, map[string]any{"row": e.Row, "column": e.Column, "reason": e.Reason})
	}
	writeJSON(w, http.StatusCreated, map[string]any{"total": run.Total, "saved": run.Saved, "failed": run.Failed, "errors": errs})
}
