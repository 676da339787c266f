package app

// 培训效果 per provider and class: placement at 3, 6 and 12 months after
// the class ended (from the outcome tracking: recorded outcomes, insurance
// and job-board hires), the share of trainees certified in the class's
// occupation and level, the subsidy paid and the cost per placement.
// Trainees join the outcome tracking when their class ends
// (MarkTrainees, run by the daily casework task), so the call centre's
// checks reach them too.

import (
	"context"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// TrainingOutcomes is the use cases of 培训效果.
type TrainingOutcomes struct {
	*core
}

// MarkTrainees adds the trainees of classes that have ended to the outcome
// tracking (kind training). It is idempotent and runs daily.
func (x *TrainingOutcomes) MarkTrainees(ctx context.Context) (int64, error) {
	return x.db.Training().MarkTraineesServed(ctx, x.now())
}

// OutcomeQuery asks for classes that ended from From to To, of one
// provider (0: all).
type OutcomeQuery struct {
	From, To   time.Time
	ProviderID int64
}

// PublicMinTrainees is the fewest trainees a provider's public figures are
// shown for: below it a rate would describe a handful of named people.
const PublicMinTrainees = 5

// OutcomeLine is the figures of a class, a provider or everything.
type OutcomeLine struct {
	Key         string // class or provider id ("" for the total)
	Label       string // class title or provider name
	Trainees    int
	Horizons    []casework.Horizon // placement at 3, 6 and 12 months
	Employed    int                // trainees working at any time since the class ended
	Certified   int                // trainees holding a valid certificate of the class's occupation and level
	SubsidyYuan int64              // subsidy paid for these trainees' classes
	Small       bool               // fewer than casework.SmallCohort trainees
}

// PassRate is the share of trainees certified (0 without trainees).
func (l OutcomeLine) PassRate() float64 {
	if l.Trainees == 0 {
		return 0
	}
	return float64(l.Certified) / float64(l.Trainees)
}

// CostPerPlacement is the subsidy paid per trainee working since the
// class ended, in whole yuan; ok is false when nobody is working yet.
func (l OutcomeLine) CostPerPlacement() (yuan int64, ok bool) {
	if l.Employed == 0 {
		return 0, false
	}
	return (l.SubsidyYuan + int64(l.Employed)/2) / int64(l.Employed), true
}

// Horizon is the placement at months (zero when not a check month).
func (l OutcomeLine) Horizon(months int) casework.Horizon {
	for _, h := range l.Horizons {
		if h.Months == months {
			return h
		}
	}
	return casework.Horizon{Months: months}
}

// ProviderOutcome is a provider's line and its classes' lines.
type ProviderOutcome struct {
	OutcomeLine
	ProviderID int64
	Classes    []ClassOutcome
}

// ClassOutcome is a class's line with what names it.
type ClassOutcome struct {
	OutcomeLine
	Class store.OutcomeClass
}

// OutcomeReport is the report: its query, the day it was computed for, a
// line per provider with its classes, and the total.
type OutcomeReport struct {
	Query     OutcomeQuery
	Today     time.Time
	Providers []ProviderOutcome
	Total     OutcomeLine
}

// ParseOutcomeQuery reads the report's parameters (dates as YYYY-MM-DD);
// empty ones default to the classes that ended in the last three years.
func (x *TrainingOutcomes) ParseOutcomeQuery(from, to, provider string) (OutcomeQuery, error) {
	var f apperr.Fields
	q := OutcomeQuery{From: parseDay(&f, "from", from), To: parseDay(&f, "to", to)}
	today := casework.Day(x.now())
	if q.To.IsZero() && f["to"] == "" {
		q.To = today
	}
	if q.From.IsZero() && f["from"] == "" {
		q.From = q.To.AddDate(-3, 0, 0)
	}
	if provider != "" {
		id, err := strconv.ParseInt(provider, 10, 64)
		if err != nil || id <= 0 {
			f.Add("provider", "培训机构不存在")
		}
		q.ProviderID = id
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

// Report is the outcome report for staff. It names no person, so it is
// not audited.
func (x *TrainingOutcomes) Report(ctx context.Context, a Actor, q OutcomeQuery) (*OutcomeReport, error) {
	if !account.CanManageTraining(a.User) {
		return nil, x.deny(ctx, a, "training_outcomes", 0)
	}
	return x.report(ctx, q)
}

// report computes the report: the classes and trainees (two queries),
// their outcomes (two per 500 trainees) and the subsidy paid, then the
// lines in Go.
func (x *TrainingOutcomes) report(ctx context.Context, q OutcomeQuery) (*OutcomeReport, error) {
	classes, trainees, err := x.db.Training().EndedClasses(ctx, q.From, q.To, q.ProviderID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(trainees))
	seen := map[int64]bool{}
	for _, t := range trainees {
		if !seen[t.PersonID] {
			seen[t.PersonID] = true
			ids = append(ids, t.PersonID)
		}
	}
	outs, err := x.db.Casework().OutcomesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	paid, err := x.db.Training().PaidSubsidyByClass(ctx, classIDs(classes))
	if err != nil {
		return nil, err
	}
	return buildOutcomeReport(q, casework.Day(x.now()), classes, trainees, outs, paid), nil
}

func classIDs(cs []store.OutcomeClass) []int64 {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// buildOutcomeReport puts the lines together: a trainee is served on
// their class's last day, and counts once per class they finished.
func buildOutcomeReport(q OutcomeQuery, today time.Time, classes []store.OutcomeClass, trainees []store.ClassTrainee,
	outs map[int64][]casework.Outcome, paid map[int64]int64) *OutcomeReport {
	byID := make(map[int64]*store.OutcomeClass, len(classes))
	for i := range classes {
		byID[classes[i].ID] = &classes[i]
	}
	var byClass, byProvider []casework.Member
	// Certified trainees per class and per provider, in maps of their own:
	// a class and a provider may share an id.
	certClass, certProvider, certAll := map[int64]int{}, map[int64]int{}, 0
	for _, t := range trainees {
		c := byID[t.ClassID]
		if c == nil {
			continue
		}
		m := casework.Member{ServedOn: c.End}
		if day, band, ok := casework.FirstEmployment(c.End, outs[t.PersonID]); ok {
			m.Employed, m.WageBand = day, band
		}
		ck, pk := strconv.FormatInt(c.ID, 10), strconv.FormatInt(c.ProviderID, 10)
		m.Group = ck
		byClass = append(byClass, m)
		m.Group = pk
		byProvider = append(byProvider, m)
		if t.Certified {
			certClass[c.ID]++
			certProvider[c.ProviderID]++
			certAll++
		}
	}
	classRows, total := casework.Cohorts(byClass, today)
	providerRows, _ := casework.Cohorts(byProvider, today)
	classLine := map[string]casework.CohortRow{}
	for _, r := range classRows {
		classLine[r.Key] = r
	}
	providerLine := map[string]casework.CohortRow{}
	for _, r := range providerRows {
		providerLine[r.Key] = r
	}
	rep := &OutcomeReport{Query: q, Today: today, Total: outcomeLine(total, "合计", certAll, 0)}
	for _, c := range classes { // in provider name, end date order
		pk := strconv.FormatInt(c.ProviderID, 10)
		if len(rep.Providers) == 0 || rep.Providers[len(rep.Providers)-1].ProviderID != c.ProviderID {
			rep.Providers = append(rep.Providers, ProviderOutcome{ProviderID: c.ProviderID,
				OutcomeLine: outcomeLine(providerLine[pk], c.ProviderName, certProvider[c.ProviderID], 0)})
		}
		p := &rep.Providers[len(rep.Providers)-1]
		ck := strconv.FormatInt(c.ID, 10)
		line := outcomeLine(classLine[ck], c.Title, certClass[c.ID], paid[c.ID])
		if line.Trainees == 0 {
			line.Horizons = emptyHorizons()
		}
		p.Classes = append(p.Classes, ClassOutcome{OutcomeLine: line, Class: c})
		p.SubsidyYuan += paid[c.ID]
		rep.Total.SubsidyYuan += paid[c.ID]
	}
	for i := range rep.Providers {
		if rep.Providers[i].Trainees == 0 {
			rep.Providers[i].Horizons = emptyHorizons()
		}
	}
	if rep.Total.Trainees == 0 {
		rep.Total.Horizons = emptyHorizons()
	}
	return rep
}

func outcomeLine(r casework.CohortRow, label string, certified int, paid int64) OutcomeLine {
	return OutcomeLine{Key: r.Key, Label: label, Trainees: r.N, Horizons: r.Horizons, Employed: r.Employed,
		Certified: certified, SubsidyYuan: paid, Small: r.N < casework.SmallCohort}
}

// emptyHorizons is the horizons of a line without trainees: none passed.
func emptyHorizons() []casework.Horizon {
	hs := make([]casework.Horizon, len(casework.CheckMonths))
	for i, m := range casework.CheckMonths {
		hs[i] = casework.Horizon{Months: m, High: 1}
	}
	return hs
}

// ProviderSummary is what a provider's public page shows of its results:
// over the classes that ended in the last three years, unless fewer than
// PublicMinTrainees trainees finished them (Shown false).
type ProviderSummary struct {
	Shown   bool
	Classes int
	Line    OutcomeLine
}

// PublicSummary is a designated provider's results for its public page.
// It names no person and is not audited.
func (x *TrainingOutcomes) PublicSummary(ctx context.Context, p *training.Provider) (*ProviderSummary, error) {
	today := casework.Day(x.now())
	rep, err := x.report(ctx, OutcomeQuery{From: today.AddDate(-3, 0, 0), To: today, ProviderID: p.ID})
	if err != nil {
		return nil, err
	}
	s := &ProviderSummary{Line: rep.Total}
	for _, po := range rep.Providers {
		s.Classes += len(po.Classes)
	}
	s.Shown = rep.Total.Trainees >= PublicMinTrainees
	return s, nil
}
