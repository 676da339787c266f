package policy

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestAgeOnBirthday(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct {
		birth, date string
		want        float64
	}{
		{"1985-06-30", "2025-06-30", 40}, // birthday counts as reached (P05)
		{"1985-06-30", "2025-06-29", 39},
		{"2004-02-29", "2025-02-28", 21}, // leap-day birthday: clamped anniversary
		{"2004-02-29", "2025-02-27", 20},
		{"2004-02-29", "2024-02-29", 20},
	} {
		v := derivedOf(t, c, "person", a{"birth_date": tc.birth}, tc.date, "age")
		if !v.ok || v.n != tc.want {
			t.Errorf("age(%s on %s) = %v, want %v", tc.birth, tc.date, v.n, tc.want)
		}
	}
	if v := derivedOf(t, c, "person", a{}, "2025-06-30", "age"); v.ok {
		t.Error("age without birth date is unknown")
	}
}

func TestGraduatingSchoolYear(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct{ grad, start string }{
		{"2025-06-25", "2024-07-01"}, // June: previous year's 1 July
		{"2025-06-30", "2024-07-01"},
		{"2025-07-10", "2025-07-01"}, // July: same year
		{"2025-01-15", "2024-07-01"},
		{"2024-12-31", "2024-07-01"},
	} {
		v := derivedOf(t, c, "person", a{"graduation_date": tc.grad}, "2025-06-30", "grad_school_year_start")
		if got := v.d.String(); got != tc.start {
			t.Errorf("school year start for %s = %s, want %s", tc.grad, got, tc.start)
		}
	}
	in := func(grad, date string) bool {
		return derivedOf(t, c, "person", a{"graduation_date": grad}, date, "in_graduating_school_year").b
	}
	if !in("2025-06-25", "2024-07-01") || !in("2025-06-25", "2025-06-30") {
		t.Error("school year is inclusive at both ends")
	}
	if in("2025-06-25", "2024-06-30") || in("2025-06-25", "2025-07-01") {
		t.Error("outside the school year")
	}
}

func TestWorkingAge(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct {
		gender, birth string
		want          bool
	}{
		{"女", "1970-07-01", true},  // 54
		{"女", "1970-06-30", false}, // 55 today
		{"男", "1965-07-01", true},  // 59
		{"男", "1965-06-30", false}, // 60 today
		{"男", "2009-06-30", true},  // 16 today
		{"男", "2009-07-01", false}, // 15
	} {
		v := derivedOf(t, c, "person", a{"gender": tc.gender, "birth_date": tc.birth}, "2025-06-30", "working_age")
		if v.b != tc.want {
			t.Errorf("working_age(%s %s) = %v", tc.gender, tc.birth, v.b)
		}
	}
	if derivedOf(t, c, "person", a{"birth_date": "1990-01-01"}, "2025-06-30", "working_age").b {
		t.Error("unknown gender cannot be judged")
	}
}

