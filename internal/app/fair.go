package app

// Job fairs (issue 15 item 3): a fair is an activity of kind fair or
// labour, and its pre-registration is the activity's sign-up. Verified
// enterprises apply for booths; staff approve them at a place on the
// grid or reject them with a reason; the fair's page shows the booth map,
// each booth's open posts from the job board and, to staff, the totals.
// At the fair a person scans a booth's QR code and sends their resume to
// one of its posts (fair_scan.go); afterwards the employer records the
// intentions and hires at their booth.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// Fairs is the use cases of the job fairs: booths, the booth map, resumes
// sent at booths, results, totals.
type Fairs struct{ *core }

// boothPosts is how many open posts a booth's page lists, fairPosts how
// many each booth shows on the fair's page.
const (
	boothPosts = 20
	fairPosts  = 5
)

// FairView is a fair's page for its reader.
type FairView struct {
	Activity *activity.Activity
	Phase    activity.Phase
	Booths   []*activity.Booth // approved ones; staff see the applications too
	Grid     activity.BoothGrid
	Posts    map[int64][]*jobs.Post // up to 5 open posts by booth id (approved booths)
	Mine     *activity.Booth        // the reading employer's booth, or nil
	// ApplyRefusal says why the reading employer may not apply for a booth
	// ("" when they may).
	ApplyRefusal string
	Manager      bool                 // staff: decide booths, see the totals
	Totals       *activity.FairTotals // to staff
	// Stations are the workers each station brought and the hires among
	// them, to staff.
	Stations []activity.StationResult
	Station  *activity.Station // the station organising it, or nil
	Now      time.Time
}

// fair returns an activity with booths, or NotFound.
func (x *Fairs) fair(ctx context.Context, id int64) (*activity.Activity, error) {
	act, err := x.db.Activities().ActivityByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !act.Kind.HasBooths() {
		return nil, apperr.New(apperr.NotFound, "该活动不是招聘会，没有展位")
	}
	return act, nil
}

// openPosts lists an enterprise's posts open on the job board now.
func (x *Fairs) openPosts(ctx context.Context, entID int64, limit int) ([]*jobs.Post, error) {
	list, _, err := x.db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: entID, Status: string(jobs.Published), Limit: limit})
	if err != nil {
		return nil, err
	}
	now := x.now()
	out := list[:0]
	for _, p := range list {
		if p.Searchable(now) {
			out = append(out, p)
		}
	}
	return out, nil
}

// Fair returns a fair's page (anyone): the booth map and the approved
// booths with their open posts; the employer's own booth; staff see the
// applications waiting and the totals.
func (x *Fairs) Fair(ctx context.Context, a Actor, id int64) (*FairView, error) {
	act, err := x.fair(ctx, id)
	if err != nil {
		return nil, err
	}
	all, err := x.db.Fairs().Booths(ctx, id)
	if err != nil {
		return nil, err
	}
	now := x.now()
	v := &FairView{Activity: act, Phase: act.PhaseAt(now), Manager: account.CanDecideBooths(a.User), Posts: map[int64][]*jobs.Post{}, Now: now}
	for _, b := range all {
		if account.IsEmployer(a.User) && b.EnterpriseID == a.User.EnterpriseID {
			v.Mine = b
		}
		if b.Status == activity.BoothApproved || v.Manager {
			v.Booths = append(v.Booths, b)
		}
		if b.Status == activity.BoothApproved {
			if v.Posts[b.ID], err = x.openPosts(ctx, b.EnterpriseID, fairPosts); err != nil {
				return nil, err
			}
		}
	}
	v.Grid = activity.Grid(all)
	if account.CanApplyForBooth(a.User) {
		v.ApplyRefusal = activity.BoothRefusal(act, now)
	}
	if v.Manager {
		t, err := x.db.Fairs().FairTotals(ctx, id)
		if err != nil {
			return nil, err
		}
		v.Totals = &t
		if v.Stations, err = x.db.Fairs().FairStations(ctx, id); err != nil {
			return nil, err
		}
	}
	if v.Station, err = x.db.Stations().StationOf(ctx, act); err != nil {
		return nil, err
	}
	return v, nil
}

