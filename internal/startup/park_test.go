package startup

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

func parkDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func parkFields(err error) []string {
	var out []string
	for k := range apperr.As(err).Fields {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func goodPark() *Park {
	return &Park{ID: 1, Name: "东西湖区青年创业园", Level: ParkCity, RegionCode: "420112001", Address: "吴家山街道 金山大道 1 号",
		Operator: "武汉临空港创业服务有限公司", ContactName: "刘主任", ContactPhone: "027-83251234", Unit: SpaceArea,
		TotalSpace: 10_000, OpenSpace: 1_500, Services: []string{"mentor", "registration"}, Status: ParkRecognised}
}

// TestParkValidate: every field is named when wrong; services are put in
// the list's order, once each.
func TestParkValidate(t *testing.T) {
	p := goodPark()
	p.Services = append(p.Services, "mentor")
	p.Normalize()
	if err := p.Validate(); err != nil {
		t.Fatalf("good park: %v", apperr.As(err).Fields)
	}
	if !slices.Equal(p.Services, []string{"registration", "mentor"}) || p.ServiceLabels()[0] != "工商注册代办" {
		t.Fatalf("services: %v", p.Services)
	}
	for _, tc := range []struct {
		edit  func(p *Park)
		field string
		says  string
	}{
		{func(p *Park) { p.Name = "" }, "name", "名称"},
		{func(p *Park) { p.Name = strings.Repeat("园", 61) }, "name", "60"},
		{func(p *Park) { p.Level = "national" }, "level", "级别"},
		{func(p *Park) { p.RegionCode = "" }, "region_code", "所在地"},
		{func(p *Park) { p.Address = "" }, "address", "地址"},
		{func(p *Park) { p.Operator = "" }, "operator", "运营"},
		{func(p *Park) { p.ContactName = "" }, "contact_name", "联系人"},
		{func(p *Park) { p.ContactPhone = "电话" }, "contact_phone", "区号"},
		{func(p *Park) { p.ContactPhone = "12345" }, "contact_phone", "区号"},
		{func(p *Park) { p.Unit = "acre" }, "space_unit", "面积"},
		{func(p *Park) { p.TotalSpace = 0 }, "total_space", "总面积"},
		{func(p *Park) { p.OpenSpace = 20_000 }, "open_space", "10,000 平方米"},
		{func(p *Park) { p.OpenSpace = -1 }, "open_space", "负数"},
		{func(p *Park) { p.Services = nil }, "services", "至少"},
		{func(p *Park) { p.Services = []string{"massage"} }, "services", "massage"},
		{func(p *Park) { p.Status = "" }, "status", "认定"},
		{func(p *Park) { p.Intro = "a\x00b" }, "intro", "控制字符"},
	} {
		p := goodPark()
		tc.edit(p)
		p.Normalize()
		err := p.Validate()
		if got := parkFields(err); !slices.Equal(got, []string{tc.field}) || !strings.Contains(apperr.As(err).Fields[tc.field], tc.says) {
			t.Errorf("%s: fields %v, message %q", tc.field, got, apperr.As(err).Fields[tc.field])
		}
	}
	for _, ok := range []string{"13800138000", "027-83251234", "027 8325 1234", "4008123123"} {
		if !registry.ValidContactPhone(ok) {
			t.Errorf("phone %q refused", ok)
		}
	}
	if p := goodPark(); p.Space(12_000) != "12,000 平方米" {
		t.Fatalf("space: %q", p.Space(12_000))
	}
}

// TestParkSpaceCheck: a tenant may use what the other tenants leave.
func TestParkSpaceCheck(t *testing.T) {
	p := goodPark()
	if err := CheckParkSpace(p, 9_000, 1_000); err != nil {
		t.Fatalf("exactly the rest: %v", err)
	}
	err := CheckParkSpace(p, 9_000, 1_001)
	if msg := apperr.As(err).Fields["space_used"]; !strings.Contains(msg, "最多还能使用 1,000 平方米") {
		t.Fatalf("over the rest: %q", msg)
	}
}

// TestParkTenantValidate: dates in order and not ahead of today; a firm
// that left says when; one still in does not.
func TestParkTenantValidate(t *testing.T) {
	today := parkDay("2026-03-10")
	good := func() *ParkTenant {
		return &ParkTenant{MoveIn: parkDay("2024-05-01"), SpaceUsed: 120, Jobs: 8, Status: TenantIn}
	}
	if err := good().Validate(today); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		edit  func(t *ParkTenant)
		field string
	}{
		{func(t *ParkTenant) { t.MoveIn = time.Time{} }, "move_in"},
		{func(t *ParkTenant) { t.MoveIn = parkDay("2026-03-11") }, "move_in"},
		{func(t *ParkTenant) { t.SpaceUsed = -1 }, "space_used"},
		{func(t *ParkTenant) { t.Jobs = -3 }, "jobs_created"},
		{func(t *ParkTenant) { t.Status = "gone" }, "status"},
		{func(t *ParkTenant) { t.LeftOn = parkDay("2025-01-01") }, "left_on"},
		{func(t *ParkTenant) { t.Status = TenantGraduated }, "left_on"},
		{func(t *ParkTenant) { t.Status, t.LeftOn = TenantLeft, parkDay("2024-04-30") }, "left_on"},
		{func(t *ParkTenant) { t.Status, t.LeftOn = TenantLeft, parkDay("2026-03-11") }, "left_on"},
	} {
		tn := good()
		tc.edit(tn)
		if got := parkFields(tn.Validate(today)); !slices.Equal(got, []string{tc.field}) {
			t.Errorf("want %s refused, got %v", tc.field, got)
		}
	}
	tn := good()
	tn.Status, tn.LeftOn = TenantGraduated, parkDay("2025-12-31")
	if err := tn.Validate(today); err != nil {
		t.Fatal(err)
	}
	if !tn.InOn(parkDay("2025-12-30")) || tn.InOn(parkDay("2025-12-31")) || tn.InOn(parkDay("2024-04-30")) {
		t.Fatal("InOn: in from the move-in day, gone on the day it left")
	}
}

// TestParkEventAndAssessmentValidate: events are recorded once held; an
// assessment's grade agrees with the pass mark.
func TestParkEventAndAssessmentValidate(t *testing.T) {
	today := parkDay("2026-03-10")
	e := &ParkEvent{Date: parkDay("2026-03-10"), Title: " 春季项目路演 ", Kind: EventRoadshow, Attendees: 45}
	if err := e.Validate(today); err != nil || e.Title != "春季项目路演" {
		t.Fatalf("good event: %v %q", err, e.Title)
	}
	bad := &ParkEvent{Date: parkDay("2026-03-11"), Kind: "party"}
	if got := parkFields(bad.Validate(today)); !slices.Equal(got, []string{"attendees", "date", "kind", "title"}) {
		t.Fatalf("bad event: %v", got)
	}
	a := &ParkAssessment{Year: 2025, Score: 92, Grade: GradeExcellent, Comment: "孵化成效突出"}
	if err := a.Validate(today); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		a     ParkAssessment
		field string
		says  string
	}{
		{ParkAssessment{Year: 2027, Score: 80, Grade: GradeGood, Comment: "x"}, "year", "2026"},
		{ParkAssessment{Year: 1999, Score: 80, Grade: GradeGood, Comment: "x"}, "year", "2000"},
		{ParkAssessment{Year: 2025, Score: 101, Grade: GradeGood, Comment: "x"}, "score", "100"},
		{ParkAssessment{Year: 2025, Score: -1, Grade: GradeFail, Comment: "x"}, "score", "0"},
		{ParkAssessment{Year: 2025, Score: 59, Grade: GradePass, Comment: "x"}, "grade", "不合格"},
		{ParkAssessment{Year: 2025, Score: 60, Grade: GradeFail, Comment: "x"}, "grade", "低于 60"},
		{ParkAssessment{Year: 2025, Score: 70, Grade: "top", Comment: "x"}, "grade", "等次"},
		{ParkAssessment{Year: 2025, Score: 70, Grade: GradePass, Comment: "  "}, "comment", "意见"},
	} {
		err := tc.a.Validate(today)
		if got := parkFields(err); !slices.Equal(got, []string{tc.field}) || !strings.Contains(apperr.As(err).Fields[tc.field], tc.says) {
			t.Errorf("%s: %v %q", tc.field, got, apperr.As(err).Fields[tc.field])
		}
	}
}

