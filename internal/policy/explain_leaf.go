package policy

// The reasons of one leaf condition in plain Chinese (booleans, strings,
// dates, numbers) and the fix each would need. Every part of a sentence that
// depends only on the condition is written once, when the catalog is
// compiled (leafText); a match writes only the subject's values between them.

import (
	"math"
	"strings"
)

// leafText is the precompiled wording of one leaf condition. The fields
// of type int32 number fixed texts in the catalog's strtab: whole sentences
// the explainer refers to without copying.
type leafText struct {
	obj  *fieldDef // the nested object (business, veteran, returnee) holding the field, or nil
	head string    // written before the subject's value: "户籍地为", "年龄 ", "毕业于 "
	// tail is written after the value: [0] when the condition fails, [1]
	// when it holds.
	tail [2]string
	// missing is the whole failing sentence when the value is not provided;
	// empty the one for a provided but empty list.
	missing, empty int32
	// pos and neg are a boolean's failing sentences when it is true or false.
	pos, neg int32
	over     string // within_*: the failing tail when the window has passed; contains_any: after the list
	none     string // derived numbers: after the phrase when the value is unknown
	fix      int32  // the action or wait a hint names (numbers: its start, before the current value)
	fixTail  string // numbers: after the current value in the fix
	span     int32  // within_*: "毕业后 2 年"
	fpath    int32  // the field path as written
	pct      bool   // the value is a ratio shown as a percentage
}

// compileText precompiles the wording of leaf c (a leaf of schema s).
func (c *cnode) compileText(s *schema) {
	t := s.tab
	lt := &leafText{fpath: t.id(c.fpath)}
	c.lt = lt
	path := ""
	switch {
	case c.field != nil:
		path = c.field.path
	case c.der != nil && c.der.anchor != nil:
		path = c.der.anchor.path
	}
	if obj, ok := s.byPath[objectPrefix(path)]; ok && obj.typ == tObj {
		lt.obj = obj
	}
	if d := c.der; d != nil {
		switch d.typ {
		case tMask:
			lt.head = d.label + "包含"
			lt.tail[0] = "（要求属于" + strings.Join(maskNames(d.names, c.mask), "、") + "之一）"
		case tNum:
			lt.none = "（要求" + numReq(c, d.unit) + "）"
			lt.tail = [2]string{"，" + numCmp(c, false, d.unit), "，" + numCmp(c, true, d.unit)}
			if d.anchor != nil && (c.op == opGte || c.op == opGt) {
				lt.fix = t.id(d.fixWord + " " + fmtNum(float64(derivedTarget(c))) + " " + d.unit)
			}
		case tDate:
			lt.head = d.label + "为 "
			lt.tail = [2]string{"，" + dateCmp(c, false), "，" + dateCmp(c, true)}
		}
		return
	}
	f := c.field
	switch f.typ {
	case tBool:
		want := c.op == opIsTrue || (c.op == opEq && c.flag) || (c.op == opNe && !c.flag)
		wanted := f.pos
		if !want {
			wanted = f.neg
		}
		req := "要求" + wanted
		if want && f.req != "" {
			req = f.req
		}
		lt.missing = t.id("未提供“" + f.label + "”，按“否”处理（" + req + "）")
		lt.pos, lt.neg = t.id(f.pos+"（"+req+"）"), t.id(f.neg+"（"+req+"）")
		switch {
		case want && f.act != "":
			lt.fix = t.id(f.act)
		case !want && f.undo != "":
			lt.fix = t.id(f.undo)
		}
	case tNum:
		lt.missing = t.id("未提供" + f.label + "（要求" + numReq(c, f.unit) + "）")
		lt.pct = f.path == "layoff_rate"
		if c.op == opIn || c.op == opNotIn || c.op == opEq || c.op == opNe {
			lt.head = f.label + "为 "
			lt.tail = [2]string{f.unit + "，" + numCmp(c, false, f.unit), f.unit + "，" + numCmp(c, true, f.unit)}
		} else {
			lt.head = f.label + " "
			lt.tail = [2]string{unitSep(f.unit) + "，" + numCmp(c, false, f.unit), unitSep(f.unit) + "，" + numCmp(c, true, f.unit)}
		}
		if c.op == opGte || c.op == opGt {
			target := fmtNum(numTarget(c))
			switch {
			case f.grow:
				lt.fix = t.id(f.label + "满 " + target + " " + f.unit + "（目前 ")
			case f.raise != "":
				lt.fix = t.id("将" + f.raise + "增至 " + target + " " + f.unit + "（目前 ")
			}
			lt.fixTail = " " + f.unit + "）"
		}
	case tStr:
		want := c.str
		if c.op == opIn || c.op == opNotIn {
			want = joinCN(c.strs)
		}
		switch c.op {
		case opEq:
			lt.missing = t.id("未提供" + f.label + "（要求为" + want + "）")
			lt.tail = [2]string{"，不是" + want, ""}
		case opIn:
			lt.missing = t.id("未提供" + f.label + "（要求为" + want + "之一）")
			lt.tail = [2]string{"，不属于" + want, ""}
		case opNe:
			lt.missing = t.id("未提供" + f.label)
			lt.tail = [2]string{"（要求不是" + want + "）", "，不是" + want}
		default:
			lt.missing = t.id("未提供" + f.label)
			lt.tail = [2]string{"（要求不属于" + want + "）", "，不属于" + want}
		}
		lt.head = f.label + "为"
		if f.act != "" && (c.op == opEq || c.op == opIn) {
			opts := c.strs
			if c.op == opEq {
				opts = []string{c.str}
			}
			lt.fix = t.id(statusChange(f, opts))
		}
	case tDate:
		lt.missing = t.id("未提供" + f.label)
		ev := f.event
		if ev == "" {
			ev = f.label
		}
		switch c.op {
		case opWithinYears, opWithinMonths:
			unit := "年"
			if c.op == opWithinMonths {
				unit = "个月"
			}
			span := ev + "后 " + itoa(c.count) + " " + unit
			lt.span = t.id(span)
			lt.head = ev + "于 "
			lt.tail = [2]string{"，晚于评估日 ", "，在" + span + "内（截至 "}
			lt.over = "，已超过" + span + "（截至 "
			lt.fix = t.id(ev)
		case opAtLeastMonthsAgo:
			lt.head = ev + "于 "
			lt.tail = [2]string{"，未满 " + itoa(c.count) + " 个月（", "，已满 " + itoa(c.count) + " 个月"}
			lt.fix = t.id(ev + "满 " + itoa(c.count) + " 个月")
		default:
			lt.head = f.label + "为 "
			lt.tail = [2]string{"，" + dateCmp(c, false), "，" + dateCmp(c, true)}
		}
	case tStrList:
		lt.missing, lt.empty = t.id("未提供"+f.label+"，按无处理"), t.id(f.label+"为空")
		if c.op == opNotEmpty {
			lt.head = f.label + "："
			lt.tail[0] = "（要求不为空）"
		} else {
			lt.head = f.label + "包含"
			lt.tail[0] = "（要求包含" + joinCN(c.strs) + "之一）"
			lt.over = "，不包含" + joinCN(c.strs) + "中的任何一项"
		}
	case tObjList:
		lt.missing, lt.empty = t.id("未提供"+f.label+"，按无处理"), t.id(f.label+"为空")
		lt.head = "已提供" + f.label + " "
		lt.tail[1] = " " + f.noun
	}
}

