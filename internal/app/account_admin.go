package app

import (
	"context"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/schoolvisit"
)

// NewUserInput creates a bureau account (staff, reviewer, admin) or any role from the CLI.
type NewUserInput struct {
	Role     string `json:"role"`
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Password string `json:"password"`
	BankID   int64  `json:"bank_id,omitempty"` // role bank: the partner bank or guarantee agency
	School   string `json:"school,omitempty"`  // role school: the school's full name (added when new)
}

// CreateUser makes an account. From the web only admins may; the CLI passes
// a system actor (User nil with System set).
func (x *Accounts) CreateUser(ctx context.Context, a Actor, in NewUserInput, system bool) (*account.User, error) {
	if !system && !account.CanAdmin(a.User) {
		return nil, x.deny(ctx, a, "user", 0)
	}
	var f apperr.Fields
	role := account.Role(in.Role)
	if !role.Valid() || role == account.RolePerson || role == account.RoleEmployer {
		f.Add("role", "请选择经办人员、审核人员、管理员、合作银行人员、评审专家、心理咨询师或学校用户角色（个人与企业用户请走注册）")
	}
	school := strings.TrimSpace(in.School)
	if role == account.RoleSchool {
		schoolvisit.CheckSchoolName(&f, "school", school)
	}
	if role == account.RoleBank {
		x.checkBank(ctx, &f, in.BankID)
	} else {
		in.BankID = 0
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
	u := &account.User{Role: role, Name: strings.TrimSpace(in.Name), Phone: ph, BankID: in.BankID}
	if role == account.RoleSchool {
		if u.SchoolID, err = x.db.SchoolVisits().EnsureSchool(ctx, a.store(), school); err != nil {
			return nil, err
		}
	}
	return u, x.db.Accounts().CreateUser(ctx, a.store(), u, h)
}

// checkBank requires an active partner bank for a bank user.
func (x *Accounts) checkBank(ctx context.Context, f *apperr.Fields, id int64) {
	banks, err := x.db.Startup().Banks(ctx, false)
	if err != nil {
		f.Add("bank_id", "读取合作机构失败，请重试")
		return
	}
	for _, b := range banks {
		if b.ID == id {
			return
		}
	}
	f.Add("bank_id", "请选择该人员所在的合作银行或担保机构")
}

// ListUsers is the admin user list.
func (x *Accounts) ListUsers(ctx context.Context, a Actor, f account.UserFilter) ([]*account.User, int, error) {
	if !account.CanAdmin(a.User) {
		return nil, 0, x.deny(ctx, a, "user", 0)
	}
	return x.db.Accounts().ListUsers(ctx, f)
}

// SetUserDisabled enables or disables an account; admins cannot disable themselves.
func (x *Accounts) SetUserDisabled(ctx context.Context, a Actor, id int64, disabled bool) error {
	if !account.CanAdmin(a.User) {
		return x.deny(ctx, a, "user", id)
	}
	if a.User.ID == id && disabled {
		return apperr.New(apperr.Conflict, "不能停用自己的账号")
	}
	return x.db.Accounts().SetUserDisabled(ctx, a.store(), id, disabled)
}

// ListAudit is the admin audit-log viewer.
func (x *Accounts) ListAudit(ctx context.Context, a Actor, f audit.Filter) ([]audit.Entry, error) {
	if !account.CanAdmin(a.User) {
		return nil, x.deny(ctx, a, "audit", 0)
	}
	return x.db.ListAudit(ctx, f)
}

// AuditActorNames names the operators of audit entries (user id → name),
// so the log shows who acted, not only an id. For admins, like the log.
func (x *Accounts) AuditActorNames(ctx context.Context, a Actor, es []audit.Entry) (map[int64]string, error) {
	if !account.CanAdmin(a.User) {
		return nil, x.deny(ctx, a, "audit", 0)
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, e := range es {
		if e.ActorID != 0 && !seen[e.ActorID] {
			seen[e.ActorID] = true
			ids = append(ids, e.ActorID)
		}
	}
	return x.db.Accounts().UserNames(ctx, ids)
}

// AuditDates reads an audit filter's date range, Beijing days given as
// 2006-01-02, both inclusive, either may be empty: the bounds of
// audit.Filter (From inclusive, To exclusive). A date that does not parse,
// or a range that ends before it starts, is a field error.
func AuditDates(from, to string) (time.Time, time.Time, error) {
	var f apperr.Fields
	day := func(field, s string) time.Time {
		s = strings.TrimSpace(s)
		if s == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation(time.DateOnly, s, chinatime.Zone)
		if err != nil {
			f.Add(field, "请按 年-月-日 填写日期，如 2025-06-01")
			return time.Time{}
		}
		return t
	}
	start, end := day("from", from), day("to", to)
	if !end.IsZero() {
		end = end.AddDate(0, 0, 1)
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		f.Add("to", "结束日期不能早于开始日期")
	}
	if err := f.Err(); err != nil {
		return time.Time{}, time.Time{}, err
	}
	return start, end, nil
}
