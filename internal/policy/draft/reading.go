package draft

import (
	"fmt"
	"slices"
	"strings"
)

// fieldInfo is how a field reads in Chinese: its label, the unit of its
// numbers, and for booleans the phrases for true and false.
type fieldInfo struct {
	Label, Unit string
	True, False string
}

// fieldInfos covers the fields the extractor emits (names as in the catalog's
// criteria and personas.yaml).
var fieldInfos = map[string]fieldInfo{
	"derived.age":                                 {Label: "年龄", Unit: "周岁"},
	"age_at_hire":                                 {Label: "招用时年龄", Unit: "周岁"},
	"gender":                                      {Label: "性别"},
	"graduation_date":                             {Label: "毕业（离校）后"},
	"employed_since_graduation":                   {True: "毕业后曾就业", False: "毕业后未就业"},
	"business.operating_normally":                 {True: "申请时处于正常经营状态", False: "未正常经营"},
	"business.reg_date":                           {Label: "营业执照登记注册"},
	"business.first_time":                         {True: "首次领取营业执照", False: "非首次领取营业执照"},
	"returnee.away_months":                        {Label: "外出就业创业等时间", Unit: "个月"},
	"enterprise_employee":                         {True: "为企业在职职工", False: "不是企业在职职工"},
	"receiving_ui_benefit":                        {True: "正在领取失业保险金", False: "未领取失业保险金"},
	"other_loans":                                 {True: "本人及配偶有其他贷款", False: "本人及配偶无其他贷款"},
	"org_type":                                    {Label: "单位类型"},
	"serious_dishonesty":                          {True: "属于严重失信主体", False: "不属于严重失信主体"},
	"wage_or_si_arrears":                          {True: "有拖欠工资或欠缴社保记录", False: "无拖欠工资、欠缴社保等严重违法违规记录"},
	"hire_date":                                   {Label: "招用（签订劳动合同）"},
	"new_or_transfer":                             {True: "为新招用或转岗人员", False: "不是新招用或转岗人员"},
	"registered_unemployed":                       {True: "已办理失业登记", False: "未办理失业登记"},
	"age":                                         {Label: "年龄", Unit: "周岁"},
	"derived.is_college_graduate":                 {True: "为高校毕业生（大专及以上）", False: "不是高校毕业生"},
	"student_status":                              {Label: "学籍状态"},
	"onboarding_training_hours":                   {Label: "岗前培训", Unit: "课时"},
	"derived.in_graduating_school_year":           {True: "处于毕业学年", False: "不在毕业学年"},
	"derived.is_grad_year_hire":                   {True: "招用的是毕业年度高校毕业生", False: "招用的不是毕业年度高校毕业生"},
	"derived.is_2y_unemployed_grad_hire":          {True: "招用的是离校 2 年内未就业高校毕业生", False: "招用的不是离校 2 年内未就业高校毕业生"},
	"derived.is_youth_registered_unemployed_hire": {True: "招用的是登记失业的 16—24 岁青年", False: "招用的不是登记失业的 16—24 岁青年"},
	"unemployment_registered":                     {True: "已办理失业登记", False: "未办理失业登记"},
	"registered_unemployed_at_hire":               {True: "招用时已办理失业登记", False: "招用时未办理失业登记"},
	"unemployed_months":                           {Label: "连续失业时间", Unit: "个月"},
	"hukou_city":                                  {Label: "户籍所在城市"},
	"has_wuhan_residence_permit":                  {True: "持有武汉市居住证", False: "未持有武汉市居住证"},
	"difficulty_certified":                        {True: "已认定为就业困难人员", False: "未认定为就业困难人员"},
	"veteran.type":                                {Label: "退役军人类别"},
	"veteran.resettlement":                        {Label: "退役安置方式"},
	"derived.veteran_within_1y_at_hire":           {True: "招用时退役未满 1 年", False: "招用时退役已超过 1 年"},
	"veteran_self_employment_resettled":           {True: "招用的是自主就业退役士兵", False: "招用的不是自主就业退役士兵"},
	"family_hardship":                             {Label: "家庭困难类型"},
	"poverty_alleviated":                          {True: "属于脱贫人口", False: "不属于脱贫人口"},
	"disabled":                                    {True: "本人为残疾人", False: "本人不是残疾人"},
	"national_student_loan":                       {True: "获得国家助学贷款", False: "未获得国家助学贷款"},
	"orphan":                                      {True: "属于孤儿", False: "不属于孤儿"},
	"martyr_family":                               {True: "属于烈属", False: "不属于烈属"},
	"is_migrant_worker":                           {True: "属于农民工", False: "不属于农民工"},
	"full_time":                                   {True: "全日制学历", False: "非全日制学历"},
	"derived.working_age":                         {True: "处于法定劳动年龄内", False: "不在法定劳动年龄内"},
	"employment_status":                           {Label: "就业状态"},
	"flexible_registered":                         {True: "已办理灵活就业登记", False: "未办理灵活就业登记"},
	"flexible_si_paid":                            {True: "以灵活就业人员身份缴纳社会保险", False: "未以灵活就业人员身份缴纳社会保险"},
	"derived.hired_this_year":                     {True: "为当年新招用", False: "不是当年新招用"},
	"employment_registered":                       {True: "已办理就业登记", False: "未办理就业登记"},
	"size":                                        {Label: "企业规模"},
	"reg_city":                                    {Label: "注册地"},
	"reg_province":                                {Label: "注册省份"},
	"business.kind":                               {Label: "经营主体类型"},
	"business.reg_city":                           {Label: "经营主体注册地"},
	"business.reg_province":                       {Label: "经营主体注册省份"},
	"derived.business_months":                     {Label: "正常经营时间", Unit: "个月"},
	"business.employees_including_self":           {Label: "带动就业人数（含本人）", Unit: "人"},
	"business.employees_excluding_self":           {Label: "吸纳就业人数（不含本人）", Unit: "人"},
	"contract_months":                             {Label: "劳动合同期限", Unit: "个月"},
	"si_months":                                   {Label: "缴纳社会保险", Unit: "个月"},
	"ui_months":                                   {Label: "参加失业保险累计", Unit: "个月"},
	"ui_paid_months_last_year":                    {Label: "上年度足额缴纳失业保险费", Unit: "个月"},
	"derived.tenure_months":                       {Label: "稳定就业时间", Unit: "个月"},
}

