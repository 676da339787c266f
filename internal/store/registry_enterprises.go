package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
)

const entCols = `id, name, uscc, uscc_warning, industry_code, region_code, size, registered_on, verified, verified_by,
	verified_at, created_at, updated_at`

func scanEnterprise(s interface{ Scan(...any) error }) (*registry.Enterprise, error) {
	var e registry.Enterprise
	var reg, vat sql.NullTime
	var vby sql.NullInt64
	err := s.Scan(&e.ID, &e.Name, &e.USCC, &e.USCCWarning, &e.IndustryCode, &e.RegionCode, &e.Size, &reg, &e.Verified,
		&vby, &vat, &e.CreatedAt, &e.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if reg.Valid {
		e.RegisteredOn = reg.Time.UTC()
	}
	if vat.Valid {
		e.VerifiedAt = vat.Time.UTC()
	}
	e.VerifiedBy = vby.Int64
	return &e, nil
}

// CreateEnterprise inserts a validated enterprise inside tx; a duplicate
// credit code is a Conflict on field enterprise.uscc.
func (t *Tx) CreateEnterprise(ctx context.Context, e *registry.Enterprise) error {
	now := t.db.Now()
	id, err := t.InsertID(ctx, `INSERT INTO enterprises (name, uscc, uscc_warning, industry_code, region_code, size, registered_on,
		verified, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Name, e.USCC, e.USCCWarning, e.IndustryCode, e.RegionCode, e.Size, nullDate(e.RegisteredOn), e.Verified, now, now)
	if isUniqueViolation(err) {
		return &apperr.Error{Code: apperr.Conflict, Message: "该统一社会信用代码已注册",
			Fields: map[string]string{"enterprise.uscc": "该企业已注册，请联系本企业已有账号或经办人员"}}
	}
	if err != nil {
		return fmt.Errorf("store.CreateEnterprise: %w", err)
	}
	e.ID, e.CreatedAt, e.UpdatedAt = id, now, now
	return nil
}

// RegisterEmployer creates an enterprise and its first employer account in
// one transaction with an audit entry.
func (tb RegistryStore) RegisterEmployer(ctx context.Context, a Actor, e *registry.Enterprise, u *account.User, passwordHash string, also ...func(*Tx) error) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		for _, f := range also { // e.g. spending the SMS code that confirmed the phone
			if err := f(tx); err != nil {
				return err
			}
		}
		if err := tx.CreateEnterprise(ctx, e); err != nil {
			return err
		}
		u.EnterpriseID, u.Role = e.ID, account.RoleEmployer
		if err := tx.CreateUser(ctx, u, passwordHash); err != nil {
			return err
		}
		if a.UserID == 0 {
			a.UserID, a.Role = u.ID, string(u.Role)
		}
		summary := "kind=employer"
		if e.USCCWarning {
			summary += "；信用代码校验位未通过，待人工核实"
		}
		return tx.Audit(ctx, a, audit.Register, "enterprise", e.ID, summary, "ok")
	})
}

// EnterpriseByID returns an enterprise or NotFound.
func (tb RegistryStore) EnterpriseByID(ctx context.Context, id int64) (*registry.Enterprise, error) {
	e, err := scanEnterprise(tb.db.queryRow(ctx, "SELECT "+entCols+" FROM enterprises WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("enterprise")
	}
	if err != nil {
		return nil, fmt.Errorf("store.EnterpriseByID: %w", err)
	}
	return e, nil
}

// UpdateEnterprise saves the editable profile fields (not the credit code)
// and audits what changed.
func (tb RegistryStore) UpdateEnterprise(ctx context.Context, a Actor, e *registry.Enterprise) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		old, err := scanEnterprise(tx.QueryRow(ctx, "SELECT "+entCols+" FROM enterprises WHERE id = ?", e.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return Missing("enterprise")
		}
		if err != nil {
			return fmt.Errorf("store.UpdateEnterprise: %w", err)
		}
		now := tb.db.Now()
		if _, err := tx.Exec(ctx, `UPDATE enterprises SET name = ?, industry_code = ?, region_code = ?, size = ?, registered_on = ?,
			updated_at = ? WHERE id = ?`, e.Name, e.IndustryCode, e.RegionCode, e.Size, nullDate(e.RegisteredOn), now, e.ID); err != nil {
			return fmt.Errorf("store.UpdateEnterprise: %w", err)
		}
		var parts []string
		for _, c := range [][3]string{{"name", old.Name, e.Name}, {"industry_code", old.IndustryCode, e.IndustryCode},
			{"region_code", old.RegionCode, e.RegionCode}, {"size", old.Size, e.Size},
			{"registered_on", dateStr(old.RegisteredOn), dateStr(e.RegisteredOn)}} {
			if c[1] != c[2] {
				parts = append(parts, c[0]+": "+c[1]+" → "+c[2])
			}
		}
		if old.Name != e.Name {
			if err := tx.touchEnterprisePosts(ctx, e.ID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, a, audit.EntUpdate, "enterprise", e.ID, strings.Join(parts, "; "), "ok")
	})
}

// VerifyEnterprise records a staff verification (or its withdrawal).
func (tb RegistryStore) VerifyEnterprise(ctx context.Context, a Actor, id int64, verified bool) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		var by, at any
		if verified {
			by, at = a.UserID, now
		}
		res, err := tx.Exec(ctx, "UPDATE enterprises SET verified = ?, verified_by = ?, verified_at = ?, updated_at = ? WHERE id = ?",
			verified, by, at, now, id)
		if err != nil {
			return fmt.Errorf("store.VerifyEnterprise: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Missing("enterprise")
		}
		if err := tx.touchEnterprisePosts(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, a, audit.EntVerify, "enterprise", id, "verified="+strconv.FormatBool(verified), "ok")
	})
}

// SearchEnterprises returns enterprises matching f, newest first, and the total.
func (tb RegistryStore) SearchEnterprises(ctx context.Context, f registry.EnterpriseFilter) ([]*registry.Enterprise, int, error) {
	where, args := " WHERE 1=1", []any{}
	q := strings.TrimSpace(f.Query)
	if q != "" {
		if _, err := registry.ParseUSCC(q); err == nil {
			where += " AND uscc = ?"
			args = append(args, strings.ToUpper(q))
		} else {
			where += ` AND name LIKE ? ESCAPE '\'`
			args = append(args, "%"+likeEscape(q)+"%")
		}
	}
	if f.Unverified {
		where += " AND verified = ?"
		args = append(args, false)
	}
	var total int
	if err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM enterprises"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.SearchEnterprises: %w", err)
	}
	rows, err := tb.db.query(ctx, "SELECT "+entCols+" FROM enterprises"+where+" ORDER BY id DESC LIMIT "+
		strconv.Itoa(clampLimit(f.Limit, 20, 100))+" OFFSET "+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.SearchEnterprises: %w", err)
	}
	defer rows.Close()
	var out []*registry.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store.SearchEnterprises: %w", err)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// EnterprisesAfter returns up to limit enterprises with id > afterID in id order.
func (tb RegistryStore) EnterprisesAfter(ctx context.Context, afterID int64, limit int) ([]*registry.Enterprise, error) {
	rows, err := tb.db.query(ctx, "SELECT "+entCols+" FROM enterprises WHERE id > ? ORDER BY id LIMIT "+strconv.Itoa(clampLimit(limit, 500, 5000)), afterID)
	if err != nil {
		return nil, fmt.Errorf("store.EnterprisesAfter: %w", err)
	}
	defer rows.Close()
	var out []*registry.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			return nil, fmt.Errorf("store.EnterprisesAfter: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
