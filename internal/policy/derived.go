package policy

import (
	"fmt"
	"math"
	"strings"
)

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
// field defaulted in a way that decided its value.
type trace struct{ assumed []string }

// assume records that the boolean labelled label was missing and read as
// false (no-op on a nil trace, as in the fast path).
func (t *trace) assume(label string) {
	if t != nil {
		t.assumed = append(t.assumed, "未提供“"+label+"”，按“否”处理")
	}
}

// window is a deadline by which a condition that holds now stops holding.
type window struct {
	end  civil
	desc string // "毕业后 2 年", "毕业学年"
}

// fix is the single change that would satisfy a failing condition.
type fix struct {
	text   string // "办理失业登记", "经营满 6 个月"
	when   civil  // date from which it holds by waiting; 0 = an action now
	approx bool   // when is an estimate (monthly contributions)
	by     civil  // deadline for the action (from satisfied time windows)
	byDesc string
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
	// say phrases the value for explanations: a full sentence for booleans
	// and masks, "年龄 35 周岁" for numbers.
	say func(e *ectx, r *record, v dval) string
	// numeric fields that grow with time: anchor date plus stepMonths per
	// unit; fixWord leads the hint ("经营满").
	anchor     *fieldDef
	stepMonths int
	fixWord    string
	// window returns the deadline a true boolean holds until.
	window func(e *ectx, r *record) (window, bool)
	// fix returns the change that would turn a false boolean true.
	fix         func(e *ectx, r *record) (fix, bool)
	usesMinWage bool
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
	look := func(e *ectx, r *record) (float64, string, bool) {
		d, _ := r.text(district)
		c, _ := r.text(city)
		return e.cat.minWage(e.eval, d, c)
	}
	return &derivedDef{name: "min_wage", typ: tNum, label: "当地月最低工资标准", unit: "元", usesMinWage: true,
		fn: func(e *ectx, r *record, _ *trace) dval {
			v, _, ok := look(e, r)
			return dval{ok: ok, n: v}
		}, say: func(e *ectx, r *record, v dval) string {
			_, note, ok := look(e, r)
			if !ok {
				return "无法确定当地月最低工资标准（" + note + "）"
			}
			return note
		}}
}

// pct formats a ratio as a percentage: 0.055 → "5.5%".
func pct(x float64) string { return fmtNum(math.Round(x*10000)/100) + "%" }

// fmtNum formats a number without trailing zeros: 3 → "3", 923.78 → "923.78".
func fmtNum(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return fmt.Sprintf("%d", int64(x))
	}
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