func TestWuhanDifficultyCategories(t *testing.T) {
	c := defaultCatalog(t)
	cats := func(attrs map[string]any) string {
		v := derivedOf(t, c, "person", attrs, "2025-06-30", "wh_difficulty_categories")
		return strings.Join(maskNames(difficultyNames(), v.mask), "|")
	}
	grad := a{"full_time": true, "education": "本科", "graduation_date": "2024-06-30"}
	for _, tc := range []struct {
		name  string
		attrs map[string]any
		want  string
	}{
		{"female 40 today", a{"gender": "女", "birth_date": "1985-06-30"}, "大龄失业人员（女满40周岁、男满50周岁）"},
		{"female 39", a{"gender": "女", "birth_date": "1985-07-01"}, ""},
		{"male 49", a{"gender": "男", "birth_date": "1975-07-01"}, ""},
		{"male 50", a{"gender": "男", "birth_date": "1975-06-30"}, "大龄失业人员（女满40周岁、男满50周岁）"},
		{"unemployed 12 months", a{"unemployed_months": 12}, "连续失业一年以上"},
		{"unemployed 11 months", a{"unemployed_months": 11}, ""},
		{"landless farmer", a{"landless_farmer": true}, "生活困难的失地农民"},
		{"dibao", a{"family_hardship": []any{"低保家庭"}}, "城镇零就业家庭成员或低保人员"},
		{"zero employment", a{"family_hardship": []any{"零就业家庭"}}, "城镇零就业家庭成员或低保人员"},
		{"rural zero transfer", a{"family_hardship": []any{"农村零转移就业贫困家庭"}}, "农村零转移就业贫困家庭成员"},
		{"graduate 12 months unemployed", grad, "毕业一年以上未就业的高校毕业生"},
		{"graduate 11 months", a{"full_time": true, "education": "本科", "graduation_date": "2024-07-01"}, ""},
		{"graduate employed", a{"full_time": true, "education": "本科", "graduation_date": "2024-06-30", "employed_since_graduation": true}, ""},
		{"graduate part-time", a{"education": "本科", "graduation_date": "2024-06-30"}, ""},
		{"graduate 5 years", a{"full_time": true, "education": "大专", "graduation_date": "2020-06-30"}, "毕业一年以上未就业的高校毕业生"},
		{"graduate 5 years and a day", a{"full_time": true, "education": "大专", "graduation_date": "2020-06-29"}, ""},
		{"disabled", a{"disabled": true}, "残疾人"},
		{"adult orphan", a{"orphan": true, "birth_date": "2007-06-30"}, "成年孤儿"},
		{"minor orphan", a{"orphan": true, "birth_date": "2007-07-01"}, ""},
		{"poverty alleviated", a{"family_hardship": []any{"脱贫家庭"}}, "脱贫劳动力"},
		{"two categories", a{"disabled": true, "unemployed_months": 20}, "连续失业一年以上|残疾人"},
	} {
		if got := cats(tc.attrs); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestLayoffOK(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct {
		attrs map[string]any
		want  bool
	}{
		{a{"headcount": 30, "layoff_rate": 0.2}, true},    // ≤30 staff: ≤20%, inclusive (E05)
		{a{"headcount": 30, "layoff_rate": 0.21}, false},  // ≤30 staff, above 20%
		{a{"headcount": 31, "layoff_rate": 0.055}, true},  // >30 staff: ≤5.5%, inclusive
		{a{"headcount": 31, "layoff_rate": 0.056}, false}, // >30 staff, above 5.5%
		{a{"headcount": 40, "layoff_rate": 0.1}, false},   // E11
		{a{"headcount": 200, "insured_employees": 25, "layoff_rate": 0.15}, true},
		{a{"headcount": 20}, false}, // rate unknown
	} {
		if got := derivedOf(t, c, "enterprise", tc.attrs, "2025-06-30", "layoff_ok").b; got != tc.want {
			t.Errorf("layoff_ok(%v) = %v", tc.attrs, got)
		}
	}
}

func TestCydbRatio(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct {
		head, hires float64
		want        bool
	}{
		{120, 6, true}, // E09: >100 staff, exactly 5%
		{120, 5, false},
		{100, 10, true}, // ≤100 staff: 10%
		{100, 9, false},
		{80, 2, false}, // E01
		{10, 3, true},
	} {
		v := derivedOf(t, c, "enterprise", a{"headcount": tc.head, "cydb_new_hires_12m": tc.hires}, "2025-06-30", "cydb_ratio_ok")
		if v.b != tc.want {
			t.Errorf("cydb_ratio_ok(%v/%v) = %v", tc.hires, tc.head, v.b)
		}
	}
}

func TestFanxiangAndReturn(t *testing.T) {
	c := defaultCatalog(t)
	ok := func(home, reg string) bool {
		return derivedOf(t, c, "person", a{"hukou_district": home, "business": a{"reg_district": reg}}, "2025-06-30", "fanxiang_district_ok").b
	}
	if !ok("新洲区", "新洲区") || !ok("江汉区", "江岸区") || !ok("江汉区", "东湖新技术开发区") {
		t.Error("same district or both central should count")
	}
	if ok("江汉区", "东西湖区") || ok("东西湖区", "蔡甸区") {
		t.Error("东西湖区 is not in the central group (P15)")
	}
	within := func(ret, reg string) bool {
		return derivedOf(t, c, "person", a{"returnee": a{"return_date": ret}, "business": a{"reg_date": reg}}, "2025-06-30", "reg_within_5y_of_return").b
	}
	if !within("2020-01-10", "2025-01-10") || within("2020-01-10", "2025-01-11") || within("2024-01-10", "2024-01-09") {
		t.Error("reg_within_5y_of_return boundaries")
	}
}

func TestBusinessMonthsAndWindow(t *testing.T) {
	c := defaultCatalog(t)
	months := func(reg string) float64 {
		return derivedOf(t, c, "person", a{"business": a{"reg_date": reg}}, "2025-06-30", "business_months").n
	}
	if months("2024-12-01") != 6 || months("2024-12-31") != 6 || months("2025-01-01") != 5 || months("2025-03-01") != 3 {
		t.Error("business_months")
	}
	win := func(grad, reg, date string) bool {
		return derivedOf(t, c, "person", a{"graduation_date": grad, "business": a{"reg_date": reg}}, date, "wh_gx_cy_window_ok").b
	}
	if !win("2021-06-30", "2022-03-15", "2025-06-30") { // P11: last day of the window
		t.Error("P11 window includes 2025-06-30")
	}
	if win("2021-06-30", "2022-03-15", "2025-07-01") {
		t.Error("window ends 2025-06-30")
	}
	if win("2021-06-30", "2020-06-30", "2022-06-30") || !win("2021-06-30", "2020-07-01", "2022-06-30") {
		t.Error("registration must not precede the school year start")
	}
}

func TestHireDerived(t *testing.T) {
	c := defaultCatalog(t)
	hire := func(attrs map[string]any, name string) dval {
		p, err := c.Prepare(Subject{Kind: "enterprise", Attrs: a{"new_hires": []any{attrs}}})
		if err != nil {
			t.Fatal(err)
		}
		p.ctx.begin(c, civilOf(day(t, "2025-06-30")), p.rec)
		el := p.rec.elems(p.rec.sch.f("new_hires"))[0]
		return p.ctx.get(el, el.sch.derived[name])
	}
	grad := a{"education": "本科", "graduation_date": "2025-06-20", "hire_date": "2025-05-20"}
	if !hire(grad, "is_grad_year_hire").b {
		t.Error("E01: hired in the graduation year before graduating")
	}
	if hire(a{"education": "高中", "graduation_date": "2025-06-20", "hire_date": "2025-05-20"}, "is_grad_year_hire").b {
		t.Error("high school is not 高校毕业生")
	}
	two := a{"education": "大专", "graduation_date": "2023-06-30", "hire_date": "2025-06-30"}
	if !hire(two, "is_2y_unemployed_grad_hire").b {
		t.Error("hire exactly 2 years after graduation counts")
	}
	if hire(a{"education": "大专", "graduation_date": "2023-06-29", "hire_date": "2025-06-30"}, "is_2y_unemployed_grad_hire").b {
		t.Error("2 years and a day is too late")
	}
	if hire(a{"education": "大专", "graduation_date": "2023-06-30", "hire_date": "2024-06-30", "employed_between_grad_and_hire": true}, "is_2y_unemployed_grad_hire").b {
		t.Error("employed after graduation")
	}
	if !hire(a{"registered_unemployed_at_hire": true, "age_at_hire": 24}, "is_youth_registered_unemployed_hire").b ||
		hire(a{"registered_unemployed_at_hire": true, "age_at_hire": 25}, "is_youth_registered_unemployed_hire").b ||
		hire(a{"age_at_hire": 20}, "is_youth_registered_unemployed_hire").b {
		t.Error("youth: registered unemployed and 16-24 inclusive (E03)")
	}
	if v := hire(a{"hire_date": "2024-06-30"}, "tenure_months"); v.n != 12 {
		t.Errorf("tenure = %v", v.n)
	}
	if !hire(a{"hire_date": "2025-01-01"}, "hired_this_year").b || hire(a{"hire_date": "2024-12-31"}, "hired_this_year").b {
		t.Error("hired_this_year")
	}
	if !hire(a{"hire_date": "2025-06-30", "veteran_discharge_date": "2024-06-30"}, "veteran_within_1y_at_hire").b ||
		hire(a{"hire_date": "2025-07-01", "veteran_discharge_date": "2024-06-30"}, "veteran_within_1y_at_hire").b {
		t.Error("veteran within 1 year, inclusive")
	}
}

func TestInternEligible(t *testing.T) {
	c := defaultCatalog(t)
	eligible := func(attrs map[string]any) bool {
		p, err := c.Prepare(Subject{Kind: "enterprise", Attrs: a{"interns": []any{attrs}}})
		if err != nil {
			t.Fatal(err)
		}
		p.ctx.begin(c, civilOf(day(t, "2025-06-30")), p.rec)
		el := p.rec.elems(p.rec.sch.f("interns"))[0]
		return p.ctx.get(el, el.sch.derived["eligible"]).b
	}
	if !eligible(a{"education": "本科", "graduation_date": "2023-06-30", "start_date": "2025-06-30"}) {
		t.Error("graduate starting exactly 2 years after leaving school")
	}
	if eligible(a{"education": "本科", "graduation_date": "2023-06-29", "start_date": "2025-06-30"}) {
		t.Error("over 2 years")
	}
	if eligible(a{"education": "本科", "graduation_date": "2025-06-20", "start_date": "2025-06-25", "employed_since_graduation": true}) {
		t.Error("employed since graduation")
	}
	if !eligible(a{"registered_unemployed": true, "age": 24}) || eligible(a{"registered_unemployed": true, "age": 25}) {
		t.Error("registered unemployed youth 16-24")
	}
}

func TestMinWageByDateAndTier(t *testing.T) {
	c := leafCatalog(t, "person", map[string]any{"field": "disabled", "op": "is_true"})
	for _, tc := range []struct {
		date, district, city string
		want                 float64
		ok                   bool
	}{
		{"2024-01-31", "东西湖区", "", 2010, true},
		{"2024-02-01", "东西湖区", "", 2210, true},
		{"2023-12-01", "蔡甸区", "", 1800, true},
		{"2025-06-30", "蔡甸区", "", 1950, true}, // second table inherits the district map
		{"2025-06-30", "", "武汉市", 2210, true}, // unknown district in Wuhan: 一档
		{"2025-06-30", "", "孝感市", 0, false},
		{"2025-06-30", "某某区", "", 0, false},
		{"2021-08-31", "东西湖区", "", 0, false}, // before the first table
		{"2021-09-01", "东西湖区", "", 2010, true},
	} {
		v, note, ok := c.minWage(civilOf(day(t, tc.date)), tc.district, tc.city)
		if ok != tc.ok || v != tc.want {
			t.Errorf("minWage(%s, %s) = %v %v (%s)", tc.date, tc.district, v, ok, note)
		}
	}
	// derived.min_wage reads the subject's district.
	if v := derivedOf(t, defaultCatalog(t), "enterprise", a{"reg_district": "东西湖区"}, "2025-06-30", "min_wage"); !v.ok || v.n != 2210 {
		t.Errorf("enterprise min wage = %v", v)
	}
}

func TestMatchRejectsEvalDateBeforeMinWage(t *testing.T) {
	c := defaultCatalog(t)
	p := personas(t)["P23"]
	_, err := c.Match(p.Subject(), day(t, "2021-08-31"))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "eval_date" {
		t.Fatalf("want FieldError on eval_date, got %v", err)
	}
	mustContain(t, fe.Message, "2021-08-31", "2021-09-01")
	if _, err := c.Match(p.Subject(), day(t, "2021-09-01")); err != nil {
		t.Errorf("first effective day: %v", err)
	}
	// An enterprise in 2020: the only min-wage policy (见习, from 2021) is not active.
	if _, err := c.Match(personas(t)["E01"].Subject(), day(t, "2020-06-30")); err != nil {
		t.Errorf("no active policy needs the minimum wage: %v", err)
	}
}

// TestGradYearHireBeforeGraduation is issue 12 item 11: this year's graduate
// hired in spring and evaluated before the graduation date is a 毕业年度
// graduate from 1 January of that year (the schema: year(hire) ==
// year(graduation)), so each policy that asks for one accepts the hire.
func TestGradYearHireBeforeGraduation(t *testing.T) {
	c := defaultCatalog(t)
	firm := func(hire a) Subject {
		return Subject{Kind: KindEnterprise, Attrs: a{
			"org_type": "企业", "size": "小型", "reg_province": "湖北省", "reg_city": "武汉市", "reg_district": "东西湖区",
			"reg_date": "2016-04-01", "headcount": 80, "serious_dishonesty": false, "wage_or_si_arrears": false,
			"new_hires": []any{hire},
		}}
	}
	hire := a{"education": "本科", "graduation_date": "2025-06-30", "hire_date": "2025-03-01", "age_at_hire": 22,
		"registered_unemployed_at_hire": false, "employed_between_grad_and_hire": false,
		"contract_months": 36, "si_months": 3, "employment_registered": true}
	for _, id := range []string{"nat_kuogang_buzhu", "hb_xiaowei_biyesheng_shebao", "wh_xina_biyesheng_yicixing"} {
		t.Run(id, func(t *testing.T) {
			res, err := c.Match(firm(hire), day(t, "2025-06-10"))
			if err != nil {
				t.Fatal(err)
			}
			ids, err := c.EligiblePolicyIDs(firm(hire), day(t, "2025-06-10"))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(ids, id) {
				t.Errorf("the fast path refuses %s", id)
			}
			for _, e := range res.Eligible {
				if e.PolicyID == id {
					return
				}
			}
			for _, in := range res.Ineligible {
				if in.PolicyID == id {
					t.Fatalf("a 2025 graduate hired on 2025-03-01, evaluated on 2025-06-10 before graduating on 2025-06-30, is refused: %+v", in.Failed)
				}
			}
			t.Fatalf("%s not evaluated", id)
		})
	}
	t.Run("before the graduation year", func(t *testing.T) {
		early := a{}
		for k, v := range hire {
			early[k] = v
		}
		early["hire_date"] = "2024-11-01"
		res, err := c.Match(firm(early), day(t, "2024-12-15"))
		if err != nil {
			t.Fatal(err)
		}
		var why []string
		for _, in := range res.Ineligible {
			if in.PolicyID == "hb_xiaowei_biyesheng_shebao" {
				for _, f := range in.Failed {
					why = append(why, f.Reason)
				}
			}
		}
		got := strings.Join(why, "；")
		if !strings.Contains(got, "评估日 2024-12-15 早于毕业年度（2025 年 1 月 1 日起）") || strings.Contains(got, "已毕业") {
			t.Fatalf("a 2025 graduate evaluated in 2024 should be refused for the evaluation date, got %q", got)
		}
	})
}

func TestSchoolYearReasonNamesTheEvaluationDate(t *testing.T) {
	c := defaultCatalog(t)
	p, err := c.Prepare(Subject{Kind: KindPerson, Attrs: a{"education": "本科", "graduation_date": "2023-06-30"}})
	if err != nil {
		t.Fatal(err)
	}
	p.ctx.begin(c, civilOf(day(t, "2025-06-30")), p.rec)
	def := p.rec.sch.derived["in_graduating_school_year"]
	got := def.sayString(&p.ctx, p.rec, p.ctx.get(p.rec, def))
	if want := "评估日 2025-06-30 不在毕业学年内（2022-07-01 至 2023-06-30，毕业于 2023-06-30）"; got != want {
		t.Fatalf("reason = %q, want %q", got, want)
	}
}
