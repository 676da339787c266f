package app

// 创业项目资助: staff open a call (dates, budget, tiers, rubric, the catalog
// policy whose conditions say who may apply); a person reads it with the
// policy engine's verdict on their own profile and applies with a plan and
// materials; after expert review (startup_funding_review.go) the panel's
// decision is published as a 公示 list with names masked.

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/startup"
)

// Funding is the use cases of start-up project funding with expert review.
type Funding struct {
	*core
	policies *Policies   // a call's eligibility
	uploads  *PolicyApps // materials are stored as policy application materials are
}

// FundingPolicyDefault is the catalog policy a new call names unless
// staff pick another: 湖北省大学生创业扶持项目.
const FundingPolicyDefault = "hb_dxs_cyfc"

// CallInput opens a call: dates YYYY-MM-DD, Budget and Tiers in fen; an
// empty rubric takes startup.DefaultRubric, empty tiers the 5/10/20/50 万.
type CallInput struct {
	Title       string         `json:"title"`
	Description string         `json:"description"`
	PolicyID    string         `json:"policy_id"`
	Opens       string         `json:"opens"`
	Closes      string         `json:"closes"`
	Budget      int64          `json:"budget"`
	Tiers       []int64        `json:"tiers,omitempty"`
	Rubric      startup.Rubric `json:"rubric,omitempty"`
	PassMark    float64        `json:"pass_mark,omitempty"`
}

// CreateCall opens a call: staff.
func (x *Funding) CreateCall(ctx context.Context, a Actor, in CallInput) (*startup.FundingCall, error) {
	if !account.CanManageFunding(a.User) {
		return nil, x.deny(ctx, a, "funding_call", 0)
	}
	var f apperr.Fields
	c := &startup.FundingCall{Title: strings.TrimSpace(in.Title), Description: strings.TrimSpace(in.Description), PolicyID: in.PolicyID,
		Budget: in.Budget, Tiers: in.Tiers, Rubric: in.Rubric, PassMark: in.PassMark,
		Opens: ParseDate(&f, "opens", in.Opens), Closes: ParseDate(&f, "closes", in.Closes)}
	if len(c.Tiers) == 0 {
		c.Tiers = startup.DefaultTiers()
	}
	if len(c.Rubric) == 0 {
		c.Rubric = startup.DefaultRubric()
	}
	registry.CheckText(&f, "description", c.Description, 2000)
	if c.PassMark < 0 || c.PassMark > 100 {
		f.Add("pass_mark", "资助线应在 0 到 100 分之间")
	}
	if err := x.checkPolicy(ctx, c.PolicyID); err != nil {
		f.Add("policy_id", err.Error())
	}
	if err := c.Validate(); err != nil {
		mergeFields(&f, err)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return c, x.db.Funding().CreateCall(ctx, a.store(), c)
}

// checkPolicy requires a published person policy in the catalog, or none.
func (x *Funding) checkPolicy(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return fmt.Errorf("政策目录读取失败，请重试")
	}
	if p, ok := set.Cat.Policy(id); !ok || p.Beneficiary != policy.KindPerson {
		return fmt.Errorf("请选择政策目录中面向个人的创业扶持政策")
	}
	return nil
}

