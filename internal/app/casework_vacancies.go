package app

// 话务中心 enterprise vacancy collection: calls and visits to enterprises
// are logged like any contact; a vacancy heard on one is typed as a draft
// post (the classifier suggests the occupation). The enterprise confirms it
// in its back office (the usual post form, prefilled) or declines it; staff
// may publish it for the enterprise with its recorded consent. Either way
// the post is validated and reviewed like any other. An enterprise's
// history shows its contacts, the vacancies collected and the hires the
// call centre's referrals made.

import (
	"context"
	"fmt"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/casework"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// VacancyInput is a vacancy as the agent's form and the API send it. An
// empty occupation_code takes the classifier's best suggestion for the
// title; pay, requirements, description and place are optional on a draft.
type VacancyInput struct {
	EnterpriseID    int64    `json:"enterprise_id"`
	ContactID       int64    `json:"contact_id,omitempty"`
	Title           string   `json:"title"`
	OccupationCode  string   `json:"occupation_code,omitempty"`
	Headcount       int      `json:"headcount"`
	SalaryMin       int      `json:"salary_min,omitempty"`
	SalaryMax       int      `json:"salary_max,omitempty"`
	Education       string   `json:"education,omitempty"`
	ExperienceYears int      `json:"experience_years,omitempty"`
	Skills          []string `json:"skills,omitempty"`
	Description     string   `json:"description,omitempty"`
	RegionCode      string   `json:"region_code,omitempty"`
	Address         string   `json:"address,omitempty"`
}

// CollectVacancy stores a vacancy heard from an enterprise as a draft,
// audited, and tells the enterprise a draft waits for its confirmation.
func (x *Casework) CollectVacancy(ctx context.Context, a Actor, in VacancyInput) (*casework.Vacancy, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "vacancy", 0)
	}
	v := &casework.Vacancy{EnterpriseID: in.EnterpriseID, ContactID: in.ContactID, Team: a.User.Team, AgentID: a.User.ID,
		Title: in.Title, OccupationCode: in.OccupationCode, Headcount: in.Headcount, SalaryMin: in.SalaryMin,
		SalaryMax: in.SalaryMax, Education: in.Education, ExperienceYears: in.ExperienceYears, Skills: in.Skills,
		Description: in.Description, RegionCode: in.RegionCode, Address: in.Address}
	v.Normalize()
	if v.OccupationCode == "" && v.Title != "" {
		if cands := x.jobs.classify(v.Title, v.Description, 1); len(cands) > 0 {
			v.OccupationCode = cands[0].Code
		}
	}
	var f apperr.Fields
	if in.EnterpriseID <= 0 {
		f.Add("enterprise_id", "请选择企业")
	}
	mergeFields(&f, v.Validate(x.codes.Occupations, x.codes.Regions))
	if err := f.Err(); err != nil {
		return nil, err
	}
	e, err := x.db.Registry().EnterpriseByID(ctx, in.EnterpriseID)
	if err != nil {
		return nil, err
	}
	if in.ContactID != 0 {
		c, err := x.db.Casework().ContactByID(ctx, in.ContactID)
		if apperr.CodeOf(err) == apperr.NotFound || (err == nil && c.EnterpriseID != in.EnterpriseID) {
			return nil, apperr.Field("contact_id", "这条联系记录不是与该企业的联系")
		}
		if err != nil {
			return nil, err
		}
	}
	v.EnterpriseName = e.Name
	if err := x.db.Casework().CreateVacancy(ctx, a.store(), v, vacancyDraftMessage); err != nil {
		return nil, err
	}
	return x.db.Casework().VacancyByID(ctx, v.ID)
}

func vacancyDraftMessage(v *casework.Vacancy) *notify.Message {
	return &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: v.EnterpriseID, Kind: "vacancy_draft",
		Title: "请确认就业服务中心为您整理的岗位：" + v.Title,
		Body: fmt.Sprintf("就业服务中心根据与贵企业的沟通，整理了岗位“%s”（招 %d 人，%s）。请核对、补充后提交发布；如不需要，也可告诉我们。",
			v.Title, v.Headcount, v.PayText()),
		Link: fmt.Sprintf("/enterprise/jobs/new?draft=%d", v.ID), DedupeKey: fmt.Sprintf("vacancy:%d:draft", v.ID)}
}

// Vacancy returns a collected vacancy to staff, or to the employers of its
// enterprise (anyone else: as for no vacancy, audited).
func (x *Casework) Vacancy(ctx context.Context, a Actor, id int64) (*casework.Vacancy, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	v, err := x.db.Casework().VacancyByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanCasework(a.User) && !account.CanAnswerVacancy(a.User, v.EnterpriseID) {
		return nil, x.conceal(ctx, a, "vacancy", id)
	}
	return v, nil
}

