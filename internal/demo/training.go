package demo

// 技能培训 demo data: the district's six 定点培训机构 of the seed, some
// verified enterprises designated for in-house training, a few 评价机构,
// and filed classes in the coming two months whose subsidy standard comes
// from the standards file; two classes running since last week; trainees
// the providers registered in every class, and the running classes'
// sign-ins (a few missed, one corrected on the roster).

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

const (
	streamTraining      = streamPosts + 41
	streamTrainingEnrol = streamPosts + 42
)

// demoTrainingOccupations are occupations the demo's classes train for.
var demoTrainingOccupations = []string{
	"6-31-01-03", // 电工
	"6-18-02-04", // 焊工
	"4-03-02-01", // 中式烹调师
	"4-10-01-03", // 保育师
	"4-10-01-05", // 养老护理员
	"6-30-05-01", // 起重装卸机械操作工（叉车）
}

// demoInstitutions are the six 定点培训机构 (the seed counts six institutions).
var demoInstitutions = []string{"东西湖区职业技能培训学校", "武汉临空港技工学校培训部", "金银湖职业培训学校", "吴家山职业技能培训中心",
	"走马岭家政服务职业培训学校", "径河职业技能培训学校"}

// demoTrainingEnterprises is how many of the enterprises designated for
// in-house training (企业自主培训) have classes coming up.
const (
	demoTrainingEnterprises = 30
)

// trainingProviders designates the demo's providers and files their
// classes; it returns the number of classes.
func trainingProviders(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (int, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamTraining))
	today := chinatime.Today(opt.Now)
	sys := store.Actor{Role: "system"}
	ts := db.Training()
	standards, err := training.LoadStandards()
	if err != nil {
		return 0, err
	}
	ents, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return 0, err
	}
	type spec struct {
		name string
		kind training.Kind
		ent  int64
	}
	var specs []spec
	for _, n := range demoInstitutions {
		specs = append(specs, spec{n, training.KindInstitution, 0})
	}
	nEnt := max(1, int(math.Round(DistrictTrainingEnterprises*opt.Scale)))
	for _, e := range ents[:min(nEnt, len(ents))] {
		specs = append(specs, spec{e.Name + "职工培训中心", training.KindEnterprise, e.ID})
	}
	// 评价机构: the seed's 58 enterprises and 6 institutions (at the scale),
	// the enterprises' stations run by their own staff.
	nEval := max(1, int(math.Round(DistrictEvaluators*opt.Scale)))
	for i := range min(nEval, len(demoInstitutions)) {
		specs = append(specs, spec{demoInstitutions[i] + "技能等级评价站", training.KindEvaluator, 0})
	}
	for _, e := range ents[min(nEnt, len(ents)):min(nEnt+max(0, nEval-len(demoInstitutions)), len(ents))] {
		specs = append(specs, spec{e.Name + "技能等级认定站", training.KindEvaluator, e.ID})
	}
	classes := 0
	var filed []*training.Class
	for i, s := range specs {
		p := &training.Provider{Name: s.name, Kind: s.kind, EnterpriseID: s.ent, RegionCode: "420112001", Address: fmt.Sprintf("临空港大道 %d 号", 10+i),
			ContactName: "培训办", ContactPhone: fmt.Sprintf("027-8325%04d", 1000+i), Status: training.StatusDesignated}
		if s.kind == training.KindEvaluator { // evaluates every demo occupation at levels 5 to 3
			for _, occ := range demoTrainingOccupations {
				for _, l := range []training.Level{5, 4, 3} {
					p.Scope = append(p.Scope, training.ScopeItem{Occupation: occ, Level: l})
				}
			}
		} else {
			for _, k := range r.Perm(len(demoTrainingOccupations))[:2] {
				p.Scope = append(p.Scope, training.ScopeItem{Occupation: demoTrainingOccupations[k], Level: training.Level(3 + r.IntN(3))})
			}
		}
		p.Normalize()
		if err := ts.CreateProvider(ctx, sys, p); err != nil {
			return classes, fmt.Errorf("demo: training provider %s: %w", p.Name, err)
		}
		if !s.kind.Trains() || i >= len(demoInstitutions)+demoTrainingEnterprises {
			continue // the other enterprises' classes are in the history (pastTraining)
		}
		for j := range 1 + r.IntN(3) {
			it := p.Scope[r.IntN(len(p.Scope))]
			typ := training.TypeUpgrade
			if s.kind == training.KindInstitution && j%2 == 1 {
				typ = training.TypeEmployment
			}
			start := today.AddDate(0, 0, 3+r.IntN(60))
			c := &training.Class{ProviderID: p.ID, Title: fmt.Sprintf("%s第 %d 期", typ.Label(), j+1), Type: typ, Occupation: it.Occupation,
				Level: it.Level, Hours: 40 + 8*r.IntN(10), Capacity: 20 + 5*r.IntN(7), RegionCode: "420112001", Status: training.ClassApproved}
			for k := range 2 + r.IntN(4) {
				c.Sessions = append(c.Sessions, training.Session{Date: start.AddDate(0, 0, 7*k), Start: "09:00", End: "17:00", Place: p.Address + " 培训室"})
			}
			if st, ok := standards.Lookup(c.Type, c.Level, c.Start()); ok {
				c.SubsidyYuan, c.SubsidySource = st.Yuan, st.Source
			}
			if err := ts.CreateClass(ctx, sys, c); err != nil {
				return classes, fmt.Errorf("demo: class of %s: %w", p.Name, err)
			}
			filed = append(filed, c)
			classes++
		}
	}
	running, err := runningClasses(ctx, db, today)
	if err != nil {
		return classes, err
	}
	classes += len(running)
	enrolled, signed, err := trainingTrainees(ctx, db, opt, append(filed, running...), running)
	if err != nil {
		return classes, err
	}
	fmt.Fprintf(progress, "技能培训：%d 家机构，%d 个培训班，%d 人次报名，%d 次签到\n", len(specs), classes, enrolled, signed)
	return classes, nil
}

