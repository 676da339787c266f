package app

// 就业见习: enterprises apply (an employer for its own enterprise) to be an
// internship base; staff designate, suspend or return it with a reason. A
// designated base posts places on the job board (job posts tagged 见习,
// see Jobs.CreatePost), and only applicants eligible under the catalog's
// 就业见习补贴 may apply (JobApps.ApplyJob). The base starts an internship
// for an applicant it hired, records each 见习月 served and, at the end,
// whether the intern was kept (留用). It claims its monthly subsidy per
// ledger month; the claim is a submitted application of the subsidy
// policy, so a reviewer approves and pays it in the policy console like
// any other (the platform's review → payout workflow), and a month is
// claimed once. The public sees designated bases with their retention
// rate; a base's interns and ledger are its own and staff's (anyone else
// is answered as for no such record).

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/internship"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/policy"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
)

// Internships is the use cases of 就业见习.
type Internships struct {
	*core
	policies *Policies
	rule     func() (*internship.Rule, error) // internship.LoadRule
}

func newInternships(c *core, p *Policies) *Internships {
	return &Internships{core: c, policies: p, rule: internship.LoadRule}
}

// Rule is the subsidy rule in force (data/subsidy.yaml).
func (x *Internships) Rule() (*internship.Rule, error) { return x.rule() }

// BaseInput is an enterprise's application to be a base. Occupations are
// codes (the picker's values) or exact names.
type BaseInput struct {
	PlacesPerYear int      `json:"places_per_year"`
	Occupations   []string `json:"occupations"`
	ContactName   string   `json:"contact_name"`
	ContactPhone  string   `json:"contact_phone"`
	Supervisor    string   `json:"supervisor"`
	Intro         string   `json:"intro,omitempty"`
}

