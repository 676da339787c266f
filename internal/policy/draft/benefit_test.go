package draft

import "testing"

func TestExtractBenefit(t *testing.T) {
	cases := []struct {
		text string
		want *BenefitGuess // Snippet compared too
	}{
		// the brief's phrasings
		{"符合条件的，每人1000元", &BenefitGuess{Type: "per_person", AmountYuan: 1000, Unit: "元/人", Snippet: "每人1000元"}},
		{"个人创业担保贷款最高30万元", &BenefitGuess{Type: "loan", AmountYuan: 300000, Unit: "元", Snippet: "个人创业担保贷款最高30万元"}},
		{"一次性补贴不超过1500元", &BenefitGuess{Type: "fixed", AmountYuan: 1500, Unit: "元", Snippet: "一次性补贴不超过1500元"}},
		// catalog benefit.amount_text
		{"每招用1人不超过1500元（国家上限）；湖北地市执行：黄石1500元、荆门1000元；武汉标准未核实",
			&BenefitGuess{Type: "per_person", AmountYuan: 1500, Unit: "元/人", Snippet: "每招用1人不超过1500元(国家上限)"}},
		{"企业和个人各1000元/人（个人部分由企业及时足额拨付至毕业生个人账户）",
			&BenefitGuess{Type: "per_person", AmountYuan: 1000, Unit: "元/人", Snippet: "企业和个人各1000元/人(个人部分由企业及时足额拨付至毕业生个人账户)"}},
		{"500元/人/月，最长6个月", &BenefitGuess{Type: "per_person", AmountYuan: 500, Unit: "元/人/月", Snippet: "500元/人/月"}},
		{"补贴单位为其缴纳的基本养老、基本医疗、失业保险费（不含个人部分）；武汉现行上限923.78元/月/人，实际缴费低于此按实际",
			&BenefitGuess{Type: "per_person", AmountYuan: 923.78, Unit: "元/人/月", Snippet: "武汉现行上限923.78元/月/人"}},
		{"不超过实际缴纳社会保险费的2/3（湖北口径）",
			&BenefitGuess{Type: "percent", Percent: 66.67, Unit: "% 实际缴纳的社会保险费", Snippet: "不超过实际缴纳社会保险费的2/3(湖北口径)"}},
		{"每名合格见习人员每月 0.7×当地月最低工资，最长6个月；补贴标准为当地最低工资标准的70%/人/月",
			&BenefitGuess{Type: "percent", Percent: 70, Unit: "% 当地月最低工资标准", Snippet: "补贴标准为当地最低工资标准的70%/人/月"}},
		{"贷款最高30万元、期限最长3年；利率上限LPR+150BP",
			&BenefitGuess{Type: "loan", AmountYuan: 300000, Unit: "元", Snippet: "贷款最高30万元、期限最长3年"}},
		// wh_cydb_geren conditions then benefit: "5万元以下" is a threshold and the cap wins
		{"除助学贷款、5万元以下小额消费贷款外，本人及配偶无其他贷款\n合伙创业可按每人20万元“捆绑式”贷款\n贷款最高30万元、期限最长3年",
			&BenefitGuess{Type: "loan", AmountYuan: 300000, Unit: "元", Snippet: "贷款最高30万元、期限最长3年"}},
		{"2万元至20万元（2017/2018年度；评审确定）",
			&BenefitGuess{Type: "fixed", AmountYuan: 200000, Unit: "元", Snippet: "2万元至20万元(2017/2018年度"}},
		// a budget line is not a benefit
		{"2023年湖北从省级就业专项资金拨款2000万元，对高校毕业生等创业者给予场租、水电费补贴", nil},
		{"无直接资金；取得就业困难人员身份", nil},
	}
	for _, tc := range cases {
		got := ExtractBenefit(tc.text)
		switch {
		case tc.want == nil && got != nil:
			t.Errorf("%q: got %+v, want nil", tc.text, *got)
		case tc.want != nil && got == nil:
			t.Errorf("%q: got nil, want %+v", tc.text, *tc.want)
		case tc.want != nil && *got != *tc.want:
			t.Errorf("%q:\n got  %+v\n want %+v", tc.text, *got, *tc.want)
		}
	}
}

func TestReading(t *testing.T) {
	cases := []struct {
		c    Condition
		want string
	}{
		{Condition{Field: "derived.age", Op: "lte", Value: 35}, "年龄不超过 35 周岁"},
		{Condition{Field: "derived.age", Op: "gte", Value: 18}, "年龄满 18 周岁"},
		{Condition{Field: "graduation_date", Op: "within_years", Value: 2}, "毕业（离校）后 2 年内"},
		{Condition{Field: "unemployment_registered", Op: "is_true"}, "已办理失业登记"},
		{Condition{Field: "hukou_city", Op: "eq", Value: "武汉市"}, "户籍所在城市为武汉市"},
		{Condition{Field: "size", Op: "in", Value: []string{"小型", "微型"}}, "企业规模为小型、微型之一"},
		{Condition{Field: "contract_months", Op: "gte", Value: 12, Scope: ScopeNewHires}, "招用人员劳动合同期限不少于 12 个月"},
		{Condition{Field: "derived.is_grad_year_hire", Op: "is_true", Scope: ScopeNewHires}, "招用的是毕业年度高校毕业生"},
		{Condition{Field: "some.new_field", Op: "eq", Value: "x"}, "some.new_field为x"},
	}
	for _, tc := range cases {
		if got := reading(tc.c); got != tc.want {
			t.Errorf("%+v: got %q want %q", tc.c, got, tc.want)
		}
	}
}
