package app

// 创业扶持: 青创贷 loans and their interest subsidy. This first part is the
// schedule calculator: the repayment schedule and the treasury's subsidy
// per period and per quarter, to the fen, for any amount, rate, term and
// method, with how each figure was computed.

import (
	"encoding/json"
	"strings"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/startup"
)

// Startup is the use cases of 创业扶持.
type Startup struct {
	*core
	policies *Policies   // the 创业担保贷款 policies: caps and eligibility
	uploads  *PolicyApps // an application's materials are stored as policy applications' are
}

// ScheduleInput asks for a loan's schedule: Principal and
// MaxSubsidisedPrincipal in fen; AnnualRate and SubsidyRateCap as
// percentages (3.45), as is BorrowerRate (the part the borrower bears
// whatever the subsidy, e.g. LPR − 150 bp); SubsidyShare as a fraction (0.5); StartDate as
// YYYY-MM-DD (empty: today).
type ScheduleInput struct {
	Principal              int64       `json:"principal"`
	AnnualRate             json.Number `json:"annual_rate"`
	TermMonths             int         `json:"term_months"`
	Method                 string      `json:"method"`
	StartDate              string      `json:"start_date,omitempty"`
	SubsidyShare           json.Number `json:"subsidy_share,omitempty"`
	SubsidyRateCap         json.Number `json:"subsidy_rate_cap,omitempty"`
	BorrowerRate           json.Number `json:"borrower_rate,omitempty"`
	MaxSubsidisedPrincipal int64       `json:"max_subsidised_principal,omitempty"`
	SubsidyMonths          int         `json:"subsidy_months,omitempty"`
}

// Terms reads the input into the domain's terms, with field errors.
func (x *Startup) Terms(in ScheduleInput) (startup.Terms, error) {
	var f apperr.Fields
	t := startup.Terms{Principal: in.Principal, TermMonths: in.TermMonths, Method: startup.Method(in.Method),
		MaxSubsidisedPrincipal: in.MaxSubsidisedPrincipal, SubsidyMonths: in.SubsidyMonths}
	rate, ok := startup.ParseRate(string(in.AnnualRate))
	switch {
	case strings.TrimSpace(string(in.AnnualRate)) == "":
		f.Add("annual_rate", "请填写年利率（百分数，如 3.45）")
	case !ok:
		f.Add("annual_rate", "年利率应为 0 到 24 之间的百分数，最多六位小数，如 3.45")
	}
	t.AnnualRate = rate
	if s := strings.TrimSpace(string(in.SubsidyShare)); s != "" {
		if t.SubsidyShare, ok = startup.ParseShare(s); !ok {
			f.Add("subsidy_share", "贴息比例应为 0 到 1 之间的小数（50% 填 0.5）")
		}
	}
	if s := strings.TrimSpace(string(in.SubsidyRateCap)); s != "" {
		if t.SubsidyRateCap, ok = startup.ParseRate(s); !ok {
			f.Add("subsidy_rate_cap", "贴息利率上限应为百分数，如 2.35")
		}
	}
	if s := strings.TrimSpace(string(in.BorrowerRate)); s != "" {
		if t.BorrowerRate, ok = startup.ParseRate(s); !ok {
			f.Add("borrower_rate", "借款人自担利率应为百分数，如 1.6")
		}
	}
	if strings.TrimSpace(in.StartDate) == "" {
		t.Start = chinatime.Today(x.now())
	} else {
		t.Start = ParseDate(&f, "start_date", in.StartDate)
	}
	if err := t.Validate(); err != nil {
		for k, v := range apperr.As(err).Fields {
			f.Add(k, v)
		}
	}
	return t, f.Err()
}

// LoanSchedule computes a loan's schedule and subsidy (anyone may ask: it
// is the calculator a borrower uses before applying).
func (x *Startup) LoanSchedule(in ScheduleInput) (*startup.Schedule, error) {
	t, err := x.Terms(in)
	if err != nil {
		return nil, err
	}
	return startup.Compute(t)
}
