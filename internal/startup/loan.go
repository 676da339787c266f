package startup

// 青创贷 applications: a person or a small firm applies; staff review it
// and refer it to a partner bank or guarantee agency, or refuse it with a
// reason; the bank's decision (the approved amount, rate, the LPR on the
// signing date, term, repayment method, start) or refusal is recorded; the
// applicant may withdraw before a decision. The caps on amount and term
// are the catalog's policy parameters, passed in, not numbers in code.

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
)

// ApplicantKind says who borrows.
type ApplicantKind string

// The applicant kinds.
const (
	Person     ApplicantKind = "person"
	Enterprise ApplicantKind = "enterprise"
)

// Label is the kind's Chinese name.
func (k ApplicantKind) Label() string {
	if k == Enterprise {
		return "小微企业"
	}
	return "个人"
}

// LoanStatus is where an application is.
type LoanStatus string

// The application statuses.
const (
	LoanSubmitted LoanStatus = "submitted" // waiting for staff
	LoanReferred  LoanStatus = "referred"  // staff sent it to a bank
	LoanApproved  LoanStatus = "approved"  // the bank lends
	LoanDeclined  LoanStatus = "declined"  // the bank does not
	LoanRejected  LoanStatus = "rejected"  // staff refused it
	LoanWithdrawn LoanStatus = "withdrawn" // the applicant took it back
)

// Label is the status's Chinese name.
func (s LoanStatus) Label() string {
	switch s {
	case LoanSubmitted:
		return "待审核"
	case LoanReferred:
		return "已推荐至银行"
	case LoanApproved:
		return "银行已放款"
	case LoanDeclined:
		return "银行未批准"
	case LoanRejected:
		return "审核未通过"
	case LoanWithdrawn:
		return "已撤回"
	}
	return string(s)
}

// Final reports whether nothing more happens to an application in s.
func (s LoanStatus) Final() bool {
	return s == LoanApproved || s == LoanDeclined || s == LoanRejected || s == LoanWithdrawn
}

// Loan actions.
const (
	ActRefer    = "refer"    // staff → a bank
	ActReject   = "reject"   // staff, with a reason
	ActApprove  = "approve"  // the bank's approval, recorded
	ActDecline  = "decline"  // the bank's refusal, recorded
	ActWithdraw = "withdraw" // the applicant
)

// NextLoan is the status action moves an application in s to, or a
// Conflict saying why not.
func NextLoan(s LoanStatus, action string) (LoanStatus, error) {
	conflict := func() (LoanStatus, error) {
		return s, apperr.New(apperr.Conflict, "该申请当前"+s.Label()+"，不能这样处理")
	}
	switch action {
	case ActRefer, ActReject:
		if s != LoanSubmitted {
			return conflict()
		}
		if action == ActRefer {
			return LoanReferred, nil
		}
		return LoanRejected, nil
	case ActApprove, ActDecline:
		if s != LoanReferred {
			return conflict()
		}
		if action == ActApprove {
			return LoanApproved, nil
		}
		return LoanDeclined, nil
	case ActWithdraw:
		if s != LoanSubmitted && s != LoanReferred {
			return conflict()
		}
		return LoanWithdrawn, nil
	}
	return s, apperr.Field("action", "不支持的操作")
}

// Limits of an application's text.
const (
	MaxPurpose   = 500
	MaxBusiness  = 2000
	MaxGuarantee = 200
	MaxReason    = 200
)

// Bank is a partner bank or guarantee agency applications are referred to.
type Bank struct {
	ID     int64
	Name   string
	Kind   string // bank | guarantee
	Active bool
}

// Caps are the policy's limits for one applicant kind.
type Caps struct {
	PolicyID   string
	MaxAmount  int64 // fen
	MaxMonths  int
	PolicyName string
}

