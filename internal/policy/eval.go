package policy

import (
	"errors"
	"strings"
	"time"
)

// pred is a compiled criteria node: does record r satisfy it?
type pred func(e *ectx, r *record) bool

// ectx is the state of one evaluation: the catalog, the evaluation date and
// the generation that marks which cached derived values are current.
type ectx struct {
	cat  *Catalog
	eval civil
	gen  uint32
}

// get returns derived field d of r, computing it once per evaluation.
func (e *ectx) get(r *record, d *derivedDef) dval {
	if r.dgen[d.idx] == e.gen {
		return r.dvals[d.idx]
	}
	v := d.fn(e, r, nil)
	r.dvals[d.idx], r.dgen[d.idx] = v, e.gen
	return v
}

// begin starts a new evaluation of rec on day d.
func (e *ectx) begin(c *Catalog, d civil, rec *record) {
	e.cat, e.eval = c, d
	e.gen++
	if e.gen == 0 { // wrapped: forget every cached value
		clearGen(rec)
		e.gen = 1
	}
}

// clearGen invalidates the derived caches of r and its elements.
func clearGen(r *record) {
	clear(r.dgen)
	for _, list := range r.objs {
		for _, el := range list {
			clearGen(el)
		}
	}
}

// compiled is a policy with its criteria compiled.
type compiled struct {
	p           *Policy
	root        *cnode // nil for manual policies without criteria
	pred        pred
	from, to    civil
	matchable   bool // auto, status active/assumed_active, has criteria
	usesMinWage bool
	formula     fexpr
	// what the explained match needs of the benefit, found once: the shown
	// amount text, the list whose qualifying elements are counted and its
	// condition, whether the formula counts months itself, the tier names
	// in order
	text          string
	blist         *fieldDef
	bwhere        pred
	formulaMonths bool
	tierNames     []string
}

// compilePolicy validates and compiles policy i.
func (c *Catalog) compilePolicy(i int, p *Policy) (*compiled, error) {
	from, to, _ := p.Validity.span() // checked in checkPolicyFields
	cp := &compiled{p: p, from: from, to: to}
	if p.Criteria != nil {
		s, _ := c.schemas.forKind(p.Beneficiary)
		root, err := compileNode(p.Criteria, s, "criteria")
		if err != nil {
			var ce *CatalogError
			if errors.As(err, &ce) {
				ce.PolicyID = p.ID
			}
			return nil, err
		}
		cp.root = root
		cp.pred = buildPred(root)
		c.nodes = root.number(c.nodes)
		root.walkLeaves(func(l *cnode) {
			if l.der != nil && l.der.usesMinWage {
				cp.usesMinWage = true
			}
		})
	}
	cp.matchable = p.MatchMode == "auto" && statusMatchable(p.Validity.Status) && cp.root != nil
	cp.text = PublicText(p.Benefit.AmountText)
	if cp.root != nil {
		if ex := cp.root.firstExists(); ex != nil {
			cp.blist, cp.bwhere = ex.list, buildPred(ex.kids[0])
		}
	}
	cp.formulaMonths = strings.Contains(p.Benefit.Formula, "months")
	cp.tierNames = sortedKeys(p.Benefit.Tiers)
	if p.Benefit.Formula != "" {
		if f, err := parseFormula(p.Benefit.Formula); err == nil {
			cp.formula = f
		}
		if strings.Contains(p.Benefit.Formula, "min_wage") {
			cp.usesMinWage = true
		}
	}
	return cp, nil
}

// buildPred turns a compiled node into a closure tree, once: every node
// keeps its closure (the explainer asks the nodes it may skip).
func buildPred(c *cnode) pred {
	if c.pred == nil {
		c.pred = newPred(c)
	}
	return c.pred
}

// newPred builds the closure of c.
func newPred(c *cnode) pred {
	switch c.kind {
	case nkAll:
		ps := make([]pred, len(c.kids))
		for i, k := range c.kids {
			ps[i] = buildPred(k)
		}
		return func(e *ectx, r *record) bool {
			for _, p := range ps {
				if !p(e, r) {
					return false
				}
			}
			return true
		}
	case nkAny:
		ps := make([]pred, len(c.kids))
		for i, k := range c.kids {
			ps[i] = buildPred(k)
		}
		return func(e *ectx, r *record) bool {
			for _, p := range ps {
				if p(e, r) {
					return true
				}
			}
			return false
		}
	case nkNot:
		p := buildPred(c.kids[0])
		return func(e *ectx, r *record) bool { return !p(e, r) }
	case nkExists:
		w := buildPred(c.kids[0])
		idx := c.list.idx
		return func(e *ectx, r *record) bool {
			for _, el := range r.objs[idx] {
				if w(e, el) {
					return true
				}
			}
			return false
		}
	}
	return leafPred(c)
}

