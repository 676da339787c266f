package app

// 话务中心 follow-ups and queues: a follow-up has a due date, an owner and a
// purpose; each agent has a queue (overdue, today, this week, later);
// supervisors see every queue of their team (admins: of every team),
// reassign, and see the agents' load and response times. Reminders go to
// the owner's inbox on the due day (TaskCaseReminders).

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// FollowUpInput is a follow-up as the form and the API send it.
type FollowUpInput struct {
	PersonID     int64  `json:"person_id,omitempty"`
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
	Due          string `json:"due"` // YYYY-MM-DD
	Purpose      string `json:"purpose"`
	Note         string `json:"note,omitempty"`
	OwnerID      int64  `json:"owner_id,omitempty"` // supervisors may assign another agent; 0: oneself
}

// ScheduleFollowUp creates a follow-up for a person of the agent's team or
// an enterprise, owned by the agent (or, for supervisors, by an agent of
// their team), audited.
func (x *Casework) ScheduleFollowUp(ctx context.Context, a Actor, in FollowUpInput) (*casework.FollowUp, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "followup", 0)
	}
	fu := &casework.FollowUp{PersonID: in.PersonID, EnterpriseID: in.EnterpriseID, Team: a.User.Team, OwnerID: a.User.ID,
		Purpose: in.Purpose, Note: in.Note}
	var f apperr.Fields
	fu.Due = ParseDate(&f, "due", in.Due)
	fu.Normalize()
	if err := fu.Validate(chinatime.Today(x.now())); err != nil {
		for k, v := range apperr.As(err).Fields {
			f.Add(k, v)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if in.OwnerID != 0 && in.OwnerID != a.User.ID {
		owner, err := x.assignee(ctx, a, in.OwnerID)
		if err != nil {
			return nil, err
		}
		fu.OwnerID, fu.Team = owner.ID, owner.Team
	}
	if fu.PersonID != 0 {
		if _, err := x.openCase(ctx, a, fu.PersonID); err != nil {
			return nil, err
		}
		if _, err := x.db.Registry().PersonByID(ctx, fu.PersonID); err != nil {
			return nil, err
		}
	} else if _, err := x.db.Registry().EnterpriseByID(ctx, fu.EnterpriseID); err != nil {
		return nil, err
	}
	if err := x.db.Casework().CreateFollowUp(ctx, a.store(), fu); err != nil {
		return nil, err
	}
	return x.db.Casework().FollowUpByID(ctx, fu.ID)
}

// assignee checks that a supervisor may give work to user id: an active
// staff member or admin of the supervisor's team (any team for admins).
func (x *Casework) assignee(ctx context.Context, a Actor, id int64) (*account.User, error) {
	if !account.CanSuperviseCasework(a.User) {
		return nil, apperr.Field("owner_id", "只有班组长可以把跟进安排给其他话务员")
	}
	u, err := x.db.Accounts().UserByID(ctx, id)
	if err != nil || !account.CanAssignCaseworkTo(a.User, u) {
		return nil, apperr.Field("owner_id", "请选择本班组的话务员")
	}
	return u, nil
}

// followUpFor returns follow-up id to its owner, a supervisor of its team,
// or an admin; anyone else is refused as for a missing follow-up.
func (x *Casework) followUpFor(ctx context.Context, a Actor, id int64) (*casework.FollowUp, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "followup", id)
	}
	fu, err := x.db.Casework().FollowUpByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanTouchFollowUp(a.User, fu.OwnerID, fu.Team) {
		return nil, x.conceal(ctx, a, "followup", id)
	}
	return fu, nil
}

// CloseFollowUp marks a follow-up done or cancelled without a contact
// (done on a contact is LogContact's followup_id).
func (x *Casework) CloseFollowUp(ctx context.Context, a Actor, id int64, status string) (*casework.FollowUp, error) {
	to := casework.FollowStatus(status)
	if to != casework.FollowDone && to != casework.FollowCancelled {
		return nil, apperr.Field("status", "请选择完成或取消")
	}
	if _, err := x.followUpFor(ctx, a, id); err != nil {
		return nil, err
	}
	if err := x.db.Casework().CloseFollowUp(ctx, a.store(), id, to); err != nil {
		return nil, err
	}
	return x.db.Casework().FollowUpByID(ctx, id)
}

// ReassignFollowUp gives an open follow-up to another agent of the team:
// supervisors of its team and admins.
func (x *Casework) ReassignFollowUp(ctx context.Context, a Actor, id, ownerID int64) (*casework.FollowUp, error) {
	if !account.CanSuperviseCasework(a.User) {
		return nil, x.deny(ctx, a, "followup", id)
	}
	if _, err := x.followUpFor(ctx, a, id); err != nil {
		return nil, err
	}
	owner, err := x.assignee(ctx, a, ownerID)
	if err != nil {
		return nil, err
	}
	if err := x.db.Casework().ReassignFollowUp(ctx, a.store(), id, owner.ID, owner.Team); err != nil {
		return nil, err
	}
	return x.db.Casework().FollowUpByID(ctx, id)
}

// ReassignCase hands a person's case to another agent (and their team):
// supervisors of the case's team and admins.
func (x *Casework) ReassignCase(ctx context.Context, a Actor, personID, ownerID int64) error {
	if !account.CanSuperviseCasework(a.User) {
		return x.deny(ctx, a, "person", personID)
	}
	c, err := x.openCase(ctx, a, personID)
	if err != nil {
		return err
	}
	if c == nil {
		return apperr.New(apperr.Conflict, "该人员还没有话务案件，无需转交")
	}
	owner, err := x.assignee(ctx, a, ownerID)
	if err != nil {
		return err
	}
	return x.db.Casework().ReassignCase(ctx, a.store(), personID, owner.ID, owner.Team)
}

