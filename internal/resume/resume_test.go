package resume

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

func TestValidatePerfect(t *testing.T) {
	tb := loadTables(t)
	r, _ := perfect()
	if err := r.Validate(now, tb.Occupations, tb.Regions); err != nil {
		t.Fatal(err)
	}
	if err := (&Resume{}).Validate(now, nil, nil); err != nil {
		t.Fatalf("empty resume: %v", err)
	}
}

func TestValidateBad(t *testing.T) {
	tb := loadTables(t)
	cases := []struct {
		name  string
		edit  func(r *Resume)
		field string
		msg   string // exact when set
	}{
		// limits
		{"11 intentions", func(r *Resume) {
			for range 10 {
				r.Intentions = append(r.Intentions, r.Intentions[0])
			}
		}, "intentions", "最多填写 10 个求职意向"},
		{"11 occupations in an intention", func(r *Resume) {
			for i := range 11 {
				r.Intentions[0].OccupationCodes = append(r.Intentions[0].OccupationCodes, "4-02-06-0"+itoa(i%5+1))
			}
		}, "intentions[0].occupation_codes", ""},
		{"21 education entries", func(r *Resume) {
			for range 20 {
				r.Education = append(r.Education, r.Education[0])
			}
		}, "education", "最多填写 20 段教育经历"},
		{"31 work entries", func(r *Resume) {
			for range 29 {
				r.Work = append(r.Work, r.Work[1])
			}
		}, "work", "最多填写 30 段工作经历"},
		{"51 skills", func(r *Resume) {
			for i := range 45 {
				r.Skills = append(r.Skills, "技能"+itoa(i))
			}
		}, "skills", "最多填写 50 项技能"},
		{"skill of 31 runes", func(r *Resume) { r.Skills[2] = repeat("技", 31) }, "skills[2]", "不能超过 30 个字"},
		{"21 certificates", func(r *Resume) {
			for range 20 {
				r.Certificates = append(r.Certificates, r.Certificates[0])
			}
		}, "certificates", "最多填写 20 个证书"},
		{"self-description of 2001 runes", func(r *Resume) { r.SelfDescription = repeat("我", 2001) }, "self_description", "不能超过 2000 个字"},
		{"work description of 2001 runes", func(r *Resume) { r.Work[1].Description = repeat("做", 2001) }, "work[1].description", "不能超过 2000 个字"},
		{"control character", func(r *Resume) { r.SelfDescription = "好\x00" }, "self_description", "包含不允许的控制字符"},
		// required
		{"no employer", func(r *Resume) { r.Work[0].Employer = "" }, "work[0].employer", "请填写单位名称"},
		{"no title", func(r *Resume) { r.Work[0].Title = "" }, "work[0].title", "请填写职位名称"},
		{"no school", func(r *Resume) { r.Education[0].School = "" }, "education[0].school", "请填写学校名称"},
		{"no level", func(r *Resume) { r.Education[0].Level = "" }, "education[0].level", "请选择学历层次"},
		{"unknown level", func(r *Resume) { r.Education[0].Level = "研究生" }, "education[0].level", ""},
		{"no certificate name", func(r *Resume) { r.Certificates[0].Name = "" }, "certificates[0].name", "请填写证书名称"},
		{"unknown certificate kind", func(r *Resume) { r.Certificates[0].Kind = "荣誉证书" }, "certificates[0].kind", ""},
		{"neither full- nor part-time", func(r *Resume) { r.Intentions[0].FullTime = false }, "intentions[0].full_time", "请选择全职或兼职（可以都选）"},
		// dates
		{"month 13", func(r *Resume) { r.Work[1].From = "2015-13" }, "work[1].from", "请按 YYYY-MM 填写真实的年月（如 2018-09）"},
		{"month not normalised", func(r *Resume) { r.Work[1].From = "2015-7" }, "work[1].from", ""},
		{"year 1850", func(r *Resume) { r.Education[0].From = "1850-09" }, "education[0].from", ""},
		{"from after to", func(r *Resume) { r.Work[1].From, r.Work[1].To = "2019-03", "2019-02" }, "work[1].to", "结束时间不能早于开始时间"},
		{"work starts next month", func(r *Resume) { r.Work[0].From = "2025-07" }, "work[0].from", "开始时间不能晚于本月"},
		{"work ends next month", func(r *Resume) { r.Work[0].To = "2025-07" }, "work[0].to", "结束时间不能晚于本月；仍在职请留空（至今）"},
		{"graduation 7 years ahead", func(r *Resume) { r.Education[0].To = "2032-07" }, "education[0].to", "结束时间不能晚于 2031-06"},
		{"30 February", func(r *Resume) { r.Certificates[0].IssuedOn = "2021-02-30" }, "certificates[0].issued_on", "请按 YYYY-MM-DD 填写真实的日期（如 2021-06-30）"},
		{"certificate issued tomorrow", func(r *Resume) { r.Certificates[0].IssuedOn = "2025-06-16" }, "certificates[0].issued_on", "发证日期不能晚于今天"},
		// salary
		{"min above max", func(r *Resume) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 9000, 8000 }, "intentions[0].salary_max", "最高期望月薪不能低于最低期望月薪"},
		{"min below 1000", func(r *Resume) { r.Intentions[0].SalaryMin = 999 }, "intentions[0].salary_min", "期望月薪须在 1000–200000 元之间（按月薪填写）"},
		{"max above 200000", func(r *Resume) { r.Intentions[0].SalaryMax = 200001 }, "intentions[0].salary_max", ""},
		{"only min", func(r *Resume) { r.Intentions[0].SalaryMax = 0 }, "intentions[0].salary_min", "请同时填写最低和最高期望月薪，或都不填（面议）"},
		// codes
		{"unknown occupation", func(r *Resume) { r.Intentions[0].OccupationCodes = []string{"9-99-99-99"} }, "intentions[0].occupation_codes", "职业代码 9-99-99-99 不存在"},
		{"unknown region", func(r *Resume) { r.Intentions[0].RegionCodes = []string{"420199"} }, "intentions[0].region_codes", "地区代码 420199 不存在"},
		{"unknown work occupation", func(r *Resume) { r.Work[0].OccupationCode = "4-02-06-99" }, "work[0].occupation_code", "职业代码 4-02-06-99 不存在"},
		// location
		{"lat without lng", func(r *Resume) { r.Lat = ptr(30.62) }, "lng", "请同时填写纬度和经度，或都不填"},
		{"lng without lat", func(r *Resume) { r.Lng = ptr(114.14) }, "lat", "请同时填写纬度和经度，或都不填"},
		{"lat north of China", func(r *Resume) { r.Lat, r.Lng = ptr(54.01), ptr(114.14) }, "lat", "纬度应在 3–54 之间（中国境内），如 30.62"},
		{"lat south of China", func(r *Resume) { r.Lat, r.Lng = ptr(-30.62), ptr(114.14) }, "lat", ""},
		{"lng east of China", func(r *Resume) { r.Lat, r.Lng = ptr(30.62), ptr(136.5) }, "lng", "经度应在 73–136 之间（中国境内），如 114.14"},
		{"lng of Greenwich", func(r *Resume) { r.Lat, r.Lng = ptr(30.62), ptr(0) }, "lng", ""},
		{"lat NaN", func(r *Resume) { r.Lat, r.Lng = ptr(math.NaN()), ptr(114.14) }, "lat", ""},
		{"lng +Inf", func(r *Resume) { r.Lat, r.Lng = ptr(30.62), ptr(math.Inf(1)) }, "lng", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, _ := perfect()
			c.edit(r)
			err := r.Validate(now, tb.Occupations, tb.Regions)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
				t.Fatalf("got %v, want Invalid", err)
			}
			msg, ok := ae.Fields[c.field]
			if !ok {
				t.Fatalf("no %s in %v", c.field, ae.Fields)
			}
			if c.msg != "" && msg != c.msg {
				t.Errorf("%s: %q, want %q", c.field, msg, c.msg)
			}
			if len(ae.Fields) != 1 {
				t.Errorf("extra fields: %v", ae.Fields)
			}
		})
	}
}

