package app

// 跟踪评估: what became of the people the call centre served. Staff import
// the social-insurance contribution file (the strongest source), record
// what a call learned, read one person's outcomes and due checks, and
// read cohort reports (placement at 3, 6 and 12 months with confidence
// intervals). All of it is for staff and admins (account.CanCasework);
// reading one person's outcomes is audited before it is returned.

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/bidi"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/sheet"
)

// Outcomes is the use cases of outcome tracking.
type Outcomes struct {
	*core
}

// OutcomeView is the audit action of a person's outcomes read by staff.
const OutcomeView = "casework.outcome.view"

// Insurance import limits: a district's monthly file is around 100,000
// rows; the page and the API take the same file as the command line.
const (
	MaxInsuranceBytes = 64 << 20
	MaxInsuranceRows  = 200000
)

// InsuranceTooLarge is what an upload over the request limit is told.
func InsuranceTooLarge() string {
	return fmt.Sprintf("文件过大：社保缴费记录文件不能超过 %d MB、%d 行，请分批导入", MaxInsuranceBytes>>20, MaxInsuranceRows)
}

// ImportInsurance reads a social-insurance contribution file (.xlsx or
// .csv) and writes its good rows as outcomes of source insurance; the rows
// refused (bad ID number, unknown person, bad or unregistered credit code,
// months out of order or in the future) are listed in the run's report. A
// file that cannot be read as a table with the four columns writes
// nothing. system is the command line (no user; the operator has the
// database).
func (x *Outcomes) ImportInsurance(ctx context.Context, a Actor, system bool, filename string, r io.Reader) (*casework.InsuranceImport, error) {
	if !system && !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "insurance_import", 0)
	}
	raw, err := io.ReadAll(io.LimitReader(r, MaxInsuranceBytes+1))
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "文件读取失败，请重新选择文件")
	}
	if len(raw) > MaxInsuranceBytes {
		return nil, apperr.Field("file", InsuranceTooLarge())
	}
	table, err := readTable(filename, raw, MaxInsuranceRows)
	if err != nil {
		return nil, recordsNotPosts(err)
	}
	idx, err := casework.InsuranceHeader(table[0])
	if err != nil {
		return nil, err
	}
	now := x.now()
	run := &casework.InsuranceImport{Filename: cut(filepath.Base(strings.ReplaceAll(bidi.Strip(filename), "\\", "/")), 100)}
	var good []casework.InsuranceRow
	for i, cells := range table[1:] {
		if blankRow(cells) {
			continue
		}
		run.Total++
		row, issues := casework.CheckInsuranceRow(i+2, cells, idx, now)
		if len(issues) > 0 {
			run.Failed++
			for _, is := range issues {
				run.Errors = append(run.Errors, casework.ImportError{Row: i + 2, Column: is.Column, Reason: is.Reason})
			}
			continue
		}
		good = append(good, row)
	}
	if run.Total == 0 {
		return nil, apperr.New(apperr.Invalid, "文件中没有数据：表头下面至少要有一行，未导入任何记录")
	}
	outs, err := x.matchInsurance(ctx, run, good, now)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(run.Errors, func(i, j int) bool { return run.Errors[i].Row < run.Errors[j].Row })
	sa := a.store() // the command line's has no user, only its IP ("cli")
	summary := fmt.Sprintf("社保缴费记录导入：读取 %d 行，写入 %d 条就业记录，%d 行有误（%s）", run.Total, len(outs), run.Failed, run.Filename)
	if err := x.db.Casework().SaveInsurance(ctx, sa, run, outs, summary); err != nil {
		return nil, err
	}
	return run, nil
}

