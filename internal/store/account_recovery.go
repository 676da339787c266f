package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/secret"
)

// codeHash is the keyed hash a code is kept as: HMAC-SM3 under a key
// derived from the master key, over the purpose, the phone and the code,
// so a row is useless for another phone or purpose and a copy of the
// database cannot be searched for the million possible codes.
func (tb AccountStore) codeHash(phone, purpose, code string) string {
	return secret.MAC(tb.db.box.Derive("sms-code"), []byte(purpose+"\x00"+phone+"\x00"+code))
}

// RecordSMSCode checks the send limits — SMSResendGap and
// SMSPerPhonePerDay per phone, SMSPerIPPerHour per IP, counted over every
// purpose and whether or not the phone has an account — then stores the
// code's MAC under the phone's blind index, valid for SMSCodeTTL, and
// audits the ask (object user userID, 0 for a phone without an account;
// no digits in the summary), all in one transaction. A refusal by the
// limits is TooMany and stores nothing. Rows older than a day go on the way.
func (tb AccountStore) RecordSMSCode(ctx context.Context, a Actor, phone, purpose, code string, userID int64, perIPPerHour int) error {
	idxs := tb.db.box.Indexes("phone", phone)
	anyIdx, idxArgs := inIndexes("phone_idx", idxs)
	return tb.db.Write(ctx, func(tx *Tx) error {
		// The counts below hold across instances: asks for one phone, and
		// from one IP, are checked one at a time (phone first, then IP,
		// always in that order, so two asks cannot wait on each other).
		if err := lockKey(ctx, tx, lockSMSPhone, idxs[0]); err != nil {
			return err
		}
		if a.IP != "" && perIPPerHour > 0 {
			if err := lockKey(ctx, tx, lockSMSIP, a.IP); err != nil {
				return err
			}
		}
		now := tb.db.Now()
		if _, err := tx.Exec(ctx, "DELETE FROM sms_codes WHERE created_at <= ?", now.Add(-24*time.Hour)); err != nil {
			return fmt.Errorf("store.RecordSMSCode: %w", err)
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM sms_codes WHERE "+anyIdx, idxArgs...).Scan(&n); err != nil {
			return fmt.Errorf("store.RecordSMSCode: %w", err)
		}
		var last sql.NullTime
		err := tx.QueryRow(ctx, "SELECT created_at FROM sms_codes WHERE "+anyIdx+" ORDER BY created_at DESC LIMIT 1", idxArgs...).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store.RecordSMSCode: %w", err)
		}
		if last.Valid && now.Sub(last.Time) < account.SMSResendGap {
			wait := int((account.SMSResendGap - now.Sub(last.Time) + time.Second - 1) / time.Second)
			return apperr.New(apperr.TooMany, "验证码已发送，请 "+strconv.Itoa(wait)+" 秒后再重新获取")
		}
		if n >= account.SMSPerPhonePerDay {
			return apperr.New(apperr.TooMany, "该手机号今天获取验证码的次数已达上限，请明天再试，或到服务窗口办理")
		}
		if a.IP != "" && perIPPerHour > 0 {
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM sms_codes WHERE ip = ? AND created_at > ?", a.IP, now.Add(-time.Hour)).Scan(&n); err != nil {
				return fmt.Errorf("store.RecordSMSCode: %w", err)
			}
			if n >= perIPPerHour {
				return apperr.New(apperr.TooMany, "获取验证码过于频繁，请稍后再试")
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sms_codes (phone_idx, purpose, code_hash, ip, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			idxs[0], purpose, tb.codeHash(phone, purpose, code), a.IP, now.Add(account.SMSCodeTTL), now); err != nil {
			return fmt.Errorf("store.RecordSMSCode: %w", err)
		}
		summary := "找回密码"
		if purpose == account.SMSPurposeRegister {
			summary = "注册验证手机号"
		}
		return tx.Audit(ctx, a, audit.SMSSend, "user", userID, summary, audit.ResultOK)
	})
}

// The answers about a code, the same for every phone.
var (
	errCodeNone    = apperr.Field("code", "验证码错误或已过期，请重新获取")
	errCodeSpent   = apperr.Field("code", "验证码错误次数过多，已失效，请重新获取")
	errCodeUsed    = apperr.Field("code", "验证码已使用或已过期，请重新获取")
	errCodeInvalid = apperr.Field("code", "请输入短信中的 6 位数字验证码")
)

// CheckSMSCode compares code with the newest unspent, unexpired code sent
// to phone for purpose. Every try counts an attempt first (committed on
// its own, so a refused try is never rolled back), and a code tried
// SMSMaxAttempts times is spent, so at most that many guesses are ever
// compared, however many arrive at once. A match returns the code's row
// id, still unspent: the caller spends it with Tx.SpendSMSCode in the
// transaction that acts on it, so a failed action leaves it usable.
func (tb AccountStore) CheckSMSCode(ctx context.Context, phone, purpose, code string) (int64, error) {
	if !account.WellFormedSMSCode(code) {
		return 0, errCodeInvalid
	}
	cond, args := inIndexes("phone_idx", tb.db.box.Indexes("phone", phone))
	var id int64
	var mac string
	var attempts int
	err := tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		err := tx.QueryRow(ctx, "SELECT id, code_hash, attempts FROM sms_codes WHERE "+cond+
			" AND purpose = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC LIMIT 1",
			append(args, purpose, now)...).Scan(&id, &mac, &attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return errCodeNone
		}
		if err != nil {
			return fmt.Errorf("store.CheckSMSCode: %w", err)
		}
		res, err := tx.Exec(ctx, "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ? AND attempts < ?", id, account.SMSMaxAttempts)
		if err != nil {
			return fmt.Errorf("store.CheckSMSCode: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errCodeSpent
		}
		attempts++
		return nil
	})
	if err != nil {
		return 0, err
	}
	if subtle.ConstantTimeCompare([]byte(mac), []byte(tb.codeHash(phone, purpose, code))) == 1 {
		return id, nil
	}
	if left := account.SMSMaxAttempts - attempts; left > 0 {
		return 0, apperr.Field("code", "验证码错误，还可尝试 "+strconv.Itoa(left)+" 次")
	}
	return 0, errCodeSpent
}

