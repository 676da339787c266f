package resume

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPerfectResume(t *testing.T) {
	r, p := perfect()
	r.Lat, r.Lng = ptr(30.63), ptr(114.13)
	d := Diagnose(r, p, now, market(40))
	if d.Score < 90 || d.Grade != "优秀" {
		t.Fatalf("score %d %s, findings %+v", d.Score, d.Grade, d.Findings)
	}
	if len(d.Findings) != 0 {
		t.Errorf("findings on a perfect resume: %+v", d.Findings)
	}
	want := []string{"求职意向明确", "期望薪资符合市场行情", "工作经历连续", "累计工作经验 10 年", "工作内容描述具体",
		"技能标签丰富（6 项）", "持有职业技能等级证书（四级/中级工）"}
	if !slices.Equal(d.Strengths, want) {
		t.Errorf("strengths\n got %q\nwant %q", d.Strengths, want)
	}
}

func TestEmptyResume(t *testing.T) {
	for _, r := range []*Resume{nil, {}} {
		d := Diagnose(r, Profile{}, now, nil)
		if d.Score != 37 || d.Grade != "较差" {
			t.Errorf("score %d %s, want 37 较差: %v", d.Score, d.Grade, codesOf(d))
		}
		want := []string{"no_intention", "no_phone", "no_skills", "no_education", "no_work", "self_desc_missing", "not_discoverable"}
		if got := codesOf(d); !slices.Equal(got, want) {
			t.Errorf("findings\n got %v\nwant %v", got, want)
		}
		if d.Findings[0].Severity != Error || d.Findings[1].Severity != Error || d.Findings[2].Severity == Error {
			t.Errorf("errors must lead: %+v", d.Findings[:3])
		}
		if len(d.Strengths) != 0 {
			t.Errorf("strengths of an empty resume: %q", d.Strengths)
		}
	}
}

