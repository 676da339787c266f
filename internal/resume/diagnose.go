package resume

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Severity says how urgent a finding is.
type Severity string

// Severities, most urgent first.
const (
	Error Severity = "error" // must fix: the resume cannot work without it
	Warn  Severity = "warn"  // should fix: employers notice it
	Tip   Severity = "tip"   // would help
)

// Label is the Chinese name the pages show.
func (s Severity) Label() string {
	switch s {
	case Error:
		return "必须修改"
	case Warn:
		return "建议修改"
	case Tip:
		return "小提示"
	}
	return string(s)
}

func (s Severity) rank() int {
	switch s {
	case Error:
		return 0
	case Warn:
		return 1
	}
	return 2
}

// Finding is one concrete, actionable problem with a link to the place
// that fixes it.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`  // Chinese, names the entry and the numbers
	Field    string   `json:"field"`    // e.g. "work[1].from"
	FixHref  string   `json:"fix_href"` // e.g. "/me/resume#work-1"
	Points   int      `json:"points"`   // deducted from 100
}

// Diagnosis is the result of Diagnose.
type Diagnosis struct {
	Score     int       `json:"score"` // 0–100
	Grade     string    `json:"grade"` // 优秀 / 良好 / 待完善 / 较差
	Findings  []Finding `json:"findings"`
	Strengths []string  `json:"strengths"`
}

// Market is the salary range of current posts for one occupation and
// region, computed by the caller. Occupation and Region are the names the
// figures cover, for messages (the caller may fall back to a parent code
// when the exact one has too few posts); codes are shown when empty.
type Market struct {
	P25, P50, P75 int // yuan/month
	N             int // posts sampled
	Occupation    string
	Region        string
}

// MarketLookup returns the market for an occupation and a region code;
// regionCode "" asks for all regions. ok is false when nothing is known.
type MarketLookup func(occupationCode, regionCode string) (Market, bool)

// Profile is what the registry knows about the person.
type Profile struct {
	HasPhone       bool
	Birth          time.Time // zero when unknown
	Education      string    // one of registry.Educations, or ""
	GraduationDate time.Time // zero when unknown
}

// Rule is one line of the diagnosis rubric. Points are deducted per
// finding; Cap, when set, bounds the total a code can deduct (further
// findings of the code are still listed, with 0 points).
type Rule struct {
	Code     string
	Severity Severity
	Points   int
	Cap      int
	Title    string
}

// Rubric lists every rule Diagnose applies, in the order of the form.
var Rubric = []Rule{
	{"no_intention", Error, 20, 0, "没有求职意向"},
	{"intention_no_occupation", Error, 8, 16, "求职意向没有意向职业"},
	{"intention_no_region", Warn, 4, 8, "求职意向没有工作地区"},
	{"intention_no_salary", Tip, 2, 4, "求职意向没有期望月薪"},
	{"salary_high", Warn, 5, 10, "期望月薪远高于市场"},
	{"salary_low", Tip, 2, 4, "期望月薪明显低于市场"},
	{"no_phone", Error, 10, 0, "登记信息没有手机号"},
	{"no_education", Warn, 8, 0, "没有教育经历"},
	{"education_mismatch", Warn, 4, 0, "最高学历与登记信息不一致"},
	{"no_work", Tip, 5, 0, "没有工作经历"},
	{"work_no_dates", Error, 6, 18, "工作经历没有起止时间"},
	{"work_too_early", Warn, 3, 6, "工作经历早于 16 周岁"},
	{"work_gap", Warn, 4, 12, "工作经历空档超过 6 个月"},
	{"graduation_gap", Warn, 4, 0, "毕业后空档超过 6 个月"},
	{"work_overlap", Warn, 4, 8, "全职工作时间重叠"},
	{"work_desc_short", Warn, 3, 12, "工作内容不足 20 字"},
	{"no_skills", Warn, 10, 0, "没有技能标签"},
	{"few_skills", Tip, 3, 0, "技能标签少于 3 项"},
	{"cert_no_level", Warn, 3, 9, "职业技能等级证书没有等级"},
	{"cert_no_date", Warn, 3, 9, "证书没有发证日期"},
	{"cert_future", Error, 6, 12, "发证日期晚于今天"},
	{"cert_level_unknown", Warn, 3, 9, "证书等级不是国家职业技能等级"},
	{"self_desc_missing", Tip, 5, 0, "没有自我描述"},
	{"self_desc_short", Tip, 3, 0, "自我描述不足 30 字"},
	{"self_desc_long", Error, 10, 0, "自我描述超过 2000 字"},
	{"stale", Tip, 3, 0, "简历超过 180 天未更新"},
	{"not_discoverable", Tip, 5, 0, "简历未公开给用人单位"},
	{"no_location", Tip, 2, 0, "未填写期望工作位置"},
}

