package policy

// dval is the value of a derived field. ok is false when an input is
// missing, in which case every comparison on it fails.
type dval struct {
	ok   bool
	b    bool
	n    float64
	d    civil
	mask uint32
}

// trace collects, in explanation mode, the missing attributes a derived
// field defaulted in a way that decided its value (in a small array, so that
// a trace on the stack costs no allocation).
type trace struct {
	n    int
	some [4]*fieldDef
	more []*fieldDef
}

// assume records that the boolean f was missing and read as false (no-op on
// a nil trace, as in the fast path).
func (t *trace) assume(f *fieldDef) {
	switch {
	case t == nil:
	case t.n < len(t.some):
		t.some[t.n] = f
		t.n++
	default:
		t.more = append(t.more, f)
	}
}

// list returns the recorded attributes in order.
func (t *trace) list() []*fieldDef {
	if len(t.more) == 0 {
		return t.some[:t.n]
	}
	return append(t.some[:t.n:t.n], t.more...)
}

// window is a deadline by which a condition that holds now stops holding.
type window struct {
	end  civil
	desc int32 // in the strtab: "毕业后 2 年", "毕业学年"
}

// fix is the single change that would satisfy a failing condition.
type fix struct {
	text   int32 // the explainer's item that says it: "办理失业登记", "经营满 6 个月"
	when   civil // date from which it holds by waiting; 0 = an action now
	approx bool  // when is an estimate (monthly contributions)
	by     civil // deadline for the action (from satisfied time windows)
	byDesc int32 // the window that sets by, in the strtab
}

// derivedDef is an engine-computed field (meta.schema.derived_fields).
type derivedDef struct {
	name  string
	typ   ftype // tBool, tNum, tDate or tMask
	label string
	unit  string
	names []string // tMask: category names by bit
	idx   int
	fn    func(e *ectx, r *record, t *trace) dval
	// assumes is set on the fields whose fn may record an assumption in its
	// trace; the explainer traces only those (TestOnlyMarkedDerivedAssume
	// checks that the others never do).
	assumes bool
	// say writes the value for explanations: a full sentence for booleans
	// and masks, "年龄 35 周岁" for numbers.
	say func(w *text, e *ectx, r *record, v dval)
	// numeric fields that grow with time: anchor date plus stepMonths per
	// unit; fixWord leads the hint ("经营满").
	anchor     *fieldDef
	stepMonths int
	fixWord    string
	// window returns the deadline a true boolean holds until, which
	// windowDesc names (windowID is its number in the catalog's strtab).
	window     func(e *ectx, r *record) (civil, bool)
	windowDesc string
	windowID   int32
	// fix reports whether one action would turn a false boolean true, and
	// sayFix writes that action.
	fix         func(e *ectx, r *record) bool
	sayFix      func(w *text, e *ectx, r *record)
	usesMinWage bool
}

// sayString is d.say as a string (tests and callers outside explanations).
func (d *derivedDef) sayString(e *ectx, r *record, v dval) string {
	var w text
	d.say(&w, e, r, v)
	return w.String()
}

// isCollege reports whether education is 大专, 本科, 硕士 or 博士 (高校毕业生).
func isCollege(edu string) bool {
	switch edu {
	case "大专", "本科", "硕士", "博士":
		return true
	}
	return false
}

// gradSchoolYearStart returns the start of the graduating school year:
// 毕业月份<=6 取 (毕业年-1)-07-01，否则 毕业年-07-01.
func gradSchoolYearStart(grad civil) civil {
	y, m, _ := grad.ymd()
	if m <= 6 {
		return mkCivil(y-1, 7, 1)
	}
	return mkCivil(y, 7, 1)
}

// hasAny reports whether list holds any of want.
func hasAny(list []string, want ...string) bool {
	for _, x := range list {
		for _, w := range want {
			if x == w {
				return true
			}
		}
	}
	return false
}

// maskNames lists the names of the set bits of m.
func maskNames(names []string, m uint32) []string {
	var out []string
	for i, n := range names {
		if m&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// minWageDerived is derived.min_wage for a record whose district and city
// fields are given.
func minWageDerived(district, city *fieldDef) *derivedDef {
	look := func(e *ectx, r *record) (float64, mwNote, bool) {
		d, _ := r.text(district)
		c, _ := r.text(city)
		return e.cat.minWageAt(e.eval, d, c)
	}
	return &derivedDef{name: "min_wage", typ: tNum, label: "当地月最低工资标准", unit: "元", usesMinWage: true,
		fn: func(e *ectx, r *record, _ *trace) dval {
			v, _, ok := look(e, r)
			return dval{ok: ok, n: v}
		}, say: func(w *text, e *ectx, r *record, v dval) {
			_, note, ok := look(e, r)
			if !ok {
				w.s("无法确定当地月最低工资标准（")
				note.write(w)
				w.s("）")
				return
			}
			note.write(w)
		}}
}

// pct formats a ratio as a percentage: 0.055 → "5.5%".
func pct(x float64) string { var w text; return w.pct(x).String() }

// fmtNum formats a number without trailing zeros: 3 → "3", 923.78 → "923.78".
func fmtNum(x float64) string { return string(appendNum(nil, x)) }
