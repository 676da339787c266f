package training_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/training"
)

func goodEvaluator() *training.Provider {
	p := goodProvider()
	p.Kind = training.KindEvaluator
	return p
}

// TestSittingValidate: a designated evaluation body schedules within its
// scope, from today to a year ahead; anything else is refused with the
// reason on its field.
func TestSittingValidate(t *testing.T) {
	today := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	good := func() *training.Sitting {
		return &training.Sitting{Occupation: electrician, Level: 4, HeldOn: today.AddDate(0, 0, 10), Place: " 实训楼 301 ", Capacity: 30}
	}
	s := good()
	if err := s.Validate(tables.Occupations, goodEvaluator(), today); err != nil {
		t.Fatalf("good sitting: %v", err)
	}
	if s.Place != "实训楼 301" {
		t.Errorf("place not trimmed: %q", s.Place)
	}
	today0 := good()
	today0.HeldOn = today
	if err := today0.Validate(tables.Occupations, goodEvaluator(), today); err != nil {
		t.Errorf("a sitting today: %v", err)
	}
	for _, c := range []struct {
		name  string
		edit  func(s *training.Sitting, p *training.Provider)
		field string
		says  string
	}{
		{"level outside scope", func(s *training.Sitting, _ *training.Provider) { s.Level = 3 }, "level", "不在本机构的评价认定范围内"},
		{"occupation outside scope", func(s *training.Sitting, _ *training.Provider) { s.Occupation = welder; s.Level = 4 }, "level", "不在本机构"},
		{"a group, not an occupation", func(s *training.Sitting, _ *training.Provider) { s.Occupation = "6-00-00-00" }, "occupation_code", "具体职业"},
		{"no level", func(s *training.Sitting, _ *training.Provider) { s.Level = 0 }, "level", "请选择等级"},
		{"a training institution", func(_ *training.Sitting, p *training.Provider) { p.Kind = training.KindInstitution }, "provider", "只有评价机构"},
		{"suspended", func(_ *training.Sitting, p *training.Provider) { p.Status = training.StatusSuspended }, "provider", "暂停"},
		{"not designated", func(_ *training.Sitting, p *training.Provider) { p.Status = training.StatusApplying }, "provider", "尚未认定"},
		{"yesterday", func(s *training.Sitting, _ *training.Provider) { s.HeldOn = today.AddDate(0, 0, -1) }, "held_on", "早于今天"},
		{"too far", func(s *training.Sitting, _ *training.Provider) { s.HeldOn = today.AddDate(1, 0, 1) }, "held_on", "一年"},
		{"no date", func(s *training.Sitting, _ *training.Provider) { s.HeldOn = time.Time{} }, "held_on", "请选择"},
		{"no place", func(s *training.Sitting, _ *training.Provider) { s.Place = "  " }, "place", "地点"},
		{"no capacity", func(s *training.Sitting, _ *training.Provider) { s.Capacity = 0 }, "capacity", "1 到 500"},
		{"too many", func(s *training.Sitting, _ *training.Provider) { s.Capacity = training.MaxCandidates + 1 }, "capacity", "1 到 500"},
	} {
		s, p := good(), goodEvaluator()
		c.edit(s, p)
		got := fields(s.Validate(tables.Occupations, p, today))
		if !strings.Contains(got[c.field], c.says) {
			t.Errorf("%s: fields %v, want %s saying %q", c.name, got, c.field, c.says)
		}
	}
}

