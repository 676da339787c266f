package training_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/training"
)

var tables = func() *codes.Tables {
	t, err := codes.Load()
	if err != nil {
		panic(err)
	}
	return t
}()

// 6-31-01-03 电工; 6-18-02-04 焊工 (as the job tests use).
const (
	electrician = "6-31-01-03"
	welder      = "6-18-02-04"
)

func fields(err error) map[string]string {
	if e := apperr.As(err); e != nil && e.Code == apperr.Invalid {
		return e.Fields
	}
	return nil
}

func goodProvider() *training.Provider {
	return &training.Provider{Name: "武汉临空港职业培训学校", Kind: training.KindInstitution, RegionCode: "420112001", Address: "金山大道 1 号",
		ContactName: "王老师", ContactPhone: "027-83251234", Status: training.StatusDesignated,
		Scope: []training.ScopeItem{{Occupation: electrician, Level: 4}, {Occupation: welder, Level: 5}}}
}

func TestProviderValidate(t *testing.T) {
	occ := tables.Occupations
	if _, ok := occ.Get(electrician); !ok {
		t.Fatalf("%s is not in the table", electrician)
	}
	if err := goodProvider().Validate(occ); err != nil {
		t.Fatalf("good provider: %v", err)
	}
	for _, c := range []struct {
		edit  func(p *training.Provider)
		field string
	}{
		{func(p *training.Provider) { p.Name = "" }, "name"},
		{func(p *training.Provider) { p.Kind = "school" }, "kind"},
		{func(p *training.Provider) { p.RegionCode = "" }, "region_code"},
		{func(p *training.Provider) { p.ContactPhone = "电话" }, "contact_phone"},
		{func(p *training.Provider) { p.Scope = nil }, "scope"},
		{func(p *training.Provider) { p.Scope[1].Occupation = "9-99-99-99" }, "scope.1.occupation_code"},
		{func(p *training.Provider) { p.Scope[0].Occupation = "6-00-00-00" }, "scope.0.occupation_code"}, // a 大类, not an occupation
		{func(p *training.Provider) { p.Scope[0].Level = 6 }, "scope.0.level"},
	} {
		p := goodProvider()
		c.edit(p)
		if f := fields(p.Validate(occ)); f[c.field] == "" {
			t.Errorf("%s: fields %v", c.field, f)
		}
	}
	p := goodProvider()
	p.Scope = append(p.Scope, training.ScopeItem{Occupation: " " + electrician, Level: 4})
	p.Normalize()
	if len(p.Scope) != 2 {
		t.Errorf("a repeated scope item kept: %v", p.Scope)
	}
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func goodClass() *training.Class {
	return &training.Class{Title: "电工（四级）岗位技能提升培训班", Type: training.TypeUpgrade, Occupation: electrician, Level: 4, Hours: 80,
		Capacity: 40, FeeYuan: 0, RegionCode: "420112001", Sessions: []training.Session{
			{Date: day("2025-07-12"), Start: "09:00", End: "17:00", Place: "实训楼 201"},
			{Date: day("2025-07-05"), Start: "09:00", End: "12:00", Place: "实训楼 201"}}}
}

// TestClassScope: a class must fit the provider's scope and standing.
func TestClassScope(t *testing.T) {
	occ, today := tables.Occupations, day("2025-06-30")
	p := goodProvider()
	if err := goodClass().Validate(occ, p, today); err != nil {
		t.Fatalf("good class: %v", err)
	}
	c := goodClass()
	c.Level = 3 // 电工 is in scope at 四级 only
	if f := fields(c.Validate(occ, p, today)); !strings.Contains(f["level"], "认定范围") {
		t.Errorf("out of scope level: %v", f)
	}
	c = goodClass()
	c.Occupation, c.Level = welder, 5
	if err := c.Validate(occ, p, today); err != nil {
		t.Errorf("welder 五级 is in scope: %v", err)
	}
	for _, s := range []training.Status{training.StatusSuspended, training.StatusApplying} {
		p := goodProvider()
		p.Status = s
		if f := fields(goodClass().Validate(occ, p, today)); f["provider"] == "" {
			t.Errorf("a %s provider opens a class: %v", s, f)
		}
	}
	ev := goodProvider()
	ev.Kind = training.KindEvaluator
	if f := fields(goodClass().Validate(occ, ev, today)); !strings.Contains(f["provider"], "评价机构") {
		t.Errorf("an evaluation body opens a class: %v", f)
	}
	for _, b := range []struct {
		edit  func(c *training.Class)
		field string
	}{
		{func(c *training.Class) { c.Title = "" }, "title"},
		{func(c *training.Class) { c.Type = "evening" }, "type"},
		{func(c *training.Class) { c.Hours = 0 }, "hours"},
		{func(c *training.Class) { c.Capacity = 501 }, "capacity"},
		{func(c *training.Class) { c.FeeYuan = -1 }, "fee_yuan"},
		{func(c *training.Class) { c.Sessions = nil }, "sessions"},
		{func(c *training.Class) { c.Sessions[0].Date = today }, "sessions.0.date"},
		{func(c *training.Class) { c.Sessions[1].Start = "9点" }, "sessions.1.start"},
		{func(c *training.Class) { c.Sessions[0].End = "08:00" }, "sessions.0.end"},
		{func(c *training.Class) { c.Sessions[1].Place = "" }, "sessions.1.place"},
	} {
		c := goodClass()
		b.edit(c)
		if f := fields(c.Validate(occ, p, today)); f[b.field] == "" {
			t.Errorf("%s: fields %v", b.field, f)
		}
	}
	c = goodClass()
	c.Normalize()
	if !c.Start().Equal(day("2025-07-05")) || !c.End().Equal(day("2025-07-12")) {
		t.Errorf("sessions not in date order: %v – %v", c.Start(), c.End())
	}
}

// att is a valid attendance threshold for the standards files of the tests.
const att = "attendance_threshold: 0.8\nattendance_source: test\n"

// TestStandards: the built-in file parses, and a standard applies by type,
// level and start date within its validity only.
func TestStandards(t *testing.T) {
	st, err := training.LoadStandards()
	if err != nil {
		t.Fatal(err)
	}
	if st.AttendanceThreshold != 0.8 || st.ThresholdPercent() != 80 || st.AttendanceSource == "" {
		t.Errorf("attendance threshold %v (%q)", st.AttendanceThreshold, st.AttendanceSource)
	}
	for _, c := range []struct {
		typ   training.ClassType
		level training.Level
		on    string
		want  int // 0: none
	}{
		{training.TypeUpgrade, 5, "2025-06-30", 1000},
		{training.TypeUpgrade, 4, "2017-01-01", 1500},
		{training.TypeUpgrade, 3, "2025-12-31", 2000},
		{training.TypeUpgrade, 3, "2026-01-01", 0}, // past the validity
		{training.TypeUpgrade, 4, "2016-12-31", 0}, // before it
		{training.TypeUpgrade, 2, "2025-06-30", 0}, // 技师: no published figure
		{training.TypeEmployment, 5, "2025-06-30", 0},
	} {
		s, ok := st.Lookup(c.typ, c.level, day(c.on))
		if got := map[bool]int{true: s.Yuan}[ok]; got != c.want {
			t.Errorf("%s %s on %s: %d, want %d", c.typ.Label(), c.level.Label(), c.on, got, c.want)
		}
		if ok && (s.Source == "" || !strings.Contains(s.Validity(), "2025-12-31")) {
			t.Errorf("standard without its source or validity: %+v", s)
		}
	}
	for name, bad := range map[string]string{
		"no threshold":  "standards: []\n",
		"threshold > 1": "attendance_threshold: 80\nattendance_source: a\nstandards: []\n",
		"no its source": "attendance_threshold: 0.8\nstandards: []\n",
		"overlap":       "standards:\n- {type: upgrade, level: 5, yuan: 1, from: 2020-01-01, to: 2021-12-31, source: a}\n- {type: upgrade, level: 5, yuan: 2, from: 2021-06-01, source: b}\n",
		"bad type":      "standards:\n- {type: evening, level: 5, yuan: 1, from: 2020-01-01, source: a}\n",
		"no amount":     "standards:\n- {type: upgrade, level: 5, yuan: 0, from: 2020-01-01, source: a}\n",
		"bad date":      "standards:\n- {type: upgrade, level: 5, yuan: 1, from: 2020-13-01, source: a}\n",
		"reversed":      "standards:\n- {type: upgrade, level: 5, yuan: 1, from: 2021-01-01, to: 2020-01-01, source: a}\n",
	} {
		if !strings.HasPrefix(bad, "attendance") && !strings.HasPrefix(name, "no threshold") {
			bad = att + bad
		}
		if _, err := training.ParseStandards([]byte(bad)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	open, err := training.ParseStandards([]byte(att + "standards:\n- {type: startup, level: 5, yuan: 800, from: 2024-01-01, source: a}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := open.Lookup(training.TypeStartup, 5, day("2030-01-01")); !ok || s.Yuan != 800 || !strings.Contains(s.Validity(), "长期") {
		t.Errorf("open-ended standard: %+v %v", s, ok)
	}
}
