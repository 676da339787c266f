package policy

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The benefit formula language is the Python-like arithmetic the catalog
// writes in benefit.formula:
//
//	expr  := or ['if' or 'else' expr]
//	or    := and {'or' and} ; and := cmp {'and' cmp}
//	cmp   := sum [('=='|'!='|'>='|'<='|'>'|'<') sum]
//	sum   := prod {('+'|'-') prod} ; prod := unary {('*'|'×'|'/') unary}
//	unary := '-' unary | number | 'string' | name | name '(' args ')' | '(' expr ')'
//
// A leading "name =" is ignored. Names are attributes of the subject (or of
// the list element inside sum_over_eligible_<list>), derived fields, or the
// aliases district, years, type, retained and retention_ratio. Functions:
// min, max, min_wage(district_field), sum_over_eligible_<list>(expr).

// fexpr is a parsed formula expression.
type fexpr interface {
	eval(env *fenv) (fval, error)
}

type (
	fNum  struct{ v float64 }
	fStr  struct{ v string }
	fName struct{ name string }
	fNeg  struct{ x fexpr }
	fBin  struct {
		op   string
		l, r fexpr
	}
	fCond struct{ then, test, els fexpr }
	fCall struct {
		name string
		args []fexpr
		raw  []string // identifier arguments as written, for min_wage
	}
)

// parseFormula parses a benefit formula.
func parseFormula(src string) (fexpr, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	if len(toks) > 2 && toks[1] == "=" && isIdent(toks[0]) {
		toks = toks[2:]
	}
	p := &fparser{toks: toks}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.i != len(p.toks) {
		return nil, fmt.Errorf("公式在 %q 处无法解析", p.toks[p.i])
	}
	return e, nil
}

// lex splits a formula into tokens; strings keep their quotes.
func lex(src string) ([]string, error) {
	var out []string
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRuneInString(src[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case r == '×':
			out = append(out, "*")
			i += w
		case r == '\'' || r == '"':
			j := strings.IndexRune(src[i+w:], r)
			if j < 0 {
				return nil, fmt.Errorf("公式中的字符串没有结束引号")
			}
			out = append(out, src[i:i+w+j+1])
			i += w + j + 1
		case unicode.IsDigit(r) || r == '.':
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.') {
				j++
			}
			out = append(out, src[i:j])
			i = j
		case r == '_' || unicode.IsLetter(r):
			j := i
			for j < len(src) {
				r2, w2 := utf8.DecodeRuneInString(src[j:])
				if r2 != '_' && r2 != '.' && !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				j += w2
			}
			out = append(out, src[i:j])
			i = j
		default:
			if i+1 < len(src) && contains([]string{"==", "!=", ">=", "<="}, src[i:i+2]) {
				out = append(out, src[i:i+2])
				i += 2
				continue
			}
			if !strings.ContainsRune("+-*/()<>,=", r) {
				return nil, fmt.Errorf("公式中有无法识别的字符 %q", r)
			}
			out = append(out, string(r))
			i += w
		}
	}
	return out, nil
}

// isIdent reports whether a token is a name.
func isIdent(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return r == '_' || unicode.IsLetter(r)
}

// fparser is a recursive-descent parser over tokens.
type fparser struct {
	toks []string
	i    int
}

func (p *fparser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *fparser) eat(t string) bool {
	if p.peek() == t {
		p.i++
		return true
	}
	return false
}

func (p *fparser) expr() (fexpr, error) {
	then, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if !p.eat("if") {
		return then, nil
	}
	test, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if !p.eat("else") {
		return nil, fmt.Errorf("公式缺少 else")
	}
	els, err := p.expr()
	if err != nil {
		return nil, err
	}
	return fCond{then: then, test: test, els: els}, nil
}

// binaryLevels lists the binary operators by increasing precedence.
func binaryLevels() [][]string {
	return [][]string{{"or"}, {"and"}, {"==", "!=", ">=", "<=", ">", "<"}, {"+", "-"}, {"*", "/"}}
}

// binary parses left-associative operators at precedence level and above.
func (p *fparser) binary(level int) (fexpr, error) {
	levels := binaryLevels()
	if level == len(levels) {
		return p.unary()
	}
	l, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for contains(levels[level], p.peek()) {
		op := p.toks[p.i]
		p.i++
		r, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		l = fBin{op: op, l: l, r: r}
	}
	return l, nil
}

