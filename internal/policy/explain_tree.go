package policy

// How the explainer walks a criteria tree (all, any, exists) and the hints
// that say what one change would make a policy apply.
//
// The walk decides every node and records what the explanation would say
// without writing most of it: a reason, an assumption or a hint is an item
// (the leaf and record it is about), written only if it reaches the result.
// Failures are written as they arise, since nearly all of them do, and
// because `all` drops a failure another branch already stated word for
// word. Lists of items, failures and windows live in the explainer's
// arenas, named by spans; nothing is allocated per node.

import (
	"bytes"
	"sync"
)

// never is the change count meaning "no single change suffices".
const never = 1 << 20

// span is the range [lo, hi) of one of the explainer's arenas.
type span struct{ lo, hi int32 }

// n is the length of s.
func (s span) n() int { return int(s.hi - s.lo) }

// arena is an append-only list whose length is kept apart from the slice,
// so that adding to it (its elements holding no pointers) stores no
// pointer: the collector's write barriers stay out of the explainer.
type arena[T any] struct {
	s []T
	n int32
}

// push appends v and returns its index.
func (a *arena[T]) push(v T) int32 {
	if int(a.n) == len(a.s) {
		a.s = append(a.s[:a.n], v)
		a.s = a.s[:cap(a.s)]
	} else {
		a.s[a.n] = v
	}
	a.n++
	return a.n - 1
}

// again appends the elements in s and returns the span of the copies.
func (a *arena[T]) again(s span) span {
	lo := a.n
	for i := s.lo; i < s.hi; i++ {
		a.push(a.s[i])
	}
	return span{lo, a.n}
}

// in returns the elements in s.
func (a *arena[T]) in(s span) []T { return a.s[s.lo:s.hi] }

// failure is one unmet condition, written: its field path and sentence.
type failure struct{ field, reason tref }

// outcome is the explained result of one node.
type outcome struct {
	ok      bool
	need    int32 // when not ok: fewest leaf changes that would satisfy it
	fx      int32 // when need == 1: that change, in fixes (0 = none)
	list    span  // when ok, the reasons (items in ids); when not, the failures (in fails)
	assumed span  // when ok: items in ids, the defaults the result rests on
	windows span  // when ok: in wins, deadlines until which it stays true
}

// ikind is the kind of a deferred text.
type ikind uint8

const (
	iStatic     ikind = iota // fixed text s
	iLeaf                    // the sentence of met leaf c on record r
	iNotOK                   // "不属于以下情形：" and the failures in list
	iExistsOK                // element idx (record r) of exists node c meets it: the reasons in list; n elements qualify
	iElem                    // element idx's name, "：" and item child (an assumption)
	iElemFix                 // element idx's name and item child (a hint's action)
	iNumFix                  // raising the number of leaf c on r
	iDerivedFix              // the action derived leaf c on r names
)

// item is a text the result may show, kept unwritten until it does. Nodes
// (c) are numbered in the catalog, records (r) in the explainer, fixed
// texts (s) in the strtab.
type item struct {
	kind  ikind
	c     int32
	r     int32
	s     int32
	list  span
	idx   int32
	n     int32
	child int32
}

// explainer is the scratch space of one explained match: the arenas of the
// walk and the buffer every text is written into. Explainers are pooled;
// nothing in the arenas points anywhere.
type explainer struct {
	e     *ectx
	tab   []string // the catalog's fixed texts
	nodes []*cnode // the catalog's nodes
	recs  []*record
	w     text
	shown text // the texts the result shows, gathered from w
	items arena[item]
	ids   arena[int32]
	fails arena[failure]
	wins  arena[window]
	fixes arena[fix]
	outs  arena[outcome] // the outcomes of the children being combined, as a stack
	parts arena[tref]    // any: the failures of each branch, as a stack
	// the policies matched (indices into the catalog's) and their outcomes,
	// and what the result shows of them
	active   arena[int32]
	verdicts arena[outcome]
	refs     arena[tref]
	written  arena[written]
	qual     []*record
	amounts  []float64
	tr       trace       // a derived field's assumptions, being traced
	env      fenv        // a benefit formula's names, being evaluated
	notes    arena[tref] // what the formula read, for the benefit's detail
}

var explainers = sync.Pool{New: func() any { return new(explainer) }}

