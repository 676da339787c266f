package demo

// 技能培训 demo data (not yet called from Generate): the district's six
// 定点培训机构 of the seed, some verified enterprises designated for
// in-house training, a few 评价机构, and filed classes in the coming two
// months whose subsidy standard comes from the standards file. To wire it,
// call trainingProviders(ctx, db, gen.opt, gen.progress) after
// startupParks in Generate (and count its result where the others are).

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

const streamTraining = streamPosts + 41

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

// demoTrainingEnterprises is how many verified enterprises are designated
// for in-house training (企业自主培训), and demoEvaluators how many 评价机构.
const (
	demoTrainingEnterprises = 30
	demoEvaluators          = 4
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
	for _, e := range ents[:min(demoTrainingEnterprises, len(ents))] {
		specs = append(specs, spec{e.Name + "职工培训中心", training.KindEnterprise, e.ID})
	}
	for i := range demoEvaluators {
		specs = append(specs, spec{fmt.Sprintf("东西湖区职业技能等级评价站（第%d站）", i+1), training.KindEvaluator, 0})
	}
	classes := 0
	for i, s := range specs {
		p := &training.Provider{Name: s.name, Kind: s.kind, EnterpriseID: s.ent, RegionCode: "420112001", Address: fmt.Sprintf("临空港大道 %d 号", 10+i),
			ContactName: "培训办", ContactPhone: fmt.Sprintf("027-8325%04d", 1000+i), Status: training.StatusDesignated}
		for _, k := range r.Perm(len(demoTrainingOccupations))[:2] {
			p.Scope = append(p.Scope, training.ScopeItem{Occupation: demoTrainingOccupations[k], Level: training.Level(3 + r.IntN(3))})
		}
		p.Normalize()
		if err := ts.CreateProvider(ctx, sys, p); err != nil {
			return classes, fmt.Errorf("demo: training provider %s: %w", p.Name, err)
		}
		if !s.kind.Trains() {
			continue
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
			classes++
		}
	}
	fmt.Fprintf(progress, "技能培训：%d 家机构，%d 个培训班\n", len(specs), classes)
	return classes, nil
}
