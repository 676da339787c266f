package policy

// How the explainer walks a criteria tree (all, any, exists) and the hints
// that say what one change would make a policy apply.

import (
	"fmt"
	"strings"
)

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
