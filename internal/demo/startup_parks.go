package demo

// 青创园 demo data: the district's youth start-up parks as the seed
// describes them — one provincial and two municipal parks recognised, two
// more applying — with tenant firms drawn from the demo's verified
// enterprises (some graduated or moved out), the events each held over the
// last eighteen months, and last year's assessment of each recognised park
// computed from those records. Every record passes the domain's own
// validation before it is stored through the store's audited writes (as a
// system actor), so generator and validators agree.

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

const streamParks = streamPosts + 37

// demoPark is one park of the seed and how full it is.
type demoPark struct {
	park    startup.Park
	tenants int // firms that have been in it
	fill    int // percent of its space the firms in it use, at most
}

var demoParks = []demoPark{
	{startup.Park{Name: "湖北省青年创业示范园（东西湖园区）", Level: startup.ParkProvince, RegionCode: "420112001", Address: "金山大道 1 号 3 栋",
		Operator: "武汉临空港创业服务有限公司", ContactName: "刘主任", ContactPhone: "027-83251234", Unit: startup.SpaceArea, TotalSpace: 12_000,
		OpenSpace: 1_800, Status: startup.ParkRecognised, Services: []string{"registration", "mentor", "financing", "policy", "rent_relief", "accounting", "legal", "recruitment"},
		Intro: "省级青年创业示范园，提供办公、研发和轻加工场地，入驻首年场地租金减免 50%，常驻创业导师每周坐诊。"}, 10, 80},
	{startup.Park{Name: "武汉临空港青年创业园", Level: startup.ParkCity, RegionCode: "420112404", Address: "临空港大道 88 号",
		Operator: "东西湖区临空经济发展服务中心", ContactName: "周老师", ContactPhone: "027-83890516", Unit: startup.SpaceArea, TotalSpace: 6_000,
		OpenSpace: 600, Status: startup.ParkRecognised, Services: []string{"registration", "mentor", "policy", "rent_relief", "recruitment", "shared_facilities"},
		Intro: "面向物流、电商和跨境贸易的青年创业项目，园区内设共享直播间和会议室。"}, 7, 85},
	{startup.Park{Name: "金银湖青创空间", Level: startup.ParkCity, RegionCode: "420112015", Address: "金银湖路 16 号 2 楼",
		Operator: "武汉金银湖众创科技有限公司", ContactName: "陈经理", ContactPhone: "13971234567", Unit: startup.SpaceDesks, TotalSpace: 160,
		OpenSpace: 0, Status: startup.ParkRecognised, Services: []string{"registration", "mentor", "financing", "training", "shared_facilities"},
		Intro: "联合办公式众创空间，按工位入驻，适合初创团队和大学生创业项目。"}, 6, 95},
	{startup.Park{Name: "走马岭青年创业孵化基地", Level: startup.ParkCity, RegionCode: "420112006", Address: "走马岭汇通大道 12 号",
		Operator: "武汉走马岭产业园运营有限公司", ContactName: "王科长", ContactPhone: "027-83079921", Unit: startup.SpaceArea, TotalSpace: 4_000,
		OpenSpace: 2_200, Status: startup.ParkApplying, Services: []string{"registration", "policy", "rent_relief", "recruitment"}}, 3, 40},
	{startup.Park{Name: "东西湖大学生创业园", Level: startup.ParkDistrict, RegionCode: "420112013", Address: "常青花园十三区 商业街 5 号",
		Operator: "东西湖区青年创业服务中心", ContactName: "李老师", ContactPhone: "027-83216620", Unit: startup.SpaceDesks, TotalSpace: 80,
		OpenSpace: 50, Status: startup.ParkApplying, Services: []string{"registration", "mentor", "training", "policy"}}, 2, 35},
}

var demoParkEvents = []struct {
	kind  startup.EventKind
	title string
}{
	{startup.EventRoadshow, "青年创业项目路演"}, {startup.EventRoadshow, "投融资对接路演"}, {startup.EventTraining, "创业政策解读培训"},
	{startup.EventTraining, "财税知识培训"}, {startup.EventTraining, "直播电商运营培训"}, {startup.EventMentor, "创业导师坐诊"},
	{startup.EventMentor, "法律顾问坐诊"}, {startup.EventSalon, "创业者沙龙"}, {startup.EventOther, "校园招聘对接会"},
}

