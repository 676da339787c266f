package policy

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jiuye/jiuye/internal/bidi"
)

// CheckBidi refuses policy text (a catalog file or one policy being edited)
// that carries a bidirectional control character anywhere, naming the line:
// names, titles and descriptions are shown to staff and the public as typed.
func CheckBidi(text string) error {
	i := strings.IndexFunc(text, bidi.Is)
	if i < 0 {
		return nil
	}
	return &CatalogError{Message: fmt.Sprintf("第 %d 行%s", strings.Count(text[:i], "\n")+1, bidi.Message)}
}

// ParseCatalog parses and validates a catalog file. It is pure: on error
// nothing else changes, so a caller keeps its previous catalog. Errors name
// the policy id and the path inside it, e.g.
// `wh_x: criteria.all[2].any[0]: 未知运算符 "eqq"`; rejected are unknown
// operators, node shapes and derived fields, exists over a non-list, YAML
// alias cycles, duplicate ids and bad dates, among others.
func ParseCatalog(yamlBytes []byte) (*Catalog, error) {
	if err := CheckBidi(string(yamlBytes)); err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlBytes, &doc); err != nil {
		return nil, fmt.Errorf("目录文件不是有效的 YAML：%w", err)
	}
	cv := &converter{visiting: map[*yaml.Node]bool{}, budget: 2_000_000}
	if len(doc.Content) == 0 {
		return nil, &CatalogError{Message: "目录文件为空"}
	}
	root, err := cv.resolve(doc.Content[0], "")
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, &CatalogError{Message: "目录文件顶层应为映射（meta、parameters、policies）"}
	}
	var meta Meta
	var params Parameters
	var pols []*Policy
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i].Value, root.Content[i+1]
		switch key {
		case "meta":
			meta, err = cv.meta(val)
			if err == nil && params.MinWage == nil && params.CentralGroup == nil {
				if pn := mappingValue(val, "parameters"); pn != nil {
					params, err = cv.params(pn)
				}
			}
		case "parameters":
			params, err = cv.params(val)
		case "policies":
			pols, err = cv.policies(val)
		}
		if err != nil {
			return nil, err
		}
	}
	if pols == nil {
		return nil, &CatalogError{Path: "policies", Message: "目录中没有 policies 列表"}
	}
	return NewCatalog(meta, params, pols)
}

// mappingValue returns the value node of key in mapping n (following one
// alias), or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// converter turns yaml.Nodes into plain values (map[string]any, []any,
// string, float64, bool, nil), expanding aliases and rejecting cycles.
type converter struct {
	visiting map[*yaml.Node]bool
	budget   int
}

// resolve follows aliases from n, rejecting an alias to a node being built.
func (cv *converter) resolve(n *yaml.Node, path string) (*yaml.Node, error) {
	for n.Kind == yaml.AliasNode {
		if cv.visiting[n.Alias] {
			return nil, &CatalogError{Path: path, Message: fmt.Sprintf("YAML 别名循环（*%s 引用了包含它自身的节点）", n.Value)}
		}
		n = n.Alias
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return cv.resolve(n.Content[0], path)
	}
	return n, nil
}

