package startup

import (
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// An award of 200,001 fen splits 40/30/30: 80,000 + 60,000 + 60,001 (the
// last takes the rounding), due 1, 6 and 12 months after the decision (clamped to the month's end, as due dates are).
func TestMilestonePlan(t *testing.T) {
	ms := MilestonePlan(7, 200_001, time.Date(2026, 1, 31, 15, 0, 0, 0, time.UTC))
	want := []struct {
		amount int64
		due    string
	}{{80_000, "2026-02-28"}, {60_000, "2026-07-31"}, {60_001, "2027-01-31"}}
	for i, w := range want {
		if ms[i].Amount != w.amount || ms[i].Due.Format(time.DateOnly) != w.due || ms[i].N != i+1 || ms[i].Status != MilestonePending {
			t.Errorf("milestone %d: %+v, want %d due %s", i+1, ms[i], w.amount, w.due)
		}
	}
}

// Milestones are reported in order; one reported or approved is not
// reported again; a returned one is.
func TestCanReport(t *testing.T) {
	ms := MilestonePlan(7, 10_000_000, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err := CanReport(ms, 2); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second before the first: %v", err)
	}
	if err := CanReport(ms, 1); err != nil {
		t.Fatalf("first: %v", err)
	}
	ms[0].Status = MilestoneReported
	if err := CanReport(ms, 1); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("first again: %v", err)
	}
	ms[0].Status = MilestoneReturned
	if err := CanReport(ms, 1); err != nil {
		t.Fatalf("returned: %v", err)
	}
	ms[0].Status = MilestoneApproved
	if err := CanReport(ms, 2); err != nil {
		t.Fatalf("second after the first approved: %v", err)
	}
	if err := CanReport(ms, 4); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("no fourth: %v", err)
	}
}

func TestFollowUpValidate(t *testing.T) {
	if err := (&FollowUp{Months: 12, Operating: true, Jobs: 6}).Validate(); err != nil {
		t.Fatalf("a short follow-up: %v", err)
	}
	e := apperr.As((&FollowUp{Months: 18, Jobs: -1, Note: "太短"}).Validate())
	if e == nil || e.Fields["months"] == "" || e.Fields["jobs"] == "" || e.Fields["note"] == "" {
		t.Fatalf("bad follow-up: %v", e)
	}
}
