package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
)

// Subject is a person or an enterprise to match: attribute names exactly as
// personas.yaml uses them. Values may come from YAML or from JSON (float64,
// string, bool, []any, map[string]any).
type Subject struct {
	Kind  string         `json:"kind"`
	Attrs map[string]any `json:"attrs"`
}

// FieldError reports one bad input field with a Chinese message. Field is a
// path such as "attrs.new_hires[2].hire_date" or "eval_date".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error implements error.
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// record holds one subject or list element in typed slots, so criteria read
// fields by index instead of by name.
type record struct {
	sch   *schema
	has   []bool
	bools []bool
	nums  []float64
	strs  []string
	dates []civil
	lists [][]string
	objs  [][]*record
	// derived-field cache, valid where dgen[i] equals the evaluation's generation
	dgen  []uint32
	dvals []dval
}

// newRecord allocates an empty record for s.
func newRecord(s *schema) *record {
	return &record{
		sch:   s,
		has:   make([]bool, len(s.fields)),
		bools: make([]bool, s.counts[tBool]),
		nums:  make([]float64, s.counts[tNum]),
		strs:  make([]string, s.counts[tStr]),
		dates: make([]civil, s.counts[tDate]),
		lists: make([][]string, s.counts[tStrList]),
		objs:  make([][]*record, s.counts[tObjList]),
		dgen:  make([]uint32, len(s.dlist)),
		dvals: make([]dval, len(s.dlist)),
	}
}

// reset empties r for reuse; element records are dropped from the lists but
// their memory is left to the caller's pool. The value slots are zeroed too:
// derived fields read some attributes without asking whether they were
// given (a missing education reads "").
func (r *record) reset() {
	clear(r.has)
	clear(r.bools)
	clear(r.nums)
	clear(r.strs)
	clear(r.dates)
	clear(r.lists)
	for i := range r.objs {
		r.objs[i] = r.objs[i][:0]
	}
	clear(r.dgen)
}

// Typed accessors. Missing booleans read false and missing lists read empty,
// as the personas' convention says; other types report presence.
func (r *record) present(f *fieldDef) bool           { return r.has[f.id] }
func (r *record) boolean(f *fieldDef) bool           { return r.bools[f.idx] }
func (r *record) list(f *fieldDef) []string          { return r.lists[f.idx] }
func (r *record) elems(f *fieldDef) []*record        { return r.objs[f.idx] }
func (r *record) number(f *fieldDef) (float64, bool) { return r.nums[f.idx], r.has[f.id] }
func (r *record) text(f *fieldDef) (string, bool)    { return r.strs[f.idx], r.has[f.id] }
func (r *record) day(f *fieldDef) (civil, bool)      { return r.dates[f.idx], r.has[f.id] }

// Setters used by loading and by the profile generator.
func (r *record) setBool(f *fieldDef, v bool)     { r.has[f.id], r.bools[f.idx] = true, v }
func (r *record) setNum(f *fieldDef, v float64)   { r.has[f.id], r.nums[f.idx] = true, v }
func (r *record) setStr(f *fieldDef, v string)    { r.has[f.id], r.strs[f.idx] = true, v }
func (r *record) setDate(f *fieldDef, v civil)    { r.has[f.id], r.dates[f.idx] = true, v }
func (r *record) setList(f *fieldDef, v []string) { r.has[f.id], r.lists[f.idx] = true, v }
func (r *record) addElem(f *fieldDef, e *record) {
	r.has[f.id], r.objs[f.idx] = true, append(r.objs[f.idx], e)
}
func (r *record) markObject(f *fieldDef)            { r.has[f.id] = true }
func (r *record) setElems(f *fieldDef, e []*record) { r.has[f.id], r.objs[f.idx] = true, e }

// Prepared is a subject loaded into typed slots for one catalog, ready for
// repeated fast evaluation (EligibleIDs). It is not safe for concurrent use.
type Prepared struct {
	kind string
	rec  *record
	set  *schemaSet
	src  Subject
	ctx  ectx
	pool *recPool // element records of generated profiles
}

// Kind returns "person" or "enterprise".
func (p *Prepared) Kind() string { return p.kind }

