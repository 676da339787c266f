package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestCheckAttrs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		s     Subject
		field string
		msg   string
	}{
		{"unknown name", Subject{Kind: "person", Attrs: a{"hukou_cty": "武汉市"}}, "attrs.hukou_cty", "未知字段"},
		{"unknown nested", Subject{Kind: "person", Attrs: a{"business": a{"kindd": "个体工商户"}}}, "attrs.business.kindd", "未知字段"},
		{"wrong type bool", Subject{Kind: "person", Attrs: a{"disabled": "true"}}, "attrs.disabled", "布尔值"},
		{"wrong type number", Subject{Kind: "person", Attrs: a{"ui_months": "12"}}, "attrs.ui_months", "数字"},
		{"wrong type date", Subject{Kind: "person", Attrs: a{"birth_date": 19900101}}, "attrs.birth_date", "YYYY-MM-DD"},
		{"impossible date", Subject{Kind: "person", Attrs: a{"graduation_date": "2025-02-30"}}, "attrs.graduation_date", "日期不存在"},
		{"bad list", Subject{Kind: "person", Attrs: a{"family_hardship": "低保家庭"}}, "attrs.family_hardship", "字符串列表"},
		{"bad list item", Subject{Kind: "person", Attrs: a{"family_hardship": []any{"低保家庭", 3}}}, "attrs.family_hardship", "字符串列表"},
		{"object expected", Subject{Kind: "person", Attrs: a{"business": "小店"}}, "attrs.business", "对象"},
		{"enum", Subject{Kind: "person", Attrs: a{"gender": "M"}}, "attrs.gender", "男、女"},
		{"negative", Subject{Kind: "enterprise", Attrs: a{"headcount": -1.0}}, "attrs.headcount", "负数"},
		{"rate as percent", Subject{Kind: "enterprise", Attrs: a{"layoff_rate": 20}}, "attrs.layoff_rate", "0 到 1"},
		{"element date", Subject{Kind: "enterprise", Attrs: a{"new_hires": []any{a{}, a{}, a{"hire_date": "2025-02-30"}}}}, "attrs.new_hires[2].hire_date", "日期不存在"},
		{"element unknown", Subject{Kind: "enterprise", Attrs: a{"new_hires": []any{a{"salary": 1}}}}, "attrs.new_hires[0].salary", "未知字段"},
		{"element not object", Subject{Kind: "enterprise", Attrs: a{"interns": []any{"张三"}}}, "attrs.interns[0]", "对象"},
		{"person field on enterprise", Subject{Kind: "enterprise", Attrs: a{"birth_date": "1990-01-01"}}, "attrs.birth_date", "未知字段"},
		{"kind", Subject{Kind: "company", Attrs: a{}}, "kind", "person"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckAttrs(tc.s)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("want *FieldError, got %v", err)
			}
			if fe.Field != tc.field || !strings.Contains(fe.Message, tc.msg) {
				t.Errorf("got %s: %s; want %s containing %q", fe.Field, fe.Message, tc.field, tc.msg)
			}
		})
	}
}

func TestCheckAttrsAcceptsPersonasAndJSON(t *testing.T) {
	for id, p := range personas(t) {
		if err := CheckAttrs(p.Subject()); err != nil {
			t.Errorf("%s (YAML): %v", id, err)
		}
		if err := CheckAttrs(Subject{Kind: p.Kind, Attrs: cloneAttrs(t, p.Attrs)}); err != nil {
			t.Errorf("%s (JSON): %v", id, err)
		}
	}
	if err := CheckAttrs(Subject{Kind: "person", Attrs: a{"birth_date": nil, "ui_months": int64(3), "family_hardship": []string{"低保家庭"}}}); err != nil {
		t.Errorf("null, int64 and []string are fine: %v", err)
	}
}

// TestJSONDecodedPersonasMatchTheSame: values decoded from JSON (float64,
// []any, map[string]any) give the same answers as the YAML ones.
func TestJSONDecodedPersonasMatchTheSame(t *testing.T) {
	c := defaultCatalog(t)
	for id, p := range personas(t) {
		y, err := c.EligiblePolicyIDs(p.Subject(), p.EvalDate)
		if err != nil {
			t.Fatal(err)
		}
		j, err := c.EligiblePolicyIDs(Subject{Kind: p.Kind, Attrs: cloneAttrs(t, p.Attrs)}, p.EvalDate)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(y, ",") != strings.Join(j, ",") {
			t.Errorf("%s: YAML %v, JSON %v", id, y, j)
		}
	}
}

