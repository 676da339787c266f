// Package match scores a job seeker against a job post for 网谷智聘's
// two-way recommendations: occupation, skills, place, salary, education,
// experience and freshness, each explained by a short Chinese reason. It is
// pure: no storage, no HTTP, no clock of its own.
package match

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// Post is a job post as scoring sees it.
type Post struct {
	ID              int64
	OccupationCode  string // 职业分类大典 2022, e.g. "4-02-06-03"
	RegionCode      string // street level, e.g. "420112001"
	Skills          []string
	SalaryMin       int // yuan/month
	SalaryMax       int
	Education       string // requirement: 不限 初中 高中 中专 大专 本科 硕士 博士
	ExperienceYears int    // required years, 0 = 不限
	PublishedAt     time.Time
	Lat, Lng        float64
	HasGeo          bool
}

// Person is a job seeker as scoring sees them: the union of their resume's
// intentions, their skills and their record's education and experience.
type Person struct {
	OccupationCodes []string
	RegionCodes     []string
	SalaryMin       int // lowest expectation, 0 = not said
	SalaryMax       int
	Skills          []string
	Education       string  // highest level, "" = unknown
	Years           float64 // years of work
	Lat, Lng        float64
	HasGeo          bool
}

// Weights: the score is their sum, at most 100.
const (
	WOccupationSame  = 35
	WOccupationGroup = 25 // same 小类
	WOccupationClass = 15 // same 中类
	WSkillEach       = 5
	WSkillMax        = 15
	WRegionNear      = 15 // same street or within 3 km
	WRegionDistrict  = 10 // same district or within 10 km
	WRegionCity      = 5  // both in Wuhan or farther
	WSalary          = 10
	WSalaryUnknown   = 5 // the person named no expectation
	WEducation       = 10
	WExperience      = 10
	WFresh           = 5
	maxSkillReasons  = 3
	wuhan            = "4201"
)

// Scorer scores pairs; Regions (optional) names the shared street or district.
type Scorer struct {
	Regions *codes.Table
}

// Result is a score with its reasons, strongest first.
type Result struct {
	Score   int
	Reasons []string
}

// OccupationGroup is the 小类 of a code (first three segments), OccupationClass its 中类 (first two).
func OccupationGroup(code string) string { return segments(code, 3) }

// OccupationClass is the 中类 of a code: "4-02-06-03" → "4-02".
func OccupationClass(code string) string { return segments(code, 2) }

func segments(code string, n int) string {
	i, seen := 0, 0
	for i < len(code) {
		if code[i] == '-' {
			seen++
			if seen == n {
				return code[:i]
			}
		}
		i++
	}
	return code
}

// EducationRank orders levels (高中 = 中专); ok is false for unknown text.
func EducationRank(s string) (int, bool) { return registry.EducationRank(s) }

// Score scores person p against post j at now, with reasons.
func (s *Scorer) Score(p *Person, j *Post, now time.Time) Result { return s.score(p, j, now, true) }

// Points is Score without the reasons: no allocation, for ranking many
// candidates before explaining the few kept.
func (s *Scorer) Points(p *Person, j *Post, now time.Time) int {
	return s.score(p, j, now, false).Score
}

