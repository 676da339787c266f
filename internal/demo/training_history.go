package demo

// 技能培训 history: the classes the district's providers ran since 2022, at
// the seed's figures — over 300 enterprises trained their staff (岗位技能
// 提升培训) for over 20,000 person-times, and the institutions trained
// 3,085 graduates and others (就业技能培训 and 创业培训) — with rosters,
// attendance and what became of the trainees, so the outcome report and
// the subsidy claims have real history to read.

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// The seed's training figures (../shared/seed: 区人社局's reply, item 二).
const (
	DistrictTrainingEnterprises = 300   // 动员300余家区内重点产业企业开展职业技能提升培训
	DistrictUpgradeTrainees     = 20000 // 组织培训2万余人次
	DistrictEmploymentTrainees  = 3085  // 开展就业创业培训3085人
	DistrictEvaluators          = 64    // 指导区内58家重点企业和6家培训机构获得职业技能等级评价资质
	DistrictEvaluated           = 6588  // 累计评价 6588 人
)

const streamTrainingHistory = streamPosts + 61

// historyFrom is when the seed's counts start ("2022年以来").
var historyFrom = time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC)

// historySlot is the span one past class runs in: five weekly sessions
// from a start in the slot's first week. A person is in at most one class
// per slot, so nobody is in two classes at once.
const (
	historySlotDays  = 35
	historySessions  = 5
	historyPresentIn = 0.95 // the chance a trainee is at a given session
)

// historyClassSize is the range of a past class's roster.
const historyClassMin, historyClassMax = 20, 45

// historyEnd is the last day a past class may end: a fortnight before
// today, and no later than the last day the standards file has a subsidy
// figure for (so the history's classes carry the standard that applied).
func historyEnd(today time.Time, st *training.Standards) time.Time {
	end := today.AddDate(0, 0, -14)
	if last := st.LastDay(); !last.IsZero() && last.Before(end) {
		end = last
	}
	return end
}

// pastTraining writes the history: classes by the designated enterprises
// (upgrade) and institutions (employment and start-up), their rosters
// drawn from the persons slot by slot, attendance, outcomes (the staff
// trained in-house keep working at their enterprise; most graduates find
// work within four months), and the trainees in the outcome tracking.
func pastTraining(ctx context.Context, db *store.DB, opt Options, progress io.Writer) error {
	r := rand.New(rand.NewPCG(opt.Seed, streamTrainingHistory))
	today := chinatime.Today(opt.Now)
	standards, err := training.LoadStandards()
	if err != nil {
		return err
	}
	end := historyEnd(today, standards)
	slots := int(end.Sub(historyFrom).Hours()/24) / historySlotDays
	if slots < 1 {
		return nil
	}
	persons, err := db.Registry().PersonsAfter(ctx, 0, max(2000, int(math.Round(DistrictPersons*opt.Scale))))
	if err != nil || len(persons) == 0 {
		return err
	}
	ents, err := db.Training().Providers(ctx, store.ProviderFilter{Kind: training.KindEnterprise})
	if err != nil {
		return err
	}
	insts, err := db.Training().Providers(ctx, store.ProviderFilter{Kind: training.KindInstitution})
	if err != nil {
		return err
	}
	h := &historyGen{r: r, slots: slots, standards: standards, pools: make([][]int64, slots), persons: persons, names: map[int64]string{}}
	for _, p := range append(append([]*training.Provider(nil), ents...), insts...) {
		h.names[p.ID] = p.Name
	}
	upgrade := max(1, int(math.Round(DistrictUpgradeTrainees*opt.Scale)))
	employment := max(1, int(math.Round(DistrictEmploymentTrainees*opt.Scale)))
	up := h.plan(ents, upgrade, func(int) training.ClassType { return training.TypeUpgrade })
	em := h.plan(insts, employment, func(i int) training.ClassType {
		if i%3 == 1 {
			return training.TypeStartup
		}
		return training.TypeEmployment
	})
	all := append(up, em...)
	if err := db.Training().InsertPastClasses(ctx, all); err != nil {
		return fmt.Errorf("demo: past training: %w", err)
	}
	ev, err := h.evaluationAndClaims(ctx, db, all, persons, opt.Scale, today)
	if err != nil {
		return err
	}
	outs := h.outcomes(all, ents, today)
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Casework().InsertOutcomes(ctx, outs) }); err != nil {
		return fmt.Errorf("demo: trainees' outcomes: %w", err)
	}
	if _, err := db.Training().MarkTraineesServed(ctx, opt.Now); err != nil {
		return err
	}
	fmt.Fprintf(progress, "技能培训（2022 年以来）：%d 个岗位技能提升培训班 %d 人次，%d 个就业创业培训班 %d 人次；评价 %d 人，发证 %d 本；%d 份补贴申领已发放 %.1f 万元\n",
		len(up), trainees(up), len(em), trainees(em), ev.evaluated, ev.certificates, ev.claims, float64(ev.yuan)/1e4)
	return nil
}

