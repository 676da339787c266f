package app

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/policy"
)

// PolicyForm is the staff editor's form: texts, classification, benefit,
// validity and a flat condition list combined with all/any. Criteria that
// the flat builder cannot show (nested any/not/exists) are edited as YAML.
type PolicyForm struct {
	ID             string
	Name           string
	Category       string
	Beneficiary    string
	TargetGroups   string // comma or 、 separated
	Conditions     string // one per line, human-readable
	AmountText     string
	BenefitType    string
	Yuan           string
	ValidFrom      string
	ValidTo        string
	ValidStatus    string
	MatchMode      string
	ExclusiveGroup string
	Channel        string
	Materials      string // 申请材料, one per line
	ReviewWorkdays string // 办理时限: working days to answer ("" = 以经办窗口告知为准)
	PublicityDays  string // days of 公示 after approval
	Doubts         string // 存疑之处, one per line: staff only
	NoApply        bool
	Combine        string // all | any
	Rows           []CondRow
	Groups         []CondGroup // nested groups of rows, combined with Rows by Combine
	CriteriaYAML   string      // used instead of Rows and Groups when set (deeper nesting, not, exists)
	Note           string
}

// CondRow is one leaf condition in the builder.
type CondRow struct{ Field, Op, Value string }

// CondGroup is a group of leaf conditions inside the criteria: all of its
// rows (满足全部) or any of them (满足任一), such as "毕业两年内 or 在校".
type CondGroup struct {
	Combine string // all | any
	Rows    []CondRow
}

// BuilderRows returns a policy's criteria as the builder shows them: an
// all/any of leaves (rows) and of groups of leaves (groups). It returns
// false for what the builder cannot show (deeper nesting, not, exists),
// which needs the YAML editor.
func BuilderRows(n *policy.Node) (combine string, rows []CondRow, groups []CondGroup, ok bool) {
	if n == nil {
		return "all", nil, nil, true
	}
	if n.Kind() == "leaf" {
		return "all", []CondRow{leafRow(n)}, nil, true
	}
	combine, kids := n.Kind(), n.All
	if n.Any != nil {
		kids = n.Any
	}
	if combine != "all" && combine != "any" {
		return "", nil, nil, false
	}
	for _, k := range kids {
		switch k.Kind() {
		case "leaf":
			rows = append(rows, leafRow(k))
		case "all", "any":
			g := CondGroup{Combine: k.Kind()}
			gk := k.All
			if k.Any != nil {
				gk = k.Any
			}
			for _, l := range gk {
				if l.Kind() != "leaf" {
					return "", nil, nil, false
				}
				g.Rows = append(g.Rows, leafRow(l))
			}
			groups = append(groups, g)
		default:
			return "", nil, nil, false
		}
	}
	return combine, rows, groups, true
}

func leafRow(n *policy.Node) CondRow {
	return CondRow{Field: n.Field, Op: n.Op, Value: valueText(n.Value)}
}

func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, fmt.Sprint(e))
		}
		return strings.Join(parts, "、")
	case []string:
		return strings.Join(x, "、")
	}
	return fmt.Sprint(v)
}

// parseValue reads a builder value for an operator: lists for in/not_in/
// contains_any, numbers for comparisons and windows, none for boolean ops.
func parseValue(op, s string) (any, error) {
	s = strings.TrimSpace(s)
	switch op {
	case "is_true", "is_false", "not_empty":
		return nil, nil
	case "in", "not_in", "contains_any":
		var out []any
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("请填写至少一个取值（用顿号分隔）")
		}
		return out, nil
	case "gte", "lte", "gt", "lt", "within_years", "within_months", "at_least_months_ago":
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("请填写数字")
		}
		return f, nil
	}
	if s == "" {
		return nil, fmt.Errorf("请填写取值")
	}
	return s, nil
}

