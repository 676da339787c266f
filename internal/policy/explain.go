package policy

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Result is an explained match (JSON as POST /api/v1/policies/match returns).
type Result struct {
	EvalDate   string       `json:"eval_date"`
	Eligible   []Eligible   `json:"eligible"`
	Ineligible []Ineligible `json:"ineligible"`
	// TotalYuan adds up the computable amounts, counting only the largest
	// within each exclusive group (the "red packet" headline).
	TotalYuan float64 `json:"total_yuan"`
}

// NearAndFar splits the policies the subject does not qualify for into
// those one change away (a hint says which) and the rest, the two lists
// every result page shows.
func (r *Result) NearAndFar() (near, far []Ineligible) {
	for _, in := range r.Ineligible {
		if in.Hint != "" {
			near = append(near, in)
		} else {
			far = append(far, in)
		}
	}
	return near, far
}

// Eligible is a policy the subject qualifies for, with the reasons and the
// defaulted attributes the answer rests on.
type Eligible struct {
	PolicyID       string       `json:"policy_id"`
	Name           string       `json:"name"`
	Category       string       `json:"category"`
	Benefit        BenefitValue `json:"benefit"`
	Reasons        []string     `json:"reasons"`
	Assumed        []string     `json:"assumed"`
	ExclusiveGroup string       `json:"exclusive_group,omitempty"`
}

// BenefitValue is the amount a subject could receive: AmountYuan is 0 when
// it cannot be computed from the profile (and for loans and tax credits);
// Text is the catalog's amount_text; Detail shows how AmountYuan was found.
type BenefitValue struct {
	AmountYuan float64 `json:"amount_yuan"`
	Text       string  `json:"text"`
	Detail     string  `json:"detail,omitempty"`
	Type       string  `json:"type,omitempty"`
}

// Ineligible is an active policy the subject does not qualify for: the
// failed conditions, and a hint naming the one change that would qualify it
// (empty when no single change suffices).
type Ineligible struct {
	PolicyID string    `json:"policy_id"`
	Name     string    `json:"name"`
	Failed   []Failure `json:"failed"`
	Hint     string    `json:"hint"`
}

// Failure is one unmet condition: the attribute path and a Chinese sentence.
type Failure struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Match evaluates every active policy of the subject's kind on evalDate with
// explanations. It fails with a *FieldError when the attributes are invalid,
// or (field "eval_date") when evalDate precedes every minimum-wage table and
// an active policy needs the minimum wage.
func (c *Catalog) Match(s Subject, evalDate time.Time) (*Result, error) {
	p, err := c.Prepare(s)
	if err != nil {
		return nil, err
	}
	return c.MatchPrepared(p, evalDate)
}

// MatchPrepared is Match for an already prepared subject.
func (c *Catalog) MatchPrepared(p *Prepared, evalDate time.Time) (*Result, error) {
	if p.set != c.schemas {
		rec, err := loadSubject(c.schemas, p.src)
		if err != nil {
			return nil, err
		}
		p.rec, p.set = rec, c.schemas
	}
	d := civilOf(evalDate)
	var active []*compiled
	for _, i := range c.ids(p.kind) {
		if cp := c.comp[i]; inSpan(d, cp.from, cp.to) {
			active = append(active, cp)
		}
	}
	for _, cp := range active {
		if cp.usesMinWage && (c.firstMW == 0 || d < c.firstMW) {
			first := "（目录中没有最低工资参数）"
			if c.firstMW != 0 {
				first = "（最早为 " + c.firstMW.String() + "）"
			}
			return nil, &FieldError{Field: "eval_date", Message: fmt.Sprintf("评估日期 %s 早于最低工资标准的生效日期%s，无法判断“%s”", d, first, cp.p.Name)}
		}
	}
	e := &p.ctx
	e.begin(c, d, p.rec)
	x := &explainer{e: e}
	res := &Result{EvalDate: d.String(), Eligible: []Eligible{}, Ineligible: []Ineligible{}}
	for _, cp := range active {
		o := x.node(cp.root, p.rec, "")
		pol := cp.p
		if o.ok {
			res.Eligible = append(res.Eligible, Eligible{PolicyID: pol.ID, Name: pol.Name, Category: pol.Category,
				Benefit: c.benefit(cp, e, p.rec), Reasons: nonNil(o.reasons), Assumed: nonNil(dedupe(o.assumed)), ExclusiveGroup: pol.ExclusiveGroup})
			continue
		}
		res.Ineligible = append(res.Ineligible, Ineligible{PolicyID: pol.ID, Name: pol.Name, Failed: o.fails, Hint: hint(o, cp, d)})
	}
	res.TotalYuan = total(res.Eligible)
	return res, nil
}

