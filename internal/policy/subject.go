package policy

import (
	"encoding/json"
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
// their memory is left to the caller's pool.
func (r *record) reset() {
	clear(r.has)
	clear(r.bools)
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
	rec, err := loadSubject(c.schemas, s)
	if err != nil {
		return nil, err
	}
	return &Prepared{kind: s.Kind, rec: rec, set: c.schemas, src: s}, nil
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

// loadSubject validates s and loads it into a new record.
func loadSubject(set *schemaSet, s Subject) (*record, error) {
	sch, ok := set.forKind(s.Kind)
	if !ok {
		return nil, &FieldError{Field: "kind", Message: fmt.Sprintf("主体类型应为 person（个人）或 enterprise（单位），收到 %q", s.Kind)}
	}
	r := newRecord(sch)
	if err := loadObject(r, s.Attrs, "", "attrs"); err != nil {
		return nil, err
	}
	return r, nil
}

// loadObject loads attrs into r; prefix is the nested-object path ("" or
// "business.") and at the error path so far. When several attributes are
// bad, the first in name order is reported.
func loadObject(r *record, attrs map[string]any, prefix, at string) error {
	for k, v := range attrs {
		if err := loadKey(r, k, v, prefix, at); err != nil {
			return firstError(r, attrs, prefix, at)
		}
	}
	return nil
}

// firstError reloads attrs in key order and returns the first error.
func firstError(r *record, attrs map[string]any, prefix, at string) error {
	for _, k := range sortedKeys(attrs) {
		if err := loadKey(r, k, attrs[k], prefix, at); err != nil {
			return err
		}
	}
	return nil
}

// loadKey loads one attribute.
func loadKey(r *record, k string, v any, prefix, at string) error {
	f, ok := r.sch.byPath[prefix+k]
	if !ok {
		return &FieldError{Field: at + "." + k, Message: fmt.Sprintf("未知字段 %q", k)}
	}
	if v == nil {
		return nil // null means not provided
	}
	return loadValue(r, f, v, at+"."+k)
}

// loadValue converts one value to f's type and stores it.
func loadValue(r *record, f *fieldDef, v any, path string) error {
	bad := func() error {
		return &FieldError{Field: path, Message: fmt.Sprintf("%s应为%s", f.label, f.typ.typeName())}
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
			return &FieldError{Field: path, Message: msg}
		}
		r.setNum(f, x)
	case tStr:
		x, ok := v.(string)
		if !ok {
			return bad()
		}
		if len(f.enum) > 0 && !contains(f.enum, x) {
			return &FieldError{Field: path, Message: fmt.Sprintf("%s应为 %s 之一，收到 %q", f.label, joinCN(f.enum), x)}
		}
		r.setStr(f, x)
	case tDate:
		d, err := toDate(v)
		if err != nil {
			return &FieldError{Field: path, Message: f.label + "：" + err.Error()}
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
		return loadObject(r, m, f.path+".", path)
	case tObjList:
		items, ok := toObjects(v)
		if !ok {
			return bad()
		}
		els := make([]*record, 0, len(items))
		for i, m := range items {
			if m == nil {
				return &FieldError{Field: fmt.Sprintf("%s[%d]", path, i), Message: f.label + "的每一项应为对象"}
			}
			e := newRecord(f.elem)
			if err := loadObject(e, m, "", fmt.Sprintf("%s[%d]", path, i)); err != nil {
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

// toObjects accepts []map[string]any and []any of maps; a nil entry marks a
// non-object element for the caller to report.
func toObjects(v any) ([]map[string]any, bool) {
	switch x := v.(type) {
	case []map[string]any:
		return x, true
	case []any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			m, _ := e.(map[string]any)
			out[i] = m
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
