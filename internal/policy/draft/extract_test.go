package draft

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// show renders a condition as "[hire:]field op value [#group.branch]" so the
// expected extractions read like the catalog's DSL.
func show(c Condition) string {
	s := c.Field + " " + c.Op
	if c.Value != nil {
		switch v := c.Value.(type) {
		case []string:
			s += " [" + strings.Join(v, " ") + "]"
		default:
			s += fmt.Sprintf(" %v", v)
		}
	}
	switch c.Scope {
	case "":
	case ScopeNewHires:
		s = "hire:" + s
	default:
		s = c.Scope + ":" + s
	}
	if c.Group > 0 {
		s += fmt.Sprintf(" #%d.%d", c.Group, c.Branch)
	}
	return s
}

func showAll(cs []Condition) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, show(c))
	}
	return out
}

// Real sentences from the catalog's conditions lists (first block) and the
// brief's phrasings (second block). Each lists every leaf the extractor must
// return, exactly, in order.
func TestExtractConditions(t *testing.T) {
	E, P := Enterprise, Person
	cases := []struct {
		ben, text string
		want      []string
	}{
		// nat_kuogang_buzhu
		{E, "招用毕业年度或离校2年内未就业高校毕业生，或登记失业的16—24岁青年", []string{
			"hire:derived.is_grad_year_hire is_true #1.1",
			"hire:derived.is_2y_unemployed_grad_hire is_true #1.2",
			"hire:derived.is_youth_registered_unemployed_hire is_true #1.3"}},
		{E, "按规定为其足额缴纳失业、工伤、职工养老保险费3个月以上（2023年版为1个月以上）", []string{"hire:si_months gte 3"}},
		{E, "与其签订劳动合同", []string{"hire:contract_months gt 0"}},
		{E, "同一人员身份信息只能享受1次，不得与一次性吸纳就业补贴就同一人重复享受", []string{}},
		// nat_wengang_fanhuan
		{E, "参保企业上年度足额缴纳失业保险费满12个月", []string{"ui_paid_months_last_year gte 12"}},
		// wh_xina_biyesheng_yicixing
		{E, "在武汉市依法登记注册的中小微企业", []string{"reg_city eq 武汉市", "size in [中型 小型 微型]"}},
		// hb_tuiyi_xina_jiangbu
		{E, "企业吸纳退役1年以内（荆门口径：上年度9月1日以后退役）的退役军人", []string{"hire:derived.veteran_within_1y_at_hire is_true"}},
		{E, "签订1年以上劳动合同", []string{"hire:contract_months gte 12"}},
		{E, "实现稳定就业1年以上", []string{"hire:derived.tenure_months gte 12"}},
		// hb_tuopin_xina_jiangbu
		{E, "企业（含扶贫车间等载体）在巩固拓展脱贫攻坚成果同乡村振兴有效衔接过渡期内吸纳脱贫人口", []string{"hire:poverty_alleviated is_true"}},
		// wh_kunnan_shebao_danwei
		{E, "企业（单位）当年新招用法定劳动年龄内的就业困难人员", []string{"hire:derived.hired_this_year is_true", "hire:difficulty_certified is_true"}},
		// hb_xiaowei_biyesheng_shebao
		{E, "与之签订1年以上劳动合同并为其缴纳社会保险费", []string{"hire:contract_months gte 12", "hire:si_months gte 1"}},
		// hb_cydb_xiaowei: the standard's name "大中小微型企业" is not a size condition
		{E, "符合《统计上大中小微型企业划分办法》的小型、微型企业", []string{"size in [小型 微型]"}},
		// hb_tuiyi_tax_qiye
		{E, "企业招用自主就业退役士兵，签订1年以上期限劳动合同并依法缴纳社会保险费", []string{
			"hire:veteran_self_employment_resettled is_true", "hire:contract_months gte 12", "hire:si_months gte 1"}},
		// wh_gangqian_peixun
		{E, "对新录用技能岗位职工在1年内开展不少于60个课时的培训", []string{"hire:onboarding_training_hours gte 60"}},
		// wh_lhjy_shebao_kunnan
		{P, "具有武汉市户籍", []string{"hukou_city eq 武汉市"}},
		// wh_lhjy_shebao_biyesheng: the aside "离校1年内" does not add a second window
		{P, "离校2年内未就业的高校毕业生（武汉2020指南写“离校1年内未就业的高校毕业生登记”，国家/湖北口径为离校2年内）", []string{
			"graduation_date within_years 2", "employed_since_graduation is_false", "derived.is_college_graduate is_true"}},
		// hb_qiuzhi_chuangye
		{P, "处于毕业学年、有就业创业意愿并积极求职创业", []string{"derived.in_graduating_school_year is_true"}},
		{P, "属于以下之一：贫困残疾人家庭、脱贫家庭(建档立卡)、城乡低保家庭/城乡低收入家庭、获得国家助学贷款、社会孤儿、烈属、本人残疾", []string{
			"family_hardship contains_any [贫困残疾人家庭 脱贫家庭 低保家庭 城乡低收入家庭] #1.1",
			"national_student_loan is_true #1.2",
			"orphan is_true #1.3",
			"martyr_family is_true #1.4",
			"disabled is_true #1.5"}},
		// wh_kunnan_rending
		{P, "劳动年龄内、处于失业状态", []string{"derived.working_age is_true", "employment_status eq 失业"}},
		{P, "具有武汉市户籍，或持《武汉市居住证》", []string{"hukou_city eq 武汉市 #1.1", "has_wuhan_residence_permit is_true #1.2"}},
		// nat_jineng_tisheng
		{P, "参加失业保险累计满12个月（1年）以上（荆门2024-25清单写3年以上，见 doubts）", []string{"ui_months gte 12"}},
		// wh_cy_gxbys: "含非本市户籍" widens the group, it is not a hukou condition
		{P, "全日制普通高等院校毕业学年在校生以及毕业四年内高校毕业生（含非本市户籍）", []string{
			"full_time is_true",
			"derived.in_graduating_school_year is_true #1.1", "student_status eq 在校 #1.1",
			"graduation_date within_years 4 #1.2", "derived.is_college_graduate is_true #1.2"}},
		{P, "在武汉领取营业执照，正常经营6个月及以上，且申请时处于正常营业状态", []string{
			"business.reg_city eq 武汉市", "business.operating_normally is_true", "derived.business_months gte 6"}},
		// wh_cy_kunnan
		{P, "在武汉登记注册并领取营业执照，创办小型微型企业或从事个体经营", []string{"business.reg_city eq 武汉市", "business.kind in [小微企业 个体工商户]"}},
		{P, "经认定的就业困难人员", []string{"difficulty_certified is_true"}},
		// wh_cy_fanxiang
		{P, "正常经营6个月及以上，带动就业3人(含返乡创业者本人)及以上，申请时处于正常营业状态", []string{
			"business.operating_normally is_true", "derived.business_months gte 6", "business.employees_including_self gte 3"}},
		// wh_cy_ruxiang
		{P, "2020年1月1日起，农民工在武汉登记注册并领取营业执照", []string{"business.reg_date date_gte 2020-01-01", "is_migrant_worker is_true", "business.reg_city eq 武汉市"}},
		// wh_cydb_geren
		{P, "在武汉依法开办个体工商户、合伙经营或创办小微企业，并正常经营3个月及以上", []string{
			"business.reg_city eq 武汉市", "business.kind in [个体工商户 合伙企业 小微企业]", "business.operating_normally is_true", "derived.business_months gte 3"}},
		// hb_dxs_cyfc
		{P, "湖北省高等学校普通全日制在校生(含保留学籍休学创业)，或毕业5年以内省内外普通全日制高校毕业生（2017年为3年以内）", []string{
			"full_time is_true",
			"student_status eq 在校 #1.1",
			"graduation_date within_years 5 #1.2", "derived.is_college_graduate is_true #1.2"}},
		{P, "吸纳3人(含)以上就业，签订劳动合同并发放3个月及以上工资", []string{"business.employees_excluding_self gte 3"}},
		// wh_tuiyi_yicixing_buzhu
		{P, "选择自主就业的退役士兵（安置地为武汉）", []string{"veteran.resettlement eq 自主就业"}},

		// nat_wengang_fanhuan: the negation is the condition
		{E, "严重失信主体不享受", []string{"serious_dishonesty is_false"}},
		// hb_cydb_xiaowei
		{E, "无拖欠职工工资、欠缴社会保险费等严重违法违规信用记录", []string{"wage_or_si_arrears is_false"}},
		// wh_xina_biyesheng_yicixing
		{E, "企业与毕业生签订劳动合同后6个月内向所在区人社部门提出申请", []string{"hire:hire_date within_months 6"}},
		// hb_jianxi_butie: an internship policy puts person conditions on interns
		{E, "就业见习补贴\n见习人员为离校2年内未就业高校毕业生或16-24岁(登记)失业青年", []string{
			"interns:graduation_date within_years 2 #1.1", "interns:employed_since_graduation is_false #1.1",
			"interns:age gte 16 #1.2", "interns:age lte 24 #1.2", "interns:registered_unemployed is_true #1.2"}},
		// wh_xinxing_xuetu
		{E, "企业(含民办非企业单位)对签订1年以上劳动合同的新招用和转岗人员开展学徒培训", []string{
			"org_type in [企业 社会组织]", "apprentices:contract_months gte 12", "apprentices:new_or_transfer is_true"}},
		// nat_jineng_tisheng
		{P, "企业在职职工（参保状态为企业职工）或领取失业保险金人员", []string{"enterprise_employee is_true #1.1", "receiving_ui_benefit is_true #1.2"}},
		// hb_gongyixing_gangwei
		{P, "经认定的就业困难人员通过公益性岗位安置", []string{"difficulty_certified is_true", "employment_status eq 公益性岗位"}},
		// wh_cy_kunnan
		{P, "在营业执照登记注册一年内申请", []string{"business.reg_date within_years 1"}},
		// wh_cy_fanxiang
		{P, "返乡创业人员：取得武汉市任一区户籍后外出就业、创业、就学、服兵役等达6个月及以上，返回原武汉户籍所在区创业", []string{
			"returnee.away_months gte 6", "hukou_city eq 武汉市"}},
		{P, "首次领取《营业执照》或《民办非企业单位登记证书》", []string{"business.first_time is_true"}},
		// hb_tuiyi_tax_geti
		{P, "自办理个体工商户登记当月起3年(36个月)内，按每户每年限额依次扣减增值税", []string{"business.reg_date within_years 3"}},

		// the brief's phrasings
		{P, "16-24岁", []string{"derived.age gte 16", "derived.age lte 24"}},
		{P, "１６－２４周岁的青年", []string{"derived.age gte 16", "derived.age lte 24"}},
		{P, "35周岁以下", []string{"derived.age lte 35"}},
		{P, "年满18周岁", []string{"derived.age gte 18"}},
		{P, "女40周岁以上、男50周岁以上", []string{
			"gender eq 女 #1.1", "derived.age gte 40 #1.1", "gender eq 男 #1.2", "derived.age gte 50 #1.2"}},
		{E, "招用年龄不超过45周岁的人员", []string{"hire:age_at_hire lte 45"}},
		{P, "毕业2年内", []string{"graduation_date within_years 2"}},
		{P, "离校两年内未就业", []string{"graduation_date within_years 2", "employed_since_graduation is_false"}},
		{P, "已办理登记失业", []string{"unemployment_registered is_true"}},
		{P, "本市户籍", []string{"hukou_city eq 武汉市"}},
		{P, "退役军人", []string{"veteran.type in [义务兵 士官]"}},
		{P, "脱贫人口", []string{"family_hardship contains_any [脱贫家庭]"}},
		{E, "小微企业", []string{"size in [小型 微型]"}},
		{P, "缴纳社会保险3个月以上", []string{"si_months gte 3"}},
		{P, "正常经营满6个月", []string{"business.operating_normally is_true", "derived.business_months gte 6"}},
		{P, "非本市户籍人员", []string{}},
	}
	for _, tc := range cases {
		got := showAll(ExtractConditions(tc.text, tc.ben))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %q\n got  %q\n want %q", tc.ben, tc.text, got, tc.want)
		}
	}
}