// opReading is one row of the operator table: how a leaf with operator op
// reads, as its field's label, words, value, unit and tail. The first row
// that applies to a leaf wins.
type opReading struct {
	op     string
	fields []string // the row applies only to these fields (nil: any)
	is     any      // the row applies only to a leaf with this value (nil: any)
	fixed  string   // when set, the whole reading
	words  string   // after the label
	value  bool     // the leaf's value follows words
	unit   bool     // the field's unit follows the value
	tail   string
}

// opReadings is the operator table. The rows for one operator on particular
// fields or values come before its general row. is_true and is_false rows
// serve fields with no phrase of their own in fieldInfos.
var opReadings = []opReading{
	{op: "is_true", words: "为是"},
	{op: "is_false", words: "为否"},
	{op: "eq", words: "为", value: true},
	{op: "ne", words: "不为", value: true},
	{op: "in", words: "为", value: true, tail: "之一"},
	{op: "not_in", words: "不为", value: true},
	{op: "contains_any", words: "包括", value: true, tail: "之一"},
	// an age is reached ("年龄满 18 周岁"), other quantities are not less than
	{op: "gte", fields: []string{"derived.age", "age_at_hire"}, words: "满 ", value: true, unit: true},
	{op: "gte", words: "不少于 ", value: true, unit: true},
	// "contract_months gt 0" is the contract itself
	{op: "gt", fields: []string{"contract_months"}, is: 0, fixed: "签订劳动合同"},
	{op: "gt", words: "超过 ", value: true, unit: true},
	{op: "lte", words: "不超过 ", value: true, unit: true},
	{op: "lt", words: "不满 ", value: true, unit: true},
	{op: "within_years", words: " ", value: true, tail: " 年内"},
	{op: "within_months", words: " ", value: true, tail: " 个月内"},
	{op: "not_empty", words: "不为空"},
}

// reading is the Chinese sentence for a leaf, e.g. "年龄不超过 35 周岁": the
// scope's prefix, then the field's own phrase for is_true / is_false when it
// has one, else the operator table's reading. A field with no fieldInfos
// entry reads as its name.
func reading(c Condition) string {
	fi := fieldInfos[c.Field]
	label := fi.Label
	if label == "" {
		label = c.Field
	}
	prefix := scopePrefix(c.Scope, fi, label)
	switch {
	case c.Op == "is_true" && fi.True != "":
		return prefix + fi.True
	case c.Op == "is_false" && fi.False != "":
		return prefix + fi.False
	}
	r := opReadingOf(c)
	if r.fixed != "" {
		return prefix + r.fixed
	}
	s := label + r.words
	if r.value {
		s += valueText(c.Value)
	}
	if r.unit && fi.Unit != "" {
		s += " " + fi.Unit
	}
	return prefix + s + r.tail
}

// scopePrefix names the people a scoped leaf is about ("招用人员年龄…"),
// except on a new-hire field that already says so ("招用的是…").
func scopePrefix(scope string, fi fieldInfo, label string) string {
	switch {
	case scope == ScopeNewHires && !strings.HasPrefix(fi.True, "招用") && !strings.HasPrefix(label, "招用"):
		return "招用人员"
	case scope == ScopeInterns:
		return "见习人员"
	case scope == ScopeApprentices:
		return "学徒"
	}
	return ""
}

// opReadingOf returns the first row of opReadings that applies to the leaf;
// an operator with no row reads as itself between label and value, so that a
// new operator still shows.
func opReadingOf(c Condition) opReading {
	for _, r := range opReadings {
		if r.op != c.Op || (r.fields != nil && !slices.Contains(r.fields, c.Field)) || (r.is != nil && c.Value != r.is) {
			continue
		}
		return r
	}
	return opReading{words: " " + c.Op + " ", value: true}
}

// valueText is a leaf's value as it reads: a list joined by "、", no value as
// nothing.
func valueText(v any) string {
	switch x := v.(type) {
	case []string:
		return strings.Join(x, "、")
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}
