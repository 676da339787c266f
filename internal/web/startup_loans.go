package web

// 青创贷 pages: the application form, the applicant's list and the
// application page (status, the policy engine's verdict, the schedule once
// approved, withdraw), and for staff the queue and the handling forms
// (refer to a bank, refuse, record the bank's decision).

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/httpx"
	"github.com/jiuye/jiuye/internal/startup"
)

type loanFormData struct {
	Caps     startup.Caps
	Terms    []int
	MaxFiles int
	Yuan     func(int64) string
}

var loanFormFields = []string{"amount", "term_months", "purpose", "business", "registered", "guarantee"}

func (h *startupPages) loanFormPage(r *http.Request, form map[string]string) (*Page, error) {
	a := httpx.Actor(r)
	kind := startup.Person
	if account.IsEmployer(a.User) {
		kind = startup.Enterprise
	}
	caps, err := h.startup.LoanCaps(r.Context(), kind)
	if err != nil {
		return nil, err
	}
	d := &loanFormData{Caps: caps, Terms: []int{6, 12, 18, 24, 36}, MaxFiles: app.MaxUploadFiles, Yuan: startup.Yuan}
	if form == nil {
		form = map[string]string{"term_months": "36"}
	}
	return &Page{Title: "申请青创贷", Nav: "me", Form: form, Data: d}, nil
}

