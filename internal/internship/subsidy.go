package internship

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

//go:embed data/subsidy.yaml
var subsidyYAML []byte

// MinWage is the monthly minimum wage from a date on, with its source;
// Confirm marks a figure the bureau has still to confirm.
type MinWage struct {
	Yuan    int
	From    time.Time
	Source  string
	Confirm bool
}

// Rule is the subsidy rule of data/subsidy.yaml.
type Rule struct {
	Source             string
	PolicyID           string // the catalog policy a claim is an application of
	ValidFrom, ValidTo time.Time
	Ratio              float64 // of the monthly minimum wage, per intern per month
	RatioSource        string
	MaxMonths          int
	MaxMonthsSource    string
	RetentionThreshold float64 // share of finished internships kept
	RetentionBonusYuan int     // per intern kept, when the threshold is reached
	RetentionSource    string
	MinWages           []MinWage // by From, ascending
}

// ParseRule reads a subsidy file: a ratio and a threshold in (0, 1], at
// least one month and a positive bonus, every figure with its source, and
// minimum wages with positive amounts in ascending dates.
func ParseRule(data []byte) (*Rule, error) {
	var doc struct {
		Source             string  `yaml:"source"`
		PolicyID           string  `yaml:"policy_id"`
		ValidFrom          string  `yaml:"valid_from"`
		ValidTo            string  `yaml:"valid_to"`
		Ratio              float64 `yaml:"ratio"`
		RatioSource        string  `yaml:"ratio_source"`
		MaxMonths          int     `yaml:"max_months"`
		MaxMonthsSource    string  `yaml:"max_months_source"`
		RetentionThreshold float64 `yaml:"retention_threshold"`
		RetentionBonusYuan int     `yaml:"retention_bonus_yuan"`
		RetentionSource    string  `yaml:"retention_source"`
		MinWage            []struct {
			Yuan    int    `yaml:"yuan"`
			From    string `yaml:"from"`
			Source  string `yaml:"source"`
			Confirm bool   `yaml:"confirm"`
		} `yaml:"min_wage"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("internship subsidy: %w", err)
	}
	r := &Rule{Source: doc.Source, PolicyID: doc.PolicyID, Ratio: doc.Ratio, RatioSource: doc.RatioSource, MaxMonths: doc.MaxMonths,
		MaxMonthsSource: doc.MaxMonthsSource, RetentionThreshold: doc.RetentionThreshold, RetentionBonusYuan: doc.RetentionBonusYuan,
		RetentionSource: doc.RetentionSource}
	switch {
	case r.Source == "" || r.PolicyID == "":
		return nil, fmt.Errorf("internship subsidy: source and policy_id are required")
	case r.Ratio <= 0 || r.Ratio > 1 || r.RatioSource == "":
		return nil, fmt.Errorf("internship subsidy: ratio must be in (0, 1] with its ratio_source")
	case r.MaxMonths < 1 || r.MaxMonthsSource == "":
		return nil, fmt.Errorf("internship subsidy: max_months must be at least 1 with its max_months_source")
	case r.RetentionThreshold <= 0 || r.RetentionThreshold > 1 || r.RetentionBonusYuan <= 0 || r.RetentionSource == "":
		return nil, fmt.Errorf("internship subsidy: retention_threshold in (0, 1], a positive retention_bonus_yuan and retention_source are required")
	case len(doc.MinWage) == 0:
		return nil, fmt.Errorf("internship subsidy: min_wage needs at least one row")
	}
	var err error
	if r.ValidFrom, err = time.Parse(time.DateOnly, doc.ValidFrom); err != nil {
		return nil, fmt.Errorf("internship subsidy: valid_from: %w", err)
	}
	if doc.ValidTo != "" {
		if r.ValidTo, err = time.Parse(time.DateOnly, doc.ValidTo); err != nil {
			return nil, fmt.Errorf("internship subsidy: valid_to: %w", err)
		}
	}
	for i, w := range doc.MinWage {
		from, err := time.Parse(time.DateOnly, w.From)
		if err != nil {
			return nil, fmt.Errorf("internship subsidy: min_wage row %d: from: %w", i+1, err)
		}
		if w.Yuan <= 0 || w.Source == "" {
			return nil, fmt.Errorf("internship subsidy: min_wage row %d: a positive yuan and a source are required", i+1)
		}
		if n := len(r.MinWages); n > 0 && !from.After(r.MinWages[n-1].From) {
			return nil, fmt.Errorf("internship subsidy: min_wage row %d: dates must ascend", i+1)
		}
		r.MinWages = append(r.MinWages, MinWage{Yuan: w.Yuan, From: from, Source: w.Source, Confirm: w.Confirm})
	}
	return r, nil
}

// LoadRule returns the built-in rule (data/subsidy.yaml), parsed once.
var LoadRule = sync.OnceValues(func() (*Rule, error) { return ParseRule(subsidyYAML) })

// Valid reports whether the rule is in force on day.
func (r *Rule) Valid(day time.Time) bool {
	return !day.Before(r.ValidFrom) && (r.ValidTo.IsZero() || !day.After(r.ValidTo))
}

// MinWageOn is the minimum wage in force on day, if any.
func (r *Rule) MinWageOn(day time.Time) (MinWage, bool) {
	var out MinWage
	ok := false
	for _, w := range r.MinWages {
		if !day.Before(w.From) {
			out, ok = w, true
		}
	}
	return out, ok
}

// MonthlyYuan is the subsidy for one intern-month starting on day: ratio ×
// the minimum wage then, rounded to whole yuan; 0 when the rule or no
// minimum wage is in force.
func (r *Rule) MonthlyYuan(day time.Time) int {
	w, ok := r.MinWageOn(day)
	if !ok || !r.Valid(day) {
		return 0
	}
	return int(math.Round(r.Ratio * float64(w.Yuan)))
}

// BonusDue reports whether a base with kept of finished internships earns
// the retention bonus.
func (r *Rule) BonusDue(kept, finished int) bool {
	return finished > 0 && RetentionRate(kept, finished) >= r.RetentionThreshold-1e-9
}

// Percent is a share as a whole percentage: 0.7 → 70.
func Percent(share float64) int { return int(share*100 + 0.5) }

// Explain says the rule in one line for pages.
func (r *Rule) Explain(day time.Time) string {
	s := "每名见习人员每服务满一个月补贴当地月最低工资的 " + strconv.Itoa(Percent(r.Ratio)) + "%，最长 " + strconv.Itoa(r.MaxMonths) +
		" 个月；留用率达到 " + strconv.Itoa(Percent(r.RetentionThreshold)) + "% 的基地，另按留用人数每人 " + strconv.Itoa(r.RetentionBonusYuan) + " 元"
	if w, ok := r.MinWageOn(day); ok {
		s += "。现行月最低工资 " + strconv.Itoa(w.Yuan) + " 元，即每人每月 " + strconv.Itoa(r.MonthlyYuan(day)) + " 元"
		if w.Confirm {
			s += "（最低工资标准待区人社局确认）"
		}
	}
	return s
}

// ClaimLine is one intern's part of a month's claim.
type ClaimLine struct {
	InternshipID int64
	PersonName   string
	Periods      []int // the 见习月 numbers served, claimed now
	MonthlyYuan  int
	Bonus        bool // kept, and the base's rate reached the threshold
	Yuan         int
}

// Claim is a base's claim for one ledger month.
type Claim struct {
	Month string // YYYY-MM
	Lines []ClaimLine
	Yuan  int
}

// Served counts the intern-months in the claim.
func (c *Claim) Served() int {
	n := 0
	for _, l := range c.Lines {
		n += len(l.Periods)
	}
	return n
}

// Bonuses counts the retention bonuses in the claim.
func (c *Claim) Bonuses() int {
	n := 0
	for _, l := range c.Lines {
		if l.Bonus {
			n++
		}
	}
	return n
}

// Explain says how the claim was worked out, line by line.
func (c *Claim) Explain() string {
	s := MonthLabel(c.Month) + "就业见习补贴："
	for i, l := range c.Lines {
		if i > 0 {
			s += "；"
		}
		s += l.PersonName
		if len(l.Periods) > 0 {
			s += fmt.Sprintf(" 见习 %d 个月 × %d 元", len(l.Periods), l.MonthlyYuan)
		}
		if l.Bonus {
			s += " 留用奖补"
		}
		s += fmt.Sprintf(" = %d 元", l.Yuan)
	}
	return s + fmt.Sprintf("。合计 %d 元。", c.Yuan)
}

// BuildClaim works out a base's claim for ledger month from its
// internships: every served, unclaimed period that starts in the month,
// and the retention bonus for each internship kept that ended in the
// month when the base's retention rate (kept / finished, all
// internships) reaches the threshold. A month whose periods have not all
// ended by today cannot be claimed yet: the reason says so.
func (r *Rule) BuildClaim(month string, ins []*Internship, today time.Time) (*Claim, string) {
	kept, finished := 0, 0
	for _, in := range ins {
		if in.Status == InternFinished {
			finished++
			if in.Kept {
				kept++
			}
		}
	}
	bonus := r.BonusDue(kept, finished)
	c := &Claim{Month: month}
	for _, in := range ins {
		l := ClaimLine{InternshipID: in.ID, PersonName: in.PersonName}
		for _, p := range in.Periods {
			if p.Month != month {
				continue
			}
			if !p.To.Before(today) {
				return nil, "第 " + strconv.Itoa(p.N) + " 个见习月（" + in.PersonName + "，至 " + p.To.Format(time.DateOnly) + "）尚未结束，" +
					MonthLabel(month) + "开始的见习月全部结束后才能申领"
			}
			if p.Served && p.ClaimID == 0 {
				l.Periods = append(l.Periods, p.N)
				l.MonthlyYuan = r.MonthlyYuan(p.From)
				l.Yuan += l.MonthlyYuan
			}
		}
		if bonus && in.Status == InternFinished && in.Kept && MonthKey(in.EndedOn) == month {
			l.Bonus = true
			l.Yuan += r.RetentionBonusYuan
		}
		if len(l.Periods) > 0 || l.Bonus {
			c.Lines = append(c.Lines, l)
			c.Yuan += l.Yuan
		}
	}
	if len(c.Lines) == 0 {
		return nil, MonthLabel(month) + "没有可申领的见习月或留用奖补（见习月须记录为已完成见习）"
	}
	return c, ""
}
