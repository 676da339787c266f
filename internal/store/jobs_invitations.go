package store

// 网谷智聘 invitations (邀请投递): an employer invites a discoverable person
// to apply to a published post. The row, its audit entry and the person's
// inbox message are written in one transaction; one invitation per post
// and person, and at most a daily number per enterprise.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
)

// alreadyInvited is the conflict of a second invitation to the same
// person for the same post.
const alreadyInvited = "已邀请过该求职者投递这个岗位"

// CreateInvitation records inv (PostID, EnterpriseID, PersonID, InvitedBy
// set by the caller), audited, and delivers tell. A repeat for the same
// post and person is a Conflict; the enterprise's limit-th invitation since
// dayStart is its last of the day (TooMany after it).
func (tb JobStore) CreateInvitation(ctx context.Context, a Actor, inv *jobs.Invitation, dayStart time.Time, limit int, tell *NotifyMsg) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		// One enterprise's invitations are counted one at a time.
		var eid int64
		if err := tx.QueryRow(ctx, "SELECT id FROM enterprises WHERE id = ?"+tb.db.dialect.forUpdate(), inv.EnterpriseID).Scan(&eid); err != nil {
			return fmt.Errorf("store.CreateInvitation: %w", err)
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM job_invitations WHERE post_id = ? AND person_id = ?", inv.PostID, inv.PersonID).Scan(&n); err != nil {
			return fmt.Errorf("store.CreateInvitation: %w", err)
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, alreadyInvited)
		}
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM job_invitations WHERE enterprise_id = ? AND created_at >= ?",
			inv.EnterpriseID, dayStart.UTC()).Scan(&n); err != nil {
			return fmt.Errorf("store.CreateInvitation: %w", err)
		}
		if n >= limit {
			return apperr.New(apperr.TooMany, "今天的邀请已达 "+strconv.Itoa(limit)+" 次上限，请明天再邀请")
		}
		now := tb.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO job_invitations (post_id, enterprise_id, person_id, invited_by, created_at)
			VALUES (?, ?, ?, ?, ?)`, inv.PostID, inv.EnterpriseID, inv.PersonID, inv.InvitedBy, now)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, alreadyInvited)
		}
		if err != nil {
			return fmt.Errorf("store.CreateInvitation: %w", err)
		}
		inv.ID, inv.CreatedAt = id, now
		if err := tx.Audit(ctx, a, "jobinvite.send", "job_post", inv.PostID,
			"邀请求职者 #"+strconv.FormatInt(inv.PersonID, 10)+" 投递", "ok"); err != nil {
			return err
		}
		return tx.notifyMsg(ctx, tell)
	})
}

// InvitationsOf returns, of the persons given, those invited to post postID
// and those who applied to it (in any status).
func (tb JobStore) InvitationsOf(ctx context.Context, postID int64, persons []int64) (invited, applied map[int64]bool, err error) {
	invited, applied = map[int64]bool{}, map[int64]bool{}
	if len(persons) == 0 {
		return invited, applied, nil
	}
	args := append([]any{postID}, int64Args(persons)...)
	for _, q := range []struct {
		table string
		into  map[int64]bool
	}{{"job_invitations", invited}, {"job_applications", applied}} {
		rows, err := tb.db.query(ctx, "SELECT person_id FROM "+q.table+" WHERE post_id = ? AND person_id IN ("+placeholders(len(persons))+")", args...)
		if err != nil {
			return nil, nil, fmt.Errorf("store.InvitationsOf: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, nil, fmt.Errorf("store.InvitationsOf: %w", err)
			}
			q.into[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("store.InvitationsOf: %w", err)
		}
	}
	return invited, applied, nil
}

// Discoverable reports whether person personID has a resume open to
// employers (in the candidate pool).
func (tb JobStore) Discoverable(ctx context.Context, personID int64) (bool, error) {
	var d bool
	err := tb.db.queryRow(ctx, "SELECT discoverable FROM resumes WHERE person_id = ?", personID).Scan(&d)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store.Discoverable: %w", err)
	}
	return d, nil
}