// total adds amounts, keeping the largest per exclusive group.
func total(el []Eligible) float64 {
	best := map[string]float64{}
	sum := 0.0
	for _, e := range el {
		if e.ExclusiveGroup == "" {
			sum += e.Benefit.AmountYuan
			continue
		}
		best[e.ExclusiveGroup] = math.Max(best[e.ExclusiveGroup], e.Benefit.AmountYuan)
	}
	for _, v := range best {
		sum += v
	}
	return math.Round(sum*100) / 100
}

// nonNil returns s, or an empty slice for nil (JSON [] instead of null).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// dedupe removes repeated strings, keeping the first.
func dedupe(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// never is the change count meaning "no single change suffices".
const never = 1 << 20

// outcome is the explained result of one node.
type outcome struct {
	ok      bool
	reasons []string  // when ok
	assumed []string  // when ok: defaults the result rests on
	windows []window  // when ok: deadlines until which it stays true
	fails   []Failure // when not ok
	need    int       // when not ok: fewest leaf changes that would satisfy it
	fx      *fix      // when need == 1: that change
}

// explainer evaluates compiled nodes with explanations.
type explainer struct{ e *ectx }

// node explains c on r; prefix is prepended to failure field paths.
func (x *explainer) node(c *cnode, r *record, prefix string) outcome {
	switch c.kind {
	case nkAll:
		return x.all(c, r, prefix)
	case nkAny:
		return x.any(c, r, prefix)
	case nkNot:
		k := x.node(c.kids[0], r, prefix)
		if !k.ok {
			return outcome{ok: true, reasons: []string{"不属于以下情形：" + joinReasons(k.fails, "，")}}
		}
		return outcome{fails: []Failure{{Field: strings.Join(c.fieldsOf(prefix), ","), Reason: "属于以下情形（要求不属于）：" + strings.Join(k.reasons, "，")}}, need: never}
	case nkExists:
		return x.exists(c, r, prefix)
	}
	return x.leaf(c, r, prefix)
}

// all explains a conjunction.
func (x *explainer) all(c *cnode, r *record, prefix string) outcome {
	outs := make([]outcome, len(c.kids))
	ok := true
	for i, k := range c.kids {
		outs[i] = x.node(k, r, prefix)
		ok = ok && outs[i].ok
	}
	var o outcome
	o.ok = ok
	var failing *outcome
	var windows []window
	for i := range outs {
		k := &outs[i]
		if k.ok {
			o.reasons = append(o.reasons, k.reasons...)
			o.assumed = append(o.assumed, k.assumed...)
			windows = append(windows, k.windows...)
			continue
		}
		for _, f := range k.fails {
			if !containsFailure(o.fails, f) {
				o.fails = append(o.fails, f)
			}
		}
		o.need = min(o.need+k.need, never)
		failing = k
	}
	if ok {
		o.windows = windows
		return o
	}
	if o.need == 1 && failing.fx != nil {
		fx := *failing.fx
		for _, w := range windows {
			fx.limit(w)
		}
		o.fx = &fx
	}
	return o
}

// containsFailure reports whether fs holds f.
func containsFailure(fs []Failure, f Failure) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

// limit tightens the deadline of an action with window w.
func (f *fix) limit(w window) {
	if f.by == 0 || w.end < f.by {
		f.by, f.byDesc = w.end, w.desc
	}
}

// any explains a disjunction: the satisfied branch with the fewest
// assumptions, or every branch's failure in one sentence.
func (x *explainer) any(c *cnode, r *record, prefix string) outcome {
	outs := make([]outcome, len(c.kids))
	best := -1
	for i, k := range c.kids {
		outs[i] = x.node(k, r, prefix)
		if outs[i].ok && (best < 0 || len(outs[i].assumed) < len(outs[best].assumed)) {
			best = i
		}
	}
	if best >= 0 {
		return outs[best]
	}
	o := outcome{need: never}
	parts := make([]string, len(outs))
	for i, k := range outs {
		parts[i] = joinReasons(k.fails, "，")
		if k.need < o.need {
			o.need = k.need
		}
		if k.need == 1 && k.fx != nil && (o.fx == nil || k.fx.sooner(o.fx)) {
			fx := *k.fx
			o.fx = &fx
		}
	}
	if o.need != 1 {
		o.fx = nil
	}
	o.fails = []Failure{{Field: strings.Join(c.fieldsOf(prefix), ","), Reason: "以下条件均不满足（满足其一即可）：" + strings.Join(dedupe(parts), "；")}}
	return o
}

// sooner reports whether f can be met before g (actions before waits).
func (f *fix) sooner(g *fix) bool {
	return f.when < g.when
}

// exists explains "some element of a list satisfies where".
func (x *explainer) exists(c *cnode, r *record, prefix string) outcome {
	els := r.elems(c.list)
	if len(els) == 0 {
		msg := "没有" + c.list.label
		if !r.present(c.list) {
			msg = "未提供" + c.list.label + "，按无处理"
		}
		return outcome{fails: []Failure{{Field: prefix + c.list.path, Reason: msg + "（要求至少有 1 " + c.list.noun + "符合条件）"}}, need: never}
	}
	outs := make([]outcome, len(els))
	best, qual := -1, 0
	for i, el := range els {
		outs[i] = x.node(c.kids[0], el, fmt.Sprintf("%s%s[%d].", prefix, c.list.path, i))
		if outs[i].ok {
			qual++
			if best < 0 || len(outs[i].assumed) < len(outs[best].assumed) {
				best = i
			}
		}
	}
	if best >= 0 {
		b := outs[best]
		name := elemName(c.list, els[best], best)
		reason := name + "：" + strings.Join(b.reasons, "；")
		if qual > 1 {
			reason = fmt.Sprintf("%s中有 %d %s符合，如%s", c.list.label, qual, c.list.noun, reason)
		}
		o := outcome{ok: true, reasons: []string{reason}, windows: b.windows}
		for _, a := range b.assumed {
			o.assumed = append(o.assumed, name+"："+a)
		}
		return o
	}
	best = 0
	for i := range outs {
		if outs[i].need < outs[best].need {
			best = i
		}
	}
	b := outs[best]
	name := elemName(c.list, els[best], best)
	o := outcome{need: b.need}
	for i, f := range b.fails {
		lead := name + "："
		if i == 0 && len(els) > 1 {
			lead = fmt.Sprintf("%s %d %s均不符合，其中%s：", c.list.label, len(els), c.list.noun, name)
		}
		o.fails = append(o.fails, Failure{Field: f.Field, Reason: lead + f.Reason})
	}
	if b.fx != nil {
		fx := *b.fx
		fx.text = name + fx.text
		o.fx = &fx
	}
	return o
}

// elemName names list element i: "新招用人员第 2 人（毕业生B）".
func elemName(list *fieldDef, el *record, i int) string {
	s := fmt.Sprintf("%s第 %d %s", list.label, i+1, list.noun)
	if f, ok := el.sch.byPath["name"]; ok {
		if n, ok := el.text(f); ok && n != "" {
			s += "（" + n + "）"
		}
	}
	return s
}

// joinReasons joins failure reasons.
func joinReasons(fs []Failure, sep string) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Reason
	}
	return strings.Join(parts, sep)
}