// getExplainer returns an empty explainer for evaluation e of c on rec.
func getExplainer(c *Catalog, e *ectx, rec *record) *explainer {
	x := explainers.Get().(*explainer)
	x.e, x.tab, x.nodes = e, c.schemas.tab.list, c.nodes
	x.recs = append(x.recs[:0], rec)
	x.w.end = 0
	x.items.n, x.ids.n, x.fails.n, x.wins.n, x.fixes.n, x.outs.n, x.parts.n = 0, 0, 0, 0, 0, 0, 0
	x.active.n, x.verdicts.n, x.refs.n, x.written.n = 0, 0, 0, 0
	x.fixes.push(fix{}) // fix 0 is "none"
	return x
}

// put returns x to the pool (unless it grew unusually large), dropping its
// references to records and catalogs.
func (x *explainer) put() {
	x.e, x.tab, x.nodes = nil, nil, nil
	clear(x.recs)
	clear(x.qual)
	x.tr, x.env = trace{}, fenv{}
	if len(x.w.b) > 1<<20 || len(x.shown.b) > 1<<20 || len(x.items.s) > 1<<16 {
		return
	}
	explainers.Put(x)
}

// growOuts makes room for n more outcomes.
func (x *explainer) growOuts(n int) {
	a := &x.outs
	a.s = append(a.s[:a.n], make([]outcome, n)...)
	a.s = a.s[:cap(a.s)]
}

// item adds a deferred text and returns its id.
func (x *explainer) item(it item) int32 { return x.items.push(it) }

// static adds fixed text id as an item.
func (x *explainer) static(id int32) int32 { return x.items.push(item{kind: iStatic, s: id}) }

// list makes a one-item list.
func (x *explainer) list(id int32) span {
	i := x.ids.push(id)
	return span{i, i + 1}
}

// fail makes a one-failure list.
func (x *explainer) fail(field, reason tref) span {
	i := x.fails.push(failure{field, reason})
	return span{i, i + 1}
}

// window makes a one-window list.
func (x *explainer) window(w window) span {
	i := x.wins.push(w)
	return span{i, i + 1}
}

// addFix stores a fix and returns its id.
func (x *explainer) addFix(f fix) int32 { return x.fixes.push(f) }

// eq reports whether two texts are the same.
func (x *explainer) eq(a, b tref) bool {
	switch {
	case a == b:
		return true
	case a.lo < 0 && b.lo < 0:
		return false // fixed texts are numbered once each: a != b
	case a.lo < 0:
		return x.tab[-1-a.lo] == string(x.w.b[b.lo:b.hi])
	case b.lo < 0:
		return string(x.w.b[a.lo:a.hi]) == x.tab[-1-b.lo]
	}
	return bytes.Equal(x.w.b[a.lo:a.hi], x.w.b[b.lo:b.hi])
}

// copyRef writes t at the end of the buffer.
func (x *explainer) copyRef(t tref) {
	if t.lo < 0 {
		x.w.s(x.tab[-1-t.lo])
		return
	}
	x.w.again(t.lo, t.hi)
}

// since returns the text written since lo.
func (x *explainer) since(lo int) tref { return tref{lo: int32(lo), hi: int32(x.w.end)} }

// field is the path of a failure: pre (the list element it is in, or
// empty) and fixed text path.
func (x *explainer) field(pre tref, path int32) tref {
	if pre == (tref{}) {
		return fixed(path)
	}
	lo := x.w.end
	x.copyRef(pre)
	x.w.s(x.tab[path])
	return x.since(lo)
}

// fieldsOf is the field of a failure naming several alternatives: the
// sorted distinct paths under c, each after pre, joined by commas.
func (x *explainer) fieldsOf(c *cnode, pre tref) tref {
	if pre == (tref{}) {
		return fixed(c.fieldsJoined)
	}
	lo := x.w.end
	for i, p := range c.fieldList {
		if i > 0 {
			x.w.s(",")
		}
		x.copyRef(pre)
		x.w.s(p)
	}
	return x.since(lo)
}

// node explains c on r (record rid) into slot of the outcome stack; pre is
// the element prefix of failure field paths.
//
// Outcomes are not returned but written into slots the parent reserved on
// the explainer's outcome stack, where the parent reads them: a struct this
// size is otherwise copied through memory at every level of the tree.
func (x *explainer) node(c *cnode, r *record, rid int32, pre tref, slot int32) {
	switch c.kind {
	case nkAll:
		x.all(c, r, rid, pre, slot)
	case nkAny:
		x.any(c, r, rid, pre, slot)
	case nkNot:
		x.not(c, r, rid, pre, slot)
	case nkExists:
		x.exists(c, r, pre, slot)
	default:
		x.leaf(c, r, rid, pre, slot)
	}
}