// itoa formats an integer.
func itoa(n int) string { return fmtNum(float64(n)) }

// numTarget is the value a failed gte/gt on a number must reach.
func numTarget(c *cnode) float64 {
	if c.op == opGt {
		return math.Floor(c.num) + 1
	}
	return c.num
}

// derivedTarget is the whole value a failed gte/gt on a derived number
// (age, months in business) must reach.
func derivedTarget(c *cnode) int {
	if c.op == opGt {
		return int(math.Floor(c.num)) + 1
	}
	return int(math.Ceil(c.num))
}

// leaf explains one comparison on r (record rid) into slot: its reason is
// kept as an item and written only if the result shows it; a failure is
// written at once.
func (x *explainer) leaf(c *cnode, r *record, rid int32, pre tref, slot int32) {
	ok := c.test(x.e, r)
	lt := c.lt
	if !ok && lt.obj != nil && !r.present(lt.obj) {
		fails := x.fail(x.field(pre, lt.obj.pathID), fixed(lt.obj.missingID))
		o := &x.outs.s[slot]
		*o = outcome{}
		o.list, o.need = fails, never
		return
	}
	o := &x.outs.s[slot] // stays put: nothing below reserves outcome slots
	*o = outcome{}
	o.ok = ok
	if c.der != nil {
		x.derivedFacts(c, r, rid, ok, o)
	} else {
		x.plainFacts(c, r, rid, ok, o)
	}
	if ok {
		o.list = x.list(x.item(item{kind: iLeaf, c: c.id, r: rid}))
		return
	}
	field := x.field(pre, lt.fpath)
	o.list = x.fail(field, x.say(c, r, false))
	o.need = never
	if o.fx != 0 {
		o.need = 1
	}
}

