package demo

// 青年夜校 and the other activities, with the seed's figures: last autumn's
// 34 night-school courses (美妆, 舞蹈, 瑜伽, 非遗手工, 烘焙, 乐器 …) drawn by
// lottery, attended over four evenings by over a thousand young people
// (some no-shows, ratings from those who came); this winter's courses open
// for entries now; 30 labour-cooperation events with the labour stations
// of 咸丰县, 恩施市 and 随州市 and five university liaison stations; career
// enlightenment days of the vocational school; and the mentors' weekly
// office hours (创业导师坐诊) that 我想创业 lists.

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/store"
)

const streamActivities = streamPosts + 45

// demoCourses are the night school's subjects.
var demoCourses = []string{"美妆入门", "街舞", "民族舞", "瑜伽", "普拉提", "汉绣（非遗手工）", "剪纸（非遗手工）", "陶艺", "烘焙", "西点裱花",
	"吉他", "尤克里里", "非洲鼓", "古筝", "艺术造型", "素描", "水彩", "羽毛球", "飞盘", "篮球", "法律知识：劳动合同", "法律知识：租房与消费",
	"手机摄影", "短视频剪辑", "书法", "咖啡拉花", "插花", "茶艺", "普通话与主持", "英语口语", "心理健康与减压", "急救技能", "理财入门", "简历与面试"}

// demoStations are the labour stations and university liaison stations.
var demoStations = []struct {
	name string
	org  activity.Organiser
}{
	{"咸丰县劳务工作站", activity.ByStation}, {"恩施市劳务工作站", activity.ByStation}, {"随州市劳务工作站", activity.ByStation},
	{"华中农业大学联络站", activity.ByUniversity}, {"武汉轻工大学联络站", activity.ByUniversity}, {"湖北工业大学联络站", activity.ByUniversity},
	{"武汉职业技术学院联络站", activity.ByUniversity}, {"湖北生物科技职业学院联络站", activity.ByUniversity},
}

// ActivityCounts is what the activities step wrote.
type ActivityCounts struct {
	Activities, Signups, Attended int
}

// generateActivities writes the activities and returns the counts.
func generateActivities(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (ActivityCounts, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamActivities))
	var c ActivityCounts
	young, err := youngPersons(ctx, db, opt.Now)
	if err != nil {
		return c, err
	}
	g := &activityGen{db: db, r: r, now: opt.Now, young: young, counts: &c, stationIDs: map[string]int64{}}
	if err := g.pastCourses(ctx); err != nil {
		return c, err
	}
	if err := g.stations(ctx); err != nil {
		return c, err
	}
	if _, err := db.Activities().FinishEnded(ctx, opt.Now); err != nil {
		return c, err
	}
	if err := g.upcoming(ctx); err != nil {
		return c, err
	}
	if err := g.fairs(ctx, progress); err != nil {
		return c, err
	}
	fmt.Fprintf(progress, "活动：%d 个，报名 %d 人次，参加 %d 人次\n", c.Activities, c.Signups, c.Attended)
	return c, nil
}

// youngPersons are the persons aged 16 to 35 at now.
func youngPersons(ctx context.Context, db *store.DB, now time.Time) ([]int64, error) {
	var out []int64
	var after int64
	for {
		ps, err := db.Registry().PersonsAfter(ctx, after, 5000)
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 {
			return out, nil
		}
		for _, p := range ps {
			if age := p.AgeOn(now); age >= 16 && age <= 35 {
				out = append(out, p.ID)
			}
			after = p.ID
		}
	}
}

type activityGen struct {
	db         *store.DB
	r          *rand.Rand
	now        time.Time
	young      []int64
	counts     *ActivityCounts
	stationIDs map[string]int64 // demoStations' ids by name
}

// at is the day d days from now at hh:mm Beijing time.
func (g *activityGen) at(d, hh, mm int) time.Time {
	day := chinatime.Today(g.now).AddDate(0, 0, d)
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, chinatime.Zone).UTC()
}

