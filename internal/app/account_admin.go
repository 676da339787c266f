package app

import (
	"context"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
)

// NewUserInput creates a bureau account (staff, reviewer, admin) or any role from the CLI.
type NewUserInput struct {
	Role     string `json:"role"`
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Password string `json:"password"`
}

// CreateUser makes an account. From the web only admins may; the CLI passes
// a system actor (User nil with System set).
func (x *Accounts) CreateUser(ctx context.Context, a Actor, in NewUserInput, system bool) (*account.User, error) {
	if !system && !account.CanAdmin(a.User) {
		return nil, x.deny(ctx, a, "user", 0)
	}
	var f apperr.Fields
	role := account.Role(in.Role)
	if !role.Valid() || !role.IsBureau() {
		f.Add("role", "请选择经办人员、审核人员或管理员角色（个人与企业用户请走注册）")
	}
	if err := account.ValidateName("name", strings.TrimSpace(in.Name)); err != nil {
		f.Add("name", apperr.As(err).Fields["name"])
	}
	ph, err := registry.ParsePhone(in.Phone)
	if err != nil {
		f.Add("phone", fieldMsg(err))
	}
	mergeFields(&f, account.ValidatePassword(in.Password, ph, in.Name))
	if err := f.Err(); err != nil {
		return nil, err
	}
	h, err := x.hash(in.Password)
	if err != nil {
		return nil, err
	}
	u := &account.User{Role: role, Name: strings.TrimSpace(in.Name), Phone: ph}
	return u, x.db.CreateUser(ctx, a.store(), u, h)
}

// ListUsers is the admin user list.
func (x *Accounts) ListUsers(ctx context.Context, a Actor, f account.UserFilter) ([]*account.User, int, error) {
	if !account.CanAdmin(a.User) {
		return nil, 0, x.deny(ctx, a, "user", 0)
	}
	return x.db.ListUsers(ctx, f)
}

// SetUserDisabled enables or disables an account; admins cannot disable themselves.
func (x *Accounts) SetUserDisabled(ctx context.Context, a Actor, id int64, disabled bool) error {
	if !account.CanAdmin(a.User) {
		return x.deny(ctx, a, "user", id)
	}
	if a.User.ID == id && disabled {
		return apperr.New(apperr.Conflict, "不能停用自己的账号")
	}
	return x.db.SetUserDisabled(ctx, a.store(), id, disabled)
}

// ListAudit is the admin audit-log viewer.
func (x *Accounts) ListAudit(ctx context.Context, a Actor, f audit.Filter) ([]audit.Entry, error) {
	if !account.CanAdmin(a.User) {
		return nil, x.deny(ctx, a, "audit", 0)
	}
	return x.db.ListAudit(ctx, f)
}