// derivedFacts records the assumptions, windows and fix of a leaf on a
// derived field.
func (x *explainer) derivedFacts(c *cnode, r *record, rid int32, ok bool, o *outcome) {
	d := c.der
	e := x.e
	v := e.get(r, d)
	switch d.typ {
	case tBool:
		if ok && v.b {
			o.assumed = x.traced(d, r)
			if d.window != nil {
				if end, has := d.window(e, r); has {
					o.windows = x.window(window{end: end, desc: d.windowID})
				}
			}
		}
		if !ok && !v.b && d.fix != nil && d.fix(e, r) {
			o.fx = x.addFix(fix{text: x.item(item{kind: iDerivedFix, c: c.id, r: rid})})
		}
	case tMask:
		if ok && c.op != opContainsAny {
			o.assumed = x.traced(d, r)
		}
	case tNum:
		if v.ok && !ok && c.lt.fix != 0 {
			if a, has := r.day(d.anchor); has {
				o.fx = x.addFix(fix{text: x.static(c.lt.fix), when: addMonths(a, d.stepMonths*derivedTarget(c))})
			}
		}
	}
}

// traced returns the assumptions derived field d of r rests on, as items.
func (x *explainer) traced(d *derivedDef, r *record) span {
	if !d.assumes {
		return span{}
	}
	t := &x.tr
	t.n, t.more = 0, t.more[:0]
	d.fn(x.e, r, t)
	lo := x.ids.n
	for _, f := range t.list() {
		x.ids.push(x.static(f.assumedID))
	}
	return span{lo, x.ids.n}
}

// plainFacts records the assumptions, windows and fix of a leaf on a plain
// attribute.
func (x *explainer) plainFacts(c *cnode, r *record, rid int32, ok bool, o *outcome) {
	f, lt := c.field, c.lt
	switch f.typ {
	case tBool:
		if ok && !r.present(f) {
			o.assumed = x.list(x.static(f.assumedID))
		}
		if !ok && lt.fix != 0 {
			o.fx = x.addFix(fix{text: x.static(lt.fix)})
		}
	case tNum:
		if v, has := r.number(f); has && !ok && lt.fix != 0 {
			fx := fix{text: x.item(item{kind: iNumFix, c: c.id, r: rid})}
			if f.grow {
				fx.when, fx.approx = addMonths(x.e.eval, int(math.Ceil(numTarget(c)-v))), true
			}
			o.fx = x.addFix(fx)
		}
	case tStr:
		if !ok && lt.fix != 0 {
			o.fx = x.addFix(fix{text: x.static(lt.fix)})
		}
	case tDate:
		d, has := r.day(f)
		if !has {
			return
		}
		switch c.op {
		case opWithinYears, opWithinMonths:
			switch {
			case ok:
				o.windows = x.window(window{end: withinEnd(c, d), desc: lt.span})
			case d > x.e.eval:
				o.fx = x.addFix(fix{text: x.static(lt.fix), when: d})
			}
		case opAtLeastMonthsAgo:
			if !ok {
				o.fx = x.addFix(fix{text: x.static(lt.fix), when: addMonths(d, c.count)})
			}
		}
	}
}

// withinEnd is the last day of a within_years / within_months window from d.
func withinEnd(c *cnode, d civil) civil {
	if c.op == opWithinMonths {
		return addMonths(d, c.count)
	}
	return addYears(d, c.count)
}