// matchInsurance finds the persons (through the blind index) and the
// enterprises of the checked rows in bulk and turns the rows into
// outcomes; a row whose person or employer is not registered is refused.
func (x *Outcomes) matchInsurance(ctx context.Context, run *casework.InsuranceImport, rows []casework.InsuranceRow, now time.Time) ([]casework.Outcome, error) {
	ids := make([]string, 0, len(rows))
	codeSet := map[string]bool{}
	var codes []string
	for _, r := range rows {
		ids = append(ids, r.IDNumber)
		if !codeSet[r.USCC] {
			codeSet[r.USCC] = true
			codes = append(codes, r.USCC)
		}
	}
	persons, err := x.db.Casework().PersonsByIDNumber(ctx, ids)
	if err != nil {
		return nil, err
	}
	names, err := x.db.Casework().EnterpriseNamesByUSCC(ctx, codes)
	if err != nil {
		return nil, err
	}
	outs := make([]casework.Outcome, 0, len(rows))
	for _, r := range rows {
		pid, okP := persons[r.IDNumber]
		name, okE := names[r.USCC]
		if !okP {
			run.Errors = append(run.Errors, casework.ImportError{Row: r.Row, Column: casework.ColIDNumber, Reason: "平台上没有该身份证号的人员，无法对应"})
		}
		if !okE {
			run.Errors = append(run.Errors, casework.ImportError{Row: r.Row, Column: casework.ColUSCC, Reason: "未登记的单位：平台单位名录中没有该统一社会信用代码"})
		}
		if !okP || !okE {
			run.Failed++
			continue
		}
		outs = append(outs, r.Outcome(pid, name, now))
	}
	return outs, nil
}

// recordsNotPosts rewords readTable's refusals, written for the post
// import, for a file of records.
func recordsNotPosts(err error) error {
	e := apperr.As(err)
	if e.Code != apperr.Invalid {
		return err
	}
	msg := strings.NewReplacer("任何岗位", "任何记录", "岗位表", "记录表").Replace(e.Message)
	msg = strings.ReplaceAll(msg, "请下载导入模板填写", "列名："+strings.Join(casework.InsuranceColumns, "、"))
	return apperr.New(apperr.Invalid, msg)
}

// InsuranceImport returns an import run with its row errors (the report).
func (x *Outcomes) InsuranceImport(ctx context.Context, a Actor, id int64) (*casework.InsuranceImport, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "insurance_import", id)
	}
	return x.db.Casework().InsuranceImport(ctx, id)
}

// RecentInsuranceImports lists the latest import runs, newest first.
func (x *Outcomes) RecentInsuranceImports(ctx context.Context, a Actor, limit int) ([]*casework.InsuranceImport, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "insurance_import", 0)
	}
	if limit <= 0 || limit > 100 {
		limit = 10
	}
	return x.db.Casework().RecentInsuranceImports(ctx, limit)
}

// WriteInsuranceErrors writes an import's error report as .xlsx: row,
// column, reason.
func WriteInsuranceErrors(w io.Writer, run *casework.InsuranceImport) error {
	rows := make([][]any, len(run.Errors))
	for i, e := range run.Errors {
		rows[i] = []any{e.Row, e.Column, e.Reason, "未导入"}
	}
	return sheet.Write(w, "社保缴费记录导入错误报告", []string{"行号", "列", "原因", "处理"}, rows)
}

// WriteInsuranceTemplate writes the insurance file's template: the header
// and an example row.
func (x *Outcomes) WriteInsuranceTemplate(w io.Writer) error {
	m := casework.MonthOf(x.now())
	return sheet.Write(w, "社保缴费记录导入模板", casework.InsuranceColumns,
		[][]any{{"420112199001011234", "91420112MA4K00000X", m.AddDate(0, -6, 0).Format("2006-01"), m.Format("2006-01")}})
}

// OutcomeInput is an outcome as the form and the API send it. Dates are
// YYYY-MM-DD; Until is empty while it lasts; Source is employer, self or
// agent (the default: what the agent's call learned).
type OutcomeInput struct {
	PersonID       int64  `json:"person_id"`
	Status         string `json:"status"`
	Employer       string `json:"employer"`
	EmployerUSCC   string `json:"employer_uscc"`
	OccupationCode string `json:"occupation_code"`
	WageBand       string `json:"wage_band"`
	ContractType   string `json:"contract_type"`
	Since          string `json:"since"`
	Until          string `json:"until"`
	Source         string `json:"source"`
}

