package policy

import (
	"fmt"
	"math"
	"strings"
)

// Node is one node of a criteria tree (meta.schema.criteria_dsl): exactly
// one of All, Any, Not, Exists+Where, or a leaf Field+Op(+Value). Field paths
// are relative to the current object (the subject, or the list element inside
// exists); "derived." names engine-computed fields.
type Node struct {
	All    []*Node `json:"all,omitempty" yaml:"all,omitempty"`
	Any    []*Node `json:"any,omitempty" yaml:"any,omitempty"`
	Not    *Node   `json:"not,omitempty" yaml:"not,omitempty"`
	Exists string  `json:"exists,omitempty" yaml:"exists,omitempty"`
	Where  *Node   `json:"where,omitempty" yaml:"where,omitempty"`
	Field  string  `json:"field,omitempty" yaml:"field,omitempty"`
	Op     string  `json:"op,omitempty" yaml:"op,omitempty"`
	Value  any     `json:"value,omitempty" yaml:"value,omitempty"`
}

// Kind returns "all", "any", "not", "exists" or "leaf".
func (n *Node) Kind() string {
	switch {
	case n.All != nil:
		return "all"
	case n.Any != nil:
		return "any"
	case n.Not != nil:
		return "not"
	case n.Exists != "":
		return "exists"
	}
	return "leaf"
}

// nodeFrom builds a Node from a plain YAML/JSON value at path.
func nodeFrom(v any, path string) (*Node, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &CatalogError{Path: path, Message: "条件节点应为映射"}
	}
	keys := sortedKeys(m)
	only := func(k string) bool { return len(keys) == 1 && keys[0] == k }
	switch {
	case only("all"), only("any"):
		items, ok := m[keys[0]].([]any)
		if !ok || len(items) == 0 {
			return nil, &CatalogError{Path: path + "." + keys[0], Message: keys[0] + " 应为非空的条件列表"}
		}
		kids := make([]*Node, len(items))
		for i, it := range items {
			k, err := nodeFrom(it, fmt.Sprintf("%s.%s[%d]", path, keys[0], i))
			if err != nil {
				return nil, err
			}
			kids[i] = k
		}
		if keys[0] == "all" {
			return &Node{All: kids}, nil
		}
		return &Node{Any: kids}, nil
	case only("not"):
		k, err := nodeFrom(m["not"], path+".not")
		if err != nil {
			return nil, err
		}
		return &Node{Not: k}, nil
	case len(keys) == 2 && keys[0] == "exists" && keys[1] == "where":
		list, ok := m["exists"].(string)
		if !ok || list == "" {
			return nil, &CatalogError{Path: path + ".exists", Message: "exists 应为列表字段名"}
		}
		w, err := nodeFrom(m["where"], path+".where")
		if err != nil {
			return nil, err
		}
		return &Node{Exists: list, Where: w}, nil
	case isLeafKeys(keys):
		field, ok1 := m["field"].(string)
		op, ok2 := m["op"].(string)
		if !ok1 || field == "" {
			return nil, &CatalogError{Path: path + ".field", Message: "field 应为字段路径"}
		}
		if !ok2 || op == "" {
			return nil, &CatalogError{Path: path + ".op", Message: "op 应为运算符名"}
		}
		return &Node{Field: field, Op: op, Value: m["value"]}, nil
	}
	return nil, &CatalogError{Path: path, Message: fmt.Sprintf("未知的条件节点形式（键：%s；应为 all、any、not、exists+where 或 field+op+value 之一）", strings.Join(keys, ", "))}
}

// isLeafKeys reports whether keys are field, op and optionally value.
func isLeafKeys(keys []string) bool {
	switch len(keys) {
	case 2:
		return keys[0] == "field" && keys[1] == "op"
	case 3:
		return keys[0] == "field" && keys[1] == "op" && keys[2] == "value"
	}
	return false
}

// opCode is a compiled operator.
type opCode uint8

// Operators of the criteria DSL.
const (
	opEq opCode = iota + 1
	opNe
	opIn
	opNotIn
	opGte
	opLte
	opGt
	opLt
	opIsTrue
	opIsFalse
	opContainsAny
	opDateGte
	opDateLte
	opWithinYears
	opWithinMonths
	opAtLeastMonthsAgo
	opNotEmpty
)