// criteriaOf builds the criteria node from the form.
func (pf *PolicyForm) criteriaOf(f *apperr.Fields) *yaml.Node {
	if strings.TrimSpace(pf.CriteriaYAML) != "" {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(pf.CriteriaYAML), &n); err != nil || len(n.Content) == 0 {
			f.Add("criteria_yaml", "条件 YAML 格式有误")
			return nil
		}
		return n.Content[0]
	}
	kids := leafNodes(pf.Rows, "row", f)
	for j, g := range pf.Groups {
		gk := leafNodes(g.Rows, "g"+strconv.Itoa(j)+".row", f)
		switch {
		case len(gk) == 0:
		case len(gk) == 1: // a group of one is that condition
			kids = append(kids, gk[0])
		case g.Combine == "any":
			kids = append(kids, &policy.Node{Any: gk})
		default:
			kids = append(kids, &policy.Node{All: gk})
		}
	}
	if len(kids) == 0 {
		return nil
	}
	root := &policy.Node{All: kids}
	if pf.Combine == "any" {
		root = &policy.Node{Any: kids}
	}
	var n yaml.Node
	if err := n.Encode(root); err != nil {
		f.Add("criteria_yaml", err.Error())
		return nil
	}
	return &n
}

// leafNodes reads builder rows (blank ones skipped); a bad value is a field
// error on prefix+index+".value".
func leafNodes(rows []CondRow, prefix string, f *apperr.Fields) []*policy.Node {
	var out []*policy.Node
	for i, r := range rows {
		if strings.TrimSpace(r.Field) == "" {
			continue
		}
		v, err := parseValue(r.Op, r.Value)
		if err != nil {
			f.Add(prefix+strconv.Itoa(i)+".value", err.Error())
			continue
		}
		out = append(out, &policy.Node{Field: strings.TrimSpace(r.Field), Op: r.Op, Value: v})
	}
	return out
}

// ToDraft merges the form into the stored policy YAML (keeping keys the
// form does not show, such as sources and doubts) and returns a draft.
func (pf *PolicyForm) ToDraft(stored string) (PolicyDraft, error) {
	var f apperr.Fields
	if strings.TrimSpace(pf.Name) == "" {
		f.Add("name", "请填写政策名称")
	}
	if pf.ID == "" || strings.Trim(pf.ID, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" || len(pf.ID) > 60 {
		f.Add("id", "编号只能使用小写字母、数字和下划线，如 wh_xxx_buzhu")
	}
	var doc yaml.Node
	if stored != "" {
		if err := yaml.Unmarshal([]byte(stored), &doc); err != nil {
			return PolicyDraft{}, err
		}
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		m = doc.Content[0]
	}
	set := func(key string, v any) {
		var n yaml.Node
		n.Encode(v)
		setKey(m, key, &n)
	}
	set("id", pf.ID)
	set("name", strings.TrimSpace(pf.Name))
	set("category", pf.Category)
	set("beneficiary", pf.Beneficiary)
	set("target_groups", splitList(pf.TargetGroups))
	set("conditions", splitLines(pf.Conditions))
	set("match_mode", pf.MatchMode)
	set("channel", strings.TrimSpace(pf.Channel))
	set("materials", splitLines(pf.Materials))
	set("doubts", splitLines(pf.Doubts))
	for key, text := range map[string]string{"name": pf.Name, "amount_text": pf.AmountText, "conditions": pf.Conditions,
		"channel": pf.Channel, "materials": pf.Materials} {
		if policy.HasDoubtWords(text) {
			f.Add(key, "这里的文字会展示给群众和企业；“推定”“未核实”“未在来源中读到”等备注请写到“存疑之处（仅工作人员可见）”")
		}
	}
	pf.timeLimit(m, &f)
	set("exclusive_group", strings.TrimSpace(pf.ExclusiveGroup))
	validity := map[string]any{"from": nilIfEmpty(pf.ValidFrom), "to": nilIfEmpty(pf.ValidTo), "status": pf.ValidStatus}
	set("validity", validity)
	benefit := benefitNode(m)
	setKey(benefit, "amount_text", scalar(pf.AmountText))
	if pf.BenefitType != "" {
		setKey(benefit, "type", scalar(pf.BenefitType))
	}
	if y := strings.TrimSpace(pf.Yuan); y != "" {
		if _, err := strconv.ParseFloat(y, 64); err != nil {
			f.Add("yuan", "金额应为数字（元）")
		} else {
			key := "yuan"
			if pf.BenefitType == "per_person" {
				key = "yuan_per_person"
			}
			setKey(benefit, key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: y})
		}
	}
	if crit := pf.criteriaOf(&f); crit != nil {
		setKey(m, "criteria", crit)
	} else if pf.MatchMode == "auto" {
		f.Add("criteria_yaml", "自动匹配的政策至少需要一个条件")
	}
	if err := f.Err(); err != nil {
		return PolicyDraft{}, err
	}
	body, err := encodeNode(m)
	if err != nil {
		return PolicyDraft{}, err
	}
	return PolicyDraft{YAML: body, NoApply: pf.NoApply, Note: pf.Note}, nil
}

