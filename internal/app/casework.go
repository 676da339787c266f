package app

// 话务中心 casework: the agent's one screen. An agent finds a caller by
// phone or ID number (blind indexes) or takes the next person from their
// queue and sees, on one page, the person (masked; unmasked by an explicit,
// audited action), the resume and its diagnosis, jobs to recommend now,
// subsidies the person could claim and has not, open applications, past
// contacts and follow-ups, and above them the call's agenda. A person is a
// case of one team: an agent of another team is refused as for a missing
// person (404, audited).

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
	"github.com/jiuye/jiuye/internal/store"
)

// Casework is the call centre's use cases: lookup, the overview and its
// agenda, contacts, referrals, follow-ups and queues, scripts and teams.
type Casework struct {
	*core
	jobs     *Jobs
	resumes  *Resumes
	policies *Policies
}

// Audit actions of the call centre.
const (
	CaseOpen   = "casework.open"   // the agent screen of a person was opened
	CaseReveal = "casework.reveal" // an agent unmasked a person's ID number and phone
)

// TaskCaseReminders is the daily run that puts follow-ups due today in
// their owners' inboxes.
const TaskCaseReminders = "casework.remind"

// The overview's list sizes: what fits one screen.
const (
	overviewJobs     = 5
	overviewContacts = 10
)

// LookupHit is a person found by phone or ID number. OtherTeam is set (and
// nothing personal) when another team serves them.
type LookupHit struct {
	PersonID    int64  `json:"person_id,omitempty"`
	Name        string `json:"name,omitempty"`
	IDMasked    string `json:"id_masked,omitempty"`
	PhoneMasked string `json:"phone_masked,omitempty"`
	Team        string `json:"team,omitempty"`
	OtherTeam   bool   `json:"other_team,omitempty"`
}

// Lookup finds persons by phone or ID number, exactly, through the blind
// indexes (a name finds nothing: the call centre starts from a number).
func (x *Casework) Lookup(ctx context.Context, a Actor, q string) ([]LookupHit, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "person", 0)
	}
	q = strings.TrimSpace(q)
	if _, err := registry.ParsePhone(q); err != nil {
		if _, err := registry.ParseIDNumber(strings.ToUpper(q), x.now()); err != nil {
			return nil, apperr.Field("q", "请输入 11 位手机号或 18 位身份证号")
		}
	}
	ps, _, err := x.db.Registry().SearchPersons(ctx, registry.PersonFilter{Query: q, Limit: 10})
	if err != nil {
		return nil, err
	}
	out := make([]LookupHit, 0, len(ps))
	for _, p := range ps {
		c, err := x.db.Casework().CaseOf(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		if c != nil && !account.CanOpenCase(a.User, c.Team, true) {
			_ = x.conceal(ctx, a, "person", p.ID) // audited; the hit says only who to ask
			out = append(out, LookupHit{OtherTeam: true, Team: teamName(c.Team)})
			continue
		}
		h := LookupHit{PersonID: p.ID, Name: p.Name, IDMasked: p.IDMasked, PhoneMasked: p.PhoneMasked}
		if c != nil {
			h.Team = teamName(c.Team)
		}
		out = append(out, h)
	}
	return out, nil
}

// teamName is a team's display name ("" is the bureau's default team).
func teamName(t string) string {
	if t == "" {
		return "默认班组"
	}
	return t
}

// openCase decides whether the agent may work on person personID: refused
// as a missing person (404, audited) when another team serves them.
func (x *Casework) openCase(ctx context.Context, a Actor, personID int64) (*store.Case, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "person", personID)
	}
	c, err := x.db.Casework().CaseOf(ctx, personID)
	if err != nil {
		return nil, err
	}
	if c != nil && !account.CanOpenCase(a.User, c.Team, true) {
		return nil, x.conceal(ctx, a, "person", personID)
	}
	return c, nil
}

// Overview is the agent's one screen about a person.
type Overview struct {
	Person       *registry.Person // masked
	Case         *store.Case      // nil: no team serves the person yet
	Agenda       []casework.AgendaItem
	Resume       *resume.Resume
	Diagnosis    resume.Diagnosis
	Jobs         []JobRecommendation
	JobsHint     string
	Subsidies    []Subsidy
	Applications []*jobs.Application
	Contacts     []*casework.Contact
	FollowUps    []*casework.FollowUp
	Checks       []casework.Check // outcome checks due (3/6/12 months after being served)
	Scripts      map[casework.Topic]string
	Today        time.Time
}