func TestValidateAllowed(t *testing.T) {
	tb := loadTables(t)
	cases := []struct {
		name string
		edit func(r *Resume)
	}{
		{"student graduating in 6 years", func(r *Resume) { r.Education[0].To = "2031-06" }},
		{"work without dates (diagnosis asks)", func(r *Resume) { r.Work[1].From, r.Work[1].To = "", "" }},
		{"work this month", func(r *Resume) { r.Work[0].From = "2025-06" }},
		{"same start and end", func(r *Resume) { r.Work[1].From, r.Work[1].To = "2019-02", "2019-02" }},
		{"salary not stated", func(r *Resume) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 0, 0 }},
		{"salary at the bounds", func(r *Resume) { r.Intentions[0].SalaryMin, r.Intentions[0].SalaryMax = 1000, 200000 }},
		{"street and 小类 codes", func(r *Resume) {
			r.Intentions[0].RegionCodes = []string{"420112001", "4201"}
			r.Intentions[0].OccupationCodes = []string{"4-02-06-00"}
		}},
		{"free-text qualification level", func(r *Resume) {
			r.Certificates = append(r.Certificates, Certificate{Name: "一级建造师", Kind: KindQualification, Level: "一级"})
		}},
		{"unknown skill level is the diagnosis' business", func(r *Resume) { r.Certificates[0].Level = "特级" }},
		{"certificate issued today", func(r *Resume) { r.Certificates[0].IssuedOn = "2025-06-15" }},
		{"script tag stored as text", func(r *Resume) { r.SelfDescription = "<script>alert(1)</script>我能吃苦" }},
		{"30-rune skill", func(r *Resume) { r.Skills[0] = repeat("技", 30) }},
		{"location in Wuhan", func(r *Resume) { r.Lat, r.Lng = ptr(30.62), ptr(114.14) }},
		{"location at China's bounds", func(r *Resume) { r.Lat, r.Lng = ptr(3), ptr(136) }},
		{"exactly 50 skills", func(r *Resume) {
			for i := range 44 {
				r.Skills = append(r.Skills, "技能"+itoa(i))
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, _ := perfect()
			c.edit(r)
			if err := r.Validate(now, tb.Occupations, tb.Regions); err != nil {
				t.Errorf("%v", apperr.As(err).Fields)
			}
		})
	}
}

