package demo

// Job fairs and the stations: the labour stations and university liaison
// stations with their contacts; last month's labour-cooperation fair of
// 咸丰县劳务工作站 with its booths on the map, the workers who
// pre-registered and came, the resumes sent at the booths (some hired) and
// the intentions and hires every employer recorded; and this winter's
// large fair of the bureau, open for pre-registration, with its booths
// approved and a few applications waiting.

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/store"
)

// demoStationPlaces are where the stations are and who answers their
// phone, in demoStations' order.
var demoStationPlaces = []struct{ region, contact string }{
	{"湖北省恩施州咸丰县", "向站长"}, {"湖北省恩施州恩施市", "谭站长"}, {"湖北省随州市", "胡站长"},
	{"武汉市洪山区狮子山街", "李老师"}, {"武汉市东西湖区常青花园", "周老师"}, {"武汉市洪山区南李路", "陈老师"},
	{"武汉市洪山区关山大道", "王老师"}, {"武汉市江夏区大花岭", "刘老师"},
}

// FairCounts is what the fairs step wrote.
type FairCounts struct {
	Booths, Signups, Resumes int
}

// stations writes the labour and university liaison stations, before the
// events that name them.
func (g *activityGen) stations(ctx context.Context) error {
	sys := store.Actor{Role: "system"}
	for i, st := range demoStations {
		kind := activity.StationLabour
		if st.org == activity.ByUniversity {
			kind = activity.StationUniversity
		}
		p := demoStationPlaces[i]
		s := &activity.Station{Name: st.name, Kind: kind, Region: p.region, ContactName: p.contact, ContactPhone: fmt.Sprintf("027-8%07d", 3200000+17*i)}
		if err := g.db.Stations().CreateStation(ctx, sys, s); err != nil {
			return fmt.Errorf("demo: station %s: %w", st.name, err)
		}
		g.stationIDs[st.name] = s.ID
	}
	return nil
}

// fairs writes the two fairs: the labour station's, past, where most of
// the workers came with the station and some with 恩施市劳务工作站, and the
// bureau's, open for pre-registration.
func (g *activityGen) fairs(ctx context.Context, progress io.Writer) error {
	var c FairCounts
	sys := store.Actor{Role: "system"}
	stationID, other := g.stationIDs[demoStations[0].name], g.stationIDs[demoStations[1].name]
	ents, err := g.db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return err
	}
	if len(ents) < 28 {
		fmt.Fprintf(progress, "招聘会：企业不足，跳过\n")
		return nil
	}
	// Last month's fair of the labour station, with its results.
	past, err := g.create(ctx, &activity.Activity{Kind: activity.KindLabour, Title: demoStations[0].name + "·春风行动东西湖区专场招聘会",
		Description: "咸丰县劳务工作站组织务工人员来区求职：区内制造、物流、食品企业设展位，现场介绍岗位、住宿和交通补贴，扫码即可投递简历。",
		Organiser:   activity.ByStation, OrgName: demoStations[0].name, StationID: stationID, RegionCode: "420112001", Capacity: 300,
		OpensAt: g.at(-34, 9, 0), ClosesAt: g.at(-21, 18, 0), Allocation: activity.FirstCome,
		Sessions: []activity.Session{{Start: g.at(-20, 9, 0), End: g.at(-20, 12, 0), Place: "东西湖区人力资源市场"}}})
	if err != nil {
		return err
	}
	booths, err := g.booths(ctx, past.ID, ents[:12], 12, 6)
	if err != nil {
		return err
	}
	c.Booths += len(booths)
	workers := g.sample(60)
	brought := map[int64]int64{} // the station that brought each worker
	reqs := store.ActivitySignupRequests(workers)
	for i := range reqs {
		reqs[i].StationID = stationID
		if i%4 == 3 {
			reqs[i].StationID = other
		}
		brought[reqs[i].PersonID] = reqs[i].StationID
	}
	signed, err := g.db.Activities().SignUpBatch(ctx, past.ID, reqs, past.OpensAt.Add(time.Hour))
	if err != nil {
		return fmt.Errorf("demo: fair sign-ups: %w", err)
	}
	var att []store.Attendance
	for _, s := range signed {
		if s.Err == nil && s.Signup != nil && g.r.IntN(100) < 75 {
			att = append(att, store.Attendance{SignupID: s.Signup.ID, Sessions: 1})
		}
	}
	c.Signups += len(signed)
	if err := g.db.Activities().RecordAttendance(ctx, past, att); err != nil {
		return fmt.Errorf("demo: fair attendance: %w", err)
	}
	if _, err := g.db.Activities().FinishEnded(ctx, g.now); err != nil {
		return err
	}
	for k, b := range booths {
		sent, err := g.resumesAt(ctx, past.ID, brought, b, workers[3*k%len(workers):][:min(3, len(workers)-3*k%len(workers))])
		if err != nil {
			return err
		}
		c.Resumes += sent
		intentions := sent + g.r.IntN(6)
		if _, err := g.db.Fairs().RecordBoothResults(ctx, sys, b.ID, intentions, min(intentions, 1+g.r.IntN(4))); err != nil {
			return err
		}
	}
	// This winter's fair of the bureau: booths approved, a few waiting, pre-registration open.
	next, err := g.create(ctx, &activity.Activity{Kind: activity.KindFair, Title: "2026年东西湖区冬季大型招聘会",
		Description: "区人社局主办，百余家企业现场招聘，涵盖制造、物流、食品、商贸、信息技术岗位。预约参会后到场扫描展位二维码即可投递简历。",
		Organiser:   activity.ByBureau, OrgName: "东西湖区人力资源和社会保障局", RegionCode: "420112001", Capacity: 1000,
		OpensAt: g.at(-3, 9, 0), ClosesAt: g.at(8, 18, 0), Allocation: activity.FirstCome,
		Sessions: []activity.Session{{Start: g.at(9, 9, 0), End: g.at(9, 15, 0), Place: "东西湖区体育中心"}}})
	if err != nil {
		return err
	}
	nb, err := g.booths(ctx, next.ID, ents[12:28], 12, 6)
	if err != nil {
		return err
	}
	c.Booths += len(nb)
	early, err := g.db.Activities().SignUpBatch(ctx, next.ID, store.ActivitySignupRequests(g.sample(40)), g.now)
	if err != nil {
		return fmt.Errorf("demo: fair sign-ups: %w", err)
	}
	c.Signups += len(early)
	fmt.Fprintf(progress, "招聘会：工作站 %d 个，展位 %d 个，预约 %d 人次，现场投递 %d 份\n", len(g.stationIDs), c.Booths, c.Signups, c.Resumes)
	return nil
}

