package demo

// 就业见习 demo data: the seed's four enterprises that became internship
// bases (见习基地), each with a published 见习 post on the job board and a
// few interns taken from its applicants — eligible graduates and young
// unemployed people of the demo's persons — started one to seven months
// ago, their ended months recorded (most served), and the finished ones
// ended kept (留用) or not, so the public list shows retention rates and
// the bases' ledgers show months to claim.

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/internship"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

const streamInternships = streamPosts + 63

// DistrictInternshipBases is the seed's figure: 4 enterprises applied to
// become internship bases for graduates.
const DistrictInternshipBases = 4

// demoInternOccupations are the occupations the demo's bases offer, with
// the title of their 见习 post.
var demoInternOccupations = []struct{ code, title string }{
	{"4-02-06-01", "仓储管理见习生"},
	{"2-06-03-00", "会计见习生"},
	{"4-04-04-02", "网络运维见习生"},
	{"6-31-01-03", "电工见习生"},
}

var demoSupervisors = []string{"王建国", "刘芳", "陈志强", "张丽华"}

// generateInternships designates the bases, posts their places and
// starts their interns; it returns the number of internships.
func generateInternships(ctx context.Context, db *store.DB, opt Options, progress io.Writer) (int, error) {
	r := rand.New(rand.NewPCG(opt.Seed, streamInternships))
	today := chinatime.Today(opt.Now)
	sys := store.Actor{Role: "system"}
	ents, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return 0, err
	}
	n := max(1, int(math.Round(DistrictInternshipBases*opt.Scale)))
	var withPosts []store.EnterpriseRef // the last enterprises with a published post, newest first
	for i := len(ents) - 1; i >= 0 && len(withPosts) < n; i-- {
		posts, _, err := db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: ents[i].ID, Status: string(jobs.Published), Limit: 1})
		if err != nil {
			return 0, err
		}
		if len(posts) > 0 {
			withPosts = append(withPosts, ents[i])
		}
	}
	n = len(withPosts)
	persons, err := db.Registry().PersonsAfter(ctx, 0, 2000)
	if err != nil {
		return 0, err
	}
	used := map[int64]bool{}
	none := func(*jobs.Application) *store.NotifyMsg { return nil }
	total := 0
	for i, e := range withPosts {
		occ := demoInternOccupations[i%len(demoInternOccupations)]
		b := &internship.Base{EnterpriseID: e.ID, PlacesPerYear: 5 + r.IntN(16), Occupations: []string{occ.code}, ContactName: "人事部",
			ContactPhone: registry.GeneratePhone(r), Supervisor: demoSupervisors[i%len(demoSupervisors)],
			Intro: "为离校未就业高校毕业生提供" + occ.title[:len(occ.title)-len("见习生")] + "岗位见习，配备带教老师，见习期间发放基本生活费并购买人身意外伤害保险。"}
		if err := db.Internships().SaveBaseApplication(ctx, sys, b); err != nil {
			return total, fmt.Errorf("demo: internship base %s: %w", e.Name, err)
		}
		if err := db.Internships().MoveBase(ctx, sys, b.ID, internship.MoveDesignate, ""); err != nil {
			return total, err
		}
		post, err := internshipPost(ctx, db, e.ID, occ.code, occ.title, opt.Now)
		if err != nil {
			return total, err
		}
		// Three interns a base, started one to seven months ago.
		for k := 0; k < 3; k++ {
			start := today.AddDate(0, -1-r.IntN(7), -r.IntN(20))
			var pick *registry.Person
			for _, j := range r.Perm(len(persons)) {
				p := persons[j]
				if ok, _ := internship.Eligible(internship.Applicant{Education: p.Education, GraduationDate: p.GraduationDate,
					EmploymentStatus: p.EmploymentStatus, RegisteredUnemployed: p.RegisteredUnemployed, Birth: p.Birth}, start); ok && !used[p.ID] {
					pick = p
					break
				}
			}
			if pick == nil {
				break
			}
			used[pick.ID] = true
			ap := &jobs.Application{PostID: post.ID, EnterpriseID: e.ID, PersonID: pick.ID, CoverNote: "申请就业见习"}
			if err := db.Jobs().CreateJobApplication(ctx, sys, ap, none); err != nil {
				return total, err
			}
			for _, to := range []jobs.AppStatus{jobs.AppInterview, jobs.AppHired} {
				if _, err := db.Jobs().ChangeJobApplication(ctx, sys, ap.ID, to, "", "jobapp.status",
					func(from jobs.AppStatus) error { return jobs.NextByEmployer(from, to) }, none); err != nil {
					return total, err
				}
			}
			it := &internship.Internship{BaseID: b.ID, PostID: post.ID, ApplicationID: ap.ID, PersonID: pick.ID, PersonName: pick.Name,
				Start: start, PlannedMonths: []int{3, 6, 6}[k]}
			if err := db.Internships().StartInternship(ctx, sys, it); err != nil {
				return total, err
			}
			total++
			ps := internship.Periods(it.Start, it.PlannedMonths)
			for _, p := range ps {
				if !p.To.Before(today) {
					break
				}
				if err := db.Internships().RecordMonth(ctx, sys, it.ID, p.N, p.Month, r.IntN(8) != 0); err != nil {
					return total, err
				}
			}
			if last := ps[len(ps)-1]; last.To.Before(today) {
				if err := db.Internships().FinishInternship(ctx, sys, it.ID, r.IntN(3) != 0, last.To); err != nil {
					return total, err
				}
			}
		}
	}
	fmt.Fprintf(progress, "就业见习：%d 个见习基地，%d 名见习人员\n", n, total)
	return total, nil
}

// internshipPost publishes the base's 见习 place, modelled on one of its
// published posts (place, address, benefits) with the occupation's title.
func internshipPost(ctx context.Context, db *store.DB, entID int64, occ, title string, now time.Time) (*jobs.Post, error) {
	posts, _, err := db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: entID, Status: string(jobs.Published), Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(posts) == 0 {
		return nil, fmt.Errorf("demo: 见习 post: enterprise %d has no published post", entID)
	}
	p := *posts[0]
	p.ID, p.Title, p.OccupationCode, p.Internship = 0, title, occ, true
	p.Description = "就业见习岗位，面向离校 2 年内未就业的高校毕业生和 16–24 周岁登记失业青年。见习期 3–6 个月，配备带教老师，发放不低于当地最低工资的基本生活费，购买人身意外伤害保险；见习期满表现优秀者优先留用。"
	p.Headcount, p.SalaryMin, p.SalaryMax, p.ExperienceYears, p.Education = 5, 2300, 3000, 0, "大专"
	p.Skills = nil
	p.PublishedAt, p.ExpiresOn = now.UTC(), jobs.Today(now).AddDate(0, 0, 90)
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertPosts(ctx, []*jobs.Post{&p}) }); err != nil {
		return nil, fmt.Errorf("demo: 见习 post: %w", err)
	}
	return &p, nil
}