// Loan is a 青创贷 application and, once decided, the loan.
type Loan struct {
	ID            int64
	Kind          ApplicantKind
	PersonID      int64 // Kind person
	EnterpriseID  int64 // Kind enterprise
	ApplicantName string
	PolicyID      string

	Amount     int64 // fen asked for
	TermMonths int
	Purpose    string
	Business   string // the registered business, or the plan for one
	Registered bool   // the business is registered already
	Guarantee  string // guarantor or collateral offered, "" for none

	Status     LoanStatus
	BankID     int64
	BankName   string
	Reason     string // staff's refusal or the bank's
	ReviewedBy int64

	// The bank's decision.
	ApprovedAmount int64 // fen
	AnnualRate     Rate
	LPR            Rate // the loan prime rate on the signing date
	Method         Method
	DecisionTerm   int
	StartDate      time.Time

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalize trims the text fields.
func (l *Loan) Normalize() {
	l.Purpose = strings.TrimSpace(l.Purpose)
	l.Business = strings.TrimSpace(l.Business)
	l.Guarantee = strings.TrimSpace(l.Guarantee)
}

// Validate checks an application against the policy's caps; field names
// are the API's.
func (l *Loan) Validate(c Caps) error {
	var f apperr.Fields
	switch {
	case l.Amount <= 0:
		f.Add("amount", "请填写贷款金额")
	case c.MaxAmount > 0 && l.Amount > c.MaxAmount:
		f.Add("amount", l.Kind.Label()+"贷款最高 "+Yuan(c.MaxAmount)+" 元（"+c.PolicyName+"）")
	}
	switch {
	case l.TermMonths < 1:
		f.Add("term_months", "请选择贷款期限")
	case c.MaxMonths > 0 && l.TermMonths > c.MaxMonths:
		f.Add("term_months", "贷款期限最长 "+itoa(c.MaxMonths)+" 个月")
	}
	text := func(field, s string, max int, need string) {
		switch {
		case s == "" && need != "":
			f.Add(field, need)
		case !utf8.ValidString(s) || utf8.RuneCountInString(s) > max:
			f.Add(field, "最多 "+itoa(max)+" 个字")
		}
	}
	text("purpose", l.Purpose, MaxPurpose, "请说明贷款用途")
	text("business", l.Business, MaxBusiness, "请介绍经营的项目（已登记的写明名称，未登记的写创业计划）")
	text("guarantee", l.Guarantee, MaxGuarantee, "")
	return f.Err()
}

// WuhanBorrowerSpread is 150 bp: the borrower bears the rate up to LPR −
// 150 bp, the treasury pays the rest of it up to LPR + 150 bp (the
// catalog's wh_cydb_geren: 利率上限LPR+150BP，LPR-150BP以下部分由借款人承担).
const WuhanBorrowerSpread Rate = 1_500_000

// ApprovedTerms are the schedule terms of an approved loan: the bank's
// figures, and the subsidy by 武汉's rule around the LPR of its signing date.
func (l *Loan) ApprovedTerms() Terms {
	return Terms{Principal: l.ApprovedAmount, AnnualRate: l.AnnualRate, TermMonths: l.DecisionTerm, Method: l.Method, Start: l.StartDate,
		SubsidyShare: ShareUnit, SubsidyRateCap: l.LPR + WuhanBorrowerSpread, BorrowerRate: max(l.LPR-WuhanBorrowerSpread, 0)}
}

// Decision is the bank's answer to a referred application.
type Decision struct {
	Approve        bool
	ApprovedAmount int64
	AnnualRate     Rate
	LPR            Rate
	TermMonths     int
	Method         Method
	StartDate      time.Time
	Reason         string // when declined
}

// Validate checks a decision on application l.
func (d Decision) Validate(l *Loan) error {
	var f apperr.Fields
	if !d.Approve {
		if strings.TrimSpace(d.Reason) == "" {
			f.Add("reason", "请填写银行未批准的原因")
		} else if utf8.RuneCountInString(d.Reason) > MaxReason {
			f.Add("reason", "最多 "+itoa(MaxReason)+" 个字")
		}
		return f.Err()
	}
	switch {
	case d.ApprovedAmount <= 0:
		f.Add("approved_amount", "请填写批准金额")
	case d.ApprovedAmount > l.Amount:
		f.Add("approved_amount", "批准金额不能超过申请金额 "+Yuan(l.Amount)+" 元")
	}
	if d.AnnualRate <= 0 || d.AnnualRate > MaxRate {
		f.Add("annual_rate", "年利率应在 0 到 24% 之间")
	}
	if d.LPR <= 0 || d.LPR > MaxRate {
		f.Add("lpr", "请填写签约日的贷款市场报价利率（LPR），如 3.1")
	}
	if d.TermMonths < 1 || d.TermMonths > MaxTermMonths {
		f.Add("term_months", "请填写贷款期限（月）")
	}
	if !d.Method.Valid() {
		f.Add("method", "请选择还款方式")
	}
	if d.StartDate.IsZero() {
		f.Add("start_date", "请填写放款日期")
	}
	return f.Err()
}

func itoa(n int) string { return formatMillionths(int64(n) * 1_000_000) }