func ptr(v float64) *float64 { return &v }

// TestValidateSwappedLocation: (lng, lat) typed the wrong way round names both fields.
func TestValidateSwappedLocation(t *testing.T) {
	r, _ := perfect()
	r.Lat, r.Lng = ptr(114.14), ptr(30.62)
	f := apperr.As(r.Validate(now, nil, nil)).Fields
	if len(f) != 2 || f["lat"] == "" || f["lng"] == "" {
		t.Errorf("fields %v", f)
	}
}

// TestNormalizeLocation: kept to 0.001° (about 100 m); absent stays absent.
func TestNormalizeLocation(t *testing.T) {
	r := &Resume{Lat: ptr(30.62349), Lng: ptr(114.14051)}
	r.Normalize()
	if !r.HasLocation() || *r.Lat != 30.623 || *r.Lng != 114.141 {
		t.Errorf("got %v, %v", *r.Lat, *r.Lng)
	}
	r = &Resume{Lat: ptr(30.62)}
	r.Normalize()
	if r.HasLocation() || r.Lng != nil || *r.Lat != 30.62 {
		t.Errorf("half a location: %+v", r)
	}
	r = &Resume{}
	r.Normalize()
	if r.Lat != nil || r.Lng != nil || r.HasLocation() {
		t.Errorf("no location: %+v", r)
	}
}

func TestValidateNilTablesSkipCodes(t *testing.T) {
	r, _ := perfect()
	r.Intentions[0].OccupationCodes = []string{"nope"}
	r.Work[0].OccupationCode = "nope"
	if err := r.Validate(now, nil, nil); err != nil {
		t.Fatal(err)
	}
}

func TestValidateHugeListReportedOnce(t *testing.T) {
	r := &Resume{}
	for range 10000 {
		r.Work = append(r.Work, WorkEntry{})
	}
	ae := apperr.As(r.Validate(now, nil, nil))
	// the limit, and employer + title of the first 30 entries
	if len(ae.Fields) != 1+2*MaxWork {
		t.Errorf("%d fields", len(ae.Fields))
	}
}

