package app

// 青创贷 applications: a person or a small firm applies (amount and term
// within the catalog's caps for its kind, eligibility shown from the
// policy engine with its reasons); staff refer the application to a
// partner bank or refuse it with a reason; the bank's decision is recorded
// from its letter (amount, rate, the LPR on the signing date, term,
// method, start) or its refusal; the applicant is told at each step and
// may withdraw until the bank decides. An approved loan's schedule and
// subsidy come from the calculator's engine.

import (
	"context"
	"fmt"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// The catalog's 创业担保贷款 policies: the caps on amount and term per kind.
const (
	LoanPolicyPerson     = "wh_cydb_geren"
	LoanPolicyEnterprise = "hb_cydb_xiaowei"
)

// LoanInput is an application as the form and the API send it: Amount in fen.
type LoanInput struct {
	Amount     int64  `json:"amount"`
	TermMonths int    `json:"term_months"`
	Purpose    string `json:"purpose"`
	Business   string `json:"business"`
	Registered bool   `json:"registered,omitempty"`
	Guarantee  string `json:"guarantee,omitempty"`
}

// LoanCaps returns the catalog's caps for an applicant kind (zero caps
// when the catalog lacks the policy: nothing to check against).
func (x *Startup) LoanCaps(ctx context.Context, kind startup.ApplicantKind) (startup.Caps, error) {
	id := LoanPolicyPerson
	if kind == startup.Enterprise {
		id = LoanPolicyEnterprise
	}
	c := startup.Caps{PolicyID: id}
	set, err := x.policies.Catalog(ctx)
	if apperr.CodeOf(err) == apperr.NotFound {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if p, ok := set.Cat.Policy(id); ok {
		c.PolicyName = p.Name
		c.MaxAmount = int64(p.Benefit.MaxLoanYuan * 100)
		c.MaxMonths = int(p.Benefit.MaxTermYears * 12)
	}
	return c, nil
}

// applicant is who applies: the person or the employer's enterprise.
func applicant(u *account.User) (startup.ApplicantKind, int64, int64) {
	if account.IsEmployer(u) {
		return startup.Enterprise, 0, u.EnterpriseID
	}
	return startup.Person, u.PersonID, 0
}

// ApplyLoan files an application for the user's self or enterprise, with
// its materials (PDF/JPG/PNG as for policy applications).
func (x *Startup) ApplyLoan(ctx context.Context, a Actor, in LoanInput, files []UploadFile) (*startup.Loan, error) {
	if !account.CanApplyForLoan(a.User) {
		return nil, x.deny(ctx, a, "startup_loan", 0)
	}
	kind, pid, eid := applicant(a.User)
	caps, err := x.LoanCaps(ctx, kind)
	if err != nil {
		return nil, err
	}
	l := &startup.Loan{Kind: kind, PersonID: pid, EnterpriseID: eid, PolicyID: caps.PolicyID, Amount: in.Amount, TermMonths: in.TermMonths,
		Purpose: in.Purpose, Business: in.Business, Registered: in.Registered, Guarantee: in.Guarantee}
	l.Normalize()
	if err := l.Validate(caps); err != nil {
		return nil, err
	}
	if len(files) > MaxUploadFiles {
		return nil, apperr.Field("materials", fmt.Sprintf("最多上传 %d 个文件", MaxUploadFiles))
	}
	if open, err := x.openLoan(ctx, pid, eid); err != nil {
		return nil, err
	} else if open != nil {
		return nil, apperr.New(apperr.Conflict, fmt.Sprintf("您已有一笔青创贷申请在办理中（%s），办结或撤回后才能再申请", open.Status.Label()))
	}
	saved, err := x.uploads.saveUploads(files, "materials")
	if err != nil {
		return nil, err
	}
	if err := x.db.Startup().CreateLoan(ctx, a.store(), l, saved.uploads); err != nil {
		saved.discard()
		return nil, err
	}
	return x.db.Startup().LoanByID(ctx, l.ID)
}

// openLoan is the applicant's application still in progress, if any.
func (x *Startup) openLoan(ctx context.Context, pid, eid int64) (*startup.Loan, error) {
	ls, err := x.db.Startup().Loans(ctx, store.LoanFilter{PersonID: pid, EnterpriseID: eid, Limit: 20})
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		if !l.Status.Final() {
			return l, nil
		}
	}
	return nil, nil
}

// LoanView is an application with what its reader needs: the policy
// engine's verdict for the applicant and, once approved, the schedule.
type LoanView struct {
	Loan     *startup.Loan
	Eligible *policy.Eligible               // nil when not eligible (or no catalog)
	Missing  *policy.Ineligible             // why not, when not
	Schedule *startup.Schedule              // approved loans
	Ledger   []startup.QuarterLedger        // approved loans: the subsidy by quarter, as repaid
	Claims   map[string]*policy.Application // approved loans: each quarter's payout application, by key
	Uploads  []policy.Upload                // the materials filed with the application
}

// Loan returns an application to its applicant or to staff; anyone else is
// answered as for no application (audited).
func (x *Startup) Loan(ctx context.Context, a Actor, id int64) (*LoanView, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	l, err := x.db.Startup().LoanByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanSeeLoan(a.User, l.PersonID, l.EnterpriseID, l.BankID) {
		return nil, x.conceal(ctx, a, "startup_loan", id)
	}
	v := &LoanView{Loan: l}
	if v.Uploads, err = x.db.Policies().UploadsOf(ctx, "startup_loan", id); err != nil {
		return nil, err
	}
	if !account.IsLoanBank(a.User, l.BankID) { // the bank gets the application, not the applicant's policy profile
		if err := x.verdict(ctx, v); err != nil {
			return nil, err
		}
	}
	if l.Status == startup.LoanApproved {
		if v.Schedule, err = startup.Compute(l.ApprovedTerms()); err != nil {
			return nil, err
		}
		paid, err := x.db.Startup().Repayments(ctx, id)
		if err != nil {
			return nil, err
		}
		v.Ledger = startup.Ledger(v.Schedule, paid, chinatime.Today(x.now()))
		if v.Claims, err = x.loanClaims(ctx, id); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// RepaymentInput is a period's repayment as the bank reports it: PaidOn
// YYYY-MM-DD, Amount in fen.
type RepaymentInput struct {
	Period int    `json:"period"`
	PaidOn string `json:"paid_on"`
	Amount int64  `json:"amount"`
}

// RecordRepayment records a repayment of an approved loan: staff from the
// bank's report, or the bank's own users.
func (x *Startup) RecordRepayment(ctx context.Context, a Actor, id int64, in RepaymentInput) error {
	l, err := x.bankLoan(ctx, a, id)
	if err != nil {
		return err
	}
	if l.Status != startup.LoanApproved {
		return apperr.New(apperr.Conflict, "只有银行已放款的贷款可以登记还款")
	}
	s, err := startup.Compute(l.ApprovedTerms())
	if err != nil {
		return err
	}
	var f apperr.Fields
	r := startup.Repayment{LoanID: id, N: in.Period, PaidOn: ParseDate(&f, "paid_on", in.PaidOn), Amount: in.Amount}
	if err := r.Validate(s, chinatime.Today(x.now())); err != nil {
		for k, v := range apperr.As(err).Fields {
			f.Add(k, v)
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	return x.db.Startup().RecordRepayment(ctx, a.store(), r)
}

// verdict adds the policy engine's answer for the applicant.
func (x *Startup) verdict(ctx context.Context, v *LoanView) error {
	kind, id := policy.KindPerson, v.Loan.PersonID
	if v.Loan.Kind == startup.Enterprise {
		kind, id = policy.KindEnterprise, v.Loan.EnterpriseID
	}
	m, err := x.policies.matchSubject(ctx, kind, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	for i := range m.Result.Eligible {
		if m.Result.Eligible[i].PolicyID == v.Loan.PolicyID {
			v.Eligible = &m.Result.Eligible[i]
			return nil
		}
	}
	for i := range m.Result.Ineligible {
		if m.Result.Ineligible[i].PolicyID == v.Loan.PolicyID {
			v.Missing = &m.Result.Ineligible[i]
		}
	}
	return nil
}

// MyLoans lists the user's (or their enterprise's) applications.
func (x *Startup) MyLoans(ctx context.Context, a Actor) ([]*startup.Loan, error) {
	if !account.CanApplyForLoan(a.User) {
		return nil, x.deny(ctx, a, "startup_loan", 0)
	}
	_, pid, eid := applicant(a.User)
	return x.db.Startup().Loans(ctx, store.LoanFilter{PersonID: pid, EnterpriseID: eid, Limit: 50})
}

// LoanQueue lists applications for staff, of one status or all; a
// bank's users get only the loans referred to their bank.
func (x *Startup) LoanQueue(ctx context.Context, a Actor, status string) ([]*startup.Loan, error) {
	if !account.CanWorkLoans(a.User) {
		return nil, x.deny(ctx, a, "startup_loan", 0)
	}
	f := store.LoanFilter{Status: startup.LoanStatus(status), Limit: 200}
	if !account.CanHandleLoans(a.User) {
		f.BankID = a.User.BankID
	}
	return x.db.Startup().Loans(ctx, f)
}

// bankLoan is a loan the actor records the bank's side of: staff any,
// a bank's user only their bank's (any other is answered as missing,
// audited).
func (x *Startup) bankLoan(ctx context.Context, a Actor, id int64) (*startup.Loan, error) {
	if !account.CanWorkLoans(a.User) {
		return nil, x.deny(ctx, a, "startup_loan", id)
	}
	l, err := x.db.Startup().LoanByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanDecideLoan(a.User, l.BankID) {
		return nil, x.conceal(ctx, a, "startup_loan", id)
	}
	return l, nil
}

// Banks lists the active partner banks and guarantee agencies.
func (x *Startup) Banks(ctx context.Context, a Actor) ([]startup.Bank, error) {
	if !account.CanHandleLoans(a.User) {
		return nil, x.deny(ctx, a, "startup_bank", 0)
	}
	return x.db.Startup().Banks(ctx, false)
}

// AddBank adds a partner bank or guarantee agency: admins.
func (x *Startup) AddBank(ctx context.Context, a Actor, name, kind string) (*startup.Bank, error) {
	if !account.CanAdmin(a.User) {
		return nil, x.deny(ctx, a, "startup_bank", 0)
	}
	b := &startup.Bank{Name: strings.TrimSpace(name), Kind: kind}
	var f apperr.Fields
	if b.Name == "" || len([]rune(b.Name)) > 50 {
		f.Add("name", "请填写合作机构名称（最多 50 个字）")
	}
	if b.Kind != "bank" && b.Kind != "guarantee" {
		f.Add("kind", "请选择银行或担保机构")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := x.db.Startup().AddBank(ctx, a.store(), b); err != nil {
		return nil, err
	}
	return b, nil
}

// LoanActionInput is staff's handling of an application: refer (BankID),
// reject (Reason), or the bank's decision (approve with its figures;
// decline with its reason). Rates are percentages, dates YYYY-MM-DD.
type LoanActionInput struct {
	Action         string `json:"action"`
	BankID         int64  `json:"bank_id,omitempty"`
	Reason         string `json:"reason,omitempty"`
	ApprovedAmount int64  `json:"approved_amount,omitempty"`
	AnnualRate     string `json:"annual_rate,omitempty"`
	LPR            string `json:"lpr,omitempty"`
	TermMonths     int    `json:"term_months,omitempty"`
	Method         string `json:"method,omitempty"`
	StartDate      string `json:"start_date,omitempty"`
}

// HandleLoan applies staff's action to an application, with the audit
// entry and the applicant's message in the same transaction.
func (x *Startup) HandleLoan(ctx context.Context, a Actor, id int64, in LoanActionInput) (*startup.Loan, error) {
	l, err := x.bankLoan(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !account.CanHandleLoans(a.User) && in.Action != startup.ActApprove && in.Action != startup.ActDecline {
		return nil, apperr.New(apperr.Forbidden, "银行只能登记批准或不批准；审核和推荐由区人社局经办人员办理")
	}
	to, err := startup.NextLoan(l.Status, in.Action)
	if err != nil || in.Action == startup.ActWithdraw {
		if err == nil {
			err = apperr.Field("action", "撤回由申请人本人操作")
		}
		return nil, err
	}
	c := store.LoanChange{To: to}
	switch in.Action {
	case startup.ActRefer:
		bank, err := x.bank(ctx, in.BankID)
		if err != nil {
			return nil, err
		}
		c.BankID, c.Summary = bank.ID, "推荐至"+bank.Name
		c.Message = loanMessage(l, "您的青创贷申请已推荐至"+bank.Name, "经办人员已审核您的申请，并推荐至"+bank.Name+"。银行会与您联系办理签约，请留意电话。")
	case startup.ActReject:
		if c.Reason, err = loanReason(in.Reason, "请填写审核未通过的原因，申请人会看到"); err != nil {
			return nil, err
		}
		c.Summary = "审核未通过：" + c.Reason
		c.Message = loanMessage(l, "您的青创贷申请审核未通过", "原因："+c.Reason+"。如有疑问请联系区人社局创业服务窗口。")
	case startup.ActApprove, startup.ActDecline:
		d, err := x.decision(in, l)
		if err != nil {
			return nil, err
		}
		c.Decision, c.Reason = d, strings.TrimSpace(d.Reason)
		if d.Approve {
			c.Summary = fmt.Sprintf("银行批准 %s 元，年利率 %s，LPR %s，%d 个月，%s", startup.Yuan(d.ApprovedAmount), d.AnnualRate, d.LPR, d.TermMonths, d.Method.Label())
			c.Message = loanMessage(l, "青创贷已获批："+startup.Yuan(d.ApprovedAmount)+" 元", "银行已批准您的青创贷，点开查看每期还款和财政贴息。")
		} else {
			c.Summary = "银行未批准：" + c.Reason
			c.Message = loanMessage(l, "银行未批准您的青创贷申请", "原因："+c.Reason+"。")
		}
	}
	if err := x.db.Startup().MoveLoan(ctx, a.store(), l, in.Action, c); err != nil {
		return nil, err
	}
	return x.db.Startup().LoanByID(ctx, id)
}

// WithdrawLoan lets the applicant take back an application the bank has
// not decided yet.
func (x *Startup) WithdrawLoan(ctx context.Context, a Actor, id int64) error {
	v, err := x.Loan(ctx, a, id)
	if err != nil {
		return err
	}
	if account.CanHandleLoans(a.User) {
		return apperr.Field("action", "撤回由申请人本人操作")
	}
	to, err := startup.NextLoan(v.Loan.Status, startup.ActWithdraw)
	if err != nil {
		return err
	}
	return x.db.Startup().MoveLoan(ctx, a.store(), v.Loan, startup.ActWithdraw, store.LoanChange{To: to, Summary: "申请人撤回"})
}

func (x *Startup) bank(ctx context.Context, id int64) (*startup.Bank, error) {
	banks, err := x.db.Startup().Banks(ctx, false)
	if err != nil {
		return nil, err
	}
	for i := range banks {
		if banks[i].ID == id {
			return &banks[i], nil
		}
	}
	return nil, apperr.Field("bank_id", "请选择合作银行或担保机构")
}

// decision reads the bank's decision.
func (x *Startup) decision(in LoanActionInput, l *startup.Loan) (*startup.Decision, error) {
	d := &startup.Decision{Approve: in.Action == startup.ActApprove, ApprovedAmount: in.ApprovedAmount, TermMonths: in.TermMonths,
		Method: startup.Method(in.Method), Reason: in.Reason}
	var f apperr.Fields
	if d.Approve {
		var ok bool
		if d.AnnualRate, ok = startup.ParseRate(in.AnnualRate); !ok {
			f.Add("annual_rate", "年利率应为百分数，如 3.85")
		}
		if d.LPR, ok = startup.ParseRate(in.LPR); !ok {
			f.Add("lpr", "请填写签约日的 LPR（百分数，如 3.1）")
		}
		d.StartDate = ParseDate(&f, "start_date", in.StartDate)
	}
	if err := d.Validate(l); err != nil {
		for k, v := range apperr.As(err).Fields {
			f.Add(k, v)
		}
	}
	return d, f.Err()
}

func loanReason(s, need string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", apperr.Field("reason", need)
	}
	if len([]rune(s)) > startup.MaxReason {
		return "", apperr.Field("reason", "最多 200 个字")
	}
	return s, nil
}

func loanMessage(l *startup.Loan, title, body string) *notify.Message {
	m := &notify.Message{Kind: "startup_loan", Title: title, Body: body, Link: fmt.Sprintf("/startup/loans/%d", l.ID),
		DedupeKey: fmt.Sprintf("loan:%d:%s", l.ID, title)} // each step happens once
	if l.Kind == startup.Enterprise {
		m.SubjectType, m.SubjectID = notify.ToEnterprise, l.EnterpriseID
	} else {
		m.SubjectType, m.SubjectID = notify.ToPerson, l.PersonID
	}
	return m
}

// mayReadLoanMaterials reports whether u may download an application's
// materials: whoever may read the application.
func (x *Startup) mayReadLoanMaterials(ctx context.Context, u *account.User, loanID int64) (bool, error) {
	l, err := x.db.Startup().LoanByID(ctx, loanID)
	if err != nil {
		return false, err
	}
	return account.CanSeeLoan(u, l.PersonID, l.EnterpriseID, l.BankID), nil
}
