package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/notify"
)

// Notify puts a message in a subject's inbox inside tx. It reports false
// when a message with the same dedupe key was already delivered.
func (t *Tx) Notify(ctx context.Context, m *notify.Message) (bool, error) {
	m.Normalize()
	now := t.db.Now()
	res, err := t.Exec(ctx, `INSERT INTO messages (subject_type, subject_id, kind, title, body, link, dedupe_key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject_type, subject_id, dedupe_key) DO NOTHING`,
		m.SubjectType, m.SubjectID, m.Kind, m.Title, m.Body, m.Link, nullStr(m.DedupeKey), now)
	if err != nil {
		return false, fmt.Errorf("store.Notify: %w", err)
	}
	n, _ := res.RowsAffected()
	m.CreatedAt = now
	return n == 1, nil
}

// Notify delivers one message in its own transaction.
func (db *DB) Notify(ctx context.Context, m *notify.Message) (bool, error) {
	var sent bool
	err := db.Write(ctx, func(tx *Tx) error {
		var err error
		sent, err = tx.Notify(ctx, m)
		return err
	})
	return sent, err
}

// Inbox lists a subject's messages, newest first, and the unread count.
func (db *DB) Inbox(ctx context.Context, subjectType string, subjectID int64, limit int) ([]notify.Message, int, error) {
	var unread int
	if err := db.queryRow(ctx, "SELECT COUNT(*) FROM messages WHERE subject_type = ? AND subject_id = ? AND read_at IS NULL",
		subjectType, subjectID).Scan(&unread); err != nil {
		return nil, 0, fmt.Errorf("store.Inbox: %w", err)
	}
	rows, err := db.query(ctx, `SELECT id, subject_type, subject_id, kind, title, body, link, COALESCE(dedupe_key, ''), created_at, read_at
		FROM messages WHERE subject_type = ? AND subject_id = ? ORDER BY id DESC LIMIT `+strconv.Itoa(clampLimit(limit, 50, 200)),
		subjectType, subjectID)
	if err != nil {
		return nil, 0, fmt.Errorf("store.Inbox: %w", err)
	}
	defer rows.Close()
	var out []notify.Message
	for rows.Next() {
		var m notify.Message
		var read sql.NullTime
		if err := rows.Scan(&m.ID, &m.SubjectType, &m.SubjectID, &m.Kind, &m.Title, &m.Body, &m.Link, &m.DedupeKey, &m.CreatedAt, &read); err != nil {
			return nil, 0, fmt.Errorf("store.Inbox: %w", err)
		}
		if read.Valid {
			m.ReadAt = read.Time
		}
		out = append(out, m)
	}
	return out, unread, rows.Err()
}

// MarkRead marks one of a subject's messages read; another subject's message is NotFound.
func (db *DB) MarkRead(ctx context.Context, subjectType string, subjectID, id int64) error {
	return db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE messages SET read_at = COALESCE(read_at, ?) WHERE id = ? AND subject_type = ? AND subject_id = ?",
			db.Now(), id, subjectType, subjectID)
		if err != nil {
			return fmt.Errorf("store.MarkRead: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "消息不存在")
		}
		return nil
	})
}

// NotifyMsg is a message to deliver as part of another change; nil sends nothing.
type NotifyMsg = notify.Message

func (t *Tx) notifyMsg(ctx context.Context, m *NotifyMsg) error {
	if m == nil {
		return nil
	}
	_, err := t.Notify(ctx, m)
	return err
}
