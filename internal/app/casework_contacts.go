package app

// 话务中心 contacts: every call, visit, WeChat message or walk-in is logged in
// a few seconds (channel, direction, topics, notes sealed at rest, duration,
// result), optionally closing the follow-up it answered and scheduling the
// next one in the same transaction. From the same screen the agent refers
// the person to a job (an application marked as a referral, with the
// person's spoken consent) and sends a policy's details to their inbox.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// ContactInput is a contact as the form and the API send it.
type ContactInput struct {
	PersonID     int64    `json:"person_id,omitempty"`
	EnterpriseID int64    `json:"enterprise_id,omitempty"`
	Channel      string   `json:"channel"`
	Direction    string   `json:"direction"`
	Topics       []string `json:"topics"`
	Notes        string   `json:"notes,omitempty"`
	DurationS    int      `json:"duration_s,omitempty"`
	Outcome      string   `json:"outcome"`
	// FollowUpID is an open follow-up this contact answers: it is marked done.
	FollowUpID int64 `json:"followup_id,omitempty"`
	// NextDue and NextPurpose schedule the next follow-up (optional).
	NextDue     string `json:"next_due,omitempty"`
	NextPurpose string `json:"next_purpose,omitempty"`
}

// contact builds the domain contact of an input.
func (in ContactInput) contact(u *account.User) *casework.Contact {
	c := &casework.Contact{PersonID: in.PersonID, EnterpriseID: in.EnterpriseID, Team: u.Team, AgentID: u.ID,
		Channel: casework.Channel(in.Channel), Direction: casework.Direction(in.Direction), Notes: in.Notes,
		DurationS: in.DurationS, Result: casework.Result(in.Outcome)}
	for _, t := range in.Topics {
		c.Topics = append(c.Topics, casework.Topic(strings.TrimSpace(t)))
	}
	c.Normalize()
	return c
}