// Thresholds of the rubric.
const (
	MaxGapMonths       = 6    // a gap of more calendar months is reported
	MinOverlapMonths   = 2    // full-time jobs sharing fewer months are a handover
	MinDescRunes       = 20   // work description
	MinSelfDescRunes   = 30   // self-description
	MinSkills          = 3    // fewer is a tip
	MinMarketSamples   = 10   // fewer posts: no salary comparison
	StaleDays          = 180  // not updated for longer: a tip
	HighSalaryPermille = 1300 // above P75 × 1.3 is far above the market
	LowSalaryPermille  = 700  // below P25 × 0.7 is underselling
	MinWorkAge         = 16
)

// Paths of the pages the fix-it links point to; WithPaths rewrites them
// for staff pages.
const (
	ResumePath  = "/me/resume"
	ProfilePath = "/me/edit"
)

// Diagnose runs the rubric over r as of now and scores it: 100 minus the
// points of every finding, at least 0. Findings come sorted by severity,
// then points, then form order. market may be nil (no salary comparison);
// r may be nil (an empty resume). Field paths and "第 N 段" refer to the
// order of r's lists, which Normalize sorts newest first.
func Diagnose(r *Resume, p Profile, now time.Time, market MarketLookup) Diagnosis {
	if r == nil {
		r = &Resume{}
	}
	d := &diagnoser{r: r, p: p, now: now, month: MonthOf(now), market: market, spent: map[string]int{}}
	d.intentions()
	if !p.HasPhone {
		d.add("no_phone", "phone", ProfilePath+"#phone", "登记信息中没有手机号，用人单位看到简历后无法联系您")
	}
	d.education()
	d.work()
	d.skills()
	d.certificates()
	d.self()

	slices.SortStableFunc(d.out.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity.rank(), b.Severity.rank()), cmp.Compare(b.Points, a.Points))
	})
	score := 100
	for _, f := range d.out.Findings {
		score -= f.Points
	}
	d.out.Score = max(score, 0)
	d.out.Grade = Grade(d.out.Score)
	d.strengths()
	return d.out
}

// Grade names a score: 优秀 ≥ 90, 良好 ≥ 75, 待完善 ≥ 60, else 较差.
func Grade(score int) string {
	switch {
	case score >= 90:
		return "优秀"
	case score >= 75:
		return "良好"
	case score >= 60:
		return "待完善"
	}
	return "较差"
}

// WithPaths returns a copy of d whose fix-it links point at resumePath and
// profilePath instead of the person's own pages (for staff consoles).
func (d Diagnosis) WithPaths(resumePath, profilePath string) Diagnosis {
	d.Findings = slices.Clone(d.Findings)
	for i := range d.Findings {
		h := &d.Findings[i].FixHref
		if rest, ok := strings.CutPrefix(*h, ResumePath); ok {
			*h = resumePath + rest
		} else if rest, ok := strings.CutPrefix(*h, ProfilePath); ok {
			*h = profilePath + rest
		}
	}
	return d
}

// RuleFor returns the rubric line of code.
func RuleFor(code string) (Rule, bool) {
	i := slices.IndexFunc(Rubric, func(r Rule) bool { return r.Code == code })
	if i < 0 {
		return Rule{}, false
	}
	return Rubric[i], true
}

type diagnoser struct {
	r      *Resume
	p      Profile
	now    time.Time
	month  Month
	market MarketLookup
	spent  map[string]int
	out    Diagnosis

	salaryChecked bool // a market comparison ran and found nothing
}

