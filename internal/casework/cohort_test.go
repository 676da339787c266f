package casework

import (
	"math"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestWilsonInterval(t *testing.T) {
	for _, c := range []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 0, 0, 1},
		{5, 10, 0.2366, 0.7634},
		{0, 10, 0, 0.2775},
		{10, 10, 0.7225, 1},
		{81, 100, 0.7222, 0.8749},
	} {
		lo, hi := Wilson(c.k, c.n)
		if math.Abs(lo-c.lo) > 1e-4 || math.Abs(hi-c.hi) > 1e-4 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", c.k, c.n, lo, hi, c.lo, c.hi)
		}
	}
}

func TestMedian(t *testing.T) {
	if m := Median(nil); m != 0 {
		t.Errorf("Median(nil) = %v", m)
	}
	if m := Median([]float64{9, 1, 5}); m != 5 {
		t.Errorf("odd median = %v, want 5", m)
	}
	if m := Median([]float64{10, 2, 4, 8}); m != 6 {
		t.Errorf("even median = %v, want 6", m)
	}
}

// TestCohortHorizons checks that a member counts at a horizon only when the
// horizon has passed, placed only when working by then, and the median and
// wage band of those working.
func TestCohortHorizons(t *testing.T) {
	today := d("2026-08-15")
	ms := []Member{
		{ServedOn: d("2026-01-10"), Group: "2026-01", Employed: d("2026-02-09"), WageBand: Wage3000}, // 30 days, placed at 3 and 6
		{ServedOn: d("2026-01-20"), Group: "2026-01", Employed: d("2026-05-20"), WageBand: Wage5000}, // 120 days: placed at 6 not 3
		{ServedOn: d("2026-01-31"), Group: "2026-01"},                                                // never
		{ServedOn: d("2026-06-01"), Group: "2026-06", Employed: d("2026-06-11"), WageBand: Wage3000}, // 3 months not passed
	}
	rows, total := Cohorts(ms, today) // 6 months passed for all of January, 12 for none
	if len(rows) != 2 || rows[0].Key != "2026-01" || rows[1].Key != "2026-06" {
		t.Fatalf("rows = %+v", rows)
	}
	jan := rows[0]
	if jan.N != 3 || !jan.Small {
		t.Errorf("jan N = %d small = %v", jan.N, jan.Small)
	}
	want := []struct{ eligible, placed int }{{3, 1}, {3, 2}, {0, 0}}
	for i, w := range want {
		h := jan.Horizons[i]
		if h.Eligible != w.eligible || h.Placed != w.placed {
			t.Errorf("jan at %d months: %d of %d, want %d of %d", h.Months, h.Placed, h.Eligible, w.placed, w.eligible)
		}
	}
	if h := jan.Horizons[0]; math.Abs(h.Rate-1.0/3) > 1e-9 || h.Low <= 0 || h.High >= 1 {
		t.Errorf("jan 3-month rate %+v", h)
	}
	if jan.MedianDays != 75 { // 30 and 120
		t.Errorf("jan median days = %v, want 75", jan.MedianDays)
	}
	if jan.WageBand != Wage3000 { // tie 1:1 goes to the lower band
		t.Errorf("jan wage band = %q", jan.WageBand)
	}
	jun := rows[1]
	if jun.Horizons[0].Eligible != 0 || jun.Employed != 1 {
		t.Errorf("june: horizon not passed yet must not count: %+v", jun)
	}
	if total.N != 4 || total.Horizons[0].Eligible != 3 || total.WageBand != Wage3000 {
		t.Errorf("total = %+v", total)
	}
	// The horizon boundary: served exactly 3 months before today counts.
	rows, _ = Cohorts([]Member{{ServedOn: d("2026-05-15"), Group: "x", Employed: d("2026-08-15")}}, today)
	if h := rows[0].Horizons[0]; h.Eligible != 1 || h.Placed != 1 {
		t.Errorf("boundary: %+v", h)
	}
	big := make([]Member, SmallCohort)
	for i := range big {
		big[i] = Member{ServedOn: d("2025-01-01"), Group: "g"}
	}
	if rows, _ := Cohorts(big, today); rows[0].Small {
		t.Errorf("a cohort of %d is flagged small", SmallCohort)
	}
}

func TestGroupKey(t *testing.T) {
	s := Served{ServedOn: d("2026-03-05"), Topic: TopicResume, AgentID: 42, Provider: "武汉技师学院"}
	for g, want := range map[GroupBy]string{ByMonth: "2026-03", ByTopic: "resume", ByAgent: "42", ByProvider: "武汉技师学院"} {
		if got := GroupKey(g, s); got != want {
			t.Errorf("GroupKey(%s) = %q, want %q", g, got, want)
		}
	}
}