// opByName maps DSL operator names to codes.
func opByName(name string) (opCode, bool) {
	switch name {
	case "eq":
		return opEq, true
	case "ne":
		return opNe, true
	case "in":
		return opIn, true
	case "not_in":
		return opNotIn, true
	case "gte":
		return opGte, true
	case "lte":
		return opLte, true
	case "gt":
		return opGt, true
	case "lt":
		return opLt, true
	case "is_true":
		return opIsTrue, true
	case "is_false":
		return opIsFalse, true
	case "contains_any":
		return opContainsAny, true
	case "date_gte":
		return opDateGte, true
	case "date_lte":
		return opDateLte, true
	case "within_years":
		return opWithinYears, true
	case "within_months":
		return opWithinMonths, true
	case "at_least_months_ago":
		return opAtLeastMonthsAgo, true
	case "not_empty":
		return opNotEmpty, true
	}
	return 0, false
}

// nodeKind is a compiled node's shape.
type nodeKind uint8

const (
	nkAll nodeKind = iota + 1
	nkAny
	nkNot
	nkExists
	nkLeaf
)

// cnode is a validated criteria node with fields resolved to schema slots.
type cnode struct {
	kind nodeKind
	kids []*cnode
	list *fieldDef // exists: the object list
	// leaf
	fpath string      // as written: "derived.age", "business.reg_date"
	field *fieldDef   // plain attribute, or nil
	der   *derivedDef // derived field, or nil
	typ   ftype
	op    opCode
	opStr string
	num   float64
	str   string
	flag  bool
	strs  []string
	nums  []float64
	date  civil
	count int // within_* and at_least_months_ago
	mask  uint32
	lt    *leafText // the leaf's precompiled wording
	// any and not: the sorted distinct field paths under the node (for a
	// failure naming several alternatives), and them joined by commas
	// (fixed texts, like the other int32 texts, are numbers in the strtab)
	fieldList    []string
	fieldsJoined int32
	// exists: the failure when the list is empty, or not provided
	noneText, missingText int32
	id                    int32 // the node's number in its catalog
	pred                  pred  // the node's fast yes/no (buildPred)
}

// compileNode validates n in schema s and resolves it.
func compileNode(n *Node, s *schema, path string) (*cnode, error) {
	bad := func(p, format string, a ...any) error {
		return &CatalogError{Path: p, Message: fmt.Sprintf(format, a...)}
	}
	if n == nil {
		return nil, bad(path, "条件节点为空")
	}
	shapes := 0
	for _, set := range []bool{n.All != nil, n.Any != nil, n.Not != nil, n.Exists != "" || n.Where != nil, n.Field != "" || n.Op != ""} {
		if set {
			shapes++
		}
	}
	if shapes != 1 {
		return nil, bad(path, "未知的条件节点形式（应恰为 all、any、not、exists+where 或 field+op+value 之一）")
	}
	switch n.Kind() {
	case "all", "any":
		kids, name, kind := n.All, "all", nkAll
		if n.Any != nil {
			kids, name, kind = n.Any, "any", nkAny
		}
		if len(kids) == 0 {
			return nil, bad(path+"."+name, "%s 应为非空的条件列表", name)
		}
		c := &cnode{kind: kind}
		for i, k := range kids {
			ck, err := compileNode(k, s, fmt.Sprintf("%s.%s[%d]", path, name, i))
			if err != nil {
				return nil, err
			}
			c.kids = append(c.kids, ck)
		}
		if kind == nkAny {
			c.compileFields(s)
		}
		return c, nil
	case "not":
		k, err := compileNode(n.Not, s, path+".not")
		if err != nil {
			return nil, err
		}
		c := &cnode{kind: nkNot, kids: []*cnode{k}}
		c.compileFields(s)
		return c, nil
	case "exists":
		f, ok := s.byPath[n.Exists]
		if !ok {
			return nil, bad(path+".exists", "exists 引用了未知的列表字段 %q", n.Exists)
		}
		if f.typ != tObjList {
			return nil, bad(path+".exists", "exists 只能用于对象列表字段，%s 是%s", n.Exists, f.typ.typeName())
		}
		if n.Where == nil {
			return nil, bad(path+".where", "exists 缺少 where 条件")
		}
		w, err := compileNode(n.Where, f.elem, path+".where")
		if err != nil {
			return nil, err
		}
		need := "（要求至少有 1 " + f.noun + "符合条件）"
		return &cnode{kind: nkExists, list: f, kids: []*cnode{w},
			noneText: s.tab.id("没有" + f.label + need), missingText: s.tab.id("未提供" + f.label + "，按无处理" + need)}, nil
	}
	return compileLeaf(n, s, path)
}

