package demo

// 零工经纪人 demo data at the seed's figures: 240 gig employers (verified
// enterprises), 9,000 gigs over the past year and the next fortnight, most
// of them done with their workers' sign-ups, and 10,000 worker profiles
// around Wuhan's streets. A few fresh gigs wait for review, one in ten of
// them with an illegal fee the screening catches.

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
	"github.com/jiuye/jiuye/internal/store"
)

// District figures of the gig broker at Scale 1.
const (
	DistrictGigEmployers = 240
	DistrictGigs         = 9000
	DistrictGigWorkers   = 10000
	// DistrictPersonEmployers are persons hiring for themselves (个人用工);
	// one in six still waits for staff to verify them.
	DistrictPersonEmployers = 12
)

const streamGigs = streamPosts + 10

// gigKind is a kind of short job the generator draws from.
type gigKind struct {
	title, occ, desc  string
	unit              gigs.PayUnit
	payLo, payHi      int64 // fen
	hours             int
	skills, provided  []string
	startHours        []int
	minSlots, maxSlot int
}

var gigKinds = []gigKind{
	{"仓库装卸", "4-02-05-01", "货车到仓后卸货、搬运、码放到指定区域，每车约 2 小时，需要能搬 20 公斤。", gigs.PerHour, 2300, 3000, 4, []string{"搬运"}, []string{"包餐"}, []int{8, 13, 18}, 2, 10},
	{"快递分拣（夜班）", "4-02-07-02", "按面单区域分拣快递包裹，站立作业，有人带教，当天可上手。", gigs.PerHour, 2300, 2800, 6, []string{"分拣"}, []string{"包餐", "交通补贴"}, []int{18}, 5, 20},
	{"超市理货", "4-02-06-02", "按陈列图补货上架、整理货架、清点临期商品，需要细心。", gigs.PerHour, 2200, 2600, 4, []string{"理货"}, nil, []int{8, 14}, 1, 4},
	{"餐厅服务员（午市）", "4-03-02-05", "午市点餐、传菜、收台，普通话交流即可，穿自己的深色裤子。", gigs.PerHour, 2300, 2700, 4, []string{"服务员"}, []string{"包餐"}, []int{10}, 1, 4},
	{"后厨洗碗", "4-03-02-05", "宴席后清洗餐具和厨具，按要求分类消毒摆放。", gigs.PerDay, 18000, 22000, 8, []string{"洗碗"}, []string{"包餐", "提供工作服"}, []int{9}, 1, 3},
	{"商场促销", "4-01-02-03", "周末商场堆头促销，介绍产品、引导试吃，形象整洁。", gigs.PerDay, 18000, 24000, 8, []string{"促销"}, []string{"提供工作服"}, []int{10}, 2, 6},
	{"展会搭建协助", "4-07-07-01", "国博展位搭建和撤展，搬运物料、配合木工安装，现场有人指导。", gigs.PerDay, 20000, 26000, 8, []string{"搬运", "搭建"}, []string{"包餐", "提供工具", "提供防护用品"}, []int{8}, 4, 15},
	{"开荒保洁", "4-09-08-01", "新装修住宅开荒清洁，擦玻璃、清理地面和厨卫，工具由公司提供。", gigs.PerHour, 2600, 3500, 4, []string{"保洁"}, []string{"提供工具"}, []int{8, 13}, 2, 6},
	{"家政钟点工", "4-10-01-06", "居家日常保洁和整理收纳，按时到户，有经验优先。", gigs.PerHour, 3000, 4000, 3, []string{"保洁", "收纳"}, nil, []int{9, 14}, 1, 2},
	{"活动传单派发", "4-01-02-01", "在指定地铁口派发开业活动传单，登记意向客户，不需要推销。", gigs.PerHour, 2200, 2600, 3, []string{"地推"}, nil, []int{10, 16}, 2, 8},
	{"午高峰送餐", "4-10-08-01", "午高峰配送外卖，自带电动车，按单计酬，有站长带。", gigs.PerPiece, 600, 900, 3, []string{"配送", "电动车"}, nil, []int{10}, 3, 10},
	{"小区绿化养护", "4-09-10-01", "修剪绿篱、除草、浇水，工具和劳保用品由公司提供。", gigs.PerDay, 18000, 22000, 8, []string{"绿化"}, []string{"提供工具", "提供防护用品"}, []int{8}, 2, 6},
	{"开业礼仪迎宾", "4-13-01-02", "门店开业礼仪迎宾和引导，身高不限，形象大方。", gigs.PerDay, 20000, 30000, 6, []string{"礼仪"}, []string{"提供工作服"}, []int{9}, 2, 6},
	{"马拉松活动安保", "4-07-05-01", "赛事沿线秩序维护和引导，服从现场安排，提供餐食和马甲。", gigs.PerDay, 18000, 24000, 8, []string{"安保"}, []string{"包餐", "提供工作服"}, []int{6}, 5, 30},
}

