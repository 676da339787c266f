package app

// 技能培训: training institutions and enterprises apply to be designated
// (an employer for its own enterprise; staff may register one directly,
// designated at once), with their scope of occupations and levels; staff
// designate, suspend (with a reason) and reinstate them. A designated
// provider's employer users open classes within its scope; staff file
// (备案) each class before it starts, or return it with a reason. The
// public sees designated providers and filed classes only; a provider
// sees its own classes in every state, and another provider's unfiled
// class is answered as one that does not exist. Every change is written
// with its audit entry in one transaction (the store's).

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// Training is the use cases of 技能培训.
type Training struct {
	*core
	standards func() (*training.Standards, error) // the subsidy standards; training.LoadStandards
}

// newTraining wires the module to the built-in standards.
func newTraining(c *core) *Training { return &Training{core: c, standards: training.LoadStandards} }

// ScopeInput is one item of a provider's scope: the occupation by its code
// or by its name (as the catalogue has it), and the level 5 (五级/初级工) to
// 1 (一级/高级技师).
type ScopeInput struct {
	OccupationCode string `json:"occupation_code,omitempty"`
	Occupation     string `json:"occupation,omitempty"`
	Level          int    `json:"level"`
}

// ProviderInput is an application to be designated, as the form and the
// API send it. EnterpriseID is for staff registering a provider on an
// enterprise's behalf (0: none); an employer always applies for its own.
type ProviderInput struct {
	Name         string       `json:"name"`
	Kind         string       `json:"kind"`
	RegionCode   string       `json:"region_code"`
	Address      string       `json:"address"`
	ContactName  string       `json:"contact_name"`
	ContactPhone string       `json:"contact_phone"`
	Scope        []ScopeInput `json:"scope"`
	Intro        string       `json:"intro,omitempty"`
	EnterpriseID int64        `json:"enterprise_id,omitempty"`
}

// SessionInput is one meeting of a class: Date YYYY-MM-DD, Start and End HH:MM.
type SessionInput struct {
	Date  string `json:"date"`
	Start string `json:"start"`
	End   string `json:"end"`
	Place string `json:"place"`
}

// ClassInput is a class as the form and the API send it: Type employment,
// upgrade or startup; the occupation by code or name; Level 5 to 1; fee
// in yuan (0: free).
type ClassInput struct {
	Title          string         `json:"title"`
	Type           string         `json:"type"`
	OccupationCode string         `json:"occupation_code,omitempty"`
	Occupation     string         `json:"occupation,omitempty"`
	Level          int            `json:"level"`
	Hours          int            `json:"hours"`
	Capacity       int            `json:"capacity"`
	FeeYuan        int            `json:"fee_yuan"`
	RegionCode     string         `json:"region_code"`
	Sessions       []SessionInput `json:"sessions"`
}

// StatusInput is staff's decision on a provider or a class: a reason
// (required to suspend or to return a class).
type StatusInput struct {
	Reason string `json:"reason,omitempty"`
}

// ResolveOccupation reads an occupation given by code or by name: a code
// of the table, or a name exactly one occupation has (ignoring the
// catalogue's L/S marks). Anything else is a field error on field, with
// the closest names when there are some.
func ResolveOccupation(occupations *codes.Table, field, code, name string) (string, error) {
	code, name = strings.TrimSpace(code), strings.TrimSpace(name)
	if code != "" {
		return code, nil // checked by the domain with the rest
	}
	if name == "" {
		return "", apperr.Field(field, "请填写职业（工种）名称")
	}
	if _, ok := occupations.Get(name); ok {
		return name, nil
	}
	hits := occupations.Search(name, 20)
	var exact, leaves []codes.Code
	for _, c := range hits {
		if len(occupations.Children(c.Code)) > 0 {
			continue
		}
		leaves = append(leaves, c)
		if trimOccMark(c.Name) == name {
			exact = append(exact, c)
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0].Code, nil
	case len(leaves) == 1:
		return leaves[0].Code, nil
	case len(leaves) == 0:
		return "", apperr.Field(field, "职业分类中没有“"+name+"”，请换个说法，如 电工、焊工、中式烹调师")
	}
	var names []string
	for _, c := range leaves[:min(len(leaves), 5)] {
		names = append(names, trimOccMark(c.Name))
	}
	return "", apperr.Field(field, "“"+name+"”对应多个职业，请填写完整名称，如："+strings.Join(names, "、"))
}

