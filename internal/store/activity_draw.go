package store

// The lottery's draw, sign-in at the door, the close of an ended activity
// (attended or no-show), reminders and feedback.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
)

// DrawResult is what a draw did.
type DrawResult struct {
	Entries, Seats, Waitlisted int
	Done                       bool // false: already drawn (nothing changed)
}

// Draw runs an activity's lottery once: the entries are read under the
// lock with their tiers (a person with NoShowLimit no-shows in the year
// before now is tier 1), ordered by activity.Draw under the revealed seed,
// the first Capacity confirmed and the rest waitlisted in drawn order;
// the seed and the entries' hash are published and each entrant told
// (tell). Audited as the system's action.
func (as ActivityStore) Draw(ctx context.Context, a Actor, id int64, now time.Time, tell func(*activity.Signup) *NotifyMsg) (DrawResult, error) {
	var res DrawResult
	err := as.db.Write(ctx, func(tx *Tx) error {
		var sealed []byte
		act, err := scanActivity(tx.QueryRow(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?"+as.db.dialect.forUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoActivity()
		}
		if err != nil {
			return fmt.Errorf("store.Draw: %w", err)
		}
		if act.Allocation != activity.Lottery || !act.DrawnAt.IsZero() || act.Status != activity.StatusOpen {
			return nil
		}
		if now.Before(act.ClosesAt) {
			return apperr.New(apperr.Conflict, "报名尚未截止，截止后才能抽签")
		}
		if err := tx.QueryRow(ctx, "SELECT seed_enc FROM activities WHERE id = ?", id).Scan(&sealed); err != nil {
			return fmt.Errorf("store.Draw: %w", err)
		}
		seed, err := as.db.box.Open(sealed)
		if err != nil {
			return fmt.Errorf("store.Draw: open seed: %w", err)
		}
		entries, err := lotteryEntries(ctx, tx, act, now)
		if err != nil {
			return err
		}
		drawn := activity.Draw(seed, entries)
		res = DrawResult{Entries: len(drawn), Done: true}
		for i, e := range drawn {
			status := activity.Waitlisted
			if i < act.Capacity {
				status = activity.Confirmed
				res.Seats++
			} else {
				res.Waitlisted++
			}
			if _, err := tx.Exec(ctx, "UPDATE activity_signups SET status = ?, rank = ?, tier = ?, updated_at = ? WHERE id = ?",
				string(status), i+1, e.Tier, now, e.ID); err != nil {
				return fmt.Errorf("store.Draw: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE activities SET seed = ?, entries_hash = ?, drawn_at = ?, taken = ?, waiting = ?, entries = 0,
			updated_at = ? WHERE id = ?`, seed, activity.EntriesHash(entries), now, res.Seats, res.Waitlisted, now, id); err != nil {
			return fmt.Errorf("store.Draw: %w", err)
		}
		if tell != nil {
			rows, err := tx.Query(ctx, "SELECT "+signupActCols+signupActFrom+" WHERE su.activity_id = ? AND su.status IN (?, ?) ORDER BY su.rank",
				id, string(activity.Confirmed), string(activity.Waitlisted))
			if err != nil {
				return fmt.Errorf("store.Draw: %w", err)
			}
			var told []*activity.Signup
			for rows.Next() {
				su, err := scanActSignup(rows)
				if err != nil {
					rows.Close()
					return fmt.Errorf("store.Draw: %w", err)
				}
				told = append(told, su)
			}
			rows.Close()
			for _, su := range told {
				if err := tx.notifyMsg(ctx, tell(su)); err != nil {
					return err
				}
			}
		}
		return tx.Audit(ctx, a, "activity.draw", "activity", id, fmt.Sprintf("抽签：%s，%d 人登记，%d 人中签，%d 人候补，种子 %s",
			act.Title, res.Entries, res.Seats, res.Waitlisted, seed), "ok")
	})
	return res, err
}

// lotteryEntries are the registered sign-ups with their tiers.
func lotteryEntries(ctx context.Context, t *Tx, act *activity.Activity, now time.Time) ([]activity.Entry, error) {
	rows, err := t.Query(ctx, `SELECT su.id, (SELECT COUNT(*) FROM activity_signups x WHERE x.person_id = su.person_id AND x.status = ?
		AND x.updated_at >= ?) FROM activity_signups su WHERE su.activity_id = ? AND su.status = ? ORDER BY su.id`,
		string(activity.NoShow), now.AddDate(-1, 0, 0), act.ID, string(activity.Registered))
	if err != nil {
		return nil, fmt.Errorf("store.lotteryEntries: %w", err)
	}
	defer rows.Close()
	var out []activity.Entry
	for rows.Next() {
		var e activity.Entry
		var noShows int
		if err := rows.Scan(&e.ID, &noShows); err != nil {
			return nil, fmt.Errorf("store.lotteryEntries: %w", err)
		}
		if act.NoShowLimit > 0 && noShows >= act.NoShowLimit {
			e.Tier = 1
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// LotteryEntry is one line of a drawn lottery's public list.
type LotteryEntry struct {
	ID     int64
	Tier   int
	Rank   int
	Name   string // the person's name, masked by the caller
	Status activity.SignupStatus
}

// LotteryEntries is the drawn lottery's entry list in drawn order.
func (as ActivityStore) LotteryEntries(ctx context.Context, id int64) ([]LotteryEntry, error) {
	rows, err := as.db.query(ctx, `SELECT su.id, su.tier, su.rank, p.name, su.status FROM activity_signups su JOIN persons p ON p.id = su.person_id
		WHERE su.activity_id = ? AND su.rank > 0 ORDER BY su.rank`, id)
	if err != nil {
		return nil, fmt.Errorf("store.LotteryEntries: %w", err)
	}
	defer rows.Close()
	var out []LotteryEntry
	for rows.Next() {
		var e LotteryEntry
		var status string
		if err := rows.Scan(&e.ID, &e.Tier, &e.Rank, &e.Name, &status); err != nil {
			return nil, err
		}
		e.Status = activity.SignupStatus(status)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CheckIn records a sign-in of a sign-up at a session (by method: code or
// staff); a second sign-in of the same session is a Conflict.
func (as ActivityStore) CheckIn(ctx context.Context, a Actor, signupID, sessionID int64, method string, now time.Time) error {
	return as.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM activity_attendance WHERE session_id = ? AND signup_id = ?", sessionID, signupID).Scan(&n); err != nil {
			return fmt.Errorf("store.CheckIn: %w", err)
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "您已签到过这一场")
		}
		if _, err := tx.Exec(ctx, "INSERT INTO activity_attendance (session_id, signup_id, signed_at, method) VALUES (?, ?, ?, ?)",
			sessionID, signupID, now, method); err != nil {
			if isUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "您已签到过这一场")
			}
			return fmt.Errorf("store.CheckIn: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE activity_signups SET attended = attended + 1, updated_at = ? WHERE id = ?", now, signupID); err != nil {
			return fmt.Errorf("store.CheckIn: %w", err)
		}
		if method == "staff" {
			var person int64
			if err := tx.QueryRow(ctx, "SELECT person_id FROM activity_signups WHERE id = ?", signupID).Scan(&person); err != nil {
				return fmt.Errorf("store.CheckIn: %w", err)
			}
			return tx.Audit(ctx, a, "activity.checkin_for", "person", person, "工作人员代签到：场次 "+strconv.FormatInt(sessionID, 10), "ok")
		}
		return nil
	})
}

// FinishEnded closes the activities that ended by now: a seat with a
// sign-in becomes attended, one without a no-show; an open offer lapses.
// It returns how many sign-ups it closed.
func (as ActivityStore) FinishEnded(ctx context.Context, now time.Time) (int, error) {
	var total int64
	err := as.db.Write(ctx, func(tx *Tx) error {
		ended := "SELECT id FROM activities WHERE end_at <= ?"
		for _, q := range []struct {
			set  string
			from activity.SignupStatus
		}{
			{"status = CASE WHEN attended > 0 THEN 'attended' ELSE 'no_show' END", activity.Confirmed},
			{"status = 'expired'", activity.Offered},
		} {
			res, err := tx.Exec(ctx, "UPDATE activity_signups SET "+q.set+", updated_at = ? WHERE status = ? AND activity_id IN ("+ended+")",
				now, string(q.from), now.UTC())
			if err != nil {
				return fmt.Errorf("store.FinishEnded: %w", err)
			}
			n, _ := res.RowsAffected()
			total += n
		}
		return nil
	})
	return int(total), err
}

// RemindDue puts a reminder in the inbox of every confirmed sign-up for an
// open activity starting in [from, to), once per sign-up; it returns how
// many were sent.
func (as ActivityStore) RemindDue(ctx context.Context, from, to time.Time, tell func(*activity.Signup) *NotifyMsg) (int, error) {
	list, err := as.listSignups(ctx, ` WHERE su.status = 'confirmed' AND a.status = 'open' AND a.start_at >= ? AND a.start_at < ? ORDER BY su.id`,
		from.UTC(), to.UTC())
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, su := range list {
		ok, err := as.db.Notify(ctx, tell(su))
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// SaveFeedback records a rating and comment on an attended sign-up.
func (as ActivityStore) SaveFeedback(ctx context.Context, id int64, rating int, comment string, now time.Time) error {
	return as.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE activity_signups SET rating = ?, comment = ?, updated_at = ? WHERE id = ? AND (status = ? OR attended > 0)",
			rating, comment, now, id, string(activity.Attended))
		if err != nil {
			return fmt.Errorf("store.SaveFeedback: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "参加活动（签到）后才能评价")
		}
		return nil
	})
}

// InsertEntries writes registered sign-ups for persons (in order) on an
// activity whose window has closed, for the demo's lotteries, which then
// run Draw as the task would.
func (as ActivityStore) InsertEntries(ctx context.Context, activityID int64, persons []int64, at time.Time) error {
	return as.db.Write(ctx, func(t *Tx) error { return insertEntries(ctx, t, activityID, persons, at) })
}

func insertEntries(ctx context.Context, t *Tx, activityID int64, persons []int64, at time.Time) error {
	for i, p := range persons {
		if _, err := t.Exec(ctx, "INSERT INTO activity_signups (activity_id, person_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
			activityID, p, string(activity.Registered), at.Add(time.Duration(i)*time.Second), at.Add(time.Duration(i)*time.Second)); err != nil {
			return fmt.Errorf("store.InsertEntries: %w", err)
		}
	}
	_, err := t.Exec(ctx, "UPDATE activities SET entries = entries + ? WHERE id = ?", len(persons), activityID)
	return err
}

// Attendance is what a demo sign-up did at a past activity: the first
// Sessions sessions signed in to, and the rating given.
type Attendance struct {
	SignupID int64
	Sessions int
	Rating   int
	Comment  string
}

// RecordAttendance writes the sign-ins and ratings of a past activity's
// sign-ups in one transaction; for demo data (FinishEnded then closes them).
func (as ActivityStore) RecordAttendance(ctx context.Context, act *activity.Activity, list []Attendance) error {
	return as.db.Write(ctx, func(t *Tx) error { return recordAttendance(ctx, t, act, list) })
}

func recordAttendance(ctx context.Context, t *Tx, act *activity.Activity, list []Attendance) error {
	for _, at := range list {
		for _, s := range act.Sessions[:min(at.Sessions, len(act.Sessions))] {
			if _, err := t.Exec(ctx, "INSERT INTO activity_attendance (session_id, signup_id, signed_at, method) VALUES (?, ?, ?, 'code')",
				s.ID, at.SignupID, s.Start.Add(-10*time.Minute)); err != nil {
				return fmt.Errorf("store.RecordAttendance: %w", err)
			}
		}
		if _, err := t.Exec(ctx, "UPDATE activity_signups SET attended = ?, rating = ?, comment = ? WHERE id = ?",
			min(at.Sessions, len(act.Sessions)), at.Rating, at.Comment, at.SignupID); err != nil {
			return fmt.Errorf("store.RecordAttendance: %w", err)
		}
	}
	return nil
}
