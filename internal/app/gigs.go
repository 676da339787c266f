package app

// 零工经纪人 use cases of the gigs themselves (sign-ups and what follows
// are GigWork's, gigs_signups.go): verified enterprises post gigs with shifts; every
// new or edited gig is screened (illegal fees, ID cards kept, deals moved
// off the platform, scam tasks, pay under the minimum wage …) and waits for
// a reviewer, who may approve over a blocking flag only with a reason;
// anyone finds published gigs nearest first (gigs_search.go); workers sign
// up (gigs_signups.go).

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/gigs"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/store"
)

// Gigs is the use cases of 零工经纪人.
type Gigs struct {
	*core
	jobs     *Jobs     // verified-employer rule shared with job posts
	policies *Policies // the minimum wage parameter of the policy catalog
	screener *gigs.Screener
	near     gigIndex // the nearest-first index of open gigs
}

func newGigs(c *core, jobs *Jobs, policies *Policies) *Gigs {
	return &Gigs{core: c, jobs: jobs, policies: policies, screener: gigs.NewScreener(), near: newGigIndex()}
}

// ShiftInput is one shift as forms and the API send it: a Beijing date and
// two clock times.
type ShiftInput struct {
	Date  string `json:"date"`  // 2026-12-08
	Start string `json:"start"` // 08:00
	End   string `json:"end"`   // 17:00
}

// GigInput is a gig as the employer's form and the API send it. PayAmount
// is in yuan (a JSON number or a string typed on the form, at most two
// decimals).
type GigInput struct {
	Title          string       `json:"title"`
	OccupationCode string       `json:"occupation_code"`
	Description    string       `json:"description"`
	PayAmount      json.Number  `json:"pay_amount"`
	PayUnit        string       `json:"pay_unit"`
	Slots          int          `json:"slots"`
	Shifts         []ShiftInput `json:"shifts"`
	RegionCode     string       `json:"region_code"`
	Address        string       `json:"address"`
	Lat            *float64     `json:"lat,omitempty"`
	Lng            *float64     `json:"lng,omitempty"`
	Skills         []string     `json:"skills,omitempty"`
	Provided       []string     `json:"provided,omitempty"`
	Urgent         bool         `json:"urgent,omitempty"`
	InstantAccept  bool         `json:"instant_accept,omitempty"`
	CancelHours    *int         `json:"cancel_hours,omitempty"` // default 12
}

// InputFromGig fills a form from a stored gig.
func InputFromGig(g *gigs.Gig) GigInput {
	in := GigInput{Title: g.Title, OccupationCode: g.OccupationCode, Description: g.Description,
		PayAmount: json.Number(gigs.Yuan(g.PayFen)), PayUnit: string(g.PayUnit), Slots: g.Slots, RegionCode: g.RegionCode,
		Address: g.Address, Skills: g.Skills, Provided: g.Provided, Urgent: g.Urgent, InstantAccept: g.InstantAccept}
	ch := g.CancelHours
	in.CancelHours = &ch
	for _, s := range g.Shifts {
		a, b := s.StartsAt.In(chinaZone), s.EndsAt.In(chinaZone)
		in.Shifts = append(in.Shifts, ShiftInput{Date: a.Format(time.DateOnly), Start: a.Format("15:04"), End: b.Format("15:04")})
	}
	if g.HasGeo {
		lat, lng := g.Lat, g.Lng
		in.Lat, in.Lng = &lat, &lng
	}
	return in
}