// runningClasses files two classes of the first institution that began a
// week ago and meet weekly (09:00–12:00), so the demo has attendance.
func runningClasses(ctx context.Context, db *store.DB, today time.Time) ([]*training.Class, error) {
	ps, err := db.Training().Providers(ctx, store.ProviderFilter{Kind: training.KindInstitution})
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	p := ps[0]
	var out []*training.Class
	for i, it := range p.Scope {
		c := &training.Class{ProviderID: p.ID, Title: fmt.Sprintf("%s（在训）第 %d 期", training.TypeEmployment.Label(), i+1), Type: training.TypeEmployment,
			Occupation: it.Occupation, Level: it.Level, Hours: 48, Capacity: 30, RegionCode: "420112001", Status: training.ClassApproved}
		for k := range 4 {
			c.Sessions = append(c.Sessions, training.Session{Date: today.AddDate(0, 0, 7*(k-1)-i), Start: "09:00", End: "12:00", Place: p.Address + " 培训室"})
		}
		if err := db.Training().CreateClass(ctx, store.Actor{Role: "system"}, c); err != nil {
			return nil, fmt.Errorf("demo: running class: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// trainingTrainees has the providers register persons in the classes (a
// third to four fifths of each class's seats; a person already in a class
// at the same time is left out) and signs most trainees of the running
// classes in to the sessions held so far; one absence is corrected on the
// roster. It returns the enrolments and the sign-ins.
func trainingTrainees(ctx context.Context, db *store.DB, opt Options, classes, running []*training.Class) (int, int, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamTrainingEnrol))
	persons, err := db.Registry().PersonsAfter(ctx, 0, 2000)
	if err != nil || len(persons) == 0 {
		return 0, 0, err
	}
	ts := db.Training()
	sys := store.Actor{Role: "system"}
	enrolled := 0
	for _, c := range classes {
		want := c.Capacity/3 + r.IntN(c.Capacity/2+1)
		var rows []store.ImportTrainee
		for i, k := range r.Perm(len(persons))[:min(want, len(persons))] {
			rows = append(rows, store.ImportTrainee{Row: i + 2, PersonID: persons[k].ID})
		}
		n, _, err := ts.ImportTrainees(ctx, sys, c, training.SourceImport, rows)
		if err != nil {
			return enrolled, 0, fmt.Errorf("demo: trainees of %s: %w", c.Title, err)
		}
		enrolled += n
	}
	signed := 0
	for _, rc := range running {
		c, err := ts.ClassByID(ctx, rc.ID)
		if err != nil {
			return enrolled, signed, err
		}
		roster, err := ts.Roster(ctx, c.ID)
		if err != nil {
			return enrolled, signed, err
		}
		for _, s := range c.Sessions {
			if opt.Now.Before(s.StartsAt()) {
				continue
			}
			for i, e := range roster {
				switch {
				case r.IntN(10) == 0 && i > 0: // missed it
				case i == 0: // no phone at hand: the teacher records it
					if err := ts.CorrectAttendance(ctx, sys, c, s, e.PersonID, true, "现场点名已到，手机未带"); err != nil {
						return enrolled, signed, err
					}
				default:
					method := training.MethodQR
					if r.IntN(3) == 0 {
						method = training.MethodCode
					}
					if _, _, err := ts.SignIn(ctx, sys, c, s, e.PersonID, method); err != nil {
						return enrolled, signed, err
					}
					signed++
				}
			}
		}
	}
	return enrolled, signed, nil
}