func (p *fparser) unary() (fexpr, error) {
	t := p.peek()
	switch {
	case t == "":
		return nil, fmt.Errorf("公式不完整")
	case t == "-":
		p.i++
		x, err := p.unary()
		return fNeg{x: x}, err
	case t == "(":
		p.i++
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		if !p.eat(")") {
			return nil, fmt.Errorf("公式缺少右括号")
		}
		return e, nil
	case t[0] == '\'' || t[0] == '"':
		p.i++
		return fStr{v: t[1 : len(t)-1]}, nil
	case isIdent(t):
		p.i++
		if !p.eat("(") {
			return fName{name: t}, nil
		}
		call := fCall{name: t}
		for !p.eat(")") {
			if len(call.args) > 0 && !p.eat(",") {
				return nil, fmt.Errorf("公式函数参数之间缺少逗号")
			}
			raw := p.peek()
			a, err := p.expr()
			if err != nil {
				return nil, err
			}
			call.args = append(call.args, a)
			call.raw = append(call.raw, raw)
		}
		return call, nil
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return nil, fmt.Errorf("公式中有无法识别的记号 %q", t)
	}
	p.i++
	return fNum{v: v}, nil
}

// fval is a formula value: a number, a string or a boolean (a tagged
// struct rather than an interface, so that evaluating allocates nothing).
type fval struct {
	k fkind
	n float64
	s string
	b bool
}

// fkind is the type of an fval.
type fkind uint8

const (
	fkNone fkind = iota
	fkNum
	fkStr
	fkBool
)

func fnum(x float64) fval   { return fval{k: fkNum, n: x} }
func fbool(b bool) fval     { return fval{k: fkBool, b: b} }
func fstring(s string) fval { return fval{k: fkStr, s: s} }

func (n fNum) eval(*fenv) (fval, error)      { return fnum(n.v), nil }
func (n fStr) eval(*fenv) (fval, error)      { return fstring(n.v), nil }
func (n fName) eval(env *fenv) (fval, error) { return env.lookup(n.name) }

func (n fNeg) eval(env *fenv) (fval, error) {
	x, err := evalNum(n.x, env)
	return fnum(-x), err
}

func (n fCond) eval(env *fenv) (fval, error) {
	t, err := n.test.eval(env)
	if err != nil {
		return fval{}, err
	}
	if t.k == fkBool && t.b {
		return n.then.eval(env)
	}
	return n.els.eval(env)
}

func (n fBin) eval(env *fenv) (fval, error) {
	l, err := n.l.eval(env)
	if err != nil {
		return fval{}, err
	}
	r, err := n.r.eval(env)
	if err != nil {
		return fval{}, err
	}
	if n.op == "==" || n.op == "!=" {
		return fbool((l == r) == (n.op == "==")), nil
	}
	if n.op == "and" || n.op == "or" {
		if l.k != fkBool || r.k != fkBool {
			return fval{}, fmt.Errorf("and/or 需要布尔值")
		}
		if n.op == "and" {
			return fbool(l.b && r.b), nil
		}
		return fbool(l.b || r.b), nil
	}
	if l.k != fkNum || r.k != fkNum {
		return fval{}, fmt.Errorf("运算 %s 需要数字", n.op)
	}
	x, y := l.n, r.n
	switch n.op {
	case "+":
		return fnum(x + y), nil
	case "-":
		return fnum(x - y), nil
	case "*":
		return fnum(x * y), nil
	case "/":
		if y == 0 {
			return fval{}, fmt.Errorf("除数为 0")
		}
		return fnum(x / y), nil
	case ">=":
		return fbool(x >= y), nil
	case "<=":
		return fbool(x <= y), nil
	case ">":
		return fbool(x > y), nil
	}
	return fbool(x < y), nil
}

func (n fCall) eval(env *fenv) (fval, error) {
	if list, ok := strings.CutPrefix(n.name, "sum_over_eligible_"); ok && len(n.args) == 1 {
		return env.sumOver(list, n.args[0])
	}
	switch n.name {
	case "min_wage":
		if len(n.raw) != 1 {
			return fval{}, fmt.Errorf("min_wage 需要一个地区字段")
		}
		return env.minWage(n.raw[0])
	case "min", "max":
		if len(n.args) == 0 {
			return fval{}, fmt.Errorf("%s 需要参数", n.name)
		}
		best := 0.0
		for i, a := range n.args {
			v, err := evalNum(a, env)
			if err != nil {
				return fval{}, err
			}
			if i == 0 || (n.name == "min" && v < best) || (n.name == "max" && v > best) {
				best = v
			}
		}
		return fnum(best), nil
	}
	return fval{}, fmt.Errorf("未知函数 %s", n.name)
}

// evalNum evaluates e to a number.
func evalNum(e fexpr, env *fenv) (float64, error) {
	v, err := e.eval(env)
	if err != nil {
		return 0, err
	}
	if v.k != fkNum || math.IsNaN(v.n) {
		return 0, fmt.Errorf("需要数字")
	}
	return v.n, nil
}