// hint turns a single-change outcome into a sentence with dates.
func hint(o outcome, cp *compiled, eval civil) string {
	if o.need != 1 || o.fx == nil {
		return ""
	}
	fx := *o.fx
	if cp.to != 0 {
		fx.limit(window{end: cp.to, desc: "政策有效期"})
	}
	if fx.when != 0 {
		if fx.when <= eval || (fx.by != 0 && fx.when > fx.by) {
			return ""
		}
		about := ""
		if fx.approx {
			about = "约 "
		}
		s := fmt.Sprintf("%s后（%s%s 起）即可申请", fx.text, about, fx.when)
		if fx.by != 0 && fx.byDesc != "政策有效期" {
			s += fmt.Sprintf("，须在%s内（%s 前）申请", fx.byDesc, fx.by)
		}
		return s
	}
	if fx.by != 0 {
		return fmt.Sprintf("若在%s内（%s 前）%s即可申请", fx.byDesc, fx.by, fx.text)
	}
	return "若" + fx.text + "即可申请"
}

// leaf explains one comparison.
func (x *explainer) leaf(c *cnode, r *record, prefix string) outcome {
	ok := c.test(x.e, r)
	var o outcome
	if obj := x.missingObject(c, r); !ok && obj != nil {
		return outcome{fails: []Failure{{Field: prefix + obj.path, Reason: "未提供" + obj.label}}, need: never}
	}
	var sentence string
	if c.der != nil {
		sentence = x.derivedLeaf(c, r, ok, &o)
	} else {
		sentence = x.plainLeaf(c, r, ok, &o)
	}
	o.ok = ok
	if ok {
		o.reasons = []string{sentence}
		return o
	}
	o.fails = []Failure{{Field: prefix + c.fpath, Reason: sentence}}
	o.need = never
	if o.fx != nil {
		o.need = 1
	}
	return o
}