// trimOccMark drops the catalogue's L/S marks from an occupation's name.
func trimOccMark(name string) string {
	for _, m := range []string{"L/S", "L", "S"} {
		if s, ok := strings.CutSuffix(name, m); ok && s != "" {
			return s
		}
	}
	return name
}

// providerOf builds a provider from the input, normalised and checked.
func (x *Training) providerOf(in ProviderInput) (*training.Provider, error) {
	var f apperr.Fields
	p := &training.Provider{Name: in.Name, Kind: training.Kind(strings.TrimSpace(in.Kind)), RegionCode: in.RegionCode, Address: in.Address,
		ContactName: in.ContactName, ContactPhone: in.ContactPhone, Intro: in.Intro}
	for i, it := range in.Scope {
		code, err := ResolveOccupation(x.codes.Occupations, "scope."+strconv.Itoa(i)+".occupation_code", it.OccupationCode, it.Occupation)
		mergeFields(&f, err)
		p.Scope = append(p.Scope, training.ScopeItem{Occupation: code, Level: training.Level(it.Level)})
	}
	if len(f) > 0 { // a name that did not resolve is reported, not checked again as empty
		err := p.Validate(x.codes.Occupations)
		for k, v := range asFieldMap(err) {
			if _, seen := f[k]; !seen && !strings.HasSuffix(k, ".occupation_code") {
				f.Add(k, v)
			}
		}
	} else {
		p.Normalize()
		mergeFields(&f, p.Validate(x.codes.Occupations))
	}
	registry.CheckRegion(&f, x.codes.Regions, "region_code", strings.TrimSpace(p.RegionCode))
	return p, f.Err()
}

// asFieldMap is an Invalid error's fields (nil for any other error).
func asFieldMap(err error) apperr.Fields {
	if e := apperr.As(err); e != nil && e.Code == apperr.Invalid {
		return e.Fields
	}
	return nil
}

// ApplyProvider files an application to be designated: an employer for
// its enterprise (applying), or staff registering one (designated at once).
func (x *Training) ApplyProvider(ctx context.Context, a Actor, in ProviderInput) (*training.Provider, error) {
	staff := account.CanManageTraining(a.User)
	if !staff && !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "training_provider", 0)
	}
	p, err := x.providerOf(in)
	if err != nil {
		return nil, err
	}
	p.Status = training.StatusApplying
	if staff {
		p.Status, p.EnterpriseID = training.StatusDesignated, in.EnterpriseID
		if p.EnterpriseID != 0 {
			if _, err := x.db.Registry().EnterpriseByID(ctx, p.EnterpriseID); apperr.CodeOf(err) == apperr.NotFound {
				return nil, apperr.Field("enterprise_id", "企业档案中没有这家企业")
			} else if err != nil {
				return nil, err
			}
		}
	} else {
		p.EnterpriseID = a.User.EnterpriseID
	}
	if err := x.db.Training().CreateProvider(ctx, a.store(), p); err != nil {
		return nil, err
	}
	return x.db.Training().ProviderByID(ctx, p.ID)
}

// ownsProvider reports whether u is an employer user of p's enterprise.
func ownsProvider(u *account.User, p *training.Provider) bool {
	return account.IsEmployer(u) && p.EnterpriseID != 0 && u.EnterpriseID == p.EnterpriseID
}

// setProviderStatus is staff's designation decision.
func (x *Training) setProviderStatus(ctx context.Context, a Actor, id int64, in StatusInput, from []training.Status, to training.Status,
	needReason bool, action string) (*training.Provider, error) {
	if !account.CanManageTraining(a.User) {
		return nil, x.deny(ctx, a, "training_provider", id)
	}
	reason := strings.TrimSpace(in.Reason)
	var f apperr.Fields
	if needReason && reason == "" {
		f.Add("reason", "请填写理由")
	}
	registry.CheckText(&f, "reason", reason, training.MaxReason)
	if err := f.Err(); err != nil {
		if _, err := x.db.Training().ProviderByID(ctx, id); err != nil {
			return nil, err
		}
		return nil, f.Err()
	}
	if err := x.db.Training().SetProviderStatus(ctx, a.store(), id, from, to, reason, action); err != nil {
		return nil, err
	}
	return x.db.Training().ProviderByID(ctx, id)
}

// DesignateProvider approves an application.
func (x *Training) DesignateProvider(ctx context.Context, a Actor, id int64, in StatusInput) (*training.Provider, error) {
	return x.setProviderStatus(ctx, a, id, in, []training.Status{training.StatusApplying}, training.StatusDesignated, false, "training.provider.designate")
}

