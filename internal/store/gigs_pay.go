package store

// 零工经纪人 after the sign-up: check-in and check-out, the employer's
// completion with the pay it says it made, the worker's receipt, disputes
// and their resolution, ratings, and the credit and reliability computed
// from them. Dispute statements are sealed like phone numbers.

import (
	"context"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/gigs"
)

// SignupEdit is one change to a sign-up after it was accepted, decided on
// the row as read inside the transaction: Apply changes the sign-up in
// memory (status, check times, pay fields) or refuses with an error that
// writes nothing; the store then writes every changeable column.
type SignupEdit struct {
	ID     int64
	Action string // audit action, e.g. gig.complete
	Audit  bool   // an employer's or staff action on a person's record
	Apply  func(su *gigs.Signup) error
	Tell   func(su *gigs.Signup) *NotifyMsg // may be nil
}

// EditSignup applies a SignupEdit. A concurrent change of the same row
// (its updated_at moved) is a Conflict.
func (tb GigStore) EditSignup(ctx context.Context, a Actor, e SignupEdit) (*gigs.Signup, error) {
	err := tb.db.Write(ctx, func(tx *Tx) error {
		su, _, err := tx.signupForUpdate(ctx, e.ID)
		if err != nil {
			return err
		}
		was := su.UpdatedAt
		from := su.Status
		if err := e.Apply(su); err != nil {
			return err
		}
		su.UpdatedAt = tb.db.Now()
		res, err := tx.Exec(ctx, `UPDATE gig_signups SET status = ?, updated_at = ?, checked_in_at = ?, checked_out_at = ?,
			checkin_dist_m = ?, pieces = ?, hours_worked = ?, promised_fen = ?, paid_fen = ?, paid_at = ?, paid_on_time = ?, received_fen = ?,
			received_at = ?, dispute = ?, worker_statement_enc = ?, employer_statement_enc = ?, resolution = ?, resolved_fen = ?,
			resolved_by = ?, resolved_at = ? WHERE id = ? AND updated_at = ?`,
			string(su.Status), su.UpdatedAt, nullTime(su.CheckedInAt), nullTime(su.CheckedOutAt), nullDist(su.CheckinDistM),
			su.Pieces, su.HoursWorked, su.PromisedFen, su.PaidFen, nullTime(su.PaidAt), su.PaidOnTime, su.ReceivedFen, nullTime(su.ReceivedAt),
			string(su.Dispute), tb.db.sealText(su.WorkerStatement), tb.db.sealText(su.EmployerStatement), su.Resolution,
			su.ResolvedFen, su.ResolvedBy, nullTime(su.ResolvedAt), su.ID, was)
		if err != nil {
			return fmt.Errorf("store.EditSignup: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "这条报名刚被他人修改，请刷新后重试")
		}
		if e.Audit {
			if err := tx.Audit(ctx, a, e.Action, "gig_signup", su.ID, string(from)+" → "+string(su.Status), "ok"); err != nil {
				return err
			}
		}
		if e.Tell != nil {
			return tx.notifyMsg(ctx, e.Tell(su))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tb.SignupByID(ctx, e.ID)
}

func nullTime(t interface{ IsZero() bool }) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullDist(m int) any {
	if m < 0 {
		return nil
	}
	return m
}

// OpenDisputes lists the pay disputes staff have to resolve, oldest first.
func (tb GigStore) OpenDisputes(ctx context.Context, limit int) ([]*gigs.Signup, error) {
	return tb.listSignups(ctx, "su.dispute = ? ORDER BY su.id LIMIT ?", string(gigs.DisputeOpen), limit)
}

// Rate stores one side's rating of a completed shift; a second rating by
// the same side is a Conflict.
func (tb GigStore) Rate(ctx context.Context, signupID int64, byRole string, stars int, words string) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO gig_ratings (signup_id, by_role, stars, words, created_at) VALUES (?, ?, ?, ?, ?)",
			signupID, byRole, stars, words, tb.db.Now())
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, "您已评价过这次用工")
		}
		if err != nil {
			return fmt.Errorf("store.Rate: %w", err)
		}
		return nil
	})
}

