package policy

import (
	"fmt"
	"sort"
	"strings"
)

// ftype is the type of an attribute or derived field.
type ftype uint8

// Field types. tMask is a derived list of category names held as a bit set.
const (
	tBool ftype = iota + 1
	tNum
	tStr
	tDate
	tStrList
	tObjList
	tObj
	tMask
)

// typeName is the Chinese name of a field type, for error messages.
func (t ftype) typeName() string {
	switch t {
	case tBool:
		return "布尔值（true/false）"
	case tNum:
		return "数字"
	case tStr:
		return "字符串"
	case tDate:
		return "日期（YYYY-MM-DD）"
	case tStrList:
		return "字符串列表"
	case tObjList:
		return "对象列表"
	case tObj:
		return "对象"
	case tMask:
		return "类别列表"
	}
	return "未知类型"
}

// apiName is the English name of a field type used by FieldInfo.
func (t ftype) apiName() string {
	switch t {
	case tBool:
		return "bool"
	case tNum:
		return "number"
	case tStr:
		return "string"
	case tDate:
		return "date"
	case tStrList:
		return "string_list"
	case tObjList:
		return "object_list"
	case tObj:
		return "object"
	case tMask:
		return "category_list"
	}
	return "unknown"
}

// fieldSpec describes one attribute: its type and the Chinese words the
// explanations are built from.
type fieldSpec struct {
	path  string // relative to the record: "hukou_city", "business.reg_date"
	typ   ftype
	label string // noun phrase: "户籍地"; for booleans a question: "是否已办理失业登记"
	unit  string // numbers: "个月", "人"
	pos   string // booleans: the true state, "已办理失业登记"
	neg   string // booleans: the false state, "未办理失业登记"
	req   string // booleans: short requirement, "要求已办理"; default "要求"+pos
	act   string // hint for false→true, "办理失业登记"; empty = not changeable
	undo  string // hint for true→false, "结清其他贷款"
	event string // dates: the event noun, "毕业"
	grow  bool   // numbers that grow by one each month (contribution months)
	raise string // numbers a subject can raise: verb phrase, "带动就业人数"
	enum  []string
	elem  string // object lists: element schema name
	noun  string // object lists: element noun and counter, "人"
	extra bool   // inferred from a catalog, not built in
}

// b is a constructor for boolean specs.
func b(path, label, pos, neg string) fieldSpec {
	return fieldSpec{path: path, typ: tBool, label: label, pos: pos, neg: neg}
}

// withAct returns s with a hint action for turning it true.
func (s fieldSpec) withAct(act, req string) fieldSpec { s.act, s.req = act, req; return s }

// withUndo returns s with a hint action for turning it false.
func (s fieldSpec) withUndo(undo string) fieldSpec { s.undo = undo; return s }

func str(path, label string) fieldSpec { return fieldSpec{path: path, typ: tStr, label: label} }
func num(path, label, unit string) fieldSpec {
	return fieldSpec{path: path, typ: tNum, label: label, unit: unit}
}
func date(path, label, event string) fieldSpec {
	return fieldSpec{path: path, typ: tDate, label: label, event: event}
}

