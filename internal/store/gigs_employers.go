package store

// 零工经纪人 employers: an enterprise becomes one with its first gig; a
// person who hires for themselves (个人用工) applies and waits for staff to
// verify them, and a decision is audited and told to the person.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/gigs"
)

const employerCols = `ge.id, COALESCE(ge.enterprise_id, 0), COALESCE(ge.person_id, 0), COALESCE(en.name, ge.name), ge.purpose, ge.status,
	ge.reason, ge.reviewed_by, ge.reviewed_at, ge.created_at`

const employerFrom = ` FROM gig_employers ge LEFT JOIN enterprises en ON en.id = ge.enterprise_id`

func scanEmployer(s interface{ Scan(...any) error }) (*gigs.Employer, error) {
	var e gigs.Employer
	var status string
	var reviewed sql.NullTime
	if err := s.Scan(&e.ID, &e.EnterpriseID, &e.PersonID, &e.Name, &e.Purpose, &status, &e.Reason, &e.ReviewedBy, &reviewed,
		&e.CreatedAt); err != nil {
		return nil, err
	}
	e.Status, e.ReviewedAt, e.CreatedAt = gigs.EmployerStatus(status), utcOf(reviewed), e.CreatedAt.UTC()
	return &e, nil
}

// EmployerOfPerson returns a person's gig-employer registration, or nil.
func (tb GigStore) EmployerOfPerson(ctx context.Context, personID int64) (*gigs.Employer, error) {
	e, err := scanEmployer(tb.db.queryRow(ctx, "SELECT "+employerCols+employerFrom+" WHERE ge.person_id = ?", personID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store.EmployerOfPerson: %w", err)
	}
	return e, nil
}

// EmployerByID returns a gig employer, or NotFound.
func (tb GigStore) EmployerByID(ctx context.Context, id int64) (*gigs.Employer, error) {
	e, err := scanEmployer(tb.db.queryRow(ctx, "SELECT "+employerCols+employerFrom+" WHERE ge.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("gig_employer")
	}
	if err != nil {
		return nil, fmt.Errorf("store.EmployerByID: %w", err)
	}
	return e, nil
}

// ApplyPersonEmployer files (or files again, after a refusal or to change
// the name and purpose) a person's 个人用工 registration; it waits for staff.
func (tb GigStore) ApplyPersonEmployer(ctx context.Context, personID int64, name, purpose string) (*gigs.Employer, error) {
	err := tb.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE gig_employers SET name = ?, purpose = ?, status = ?, reason = '' WHERE person_id = ?`,
			name, purpose, string(gigs.EmployerPending), personID)
		if err != nil {
			return fmt.Errorf("store.ApplyPersonEmployer: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		_, err = tx.Exec(ctx, "INSERT INTO gig_employers (person_id, name, purpose, status, created_at) VALUES (?, ?, ?, ?, ?)",
			personID, name, purpose, string(gigs.EmployerPending), tb.db.Now())
		if err != nil {
			return fmt.Errorf("store.ApplyPersonEmployer: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tb.EmployerOfPerson(ctx, personID)
}

// PendingEmployers lists person employers waiting for staff, oldest first.
func (tb GigStore) PendingEmployers(ctx context.Context, limit int) ([]*gigs.Employer, error) {
	rows, err := tb.db.query(ctx, "SELECT "+employerCols+employerFrom+" WHERE ge.status = ? ORDER BY ge.id LIMIT ?",
		string(gigs.EmployerPending), limit)
	if err != nil {
		return nil, fmt.Errorf("store.PendingEmployers: %w", err)
	}
	defer rows.Close()
	var out []*gigs.Employer
	for rows.Next() {
		e, err := scanEmployer(rows)
		if err != nil {
			return nil, fmt.Errorf("store.PendingEmployers: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// DecideEmployer verifies or refuses a pending person employer, audited
// on the person, with the inbox message built by tell.
func (tb GigStore) DecideEmployer(ctx context.Context, a Actor, id int64, verify bool, reason string,
	tell func(*gigs.Employer) *NotifyMsg) (*gigs.Employer, error) {
	err := tb.db.Write(ctx, func(tx *Tx) error {
		e, err := scanEmployer(tx.QueryRow(ctx, "SELECT "+employerCols+employerFrom+" WHERE ge.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return Missing("gig_employer")
		}
		if err != nil {
			return fmt.Errorf("store.DecideEmployer: %w", err)
		}
		if e.Status != gigs.EmployerPending {
			return apperr.New(apperr.Conflict, "该申请当前"+e.Status.Label()+"，不在待核验状态")
		}
		to := gigs.EmployerRefused
		if verify {
			to, reason = gigs.EmployerVerified, ""
		}
		res, err := tx.Exec(ctx, "UPDATE gig_employers SET status = ?, reason = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ? AND status = ?",
			string(to), reason, a.UserID, tb.db.Now(), id, string(gigs.EmployerPending))
		if err != nil {
			return fmt.Errorf("store.DecideEmployer: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "该申请刚被他人处理，请刷新")
		}
		if err := tx.Audit(ctx, a, "gig.employer_"+string(to), "person", e.PersonID, e.Name, "ok"); err != nil {
			return err
		}
		e.Status, e.Reason = to, reason
		return tx.notifyMsg(ctx, tell(e))
	})
	if err != nil {
		return nil, err
	}
	return tb.EmployerByID(ctx, id)
}

// InsertPersonEmployer stores a person's 个人用工 registration as it is;
// the demo generator uses it.
func (t *Tx) InsertPersonEmployer(ctx context.Context, e *gigs.Employer) error {
	id, err := t.InsertID(ctx, "INSERT INTO gig_employers (person_id, name, purpose, status, reviewed_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		e.PersonID, e.Name, e.Purpose, string(e.Status), nullTime(e.ReviewedAt), e.CreatedAt.UTC())
	if err != nil {
		return fmt.Errorf("store: insert person employer: %w", err)
	}
	e.ID = id
	return nil
}