// LogContact records a contact with a person of the agent's team (or one
// nobody serves yet, whose case it opens for the team) or with an
// enterprise, audited; it may close the follow-up it answered and schedule
// the next one, all or nothing.
func (x *Casework) LogContact(ctx context.Context, a Actor, in ContactInput) (*casework.Contact, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "contact", 0)
	}
	c := in.contact(a.User)
	var f apperr.Fields
	if err := c.Validate(x.now()); err != nil {
		f = apperr.As(err).Fields
	}
	next := x.nextFollowUp(in, a.User, &f)
	if err := f.Err(); err != nil {
		return nil, err
	}
	if c.PersonID != 0 {
		if _, err := x.openCase(ctx, a, c.PersonID); err != nil {
			return nil, err
		}
		if _, err := x.db.Registry().PersonByID(ctx, c.PersonID); err != nil {
			return nil, err
		}
	} else if _, err := x.db.Registry().EnterpriseByID(ctx, c.EnterpriseID); err != nil {
		return nil, err
	}
	var closing *casework.FollowUp
	if in.FollowUpID != 0 {
		fu, err := x.followUpFor(ctx, a, in.FollowUpID)
		if err != nil {
			return nil, err
		}
		if fu.PersonID != c.PersonID || fu.EnterpriseID != c.EnterpriseID {
			return nil, apperr.Field("followup_id", "该跟进不属于这次联系的对象")
		}
		closing = fu
	}
	err := x.db.Casework().LogContact(ctx, a.store(), c, func(tx *store.Tx) error {
		if c.PersonID != 0 && c.Result == casework.Reached {
			if err := tx.Casework().MarkServed(ctx, servedBy(c, casework.KindCallCentre)); err != nil {
				return err
			}
		}
		if closing != nil {
			if err := tx.Casework().CloseFollowUp(ctx, a.store(), closing.ID, casework.FollowDone, c.ID); err != nil {
				return err
			}
		}
		if next != nil {
			return tx.Casework().CreateFollowUp(ctx, a.store(), next)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// servedBy is the served record a reached contact makes: the person was
// served by the call centre (or referred) on the contact's Beijing date.
func servedBy(c *casework.Contact, kind casework.ServedKind) casework.Served {
	s := casework.Served{PersonID: c.PersonID, Kind: kind, ServedOn: chinatime.Today(c.At), Team: c.Team, AgentID: c.AgentID}
	if len(c.Topics) > 0 {
		s.Topic = c.Topics[0]
	}
	return s
}

// nextFollowUp reads the optional next follow-up of a contact form; field
// errors go into f under next_due / next_purpose.
func (x *Casework) nextFollowUp(in ContactInput, u *account.User, f *apperr.Fields) *casework.FollowUp {
	if strings.TrimSpace(in.NextDue) == "" && strings.TrimSpace(in.NextPurpose) == "" {
		return nil
	}
	fu := &casework.FollowUp{PersonID: in.PersonID, EnterpriseID: in.EnterpriseID, Team: u.Team, OwnerID: u.ID, Purpose: in.NextPurpose}
	var df apperr.Fields
	fu.Due = ParseDate(&df, "next_due", in.NextDue)
	fu.Normalize()
	if len(df) > 0 {
		f.Add("next_due", df["next_due"])
		return nil
	}
	if err := fu.Validate(chinatime.Today(x.now())); err != nil {
		for k, v := range apperr.As(err).Fields {
			if k == "due" || k == "purpose" {
				f.Add("next_"+k, v)
			}
		}
	}
	return fu
}

// ReferInput is a referral (推荐就业) made on a call.
type ReferInput struct {
	PostID  int64  `json:"post_id"`
	Consent string `json:"consent"` // how the person agreed, e.g. "电话中口头同意"
	Note    string `json:"note,omitempty"`
}

// Refer files an application to a post for the person, marked as the
// agent's referral with the person's spoken consent, audited and told to
// both the enterprise and the person. A post no longer open is a Conflict.
func (x *Casework) Refer(ctx context.Context, a Actor, personID int64, in ReferInput) (*jobs.Application, error) {
	if _, err := x.openCase(ctx, a, personID); err != nil {
		return nil, err
	}
	var f apperr.Fields
	in.Consent = strings.TrimSpace(in.Consent)
	if in.Consent == "" {
		f.Add("consent", "请记录求职者的同意（如：电话中口头同意推荐）")
	} else if msg := casework.CheckText(in.Consent, 100); msg != "" {
		f.Add("consent", msg)
	}
	note, err := jobs.CheckNote("note", in.Note, jobs.MaxCoverNote)
	if err != nil {
		return nil, err
	}
	if in.PostID <= 0 {
		f.Add("post_id", "请选择要推荐的岗位")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	p, err := x.db.Jobs().PostByID(ctx, in.PostID)
	if err != nil {
		return nil, err
	}
	if !p.Searchable(x.now()) {
		return nil, apperr.New(apperr.Conflict, "该岗位已关闭或已过期，不能推荐")
	}
	if _, err := x.db.Registry().PersonByID(ctx, personID); err != nil {
		return nil, err
	}
	ap := &jobs.Application{PostID: p.ID, PostTitle: p.Title, EnterpriseID: p.EnterpriseID, EnterpriseName: p.EnterpriseName,
		PersonID: personID, CoverNote: note, ReferredBy: a.User.ID, ReferralConsent: in.Consent}
	err = x.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateJobApplication(ctx, a.store(), ap, referredMessage); err != nil {
			return err
		}
		c := &casework.Contact{PersonID: personID, Team: a.User.Team, AgentID: a.User.ID, Topics: []casework.Topic{casework.TopicJobs}, At: x.now()}
		if err := tx.Casework().MarkServed(ctx, servedBy(c, casework.KindReferral)); err != nil {
			return err
		}
		_, err := tx.Notify(ctx, referredPersonMessage(ap))
		return err
	})
	if err != nil {
		return nil, err
	}
	return x.db.Jobs().JobApplicationByID(ctx, ap.ID)
}

func referredMessage(ap *jobs.Application) *notify.Message {
	return &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: ap.EnterpriseID, Kind: "job_application",
		Title: "就业服务中心推荐的求职者：" + ap.PostTitle,
		Body:  fmt.Sprintf("就业服务中心向您发布的岗位“%s”推荐了一位求职者（本人已同意），请及时查看简历并处理。", ap.PostTitle),
		Link:  fmt.Sprintf("/enterprise/job-applications/%d", ap.ID), DedupeKey: fmt.Sprintf("jobapp:%d:new", ap.ID)}
}

func referredPersonMessage(ap *jobs.Application) *notify.Message {
	return &notify.Message{SubjectType: notify.ToPerson, SubjectID: ap.PersonID, Kind: "job_referral",
		Title: "已为您推荐岗位：" + ap.PostTitle,
		Body:  fmt.Sprintf("按您在电话中的同意，就业服务中心已把您推荐到%s的岗位“%s”。企业处理后会通知您，也可随时在“我的求职”查看或撤回。", ap.EnterpriseName, ap.PostTitle),
		Link:  fmt.Sprintf("/me/job-applications/%d", ap.ID), DedupeKey: fmt.Sprintf("jobapp:%d:referred", ap.ID)}
}

// SendPolicy puts a policy's details in the person's inbox (the agent
// talked about it on the call), audited.
func (x *Casework) SendPolicy(ctx context.Context, a Actor, personID int64, policyID string) error {
	if _, err := x.openCase(ctx, a, personID); err != nil {
		return err
	}
	if strings.TrimSpace(policyID) == "" {
		return apperr.Field("policy_id", "请选择要发送的政策")
	}
	set, err := x.policies.Catalog(ctx)
	if apperr.CodeOf(err) == apperr.NotFound {
		return apperr.Field("policy_id", "尚未导入政策目录，没有可发送的政策")
	}
	if err != nil {
		return err
	}
	pol, ok := set.Cat.Policy(policyID)
	if !ok {
		return apperr.Field("policy_id", "请选择要发送的政策")
	}
	amount := pol.Benefit.AmountText
	for _, s := range x.mustSubsidies(ctx, personID) {
		if s.PolicyID == policyID {
			amount = s.Amount
		}
	}
	m := &notify.Message{SubjectType: notify.ToPerson, SubjectID: personID, Kind: "policy_sent",
		Title: "政策详情：" + pol.Name,
		Body:  "就业服务中心为您发送了政策“" + pol.Name + "”的详情。" + strings.TrimSpace("可享受："+amount) + "。点击查看条件、材料和申请方式。",
		Link:  "/policies/" + pol.ID, DedupeKey: fmt.Sprintf("policy_sent:%s:%d:%s", pol.ID, personID, chinatime.Today(x.now()).Format("20060102"))}
	return x.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Notify(ctx, m); err != nil {
			return err
		}
		return tx.Audit(ctx, a.store(), "casework.policy_sent", "person", personID, "发送政策详情："+pol.Name, "ok")
	})
}

