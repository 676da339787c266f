package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
)

const userCols = "id, role, name, phone_enc, person_id, enterprise_id, disabled, created_at, must_change_password, consent_version, large_text, team, case_supervisor, bank_id, school_id"

// AccountStore is the tables of accounts: users, sessions, login failures
// and lockouts, SMS codes, password resets and the versions of the terms.
type AccountStore struct{ db *DB }

func (tb AccountStore) scanUser(s interface{ Scan(...any) error }) (*account.User, error) {
	var u account.User
	var enc []byte
	var pid, eid, consent, bank, school sql.NullInt64
	var large sql.NullBool
	if err := s.Scan(&u.ID, &u.Role, &u.Name, &enc, &pid, &eid, &u.Disabled, &u.CreatedAt, &u.MustChangePassword, &consent, &large, &u.Team, &u.Supervisor, &bank, &school); err != nil {
		return nil, err
	}
	u.ConsentVersion = int(consent.Int64)
	if large.Valid {
		u.LargeText = &large.Bool
	}
	phone, err := tb.db.box.Open(enc)
	if err != nil {
		return nil, err
	}
	u.Phone, u.PersonID, u.EnterpriseID, u.BankID, u.SchoolID = phone, pid.Int64, eid.Int64, bank.Int64, school.Int64
	return &u, nil
}

// CreateUser inserts a user inside tx; a duplicate phone is a Conflict on field phone.
func (t *Tx) CreateUser(ctx context.Context, u *account.User, passwordHash string) error {
	now := t.db.Now()
	if err := t.phoneTaken(ctx, "users", u.Phone); err != nil {
		return err
	}
	var consentAt any
	if u.ConsentVersion > 0 {
		consentAt = now
	}
	id, err := t.InsertID(ctx, `INSERT INTO users (role, name, phone_enc, phone_idx, password_hash, person_id, enterprise_id, created_at, updated_at,
		must_change_password, consent_version, consent_at, bank_id, school_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(u.Role), u.Name, t.db.box.Seal(u.Phone), t.db.box.Index("phone", u.Phone),
		passwordHash, nullID(u.PersonID), nullID(u.EnterpriseID), now, now,
		u.MustChangePassword, nullID(int64(u.ConsentVersion)), consentAt, nullID(u.BankID), nullID(u.SchoolID))
	if isUniqueViolation(err) {
		return errPhoneTaken
	}
	if err != nil {
		return fmt.Errorf("store.CreateUser: %w", err)
	}
	u.ID, u.CreatedAt = id, now
	return nil
}

var errPhoneTaken = &apperr.Error{Code: apperr.Conflict, Message: "该手机号已注册", Fields: map[string]string{"phone": "该手机号已注册，请直接登录"}}

// phoneTaken refuses a phone that a users row holds under the previous key's
// index during a rotation, which the UNIQUE constraint (on the current
// key's index) cannot see. Outside a rotation the constraint is enough.
func (t *Tx) phoneTaken(ctx context.Context, table, phone string) error {
	if !t.db.box.Rotating() || phone == "" {
		return nil
	}
	cond, args := inIndexes("phone_idx", t.db.box.Indexes("phone", phone))
	var n int
	if err := t.QueryRow(ctx, "SELECT COUNT(*) FROM "+table+" WHERE "+cond, args...).Scan(&n); err != nil {
		return fmt.Errorf("store.CreateUser: %w", err)
	}
	if n > 0 {
		return errPhoneTaken
	}
	return nil
}

// CreateUser inserts a user with an audit entry in one transaction.
func (tb AccountStore) CreateUser(ctx context.Context, a Actor, u *account.User, passwordHash string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if err := tx.CreateUser(ctx, u, passwordHash); err != nil {
			return err
		}
		return tx.Audit(ctx, a, audit.UserCreate, "user", u.ID, "role="+string(u.Role), "ok")
	})
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// UserByPhone finds a login account by phone through the blind index and
// returns it with its password hash.
func (tb AccountStore) UserByPhone(ctx context.Context, phone string) (*account.User, string, error) {
	cond, args := inIndexes("phone_idx", tb.db.box.Indexes("phone", phone))
	row := tb.db.queryRow(ctx, "SELECT "+userCols+", password_hash FROM users WHERE "+cond, args...)
	var hash string
	u, err := tb.scanUser(scanPlus{row, []any{&hash}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", apperr.New(apperr.NotFound, "账号不存在")
	}
	if err != nil {
		return nil, "", fmt.Errorf("store.UserByPhone: %w", err)
	}
	return u, hash, nil
}

// UserByID returns a user or a NotFound error.
func (tb AccountStore) UserByID(ctx context.Context, id int64) (*account.User, error) {
	u, err := tb.scanUser(tb.db.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "用户不存在")
	}
	if err != nil {
		return nil, fmt.Errorf("store.UserByID: %w", err)
	}
	return u, nil
}

// scanPlus scans a row's leading columns into a user and the rest into extra.
type scanPlus struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (s scanPlus) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra...)...) }

// ListUsers returns users matching f, newest first, and the total count.
func (tb AccountStore) ListUsers(ctx context.Context, f account.UserFilter) ([]*account.User, int, error) {
	where, args := " WHERE 1=1", []any{}
	if f.Role != "" {
		where += " AND role = ?"
		args = append(args, f.Role)
	}
	if f.Query != "" {
		if ph, err := registry.ParsePhone(f.Query); err == nil {
			cond, idx := inIndexes("phone_idx", tb.db.box.Indexes("phone", ph))
			where += " AND " + cond
			args = append(args, idx...)
		} else {
			where += ` AND name LIKE ? ESCAPE '\'`
			args = append(args, "%"+likeEscape(f.Query)+"%")
		}
	}
	var total int
	if err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM users"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.ListUsers: %w", err)
	}
	f.Limit = clampLimit(f.Limit, 50, 200)
	rows, err := tb.db.query(ctx, "SELECT "+userCols+" FROM users"+where+" ORDER BY id DESC LIMIT "+
		strconv.Itoa(f.Limit)+" OFFSET "+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.ListUsers: %w", err)
	}
	defer rows.Close()
	var out []*account.User
	for rows.Next() {
		u, err := tb.scanUser(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store.ListUsers: %w", err)
		}
		out = append(out, u)
	}
	return out, total, rows.Err()
}