func (d *diagnoser) add(code, field, href, msg string) {
	rule, ok := RuleFor(code)
	if !ok {
		panic("resume: no rubric rule " + code)
	}
	pts := rule.Points
	if rule.Cap > 0 {
		pts = max(min(pts, rule.Cap-d.spent[code]), 0)
	}
	d.spent[code] += pts
	d.out.Findings = append(d.out.Findings, Finding{Code: code, Severity: rule.Severity, Message: msg, Field: field, FixHref: href, Points: pts})
}

func anchor(kind string, i int) string { return ResumePath + "#" + kind + "-" + strconv.Itoa(i) }

func itoa(n int) string { return strconv.Itoa(n) }

func (d *diagnoser) intentions() {
	if len(d.r.Intentions) == 0 {
		d.add("no_intention", "intentions", ResumePath+"#intentions", "还没有填写求职意向：至少选择一个意向职业和工作地区，系统才能为您推荐合适的岗位")
		return
	}
	for i, it := range d.r.Intentions {
		p, href, nth := path("intentions", i), anchor("intention", i), "第 "+itoa(i+1)+" 个求职意向"
		if len(it.OccupationCodes) == 0 {
			d.add("intention_no_occupation", p+".occupation_codes", href, nth+"没有选择意向职业，系统无法按职业为您推荐岗位")
		}
		if len(it.RegionCodes) == 0 {
			d.add("intention_no_region", p+".region_codes", href, nth+"没有选择工作地区，推荐的岗位可能离您很远")
		}
		if it.SalaryMin == 0 && it.SalaryMax == 0 {
			d.add("intention_no_salary", p+".salary_min", href, nth+"没有填写期望月薪，推荐时无法按薪资为您筛选岗位")
			continue
		}
		d.salary(i, it)
	}
}

// salary compares an intention's expectation with the most generous market
// among its occupations × regions (for "too high") and the least generous
// (for "too low"), using only markets with enough posts.
func (d *diagnoser) salary(i int, it Intention) {
	if d.market == nil || len(it.OccupationCodes) == 0 {
		return
	}
	regions := it.RegionCodes
	if len(regions) == 0 {
		regions = []string{""}
	}
	var hi, lo Market
	found := false
	for _, oc := range it.OccupationCodes {
		for _, rc := range regions {
			m, ok := d.market(oc, rc)
			if !ok || m.N < MinMarketSamples || m.P25 <= 0 || m.P75 <= 0 {
				continue
			}
			if m.Occupation == "" {
				m.Occupation = oc
			}
			if m.Region == "" {
				m.Region = rc
			}
			if !found || m.P75 > hi.P75 {
				hi = m
			}
			if !found || m.P25 < lo.P25 {
				lo = m
			}
			found = true
		}
	}
	if !found {
		return
	}
	p, href := path("intentions", i), anchor("intention", i)
	switch {
	case it.SalaryMin*1000 > hi.P75*HighSalaryPermille:
		d.add("salary_high", p+".salary_min", href, "期望 "+itoa(it.SalaryMin)+" 元/月，高于"+hi.Region+"同类岗位（"+hi.Occupation+"）75% 分位 "+
			itoa(hi.P75)+" 元/月 的 1.3 倍，过高的期望会错过合适的岗位，建议参考市场行情调整")
	case it.SalaryMax > 0 && it.SalaryMax*1000 < lo.P25*LowSalaryPermille:
		d.add("salary_low", p+".salary_max", href, "期望 "+itoa(it.SalaryMax)+" 元/月，低于"+lo.Region+"同类岗位（"+lo.Occupation+"）25% 分位 "+
			itoa(lo.P25)+" 元/月 的 7 折，您可能低估了自己，可以适当提高期望")
	default:
		d.salaryChecked = true
	}
}

func (d *diagnoser) education() {
	if len(d.r.Education) == 0 {
		d.add("no_education", "education", ResumePath+"#education", "还没有填写教育经历，请至少填写最高学历的学校、专业和起止时间")
		return
	}
	high, reg := d.r.HighestEducation(), d.p.Education
	if high != "" && educationRank(reg) > 0 && educationRank(high) != educationRank(reg) {
		d.add("education_mismatch", "education", ResumePath+"#education",
			"简历中的最高学历（"+high+"）与登记信息中的学历（"+reg+"）不一致，请补充教育经历或更正登记信息")
	}
}

