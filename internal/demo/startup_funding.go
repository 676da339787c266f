package demo

// 创业项目资助 demo data: last year's call, scored by seven experts (each
// with their own leniency, one stepping aside on a project they know) and
// decided within its budget, its 公示 published; and this year's second
// call, open now, half scored, with the printed expert's scores still to
// give.

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

const streamFunding = streamStartup + 1

// FundingCounts reports what the funding generator wrote.
type FundingCounts struct {
	Calls, Applications, Scores, Awarded int
	AwardedFen                           int64
}

var fundingProjects = []string{"社区烘焙工坊", "校园二手书循环平台", "无人机植保服务队", "非遗汉绣文创工作室", "宠物友好社区服务站", "县域直播电商孵化",
	"老年助餐配送", "新能源汽车充电运维", "青少年编程教室", "智慧农业温室监测", "社区托育中心", "跨境电商选品工作室", "露营装备租赁", "中医药膳餐饮"}

// generateFunding writes the experts (besides the printed one), the two
// calls, their applications, assignments and scores, and last year's
// decision.
func generateFunding(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (FundingCounts, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamFunding))
	var out FundingCounts
	experts, err := fundingExperts(ctx, db, r)
	if err != nil {
		return out, err
	}
	persons, err := db.Registry().PersonsAfter(ctx, 0, 2000)
	if err != nil || len(persons) == 0 {
		return out, err
	}
	n := max(6, int(math.Round(40*opt.Scale)))
	year := opt.Now.Year() - 1
	last := &startup.FundingCall{Title: fmt.Sprintf("%d 年创业项目资助（第一批）", year), Description: "扶持毕业五年内高校毕业生在区内创办的企业，择优资助。",
		PolicyID: "hb_dxs_cyfc", Opens: time.Date(year, 4, 1, 0, 0, 0, 0, time.UTC), Closes: time.Date(year, 4, 30, 0, 0, 0, 0, time.UTC),
		Budget: int64(math.Round(300*opt.Scale)) * 1_000_000, Tiers: startup.DefaultTiers(), Rubric: startup.DefaultRubric()}
	last.Budget = max(last.Budget, 50_000_000)
	if err := fundCall(ctx, db, r, last, persons[:min(n, len(persons))], experts, true, &out); err != nil {
		return out, err
	}
	today := time.Date(opt.Now.Year(), opt.Now.Month(), opt.Now.Day(), 0, 0, 0, 0, time.UTC)
	open := &startup.FundingCall{Title: fmt.Sprintf("%d 年创业项目资助（第二批）", opt.Now.Year()), Description: "申报期内在线申报，专家评审后公示。",
		PolicyID: "hb_dxs_cyfc", Opens: today.AddDate(0, 0, -20), Closes: today.AddDate(0, 0, 25),
		Budget: max(int64(math.Round(200*opt.Scale))*1_000_000, 50_000_000), Tiers: startup.DefaultTiers(), Rubric: startup.DefaultRubric()}
	second := persons[min(n, len(persons)-1):]
	if err := fundCall(ctx, db, r, open, second[:min(max(4, n/3), len(second))], experts, false, &out); err != nil {
		return out, err
	}
	report(progress, "创业项目资助申报", out.Applications, out.Applications)
	return out, nil
}

// expert is a review expert with their leniency in points.
type expert struct {
	id      int64
	bias    float64
	printed bool // the demo's printed expert account
}

// fundingExperts are the printed expert and six more (logins nobody knows
// the password of), each with a leniency between −12 and +12 points.
func fundingExperts(ctx context.Context, db *store.DB, r *rand.Rand) ([]expert, error) {
	us, _, err := db.Accounts().ListUsers(ctx, account.UserFilter{Role: string(account.RoleExpert), Limit: 10})
	if err != nil {
		return nil, err
	}
	out := []expert{}
	for _, u := range us {
		out = append(out, expert{id: u.ID, bias: 0, printed: true})
	}
	hash, err := account.HashPassword(newPassword(), account.DefaultHashParams)
	if err != nil {
		return nil, err
	}
	names := []string{"李明远", "陈静", "王建国", "赵敏", "刘洋", "孙丽华"}
	err = db.Write(ctx, func(tx *store.Tx) error {
		for i, name := range names {
			u := &account.User{Role: account.RoleExpert, Name: name + "（评审专家）", Phone: registry.GeneratePhone(r)}
			if err := tx.CreateUser(ctx, u, hash); err != nil {
				return fmt.Errorf("demo: expert %d: %w", i, err)
			}
			out = append(out, expert{id: u.ID, bias: float64(r.IntN(25) - 12)})
		}
		return nil
	})
	return out, err
}