// evaluationAndClaims writes the sittings with their certificates, then
// the paid subsidy claims that the certificates qualify.
func (h *historyGen) evaluationAndClaims(ctx context.Context, db *store.DB, classes []store.PastClass, persons []*registry.Person,
	scale float64, today time.Time) (evalCounts, error) {
	var n evalCounts
	evaluators, err := db.Training().Providers(ctx, store.ProviderFilter{Kind: training.KindEvaluator})
	if err != nil {
		return n, err
	}
	people := make(map[int64]*registry.Person, len(persons))
	for _, p := range persons {
		people[p.ID] = p
	}
	sittings := h.evaluate(classes, evaluators, people, scale, today)
	if err := db.Training().InsertPastSittings(ctx, sittings); err != nil {
		return n, fmt.Errorf("demo: past sittings: %w", err)
	}
	var maskErr error
	masks := map[int64]string{}
	masked := func(id int64) string { // the persons walked above carry no ID number: read it once per trainee
		if m, ok := masks[id]; ok || maskErr != nil {
			return m
		}
		p, err := db.Registry().PersonByID(ctx, id)
		if err != nil {
			maskErr = err
			return ""
		}
		masks[id] = registry.MaskID(p.IDNumber)
		return masks[id]
	}
	claims := h.claims(classes, sittings, people, masked, today)
	if maskErr != nil {
		return n, maskErr
	}
	want := make([]int64, len(claims))
	for i, k := range claims {
		want[i] = k.ID
		n.yuan += int64(k.TotalYuan)
	}
	if err := db.Training().InsertPaidClaims(ctx, claims); err != nil {
		return n, fmt.Errorf("demo: past claims: %w", err)
	}
	for _, s := range sittings {
		n.evaluated += len(s.Candidates)
		n.certificates += len(s.Certificates)
	}
	n.claims = len(claims)
	return n, checkClaimIDs(claims, want)
}

// evalCounts is what the evaluation and claims history wrote.
type evalCounts struct {
	evaluated, certificates, claims int
	yuan                            int64
}

func trainees(cs []store.PastClass) int {
	n := 0
	for _, c := range cs {
		n += len(c.Trainees)
	}
	return n
}

// historyGen draws the history's classes and rosters.
type historyGen struct {
	r         *rand.Rand
	slots     int
	standards *training.Standards
	persons   []*registry.Person
	pools     [][]int64        // per slot, the persons not yet in a class of it (drawn lazily)
	names     map[int64]string // providers' names by id
}

// plan spreads total trainees over the providers' classes: each provider
// runs classes in turn (so all of them train) of 20 to 45 within its scope,
// in a random slot, until the total is reached.
func (h *historyGen) plan(providers []*training.Provider, total int, typeOf func(int) training.ClassType) []store.PastClass {
	var out []store.PastClass
	if len(providers) == 0 {
		return out
	}
	for i, left := 0, total; left > 0; i++ {
		p := providers[i%len(providers)]
		size := min(left, historyClassMin+h.r.IntN(historyClassMax-historyClassMin+1))
		slot := h.r.IntN(h.slots)
		c := h.class(p, typeOf(i), slot, i/len(providers)+1)
		ids := h.draw(slot, size)
		if len(ids) == 0 {
			break
		}
		c.Capacity = max(c.Capacity, len(ids))
		pc := store.PastClass{Class: c, Trainees: ids}
		for range ids {
			row := make([]bool, len(c.Sessions))
			for k := range row {
				row[k] = h.r.Float64() < historyPresentIn
			}
			pc.Present = append(pc.Present, row)
		}
		out = append(out, pc)
		left -= len(ids)
	}
	return out
}

