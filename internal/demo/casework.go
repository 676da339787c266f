package demo

// 话务中心 demo data at the seed's figures: in its first months the call
// centre served 5,500 job seekers (resume diagnosis, career introduction,
// policy publicity, job recommendations) and called enterprises 1,750 times
// to collect vacancies. Eight agents in two teams keep the cases; the demo
// staff account supervises the first team, so its queue and the team view
// have work on the first day. Follow-ups are in every state: done,
// cancelled, overdue, due today, this week and later.

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// District figures of the call centre at Scale 1.
const (
	DistrictCaseClients        = 5500
	DistrictEnterpriseContacts = 1750
	caseMonths                 = 9 // contacts spread over the past nine months
)

const streamCasework = streamPosts + 20

// CaseCounts reports what the call-centre generator wrote.
type CaseCounts struct {
	Agents, Clients, Contacts, EnterpriseContacts, FollowUps, Outcomes int
	Vacancies, VacanciesPublished, Reviews                             int
}

// agentHash is the demo agents' password hash: of a random password
// nobody is told, so only the printed staff account can log in.
func agentHash() (string, error) {
	return account.HashPassword(newPassword()+newPassword(), account.DefaultHashParams)
}

var caseTeams = []string{"一组", "二组"}

var caseNotes = map[casework.Topic][]string{
	casework.TopicResume:  {"简历缺少最近一段工作经历，已电话里补充", "帮助把自我描述改得具体一些", "简历里没有技能证书，提醒上传叉车证", ""},
	casework.TopicCareer:  {"想转行做仓储，介绍了物流园区的招聘情况", "对电商客服有兴趣，建议先参加培训", "只能做白班，需要照顾孩子", ""},
	casework.TopicPolicy:  {"讲解了一次性求职创业补贴，本人准备材料", "符合灵活就业社保补贴条件，告知申请方式", "询问创业担保贷款，已发送政策详情", ""},
	casework.TopicJobs:    {"推荐了两个吴家山附近的仓管岗位", "对推荐的岗位薪资不满意，希望 6000 以上", "已投递，约了下周面试", ""},
	casework.TopicCounsel: {"求职多次失败情绪低落，聊了半小时，约定下周再联系", "家里有困难，介绍了公益性岗位", ""},
	casework.TopicOther:   {"咨询失业登记办理地点", "更换了手机号，已提醒本人在平台修改", ""},
}

var entNotes = []string{"人事经理说下月有扩产计划，需要普工 20 人", "确认了两个仓管岗位，待企业在后台确认后发布", "企业暂无用工需求，三个月后再联系",
	"走访时了解到缺叉车司机，已记录岗位", "讲解了吸纳就业补贴和社保补贴的申请", ""}

var casePurposes = []string{"确认面试结果", "提醒补充简历", "回访政策申请进度", "推荐新发布的岗位", "了解求职近况", "确认是否已入职"}

var personTopics = []casework.Topic{casework.TopicResume, casework.TopicCareer, casework.TopicPolicy, casework.TopicJobs,
	casework.TopicCounsel, casework.TopicOther}

// caseGen draws the call centre's records.
type caseGen struct {
	r      *rand.Rand
	now    time.Time
	agents []*account.User
	ents   []*registry.Enterprise // employers the outcomes name
	recent []*casework.Contact    // clients' contacts of the last weeks, for the review samples
}