// personSpecs lists the person attributes (personas.yaml attr_conventions plus
// the inputs the derived fields need).
func personSpecs() []fieldSpec {
	return []fieldSpec{
		str("name", "姓名"),
		{path: "gender", typ: tStr, label: "性别", enum: []string{"男", "女"}},
		date("birth_date", "出生日期", "出生"),
		str("education", "学历"),
		b("full_time", "是否全日制", "全日制学历", "非全日制学历"),
		str("school_type", "学校类型"),
		str("school_city", "学校所在城市"),
		str("school_province", "学校所在省份"),
		str("school_district", "学校所在区"),
		date("graduation_date", "毕业日期", "毕业"),
		str("student_status", "学籍状态"),
		{path: "family_hardship", typ: tStrList, label: "家庭困难类别"},
		str("hukou_province", "户籍所在省份"),
		str("hukou_city", "户籍地"),
		str("hukou_district", "户籍所在区"),
		str("hukou_type", "户籍类型"),
		b("has_wuhan_residence_permit", "是否持有武汉市居住证", "持有武汉市居住证", "未持有武汉市居住证").withAct("办理武汉市居住证", "要求持有"),
		{path: "employment_status", typ: tStr, label: "就业状态", act: "就业状态变为"},
		b("unemployment_registered", "是否已办理失业登记", "已办理失业登记", "未办理失业登记").withAct("办理失业登记", "要求已办理"),
		{path: "unemployed_months", typ: tNum, label: "连续失业时长", unit: "个月", grow: true},
		b("employed_since_graduation", "毕业后是否曾就业", "毕业后曾就业", "毕业后未就业"),
		b("difficulty_certified", "是否已认定为就业困难人员", "已认定为就业困难人员", "未认定为就业困难人员").withAct("申请就业困难人员认定并获认定", "要求已认定"),
		b("flexible_registered", "是否已办理灵活就业登记", "已办理灵活就业登记", "未办理灵活就业登记").withAct("办理灵活就业登记", "要求已办理"),
		b("flexible_si_paid", "是否以灵活就业人员身份缴纳社会保险", "已以灵活就业人员身份缴纳社会保险", "未以灵活就业人员身份缴纳社会保险").withAct("以灵活就业人员身份缴纳社会保险", "要求已缴纳"),
		b("pension_insured_at_other_employer", "是否在非本人创办的单位参加职工养老保险", "在非本人创办的单位参加了职工养老保险", "未在非本人创办的单位参加职工养老保险").withUndo("停止在非本人创办的单位参加职工养老保险"),
		b("other_loans", "本人及配偶是否有其他贷款", "本人及配偶有其他贷款", "本人及配偶无其他贷款（助学、扶贫、住房、购车及5万元以下消费贷款除外）").withUndo("结清其他贷款"),
		b("is_migrant_worker", "是否为农民工", "属于农民工", "不属于农民工"),
		b("enterprise_employee", "是否为企业在职职工", "为企业在职职工", "不是企业在职职工"),
		b("receiving_ui_benefit", "是否正在领取失业保险金", "正在领取失业保险金", "未领取失业保险金"),
		{path: "ui_months", typ: tNum, label: "失业保险累计缴费", unit: "个月", grow: true},
		{path: "certificates", typ: tObjList, label: "职业资格或技能等级证书", elem: "certificates", noun: "本"},
		b("national_student_loan", "是否获得国家助学贷款", "获得国家助学贷款", "未获得国家助学贷款"),
		b("disabled", "是否为残疾人", "为残疾人", "不是残疾人"),
		b("orphan", "是否为孤儿", "为孤儿", "不是孤儿"),
		b("martyr_family", "是否为烈属", "为烈属", "不是烈属"),
		b("landless_farmer", "是否为生活困难的失地农民", "为生活困难的失地农民", "不是生活困难的失地农民"),
		b("poverty_alleviated", "是否为脱贫劳动力（建档立卡）", "为脱贫劳动力", "不是脱贫劳动力"),
		b("released_prisoner", "是否为刑满释放人员", "为刑满释放人员", "不是刑满释放人员"),
		b("overcapacity_worker", "是否为化解过剩产能企业职工或失业人员", "为化解过剩产能企业职工或失业人员", "不是化解过剩产能企业职工或失业人员"),
		{path: "business", typ: tObj, label: "本人创办的经营主体"},
		{path: "business.kind", typ: tStr, label: "经营主体类型"},
		date("business.reg_date", "营业执照登记日期", "营业执照登记"),
		str("business.reg_city", "经营主体注册城市"),
		str("business.reg_province", "经营主体注册省份"),
		str("business.reg_district", "经营主体注册区"),
		b("business.operating_normally", "经营主体是否正常经营", "经营主体正常经营", "经营主体未正常经营").withAct("恢复正常经营", "要求正常经营"),
		b("business.first_time", "是否首次领取营业执照", "首次领取营业执照", "不是首次领取营业执照"),
		{path: "business.employees_including_self", typ: tNum, label: "带动就业人数（含本人）", unit: "人", raise: "带动就业人数（含本人）"},
		{path: "business.employees_excluding_self", typ: tNum, label: "吸纳就业人数（不含本人）", unit: "人", raise: "吸纳就业人数（不含本人）"},
		b("business.is_legal_rep", "本人是否为法定代表人", "本人为法定代表人", "本人不是法定代表人").withAct("由本人担任法定代表人", "要求本人为法定代表人"),
		b("business.rural_address", "经营地址是否在乡或村", "经营地址在乡或村", "经营地址不在乡或村"),
		b("business.online_platform", "是否通过网络平台实名经营", "通过网络平台实名经营", "未通过网络平台实名经营"),
		{path: "business.orders", typ: tNum, label: "经营笔数", unit: "笔", raise: "经营笔数"},
		{path: "veteran", typ: tObj, label: "退役军人信息"},
		str("veteran.type", "服役类型"),
		num("veteran.service_years", "服现役年限", "年"),
		date("veteran.discharge_date", "退役日期", "退役"),
		str("veteran.resettlement", "退役安置方式"),
		{path: "returnee", typ: tObj, label: "返乡信息"},
		num("returnee.away_months", "外出时长", "个月"),
		date("returnee.return_date", "返乡日期", "返乡"),
	}
}