// VacancyPost is the post input a draft proposes, for the confirm form and
// for publishing a draft as it is: the enterprise's street stands in for a
// place the call did not give.
func (x *Casework) VacancyPost(ctx context.Context, v *casework.Vacancy) (PostInput, error) {
	e, err := x.db.Registry().EnterpriseByID(ctx, v.EnterpriseID)
	if err != nil {
		return PostInput{}, err
	}
	region := ""
	if len(e.RegionCode) == 9 {
		region = e.RegionCode
	}
	in := InputFromPost(v.Post(region, ""))
	in.ExpiresOn = ""
	return in, nil
}

// PublishInput publishes a draft: the post as confirmed (nil or an empty
// title: the draft as it is) and, when staff publish it for the enterprise,
// how the enterprise agreed.
type PublishInput struct {
	Post    *PostInput `json:"post,omitempty"`
	Consent string     `json:"consent,omitempty"`
}

// PublishVacancy files the post of a draft: by the enterprise's employer
// (its own confirmation) or by staff with the enterprise's consent. The post
// waits for review like any other; the draft is marked published in the
// same transaction, so it publishes once.
func (x *Casework) PublishVacancy(ctx context.Context, a Actor, id int64, in PublishInput) (*jobs.Post, error) {
	v, err := x.Vacancy(ctx, a, id)
	if err != nil {
		return nil, err
	}
	by, consent := casework.ByEnterprise, ""
	var f apperr.Fields
	if !account.CanAnswerVacancy(a.User, v.EnterpriseID) {
		by, consent = casework.ByStaff, strings.TrimSpace(in.Consent)
		casework.CheckConsent(&f, consent)
	} else if err := x.jobs.verifiedEmployer(ctx, a.User, v.EnterpriseID); err != nil {
		return nil, err
	}
	if v.Status != casework.VacancyDraft {
		return nil, apperr.New(apperr.Conflict, "这条采集的岗位"+v.Status.Label()+"，不能再发布")
	}
	pin := in.Post
	if pin == nil || strings.TrimSpace(pin.Title) == "" {
		d, err := x.VacancyPost(ctx, v)
		if err != nil {
			return nil, err
		}
		pin = &d
	}
	p, err := x.jobs.toPost(*pin)
	if err != nil {
		mergeFields(&f, err)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	p.EnterpriseID = v.EnterpriseID
	if err := x.db.Casework().PublishVacancy(ctx, a.store(), v, p, by, consent); err != nil {
		return nil, err
	}
	x.jobs.state.kickFollower()
	x.tellPublished(ctx, v, p, by)
	return x.db.Jobs().PostByID(ctx, p.ID)
}

// tellPublished tells the agent who collected a vacancy that its post was
// filed, and the enterprise when staff filed it for them. A failed message
// does not undo the post (it is in the inbox's retry).
func (x *Casework) tellPublished(ctx context.Context, v *casework.Vacancy, p *jobs.Post, by string) {
	msgs := []*notify.Message{{SubjectType: notify.ToUser, SubjectID: v.AgentID, Kind: "vacancy_published",
		Title: "采集的岗位已提交发布：" + p.Title,
		Body:  fmt.Sprintf("%s的岗位“%s”已提交发布，审核通过后上线。", v.EnterpriseName, p.Title),
		Link:  fmt.Sprintf("/console/casework/enterprises/%d", v.EnterpriseID), DedupeKey: fmt.Sprintf("vacancy:%d:published:agent", v.ID)}}
	if by == casework.ByStaff {
		msgs = append(msgs, &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: v.EnterpriseID, Kind: "vacancy_published",
			Title: "就业服务中心已代为发布岗位：" + p.Title,
			Body:  fmt.Sprintf("按贵企业的同意，就业服务中心已代为发布岗位“%s”，审核通过后上线。可在招聘管理中修改、暂停或关闭。", p.Title),
			Link:  "/enterprise/jobs", DedupeKey: fmt.Sprintf("vacancy:%d:published:ent", v.ID)})
	}
	_ = x.db.Write(ctx, func(tx *store.Tx) error {
		for _, m := range msgs {
			if _, err := tx.Notify(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeclineVacancy records that the enterprise does not want a draft posted
// (its employer says so), and tells the agent who collected it.
func (x *Casework) DeclineVacancy(ctx context.Context, a Actor, id int64, reason string) error {
	v, err := x.Vacancy(ctx, a, id)
	if err != nil {
		return err
	}
	if !account.CanAnswerVacancy(a.User, v.EnterpriseID) {
		return x.deny(ctx, a, "vacancy", id)
	}
	reason = strings.TrimSpace(reason)
	if msg := casework.CheckText(reason, casework.MaxDeclineReason); msg != "" {
		return apperr.Field("reason", msg)
	}
	return x.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.Casework().EndVacancy(ctx, a.store(), v, store.VacancyEnd{To: casework.VacancyDeclined, DeclineReason: reason}); err != nil {
			return err
		}
		why := ""
		if reason != "" {
			why = "原因：" + reason
		}
		_, err := tx.Notify(ctx, &notify.Message{SubjectType: notify.ToUser, SubjectID: v.AgentID, Kind: "vacancy_declined",
			Title: "企业不需要发布采集的岗位：" + v.Title, Body: v.EnterpriseName + "表示不需要发布岗位“" + v.Title + "”。" + why,
			Link: fmt.Sprintf("/console/casework/enterprises/%d", v.EnterpriseID), DedupeKey: fmt.Sprintf("vacancy:%d:declined", v.ID)})
		return err
	})
}

// WithdrawVacancy takes a draft back (typed wrong, or the place is filled):
// call-centre staff.
func (x *Casework) WithdrawVacancy(ctx context.Context, a Actor, id int64) error {
	if !account.CanCasework(a.User) {
		return x.deny(ctx, a, "vacancy", id)
	}
	v, err := x.db.Casework().VacancyByID(ctx, id)
	if err != nil {
		return err
	}
	return x.db.Casework().EndVacancy(ctx, a.store(), v, store.VacancyEnd{To: casework.VacancyWithdrawn})
}

// MyDrafts lists the drafts waiting for the employer's enterprise.
func (x *Casework) MyDrafts(ctx context.Context, a Actor) ([]*casework.Vacancy, error) {
	if a.User == nil || !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "vacancy", 0)
	}
	return x.db.Casework().Vacancies(ctx, store.VacancyFilter{EnterpriseID: a.User.EnterpriseID, Status: casework.VacancyDraft, Limit: 50})
}

// FindEnterprises finds enterprises by name or credit code for an agent
// about to call or visit one.
func (x *Casework) FindEnterprises(ctx context.Context, a Actor, q string) ([]*registry.Enterprise, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "enterprise", 0)
	}
	q = strings.TrimSpace(q)
	switch {
	case q == "":
		return nil, apperr.Field("eq", "请输入企业名称或统一社会信用代码")
	case casework.CheckText(q, 50) != "":
		return nil, apperr.Field("eq", casework.CheckText(q, 50))
	}
	es, _, err := x.db.Registry().SearchEnterprises(ctx, registry.EnterpriseFilter{Query: q, Limit: 10})
	return es, err
}