// Subsidy is an eligible policy the person has not applied for, with what
// they would receive, stated the way it is paid.
type Subsidy struct {
	PolicyID string    `json:"policy_id"`
	Name     string    `json:"name"`
	Amount   string    `json:"amount"`
	Yuan     float64   `json:"amount_yuan"`
	Deadline time.Time `json:"deadline,omitzero"`
}

// Overview gathers the agent screen of person personID, audited as a view
// of the person's record (masked) before it is returned.
func (x *Casework) Overview(ctx context.Context, a Actor, personID int64) (*Overview, error) {
	c, err := x.openCase(ctx, a, personID)
	if err != nil {
		return nil, err
	}
	p, err := x.db.Registry().PersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), CaseOpen, "person", personID, "打开话务工作台", audit.ResultOK); err != nil {
		return nil, err // no audit, no disclosure
	}
	ov := &Overview{Person: maskedPerson(p), Case: c, Today: chinatime.Today(x.now())}
	r, _, err := x.db.Jobs().ResumeByPerson(ctx, personID)
	if err != nil {
		return nil, err
	}
	ov.Resume, ov.Diagnosis = r, x.resumes.diagnose(ctx, p, r, true)
	rec, err := x.jobs.recommendFor(ctx, personID, overviewJobs)
	if err != nil {
		return nil, err
	}
	ov.Jobs, ov.JobsHint = rec.Items, rec.Hint
	if ov.Subsidies, err = x.subsidies(ctx, personID); err != nil {
		return nil, err
	}
	if ov.Applications, err = x.db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PersonID: personID, Limit: 20, NoHistory: true}); err != nil {
		return nil, err
	}
	if ov.Contacts, err = x.db.Casework().Contacts(ctx, store.ContactFilter{PersonID: personID, Notes: true, Limit: overviewContacts}); err != nil {
		return nil, err
	}
	if ov.FollowUps, err = x.db.Casework().FollowUps(ctx, store.FollowFilter{PersonID: personID, Open: true, Limit: 20}); err != nil {
		return nil, err
	}
	if ov.Checks, err = x.db.Casework().DueChecks(ctx, personID, ov.Today); err != nil {
		return nil, err
	}
	if ov.Scripts, err = x.db.Casework().Scripts(ctx); err != nil {
		return nil, err
	}
	ov.Agenda = casework.Agenda(x.facts(ov))
	return ov, nil
}

