package demo

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/registry"
)

// ageBands make a job-seeker population: 16–60, median about 30.
var ageBands = newPicker([]weighted[[2]int]{
	{[2]int{16, 21}, 8}, {[2]int{22, 25}, 17}, {[2]int{26, 30}, 25}, {[2]int{31, 35}, 17},
	{[2]int{36, 40}, 12}, {[2]int{41, 45}, 8}, {[2]int{46, 50}, 6}, {[2]int{51, 55}, 4}, {[2]int{56, 60}, 3},
})

// Education by age cohort. Weighted by the age bands above the overall mix
// is about 初中 15%, 高中 15%, 中专 12%, 大专 25%, 本科 28%, 硕士 4.5%, 博士 0.5%.
var (
	eduMinor = newPicker([]weighted[string]{{"初中", 35}, {"高中", 35}, {"中专", 30}}) // under 18
	eduYoung = newPicker([]weighted[string]{{"初中", 15}, {"高中", 17}, {"中专", 20}, {"大专", 26}, {"本科", 22}})
	eduPrime = newPicker([]weighted[string]{{"初中", 10}, {"高中", 11}, {"中专", 11}, {"大专", 27}, {"本科", 35},
		{"硕士", 5.5}, {"博士", 0.5}}) // 22–34
	eduMid = newPicker([]weighted[string]{{"初中", 18}, {"高中", 17}, {"中专", 13}, {"大专", 25}, {"本科", 23},
		{"硕士", 3.5}, {"博士", 0.5}}) // 35–44
	eduOld = newPicker([]weighted[string]{{"初中", 30}, {"高中", 25}, {"中专", 15}, {"大专", 15}, {"本科", 13},
		{"硕士", 1.8}, {"博士", 0.2}}) // 45+
)

// gradAge is the usual age at graduation for each education level.
var gradAge = map[string]int{"初中": 15, "高中": 18, "中专": 18, "大专": 21, "本科": 22, "硕士": 25, "博士": 28}

// statuses is the mix of employment status of those who have left school.
var statuses = newPicker([]weighted[string]{{"失业", 30}, {"在职", 35}, {"灵活就业", 20}, {"自主创业", 5}, {"公益性岗位", 2}})

// difficultyWeights weight the 就业困难人员 categories; eligible() filters them.
var difficultyWeights = map[string]float64{
	"大龄": 35, "连续失业1年以上": 25, "生活困难失地农民": 8, "城镇零就业家庭或低保": 12, "农村零转移就业贫困家庭": 5,
	"毕业一年以上未就业高校毕业生": 25, "残疾人": 10, "成年孤儿": 1, "脱贫劳动力": 4,
}

// personGen makes persons with unique ID numbers and phones.
type personGen struct {
	r      *rand.Rand
	now    time.Time // opt.Now
	today  time.Time // civil date of now, midnight UTC
	rg     *regions
	names  *names
	ids    map[string]bool
	phones map[string]bool // shared with the account generator
}

// next returns a new person, normalised but not yet validated.
func (g *personGen) next() *registry.Person {
	r := g.r
	p := &registry.Person{Male: r.Float64() < 0.52}
	band := ageBands.pick(r)
	age := band[0] + r.IntN(band[1]-band[0]+1)
	p.Birth = g.birth(age)
	age = ageOn(p.Birth, g.today)

	p.HukouRegion = g.rg.hukou(r)
	for {
		id := registry.GenerateIDNumber(r, p.HukouRegion, p.Birth, p.Male)
		if !g.ids[id] {
			g.ids[id], p.IDNumber = true, id
			break
		}
	}
	p.Name = g.names.name(r, p.Male)
	p.Phone = uniquePhone(r, g.phones)

	stay := 0.63 // share living in the district, higher for its own residents
	if p.HukouRegion == District {
		stay = 0.85
	}
	if r.Float64() < stay {
		p.ResidenceRegion = g.rg.homeStreets.pick(r)
	} else {
		p.ResidenceRegion = g.rg.otherWuhanStreet(r)
	}

	p.Education = education(r, age)
	p.GraduationDate = g.graduation(p.Birth, p.Education)
	if p.GraduationDate.After(g.today) {
		p.EmploymentStatus = "在校学生"
	} else {
		p.EmploymentStatus = statuses.pick(r)
	}
	p.RegisteredUnemployed = p.EmploymentStatus == "失业" && r.Float64() < 0.5

	// About 6% overall: older workers (大龄) are the largest group, and
	// public-welfare posts go mostly to people with difficulties.
	pDifficulty := 0.028
	switch {
	case p.EmploymentStatus == "公益性岗位":
		pDifficulty = 0.7
	case eligible(p, age, "大龄", g.today):
		pDifficulty = 0.18
	}
	if p.EmploymentStatus != "在校学生" && r.Float64() < pDifficulty {
		p.DifficultyCategory = g.difficulty(p, age)
	}
	if age >= 20 {
		pv := 0.006
		if p.Male {
			pv = 0.058
		}
		p.Veteran = r.Float64() < pv
	}
	p.Normalize(g.now)
	return p
}