// criteriaCatalog is a one-policy catalog with criteria written as YAML.
func criteriaCatalog(id, criteria string) string {
	return testParams + `- id: ` + id + `
  name: 测试
  category: 其他
  beneficiary: person
  match_mode: auto
  criteria:
` + criteria + `
  benefit: {type: fixed, amount_text: x, yuan: 1}
  validity: {from: '2022', to: null, status: active}
`
}

func TestParseCatalogErrors(t *testing.T) {
	unknownOp := criteriaCatalog("wh_x", `    all:
    - {field: hukou_city, op: eq, value: 武汉市}
    - {field: disabled, op: is_true}
    - any:
      - {field: orphan, op: eqq, value: true}
      - {field: disabled, op: is_true}`)
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown op", unknownOp, `wh_x: criteria.all[2].any[0]: 未知运算符 "eqq"`},
		{"alias cycle", criteriaCatalog("wh_cycle", `    &loop
    all:
    - {field: disabled, op: is_true}
    - *loop`), "wh_cycle: criteria.all[1]: YAML 别名循环"},
		{"exists over scalar", criteriaCatalog("wh_scalar", `    all:
    - {field: disabled, op: is_true}
    - exists: hukou_city
      where: {field: disabled, op: is_true}`), "wh_scalar: criteria.all[1].exists: exists 只能用于对象列表字段，hukou_city 是字符串"},
		{"exists over object", criteriaCatalog("wh_obj", `    exists: business
    where: {field: kind, op: eq, value: 个体工商户}`), "wh_obj: criteria.exists: exists 只能用于对象列表字段"},
		{"exists over unknown", criteriaCatalog("wh_nolist", `    exists: pets
    where: {field: kind, op: eq, value: 猫}`), `wh_nolist: criteria.exists: exists 引用了未知的列表字段 "pets"`},
		{"unknown derived", criteriaCatalog("wh_der", `    all:
    - {field: derived.agee, op: gte, value: 16}`), `wh_der: criteria.all[0]: 未知的派生字段 "derived.agee"`},
		{"derived out of scope", criteriaCatalog("wh_scope", `    all:
    - {field: derived.is_grad_year_hire, op: is_true}`), `wh_scope: criteria.all[0]: 未知的派生字段 "derived.is_grad_year_hire"`},
		{"unknown node shape", criteriaCatalog("wh_shape", `    all:
    - {field: disabled, op: is_true}
    - {every: [{field: disabled, op: is_true}]}`), "wh_shape: criteria.all[1]: 未知的条件节点形式（键：every"},
		{"op on wrong type", criteriaCatalog("wh_type", `    {field: ui_months, op: is_true}`), "wh_type: criteria: 运算符 is_true 不能用于 ui_months（数字）"},
		{"bad value", criteriaCatalog("wh_val", `    {field: graduation_date, op: date_gte, value: '2025-02-30'}`), "wh_val: criteria: graduation_date date_gte 的 value 无效：日期不存在"},
		{"bad mask name", criteriaCatalog("wh_mask", `    {field: derived.wh_difficulty_categories, op: contains_any, value: [外星人]}`), "wh_mask: criteria: derived.wh_difficulty_categories contains_any 的 value 无效"},
		{"duplicate id", testParams + policyYAML("dup", "person", a{"field": "disabled", "op": "is_true"}) + policyYAML("dup", "person", a{"field": "disabled", "op": "is_true"}), "dup: id: 重复的政策 id"},
		{"bad validity date", strings.Replace(criteriaCatalog("wh_date", `    {field: disabled, op: is_true}`), "from: '2022'", "from: '2025-13'", 1), "wh_date: validity: "},
		{"validity reversed", strings.Replace(criteriaCatalog("wh_rev", `    {field: disabled, op: is_true}`), "to: null", "to: '2021-12-31'", 1), "wh_rev: validity: 起始日期 2022 晚于截止日期 2021-12-31"},
		{"bad status", strings.Replace(criteriaCatalog("wh_st", `    {field: disabled, op: is_true}`), "status: active", "status: maybe", 1), "wh_st: validity.status"},
		{"auto without criteria", strings.Replace(criteriaCatalog("wh_nil", `    null`), "\n  criteria:\n    null", "\n  criteria: null", 1), "wh_nil: criteria: 自动匹配（auto）的政策必须有条件树"},
		{"bad min wage date", strings.Replace(criteriaCatalog("x", `    {field: disabled, op: is_true}`), "'2021-09-01'", "'2021-09-31'", 1), "parameters.min_wage[0].effective_from: 日期不存在"},
		{"not yaml", "meta: [", "不是有效的 YAML"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCatalog([]byte(tc.yaml))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err.Error(), tc.want)
			}
		})
	}
	var ce *CatalogError
	_, err := ParseCatalog([]byte(unknownOp))
	if !errors.As(err, &ce) || ce.PolicyID != "wh_x" || ce.Path != "criteria.all[2].any[0]" {
		t.Errorf("structured error: %#v", ce)
	}
}