func TestNormalize(t *testing.T) {
	r := &Resume{
		Intentions: []Intention{
			{OccupationCodes: []string{" 4-02-06-01 ", "4-02-06-01", ""}, RegionCodes: []string{"420112"}, FullTime: true},
			{FullTime: true}, // a blank form row
		},
		Education: []EducationEntry{
			{School: " 东西湖职高 ", Level: "中专", From: "2009.9", To: "2012年6月"},
			{},
			{School: "武汉职业技术学院", Level: "大专", From: "2012/09", To: "2015-06-30"},
		},
		Work: []WorkEntry{
			{Employer: "旧单位", Title: "普工", From: "201507", To: "2016.2"},
			{Employer: "无日期", Title: "临时工"},
			{Employer: "现单位", Title: "主管", From: "2019-3", To: "至今", Description: " 第一行\r\n第二行 "},
			{Employer: "中间", Title: "组长", From: "2016-03", To: "2019-02"},
			{Employer: "  ", Description: " "},
		},
		Skills:          []string{" 叉车驾驶、Excel ", "excel", "", "仓库  盘点", "EXCEL；WMS"},
		Certificates:    []Certificate{{Name: "仓储管理员", Kind: KindSkillLevel, Level: "高级工", IssuedOn: "2016/5/3"}, {Name: "叉车", Kind: KindSkillLevel, Level: "四级", IssuedOn: "2019年5月20日"}},
		SelfDescription: "  踏实肯干。\r\n ",
	}
	r.Normalize()

	if len(r.Intentions) != 1 || !slices.Equal(r.Intentions[0].OccupationCodes, []string{"4-02-06-01"}) {
		t.Errorf("intentions %+v", r.Intentions)
	}
	var edu []string
	for _, e := range r.Education {
		edu = append(edu, e.School+" "+e.From+"~"+e.To)
	}
	if want := []string{"武汉职业技术学院 2012-09~2015-06", "东西湖职高 2009-09~2012-06"}; !slices.Equal(edu, want) {
		t.Errorf("education %q, want %q", edu, want)
	}
	var work []string
	for _, w := range r.Work {
		work = append(work, w.Employer+" "+w.From+"~"+w.To)
	}
	if want := []string{"现单位 2019-03~", "中间 2016-03~2019-02", "旧单位 2015-07~2016-02", "无日期 ~"}; !slices.Equal(work, want) {
		t.Errorf("work %q, want %q", work, want)
	}
	if r.Work[0].Description != "第一行\n第二行" {
		t.Errorf("description %q", r.Work[0].Description)
	}
	if want := []string{"叉车驾驶", "Excel", "仓库 盘点", "WMS"}; !slices.Equal(r.Skills, want) {
		t.Errorf("skills %q, want %q", r.Skills, want)
	}
	if c := r.Certificates; c[0].Name != "叉车" || c[0].IssuedOn != "2019-05-20" || c[0].Level != "四级/中级工" ||
		c[1].IssuedOn != "2016-05-03" || c[1].Level != "三级/高级工" {
		t.Errorf("certificates %+v", c)
	}
	if r.SelfDescription != "踏实肯干。" {
		t.Errorf("self-description %q", r.SelfDescription)
	}
	tb := loadTables(t)
	if err := r.Validate(now, tb.Occupations, tb.Regions); err != nil {
		t.Errorf("normalised resume invalid: %v", apperr.As(err).Fields)
	}
}

func TestNormalizeKeepsWhatItCannotRead(t *testing.T) {
	r := &Resume{Work: []WorkEntry{{Employer: "甲", Title: "乙", From: " 去年 ", To: "2019-13-45"}}}
	r.Normalize()
	if r.Work[0].From != "去年" || r.Work[0].To != "2019-13" {
		t.Errorf("%+v", r.Work[0])
	}
	if err := r.Validate(now, nil, nil); err == nil {
		t.Error("want invalid")
	}
}

func TestCanonicalLevel(t *testing.T) {
	cases := []struct{ kind, in, want string }{
		{KindSkillLevel, "三级", "三级/高级工"},
		{KindSkillLevel, "3级", "三级/高级工"},
		{KindSkillLevel, "高级", "三级/高级工"},
		{KindSkillLevel, "高级工", "三级/高级工"},
		{KindSkillLevel, " 三级（高级工） ", "三级/高级工"},
		{KindSkillLevel, "三级/高级工", "三级/高级工"},
		{KindSkillLevel, "一级 / 高级技师", "一级/高级技师"},
		{KindSkillLevel, "技师", "二级/技师"},
		{KindSkillLevel, "五级/初级工", "五级/初级工"},
		{KindSkillLevel, "三级/技师", "三级/技师"}, // contradictory: left for the diagnosis
		{KindSkillLevel, "特级", "特级"},
		{KindQualification, "一级", "一级"}, // 一级建造师 is not 高级技师
		{KindQualification, "高级技师", "一级/高级技师"},
		{KindQualification, "中级", "中级"},
		{KindOther, "C1", "C1"},
		{KindSkillLevel, "", ""},
	}
	for _, c := range cases {
		if got := CanonicalLevel(c.kind, c.in); got != c.want {
			t.Errorf("CanonicalLevel(%s, %q) = %q, want %q", c.kind, c.in, got, c.want)
		}
	}
}

