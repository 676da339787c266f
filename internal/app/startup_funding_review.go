package app

// 创业项目资助 review: staff assign applications to experts; an expert sees
// only their assignments, declares a conflict of interest (and is then
// not shown the application) or scores each criterion with a comment, and
// sees the others' scores only after sending their own; staff see the
// ranking on standardised scores with disagreements flagged and the
// proposed awards, and record the panel's decision within the budget.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// Experts lists the review experts' accounts (enabled ones).
func (x *Funding) Experts(ctx context.Context, a Actor) ([]*account.User, error) {
	if !account.CanManageFunding(a.User) {
		return nil, x.deny(ctx, a, "funding_call", 0)
	}
	us, _, err := x.db.Accounts().ListUsers(ctx, account.UserFilter{Role: string(account.RoleExpert), Limit: 500})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(us, func(u *account.User) bool { return u.Disabled }), nil
}

// AssignInput gives each of the applications to each of the experts.
type AssignInput struct {
	ApplicationIDs []int64 `json:"application_ids"`
	ExpertIDs      []int64 `json:"expert_ids"`
}

// Assign records assignments for a call not yet decided: the
// applications must be the call's and the experts enabled experts.
func (x *Funding) Assign(ctx context.Context, a Actor, callID int64, in AssignInput) (int, error) {
	if !account.CanManageFunding(a.User) {
		return 0, x.deny(ctx, a, "funding_call", callID)
	}
	c, err := x.db.Funding().CallByID(ctx, callID)
	if err != nil {
		return 0, err
	}
	if !c.DecidedAt.IsZero() {
		return 0, apperr.New(apperr.Conflict, "本批次已公示评审结果")
	}
	apps, err := x.db.Funding().FundingApps(ctx, callID, 0)
	if err != nil {
		return 0, err
	}
	experts, err := x.Experts(ctx, a)
	if err != nil {
		return 0, err
	}
	var f apperr.Fields
	if len(in.ApplicationIDs) == 0 || !subset(in.ApplicationIDs, appIDs(apps)) {
		f.Add("application_ids", "请选择本批次的申报项目")
	}
	if len(in.ExpertIDs) == 0 || !subset(in.ExpertIDs, userIDs(experts)) {
		f.Add("expert_ids", "请选择评审专家")
	}
	if err := f.Err(); err != nil {
		return 0, err
	}
	return x.db.Funding().Assign(ctx, a.store(), callID, in.ApplicationIDs, in.ExpertIDs)
}

func subset(xs, of []int64) bool {
	for _, v := range xs {
		if !slices.Contains(of, v) {
			return false
		}
	}
	return true
}

func appIDs(apps []*startup.FundingApp) []int64 {
	out := make([]int64, len(apps))
	for i, ap := range apps {
		out[i] = ap.ID
	}
	return out
}

func userIDs(us []*account.User) []int64 {
	out := make([]int64, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}

// MyReviews lists the expert's assignments they have not declared a
// conflict on, waiting ones first.
func (x *Funding) MyReviews(ctx context.Context, a Actor) ([]*startup.Review, error) {
	if !account.IsExpert(a.User) {
		return nil, x.deny(ctx, a, "funding_application", 0)
	}
	rs, err := x.db.Funding().Reviews(ctx, store.ExpertReviewFilter{ExpertID: a.User.ID})
	if err != nil {
		return nil, err
	}
	rs = slices.DeleteFunc(rs, func(r *startup.Review) bool { return r.Conflict })
	slices.SortStableFunc(rs, func(p, q *startup.Review) int {
		if p.Submitted() != q.Submitted() && !p.Submitted() {
			return -1
		} else if p.Submitted() != q.Submitted() {
			return 1
		}
		return 0
	})
	return rs, nil
}

// ReviewView is what an expert sees of an assigned application.
type ReviewView struct {
	Call    *startup.FundingCall
	App     *startup.FundingApp
	Mine    *startup.Review
	Others  []*startup.Review // only once Mine is submitted
	Uploads []policy.Upload
}

// Review returns an assigned application to its expert: another
// expert's is answered as missing (audited); one the expert declared a
// conflict on is refused.
func (x *Funding) Review(ctx context.Context, a Actor, appID int64) (*ReviewView, error) {
	mine, err := x.assignment(ctx, a, appID)
	if err != nil {
		return nil, err
	}
	if mine.Conflict {
		return nil, apperr.New(apperr.Forbidden, "您已声明与该项目存在利益冲突，不再向您显示该项目")
	}
	v := &ReviewView{Mine: mine}
	if v.App, err = x.db.Funding().FundingApp(ctx, appID); err != nil {
		return nil, err
	}
	if v.Call, err = x.db.Funding().CallByID(ctx, v.App.CallID); err != nil {
		return nil, err
	}
	if v.Uploads, err = x.db.Policies().UploadsOf(ctx, "funding_application", appID); err != nil {
		return nil, err
	}
	if mine.Submitted() {
		all, err := x.db.Funding().Reviews(ctx, store.ExpertReviewFilter{ApplicationID: appID})
		if err != nil {
			return nil, err
		}
		v.Others = slices.DeleteFunc(all, func(r *startup.Review) bool { return r.ExpertID == a.User.ID || !r.Submitted() })
	}
	return v, nil
}

// assignment is the actor's own assignment to an application, or
// NotFound (audited) for anyone not assigned.
func (x *Funding) assignment(ctx context.Context, a Actor, appID int64) (*startup.Review, error) {
	if !account.IsExpert(a.User) {
		return nil, x.deny(ctx, a, "funding_application", appID)
	}
	rs, err := x.db.Funding().Reviews(ctx, store.ExpertReviewFilter{ApplicationID: appID, ExpertID: a.User.ID})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, x.conceal(ctx, a, "funding_application", appID)
	}
	return rs[0], nil
}

