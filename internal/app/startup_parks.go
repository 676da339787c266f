package app

// 青创园: staff register the youth start-up parks and keep their tenant
// firms (picked from the enterprise registry by name), their events and
// one assessment per park and year, whose facts are computed from those
// records; anyone reads a recognised park's page with its services, the
// firms in it and their open job posts. Every change is written with its
// audit entry in one transaction (the store's).

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/startup"
	"github.com/jiuye/jiuye/internal/store"
)

// ParkInput is a park as the form and the API send it: RegionCode from the
// region table, Services keys of startup.ParkServices, space in SpaceUnit
// (m2 or desk).
type ParkInput struct {
	Name         string   `json:"name"`
	Level        string   `json:"level"`
	RegionCode   string   `json:"region_code"`
	Address      string   `json:"address"`
	Operator     string   `json:"operator"`
	ContactName  string   `json:"contact_name"`
	ContactPhone string   `json:"contact_phone"`
	SpaceUnit    string   `json:"space_unit"`
	TotalSpace   int      `json:"total_space"`
	OpenSpace    int      `json:"open_space"`
	Services     []string `json:"services"`
	Status       string   `json:"status"`
	Intro        string   `json:"intro,omitempty"`
}

// TenantInput is a firm's stay in a park: the enterprise by its registry
// id, or by name (or 统一社会信用代码) when exactly one enterprise has it
// (it cannot be changed afterwards); dates YYYY-MM-DD; Status in (the
// default), graduated or left, the latter two with LeftOn.
type TenantInput struct {
	EnterpriseID   int64  `json:"enterprise_id,omitempty"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
	MoveIn         string `json:"move_in"`
	SpaceUsed      int    `json:"space_used"`
	JobsCreated    int    `json:"jobs_created"`
	Status         string `json:"status,omitempty"`
	LeftOn         string `json:"left_on,omitempty"`
}

// EventInput is an event a park held: Date YYYY-MM-DD.
type EventInput struct {
	Date      string `json:"date"`
	Title     string `json:"title"`
	Kind      string `json:"kind"`
	Attendees int    `json:"attendees"`
}

// AssessmentInput is the assessor's judgement of a park's year.
type AssessmentInput struct {
	Year    int    `json:"year"`
	Score   *int   `json:"score"`
	Grade   string `json:"grade"`
	Comment string `json:"comment"`
}

// errNoPark answers a park that does not exist, or one not yet recognised
// to someone who does not manage parks.
func errNoPark() error { return apperr.New(apperr.NotFound, "青创园不存在") }

// ParkList lists the parks, those with space open first: the recognised
// ones for everyone; for staff managing parks, every park or those of
// status (applying or recognised).
func (x *Startup) ParkList(ctx context.Context, a Actor, status string) ([]*startup.Park, error) {
	f := store.ParkFilter{Status: startup.ParkRecognised}
	if account.CanManageParks(a.User) {
		switch s := startup.ParkStatus(status); s {
		case "", startup.ParkApplying, startup.ParkRecognised:
			f.Status = s
		default:
			return nil, apperr.Field("status", "状态应为 applying（申报中）或 recognised（已认定）")
		}
	}
	return x.db.Startup().Parks().List(ctx, f)
}

// ParkPage is a park with what its page shows.
type ParkPage struct {
	Park        *startup.Park
	Manager     bool                      // the reader manages parks: every stay, every event, the assessments
	Tenants     []*startup.ParkTenant     // the firms in it now; for managers every stay, the firms in it first
	Events      []*startup.ParkEvent      // latest first: the last ten, for managers all
	Posts       []*jobs.Post              // the open job posts of the firms in it now
	Assessments []*startup.ParkAssessment // managers only, latest year first
	Facts       *startup.ParkFacts        // managers only: the year so far
}

// ParkView returns a park's page: anyone may read a recognised park; one
// still applying is for staff managing parks (NotFound to anyone else).
func (x *Startup) ParkView(ctx context.Context, a Actor, id int64) (*ParkPage, error) {
	ps := x.db.Startup().Parks()
	p, err := ps.ByID(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &ParkPage{Park: p, Manager: account.CanManageParks(a.User)}
	if p.Status != startup.ParkRecognised && !v.Manager {
		return nil, errNoPark()
	}
	tenants, err := ps.Tenants(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.Events, err = ps.Events(ctx, id); err != nil {
		return nil, err
	}
	posts, err := ps.OpenPosts(ctx, id, 100)
	if err != nil {
		return nil, err
	}
	now := x.now()
	for _, p := range posts {
		if p.Searchable(now) {
			v.Posts = append(v.Posts, p)
		}
	}
	if v.Manager {
		v.Tenants = tenants
		if v.Assessments, err = ps.Assessments(ctx, id); err != nil {
			return nil, err
		}
		today := chinatime.Today(now)
		f := startup.AssessParkFacts(p, tenants, v.Events, today.Year(), today)
		v.Facts = &f
		return v, nil
	}
	for _, t := range tenants {
		if t.Status == startup.TenantIn {
			v.Tenants = append(v.Tenants, t)
		}
	}
	v.Events = v.Events[:min(len(v.Events), 10)]
	return v, nil
}

// parkOf builds a park from the input, normalised and checked.
func parkOf(regions *codes.Table, in ParkInput) (*startup.Park, error) {
	p := &startup.Park{Name: in.Name, Level: startup.ParkLevel(in.Level), RegionCode: in.RegionCode, Address: in.Address, Operator: in.Operator,
		ContactName: in.ContactName, ContactPhone: in.ContactPhone, Unit: startup.SpaceUnit(in.SpaceUnit), TotalSpace: in.TotalSpace,
		OpenSpace: in.OpenSpace, Services: in.Services, Status: startup.ParkStatus(in.Status), Intro: in.Intro}
	p.Normalize()
	var f apperr.Fields
	mergeFields(&f, p.Validate())
	registry.CheckRegion(&f, regions, "region_code", p.RegionCode)
	return p, f.Err()
}

// CreatePark registers a park: staff managing parks.
func (x *Startup) CreatePark(ctx context.Context, a Actor, in ParkInput) (*startup.Park, error) {
	if !account.CanManageParks(a.User) {
		return nil, x.deny(ctx, a, "startup_park", 0)
	}
	p, err := parkOf(x.codes.Regions, in)
	if err != nil {
		return nil, err
	}
	if err := x.db.Startup().Parks().Create(ctx, a.store(), p); err != nil {
		return nil, err
	}
	return x.db.Startup().Parks().ByID(ctx, p.ID)
}

// UpdatePark saves a park's registration (the whole of it).
func (x *Startup) UpdatePark(ctx context.Context, a Actor, id int64, in ParkInput) (*startup.Park, error) {
	if !account.CanManageParks(a.User) {
		return nil, x.deny(ctx, a, "startup_park", id)
	}
	ps := x.db.Startup().Parks()
	if _, err := ps.ByID(ctx, id); err != nil {
		return nil, err
	}
	p, err := parkOf(x.codes.Regions, in)
	if err != nil {
		return nil, err
	}
	p.ID = id
	if err := ps.Update(ctx, a.store(), p); err != nil {
		return nil, err
	}
	return ps.ByID(ctx, id)
}

// ParkEnterprises finds the registry's enterprises a typed name (or
// 统一社会信用代码) may mean, for staff picking a tenant: the one with
// exactly that name, else up to 20 whose names contain it.
func (x *Startup) ParkEnterprises(ctx context.Context, a Actor, name string) ([]*registry.Enterprise, error) {
	if !account.CanManageParks(a.User) {
		return nil, x.deny(ctx, a, "enterprise", 0)
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil
	}
	es, _, err := x.db.Registry().SearchEnterprises(ctx, registry.EnterpriseFilter{Query: name, Limit: 20})
	for _, e := range es {
		if e.Name == name {
			return []*registry.Enterprise{e}, nil
		}
	}
	return es, err
}

// AddParkTenant records a firm moving into a park.
func (x *Startup) AddParkTenant(ctx context.Context, a Actor, parkID int64, in TenantInput) (*startup.ParkTenant, error) {
	if !account.CanManageParks(a.User) {
		return nil, x.deny(ctx, a, "startup_park", parkID)
	}
	ps := x.db.Startup().Parks()
	if _, err := ps.ByID(ctx, parkID); err != nil {
		return nil, err
	}
	var f apperr.Fields
	e, err := x.tenantEnterprise(ctx, a, in)
	if err != nil {
		mergeFields(&f, err)
		if len(f) == 0 {
			return nil, err
		}
	}
	t, err := stay(in, chinatime.Today(x.now()))
	mergeFields(&f, err)
	if err := f.Err(); err != nil {
		return nil, err
	}
	t.ParkID, t.EnterpriseID, t.EnterpriseName = parkID, e.ID, e.Name
	if err := ps.AddTenant(ctx, a.store(), t); err != nil {
		return nil, err
	}
	return ps.TenantByID(ctx, t.ID)
}

// stay reads a stay's dates, figures and status, checked on today.
func stay(in TenantInput, today time.Time) (*startup.ParkTenant, error) {
	var f apperr.Fields
	t := &startup.ParkTenant{MoveIn: ParseDate(&f, "move_in", in.MoveIn), SpaceUsed: in.SpaceUsed, Jobs: in.JobsCreated,
		Status: startup.TenantStatus(strings.TrimSpace(in.Status)), LeftOn: ParseDate(&f, "left_on", in.LeftOn)}
	if t.Status == "" {
		t.Status = startup.TenantIn
	}
	mergeFields(&f, t.Validate(today))
	return t, f.Err()
}

// tenantEnterprise resolves the input's enterprise: by id, or by a name
// exactly one registered enterprise has or contains.
func (x *Startup) tenantEnterprise(ctx context.Context, a Actor, in TenantInput) (*registry.Enterprise, error) {
	if in.EnterpriseID != 0 {
		e, err := x.db.Registry().EnterpriseByID(ctx, in.EnterpriseID)
		if apperr.CodeOf(err) == apperr.NotFound {
			return nil, apperr.Field("enterprise_id", "企业档案中没有这家企业")
		}
		return e, err
	}
	name := strings.TrimSpace(in.EnterpriseName)
	if name == "" {
		return nil, apperr.Field("enterprise_name", "请填写入驻企业的名称（须已在企业档案中登记）")
	}
	es, err := x.ParkEnterprises(ctx, a, name)
	switch {
	case err != nil:
		return nil, err
	case len(es) == 0:
		return nil, apperr.Field("enterprise_name", "企业档案中没有名称含“"+name+"”的企业，请核对名称或先登记企业档案")
	case len(es) > 1:
		return nil, apperr.Field("enterprise_name", fmt.Sprintf("有 %d 家企业的名称含“%s”，请从列表中选择或填写完整名称", len(es), name))
	}
	return es[0], nil
}

// ParkTenant returns a stay and its park, for its edit form.
func (x *Startup) ParkTenant(ctx context.Context, a Actor, id int64) (*startup.ParkTenant, *startup.Park, error) {
	if !account.CanManageParks(a.User) {
		return nil, nil, x.deny(ctx, a, "startup_park", 0)
	}
	t, err := x.db.Startup().Parks().TenantByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := x.db.Startup().Parks().ByID(ctx, t.ParkID)
	return t, p, err
}

// UpdateParkTenant saves a stay (the whole of it): its figures, and a firm
// moving out or graduating. The enterprise cannot change.
func (x *Startup) UpdateParkTenant(ctx context.Context, a Actor, id int64, in TenantInput) (*startup.ParkTenant, error) {
	old, _, err := x.ParkTenant(ctx, a, id)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	if in.EnterpriseID != 0 && in.EnterpriseID != old.EnterpriseID {
		f.Add("enterprise_id", "入驻企业不能更改；换了企业请登记新的入驻")
	}
	if n := strings.TrimSpace(in.EnterpriseName); n != "" && n != old.EnterpriseName {
		f.Add("enterprise_name", "入驻企业不能更改；换了企业请登记新的入驻")
	}
	t, err := stay(in, chinatime.Today(x.now()))
	mergeFields(&f, err)
	if err := f.Err(); err != nil {
		return nil, err
	}
	t.ID, t.ParkID, t.EnterpriseID, t.EnterpriseName = id, old.ParkID, old.EnterpriseID, old.EnterpriseName
	if err := x.db.Startup().Parks().UpdateTenant(ctx, a.store(), t); err != nil {
		return nil, err
	}
	return x.db.Startup().Parks().TenantByID(ctx, id)
}

// parkEvent reads an event, checked on today.
func parkEvent(in EventInput, today time.Time) (*startup.ParkEvent, error) {
	var f apperr.Fields
	e := &startup.ParkEvent{Date: ParseDate(&f, "date", in.Date), Title: in.Title, Kind: startup.EventKind(strings.TrimSpace(in.Kind)),
		Attendees: in.Attendees}
	mergeFields(&f, e.Validate(today))
	return e, f.Err()
}

// AddParkEvent records an event a park held.
func (x *Startup) AddParkEvent(ctx context.Context, a Actor, parkID int64, in EventInput) (*startup.ParkEvent, error) {
	if !account.CanManageParks(a.User) {
		return nil, x.deny(ctx, a, "startup_park", parkID)
	}
	ps := x.db.Startup().Parks()
	if _, err := ps.ByID(ctx, parkID); err != nil {
		return nil, err
	}
	e, err := parkEvent(in, chinatime.Today(x.now()))
	if err != nil {
		return nil, err
	}
	e.ParkID = parkID
	if err := ps.AddEvent(ctx, a.store(), e); err != nil {
		return nil, err
	}
	return e, nil
}

// ParkEvent returns an event and its park, for its edit form.
func (x *Startup) ParkEvent(ctx context.Context, a Actor, id int64) (*startup.ParkEvent, *startup.Park, error) {
	if !account.CanManageParks(a.User) {
		return nil, nil, x.deny(ctx, a, "startup_park", 0)
	}
	e, err := x.db.Startup().Parks().EventByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := x.db.Startup().Parks().ByID(ctx, e.ParkID)
	return e, p, err
}

// UpdateParkEvent saves an event's record (the whole of it).
func (x *Startup) UpdateParkEvent(ctx context.Context, a Actor, id int64, in EventInput) (*startup.ParkEvent, error) {
	old, _, err := x.ParkEvent(ctx, a, id)
	if err != nil {
		return nil, err
	}
	e, err := parkEvent(in, chinatime.Today(x.now()))
	if err != nil {
		return nil, err
	}
	e.ID, e.ParkID, e.CreatedAt = id, old.ParkID, old.CreatedAt
	if err := x.db.Startup().Parks().UpdateEvent(ctx, a.store(), e); err != nil {
		return nil, err
	}
	return e, nil
}

// ParkYear is a park's year for its assessor: the facts the records give
// now, the assessment of that year if made (with the facts it was made
// on), and every year's assessment.
type ParkYear struct {
	Park        *startup.Park
	Facts       startup.ParkFacts
	Assessment  *startup.ParkAssessment // nil when the year is not assessed yet
	Assessments []*startup.ParkAssessment
}

// ParkYear returns a park's year (0: last year) for assessing it.
func (x *Startup) ParkYear(ctx context.Context, a Actor, parkID int64, year int) (*ParkYear, error) {
	if !account.CanManageParks(a.User) {
		return nil, x.deny(ctx, a, "startup_park", parkID)
	}
	ps := x.db.Startup().Parks()
	p, err := ps.ByID(ctx, parkID)
	if err != nil {
		return nil, err
	}
	today := chinatime.Today(x.now())
	if year == 0 {
		year = today.Year() - 1
	}
	if year < startup.FirstParkYear || year > today.Year() {
		return nil, apperr.Field("year", fmt.Sprintf("考核年度应在 %d 到 %d 之间", startup.FirstParkYear, today.Year()))
	}
	v := &ParkYear{Park: p}
	if v.Facts, err = parkFacts(ctx, ps, p, year, today); err != nil {
		return nil, err
	}
	if v.Assessments, err = ps.Assessments(ctx, parkID); err != nil {
		return nil, err
	}
	for _, as := range v.Assessments {
		if as.Year == year {
			v.Assessment = as
		}
	}
	return v, nil
}

func parkFacts(ctx context.Context, ps store.ParkStore, p *startup.Park, year int, today time.Time) (startup.ParkFacts, error) {
	tenants, err := ps.Tenants(ctx, p.ID)
	if err != nil {
		return startup.ParkFacts{}, err
	}
	events, err := ps.Events(ctx, p.ID)
	if err != nil {
		return startup.ParkFacts{}, err
	}
	return startup.AssessParkFacts(p, tenants, events, year, today), nil
}

// AssessPark saves a park's assessment of a year with the facts the
// records give now: a new one (revise false; a year already assessed is a
// Conflict), or a revision of the year's assessment (revise true; a year
// not assessed is NotFound).
func (x *Startup) AssessPark(ctx context.Context, a Actor, parkID int64, in AssessmentInput, revise bool) (*startup.ParkAssessment, error) {
	if !account.CanManageParks(a.User) {
		return nil, x.deny(ctx, a, "startup_park", parkID)
	}
	ps := x.db.Startup().Parks()
	p, err := ps.ByID(ctx, parkID)
	if err != nil {
		return nil, err
	}
	as := &startup.ParkAssessment{ParkID: parkID, Year: in.Year, Grade: startup.ParkGrade(strings.TrimSpace(in.Grade)), Comment: in.Comment}
	var f apperr.Fields
	if in.Score == nil {
		f.Add("score", "请填写得分（0 到 100 的整数）")
	} else {
		as.Score = *in.Score
	}
	mergeFields(&f, as.Validate(chinatime.Today(x.now())))
	if err := f.Err(); err != nil {
		return nil, err
	}
	if as.Facts, err = parkFacts(ctx, ps, p, as.Year, chinatime.Today(x.now())); err != nil {
		return nil, err
	}
	if err := ps.SaveAssessment(ctx, a.store(), as, revise); err != nil {
		return nil, err
	}
	return ps.Assessment(ctx, parkID, as.Year)
}

// PlaceName names a region code in full ("湖北省 武汉市 东西湖区 吴家山街道").
func (x *Startup) PlaceName(code string) string { return x.codes.Regions.FullName(code) }
