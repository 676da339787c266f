package app

// 零工经纪人 sign-ups: a worker signs up for one shift or all; instant gigs
// accept at once, others wait for the employer; a full shift waitlists.
// Cancelling in time frees the slot for the first on the waitlist, who is
// told; a late cancel is recorded. A 零工驿站 clerk signs a worker up on
// their behalf, audited.

import (
	"context"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// GigWork is the use cases of 零工经纪人 after a gig is live: sign-ups
// (this file), the gig profile, check-in, pay records, disputes and
// ratings (gigs_work.go) and the 零工驿站's counter (gigs_station.go). It
// holds Gigs for the gigs themselves and the index's caches it refreshes.
type GigWork struct {
	*core
	gigs *Gigs
	// checkinKey derives shifts' check-in codes; nothing stored can
	// rebuild a code without it.
	checkinKey []byte
}

func newGigWork(c *core, g *Gigs) *GigWork {
	return &GigWork{core: c, gigs: g, checkinKey: c.db.Box().Derive("gig-checkin")}
}

// SignupInput chooses shifts: one shift by id, or every shift not yet
// started with All.
type SignupInput struct {
	ShiftID  int64 `json:"shift_id,omitempty"`
	All      bool  `json:"all,omitempty"`
	PersonID int64 `json:"person_id,omitempty"` // a gig-station clerk names the worker
}

// SignUp signs the worker (or, for a clerk, the named person) up for a
// published gig's shifts.
func (x *GigWork) SignUp(ctx context.Context, a Actor, gigID int64, in SignupInput) ([]*gigs.Signup, error) {
	req := store.SignupRequest{GigID: gigID}
	switch {
	case account.CanSignUpGigs(a.User):
		req.PersonID = a.User.PersonID
	case account.CanSignUpFor(a.User):
		if in.PersonID == 0 {
			return nil, apperr.Field("person_id", "请选择要代为报名的人员")
		}
		if _, err := x.db.Registry().PersonByID(ctx, in.PersonID); err != nil {
			return nil, err
		}
		req.PersonID, req.ByStaff = in.PersonID, a.User.ID
	default:
		return nil, x.deny(ctx, a, "gig", gigID)
	}
	g, err := x.db.Gigs().GigByID(ctx, gigID)
	if err != nil {
		return nil, err
	}
	now := x.now()
	if !g.Searchable(now) {
		return nil, store.Missing("gig")
	}
	req.Instant = g.InstantAccept
	if req.ShiftIDs, err = chooseShifts(g, in, now); err != nil {
		return nil, err
	}
	defer x.gigs.near.cards.drop(gigID)
	return x.db.Gigs().SignUp(ctx, a.store(), req)
}

// chooseShifts picks the shifts a sign-up asks for.
func chooseShifts(g *gigs.Gig, in SignupInput, now time.Time) ([]int64, error) {
	if in.All == (in.ShiftID != 0) {
		return nil, apperr.Field("shift_id", "请选择一个班次，或选择“全部班次”")
	}
	var ids []int64
	for _, s := range g.Shifts {
		if (in.All || s.ID == in.ShiftID) && now.Before(s.StartsAt) {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) == 0 {
		if in.All {
			return nil, apperr.New(apperr.Conflict, "这个零工的班次都已开始，不能再报名")
		}
		if _, ok := g.Shift(in.ShiftID); !ok {
			return nil, apperr.Field("shift_id", "该零工没有这个班次")
		}
		return nil, apperr.New(apperr.Conflict, "该班次已经开始，不能再报名")
	}
	return ids, nil
}

// CancelSignup cancels a sign-up for the worker (or a clerk acting for
// them): in time it is simply cancelled; after the gig's deadline it is
// recorded as a late cancel. A freed slot goes to the first waitlisted.
func (x *GigWork) CancelSignup(ctx context.Context, a Actor, id int64) (*gigs.Signup, error) {
	su, err := x.db.Gigs().SignupByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanCancelSignup(a.User, su.PersonID) {
		return nil, x.conceal(ctx, a, "gig_signup", id)
	}
	now := x.now()
	defer x.gigs.near.cards.drop(su.GigID)
	return x.db.Gigs().ChangeSignup(ctx, a.store(), store.SignupChange{ID: id, Action: "gig.signup_cancel",
		Decide: func(from gigs.SignupStatus, startsAt time.Time, cancelHours int) (gigs.SignupStatus, error) {
			return gigs.CancelStatus(from, startsAt, cancelHours, now)
		},
		Promoted: promotedMessage, Audit: !account.IsSelf(a.User, su.PersonID)})
}

// DecideSignup is the employer's accept or decline of a pending or
// waitlisted sign-up; the worker is told.
func (x *GigWork) DecideSignup(ctx context.Context, a Actor, id int64, accept bool) (*gigs.Signup, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	su, err := x.db.Gigs().SignupByID(ctx, id)
	if err != nil {
		return nil, err
	}
	g, err := x.db.Gigs().GigByID(ctx, su.GigID)
	if err != nil {
		return nil, err
	}
	if !account.CanManageGig(a.User, g.EnterpriseID, g.PersonID) {
		return nil, x.refuse(ctx, a, "gig_signup", id, account.IsSelf(a.User, su.PersonID))
	}
	to, action := gigs.SignupDeclined, "gig.signup_decline"
	if accept {
		to, action = gigs.SignupAccepted, "gig.signup_accept"
	}
	now := x.now()
	defer x.gigs.near.cards.drop(su.GigID)
	return x.db.Gigs().ChangeSignup(ctx, a.store(), store.SignupChange{ID: id, Action: action, Audit: true,
		Decide: func(from gigs.SignupStatus, startsAt time.Time, _ int) (gigs.SignupStatus, error) {
			if err := gigs.CanDecide(from); err != nil {
				return from, err
			}
			if !now.Before(startsAt) {
				return from, apperr.New(apperr.Conflict, "班次已经开始，不能再录用或拒绝")
			}
			return to, nil
		},
		Tell: decidedMessage, Promoted: promotedMessage})
}

func decidedMessage(su *gigs.Signup) *notify.Message {
	m := &notify.Message{SubjectType: notify.ToPerson, SubjectID: su.PersonID, Kind: "gig_signup",
		Link: fmt.Sprintf("/gigs/%d", su.GigID), DedupeKey: fmt.Sprintf("gigsignup:%d:%s", su.ID, su.Status)}
	shift := gigs.Shift{StartsAt: su.StartsAt, EndsAt: su.EndsAt}.Text()
	if su.Status == gigs.SignupAccepted {
		m.Title = "零工报名已录用：" + su.GigTitle
		m.Body = fmt.Sprintf("您报名的“%s”（%s）已被雇主录用，请按时到岗并在现场签到。", su.GigTitle, shift)
		return m
	}
	m.Title = "零工报名未录用：" + su.GigTitle
	m.Body = fmt.Sprintf("很遗憾，您报名的“%s”（%s）未被录用。附近还有其他零工可以报名。", su.GigTitle, shift)
	return m
}

func promotedMessage(su *gigs.Signup) *notify.Message {
	return &notify.Message{SubjectType: notify.ToPerson, SubjectID: su.PersonID, Kind: "gig_signup",
		Title: "候补成功：" + su.GigTitle,
		Body: fmt.Sprintf("有人取消了报名，您在“%s”（%s）的候补已转为录用，请按时到岗。如不能前往，请尽早取消。",
			su.GigTitle, gigs.Shift{StartsAt: su.StartsAt, EndsAt: su.EndsAt}.Text()),
		Link: fmt.Sprintf("/gigs/%d", su.GigID), DedupeKey: fmt.Sprintf("gigsignup:%d:promoted", su.ID)}
}

// MySignups lists the worker's own sign-ups, the latest shift first.
func (x *GigWork) MySignups(ctx context.Context, a Actor) ([]*gigs.Signup, error) {
	if !account.CanSignUpGigs(a.User) {
		return nil, x.deny(ctx, a, "gig_signup", 0)
	}
	return x.db.Gigs().SignupsOfPerson(ctx, a.User.PersonID, 200)
}

// GigSignupsView is a gig's sign-ups with each worker's reliability.
type GigSignupsView struct {
	Gig         *gigs.Gig
	Signups     []*gigs.Signup
	Reliability map[int64]gigs.Reliability // by person
}

// GigSignupsWithRecords is GigSignups with each worker's record, for the
// employer's sign-up list.
func (x *GigWork) GigSignupsWithRecords(ctx context.Context, a Actor, gigID int64) (*GigSignupsView, error) {
	g, list, err := x.GigSignups(ctx, a, gigID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, s := range list {
		ids = append(ids, s.PersonID)
	}
	rel, err := x.db.Gigs().Reliabilities(ctx, ids)
	if err != nil {
		return nil, err
	}
	return &GigSignupsView{Gig: g, Signups: list, Reliability: rel}, nil
}

// GigSignups lists who signed up for a gig, to its employer and staff
// (anyone else: NotFound, audited).
func (x *GigWork) GigSignups(ctx context.Context, a Actor, gigID int64) (*gigs.Gig, []*gigs.Signup, error) {
	if a.User == nil {
		return nil, nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	g, err := x.db.Gigs().GigByID(ctx, gigID)
	if err != nil {
		return nil, nil, err
	}
	if !account.CanViewGigSignups(a.User, g.EnterpriseID, g.PersonID) {
		return nil, nil, x.conceal(ctx, a, "gig", gigID)
	}
	list, err := x.db.Gigs().SignupsOfGig(ctx, gigID)
	if err != nil {
		return nil, nil, err
	}
	return g, list, nil
}

// ProfileInput is a worker's gig profile as the form and the API send it.
type ProfileInput struct {
	Skills     []string `json:"skills"`
	Days       []int    `json:"days"`
	HourFrom   int      `json:"hour_from"`
	HourTo     int      `json:"hour_to"`
	HomeRegion string   `json:"home_region"`
	HomeLat    *float64 `json:"home_lat,omitempty"`
	HomeLng    *float64 `json:"home_lng,omitempty"`
	RadiusKm   int      `json:"radius_km"`
}

// GigProfile returns the worker's gig profile (an empty one with defaults
// before the first save).
func (x *GigWork) GigProfile(ctx context.Context, a Actor) (*gigs.Profile, error) {
	if !account.CanSignUpGigs(a.User) {
		return nil, x.deny(ctx, a, "gig_profile", 0)
	}
	p, ok, err := x.db.Gigs().GigProfile(ctx, a.User.PersonID)
	if err != nil {
		return nil, err
	}
	if !ok {
		p = &gigs.Profile{PersonID: a.User.PersonID, HourTo: 24, RadiusKm: gigs.DefaultRadiusKm}
	}
	return p, nil
}

// SaveGigProfile validates and stores the worker's gig profile; the home
// point is rounded to about a kilometre before it is stored.
func (x *GigWork) SaveGigProfile(ctx context.Context, a Actor, in ProfileInput) (*gigs.Profile, error) {
	if !account.CanSignUpGigs(a.User) {
		return nil, x.deny(ctx, a, "gig_profile", 0)
	}
	p := &gigs.Profile{PersonID: a.User.PersonID, Skills: in.Skills, Days: in.Days, HourFrom: in.HourFrom, HourTo: in.HourTo,
		HomeRegion: in.HomeRegion, RadiusKm: in.RadiusKm}
	if in.HomeLat != nil && in.HomeLng != nil {
		p.HomeLat, p.HomeLng, p.HasHome = *in.HomeLat, *in.HomeLng, true
	}
	p.Normalize()
	if err := p.Validate(x.codes.Regions); err != nil {
		return nil, err
	}
	if err := x.db.Gigs().SaveGigProfile(ctx, p); err != nil {
		return nil, err
	}
	return x.GigProfile(ctx, a)
}