// generateCasework writes the agents, the clients' contacts and cases, the
// enterprise contacts and the follow-ups, after the accounts exist (the
// printed staff member supervises 一组).
func generateCasework(ctx context.Context, db *store.DB, opt Options, progress io.Writer, staffPhone string) (CaseCounts, error) {
	g := &caseGen{r: rand.New(rand.NewPCG(opt.Seed, streamCasework)), now: opt.Now}
	var out CaseCounts
	if err := g.writeAgents(ctx, db, staffPhone); err != nil {
		return out, err
	}
	if err := g.loadEmployers(ctx, db); err != nil {
		return out, err
	}
	out.Agents = len(g.agents)
	nClients := max(1, int(math.Round(DistrictCaseClients*opt.Scale)))
	nEnt := max(1, int(math.Round(DistrictEnterpriseContacts*opt.Scale)))
	var after int64
	for out.Clients < nClients {
		persons, err := db.Registry().PersonsAfter(ctx, after, min(batchSize, nClients-out.Clients))
		if err != nil {
			return out, err
		}
		if len(persons) == 0 {
			break
		}
		after = persons[len(persons)-1].ID
		var cs []*casework.Contact
		var fs []*casework.FollowUp
		var served []casework.Served
		var outs []casework.Outcome
		for _, p := range persons {
			c, f := g.client(p)
			cs, fs = append(cs, c...), append(fs, f...)
			if s, ok := firstServed(c); ok {
				served = append(served, s)
				outs = append(outs, g.outcomes(s)...)
			}
		}
		if err := db.Write(ctx, func(tx *store.Tx) error {
			if err := tx.Casework().InsertContacts(ctx, cs); err != nil {
				return err
			}
			for _, s := range served {
				if err := tx.Casework().MarkServed(ctx, s); err != nil {
					return err
				}
			}
			if err := tx.Casework().InsertOutcomes(ctx, outs); err != nil {
				return err
			}
			return tx.Casework().InsertFollowUps(ctx, fs)
		}); err != nil {
			return out, fmt.Errorf("demo: casework: %w", err)
		}
		reviewed := casework.LastWeek(g.now).AddDate(0, 0, -7*7)
		for _, c := range cs {
			if !c.At.Before(reviewed) {
				g.recent = append(g.recent, c)
			}
		}
		out.Clients += len(persons)
		out.Contacts += len(cs)
		out.FollowUps += len(fs)
		out.Outcomes += len(outs)
		report(progress, "话务服务对象", out.Clients, nClients)
	}
	ents, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil || len(ents) == 0 {
		return out, err
	}
	var cs []*casework.Contact
	var fs []*casework.FollowUp
	for i := 0; i < nEnt; i++ {
		c, f := g.enterpriseContact(ents[g.r.IntN(len(ents))].ID)
		cs = append(cs, c)
		if f != nil {
			fs = append(fs, f)
		}
	}
	for i := 0; i < len(cs); i += batchSize {
		batch := cs[i:min(i+batchSize, len(cs))]
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Casework().InsertContacts(ctx, batch) }); err != nil {
			return out, fmt.Errorf("demo: enterprise contacts: %w", err)
		}
	}
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Casework().InsertFollowUps(ctx, fs) }); err != nil {
		return out, fmt.Errorf("demo: enterprise follow-ups: %w", err)
	}
	out.EnterpriseContacts, out.FollowUps = len(cs), out.FollowUps+len(fs)
	vs, err := g.vacancies(ctx, db, cs)
	if err != nil {
		return out, err
	}
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Casework().InsertVacancies(ctx, vs) }); err != nil {
		return out, fmt.Errorf("demo: vacancies: %w", err)
	}
	out.Vacancies = len(vs)
	for _, v := range vs {
		if v.Status == casework.VacancyPublished {
			out.VacanciesPublished++
		}
	}
	rs := g.reviews(append(g.recent, cs...))
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Casework().InsertReviews(ctx, rs) }); err != nil {
		return out, fmt.Errorf("demo: reviews: %w", err)
	}
	out.Reviews = len(rs)
	return out, nil
}

// vacancies draws what half the reached enterprise calls yielded: a vacancy
// like one of the enterprise's posts. Older drafts mostly ended — confirmed
// by the enterprise (linked to that post), published by staff with its
// consent, declined or withdrawn; the last month's mostly still wait.
func (g *caseGen) vacancies(ctx context.Context, db *store.DB, cs []*casework.Contact) ([]*casework.Vacancy, error) {
	var out []*casework.Vacancy
	for _, c := range cs {
		if c.Result != casework.Reached || g.r.IntN(2) == 0 {
			continue
		}
		posts, _, err := db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: c.EnterpriseID, Limit: 5})
		if err != nil {
			return nil, fmt.Errorf("demo: vacancies: %w", err)
		}
		if len(posts) == 0 {
			continue
		}
		p := posts[g.r.IntN(len(posts))]
		v := &casework.Vacancy{EnterpriseID: c.EnterpriseID, ContactID: c.ID, Team: c.Team, AgentID: c.AgentID, Title: p.Title,
			OccupationCode: p.OccupationCode, Headcount: p.Headcount, SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax,
			Education: p.Education, CreatedAt: c.At.Add(10 * time.Minute), Status: casework.VacancyDraft}
		old := g.now.Sub(c.At) > 30*24*time.Hour
		switch k := g.r.IntN(20); {
		case !old && k < 14:
		case k < 10:
			v.Status, v.PostID, v.PublishedBy = casework.VacancyPublished, p.ID, casework.ByEnterprise
		case k < 13:
			v.Status, v.PostID, v.PublishedBy, v.Consent = casework.VacancyPublished, p.ID, casework.ByStaff, "电话中人事经理同意代为发布"
		case k < 16:
			v.Status, v.DeclineReason = casework.VacancyDeclined, []string{"已招满", "暂不对外招聘", ""}[g.r.IntN(3)]
		case k < 18:
			v.Status = casework.VacancyWithdrawn
		}
		if v.Status != casework.VacancyDraft {
			v.DecidedAt, v.DecidedBy = v.CreatedAt.Add(time.Duration(1+g.r.IntN(72))*time.Hour), c.AgentID
		}
		out = append(out, v)
	}
	return out, nil
}