// plain converts n at path.
func (cv *converter) plain(n *yaml.Node, path string) (any, error) {
	if cv.budget--; cv.budget < 0 {
		return nil, &CatalogError{Path: path, Message: "YAML 内容过大或别名展开过多"}
	}
	n, err := cv.resolve(n, path)
	if err != nil {
		return nil, err
	}
	switch n.Kind {
	case yaml.MappingNode:
		cv.visiting[n] = true
		defer delete(cv.visiting, n)
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, err := cv.resolve(n.Content[i], path)
			if err != nil {
				return nil, err
			}
			if k.Kind != yaml.ScalarNode {
				return nil, &CatalogError{Path: path, Message: "映射的键应为字符串"}
			}
			sub := joinPath(path, k.Value)
			v, err := cv.plain(n.Content[i+1], sub)
			if err != nil {
				return nil, err
			}
			if k.Value == "<<" {
				merge, ok := v.(map[string]any)
				if !ok {
					return nil, &CatalogError{Path: sub, Message: "合并键 << 应引用映射"}
				}
				for mk, mv := range merge {
					if _, set := m[mk]; !set {
						m[mk] = mv
					}
				}
				continue
			}
			if _, dup := m[k.Value]; dup {
				return nil, &CatalogError{Path: sub, Message: "重复的键"}
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		cv.visiting[n] = true
		defer delete(cv.visiting, n)
		out := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			v, err := cv.plain(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		return scalar(n, path)
	}
	return nil, &CatalogError{Path: path, Message: "无法识别的 YAML 节点"}
}

// scalar converts a scalar by its resolved tag; timestamps stay strings.
func scalar(n *yaml.Node, path string) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var v bool
		if err := n.Decode(&v); err != nil {
			return nil, &CatalogError{Path: path, Message: "无效的布尔值"}
		}
		return v, nil
	case "!!int", "!!float":
		var v float64
		if err := n.Decode(&v); err != nil {
			return nil, &CatalogError{Path: path, Message: "无效的数字"}
		}
		return v, nil
	}
	return n.Value, nil
}

// joinPath appends a key to a dotted path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// meta converts the meta mapping.
func (cv *converter) meta(n *yaml.Node) (Meta, error) {
	v, err := cv.plain(n, "meta")
	if err != nil {
		return Meta{}, err
	}
	m, _ := v.(map[string]any)
	f := fields{m: m, at: "meta"}
	meta := Meta{Title: f.str("title"), Compiled: f.str("compiled"), EvalDateDefault: f.str("eval_date_default"),
		Language: f.str("language"), Disclaimer: f.str("disclaimer"), Schema: m["schema"]}
	if f.err == nil && meta.EvalDateDefault != "" {
		if _, err := parseCivil(meta.EvalDateDefault); err != nil {
			return meta, &CatalogError{Path: "meta.eval_date_default", Message: err.Error()}
		}
	}
	return meta, f.err
}

// params converts the parameters mapping.
func (cv *converter) params(n *yaml.Node) (Parameters, error) {
	v, err := cv.plain(n, "parameters")
	if err != nil {
		return Parameters{}, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return Parameters{}, &CatalogError{Path: "parameters", Message: "parameters 应为映射"}
	}
	f := fields{m: m, at: "parameters"}
	p := Parameters{CentralGroup: f.strs("central_group_for_fanxiang"), Extra: map[string]any{}}
	for k, v := range m {
		if k != "central_group_for_fanxiang" && k != "min_wage" {
			p.Extra[k] = v
		}
	}
	for i, item := range f.list("min_wage") {
		at := fmt.Sprintf("parameters.min_wage[%d]", i)
		im, ok := item.(map[string]any)
		if !ok {
			return p, &CatalogError{Path: at, Message: "应为映射"}
		}
		g := fields{m: im, at: at}
		mw := MinWage{EffectiveFrom: g.str("effective_from"), DocNo: g.str("doc_no"), TiersPerMonth: g.numMap("tiers_yuan_per_month"),
			Hourly: g.numMap("hourly_yuan"), Sources: g.strs("sources"), Confidence: g.str("confidence")}
		switch t := im["wuhan_district_tier"].(type) {
		case map[string]any:
			mw.DistrictTier = map[string]string{}
			for k, v := range t {
				s, ok := v.(string)
				if !ok {
					return p, &CatalogError{Path: at + ".wuhan_district_tier." + k, Message: "档位应为字符串"}
				}
				mw.DistrictTier[k] = s
			}
		case string:
			mw.DistrictTierNote = t
		}
		if g.err != nil {
			return p, g.err
		}
		p.MinWage = append(p.MinWage, mw)
	}
	return p, f.err
}