// newLoan is the application form.
func (h *startupPages) newLoan(w http.ResponseWriter, r *http.Request) {
	page, err := h.loanFormPage(r, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_loan_new", page)
}

// applyLoan files the application.
func (h *startupPages) applyLoan(w http.ResponseWriter, r *http.Request) {
	files, done, ferr := httpx.ReadFiles(r, "materials", app.MaterialsTooLarge())
	defer done()
	form := formValues(r, loanFormFields...)
	form["purpose"], form["business"] = r.PostFormValue("purpose"), r.PostFormValue("business")
	var f apperr.Fields
	fen, ok := gigs.ParseYuan(form["amount"])
	if !ok {
		f.Add("amount", "请填写贷款金额（元），如 200000")
	}
	in := app.LoanInput{Amount: fen, TermMonths: formInt(&f, form, "term_months", "请选择贷款期限"), Purpose: form["purpose"],
		Business: form["business"], Registered: form["registered"] == "true", Guarantee: form["guarantee"]}
	var l *startup.Loan
	err := ferr
	if err == nil {
		l, err = h.startup.ApplyLoan(r.Context(), httpx.Actor(r), in, files)
	}
	if err == nil && len(f) > 0 {
		err = f.Err() // cannot happen: an unparsed amount is 0, which the app refuses
	} else if err != nil {
		mergeFormFields(err, f)
	}
	if err != nil {
		h.failOnPage(w, r, "startup_loan_new", err, form, func() (*Page, error) { return h.loanFormPage(r, form) })
		return
	}
	http.Redirect(w, r, "/startup/loans/"+strconv.FormatInt(l.ID, 10)+"?done=applied", http.StatusSeeOther)
}

// myLoans lists the applicant's applications.
func (h *startupPages) myLoans(w http.ResponseWriter, r *http.Request) {
	ls, err := h.startup.MyLoans(r.Context(), httpx.Actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_loans_mine", &Page{Title: "我的青创贷", Nav: "me", Data: &loanQueueData{Loans: ls, Yuan: startup.Yuan}})
}

type loanPageData struct {
	V        *app.LoanView
	Staff    bool
	Bank     bool // the user works for the bank the loan was referred to
	Owner    bool
	Banks    []startup.Bank
	Methods  []startup.Method
	Quarters []startup.Quarter
	Explain  []string
	Yuan     func(int64) string
	Money    func(float64) string // a stored payout amount
}

func (h *startupPages) loanPage(r *http.Request, id int64) (*Page, error) {
	a := httpx.Actor(r)
	v, err := h.startup.Loan(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	d := &loanPageData{V: v, Staff: account.CanHandleLoans(a.User), Methods: startup.Methods, Yuan: startup.Yuan, Money: fmtYuan}
	d.Bank = account.IsLoanBank(a.User, v.Loan.BankID)
	d.Owner = !d.Staff && !d.Bank
	if d.Staff {
		if d.Banks, err = h.startup.Banks(r.Context(), a); err != nil {
			return nil, err
		}
	}
	if v.Schedule != nil {
		d.Quarters, d.Explain = v.Schedule.Quarters(), v.Schedule.Explain()
	}
	form := map[string]string{"term_months": strconv.Itoa(v.Loan.TermMonths), "method": string(startup.EqualInstallment),
		"approved_amount": gigs.Yuan(v.Loan.Amount)}
	return &Page{Title: "青创贷申请 #" + strconv.FormatInt(id, 10), Nav: "me", Form: form, Data: d}, nil
}

var loanFlash = map[string]string{
	"applied":   "申请已提交，经办人员审核后会推荐至合作银行，结果会发到站内消息。",
	"withdrawn": "申请已撤回。",
	"refer":     "已推荐至银行，申请人已收到通知。",
	"reject":    "已告知申请人审核未通过的原因。",
	"approve":   "已登记银行批准，还款计划和贴息已生成。",
	"repayment": "还款已登记，贴息台账已更新。",
	"decline":   "已登记银行未批准。",
}

// loan is an application's page.
func (h *startupPages) loan(w http.ResponseWriter, r *http.Request) {
	id, ok := h.loanID(w, r)
	if !ok {
		return
	}
	page, err := h.loanPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Flash = loanFlash[r.URL.Query().Get("done")]
	h.render(w, r, http.StatusOK, "startup_loan_view", page)
}

func (h *startupPages) loanID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	return h.pathID(w, r, "申请不存在")
}

// withdrawLoan takes the application back.
func (h *startupPages) withdrawLoan(w http.ResponseWriter, r *http.Request) {
	id, ok := h.loanID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	if err := h.startup.WithdrawLoan(r.Context(), httpx.Actor(r), id); err != nil {
		h.failOnPage(w, r, "startup_loan_view", err, nil, func() (*Page, error) { return h.loanPage(r, id) })
		return
	}
	http.Redirect(w, r, "/startup/loans/"+strconv.FormatInt(id, 10)+"?done=withdrawn", http.StatusSeeOther)
}

// handleLoan is staff's action on an application.
func (h *startupPages) handleLoan(w http.ResponseWriter, r *http.Request) {
	id, ok := h.loanID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "action", "bank_id", "reason", "approved_amount", "annual_rate", "lpr", "term_months", "method", "start_date")
	var f apperr.Fields
	in := app.LoanActionInput{Action: form["action"], Reason: form["reason"], AnnualRate: form["annual_rate"], LPR: form["lpr"],
		Method: form["method"], StartDate: form["start_date"]}
	in.BankID, _ = strconv.ParseInt(form["bank_id"], 10, 64)
	if in.Action == startup.ActApprove {
		fen, ok := gigs.ParseYuan(form["approved_amount"])
		if !ok {
			f.Add("approved_amount", "请填写批准金额（元）")
		}
		in.ApprovedAmount = fen
		in.TermMonths = formInt(&f, form, "term_months", "请填写期限（月）")
	}
	_, err := h.startup.HandleLoan(r.Context(), httpx.Actor(r), id, in)
	if err != nil && len(f) > 0 {
		mergeFormFields(err, f)
	}
	if err != nil {
		h.failOnPage(w, r, "startup_loan_view", err, form, func() (*Page, error) { return h.loanPage(r, id) })
		return
	}
	http.Redirect(w, r, "/startup/loans/"+strconv.FormatInt(id, 10)+"?done="+in.Action, http.StatusSeeOther)
}

type loanQueueData struct {
	Import   *app.RepaymentImport // the file just imported
	Loans    []*startup.Loan
	Status   string
	Statuses []startup.LoanStatus
	Banks    []startup.Bank
	Admin    bool
	Bank     bool                // a partner bank's user: their bank's loans only, no bureau tools
	Quarters []app.QuarterChoice // the subsidy quarter picker
	Claims   *app.SubsidyClaims  // the quarter just worked out
	Yuan     func(int64) string
}

// queuePage builds staff's list of applications of one status.
func (h *startupPages) queuePage(r *http.Request, status string) (*Page, error) {
	a := httpx.Actor(r)
	if status == "" {
		status = string(startup.LoanSubmitted)
	}
	ls, err := h.startup.LoanQueue(r.Context(), a, status)
	if err != nil {
		return nil, err
	}
	if !account.CanHandleLoans(a.User) {
		d := &loanQueueData{Loans: ls, Status: status, Statuses: []startup.LoanStatus{startup.LoanReferred, startup.LoanApproved,
			startup.LoanDeclined}, Bank: true, Yuan: startup.Yuan}
		return &Page{Title: "推荐至本机构的青创贷", Nav: "bank", Data: d, Form: map[string]string{}}, nil
	}
	banks, err := h.startup.Banks(r.Context(), a)
	if err != nil {
		return nil, err
	}
	d := &loanQueueData{Loans: ls, Status: status, Statuses: []startup.LoanStatus{startup.LoanSubmitted, startup.LoanReferred,
		startup.LoanApproved, startup.LoanDeclined, startup.LoanRejected, startup.LoanWithdrawn}, Banks: banks, Admin: account.CanAdmin(a.User), Yuan: startup.Yuan,
		Quarters: h.startup.SubsidyQuarters()}
	return &Page{Title: "青创贷申请", Nav: "console", Data: d, Form: map[string]string{"kind": "bank"}}, nil
}

// bankLoans is a partner bank's list: the loans referred to it, waiting
// for its decision first.
func (h *startupPages) bankLoans(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	if status == "" {
		status = string(startup.LoanReferred)
	}
	page, err := h.queuePage(r, status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "startup_loans_queue", page)
}

// loanQueue is staff's list of applications by status (?format=xlsx: the
// loan ledger of that status, or of every status with status=all).
func (h *startupPages) loanQueue(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("format") == "xlsx" {
		h.exportLoans(w, r)
		return
	}
	page, err := h.queuePage(r, r.URL.Query().Get("status"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "bank" {
		page.Flash = "已添加合作机构。"
	}
	h.render(w, r, http.StatusOK, "startup_loans_queue", page)
}

// importRepayments reads the bank's repayment file and shows what it did,
// row by row.
func (h *startupPages) importRepayments(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, app.MaxRepaymentBytes+1<<20)
	files, done, err := httpx.ReadFiles(r, "file", "文件不能超过 5 MB")
	defer done()
	if err == nil && len(files) == 0 {
		err = apperr.Field("file", "请选择银行的还款报送文件（.xlsx 或 .csv）")
	}
	var run *app.RepaymentImport
	if err == nil {
		run, err = h.startup.ImportRepayments(r.Context(), httpx.Actor(r), files[0].Name, files[0].Data)
	}
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid && len(e.Fields) == 0 {
			err = &apperr.Error{Code: apperr.Invalid, Message: e.Message, Fields: map[string]string{"file": e.Message}}
		}
		h.failOnPage(w, r, "startup_loans_queue", err, nil, func() (*Page, error) { return h.queuePage(r, string(startup.LoanApproved)) })
		return
	}
	page, err := h.queuePage(r, string(startup.LoanApproved))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Data.(*loanQueueData).Import = run
	page.Flash = fmt.Sprintf("已导入：读取 %d 行，登记 %d 期还款，%d 行有误未导入", run.Total, run.Saved, run.Failed)
	h.render(w, r, http.StatusOK, "startup_loans_queue", page)
}

// claimSubsidies works out an ended quarter's subsidies and hands them to
// the payout batches, then says what it did.
func (h *startupPages) claimSubsidies(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "quarter")
	res, err := h.startup.ClaimSubsidies(r.Context(), httpx.Actor(r), form["quarter"])
	if err != nil {
		h.failOnPage(w, r, "startup_loans_queue", err, form, func() (*Page, error) { return h.queuePage(r, string(startup.LoanApproved)) })
		return
	}
	page, err := h.queuePage(r, string(startup.LoanApproved))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page.Data.(*loanQueueData).Claims = res
	page.Form["quarter"] = form["quarter"]
	h.render(w, r, http.StatusOK, "startup_loans_queue", page)
}