// ApplyBase files the employer's enterprise's application (applying).
func (x *Internships) ApplyBase(ctx context.Context, a Actor, in BaseInput) (*internship.Base, error) {
	if !account.IsEmployer(a.User) || a.User.EnterpriseID == 0 {
		return nil, x.deny(ctx, a, "internship_base", 0)
	}
	var f apperr.Fields
	b := &internship.Base{EnterpriseID: a.User.EnterpriseID, PlacesPerYear: in.PlacesPerYear, ContactName: in.ContactName,
		ContactPhone: in.ContactPhone, Supervisor: in.Supervisor, Intro: in.Intro}
	for i, o := range in.Occupations {
		if strings.TrimSpace(o) == "" {
			continue
		}
		code, err := ResolveOccupation(x.codes.Occupations, fmt.Sprintf("occupations.%d", i), o, o)
		if _, ok := x.codes.Occupations.Get(strings.TrimSpace(o)); !ok {
			code, err = ResolveOccupation(x.codes.Occupations, fmt.Sprintf("occupations.%d", i), "", o)
		}
		mergeFields(&f, err)
		b.Occupations = append(b.Occupations, code)
	}
	b.Normalize()
	for k, v := range asFieldMap(b.Validate(x.codes.Occupations)) {
		if _, seen := f[k]; !seen {
			f.Add(k, v)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := x.db.Internships().SaveBaseApplication(ctx, a.store(), b); err != nil {
		return nil, err
	}
	return x.db.Internships().BaseByID(ctx, b.ID)
}

// MoveInput is staff's decision on a base: the reason is required to
// suspend or return it.
type MoveInput struct {
	Reason string `json:"reason,omitempty"`
}

// MoveBase applies staff's decision (designate, suspend, return).
func (x *Internships) MoveBase(ctx context.Context, a Actor, id int64, m internship.Move, in MoveInput) (*internship.Base, error) {
	if !account.CanManageInternships(a.User) {
		return nil, x.deny(ctx, a, "internship_base", id)
	}
	reason := strings.TrimSpace(in.Reason)
	var f apperr.Fields
	if m.NeedsReason() && reason == "" {
		f.Add("reason", "请填写理由")
	}
	registry.CheckText(&f, "reason", reason, internship.MaxReason)
	if err := f.Err(); err != nil {
		if _, err := x.db.Internships().BaseByID(ctx, id); err != nil {
			return nil, err
		}
		return nil, f.Err()
	}
	if err := x.db.Internships().MoveBase(ctx, a.store(), id, m, reason); err != nil {
		return nil, err
	}
	return x.db.Internships().BaseByID(ctx, id)
}

// Bases lists bases by name: the designated ones for everyone; for staff
// those of status ("" all).
func (x *Internships) Bases(ctx context.Context, a Actor, status string) ([]*internship.Base, error) {
	s := internship.StatusDesignated
	if account.CanManageInternships(a.User) {
		s = internship.Status(status)
		if status != "" && !s.Valid() {
			return nil, apperr.Field("status", "状态应为 applying、designated、suspended 或 returned")
		}
	}
	return x.db.Internships().Bases(ctx, s)
}

// LedgerRow is one month of a base's subsidy ledger (台账).
type LedgerRow struct {
	Month        string // YYYY-MM
	Label        string // 2026年3月
	Periods      int    // 见习月 starting in the month
	Served       int    // recorded as served
	Unrecorded   int    // ended but not recorded
	Open         int    // not ended yet
	EstimateYuan int    // what served, unclaimed months would earn now
	Claim        *policy.Application
}

// Claimable reports whether the month may be claimed now.
func (r *LedgerRow) Claimable() bool { return r.Claim == nil && r.Open == 0 && r.Served > 0 }

// BasePage is a base with what its page shows.
type BasePage struct {
	Base       *internship.Base
	Manager    bool // staff managing internships
	Owner      bool // one of the base's employer users
	Posts      []*jobs.Post
	Interns    []*internship.Internship // owner and staff only
	Candidates []store.InternCandidate  // hired, not started; owner only
	Ledger     []LedgerRow              // owner and staff only
	Rule       *internship.Rule
	RuleText   string
}

// Retention is the base's retention text.
func (v *BasePage) Retention() string { return v.Base.Retention() }

// Base returns a base's page: a designated one for anyone; any other for
// staff and its own employer users (NotFound to anyone else).
func (x *Internships) Base(ctx context.Context, a Actor, id int64) (*BasePage, error) {
	b, err := x.db.Internships().BaseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return x.page(ctx, a, b)
}

// MyBase is the employer's enterprise's base page, or nil when it has not
// applied.
func (x *Internships) MyBase(ctx context.Context, a Actor) (*BasePage, error) {
	if !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "internship_base", 0)
	}
	b, err := x.db.Internships().BaseByEnterprise(ctx, a.User.EnterpriseID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return x.page(ctx, a, b)
}

func (x *Internships) page(ctx context.Context, a Actor, b *internship.Base) (*BasePage, error) {
	v := &BasePage{Base: b, Manager: account.CanManageInternships(a.User), Owner: account.IsInternshipBase(a.User, b.EnterpriseID)}
	if b.Status != internship.StatusDesignated && !v.Manager && !v.Owner {
		if a.User == nil {
			return nil, store.Missing("internship_base")
		}
		return nil, x.conceal(ctx, a, "internship_base", b.ID)
	}
	rule, err := x.rule()
	if err != nil {
		return nil, err
	}
	v.Rule, v.RuleText = rule, rule.Explain(chinatime.Today(x.now()))
	posts, _, err := x.db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: b.EnterpriseID, Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, p := range posts {
		if p.Internship && (p.Searchable(x.now()) || v.Owner || v.Manager) {
			v.Posts = append(v.Posts, p)
		}
	}
	if !v.Manager && !v.Owner {
		return v, nil
	}
	if v.Interns, err = x.db.Internships().InternshipList(ctx, store.InternshipFilter{BaseID: b.ID}); err != nil {
		return nil, err
	}
	if v.Owner {
		if v.Candidates, err = x.db.Internships().Candidates(ctx, b.EnterpriseID); err != nil {
			return nil, err
		}
	} else if err := x.db.Audit(ctx, a.store(), "internship.view", "internship_base", b.ID,
		fmt.Sprintf("查看见习基地 %s 的见习人员（%d 人）", b.EnterpriseName, len(v.Interns)), audit.ResultOK); err != nil {
		return nil, err
	}
	v.Ledger, err = x.ledger(ctx, b, v.Interns, rule)
	return v, err
}

// ledger is the base's months, newest first, with their claims.
func (x *Internships) ledger(ctx context.Context, b *internship.Base, ins []*internship.Internship, rule *internship.Rule) ([]LedgerRow, error) {
	claims, _, err := x.db.Policies().ListApplications(ctx, policy.ApplicationFilter{RefType: store.RefInternshipBase, RefID: b.ID, Limit: 500})
	if err != nil {
		return nil, err
	}
	today := chinatime.Today(x.now())
	rows := map[string]*LedgerRow{}
	for _, in := range ins {
		for _, p := range in.Periods {
			if in.Status == internship.InternFinished && p.From.After(in.EndedOn) {
				continue
			}
			r := rows[p.Month]
			if r == nil {
				r = &LedgerRow{Month: p.Month, Label: internship.MonthLabel(p.Month)}
				rows[p.Month] = r
			}
			r.Periods++
			switch {
			case p.Served:
				r.Served++
				if p.ClaimID == 0 {
					r.EstimateYuan += rule.MonthlyYuan(p.From)
				}
			case !p.To.Before(today):
				r.Open++
			case !p.Recorded:
				r.Unrecorded++
			}
		}
	}
	for _, c := range claims {
		r := rows[c.Period]
		if r == nil {
			r = &LedgerRow{Month: c.Period, Label: internship.MonthLabel(c.Period)}
			rows[c.Period] = r
		}
		r.Claim = c
	}
	out := make([]LedgerRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b LedgerRow) int { return strings.Compare(b.Month, a.Month) })
	return out, nil
}