// TestParseCatalogIsPure: a failing parse leaves a catalog in use untouched,
// and two parses share nothing.
func TestParseCatalogIsPure(t *testing.T) {
	c := defaultCatalog(t)
	before := len(c.Policies())
	bad := strings.Replace(string(DefaultCatalogYAML()), "op: is_true", "op: is_truee", 1)
	if _, err := ParseCatalog([]byte(bad)); err == nil {
		t.Fatal("bad catalog accepted")
	}
	cyclic := strings.Replace(string(DefaultCatalogYAML()), "  criteria:\n    all:\n    - field: org_type", "  criteria: &c\n    all:\n    - *c\n    - field: org_type", 1)
	if _, err := ParseCatalog([]byte(cyclic)); err == nil || !strings.Contains(err.Error(), "nat_kuogang_buzhu: criteria.all[0]: YAML 别名循环") {
		t.Fatalf("cycle in the real catalog: %v", err)
	}
	if len(c.Policies()) != before {
		t.Fatal("old catalog changed")
	}
	var out bytes.Buffer
	if p, f, err := RunPersonas(c, DefaultPersonasYAML(), &out); err != nil || p != 20 || f != 0 {
		t.Fatalf("old catalog after failed parses: %d passed, %d failed, %v\n%s", p, f, err, out.String())
	}
	if string(DefaultCatalogYAML()) != defaultCatalogYAML {
		t.Fatal("embedded catalog changed")
	}
}

func TestCatalogContents(t *testing.T) {
	c := defaultCatalog(t)
	if n := len(c.Policies()); n != 32 {
		t.Fatalf("%d policies", n)
	}
	p, ok := c.Policy("hb_jianxi_butie")
	if !ok || p.Beneficiary != "enterprise" || p.Criteria == nil || p.Criteria.Kind() != "all" || len(p.Sources) == 0 || len(p.Doubts) == 0 {
		t.Fatalf("hb_jianxi_butie: %+v", p)
	}
	if p.Benefit.Formula == "" || p.Validity.From != "2021" || p.Confidence != "partly-verified" {
		t.Errorf("benefit/validity: %+v %+v", p.Benefit, p.Validity)
	}
	if mw := c.Parameters().MinWage; len(mw) != 2 || mw[1].DistrictTier != nil || mw[1].DistrictTierNote == "" || mw[0].TiersPerMonth["一档"] != 2010 {
		t.Errorf("min wage parameters: %+v", mw)
	}
	x, _ := c.Policy("wh_xinxing_xuetu")
	if x.Benefit.Tiers["高级"] != 6000 || !x.Benefit.PerYear {
		t.Errorf("tiers: %+v", x.Benefit)
	}
	if _, ok := c.Policy("nope"); ok {
		t.Error("unknown id found")
	}
	if len(c.Fields()) < 100 {
		t.Errorf("Fields lists %d entries", len(c.Fields()))
	}
}