// addBank adds a partner bank (admins).
func (h *startupPages) addBank(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	if _, err := h.startup.AddBank(r.Context(), httpx.Actor(r), r.PostFormValue("name"), r.PostFormValue("kind")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/startup/loans?done=bank", http.StatusSeeOther)
}

// recordRepayment records a period's repayment from the bank's report.
func (h *startupPages) recordRepayment(w http.ResponseWriter, r *http.Request) {
	id, ok := h.loanID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	form := formValues(r, "period", "paid_on", "paid_amount")
	var f apperr.Fields
	in := app.RepaymentInput{Period: formInt(&f, form, "period", "请填写期次"), PaidOn: form["paid_on"]}
	fen, ok := gigs.ParseYuan(form["paid_amount"])
	if !ok {
		f.Add("paid_amount", "请填写还款金额（元）")
	}
	in.Amount = fen
	err := h.startup.RecordRepayment(r.Context(), httpx.Actor(r), id, in)
	if err != nil {
		if e := asFields(err); e != nil {
			if msg, ok := e["amount"]; ok && f["paid_amount"] == "" {
				e["paid_amount"] = msg
			}
		}
		mergeFormFields(err, f)
		h.failOnPage(w, r, "startup_loan_view", err, form, func() (*Page, error) { return h.loanPage(r, id) })
		return
	}
	http.Redirect(w, r, "/startup/loans/"+strconv.FormatInt(id, 10)+"?done=repayment#ledger-h", http.StatusSeeOther)
}

var loanLedgerHeader = []string{"编号", "申请人类型", "申请人", "申请金额（元）", "期限（月）", "状态", "合作机构", "批准金额（元）", "年利率", "签约日LPR",
	"还款方式", "放款日期", "申请时间"}

// exportLoans sends the loan ledger as .xlsx (audited).
func (h *startupPages) exportLoans(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	if status == "all" {
		status = ""
	}
	ls, err := h.startup.ExportLoans(r.Context(), httpx.Actor(r), status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(ls))
	for _, l := range ls {
		row := []any{l.ID, l.Kind.Label(), l.ApplicantName, startup.Yuan(l.Amount), l.TermMonths, l.Status.Label(), l.BankName, "", "", "", "", "",
			l.CreatedAt.In(chinatime.Zone).Format("2006-01-02 15:04")}
		if l.Status == startup.LoanApproved {
			row[7], row[8], row[9], row[10], row[11] = startup.Yuan(l.ApprovedAmount), l.AnnualRate.String(), l.LPR.String(), l.Method.Label(),
				l.StartDate.Format("2006-01-02")
		}
		rows = append(rows, row)
	}
	h.writeSheet(w, "青创贷台账", loanLedgerHeader, rows)
}

var subsidyLedgerHeader = []string{"贷款编号", "借款人", "合作机构", "季度", "可贴息（元）", "不予贴息（元）", "未到期（元）", "不予贴息的原因"}

// subsidyLedger sends a quarter's subsidy ledger as .xlsx: what to pay for
// each loan, and what is not paid and why (audited).
func (h *startupPages) subsidyLedger(w http.ResponseWriter, r *http.Request) {
	label, rows, err := h.startup.SubsidyLedger(r.Context(), httpx.Actor(r), r.URL.Query().Get("quarter"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([][]any, 0, len(rows))
	for _, row := range rows {
		var why []string
		for _, l := range row.Quarter.Lines {
			if l.Reason != "" {
				why = append(why, "第 "+strconv.Itoa(l.Period.N)+" 期 "+l.Reason)
			}
		}
		out = append(out, []any{row.Loan.ID, row.Loan.ApplicantName, row.Loan.BankName, label, startup.Yuan(row.Quarter.Earned),
			startup.Yuan(row.Quarter.Lost), startup.Yuan(row.Quarter.Pending), strings.Join(why, "；")})
	}
	h.writeSheet(w, "青创贷贴息台账 "+label, subsidyLedgerHeader, out)
}