// compileLeaf validates a leaf's operator, field and value.
func compileLeaf(n *Node, s *schema, path string) (*cnode, error) {
	bad := func(format string, a ...any) error {
		return &CatalogError{Path: path, Message: fmt.Sprintf(format, a...)}
	}
	op, ok := opByName(n.Op)
	if !ok {
		return nil, bad("未知运算符 %q", n.Op)
	}
	c := &cnode{kind: nkLeaf, fpath: n.Field, op: op, opStr: n.Op}
	if name, isDerived := strings.CutPrefix(n.Field, "derived."); isDerived {
		d, ok := s.derived[name]
		if !ok {
			return nil, bad("未知的派生字段 %q（%s 中可用：%s）", n.Field, s.noun, derivedNames(s))
		}
		c.der, c.typ = d, d.typ
	} else {
		f, ok := s.byPath[n.Field]
		if !ok {
			return nil, bad("未知字段 %q", n.Field)
		}
		c.field, c.typ = f, f.typ
	}
	allowed := false
	for _, t := range opTypes()[n.Op] {
		allowed = allowed || t == c.typ
	}
	if !allowed {
		return nil, bad("运算符 %s 不能用于 %s（%s）", n.Op, n.Field, c.typ.typeName())
	}
	if err := c.setValue(n.Value); err != nil {
		return nil, bad("%s %s 的 value 无效：%s", n.Field, n.Op, err.Error())
	}
	c.compileText(s)
	return c, nil
}

// derivedNames lists the derived fields of s for error messages.
func derivedNames(s *schema) string {
	var out []string
	for _, d := range s.dlist {
		out = append(out, "derived."+d.name)
	}
	if len(out) == 0 {
		return "无"
	}
	return strings.Join(out, "、")
}

// setValue checks and stores a leaf's comparison value.
func (c *cnode) setValue(v any) error {
	switch c.op {
	case opIsTrue, opIsFalse, opNotEmpty:
		return nil
	case opGte, opLte, opGt, opLt:
		x, ok := toNumber(v)
		if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("应为数字")
		}
		c.num = x
	case opWithinYears, opWithinMonths, opAtLeastMonthsAgo:
		x, ok := toNumber(v)
		if !ok || x < 0 || x != math.Trunc(x) || x > 1200 {
			return fmt.Errorf("应为非负整数")
		}
		c.count = int(x)
	case opDateGte, opDateLte:
		return c.setDate(v)
	case opEq, opNe:
		return c.setScalar(v)
	case opIn, opNotIn:
		return c.setList(v)
	case opContainsAny:
		strs, ok := toStrings(v)
		if !ok || len(strs) == 0 {
			return fmt.Errorf("应为非空的字符串列表")
		}
		c.strs = strs
		if c.typ == tMask {
			for _, want := range strs {
				bit := -1
				for i, name := range c.der.names {
					if name == want || strings.HasPrefix(name, want) {
						bit = i
						break
					}
				}
				if bit < 0 {
					return fmt.Errorf("%q 不是%s之一（%s）", want, c.der.label, strings.Join(c.der.names, "、"))
				}
				c.mask |= 1 << bit
			}
		}
	}
	return nil
}

// setDate stores a literal date value.
func (c *cnode) setDate(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("应为 YYYY-MM-DD 格式的日期")
	}
	d, err := parseCivil(s)
	if err != nil {
		return err
	}
	c.date = d
	return nil
}

// setScalar stores an eq/ne value of the field's type.
func (c *cnode) setScalar(v any) error {
	switch c.typ {
	case tBool:
		x, ok := v.(bool)
		if !ok {
			return fmt.Errorf("应为布尔值")
		}
		c.flag = x
	case tNum:
		x, ok := toNumber(v)
		if !ok {
			return fmt.Errorf("应为数字")
		}
		c.num = x
	case tStr:
		x, ok := v.(string)
		if !ok {
			return fmt.Errorf("应为字符串")
		}
		c.str = x
	case tDate:
		return c.setDate(v)
	}
	return nil
}

// setList stores an in/not_in list of the field's type.
func (c *cnode) setList(v any) error {
	items, ok := v.([]any)
	if !ok {
		if ss, isStrs := v.([]string); isStrs {
			for _, s := range ss {
				items = append(items, s)
			}
			ok = true
		}
	}
	if !ok || len(items) == 0 {
		return fmt.Errorf("应为非空列表")
	}
	for _, it := range items {
		if c.typ == tNum {
			x, ok := toNumber(it)
			if !ok {
				return fmt.Errorf("列表元素应为数字")
			}
			c.nums = append(c.nums, x)
			continue
		}
		s, ok := it.(string)
		if !ok {
			return fmt.Errorf("列表元素应为字符串")
		}
		c.strs = append(c.strs, s)
	}
	return nil
}