// class is a past class of p in slot: five weekly sessions from a start
// in the slot's first week, the subsidy standard that applied then.
func (h *historyGen) class(p *training.Provider, typ training.ClassType, slot, n int) *training.Class {
	it := p.Scope[h.r.IntN(len(p.Scope))]
	start := historyFrom.AddDate(0, 0, slot*historySlotDays+h.r.IntN(5))
	c := &training.Class{ProviderID: p.ID, Title: fmt.Sprintf("%s %d 年第 %d 期", typ.Label(), start.Year(), n), Type: typ,
		Occupation: it.Occupation, Level: it.Level, Hours: 40 + 8*h.r.IntN(6), Capacity: historyClassMax, RegionCode: p.RegionCode}
	for k := range historySessions {
		c.Sessions = append(c.Sessions, training.Session{Date: start.AddDate(0, 0, 7*k), Start: "09:00", End: "17:00", Place: p.Address + " 培训室"})
	}
	if st, ok := h.standards.Lookup(c.Type, c.Level, c.Start()); ok {
		c.SubsidyYuan, c.SubsidySource = st.Yuan, st.Source
	}
	return c
}

// draw takes up to n persons not yet in a class of slot.
func (h *historyGen) draw(slot, n int) []int64 {
	if h.pools[slot] == nil {
		pool := make([]int64, len(h.persons))
		for i, k := range h.r.Perm(len(h.persons)) {
			pool[i] = h.persons[k].ID
		}
		h.pools[slot] = pool
	}
	n = min(n, len(h.pools[slot]))
	ids := h.pools[slot][:n]
	h.pools[slot] = h.pools[slot][n:]
	return ids
}

// outcomes is what became of the trainees: those trained by their
// enterprise were working there before and after; of the others, 70% find
// work within four months of the class's end (most told by the employer or
// in a follow-up call), the rest are still looking at the 3-month call.
func (h *historyGen) outcomes(classes []store.PastClass, ents []*training.Provider, today time.Time) []casework.Outcome {
	names := map[int64]string{}
	for _, p := range ents {
		names[p.ID] = p.Name
	}
	seen := map[int64]bool{}
	var outs []casework.Outcome
	for _, pc := range classes {
		c := pc.Class
		for _, id := range pc.Trainees {
			if seen[id] {
				continue // one outcome line per person is enough for the history
			}
			seen[id] = true
			if c.Type == training.TypeUpgrade {
				outs = append(outs, casework.Outcome{PersonID: id, Status: casework.Employed, Employer: names[c.ProviderID],
					OccupationCode: c.Occupation, WageBand: casework.Wage5000, Since: c.Start().AddDate(-1, 0, 0),
					Source: casework.SourceEmployer, RecordedAt: c.End().Add(24 * time.Hour)})
				continue
			}
			if h.r.Float64() < 0.7 {
				since := c.End().AddDate(0, 0, 7+h.r.IntN(115))
				if since.After(today) {
					continue // not yet
				}
				outs = append(outs, casework.Outcome{PersonID: id, Status: casework.Employed, Employer: "东西湖区用人单位",
					OccupationCode: c.Occupation, WageBand: casework.Wage3000, Since: since, Source: casework.SourceAgent,
					RecordedAt: since.AddDate(0, 0, 20)})
				continue
			}
			check := c.End().AddDate(0, 3, 0)
			if check.After(today) {
				continue
			}
			outs = append(outs, casework.Outcome{PersonID: id, Status: casework.Unemployed, Since: check, Source: casework.SourceAgent,
				RecordedAt: check})
		}
	}
	return outs
}