func clampLimit(n, def, max int) int {
	if n <= 0 {
		return def
	}
	if n > max {
		return max
	}
	return n
}

// SetUserDisabled enables or disables an account and ends its sessions, audited.
func (tb AccountStore) SetUserDisabled(ctx context.Context, a Actor, id int64, disabled bool) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", disabled, tb.db.Now(), id)
		if err != nil {
			return fmt.Errorf("store.SetUserDisabled: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "用户不存在")
		}
		if disabled {
			if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = ?", id); err != nil {
				return fmt.Errorf("store.SetUserDisabled: %w", err)
			}
		}
		return tx.Audit(ctx, a, audit.UserUpdate, "user", id, "disabled="+strconv.FormatBool(disabled), "ok")
	})
}

// SetLargeText records the user's choice of 大字模式 (a display setting:
// not audited).
func (tb AccountStore) SetLargeText(ctx context.Context, id int64, on bool) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET large_text = ? WHERE id = ?", on, id)
		if err != nil {
			return fmt.Errorf("store.SetLargeText: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Missing("user")
		}
		return nil
	})
}

// SetPassword replaces a user's password hash (clearing a must-change
// flag), clears their login failures and ends all their sessions, audited.
func (tb AccountStore) SetPassword(ctx context.Context, a Actor, id int64, hash string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if err := tx.setPassword(ctx, id, hash, false); err != nil {
			return err
		}
		return tx.Audit(ctx, a, audit.UserUpdate, "user", id, "修改密码", "ok")
	})
}

// setPassword replaces user id's password hash and sets or clears their
// must-change flag, clears the login failures and locks of their phone and
// ends all their sessions, inside tx.
func (t *Tx) setPassword(ctx context.Context, id int64, hash string, mustChange bool) error {
	res, err := t.Exec(ctx, "UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?", hash, mustChange, t.db.Now(), id)
	if err != nil {
		return fmt.Errorf("store.SetPassword: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "用户不存在")
	}
	// The failures are keyed by the phone's index; during a key rotation
	// some may still be under the previous key's index, so clear both.
	var phoneEnc []byte
	if err := t.QueryRow(ctx, "SELECT phone_enc FROM users WHERE id = ?", id).Scan(&phoneEnc); err != nil {
		return fmt.Errorf("store.SetPassword: %w", err)
	}
	phone, err := t.db.box.Open(phoneEnc)
	if err != nil {
		return fmt.Errorf("store.SetPassword: %w", err)
	}
	cond, args := inIndexes("phone_idx", t.db.box.Indexes("phone", phone))
	for _, q := range []string{"DELETE FROM login_failures WHERE " + cond, "DELETE FROM login_locks WHERE " + cond} {
		if _, err := t.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store.SetPassword: %w", err)
		}
	}
	if _, err := t.Exec(ctx, "DELETE FROM sessions WHERE user_id = ?", id); err != nil {
		return fmt.Errorf("store.SetPassword: %w", err)
	}
	return nil
}