// say returns the sentence of leaf c on r, met or not: a fixed text when
// the wording has no value in it, else written at the end of the buffer.
func (x *explainer) say(c *cnode, r *record, ok bool) tref {
	if c.der != nil {
		return x.sayDerived(c, r, ok)
	}
	f, lt := c.field, c.lt
	w := &x.w
	lo := w.end
	k := b2i(ok)
	switch f.typ {
	case tBool:
		v := r.boolean(f)
		switch {
		case ok && v:
			return fixed(f.posID)
		case ok:
			return fixed(f.negID)
		case !r.present(f):
			return fixed(lt.missing)
		case v:
			return fixed(lt.pos)
		}
		return fixed(lt.neg)
	case tNum:
		v, has := r.number(f)
		if !has {
			return fixed(lt.missing)
		}
		w.s(lt.head)
		if lt.pct {
			w.pct(v)
		} else {
			w.n(v)
		}
		w.s(lt.tail[k])
	case tStr:
		v, has := r.text(f)
		if !has {
			return fixed(lt.missing)
		}
		w.s(lt.head).s(v).s(lt.tail[k])
	case tDate:
		d, has := r.day(f)
		if !has {
			return fixed(lt.missing)
		}
		w.s(lt.head).d(d)
		switch c.op {
		case opWithinYears, opWithinMonths:
			switch {
			case ok:
				w.s(lt.tail[1]).d(withinEnd(c, d)).s("）")
			case d > x.e.eval:
				w.s(lt.tail[0]).d(x.e.eval)
			default:
				w.s(lt.over).d(withinEnd(c, d)).s("）")
			}
		case opAtLeastMonthsAgo:
			w.s(lt.tail[k])
			if !ok {
				w.d(addMonths(d, c.count)).s(" 起满）")
			}
		default:
			w.s(lt.tail[k])
		}
	case tStrList:
		list := r.list(f)
		switch {
		case ok && c.op == opNotEmpty:
			w.s(lt.head).join(list, "、")
		case ok:
			w.s(lt.head)
			n := 0
			for _, s := range list {
				if contains(c.strs, s) {
					if n > 0 {
						w.s("、")
					}
					w.s(s)
					n++
				}
			}
		case c.op == opNotEmpty || len(list) == 0:
			if !r.present(f) {
				w.s(x.tab[lt.missing])
			} else {
				w.s(x.tab[lt.empty])
			}
			w.s(lt.tail[0])
		default:
			w.s(f.label).s("为").join(list, "、").s(lt.over)
		}
	case tObjList:
		switch {
		case ok:
			w.s(lt.head).i(len(r.elems(f))).s(lt.tail[1])
		case !r.present(f):
			return fixed(lt.missing)
		default:
			return fixed(lt.empty)
		}
	default:
		return fixed(lt.fpath)
	}
	return tref{lo: int32(lo), hi: int32(w.end)}
}

// sayDerived is say for a leaf on a derived field.
func (x *explainer) sayDerived(c *cnode, r *record, ok bool) tref {
	d, lt := c.der, c.lt
	w := &x.w
	lo := w.end
	v := x.e.get(r, d)
	switch {
	case d.typ == tMask && c.op == opContainsAny && ok:
		w.s(lt.head).mask(d.names, v.mask&c.mask)
	case d.typ == tMask && c.op == opContainsAny:
		d.say(w, x.e, r, v)
		w.s(lt.tail[0])
	case d.typ == tNum && !v.ok:
		d.say(w, x.e, r, v)
		w.s(lt.none)
	case d.typ == tNum:
		d.say(w, x.e, r, v)
		w.s(lt.tail[b2i(ok)])
	case d.typ == tDate && v.ok:
		w.s(lt.head).d(v.d).s(lt.tail[b2i(ok)])
	default:
		d.say(w, x.e, r, v)
	}
	return tref{lo: int32(lo), hi: int32(w.end)}
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
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

// dateCmp phrases a literal date comparison.
func dateCmp(c *cnode, ok bool) string {
	switch c.op {
	case opDateGte:
		return pick(ok, "不早于 ", "早于 ") + c.date.String()
	case opDateLte:
		return pick(ok, "不晚于 ", "晚于 ") + c.date.String()
	case opEq:
		return pick(ok, "等于 ", "不是 ") + c.date.String()
	case opNe:
		return pick(ok, "不是 ", "等于 ") + c.date.String()
	}
	return ""
}

// pick returns a when ok, else b.
func pick(ok bool, a, b string) string {
	if ok {
		return a
	}
	return b
}

// numCmp phrases a numeric comparison: "不超过 35 周岁", "不满 3 个月".
func numCmp(c *cnode, ok bool, unit string) string {
	t := fmtNum(c.num) + unitSep(unit)
	dur := unit == "个月" || unit == "周岁" || unit == "年"
	switch c.op {
	case opGte:
		if dur {
			return pick(ok, "满 ", "不满 ") + t
		}
		return pick(ok, "不少于 ", "少于 ") + t
	case opLte:
		return pick(ok, "不超过 ", "超过 ") + t
	case opGt:
		return pick(ok, "超过 ", "未超过 ") + t
	case opLt:
		return pick(ok, "低于 ", "不低于 ") + t
	case opEq:
		return pick(ok, "符合要求", "要求为 "+t)
	case opNe:
		return pick(ok, "符合要求", "要求不为 "+t)
	}
	var parts []string
	for _, n := range c.nums {
		parts = append(parts, fmtNum(n))
	}
	if c.op == opIn {
		return pick(ok, "符合要求", "要求为 "+strings.Join(parts, "、")+" 之一")
	}
	return pick(ok, "符合要求", "要求不为 "+strings.Join(parts, "、"))
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

// joinCN joins values with 、.
func joinCN(s []string) string { return strings.Join(s, "、") }