var reviewComments = []string{"开场白完整，需求记录清楚", "没有核实对方身份，下次注意", "政策讲解准确，语速可以再慢一些",
	"备注太简单，请写清楚下一步", "推荐岗位前先确认了通勤距离，很好", ""}

// reviews draws the supervisors' weekly samples of the last eight full
// weeks: up to three records per agent and week, scored except this
// week's, where the supervisor has not got to them yet.
func (g *caseGen) reviews(cs []*casework.Contact) []*casework.Review {
	supervisor := map[string]int64{}
	for _, a := range g.agents {
		if a.Supervisor {
			supervisor[a.Team] = a.ID
		}
	}
	type key struct {
		agent int64
		week  time.Time
	}
	first := casework.LastWeek(g.now).AddDate(0, 0, -7*7) // eight full weeks and this one
	buckets := map[key][]*casework.Contact{}
	var keys []key
	for _, c := range cs {
		w := casework.WeekOf(c.At)
		if w.Before(first) || c.ID == 0 {
			continue
		}
		k := key{c.AgentID, w}
		if buckets[k] == nil {
			keys = append(keys, k)
		}
		buckets[k] = append(buckets[k], c)
	}
	var out []*casework.Review
	for _, k := range keys {
		b := buckets[k]
		g.r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		reviewer := supervisor[b[0].Team]
		for _, c := range b[:min(3, len(b))] {
			r := &casework.Review{ContactID: c.ID, AgentID: c.AgentID, Team: c.Team, Week: k.week, DrawnBy: reviewer,
				DrawnAt: k.week.AddDate(0, 0, 7).Add(2 * time.Hour)}
			if k.week.Before(casework.LastWeek(g.now)) {
				r.ReviewerID, r.Score, r.Comments = reviewer, 3+g.r.IntN(3), reviewComments[g.r.IntN(len(reviewComments))]
				if g.r.IntN(8) == 0 {
					r.Score = 2
				}
				r.ReviewedAt = r.DrawnAt.Add(time.Duration(1+g.r.IntN(48)) * time.Hour)
			}
			out = append(out, r)
		}
	}
	return out
}

// loadEmployers keeps up to 60 verified enterprises for the outcomes.
func (g *caseGen) loadEmployers(ctx context.Context, db *store.DB) error {
	refs, err := db.Jobs().VerifiedEnterprises(ctx)
	if err != nil {
		return err
	}
	for i := 0; i < len(refs) && len(g.ents) < 60; i += max(1, len(refs)/60) {
		e, err := db.Registry().EnterpriseByID(ctx, refs[i].ID)
		if err != nil {
			return err
		}
		g.ents = append(g.ents, e)
	}
	return nil
}

// firstServed is the served record of a client's first reached contact.
func firstServed(cs []*casework.Contact) (casework.Served, bool) {
	for _, c := range cs {
		if c.Result == casework.Reached {
			return casework.Served{PersonID: c.PersonID, Kind: casework.KindCallCentre, ServedOn: chinatime.Today(c.At), Team: c.Team,
				AgentID: c.AgentID, Topic: c.Topics[0]}, true
		}
	}
	return casework.Served{}, false
}