// DeclareConflict records the expert's conflict of interest; a note
// saying what it is is required.
func (x *Funding) DeclareConflict(ctx context.Context, a Actor, appID int64, note string) error {
	if _, err := x.assignment(ctx, a, appID); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if n := utf8.RuneCountInString(note); n == 0 || n > 200 {
		return apperr.Field("note", "请说明利益关系（如亲属、同事、投资关系；最多 200 字）")
	}
	return x.db.Funding().DeclareConflict(ctx, a.store(), appID, a.User.ID, note)
}

// ExpertScoreInput is an expert's scores by criterion key, with a comment.
type ExpertScoreInput struct {
	Criteria map[string]float64 `json:"criteria"`
	Comment  string             `json:"comment"`
}

// SubmitScore stores the expert's scores once: 403 after a declared
// conflict, 422 naming each criterion out of the rubric's range.
func (x *Funding) SubmitScore(ctx context.Context, a Actor, appID int64, in ExpertScoreInput) error {
	mine, err := x.assignment(ctx, a, appID)
	if err != nil {
		return err
	}
	c, err := x.db.Funding().CallByID(ctx, mine.CallID)
	if err != nil {
		return err
	}
	if !c.DecidedAt.IsZero() {
		return apperr.New(apperr.Conflict, "本批次已公示评审结果，评分已结束")
	}
	s := startup.Score{ApplicationID: appID, ExpertID: a.User.ID, Criteria: in.Criteria, Comment: in.Comment}
	s.Normalize()
	if err := mine.Accept(s, c.Rubric); err != nil {
		return err
	}
	return x.db.Funding().SubmitScore(ctx, a.store(), s)
}

// CallAdmin is staff's view of a call: applications, assignments, the
// ranking with proposals.
type CallAdmin struct {
	Call     *startup.FundingCall
	Apps     []*startup.FundingApp
	ByID     map[int64]*startup.FundingApp
	Reviews  map[int64][]*startup.Review // by application
	Ranked   []startup.Ranked
	Experts  []*account.User
	Awarded  int64                 // fen, once decided
	Outcomes *startup.CallOutcomes // tranches approved, follow-ups
}