// subsidies lists the person's eligible policies without an application.
func (x *Casework) subsidies(ctx context.Context, personID int64) ([]Subsidy, error) {
	m, err := x.policies.matchSubject(ctx, policy.KindPerson, personID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return []Subsidy{}, nil // no catalog imported yet: nothing to claim
	}
	if err != nil {
		return nil, err
	}
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	out := []Subsidy{}
	for _, e := range m.Result.Eligible {
		if m.Applications[e.PolicyID] != nil {
			continue
		}
		s := Subsidy{PolicyID: e.PolicyID, Name: e.Name, Amount: e.Benefit.Says, Yuan: e.Benefit.AmountYuan}
		if s.Amount == "" {
			s.Amount = e.Benefit.Text
		}
		if pol, ok := set.Cat.Policy(e.PolicyID); ok && pol.Validity.To != "" {
			if t, err := time.Parse("2006-01-02", pol.Validity.To); err == nil {
				s.Deadline = t
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// facts turns an overview into what the agenda ranks.
func (x *Casework) facts(ov *Overview) casework.Facts {
	f := casework.Facts{Today: ov.Today}
	if ov.Case != nil {
		f.LastContact = ov.Case.LastContactAt
	}
	for _, s := range ov.Subsidies {
		f.Subsidies = append(f.Subsidies, casework.SubsidyFact{PolicyID: s.PolicyID, Name: s.Name, Amount: s.Amount, Yuan: s.Yuan, Deadline: s.Deadline})
	}
	for _, fd := range ov.Diagnosis.Findings {
		sev := map[resume.Severity]int{resume.Error: 3, resume.Warn: 2, resume.Tip: 1}[fd.Severity]
		f.Findings = append(f.Findings, casework.FindingFact{Title: fd.Message, Severity: sev, Link: fd.FixHref})
	}
	for _, j := range ov.Jobs {
		if f.LastContact.IsZero() || j.Job.PublishedAt.After(f.LastContact) {
			f.NewPosts = append(f.NewPosts, casework.PostFact{ID: j.Job.ID, Title: j.Job.Title + "（" + j.Job.EnterpriseName + "）", Score: j.Score})
		}
	}
	for _, c := range ov.Checks {
		f.Checks = append(f.Checks, casework.CheckFact{Months: c.Months, Due: c.Due, Label: c.Label(),
			Link: "/console/casework/persons/" + itoa64(ov.Person.ID) + "/outcomes"})
	}
	for _, fu := range ov.FollowUps {
		f.FollowUps = append(f.FollowUps, casework.FollowUpFact{ID: fu.ID, Purpose: fu.Purpose, Due: fu.Due})
	}
	for _, ap := range ov.Applications {
		moved := ap.Status == jobs.AppInterview || ap.Status == jobs.AppHired || ap.Status == jobs.AppRejected
		if moved && (f.LastContact.IsZero() || ap.UpdatedAt.After(f.LastContact)) {
			f.Apps = append(f.Apps, casework.AppFact{ID: ap.ID, Title: ap.PostTitle + "（" + ap.EnterpriseName + "）", Status: ap.Status.Label()})
		}
	}
	return f
}

// Reveal returns person personID's full ID number and phone to an agent who
// asked for them explicitly (to dial, or to check identity), audited with
// the reason before they are returned.
func (x *Casework) Reveal(ctx context.Context, a Actor, personID int64, reason string) (*registry.Person, error) {
	if _, err := x.openCase(ctx, a, personID); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apperr.Field("reason", "请说明查看完整信息的原因（如：回拨电话、核实身份）")
	}
	if msg := casework.CheckText(reason, 100); msg != "" {
		return nil, apperr.Field("reason", msg)
	}
	p, err := x.db.Registry().PersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), CaseReveal, "person", personID, "查看完整身份证号和手机号："+reason, audit.ResultOK); err != nil {
		return nil, err
	}
	return p, nil
}

// NextInQueue is the person of the agent's most urgent open follow-up due
// today or earlier, or 0 when the queue is clear for today.
func (x *Casework) NextInQueue(ctx context.Context, a Actor) (int64, error) {
	if !account.CanCasework(a.User) {
		return 0, x.deny(ctx, a, "followup", 0)
	}
	fs, err := x.db.Casework().FollowUps(ctx, store.FollowFilter{OwnerID: a.User.ID, Open: true, Until: chinatime.Today(x.now()), Limit: 50})
	if err != nil {
		return 0, err
	}
	for _, f := range fs {
		if f.PersonID != 0 {
			return f.PersonID, nil
		}
	}
	return 0, nil
}

// Scripts returns the call scripts by topic.
func (x *Casework) Scripts(ctx context.Context, a Actor) (map[casework.Topic]string, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "casework_script", 0)
	}
	return x.db.Casework().Scripts(ctx)
}

// MaxScript is the longest call script, in runes.
const MaxScript = 3000

// SaveScript replaces a topic's call script: supervisors and admins.
func (x *Casework) SaveScript(ctx context.Context, a Actor, topic, body string) error {
	if !account.CanSuperviseCasework(a.User) {
		return x.deny(ctx, a, "casework_script", 0)
	}
	t := casework.Topic(topic)
	if !t.Valid() {
		return apperr.Field("topic", "请选择服务内容")
	}
	body = strings.TrimSpace(body)
	if msg := casework.CheckText(body, MaxScript); msg != "" {
		return apperr.Field("body", msg)
	}
	return x.db.Casework().SaveScript(ctx, a.store(), t, body)
}

// SetAgentTeam puts a staff member in a call-centre team, optionally as its
// supervisor: admins only.
func (x *Casework) SetAgentTeam(ctx context.Context, a Actor, userID int64, team string, supervisor bool) error {
	if !account.CanAdmin(a.User) {
		return x.deny(ctx, a, "user", userID)
	}
	team = strings.TrimSpace(team)
	if msg := casework.CheckText(team, 20); msg != "" {
		return apperr.Field("team", msg)
	}
	return x.db.Casework().SetAgentTeam(ctx, a.store(), userID, team, supervisor)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