// TestAssessParkFacts: a year's facts from the records. In 2025 the park
// (10,000 m²) had four firms: one in since 2023 (3,000 m², 12 jobs), one
// that moved in in March (2,000 m², 5 jobs), one that graduated on 30 June
// (1,500 m², 20 jobs) and one that left on 1 January (gone that day, so
// not counted); a fifth moved in in 2026 and another park's tenant does
// not count. Three events in 2025 (one the year before, one after, one in
// another park do not). On 31 December 3,000 + 2,000 of 10,000 m² were
// used: 50.00%.
func TestAssessParkFacts(t *testing.T) {
	p := goodPark()
	ts := []*ParkTenant{
		{ParkID: 1, MoveIn: parkDay("2023-06-01"), SpaceUsed: 3_000, Jobs: 12, Status: TenantIn},
		{ParkID: 1, MoveIn: parkDay("2025-03-15"), SpaceUsed: 2_000, Jobs: 5, Status: TenantIn},
		{ParkID: 1, MoveIn: parkDay("2022-01-10"), SpaceUsed: 1_500, Jobs: 20, Status: TenantGraduated, LeftOn: parkDay("2025-06-30")},
		{ParkID: 1, MoveIn: parkDay("2021-01-10"), SpaceUsed: 800, Jobs: 3, Status: TenantLeft, LeftOn: parkDay("2025-01-01")},
		{ParkID: 1, MoveIn: parkDay("2026-01-05"), SpaceUsed: 500, Jobs: 2, Status: TenantIn},
		{ParkID: 2, MoveIn: parkDay("2025-05-05"), SpaceUsed: 100, Jobs: 9, Status: TenantIn},
	}
	es := []*ParkEvent{
		{ParkID: 1, Date: parkDay("2025-01-01"), Attendees: 30},
		{ParkID: 1, Date: parkDay("2025-06-18"), Attendees: 45},
		{ParkID: 1, Date: parkDay("2025-12-31"), Attendees: 25},
		{ParkID: 1, Date: parkDay("2024-12-31"), Attendees: 99},
		{ParkID: 1, Date: parkDay("2026-01-01"), Attendees: 99},
		{ParkID: 2, Date: parkDay("2025-06-18"), Attendees: 99},
	}
	f := AssessParkFacts(p, ts, es, 2025, parkDay("2026-03-10"))
	want := ParkFacts{Year: 2025, AsOf: parkDay("2025-12-31"), Tenants: 3, NewTenants: 1, Graduated: 1, Jobs: 37, Events: 3, Attendees: 100,
		UsedSpace: 5_000, TotalSpace: 10_000, Unit: SpaceArea, Occupancy: 5_000}
	if f != want {
		t.Fatalf("facts:\n got %+v\nwant %+v", f, want)
	}
	if f.OccupancyText() != "50.00%" {
		t.Fatalf("occupancy: %s", f.OccupancyText())
	}
	// The year running is measured up to today: on 10 March 2026 the
	// firms in use 3,000 + 2,000 + 500 m²; one event so far.
	f = AssessParkFacts(p, ts, es, 2026, parkDay("2026-03-10"))
	if f.AsOf != parkDay("2026-03-10") || f.Tenants != 3 || f.NewTenants != 1 || f.UsedSpace != 5_500 || f.Events != 1 || f.OccupancyText() != "55.00%" {
		t.Fatalf("2026 so far: %+v", f)
	}
	// Occupancy rounds half up to a hundredth of a percent: 1/3 is 33.33%, 2/3 is 66.67%.
	q := &Park{ID: 3, TotalSpace: 3, Unit: SpaceDesks}
	one := []*ParkTenant{{ParkID: 3, MoveIn: parkDay("2025-01-01"), SpaceUsed: 1, Status: TenantIn}}
	if got := AssessParkFacts(q, one, nil, 2025, parkDay("2026-01-01")).OccupancyText(); got != "33.33%" {
		t.Fatalf("1 of 3 desks: %s", got)
	}
	one[0].SpaceUsed = 2
	if got := AssessParkFacts(q, one, nil, 2025, parkDay("2026-01-01")).OccupancyText(); got != "66.67%" {
		t.Fatalf("2 of 3 desks: %s", got)
	}
}