// mustSubsidies is subsidies for a message's amount; an error leaves the
// catalog's amount text in place.
func (x *Casework) mustSubsidies(ctx context.Context, personID int64) []Subsidy {
	s, err := x.subsidies(ctx, personID)
	if err != nil {
		x.log.Warn("casework: subsidies for a policy message", "err", err)
	}
	return s
}

// MyContact is a contact as the person sees it: no agent's notes.
type MyContact struct {
	At        time.Time `json:"at"`
	Channel   string    `json:"channel"`
	Direction string    `json:"direction"`
	Topics    string    `json:"topics"`
	Result    string    `json:"outcome"`
}

// MyContacts is the logged-in person's contact history with the call
// centre, without the agents' internal notes.
func (x *Casework) MyContacts(ctx context.Context, a Actor) ([]MyContact, error) {
	if !account.IsPerson(a.User) {
		return nil, x.deny(ctx, a, "contact", 0)
	}
	cs, err := x.db.Casework().Contacts(ctx, store.ContactFilter{PersonID: a.User.PersonID, Limit: 100})
	if err != nil {
		return nil, err
	}
	out := make([]MyContact, 0, len(cs))
	for _, c := range cs {
		out = append(out, MyContact{At: c.At, Channel: c.Channel.Label(), Direction: c.Direction.Label(), Topics: c.TopicLabels(), Result: c.Result.Label()})
	}
	return out, nil
}
