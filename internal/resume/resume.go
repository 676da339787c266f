// Package resume is a person's one structured resume on 网谷智聘: job
// intentions, education and work history, skills, certificates and a
// self-description; its validation (Validate), clean-up (Normalize), the
// figures a printable page shows (Years, HighestEducation) and the resume
// diagnosis 简历诊断 (Diagnose). It holds no storage or HTTP code.
//
// Dates are kept as typed strings so a form never loses input: months are
// "YYYY-MM", certificate dates "YYYY-MM-DD"; Normalize rewrites common
// spellings ("2018.9", "2018年9月", "至今") into that form.
package resume

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// Limits on a resume. Validate enforces them.
const (
	MaxIntentions     = 10
	MaxIntentionCodes = 10 // occupations, and regions, per intention
	MaxEducation      = 20
	MaxWork           = 30
	MaxSkills         = 50
	MaxSkillRunes     = 30
	MaxCertificates   = 20
	MaxTextRunes      = 2000   // self-description and each work description
	MinSalary         = 1000   // yuan/month
	MaxSalary         = 200000 // yuan/month
	// MaxStudyAhead is how far in the future an education entry may end
	// (expected graduation of a student), in years; the registry allows the same.
	MaxStudyAhead = 6
	// China's extent with a margin, as for job posts: a swapped pair
	// (lng, lat) or a position abroad fails.
	MinLat, MaxLat = 3.0, 54.0
	MinLng, MaxLng = 73.0, 136.0
	// LocationDecimals is the precision a location is kept at: 0.001° is
	// about 110 m north–south (95 m east–west in Wuhan), enough for a
	// distance shown to 0.1 km and no closer to a front door.
	LocationDecimals = 3
)

// CertificateKinds are the kinds of certificate a resume lists.
var CertificateKinds = []string{"职业资格证书", "职业技能等级证书", "专项职业能力证书", "其他"}

// The certificate kinds the rules single out.
const (
	KindQualification = "职业资格证书"
	KindSkillLevel    = "职业技能等级证书"
	KindSpecial       = "专项职业能力证书"
	KindOther         = "其他"
)

// Levels are the five national vocational skill levels, lowest first, as
// Normalize writes them.
var Levels = []string{"五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"}

// levelWords map the unambiguous names of the skill levels to their index
// in Levels; levelNumbers the bare numbers, which only a 职业技能等级证书
// reads as skill levels (一级建造师 is a 职业资格, not 高级技师).
var (
	levelWords   = map[string]int{"初级工": 0, "中级工": 1, "高级工": 2, "技师": 3, "高级技师": 4}
	levelNumbers = map[string]int{
		"五级": 0, "5级": 0, "初级": 0,
		"四级": 1, "4级": 1, "中级": 1,
		"三级": 2, "3级": 2, "高级": 2,
		"二级": 3, "2级": 3,
		"一级": 4, "1级": 4,
	}
)

// Resume is a person's one structured resume.
type Resume struct {
	PersonID        int64            `json:"person_id"`
	Intentions      []Intention      `json:"intentions"`
	Education       []EducationEntry `json:"education"`
	Work            []WorkEntry      `json:"work"`
	Skills          []string         `json:"skills"`
	Certificates    []Certificate    `json:"certificates"`
	SelfDescription string           `json:"self_description"`
	// Lat and Lng are an optional home or desired place of work (WGS-84
	// degrees, both set or both nil): recommendations then measure the
	// distance to each post. It is personal data: Normalize keeps it to
	// about 100 m, and employers only ever see a distance.
	Lat          *float64  `json:"lat"`
	Lng          *float64  `json:"lng"`
	Discoverable bool      `json:"discoverable"` // opted in to be recommended to employers
	UpdatedAt    time.Time `json:"updated_at"`
}

// Intention is one job intention: what, where, for how much, and how.
// SalaryMin and SalaryMax are both 0 when the person did not say.
type Intention struct {
	OccupationCodes []string `json:"occupation_codes"`
	RegionCodes     []string `json:"region_codes"`
	SalaryMin       int      `json:"salary_min"` // yuan/month
	SalaryMax       int      `json:"salary_max"`
	FullTime        bool     `json:"full_time"`
	PartTime        bool     `json:"part_time"`
}

