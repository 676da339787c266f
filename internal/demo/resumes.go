package demo

// Demo resumes: one per demo person (N × 10,000 at scale N). Intentions
// come from the occupations of the synthetic job corpus (so they are
// realistic and match posts), streets of 东西湖区, salary expectations
// around the occupation's pay; skills from the occupation's name, aliases
// and the corpus's common skills; education from the person record; a work
// history with dates; about 60% discoverable; about half with a location
// near the intended street (where the demo posts of that street lie).

import (
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
)

// DiscoverableShare is the part of demo resumes open to employers.
const DiscoverableShare = 0.6

// LocatedShare is the part of demo resumes with a location: about half of
// job seekers would share one (or let the phone fill it in).
const LocatedShare = 0.5

// locationSpread is how far (in degrees, each way) a demo location lies
// from its street's centre: about 1.3 km north–south, 1.1 km east–west.
const locationSpread = 0.012

// Random streams: locations draw from their own, so that adding them left
// every other part of the demo resumes as it was.
const (
	streamResumes   = streamPosts + 1
	streamResumeGeo = streamResumes + 1
)

// resumeGen makes demo resumes.
type resumeGen struct {
	r       *rand.Rand
	now     time.Time
	tables  *codes.Tables
	jobs    []search.Doc // occupation templates: a sample of the synthetic corpus
	streets []string     // 420112 streets
	geo     *rand.Rand
	centres map[string]search.Point // street → the centre its demo posts lie around
}

// newResumeGen returns a resume generator for seed, with a corpus of 2,000
// synthetic posts as occupation templates and the streets of 东西湖区.
func newResumeGen(seed uint64, tables *codes.Tables, now time.Time) *resumeGen {
	g := &resumeGen{r: rand.New(rand.NewPCG(seed, streamResumes)), now: now, tables: tables,
		geo: rand.New(rand.NewPCG(seed, streamResumeGeo)), centres: searchbench.StreetCentres(tables.Regions)}
	g.jobs = searchbench.SyntheticPosts(2000, seed^0x7265, tables.Occupations, tables.Regions, now)
	for _, c := range tables.Regions.Children("420112") {
		g.streets = append(g.streets, c.Code)
	}
	if len(g.streets) == 0 {
		g.streets = []string{"420112"}
	}
	return g
}

var (
	schoolsByLevel = map[string][]string{
		"初中": {"东西湖区吴家山第二中学", "东西湖区走马岭中学", "东西湖区新沟镇中学"},
		"高中": {"武汉市东西湖区高级中学", "武汉市第一中学", "武汉市吴家山中学"},
		"中专": {"武汉市东西湖职业技术学校", "武汉市交通学校", "武汉市第二商业学校"},
		"大专": {"武汉职业技术学院", "武汉软件工程职业学院", "湖北交通职业技术学院", "武汉船舶职业技术学院"},
		"本科": {"湖北大学", "武汉工程大学", "江汉大学", "武汉纺织大学", "湖北经济学院"},
		"硕士": {"武汉大学", "华中科技大学", "华中师范大学"},
		"博士": {"武汉大学", "华中科技大学"},
	}
	majors      = []string{"物流管理", "机电一体化", "电子商务", "会计", "市场营销", "计算机应用", "食品加工技术", "汽车维修", "数控技术", "护理"}
	studyYears  = map[string]int{"初中": 3, "高中": 3, "中专": 3, "大专": 3, "本科": 4, "硕士": 3, "博士": 4}
	workPlaces  = []string{"武汉临空港物流有限公司", "武汉金银湖食品有限公司", "东西湖区某制造企业", "武汉吴家山商贸有限公司", "武汉走马岭建设有限公司", "武汉新沟汽车配件有限公司", "东西湖区某连锁超市", "武汉某家政服务公司"}
	workDuties  = []string{"负责日常岗位工作，按时完成班组下达的生产和服务任务，遵守安全规范。", "参与团队排班和交接，做好记录和台账，多次获评月度优秀员工。", "熟悉岗位流程和设备操作，能独立处理常见问题并带教新同事。"}
	selfPhrases = []string{"做事踏实肯干，服从安排，能适应倒班。", "沟通能力强，有团队精神，希望在东西湖区长期发展。", "学习能力强，持有相关证书，期待一份稳定的工作。"}
)

// next returns person p's resume (p.ID set), valid by resume.Validate. Its
// steps draw from g.r in a fixed order (job, discoverable, intention,
// skills, education, work, self-description), the location from g.geo.
func (g *resumeGen) next(p *registry.Person) *resume.Resume {
	r := g.r
	j := g.jobs[r.IntN(len(g.jobs))]
	rs := &resume.Resume{PersonID: p.ID, Discoverable: r.Float64() < DiscoverableShare}
	rs.Intentions = []resume.Intention{g.intention(j)}
	rs.Skills = g.skills(j)
	thisMonth := resume.MonthOf(g.now)
	var workFrom resume.Month
	rs.Education, workFrom = g.education(p, thisMonth)
	rs.Work = g.work(j, workFrom, thisMonth)
	rs.SelfDescription = selfPhrases[r.IntN(len(selfPhrases))]
	g.locate(rs)
	rs.Normalize()
	return rs
}

