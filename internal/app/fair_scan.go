package app

// A booth's QR code at a fair: the person scans it, picks one of the
// enterprise's open posts and sends their resume. It is a job application
// like any other (the employer works it in the same pipeline), tagged with
// the fair and with the station that brought the person (the one named at
// their sign-up; without a sign-up, the fair's own station, if any), so
// the fair's and each station's hires are counted from the applications.

import (
	"context"
	"fmt"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// ScanInput is the post a person sends their resume to at a booth.
type ScanInput struct {
	PostID int64 `json:"post_id"`
}

// SendResume sends the person's resume to one of the booth's enterprise's
// open posts while the fair runs: a job application tagged with the fair
// (201). Applying twice to the same post is a Conflict, as on the board.
func (x *Fairs) SendResume(ctx context.Context, a Actor, fairID, boothID int64, in ScanInput) (*jobs.Application, error) {
	if !account.CanSendResumeAtBooth(a.User) {
		return nil, x.deny(ctx, a, "fair_booth", boothID)
	}
	act, err := x.fair(ctx, fairID)
	if err != nil {
		return nil, err
	}
	b, err := x.booth(ctx, fairID, boothID)
	if err != nil {
		return nil, err
	}
	if b.Status != activity.BoothApproved {
		return nil, x.conceal(ctx, a, "fair_booth", boothID)
	}
	if why := activity.ScanRefusal(act, x.now()); why != "" {
		return nil, apperr.New(apperr.Conflict, why)
	}
	r, _, err := x.db.Jobs().ResumeByPerson(ctx, a.User.PersonID)
	if err != nil {
		return nil, err
	}
	if r == nil || r.UpdatedAt.IsZero() { // the store answers an empty one for none
		return nil, apperr.New(apperr.Conflict, "您还没有简历：请先在“我的简历”里填写，再扫码投递")
	}
	if in.PostID == 0 {
		return nil, apperr.Field("post_id", "请选择要投递的岗位")
	}
	p, err := x.db.Jobs().PostByID(ctx, in.PostID)
	if apperr.Is(err, apperr.NotFound) || (err == nil && (p.EnterpriseID != b.EnterpriseID || !p.Searchable(x.now()))) {
		return nil, apperr.Field("post_id", "请选择本展位企业正在招聘的岗位")
	}
	if err != nil {
		return nil, err
	}
	stationID, err := x.broughtBy(ctx, act, a.User.PersonID)
	if err != nil {
		return nil, err
	}
	ap := &jobs.Application{PostID: p.ID, PostTitle: p.Title, EnterpriseID: p.EnterpriseID, EnterpriseName: p.EnterpriseName,
		PersonID: a.User.PersonID, FairID: act.ID, StationID: stationID}
	if err := x.db.Jobs().CreateJobApplication(ctx, a.store(), ap, func(ap *jobs.Application) *store.NotifyMsg {
		return &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: ap.EnterpriseID, Kind: "job_application",
			Title: "招聘会现场收到简历：" + ap.PostTitle,
			Body:  fmt.Sprintf("有求职者在“%s”展位 %s 扫码投递了岗位“%s”，请及时查看简历并处理。", act.Title, b.Place(), ap.PostTitle),
			Link:  fmt.Sprintf("/enterprise/job-applications/%d", ap.ID), DedupeKey: fmt.Sprintf("jobapp:%d:new", ap.ID)}
	}); err != nil {
		return nil, err
	}
	return x.db.Jobs().JobApplicationByID(ctx, ap.ID)
}

// broughtBy is the station that brought the person to the fair: the one
// their sign-up names (0 when it names none), or, when they did not sign
// up (or cancelled), the fair's own station (0 for none).
func (x *Fairs) broughtBy(ctx context.Context, act *activity.Activity, personID int64) (int64, error) {
	su, err := x.db.Activities().SignupOf(ctx, act.ID, personID)
	if err != nil {
		return 0, err
	}
	if su != nil && su.Status != activity.Cancelled && su.Status != activity.Expired {
		return su.StationID, nil
	}
	st, err := x.db.Stations().StationOf(ctx, act)
	if err != nil || st == nil {
		return 0, err
	}
	return st.ID, nil
}