// QueueSection is one section of a queue.
type QueueSection struct {
	Bucket casework.Bucket
	Label  string
	Items  []*casework.FollowUp
}

// Queue is an agent's open follow-ups by section.
type Queue struct {
	OwnerID   int64
	OwnerName string
	Sections  []QueueSection
	Open      int
	Today     time.Time
}

// MyQueue is the logged-in agent's queue.
func (x *Casework) MyQueue(ctx context.Context, a Actor) (*Queue, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "followup", 0)
	}
	fs, err := x.db.Casework().FollowUps(ctx, store.FollowFilter{OwnerID: a.User.ID, Open: true, Limit: 2000})
	if err != nil {
		return nil, err
	}
	return queueOf(a.User.ID, a.User.Name, fs, chinatime.Today(x.now())), nil
}

// queueOf sorts follow-ups (by due date) into the queue's sections.
func queueOf(owner int64, name string, fs []*casework.FollowUp, today time.Time) *Queue {
	q := &Queue{OwnerID: owner, OwnerName: name, Today: today, Open: len(fs)}
	for _, b := range []casework.Bucket{casework.Overdue, casework.Today, casework.ThisWeek, casework.Later} {
		q.Sections = append(q.Sections, QueueSection{Bucket: b, Label: b.Label()})
	}
	idx := map[casework.Bucket]int{casework.Overdue: 0, casework.Today: 1, casework.ThisWeek: 2, casework.Later: 3}
	for _, f := range fs {
		i := idx[casework.BucketOf(f.Due, today)]
		q.Sections[i].Items = append(q.Sections[i].Items, f)
	}
	return q
}

// TeamQueues is a supervisor's view: each agent's load and the queues.
type TeamQueues struct {
	Team   string // "" with All: every team
	All    bool
	Agents []store.AgentLoad
	Queues []*Queue
}

// TeamQueues returns every queue of the supervisor's team (admins: of every
// team) with each agent's open and overdue work, recent contacts and mean
// days to complete a follow-up.
func (x *Casework) TeamQueues(ctx context.Context, a Actor) (*TeamQueues, error) {
	if !account.CanSuperviseCasework(a.User) {
		return nil, x.deny(ctx, a, "followup", 0)
	}
	all := account.CanSeeEveryTeam(a.User)
	today := chinatime.Today(x.now())
	loads, err := x.db.Casework().AgentLoads(ctx, a.User.Team, all, today)
	if err != nil {
		return nil, err
	}
	fs, err := x.db.Casework().FollowUps(ctx, store.FollowFilter{Team: a.User.Team, AnyTeam: all, Open: true, Limit: 2000})
	if err != nil {
		return nil, err
	}
	by := map[int64][]*casework.FollowUp{}
	for _, f := range fs {
		by[f.OwnerID] = append(by[f.OwnerID], f)
	}
	out := &TeamQueues{Team: a.User.Team, All: all, Agents: loads}
	for _, l := range loads {
		if len(by[l.UserID]) > 0 {
			out.Queues = append(out.Queues, queueOf(l.UserID, l.Name, by[l.UserID], today))
		}
	}
	return out, nil
}

// ScheduleCaseReminders queues today's reminder run unless one is queued;
// serve calls it at start.
func (x *Casework) ScheduleCaseReminders(ctx context.Context) error {
	return x.db.Enqueue(ctx, TaskCaseReminders, "", TaskCaseReminders, x.now())
}

// RemindFollowUps puts each open follow-up due today or earlier in its
// owner's inbox (once a day) and queues the next run for 07:30 Beijing time.
func (x *Casework) RemindFollowUps(ctx context.Context, _ string) error {
	now := x.now()
	n, err := x.db.Casework().RemindFollowUps(ctx, chinatime.Today(now), reminderMessage)
	if err != nil {
		return err
	}
	if n > 0 {
		x.log.Info("casework reminders sent", "n", n)
	}
	t := now.In(chinatime.Zone)
	next := time.Date(t.Year(), t.Month(), t.Day()+1, 7, 30, 0, 0, chinatime.Zone)
	return x.db.Enqueue(ctx, TaskCaseReminders, "", TaskCaseReminders, next)
}

func reminderMessage(f *casework.FollowUp) *notify.Message {
	who, link := f.EnterpriseName, fmt.Sprintf("/console/casework/enterprises/%d", f.EnterpriseID)
	if f.PersonID != 0 {
		who, link = maskName(f.PersonName), fmt.Sprintf("/console/casework/persons/%d", f.PersonID)
	}
	return &notify.Message{SubjectType: notify.ToUser, SubjectID: f.OwnerID, Kind: "followup_due",
		Title: "今日跟进：" + who,
		Body:  fmt.Sprintf("跟进目的：%s（应于 %s 跟进）。", f.Purpose, f.Due.Format("2006-01-02")),
		Link:  link, DedupeKey: fmt.Sprintf("followup:%d:%s", f.ID, f.Due.Format("20060102"))}
}

// maskName keeps a name's first character (张**): an inbox is read on
// screens others may see.
func maskName(n string) string {
	r := []rune(strings.TrimSpace(n))
	if len(r) <= 1 {
		return n
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}

// Agent is a call-centre agent a supervisor may hand work to.
type Agent = store.Agent

// Agents lists the active agents of the supervisor's team (admins: every
// team), for the reassign pickers.
func (x *Casework) Agents(ctx context.Context, a Actor) ([]Agent, error) {
	if !account.CanSuperviseCasework(a.User) {
		return nil, x.deny(ctx, a, "user", 0)
	}
	return x.db.Casework().Agents(ctx, a.User.Team, account.CanSeeEveryTeam(a.User))
}
