package store

// Sign-ups in batches. When a popular course opens, thousands of people
// press 报名 in the same second; one transaction per sign-up would queue
// them behind one commit each. SignUpBatch takes the sign-ups that arrived
// together for one activity, in arrival order, and gives seats in one
// transaction: the activity row locked, seats counted once, every row
// inserted in one statement. The order of the batch is the order of the
// seats and of the waitlist; the capacity holds across server instances
// because the counts are read under the row lock.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
)

// BatchSignup is the outcome of one sign-up of a batch: the new sign-up,
// or the error for that person alone.
type BatchSignup struct {
	PersonID int64
	Signup   *activity.Signup
	Err      error
}

// ActivitySignupRequest is one sign-up of a batch: the person, the station that
// brought them (0: none; the caller has checked it exists), and, when
// staff sign the person up on their behalf, who did it (By) with the
// audit entry's summary and the message the person gets, both written
// with the sign-up.
type ActivitySignupRequest struct {
	PersonID  int64
	StationID int64
	By        *Actor
	Summary   string
	Tell      func(*activity.Signup) *NotifyMsg
}

// ActivitySignupRequests are plain sign-ups of persons, by themselves, with no station.
func ActivitySignupRequests(persons []int64) []ActivitySignupRequest {
	out := make([]ActivitySignupRequest, len(persons))
	for i, p := range persons {
		out[i].PersonID = p
	}
	return out
}