// leafPred specialises the commonest leaves; the rest call test.
func leafPred(c *cnode) pred {
	if d := c.der; d != nil && d.typ == tBool && (c.op == opIsTrue || c.op == opIsFalse) {
		want := c.op == opIsTrue
		return func(e *ectx, r *record) bool { return e.get(r, d).b == want }
	}
	if f := c.field; f != nil {
		i, id := f.idx, f.id
		switch {
		case f.typ == tBool && c.op == opIsTrue:
			return func(_ *ectx, r *record) bool { return r.bools[i] }
		case f.typ == tBool && c.op == opIsFalse:
			return func(_ *ectx, r *record) bool { return !r.bools[i] }
		case f.typ == tNum && c.op == opGte:
			v := c.num
			return func(_ *ectx, r *record) bool { return r.has[id] && r.nums[i] >= v }
		case f.typ == tStr && c.op == opEq:
			v := c.str
			return func(_ *ectx, r *record) bool { return r.has[id] && r.strs[i] == v }
		case f.typ == tStr && c.op == opIn:
			vs := c.strs
			return func(_ *ectx, r *record) bool { return r.has[id] && contains(vs, r.strs[i]) }
		}
	}
	return c.test
}

// test evaluates a leaf on r: the reference semantics shared by the fast
// path and the explanations. Missing booleans are false and missing lists
// empty; any other missing value fails every comparison.
func (c *cnode) test(e *ectx, r *record) bool {
	if d := c.der; d != nil {
		v := e.get(r, d)
		switch d.typ {
		case tBool:
			return testBool(c, v.b)
		case tNum:
			return v.ok && testNum(c, v.n)
		case tDate:
			return v.ok && testDate(c, e.eval, v.d)
		case tMask:
			if c.op == opNotEmpty {
				return v.mask != 0
			}
			return v.mask&c.mask != 0
		}
		return false
	}
	f := c.field
	switch f.typ {
	case tBool:
		return testBool(c, r.boolean(f))
	case tNum:
		v, ok := r.number(f)
		return ok && testNum(c, v)
	case tStr:
		v, ok := r.text(f)
		return ok && testStr(c, v)
	case tDate:
		v, ok := r.day(f)
		return ok && testDate(c, e.eval, v)
	case tStrList:
		if c.op == opNotEmpty {
			return len(r.list(f)) > 0
		}
		return hasAny(r.list(f), c.strs...)
	case tObjList:
		return len(r.elems(f)) > 0
	}
	return false
}

// testBool applies a boolean operator.
func testBool(c *cnode, v bool) bool {
	switch c.op {
	case opIsTrue:
		return v
	case opIsFalse:
		return !v
	case opEq:
		return v == c.flag
	case opNe:
		return v != c.flag
	}
	return false
}

// testNum applies a numeric operator.
func testNum(c *cnode, v float64) bool {
	switch c.op {
	case opEq:
		return v == c.num
	case opNe:
		return v != c.num
	case opGte:
		return v >= c.num
	case opLte:
		return v <= c.num
	case opGt:
		return v > c.num
	case opLt:
		return v < c.num
	case opIn, opNotIn:
		in := false
		for _, x := range c.nums {
			in = in || x == v
		}
		return in == (c.op == opIn)
	}
	return false
}

// testStr applies a string operator.
func testStr(c *cnode, v string) bool {
	switch c.op {
	case opEq:
		return v == c.str
	case opNe:
		return v != c.str
	case opIn:
		return contains(c.strs, v)
	case opNotIn:
		return !contains(c.strs, v)
	}
	return false
}

// testDate applies a date operator with the inclusive convention.
func testDate(c *cnode, eval, d civil) bool {
	switch c.op {
	case opEq:
		return d == c.date
	case opNe:
		return d != c.date
	case opDateGte:
		return d >= c.date
	case opDateLte:
		return d <= c.date
	case opWithinYears:
		return d <= eval && eval <= addYears(d, c.count)
	case opWithinMonths:
		return d <= eval && eval <= addMonths(d, c.count)
	case opAtLeastMonthsAgo:
		return addMonths(d, c.count) <= eval
	}
	return false
}

// ids returns the auto-matchable policy indices for a subject kind.
func (c *Catalog) ids(kind string) []int {
	if kind == KindPerson {
		return c.person
	}
	return c.company
}

// EligibleIDs is the fast yes/no path: it appends to dst the indices (into
// Policies) of the active policies p satisfies on evalDate and returns it.
// Derived fields are computed lazily, once per call. A Prepared made by
// another catalog is reloaded first; if that fails dst is returned unchanged.
func (c *Catalog) EligibleIDs(p *Prepared, evalDate time.Time, dst []int) []int {
	if p.set != c.schemas {
		rec, err := loadSubject(c.schemas, p.src)
		if err != nil {
			return dst
		}
		p.rec, p.set = rec, c.schemas
	}
	return c.eligible(p, civilOf(evalDate), dst)
}

// eligible is EligibleIDs on a packed date.
func (c *Catalog) eligible(p *Prepared, d civil, dst []int) []int {
	e := &p.ctx
	e.begin(c, d, p.rec)
	for _, i := range c.ids(p.kind) {
		cp := c.comp[i]
		if (cp.from == 0 || d >= cp.from) && (cp.to == 0 || d <= cp.to) && cp.pred(e, p.rec) {
			dst = append(dst, i)
		}
	}
	return dst
}

// EligiblePolicyIDs validates s and returns the ids of the policies it is
// eligible for on evalDate, without explanations.
func (c *Catalog) EligiblePolicyIDs(s Subject, evalDate time.Time) ([]string, error) {
	p, err := c.Prepare(s)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, i := range c.EligibleIDs(p, evalDate, nil) {
		out = append(out, c.policies[i].ID)
	}
	return out, nil
}
