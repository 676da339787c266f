package casework

import (
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func TestSourceStrengthOrder(t *testing.T) {
	for i := 1; i < len(Sources); i++ {
		if Sources[i-1].Strength() <= Sources[i].Strength() {
			t.Errorf("%s must be stronger than %s", Sources[i-1], Sources[i])
		}
	}
	if Source("rumour").Strength() != 0 || SourceInsurance.Recordable() || SourceJobBoard.Recordable() || !SourceAgent.Recordable() {
		t.Error("unknown source has strength, or an automatic source is recordable by hand")
	}
}

func TestOutcomeValidate(t *testing.T) {
	now := time.Date(2026, 7, 15, 10, 0, 0, 0, time.UTC)
	ok := Outcome{PersonID: 1, Status: Employed, Employer: "武汉临空港物流有限公司", Since: d("2026-05-01"), Source: SourceAgent,
		WageBand: Wage5000, ContractType: ContractFixed}
	if err := ok.Validate(now, nil); err != nil {
		t.Fatalf("valid outcome refused: %v", err)
	}
	for field, o := range map[string]Outcome{
		"status":        {PersonID: 1, Status: "rich", Since: d("2026-05-01"), Source: SourceAgent},
		"employer":      {PersonID: 1, Status: Employed, Since: d("2026-05-01"), Source: SourceAgent},
		"since":         {PersonID: 1, Status: Unemployed, Since: d("2026-08-01"), Source: SourceAgent},
		"until":         {PersonID: 1, Status: Unemployed, Since: d("2026-05-01"), Until: d("2026-04-01"), Source: SourceAgent},
		"source":        {PersonID: 1, Status: Unemployed, Since: d("2026-05-01"), Source: "rumour"},
		"wage_band":     {PersonID: 1, Status: Unemployed, Since: d("2026-05-01"), Source: SourceAgent, WageBand: "lots"},
		"employer_uscc": {PersonID: 1, Status: Employed, Employer: "x", EmployerUSCC: "123", Since: d("2026-05-01"), Source: SourceAgent},
		"contract_type": {PersonID: 1, Status: Unemployed, Since: d("2026-05-01"), Source: SourceAgent, ContractType: "verbal"},
	} {
		err := o.Validate(now, nil)
		if e := apperr.As(err); err == nil || e.Fields[field] == "" {
			t.Errorf("%s: want a field error, got %v", field, err)
		}
	}
}

// TestOutcomeAtStrongestSource: on a day two sources disagree, the
// stronger one decides; where only the weaker covers, it is believed.
func TestOutcomeAtStrongestSource(t *testing.T) {
	outs := []Outcome{
		{Status: Unemployed, Since: d("2026-01-01"), Source: SourceAgent},
		{Status: Employed, Since: d("2026-03-01"), Until: d("2026-05-31"), Source: SourceInsurance, Employer: "甲"},
	}
	if o, ok := At(outs, d("2026-04-10")); !ok || o.Source != SourceInsurance || o.Status != Employed {
		t.Errorf("April: %+v %v", o, ok)
	}
	if o, ok := At(outs, d("2026-06-10")); !ok || o.Status != Unemployed {
		t.Errorf("June: %+v", o)
	}
	if _, ok := At(outs, d("2025-12-31")); ok {
		t.Error("an outcome before any record")
	}
}

func TestFirstEmployment(t *testing.T) {
	served := d("2026-02-10")
	outs := []Outcome{
		{Status: Employed, Since: d("2025-01-01"), Until: d("2025-12-31"), Source: SourceInsurance}, // ended before served
		{Status: Employed, Since: d("2026-03-01"), Source: SourceAgent, WageBand: Wage3000},
		{Status: Unemployed, Since: d("2026-03-01"), Until: d("2026-03-31"), Source: SourceSelf}, // stronger than agent: not yet
		{Status: Employed, Since: d("2026-04-15"), Source: SourceJobBoard, WageBand: Wage5000},
	}
	day, band, ok := FirstEmployment(served, outs)
	if !ok || !day.Equal(d("2026-04-01")) || band != Wage3000 {
		// April 1: the self answer ended, the agent's record decides.
		t.Errorf("first employment = %s %s %v", day.Format(time.DateOnly), band, ok)
	}
	// A job held when served counts from the day served.
	day, _, ok = FirstEmployment(served, []Outcome{{Status: SelfEmployed, Since: d("2025-06-01"), Source: SourceAgent}})
	if !ok || !day.Equal(served) {
		t.Errorf("held when served: %s %v", day, ok)
	}
	// An insurance record gives no wage; a later call's band stands in.
	_, band, _ = FirstEmployment(served, []Outcome{
		{Status: Employed, Since: d("2026-03-01"), Source: SourceInsurance},
		{Status: Employed, Since: d("2026-05-01"), Source: SourceAgent, WageBand: Wage8000},
	})
	if band != Wage8000 {
		t.Errorf("band from the later call: %q", band)
	}
	if _, _, ok := FirstEmployment(served, outs[:1]); ok {
		t.Error("a job that ended before being served is no placement")
	}
}

// TestChecksDue: checks at 3, 6 and 12 months; an outcome recorded no more
// than 14 days before a due date answers it, an insurance record covering
// the due date answers it whenever imported.
func TestChecksDue(t *testing.T) {
	served := []Served{{PersonID: 1, Kind: KindCallCentre, ServedOn: d("2026-01-10")}}
	today := d("2026-07-20")
	due := DueChecks(served, nil, today)
	if len(due) != 2 || due[0].Months != 3 || !due[0].Due.Equal(d("2026-04-10")) || due[1].Months != 6 {
		t.Fatalf("due checks = %+v", due)
	}
	early := []Outcome{{Status: Unemployed, Since: d("2026-03-20"), Source: SourceAgent, RecordedAt: d("2026-03-26")}}
	if due := DueChecks(served, early, today); len(due) != 2 {
		t.Errorf("recorded 15 days before the 3-month check does not count: %+v", due)
	}
	early[0].RecordedAt = d("2026-03-27")
	if due := DueChecks(served, early, today); len(due) != 1 || due[0].Months != 6 {
		t.Errorf("recorded 14 days before the 3-month check counts for it, not for the 6-month one: %+v", due)
	}
	ins := []Outcome{{Status: Employed, Since: d("2026-06-01"), Until: d("2026-08-31"), Source: SourceInsurance, RecordedAt: d("2026-01-01")}}
	checks := Checks(served, ins)
	if checks[0].Done || !checks[1].Done || checks[2].Done {
		t.Errorf("insurance covering the 6-month date only: %+v", checks)
	}
	if checks[0].Label() != "话务服务 3 个月回访" {
		t.Errorf("label %q", checks[0].Label())
	}
}