// TestRubric runs one case per rule: a change to the perfect resume (or
// the profile, or the market) that must raise that rule.
func TestRubric(t *testing.T) {
	type tc struct {
		name   string
		code   string
		edit   func(r *Resume, p *Profile)
		market MarketLookup // default market(40)
		msg    string       // exact message when set
		field  string
		href   string
	}
	cases := []tc{
		{name: "no intention", code: "no_intention", edit: func(r *Resume, _ *Profile) { r.Intentions = nil },
			field: "intentions", href: "/me/resume#intentions"},
		{name: "intention without occupation", code: "intention_no_occupation",
			edit: func(r *Resume, _ *Profile) { r.Intentions[0].OccupationCodes = nil },
			msg:  "第 1 个求职意向没有选择意向职业，系统无法按职业为您推荐岗位", field: "intentions[0].occupation_codes", href: "/me/resume#intention-0"},
		{name: "intention without region", code: "intention_no_region",
			edit: func(r *Resume, _ *Profile) {
				r.Intentions = append(r.Intentions, Intention{OccupationCodes: []string{"4-02-06-02"}, FullTime: true})
			},
			msg: "第 2 个求职意向没有选择工作地区，推荐的岗位可能离您很远", field: "intentions[1].region_codes", href: "/me/resume#intention-1"},
		{name: "intention without salary", code: "intention_no_salary",
			edit: func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 0, 0 }},
		{name: "salary far above market", code: "salary_high",
			edit:  func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 15000, 18000 },
			msg:   "期望 15000 元/月，高于东西湖区同类岗位（仓储管理员）75% 分位 6500 元/月 的 1.3 倍，过高的期望会错过合适的岗位，建议参考市场行情调整",
			field: "intentions[0].salary_min", href: "/me/resume#intention-0"},
		{name: "salary just above P75×1.3", code: "salary_high",
			edit: func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 8451, 9000 }},
		{name: "salary underselling", code: "salary_low",
			edit:  func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 3000, 3400 },
			msg:   "期望 3400 元/月，低于东西湖区同类岗位（仓储管理员）25% 分位 5000 元/月 的 7 折，您可能低估了自己，可以适当提高期望",
			field: "intentions[0].salary_max"},
		{name: "no phone", code: "no_phone", edit: func(_ *Resume, p *Profile) { p.HasPhone = false },
			msg: "登记信息中没有手机号，用人单位看到简历后无法联系您", field: "phone", href: "/me/edit#phone"},
		{name: "no education", code: "no_education", edit: func(r *Resume, _ *Profile) { r.Education = nil }},
		{name: "education inconsistent with registry", code: "education_mismatch",
			edit: func(_ *Resume, p *Profile) { p.Education = "本科" },
			msg:  "简历中的最高学历（大专）与登记信息中的学历（本科）不一致，请补充教育经历或更正登记信息"},
		{name: "no work", code: "no_work", edit: func(r *Resume, _ *Profile) { r.Work = nil }},
		{name: "work without dates", code: "work_no_dates",
			edit: func(r *Resume, _ *Profile) { r.Work[1].From, r.Work[1].To = "", "" },
			msg:  "第 2 段工作经历（武汉XX物流，仓管员）没有填写起止时间", field: "work[1].from", href: "/me/resume#work-1"},
		{name: "work without start", code: "work_no_dates",
			edit: func(r *Resume, _ *Profile) { r.Work[1].From = "" },
			msg:  "第 2 段工作经历（武汉XX物流，仓管员）没有填写开始时间"},
		{name: "work with a bad end", code: "work_no_dates",
			edit: func(r *Resume, _ *Profile) { r.Work[1].To = "2019/2" }, field: "work[1].to"},
		{name: "work before 16", code: "work_too_early",
			edit: func(_ *Resume, p *Profile) { p.Birth = time.Date(2000, 1, 1, 0, 0, 0, 0, cst) },
			msg:  "第 2 段工作经历（武汉XX物流，仓管员）开始于 2015-07，当时您还未满 16 周岁，请核对开始时间"},
		{name: "gap between jobs", code: "work_gap",
			edit:  func(r *Resume, _ *Profile) { r.Work[1].To = "2018-06" },
			msg:   "2018-07 至 2019-02 有 8 个月没有工作经历（离开武汉XX物流后、入职武汉顺达物流有限公司前），建议补充这段时间的经历，或在自我描述中说明原因（如进修、照顾家庭）",
			field: "work[0].from", href: "/me/resume#work-0"},
		{name: "gap after graduation", code: "graduation_gap",
			edit:  func(r *Resume, _ *Profile) { r.Work[1].From = "2016-03" },
			msg:   "毕业后 2015-07 至 2016-02 有 8 个月没有工作经历（2015-06 毕业，2016-03 入职武汉XX物流），建议补充实习、培训经历，或在自我描述中说明原因",
			field: "work[1].from"},
		{name: "gap after graduation from education entries", code: "graduation_gap",
			edit: func(r *Resume, p *Profile) { p.GraduationDate = time.Time{}; r.Work[1].From = "2016-03" }},
		{name: "overlapping full-time jobs", code: "work_overlap",
			edit:  func(r *Resume, _ *Profile) { r.Work[1].To = "2019-08" },
			msg:   "第 1 段（武汉顺达物流有限公司，仓储主管）和第 2 段（武汉XX物流，仓管员）全职工作经历在 2019-03 至 2019-08 重叠 6 个月，请核对起止时间；如其中一份是兼职，请勾选“兼职”",
			field: "work[1].from"},
		{name: "short description", code: "work_desc_short",
			edit:  func(r *Resume, _ *Profile) { r.Work[0].Description = "负责仓库管理" },
			msg:   "第 1 段工作经历（武汉顺达物流有限公司，仓储主管）的工作内容只有 6 个字，建议写到 20 字以上：做什么、用什么设备或工具、取得了什么成绩",
			field: "work[0].description", href: "/me/resume#work-0"},
		{name: "no description", code: "work_desc_short", edit: func(r *Resume, _ *Profile) { r.Work[1].Description = "" }},
		{name: "no skills", code: "no_skills", edit: func(r *Resume, _ *Profile) { r.Skills = nil }},
		{name: "few skills", code: "few_skills", edit: func(r *Resume, _ *Profile) { r.Skills = r.Skills[:2] },
			msg: "只填写了 2 项技能，建议至少填写 3 项，如会操作的设备、软件和持有的证书"},
		{name: "skill certificate without level", code: "cert_no_level",
			edit:  func(r *Resume, _ *Profile) { r.Certificates[0].Level = "" },
			msg:   "证书「仓储管理员」是职业技能等级证书，但没有填写等级（五级/初级工 至 一级/高级技师）",
			field: "certificates[0].level", href: "/me/resume#certificate-0"},
		{name: "skill certificate without date", code: "cert_no_date",
			edit: func(r *Resume, _ *Profile) { r.Certificates[0].IssuedOn = "" }, field: "certificates[0].issued_on"},
		{name: "certificate from the future", code: "cert_future",
			edit: func(r *Resume, _ *Profile) { r.Certificates[0].IssuedOn = "2025-06-16" },
			msg:  "证书「仓储管理员」的发证日期 2025-06-16 晚于今天，请核对"},
		{name: "unknown level", code: "cert_level_unknown",
			edit: func(r *Resume, _ *Profile) { r.Certificates[0].Level = "特级" }},
		{name: "graded 专项 certificate", code: "cert_level_unknown",
			edit: func(r *Resume, _ *Profile) {
				r.Certificates = append(r.Certificates, Certificate{Name: "叉车驾驶", Kind: KindSpecial, Level: "初级", IssuedOn: "2017-01-02"})
			},
			msg: "证书「叉车驾驶」是专项职业能力证书，不分等级，请删除等级「初级」"},
		{name: "no self-description", code: "self_desc_missing", edit: func(r *Resume, _ *Profile) { r.SelfDescription = "" }},
		{name: "short self-description", code: "self_desc_short", edit: func(r *Resume, _ *Profile) { r.SelfDescription = "吃苦耐劳，服从安排" },
			msg: "自我描述只有 9 个字，建议写到 30 字以上：您的经验、特长和想找什么样的工作"},
		{name: "long self-description", code: "self_desc_long", edit: func(r *Resume, _ *Profile) { r.SelfDescription = repeat("字", 2001) }},
		{name: "stale", code: "stale", edit: func(r *Resume, _ *Profile) { r.UpdatedAt = now.AddDate(0, 0, -200) },
			msg: "简历已经 200 天没有更新，近期更新的简历在推荐中排序更靠前"},
		{name: "no location", code: "no_location", edit: func(r *Resume, _ *Profile) { r.Lat, r.Lng = nil, nil }},
		{name: "not discoverable", code: "not_discoverable", edit: func(r *Resume, _ *Profile) { r.Discoverable = false },
			href: "/me/resume#discoverable"},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, p := perfect()
			c.edit(r, &p)
			m := c.market
			if m == nil {
				m = market(40)
			}
			d := Diagnose(r, p, now, m)
			f, ok := find(d, c.code)
			if !ok {
				t.Fatalf("no %s finding: %+v", c.code, d.Findings)
			}
			covered[c.code] = true
			rule, _ := RuleFor(c.code)
			if f.Severity != rule.Severity || f.Points != rule.Points {
				t.Errorf("severity %s points %d, want %s %d", f.Severity, f.Points, rule.Severity, rule.Points)
			}
			if c.msg != "" && f.Message != c.msg {
				t.Errorf("message\n got %s\nwant %s", f.Message, c.msg)
			}
			if c.field != "" && f.Field != c.field {
				t.Errorf("field %q, want %q", f.Field, c.field)
			}
			if c.href != "" && f.FixHref != c.href {
				t.Errorf("href %q, want %q", f.FixHref, c.href)
			}
			if !strings.HasPrefix(f.FixHref, "/me/") {
				t.Errorf("href %q", f.FixHref)
			}
			if d.Score != 100-sumPoints(d) {
				t.Errorf("score %d with %d points", d.Score, sumPoints(d))
			}
		})
	}
	for _, rule := range Rubric {
		if !covered[rule.Code] {
			t.Errorf("rubric rule %s has no test case", rule.Code)
		}
	}
}

