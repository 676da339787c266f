package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
)

// hashToken is what the sessions table keeps: a leaked table gives no usable tokens.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func (t *Tx) createSession(ctx context.Context, userID int64, kind, ip string) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("store.createSession: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := t.db.Now()
	_, err := t.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, kind, ip, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, hashToken(token), userID, kind, ip, now, now, now.Add(account.AbsoluteTimeout))
	if err != nil {
		return "", fmt.Errorf("store.createSession: %w", err)
	}
	return token, nil
}

// sessionUserCols is userCols qualified for the sessions–users join.
const sessionUserCols = "u.id, u.role, u.name, u.phone_enc, u.person_id, u.enterprise_id, u.disabled, u.created_at, u.must_change_password, u.consent_version, u.large_text, u.team, u.case_supervisor, u.bank_id, u.school_id"

// SessionUser resolves a token to its user, enforcing the idle and absolute
// timeouts. It refreshes last_seen at most once a minute to spare the writer.

func (tb AccountStore) SessionUser(ctx context.Context, token string) (*account.User, error) {
	if token == "" || len(token) > 100 {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	h := hashToken(token)
	var seen, expires sql.NullTime
	// One query for session and user: this runs on every logged-in request.
	u, err := tb.scanUser(scanPlus{tb.db.queryRow(ctx, "SELECT "+sessionUserCols+", s.last_seen_at, s.expires_at "+
		"FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?", h), []any{&seen, &expires}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.Unauthorized, "登录已失效，请重新登录")
	}
	if err != nil {
		return nil, fmt.Errorf("store.SessionUser: %w", err)
	}
	now := tb.db.Now()
	if now.After(expires.Time) || now.Sub(seen.Time) > account.IdleTimeout {
		tb.DeleteSession(ctx, token)
		return nil, apperr.New(apperr.Unauthorized, "登录已超时，请重新登录")
	}
	if u.Disabled {
		return nil, apperr.New(apperr.Unauthorized, "账号已停用")
	}
	if now.Sub(seen.Time) > 60e9 {
		if err := tb.db.Write(ctx, func(tx *Tx) error {
			_, err := tx.Exec(ctx, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", now, h)
			return err
		}); err != nil {
			return nil, fmt.Errorf("store.SessionUser touch: %w", err)
		}
	}
	return u, nil
}

// SessionCreatedAt returns when the session behind token was created (at
// login); an unknown token is Unauthorized.
func (tb AccountStore) SessionCreatedAt(ctx context.Context, token string) (time.Time, error) {
	if token == "" || len(token) > 100 {
		return time.Time{}, apperr.New(apperr.Unauthorized, "请先登录")
	}
	var created time.Time
	err := tb.db.queryRow(ctx, "SELECT created_at FROM sessions WHERE token_hash = ?", hashToken(token)).Scan(&created)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, apperr.New(apperr.Unauthorized, "登录已失效，请重新登录")
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store.SessionCreatedAt: %w", err)
	}
	return created.UTC(), nil
}

// DeleteSession ends a session (logout); an unknown token is not an error.
func (tb AccountStore) DeleteSession(ctx context.Context, token string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hashToken(token))
		return err
	})
}

// Logout ends a session and audits it.
func (tb AccountStore) Logout(ctx context.Context, a Actor, token string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hashToken(token)); err != nil {
			return fmt.Errorf("store.Logout: %w", err)
		}
		return tx.Audit(ctx, a, audit.Logout, "user", a.UserID, "", "ok")
	})
}