// SuspendProvider suspends a designated provider, with the reason: it can
// open no class while suspended (its filed classes stay public).
func (x *Training) SuspendProvider(ctx context.Context, a Actor, id int64, in StatusInput) (*training.Provider, error) {
	return x.setProviderStatus(ctx, a, id, in, []training.Status{training.StatusDesignated}, training.StatusSuspended, true, "training.provider.suspend")
}

// ReinstateProvider lifts a suspension.
func (x *Training) ReinstateProvider(ctx context.Context, a Actor, id int64, in StatusInput) (*training.Provider, error) {
	return x.setProviderStatus(ctx, a, id, in, []training.Status{training.StatusSuspended}, training.StatusDesignated, false, "training.provider.reinstate")
}

// Providers lists providers by name: the designated ones for everyone
// (of kind, "" for all); for staff every provider or those of status.
func (x *Training) Providers(ctx context.Context, a Actor, status, kind string) ([]*training.Provider, error) {
	f := store.ProviderFilter{Status: training.StatusDesignated, Kind: training.Kind(kind)}
	if kind != "" && !f.Kind.Valid() {
		return nil, apperr.Field("kind", "类别应为 institution（定点培训机构）、enterprise（企业自主培训）或 evaluator（评价机构）")
	}
	if account.CanManageTraining(a.User) {
		f.Status = training.Status(status)
		if status != "" && f.Status.Label() == status {
			return nil, apperr.Field("status", "状态应为 applying、designated 或 suspended")
		}
	}
	return x.db.Training().Providers(ctx, f)
}

// MyProviders are the providers of the employer's enterprise, in every status.
func (x *Training) MyProviders(ctx context.Context, a Actor) ([]*training.Provider, error) {
	if !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "training_provider", 0)
	}
	if a.User.EnterpriseID == 0 {
		return nil, nil
	}
	return x.db.Training().Providers(ctx, store.ProviderFilter{EnterpriseID: a.User.EnterpriseID})
}

// ProviderPage is a provider with what its page shows.
type ProviderPage struct {
	Provider *training.Provider
	Manager  bool              // the reader is staff managing training
	Owner    bool              // the reader is one of the provider's employer users
	Classes  []*training.Class // filed classes for the public; every class for staff and the owner
}

// Provider returns a provider's page: a designated one for anyone; any
// other for staff and its own employer users (NotFound to anyone else).
func (x *Training) Provider(ctx context.Context, a Actor, id int64) (*ProviderPage, error) {
	p, err := x.db.Training().ProviderByID(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &ProviderPage{Provider: p, Manager: account.CanManageTraining(a.User), Owner: ownsProvider(a.User, p)}
	if p.Status != training.StatusDesignated && !v.Manager && !v.Owner {
		return nil, store.Missing("training_provider")
	}
	f := store.ClassFilter{ProviderID: id, Limit: 200}
	if !v.Manager && !v.Owner {
		f.Status = training.ClassApproved
	}
	v.Classes, _, err = x.db.Training().Classes(ctx, f)
	return v, err
}

// classOf builds a class for provider p from the input, checked on today,
// with the subsidy standard for its type, level and start date.
func (x *Training) classOf(p *training.Provider, in ClassInput, today time.Time) (*training.Class, error) {
	var f apperr.Fields
	occ, err := ResolveOccupation(x.codes.Occupations, "occupation_code", in.OccupationCode, in.Occupation)
	mergeFields(&f, err)
	c := &training.Class{ProviderID: p.ID, ProviderName: p.Name, Title: in.Title, Type: training.ClassType(strings.TrimSpace(in.Type)),
		Occupation: occ, Level: training.Level(in.Level), Hours: in.Hours, Capacity: in.Capacity, FeeYuan: in.FeeYuan,
		RegionCode: strings.TrimSpace(in.RegionCode), Status: training.ClassPending}
	for i, s := range in.Sessions {
		c.Sessions = append(c.Sessions, training.Session{Date: ParseDate(&f, "sessions."+strconv.Itoa(i)+".date", s.Date),
			Start: s.Start, End: s.End, Place: s.Place})
	}
	// Validate before sorting, so sessions.N names the session as sent.
	for k, v := range asFieldMap(c.Validate(x.codes.Occupations, p, today)) {
		if _, seen := f[k]; !seen && !(k == "occupation_code" && err != nil) && !(strings.HasSuffix(k, ".date") && f[k] != "") {
			f.Add(k, v)
		}
	}
	registry.CheckRegion(&f, x.codes.Regions, "region_code", c.RegionCode)
	if err := f.Err(); err != nil {
		return nil, err
	}
	c.Normalize()
	if err := x.applyStandard(c); err != nil {
		return nil, err
	}
	return c, nil
}

// applyStandard sets the class's subsidy standard from the standards file.
func (x *Training) applyStandard(c *training.Class) error {
	st, err := x.standards()
	if err != nil {
		return err
	}
	c.SubsidyYuan, c.SubsidySource = 0, ""
	if s, ok := st.Lookup(c.Type, c.Level, c.Start()); ok {
		c.SubsidyYuan, c.SubsidySource = s.Yuan, s.Source+"（有效期 "+s.Validity()+"）"
	}
	return nil
}

// Standard is the subsidy standard that applies to a class of type and
// level starting on day, if any (for forms that show it before saving).
func (x *Training) Standard(typ string, level int, day time.Time) (training.Standard, bool, error) {
	st, err := x.standards()
	if err != nil {
		return training.Standard{}, false, err
	}
	s, ok := st.Lookup(training.ClassType(typ), training.Level(level), day)
	return s, ok, nil
}

// ownProvider returns the provider for one of its employer users; anyone
// else is answered as if it did not exist.
func (x *Training) ownProvider(ctx context.Context, a Actor, id int64) (*training.Provider, error) {
	if !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "training_provider", id)
	}
	p, err := x.db.Training().ProviderByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ownsProvider(a.User, p) {
		return nil, x.conceal(ctx, a, "training_provider", id)
	}
	return p, nil
}