// booths has each enterprise apply for a booth at a fair and approves the
// first n of them at places row by row, cols to a row; the rest wait.
func (g *activityGen) booths(ctx context.Context, fairID int64, ents []store.EnterpriseRef, n, cols int) ([]*activity.Booth, error) {
	sys := store.Actor{Role: "system"}
	var out []*activity.Booth
	for i, e := range ents {
		b := &activity.Booth{ActivityID: fairID, EnterpriseID: e.ID}
		if err := g.db.Fairs().ApplyBooth(ctx, sys, b); err != nil {
			return nil, fmt.Errorf("demo: booth of %s: %w", e.Name, err)
		}
		if i >= n {
			continue
		}
		d, err := g.db.Fairs().DecideBooth(ctx, sys, b.ID, store.BoothDecision{Approve: true, Row: 1 + i/cols, Col: 1 + i%cols},
			func(*activity.Booth) *store.NotifyMsg { return nil })
		if err != nil {
			return nil, fmt.Errorf("demo: booth of %s: %w", e.Name, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// resumesAt sends the persons' resumes to one of the booth's enterprise's
// posts at the fair, tagged with it and the station that brought each;
// one in three is hired. It returns how many were sent.
func (g *activityGen) resumesAt(ctx context.Context, fairID int64, brought map[int64]int64, b *activity.Booth, persons []int64) (int, error) {
	posts, _, err := g.db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: b.EnterpriseID, Status: string(jobs.Published), Limit: 3})
	if err != nil || len(posts) == 0 {
		return 0, err
	}
	sys := store.Actor{Role: "system"}
	none := func(*jobs.Application) *store.NotifyMsg { return nil }
	sent := 0
	for i, pid := range persons {
		p := posts[i%len(posts)]
		ap := &jobs.Application{PostID: p.ID, EnterpriseID: p.EnterpriseID, PersonID: pid, FairID: fairID, StationID: brought[pid]}
		if err := g.db.Jobs().CreateJobApplication(ctx, sys, ap, none); err != nil {
			return sent, fmt.Errorf("demo: resume at booth %s: %w", b.Place(), err)
		}
		sent++
		if i%3 != 0 {
			continue
		}
		for _, to := range []jobs.AppStatus{jobs.AppInterview, jobs.AppHired} {
			if _, err := g.db.Jobs().ChangeJobApplication(ctx, sys, ap.ID, to, "", "jobapp.status",
				func(from jobs.AppStatus) error { return jobs.NextByEmployer(from, to) }, none); err != nil {
				return sent, err
			}
		}
	}
	return sent, nil
}