// toGig turns input into a normalised, validated gig.
func (x *Gigs) toGig(in GigInput) (*gigs.Gig, error) {
	var f apperr.Fields
	g := &gigs.Gig{Title: in.Title, OccupationCode: in.OccupationCode, Description: in.Description,
		PayUnit: gigs.PayUnit(strings.TrimSpace(in.PayUnit)), Slots: in.Slots, RegionCode: in.RegionCode, Address: in.Address,
		Skills: in.Skills, Provided: in.Provided, Urgent: in.Urgent, InstantAccept: in.InstantAccept, CancelHours: gigs.DefCancelHours}
	if in.CancelHours != nil {
		g.CancelHours = *in.CancelHours
	}
	if fen, ok := gigs.ParseYuan(in.PayAmount.String()); ok {
		g.PayFen = fen
	} else if strings.TrimSpace(in.PayAmount.String()) != "" {
		f.Add("pay_amount", "报酬请填写金额（元），最多两位小数，如 25 或 22.5")
	}
	switch {
	case in.Lat != nil && in.Lng != nil:
		g.Lat, g.Lng, g.HasGeo = *in.Lat, *in.Lng, true
	case in.Lat != nil || in.Lng != nil:
		f.Add("lat", "位置需同时有经度和纬度")
	}
	for i, s := range in.Shifts {
		if sh, ok := gigs.ParseShift(&f, "shifts["+strconv.Itoa(i)+"]", s.Date, s.Start, s.End); ok {
			g.Shifts = append(g.Shifts, sh)
		}
	}
	if len(in.Shifts) > 0 && len(g.Shifts) < len(in.Shifts) {
		return nil, f.Err() // a shift that cannot be read: report it before order checks
	}
	g.Normalize()
	mergeFields(&f, g.Validate(x.now(), x.codes.Occupations, x.codes.Regions))
	if err := f.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

// Screen checks a gig as the employer would post it and returns the
// screening flags without saving anything (POST /api/v1/gigs/screen).
// Fields that fail validation are skipped by the numeric rules.
func (x *Gigs) Screen(ctx context.Context, in GigInput) []gigs.Flag {
	g := &gigs.Gig{Title: in.Title, Description: in.Description, Skills: in.Skills, Provided: in.Provided,
		PayUnit: gigs.PayUnit(in.PayUnit), RegionCode: in.RegionCode, Address: in.Address, OccupationCode: in.OccupationCode}
	g.PayFen, _ = gigs.ParseYuan(in.PayAmount.String())
	var f apperr.Fields
	for i, s := range in.Shifts {
		if sh, ok := gigs.ParseShift(&f, "shifts["+strconv.Itoa(i)+"]", s.Date, s.Start, s.End); ok {
			g.Shifts = append(g.Shifts, sh)
		}
	}
	g.Normalize()
	return x.screen(ctx, g)
}

// screen runs the rules with the minimum wage in force on the first
// shift's day in the gig's district and the market pay of its occupation.
func (x *Gigs) screen(ctx context.Context, g *gigs.Gig) []gigs.Flag {
	in := gigs.ScreenInput{Title: g.Title, Description: g.Description, Skills: g.Skills, Provided: g.Provided,
		PayFen: g.PayFen, PayUnit: string(g.PayUnit), Address: g.Address}
	if len(g.Shifts) > 0 {
		in.HoursPerDay = g.Shifts[0].Hours()
	}
	day := x.now()
	if len(g.Shifts) > 0 {
		day = g.Shifts[0].StartsAt
	}
	if set, err := x.policies.Catalog(ctx); err == nil {
		if yuan, _, ok := set.Cat.MinHourlyWage(day, x.districtName(g.RegionCode)); ok {
			in.MinHourlyFen = int64(yuan*100 + 0.5)
		}
	} else {
		x.log.Warn("gig screening without the minimum wage", "err", err)
	}
	if err := x.ensure(ctx); err != nil { // the market pay comes from the open gigs in the index
		x.log.Warn("gig screening without the market pay", "err", err)
	}
	in.MarketHourlyFen = x.near.marketHourly(g.OccupationCode)
	return x.screener.Screen(in)
}

// districtName is the district (区) of a street code, by name, as the
// minimum-wage tier table names it.
func (x *Gigs) districtName(region string) string {
	if len(region) < 6 || x.codes.Regions == nil {
		return ""
	}
	if r, ok := x.codes.Regions.Get(region[:6]); ok {
		return r.Name
	}
	return ""
}

// CreateGig files a new gig for the employer's enterprise, or for a person
// verified as 个人用工, screened; it waits for review.
func (x *Gigs) CreateGig(ctx context.Context, a Actor, in GigInput) (*gigs.Gig, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.CanPostGigs(a.User) {
		return nil, x.deny(ctx, a, "gig", 0)
	}
	employerID, err := x.mayPost(ctx, a.User)
	if err != nil {
		return nil, err
	}
	g, err := x.toGig(in)
	if err != nil {
		return nil, err
	}
	g.EnterpriseID, g.EmployerID = a.User.EnterpriseID, employerID
	g.Flags = x.screen(ctx, g)
	if err := x.db.Gigs().CreateGig(ctx, a.store(), g); err != nil {
		return nil, err
	}
	return x.db.Gigs().GigByID(ctx, g.ID)
}

// mayPost refuses a poster whose enterprise, or whose 个人用工
// registration, staff have not verified (a 403 with the reason, not an
// access violation); staff acting for an employer pass. For a person it
// returns their gig-employer id.
func (x *Gigs) mayPost(ctx context.Context, u *account.User) (int64, error) {
	if !account.IsPerson(u) {
		return 0, x.jobs.verifiedEmployer(ctx, u, u.EnterpriseID)
	}
	e, err := x.db.Gigs().EmployerOfPerson(ctx, u.PersonID)
	if err != nil {
		return 0, err
	}
	if e == nil || e.Status != gigs.EmployerVerified {
		return 0, apperr.New(apperr.Forbidden, "个人发布零工需先申请“个人用工”并经区人社局经办人员核验。请在“零工管理”页提交申请。")
	}
	return e.ID, nil
}

// managedGig loads a gig the actor may manage, auditing a refusal.
func (x *Gigs) managedGig(ctx context.Context, a Actor, id int64) (*gigs.Gig, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	g, err := x.db.Gigs().GigByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.CanManageGig(a.User, g.EnterpriseID, g.PersonID) {
		return nil, x.refuse(ctx, a, "gig", id, g.Searchable(x.now()) || account.CanViewGig(a.User, g.EnterpriseID, g.PersonID))
	}
	return g, nil
}

// EditableGig returns a gig to someone who may edit it.
func (x *Gigs) EditableGig(ctx context.Context, a Actor, id int64) (*gigs.Gig, error) {
	return x.managedGig(ctx, a, id)
}

// UpdateGig saves an edited gig, screened again; it goes back to review
// (and out of search until approved). Once anyone has signed up, the
// shifts, slots, pay and place can no longer change.
func (x *Gigs) UpdateGig(ctx context.Context, a Actor, id int64, in GigInput) (*gigs.Gig, error) {
	old, err := x.managedGig(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if _, err := x.mayPost(ctx, a.User); err != nil {
		return nil, err
	}
	if _, err := gigs.Next(old.Status, gigs.ActEdit); err != nil {
		return nil, err
	}
	g, err := x.toGig(in)
	if err != nil {
		return nil, err
	}
	g.ID = id
	g.Flags = x.screen(ctx, g)
	if err := x.db.Gigs().UpdateGig(ctx, a.store(), g, termsChanged(old, g)); err != nil {
		return nil, err
	}
	x.near.remove(id)
	return x.db.Gigs().GigByID(ctx, id)
}

// termsChanged reports whether an edit touches what workers signed up for:
// the shifts, the slots, the pay or the place.
func termsChanged(a, b *gigs.Gig) bool {
	if a.PayFen != b.PayFen || a.PayUnit != b.PayUnit || a.Slots != b.Slots || a.RegionCode != b.RegionCode ||
		a.Address != b.Address || len(a.Shifts) != len(b.Shifts) {
		return true
	}
	for i := range a.Shifts {
		if !a.Shifts[i].StartsAt.Equal(b.Shifts[i].StartsAt) || !a.Shifts[i].EndsAt.Equal(b.Shifts[i].EndsAt) {
			return true
		}
	}
	return false
}

// SetGigStatus is the employer's final close (action "close").
func (x *Gigs) SetGigStatus(ctx context.Context, a Actor, id int64, action string) (*gigs.Gig, error) {
	if _, err := x.managedGig(ctx, a, id); err != nil {
		return nil, err
	}
	if action != gigs.ActClose {
		return nil, apperr.Field("action", "操作应为 close（关闭）")
	}
	g, err := x.db.Gigs().ChangeGigStatus(ctx, a.store(), id, gigs.ActClose, "", "", nil, nil)
	if err != nil {
		return nil, err
	}
	x.near.remove(id)
	return g, nil
}

// GigReview is a reviewer's decision on a waiting gig. Override is the
// reason for approving a gig that screening blocked.
type GigReview struct {
	Action   string `json:"action"` // approve | reject
	Reason   string `json:"reason,omitempty"`
	Override string `json:"override_reason,omitempty"`
}

// ReviewGig approves or rejects a waiting gig and tells the employer. A gig
// with a blocking flag is approved only with an override reason, audited.
func (x *Gigs) ReviewGig(ctx context.Context, a Actor, id int64, in GigReview) (*gigs.Gig, error) {
	if !account.CanReviewGigs(a.User) {
		return nil, x.deny(ctx, a, "gig", id)
	}
	in.Reason, in.Override = strings.TrimSpace(in.Reason), strings.TrimSpace(in.Override)
	g, err := x.db.Gigs().GigByID(ctx, id)
	if err != nil {
		return nil, err
	}
	switch in.Action {
	case gigs.ActApprove:
		if g.Status == gigs.Pending && g.Ended(x.now()) {
			return nil, apperr.New(apperr.Conflict, "该零工的班次都已结束，不能通过；请不通过并说明")
		}
		if gigs.Blocked(g.Flags) {
			if err := gigs.CheckReason("override_reason", in.Override, "该零工有拦截项，通过前请写明核实情况（如已电话核实不收费）"); err != nil {
				return nil, err
			}
		} else {
			in.Override = ""
		}
	case gigs.ActReject:
		if err := gigs.CheckReason("reason", in.Reason, "请填写不通过的原因，雇主会看到这条说明"); err != nil {
			return nil, err
		}
		in.Override = ""
	default:
		return nil, apperr.Field("action", "审核结果应为 approve（通过）或 reject（不通过）")
	}
	out, err := x.db.Gigs().ChangeGigStatus(ctx, a.store(), id, in.Action, in.Reason, in.Override, gigReviewMessage,
		func(tx *store.Tx, g *gigs.Gig) error {
			if g.Status != gigs.Published {
				return nil
			}
			key := strconv.FormatInt(g.ID, 10)
			return tx.Enqueue(ctx, TaskGigPush, key, TaskGigPush+":"+key, x.now())
		})
	if err != nil {
		return nil, err
	}
	x.near.put(out, x.now())
	return out, nil
}

// gigOwner is the inbox a gig's employer reads: the enterprise's, or the
// person's who hires for themselves.
func gigOwner(g *gigs.Gig) (string, int64) {
	if g.PersonID != 0 {
		return notify.ToPerson, g.PersonID
	}
	return notify.ToEnterprise, g.EnterpriseID
}

func gigReviewMessage(g *gigs.Gig) *notify.Message {
	to, id := gigOwner(g)
	m := &notify.Message{SubjectType: to, SubjectID: id, Kind: "gig",
		DedupeKey: fmt.Sprintf("gig:%d:%s:%d", g.ID, g.Status, g.UpdatedAt.UnixMicro())}
	if g.Status == gigs.Published {
		m.Title = "零工已通过审核：" + g.Title
		m.Body = fmt.Sprintf("您发布的零工“%s”已通过审核，附近的求职者现在可以看到并报名。", g.Title)
		m.Link = fmt.Sprintf("/gigs/%d", g.ID)
		return m
	}
	m.Title = "零工未通过审核：" + g.Title
	m.Body = fmt.Sprintf("您发布的零工“%s”未通过审核。原因：%s。请按意见修改后重新提交。", g.Title, g.ReviewReason)
	m.Link = fmt.Sprintf("/gig-posts/%d/edit", g.ID)
	return m
}

// GigView is one gig for its page, with what the viewer may do.
type GigView struct {
	Gig       *gigs.Gig
	Credit    gigs.Credit
	CanManage bool
	Insider   bool           // the employer or bureau staff: sees flags and every status
	Mine      []*gigs.Signup // the viewing worker's sign-ups for this gig
}

// ViewGig returns a gig: published and open gigs to anyone, others to the
// employer and bureau staff (anyone else gets NotFound), and to a worker
// who signed up for it.
func (x *Gigs) ViewGig(ctx context.Context, a Actor, id int64) (*GigView, error) {
	g, err := x.db.Gigs().GigByID(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &GigView{Gig: g, CanManage: account.CanManageGig(a.User, g.EnterpriseID, g.PersonID), Insider: account.CanViewGig(a.User, g.EnterpriseID, g.PersonID)}
	if account.IsPerson(a.User) {
		all, err := x.db.Gigs().SignupsOfPerson(ctx, a.User.PersonID, 500)
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			if s.GigID == id {
				v.Mine = append(v.Mine, s)
			}
		}
	}
	if !g.Searchable(x.now()) && !v.Insider && len(v.Mine) == 0 {
		return nil, store.Missing("gig")
	}
	cr, err := x.credits(ctx, []*gigs.Gig{g})
	if err != nil {
		return nil, err
	}
	v.Credit = cr[g.EmployerID]
	return v, nil
}

// EmployerGigs lists the poster's own gigs, newest first: the
// enterprise's, or a person's as 个人用工.
func (x *Gigs) EmployerGigs(ctx context.Context, a Actor) ([]*gigs.Gig, error) {
	if !account.CanPostGigs(a.User) {
		return nil, x.deny(ctx, a, "gig", 0)
	}
	if !account.IsPerson(a.User) {
		return x.db.Gigs().GigsOfEnterprise(ctx, a.User.EnterpriseID, 200)
	}
	e, err := x.db.Gigs().EmployerOfPerson(ctx, a.User.PersonID)
	if err != nil || e == nil {
		return nil, err
	}
	return x.db.Gigs().GigsOfEmployer(ctx, e.ID, 200)
}

// ReviewQueue lists gigs waiting for review, oldest first.
func (x *Gigs) ReviewQueue(ctx context.Context, a Actor) ([]*gigs.Gig, error) {
	if !account.CanReviewGigs(a.User) {
		return nil, x.deny(ctx, a, "gig", 0)
	}
	return x.db.Gigs().PendingGigs(ctx, 200)
}

// ScreenRules lists the screening rules with their examples, for the
// reviewers' page.
func (x *Gigs) ScreenRules() []gigs.RuleInfo { return x.screener.Rules() }