// StartInput starts an internship for a hired applicant: StartOn
// YYYY-MM-DD, PlannedMonths at most the rule's maximum.
type StartInput struct {
	ApplicationID int64  `json:"application_id"`
	StartOn       string `json:"start_on"`
	PlannedMonths int    `json:"planned_months"`
}

// ownBase is the designated (or suspended, for existing interns) base of
// the employer's enterprise.
func (x *Internships) ownBase(ctx context.Context, a Actor) (*internship.Base, error) {
	if !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "internship_base", 0)
	}
	b, err := x.db.Internships().BaseByEnterprise(ctx, a.User.EnterpriseID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, apperr.New(apperr.Conflict, "贵单位尚未申请认定就业见习基地")
	}
	return b, err
}

// StartInternship starts an internship for an applicant the base hired on
// one of its 见习 posts, eligible on the start date.
func (x *Internships) StartInternship(ctx context.Context, a Actor, in StartInput) (*internship.Internship, error) {
	b, err := x.ownBase(ctx, a)
	if err != nil {
		return nil, err
	}
	if why := b.MayTakeInterns(); why != "" {
		return nil, apperr.New(apperr.Conflict, why)
	}
	rule, err := x.rule()
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	start := ParseDate(&f, "start_on", in.StartOn)
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := internship.CheckStart(start, in.PlannedMonths, rule.MaxMonths, chinatime.Today(x.now())); err != nil {
		return nil, err
	}
	ap, err := x.db.Jobs().JobApplicationByID(ctx, in.ApplicationID)
	if apperr.CodeOf(err) == apperr.NotFound || (err == nil && ap.EnterpriseID != b.EnterpriseID) {
		if err == nil {
			return nil, x.conceal(ctx, a, "job_application", in.ApplicationID)
		}
		return nil, apperr.Field("application_id", "没有这份求职申请")
	}
	if err != nil {
		return nil, err
	}
	post, err := x.db.Jobs().PostByID(ctx, ap.PostID)
	if err != nil {
		return nil, err
	}
	switch {
	case !post.Internship:
		return nil, apperr.Field("application_id", "该申请的岗位不是见习岗位")
	case ap.Status != jobs.AppHired:
		return nil, apperr.Field("application_id", "请先在求职申请中录用该申请人（当前“"+ap.Status.Label()+"”）")
	}
	person, err := x.db.Registry().PersonByID(ctx, ap.PersonID)
	if err != nil {
		return nil, err
	}
	if ok, why := internship.Eligible(applicantOf(person), start); !ok {
		return nil, apperr.Field("application_id", person.Name+"：见习开始时不符合见习人员条件。"+why)
	}
	it := &internship.Internship{BaseID: b.ID, PostID: post.ID, ApplicationID: ap.ID, PersonID: ap.PersonID, PersonName: person.Name,
		Start: start, PlannedMonths: in.PlannedMonths}
	if err := x.db.Internships().StartInternship(ctx, a.store(), it); err != nil {
		return nil, err
	}
	return x.db.Internships().InternshipByID(ctx, it.ID)
}

// applicantOf is the person's facts that decide eligibility.
func applicantOf(p *registry.Person) internship.Applicant {
	return internship.Applicant{Education: p.Education, GraduationDate: p.GraduationDate, EmploymentStatus: p.EmploymentStatus,
		RegisteredUnemployed: p.RegisteredUnemployed, Birth: p.Birth}
}

// checkInternEligible refuses a person who may not apply to a 见习 post,
// with the reason (JobApps.ApplyJob).
func checkInternEligible(ctx context.Context, db *store.DB, personID int64, today time.Time) error {
	p, err := db.Registry().PersonByID(ctx, personID)
	if err != nil {
		return err
	}
	if ok, why := internship.Eligible(applicantOf(p), today); !ok {
		return apperr.New(apperr.Invalid, "该岗位是就业见习岗位，您暂不符合申请条件。"+why+"。如信息有误，请先在“我的”中更新个人信息。")
	}
	return nil
}

