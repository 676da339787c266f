package jobs

import (
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
)

var now = time.Date(2026, 5, 10, 20, 0, 0, 0, time.UTC) // 2026-05-11 04:00 in Beijing

func good() *Post {
	return &Post{Title: "电焊工", OccupationCode: "6-18-02-04", Description: "负责钢结构焊接，持证上岗，包吃住。",
		Headcount: 3, SalaryMin: 6000, SalaryMax: 9000, Education: "不限", ExperienceYears: 1,
		Skills: []string{"二保焊", "氩弧焊"}, Benefits: []string{"五险一金", "包吃住"}, RegionCode: "420112001",
		Address: "东西湖区吴家山街道某路 8 号", ExpiresOn: Today(now).AddDate(0, 0, DefaultDays)}
}

func TestValidate(t *testing.T) {
	ts, err := codes.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := good().Validate(now, ts.Occupations, ts.Regions); err != nil {
		t.Fatalf("good post: %v", err)
	}
	cases := []struct {
		name  string
		edit  func(p *Post)
		field string
	}{
		{"no title", func(p *Post) { p.Title = "" }, "title"},
		{"long title", func(p *Post) { p.Title = strings.Repeat("焊", 41) }, "title"},
		{"unknown occupation", func(p *Post) { p.OccupationCode = "9-99-99-99" }, "occupation_code"},
		{"occupation group", func(p *Post) { p.OccupationCode = "6-18-02-00" }, "occupation_code"},
		{"short description", func(p *Post) { p.Description = "焊工" }, "description"},
		{"long description", func(p *Post) { p.Description = strings.Repeat("字", MaxDescription+1) }, "description"},
		{"control char", func(p *Post) { p.Description = "负责焊接工作\x00持证上岗" }, "description"},
		{"no headcount", func(p *Post) { p.Headcount = 0 }, "headcount"},
		{"min > max", func(p *Post) { p.SalaryMin, p.SalaryMax = 9000, 6000 }, "salary_max"},
		{"no salary", func(p *Post) { p.SalaryMin, p.SalaryMax = 0, 0 }, "salary_min"},
		{"negative salary", func(p *Post) { p.SalaryMin = -5 }, "salary_min"},
		{"salary too high", func(p *Post) { p.SalaryMin, p.SalaryMax = 200000, 400000 }, "salary_max"},
		{"spread too wide", func(p *Post) { p.SalaryMin, p.SalaryMax = 3000, 30000 }, "salary_max"},
		{"bad education", func(p *Post) { p.Education = "幼儿园" }, "education"},
		{"bad experience", func(p *Post) { p.ExperienceYears = 99 }, "experience_years"},
		{"too many skills", func(p *Post) { p.Skills = strings.Split("a b c d e f g h i j k", " ") }, "skills"},
		{"script in skill", func(p *Post) { p.Skills = []string{"<script>"} }, "skills"},
		{"unknown benefit", func(p *Post) { p.Benefits = []string{"股票期权"} }, "benefits"},
		{"district not street", func(p *Post) { p.RegionCode = "420112" }, "region_code"},
		{"unknown street", func(p *Post) { p.RegionCode = "420112999" }, "region_code"},
		{"no address", func(p *Post) { p.Address = "" }, "address"},
		{"lat out of range", func(p *Post) { p.HasGeo, p.Lat, p.Lng = true, 114.1, 30.6 }, "lat"},
		{"expired", func(p *Post) { p.ExpiresOn = Today(now).AddDate(0, 0, -1) }, "expires_on"},
		{"too far", func(p *Post) { p.ExpiresOn = Today(now).AddDate(0, 0, MaxDays+1) }, "expires_on"},
	}
	for _, c := range cases {
		p := good()
		c.edit(p)
		err := p.Validate(now, ts.Occupations, ts.Regions)
		if apperr.CodeOf(err) != apperr.Invalid || apperr.As(err).Fields[c.field] == "" {
			t.Errorf("%s: %v, want a message on %s", c.name, err, c.field)
		}
	}
	p := good()
	p.ExpiresOn = Today(now) // today is fine: open to the end of the day
	if err := p.Validate(now, nil, nil); err != nil {
		t.Errorf("expiring today: %v", err)
	}
	p.Description = "<script>alert(1)</script> 岗位描述里的标签原样保存，页面转义显示"
	if err := p.Validate(now, nil, nil); err != nil {
		t.Errorf("script tag in description must be stored, not refused: %v", err)
	}
}

func TestNext(t *testing.T) {
	ok := []struct {
		from   Status
		action string
		to     Status
	}{
		{Pending, ActApprove, Published}, {Pending, ActReject, Rejected}, {Published, ActEdit, Pending},
		{Rejected, ActEdit, Pending}, {Published, ActPause, Paused}, {Paused, ActResume, Published},
		{Paused, ActClose, Closed}, {Published, ActExpire, Expired}, {Expired, ActEdit, Pending},
	}
	for _, c := range ok {
		if got, err := Next(c.from, c.action); err != nil || got != c.to {
			t.Errorf("%s %s: %s %v, want %s", c.from, c.action, got, err, c.to)
		}
	}
	bad := []struct {
		from   Status
		action string
		code   apperr.Code
	}{
		{Published, ActApprove, apperr.Conflict}, {Closed, ActEdit, apperr.Conflict}, {Pending, ActPause, apperr.Conflict},
		{Published, ActResume, apperr.Conflict}, {Closed, ActClose, apperr.Conflict}, {Rejected, ActExpire, apperr.Conflict},
		{Published, "delete", apperr.Invalid},
	}
	for _, c := range bad {
		if _, err := Next(c.from, c.action); apperr.CodeOf(err) != c.code {
			t.Errorf("%s %s: %v, want %s", c.from, c.action, err, c.code)
		}
	}
}

func TestExpiry(t *testing.T) {
	p := good()
	p.Status, p.EnterpriseVerified = Published, true
	p.ExpiresOn = Today(now)
	endOfDay := time.Date(2026, 5, 11, 23, 59, 0, 0, chinatime.Zone)
	if !p.Searchable(endOfDay) || p.Effective(endOfDay) != Published {
		t.Fatal("a post is open through its expiry day in Beijing")
	}
	next := endOfDay.Add(time.Minute)
	if p.Searchable(next) || p.Effective(next) != Expired {
		t.Fatal("a post closes at midnight after its expiry day")
	}
	p.Status = Closed
	if p.Effective(next) != Closed {
		t.Fatal("closed stays closed")
	}
	p.Status, p.EnterpriseVerified = Published, false
	if p.Searchable(endOfDay) {
		t.Fatal("a post of an enterprise whose verification was withdrawn is searchable")
	}
}

func TestSplitSkills(t *testing.T) {
	got := strings.Join(SplitSkills(" 焊接, 识图，叉车、焊接  Excel "), "|")
	if got != "焊接|识图|叉车|Excel" {
		t.Fatalf("got %q", got)
	}
}