func sumPoints(d Diagnosis) int {
	n := 0
	for _, f := range d.Findings {
		n += f.Points
	}
	return n
}

// TestRubricQuiet checks the boundaries on the quiet side of each threshold.
func TestRubricQuiet(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(r *Resume, p *Profile)
		market MarketLookup
	}{
		{"salary exactly P75×1.3", func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 8450, 9000 }, nil},
		{"salary exactly P25×0.7", func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 3000, 3500 }, nil},
		{"high salary but 9 samples", func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin = 15000; r.Intentions[0].SalaryMax = 18000 }, market(9)},
		{"high salary, no market", func(r *Resume, _ *Profile) { r.Intentions[0].SalaryMin = 15000; r.Intentions[0].SalaryMax = 18000 },
			func(string, string) (Market, bool) { return Market{}, false }},
		{"gap of exactly 6 months", func(r *Resume, _ *Profile) { r.Work[1].To = "2018-08" }, nil},
		{"graduation gap of 6 months", func(r *Resume, _ *Profile) { r.Work[1].From = "2016-01" }, nil},
		{"handover month shared", func(r *Resume, _ *Profile) { r.Work[1].To = "2019-03" }, nil},
		{"overlap with a part-time job", func(r *Resume, _ *Profile) { r.Work[1].To = "2019-08"; r.Work[1].PartTime = true }, nil},
		{"description of 20 runes", func(r *Resume, _ *Profile) { r.Work[0].Description = repeat("仓", 20) }, nil},
		{"3 skills", func(r *Resume, _ *Profile) { r.Skills = r.Skills[:3] }, nil},
		{"self-description of 30 runes", func(r *Resume, _ *Profile) { r.SelfDescription = repeat("我", 30) }, nil},
		{"self-description of 2000 runes", func(r *Resume, _ *Profile) { r.SelfDescription = repeat("我", 2000) }, nil},
		{"updated 180 days ago", func(r *Resume, _ *Profile) { r.UpdatedAt = now.AddDate(0, 0, -180) }, nil},
		{"never saved", func(r *Resume, _ *Profile) { r.UpdatedAt = time.Time{} }, nil},
		{"certificate issued today", func(r *Resume, _ *Profile) { r.Certificates[0].IssuedOn = "2025-06-15" }, nil},
		{"other certificate without level or date", func(r *Resume, _ *Profile) {
			r.Certificates = append(r.Certificates, Certificate{Name: "C1 驾驶证", Kind: KindOther, Level: "C1"})
		}, nil},
		{"qualification with its own level", func(r *Resume, _ *Profile) {
			r.Certificates = append(r.Certificates, Certificate{Name: "二级建造师", Kind: KindQualification, Level: "二级", IssuedOn: "2020-10-01"})
		}, nil},
		{"高中 and 中专 are one stage", func(r *Resume, p *Profile) { r.Education[0].Level = "中专"; p.Education = "高中" }, nil},
		{"registry education unknown", func(_ *Resume, p *Profile) { p.Education = "" }, nil},
		{"16th birthday month", func(r *Resume, p *Profile) { p.Birth = time.Date(1999, 7, 31, 0, 0, 0, 0, cst) }, nil},
		{"first job before graduation", func(r *Resume, _ *Profile) { r.Work[1].From = "2015-03" }, nil},
		{"graduation in the future", func(_ *Resume, p *Profile) { p.GraduationDate = now.AddDate(1, 0, 0) }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, p := perfect()
			r.Lat, r.Lng = ptr(30.63), ptr(114.13)
			c.edit(r, &p)
			m := c.market
			if m == nil {
				m = market(40)
			}
			if d := Diagnose(r, p, now, m); len(d.Findings) != 0 {
				t.Errorf("findings: %+v", d.Findings)
			}
		})
	}
}

