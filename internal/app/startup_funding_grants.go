package app

// 创业项目资助 after the decision: the grantee reports each milestone,
// staff approve it (its tranche becomes an approved application of the
// call's policy for the payout batch, once) or return it, and the project
// reports jobs and whether it still trades at 12 and 24 months.

import (
	"context"
	"fmt"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
)

// RefFunding marks an application that pays a funded project's tranche.
const RefFunding = "funding_application"

// Grant is a funded project with its tranches and follow-ups.
type Grant struct {
	App        *startup.FundingApp
	Call       *startup.FundingCall
	Milestones []startup.Milestone
	FollowUps  []startup.FollowUp
	Claims     map[string]*policy.Application // each approved tranche's payout, by period (M1…)
	Staff      bool
}

// Grant returns an application with its tranches to its applicant or to
// staff; anyone else is answered as for no application (audited).
func (x *Funding) Grant(ctx context.Context, a Actor, appID int64) (*Grant, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	ap, err := x.db.Funding().FundingApp(ctx, appID)
	if err != nil {
		return nil, err
	}
	g := &Grant{App: ap, Staff: account.CanManageFunding(a.User)}
	if !g.Staff && !(account.IsPerson(a.User) && a.User.PersonID == ap.PersonID) {
		return nil, x.conceal(ctx, a, "funding_application", appID)
	}
	if g.Call, err = x.db.Funding().CallByID(ctx, ap.CallID); err != nil {
		return nil, err
	}
	if g.Milestones, err = x.db.Funding().Milestones(ctx, appID); err != nil {
		return nil, err
	}
	if g.FollowUps, err = x.db.Funding().FollowUps(ctx, appID); err != nil {
		return nil, err
	}
	aps, _, err := x.db.Policies().ListApplications(ctx, policy.ApplicationFilter{RefType: RefFunding, RefID: appID, Limit: 10})
	if err != nil {
		return nil, err
	}
	g.Claims = map[string]*policy.Application{}
	for _, c := range aps {
		g.Claims[c.Period] = c
	}
	return g, nil
}

// MilestoneReport is the grantee's report of a tranche.
type MilestoneReport struct {
	Report string `json:"report"`
	Jobs   int    `json:"jobs"`
}

// ReportMilestone records the grantee's report of tranche n.
func (x *Funding) ReportMilestone(ctx context.Context, a Actor, appID int64, n int, in MilestoneReport) error {
	g, err := x.Grant(ctx, a, appID)
	if err != nil {
		return err
	}
	if g.Staff || g.App.Status != startup.FundingAwarded {
		return apperr.New(apperr.Forbidden, "拨付节点由获资助的申报人本人报告")
	}
	in.Report = strings.TrimSpace(in.Report)
	if err := startup.CheckReport(in.Report, in.Jobs, true); err != nil {
		return err
	}
	return x.db.Funding().ReportMilestone(ctx, a.store(), appID, n, in.Report, in.Jobs)
}

// MilestoneReview is staff's answer to a tranche's report.
type MilestoneReview struct {
	Approve bool   `json:"approve"`
	Note    string `json:"note"`
}

// ReviewMilestone approves a reported tranche — its amount becomes an
// approved application of the call's policy, for the payout batch — or
// returns it with what to add; the grantee is told.
func (x *Funding) ReviewMilestone(ctx context.Context, a Actor, appID int64, n int, in MilestoneReview) error {
	if !account.CanManageFunding(a.User) {
		return x.deny(ctx, a, "funding_application", appID)
	}
	g, err := x.Grant(ctx, a, appID)
	if err != nil {
		return err
	}
	if n < 1 || n > len(g.Milestones) {
		return apperr.New(apperr.NotFound, "没有这个拨付节点")
	}
	m := g.Milestones[n-1]
	in.Note = strings.TrimSpace(in.Note)
	if !in.Approve && in.Note == "" {
		return apperr.Field("note", "请写明需要补充的内容，申报人会看到")
	}
	msg := &notify.Message{SubjectType: notify.ToPerson, SubjectID: g.App.PersonID, Kind: "funding_application",
		Link: fmt.Sprintf("/me/funding/%d", appID), DedupeKey: fmt.Sprintf("funding:%d:m%d:%s", appID, n, m.ReportedAt.Format("20060102150405"))}
	var claim *policy.Application
	if in.Approve {
		if claim, err = x.trancheClaim(ctx, g, m); err != nil {
			return err
		}
		msg.Title = "资助款拨付节点已通过：" + m.Label
		msg.Body = fmt.Sprintf("“%s”的%s已审核通过，%s 元将随财政发放批次拨付。", g.App.Project, m.Label, startup.Yuan(m.Amount))
	} else {
		msg.Title, msg.Body = "请补充拨付节点报告："+m.Label, in.Note
	}
	return x.db.Funding().ReviewMilestone(ctx, a.store(), appID, n, claim, in.Note, msg)
}

// trancheClaim is a tranche as an approved application of the call's
// policy: the payout batch pays it, once (unique on the project and period).
func (x *Funding) trancheClaim(ctx context.Context, g *Grant, m startup.Milestone) (*policy.Application, error) {
	pid := g.Call.PolicyID
	if pid == "" {
		pid = FundingPolicyDefault
	}
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	doc := set.Docs[pid]
	if doc == nil {
		return nil, apperr.New(apperr.Conflict, "本批次关联的政策不在目录中，无法转入发放批次")
	}
	return &policy.Application{PolicyID: pid, Version: doc.Version, SubjectType: policy.KindPerson, SubjectID: g.App.PersonID,
		AmountYuan: float64(m.Amount) / 100, Period: fmt.Sprintf("M%d", m.N), RefType: RefFunding, RefID: g.App.ID,
		Note:           fmt.Sprintf("创业项目资助“%s”第 %d 笔（%s，%d%%）", g.App.Project, m.N, m.Label, m.Share),
		DecisionReason: fmt.Sprintf("%s审核通过；资助 %s 的 %d%%，%s 元", m.Label, startup.Wan(g.App.Award), m.Share, startup.Yuan(m.Amount))}, nil
}

// GrantFollowUpInput is a report at 12 or 24 months.
type GrantFollowUpInput struct {
	Months    int    `json:"months"`
	Operating bool   `json:"operating"`
	Jobs      int    `json:"jobs"`
	Note      string `json:"note"`
}

// ReportFollowUp records a funded project's follow-up, by the grantee or
// by staff after a visit.
func (x *Funding) ReportFollowUp(ctx context.Context, a Actor, appID int64, in GrantFollowUpInput) error {
	g, err := x.Grant(ctx, a, appID)
	if err != nil {
		return err
	}
	if g.App.Status != startup.FundingAwarded {
		return apperr.New(apperr.Conflict, "只有获资助的项目需要回访")
	}
	u := &startup.FollowUp{ApplicationID: appID, Months: in.Months, Operating: in.Operating, Jobs: in.Jobs, Note: strings.TrimSpace(in.Note)}
	if err := u.Validate(); err != nil {
		return err
	}
	return x.db.Funding().SaveFollowUp(ctx, a.store(), u)
}