// birth returns a birth date that makes the person exactly age years old today.
func (g *personGen) birth(age int) time.Time {
	for {
		latest := g.today.AddDate(-age, 0, 0)
		earliest := g.today.AddDate(-age-1, 0, 1)
		days := int(latest.Sub(earliest).Hours() / 24)
		b := earliest.AddDate(0, 0, g.r.IntN(days+1))
		if a := ageOn(b, g.today); a >= 16 && a <= 60 { // AddDate around 29 February can shift a day
			return b
		}
	}
}

func education(r *rand.Rand, age int) string {
	var e string
	switch {
	case age < 18:
		e = eduMinor.pick(r)
	case age < 22:
		e = eduYoung.pick(r)
	case age < 35:
		e = eduPrime.pick(r)
	case age < 45:
		e = eduMid.pick(r)
	default:
		e = eduOld.pick(r)
	}
	// Keep postgraduate studies within reach of the age (graduation at most a few years ahead).
	if e == "博士" && age < 24 {
		e = "硕士"
	}
	if e == "硕士" && age < 20 {
		e = "本科"
	}
	return e
}

// graduation returns a June/July graduation date consistent with birth and
// education: the usual age, a year later for those born September–December
// (they start school a year later), sometimes a year or more of delay.
func (g *personGen) graduation(birth time.Time, edu string) time.Time {
	r := g.r
	y := birth.Year() + gradAge[edu]
	if birth.Month() >= time.September {
		y++
	}
	if r.Float64() < 0.15 {
		y++
	}
	if edu == "博士" {
		y += r.IntN(3)
	}
	if limit := g.today.Year() + 5; y > limit { // students finish within five years
		y = limit
	}
	if r.Float64() < 0.7 {
		return time.Date(y, time.June, 15+r.IntN(16), 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, time.July, 1+r.IntN(15), 0, 0, 0, 0, time.UTC)
}

// difficulty picks a 就业困难人员 category the person qualifies for, or "".
func (g *personGen) difficulty(p *registry.Person, age int) string {
	var cs []weighted[string]
	for _, c := range registry.DifficultyCategories {
		if eligible(p, age, c, g.today) {
			cs = append(cs, weighted[string]{c, difficultyWeights[c]})
		}
	}
	if len(cs) == 0 {
		return ""
	}
	return newPicker(cs).pick(g.r)
}

// eligible reports whether category c is consistent with the person's age,
// gender, status, education and hukou.
func eligible(p *registry.Person, age int, c string, today time.Time) bool {
	wuhan := strings.HasPrefix(p.HukouRegion, "4201")
	switch c {
	case "大龄":
		return (!p.Male && age >= 40) || (p.Male && age >= 50)
	case "连续失业1年以上":
		return p.EmploymentStatus == "失业"
	case "生活困难失地农民":
		return age >= 25 && wuhan
	case "城镇零就业家庭或低保":
		return age >= 18
	case "农村零转移就业贫困家庭", "脱贫劳动力":
		return !wuhan
	case "毕业一年以上未就业高校毕业生":
		higher := p.Education == "大专" || p.Education == "本科" || p.Education == "硕士" || p.Education == "博士"
		return higher && p.EmploymentStatus == "失业" && age <= 35 && !p.GraduationDate.After(today.AddDate(-1, 0, 0))
	case "残疾人":
		return true
	case "成年孤儿":
		return age >= 18 && age <= 35
	}
	return false
}

// uniquePhone returns a mobile number not yet in used and records it.
func uniquePhone(r *rand.Rand, used map[string]bool) string {
	for {
		ph := registry.GeneratePhone(r)
		if !used[ph] {
			used[ph] = true
			return ph
		}
	}
}