func TestGaps(t *testing.T) {
	type job struct{ from, to string }
	cases := []struct {
		name string
		jobs []job
		want []string // "from..to:months"
	}{
		{"six empty months", []job{{"2019-08", "2020-01"}, {"2018-03", "2019-01"}}, nil},
		{"seven empty months", []job{{"2019-09", "2020-01"}, {"2018-03", "2019-01"}}, []string{"2019-02..2019-08:7"}},
		{"across new year", []job{{"2018-03", "2019-12"}, {"2020-08", ""}}, []string{"2020-01..2020-07:7"}},
		{"next month", []job{{"2019-06", ""}, {"2018-01", "2019-05"}}, nil},
		{"same month", []job{{"2019-05", ""}, {"2018-01", "2019-05"}}, nil},
		{"nested short job", []job{{"2010-01", "2020-12"}, {"2012-01", "2012-06"}, {"2021-03", ""}}, nil},
		{"至今 covers later short job", []job{{"2015-01", ""}, {"2018-01", "2018-06"}}, nil},
		{"gap after the longest job", []job{{"2010-01", "2015-12"}, {"2011-01", "2011-06"}, {"2016-09", "2017-01"}}, []string{"2016-01..2016-08:8"}},
		{"two gaps", []job{{"2010-01", "2010-12"}, {"2012-01", "2012-12"}, {"2014-01", ""}}, []string{"2011-01..2011-12:12", "2013-01..2013-12:12"}},
		{"undated ignored", []job{{"2010-01", "2010-12"}, {"", ""}, {"2011-01", ""}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var work []WorkEntry
			for _, j := range c.jobs {
				work = append(work, WorkEntry{From: j.from, To: j.to})
			}
			var got []string
			for _, g := range gaps(workSpans(work, MonthOf(now), false)) {
				got = append(got, g.from.String()+".."+g.to.String()+":"+itoa(g.months()))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestGraduationMonthEnd(t *testing.T) {
	// Graduation on the last evening of June in Wuhan is June, whatever UTC says.
	grad := time.Date(2018, 6, 30, 23, 30, 0, 0, cst)
	for _, c := range []struct {
		from string
		want string
	}{
		{"2018-07", ""},
		{"2018-12", ""},
		{"2019-01", ""}, // 2018-07 … 2018-12: six months
		{"2019-02", "毕业后 2018-07 至 2019-01 有 7 个月没有工作经历"},
	} {
		r := &Resume{Work: []WorkEntry{{Employer: "甲公司", Title: "文员", From: c.from, Description: repeat("做", 30)}}}
		d := Diagnose(r, Profile{GraduationDate: grad}, now, nil)
		f, ok := find(d, "graduation_gap")
		if c.want == "" && ok || c.want != "" && (!ok || !strings.HasPrefix(f.Message, c.want)) {
			t.Errorf("first job %s: %q", c.from, f.Message)
		}
	}
}

func TestFindingOrderAndCaps(t *testing.T) {
	r, p := perfect()
	for range 5 {
		r.Work = append(r.Work, WorkEntry{Employer: "某公司", Title: "普工", Description: repeat("做", 30)})
	}
	r.SelfDescription = "太短"
	r.Discoverable = false
	p.HasPhone = false
	d := Diagnose(r, p, now, market(40))
	var pts []int
	for _, f := range d.Findings {
		if f.Code == "work_no_dates" {
			pts = append(pts, f.Points)
		}
	}
	if !slices.Equal(pts, []int{6, 6, 6, 0, 0}) {
		t.Errorf("work_no_dates points %v, want capped at 18", pts)
	}
	if !slices.IsSortedFunc(d.Findings, func(a, b Finding) int {
		if a.Severity.rank() != b.Severity.rank() {
			return a.Severity.rank() - b.Severity.rank()
		}
		return b.Points - a.Points
	}) {
		t.Errorf("not sorted: %+v", d.Findings)
	}
	if d.Findings[0].Code != "no_phone" {
		t.Errorf("first finding %s, want no_phone (error, 10 points)", d.Findings[0].Code)
	}
	if d.Score != 100-10-18-3-5-2 { // no phone, undated work, short self-description, not discoverable, no location
		t.Errorf("score %d", d.Score)
	}
}

func TestScoreFloor(t *testing.T) {
	r := &Resume{SelfDescription: repeat("长", 2001), Intentions: []Intention{{}, {}, {}}}
	for range 10 {
		r.Work = append(r.Work, WorkEntry{})
		r.Certificates = append(r.Certificates, Certificate{Name: "x", Kind: KindSkillLevel, IssuedOn: "2099-01-01"})
	}
	d := Diagnose(r, Profile{}, now, nil)
	if d.Score != 0 || d.Grade != "较差" {
		t.Errorf("score %d %s", d.Score, d.Grade)
	}
}

func TestGrade(t *testing.T) {
	for score, want := range map[int]string{100: "优秀", 90: "优秀", 89: "良好", 75: "良好", 74: "待完善", 60: "待完善", 59: "较差", 0: "较差"} {
		if got := Grade(score); got != want {
			t.Errorf("Grade(%d) = %s, want %s", score, got, want)
		}
	}
}

func TestWithPaths(t *testing.T) {
	d := Diagnose(&Resume{Work: []WorkEntry{{Employer: "甲"}}}, Profile{}, now, nil)
	s := d.WithPaths("/staff/persons/7/resume", "/staff/persons/7/edit")
	for i, f := range s.Findings {
		if strings.HasPrefix(f.FixHref, "/me/") {
			t.Errorf("not rewritten: %s", f.FixHref)
		}
		if !strings.HasPrefix(d.Findings[i].FixHref, "/me/") {
			t.Errorf("original changed: %s", d.Findings[i].FixHref)
		}
	}
	if f, _ := find(s, "work_no_dates"); f.FixHref != "/staff/persons/7/resume#work-0" {
		t.Errorf("href %s", f.FixHref)
	}
	if f, _ := find(s, "no_phone"); f.FixHref != "/staff/persons/7/edit#phone" {
		t.Errorf("href %s", f.FixHref)
	}
}

func TestRubricTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rubric {
		if seen[r.Code] {
			t.Errorf("duplicate %s", r.Code)
		}
		seen[r.Code] = true
		if r.Points <= 0 || (r.Cap != 0 && r.Cap < r.Points) || r.Title == "" || r.Severity.Label() == string(r.Severity) {
			t.Errorf("bad rule %+v", r)
		}
	}
}