// SignUpBatch signs persons up (in arrival order, no person twice) for an
// activity at now; one person's refusal (already signed up, overlapping)
// does not touch the others. An activity outside its window refuses all.
func (as ActivityStore) SignUpBatch(ctx context.Context, activityID int64, reqs []ActivitySignupRequest, now time.Time) ([]BatchSignup, error) {
	out := make([]BatchSignup, len(reqs))
	for i, r := range reqs {
		out[i].PersonID = r.PersonID
	}
	err := as.db.Write(ctx, func(tx *Tx) error {
		act, err := scanActivity(tx.QueryRow(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?"+as.db.dialect.forUpdate(), activityID))
		if err != nil {
			return fmt.Errorf("store.SignUpBatch: %w", err)
		}
		if act.PhaseAt(now) != activity.PhaseOpen {
			return apperr.New(apperr.Conflict, "不在报名时间内（报名时间 "+windowText(act)+"）")
		}
		if err := refuseRepeats(ctx, tx, activityID, out); err != nil {
			return err
		}
		if err := refuseOverlaps(ctx, tx, activityID, out); err != nil {
			return err
		}
		return seatBatch(ctx, tx, act, reqs, out, now)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// inList is "?, ?, …" for n values.
func inList(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// pending lists the persons of out not yet refused, as query arguments.
func pending(out []BatchSignup) []any {
	var args []any
	for _, o := range out {
		if o.Err == nil {
			args = append(args, o.PersonID)
		}
	}
	return args
}

// refuseRepeats marks persons who already signed up.
func refuseRepeats(ctx context.Context, t *Tx, activityID int64, out []BatchSignup) error {
	ids := pending(out)
	if len(ids) == 0 {
		return nil
	}
	rows, err := t.Query(ctx, "SELECT person_id, status FROM activity_signups WHERE activity_id = ? AND person_id IN ("+inList(len(ids))+")",
		append([]any{activityID}, ids...)...)
	if err != nil {
		return fmt.Errorf("store: earlier sign-ups: %w", err)
	}
	defer rows.Close()
	prior := map[int64]activity.SignupStatus{}
	for rows.Next() {
		var p int64
		var s string
		if err := rows.Scan(&p, &s); err != nil {
			return fmt.Errorf("store: earlier sign-ups: %w", err)
		}
		prior[p] = activity.SignupStatus(s)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range out {
		if s, ok := prior[out[i].PersonID]; ok && out[i].Err == nil {
			out[i].Err = repeatActivitySignup(s)
		}
	}
	return nil
}

// refuseOverlaps marks persons with a live sign-up for another activity
// whose sessions overlap this one's.
func refuseOverlaps(ctx context.Context, t *Tx, activityID int64, out []BatchSignup) error {
	ids := pending(out)
	if len(ids) == 0 {
		return nil
	}
	args := append([]any{activityID, activityID}, ids...)
	args = append(args, string(activity.Registered), string(activity.Confirmed), string(activity.Waitlisted), string(activity.Offered),
		string(activity.StatusOpen))
	rows, err := t.Query(ctx, `SELECT su.person_id, a.title, s2.starts_at FROM activity_signups su
		JOIN activities a ON a.id = su.activity_id
		JOIN activity_sessions s2 ON s2.activity_id = su.activity_id
		JOIN activity_sessions s1 ON s1.activity_id = ?
		WHERE su.activity_id <> ? AND su.person_id IN (`+inList(len(ids))+`) AND su.status IN (?, ?, ?, ?) AND a.status = ?
		AND s2.starts_at < s1.ends_at AND s1.starts_at < s2.ends_at`, args...)
	if err != nil {
		return fmt.Errorf("store: overlapping activities: %w", err)
	}
	defer rows.Close()
	clash := map[int64]string{}
	for rows.Next() {
		var p int64
		var title string
		var start time.Time
		if err := rows.Scan(&p, &title, &start); err != nil {
			return fmt.Errorf("store: overlapping activities: %w", err)
		}
		if _, seen := clash[p]; !seen {
			clash[p] = title + "（" + start.In(chinatime.Zone).Format("1月2日 15:04") + "）"
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range out {
		if c, ok := clash[out[i].PersonID]; ok && out[i].Err == nil {
			out[i].Err = apperr.New(apperr.Conflict, "与您已报名的活动时间冲突："+c)
		}
	}
	return nil
}

// seatBatch gives the remaining persons their status in order — a
// lottery's entries, or seats while they last and then the waitlist —
// counts them on the locked activity, inserts their rows (reqs[i] is
// out[i]'s request) and writes the audit entries and messages of those
// signed up by staff.
func seatBatch(ctx context.Context, t *Tx, act *activity.Activity, reqs []ActivitySignupRequest, out []BatchSignup, now time.Time) error {
	free := act.Free()
	var taken, waiting, entries int
	var values []string
	var args []any
	var idx []int
	for i := range out {
		if out[i].Err != nil {
			continue
		}
		status := activity.Registered
		switch {
		case act.Allocation == activity.Lottery:
			entries++
		case taken < free:
			status = activity.Confirmed
			taken++
		default:
			status = activity.Waitlisted
			waiting++
		}
		out[i].Signup = &activity.Signup{ActivityID: act.ID, PersonID: out[i].PersonID, Status: status, Title: act.Title, Start: act.Start(),
			StationID: reqs[i].StationID, CreatedAt: now, UpdatedAt: now}
		values = append(values, "(?, ?, ?, ?, ?, ?)")
		args = append(args, act.ID, out[i].PersonID, string(status), now, now, nullID(reqs[i].StationID))
		idx = append(idx, i)
	}
	if len(idx) == 0 {
		return nil
	}
	if _, err := t.Exec(ctx, "UPDATE activities SET taken = taken + ?, waiting = waiting + ?, entries = entries + ? WHERE id = ?",
		taken, waiting, entries, act.ID); err != nil {
		return fmt.Errorf("store: count sign-ups: %w", err)
	}
	rows, err := t.Query(ctx, "INSERT INTO activity_signups (activity_id, person_id, status, created_at, updated_at, station_id) VALUES "+
		strings.Join(values, ", ")+" RETURNING id, person_id", args...)
	if err != nil {
		return fmt.Errorf("store: insert sign-ups: %w", err)
	}
	defer rows.Close()
	byPerson := map[int64]int64{}
	for rows.Next() {
		var id, p int64
		if err := rows.Scan(&id, &p); err != nil {
			return fmt.Errorf("store: insert sign-ups: %w", err)
		}
		byPerson[p] = id
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: insert sign-ups: %w", err)
	}
	rows.Close()
	for _, i := range idx {
		out[i].Signup.ID = byPerson[out[i].PersonID]
		if r := reqs[i]; r.By != nil {
			if err := t.Audit(ctx, *r.By, "activity.signup.for", "person", r.PersonID, r.Summary, "ok"); err != nil {
				return err
			}
			if r.Tell != nil {
				if err := t.notifyMsg(ctx, r.Tell(out[i].Signup)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// idsIn indexes list by id and returns "?, ?, …" with the ids, for a
// query of the rows that belong to them (… WHERE parent_id IN (…)).
func idsIn[T any](list []T, id func(T) int64) (map[int64]T, string, []any) {
	byID := make(map[int64]T, len(list))
	args := make([]any, 0, len(list))
	for _, x := range list {
		byID[id(x)] = x
		args = append(args, id(x))
	}
	return byID, inList(len(args)), args
}