// EnterpriseHistory is an enterprise as the call centre knows it.
type EnterpriseHistory struct {
	Enterprise *registry.Enterprise
	Contacts   []*casework.Contact
	Vacancies  []*casework.Vacancy
	Referrals  []store.Referral
	Hired      int // referrals that ended in a hire
	Collected  int // vacancies published as posts
	FollowUps  []*casework.FollowUp
}

// EnterpriseHistory gathers an enterprise's contacts, the vacancies
// collected from it with their posts, the referrals to its posts and the
// hires they made, and the follow-ups open on it.
func (x *Casework) EnterpriseHistory(ctx context.Context, a Actor, id int64) (*EnterpriseHistory, error) {
	if !account.CanCasework(a.User) {
		return nil, x.deny(ctx, a, "enterprise", id)
	}
	e, err := x.db.Registry().EnterpriseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	h := &EnterpriseHistory{Enterprise: e}
	cw := x.db.Casework()
	if h.Contacts, err = cw.Contacts(ctx, store.ContactFilter{EnterpriseID: id, Notes: true, Limit: 50}); err != nil {
		return nil, err
	}
	if h.Vacancies, err = cw.Vacancies(ctx, store.VacancyFilter{EnterpriseID: id, Limit: 100}); err != nil {
		return nil, err
	}
	for _, v := range h.Vacancies {
		if v.Status == casework.VacancyPublished {
			h.Collected++
		}
	}
	if h.Referrals, h.Hired, err = cw.ReferralsTo(ctx, id, 50); err != nil {
		return nil, err
	}
	if h.FollowUps, err = cw.FollowUps(ctx, store.FollowFilter{EnterpriseID: id, Open: true, Limit: 20}); err != nil {
		return nil, err
	}
	return h, nil
}