// workLabel names a job as the person wrote it: "（武汉XX物流，仓管员）".
func workLabel(w WorkEntry) string {
	parts := slices.DeleteFunc([]string{w.Employer, w.Title}, func(s string) bool { return s == "" })
	if len(parts) == 0 {
		return ""
	}
	return "（" + strings.Join(parts, "，") + "）"
}

// workName is the shortest name of a job for a sentence.
func workName(w WorkEntry, i int) string {
	return cmp.Or(w.Employer, w.Title, "第 "+itoa(i+1)+" 段工作")
}

func nthWork(w WorkEntry, i int) string {
	return "第 " + itoa(i+1) + " 段工作经历" + workLabel(w)
}

func (d *diagnoser) work() {
	work := d.r.Work
	if len(work) == 0 {
		d.add("no_work", "work", ResumePath+"#work", "还没有填写工作经历；没有正式工作过的，可以填写实习、兼职、零工或校园实践经历")
		return
	}
	adult := Month(-1)
	if !d.p.Birth.IsZero() {
		adult = MonthOf(d.p.Birth) + MinWorkAge*12
	}
	for i, w := range work {
		p, href := path("work", i), anchor("work", i)
		_, errF := ParseMonth(w.From)
		_, errT := ParseMonth(w.To)
		switch {
		case w.From == "" && w.To == "":
			d.add("work_no_dates", p+".from", href, nthWork(w, i)+"没有填写起止时间")
		case w.From == "":
			d.add("work_no_dates", p+".from", href, nthWork(w, i)+"没有填写开始时间")
		case errF != nil:
			d.add("work_no_dates", p+".from", href, nthWork(w, i)+"的开始时间“"+w.From+"”不是有效的年月（应为 YYYY-MM）")
		case w.To != "" && errT != nil:
			d.add("work_no_dates", p+".to", href, nthWork(w, i)+"的结束时间“"+w.To+"”不是有效的年月（应为 YYYY-MM）")
		}
		if from, err := ParseMonth(w.From); err == nil && from < adult {
			d.add("work_too_early", p+".from", href, nthWork(w, i)+"开始于 "+from.String()+"，当时您还未满 16 周岁，请核对开始时间")
		}
	}

	spans := workSpans(work, d.month, false)
	for _, g := range gaps(spans) {
		before, after := work[g.before], work[g.after]
		d.add("work_gap", path("work", g.after)+".from", anchor("work", g.after),
			g.from.String()+" 至 "+g.to.String()+" 有 "+itoa(g.months())+" 个月没有工作经历（离开"+workName(before, g.before)+
				"后、入职"+workName(after, g.after)+"前），建议补充这段时间的经历，或在自我描述中说明原因（如进修、照顾家庭）")
	}
	if grad, ok := d.graduation(); ok && len(spans) > 0 && spans[0].from > grad+1 {
		first := spans[0]
		if g := (gap{from: grad + 1, to: first.from - 1}); g.months() > MaxGapMonths {
			w := work[first.i]
			d.add("graduation_gap", path("work", first.i)+".from", anchor("work", first.i),
				"毕业后 "+g.from.String()+" 至 "+g.to.String()+" 有 "+itoa(g.months())+" 个月没有工作经历（"+grad.String()+" 毕业，"+
					first.from.String()+" 入职"+workName(w, first.i)+"），建议补充实习、培训经历，或在自我描述中说明原因")
		}
	}
	for _, o := range overlaps(workSpans(work, d.month, true)) {
		a, b := min(o.a, o.b), max(o.a, o.b)
		d.add("work_overlap", path("work", b)+".from", anchor("work", b),
			"第 "+itoa(a+1)+" 段"+workLabel(work[a])+"和第 "+itoa(b+1)+" 段"+workLabel(work[b])+"全职工作经历在 "+
				o.from.String()+" 至 "+o.to.String()+" 重叠 "+itoa(o.months())+" 个月，请核对起止时间；如其中一份是兼职，请勾选“兼职”")
	}

	for i, w := range work {
		p, href := path("work", i), anchor("work", i)
		switch n := runes(w.Description); {
		case n == 0:
			d.add("work_desc_short", p+".description", href, nthWork(w, i)+"没有填写工作内容，建议写到 "+itoa(MinDescRunes)+" 字以上：做什么、用什么设备或工具、取得了什么成绩")
		case n < MinDescRunes:
			d.add("work_desc_short", p+".description", href, nthWork(w, i)+"的工作内容只有 "+itoa(n)+" 个字，建议写到 "+itoa(MinDescRunes)+" 字以上：做什么、用什么设备或工具、取得了什么成绩")
		}
	}
}

