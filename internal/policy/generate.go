package policy

import (
	"math/rand/v2"
	"strings"
	"time"
)

// Generator makes random but plausible persons and enterprises around an
// evaluation date, deterministic from a seed. It is not safe for concurrent use.
type Generator struct {
	rng  *rand.Rand
	eval civil
	set  *schemaSet
}

// NewGenerator returns a generator for c's schemas.
func (c *Catalog) NewGenerator(seed uint64, evalDate time.Time) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), eval: civilOf(evalDate), set: c.schemas}
}

// Subject generates the next subject as attributes (the API's shape).
func (g *Generator) Subject() Subject {
	m := mapSink{m: map[string]any{}}
	kind := g.kind()
	if kind == KindPerson {
		g.person(m, g.set.person)
	} else {
		g.enterprise(m, g.set.enterprise)
	}
	return Subject{Kind: kind, Attrs: m.m}
}

// kind draws person (60%) or enterprise (40%).
func (g *Generator) kind() string {
	if g.rng.IntN(10) < 6 {
		return KindPerson
	}
	return KindEnterprise
}

// sink receives generated values; records and attribute maps implement it.
type sink interface {
	setBool(f *fieldDef, v bool)
	setNum(f *fieldDef, v float64)
	setStr(f *fieldDef, v string)
	setDate(f *fieldDef, v civil)
	setList(f *fieldDef, v []string)
	elem(f *fieldDef) sink
}

// recSink writes into a record, taking element records from a pool.
type recSink struct {
	r    *record
	pool *recPool
}

func (s recSink) setBool(f *fieldDef, v bool)     { s.r.setBool(f, v) }
func (s recSink) setNum(f *fieldDef, v float64)   { s.r.setNum(f, v) }
func (s recSink) setStr(f *fieldDef, v string)    { s.r.setStr(f, v) }
func (s recSink) setDate(f *fieldDef, v civil)    { s.r.setDate(f, v) }
func (s recSink) setList(f *fieldDef, v []string) { s.r.setList(f, v) }
func (s recSink) elem(f *fieldDef) sink {
	if f.typ == tObj {
		s.r.markObject(f)
		return s
	}
	e := s.pool.get(f.elem)
	s.r.addElem(f, e)
	return recSink{r: e, pool: s.pool}
}

// recPool recycles element records between generated profiles.
type recPool struct {
	free map[*schema][]*record
	used map[*schema]int
}

func newRecPool() *recPool {
	return &recPool{free: map[*schema][]*record{}, used: map[*schema]int{}}
}

// get returns an empty record of schema s.
func (p *recPool) get(s *schema) *record {
	n := p.used[s]
	p.used[s] = n + 1
	if n < len(p.free[s]) {
		r := p.free[s][n]
		r.reset()
		return r
	}
	r := newRecord(s)
	p.free[s] = append(p.free[s], r)
	return r
}

// release makes every record available again.
func (p *recPool) release() { clear(p.used) }

// mapSink writes nested attribute maps.
type mapSink struct{ m map[string]any }

func (s mapSink) put(f *fieldDef, v any) {
	m := s.m
	path := f.path
	if obj, rest, ok := strings.Cut(path, "."); ok {
		sub, _ := m[obj].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
			m[obj] = sub
		}
		m, path = sub, rest
	}
	m[path] = v
}

func (s mapSink) setBool(f *fieldDef, v bool)   { s.put(f, v) }
func (s mapSink) setNum(f *fieldDef, v float64) { s.put(f, v) }
func (s mapSink) setStr(f *fieldDef, v string)  { s.put(f, v) }
func (s mapSink) setDate(f *fieldDef, v civil)  { s.put(f, v.String()) }
func (s mapSink) setList(f *fieldDef, v []string) {
	l := make([]any, len(v))
	for i, x := range v {
		l[i] = x
	}
	s.put(f, l)
}
func (s mapSink) elem(f *fieldDef) sink {
	if f.typ == tObj {
		if _, ok := s.m[f.path].(map[string]any); !ok {
			s.m[f.path] = map[string]any{}
		}
		return s
	}
	e := map[string]any{}
	l, _ := s.m[f.path].([]any)
	s.m[f.path] = append(l, e)
	return mapSink{m: e}
}