// EducationEntry is one school. Level is one of registry.Educations.
type EducationEntry struct {
	School   string `json:"school"`
	Major    string `json:"major"`
	Level    string `json:"level"`
	From     string `json:"from"` // YYYY-MM
	To       string `json:"to"`   // YYYY-MM; may be an expected graduation
	FullTime bool   `json:"full_time"`
}

// WorkEntry is one job. To "" means 至今 (still there) when From is set.
type WorkEntry struct {
	Employer       string `json:"employer"`
	Title          string `json:"title"`
	OccupationCode string `json:"occupation_code"` // optional, 职业分类大典 2022
	From           string `json:"from"`            // YYYY-MM
	To             string `json:"to"`              // YYYY-MM or "" = 至今
	Description    string `json:"description"`
	PartTime       bool   `json:"part_time"` // the zero value is a full-time job
}

// Current reports whether the job is still held (a start and no end).
func (w WorkEntry) Current() bool { return w.From != "" && w.To == "" }

// Certificate is one certificate. Level is one of Levels for skill
// certificates, free text for others, or "".
type Certificate struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Level    string `json:"level"`
	Number   string `json:"number"`
	IssuedOn string `json:"issued_on"` // YYYY-MM-DD
	Issuer   string `json:"issuer"`
}

// Normalize trims every text, rewrites dates in canonical form ("至今" →
// ""), canonicalises skill levels ("高级工" → "三级/高级工"), splits and
// dedupes skills, drops blank rows a form may send, and sorts education,
// work and certificates newest first. Call it before Validate: field paths
// in errors and findings refer to the normalised order.
func (r *Resume) Normalize() {
	r.Intentions = slices.DeleteFunc(r.Intentions, func(it Intention) bool {
		return len(cleanCodes(it.OccupationCodes)) == 0 && len(cleanCodes(it.RegionCodes)) == 0 &&
			it.SalaryMin == 0 && it.SalaryMax == 0
	})
	for i := range r.Intentions {
		it := &r.Intentions[i]
		it.OccupationCodes = cleanCodes(it.OccupationCodes)
		it.RegionCodes = cleanCodes(it.RegionCodes)
	}

	for i := range r.Education {
		e := &r.Education[i]
		e.School, e.Major, e.Level = strings.TrimSpace(e.School), strings.TrimSpace(e.Major), strings.TrimSpace(e.Level)
		e.From, e.To = normalizeMonth(e.From), normalizeEnd(e.To)
	}
	r.Education = slices.DeleteFunc(r.Education, func(e EducationEntry) bool {
		return e.School == "" && e.Major == "" && e.Level == "" && e.From == "" && e.To == ""
	})
	slices.SortStableFunc(r.Education, func(a, b EducationEntry) int {
		return newestFirst(spanKey(a.From, a.To, false), spanKey(b.From, b.To, false))
	})

	for i := range r.Work {
		w := &r.Work[i]
		w.Employer, w.Title = strings.TrimSpace(w.Employer), strings.TrimSpace(w.Title)
		w.OccupationCode = strings.TrimSpace(w.OccupationCode)
		w.From, w.To = normalizeMonth(w.From), normalizeEnd(w.To)
		w.Description = cleanText(w.Description)
	}
	r.Work = slices.DeleteFunc(r.Work, func(w WorkEntry) bool {
		return w.Employer == "" && w.Title == "" && w.OccupationCode == "" && w.From == "" && w.To == "" && w.Description == ""
	})
	slices.SortStableFunc(r.Work, func(a, b WorkEntry) int {
		return newestFirst(spanKey(a.From, a.To, true), spanKey(b.From, b.To, true))
	})

	r.Skills = cleanSkills(r.Skills)

	for i := range r.Certificates {
		c := &r.Certificates[i]
		c.Name, c.Kind, c.Number, c.Issuer = strings.TrimSpace(c.Name), strings.TrimSpace(c.Kind), strings.TrimSpace(c.Number), strings.TrimSpace(c.Issuer)
		c.Level = CanonicalLevel(c.Kind, c.Level)
		c.IssuedOn = normalizeDate(c.IssuedOn)
	}
	r.Certificates = slices.DeleteFunc(r.Certificates, func(c Certificate) bool {
		return c.Name == "" && c.Level == "" && c.Number == "" && c.IssuedOn == "" && c.Issuer == ""
	})
	slices.SortStableFunc(r.Certificates, func(a, b Certificate) int {
		// "YYYY-MM-DD" sorts as text; undated ("") last.
		return cmp.Compare(b.IssuedOn, a.IssuedOn)
	})

	r.SelfDescription = cleanText(r.SelfDescription)
	r.Lat, r.Lng = roundCoord(r.Lat), roundCoord(r.Lng)
}