func TestActive(t *testing.T) {
	c := defaultCatalog(t)
	cases := []struct {
		id, date string
		want     bool
	}{
		{"nat_kuogang_buzhu", "2021-12-31", false}, // from '2022' = 2022-01-01
		{"nat_kuogang_buzhu", "2022-01-01", true},
		{"nat_kuogang_buzhu", "2025-12-31", true}, // to inclusive
		{"nat_kuogang_buzhu", "2026-01-01", false},
		{"hb_tuiyi_xina_jiangbu", "2019-11-30", false}, // from 2019-12 (unquoted) = 2019-12-01
		{"hb_tuiyi_xina_jiangbu", "2019-12-01", true},
		{"wh_kunnan_rending", "1990-01-01", true}, // null from and to
		{"wh_cy_xinyetai", "2025-06-30", false},   // status unknown
		{"wh_yiwai_baoxian", "2022-06-30", false}, // expired
		{"hb_qingchuangdai", "2025-06-30", false}, // manual
	}
	for _, tc := range cases {
		p, _ := c.Policy(tc.id)
		if got := p.Active(day(t, tc.date)); got != tc.want {
			t.Errorf("%s.Active(%s) = %v", tc.id, tc.date, got)
		}
	}
	// Only active policies of the subject's kind are listed.
	res, err := c.Match(personas(t)["P13"].Subject(), day(t, "2025-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range append(res.Ineligible, Ineligible{PolicyID: "-"}) {
		if p, ok := c.Policy(e.PolicyID); ok && (p.Beneficiary != "person" || !p.Active(day(t, "2025-06-30"))) {
			t.Errorf("%s listed", e.PolicyID)
		}
	}
	if _, listed := findIneligible(res, "wh_cy_xinyetai"); listed {
		t.Error("status unknown policy listed")
	}
}

func TestRunPersonasReportsFailures(t *testing.T) {
	src := `meta: {eval_date: '2025-06-30'}
personas:
- id: OK1
  kind: person
  attrs: {gender: 女, birth_date: '1978-03-15', hukou_city: 武汉市, employment_status: 灵活就业, difficulty_certified: true, flexible_registered: true, flexible_si_paid: true}
  expected_eligible: [{policy_id: wh_lhjy_shebao_kunnan}]
- id: BAD1
  kind: person
  attrs: {gender: 女, birth_date: '1978-03-15', hukou_city: 武汉市, employment_status: 灵活就业, difficulty_certified: true, flexible_registered: true, flexible_si_paid: true}
  expected_eligible: [{policy_id: hb_gongyixing_gangwei}]
- id: BAD2
  kind: person
  attrs: {birth_date: '1978-02-30'}
  expected_eligible: []
`
	var out bytes.Buffer
	p, f, err := RunPersonas(defaultCatalog(t), []byte(src), &out)
	if err != nil || p != 1 || f != 2 {
		t.Fatalf("%d passed %d failed %v", p, f, err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || lines[0] != "FAIL BAD1 missing=[hb_gongyixing_gangwei] unexpected=[wh_lhjy_shebao_kunnan]" ||
		!strings.HasPrefix(lines[1], "FAIL BAD2 error: attrs.birth_date") || lines[2] != "1 passed, 2 failed" {
		t.Errorf("output:\n%s", out.String())
	}
}

// TestPoliciesRoundTripThroughJSON: policies saved as JSON (e.g. one row
// per version) rebuild an equivalent catalog with NewCatalog.
func TestPoliciesRoundTripThroughJSON(t *testing.T) {
	c := defaultCatalog(t)
	b, err := json.Marshal(c.Policies())
	if err != nil {
		t.Fatal(err)
	}
	var back []*Policy
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	c2, err := NewCatalog(c.Meta(), c.Parameters(), back)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if p, f, err := RunPersonas(c2, DefaultPersonasYAML(), &out); err != nil || p != 20 || f != 0 {
		t.Fatalf("%d passed, %d failed, %v\n%s", p, f, err, out.String())
	}
	// A policy edited in memory is validated by NewCatalog too.
	back[0].Criteria = &Node{All: []*Node{{Field: "org_type", Op: "eqq", Value: "企业"}}}
	if _, err := NewCatalog(c.Meta(), c.Parameters(), back); err == nil || !strings.Contains(err.Error(), `nat_kuogang_buzhu: criteria.all[0]: 未知运算符 "eqq"`) {
		t.Errorf("NewCatalog validation: %v", err)
	}
}