// enterpriseSpecs lists the enterprise attributes.
func enterpriseSpecs() []fieldSpec {
	return []fieldSpec{
		str("name", "单位名称"),
		str("org_type", "单位类型"),
		{path: "size", typ: tStr, label: "企业规模", enum: []string{"大型", "中型", "小型", "微型"}},
		str("reg_province", "注册省份"),
		str("reg_city", "注册城市"),
		str("reg_district", "注册区"),
		date("reg_date", "成立日期", "成立"),
		num("headcount", "在职职工人数", "人"),
		num("insured_employees", "参保职工人数", "人"),
		num("ui_paid_months_last_year", "上年度足额缴纳失业保险费月数", "个月"),
		num("layoff_rate", "上年度裁员率", ""),
		num("last_year_ui_premiums_paid", "上年度实际缴纳失业保险费", "元"),
		b("serious_dishonesty", "是否为严重失信主体", "被列为严重失信主体", "未被列为严重失信主体").withUndo("完成信用修复、移出严重失信名单"),
		b("wage_or_si_arrears", "是否有拖欠工资或欠缴社会保险费记录", "存在拖欠工资或欠缴社会保险费记录", "无拖欠工资、欠缴社会保险费记录").withUndo("清偿欠薪和欠缴的社会保险费"),
		{path: "cydb_new_hires_12m", typ: tNum, label: "近12个月新招用符合条件人员", unit: "人", raise: "近12个月新招用符合条件人员"},
		b("is_jianxi_base", "是否为认定的就业见习基地", "为人社部门认定的就业见习基地", "不是人社部门认定的就业见习基地").withAct("申请认定为就业见习基地", "要求已认定"),
		b("pays_allowance_ge_min_wage", "是否按不低于最低工资发放见习基本生活费", "按不低于当地最低工资标准发放见习基本生活费", "未按不低于当地最低工资标准发放见习基本生活费").withAct("按不低于当地最低工资标准发放见习基本生活费", ""),
		b("buys_accident_insurance", "是否为见习人员购买人身意外伤害保险", "为见习人员购买了人身意外伤害保险", "未为见习人员购买人身意外伤害保险").withAct("为见习人员购买人身意外伤害保险", ""),
		{path: "new_hires", typ: tObjList, label: "新招用人员", elem: "new_hires", noun: "人"},
		{path: "interns", typ: tObjList, label: "见习人员", elem: "interns", noun: "人"},
		{path: "apprentices", typ: tObjList, label: "学徒", elem: "apprentices", noun: "人"},
	}
}