// RecordOutcome records what staff learned of a person's situation (by
// call, from the employer, or the person's own answer), audited.
func (x *Outcomes) RecordOutcome(ctx context.Context, a Actor, in OutcomeInput) (*casework.Outcome, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "person", in.PersonID)
	}
	o := casework.Outcome{PersonID: in.PersonID, Status: casework.Status(in.Status), Employer: in.Employer, EmployerUSCC: in.EmployerUSCC,
		OccupationCode: in.OccupationCode, WageBand: casework.WageBand(in.WageBand), ContractType: casework.ContractType(in.ContractType),
		Source: casework.Source(in.Source)}
	if o.Source == "" {
		o.Source = casework.SourceAgent
	}
	var f apperr.Fields
	o.Since = parseDay(&f, "since", in.Since)
	o.Until = parseDay(&f, "until", in.Until)
	o.Normalize()
	if err := o.Validate(x.now(), x.codes.Occupations); err != nil {
		for k, v := range apperr.As(err).Fields {
			if _, ok := f[k]; !ok {
				f.Add(k, v)
			}
		}
	}
	if o.Source.Strength() > 0 && !o.Source.Recordable() {
		f.Add("source", "社保缴费记录只能通过导入文件录入，平台录用记录由招聘流程自动产生")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if _, err := x.db.Registry().PersonByID(ctx, o.PersonID); err != nil {
		return nil, err
	}
	summary := "登记就业情况：" + o.Status.Label() + "（" + o.Source.Label() + "）"
	if err := x.db.Casework().RecordOutcome(ctx, a.store(), &o, summary); err != nil {
		return nil, err
	}
	return &o, nil
}

func parseDay(f *apperr.Fields, field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		f.Add(field, "日期格式应为 YYYY-MM-DD")
		return time.Time{}
	}
	return t
}

// PersonOutcomes is one person's tracking: when they were served, every
// outcome (strongest source first on equal dates), the checks at 3, 6
// and 12 months with which are done, and the outcome today.
type PersonOutcomes struct {
	PersonID int64
	Name     string
	Served   []casework.Served
	Outcomes []casework.Outcome // newest first
	Checks   []casework.Check
	Due      []casework.Check // checks due by today and not done
	Current  *casework.Outcome
}

// PersonOutcomes returns a person's outcomes and checks to staff, audited
// before it is returned (no audit, no disclosure).
func (x *Outcomes) PersonOutcomes(ctx context.Context, a Actor, personID int64) (*PersonOutcomes, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "person", personID)
	}
	p, err := x.db.Registry().PersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	cw := x.db.Casework()
	served, err := cw.Served(ctx, personID)
	if err != nil {
		return nil, err
	}
	outs, err := cw.Outcomes(ctx, personID)
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), OutcomeView, "person", personID, "查看就业跟踪记录", audit.ResultOK); err != nil {
		return nil, err
	}
	today := casework.Day(x.now())
	po := &PersonOutcomes{PersonID: personID, Name: p.Name, Served: served, Checks: casework.Checks(served, outs),
		Due: casework.DueChecks(served, outs, today)}
	if cur, ok := casework.At(outs, today); ok {
		po.Current = &cur
	}
	sort.SliceStable(outs, func(i, j int) bool {
		if !outs[i].Since.Equal(outs[j].Since) {
			return outs[i].Since.After(outs[j].Since)
		}
		return outs[i].Source.Strength() > outs[j].Source.Strength()
	})
	po.Outcomes = outs
	return po, nil
}

// DueChecks is the outcome checks of a person due by today and not yet
// answered, for the agent's screen and the call's agenda; the caller has
// already decided the agent may see the person.
func (x *Outcomes) DueChecks(ctx context.Context, personID int64, today time.Time) ([]casework.Check, error) {
	return x.db.Casework().DueChecks(ctx, personID, today)
}

// CohortQuery asks for a cohort report: people served by Kind from From to
// To (dates, inclusive), in rows by GroupBy.
type CohortQuery struct {
	Kind    casework.ServedKind
	From    time.Time
	To      time.Time
	GroupBy casework.GroupBy
}

// MaxCohortSpan is the longest period one report covers.
const MaxCohortSpan = 5 * 366 * 24 * time.Hour

// CohortReport is a cohort report: its query (with defaults filled), the
// day it was computed for, the rows with their labels and the total.
type CohortReport struct {
	Query CohortQuery
	Today time.Time
	Rows  []CohortLine
	Total CohortLine
}

// CohortLine is a report row with the name of its group.
type CohortLine struct {
	casework.CohortRow
	Label string
}

