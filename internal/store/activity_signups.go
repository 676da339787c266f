package store

// Sign-ups for activities (new ones arrive in batches: activity_batch.go).
// The waitlist is in rank then arrival order; a freed seat is offered to
// the first in line with a time to confirm, and the offer, its message and
// the count change are written together.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
)

const signupActCols = `su.id, su.activity_id, su.person_id, p.name, su.status, su.rank, su.tier, su.offer_expires, su.attended, su.rating,
	su.comment, su.created_at, su.updated_at, a.title, a.start_at, su.station_id, COALESCE(st.name, '')`

const signupActFrom = ` FROM activity_signups su JOIN persons p ON p.id = su.person_id JOIN activities a ON a.id = su.activity_id
	LEFT JOIN stations st ON st.id = su.station_id`

func scanActSignup(s interface{ Scan(...any) error }) (*activity.Signup, error) {
	var su activity.Signup
	var status string
	var offer sql.NullTime
	var station sql.NullInt64
	if err := s.Scan(&su.ID, &su.ActivityID, &su.PersonID, &su.PersonName, &status, &su.Rank, &su.Tier, &offer, &su.Attended, &su.Rating,
		&su.Comment, &su.CreatedAt, &su.UpdatedAt, &su.Title, &su.Start, &station, &su.StationName); err != nil {
		return nil, err
	}
	su.StationID = station.Int64
	su.Status, su.OfferExpires = activity.SignupStatus(status), utcOf(offer)
	su.CreatedAt, su.UpdatedAt, su.Start = su.CreatedAt.UTC(), su.UpdatedAt.UTC(), su.Start.UTC()
	return &su, nil
}

func windowText(act *activity.Activity) string {
	return act.OpensAt.In(chinatime.Zone).Format("1月2日 15:04") + " 至 " + act.ClosesAt.In(chinatime.Zone).Format("1月2日 15:04")
}

func repeatActivitySignup(prior activity.SignupStatus) error {
	if prior.Live() {
		return apperr.New(apperr.Conflict, "您已报名过这个活动（"+prior.Label()+"），不能重复报名")
	}
	return apperr.New(apperr.Conflict, "您已报名过这个活动（"+prior.Label()+"），不能再次报名")
}