// hireSpecs lists the attributes of one enterprise.new_hires element.
func hireSpecs() []fieldSpec {
	return []fieldSpec{
		str("name", "姓名"),
		str("education", "学历"),
		date("graduation_date", "毕业日期", "毕业"),
		date("hire_date", "招用日期", "招用"),
		num("age_at_hire", "招用时年龄", "周岁"),
		b("registered_unemployed_at_hire", "招用时是否已登记失业", "招用时已登记失业", "招用时未登记失业"),
		b("employed_between_grad_and_hire", "毕业后至招用前是否曾就业", "毕业后至招用前曾就业", "毕业后至招用前未就业"),
		b("difficulty_certified", "是否已认定为就业困难人员", "已认定为就业困难人员", "未认定为就业困难人员").withAct("办理就业困难人员认定", "要求已认定"),
		b("poverty_alleviated", "是否为脱贫人口", "为脱贫人口", "不是脱贫人口"),
		date("veteran_discharge_date", "退役日期", "退役"),
		b("veteran_self_employment_resettled", "是否为自主就业退役士兵", "为自主就业退役士兵", "不是自主就业退役士兵"),
		{path: "contract_months", typ: tNum, label: "劳动合同期限", unit: "个月", raise: "劳动合同期限"},
		{path: "si_months", typ: tNum, label: "足额缴纳社会保险", unit: "个月", grow: true},
		b("employment_registered", "是否已办理就业登记", "已办理就业登记", "未办理就业登记").withAct("办理就业登记", "要求已办理"),
		{path: "onboarding_training_hours", typ: tNum, label: "岗前培训课时", unit: "课时", raise: "岗前培训课时"},
	}
}

// internSpecs lists the attributes of one enterprise.interns element.
func internSpecs() []fieldSpec {
	return []fieldSpec{
		str("name", "姓名"),
		str("education", "学历"),
		date("graduation_date", "毕业日期", "毕业"),
		num("age", "年龄", "周岁"),
		b("registered_unemployed", "是否已登记失业", "已登记失业", "未登记失业"),
		date("start_date", "见习开始日期", "见习开始"),
		num("months", "见习月数", "个月"),
		b("employed_since_graduation", "毕业后是否曾就业", "毕业后曾就业", "毕业后未就业"),
		b("retained", "见习期满是否留用", "见习期满留用", "见习期满未留用"),
	}
}

// apprenticeSpecs lists the attributes of one enterprise.apprentices element.
func apprenticeSpecs() []fieldSpec {
	return []fieldSpec{
		str("name", "姓名"),
		b("new_or_transfer", "是否为新招用或转岗人员", "为新招用或转岗人员", "不是新招用或转岗人员"),
		{path: "contract_months", typ: tNum, label: "劳动合同期限", unit: "个月", raise: "劳动合同期限"},
		b("catalog_institution", "是否与目录内培训机构合作", "与目录清单内培训机构合作", "未与目录清单内培训机构合作").withAct("与目录清单内培训机构合作", ""),
		str("target_level", "培训目标等级"),
	}
}

// certificateSpecs lists the attributes of one person.certificates element.
func certificateSpecs() []fieldSpec {
	return []fieldSpec{
		str("occupation", "职业（工种）"),
		str("level", "证书等级"),
		date("issued", "证书核发日期", "证书核发"),
	}
}

// fieldDef is a field resolved in a schema: its spec plus the slot it
// occupies in a record.
type fieldDef struct {
	fieldSpec
	id   int     // index into record.has
	idx  int     // index into the typed array for typ
	elem *schema // element schema of an object list
	// assumedText says a missing boolean was read as false; missingText
	// that a nested object was not provided. The ids number them, the path
	// and the boolean states in the strtab.
	assumedText, missingText                   string
	assumedID, missingID, pathID, posID, negID int32
}