// outcomes draws what became of a served person: days to a job are
// exponential with a mean of five months (a quarter never find one within
// the year), so placement rises with the months since served. The source
// is an imported insurance record for most, else an agent's call, the
// person's own answer or the employer's confirmation; someone not working
// at their 3-month check says so on the agent's call.
func (g *caseGen) outcomes(s casework.Served) []casework.Outcome {
	today := chinatime.Today(g.now)
	if g.r.IntN(4) > 0 {
		days := int(g.r.ExpFloat64() * 150)
		since := s.ServedOn.AddDate(0, 0, days)
		if since.Before(today) && len(g.ents) > 0 {
			e := g.ents[g.r.IntN(len(g.ents))]
			o := casework.Outcome{PersonID: s.PersonID, Status: casework.Employed, Employer: e.Name, Since: since,
				WageBand: pickBand(g.r), ContractType: pickContract(g.r), RecordedAt: g.now, RecordedBy: s.AgentID}
			switch k := g.r.IntN(10); {
			case k < 5:
				o.Source, o.EmployerUSCC, o.WageBand, o.ContractType = casework.SourceInsurance, e.USCC, "", ""
				first := time.Date(since.Year(), since.Month(), 1, 0, 0, 0, 0, time.UTC)
				o.Since = first
			case k < 8:
				o.Source = casework.SourceAgent
			case k < 9:
				o.Source = casework.SourceSelf
			default:
				o.Source, o.EmployerUSCC = casework.SourceEmployer, e.USCC
			}
			if g.r.IntN(12) == 0 {
				o.Status, o.Employer, o.EmployerUSCC, o.Source = casework.SelfEmployed, "", "", casework.SourceAgent
			}
			if o.Since.Before(s.ServedOn) {
				o.Since = s.ServedOn
			}
			return []casework.Outcome{o}
		}
	}
	check := s.ServedOn.AddDate(0, 3, 0)
	if check.Before(today) && g.r.IntN(2) == 0 {
		return []casework.Outcome{{PersonID: s.PersonID, Status: casework.Unemployed, Since: check, Source: casework.SourceAgent,
			RecordedAt: g.now, RecordedBy: s.AgentID}}
	}
	return nil
}

func pickBand(r *rand.Rand) casework.WageBand {
	switch k := r.IntN(10); {
	case k < 1:
		return casework.WageUnder3000
	case k < 6:
		return casework.Wage3000
	case k < 9:
		return casework.Wage5000
	}
	return casework.Wage8000
}

func pickContract(r *rand.Rand) casework.ContractType {
	switch k := r.IntN(10); {
	case k < 6:
		return casework.ContractFixed
	case k < 8:
		return casework.ContractNone
	case k < 9:
		return casework.ContractPartTime
	}
	return casework.ContractDispatch
}

// writeAgents makes eight agents in two teams (the printed staff member
// leads 一组; the others cannot log in) and keeps them for the records.
func (g *caseGen) writeAgents(ctx context.Context, db *store.DB, staffPhone string) error {
	sys := store.Actor{Role: "system"}
	staff, _, err := db.Accounts().UserByPhone(ctx, staffPhone)
	if err != nil {
		return fmt.Errorf("demo: staff account: %w", err)
	}
	if err := db.Casework().SetAgentTeam(ctx, sys, staff.ID, caseTeams[0], true); err != nil {
		return err
	}
	staff.Team, staff.Supervisor = caseTeams[0], true
	g.agents = append(g.agents, staff)
	hash, err := agentHash()
	if err != nil {
		return fmt.Errorf("demo: agents: %w", err)
	}
	names := newNames()
	for i := 1; i < 8; i++ {
		u := &account.User{Role: account.RoleStaff, Name: names.name(g.r, g.r.IntN(2) == 0)}
		err := db.Write(ctx, func(tx *store.Tx) error {
			for {
				u.Phone = registry.GeneratePhone(g.r)
				err := tx.CreateUser(ctx, u, hash)
				if apperrConflict(err) {
					continue
				}
				return err
			}
		})
		if err != nil {
			return fmt.Errorf("demo: agent: %w", err)
		}
		u.Team, u.Supervisor = caseTeams[i/4], i == 4
		if err := db.Casework().SetAgentTeam(ctx, sys, u.ID, u.Team, u.Supervisor); err != nil {
			return err
		}
		g.agents = append(g.agents, u)
	}
	return nil
}

// client draws one served person's contacts (one to four, the first one
// between nine months and a week ago) and follow-ups.
func (g *caseGen) client(p *registry.Person) ([]*casework.Contact, []*casework.FollowUp) {
	owner := g.agents[g.r.IntN(len(g.agents))]
	// Earlier months weigh more: the centre has served people since it opened.
	ageDays := 7 + int(float64(caseMonths*30-7)*math.Sqrt(g.r.Float64()))
	at := g.workTime(g.now.AddDate(0, 0, -ageDays))
	n := 1 + g.r.IntN(4)
	var cs []*casework.Contact
	for i := 0; i < n && at.Before(g.now); i++ {
		t1 := personTopics[g.r.IntN(len(personTopics))]
		topics := []casework.Topic{t1}
		if g.r.IntN(3) == 0 {
			if t2 := personTopics[g.r.IntN(4)]; t2 != t1 {
				topics = append(topics, t2)
			}
		}
		c := &casework.Contact{PersonID: p.ID, Team: owner.Team, AgentID: owner.ID, Channel: g.channel(), Direction: casework.Outbound,
			Topics: topics, DurationS: 60 + g.r.IntN(840), Result: g.result(), At: at}
		if i == 0 && g.r.IntN(3) == 0 {
			c.Direction = casework.Inbound
		}
		if c.Result == casework.Reached {
			notes := caseNotes[t1]
			c.Notes = notes[g.r.IntN(len(notes))]
		} else {
			c.DurationS = 0
		}
		c.Normalize()
		cs = append(cs, c)
		at = g.workTime(at.AddDate(0, 0, 7+g.r.IntN(40)))
	}
	return cs, g.followUps(p.ID, 0, owner)
}