// SignupByID returns one sign-up, or NotFound.
func (as ActivityStore) SignupByID(ctx context.Context, id int64) (*activity.Signup, error) {
	su, err := scanActSignup(as.db.queryRow(ctx, "SELECT "+signupActCols+signupActFrom+" WHERE su.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "报名记录不存在")
	}
	if err != nil {
		return nil, fmt.Errorf("store.SignupByID: %w", err)
	}
	return su, nil
}

// SignupOf returns the person's sign-up for an activity, or nil.
func (as ActivityStore) SignupOf(ctx context.Context, activityID, personID int64) (*activity.Signup, error) {
	su, err := scanActSignup(as.db.queryRow(ctx, "SELECT "+signupActCols+signupActFrom+" WHERE su.activity_id = ? AND su.person_id = ?",
		activityID, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store.SignupOf: %w", err)
	}
	return su, nil
}

// Signups lists an activity's sign-ups: seats first, then the waitlist in
// order, then the rest.
func (as ActivityStore) Signups(ctx context.Context, activityID int64) ([]*activity.Signup, error) {
	return as.listSignups(ctx, ` WHERE su.activity_id = ? ORDER BY CASE su.status WHEN 'confirmed' THEN 0 WHEN 'attended' THEN 0
		WHEN 'offered' THEN 1 WHEN 'registered' THEN 2 WHEN 'waitlisted' THEN 3 ELSE 4 END, su.rank, su.id`, activityID)
}

// SignupsOfPerson lists a person's sign-ups, the soonest activity last
// signed up first.
func (as ActivityStore) SignupsOfPerson(ctx context.Context, personID int64, limit int) ([]*activity.Signup, error) {
	return as.listSignups(ctx, " WHERE su.person_id = ? ORDER BY a.start_at DESC, su.id DESC LIMIT ?", personID, limit)
}

func (as ActivityStore) listSignups(ctx context.Context, where string, args ...any) ([]*activity.Signup, error) {
	rows, err := as.db.query(ctx, "SELECT "+signupActCols+signupActFrom+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store.activitySignups: %w", err)
	}
	defer rows.Close()
	var out []*activity.Signup
	for rows.Next() {
		su, err := scanActSignup(rows)
		if err != nil {
			return nil, fmt.Errorf("store.activitySignups: %w", err)
		}
		out = append(out, su)
	}
	return out, rows.Err()
}

// liveSignups are an activity's live sign-ups.
func liveSignups(ctx context.Context, t *Tx, activityID int64) ([]*activity.Signup, error) {
	rows, err := t.Query(ctx, "SELECT "+signupActCols+signupActFrom+" WHERE su.activity_id = ? AND su.status IN (?, ?, ?, ?) ORDER BY su.id",
		activityID, string(activity.Registered), string(activity.Confirmed), string(activity.Waitlisted), string(activity.Offered))
	if err != nil {
		return nil, fmt.Errorf("store.liveSignups: %w", err)
	}
	defer rows.Close()
	var out []*activity.Signup
	for rows.Next() {
		su, err := scanActSignup(rows)
		if err != nil {
			return nil, fmt.Errorf("store.liveSignups: %w", err)
		}
		out = append(out, su)
	}
	return out, rows.Err()
}

// ActivitySignupChange is a change of one sign-up: Cancel (a live one), Confirm
// (an offered seat) or Expire (an offer not confirmed by Now). A freed
// seat is offered to the next in line (Offer tells them).
type ActivitySignupChange struct {
	ID      int64
	To      activity.SignupStatus // Cancelled, Confirmed or Expired
	Now     time.Time
	Check   func(su *activity.Signup, act *activity.Activity) error // the rule, read under the lock
	Offer   func(*activity.Signup) *NotifyMsg
	Audit   string // the action to audit ("" for a person's own change)
	Summary string
}

// ChangeSignup applies c to its sign-up in one transaction.
func (as ActivityStore) ChangeSignup(ctx context.Context, a Actor, c ActivitySignupChange) (*activity.Signup, error) {
	err := as.db.Write(ctx, func(tx *Tx) error {
		su, err := scanActSignup(tx.QueryRow(ctx, "SELECT "+signupActCols+signupActFrom+" WHERE su.id = ?"+as.db.dialect.forUpdateOf("su"), c.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "报名记录不存在")
		}
		if err != nil {
			return fmt.Errorf("store.ChangeSignup: %w", err)
		}
		act, err := scanActivity(tx.QueryRow(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?", su.ActivityID))
		if err != nil {
			return fmt.Errorf("store.ChangeSignup: %w", err)
		}
		if err := c.Check(su, act); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE activity_signups SET status = ?, updated_at = ? WHERE id = ?", string(c.To), c.Now, su.ID); err != nil {
			return fmt.Errorf("store.ChangeSignup: %w", err)
		}
		if err := recount(ctx, tx, act, su.Status, c.To, c.Now, c.Offer); err != nil {
			return err
		}
		if c.Audit != "" {
			return tx.Audit(ctx, a, c.Audit, "person", su.PersonID, c.Summary, "ok")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return as.SignupByID(ctx, c.ID)
}

// recount keeps the activity's counts right for a sign-up moving from
// status from to to, and offers a freed seat.
func recount(ctx context.Context, t *Tx, act *activity.Activity, from, to activity.SignupStatus, now time.Time,
	offer func(*activity.Signup) *NotifyMsg) error {
	var q string
	switch {
	case from.HoldsSeat() && !to.HoldsSeat():
		q = "UPDATE activities SET taken = taken - 1 WHERE id = ? AND taken > 0"
	case from == activity.Registered:
		q = "UPDATE activities SET entries = entries - 1 WHERE id = ? AND entries > 0"
	case from == activity.Waitlisted:
		q = "UPDATE activities SET waiting = waiting - 1 WHERE id = ? AND waiting > 0"
	default:
		return nil
	}
	if _, err := t.Exec(ctx, q, act.ID); err != nil {
		return fmt.Errorf("store: recount: %w", err)
	}
	if from.HoldsSeat() && !to.HoldsSeat() {
		return offerSeat(ctx, t, act, now, offer)
	}
	return nil
}

// offerSeat offers a free seat to the first on the waitlist, unless the
// activity starts within half an hour.
func offerSeat(ctx context.Context, t *Tx, act *activity.Activity, now time.Time, offer func(*activity.Signup) *NotifyMsg) error {
	if !now.Before(act.Start().Add(-30 * time.Minute)) {
		return nil
	}
	var id int64
	err := t.QueryRow(ctx, "SELECT id FROM activity_signups WHERE activity_id = ? AND status = ? ORDER BY rank, id LIMIT 1"+t.db.dialect.forUpdate(),
		act.ID, string(activity.Waitlisted)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: waitlist: %w", err)
	}
	res, err := t.Exec(ctx, "UPDATE activities SET taken = taken + 1, waiting = waiting - 1 WHERE id = ? AND taken < capacity", act.ID)
	if err != nil {
		return fmt.Errorf("store: offer seat: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil
	}
	if _, err := t.Exec(ctx, "UPDATE activity_signups SET status = ?, offer_expires = ?, updated_at = ? WHERE id = ?",
		string(activity.Offered), activity.OfferDeadline(now, act.Start()), now, id); err != nil {
		return fmt.Errorf("store: offer seat: %w", err)
	}
	if offer == nil {
		return nil
	}
	su, err := scanActSignup(t.QueryRow(ctx, "SELECT "+signupActCols+signupActFrom+" WHERE su.id = ?", id))
	if err != nil {
		return fmt.Errorf("store: offered sign-up: %w", err)
	}
	return t.notifyMsg(ctx, offer(su))
}

// LapsedOffers are the ids of offers not confirmed by now.
func (as ActivityStore) LapsedOffers(ctx context.Context, now time.Time) ([]int64, error) {
	return as.ids(ctx, "SELECT id FROM activity_signups WHERE status = ? AND offer_expires <= ? ORDER BY id LIMIT 10000",
		string(activity.Offered), now.UTC())
}

// DueDraws are the lotteries whose window closed by now and that are not drawn.
func (as ActivityStore) DueDraws(ctx context.Context, now time.Time) ([]int64, error) {
	return as.ids(ctx, "SELECT id FROM activities WHERE allocation = ? AND drawn_at IS NULL AND status = ? AND closes_at <= ? ORDER BY closes_at",
		string(activity.Lottery), string(activity.StatusOpen), now.UTC())
}

func (as ActivityStore) ids(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := as.db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store.activityIDs: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