// schema is the set of fields and derived fields of one kind of record.
type schema struct {
	name    string // person, enterprise, new_hires, interns, apprentices, certificates
	noun    string // how an element is named: "新招用人员"
	fields  []*fieldDef
	byPath  map[string]*fieldDef
	derived map[string]*derivedDef
	dlist   []*derivedDef
	counts  [tMask + 1]int
	// nameField is the element's "name" attribute, which names it in
	// explanations, or nil.
	nameField *fieldDef
	tab       *strtab // the fixed texts of the set's explanations
	// inObject maps "business." to the fields under it by the rest of their
	// path ("kind"), for loading nested objects without joining strings;
	// set once a catalog has added its attributes.
	inObject map[string]map[string]*fieldDef
}

// newSchema builds a schema from specs.
func newSchema(name, noun string, specs []fieldSpec) *schema {
	s := &schema{name: name, noun: noun, byPath: map[string]*fieldDef{}, derived: map[string]*derivedDef{}}
	for _, sp := range specs {
		s.add(sp)
	}
	return s
}

// add appends a field to s and returns it.
func (s *schema) add(sp fieldSpec) *fieldDef {
	f := &fieldDef{fieldSpec: sp, id: len(s.fields), idx: s.counts[sp.typ],
		assumedText: "未提供“" + sp.label + "”，按“否”处理", missingText: "未提供" + sp.label}
	s.counts[sp.typ]++
	if sp.path == "name" {
		s.nameField = f
	}
	s.fields = append(s.fields, f)
	s.byPath[sp.path] = f
	return f
}

// f returns the built-in field at path; a missing one is a programming error.
func (s *schema) f(path string) *fieldDef {
	f, ok := s.byPath[path]
	if !ok {
		panic("policy: schema " + s.name + " has no field " + path)
	}
	return f
}

// addDerived registers a derived field.
func (s *schema) addDerived(d *derivedDef) {
	d.idx = len(s.dlist)
	s.dlist = append(s.dlist, d)
	s.derived[d.name] = d
}

// schemaSet is the person and enterprise schemas with their element schemas.
type schemaSet struct {
	person, enterprise *schema
	elems              []*schema
	tab                *strtab
}

// number gives every field and derived field of the set its numbers in the
// strtab (once the catalog has added its extra attributes).
func (ss *schemaSet) number() {
	t := ss.tab
	for _, s := range append([]*schema{ss.person, ss.enterprise}, ss.elems...) {
		for _, f := range s.fields {
			f.assumedID, f.missingID, f.pathID = t.id(f.assumedText), t.id(f.missingText), t.id(f.path)
			f.posID, f.negID = t.id(f.pos), t.id(f.neg)
		}
		for _, d := range s.dlist {
			d.windowID = t.id(d.windowDesc)
		}
		s.inObject = map[string]map[string]*fieldDef{}
		for _, f := range s.fields {
			if obj, rest, ok := strings.Cut(f.path, "."); ok {
				if s.inObject[obj+"."] == nil {
					s.inObject[obj+"."] = map[string]*fieldDef{}
				}
				s.inObject[obj+"."][rest] = f
			}
		}
	}
}

// newSchemaSet builds the built-in schemas and their derived fields.
func newSchemaSet() *schemaSet {
	elems := map[string]*schema{
		"new_hires":    newSchema("new_hires", "新招用人员", hireSpecs()),
		"interns":      newSchema("interns", "见习人员", internSpecs()),
		"apprentices":  newSchema("apprentices", "学徒", apprenticeSpecs()),
		"certificates": newSchema("certificates", "证书", certificateSpecs()),
	}
	ss := &schemaSet{
		person:     newSchema("person", "个人", personSpecs()),
		enterprise: newSchema("enterprise", "单位", enterpriseSpecs()),
		elems:      []*schema{elems["new_hires"], elems["interns"], elems["apprentices"], elems["certificates"]},
		tab:        newStrtab(),
	}
	for _, s := range append([]*schema{ss.person, ss.enterprise}, ss.elems...) {
		s.tab = ss.tab
	}
	for _, s := range []*schema{ss.person, ss.enterprise} {
		for _, f := range s.fields {
			if f.typ == tObjList {
				f.elem = elems[f.fieldSpec.elem]
			}
		}
	}
	addHireDerived(elems["new_hires"])
	addInternDerived(elems["interns"])
	addPersonDerived(ss.person)
	addEnterpriseDerived(ss.enterprise)
	return ss
}