func (s *Scorer) score(p *Person, j *Post, now time.Time, explain bool) Result {
	var r Result
	why := func(s string) {
		if explain {
			r.Reasons = append(r.Reasons, s)
		}
	}
	// occupation
	best := 0
	for _, c := range p.OccupationCodes {
		switch {
		case c == j.OccupationCode:
			best = max(best, WOccupationSame)
		case OccupationGroup(c) == OccupationGroup(j.OccupationCode) && strings.Count(c, "-") >= 3:
			best = max(best, WOccupationGroup)
		case OccupationClass(c) == OccupationClass(j.OccupationCode) && strings.Count(c, "-") >= 2:
			best = max(best, WOccupationClass)
		}
	}
	r.Score += best
	switch best {
	case WOccupationSame:
		why("意向职业一致")
	case WOccupationGroup:
		why("意向职业同属一类")
	case WOccupationClass:
		why("意向职业相近")
	}
	// skills: the post's skills the person has, in the post's order
	var shared []string
	nShared := 0
	for i, k := range j.Skills {
		if hasSkill(p.Skills, k) && !slices.Contains(j.Skills[:i], k) {
			nShared++
			if explain {
				shared = append(shared, k)
			}
		}
	}
	if nShared > 0 {
		r.Score += min(nShared*WSkillEach, WSkillMax)
		if explain {
			why("技能匹配：" + strings.Join(shared[:min(len(shared), maxSkillReasons)], "、"))
		}
	}
	// place
	pts, where := s.place(p, j, explain)
	r.Score += pts
	if where != "" {
		why(where)
	}
	// salary
	switch {
	case p.SalaryMin <= 0 && p.SalaryMax <= 0:
		r.Score += WSalaryUnknown
	case j.SalaryMax >= p.SalaryMin && (p.SalaryMax <= 0 || j.SalaryMin <= p.SalaryMax):
		r.Score += WSalary
		why("薪资符合期望")
	}
	// education
	need, _ := EducationRank(j.Education)
	if have, ok := EducationRank(p.Education); ok && (need == 0 || (p.Education != "" && have >= need)) {
		r.Score += WEducation
		if need > 0 {
			why("学历符合要求")
		}
	}
	// experience
	if float64(j.ExperienceYears) <= p.Years+1e-9 {
		r.Score += WExperience
		if j.ExperienceYears > 0 {
			why("经验符合要求")
		}
	}
	// freshness
	if !j.PublishedAt.IsZero() {
		age := now.Sub(j.PublishedAt)
		switch {
		case age < 3*24*time.Hour:
			r.Score += WFresh
			why("新发布")
		case age < 14*24*time.Hour:
			r.Score += 3
		case age < 30*24*time.Hour:
			r.Score += 1
		}
	}
	r.Score = min(max(r.Score, 0), 100)
	return r
}

func hasSkill(list []string, k string) bool {
	for _, s := range list {
		if strings.EqualFold(s, k) {
			return true
		}
	}
	return false
}

// place scores where: kilometres when both sides have a position, else the
// best of the person's regions against the post's (street > district > Wuhan).
func (s *Scorer) place(p *Person, j *Post, explain bool) (int, string) {
	if p.HasGeo && j.HasGeo {
		km := HaversineKm(p.Lat, p.Lng, j.Lat, j.Lng)
		why := ""
		if explain {
			why = "距离 " + strconv.FormatFloat(math.Round(km*10)/10, 'f', 1, 64) + " 公里"
		}
		switch {
		case km <= 3:
			return WRegionNear, why
		case km <= 10:
			return WRegionDistrict, why
		case km <= 50:
			return WRegionCity, why
		}
		return 0, ""
	}
	best, code := 0, ""
	for _, rc := range p.RegionCodes {
		switch {
		case len(rc) >= 9 && rc == j.RegionCode:
			if best < WRegionNear {
				best, code = WRegionNear, rc
			}
		case len(rc) >= 6 && len(j.RegionCode) >= 6 && rc[:6] == j.RegionCode[:6]:
			if best < WRegionDistrict {
				best, code = WRegionDistrict, rc[:6]
			}
		case strings.HasPrefix(rc, wuhan) && strings.HasPrefix(j.RegionCode, wuhan):
			if best < WRegionCity {
				best, code = WRegionCity, wuhan
			}
		}
	}
	if best == 0 || !explain {
		return best, ""
	}
	return best, "同在" + s.regionName(code)
}

func (s *Scorer) regionName(code string) string {
	if s.Regions != nil {
		if c, ok := s.Regions.Get(code); ok {
			return c.Name
		}
	}
	switch len(code) {
	case 4:
		return "武汉市"
	case 6:
		return "同一区"
	}
	return "同一街道"
}

// HaversineKm is the great-circle distance in kilometres.
func HaversineKm(lat1, lng1, lat2, lng2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// Scored is one ranked item.
type Scored struct {
	ID int64
	Result
}

// Explain fills in the reasons of ranked items: Rank with Points, keep
// the top, then explain only those. score returns the full Result of item i.
func Explain(items []Scored, score func(id int64) Result) {
	for i := range items {
		items[i].Result = score(items[i].ID)
	}
}

// Top keeps the n best results, score descending, ties by ID descending
// (newer posts have larger IDs).
func Top(items []Scored, n int) []Scored {
	slices.SortFunc(items, func(a, b Scored) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		switch {
		case a.ID > b.ID:
			return -1
		case a.ID < b.ID:
			return 1
		}
		return 0
	})
	if len(items) > n {
		items = items[:n]
	}
	return items
}