// unsafePhrases are what a few fresh demo gigs ask of workers, for the
// review queue's screening to catch.
var unsafePhrases = []string{"入职需交服装费 50 元，干满一周退。", "报名费 30 元，现场缴纳。", "上岗前押身份证，完工归还。"}

// GigCounts is what the gig broker's demo data holds.
type GigCounts struct {
	Employers, Gigs, Workers, Signups int
}

// generateGigs adds the gig broker's demo data.
func generateGigs(ctx context.Context, db *store.DB, tables *codes.Tables, opt Options, progress io.Writer) (GigCounts, error) {
	var out GigCounts
	ents, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return out, err
	}
	if len(ents) == 0 {
		return out, nil
	}
	g := &gigGen{r: rand.New(rand.NewPCG(opt.Seed, streamGigs)), now: opt.Now, centres: searchbench.StreetCentres(tables.Regions),
		screener: gigs.NewScreener(), tables: tables}
	for code := range g.centres {
		g.streets = append(g.streets, code)
	}
	slices.Sort(g.streets)
	nEmp := min(len(ents), max(1, int(math.Round(DistrictGigEmployers*opt.Scale))))
	for _, e := range ents[:nEmp] {
		g.employers = append(g.employers, e.ID)
	}
	workers, err := writeGigProfiles(ctx, db, g, max(1, int(math.Round(DistrictGigWorkers*opt.Scale))), progress)
	if err != nil {
		return out, err
	}
	g.workers = workers
	if g.persons, err = writePersonEmployers(ctx, db, g, max(2, int(math.Round(DistrictPersonEmployers*opt.Scale)))); err != nil {
		return out, err
	}
	n := max(1, int(math.Round(DistrictGigs*opt.Scale)))
	for done := 0; done < n; {
		k := min(batchSize/4, n-done)
		list, signups := make([]*gigs.Gig, 0, k), [][]demoSignup{}
		for i := range k {
			gig, sus := g.next(done+i, n)
			if err := gig.Validate(gig.CreatedAt, tables.Occupations, tables.Regions); err != nil {
				return out, validationError("gig", gig.Title, err)
			}
			gig.CreatedAt = time.Time{} // the store stamps its own
			list, signups = append(list, gig), append(signups, sus)
		}
		err := db.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertGigs(ctx, list); err != nil {
				return err
			}
			var all []*gigs.Signup
			for i, gig := range list {
				for _, d := range signups[i] {
					d.su.GigID, d.su.ShiftID = gig.ID, gig.Shifts[d.su.ShiftID].ID // ShiftID held the shift's index
					all = append(all, d.su)
				}
			}
			if err := tx.InsertSignups(ctx, all); err != nil {
				return err
			}
			var ratings []store.Rating
			for _, sus := range signups {
				for _, d := range sus {
					if d.byWorker > 0 {
						ratings = append(ratings, store.Rating{SignupID: d.su.ID, ByRole: "worker", Stars: d.byWorker, At: d.su.UpdatedAt})
					}
					if d.byEmployer > 0 {
						ratings = append(ratings, store.Rating{SignupID: d.su.ID, ByRole: "employer", Stars: d.byEmployer, At: d.su.UpdatedAt})
					}
				}
			}
			return tx.InsertRatings(ctx, ratings)
		})
		if err != nil {
			return out, fmt.Errorf("demo: gigs: %w", err)
		}
		for _, sus := range signups {
			out.Signups += len(sus)
		}
		done += k
		report(progress, "零工", done, n)
	}
	out.Employers, out.Gigs, out.Workers = nEmp, n, len(workers)
	return out, nil
}

