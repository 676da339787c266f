package policy

// The reasons of one leaf condition in plain Chinese (booleans, strings,
// dates, numbers) and the fix each would need.

import (
	"fmt"
	"math"
	"strings"
)

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
