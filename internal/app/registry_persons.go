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
// (registry_enterprises.go): profiles, staff search, verification. It
// holds Accounts to check the password before a person reveals their own
// full ID number and phone.
type Registry struct {
	*core
	accounts *Accounts
}

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

// ViewPerson returns a person's record to someone allowed to see it.
// Bureau personnel get it in full, audited as a view of personal data; the
// person themself gets it with the ID number and phone masked (only the
// masked forms are set): the full values come from RevealMyPerson.
func (x *Registry) ViewPerson(ctx context.Context, a Actor, id int64) (*registry.Person, error) {
	if !account.CanViewPerson(a.User, id) {
		return nil, x.conceal(ctx, a, "person", id)
	}
	p, err := x.db.Registry().PersonByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !account.SeesPersonInFull(a.User, id) {
		return maskedPerson(p), nil
	}
	if err := x.db.Audit(ctx, a.store(), audit.ViewPII, "person", id, "查看完整档案", audit.ResultOK); err != nil {
		return nil, err // no audit, no disclosure
	}
	return p, nil
}

// maskedPerson is a copy of p with the full ID number and phone cleared and
// their masked forms set from them.
func maskedPerson(p *registry.Person) *registry.Person {
	m := *p
	if p.IDNumber != "" {
		m.IDMasked = registry.MaskID(p.IDNumber)
	}
	if p.Phone != "" {
		m.PhoneMasked = registry.MaskPhone(p.Phone)
	}
	m.IDNumber, m.Phone = "", ""
	return &m
}

// RevealMyPerson returns the person's own record with the full ID number
// and phone once they prove it is them: the password again (a wrong one is
// a login failure and counts toward the lockout), or, with password empty,
// a session token logged in less than account.RevealWindow ago. Each reveal
// is audited as a view of the person's personal data by the owner before it
// is returned.
func (x *Registry) RevealMyPerson(ctx context.Context, a Actor, token, password string) (*registry.Person, error) {
	if a.User == nil || !account.CanRevealOwnPII(a.User, a.User.PersonID) {
		return nil, x.deny(ctx, a, "person", 0)
	}
	how := "重新输入密码"
	if password == "" {
		created, err := x.db.Accounts().SessionCreatedAt(ctx, token)
		if err != nil {
			return nil, err
		}
		if !account.FreshLogin(created, x.now()) {
			return nil, apperr.Field("password", "请输入登录密码")
		}
		how = "登录 5 分钟内"
	} else if err := x.accounts.reauthenticate(ctx, a, password, "password", "密码不正确", "查看完整信息时密码错误"); err != nil {
		return nil, err
	}
	id := a.User.PersonID
	p, err := x.db.Registry().PersonByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), audit.ViewPII, "person", id, "本人查看完整身份证号和手机号（"+how+"）", audit.ResultOK); err != nil {
		return nil, err // no audit, no disclosure
	}
	return p, nil
}

// EditablePerson returns a person's record for an edit form, only to those
// who may change it (the owner, staff, admin); a staff view is audited. The
// owner's comes with the phone (a field of the form) and the ID number
// masked (not editable).
func (x *Registry) EditablePerson(ctx context.Context, a Actor, id int64) (*registry.Person, error) {
	if !account.CanEditPerson(a.User, id) {
		return nil, x.refuse(ctx, a, "person", id, account.CanViewPerson(a.User, id))
	}
	if account.SeesPersonInFull(a.User, id) {
		return x.ViewPerson(ctx, a, id)
	}
	p, err := x.db.Registry().PersonByID(ctx, id)
	if err != nil {
		return nil, err
	}
	m := maskedPerson(p)
	m.Phone = p.Phone
	return m, nil
}

// UpdatePerson applies in to person id for the person themself or staff
// acting for them (recorded with the staff member as actor: 代办). The
// saved record comes back as ViewPerson gives it: masked to the owner.
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
	if !account.SeesPersonInFull(a.User, id) {
		return maskedPerson(p), nil
	}
	return p, nil
}

// SearchPersons is the staff console's person search: masked results only.
func (x *Registry) SearchPersons(ctx context.Context, a Actor, f registry.PersonFilter) ([]*registry.Person, int, error) {
	if !account.CanUseConsole(a.User) {
		return nil, 0, x.deny(ctx, a, "person", 0)
	}
	return x.db.Registry().SearchPersons(ctx, f)
}
