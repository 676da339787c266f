package app

// 青创贷 repayment files: the bank's monthly report (.xlsx or .csv) with one
// row per loan and period — 贷款编号, 期次, 还款日期, 还款金额（元）. Good rows
// are recorded together; a row for an unknown loan or one not lent, a
// period out of range or reported twice (in the file or before), a date in
// the future or an amount that is not one is refused with its row number.
// A file that cannot be read as that table writes nothing.

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/startup"
)

// Limits of a repayment file.
const (
	MaxRepaymentBytes = 5 << 20
	MaxRepaymentRows  = 50_000
)

// RepaymentColumns are the file's columns, in the template's order.
var RepaymentColumns = []string{"贷款编号", "期次", "还款日期", "还款金额（元）"}

// RepaymentImport is what a repayment file did.
type RepaymentImport struct {
	Total  int        `json:"total"`
	Saved  int        `json:"saved"`
	Failed int        `json:"failed"`
	Errors []RowError `json:"errors"` // Note is unused here
}

// ImportRepayments reads a bank's repayment file and records its good
// rows; a bank's user may report only their bank's loans (any other is
// "no such loan").
func (x *Startup) ImportRepayments(ctx context.Context, a Actor, filename string, r io.Reader) (*RepaymentImport, error) {
	if !account.CanWorkLoans(a.User) {
		return nil, x.deny(ctx, a, "startup_loan", 0)
	}
	raw, err := io.ReadAll(io.LimitReader(r, MaxRepaymentBytes+1))
	if err != nil || len(raw) > MaxRepaymentBytes {
		return nil, apperr.Field("file", "文件不能超过 5 MB")
	}
	table, err := readTable(filename, raw, MaxRepaymentRows)
	if err != nil {
		return nil, recordsNotPosts(err)
	}
	idx, err := repaymentHeader(table[0])
	if err != nil {
		return nil, err
	}
	today := chinatime.Today(x.now())
	run := &RepaymentImport{Errors: []RowError{}}
	seen := map[[2]int64]int{} // loan, period → row
	schedules := map[int64]*loanPaid{}
	var good []startup.Repayment
	for i, cells := range table[1:] {
		if blankRow(cells) {
			continue
		}
		row := i + 2
		run.Total++
		rep, col, why := x.repaymentRow(ctx, a, cells, idx, today, schedules)
		if why == "" {
			key := [2]int64{rep.LoanID, int64(rep.N)}
			if first, dup := seen[key]; dup {
				col, why = "期次", "与第 "+strconv.Itoa(first)+" 行重复：同一笔贷款的同一期只能报送一次"
			} else {
				seen[key] = row
			}
		}
		if why != "" {
			run.Failed++
			run.Errors = append(run.Errors, RowError{Row: row, Column: col, Reason: why})
			continue
		}
		good = append(good, rep)
	}
	if run.Total == 0 {
		return nil, apperr.New(apperr.Invalid, "文件中没有数据：表头下面至少要有一行，未导入任何还款")
	}
	if len(good) > 0 {
		summary := fmt.Sprintf("还款报送导入：读取 %d 行，登记 %d 期，%d 行有误", run.Total, len(good), run.Failed)
		if err := x.db.Startup().RecordRepayments(ctx, a.store(), good, summary); err != nil {
			return nil, err
		}
	}
	run.Saved = len(good)
	return run, nil
}

// loanPaid is a loan's schedule and the periods already recorded, read
// once per import.
type loanPaid struct {
	loan  *startup.Loan
	sched *startup.Schedule
	paid  map[int]startup.Repayment
	err   string
}

// repaymentHeader finds the four columns by name.
func repaymentHeader(head []string) ([4]int, error) {
	var idx [4]int
	for i, want := range RepaymentColumns {
		idx[i] = -1
		for j, h := range head {
			h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
			if h == want || (i == 3 && h == "还款金额") {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return idx, apperr.Field("file", "表头缺少“"+want+"”列；请使用模板的四列：贷款编号、期次、还款日期、还款金额（元），未导入任何还款")
		}
	}
	return idx, nil
}

// repaymentRow checks one row: the repayment, or the column and reason it
// is refused.
func (x *Startup) repaymentRow(ctx context.Context, a Actor, cells []string, idx [4]int, today time.Time, loans map[int64]*loanPaid) (startup.Repayment, string, string) {
	cell := func(i int) string {
		if idx[i] < len(cells) {
			return strings.TrimSpace(cells[idx[i]])
		}
		return ""
	}
	var r startup.Repayment
	id, err := strconv.ParseInt(cell(0), 10, 64)
	if err != nil || id <= 0 {
		return r, "贷款编号", "贷款编号应为数字"
	}
	lp, ok := loans[id]
	if !ok {
		lp = x.loanPaid(ctx, a, id)
		loans[id] = lp
	}
	if lp.err != "" {
		return r, "贷款编号", lp.err
	}
	r.LoanID = id
	if r.N, err = strconv.Atoi(cell(1)); err != nil {
		return r, "期次", "期次应为数字"
	}
	if r.PaidOn, err = time.Parse(time.DateOnly, strings.ReplaceAll(cell(2), "/", "-")); err != nil {
		return r, "还款日期", "还款日期格式应为 2026-03-15"
	}
	fen, ok := gigs.ParseYuan(cell(3))
	if !ok {
		return r, "还款金额（元）", "还款金额应为元，最多两位小数"
	}
	r.Amount = fen
	if err := r.Validate(lp.sched, today); err != nil {
		for k, v := range apperr.As(err).Fields {
			return r, map[string]string{"period": "期次", "paid_on": "还款日期", "amount": "还款金额（元）"}[k], v
		}
	}
	if _, done := lp.paid[r.N]; done {
		return r, "期次", "第 " + strconv.Itoa(r.N) + " 期的还款已登记过"
	}
	return r, "", ""
}

// loanPaid reads a loan for an import, or why its rows are refused.
func (x *Startup) loanPaid(ctx context.Context, a Actor, id int64) *loanPaid {
	l, err := x.db.Startup().LoanByID(ctx, id)
	if err != nil || !account.CanDecideLoan(a.User, l.BankID) {
		return &loanPaid{err: "没有编号为 " + strconv.FormatInt(id, 10) + " 的贷款"}
	}
	if l.Status != startup.LoanApproved {
		return &loanPaid{err: "该笔贷款" + l.Status.Label() + "，没有放款，不能登记还款"}
	}
	s, err := startup.Compute(l.ApprovedTerms())
	if err != nil {
		return &loanPaid{err: "该笔贷款的放款信息不完整"}
	}
	paid, err := x.db.Startup().Repayments(ctx, id)
	if err != nil {
		return &loanPaid{err: "读取已登记的还款失败，请重试"}
	}
	return &loanPaid{loan: l, sched: s, paid: paid}
}
