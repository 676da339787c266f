package casework

// Cohort reports: of the people served in a period, how many were working
// 3, 6 and 12 months later, how long it took, at what wage, by cohort
// month, topic, agent or training provider. Counts and a confidence
// interval go with every rate so a cohort of eight is not read like one of
// eight hundred.

import (
	"math"
	"sort"
	"strconv"
	"time"
)

// GroupBy is what a cohort report's rows are.
type GroupBy string

// The groupings.
const (
	ByMonth    GroupBy = "month"    // the month served (served_on)
	ByTopic    GroupBy = "topic"    // the first contact's topic
	ByAgent    GroupBy = "agent"    // the agent who served first
	ByProvider GroupBy = "provider" // the training provider
)

// GroupBys lists every grouping in display order.
var GroupBys = []GroupBy{ByMonth, ByTopic, ByAgent, ByProvider}

// Label is the grouping's Chinese name.
func (g GroupBy) Label() string {
	switch g {
	case ByMonth:
		return "服务月份"
	case ByTopic:
		return "服务内容"
	case ByAgent:
		return "话务员"
	case ByProvider:
		return "培训机构"
	}
	return string(g)
}

// Valid reports whether g is a known grouping.
func (g GroupBy) Valid() bool {
	for _, x := range GroupBys {
		if g == x {
			return true
		}
	}
	return false
}

// SmallCohort is the size under which a row is flagged: its rates are
// too uncertain to compare.
const SmallCohort = 30

// SmallNote is the flag's text.
const SmallNote = "样本较少，仅供参考"

// Member is one person served, as a cohort report counts them: when they
// were served, the row they belong to, and when they were first working
// afterwards (zero when not yet) at what wage band.
type Member struct {
	ServedOn time.Time
	Group    string
	Employed time.Time
	WageBand WageBand
}

// Horizon is the placement at Months after being served. Only members
// whose horizon has passed (served on or before today less Months) are
// counted: Eligible is that denominator, Placed those working by then.
type Horizon struct {
	Months   int
	Eligible int
	Placed   int
	Rate     float64 // Placed / Eligible, 0 when Eligible is 0
	Low      float64 // 95% Wilson interval
	High     float64
}

// CohortRow is one row of a cohort report.
type CohortRow struct {
	Key        string
	N          int
	Horizons   []Horizon // one per CheckMonths
	Employed   int       // members working at any time since served
	MedianDays float64   // median days from served to working, over Employed
	WageBand   WageBand  // the most common band among Employed who gave one
	Small      bool      // N < SmallCohort
}

// Cohorts computes a report's rows, one per group key in key order, and the
// row of all members (Key ""). today decides which horizons have passed.
func Cohorts(members []Member, today time.Time) (rows []CohortRow, total CohortRow) {
	groups := map[string][]Member{}
	for _, m := range members {
		groups[m.Group] = append(groups[m.Group], m)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		rows = append(rows, cohortRow(k, groups[k], today))
	}
	return rows, cohortRow("", members, today)
}

func cohortRow(key string, ms []Member, today time.Time) CohortRow {
	today = Day(today)
	r := CohortRow{Key: key, N: len(ms), Small: len(ms) < SmallCohort}
	for _, months := range CheckMonths {
		h := Horizon{Months: months}
		for _, m := range ms {
			at := Day(m.ServedOn).AddDate(0, months, 0)
			if at.After(today) {
				continue // the horizon has not passed: not counted either way
			}
			h.Eligible++
			if !m.Employed.IsZero() && !Day(m.Employed).After(at) {
				h.Placed++
			}
		}
		if h.Eligible > 0 {
			h.Rate = float64(h.Placed) / float64(h.Eligible)
		}
		h.Low, h.High = Wilson(h.Placed, h.Eligible)
		r.Horizons = append(r.Horizons, h)
	}
	var days []float64
	bands := map[WageBand]int{}
	for _, m := range ms {
		if m.Employed.IsZero() {
			continue
		}
		r.Employed++
		days = append(days, Day(m.Employed).Sub(Day(m.ServedOn)).Hours()/24)
		if m.WageBand != "" {
			bands[m.WageBand]++
		}
	}
	r.MedianDays = Median(days)
	for _, b := range WageBands { // ties go to the lower band
		if bands[b] > bands[r.WageBand] {
			r.WageBand = b
		}
	}
	return r
}

// Wilson is the 95% Wilson score interval of k successes in n trials: it
// stays inside [0, 1] and is honest for small n and for rates near 0 or 1,
// where the normal approximation is not. n == 0 gives [0, 1].
func Wilson(k, n int) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	center := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return math.Max(0, center-half), math.Min(1, center+half)
}

// Median is the median of xs (the mean of the middle two for an even
// count), 0 for none. xs is sorted in place.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// GroupKey is member s's key under g: the month served as "2006-01", the
// topic code, the agent's id, or the provider.
func GroupKey(g GroupBy, s Served) string {
	switch g {
	case ByTopic:
		return string(s.Topic)
	case ByAgent:
		return strconv.FormatInt(s.AgentID, 10)
	case ByProvider:
		return s.Provider
	}
	return Day(s.ServedOn).Format("2006-01")
}