// gigGen draws gigs and their sign-ups.
type gigGen struct {
	r         *rand.Rand
	now       time.Time
	centres   map[string]search.Point
	streets   []string
	employers []int64
	workers   []int64
	persons   []int64 // verified 个人用工 employers' gig-employer ids
	screener  *gigs.Screener
	tables    *codes.Tables
}

// next draws gig i of n: most in the past year, the last ones in the
// coming fortnight, a few of those waiting for review.
func (g *gigGen) next(i, n int) (*gigs.Gig, []demoSignup) {
	r := g.r
	k := gigKinds[r.IntN(len(gigKinds))]
	future := i >= n*19/20
	today := chinatime.Today(g.now)
	day := today.AddDate(0, 0, -1-r.IntN(365))
	if future {
		day = today.AddDate(0, 0, 1+r.IntN(14))
	}
	start := k.startHours[r.IntN(len(k.startHours))]
	gig := &gigs.Gig{EnterpriseID: g.employers[r.IntN(len(g.employers))], Title: k.title, OccupationCode: k.occ, Description: k.desc,
		PayUnit: k.unit, PayFen: int64(roundTo(int(k.payLo+r.Int64N(k.payHi-k.payLo+1)), 50)), Slots: k.minSlots + r.IntN(k.maxSlot-k.minSlots+1),
		Skills: k.skills, Provided: k.provided, CancelHours: []int{2, 6, 12, 24}[r.IntN(4)], InstantAccept: r.IntN(3) > 0,
		Urgent: r.IntN(10) == 0, Status: gigs.Published}
	if len(g.persons) > 0 && r.IntN(50) == 0 { // a household moving or redecorating
		gig.EnterpriseID, gig.EmployerID = 0, g.persons[r.IntN(len(g.persons))]
		gig.Title, gig.OccupationCode, gig.PayUnit, gig.Description = "家里搬家帮手", "4-02-05-01", gigs.PerHour, "周末搬家，搬运家具和纸箱到楼下货车，电梯房，约 4 小时。"
		gig.PayFen, gig.Provided, gig.Skills = 3000, []string{"包餐"}, []string{"搬运"}
	}
	street := g.streets[r.IntN(len(g.streets))]
	if r.IntN(10) < 7 { // most in 东西湖区
		for range 8 {
			if s := g.streets[r.IntN(len(g.streets))]; s[:6] == "420112" {
				street = s
				break
			}
		}
	}
	c := g.centres[street]
	gig.RegionCode, gig.Address = street, fmt.Sprintf("%s%d号", []string{"金山大道", "临空港大道", "吴家山路", "东吴大道", "将军路"}[r.IntN(5)], 1+r.IntN(300))
	gig.Lat, gig.Lng, gig.HasGeo = c.Lat+(r.Float64()*2-1)*locationSpread, c.Lng+(r.Float64()*2-1)*locationSpread, true
	for d := range 1 + r.IntN(3) {
		at := time.Date(day.Year(), day.Month(), day.Day()+d, start, 0, 0, 0, chinatime.Zone)
		gig.Shifts = append(gig.Shifts, gigs.Shift{StartsAt: at.UTC(), EndsAt: at.Add(time.Duration(k.hours) * time.Hour).UTC()})
	}
	created := gig.Shifts[0].StartsAt.Add(-time.Duration(24+r.IntN(72)) * time.Hour)
	gig.PublishedAt, gig.CreatedAt = created.Add(2*time.Hour), created
	if future && i%40 == 0 { // waiting for review, some with what screening blocks
		gig.Status, gig.PublishedAt = gigs.Pending, time.Time{}
		if i%80 == 0 {
			gig.Description += unsafePhrases[r.IntN(len(unsafePhrases))]
		}
		gig.Flags = g.screener.Screen(gigs.ScreenInput{Title: gig.Title, Description: gig.Description, Skills: gig.Skills,
			Provided: gig.Provided, PayFen: gig.PayFen, PayUnit: string(gig.PayUnit), HoursPerDay: gig.Shifts[0].Hours(), Address: gig.Address})
	}
	if gig.Status == gigs.Pending {
		return gig, nil
	}
	return gig, g.signups(gig, future, created)
}

