package internship

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestEligible(t *testing.T) {
	on := day("2026-05-11")
	for _, c := range []struct {
		name string
		a    Applicant
		ok   bool
		says string
	}{
		{"graduate within two years", Applicant{Education: "本科", GraduationDate: day("2025-06-30"), EmploymentStatus: "失业"}, true, "离校 2 年内"},
		{"graduate on the last day", Applicant{Education: "大专", GraduationDate: day("2024-05-11")}, true, "离校 2 年内"},
		{"graduate a day too late", Applicant{Education: "大专", GraduationDate: day("2024-05-10")}, false, "离校已超过 2 年"},
		{"graduate not yet left", Applicant{Education: "硕士", GraduationDate: day("2026-06-30"), EmploymentStatus: "在校学生"}, false, "尚未毕业离校"},
		{"graduate in work", Applicant{Education: "本科", GraduationDate: day("2025-06-30"), EmploymentStatus: "在职"}, false, "不是未就业"},
		{"no college", Applicant{Education: "高中"}, false, "学历不是大专及以上"},
		{"no graduation date", Applicant{Education: "本科"}, false, "未填写毕业日期"},
		{"unemployed youth of 24", Applicant{Education: "高中", RegisteredUnemployed: true, Birth: day("2001-05-12")}, true, "24 周岁"},
		{"unemployed youth of 16", Applicant{Education: "初中", RegisteredUnemployed: true, Birth: day("2010-05-11")}, true, "16 周岁"},
		{"unemployed at 25", Applicant{Education: "高中", RegisteredUnemployed: true, Birth: day("2001-05-10")}, false, "年龄 25 周岁"},
		{"youth not registered", Applicant{Education: "高中", Birth: day("2004-01-01")}, false, "未登记失业"},
	} {
		ok, why := Eligible(c.a, on)
		if ok != c.ok || !strings.Contains(why, c.says) {
			t.Errorf("%s: %v %q, want %v with %q", c.name, ok, why, c.ok, c.says)
		}
		if !ok && !strings.HasPrefix(why, "就业见习仅限") {
			t.Errorf("%s: the refusal does not say who may apply: %q", c.name, why)
		}
	}
}

func TestPeriods(t *testing.T) {
	ps := Periods(day("2026-01-31"), 3)
	if len(ps) != 3 || ps[0].To != day("2026-03-02") || ps[0].Month != "2026-01" || ps[1].From != day("2026-03-03") || ps[2].N != 3 {
		// time.AddDate normalises 2026-02-31 to 2026-03-03: the 31st rolls over.
		t.Fatalf("periods from the 31st: %+v", ps)
	}
	ps = Periods(day("2026-02-01"), 2)
	if ps[0].To != day("2026-02-28") || ps[1].From != day("2026-03-01") || ps[1].To != day("2026-03-31") || ps[1].Month != "2026-03" {
		t.Fatalf("periods: %+v", ps)
	}
	if MonthLabel("2026-03") != "2026年3月" || MonthLabel("bad") != "bad" {
		t.Fatal("month label")
	}
}

func TestCheckStart(t *testing.T) {
	today := day("2026-05-11")
	if err := CheckStart(day("2026-02-01"), 6, 6, today); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		start  time.Time
		months int
		field  string
	}{
		{time.Time{}, 3, "start_on"}, {day("2025-05-10"), 3, "start_on"}, {day("2026-08-12"), 3, "start_on"},
		{day("2026-05-01"), 0, "planned_months"}, {day("2026-05-01"), 7, "planned_months"},
	} {
		e := apperr.As(CheckStart(c.start, c.months, 6, today))
		if e == nil || e.Fields[c.field] == "" {
			t.Errorf("%v %d: %v, want an error on %s", c.start, c.months, e, c.field)
		}
	}
}

func TestMoves(t *testing.T) {
	for _, c := range []struct {
		m    Move
		from Status
		to   Status
		ok   bool
	}{
		{MoveDesignate, StatusApplying, StatusDesignated, true}, {MoveDesignate, StatusSuspended, StatusDesignated, true},
		{MoveDesignate, StatusDesignated, "", false}, {MoveDesignate, StatusReturned, "", false},
		{MoveSuspend, StatusDesignated, StatusSuspended, true}, {MoveSuspend, StatusApplying, "", false},
		{MoveReturn, StatusApplying, StatusReturned, true}, {MoveReturn, StatusDesignated, "", false},
	} {
		to, err := c.m.Next(c.from)
		if c.ok != (err == nil) || (c.ok && to != c.to) {
			t.Errorf("%s from %s: %s %v", c.m, c.from, to, err)
		}
		if !c.ok && apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("%s from %s: %v, want a conflict", c.m, c.from, err)
		}
	}
	if RetentionText(0, 0) != "暂无期满见习人员" || RetentionText(2, 3) != "2/3（66.7%）" {
		t.Fatal("retention text")
	}
}