// Random helpers.
func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }
func (g *Generator) between(lo, hi int) int {
	return lo + g.rng.IntN(hi-lo+1)
}
func (g *Generator) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

// daysAgo returns a date between lo and hi days before the evaluation date
// (negative values are in the future).
func (g *Generator) daysAgo(lo, hi int) civil { return addDays(g.eval, -g.between(lo, hi)) }

// districts lists Wuhan's districts.
func districts() []string {
	return []string{"江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区", "蔡甸区", "江夏区", "黄陂区", "新洲区", "东湖新技术开发区", "武汉经济技术开发区(汉南区)", "东湖生态旅游风景区"}
}

// graduation draws a plausible graduation date for a college education.
func (g *Generator) graduation(birth civil) civil {
	y := g.eval.year() - g.between(0, 3)
	if g.chance(0.3) {
		y = g.eval.year() - g.between(0, 12)
	}
	m, d := 6, g.between(15, 30)
	if g.chance(0.15) {
		m, d = g.pick2(7, 12), g.between(1, 28)
	}
	gd := mkCivil(y, m, d)
	if min := addYears(birth, 19); gd < min {
		gd = mkCivil(min.year(), 6, 30)
	}
	return gd
}

// either returns a when cond holds, else b.
func either(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// pick2 returns a or b.
func (g *Generator) pick2(a, b int) int {
	if g.chance(0.5) {
		return a
	}
	return b
}

// person generates a person.
func (g *Generator) person(w sink, s *schema) {
	f := s.f
	gender := g.pick("男", "女")
	w.setStr(f("gender"), gender)
	age := g.between(16, 64)
	if g.chance(0.4) {
		age = g.between(20, 30)
	}
	birth := g.daysAgo(age*365+1, age*365+360)
	w.setDate(f("birth_date"), birth)
	edu := []string{"初中", "高中", "中职", "大专", "本科", "本科", "硕士", "博士"}[g.rng.IntN(8)]
	w.setStr(f("education"), edu)
	college := isCollege(edu)
	wuhan := g.chance(0.65)
	if wuhan {
		w.setStr(f("hukou_province"), "湖北省")
		w.setStr(f("hukou_city"), "武汉市")
		w.setStr(f("hukou_district"), g.pick(districts()...))
	} else {
		w.setStr(f("hukou_province"), g.pick("湖北省", "湖南省", "河南省"))
		w.setStr(f("hukou_city"), g.pick("孝感市", "黄冈市", "信阳市", "岳阳市"))
		w.setBool(f("has_wuhan_residence_permit"), g.chance(0.5))
	}
	rural := g.chance(0.3)
	w.setStr(f("hukou_type"), either(rural, "农村", "城镇"))
	if college || edu == "中职" {
		grad := g.graduation(birth)
		w.setDate(f("graduation_date"), grad)
		w.setBool(f("full_time"), g.chance(0.85))
		w.setStr(f("school_type"), either(college, "普通高校", "中职"))
		w.setStr(f("school_province"), g.pick("湖北省", "湖北省", "湖北省", "湖南省"))
		w.setStr(f("school_city"), g.pick("武汉市", "武汉市", "宜昌市"))
		w.setStr(f("student_status"), either(grad <= g.eval, "毕业", "在校"))
		w.setBool(f("employed_since_graduation"), g.chance(0.5))
		w.setBool(f("national_student_loan"), g.chance(0.1))
	}
	status := g.pick("失业", "失业", "灵活就业", "在职", "在职", "自主创业", "自主创业", "公益性岗位")
	w.setStr(f("employment_status"), status)
	switch status {
	case "失业":
		w.setBool(f("unemployment_registered"), g.chance(0.7))
		w.setNum(f("unemployed_months"), float64(g.between(0, 30)))
		w.setBool(f("receiving_ui_benefit"), g.chance(0.2))
	case "灵活就业":
		w.setBool(f("flexible_registered"), g.chance(0.7))
		w.setBool(f("flexible_si_paid"), g.chance(0.6))
	case "在职":
		w.setBool(f("enterprise_employee"), g.chance(0.8))
		w.setNum(f("ui_months"), float64(g.between(0, 60)))
	}
	w.setBool(f("difficulty_certified"), g.chance(0.15))
	if g.chance(0.12) {
		w.setList(f("family_hardship"), []string{g.pick("低保家庭", "脱贫家庭", "零就业家庭", "城乡低收入家庭")})
	}
	w.setBool(f("disabled"), g.chance(0.03))
	w.setBool(f("is_migrant_worker"), rural && g.chance(0.4))
	w.setBool(f("pension_insured_at_other_employer"), g.chance(0.1))
	w.setBool(f("other_loans"), g.chance(0.15))
	if g.chance(0.2) {
		c := w.elem(f("certificates"))
		c.setStr(s.f("certificates").elem.f("level"), g.pick("初级", "中级", "高级"))
		c.setDate(s.f("certificates").elem.f("issued"), g.daysAgo(0, 720))
	}
	if status == "自主创业" || g.chance(0.05) {
		g.business(w.elem(f("business")), s)
	}
	if g.chance(0.06) {
		v := w.elem(f("veteran"))
		v.setStr(f("veteran.type"), g.pick("义务兵", "士官"))
		v.setNum(f("veteran.service_years"), float64(g.between(2, 12)))
		v.setDate(f("veteran.discharge_date"), g.daysAgo(0, 1100))
		v.setStr(f("veteran.resettlement"), g.pick("自主就业", "自主就业", "自主就业", "安排工作"))
	}
	if g.chance(0.1) {
		r := w.elem(f("returnee"))
		r.setNum(f("returnee.away_months"), float64(g.between(3, 60)))
		r.setDate(f("returnee.return_date"), g.daysAgo(0, 2200))
	}
}

// business generates a person's own business.
func (g *Generator) business(b sink, s *schema) {
	f := s.f
	b.setStr(f("business.kind"), g.pick("个体工商户", "个体工商户", "小微企业", "合伙企业"))
	b.setDate(f("business.reg_date"), g.daysAgo(-10, 1800))
	if g.chance(0.85) {
		b.setStr(f("business.reg_city"), "武汉市")
		b.setStr(f("business.reg_province"), "湖北省")
		b.setStr(f("business.reg_district"), g.pick(districts()...))
	} else {
		b.setStr(f("business.reg_city"), "孝感市")
		b.setStr(f("business.reg_province"), "湖北省")
	}
	b.setBool(f("business.operating_normally"), g.chance(0.9))
	b.setBool(f("business.first_time"), g.chance(0.8))
	emp := g.between(1, 6)
	b.setNum(f("business.employees_including_self"), float64(emp))
	b.setNum(f("business.employees_excluding_self"), float64(emp-1))
	b.setBool(f("business.is_legal_rep"), g.chance(0.85))
	b.setBool(f("business.rural_address"), g.chance(0.2))
	b.setBool(f("business.online_platform"), g.chance(0.25))
	b.setNum(f("business.orders"), float64(g.between(0, 1000)))
}

// enterprise generates an enterprise with new hires, interns and apprentices.
func (g *Generator) enterprise(w sink, s *schema) {
	f := s.f
	w.setStr(f("org_type"), g.pick("企业", "企业", "企业", "企业", "企业", "企业", "企业", "企业", "企业", "社会组织"))
	size := g.pick("大型", "中型", "中型", "小型", "小型", "小型", "小型", "微型", "微型", "微型")
	w.setStr(f("size"), size)
	w.setStr(f("reg_province"), "湖北省")
	if g.chance(0.9) {
		w.setStr(f("reg_city"), "武汉市")
		w.setStr(f("reg_district"), g.pick(districts()...))
	} else {
		w.setStr(f("reg_city"), "孝感市")
	}
	w.setDate(f("reg_date"), g.daysAgo(100, 7000))
	var n int
	switch size {
	case "大型":
		n = g.between(500, 5000)
	case "中型":
		n = g.between(100, 500)
	case "小型":
		n = g.between(10, 120)
	default:
		n = g.between(2, 10)
	}
	w.setNum(f("headcount"), float64(n))
	months := 12
	if g.chance(0.15) {
		months = g.between(0, 11)
	}
	w.setNum(f("ui_paid_months_last_year"), float64(months))
	rate := 0.0
	if g.chance(0.5) {
		rate = float64(g.between(0, 300)) / 1000
	}
	w.setNum(f("layoff_rate"), rate)
	w.setBool(f("serious_dishonesty"), g.chance(0.02))
	w.setBool(f("wage_or_si_arrears"), g.chance(0.05))
	w.setNum(f("cydb_new_hires_12m"), float64(g.between(0, n/5+1)))
	base := g.chance(0.15)
	w.setBool(f("is_jianxi_base"), base)
	w.setBool(f("pays_allowance_ge_min_wage"), g.chance(0.8))
	w.setBool(f("buys_accident_insurance"), g.chance(0.8))
	hires := s.f("new_hires")
	for i := g.between(0, 4); i > 0; i-- {
		g.hire(w.elem(hires), hires.elem)
	}
	if base {
		interns := s.f("interns")
		for i := g.between(1, 4); i > 0; i-- {
			g.intern(w.elem(interns), interns.elem)
		}
	}
	if g.chance(0.1) {
		app := s.f("apprentices")
		for i := g.between(1, 6); i > 0; i-- {
			a := w.elem(app)
			a.setBool(app.elem.f("new_or_transfer"), g.chance(0.8))
			a.setNum(app.elem.f("contract_months"), float64(g.pick2(12, 36)))
			a.setBool(app.elem.f("catalog_institution"), g.chance(0.7))
			a.setStr(app.elem.f("target_level"), g.pick("中级", "高级"))
		}
	}
}

// hire generates one new_hires element.
func (g *Generator) hire(h sink, s *schema) {
	f := s.f
	edu := g.pick("高中", "中职", "大专", "本科", "本科", "硕士")
	h.setStr(f("education"), edu)
	hire := g.daysAgo(0, 700)
	h.setDate(f("hire_date"), hire)
	if isCollege(edu) {
		h.setDate(f("graduation_date"), addDays(hire, -g.between(-60, 1200)))
		h.setBool(f("employed_between_grad_and_hire"), g.chance(0.3))
	}
	h.setNum(f("age_at_hire"), float64(g.between(18, 55)))
	h.setBool(f("registered_unemployed_at_hire"), g.chance(0.3))
	h.setBool(f("difficulty_certified"), g.chance(0.1))
	h.setBool(f("poverty_alleviated"), g.chance(0.05))
	if g.chance(0.05) {
		h.setDate(f("veteran_discharge_date"), addDays(hire, -g.between(0, 600)))
		h.setBool(f("veteran_self_employment_resettled"), g.chance(0.6))
	}
	h.setNum(f("contract_months"), float64([]int{6, 12, 24, 36, 60}[g.rng.IntN(5)]))
	h.setNum(f("si_months"), float64(g.between(0, max(monthsBetween(hire, g.eval), 0))))
	h.setBool(f("employment_registered"), g.chance(0.8))
	if g.chance(0.2) {
		h.setNum(f("onboarding_training_hours"), float64(g.between(20, 120)))
	}
}

// intern generates one interns element.
func (g *Generator) intern(it sink, s *schema) {
	f := s.f
	start := g.daysAgo(0, 300)
	it.setStr(f("education"), g.pick("大专", "本科", "高中"))
	it.setDate(f("graduation_date"), addDays(start, -g.between(0, 900)))
	it.setNum(f("age"), float64(g.between(18, 28)))
	it.setBool(f("registered_unemployed"), g.chance(0.3))
	it.setDate(f("start_date"), start)
	it.setNum(f("months"), float64(g.between(3, 12)))
	it.setBool(f("employed_since_graduation"), g.chance(0.2))
	it.setBool(f("retained"), g.chance(0.5))
}