// CallAdmin ranks a call's applications on the scores submitted so far.
func (x *Funding) CallAdmin(ctx context.Context, a Actor, callID int64) (*CallAdmin, error) {
	if !account.CanManageFunding(a.User) {
		return nil, x.deny(ctx, a, "funding_call", callID)
	}
	v := &CallAdmin{ByID: map[int64]*startup.FundingApp{}, Reviews: map[int64][]*startup.Review{}}
	var err error
	if v.Call, err = x.db.Funding().CallByID(ctx, callID); err != nil {
		return nil, err
	}
	if v.Apps, err = x.db.Funding().FundingApps(ctx, callID, 0); err != nil {
		return nil, err
	}
	rs, err := x.db.Funding().Reviews(ctx, store.ExpertReviewFilter{CallID: callID})
	if err != nil {
		return nil, err
	}
	if v.Experts, err = x.Experts(ctx, a); err != nil {
		return nil, err
	}
	if v.Outcomes, err = x.db.Funding().CallOutcomes(ctx, callID); err != nil {
		return nil, err
	}
	in := startup.RankInput{Rubric: v.Call.Rubric, Requests: map[int64]int64{}, Budget: v.Call.Budget, Tiers: v.Call.Tiers, PassMark: v.Call.PassMark}
	for _, ap := range v.Apps {
		v.ByID[ap.ID], in.Requests[ap.ID] = ap, ap.Requested
		v.Awarded += ap.Award
	}
	for _, r := range rs {
		v.Reviews[r.ApplicationID] = append(v.Reviews[r.ApplicationID], r)
		if r.Submitted() && !r.Conflict {
			in.Scores = append(in.Scores, startup.Score{ApplicationID: r.ApplicationID, ExpertID: r.ExpertID, Criteria: r.Scores, Comment: r.Comment})
		}
	}
	if v.Ranked, err = startup.Rank(in); err != nil {
		return nil, err
	}
	return v, nil
}

// Decide records the panel's decision on every application of a call,
// publishes the 公示 and tells each applicant.
func (x *Funding) Decide(ctx context.Context, a Actor, callID int64, awards []startup.Award) error {
	if !account.CanManageFunding(a.User) {
		return x.deny(ctx, a, "funding_call", callID)
	}
	c, err := x.db.Funding().CallByID(ctx, callID)
	if err != nil {
		return err
	}
	apps, err := x.db.Funding().FundingApps(ctx, callID, 0)
	if err != nil {
		return err
	}
	for i := range awards {
		awards[i].Reason = strings.TrimSpace(awards[i].Reason)
	}
	if err := startup.CheckAwards(c, apps, awards); err != nil {
		return err
	}
	byID := map[int64]*startup.FundingApp{}
	for _, ap := range apps {
		byID[ap.ID] = ap
	}
	return x.db.Funding().Decide(ctx, a.store(), c, awards, func(id int64, w startup.Award) *notify.Message {
		return awardMessage(c, byID[id], w)
	})
}

func awardMessage(c *startup.FundingCall, ap *startup.FundingApp, w startup.Award) *notify.Message {
	m := &notify.Message{SubjectType: notify.ToPerson, SubjectID: ap.PersonID, Kind: "funding_application",
		Link: fmt.Sprintf("/startup/funding/%d", c.ID), DedupeKey: fmt.Sprintf("funding:%d:decided", ap.ID)}
	if w.Amount > 0 {
		m.Title = "创业项目拟获资助：" + startup.Wan(w.Amount)
		m.Body = fmt.Sprintf("您申报的“%s”经专家评审，拟资助 %s，现予公示。理由：%s", ap.Project, startup.Wan(w.Amount), w.Reason)
	} else {
		m.Title = "创业项目评审结果"
		m.Body = fmt.Sprintf("您申报的“%s”本批次未获资助。理由：%s", ap.Project, w.Reason)
	}
	return m
}

// ScoreSheet returns every review of a call for the expert-score export,
// audited (it names experts and applicants).
func (x *Funding) ScoreSheet(ctx context.Context, a Actor, callID int64) (*CallAdmin, error) {
	v, err := x.CallAdmin(ctx, a, callID)
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), "funding.scores.export", "funding_call", callID, fmt.Sprintf("导出专家评分 %d 个项目", len(v.Apps)), audit.ResultOK); err != nil {
		return nil, err
	}
	return v, nil
}

// mayReadMaterials reports whether u may download a funding
// application's materials: the applicant, staff, or an expert assigned
// to it without a conflict.
func (x *Funding) mayReadMaterials(ctx context.Context, u *account.User, appID int64) (bool, error) {
	ap, err := x.db.Funding().FundingApp(ctx, appID)
	if err != nil {
		return false, err
	}
	switch {
	case account.CanManageFunding(u), account.IsSelf(u, ap.PersonID) && account.IsPerson(u):
		return true, nil
	case account.IsExpert(u):
		rs, err := x.db.Funding().Reviews(ctx, store.ExpertReviewFilter{ApplicationID: appID, ExpertID: u.ID})
		return err == nil && len(rs) == 1 && !rs[0].Conflict, err
	}
	return false, nil
}