// roundCoord keeps a coordinate to LocationDecimals places (nil stays nil).
func roundCoord(v *float64) *float64 {
	if v == nil {
		return nil
	}
	scale := math.Pow10(LocationDecimals)
	x := math.Round(*v*scale) / scale
	return &x
}

// HasLocation reports whether the resume has a complete location.
func (r *Resume) HasLocation() bool { return r.Lat != nil && r.Lng != nil }

// CanonicalLevel returns the Levels spelling of a skill level written as
// "高级工", "三级（高级工）" or "三级/高级工"; for a 职业技能等级证书 also
// "三级", "3级" or "高级". Anything else comes back trimmed.
func CanonicalLevel(kind, level string) string {
	level = strings.TrimSpace(level)
	compact := strings.Join(strings.Fields(level), "")
	parts := strings.FieldsFunc(compact, func(r rune) bool {
		return strings.ContainsRune("/／（）()、,，", r)
	})
	idx := -1
	for _, p := range parts {
		i, ok := levelWords[p]
		if !ok && (kind == KindSkillLevel || len(parts) > 1) {
			i, ok = levelNumbers[p]
		}
		if !ok || (idx >= 0 && i != idx) {
			return level
		}
		idx = i
	}
	if idx < 0 {
		return level
	}
	return Levels[idx]
}