// intention returns the job wanted: j's occupation (a quarter add another
// corpus occupation), one street of the district (a third add a second) and
// pay around j's, which 10% leave open (面议), so that demo job seekers want
// what the demo posts offer.
func (g *resumeGen) intention(j search.Doc) resume.Intention {
	r := g.r
	it := resume.Intention{OccupationCodes: []string{j.OccupationCode}, FullTime: true, PartTime: r.IntN(5) == 0}
	if r.IntN(4) == 0 {
		k := g.jobs[r.IntN(len(g.jobs))]
		if k.OccupationCode != j.OccupationCode {
			it.OccupationCodes = append(it.OccupationCodes, k.OccupationCode)
		}
	}
	it.RegionCodes = []string{g.streets[r.IntN(len(g.streets))]}
	if r.IntN(3) == 0 {
		if s := g.streets[r.IntN(len(g.streets))]; s != it.RegionCodes[0] {
			it.RegionCodes = append(it.RegionCodes, s)
		}
	}
	if r.IntN(10) > 0 {
		lo := roundTo(int(float64(j.SalaryMin)*(0.85+0.3*r.Float64())), 500)
		lo = min(max(lo, resume.MinSalary), resume.MaxSalary-1000)
		it.SalaryMin, it.SalaryMax = lo, min(lo+roundTo(1000+r.IntN(3000), 500), resume.MaxSalary)
	}
	return it
}

// skills returns two to five skills drawn, in random order, from j's and
// one of the occupation's names (its name or an alias), so that skill
// searches find demo resumes.
func (g *resumeGen) skills(j search.Doc) []string {
	r := g.r
	skills := append([]string(nil), j.Skills...)
	if oc, ok := g.tables.Occupations.Get(j.OccupationCode); ok {
		names := append([]string{oc.Name}, oc.Aliases...)
		skills = append(skills, names[r.IntN(len(names))])
	}
	r.Shuffle(len(skills), func(a, b int) { skills[a], skills[b] = skills[b], skills[a] })
	return skills[:min(len(skills), 2+r.IntN(4))]
}

// education returns p's schooling as the person record has it (level and
// graduation, at most resume.MaxStudyAhead years ahead; a school of that
// level) and the month work can begin: after school, or at 18 for a person
// without a recorded education, so that resume and record agree.
func (g *resumeGen) education(p *registry.Person, thisMonth resume.Month) ([]resume.EducationEntry, resume.Month) {
	r := g.r
	lvl := p.Education
	if lvl == "" {
		return nil, resume.MonthOf(p.Birth) + 18*12
	}
	grad := p.GraduationDate
	if grad.IsZero() {
		grad = time.Date(p.Birth.Year()+gradAge[lvl], 7, 1, 0, 0, 0, 0, time.UTC)
	}
	to := resume.MonthOf(grad)
	if to > thisMonth+resume.MaxStudyAhead*12 {
		to = thisMonth + resume.MaxStudyAhead*12
	}
	from := to - resume.Month(studyYears[lvl]*12) + 2 // September to July
	if from > thisMonth {
		from = thisMonth
	}
	list := schoolsByLevel[lvl]
	return []resume.EducationEntry{{School: list[r.IntN(len(list))], Major: majorOf(lvl, r), Level: lvl,
		From: from.String(), To: to.String(), FullTime: true}}, to + 2
}

// work returns a dated work history as j's title: up to three jobs between
// workFrom and thisMonth, the last maybe current (至今); none when school
// ended less than half a year ago.
func (g *resumeGen) work(j search.Doc, workFrom, thisMonth resume.Month) []resume.WorkEntry {
	if workFrom >= thisMonth-6 {
		return nil
	}
	r := g.r
	var work []resume.WorkEntry
	n := 1 + r.IntN(3)
	span := int(thisMonth - workFrom)
	at := workFrom + resume.Month(r.IntN(max(1, span/6)))
	for i := 0; i < n && at < thisMonth-3; i++ {
		left := int(thisMonth - at)
		length := resume.Month(6 + r.IntN(max(1, left/n)))
		w := resume.WorkEntry{Employer: workPlaces[r.IntN(len(workPlaces))], Title: j.Title, OccupationCode: j.OccupationCode,
			From: at.String(), Description: workDuties[r.IntN(len(workDuties))]}
		end := at + length
		if i == n-1 && r.IntN(2) == 0 || end >= thisMonth {
			w.To = "" // 至今
			work = append(work, w)
			break
		}
		w.To = end.String()
		work = append(work, w)
		at = end + resume.Month(1+r.IntN(4))
	}
	return work
}

// locate gives about LocatedShare of resumes a location within
// locationSpread of the centre of their first intended street.
func (g *resumeGen) locate(rs *resume.Resume) {
	if g.geo.Float64() >= LocatedShare || len(rs.Intentions) == 0 || len(rs.Intentions[0].RegionCodes) == 0 {
		return
	}
	c, ok := g.centres[rs.Intentions[0].RegionCodes[0]]
	if !ok {
		return
	}
	lat := c.Lat + (g.geo.Float64()*2-1)*locationSpread
	lng := c.Lng + (g.geo.Float64()*2-1)*locationSpread
	rs.Lat, rs.Lng = &lat, &lng
}

// majorOf returns a random major, or none below 中专.
func majorOf(level string, r *rand.Rand) string {
	switch level {
	case "初中", "高中":
		return ""
	}
	return majors[r.IntN(len(majors))]
}

// roundTo rounds v to the nearest multiple of unit.
func roundTo(v, unit int) int { return (v + unit/2) / unit * unit }