// FundingPolicies are the catalog's start-up policies for persons, for
// the call form's picker.
func (x *Funding) FundingPolicies(ctx context.Context) ([]*policy.Doc, error) {
	set, err := x.policies.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	var out []*policy.Doc
	for _, d := range set.Docs {
		if d.Category == "创业扶持" && d.Beneficiary == policy.KindPerson && d.Status == "published" {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b *policy.Doc) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Today is the date in China by the store's clock: a call's dates are
// days there.
func (x *Funding) Today() time.Time { return chinatime.Today(x.now()) }

// Calls lists every call, newest first (public: calls are announcements).
func (x *Funding) Calls(ctx context.Context) ([]*startup.FundingCall, error) {
	return x.db.Funding().Calls(ctx)
}

// CallView is a call as a visitor reads it.
type CallView struct {
	Call      *startup.FundingCall
	Accepting bool
	Eligible  *policy.Eligible   // the policy engine's yes, with reasons (persons)
	Missing   *policy.Ineligible // or what is missing
	Mine      *startup.FundingApp
	Publicity []PublicAward // once decided
}

// PublicAward is one line of the 公示: the project and the founder's masked name.
type PublicAward struct {
	Project string
	Name    string
	Amount  int64
}

// Call returns a call; a person also gets the engine's verdict on their
// profile and their own application.
func (x *Funding) Call(ctx context.Context, a Actor, id int64) (*CallView, error) {
	c, err := x.db.Funding().CallByID(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &CallView{Call: c, Accepting: c.DecidedAt.IsZero() && c.Accepting(chinatime.Today(x.now()))}
	if account.IsPerson(a.User) {
		if err := x.verdict(ctx, v, a.User.PersonID); err != nil {
			return nil, err
		}
		apps, err := x.db.Funding().FundingApps(ctx, 0, a.User.PersonID)
		if err != nil {
			return nil, err
		}
		for _, ap := range apps {
			if ap.CallID == id {
				v.Mine = ap
			}
		}
	}
	if !c.DecidedAt.IsZero() {
		if v.Publicity, err = x.publicity(ctx, id); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// verdict adds the policy engine's answer for the person.
func (x *Funding) verdict(ctx context.Context, v *CallView, personID int64) error {
	if v.Call.PolicyID == "" {
		return nil
	}
	m, err := x.policies.matchSubject(ctx, policy.KindPerson, personID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	for i := range m.Result.Eligible {
		if m.Result.Eligible[i].PolicyID == v.Call.PolicyID {
			v.Eligible = &m.Result.Eligible[i]
		}
	}
	for i := range m.Result.Ineligible {
		if m.Result.Ineligible[i].PolicyID == v.Call.PolicyID {
			v.Missing = &m.Result.Ineligible[i]
		}
	}
	return nil
}

// publicity is the 公示 list: awarded projects, largest award first.
func (x *Funding) publicity(ctx context.Context, callID int64) ([]PublicAward, error) {
	apps, err := x.db.Funding().FundingApps(ctx, callID, 0)
	if err != nil {
		return nil, err
	}
	var out []PublicAward
	for _, ap := range apps {
		if ap.Status == startup.FundingAwarded {
			out = append(out, PublicAward{Project: ap.Project, Name: registry.MaskName(ap.ApplicantName), Amount: ap.Award})
		}
	}
	slices.SortStableFunc(out, func(a, b PublicAward) int { return cmp.Compare(b.Amount, a.Amount) })
	return out, nil
}

// FundingAppInput is a person's application: Amount in fen.
type FundingAppInput struct {
	Project string `json:"project"`
	Plan    string `json:"plan"`
	Amount  int64  `json:"amount"`
}

// Apply files a person's application to a call that is taking them, with
// its materials (PDF/JPG/PNG as for policy applications).
func (x *Funding) Apply(ctx context.Context, a Actor, callID int64, in FundingAppInput, files []UploadFile) (*startup.FundingApp, error) {
	if !account.CanApplyForFunding(a.User) {
		return nil, x.deny(ctx, a, "funding_call", callID)
	}
	c, err := x.db.Funding().CallByID(ctx, callID)
	if err != nil {
		return nil, err
	}
	if !c.DecidedAt.IsZero() || !c.Accepting(chinatime.Today(x.now())) {
		return nil, apperr.New(apperr.Conflict, fmt.Sprintf("本批次申报时间为 %s 至 %s，当前不在申报期内",
			c.Opens.Format(time.DateOnly), c.Closes.Format(time.DateOnly)))
	}
	ap := &startup.FundingApp{CallID: callID, PersonID: a.User.PersonID, Project: in.Project, Plan: in.Plan, Requested: in.Amount}
	ap.Normalize()
	var f apperr.Fields
	if err := ap.Validate(c); err != nil {
		mergeFields(&f, err)
	}
	if len(files) > MaxUploadFiles {
		f.Add("materials", fmt.Sprintf("最多上传 %d 个文件", MaxUploadFiles))
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	saved, err := x.uploads.saveUploads(files, "materials")
	if err != nil {
		return nil, err
	}
	if err := x.db.Funding().Apply(ctx, a.store(), ap, saved.uploads); err != nil {
		saved.discard()
		return nil, err
	}
	return ap, nil
}

// MyFundingApps lists the person's applications.
func (x *Funding) MyFundingApps(ctx context.Context, a Actor) ([]*startup.FundingApp, error) {
	if !account.CanApplyForFunding(a.User) {
		return nil, x.deny(ctx, a, "funding_application", 0)
	}
	return x.db.Funding().FundingApps(ctx, 0, a.User.PersonID)
}