func (g *activityGen) seed() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(g.r.UintN(256))
	}
	return hex.EncodeToString(b[:])
}

// create stores an activity and reads it back with its sessions.
func (g *activityGen) create(ctx context.Context, a *activity.Activity) (*activity.Activity, error) {
	a.Status = activity.StatusOpen
	if err := g.db.Activities().CreateActivity(ctx, store.Actor{Role: "system"}, a, g.seed()); err != nil {
		return nil, fmt.Errorf("demo: activity %s: %w", a.Title, err)
	}
	g.counts.Activities++
	return g.db.Activities().ActivityByID(ctx, a.ID)
}

// weekly is n weekly sessions from the day d days from now, hh:00 for two hours.
func weekly(g *activityGen, d, n, hh int, place string) []activity.Session {
	var out []activity.Session
	for k := range n {
		s := g.at(d+7*k, hh, 0)
		out = append(out, activity.Session{Start: s, End: s.Add(2 * time.Hour), Place: place})
	}
	return out
}

// sample is k distinct young persons.
func (g *activityGen) sample(k int) []int64 {
	k = min(k, len(g.young))
	out := make([]int64, 0, k)
	for _, i := range g.r.Perm(len(g.young))[:k] {
		out = append(out, g.young[i])
	}
	return out
}

// pastCourses writes last autumn's term: each course drawn from its
// entries, then attended by most of those seated.
func (g *activityGen) pastCourses(ctx context.Context) error {
	for i, subject := range demoCourses {
		first := -95 + 2*i
		a, err := g.create(ctx, &activity.Activity{Kind: activity.KindCourse, Title: "青年夜校·" + subject,
			Description: "2026 年秋季青年夜校课程，每周一次，共 4 次，免费，材料由夜校提供。", Organiser: activity.ByLeague,
			OrgName: "共青团武汉市东西湖区委员会", Series: "2026年秋季青年夜校", RegionCode: "420112001", Capacity: 30 + 5*g.r.IntN(3),
			Audience: activity.Audience{MinAge: 16, MaxAge: 35}, OpensAt: g.at(first-14, 9, 0), ClosesAt: g.at(first-7, 20, 0),
			Allocation: activity.Lottery, NoShowLimit: 2, Sessions: weekly(g, first, 4, 19, "东西湖区青年之家")})
		if err != nil {
			return err
		}
		entrants := g.sample(a.Capacity + a.Capacity/2 + g.r.IntN(a.Capacity))
		if err := g.db.Activities().InsertEntries(ctx, a.ID, entrants, a.OpensAt.Add(time.Hour)); err != nil {
			return fmt.Errorf("demo: entries of %s: %w", a.Title, err)
		}
		g.counts.Signups += len(entrants)
		if _, err := g.db.Activities().Draw(ctx, store.Actor{Role: "system"}, a.ID, a.ClosesAt.Add(time.Minute), nil); err != nil {
			return fmt.Errorf("demo: draw of %s: %w", a.Title, err)
		}
		list, err := g.db.Activities().Signups(ctx, a.ID)
		if err != nil {
			return err
		}
		var att []store.Attendance
		for _, su := range list {
			if su.Status != activity.Confirmed || g.r.IntN(100) < 8 { // about 8% never come
				continue
			}
			at := store.Attendance{SignupID: su.ID, Sessions: 2 + g.r.IntN(3)}
			if g.r.IntN(3) == 0 {
				at.Rating = 4 + g.r.IntN(2)
				at.Comment = []string{"老师讲得很细，下班后来学很放松", "认识了新朋友", "希望下学期还有", "时间很合适"}[g.r.IntN(4)]
			}
			att = append(att, at)
		}
		if err := g.db.Activities().RecordAttendance(ctx, a, att); err != nil {
			return fmt.Errorf("demo: attendance of %s: %w", a.Title, err)
		}
		g.counts.Attended += len(att)
	}
	return nil
}