// cleanText trims s and writes line ends as "\n".
func cleanText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// cleanCodes trims codes and drops empties and repeats, keeping order.
func cleanCodes(in []string) []string {
	var out []string
	for _, c := range in {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// cleanSkills splits entries typed as one list ("叉车、Excel"), trims them,
// and drops empties and repeats (ignoring letter case), keeping order.
func cleanSkills(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、,，;；\n", r) }) {
			p = strings.Join(strings.Fields(p), " ")
			if k := strings.ToLower(p); p != "" && !seen[k] {
				seen[k] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// sortKey orders entries by end, then start; undated entries last.
type sortKey struct {
	dated      bool
	end, start Month
}

// spanKey builds the sort key of a from/to pair. With openEnded an entry
// with a start and no end is current and sorts first.
func spanKey(from, to string, openEnded bool) sortKey {
	f, errF := ParseMonth(from)
	t, errT := ParseMonth(to)
	switch {
	case errT == nil && errF == nil:
		return sortKey{true, t, f}
	case errT == nil:
		return sortKey{true, t, t}
	case errF == nil && openEnded && to == "":
		return sortKey{true, Month(1 << 30), f}
	case errF == nil:
		return sortKey{true, f, f}
	}
	return sortKey{}
}

func newestFirst(a, b sortKey) int {
	if a.dated != b.dated {
		if a.dated {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(b.end, a.end); c != 0 {
		return c
	}
	return cmp.Compare(b.start, a.start)
}

// Validate checks the resume and returns an apperr Invalid error with a
// Chinese message per failing field, keyed by paths such as "work[2].from"
// or "intentions[0].salary_min". occ and regions may be nil to skip code
// checks. Dates must be real months (days for certificates), a start not
// after its end and neither after now's month (education may end up to six
// years ahead: an expected graduation). Work dates are optional here — the
// diagnosis asks for them.
func (r *Resume) Validate(now time.Time, occ, regions *codes.Table) error {
	var f apperr.Fields
	thisMonth := MonthOf(now)

	if len(r.Intentions) > MaxIntentions {
		f.Add("intentions", "最多填写 "+strconv.Itoa(MaxIntentions)+" 个求职意向")
	}
	for i, it := range limit(r.Intentions, MaxIntentions) {
		p := path("intentions", i)
		checkCodes(&f, p+".occupation_codes", it.OccupationCodes, occ, "职业")
		checkCodes(&f, p+".region_codes", it.RegionCodes, regions, "地区")
		checkSalary(&f, p, it.SalaryMin, it.SalaryMax)
		if !it.FullTime && !it.PartTime {
			f.Add(p+".full_time", "请选择全职或兼职（可以都选）")
		}
	}

	if len(r.Education) > MaxEducation {
		f.Add("education", "最多填写 "+strconv.Itoa(MaxEducation)+" 段教育经历")
	}
	for i, e := range limit(r.Education, MaxEducation) {
		p := path("education", i)
		required(&f, p+".school", e.School, 60, "请填写学校名称")
		registry.CheckText(&f, p+".major", e.Major, 60)
		if e.Level == "" {
			f.Add(p+".level", "请选择学历层次")
		} else if !slices.Contains(registry.Educations, e.Level) {
			f.Add(p+".level", "请选择有效的学历层次（"+strings.Join(registry.Educations, "、")+"）")
		}
		checkSpan(&f, p, e.From, e.To, thisMonth, thisMonth+MaxStudyAhead*12)
	}

	if len(r.Work) > MaxWork {
		f.Add("work", "最多填写 "+strconv.Itoa(MaxWork)+" 段工作经历")
	}
	for i, w := range limit(r.Work, MaxWork) {
		p := path("work", i)
		required(&f, p+".employer", w.Employer, 100, "请填写单位名称")
		required(&f, p+".title", w.Title, 60, "请填写职位名称")
		if w.OccupationCode != "" && occ != nil {
			if _, ok := occ.Get(w.OccupationCode); !ok {
				f.Add(p+".occupation_code", "职业代码 "+w.OccupationCode+" 不存在")
			}
		}
		checkSpan(&f, p, w.From, w.To, thisMonth, thisMonth)
		registry.CheckText(&f, p+".description", w.Description, MaxTextRunes)
	}

	if len(r.Skills) > MaxSkills {
		f.Add("skills", "最多填写 "+strconv.Itoa(MaxSkills)+" 项技能")
	}
	for i, s := range limit(r.Skills, MaxSkills) {
		p := path("skills", i)
		if s == "" {
			f.Add(p, "技能不能为空")
			continue
		}
		registry.CheckText(&f, p, s, MaxSkillRunes)
	}

	if len(r.Certificates) > MaxCertificates {
		f.Add("certificates", "最多填写 "+strconv.Itoa(MaxCertificates)+" 个证书")
	}
	today := dayOf(now)
	for i, c := range limit(r.Certificates, MaxCertificates) {
		p := path("certificates", i)
		required(&f, p+".name", c.Name, 60, "请填写证书名称")
		if !slices.Contains(CertificateKinds, c.Kind) {
			f.Add(p+".kind", "请选择证书类别（"+strings.Join(CertificateKinds, "、")+"）")
		}
		registry.CheckText(&f, p+".level", c.Level, 20)
		registry.CheckText(&f, p+".number", c.Number, 60)
		registry.CheckText(&f, p+".issuer", c.Issuer, 100)
		if c.IssuedOn != "" {
			if d, err := ParseDate(c.IssuedOn); err != nil {
				f.Add(p+".issued_on", "请按 YYYY-MM-DD 填写真实的日期（如 2021-06-30）")
			} else if d.After(today) {
				f.Add(p+".issued_on", "发证日期不能晚于今天")
			}
		}
	}

	registry.CheckText(&f, "self_description", r.SelfDescription, MaxTextRunes)
	checkLocation(&f, r.Lat, r.Lng)
	return f.Err()
}

// checkLocation checks the optional location: both coordinates or neither,
// each a number within China (NaN fails the range test too).
func checkLocation(f *apperr.Fields, lat, lng *float64) {
	const both = "请同时填写纬度和经度，或都不填"
	switch {
	case lat == nil && lng == nil:
		return
	case lat == nil:
		f.Add("lat", both)
		return
	case lng == nil:
		f.Add("lng", both)
		return
	}
	if !(*lat >= MinLat && *lat <= MaxLat) {
		f.Add("lat", "纬度应在 3–54 之间（中国境内），如 30.62")
	}
	if !(*lng >= MinLng && *lng <= MaxLng) {
		f.Add("lng", "经度应在 73–136 之间（中国境内），如 114.14")
	}
}

// limit returns the first n elements of s (all when shorter), so a list
// over its limit is reported once and not checked entry by entry beyond it.
func limit[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func path(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }

// required checks a required text of at most max runes.
func required(f *apperr.Fields, field, s string, max int, missing string) {
	if s == "" {
		f.Add(field, missing)
		return
	}
	registry.CheckText(f, field, s, max)
}

func checkCodes(f *apperr.Fields, field string, list []string, table *codes.Table, what string) {
	if len(list) > MaxIntentionCodes {
		f.Add(field, "最多选择 "+strconv.Itoa(MaxIntentionCodes)+" 个"+what)
		return
	}
	if table == nil {
		return
	}
	for _, c := range list {
		if _, ok := table.Get(c); !ok {
			f.Add(field, what+"代码 "+c+" 不存在")
			return
		}
	}
}

func checkSalary(f *apperr.Fields, p string, lo, hi int) {
	rng := "期望月薪须在 " + strconv.Itoa(MinSalary) + "–" + strconv.Itoa(MaxSalary) + " 元之间（按月薪填写）"
	switch {
	case lo == 0 && hi == 0: // not stated
	case lo == 0 || hi == 0:
		f.Add(p+".salary_min", "请同时填写最低和最高期望月薪，或都不填（面议）")
	case lo < MinSalary || lo > MaxSalary:
		f.Add(p+".salary_min", rng)
	case hi < MinSalary || hi > MaxSalary:
		f.Add(p+".salary_max", rng)
	case lo > hi:
		f.Add(p+".salary_max", "最高期望月薪不能低于最低期望月薪")
	}
}

// checkSpan checks an optional from/to month pair: each a real month, from
// not after maxFrom, to not after maxTo, from not after to.
func checkSpan(f *apperr.Fields, p, from, to string, maxFrom, maxTo Month) {
	const format = "请按 YYYY-MM 填写真实的年月（如 2018-09）"
	fm, errF := ParseMonth(from)
	if from != "" && errF != nil {
		f.Add(p+".from", format)
	} else if from != "" && fm > maxFrom {
		f.Add(p+".from", "开始时间不能晚于本月")
	}
	tm, errT := ParseMonth(to)
	if to != "" && errT != nil {
		f.Add(p+".to", format)
	} else if to != "" && tm > maxTo {
		if maxTo == maxFrom {
			f.Add(p+".to", "结束时间不能晚于本月；仍在职请留空（至今）")
		} else {
			f.Add(p+".to", "结束时间不能晚于 "+maxTo.String())
		}
	}
	if from != "" && to != "" && errF == nil && errT == nil && fm > tm {
		f.Add(p+".to", "结束时间不能早于开始时间")
	}
}

// educationRank orders registry.Educations (0 for unknown or empty).
func educationRank(s string) int {
	r, _ := registry.EducationRank(s)
	return r
}

// HighestEducation returns the highest education level among the entries
// ("" when there is none); on a tie (高中 and 中专) the first listed wins.
func (r *Resume) HighestEducation() string {
	best := ""
	for _, e := range r.Education {
		if educationRank(e.Level) > educationRank(best) {
			best = e.Level
		}
	}
	return best
}

// Years returns the total work experience in years as of today; see YearsAt.
func (r *Resume) Years() float64 { return r.YearsAt(time.Now()) }

// YearsAt returns the total work experience in years on now: the number of
// calendar months covered by at least one dated job (both ends counted,
// 至今 counting to now's month, overlaps counted once) divided by 12.
func (r *Resume) YearsAt(now time.Time) float64 {
	months := 0
	for _, s := range mergeSpans(workSpans(r.Work, MonthOf(now), false)) {
		months += int(s.to-s.from) + 1
	}
	return float64(months) / 12
}

// span is one dated job: months from..to, both included, and its index in
// Resume.Work.
type span struct {
	from, to Month
	i        int
}

// workSpans returns the dated jobs sorted by start (then end); 至今 ends at
// now. With fullTimeOnly part-time jobs are left out. Jobs without a valid
// start, or ending before they start, are skipped.
func workSpans(work []WorkEntry, now Month, fullTimeOnly bool) []span {
	var out []span
	for i, w := range work {
		if fullTimeOnly && w.PartTime {
			continue
		}
		from, err := ParseMonth(w.From)
		if err != nil {
			continue
		}
		to := now
		if w.To != "" {
			if to, err = ParseMonth(w.To); err != nil {
				continue
			}
		}
		if from > to {
			continue
		}
		out = append(out, span{from, to, i})
	}
	slices.SortStableFunc(out, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to))
	})
	return out
}

// mergeSpans joins overlapping and touching spans (sorted by start).
func mergeSpans(in []span) []span {
	var out []span
	for _, s := range in {
		if n := len(out); n > 0 && s.from <= out[n-1].to+1 {
			out[n-1].to = max(out[n-1].to, s.to)
			continue
		}
		out = append(out, s)
	}
	return out
}

// runes counts the characters of s as people count 字.
func runes(s string) int { return utf8.RuneCountInString(s) }
