package startup

// Repayments and the subsidy they earn: a period's subsidy is paid, with
// its quarter, only when the period was repaid in full by its due date;
// otherwise it is lost, and the ledger says why.

import (
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// Repayment is one period's repayment as the bank reports it.
type Repayment struct {
	LoanID int64
	N      int
	PaidOn time.Time // a date
	Amount int64     // fen
}

// Validate checks a repayment of schedule s at today.
func (r Repayment) Validate(s *Schedule, today time.Time) error {
	var f apperr.Fields
	if r.N < 1 || r.N > len(s.Periods) {
		f.Add("period", "期次应在 1 到 "+itoa(len(s.Periods))+" 之间")
	}
	switch {
	case r.PaidOn.IsZero():
		f.Add("paid_on", "请填写还款日期")
	case r.PaidOn.After(today):
		f.Add("paid_on", "还款日期不能晚于今天")
	case r.PaidOn.Before(s.Terms.Start):
		f.Add("paid_on", "还款日期不能早于放款日期")
	}
	if r.Amount <= 0 {
		f.Add("amount", "请填写还款金额")
	}
	return f.Err()
}

// SubsidyState is what became of a period's subsidy.
type SubsidyState string

// The subsidy states.
const (
	SubsidyEarned  SubsidyState = "earned"  // repaid in full on time: paid with its quarter
	SubsidyLost    SubsidyState = "lost"    // repaid late or short, or not repaid after the due date
	SubsidyPending SubsidyState = "pending" // not due yet
)

// Label is the state's Chinese name.
func (s SubsidyState) Label() string {
	switch s {
	case SubsidyEarned:
		return "按时还款，可贴息"
	case SubsidyLost:
		return "不予贴息"
	}
	return "未到期"
}

// LedgerLine is one period of a loan's subsidy ledger.
type LedgerLine struct {
	Period  Period
	Paid    *Repayment
	State   SubsidyState
	Reason  string // why a subsidy was lost
	Quarter string
}

// QuarterLedger is one quarter of the ledger: the subsidy payable for its
// periods repaid on time, and what was lost.
type QuarterLedger struct {
	Quarter string // 2026年第1季度
	Key     string // 2026Q1
	Earned  int64
	Lost    int64
	Pending int64
	Lines   []LedgerLine
}

// Ledger works out, for schedule s and the repayments reported (by
// period), which periods earn their subsidy at today, grouped by quarter.
func Ledger(s *Schedule, paid map[int]Repayment, today time.Time) []QuarterLedger {
	var out []QuarterLedger
	for _, p := range s.Periods {
		l := LedgerLine{Period: p, Quarter: QuarterOf(p.Due)}
		r, ok := paid[p.N]
		switch {
		case ok && r.PaidOn.After(p.Due):
			l.State, l.Reason = SubsidyLost, "逾期还款：应于 "+p.Due.Format("2006-01-02")+" 还款，实际 "+r.PaidOn.Format("2006-01-02")
		case ok && r.Amount < p.Payment:
			l.State, l.Reason = SubsidyLost, "还款不足：应还 "+Yuan(p.Payment)+" 元，实还 "+Yuan(r.Amount)+" 元"
		case ok:
			l.State = SubsidyEarned
		case today.After(p.Due):
			l.State, l.Reason = SubsidyLost, "到期未还款（应还日 "+p.Due.Format("2006-01-02")+"）"
		default:
			l.State = SubsidyPending
		}
		if ok {
			l.Paid = &r
		}
		if len(out) == 0 || out[len(out)-1].Quarter != l.Quarter {
			out = append(out, QuarterLedger{Quarter: l.Quarter, Key: QuarterKey(p.Due)})
		}
		q := &out[len(out)-1]
		switch l.State {
		case SubsidyEarned:
			q.Earned += p.Subsidy
		case SubsidyLost:
			q.Lost += p.Subsidy
		default:
			q.Pending += p.Subsidy
		}
		q.Lines = append(q.Lines, l)
	}
	return out
}

// QuarterKey is the calendar quarter of a date as stored and linked: 2026Q1.
func QuarterKey(d time.Time) string {
	return itoa(d.Year()) + "Q" + itoa((int(d.Month())+2)/3)
}

// QuarterOf names the calendar quarter of a date: 2026年第1季度.
func QuarterOf(d time.Time) string {
	return itoa(d.Year()) + "年第" + itoa((int(d.Month())+2)/3) + "季度"
}
