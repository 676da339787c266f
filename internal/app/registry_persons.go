package app

import (
	"context"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
)

// Registry is the use cases of persons (this file) and enterprises
// (registry_enterprises.go): profiles, staff search, verification.
type Registry struct{ *core }

// PersonInput is the editable part of a person's record, as forms and the
// API send it. The ID number is not editable: it is the person's identity.
type PersonInput struct {
	Name                 string `json:"name"`
	Phone                string `json:"phone"`
	Education            string `json:"education"`
	GraduationDate       string `json:"graduation_date"` // YYYY-MM-DD or ""
	HukouRegion          string `json:"hukou_region"`
	ResidenceRegion      string `json:"residence_region"`
	EmploymentStatus     string `json:"employment_status"`
	RegisteredUnemployed bool   `json:"registered_unemployed"`
	DifficultyCategory   string `json:"difficulty_category"`
	Veteran              bool   `json:"veteran"`
}

// InputFromPerson fills a form from a stored record.
func InputFromPerson(p *registry.Person) PersonInput {
	return PersonInput{Name: p.Name, Phone: p.Phone, Education: p.Education, GraduationDate: fmtDate(p.GraduationDate),
		HukouRegion: p.HukouRegion, ResidenceRegion: p.ResidenceRegion, EmploymentStatus: p.EmploymentStatus,
		RegisteredUnemployed: p.RegisteredUnemployed, DifficultyCategory: p.DifficultyCategory, Veteran: p.Veteran}
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// ParseDate reads an optional YYYY-MM-DD date, adding a field error when malformed.
func ParseDate(f *apperr.Fields, field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		f.Add(field, "日期格式应为 YYYY-MM-DD，且必须是真实日期")
	}
	return t
}

// ViewPerson returns a person's full record to someone allowed to see it.
// A view by anyone but the person themself is audited as a view of personal data.
func (x *Registry) ViewPerson(ctx context.Context, a Actor, id int64) (*registry.Person, error) {
	if !account.CanViewPerson(a.User, id) {
		return nil, x.conceal(ctx, a, "person", id)
	}
	p, err := x.db.Registry().PersonByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.User.PersonID != id {
		if err := x.db.Audit(ctx, a.store(), audit.ViewPII, "person", id, "查看完整档案", audit.ResultOK); err != nil {
			return nil, err // no audit, no disclosure
		}
	}
	return p, nil
}

// EditablePerson returns a person's record for an edit form, only to those
// who may change it (the owner, staff, admin); a staff view is audited.
func (x *Registry) EditablePerson(ctx context.Context, a Actor, id int64) (*registry.Person, error) {
	if !account.CanEditPerson(a.User, id) {
		return nil, x.refuse(ctx, a, "person", id, account.CanViewPerson(a.User, id))
	}
	return x.ViewPerson(ctx, a, id)
}

// UpdatePerson applies in to person id for the person themself or staff
// acting for them (recorded with the staff member as actor: 代办).
func (x *Registry) UpdatePerson(ctx context.Context, a Actor, id int64, in PersonInput) (*registry.Person, error) {
	if !account.CanEditPerson(a.User, id) {
		return nil, x.refuse(ctx, a, "person", id, account.CanViewPerson(a.User, id))
	}
	p, err := x.db.Registry().PersonByID(ctx, id)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	p.Name, p.Phone = in.Name, in.Phone
	p.Education, p.HukouRegion, p.ResidenceRegion = in.Education, strings.TrimSpace(in.HukouRegion), strings.TrimSpace(in.ResidenceRegion)
	p.GraduationDate = ParseDate(&f, "graduation_date", in.GraduationDate)
	p.EmploymentStatus, p.RegisteredUnemployed = in.EmploymentStatus, in.RegisteredUnemployed
	p.DifficultyCategory, p.Veteran = in.DifficultyCategory, in.Veteran
	now := x.now()
	p.Normalize(now)
	mergeFields(&f, p.Validate(now, x.codes.Regions))
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := x.db.Registry().UpdatePerson(ctx, a.store(), p); err != nil {
		return nil, err
	}
	x.queueSubject(ctx, "person", p.ID)
	return p, nil
}

// SearchPersons is the staff console's person search: masked results only.
func (x *Registry) SearchPersons(ctx context.Context, a Actor, f registry.PersonFilter) ([]*registry.Person, int, error) {
	if !account.CanUseConsole(a.User) {
		return nil, 0, x.deny(ctx, a, "person", 0)
	}
	return x.db.Registry().SearchPersons(ctx, f)
}