// graduation is the month the person finished school: the registry's
// graduation date, else the latest end of a full-time education entry;
// only a month not after now counts.
func (d *diagnoser) graduation() (Month, bool) {
	if !d.p.GraduationDate.IsZero() {
		g := MonthOf(d.p.GraduationDate)
		return g, g <= d.month
	}
	best, ok := Month(0), false
	for _, e := range d.r.Education {
		if t, err := ParseMonth(e.To); err == nil && e.FullTime && t <= d.month && (!ok || t > best) {
			best, ok = t, true
		}
	}
	return best, ok
}

// gap is a run of calendar months, both ends included, without work;
// before and after are the jobs around it (indices into Resume.Work).
type gap struct {
	from, to      Month
	before, after int
}

func (g gap) months() int { return int(g.to-g.from) + 1 }

// gaps returns the runs of more than MaxGapMonths months that no job
// covers between the first start and the last end; spans are sorted by
// start. The job before a gap is the one that ended last before it.
func gaps(spans []span) []gap {
	var out []gap
	if len(spans) == 0 {
		return nil
	}
	end, last := spans[0].to, spans[0].i
	for _, s := range spans[1:] {
		if g := (gap{from: end + 1, to: s.from - 1, before: last, after: s.i}); g.months() > MaxGapMonths {
			out = append(out, g)
		}
		if s.to > end {
			end, last = s.to, s.i
		}
	}
	return out
}

// overlap is a run of months two full-time jobs share.
type overlap struct {
	from, to Month
	a, b     int
}

func (o overlap) months() int { return int(o.to-o.from) + 1 }

// overlaps returns, for each job (sorted by start), its overlap with the
// earlier job that runs longest, when they share at least MinOverlapMonths.
func overlaps(spans []span) []overlap {
	var out []overlap
	if len(spans) == 0 {
		return nil
	}
	cur := spans[0]
	for _, s := range spans[1:] {
		if o := (overlap{from: s.from, to: min(s.to, cur.to), a: cur.i, b: s.i}); o.to >= o.from && o.months() >= MinOverlapMonths {
			out = append(out, o)
		}
		if s.to > cur.to {
			cur = s
		}
	}
	return out
}

func (d *diagnoser) skills() {
	switch n := len(d.r.Skills); {
	case n == 0:
		d.add("no_skills", "skills", ResumePath+"#skills", "还没有填写技能标签，用人单位和推荐系统都按技能找人，可以填写会操作的设备、软件和持有的证书，如“叉车驾驶”“Excel”“仓库盘点”")
	case n < MinSkills:
		d.add("few_skills", "skills", ResumePath+"#skills", "只填写了 "+itoa(n)+" 项技能，建议至少填写 "+itoa(MinSkills)+" 项，如会操作的设备、软件和持有的证书")
	}
}

func (d *diagnoser) certificates() {
	today := dayOf(d.now)
	for i, c := range d.r.Certificates {
		p, href, name := path("certificates", i), anchor("certificate", i), "证书「"+c.Name+"」"
		switch c.Kind {
		case KindSkillLevel:
			if c.Level == "" {
				d.add("cert_no_level", p+".level", href, name+"是职业技能等级证书，但没有填写等级（"+Levels[0]+" 至 "+Levels[len(Levels)-1]+"）")
			} else if !slices.Contains(Levels, c.Level) {
				d.add("cert_level_unknown", p+".level", href, name+"的等级「"+c.Level+"」不是国家职业技能等级，请从"+strings.Join(Levels, "、")+"中选择")
			}
		case KindSpecial:
			if c.Level != "" {
				d.add("cert_level_unknown", p+".level", href, name+"是专项职业能力证书，不分等级，请删除等级「"+c.Level+"」")
			}
		}
		if c.IssuedOn == "" {
			if c.Kind != KindOther && c.Kind != "" {
				d.add("cert_no_date", p+".issued_on", href, name+"没有填写发证日期，用人单位无法核实")
			}
		} else if t, err := ParseDate(c.IssuedOn); err == nil && t.After(today) {
			d.add("cert_future", p+".issued_on", href, name+"的发证日期 "+c.IssuedOn+" 晚于今天，请核对")
		}
	}
}