// upcoming writes this winter's courses (open for entries), the labour
// cooperation events of the past months, the enlightenment days and the
// mentors' office hours.
func (g *activityGen) upcoming(ctx context.Context) error {
	for i, subject := range []string{"瑜伽", "烘焙", "汉绣（非遗手工）", "吉他", "短视频剪辑", "羽毛球", "急救技能", "咖啡拉花"} {
		a, err := g.create(ctx, &activity.Activity{Kind: activity.KindCourse, Title: "青年夜校·" + subject,
			Description: "2026 年冬季青年夜校课程，每周一次，共 4 次，免费。报名期内登记的人机会均等，截止后公开抽签。", Organiser: activity.ByLeague,
			OrgName: "共青团武汉市东西湖区委员会", Series: "2026年冬季青年夜校", RegionCode: "420112001", Capacity: 30,
			Audience: activity.Audience{MinAge: 16, MaxAge: 35}, OpensAt: g.at(-2, 9, 0), ClosesAt: g.at(6, 20, 0),
			Allocation: activity.Lottery, NoShowLimit: 2, Sessions: weekly(g, 10+i, 4, 19, "东西湖区青年之家")})
		if err != nil {
			return err
		}
		entrants := g.sample(10 + g.r.IntN(30))
		if err := g.db.Activities().InsertEntries(ctx, a.ID, entrants, a.OpensAt.Add(time.Hour)); err != nil {
			return err
		}
		g.counts.Signups += len(entrants)
	}
	for i := range 30 {
		st := demoStations[i%len(demoStations)]
		d := -300 + 9*i
		if _, err := g.create(ctx, &activity.Activity{Kind: activity.KindLabour, Title: st.name + "·东西湖区企业专场对接会",
			Description: "区内企业与" + st.name + "对接用工需求，现场介绍岗位、住宿和交通补贴。", Organiser: st.org, OrgName: st.name,
			StationID: g.stationIDs[st.name], RegionCode: "420112001", Capacity: 200, OpensAt: g.at(d-10, 9, 0), ClosesAt: g.at(d-1, 18, 0), Allocation: activity.FirstCome,
			Sessions: []activity.Session{{Start: g.at(d, 9, 30), End: g.at(d, 12, 0), Place: "东西湖区人力资源市场"}}}); err != nil {
			return err
		}
	}
	for i, room := range []string{"电子电器物联网", "工业机器人", "护理应急救护", "3D 打印", "西点烘焙"} {
		d := 12 + 7*i
		if _, err := g.create(ctx, &activity.Activity{Kind: activity.KindEnlight, Title: "职业启蒙开放日·" + room,
			Description: "面向中小学生的职业体验：参观实训室、动手做一件作品。学校可整班报名，家长可陪同。", Organiser: activity.BySchool,
			OrgName: "武汉市东西湖职业技术学校", RegionCode: "420112001", Capacity: 40, OpensAt: g.at(-1, 9, 0), ClosesAt: g.at(d-2, 18, 0),
			Allocation: activity.FirstCome, Sessions: []activity.Session{{Start: g.at(d, 14, 0), End: g.at(d, 16, 30), Place: room + "实训室"}}}); err != nil {
			return err
		}
	}
	for k := range 6 {
		d := 3 + 7*k
		if _, err := g.create(ctx, &activity.Activity{Kind: activity.KindMentor, Title: "创业导师坐诊",
			Description: "创业导师一对一答疑：项目方向、开业手续、青创贷和补贴申请、财税。每人约 30 分钟，请带上您的项目简介。",
			Organiser:   activity.ByBureau, OrgName: "东西湖区创业指导服务中心", RegionCode: "420112001", Capacity: 6,
			OpensAt: g.at(-1, 9, 0), ClosesAt: g.at(d-1, 18, 0), Allocation: activity.FirstCome,
			Sessions: []activity.Session{{Start: g.at(d, 14, 0), End: g.at(d, 17, 0), Place: "东西湖区青年创业园 2 楼路演厅"}}}); err != nil {
			return err
		}
	}
	return nil
}