// ParseCohortQuery reads a report's parameters as the page and the API
// send them (kind, from, to as YYYY-MM-DD, group_by); empty ones take the
// defaults: call-centre clients of the last 15 months by cohort month.
func (x *Outcomes) ParseCohortQuery(kind, from, to, groupBy string) (CohortQuery, error) {
	today := casework.Day(x.now())
	q := CohortQuery{Kind: casework.ServedKind(kind), GroupBy: casework.GroupBy(groupBy)}
	if q.Kind == "" {
		q.Kind = casework.KindCallCentre
	}
	if q.GroupBy == "" {
		q.GroupBy = casework.ByMonth
	}
	var f apperr.Fields
	if !q.Kind.Valid() {
		f.Add("kind", "服务类型应为 callcentre（话务服务）、referral（推荐就业）或 training（职业培训）")
	}
	if !q.GroupBy.Valid() {
		f.Add("group_by", "分组应为 month（服务月份）、topic（服务内容）、agent（话务员）或 provider（培训机构）")
	}
	q.From, q.To = parseDay(&f, "from", from), parseDay(&f, "to", to)
	if q.To.IsZero() && f["to"] == "" {
		q.To = today
	}
	if q.From.IsZero() && f["from"] == "" {
		q.From = casework.MonthOf(today.AddDate(0, -15, 0))
	}
	switch {
	case f["from"] != "" || f["to"] != "":
	case q.From.After(q.To):
		f.Add("from", "开始日期不能晚于结束日期")
	case q.To.Sub(q.From) > MaxCohortSpan:
		f.Add("from", "一次最多统计 5 年")
	}
	return q, f.Err()
}

// Cohorts computes a cohort report for staff: who was served in the
// period (one query), their outcomes and job-board hires (two more), and
// the rows in Go. No personal data is shown, so it is not audited.
func (x *Outcomes) Cohorts(ctx context.Context, a Actor, q CohortQuery) (*CohortReport, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "outcome_report", 0)
	}
	if !q.Kind.Valid() || !q.GroupBy.Valid() || q.From.IsZero() || q.To.IsZero() || q.From.After(q.To) {
		return nil, apperr.New(apperr.Invalid, "统计条件不完整")
	}
	cw := x.db.Casework()
	served, err := cw.ServedBetween(ctx, q.Kind, q.From, q.To)
	if err != nil {
		return nil, err
	}
	in := make(map[int64]bool, len(served))
	for _, s := range served {
		in[s.PersonID] = true
	}
	outs, err := cw.CohortOutcomes(ctx, q.Kind, q.From, q.To, in)
	if err != nil {
		return nil, err
	}
	today := casework.Day(x.now())
	members := make([]casework.Member, len(served))
	for i, s := range served {
		m := casework.Member{ServedOn: s.ServedOn, Group: casework.GroupKey(q.GroupBy, s)}
		if day, band, ok := casework.FirstEmployment(s.ServedOn, outs[s.PersonID]); ok {
			m.Employed, m.WageBand = day, band
		}
		members[i] = m
	}
	rows, total := casework.Cohorts(members, today)
	rep := &CohortReport{Query: q, Today: today, Total: CohortLine{CohortRow: total, Label: "合计"}}
	for _, r := range rows {
		rep.Rows = append(rep.Rows, CohortLine{CohortRow: r, Label: x.groupLabel(ctx, q.GroupBy, r.Key)})
	}
	return rep, nil
}

// groupLabel names a report row's group.
func (x *Outcomes) groupLabel(ctx context.Context, g casework.GroupBy, key string) string {
	switch g {
	case casework.ByMonth:
		if t, err := time.Parse("2006-01", key); err == nil {
			return t.Format("2006年01月")
		}
	case casework.ByTopic:
		if key == "" {
			return "未填写"
		}
		return casework.Topic(key).Label()
	case casework.ByAgent:
		id, _ := strconv.ParseInt(key, 10, 64)
		if id == 0 {
			return "未指定"
		}
		if u, err := x.db.Accounts().UserByID(ctx, id); err == nil {
			return u.Name
		}
		return "用户 " + key
	case casework.ByProvider:
		if key == "" {
			return "未填写"
		}
	}
	return key
}