// forKind returns the schema for a subject kind.
func (ss *schemaSet) forKind(kind string) (*schema, bool) {
	switch kind {
	case KindPerson:
		return ss.person, true
	case KindEnterprise:
		return ss.enterprise, true
	}
	return nil, false
}

// Subject kinds.
const (
	KindPerson     = "person"
	KindEnterprise = "enterprise"
)

// objectPrefix returns "business" for "business.kind", or "" when path has
// no nested object.
func objectPrefix(path string) string {
	if i := strings.IndexByte(path, '.'); i > 0 {
		return path[:i]
	}
	return ""
}

// FieldInfo documents one attribute or derived field for the condition
// builder of the staff console.
type FieldInfo struct {
	Path  string   `json:"path"`  // as used in criteria: "hukou_city", "business.reg_date", "derived.age"
	Scope string   `json:"scope"` // person, enterprise, new_hires, interns, apprentices, certificates
	Label string   `json:"label"` // Chinese label
	Type  string   `json:"type"`  // bool, number, string, date, string_list, object_list, object, category_list
	Unit  string   `json:"unit,omitempty"`
	Ops   []string `json:"ops"` // operators allowed on it
	Enum  []string `json:"enum,omitempty"`
}

// Fields lists every attribute and derived field the catalog's criteria may
// use, by scope, for a form-based condition builder.
func (c *Catalog) Fields() []FieldInfo {
	var out []FieldInfo
	seen := map[*schema]bool{}
	var walk func(s *schema)
	walk = func(s *schema) {
		if seen[s] {
			return
		}
		seen[s] = true
		for _, f := range s.fields {
			out = append(out, FieldInfo{Path: f.path, Scope: s.name, Label: f.label, Type: f.typ.apiName(), Unit: f.unit, Ops: opsFor(f.typ), Enum: f.enum})
		}
		for _, d := range s.dlist {
			out = append(out, FieldInfo{Path: "derived." + d.name, Scope: s.name, Label: d.label, Type: d.typ.apiName(), Unit: d.unit, Ops: opsFor(d.typ), Enum: d.names})
		}
		for _, f := range s.fields {
			if f.elem != nil {
				walk(f.elem)
			}
		}
	}
	walk(c.schemas.person)
	walk(c.schemas.enterprise)
	return out
}

// opsFor lists the operators valid on a field type.
func opsFor(t ftype) []string {
	var out []string
	for op, types := range opTypes() {
		for _, tt := range types {
			if tt == t {
				out = append(out, op)
			}
		}
	}
	sort.Strings(out)
	return out
}

// opTypes maps each operator to the field types it applies to.
func opTypes() map[string][]ftype {
	return map[string][]ftype{
		"eq":                  {tBool, tNum, tStr, tDate},
		"ne":                  {tBool, tNum, tStr, tDate},
		"in":                  {tNum, tStr},
		"not_in":              {tNum, tStr},
		"gte":                 {tNum},
		"lte":                 {tNum},
		"gt":                  {tNum},
		"lt":                  {tNum},
		"is_true":             {tBool},
		"is_false":            {tBool},
		"contains_any":        {tStrList, tMask},
		"date_gte":            {tDate},
		"date_lte":            {tDate},
		"within_years":        {tDate},
		"within_months":       {tDate},
		"at_least_months_ago": {tDate},
		"not_empty":           {tStrList, tMask, tObjList},
	}
}

// describe formats a field for error messages: `si_months（数字）`.
func (f *fieldDef) describe() string { return fmt.Sprintf("%s（%s）", f.path, f.typ.typeName()) }