// missingObject returns the nested object (business, veteran, returnee)
// holding c's attribute when the subject did not provide that object.
func (x *explainer) missingObject(c *cnode, r *record) *fieldDef {
	var path string
	switch {
	case c.field != nil:
		path = c.field.path
	case c.der != nil && c.der.anchor != nil:
		path = c.der.anchor.path
	}
	obj, ok := r.sch.byPath[objectPrefix(path)]
	if !ok || obj.typ != tObj || r.present(obj) {
		return nil
	}
	return obj
}

// derivedLeaf phrases a leaf on a derived field and records its fix,
// windows and assumptions in o.
func (x *explainer) derivedLeaf(c *cnode, r *record, ok bool, o *outcome) string {
	d := c.der
	t := &trace{}
	v := d.fn(x.e, r, t)
	phrase := d.say(x.e, r, v)
	switch d.typ {
	case tBool:
		if ok && v.b {
			o.assumed = t.assumed
			if d.window != nil {
				if w, has := d.window(x.e, r); has {
					o.windows = append(o.windows, w)
				}
			}
		}
		if !ok && !v.b && d.fix != nil {
			if f, has := d.fix(x.e, r); has {
				o.fx = &f
			}
		}
		return phrase
	case tMask:
		if ok && c.op == opContainsAny {
			return d.label + "包含" + strings.Join(maskNames(d.names, v.mask&c.mask), "、")
		}
		if !ok && c.op == opContainsAny {
			return phrase + "（要求属于" + strings.Join(maskNames(d.names, c.mask), "、") + "之一）"
		}
		if ok {
			o.assumed = t.assumed
		}
		return phrase
	case tNum:
		if !v.ok {
			return phrase + "（要求" + numReq(c, d.unit) + "）"
		}
		if !ok && d.anchor != nil && (c.op == opGte || c.op == opGt) {
			if a, has := r.day(d.anchor); has {
				target := int(math.Ceil(c.num))
				if c.op == opGt {
					target = int(math.Floor(c.num)) + 1
				}
				o.fx = &fix{text: fmt.Sprintf("%s %d %s", d.fixWord, target, d.unit), when: addMonths(a, d.stepMonths*target)}
			}
		}
		return phrase + "，" + numCmp(c, ok, d.unit)
	case tDate:
		if !v.ok {
			return phrase
		}
		return d.label + "为 " + v.d.String() + "，" + dateCmp(c, ok)
	}
	return phrase
}

// plainLeaf phrases a leaf on a plain attribute.
func (x *explainer) plainLeaf(c *cnode, r *record, ok bool, o *outcome) string {
	f := c.field
	switch f.typ {
	case tBool:
		return boolLeaf(c, r, ok, o)
	case tNum:
		v, has := r.number(f)
		if !has {
			return "未提供" + f.label + "（要求" + numReq(c, f.unit) + "）"
		}
		if !ok {
			o.fx = numFix(c, v, x.e.eval)
		}
		if c.op == opIn || c.op == opNotIn || c.op == opEq || c.op == opNe {
			return fmt.Sprintf("%s为 %s%s，%s", f.label, fmtVal(f, v), f.unit, numCmp(c, ok, f.unit))
		}
		return fmt.Sprintf("%s %s%s，%s", f.label, fmtVal(f, v), unitSep(f.unit), numCmp(c, ok, f.unit))
	case tStr:
		return strLeaf(c, r, ok, o)
	case tDate:
		return x.dateLeaf(c, r, ok, o)
	case tStrList:
		list := r.list(f)
		if c.op == opNotEmpty {
			if ok {
				return f.label + "：" + strings.Join(list, "、")
			}
			return missingList(r, f) + "（要求不为空）"
		}
		if ok {
			var hits []string
			for _, s := range list {
				if contains(c.strs, s) {
					hits = append(hits, s)
				}
			}
			return f.label + "包含" + strings.Join(hits, "、")
		}
		if len(list) == 0 {
			return missingList(r, f) + "（要求包含" + joinCN(c.strs) + "之一）"
		}
		return fmt.Sprintf("%s为%s，不包含%s中的任何一项", f.label, strings.Join(list, "、"), joinCN(c.strs))
	case tObjList:
		if ok {
			return fmt.Sprintf("已提供%s %d %s", f.label, len(r.elems(f)), f.noun)
		}
		return missingList(r, f)
	}
	return c.fpath
}