// policies converts the policies sequence.
func (cv *converter) policies(n *yaml.Node) ([]*Policy, error) {
	n, err := cv.resolve(n, "policies")
	if err != nil {
		return nil, err
	}
	if n.Kind != yaml.SequenceNode {
		return nil, &CatalogError{Path: "policies", Message: "policies 应为列表"}
	}
	out := make([]*Policy, 0, len(n.Content))
	for i, item := range n.Content {
		id := cv.peekID(item)
		v, err := cv.plain(item, "")
		if err != nil {
			return nil, withPolicy(err, id, i)
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, &CatalogError{Path: fmt.Sprintf("policies[%d]", i), Message: "每条政策应为映射"}
		}
		p, err := policyFrom(m)
		if err != nil {
			return nil, withPolicy(err, id, i)
		}
		out = append(out, p)
	}
	return out, nil
}

// peekID reads a policy mapping's id without expanding anything else.
func (cv *converter) peekID(n *yaml.Node) string {
	for n.Kind == yaml.AliasNode && n.Alias != nil && n.Alias != n {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// withPolicy names the policy on a CatalogError.
func withPolicy(err error, id string, i int) error {
	var ce *CatalogError
	if errors.As(err, &ce) && ce.PolicyID == "" {
		c := *ce
		c.PolicyID = id
		if id == "" {
			c.Path = joinPath(fmt.Sprintf("policies[%d]", i), c.Path)
		}
		return &c
	}
	return err
}

// policyFrom builds a Policy from a plain mapping.
func policyFrom(m map[string]any) (*Policy, error) {
	f := fields{m: m}
	p := &Policy{
		ID: f.str("id"), Name: f.str("name"), Level: f.str("level"), Region: f.str("region"), Issuer: f.str("issuer"),
		DocNo: f.str("doc_no"), Category: f.str("category"), Beneficiary: f.str("beneficiary"),
		TargetGroups: f.strs("target_groups"), Conditions: f.strs("conditions"), MatchMode: f.str("match_mode"),
		Channel: f.str("channel"), ExclusiveGroup: f.str("exclusive_group"), Confidence: f.str("confidence"), Doubts: f.strs("doubts"),
	}
	if vm := f.mapping("validity"); vm != nil {
		g := fields{m: vm, at: "validity"}
		p.Validity = Validity{From: g.str("from"), To: g.str("to"), Status: g.str("status"), Note: g.str("note")}
		f.absorb(g.err)
	}
	if bm := f.mapping("benefit"); bm != nil {
		p.Benefit = benefitFrom(bm, &f)
	}
	p.Materials = f.strs("materials")
	if tm := f.mapping("time_limit"); tm != nil {
		g := fields{m: tm, at: "time_limit"}
		p.TimeLimit = &TimeLimit{ReviewWorkdays: int(g.num("review_workdays")), PublicityDays: int(g.num("publicity_days")),
			Text: g.str("text"), Source: g.str("source")}
		if p.TimeLimit.ReviewWorkdays < 0 || p.TimeLimit.ReviewWorkdays > 90 || p.TimeLimit.PublicityDays < 0 || p.TimeLimit.PublicityDays > 90 {
			g.fail("review_workdays", "办理时限应为 0–90 天")
		}
		f.absorb(g.err)
	}
	for i, s := range f.list("sources") {
		sm, ok := s.(map[string]any)
		if !ok {
			f.fail(fmt.Sprintf("sources[%d]", i), "来源应为映射")
			continue
		}
		g := fields{m: sm, at: fmt.Sprintf("sources[%d]", i)}
		p.Sources = append(p.Sources, Source{Key: g.str("key"), URL: g.str("url"), Repo: g.str("repo"), Path: g.str("path"),
			Locator: g.str("locator"), What: g.str("what"), PageDate: g.str("page_date")})
		f.absorb(g.err)
	}
	if f.err != nil {
		return nil, f.err
	}
	if c, ok := m["criteria"]; ok && c != nil {
		n, err := nodeFrom(c, "criteria")
		if err != nil {
			return nil, err
		}
		p.Criteria = n
	}
	return p, nil
}

// benefitFrom converts the benefit mapping; unknown keys go to Extra.
func benefitFrom(m map[string]any, parent *fields) Benefit {
	f := fields{m: m, at: "benefit"}
	b := Benefit{Type: f.str("type"), AmountText: f.str("amount_text"), Formula: f.str("formula"), Unit: f.str("unit"), Example: f.str("example"),
		Yuan: f.num("yuan"), YuanPerPerson: f.num("yuan_per_person"), MaxPerPersonYuan: f.num("max_per_person_yuan"),
		EnterpriseYuanPerPerson: f.num("enterprise_yuan_per_person"), PersonYuan: f.num("person_yuan"),
		CapYuanPerPersonMonth: f.num("cap_yuan_per_person_month"), MaxRatio: f.num("max_ratio"), MaxMonths: int(f.num("max_months")),
		MaxTimesPerYear: int(f.num("max_times_per_year")), MinYuan: f.num("min_yuan"), MaxYuan: f.num("max_yuan"),
		MaxLoanYuan: f.num("max_loan_yuan"), MaxTermYears: f.num("max_term_years")}
	if t := f.numMap("tiers_yuan"); t != nil {
		b.Tiers = t
	} else if t := f.numMap("tiers_yuan_per_year"); t != nil {
		b.Tiers, b.PerYear = t, true
	}
	known := "type amount_text formula unit example yuan yuan_per_person max_per_person_yuan enterprise_yuan_per_person person_yuan cap_yuan_per_person_month max_ratio max_months max_times_per_year min_yuan max_yuan max_loan_yuan max_term_years tiers_yuan tiers_yuan_per_year"
	for k, v := range m {
		if !strings.Contains(" "+known+" ", " "+k+" ") {
			if b.Extra == nil {
				b.Extra = map[string]any{}
			}
			b.Extra[k] = v
		}
	}
	parent.absorb(f.err)
	return b
}

// fields reads typed values from a plain mapping, keeping the first error.
type fields struct {
	m   map[string]any
	at  string
	err error
}

func (f *fields) fail(key, msg string) {
	if f.err == nil {
		f.err = &CatalogError{Path: joinPath(f.at, key), Message: msg}
	}
}

func (f *fields) absorb(err error) {
	if f.err == nil {
		f.err = err
	}
}

// str reads a string; numbers are formatted, null is "".
func (f *fields) str(key string) string {
	switch v := f.m[key].(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	f.fail(key, "应为字符串")
	return ""
}

// num reads a number; null is 0.
func (f *fields) num(key string) float64 {
	switch v := f.m[key].(type) {
	case nil:
		return 0
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			f.fail(key, "应为有限的数字")
		}
		return v
	}
	f.fail(key, "应为数字")
	return 0
}

// list reads a list; null is empty.
func (f *fields) list(key string) []any {
	switch v := f.m[key].(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	f.fail(key, "应为列表")
	return nil
}

// strs reads a list of strings.
func (f *fields) strs(key string) []string {
	var out []string
	for i, v := range f.list(key) {
		switch s := v.(type) {
		case string:
			out = append(out, s)
		case float64:
			out = append(out, strconv.FormatFloat(s, 'f', -1, 64))
		default:
			f.fail(fmt.Sprintf("%s[%d]", key, i), "应为字符串")
		}
	}
	return out
}

// mapping reads a nested mapping; null is nil.
func (f *fields) mapping(key string) map[string]any {
	switch v := f.m[key].(type) {
	case nil:
		return nil
	case map[string]any:
		return v
	}
	f.fail(key, "应为映射")
	return nil
}

// numMap reads a mapping of numbers; absent is nil.
func (f *fields) numMap(key string) map[string]float64 {
	m := f.mapping(key)
	if m == nil {
		return nil
	}
	out := make(map[string]float64, len(m))
	for k, v := range m {
		x, ok := v.(float64)
		if !ok {
			f.fail(key+"."+k, "应为数字")
			continue
		}
		out[k] = x
	}
	return out
}