// checkInternshipPost refuses to tag a post 见习 unless the enterprise is
// a designated base (Jobs.CreatePost and UpdatePost).
func checkInternshipPost(ctx context.Context, db *store.DB, entID int64) error {
	b, err := db.Internships().BaseByEnterprise(ctx, entID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return apperr.Field("internship", "贵单位尚未被认定为就业见习基地，不能发布见习岗位")
	}
	if err != nil {
		return err
	}
	if why := b.MayTakeInterns(); why != "" {
		return apperr.Field("internship", why)
	}
	return nil
}

// internshipOf loads an internship the caller may see: its base's
// employer users and staff (anyone else: NotFound); write says whether
// the caller must be the base.
func (x *Internships) internshipOf(ctx context.Context, a Actor, id int64, write bool) (*internship.Internship, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	in, err := x.db.Internships().InternshipByID(ctx, id)
	if err != nil {
		return nil, err
	}
	owner := account.IsInternshipBase(a.User, in.EnterpriseID)
	if write && !owner {
		return nil, x.refuse(ctx, a, "internship", id, account.CanManageInternships(a.User))
	}
	if !owner && !account.CanManageInternships(a.User) {
		return nil, x.conceal(ctx, a, "internship", id)
	}
	if !owner {
		if err := x.db.Audit(ctx, a.store(), "internship.view", "internship", id, "查看见习记录："+in.PersonName, audit.ResultOK); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// Internship returns one internship to its base or staff.
func (x *Internships) Internship(ctx context.Context, a Actor, id int64) (*internship.Internship, error) {
	return x.internshipOf(ctx, a, id, false)
}

// MonthInput records one 见习月: N from 1, Served whether the intern
// served it in full.
type MonthInput struct {
	N      int  `json:"n"`
	Served bool `json:"served"`
}

// RecordMonth records whether a 见习月 that has ended was served.
func (x *Internships) RecordMonth(ctx context.Context, a Actor, id int64, in MonthInput) (*internship.Internship, error) {
	it, err := x.internshipOf(ctx, a, id, true)
	if err != nil {
		return nil, err
	}
	p, ok := it.Period(in.N)
	if !ok {
		return nil, apperr.Field("n", fmt.Sprintf("见习月应为 1–%d", len(it.Periods)))
	}
	if why := it.MayRecord(p, chinatime.Today(x.now())); why != "" {
		if p.ClaimID != 0 {
			return nil, apperr.New(apperr.Conflict, why)
		}
		return nil, apperr.Field("n", why)
	}
	if err := x.db.Internships().RecordMonth(ctx, a.store(), id, p.N, p.Month, in.Served); err != nil {
		return nil, err
	}
	return x.db.Internships().InternshipByID(ctx, id)
}

// FinishInput ends an internship: EndedOn YYYY-MM-DD (default today) and
// whether the intern was kept (留用).
type FinishInput struct {
	EndedOn string `json:"ended_on,omitempty"`
	Kept    bool   `json:"kept"`
}

// FinishInternship records the end of an internship and whether the
// intern was kept.
func (x *Internships) FinishInternship(ctx context.Context, a Actor, id int64, in FinishInput) (*internship.Internship, error) {
	it, err := x.internshipOf(ctx, a, id, true)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	today := chinatime.Today(x.now())
	ended := today
	if strings.TrimSpace(in.EndedOn) != "" {
		ended = ParseDate(&f, "ended_on", in.EndedOn)
	}
	switch {
	case len(f) > 0:
	case ended.Before(it.Start):
		f.Add("ended_on", "结束日期不能早于见习开始日期 "+it.Start.Format(time.DateOnly))
	case ended.After(today):
		f.Add("ended_on", "结束日期不能晚于今天")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := x.db.Internships().FinishInternship(ctx, a.store(), id, in.Kept, ended); err != nil {
		return nil, err
	}
	return x.db.Internships().InternshipByID(ctx, id)
}

// ClaimInput is a base's claim for a ledger month, YYYY-MM.
type ClaimInput struct {
	Month string `json:"month"`
}

// Claim files the base's subsidy claim for a month: every served,
// unclaimed 见习月 starting in it, and the retention bonus due, as a
// submitted application of the subsidy policy for review and payout. A
// month claimed before is a Conflict with the reason.
func (x *Internships) Claim(ctx context.Context, a Actor, in ClaimInput) (*policy.Application, *internship.Claim, error) {
	b, err := x.ownBase(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	if b.Status != internship.StatusDesignated && b.Status != internship.StatusSuspended {
		return nil, nil, apperr.New(apperr.Conflict, b.MayTakeInterns())
	}
	month, ok := internship.ParseMonth(in.Month)
	today := chinatime.Today(x.now())
	switch {
	case !ok:
		return nil, nil, apperr.Field("month", "请选择申领月份（YYYY-MM）")
	case month.AddDate(0, 1, 0).After(today):
		return nil, nil, apperr.Field("month", internship.MonthLabel(in.Month)+"尚未结束，结束后才能申领")
	}
	rule, err := x.rule()
	if err != nil {
		return nil, nil, err
	}
	ins, err := x.db.Internships().InternshipList(ctx, store.InternshipFilter{BaseID: b.ID})
	if err != nil {
		return nil, nil, err
	}
	key := internship.MonthKey(month)
	claims, _, err := x.db.Policies().ListApplications(ctx, policy.ApplicationFilter{RefType: store.RefInternshipBase, RefID: b.ID, Limit: 500})
	if err != nil {
		return nil, nil, err
	}
	for _, c := range claims {
		if c.Period == key {
			return nil, nil, apperr.New(apperr.Conflict, fmt.Sprintf("%s的就业见习补贴已申领过（申请 #%d，%s），同一月份不能重复申领",
				internship.MonthLabel(key), c.ID, c.Status.Label()))
		}
	}
	c, why := rule.BuildClaim(key, ins, today)
	if why != "" {
		return nil, nil, apperr.Field("month", why)
	}
	set, err := x.policies.Catalog(ctx)
	if apperr.CodeOf(err) == apperr.NotFound {
		set, err = &PolicySet{}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	d := set.Docs[rule.PolicyID]
	if d == nil {
		return nil, nil, apperr.New(apperr.Conflict, "政策目录中还没有“就业见习补贴”（"+rule.PolicyID+"），请管理员先导入政策目录后再申领")
	}
	ap := &policy.Application{PolicyID: rule.PolicyID, Version: d.Version, SubjectType: policy.KindEnterprise, SubjectID: b.EnterpriseID, Note: c.Explain()}
	if err := x.db.Internships().FileClaim(ctx, a.store(), b, c, ap); err != nil {
		return nil, nil, err
	}
	got, err := x.db.Policies().ApplicationByID(ctx, ap.ID)
	return got, c, err
}

// OccupationName is an occupation's name without the catalogue's L/S marks.
func (x *Internships) OccupationName(code string) string {
	c, ok := x.codes.Occupations.Get(code)
	if !ok {
		return code
	}
	return trimOccMark(c.Name)
}

// InternshipExport is every base with its internships and ledger, for
// staff's spreadsheets.
type InternshipExport struct {
	Bases   []*internship.Base
	Interns []*internship.Internship
	Ledger  map[int64][]LedgerRow // by base id
}

// Export gathers every base, internship and ledger month for staff's
// spreadsheets (what: bases, interns or ledger), audited.
func (x *Internships) Export(ctx context.Context, a Actor, what string) (*InternshipExport, error) {
	if !account.CanManageInternships(a.User) {
		return nil, x.deny(ctx, a, "internship_base", 0)
	}
	bs, err := x.db.Internships().Bases(ctx, "")
	if err != nil {
		return nil, err
	}
	out := &InternshipExport{Bases: bs, Ledger: map[int64][]LedgerRow{}}
	if what != "bases" {
		if out.Interns, err = x.db.Internships().InternshipList(ctx, store.InternshipFilter{}); err != nil {
			return nil, err
		}
	}
	if what == "ledger" {
		rule, err := x.rule()
		if err != nil {
			return nil, err
		}
		byBase := map[int64][]*internship.Internship{}
		for _, in := range out.Interns {
			byBase[in.BaseID] = append(byBase[in.BaseID], in)
		}
		for _, b := range bs {
			if out.Ledger[b.ID], err = x.ledger(ctx, b, byBase[b.ID], rule); err != nil {
				return nil, err
			}
		}
	}
	if err := x.db.Audit(ctx, a.store(), "internship.export", "internship_base", 0,
		fmt.Sprintf("导出就业见习%s（%d 个基地，%d 条见习记录）", map[string]string{"bases": "基地", "interns": "人员", "ledger": "补贴台账"}[what],
			len(bs), len(out.Interns)), audit.ResultOK); err != nil {
		return nil, err
	}
	return out, nil
}