// extendSchemas adds to set the attributes p's criteria use that the
// built-in schemas lack, typed by how they are used.
func extendSchemas(set *schemaSet, p *Policy) error {
	s, ok := set.forKind(p.Beneficiary)
	if !ok || p.Criteria == nil {
		return nil
	}
	return extendFrom(p.Criteria, s, "criteria", p.ID)
}

// extendFrom walks n in scope s.
func extendFrom(n *Node, s *schema, path, id string) error {
	if n == nil {
		return nil
	}
	for i, k := range n.All {
		if err := extendFrom(k, s, fmt.Sprintf("%s.all[%d]", path, i), id); err != nil {
			return err
		}
	}
	for i, k := range n.Any {
		if err := extendFrom(k, s, fmt.Sprintf("%s.any[%d]", path, i), id); err != nil {
			return err
		}
	}
	if n.Not != nil {
		return extendFrom(n.Not, s, path+".not", id)
	}
	if n.Exists != "" {
		if f, ok := s.byPath[n.Exists]; ok && f.typ == tObjList {
			return extendFrom(n.Where, f.elem, path+".where", id)
		}
		return nil
	}
	if n.Field == "" || strings.HasPrefix(n.Field, "derived.") {
		return nil
	}
	t := inferType(n)
	if t == 0 {
		return nil
	}
	if f, ok := s.byPath[n.Field]; ok {
		if f.extra && f.typ != t {
			return &CatalogError{PolicyID: id, Path: path, Message: fmt.Sprintf("字段 %s 在不同条件中的类型不一致（%s 与 %s）", n.Field, f.typ.typeName(), t.typeName())}
		}
		return nil
	}
	if obj := objectPrefix(n.Field); obj != "" {
		if f, ok := s.byPath[obj]; ok && f.typ != tObj {
			return &CatalogError{PolicyID: id, Path: path, Message: fmt.Sprintf("字段 %s 不是对象，不能使用 %s", obj, n.Field)}
		} else if !ok {
			s.add(fieldSpec{path: obj, typ: tObj, label: obj, extra: true})
		}
	}
	s.add(fieldSpec{path: n.Field, typ: t, label: n.Field, extra: true})
	return nil
}

// inferType guesses the type of an unknown attribute from its operator and
// value; 0 when the operator is unknown (compilation reports it).
func inferType(n *Node) ftype {
	switch n.Op {
	case "is_true", "is_false":
		return tBool
	case "gte", "lte", "gt", "lt":
		return tNum
	case "date_gte", "date_lte", "within_years", "within_months", "at_least_months_ago":
		return tDate
	case "contains_any", "not_empty":
		return tStrList
	case "eq", "ne", "in", "not_in":
		v := n.Value
		if l, ok := v.([]any); ok && len(l) > 0 {
			v = l[0]
		}
		switch v.(type) {
		case bool:
			return tBool
		case string:
			return tStr
		}
		if _, ok := toNumber(v); ok {
			return tNum
		}
	}
	return 0
}

// walkLeaves calls fn on every leaf of c.
func (c *cnode) walkLeaves(fn func(*cnode)) {
	if c.kind == nkLeaf {
		fn(c)
		return
	}
	for _, k := range c.kids {
		k.walkLeaves(fn)
	}
}

// firstExists returns the first exists node of c in breadth-first order.
func (c *cnode) firstExists() *cnode {
	queue := []*cnode{c}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n.kind == nkExists {
			return n
		}
		queue = append(queue, n.kids...)
	}
	return nil
}

// compileFields records the sorted distinct field paths under c, for a
// failure naming several alternatives (a prefix written before each keeps
// them sorted and distinct).
func (c *cnode) compileFields(s *schema) {
	seen := map[string]bool{}
	c.walkLeaves(func(l *cnode) { seen[l.fpath] = true })
	c.fieldList = sortedKeys(seen)
	c.fieldsJoined = s.tab.id(strings.Join(c.fieldList, ","))
}

// number gives c and the nodes under it their numbers in nodes.
func (c *cnode) number(nodes []*cnode) []*cnode {
	c.id = int32(len(nodes))
	nodes = append(nodes, c)
	for _, k := range c.kids {
		nodes = k.number(nodes)
	}
	return nodes
}