// OpenClass submits a class for filing: an employer user of a designated
// provider, within its scope.
func (x *Training) OpenClass(ctx context.Context, a Actor, providerID int64, in ClassInput) (*training.Class, error) {
	p, err := x.ownProvider(ctx, a, providerID)
	if err != nil {
		return nil, err
	}
	c, err := x.classOf(p, in, chinatime.Today(x.now()))
	if err != nil {
		return nil, err
	}
	if err := x.db.Training().CreateClass(ctx, a.store(), c); err != nil {
		return nil, err
	}
	return x.db.Training().ClassByID(ctx, c.ID)
}

// UpdateClass corrects a pending or returned class, which goes back to
// pending (a filed class cannot change: 409).
func (x *Training) UpdateClass(ctx context.Context, a Actor, id int64, in ClassInput) (*training.Class, error) {
	old, err := x.Class(ctx, a, id)
	if err != nil {
		return nil, err
	}
	p, err := x.ownProvider(ctx, a, old.ProviderID)
	if err != nil {
		return nil, err
	}
	c, err := x.classOf(p, in, chinatime.Today(x.now()))
	if err != nil {
		return nil, err
	}
	c.ID = id
	if err := x.db.Training().UpdateClass(ctx, a.store(), c); err != nil {
		return nil, err
	}
	return x.db.Training().ClassByID(ctx, id)
}

// Class returns a class: a filed one for anyone; any other for staff and
// its provider's employer users (NotFound to anyone else).
func (x *Training) Class(ctx context.Context, a Actor, id int64) (*training.Class, error) {
	c, err := x.db.Training().ClassByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Status == training.ClassApproved || account.CanManageTraining(a.User) {
		return c, nil
	}
	if account.IsEmployer(a.User) {
		if p, err := x.db.Training().ProviderByID(ctx, c.ProviderID); err == nil && ownsProvider(a.User, p) {
			return c, nil
		}
		return nil, x.conceal(ctx, a, "training_class", id)
	}
	return nil, store.Missing("training_class")
}

// ClassOwner reports whether the reader is one of the class's provider's employer users.
func (x *Training) ClassOwner(ctx context.Context, a Actor, c *training.Class) bool {
	p, err := x.db.Training().ProviderByID(ctx, c.ProviderID)
	return err == nil && ownsProvider(a.User, p)
}

// ReviewClass is staff's 开班备案: approve (only before the first session)
// or return with a reason. The standard is looked up again on filing.
func (x *Training) ReviewClass(ctx context.Context, a Actor, id int64, approve bool, in StatusInput) (*training.Class, error) {
	if !account.CanManageTraining(a.User) {
		return nil, x.deny(ctx, a, "training_class", id)
	}
	ts := x.db.Training()
	c, err := ts.ClassByID(ctx, id)
	if err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(in.Reason)
	var f apperr.Fields
	if !approve && reason == "" {
		f.Add("reason", "请填写退回理由，机构会据此修改")
	}
	registry.CheckText(&f, "reason", reason, training.MaxReason)
	if err := f.Err(); err != nil {
		return nil, err
	}
	if approve {
		if !c.Start().After(chinatime.Today(x.now())) {
			return nil, apperr.New(apperr.Conflict, "该班已于 "+c.Start().Format(time.DateOnly)+" 开课，开班前才能备案")
		}
		if err := x.applyStandard(c); err != nil {
			return nil, err
		}
	}
	if err := ts.ReviewClass(ctx, a.store(), id, approve, reason, c.SubsidyYuan, c.SubsidySource); err != nil {
		return nil, err
	}
	return ts.ClassByID(ctx, id)
}

