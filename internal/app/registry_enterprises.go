package app

import (
	"context"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// EnterpriseInput is an enterprise profile as forms and the API send it.
// USCC is only read at registration; it cannot be edited afterwards.
type EnterpriseInput struct {
	Name         string `json:"name"`
	USCC         string `json:"uscc,omitempty"`
	IndustryCode string `json:"industry_code,omitempty"`
	RegionCode   string `json:"region_code,omitempty"`
	Size         string `json:"size,omitempty"`
	RegisteredOn string `json:"registered_on,omitempty"`
}

// InputFromEnterprise fills a form from a stored record.
func InputFromEnterprise(e *registry.Enterprise) EnterpriseInput {
	return EnterpriseInput{Name: e.Name, USCC: e.USCC, IndustryCode: e.IndustryCode, RegionCode: e.RegionCode,
		Size: e.Size, RegisteredOn: fmtDate(e.RegisteredOn)}
}

func (in *EnterpriseInput) toEnterprise(f *apperr.Fields) *registry.Enterprise {
	return &registry.Enterprise{Name: in.Name, USCC: in.USCC, IndustryCode: strings.TrimSpace(in.IndustryCode),
		RegionCode: strings.TrimSpace(in.RegionCode), Size: in.Size,
		RegisteredOn: ParseDate(f, "enterprise.registered_on", in.RegisteredOn)}
}

// ViewEnterprise returns an enterprise's back-office record.
func (x *Registry) ViewEnterprise(ctx context.Context, a Actor, id int64) (*registry.Enterprise, error) {
	if !account.CanViewEnterprise(a.User, id) {
		return nil, x.conceal(ctx, a, "enterprise", id)
	}
	return x.db.Registry().EnterpriseByID(ctx, id)
}

// UpdateEnterprise saves an enterprise's editable profile.
func (x *Registry) UpdateEnterprise(ctx context.Context, a Actor, id int64, in EnterpriseInput) (*registry.Enterprise, error) {
	if !account.CanEditEnterprise(a.User, id) {
		return nil, x.refuse(ctx, a, "enterprise", id, account.CanViewEnterprise(a.User, id))
	}
	e, err := x.db.Registry().EnterpriseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	next := in.toEnterprise(&f)
	next.ID, next.USCC, next.USCCWarning = e.ID, e.USCC, e.USCCWarning
	next.Normalize()
	mergeFields(&f, next.Validate(x.now(), x.codes.Industries, x.codes.Regions))
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := x.db.Registry().UpdateEnterprise(ctx, a.store(), next); err != nil {
		return nil, err
	}
	x.queueSubject(ctx, "enterprise", id)
	return x.db.Registry().EnterpriseByID(ctx, id)
}

// VerifyEnterprise marks an enterprise as checked by bureau staff.
func (x *Registry) VerifyEnterprise(ctx context.Context, a Actor, id int64, verified bool) error {
	if !account.CanVerifyEnterprise(a.User) {
		return x.deny(ctx, a, "enterprise", id)
	}
	return x.db.Registry().VerifyEnterprise(ctx, a.store(), id, verified)
}

// SearchEnterprises is the staff console's enterprise search.
func (x *Registry) SearchEnterprises(ctx context.Context, a Actor, f registry.EnterpriseFilter) ([]*registry.Enterprise, int, error) {
	if !account.CanUseConsole(a.User) {
		return nil, 0, x.deny(ctx, a, "enterprise", 0)
	}
	return x.db.Registry().SearchEnterprises(ctx, f)
}