// TestCheckMark: pass and fail agree with the score; an absence has none.
func TestCheckMark(t *testing.T) {
	for _, c := range []struct {
		m     training.Mark
		field string
	}{
		{training.Mark{Result: training.ResultPass, Score: 60}, ""},
		{training.Mark{Result: training.ResultPass, Score: 100}, ""},
		{training.Mark{Result: training.ResultFail, Score: 59}, ""},
		{training.Mark{Result: training.ResultFail, Score: 0}, ""},
		{training.Mark{Result: training.ResultAbsent}, ""},
		{training.Mark{Result: training.ResultPass, Score: 59}, "score"},
		{training.Mark{Result: training.ResultFail, Score: 60}, "score"},
		{training.Mark{Result: training.ResultPass, Score: 101}, "score"},
		{training.Mark{Result: training.ResultFail, Score: -1}, "score"},
		{training.Mark{Result: training.ResultAbsent, Score: 50}, "score"},
		{training.Mark{Result: training.ResultPending}, "result"},
		{training.Mark{Result: "maybe", Score: 70}, "result"},
	} {
		if field, msg := training.CheckMark(c.m); field != c.field || (field != "" && msg == "") {
			t.Errorf("%+v: %q %q, want field %q", c.m, field, msg, c.field)
		}
	}
	for in, want := range map[string]training.Result{"合格": training.ResultPass, " fail ": training.ResultFail, "缺考": training.ResultAbsent} {
		if r, ok := training.ParseResult(in); !ok || r != want {
			t.Errorf("ParseResult(%q) = %q %v", in, r, ok)
		}
	}
	if _, ok := training.ParseResult("待登记"); ok {
		t.Error("pending is not a result one records")
	}
}

// TestCertificateNumbers: numbers are generated per provider, year and
// level with a serial that grows; typed numbers are normalised and checked.
func TestCertificateNumbers(t *testing.T) {
	day := time.Date(2025, 7, 5, 0, 0, 0, 0, time.UTC)
	prefix := training.NumberPrefix("420112", 12, 4, day)
	if prefix != "S42011225400012" {
		t.Fatalf("prefix %q", prefix)
	}
	if n := training.NextNumber(prefix, ""); n != prefix+"00001" {
		t.Errorf("first number %q", n)
	}
	if n := training.NextNumber(prefix, prefix+"00041"); n != prefix+"00042" {
		t.Errorf("next number %q", n)
	}
	if n := training.NextNumber(prefix, prefix+"99999"); n != prefix+"100000" {
		t.Errorf("past the fifth digit %q", n)
	}
	if msg := training.CheckNumber(training.NextNumber(prefix, "")); msg != "" {
		t.Errorf("a generated number fails the check: %s", msg)
	}
	if n := training.NormalizeNumber(" s4201 12 "); n != "S420112" {
		t.Errorf("normalised %q", n)
	}
	for _, bad := range []string{"", "S12", "S42011225400012000010000000000X", "S4201_12"} {
		if training.CheckNumber(bad) == "" {
			t.Errorf("%q passes the check", bad)
		}
	}
}

// TestResultRow: a results import row is checked column by column.
func TestResultRow(t *testing.T) {
	now := time.Date(2025, 7, 5, 0, 0, 0, 0, time.UTC)
	good := training.ResultRow{IDNumber: "11010519491231002x", Name: " 张三 ", Result: "合格", Score: "88"}
	m, issues := good.Check(now)
	if len(issues) != 0 || m.Result != training.ResultPass || m.Score != 88 || good.Name != "张三" || good.IDNumber != "11010519491231002X" {
		t.Fatalf("good row: %+v %v %+v", m, issues, good)
	}
	absent := training.ResultRow{IDNumber: "11010519491231002X", Name: "张三", Result: "缺考"}
	if m, issues := absent.Check(now); len(issues) != 0 || m.Result != training.ResultAbsent {
		t.Fatalf("absent row: %+v %v", m, issues)
	}
	for _, c := range []struct {
		row    training.ResultRow
		column string
	}{
		{training.ResultRow{IDNumber: "110105194912310021", Name: "张三", Result: "合格", Score: "80"}, "身份证号"},
		{training.ResultRow{IDNumber: "11010519491231002X", Name: "", Result: "合格", Score: "80"}, "姓名"},
		{training.ResultRow{IDNumber: "11010519491231002X", Name: "张三", Result: "良好", Score: "80"}, "结果"},
		{training.ResultRow{IDNumber: "11010519491231002X", Name: "张三", Result: "合格", Score: "八十"}, "成绩"},
		{training.ResultRow{IDNumber: "11010519491231002X", Name: "张三", Result: "合格", Score: ""}, "成绩"},
		{training.ResultRow{IDNumber: "11010519491231002X", Name: "张三", Result: "合格", Score: "40"}, "成绩"},
	} {
		_, issues := c.row.Check(now)
		if len(issues) == 0 || issues[len(issues)-1].Column != c.column {
			t.Errorf("%+v: %v, want an issue in %s", c.row, issues, c.column)
		}
	}
}