// ClassQuery is a search of classes: Occupation by code or name, Type, Region
// (a district or street code), From YYYY-MM-DD (default today), Free and
// Subsidised as "1"; Page from 1, 20 a page.
type ClassQuery struct {
	Occupation string
	Type       string
	Region     string
	From       string
	Free       bool
	Subsidised bool
	Page       int
	Status     string // staff's console only; the public sees filed classes
}

// ClassPageSize is how many classes a page of search results shows.
const ClassPageSize = 20

// ClassResults is a page of classes.
type ClassResults struct {
	Classes        []*training.Class
	Total, Page    int
	OccupationCode string // what Occupation resolved to
}

// Pages is the number of pages.
func (r *ClassResults) Pages() int { return max(1, (r.Total+ClassPageSize-1)/ClassPageSize) }

// SearchClasses finds filed classes starting on or after From (staff on
// the console: any status, any date).
func (x *Training) SearchClasses(ctx context.Context, a Actor, q ClassQuery) (*ClassResults, error) {
	var f apperr.Fields
	sf := store.ClassFilter{Status: training.ClassApproved, Type: training.ClassType(strings.TrimSpace(q.Type)), Free: q.Free,
		Subsidised: q.Subsidised, Limit: ClassPageSize}
	console := account.CanManageTraining(a.User) && q.Status != ""
	if console {
		sf.Status = training.ClassStatus(q.Status)
		if q.Status == "all" {
			sf.Status = ""
		} else if sf.Status.Label() == q.Status {
			f.Add("status", "状态应为 pending、approved、returned 或 all")
		}
	}
	if sf.Type != "" && !sf.Type.Valid() {
		f.Add("type", "培训类型应为 employment、upgrade 或 startup")
	}
	if occ := strings.TrimSpace(q.Occupation); occ != "" {
		code, err := ResolveOccupation(x.codes.Occupations, "occupation", "", occ)
		mergeFields(&f, err)
		sf.Occupation = code
	}
	if r := strings.TrimSpace(q.Region); r != "" {
		if _, ok := x.codes.Regions.Get(r); !ok {
			f.Add("region", "没有这个地区")
		}
		sf.Region = r
	}
	if q.From != "" {
		sf.From = ParseDate(&f, "from", q.From)
	} else if !console {
		sf.From = chinatime.Today(x.now())
	}
	page := max(q.Page, 1)
	sf.Offset = (page - 1) * ClassPageSize
	if err := f.Err(); err != nil {
		return nil, err
	}
	cs, total, err := x.db.Training().Classes(ctx, sf)
	if err != nil {
		return nil, err
	}
	return &ClassResults{Classes: cs, Total: total, Page: page, OccupationCode: sf.Occupation}, nil
}

// ExportClasses is every class (of status; "" all) for the staff's
// spreadsheet, audited.
func (x *Training) ExportClasses(ctx context.Context, a Actor, status string) ([]*training.Class, error) {
	if !account.CanManageTraining(a.User) {
		return nil, x.deny(ctx, a, "training_class", 0)
	}
	s := training.ClassStatus(status)
	if s != "" && s.Label() == status {
		return nil, apperr.Field("status", "状态应为 pending、approved 或 returned")
	}
	cs, _, err := x.db.Training().Classes(ctx, store.ClassFilter{Status: s, Limit: 100_000})
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), "training.class.export", "training_class", 0, fmt.Sprintf("导出培训班 %d 个", len(cs)), audit.ResultOK); err != nil {
		return nil, err
	}
	return cs, nil
}

// PlaceName is a region code's full name ("湖北省武汉市东西湖区").
func (x *Training) PlaceName(code string) string { return x.codes.Regions.FullName(code) }

// OccupationName is an occupation's name without the catalogue's L/S marks.
func (x *Training) OccupationName(code string) string {
	c, ok := x.codes.Occupations.Get(code)
	if !ok {
		return code
	}
	return trimOccMark(c.Name)
}