// reserve takes n slots on the outcome stack and returns the first.
func (x *explainer) reserve(n int) int32 {
	if int(x.outs.n)+n > len(x.outs.s) {
		x.growOuts(n)
	}
	x.outs.n += int32(n)
	return x.outs.n - int32(n)
}

// not explains a negation.
func (x *explainer) not(c *cnode, r *record, rid int32, pre tref, slot int32) {
	kid := x.reserve(1)
	x.node(c.kids[0], r, rid, pre, kid)
	x.outs.n = kid
	k := &x.outs.s[kid]
	if !k.ok {
		list := x.list(x.item(item{kind: iNotOK, list: k.list}))
		o := &x.outs.s[slot]
		*o = outcome{}
		o.ok, o.list = true, list
		return
	}
	lo := x.w.end
	x.w.s("属于以下情形（要求不属于）：")
	for i := k.list.lo; i < k.list.hi; i++ {
		if i > k.list.lo {
			x.w.s("，")
		}
		x.write(x.ids.s[i])
	}
	reason := x.since(lo)
	fails := x.fail(x.fieldsOf(c, pre), reason)
	o := &x.outs.s[slot]
	*o = outcome{}
	o.list, o.need = fails, never
}

// all explains a conjunction. When it fails, the children that hold are
// not explained (their reasons would not be shown), unless the single
// change the failure needs must be dated by their windows.
func (x *explainer) all(c *cnode, r *record, rid int32, pre tref, slot int32) {
	n := len(c.kids)
	base := x.reserve(n)
	ok := true
	for i, kid := range c.kids {
		k := kid.pred(x.e, r)
		x.outs.s[base+int32(i)] = outcome{ok: k}
		ok = ok && k
	}
	for i, kid := range c.kids {
		if ok || !x.outs.s[base+int32(i)].ok {
			x.node(kid, r, rid, pre, base+int32(i))
		}
	}
	outs := x.outs.s[base : base+int32(n)]
	if ok {
		x.outs.n = base // the outcomes stay readable until the next reserve
		lo := x.ids.n
		for i := range outs {
			x.ids.again(outs[i].list)
		}
		reasons := span{lo, x.ids.n}
		lo = x.ids.n
		for i := range outs {
			x.ids.again(outs[i].assumed)
		}
		assumed := span{lo, x.ids.n}
		lo = x.wins.n
		for i := range outs {
			x.wins.again(outs[i].windows)
		}
		o := &x.outs.s[slot]
		*o = outcome{}
		o.ok, o.list, o.assumed, o.windows = true, reasons, assumed, span{lo, x.wins.n}
		return
	}
	lo := x.fails.n
	failing := -1
	need := int32(0)
	for i := range outs {
		k := &outs[i]
		if k.ok {
			continue
		}
		for j := k.list.lo; j < k.list.hi; j++ {
			f := x.fails.s[j]
			if !x.hasFailure(span{lo, x.fails.n}, f) {
				x.fails.push(f)
			}
		}
		need = min(need+k.need, never)
		failing = i
	}
	fails := span{lo, x.fails.n}
	fx := int32(0)
	if need == 1 && outs[failing].fx != 0 {
		f := x.fixes.s[outs[failing].fx]
		for i, kid := range c.kids {
			if x.outs.s[base+int32(i)].ok {
				x.node(kid, r, rid, pre, base+int32(i)) // for its windows
				for _, w := range x.wins.in(x.outs.s[base+int32(i)].windows) {
					f.limit(w)
				}
			}
		}
		fx = x.addFix(f)
	}
	x.outs.n = base
	o := &x.outs.s[slot]
	*o = outcome{}
	o.list, o.need, o.fx = fails, need, fx
}