func (d *diagnoser) self() {
	href := ResumePath + "#self-description"
	switch n := runes(strings.TrimSpace(d.r.SelfDescription)); {
	case n == 0:
		d.add("self_desc_missing", "self_description", href, "还没有填写自我描述，用两三句话介绍您的经验、特长和想找的工作，更容易被用人单位注意到")
	case n < MinSelfDescRunes:
		d.add("self_desc_short", "self_description", href, "自我描述只有 "+itoa(n)+" 个字，建议写到 "+itoa(MinSelfDescRunes)+" 字以上：您的经验、特长和想找什么样的工作")
	case n > MaxTextRunes:
		d.add("self_desc_long", "self_description", href, "自我描述有 "+itoa(n)+" 个字，超过 "+itoa(MaxTextRunes)+" 字的上限，请精简到重点")
	}
	if u := d.r.UpdatedAt; !u.IsZero() {
		if days := int(d.now.Sub(u) / (24 * time.Hour)); days > StaleDays {
			d.add("stale", "updated_at", ResumePath, "简历已经 "+itoa(days)+" 天没有更新，近期更新的简历在推荐中排序更靠前")
		}
	}
	if !d.r.HasLocation() && len(d.r.Intentions) > 0 {
		d.add("no_location", "lat", ResumePath+"#location", "没有填写期望工作位置（纬度、经度）：填写后，推荐的岗位会按离您的远近排序，并显示“距离 N 公里”")
	}
	if !d.r.Discoverable {
		d.add("not_discoverable", "discoverable", ResumePath+"#discoverable", "简历没有公开给用人单位，企业无法主动找到您；打开“允许推荐给用人单位”后，合适的企业可以向您发出邀约")
	}
}

func (d *diagnoser) has(code string) bool {
	return slices.ContainsFunc(d.out.Findings, func(f Finding) bool { return f.Code == code })
}

func (d *diagnoser) strengths() {
	r := d.r
	var s []string
	add := func(x string) { s = append(s, x) }

	if len(r.Intentions) > 0 && !d.has("intention_no_occupation") && !d.has("intention_no_region") {
		add("求职意向明确")
	}
	if d.salaryChecked && !d.has("salary_high") && !d.has("salary_low") {
		add("期望薪资符合市场行情")
	}
	if len(workSpans(r.Work, d.month, false)) >= 2 && !d.has("work_no_dates") && !d.has("work_gap") && !d.has("work_overlap") {
		add("工作经历连续")
	}
	if y := r.YearsAt(d.now); y >= 1 {
		add("累计工作经验 " + strconv.FormatFloat(math.Floor(y*10)/10, 'f', -1, 64) + " 年")
	}
	if len(r.Work) > 0 && !slices.ContainsFunc(r.Work, func(w WorkEntry) bool { return runes(w.Description) < 50 }) {
		add("工作内容描述具体")
	}
	if n := len(r.Skills); n >= 5 {
		add("技能标签丰富（" + itoa(n) + " 项）")
	}
	best, kind := -1, ""
	today := dayOf(d.now)
	for _, c := range r.Certificates {
		t, err := ParseDate(c.IssuedOn)
		if c.Kind == KindOther || err != nil || t.After(today) {
			continue
		}
		if lv := slices.Index(Levels, c.Level); lv > best {
			best, kind = lv, c.Kind
		}
	}
	if best >= 0 {
		add("持有" + kind + "（" + Levels[best] + "）")
	}
	d.out.Strengths = s
}