// missingList phrases an empty or missing list.
func missingList(r *record, f *fieldDef) string {
	if !r.present(f) {
		return "未提供" + f.label + "，按无处理"
	}
	return f.label + "为空"
}

// boolLeaf phrases is_true / is_false / eq / ne on a boolean attribute.
func boolLeaf(c *cnode, r *record, ok bool, o *outcome) string {
	f := c.field
	want := c.op == opIsTrue || (c.op == opEq && c.flag) || (c.op == opNe && !c.flag)
	v, missing := r.boolean(f), !r.present(f)
	state, wanted := f.neg, f.pos
	if v {
		state = f.pos
	}
	if !want {
		wanted = f.neg
	}
	if ok {
		if missing {
			o.assumed = []string{"未提供“" + f.label + "”，按“否”处理"}
		}
		return state
	}
	req := "要求" + wanted
	if want && f.req != "" {
		req = f.req
	}
	switch {
	case want && f.act != "":
		o.fx = &fix{text: f.act}
	case !want && f.undo != "":
		o.fx = &fix{text: f.undo}
	}
	if missing {
		return "未提供“" + f.label + "”，按“否”处理（" + req + "）"
	}
	return state + "（" + req + "）"
}

// strLeaf phrases a string comparison.
func strLeaf(c *cnode, r *record, ok bool, o *outcome) string {
	f := c.field
	v, has := r.text(f)
	want := c.str
	if c.op == opIn || c.op == opNotIn {
		want = joinCN(c.strs)
	}
	if !ok && f.act != "" && (c.op == opEq || c.op == opIn) {
		opts := c.strs
		if c.op == opEq {
			opts = []string{c.str}
		}
		o.fx = &fix{text: statusChange(f, opts)}
	}
	if !has {
		switch c.op {
		case opEq:
			return "未提供" + f.label + "（要求为" + want + "）"
		case opIn:
			return "未提供" + f.label + "（要求为" + want + "之一）"
		}
		return "未提供" + f.label
	}
	switch c.op {
	case opEq:
		if ok {
			return f.label + "为" + v
		}
		return f.label + "为" + v + "，不是" + want
	case opNe:
		if ok {
			return f.label + "为" + v + "，不是" + want
		}
		return f.label + "为" + v + "（要求不是" + want + "）"
	case opIn:
		if ok {
			return f.label + "为" + v
		}
		return f.label + "为" + v + "，不属于" + want
	}
	if ok {
		return f.label + "为" + v + "，不属于" + want
	}
	return f.label + "为" + v + "（要求不属于" + want + "）"
}

// statusChange phrases changing a string attribute to one of opts.
func statusChange(f *fieldDef, opts []string) string {
	if f.path == "employment_status" && len(opts) == 1 {
		switch opts[0] {
		case "灵活就业":
			return "实现灵活就业"
		case "公益性岗位":
			return "经公益性岗位安置就业"
		case "自主创业":
			return "自主创业"
		case "在职":
			return "实现单位就业"
		}
	}
	return f.act + "“" + strings.Join(opts, "”或“") + "”"
}

// dateLeaf phrases a comparison on a date attribute.
func (x *explainer) dateLeaf(c *cnode, r *record, ok bool, o *outcome) string {
	f := c.field
	d, has := r.day(f)
	if !has {
		return "未提供" + f.label
	}
	ev := f.event
	if ev == "" {
		ev = f.label
	}
	eval := x.e.eval
	unit, end := "年", civil(0)
	switch c.op {
	case opWithinYears:
		end = addYears(d, c.count)
	case opWithinMonths:
		unit, end = "个月", addMonths(d, c.count)
	case opAtLeastMonthsAgo:
		due := addMonths(d, c.count)
		if ok {
			return fmt.Sprintf("%s于 %s，已满 %d 个月", ev, d, c.count)
		}
		o.fx = &fix{text: fmt.Sprintf("%s满 %d 个月", ev, c.count), when: due}
		return fmt.Sprintf("%s于 %s，未满 %d 个月（%s 起满）", ev, d, c.count, due)
	default:
		return f.label + "为 " + d.String() + "，" + dateCmp(c, ok)
	}
	span := fmt.Sprintf("%s后 %d %s", ev, c.count, unit)
	switch {
	case ok:
		o.windows = append(o.windows, window{end: end, desc: span})
		return fmt.Sprintf("%s于 %s，在%s内（截至 %s）", ev, d, span, end)
	case d > eval:
		o.fx = &fix{text: ev, when: d}
		return fmt.Sprintf("%s于 %s，晚于评估日 %s", ev, d, eval)
	}
	return fmt.Sprintf("%s于 %s，已超过%s（截至 %s）", ev, d, span, end)
}

