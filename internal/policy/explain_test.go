package policy

import (
	"encoding/json"
	"strings"
	"testing"
)

// match runs Match on a persona, optionally modified.
func match(t *testing.T, c *Catalog, id string, edit func(map[string]any)) *Result {
	t.Helper()
	p := personas(t)[id]
	attrs := cloneAttrs(t, p.Attrs)
	if edit != nil {
		edit(attrs)
	}
	r, err := c.Match(Subject{Kind: p.Kind, Attrs: attrs}, p.EvalDate)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReasonSentences(t *testing.T) {
	c := defaultCatalog(t)
	p01, _ := findEligible(match(t, c, "P01", nil), "hb_qiuzhi_chuangye")
	for _, want := range []string{
		"毕业于 2025-06-25，在毕业学年内（2024-07-01 至 2025-06-30）",
		"学校所在省份为湖北省",
		"家庭困难类别包含低保家庭",
	} {
		if !hasLine(p01.Reasons, want) {
			t.Errorf("P01 reasons %q lack %q", p01.Reasons, want)
		}
	}
	p05, _ := findEligible(match(t, c, "P05", nil), "wh_kunnan_rending")
	for _, want := range []string{
		"年龄 40 周岁（女），在劳动年龄内（16 周岁以上、55 周岁以下）",
		"户籍地为武汉市",
		"未认定为就业困难人员",
		"属于武汉市就业困难人员类别：大龄失业人员（女满40周岁、男满50周岁）",
	} {
		if !hasLine(p05.Reasons, want) {
			t.Errorf("P05 reasons %q lack %q", p05.Reasons, want)
		}
	}
	p03, _ := findEligible(match(t, c, "P03", nil), "wh_lhjy_shebao_biyesheng")
	if !hasLine(p03.Reasons, "毕业于 2023-06-30，在毕业后 2 年内（截至 2025-06-30）") {
		t.Errorf("P03 boundary reason: %q", p03.Reasons)
	}
	e03, _ := findEligible(match(t, c, "E03", nil), "nat_kuogang_buzhu")
	if !hasLine(e03.Reasons, "新招用人员第 1 人（青年甲）：招用时已登记失业，24 周岁（16-24 周岁）；劳动合同期限 12 个月，超过 0 个月；足额缴纳社会保险 4 个月，满 3 个月") {
		t.Errorf("E03 exists reason names the element: %q", e03.Reasons)
	}
	// Generic leaf sentences on a custom catalog.
	age := leafCatalog(t, "person", a{"field": "derived.age", "op": "lte", "value": 35})
	r, _ := age.Match(Subject{Kind: "person", Attrs: a{"birth_date": "1990-06-30"}}, day(t, "2025-06-30"))
	if len(r.Eligible) != 1 || r.Eligible[0].Reasons[0] != "年龄 35 周岁，不超过 35 周岁" {
		t.Errorf("age sentence: %+v", r)
	}
	reg := leafCatalog(t, "person", a{"field": "unemployment_registered", "op": "is_true"})
	r, _ = reg.Match(Subject{Kind: "person", Attrs: a{"unemployment_registered": false}}, day(t, "2025-06-30"))
	if len(r.Ineligible) != 1 || r.Ineligible[0].Failed[0] != (Failure{Field: "unemployment_registered", Reason: "未办理失业登记（要求已办理）"}) {
		t.Errorf("failure sentence: %+v", r)
	}
	if r.Ineligible[0].Hint != "若办理失业登记即可申请" {
		t.Errorf("hint: %q", r.Ineligible[0].Hint)
	}
}

func TestFailuresAndHints(t *testing.T) {
	c := defaultCatalog(t)
	// P19: one month of contributions short.
	p19, _ := findIneligible(match(t, c, "P19", nil), "nat_jineng_tisheng")
	if len(p19.Failed) != 1 || p19.Failed[0] != (Failure{Field: "ui_months", Reason: "失业保险累计缴费 11 个月，不满 12 个月"}) {
		t.Errorf("P19 failed: %+v", p19.Failed)
	}
	if p19.Hint != "失业保险累计缴费满 12 个月（目前 11 个月）后（约 2025-07-30 起）即可申请" {
		t.Errorf("P19 hint: %q", p19.Hint)
	}
	// E07: one change away (not a recognised internship base).
	e07, _ := findIneligible(match(t, c, "E07", nil), "hb_jianxi_butie")
	if e07.Hint != "若申请认定为就业见习基地即可申请" || len(e07.Failed) != 1 || e07.Failed[0].Field != "is_jianxi_base" {
		t.Errorf("E07: %+v", e07)
	}
	// E01: 扩岗补助 needs 3 months of contributions for some hire.
	e01, _ := findIneligible(match(t, c, "E01", nil), "nat_kuogang_buzhu")
	if e01.Hint != "新招用人员第 1 人（毕业生A）足额缴纳社会保险满 3 个月（目前 1 个月）后（约 2025-08-30 起）即可申请" {
		t.Errorf("E01 hint: %q", e01.Hint)
	}
	if e01.Failed[0].Field != "new_hires[0].si_months" || !strings.HasPrefix(e01.Failed[0].Reason, "新招用人员 2 人均不符合，其中新招用人员第 1 人（毕业生A）：") {
		t.Errorf("E01 failed: %+v", e01.Failed)
	}
	// E05: arrears are the only obstacle.
	e05, _ := findIneligible(match(t, c, "E05", nil), "hb_cydb_xiaowei")
	if e05.Hint != "若清偿欠薪和欠缴的社会保险费即可申请" {
		t.Errorf("E05 hint: %q", e05.Hint)
	}
	// P01: not eligible for 认定 only for lack of a Wuhan hukou or residence permit.
	p01, _ := findIneligible(match(t, c, "P01", nil), "wh_kunnan_rending")
	if p01.Hint != "若办理武汉市居住证即可申请" || !strings.HasPrefix(p01.Failed[0].Reason, "以下条件均不满足（满足其一即可）：户籍地为恩施土家族苗族自治州，不是武汉市；") {
		t.Errorf("P01 认定: %+v", p01)
	}
	// P25: over working age cannot change: no hint.
	p25, _ := findIneligible(match(t, c, "P25", nil), "wh_kunnan_rending")
	if p25.Hint != "" || p25.Failed[0].Reason != "年龄 61 周岁（男），已超出劳动年龄（男性须 60 周岁以下）" {
		t.Errorf("P25: %+v", p25)
	}
	// Several missing conditions: no single change suffices.
	p13, _ := findIneligible(match(t, c, "P13", nil), "wh_tuiyi_yicixing_buzhu")
	if p13.Hint != "" {
		t.Errorf("P13 veteran hint: %q", p13.Hint)
	}
}

func TestHintWithDeadlineAndWaiting(t *testing.T) {
	c := defaultCatalog(t)
	// P03 without the flexible-employment registration: an action that must
	// happen while the 2-year window is open.
	r := match(t, c, "P03", func(m map[string]any) { m["flexible_registered"] = false })
	in, _ := findIneligible(r, "wh_lhjy_shebao_biyesheng")
	if in.Hint != "若在毕业后 2 年内（2025-06-30 前）办理灵活就业登记即可申请" {
		t.Errorf("deadline hint: %q", in.Hint)
	}
	// P09 registered only on 2025-06-01: wait for six months, inside the one-year window.
	r = match(t, c, "P09", func(m map[string]any) { m["business"].(map[string]any)["reg_date"] = "2025-06-01" })
	ku, _ := findIneligible(r, "wh_cy_kunnan")
	if ku.Hint != "经营满 6 个月后（2025-12-01 起）即可申请，须在营业执照登记后 1 年内（2026-06-01 前）申请" {
		t.Errorf("waiting hint: %q", ku.Hint)
	}
	loan, _ := findIneligible(r, "wh_cydb_geren")
	if loan.Hint != "经营满 3 个月后（2025-09-01 起）即可申请" {
		t.Errorf("loan hint: %q", loan.Hint)
	}
	// The wait would end after the window closes: no hint.
	r = match(t, c, "P09", func(m map[string]any) {
		m["business"].(map[string]any)["reg_date"] = "2025-06-01"
		m["business"].(map[string]any)["kind"] = "合伙企业"
	})
	if ku, _ := findIneligible(r, "wh_cy_kunnan"); ku.Hint != "" {
		t.Errorf("two changes needed: %q", ku.Hint)
	}
}

func TestAssumedListsDefaultsThatMattered(t *testing.T) {
	c := defaultCatalog(t)
	r := match(t, c, "P09", func(m map[string]any) {
		delete(m, "other_loans")
		delete(m, "pension_insured_at_other_employer")
	})
	loan, ok := findEligible(r, "wh_cydb_geren")
	if !ok {
		t.Fatal("P09 still eligible with defaults")
	}
	if !hasLine(loan.Assumed, "未提供“本人及配偶是否有其他贷款”，按“否”处理") ||
		!hasLine(loan.Assumed, "未提供“是否在非本人创办的单位参加职工养老保险”，按“否”处理") || len(loan.Assumed) != 2 {
		t.Errorf("assumed = %q", loan.Assumed)
	}
	if sub, _ := findEligible(r, "wh_cy_kunnan"); len(sub.Assumed) != 0 {
		t.Errorf("nothing defaulted decided 一次性创业补贴: %q", sub.Assumed)
	}
	// A default inside a derived field of a list element.
	r = match(t, c, "E01", func(m map[string]any) {
		m["new_hires"] = []any{a{"name": "往届生C", "education": "本科", "graduation_date": "2024-06-30", "hire_date": "2025-03-01", "contract_months": 24, "si_months": 3}}
	})
	xina, ok := findEligible(r, "wh_xina_biyesheng_yicixing")
	if !ok || len(xina.Assumed) != 1 || xina.Assumed[0] != "新招用人员第 1 人（往届生C）：未提供“毕业后至招用前是否曾就业”，按“否”处理" {
		t.Errorf("element assumption: %+v", xina)
	}
	// When an alternative needs no assumption, none is reported.
	e01, _ := findEligible(match(t, c, "E01", nil), "wh_xina_biyesheng_yicixing")
	if len(e01.Assumed) != 0 {
		t.Errorf("E01 used 毕业年度 without assumptions: %q", e01.Assumed)
	}
}

func TestBenefitAmounts(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct {
		persona, policy string
		amount          float64
		detail, says    string
	}{
		{"P01", "hb_qiuzhi_chuangye", 1768, "武汉市一档月最低工资 2210 元", "一次性约 1,768 元"},        // 0.8 × 2210
		{"P21", "wh_tuiyi_yicixing_buzhu", 9000, "服役类型“义务兵”、服现役年限 2 年", "一次性约 9,000 元"}, // 4500 × 2
		// Issue 12 item 1: a monthly amount is said monthly, never × 36 into one figure.
		{"P23", "hb_gongyixing_gangwei", 1950, "蔡甸区二档月最低工资 1950 元", "每月约 1,950 元，最长 36 个月"},
		{"P09", "wh_cy_kunnan", 5000, "", "一次性 5,000 元"},
		{"P11", "wh_cy_gxbys", 8000, "", "一次性 8,000 元"},
		{"E01", "wh_xina_biyesheng_yicixing", 2000, "每人 1000 元 × 2 人", "一次性 2,000 元"},
		{"E03", "nat_kuogang_buzhu", 1500, "每人 1500 元 × 1 人", "一次性 1,500 元"},
		{"E11", "wh_kunnan_shebao_danwei", 923.78, "923.78 元", "每月最多 923.78 元，最长 36 个月"},
		{"E13", "wh_xinxing_xuetu", 25000, "中级 5000 元 × 5 人", "每年 25,000 元"},
		{"E03", "nat_wengang_fanhuan", 0, "", ""}, // needs last year's premiums
		{"P09", "wh_cydb_geren", 0, "", ""},       // a loan is not a grant
	} {
		e, ok := findEligible(match(t, c, tc.persona, nil), tc.policy)
		if !ok {
			t.Errorf("%s not eligible for %s", tc.persona, tc.policy)
			continue
		}
		if e.Benefit.AmountYuan != tc.amount || !strings.Contains(e.Benefit.Detail, tc.detail) || e.Benefit.Text == "" || e.Benefit.Says != tc.says {
			t.Errorf("%s %s: %+v", tc.persona, tc.policy, e.Benefit)
		}
	}
	// The headline adds one-off amounts only: P23's 公益性岗位补贴 is paid monthly.
	if r := match(t, c, "P23", nil); r.TotalYuan != 0 || r.Recurring != 1 {
		t.Errorf("P23 headline total %v, recurring %d: a monthly amount was added into the total", r.TotalYuan, r.Recurring)
	}
	r := match(t, c, "E03", func(m map[string]any) { m["last_year_ui_premiums_paid"] = 100000 })
	if w, _ := findEligible(r, "nat_wengang_fanhuan"); w.Benefit.AmountYuan != 30000 {
		t.Errorf("大型 30%%: %+v", w.Benefit)
	}
	r = match(t, c, "E07", func(m map[string]any) {
		m["is_jianxi_base"] = true
		m["interns"].([]any)[0].(map[string]any)["retained"] = true
		m["interns"].([]any)[1].(map[string]any)["retained"] = true
	})
	// 3 interns × 0.7 × 2210 × 3 months + 2 retained × 1000 (retention 2/3 ≥ 50%).
	if j, _ := findEligible(r, "hb_jianxi_butie"); j.Benefit.AmountYuan != 3*0.7*2210*3+2000 || j.Benefit.Says != "合计约 15,923 元（按填写的月数计算）" {
		t.Errorf("见习: %+v", j.Benefit)
	}
	if r := match(t, c, "P11", nil); r.TotalYuan != 8000 {
		t.Errorf("P11 total %v", r.TotalYuan)
	}
}

func TestResultJSON(t *testing.T) {
	r := match(t, defaultCatalog(t), "P01", nil)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	mustContain(t, s, `"eligible":[{"policy_id":"hb_qiuzhi_chuangye","name":"一次性求职创业补贴","category":"就业补贴","benefit":{"amount_yuan":1768,"period":"once","says":"一次性约 1,768 元","text":`,
		`"reasons":["毕业于 2025-06-25`, `"assumed":[]`, `"ineligible":[{"policy_id":`, `"failed":[{"field":"hukou_city","reason":"户籍地为恩施土家族苗族自治州，不是武汉市"}`, `"hint":""`)
}

// TestFastPathAgreesWithExplanations compares EligibleIDs with Match on
// generated profiles, which must also pass CheckAttrs.
func TestFastPathAgreesWithExplanations(t *testing.T) {
	c := defaultCatalog(t)
	n := 8000
	if testing.Short() {
		n = 1000
	}
	g := c.NewGenerator(42, day(t, "2025-06-30"))
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		s := g.Subject()
		check := c.CheckAttrs
		if i%100 == 0 {
			check = CheckAttrs
		}
		if err := check(s); err != nil {
			t.Fatalf("generated subject rejected: %v", err)
		}
		date := day(t, "2025-06-30")
		if i%3 == 0 {
			date = day(t, "2024-03-15")
		}
		fast, err := c.EligiblePolicyIDs(s, date)
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.Match(s, date)
		if err != nil {
			t.Fatal(err)
		}
		var slow []string
		for _, e := range res.Eligible {
			slow = append(slow, e.PolicyID)
			seen[e.PolicyID] = true
		}
		if strings.Join(fast, ",") != strings.Join(slow, ",") {
			t.Fatalf("profile %d: fast %v, explained %v\n%v", i, fast, slow, s.Attrs)
		}
		for _, in := range res.Ineligible {
			if len(in.Failed) == 0 {
				t.Fatalf("%s ineligible without a failure", in.PolicyID)
			}
		}
	}
	if len(seen) < 20 {
		t.Errorf("generated profiles reach only %d policies", len(seen))
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	c := defaultCatalog(t)
	g1 := c.NewGenerator(7, day(t, "2025-06-30"))
	g2 := c.NewGenerator(7, day(t, "2025-06-30"))
	for i := 0; i < 100; i++ {
		a1, _ := json.Marshal(g1.Subject())
		a2, _ := json.Marshal(g2.Subject())
		if string(a1) != string(a2) {
			t.Fatalf("profile %d differs", i)
		}
	}
	s1, err := c.BenchProfiles(5000, 3, day(t, "2025-06-30"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := c.BenchProfiles(5000, 3, day(t, "2025-06-30"), nil)
	for i := range s1.Eligible {
		if s1.Eligible[i] != s2.Eligible[i] {
			t.Fatal("bench counts differ between runs with one seed")
		}
	}
}

// TestBenchProfilesMatchesSubjects: the record-filling generator used by
// BenchProfiles gives the same counts as matching the attribute maps.
func TestBenchProfilesMatchesSubjects(t *testing.T) {
	c := defaultCatalog(t)
	const n = 3000
	st, err := c.BenchProfiles(n, 9, day(t, "2025-06-30"), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := c.NewGenerator(9, day(t, "2025-06-30"))
	counts := make([]int, len(c.Policies()))
	for i := 0; i < n; i++ {
		p, err := c.Prepare(g.Subject())
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range c.EligibleIDs(p, day(t, "2025-06-30"), nil) {
			counts[id]++
		}
	}
	for i := range counts {
		if counts[i] != st.Eligible[i] {
			t.Fatalf("%s: bench %d, subjects %d", c.Policies()[i].ID, st.Eligible[i], counts[i])
		}
	}
	var out strings.Builder
	if err := BenchProfiles(1000, 1, &out); err != nil {
		t.Fatal(err)
	}
	mustContain(t, out.String(), "profiles/s", "nat_kuogang_buzhu", "match only")
}

func TestPreparedFromAnotherCatalog(t *testing.T) {
	c1, c2 := defaultCatalog(t), defaultCatalog(t)
	p := personas(t)["P11"]
	pr, err := c1.Prepare(p.Subject())
	if err != nil {
		t.Fatal(err)
	}
	if got := c2.EligibleIDs(pr, p.EvalDate, nil); len(got) != 3 {
		t.Errorf("reloaded prepared: %v", got)
	}
}