// hasFailure reports whether the failures in s include one worded as f.
func (x *explainer) hasFailure(s span, f failure) bool {
	for _, g := range x.fails.in(s) {
		if x.eq(g.field, f.field) && x.eq(g.reason, f.reason) {
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
// assumptions (the failing branches are then not explained), or every
// branch's failure in one sentence.
func (x *explainer) any(c *cnode, r *record, rid int32, pre tref, slot int32) {
	n := len(c.kids)
	base := x.reserve(n)
	some := false
	for i, kid := range c.kids {
		k := kid.pred(x.e, r)
		x.outs.s[base+int32(i)] = outcome{ok: k}
		some = some || k
	}
	best := -1
	for i, kid := range c.kids {
		if some && !x.outs.s[base+int32(i)].ok {
			continue
		}
		x.node(kid, r, rid, pre, base+int32(i))
		k := &x.outs.s[base+int32(i)]
		if k.ok && (best < 0 || k.assumed.n() < x.outs.s[base+int32(best)].assumed.n()) {
			best = i
		}
	}
	outs := x.outs.s[base : base+int32(n)]
	x.outs.n = base
	if best >= 0 {
		b, o := &outs[best], &x.outs.s[slot]
		o.ok, o.need, o.fx = b.ok, b.need, b.fx
		o.list, o.assumed, o.windows = b.list, b.assumed, b.windows
		return
	}
	need, fx := int32(never), int32(0)
	pbase := x.parts.n
	for i := range outs {
		k := &outs[i]
		x.parts.push(x.joinFails(k.list, "，"))
		if k.need < need {
			need = k.need
		}
		if k.need == 1 && k.fx != 0 && (fx == 0 || x.fixes.s[k.fx].when < x.fixes.s[fx].when) {
			fx = k.fx
		}
	}
	if need != 1 {
		fx = 0
	}
	lo := x.w.end
	x.w.s("以下条件均不满足（满足其一即可）：")
	parts := x.parts.s[pbase:x.parts.n]
	x.parts.n = pbase
	written := 0
	for i, p := range parts {
		dup := false
		for _, q := range parts[:i] {
			if x.eq(p, q) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if written > 0 {
			x.w.s("；")
		}
		x.copyRef(p)
		written++
	}
	reason := x.since(lo)
	fails := x.fail(x.fieldsOf(c, pre), reason)
	o := &x.outs.s[slot]
	*o = outcome{}
	o.list, o.need, o.fx = fails, need, fx
}

// joinFails writes the sentences of the failures in s joined by sep.
func (x *explainer) joinFails(s span, sep string) tref {
	if s.n() == 1 {
		return x.fails.s[s.lo].reason
	}
	lo := x.w.end
	for i := s.lo; i < s.hi; i++ {
		if i > s.lo {
			x.w.s(sep)
		}
		x.copyRef(x.fails.s[i].reason)
	}
	return x.since(lo)
}

// exists explains "some element of a list satisfies where".
func (x *explainer) exists(c *cnode, r *record, pre tref, slot int32) {
	list := c.list
	els := r.elems(list)
	if len(els) == 0 {
		msg := c.noneText
		if !r.present(list) {
			msg = c.missingText
		}
		fails := x.fail(x.field(pre, list.pathID), fixed(msg))
		o := &x.outs.s[slot]
		*o = outcome{}
		o.list, o.need = fails, never
		return
	}
	base := x.reserve(len(els))
	first := int32(len(x.recs))
	x.recs = append(x.recs, els...)
	some := false
	for i, el := range els {
		k := c.kids[0].pred(x.e, el)
		x.outs.s[base+int32(i)] = outcome{ok: k}
		some = some || k
	}
	best, qual := -1, 0
	for i, el := range els {
		if some && !x.outs.s[base+int32(i)].ok {
			continue // an element that fails says nothing when another qualifies
		}
		lo := x.w.end
		x.copyRef(pre)
		x.w.s(list.path).s("[").i(i).s("].")
		x.node(c.kids[0], el, first+int32(i), x.since(lo), base+int32(i))
		k := &x.outs.s[base+int32(i)]
		if k.ok {
			qual++
			if best < 0 || k.assumed.n() < x.outs.s[base+int32(best)].assumed.n() {
				best = i
			}
		}
	}
	outs := x.outs.s[base : base+int32(len(els))]
	x.outs.n = base
	if best >= 0 {
		b := &outs[best]
		el := first + int32(best)
		reasons := x.list(x.item(item{kind: iExistsOK, c: c.id, r: el, idx: int32(best), n: int32(qual), list: b.list}))
		lo := x.ids.n
		for i := b.assumed.lo; i < b.assumed.hi; i++ {
			x.ids.push(x.item(item{kind: iElem, c: c.id, r: el, idx: int32(best), child: x.ids.s[i]}))
		}
		o := &x.outs.s[slot]
		*o = outcome{}
		o.ok, o.list, o.assumed, o.windows = true, reasons, span{lo, x.ids.n}, b.windows
		return
	}
	best = 0
	for i := range outs {
		if outs[i].need < outs[best].need {
			best = i
		}
	}
	b := &outs[best]
	el := els[best]
	lo := x.fails.n
	for i := b.list.lo; i < b.list.hi; i++ {
		f := x.fails.s[i]
		start := x.w.end
		if i == b.list.lo && len(els) > 1 {
			x.w.s(list.label).s(" ").i(len(els)).s(" ").s(list.noun).s("均不符合，其中")
		}
		x.elemName(list, el, best)
		x.w.s("：")
		x.copyRef(f.reason)
		x.fails.push(failure{f.field, x.since(start)})
	}
	fx := int32(0)
	if b.fx != 0 {
		f := x.fixes.s[b.fx]
		f.text = x.item(item{kind: iElemFix, c: c.id, r: first + int32(best), idx: int32(best), child: f.text})
		fx = x.addFix(f)
	}
	need := b.need
	o := &x.outs.s[slot]
	*o = outcome{}
	o.list, o.need, o.fx = span{lo, x.fails.n}, need, fx
}

// elemName writes the name of list element i: "新招用人员第 2 人（毕业生B）".
func (x *explainer) elemName(list *fieldDef, el *record, i int) {
	x.w.s(list.label).s("第 ").i(i + 1).s(" ").s(list.noun)
	if f := el.sch.nameField; f != nil {
		if n, ok := el.text(f); ok && n != "" {
			x.w.s("（").s(n).s("）")
		}
	}
}

// write writes item id at the end of the buffer.
func (x *explainer) write(id int32) {
	it := x.items.s[id]
	switch it.kind {
	case iStatic:
		x.w.s(x.tab[it.s])
	case iLeaf:
		if t := x.say(x.nodes[it.c], x.recs[it.r], true); t.lo < 0 {
			x.copyRef(t)
		}
	case iNotOK:
		x.w.s("不属于以下情形：")
		for i := it.list.lo; i < it.list.hi; i++ {
			if i > it.list.lo {
				x.w.s("，")
			}
			x.copyRef(x.fails.s[i].reason)
		}
	case iExistsOK:
		l := x.nodes[it.c].list
		if it.n > 1 {
			x.w.s(l.label).s("中有 ").i(int(it.n)).s(" ").s(l.noun).s("符合，如")
		}
		x.elemName(l, x.recs[it.r], int(it.idx))
		x.w.s("：")
		for i := it.list.lo; i < it.list.hi; i++ {
			if i > it.list.lo {
				x.w.s("；")
			}
			x.write(x.ids.s[i])
		}
	case iElem, iElemFix:
		x.elemName(x.nodes[it.c].list, x.recs[it.r], int(it.idx))
		if it.kind == iElem {
			x.w.s("：")
		}
		x.write(it.child)
	case iNumFix:
		c := x.nodes[it.c]
		v, _ := x.recs[it.r].number(c.field)
		x.w.s(x.tab[c.lt.fix]).n(v).s(c.lt.fixTail)
	case iDerivedFix:
		x.nodes[it.c].der.sayFix(&x.w, x.e, x.recs[it.r])
	}
}

// ref returns item id's text: the fixed text itself, or written.
func (x *explainer) ref(id int32) tref {
	it := x.items.s[id]
	switch it.kind {
	case iStatic:
		return fixed(it.s)
	case iLeaf:
		return x.say(x.nodes[it.c], x.recs[it.r], true)
	}
	lo := x.w.end
	x.write(id)
	return x.since(lo)
}

// hint writes the sentence a single-change outcome gives, with its dates,
// or returns the empty text.
func (x *explainer) hint(o outcome, cp *compiled, eval civil, periodOf int32) tref {
	if o.need != 1 || o.fx == 0 {
		return tref{}
	}
	fx := x.fixes.s[o.fx]
	if cp.to != 0 {
		fx.limit(window{end: cp.to, desc: periodOf})
	}
	lo := x.w.end
	switch {
	case fx.when != 0:
		if fx.when <= eval || (fx.by != 0 && fx.when > fx.by) {
			return tref{}
		}
		x.write(fx.text)
		x.w.s("后（")
		if fx.approx {
			x.w.s("约 ")
		}
		x.w.d(fx.when).s(" 起）即可申请")
		if fx.by != 0 && fx.byDesc != periodOf {
			x.w.s("，须在").s(x.tab[fx.byDesc]).s("内（").d(fx.by).s(" 前）申请")
		}
	case fx.by != 0:
		x.w.s("若在").s(x.tab[fx.byDesc]).s("内（").d(fx.by).s(" 前）")
		x.write(fx.text)
		x.w.s("即可申请")
	default:
		x.w.s("若")
		x.write(fx.text)
		x.w.s("即可申请")
	}
	return x.since(lo)
}