// demoSignup is a drawn sign-up with the stars each side gives (0: none).
type demoSignup struct {
	su                   *gigs.Signup
	byWorker, byEmployer int
}

// signups fills a gig's shifts: an upcoming one's workers are accepted; a
// done one's completed it with check times and the employer's pay record
// (a few did not come, a few were paid less than promised and some of
// those disputed it), and many rated each other.
func (g *gigGen) signups(gig *gigs.Gig, future bool, created time.Time) []demoSignup {
	var out []demoSignup
	for si, sh := range gig.Shifts {
		n := g.r.IntN(gig.Slots + 1)
		if !future {
			n = max(n, gig.Slots*2/3)
		}
		seen := map[int64]bool{}
		for range n {
			p := g.workers[g.r.IntN(len(g.workers))]
			if seen[p] {
				continue
			}
			seen[p] = true
			at := created.Add(time.Duration(1+g.r.IntN(20)) * time.Hour)
			su := &gigs.Signup{ShiftID: int64(si), PersonID: p, Status: gigs.SignupAccepted, CreatedAt: at, UpdatedAt: at,
				CheckinDistM: -1, Pay: gigs.Pay{PaidFen: -1, ReceivedFen: -1}}
			gig.Shifts[si].Filled++
			d := demoSignup{su: su}
			if !future {
				g.work(gig, sh, &d)
			}
			out = append(out, d)
		}
	}
	return out
}

// work gives a done shift's sign-up its record.
func (g *gigGen) work(gig *gigs.Gig, sh gigs.Shift, d *demoSignup) {
	r, su := g.r, d.su
	if r.IntN(30) == 0 {
		su.Status = gigs.SignupNoShow
		return
	}
	su.Status = gigs.SignupCompleted
	su.CheckedInAt = sh.StartsAt.Add(-time.Duration(5+r.IntN(15)) * time.Minute)
	su.CheckedOutAt = sh.EndsAt.Add(time.Duration(r.IntN(10)) * time.Minute)
	su.CheckinDistM = 20 + r.IntN(300)
	su.HoursWorked = gigs.WorkedHours(su.CheckedInAt, su.CheckedOutAt, sh)
	if gig.PayUnit == gigs.PerPiece {
		su.Pieces = 15 + r.IntN(30)
	}
	su.PromisedFen = gigs.Promised(gig, sh, su.HoursWorked, su.Pieces)
	su.PaidFen, su.PaidOnTime = su.PromisedFen, r.IntN(20) > 0
	su.PaidAt = sh.EndsAt.Add(time.Duration(1+r.IntN(3)) * time.Hour)
	if !su.PaidOnTime {
		su.PaidAt = sh.EndsAt.Add(time.Duration(30+r.IntN(100)) * time.Hour)
	}
	su.ReceivedFen, su.ReceivedAt = su.PaidFen, su.PaidAt.Add(2*time.Hour)
	under := r.IntN(40) == 0
	if under {
		su.PaidFen = su.PromisedFen * int64(70+r.IntN(20)) / 100
		su.ReceivedFen = su.PaidFen
		if r.IntN(2) == 0 {
			su.Dispute = gigs.DisputeOpen
			su.WorkerStatement = fmt.Sprintf("说好 %s 元，只收到 %s 元", gigs.Yuan(su.PromisedFen), gigs.Yuan(su.PaidFen))
			su.EmployerStatement = "中途提前离开，按实际工时结算"
			if r.IntN(3) > 0 { // most are resolved by now
				su.Dispute, su.Resolution, su.ResolvedAt = gigs.DisputeUpheld, "签到签退记录完整，按约定补足差额", su.ReceivedAt.Add(48*time.Hour)
				su.ResolvedFen = su.PromisedFen
			}
		}
	}
	su.UpdatedAt = su.ReceivedAt
	if r.IntN(5) < 2 {
		d.byWorker = 4 + r.IntN(2)
		if under {
			d.byWorker = 1 + r.IntN(2)
		}
	}
	if r.IntN(10) < 3 {
		d.byEmployer = 3 + r.IntN(3)
	}
}