// Prepare validates s (as CheckAttrs does) and loads it for c.
func (c *Catalog) Prepare(s Subject) (*Prepared, error) {
	sch, ok := c.schemas.forKind(s.Kind)
	if !ok {
		return nil, kindError(s.Kind)
	}
	rec := newRecord(sch)
	if err := (loader{}).object(rec, s.Attrs, "", ""); err != nil {
		_, err = loadSubject(c.schemas, s)
		return nil, err
	}
	return &Prepared{kind: s.Kind, rec: rec, set: c.schemas, src: s}, nil
}

// preparePooled is Prepare into a Prepared from c's pool, for a caller that
// hands it back with release once done with it.
func (c *Catalog) preparePooled(s Subject) (*Prepared, error) {
	k := kindIndex(s.Kind)
	if k < 0 {
		return nil, kindError(s.Kind)
	}
	p, _ := c.prepared[k].Get().(*Prepared)
	if p == nil {
		p = c.blank(s.Kind)
	} else {
		p.rec.reset()
		p.pool.release()
	}
	if err := (loader{pool: p.pool}).object(p.rec, s.Attrs, "", ""); err != nil {
		c.prepared[k].Put(p)
		_, err = loadSubject(c.schemas, s)
		return nil, err
	}
	p.src = s
	return p, nil
}

// release returns a Prepared made by preparePooled to the pool.
func (c *Catalog) release(p *Prepared) {
	p.src = Subject{}
	c.prepared[kindIndex(p.kind)].Put(p)
}

// kindIndex numbers the subject kinds for the pools (-1: not a kind).
func kindIndex(kind string) int {
	switch kind {
	case KindPerson:
		return 0
	case KindEnterprise:
		return 1
	}
	return -1
}

// kindError rejects a subject kind.
func kindError(kind string) error {
	return &FieldError{Field: "kind", Message: fmt.Sprintf("主体类型应为 person（个人）或 enterprise（单位），收到 %q", kind)}
}

// CheckAttrs validates attribute names and value types of s against the
// built-in schema (the catalog conventions and personas): dates are real
// 'YYYY-MM-DD' dates, booleans are booleans, numbers are finite and not
// negative, lists hold strings or objects as documented, and business,
// veteran and returnee are objects. The first problem, in name order, is
// returned as a *FieldError.
func CheckAttrs(s Subject) error {
	_, err := loadSubject(newSchemaSet(), s)
	return err
}

// CheckAttrs is like the package-level CheckAttrs but also accepts the extra
// attributes that c's criteria introduce.
func (c *Catalog) CheckAttrs(s Subject) error {
	_, err := loadSubject(c.schemas, s)
	return err
}

// loadSubject validates s and loads it into a new record, reporting the
// first problem in name order.
func loadSubject(set *schemaSet, s Subject) (*record, error) {
	sch, ok := set.forKind(s.Kind)
	if !ok {
		return nil, kindError(s.Kind)
	}
	r := newRecord(sch)
	if err := (loader{detail: true}).object(r, s.Attrs, "", "attrs"); err != nil {
		return nil, err
	}
	return r, nil
}

// loader loads attribute maps into records. With detail it reports the
// first problem in name order as a *FieldError with its path; without, it
// builds no paths and answers errInvalid, so that a valid subject (the
// usual case) costs no strings: the caller loads again with detail to say
// what is wrong. Element records come from pool when it is set.
type loader struct {
	detail bool
	pool   *recPool
}

// errInvalid is a loader's answer without detail.
var errInvalid = errors.New("policy: invalid attributes")

// object loads attrs into r; prefix is the nested-object path ("" or
// "business.") and at the error path so far.
func (l loader) object(r *record, attrs map[string]any, prefix, at string) error {
	for k, v := range attrs {
		if err := l.key(r, k, v, prefix, at); err != nil {
			if !l.detail {
				return err
			}
			return l.firstError(r, attrs, prefix, at)
		}
	}
	return nil
}

// firstError reloads attrs in key order and returns the first error.
func (l loader) firstError(r *record, attrs map[string]any, prefix, at string) error {
	for _, k := range sortedKeys(attrs) {
		if err := l.key(r, k, attrs[k], prefix, at); err != nil {
			return err
		}
	}
	return nil
}