func TestRule(t *testing.T) {
	r, err := LoadRule()
	if err != nil {
		t.Fatal(err)
	}
	if r.MaxMonths != 6 || r.PolicyID != "hb_jianxi_butie" || r.RetentionBonusYuan != 1000 {
		t.Fatalf("rule: %+v", r)
	}
	// 0.7 × 2010 before 2024-02-01, 0.7 × 2210 from it; none before the first wage.
	for _, c := range []struct {
		on   string
		yuan int
	}{{"2023-06-01", 1407}, {"2024-02-01", 1547}, {"2026-05-01", 1547}, {"2021-08-31", 0}} {
		if got := r.MonthlyYuan(day(c.on)); got != c.yuan {
			t.Errorf("monthly on %s: %d, want %d", c.on, got, c.yuan)
		}
	}
	if w, _ := r.MinWageOn(day("2026-05-01")); !w.Confirm || !strings.Contains(r.Explain(day("2026-05-01")), "待区人社局确认") {
		t.Error("the presumed minimum wage is not marked for the bureau to confirm")
	}
	if !r.BonusDue(1, 2) || r.BonusDue(1, 3) || r.BonusDue(0, 0) {
		t.Error("bonus threshold")
	}
	for _, bad := range []string{
		"source: x\npolicy_id: p\nvalid_from: 2021-01-01\nratio: 0\nratio_source: s\nmax_months: 6\nmax_months_source: s\nretention_threshold: 0.5\nretention_bonus_yuan: 1000\nretention_source: s\nmin_wage: [{yuan: 2000, from: 2021-01-01, source: s}]",
		"source: x\npolicy_id: p\nvalid_from: 2021-01-01\nratio: 0.7\nratio_source: s\nmax_months: 0\nmax_months_source: s\nretention_threshold: 0.5\nretention_bonus_yuan: 1000\nretention_source: s\nmin_wage: [{yuan: 2000, from: 2021-01-01, source: s}]",
		"source: x\npolicy_id: p\nvalid_from: 2021-01-01\nratio: 0.7\nratio_source: s\nmax_months: 6\nmax_months_source: s\nretention_threshold: 0.5\nretention_bonus_yuan: 1000\nretention_source: s\nmin_wage: [{yuan: 2000, from: 2022-01-01, source: s}, {yuan: 2100, from: 2021-01-01, source: s}]",
		"source: x\npolicy_id: p\nvalid_from: 2021-01-01\nratio: 0.7\nratio_source: s\nmax_months: 6\nmax_months_source: s\nretention_threshold: 0.5\nretention_bonus_yuan: 1000\nretention_source: s\nmin_wage: [{yuan: 2000, from: 2021-01-01}]",
	} {
		if _, err := ParseRule([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestBuildClaim(t *testing.T) {
	r, _ := LoadRule()
	today := day("2026-05-11")
	a := &Internship{ID: 1, PersonName: "甲", Start: day("2026-02-01"), PlannedMonths: 3, Status: InternFinished, Kept: true, EndedOn: day("2026-04-30")}
	a.Periods = Periods(a.Start, 3)
	a.Periods[0].Served, a.Periods[1].Served, a.Periods[2].Served = true, true, true
	a.Periods[0].ClaimID = 9
	b := &Internship{ID: 2, PersonName: "乙", Start: day("2026-03-15"), PlannedMonths: 3, Status: InternActive}
	b.Periods = Periods(b.Start, 3)
	b.Periods[0].Served = true
	ins := []*Internship{a, b}

	if _, why := r.BuildClaim("2026-02", ins, today); !strings.Contains(why, "没有可申领") {
		t.Fatalf("February (claimed): %q", why)
	}
	c, why := r.BuildClaim("2026-03", ins, today)
	if why != "" || c.Yuan != 2*1547 || c.Served() != 2 || c.Bonuses() != 0 {
		t.Fatalf("March: %+v %q", c, why)
	}
	// April: 甲's third month and the bonus (1 kept of 1 finished); 乙's
	// second month (2026-04-15 – 2026-05-14) has not ended.
	if _, why := r.BuildClaim("2026-04", ins, today); !strings.Contains(why, "尚未结束") {
		t.Fatalf("April before 乙's month ends: %q", why)
	}
	c, why = r.BuildClaim("2026-04", ins, day("2026-05-15"))
	if why != "" || c.Yuan != 1547+1000 || c.Bonuses() != 1 || !strings.Contains(c.Explain(), "留用奖补") {
		t.Fatalf("April: %+v %q", c, why)
	}
	// Below the threshold (1 kept of 3 finished): no bonus.
	x := &Internship{ID: 3, Status: InternFinished, EndedOn: day("2026-04-01")}
	y := &Internship{ID: 4, Status: InternFinished, EndedOn: day("2026-04-01")}
	c, _ = r.BuildClaim("2026-04", []*Internship{a, x, y}, day("2026-05-15"))
	if c.Bonuses() != 0 || c.Yuan != 1547 {
		t.Fatalf("bonus below the threshold: %+v", c)
	}
}