// writeGigProfiles gives the first n persons a gig profile near their
// street and returns their ids.
func writeGigProfiles(ctx context.Context, db *store.DB, g *gigGen, n int, progress io.Writer) ([]int64, error) {
	var ids []int64
	var after int64
	skills := []string{"搬运", "分拣", "理货", "服务员", "洗碗", "促销", "保洁", "收纳", "地推", "配送", "电动车", "绿化", "礼仪", "安保", "叉车"}
	for len(ids) < n {
		persons, err := db.Registry().PersonsAfter(ctx, after, min(batchSize, n-len(ids)))
		if err != nil {
			return nil, err
		}
		if len(persons) == 0 {
			break
		}
		batch := make([]*gigs.Profile, 0, len(persons))
		for _, p := range persons {
			after = p.ID
			pr := &gigs.Profile{PersonID: p.ID, HourFrom: []int{0, 6, 8, 18}[g.r.IntN(4)], RadiusKm: []int{3, 5, 10, 20}[g.r.IntN(4)],
				HomeRegion: p.ResidenceRegion, UpdatedAt: g.now}
			pr.HourTo = min(24, pr.HourFrom+[]int{8, 12, 24}[g.r.IntN(3)])
			for range 1 + g.r.IntN(3) {
				pr.Skills = append(pr.Skills, skills[g.r.IntN(len(skills))])
			}
			if g.r.IntN(3) == 0 {
				pr.Days = []int{0, 6}
			}
			if c, ok := g.centres[p.ResidenceRegion]; ok {
				pr.HomeLat, pr.HomeLng, pr.HasHome = c.Lat+(g.r.Float64()*2-1)*locationSpread, c.Lng+(g.r.Float64()*2-1)*locationSpread, true
			}
			pr.Normalize()
			batch = append(batch, pr)
			ids = append(ids, p.ID)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertGigProfiles(ctx, batch) }); err != nil {
			return nil, fmt.Errorf("demo: gig profiles: %w", err)
		}
		report(progress, "零工资料", len(ids), n)
	}
	return ids, nil
}

// writePersonEmployers registers n persons as 个人用工 (the last persons of
// the store, one in six pending) and returns the verified ones' ids.
func writePersonEmployers(ctx context.Context, db *store.DB, g *gigGen, n int) ([]int64, error) {
	if len(g.workers) < n {
		return nil, nil
	}
	var verified []int64
	names := []string{"王先生", "李女士", "张先生", "刘女士", "陈先生", "杨女士"}
	err := db.Write(ctx, func(tx *store.Tx) error {
		for i := range n {
			e := &gigs.Employer{PersonID: g.workers[len(g.workers)-1-i], Name: names[i%len(names)],
				Purpose: "家里搬家、装修打杂，偶尔需要找人帮忙", Status: gigs.EmployerVerified, CreatedAt: g.now.AddDate(0, -6, 0)}
			e.ReviewedAt = e.CreatedAt.Add(24 * time.Hour)
			if i%6 == 5 {
				e.Status, e.ReviewedAt, e.CreatedAt = gigs.EmployerPending, time.Time{}, g.now.AddDate(0, 0, -1)
			}
			if err := tx.InsertPersonEmployer(ctx, e); err != nil {
				return err
			}
			if e.Status == gigs.EmployerVerified {
				verified = append(verified, e.ID)
			}
		}
		return nil
	})
	return verified, err
}