// followUps draws a person's or an enterprise's follow-up in one of the
// states (most are done; open ones are overdue, today, this week or later).
func (g *caseGen) followUps(personID, entID int64, owner *account.User) []*casework.FollowUp {
	if g.r.IntN(10) < 4 {
		return nil
	}
	today := chinatime.Today(g.now)
	f := &casework.FollowUp{PersonID: personID, EnterpriseID: entID, Team: owner.Team, OwnerID: owner.ID, CreatedBy: owner.ID,
		Purpose: casePurposes[g.r.IntN(len(casePurposes))], Status: casework.FollowOpen}
	switch k := g.r.IntN(20); {
	case k < 10: // done
		f.Due = today.AddDate(0, 0, -1-g.r.IntN(150))
		f.Status, f.DoneAt = casework.FollowDone, f.Due.Add(time.Duration(2+g.r.IntN(72))*time.Hour)
	case k < 12:
		f.Due = today.AddDate(0, 0, -1-g.r.IntN(60))
		f.Status, f.DoneAt = casework.FollowCancelled, f.Due.Add(4*time.Hour)
	case k < 14: // overdue
		f.Due = today.AddDate(0, 0, -1-g.r.IntN(10))
	case k < 16:
		f.Due = today
	case k < 18:
		f.Due = today.AddDate(0, 0, 1+g.r.IntN(5))
	default:
		f.Due = today.AddDate(0, 0, 7+g.r.IntN(60))
	}
	f.CreatedAt = f.Due.AddDate(0, 0, -3-g.r.IntN(10))
	return []*casework.FollowUp{f}
}

// enterpriseContact draws a call or visit to collect vacancies.
func (g *caseGen) enterpriseContact(entID int64) (*casework.Contact, *casework.FollowUp) {
	agent := g.agents[g.r.IntN(len(g.agents))]
	at := g.workTime(g.now.AddDate(0, 0, -1-g.r.IntN(caseMonths*30)))
	c := &casework.Contact{EnterpriseID: entID, Team: agent.Team, AgentID: agent.ID, Channel: casework.Phone, Direction: casework.Outbound,
		Topics: []casework.Topic{casework.TopicVacancy}, DurationS: 120 + g.r.IntN(1200), Result: casework.Reached, At: at,
		Notes: entNotes[g.r.IntN(len(entNotes))]}
	if g.r.IntN(4) == 0 {
		c.Channel = casework.Visit
	}
	if g.r.IntN(3) == 0 {
		c.Topics = append(c.Topics, casework.TopicPolicy)
	}
	c.Normalize()
	var f *casework.FollowUp
	if fs := g.followUps(0, entID, agent); len(fs) > 0 && g.r.IntN(3) == 0 {
		f = fs[0]
		f.Purpose = "回访用工需求"
	}
	return c, f
}

func (g *caseGen) channel() casework.Channel {
	switch k := g.r.IntN(20); {
	case k < 15:
		return casework.Phone
	case k < 17:
		return casework.WeChat
	case k < 19:
		return casework.WalkIn
	}
	return casework.Visit
}

func (g *caseGen) result() casework.Result {
	switch k := g.r.IntN(20); {
	case k < 15:
		return casework.Reached
	case k < 18:
		return casework.NoAnswer
	case k < 19:
		return casework.Callback
	}
	return casework.Declined
}

// workTime moves t to a working hour (09:00–17:00 Beijing) of its day.
func (g *caseGen) workTime(t time.Time) time.Time {
	b := t.In(chinatime.Zone)
	return time.Date(b.Year(), b.Month(), b.Day(), 9+g.r.IntN(8), g.r.IntN(60), 0, 0, chinatime.Zone).UTC()
}

func apperrConflict(err error) bool { return apperr.CodeOf(err) == apperr.Conflict }