func TestConditionSnippetAndText(t *testing.T) {
	cs := ExtractConditions("申请人须为本市户籍，年龄35周岁以下，签订1年以上劳动合同。", Person)
	want := []struct{ field, snippet, text string }{
		{"hukou_city", "申请人须为本市户籍", "户籍所在城市为武汉市"},
		{"derived.age", "年龄35周岁以下", "年龄不超过 35 周岁"},
		{"contract_months", "签订1年以上劳动合同", "劳动合同期限不少于 12 个月"},
	}
	if len(cs) != len(want) {
		t.Fatalf("got %q", showAll(cs))
	}
	for i, w := range want {
		if cs[i].Field != w.field || cs[i].Snippet != w.snippet || cs[i].Text != w.text {
			t.Errorf("#%d: got %s / %q / %q, want %s / %q / %q", i, cs[i].Field, cs[i].Snippet, cs[i].Text, w.field, w.snippet, w.text)
		}
	}
}

func TestBuildCriteria(t *testing.T) {
	if BuildCriteria(nil) != nil {
		t.Error("no conditions must give nil criteria")
	}
	cs := ExtractConditions("在武汉市依法登记注册的小微企业，招用毕业年度或离校2年内未就业高校毕业生，签订1年以上劳动合同。", Enterprise)
	b, _ := json.Marshal(BuildCriteria(cs))
	want := `{"all":[{"field":"reg_city","op":"eq","value":"武汉市"},{"field":"size","op":"in","value":["小型","微型"]},` +
		`{"exists":"new_hires","where":{"all":[{"any":[{"field":"derived.is_grad_year_hire","op":"is_true"},{"field":"derived.is_2y_unemployed_grad_hire","op":"is_true"}]},` +
		`{"field":"contract_months","op":"gte","value":12}]}}]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	cs = ExtractConditions("女满40周岁或男满50周岁的失业人员", Person)
	b, _ = json.Marshal(BuildCriteria(cs))
	want = `{"all":[{"any":[{"all":[{"field":"gender","op":"eq","value":"女"},{"field":"derived.age","op":"gte","value":40}]},` +
		`{"all":[{"field":"gender","op":"eq","value":"男"},{"field":"derived.age","op":"gte","value":50}]}]}]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// TestExtractorAgainstCatalogCriteria compares the leaves drafted from each
// policy's own text (title + conditions + amount_text) with the leaves of the
// catalog's hand-written criteria, and reports how many it reproduces exactly
// (same scope, field, operator and value). The catalog uses many derived
// fields the texts never spell out (derived.layoff_ok, derived.cydb_ratio_ok,
// business.operating_normally, …), so full recall is not expected.
func TestExtractorAgainstCatalogCriteria(t *testing.T) {
	b, err := os.ReadFile("testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cat struct {
		Policies []struct {
			ID       string `yaml:"id"`
			Criteria any    `yaml:"criteria"`
		} `yaml:"policies"`
	}
	if err := yaml.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	exs := loadExamples(t)
	c := New(exs)
	var tp, fp, fn, policies int
	for i, p := range cat.Policies {
		if p.Criteria == nil {
			continue
		}
		policies++
		want := map[string]bool{}
		flattenLeaves(p.Criteria, "", want)
		got := map[string]bool{}
		for _, l := range c.Suggest(exs[i].Title, exs[i].Text).Conditions {
			v, _ := json.Marshal(l.Value)
			got[l.Scope+"|"+l.Field+"|"+l.Op+"|"+string(v)] = true
		}
		var missed []string
		for k := range want {
			if got[k] {
				tp++
			} else {
				fn++
				missed = append(missed, k)
			}
		}
		for k := range got {
			if !want[k] {
				fp++
			}
		}
		sort.Strings(missed)
		t.Logf("%-28s %2d/%2d catalog leaves; not drafted: %v", p.ID, len(want)-len(missed), len(want), missed)
	}
	prec, rec := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("%d policies with criteria: %d of %d catalog leaves drafted exactly (recall %.2f); %d of %d drafted leaves are in the catalog (precision %.2f)",
		policies, tp, tp+fn, rec, tp, tp+fp, prec)
	if rec < 0.4 || prec < 0.5 {
		t.Errorf("extractor regressed: recall %.2f precision %.2f", rec, prec)
	}
}

func flattenLeaves(n any, scope string, out map[string]bool) {
	switch m := n.(type) {
	case map[string]any:
		if f, ok := m["field"].(string); ok {
			v, _ := json.Marshal(m["value"])
			out[scope+"|"+f+"|"+m["op"].(string)+"|"+string(v)] = true
			return
		}
		if ex, ok := m["exists"].(string); ok {
			flattenLeaves(m["where"], ex, out)
			return
		}
		for _, k := range []string{"all", "any", "not"} {
			if sub, ok := m[k]; ok {
				flattenLeaves(sub, scope, out)
			}
		}
	case []any:
		for _, x := range m {
			flattenLeaves(x, scope, out)
		}
	}
}

// FuzzSuggest checks that no pasted text makes the classifier panic or build
// a malformed tree.
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{
		"招用毕业年度或离校2年内未就业高校毕业生，或登记失业的16—24岁青年",
		"属于以下之一：女满40周岁或男满50周岁；低保家庭、脱贫家庭",
		"2万至20万元；每人1000元/人/月；最高30万元贷款；不超过实际缴费的2/3",
		"(含", "或", "之一：、、", "十二周岁以下", "2020年13月40日起注册",
	} {
		f.Add("政策", s)
	}
	c := New(nil)
	f.Fuzz(func(t *testing.T, title, text string) {
		s := c.Suggest(title, text)
		if len(s.CategoryScores) == 0 || s.Beneficiary == "" {
			t.Fatalf("empty suggestion %+v", s)
		}
		if (len(s.Conditions) == 0) != (s.Criteria == nil) {
			t.Fatalf("conditions %v vs criteria %v", s.Conditions, s.Criteria)
		}
		if _, err := json.Marshal(s); err != nil {
			t.Fatal(err)
		}
	})
}