// SpendSMSCode marks code row id used inside tx; a code already used (by
// a concurrent request) or expired meanwhile is refused.
func (t *Tx) SpendSMSCode(ctx context.Context, id int64) error {
	now := t.db.Now()
	res, err := t.Exec(ctx, "UPDATE sms_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?", now, id, now)
	if err != nil {
		return fmt.Errorf("store.SpendSMSCode: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errCodeUsed
	}
	return nil
}

// ResetPasswordBySMS spends code row codeID (from CheckSMSCode), sets user
// userID's password hash (clearing a must-change flag), clears their login
// failures and lock, ends their sessions and audits it, in one transaction.
func (tb AccountStore) ResetPasswordBySMS(ctx context.Context, a Actor, codeID, userID int64, hash string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if err := tx.SpendSMSCode(ctx, codeID); err != nil {
			return err
		}
		if err := tx.setPassword(ctx, userID, hash, false); err != nil {
			return err
		}
		if a.UserID == 0 {
			a.UserID = userID
		}
		return tx.Audit(ctx, a, audit.PasswordBySMS, "user", userID, "短信验证码找回密码", audit.ResultOK)
	})
}

// ResetPasswordFor sets a temporary password for user userID on their
// behalf: the hash of it, the must-change flag (the next login leads to
// choosing a new one), their failures and lock cleared and their sessions
// ended, audited with the staff member as actor, in one transaction.
func (tb AccountStore) ResetPasswordFor(ctx context.Context, a Actor, userID int64, hash, summary string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if err := tx.setPassword(ctx, userID, hash, true); err != nil {
			return err
		}
		return tx.Audit(ctx, a, audit.PasswordReset, "user", userID, summary, audit.ResultOK)
	})
}

// UserByPersonID returns the login account of person personID, or NotFound.
func (tb AccountStore) UserByPersonID(ctx context.Context, personID int64) (*account.User, error) {
	u, err := tb.scanUser(tb.db.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE person_id = ?", personID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("user")
	}
	if err != nil {
		return nil, fmt.Errorf("store.UserByPersonID: %w", err)
	}
	return u, nil
}

const termsCols = "version, user_agreement, privacy_policy, note, created_by, created_at"

func scanTerms(s interface{ Scan(...any) error }) (*account.Terms, error) {
	var t account.Terms
	if err := s.Scan(&t.Version, &t.UserAgreement, &t.PrivacyPolicy, &t.Note, &t.CreatedBy, &t.CreatedAt); err != nil {
		return nil, err
	}
	return &t, nil
}

// CurrentTerms returns the newest version of the 用户协议 and 隐私政策.
func (tb AccountStore) CurrentTerms(ctx context.Context) (*account.Terms, error) {
	t, err := scanTerms(tb.db.queryRow(ctx, "SELECT "+termsCols+" FROM terms_versions ORDER BY version DESC LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("terms")
	}
	if err != nil {
		return nil, fmt.Errorf("store.CurrentTerms: %w", err)
	}
	return t, nil
}

// TermsVersion returns version v, or NotFound.
func (tb AccountStore) TermsVersion(ctx context.Context, v int) (*account.Terms, error) {
	t, err := scanTerms(tb.db.queryRow(ctx, "SELECT "+termsCols+" FROM terms_versions WHERE version = ?", v))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("terms")
	}
	if err != nil {
		return nil, fmt.Errorf("store.TermsVersion: %w", err)
	}
	return t, nil
}

// ListTerms returns every version, newest first.
func (tb AccountStore) ListTerms(ctx context.Context) ([]*account.Terms, error) {
	rows, err := tb.db.query(ctx, "SELECT "+termsCols+" FROM terms_versions ORDER BY version DESC")
	if err != nil {
		return nil, fmt.Errorf("store.ListTerms: %w", err)
	}
	defer rows.Close()
	var out []*account.Terms
	for rows.Next() {
		t, err := scanTerms(rows)
		if err != nil {
			return nil, fmt.Errorf("store.ListTerms: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// PublishTerms stores t as the next version (t.Version is set) with an
// audit entry, in one transaction. Two admins publishing at once: the
// second gets a Conflict and publishes again over the newer text.
func (tb AccountStore) PublishTerms(ctx context.Context, a Actor, t *account.Terms) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		var v sql.NullInt64
		if err := tx.QueryRow(ctx, "SELECT MAX(version) FROM terms_versions").Scan(&v); err != nil {
			return fmt.Errorf("store.PublishTerms: %w", err)
		}
		t.Version, t.CreatedBy, t.CreatedAt = int(v.Int64)+1, a.UserID, tb.db.Now()
		_, err := tx.Exec(ctx, "INSERT INTO terms_versions ("+termsCols+") VALUES (?, ?, ?, ?, ?, ?)",
			t.Version, t.UserAgreement, t.PrivacyPolicy, t.Note, t.CreatedBy, t.CreatedAt)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, "其他管理员刚刚发布了新版本，请刷新后在新版本基础上修改")
		}
		if err != nil {
			return fmt.Errorf("store.PublishTerms: %w", err)
		}
		return tx.Audit(ctx, a, audit.TermsPublish, "terms", int64(t.Version), "发布第 "+strconv.Itoa(t.Version)+" 版", audit.ResultOK)
	})
}