// startupParks writes the parks of demoParks with their tenants, events
// and (for the recognised ones) last year's assessment, and returns how
// many parks it wrote. Tenants are verified demo enterprises, each in one
// park; with too few of them a park gets fewer tenants.
func startupParks(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (int, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamParks))
	today := chinatime.Today(opt.Now)
	sys := store.Actor{Role: "system"}
	ps := db.Startup().Parks()
	ents, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return 0, err
	}
	r.Shuffle(len(ents), func(i, j int) { ents[i], ents[j] = ents[j], ents[i] })
	n := 0
	for _, dp := range demoParks {
		p := dp.park // a copy: the table stays as it is
		p.Services = append([]string(nil), dp.park.Services...)
		p.Normalize()
		if err := p.Validate(); err != nil {
			return n, fmt.Errorf("demo: park %s: %w", p.Name, err)
		}
		if err := ps.Create(ctx, sys, &p); err != nil {
			return n, fmt.Errorf("demo: park %s: %w", p.Name, err)
		}
		n++
		k := min(dp.tenants, len(ents))
		tenants := demoTenants(r, &p, ents[:k], dp.fill, today)
		ents = ents[k:]
		for _, t := range tenants {
			if err := t.Validate(today); err != nil {
				return n, fmt.Errorf("demo: tenant of %s: %w", p.Name, err)
			}
			if err := ps.AddTenant(ctx, sys, t); err != nil {
				return n, fmt.Errorf("demo: tenant of %s: %w", p.Name, err)
			}
		}
		events := demoEvents(r, &p, today)
		for _, e := range events {
			if err := e.Validate(today); err != nil {
				return n, fmt.Errorf("demo: event of %s: %w", p.Name, err)
			}
			if err := ps.AddEvent(ctx, sys, e); err != nil {
				return n, fmt.Errorf("demo: event of %s: %w", p.Name, err)
			}
		}
		if p.Status != startup.ParkRecognised {
			continue
		}
		a := demoAssessment(r, &p, tenants, events, today)
		if err := a.Validate(today); err != nil {
			return n, fmt.Errorf("demo: assessment of %s: %w", p.Name, err)
		}
		if err := ps.SaveAssessment(ctx, sys, a, false); err != nil {
			return n, fmt.Errorf("demo: assessment of %s: %w", p.Name, err)
		}
	}
	report(progress, "青创园", n, len(demoParks))
	return n, nil
}

// demoTenants are a park's firms: moved in over the last three years, a
// fifth of them since graduated or moved out, the ones in it sharing at
// most fill percent of its space.
func demoTenants(r *rand.Rand, p *startup.Park, ents []store.EnterpriseRef, fill int, today time.Time) []*startup.ParkTenant {
	var out []*startup.ParkTenant
	room := p.TotalSpace * fill / 100
	for i, e := range ents {
		t := &startup.ParkTenant{ParkID: p.ID, EnterpriseID: e.ID, EnterpriseName: e.Name, Status: startup.TenantIn,
			MoveIn: today.AddDate(0, 0, -30-r.IntN(3*365)), Jobs: 2 + r.IntN(25)}
		if i%5 == 4 { // one in five has left
			t.Status = startup.TenantGraduated
			if r.IntN(3) == 0 {
				t.Status = startup.TenantLeft
			}
			stay := int(today.Sub(t.MoveIn).Hours() / 24)
			t.LeftOn = t.MoveIn.AddDate(0, 0, 1+r.IntN(max(stay-1, 1)))
		}
		share := room / max(len(ents)-len(ents)/5, 1)
		t.SpaceUsed = share * (70 + r.IntN(31)) / 100
		if t.Status != startup.TenantIn {
			t.SpaceUsed = share / 2 // what it used; only firms still in count against the park's space
		}
		out = append(out, t)
	}
	return out
}

// demoEvents are the events a park held over the last eighteen months.
func demoEvents(r *rand.Rand, p *startup.Park, today time.Time) []*startup.ParkEvent {
	var out []*startup.ParkEvent
	for range 4 + r.IntN(7) {
		k := demoParkEvents[r.IntN(len(demoParkEvents))]
		out = append(out, &startup.ParkEvent{ParkID: p.ID, Date: today.AddDate(0, 0, -r.IntN(540)), Title: k.title, Kind: k.kind,
			Attendees: 15 + r.IntN(120)})
	}
	return out
}

// demoAssessment is last year's assessment of a park: the facts its
// records give, a score that grows with its occupancy, the jobs its firms
// created and the events it held, and the grade and comment that go with the score.
func demoAssessment(r *rand.Rand, p *startup.Park, tenants []*startup.ParkTenant, events []*startup.ParkEvent, today time.Time) *startup.ParkAssessment {
	year := today.Year() - 1
	f := startup.AssessParkFacts(p, tenants, events, year, today)
	score := min(100, 52+f.Occupancy/400+min(f.Jobs, 120)/8+min(f.Events, 8)+r.IntN(4))
	a := &startup.ParkAssessment{ParkID: p.ID, Year: year, Score: score, Facts: f}
	switch {
	case score >= 90:
		a.Grade, a.Comment = startup.GradeExcellent, "入驻率高，带动就业明显，创业服务活动丰富，评为优秀。"
	case score >= 75:
		a.Grade, a.Comment = startup.GradeGood, "运营规范，入驻企业发展良好；建议加强融资对接服务。"
	case score >= startup.ParkPassScore:
		a.Grade, a.Comment = startup.GradePass, "基本达到认定要求；入驻率和活动频次有待提高。"
	default: // a small demo (few firms) scores low
		a.Grade, a.Comment = startup.GradeFail, "入驻企业和活动偏少，限期整改后复核。"
	}
	return a
}
