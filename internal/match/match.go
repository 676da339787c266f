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
	occ := occupationPoints(p.OccupationCodes, j.OccupationCode)
	r.Score += occ
	switch occ {
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
		r.Score += skillPoints(nShared)
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
	sal := salaryPoints(p, j)
	r.Score += sal
	if sal == WSalary {
		why("薪资符合期望")
	}
	// education
	need, _ := EducationRank(j.Education)
	have, ok := EducationRank(p.Education)
	if educationFits(have, ok, need) {
		r.Score += WEducation
		if need > 0 {
			why("学历符合要求")
		}
	}
	// experience
	if experienceFits(p.Years, j.ExperienceYears) {
		r.Score += WExperience
		if j.ExperienceYears > 0 {
			why("经验符合要求")
		}
	}
	// freshness
	fresh := freshPoints(j.PublishedAt, now)
	r.Score += fresh
	if fresh == WFresh {
		why("新发布")
	}
	r.Score = min(max(r.Score, 0), 100)
	return r
}

// occupationPoints is the best relation of the person's intended
// occupations to the post's: the same code, the same 小类 (for a code of
// four segments) or the same 中类 (for a code of three or more).
func occupationPoints(codes []string, post string) int {
	best := 0
	for _, c := range codes {
		switch {
		case c == post:
			best = max(best, WOccupationSame)
		case OccupationGroup(c) == OccupationGroup(post) && strings.Count(c, "-") >= 3:
			best = max(best, WOccupationGroup)
		case OccupationClass(c) == OccupationClass(post) && strings.Count(c, "-") >= 2:
			best = max(best, WOccupationClass)
		}
	}
	return best
}

// skillPoints is what n shared skills are worth.
func skillPoints(n int) int { return min(n*WSkillEach, WSkillMax) }

// salaryPoints: the post's range meets the person's expectation, or half
// the points when the person named none.
func salaryPoints(p *Person, j *Post) int {
	switch {
	case p.SalaryMin <= 0 && p.SalaryMax <= 0:
		return WSalaryUnknown
	case j.SalaryMax >= p.SalaryMin && (p.SalaryMax <= 0 || j.SalaryMin <= p.SalaryMax):
		return WSalary
	}
	return 0
}

// educationFits: a known level (rank have, ok) meets the requirement need
// (0 = 不限, which any known level meets, "" included).
func educationFits(have int, ok bool, need int) bool { return ok && (need == 0 || have >= need) }

// experienceFits: the person's years cover the post's requirement.
func experienceFits(years float64, need int) bool { return float64(need) <= years+1e-9 }

// freshPoints rewards a post published lately: full for three days, less
// for two weeks and a month.
func freshPoints(published, now time.Time) int {
	if published.IsZero() {
		return 0
	}
	switch age := now.Sub(published); {
	case age < 3*24*time.Hour:
		return WFresh
	case age < 14*24*time.Hour:
		return 3
	case age < 30*24*time.Hour:
		return 1
	}
	return 0
}

func hasSkill(list []string, k string) bool {
	for _, s := range list {
		if strings.EqualFold(s, k) {
			return true
		}
	}
	return false
}

// place scores where: by distance when both sides have a position (see
// GeoPoints), else the best of the person's regions against the post's
// (street > district > Wuhan). The reason names the distance rounded to
// 0.1 km and never a position.
func (s *Scorer) place(p *Person, j *Post, explain bool) (int, string) {
	if p.HasGeo && j.HasGeo {
		km := HaversineKm(p.Lat, p.Lng, j.Lat, j.Lng)
		pts := GeoPoints(km)
		if pts == 0 || !explain {
			return pts, ""
		}
		return pts, "距离 " + strconv.FormatFloat(math.Round(km*10)/10, 'f', 1, 64) + " 公里"
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

// geoKnots are (km, points) of the distance score; between two knots the
// points fall linearly. Full points within a walk (1 km); then the region
// tiers' points at the distances they stand for — a district's 10 at 5 km,
// the city's 5 at 15 km — and nothing past 50 km. So a post with
// coordinates is neither favoured nor penalised against one without, and
// among posts with coordinates the closer ranks higher.
var geoKnots = [...]struct{ km, pts float64 }{
	{1, WRegionNear}, {5, WRegionDistrict}, {15, WRegionCity}, {50, 0},
}

// GeoPoints is the place score of a distance in kilometres (0–15, never
// rising with distance).
func GeoPoints(km float64) int {
	if km <= geoKnots[0].km {
		return WRegionNear
	}
	for i := 1; i < len(geoKnots); i++ {
		a, b := geoKnots[i-1], geoKnots[i]
		if km <= b.km {
			return int(a.pts + (km-a.km)*(b.pts-a.pts)/(b.km-a.km) + 0.5)
		}
	}
	return 0 // farther, or NaN
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
// (newer posts have larger IDs). It selects in place, in one pass, rather
// than sorting everything: candidates are many, n is small.
func Top(items []Scored, n int) []Scored {
	if n <= 0 {
		return items[:0]
	}
	kept := 0 // items[:kept] are the best so far, best first
	for i := range items {
		x := items[i]
		if kept == n && !better(x, items[kept-1]) {
			continue
		}
		if kept < n {
			kept++
		}
		// items[kept-1] is either consumed or the one x displaces
		j := kept - 1
		for j > 0 && better(x, items[j-1]) {
			items[j] = items[j-1]
			j--
		}
		items[j] = x
	}
	return items[:kept]
}

// better orders results: higher score first, then larger ID.
func better(a, b Scored) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.ID > b.ID
}