// key loads one attribute.
func (l loader) key(r *record, k string, v any, prefix, at string) error {
	var f *fieldDef
	var ok bool
	if prefix == "" {
		f, ok = r.sch.byPath[k]
	} else if sub := r.sch.inObject[prefix]; sub != nil {
		f, ok = sub[k]
	} else {
		f, ok = r.sch.byPath[prefix+k]
	}
	if !ok {
		if !l.detail {
			return errInvalid
		}
		return &FieldError{Field: at + "." + k, Message: fmt.Sprintf("未知字段 %q", k)}
	}
	if v == nil {
		return nil // null means not provided
	}
	path := ""
	if l.detail {
		path = at + "." + k
	}
	return l.value(r, f, v, path)
}

// value converts one value to f's type and stores it.
func (l loader) value(r *record, f *fieldDef, v any, path string) error {
	bad := func() error {
		if !l.detail {
			return errInvalid
		}
		return &FieldError{Field: path, Message: fmt.Sprintf("%s应为%s", f.label, f.typ.typeName())}
	}
	problem := func(msg func() string) error {
		if !l.detail {
			return errInvalid
		}
		return &FieldError{Field: path, Message: msg()}
	}
	switch f.typ {
	case tBool:
		x, ok := v.(bool)
		if !ok {
			return bad()
		}
		r.setBool(f, x)
	case tNum:
		x, ok := toNumber(v)
		if !ok {
			return bad()
		}
		if msg := checkNumber(f, x); msg != "" {
			return problem(func() string { return msg })
		}
		r.setNum(f, x)
	case tStr:
		x, ok := v.(string)
		if !ok {
			return bad()
		}
		if len(f.enum) > 0 && !contains(f.enum, x) {
			return problem(func() string { return fmt.Sprintf("%s应为 %s 之一，收到 %q", f.label, joinCN(f.enum), x) })
		}
		r.setStr(f, x)
	case tDate:
		d, err := toDate(v)
		if err != nil {
			return problem(func() string { return f.label + "：" + err.Error() })
		}
		r.setDate(f, d)
	case tStrList:
		x, ok := toStrings(v)
		if !ok {
			return bad()
		}
		r.setList(f, x)
	case tObj:
		m, ok := v.(map[string]any)
		if !ok {
			return bad()
		}
		r.markObject(f)
		return l.object(r, m, f.path+".", path)
	case tObjList:
		maps, ms := v.([]map[string]any)
		anys, as := v.([]any)
		if !ms && !as {
			return bad()
		}
		n := len(maps) + len(anys)
		var els []*record
		if l.pool != nil {
			els = r.objs[f.idx][:0]
		} else {
			els = make([]*record, 0, n)
		}
		for i := range n {
			var m map[string]any
			if ms {
				m = maps[i]
			} else {
				m, _ = anys[i].(map[string]any)
			}
			at := ""
			if l.detail {
				at = fmt.Sprintf("%s[%d]", path, i)
			}
			if m == nil {
				if !l.detail {
					return errInvalid
				}
				return &FieldError{Field: at, Message: f.label + "的每一项应为对象"}
			}
			var e *record
			if l.pool != nil {
				e = l.pool.get(f.elem)
			} else {
				e = newRecord(f.elem)
			}
			if err := l.object(e, m, "", at); err != nil {
				return err
			}
			els = append(els, e)
		}
		r.setElems(f, els)
	}
	return nil
}

// checkNumber returns a message when x is out of range for f.
func checkNumber(f *fieldDef, x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return f.label + "应为有限的数字"
	}
	if x < 0 {
		return f.label + "不能为负数"
	}
	if f.path == "layoff_rate" && x > 1 {
		return "上年度裁员率应为 0 到 1 之间的小数（如 0.05 表示 5%）"
	}
	return ""
}

// toNumber accepts every Go numeric type and json.Number.
func toNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// toDate accepts 'YYYY-MM-DD' strings and, from YAML, time.Time values.
func toDate(v any) (civil, error) {
	switch x := v.(type) {
	case string:
		return parseCivil(x)
	case time.Time:
		return civilOf(x), nil
	}
	return 0, fmt.Errorf("应为 YYYY-MM-DD 格式的日期")
}

// toStrings accepts []string and []any of strings.
func toStrings(v any) ([]string, bool) {
	switch x := v.(type) {
	case []string:
		return x, true
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