// dateCmp phrases a literal date comparison.
func dateCmp(c *cnode, ok bool) string {
	switch c.op {
	case opDateGte:
		return map[bool]string{true: "不早于 ", false: "早于 "}[ok] + c.date.String()
	case opDateLte:
		return map[bool]string{true: "不晚于 ", false: "晚于 "}[ok] + c.date.String()
	case opEq:
		return map[bool]string{true: "等于 ", false: "不是 "}[ok] + c.date.String()
	case opNe:
		return map[bool]string{true: "不是 ", false: "等于 "}[ok] + c.date.String()
	}
	return ""
}

// numCmp phrases a numeric comparison: "不超过 35 周岁", "不满 3 个月".
func numCmp(c *cnode, ok bool, unit string) string {
	t := fmtNum(c.num) + unitSep(unit)
	dur := unit == "个月" || unit == "周岁" || unit == "年"
	switch c.op {
	case opGte:
		if dur {
			return map[bool]string{true: "满 ", false: "不满 "}[ok] + t
		}
		return map[bool]string{true: "不少于 ", false: "少于 "}[ok] + t
	case opLte:
		return map[bool]string{true: "不超过 ", false: "超过 "}[ok] + t
	case opGt:
		return map[bool]string{true: "超过 ", false: "未超过 "}[ok] + t
	case opLt:
		return map[bool]string{true: "低于 ", false: "不低于 "}[ok] + t
	case opEq:
		return map[bool]string{true: "符合要求", false: "要求为 " + t}[ok]
	case opNe:
		return map[bool]string{true: "符合要求", false: "要求不为 " + t}[ok]
	}
	var parts []string
	for _, n := range c.nums {
		parts = append(parts, fmtNum(n))
	}
	if c.op == opIn {
		return map[bool]string{true: "符合要求", false: "要求为 " + strings.Join(parts, "、") + " 之一"}[ok]
	}
	return map[bool]string{true: "符合要求", false: "要求不为 " + strings.Join(parts, "、")}[ok]
}

// numReq phrases what a numeric leaf requires: "不少于 3 个月".
func numReq(c *cnode, unit string) string {
	t := fmtNum(c.num) + unitSep(unit)
	switch c.op {
	case opGte:
		if unit == "个月" || unit == "周岁" || unit == "年" {
			return "满 " + t
		}
		return "不少于 " + t
	case opLte:
		return "不超过 " + t
	case opGt:
		return "超过 " + t
	case opLt:
		return "低于 " + t
	}
	return "提供该信息"
}

// unitSep puts a space before a unit.
func unitSep(unit string) string {
	if unit == "" {
		return ""
	}
	return " " + unit
}

// fmtVal formats an attribute value (ratios as percentages).
func fmtVal(f *fieldDef, v float64) string {
	if f.path == "layoff_rate" {
		return pct(v)
	}
	return fmtNum(v)
}

// numFix is the change for a failed gte/gt on a number a subject can raise.
func numFix(c *cnode, v float64, eval civil) *fix {
	f := c.field
	if c.op != opGte && c.op != opGt {
		return nil
	}
	target := c.num
	if c.op == opGt {
		target = math.Floor(c.num) + 1
	}
	cur := fmt.Sprintf("（目前 %s %s）", fmtNum(v), f.unit)
	switch {
	case f.grow:
		months := int(math.Ceil(target - v))
		return &fix{text: fmt.Sprintf("%s满 %s %s%s", f.label, fmtNum(target), f.unit, cur), when: addMonths(eval, months), approx: true}
	case f.raise != "":
		return &fix{text: fmt.Sprintf("将%s增至 %s %s%s", f.raise, fmtNum(target), f.unit, cur)}
	}
	return nil
}

// joinCN joins values with 、.
func joinCN(s []string) string { return strings.Join(s, "、") }