// Ratings returns the stars given on a sign-up by each side (0: none).
func (tb GigStore) Ratings(ctx context.Context, signupID int64) (byEmployer, byWorker int, err error) {
	rows, err := tb.db.query(ctx, "SELECT by_role, stars FROM gig_ratings WHERE signup_id = ?", signupID)
	if err != nil {
		return 0, 0, fmt.Errorf("store.Ratings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		var stars int
		if err := rows.Scan(&role, &stars); err != nil {
			return 0, 0, err
		}
		if role == "employer" {
			byEmployer = stars
		} else {
			byWorker = stars
		}
	}
	return byEmployer, byWorker, rows.Err()
}

// Credits computes the credit of gig employers from their completed
// shifts and the workers' ratings.
func (tb GigStore) Credits(ctx context.Context, employerIDs []int64) (map[int64]gigs.Credit, error) {
	out := make(map[int64]gigs.Credit, len(employerIDs))
	if len(employerIDs) == 0 {
		return out, nil
	}
	ph, args := placeholders(len(employerIDs)), int64Args(employerIDs)
	rows, err := tb.db.query(ctx, `SELECT g.employer_id, COUNT(*),
		SUM(CASE WHEN su.paid_on_time THEN 1 ELSE 0 END),
		SUM(CASE WHEN su.received_fen >= 0 THEN su.promised_fen ELSE 0 END),
		SUM(CASE WHEN su.received_fen >= 0 THEN su.received_fen ELSE 0 END),
		SUM(CASE WHEN su.dispute = 'upheld' THEN 1 ELSE 0 END)
		FROM gig_signups su JOIN gig_posts g ON g.id = su.gig_id
		WHERE su.status = 'completed' AND su.paid_fen >= 0 AND g.employer_id IN (`+ph+`) GROUP BY g.employer_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Credits: %w", err)
	}
	for rows.Next() {
		var id int64
		var c gigs.Credit
		if err := rows.Scan(&id, &c.Shifts, &c.OnTime, &c.PromisedFen, &c.ReceivedFen, &c.DisputesLost); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store.Credits: %w", err)
		}
		out[id] = c
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = tb.db.query(ctx, `SELECT g.employer_id, COUNT(*), SUM(r.stars) FROM gig_ratings r JOIN gig_signups su ON su.id = r.signup_id
		JOIN gig_posts g ON g.id = su.gig_id WHERE r.by_role = 'worker' AND g.employer_id IN (`+ph+`) GROUP BY g.employer_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Credits ratings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n, sum int
		if err := rows.Scan(&id, &n, &sum); err != nil {
			return nil, err
		}
		c := out[id]
		c.Ratings, c.StarsSum = n, sum
		out[id] = c
	}
	return out, rows.Err()
}

// Reliabilities computes workers' records from their sign-ups and the
// employers' ratings.
func (tb GigStore) Reliabilities(ctx context.Context, personIDs []int64) (map[int64]gigs.Reliability, error) {
	out := make(map[int64]gigs.Reliability, len(personIDs))
	if len(personIDs) == 0 {
		return out, nil
	}
	ph, args := placeholders(len(personIDs)), int64Args(personIDs)
	rows, err := tb.db.query(ctx, `SELECT person_id, SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END),
		SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'late_cancel' THEN 1 ELSE 0 END)
		FROM gig_signups WHERE person_id IN (`+ph+`) GROUP BY person_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Reliabilities: %w", err)
	}
	for rows.Next() {
		var id int64
		var r gigs.Reliability
		if err := rows.Scan(&id, &r.Completed, &r.NoShows, &r.LateCancels); err != nil {
			rows.Close()
			return nil, err
		}
		out[id] = r
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = tb.db.query(ctx, `SELECT su.person_id, COUNT(*), SUM(r.stars) FROM gig_ratings r JOIN gig_signups su ON su.id = r.signup_id
		WHERE r.by_role = 'employer' AND su.person_id IN (`+ph+`) GROUP BY su.person_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Reliabilities ratings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n, sum int
		if err := rows.Scan(&id, &n, &sum); err != nil {
			return nil, err
		}
		r := out[id]
		r.Ratings, r.StarsSum = n, sum
		out[id] = r
	}
	return out, rows.Err()
}

// AcceptedSignupsAt lists a worker's accepted sign-ups whose shift is in
// its check-in window at now (or checked in and not yet out): what a typed
// check-in code is tried against.
func (tb GigStore) AcceptedSignupsAt(ctx context.Context, personID int64, now time.Time) ([]*gigs.Signup, error) {
	return tb.listSignups(ctx, "su.person_id = ? AND su.status = ? AND s.starts_at <= ? AND s.ends_at >= ? ORDER BY s.starts_at",
		personID, string(gigs.SignupAccepted), now.Add(gigs.CheckinEarly).UTC(), now.Add(-gigs.CheckoutLate).UTC())
}