// LoginLockedUntil returns until when logins with phone are locked out,
// or the zero time when they are not.
func (tb AccountStore) LoginLockedUntil(ctx context.Context, phone string) (time.Time, error) {
	var until sql.NullTime
	cond, args := inIndexes("phone_idx", tb.db.box.Indexes("phone", phone))
	err := tb.db.queryRow(ctx, "SELECT locked_until FROM login_locks WHERE "+cond+" AND locked_until > ? ORDER BY locked_until DESC LIMIT 1",
		append(args, tb.db.Now())...).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store.LoginLockedUntil: %w", err)
	}
	return until.Time.UTC(), nil
}

// RecordLoginFailure stores a failed login with phone (or a wrong password
// where one is asked again, such as changing it) under the phone's blind
// index, whether or not the phone has an account (userID 0), and locks the
// phone out when the failures within the window reach the threshold. It
// reports the lock time (zero when not locked) and audits the failure, with
// what happened in summary, in the same transaction. Failures older than
// the window are deleted on the way.
func (tb AccountStore) RecordLoginFailure(ctx context.Context, a Actor, phone string, userID int64, summary string) (time.Time, error) {
	var lockedUntil time.Time
	idxs := tb.db.box.Indexes("phone", phone)
	idx := idxs[0]
	anyIdx, idxArgs := inIndexes("phone_idx", idxs)
	err := tb.db.Write(ctx, func(tx *Tx) error {
		// One phone's failures are counted one at a time across instances:
		// concurrent transactions would each count only the committed rows
		// and their own, and none reach the threshold.
		if err := lockKey(ctx, tx, lockLoginFailures, idx); err != nil {
			return err
		}
		now := tb.db.Now()
		since := now.Add(-account.FailureWindow)
		if _, err := tx.Exec(ctx, "DELETE FROM login_failures WHERE at <= ?", since); err != nil {
			return fmt.Errorf("store.RecordLoginFailure: %w", err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO login_failures (phone_idx, ip, at) VALUES (?, ?, ?)", idx, a.IP, now); err != nil {
			return fmt.Errorf("store.RecordLoginFailure: %w", err)
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM login_failures WHERE "+anyIdx+" AND at > ?", append(idxArgs, since)...).Scan(&n); err != nil {
			return fmt.Errorf("store.RecordLoginFailure: %w", err)
		}
		action := audit.LoginFail
		if account.ShouldLock(n) {
			lockedUntil = now.Add(account.LockDuration)
			if _, err := tx.Exec(ctx, "DELETE FROM login_locks WHERE "+anyIdx+" OR locked_until <= ?", append(idxArgs, now)...); err != nil {
				return fmt.Errorf("store.RecordLoginFailure: %w", err)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO login_locks (phone_idx, locked_until) VALUES (?, ?)", idx, lockedUntil); err != nil {
				return fmt.Errorf("store.RecordLoginFailure: %w", err)
			}
			if _, err := tx.Exec(ctx, "DELETE FROM login_failures WHERE "+anyIdx, idxArgs...); err != nil {
				return fmt.Errorf("store.RecordLoginFailure: %w", err)
			}
			action = audit.LoginLocked
		}
		return tx.Audit(ctx, a, action, "user", userID, summary+"，15 分钟内第 "+strconv.Itoa(n)+" 次失败", "fail")
	})
	return lockedUntil, err
}

// RecordLoginSuccess clears the failures of the phone logged in with,
// creates a session and audits the login, all in one transaction. It
// returns the session token.
func (tb AccountStore) RecordLoginSuccess(ctx context.Context, a Actor, phone, kind string) (string, error) {
	var token string
	err := tb.db.Write(ctx, func(tx *Tx) error {
		cond, args := inIndexes("phone_idx", tb.db.box.Indexes("phone", phone))
		if _, err := tx.Exec(ctx, "DELETE FROM login_failures WHERE "+cond, args...); err != nil {
			return fmt.Errorf("store.RecordLoginSuccess: %w", err)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM login_locks WHERE "+cond, args...); err != nil {
			return fmt.Errorf("store.RecordLoginSuccess: %w", err)
		}
		var err error
		if token, err = tx.createSession(ctx, a.UserID, kind, a.IP); err != nil {
			return err
		}
		return tx.Audit(ctx, a, audit.LoginOK, "user", a.UserID, "方式="+kind, "ok")
	})
	return token, err
}

// UserNames returns the names of the users with the ids (those that exist),
// for lists that show who did something (the audit log's operators).
func (tb AccountStore) UserNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tb.db.query(ctx, "SELECT id, name FROM users WHERE id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store.UserNames: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("store.UserNames: %w", err)
		}
		out[id] = name
	}
	return out, rows.Err()
}