// timeLimit sets time_limit from the form: the working days and the days
// of 公示, keeping a stored text and source; no working days removes it.
func (pf *PolicyForm) timeLimit(m *yaml.Node, f *apperr.Fields) {
	days := func(key, v string, min int) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < min || n > 90 {
			f.Add(key, fmt.Sprintf("请填写 %d–90 之间的整数天数", min))
			return 0, false
		}
		return n, true
	}
	if strings.TrimSpace(pf.ReviewWorkdays) == "" {
		setKey(m, "time_limit", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"})
		return
	}
	review, ok := days("review_workdays", pf.ReviewWorkdays, 1)
	publicity := 0
	if strings.TrimSpace(pf.PublicityDays) != "" {
		var ok2 bool
		publicity, ok2 = days("publicity_days", pf.PublicityDays, 0)
		ok = ok && ok2
	}
	if !ok {
		return
	}
	var tl *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "time_limit" && m.Content[i+1].Kind == yaml.MappingNode {
			tl = m.Content[i+1]
		}
	}
	if tl == nil {
		tl = &yaml.Node{Kind: yaml.MappingNode}
		setKey(m, "time_limit", tl)
	}
	setKey(tl, "review_workdays", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(review)})
	setKey(tl, "publicity_days", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(publicity)})
}

func benefitNode(m *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "benefit" && m.Content[i+1].Kind == yaml.MappingNode {
			return m.Content[i+1]
		}
	}
	b := &yaml.Node{Kind: yaml.MappingNode}
	setKey(m, "benefit", b)
	return b
}

func setKey(m *yaml.Node, key string, v *yaml.Node) {
	if v.Kind == yaml.DocumentNode && len(v.Content) == 1 {
		v = v.Content[0]
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func nilIfEmpty(s string) any {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return s
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// FormFromPolicy fills the editor from a stored policy.
func FormFromPolicy(p *policy.Policy, noApply bool) PolicyForm {
	pf := PolicyForm{ID: p.ID, Name: p.Name, Category: p.Category, Beneficiary: p.Beneficiary,
		TargetGroups: strings.Join(p.TargetGroups, "、"), Conditions: strings.Join(p.Conditions, "\n"),
		AmountText: p.Benefit.AmountText, BenefitType: p.Benefit.Type, ValidFrom: p.Validity.From, ValidTo: p.Validity.To,
		ValidStatus: p.Validity.Status, MatchMode: p.MatchMode, ExclusiveGroup: p.ExclusiveGroup, Channel: p.Channel, NoApply: noApply,
		Materials: strings.Join(p.Materials, "\n"), Doubts: strings.Join(p.Doubts, "\n")}
	if t := p.TimeLimit; t != nil && t.ReviewWorkdays > 0 {
		pf.ReviewWorkdays = strconv.Itoa(t.ReviewWorkdays)
		if t.PublicityDays > 0 {
			pf.PublicityDays = strconv.Itoa(t.PublicityDays)
		}
	}
	switch {
	case p.Benefit.Yuan > 0:
		pf.Yuan = strconv.FormatFloat(p.Benefit.Yuan, 'f', -1, 64)
	case p.Benefit.YuanPerPerson > 0:
		pf.Yuan = strconv.FormatFloat(p.Benefit.YuanPerPerson, 'f', -1, 64)
	}
	combine, rows, groups, ok := BuilderRows(p.Criteria)
	if ok {
		pf.Combine, pf.Rows, pf.Groups = combine, rows, groups
	} else {
		var n yaml.Node
		n.Encode(p.Criteria)
		pf.CriteriaYAML, _ = encodeNode(&n)
	}
	return pf
}