func TestYears(t *testing.T) {
	cases := []struct {
		name string
		work []WorkEntry
		want float64
	}{
		{"none", nil, 0},
		{"one year", []WorkEntry{{From: "2020-01", To: "2020-12"}}, 1},
		{"single month", []WorkEntry{{From: "2020-01", To: "2020-01"}}, 1.0 / 12},
		{"至今 counts to this month", []WorkEntry{{From: "2024-07"}}, 1},
		{"overlap counted once", []WorkEntry{{From: "2010-01", To: "2010-12"}, {From: "2010-07", To: "2011-06"}}, 1.5},
		{"nested", []WorkEntry{{From: "2011-01", To: "2011-06"}, {From: "2010-01", To: "2012-12"}}, 3},
		{"touching", []WorkEntry{{From: "2010-01", To: "2010-06"}, {From: "2010-07", To: "2010-12"}}, 1},
		{"with a gap", []WorkEntry{{From: "2010-01", To: "2010-06"}, {From: "2012-01", To: "2012-06"}}, 1},
		{"undated and broken ignored", []WorkEntry{{From: "2010-01", To: "2010-12"}, {}, {From: "2012-05", To: "2012-01"}, {From: "abc"}}, 1},
		{"part-time counts", []WorkEntry{{From: "2010-01", To: "2010-12", PartTime: true}}, 1},
	}
	for _, c := range cases {
		r := &Resume{Work: c.work}
		if got := r.YearsAt(now); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	r, _ := perfect()
	if got := r.Years(); got < 10 {
		t.Errorf("Years() = %v, want at least the 10 years up to 2025-06", got)
	}
}

func TestHighestEducation(t *testing.T) {
	cases := []struct {
		levels []string
		want   string
	}{
		{nil, ""},
		{[]string{"高中", "本科", "大专"}, "本科"},
		{[]string{"中专", "高中"}, "中专"},
		{[]string{"初中"}, "初中"},
		{[]string{"硕士", "博士", "本科"}, "博士"},
		{[]string{"研究生"}, ""},
	}
	for _, c := range cases {
		r := &Resume{}
		for _, l := range c.levels {
			r.Education = append(r.Education, EducationEntry{Level: l})
		}
		if got := r.HighestEducation(); got != c.want {
			t.Errorf("%v: %q, want %q", c.levels, got, c.want)
		}
	}
}

func TestMonth(t *testing.T) {
	for _, s := range []string{"2018-09", "1900-01", "2025-12"} {
		m, err := ParseMonth(s)
		if err != nil || m.String() != s {
			t.Errorf("%s: %v %v", s, m, err)
		}
	}
	for _, s := range []string{"", "2018-9", "2018-00", "2018-13", "1899-12", "18-09-01", "2018/09", "+018-09", "2018-+9"} {
		if _, err := ParseMonth(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
	dec, _ := ParseMonth("2019-12")
	jan, _ := ParseMonth("2020-01")
	if jan-dec != 1 || dec.Month() != time.December || jan.Year() != 2020 {
		t.Errorf("month arithmetic: %v %v", dec, jan)
	}
	if m := MonthOf(time.Date(2018, 6, 30, 23, 59, 0, 0, cst)); m.String() != "2018-06" {
		t.Errorf("MonthOf %s", m)
	}
	for _, s := range []string{"2020-02-29", "2021-12-31"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"2021-02-29", "2021-04-31", "2021-6-3", "20210603", "1899-12-31"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
}

func TestJSONFieldNames(t *testing.T) {
	r, _ := perfect()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"intentions":[{"occupation_codes"`, `"salary_min":6000`, `"work":[{"employer"`, `"issued_on":"2018-05-20"`, `"self_description"`,
		`"lat":null,"lng":null`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("no %s in %s", k, b)
		}
	}
	r.Lat, r.Lng = ptr(30.62), ptr(114.14)
	if b, _ := json.Marshal(r); !strings.Contains(string(b), `"lat":30.62,"lng":114.14`) {
		t.Errorf("location: %s", b)
	}
}