// fenv resolves names for a formula: the list element first (inside
// sum_over_eligible_*), then aliases, then the subject and its derived
// fields. The parameters and subject attributes the result used are noted
// in the explainer x (its notes, written in its buffer).
type fenv struct {
	e    *ectx
	rec  *record
	elem *record
	qual []*record // qualifying elements of the policy's exists list
	list *fieldDef
	x    *explainer
}

// lookup resolves a name to a number, string or bool.
func (env *fenv) lookup(name string) (fval, error) {
	if env.elem != nil {
		if v, ok := recordValue(env.e, env.elem, name); ok {
			return v, nil
		}
	}
	switch name {
	case "retained", "retention_ratio":
		kept := 0.0
		for _, el := range env.qual {
			if f, ok := el.sch.byPath["retained"]; ok && el.boolean(f) {
				kept++
			}
		}
		if name == "retained" {
			return fnum(kept), nil
		}
		if len(env.qual) == 0 {
			return fnum(0), nil
		}
		return fnum(kept / float64(len(env.qual))), nil
	case "years":
		name = "veteran.service_years"
	case "type":
		name = "veteran.type"
	case "district":
		name = env.districtField()
	}
	if v, ok := recordValue(env.e, env.rec, name); ok {
		env.note(name, v)
		return v, nil
	}
	return fval{}, fmt.Errorf("缺少 %s", name)
}

// note records a subject attribute the formula read, with its label.
func (env *fenv) note(name string, v fval) {
	label := name
	unit := ""
	if f, ok := env.rec.sch.byPath[name]; ok {
		label, unit = f.label, f.unit
	} else if d, ok := env.rec.sch.derived[strings.TrimPrefix(name, "derived.")]; ok {
		label, unit = d.label, d.unit
	}
	w := &env.x.w
	lo := w.end
	switch v.k {
	case fkNum:
		w.s(label).s(" ").n(v.n)
		if unit != "" {
			w.s(" ").s(unit)
		}
	case fkStr:
		w.s(label).s("“").s(v.s).s("”")
	default:
		return
	}
	env.x.note(lo)
}

// note keeps the text written since lo as a note of the formula being
// evaluated, unless the same note is there already.
func (x *explainer) note(lo int) {
	t := x.since(lo)
	for _, u := range x.notes.in(span{0, x.notes.n}) {
		if x.eq(t, u) {
			x.w.end = lo
			return
		}
	}
	x.notes.push(t)
}

// districtField is the subject's own district attribute.
func (env *fenv) districtField() string {
	if env.rec.sch.name == KindPerson {
		return "hukou_district"
	}
	return "reg_district"
}

// recordValue reads attribute or derived field name of r.
func recordValue(e *ectx, r *record, name string) (fval, bool) {
	if d, ok := r.sch.derived[strings.TrimPrefix(name, "derived.")]; ok {
		v := e.get(r, d)
		if !v.ok {
			return fval{}, false
		}
		if d.typ == tBool {
			return fbool(v.b), true
		}
		return fnum(v.n), true
	}
	f, ok := r.sch.byPath[name]
	if !ok {
		return fval{}, false
	}
	switch f.typ {
	case tBool:
		return fbool(r.boolean(f)), true
	case tNum:
		v, ok := r.number(f)
		return fnum(v), ok
	case tStr:
		v, ok := r.text(f)
		return fstring(v), ok
	}
	return fval{}, false
}

// sumOver evaluates x for each qualifying element of list and adds them up.
func (env *fenv) sumOver(list string, x fexpr) (fval, error) {
	if env.list == nil || env.list.path != list {
		return fval{}, fmt.Errorf("公式引用的列表 %s 不是该政策条件中的列表", list)
	}
	sum := 0.0
	for _, el := range env.qual {
		sub := *env
		sub.elem = el
		v, err := evalNum(x, &sub)
		if err != nil {
			return fval{}, err
		}
		sum += v
	}
	return fnum(sum), nil
}

// minWage returns the monthly minimum wage for the district named by the
// attribute field (its city attribute is the fallback).
func (env *fenv) minWage(field string) (fval, error) {
	if field == "district" {
		field = env.districtField()
	}
	city := strings.Replace(field, "district", "city", 1)
	d, _ := recordValue(env.e, env.rec, field)
	c, _ := recordValue(env.e, env.rec, city)
	v, note, ok := env.e.cat.minWageAt(env.e.eval, d.s, c.s)
	if !ok {
		var w text
		note.write(&w)
		return fval{}, errors.New(w.String())
	}
	lo := env.x.w.end
	note.write(&env.x.w)
	env.x.note(lo)
	return fnum(v), nil
}