// fundCall writes a call with applications from persons, each assigned to
// five experts (the printed one always) who score it — every score when
// decide, else about half and none of the printed expert's — and, when
// decide, the panel's decision as the ranking proposes it.
func fundCall(ctx context.Context, db *store.DB, r *rand.Rand, c *startup.FundingCall, persons []*registry.Person, experts []expert, decide bool, out *FundingCounts) error {
	sys := store.Actor{Role: "system"}
	if err := db.Funding().CreateCall(ctx, sys, c); err != nil {
		return fmt.Errorf("demo: call: %w", err)
	}
	out.Calls++
	quality := map[int64]float64{}
	var apps []*startup.FundingApp
	for i, p := range persons {
		ap := &startup.FundingApp{CallID: c.ID, PersonID: p.ID, Project: fundingProjects[i%len(fundingProjects)],
			Plan: "项目面向东西湖区居民和企业，团队三到五人，资金用于设备、场地和首批原材料，计划一年内带动 5 名以上青年就业。" +
				"已完成市场调研和试营业，月营业额稳定增长，申请资助用于扩大经营。", Requested: c.Tiers[r.IntN(len(c.Tiers))]}
		if err := db.Funding().Apply(ctx, sys, ap, nil); err != nil {
			return fmt.Errorf("demo: funding application: %w", err)
		}
		quality[ap.ID] = 55 + r.Float64()*35
		apps = append(apps, ap)
	}
	out.Applications += len(apps)
	for _, ap := range apps {
		if err := scoreApp(ctx, db, r, c, ap, experts, quality[ap.ID], decide, out); err != nil {
			return err
		}
	}
	if !decide {
		return nil
	}
	return decideCall(ctx, db, c, apps, out)
}

// scoreApp assigns an application to five experts and has them score it.
func scoreApp(ctx context.Context, db *store.DB, r *rand.Rand, c *startup.FundingCall, ap *startup.FundingApp, experts []expert, q float64, all bool, out *FundingCounts) error {
	sys := store.Actor{Role: "system"}
	picked, others := []expert{}, 0
	for _, i := range r.Perm(len(experts)) {
		if e := experts[i]; e.printed || others < 4 {
			picked = append(picked, e)
			others += map[bool]int{false: 1}[e.printed]
		}
	}
	ids := make([]int64, len(picked))
	for i, e := range picked {
		ids[i] = e.id
	}
	if _, err := db.Funding().Assign(ctx, sys, c.ID, []int64{ap.ID}, ids); err != nil {
		return fmt.Errorf("demo: assign: %w", err)
	}
	for _, e := range picked {
		if e.printed && !all || !all && r.IntN(2) == 0 {
			continue
		}
		if r.IntN(60) == 0 {
			if err := db.Funding().DeclareConflict(ctx, sys, ap.ID, e.id, "曾为申报人的创业导师"); err != nil {
				return err
			}
			continue
		}
		total := math.Max(20, math.Min(98, q+e.bias+r.NormFloat64()*4))
		s := startup.Score{ApplicationID: ap.ID, ExpertID: e.id, Criteria: map[string]float64{}, Comment: "商业模式清晰，建议关注现金流。"}
		for _, cr := range c.Rubric {
			s.Criteria[cr.Key] = math.Round(float64(cr.Max)*total/10) / 10
		}
		if err := db.Funding().SubmitScore(ctx, sys, s); err != nil {
			return fmt.Errorf("demo: score: %w", err)
		}
		out.Scores++
	}
	return nil
}

// decideCall records the ranking's proposal as the panel's decision.
func decideCall(ctx context.Context, db *store.DB, c *startup.FundingCall, apps []*startup.FundingApp, out *FundingCounts) error {
	rs, err := db.Funding().Reviews(ctx, store.ExpertReviewFilter{CallID: c.ID})
	if err != nil {
		return err
	}
	in := startup.RankInput{Rubric: c.Rubric, Requests: map[int64]int64{}, Budget: c.Budget, Tiers: c.Tiers}
	for _, ap := range apps {
		in.Requests[ap.ID] = ap.Requested
	}
	for _, rv := range rs {
		if rv.Submitted() {
			in.Scores = append(in.Scores, startup.Score{ApplicationID: rv.ApplicationID, ExpertID: rv.ExpertID, Criteria: rv.Scores})
		}
	}
	ranked, err := startup.Rank(in)
	if err != nil {
		return fmt.Errorf("demo: rank: %w", err)
	}
	awards := make([]startup.Award, len(ranked))
	for i, rk := range ranked {
		awards[i] = startup.Award{ApplicationID: rk.ApplicationID, Amount: rk.Proposed, Reason: rk.Reason}
		if rk.Proposed > 0 {
			out.Awarded++
			out.AwardedFen += rk.Proposed
		}
	}
	return db.Funding().Decide(ctx, store.Actor{Role: "system"}, c, awards, func(int64, startup.Award) *store.NotifyMsg { return nil })
}