// ApplyBooth files the employer's application for a booth at a fair not
// yet started; their enterprise must be verified (403 with the reason).
func (x *Fairs) ApplyBooth(ctx context.Context, a Actor, fairID int64) (*activity.Booth, error) {
	if !account.CanApplyForBooth(a.User) {
		return nil, x.deny(ctx, a, "activity", fairID)
	}
	e, err := x.db.Registry().EnterpriseByID(ctx, a.User.EnterpriseID)
	if err != nil {
		return nil, err
	}
	if !e.Verified {
		return nil, apperr.New(apperr.Forbidden, "贵企业尚未通过经办人员核验，核验通过后才能申请招聘会展位。请核对企业档案，或联系区人社局经办人员。")
	}
	act, err := x.fair(ctx, fairID)
	if err != nil {
		return nil, err
	}
	if why := activity.BoothRefusal(act, x.now()); why != "" {
		return nil, apperr.New(apperr.Conflict, why)
	}
	b := &activity.Booth{ActivityID: fairID, EnterpriseID: e.ID}
	if err := x.db.Fairs().ApplyBooth(ctx, a.store(), b); err != nil {
		return nil, err
	}
	return x.db.Fairs().BoothByID(ctx, b.ID)
}

// BoothDecisionInput is staff's decision on a booth application: action
// approve (with row 1–20, the map's letter A–T, and col 1–20) or reject
// (with reason).
type BoothDecisionInput struct {
	Action string `json:"action"`
	Row    int    `json:"row,omitempty"`
	Col    int    `json:"col,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// booth returns a booth of the fair, or NotFound (a booth of another fair
// is answered as missing).
func (x *Fairs) booth(ctx context.Context, fairID, boothID int64) (*activity.Booth, error) {
	b, err := x.db.Fairs().BoothByID(ctx, boothID)
	if err != nil {
		return nil, err
	}
	if b.ActivityID != fairID {
		return nil, apperr.New(apperr.NotFound, "展位不存在")
	}
	return b, nil
}

// DecideBooth approves a booth application at a free place, or rejects it
// with a reason (staff); the enterprise is told. A place already given is
// a Conflict.
func (x *Fairs) DecideBooth(ctx context.Context, a Actor, fairID, boothID int64, in BoothDecisionInput) (*activity.Booth, error) {
	if !account.CanDecideBooths(a.User) {
		return nil, x.deny(ctx, a, "fair_booth", boothID)
	}
	act, err := x.fair(ctx, fairID)
	if err != nil {
		return nil, err
	}
	if _, err := x.booth(ctx, fairID, boothID); err != nil {
		return nil, err
	}
	d := store.BoothDecision{Reason: strings.TrimSpace(in.Reason)}
	switch strings.TrimSpace(in.Action) {
	case "approve":
		if err := activity.CheckPlace(in.Row, in.Col); err != nil {
			return nil, err
		}
		d.Approve, d.Row, d.Col = true, in.Row, in.Col
	case "reject":
		if err := activity.CheckRejection(d.Reason); err != nil {
			return nil, err
		}
	default:
		return nil, apperr.Field("action", "请选择通过或不通过")
	}
	return x.db.Fairs().DecideBooth(ctx, a.store(), boothID, d, func(b *activity.Booth) *notify.Message {
		body := "您申请的“" + act.Title + "”展位未通过。原因：" + b.Reason
		title := "招聘会展位未通过：" + act.Title
		if b.Status == activity.BoothApproved {
			title = "招聘会展位已通过：" + act.Title
			body = "您申请的“" + act.Title + "”展位已通过，展位号 " + b.Place() + "。请在展位页面打开展位二维码，现场供求职者扫码投递简历。"
		}
		return &notify.Message{SubjectType: notify.ToEnterprise, SubjectID: b.EnterpriseID, Kind: "fair", Title: title, Body: body,
			Link: fmt.Sprintf("/fairs/%d/booths/%d", fairID, b.ID), DedupeKey: fmt.Sprintf("fair-booth:%d:%s", b.ID, b.Status)}
	})
}

// BoothView is a booth's page for its reader.
type BoothView struct {
	Activity *activity.Activity
	Booth    *activity.Booth
	Posts    []*jobs.Post // the enterprise's open posts
	// Manage: the reader is the booth's enterprise or staff — they see the
	// QR code and record the results.
	Manage         bool
	ScanRefusal    string // why the QR code does not send resumes now
	ResultsRefusal string // why the results may not be recorded now
	HasResume      bool   // the reading person has a resume
	Sent           map[int64]bool
	Now            time.Time
}

// Booth returns a booth's page: anyone for an approved booth; the
// enterprise and staff for one waiting or rejected (anyone else is
// answered as for a missing booth, audited).
func (x *Fairs) Booth(ctx context.Context, a Actor, fairID, boothID int64) (*BoothView, error) {
	act, err := x.fair(ctx, fairID)
	if err != nil {
		return nil, err
	}
	b, err := x.booth(ctx, fairID, boothID)
	if err != nil {
		return nil, err
	}
	manage := account.CanManageBooth(a.User, b.EnterpriseID)
	if b.Status != activity.BoothApproved && !manage {
		return nil, x.conceal(ctx, a, "fair_booth", boothID)
	}
	now := x.now()
	v := &BoothView{Activity: act, Booth: b, Manage: manage, ScanRefusal: activity.ScanRefusal(act, now),
		ResultsRefusal: activity.ResultsRefusal(act, b, now), Sent: map[int64]bool{}, Now: now}
	if b.Status == activity.BoothApproved {
		if v.Posts, err = x.openPosts(ctx, b.EnterpriseID, boothPosts); err != nil {
			return nil, err
		}
	}
	if account.CanSendResumeAtBooth(a.User) && a.User.PersonID != 0 {
		r, _, err := x.db.Jobs().ResumeByPerson(ctx, a.User.PersonID)
		if err != nil {
			return nil, err
		}
		v.HasResume = r != nil && !r.UpdatedAt.IsZero() // the store answers an empty one for none
		for _, p := range v.Posts {
			apps, err := x.db.Jobs().ListJobApplications(ctx, jobs.ApplicationFilter{PersonID: a.User.PersonID, PostID: p.ID, Limit: 1, NoHistory: true})
			if err != nil {
				return nil, err
			}
			v.Sent[p.ID] = len(apps) > 0
		}
	}
	return v, nil
}

// BoothResultsInput is what an employer records after the fair.
type BoothResultsInput struct {
	Intentions int `json:"intentions"`
	Hires      int `json:"hires"`
}

// RecordResults records the intentions reached and the hires at a booth
// (its enterprise), once the fair has started; a correction replaces the
// figures. Another enterprise's booth is answered as missing, audited.
func (x *Fairs) RecordResults(ctx context.Context, a Actor, fairID, boothID int64, in BoothResultsInput) (*activity.Booth, error) {
	if !account.CanApplyForBooth(a.User) {
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
	if !account.CanRecordBoothResults(a.User, b.EnterpriseID) {
		return nil, x.conceal(ctx, a, "fair_booth", boothID)
	}
	if why := activity.ResultsRefusal(act, b, x.now()); why != "" {
		return nil, apperr.New(apperr.Conflict, why)
	}
	if err := activity.CheckResults(in.Intentions, in.Hires); err != nil {
		return nil, err
	}
	return x.db.Fairs().RecordBoothResults(ctx, a.store(), boothID, in.Intentions, in.Hires)
}

// Now is the store's clock.
func (x *Fairs) Now() time.Time { return x.now() }
