package store

// 零工经纪人 sign-ups. A slot is taken by one conditional statement,
// "filled = filled + 1 WHERE filled < slots": on PostgreSQL concurrent
// sign-ups queue on the shift's row lock and each re-checks the condition
// after the lock is released, and SQLite runs one writer at a time, so a
// shift with 10 slots accepts exactly 10 whatever the concurrency. The
// sign-up row commits in the same transaction as its slot.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/gigs"
)

// SignupRequest is one worker signing up for shifts of a gig.
type SignupRequest struct {
	GigID    int64
	ShiftIDs []int64 // already checked to belong to the gig
	PersonID int64
	ByStaff  int64 // the 零工驿站 clerk acting for the worker, 0 for the worker
	Instant  bool  // the gig accepts at once; otherwise sign-ups wait for the employer
}

const signupCols = `su.id, su.gig_id, su.shift_id, su.person_id, COALESCE(p.name, ''), su.status, su.by_staff, su.created_at,
	su.updated_at, g.title, s.starts_at, s.ends_at, su.checked_in_at, su.checked_out_at, su.checkin_dist_m, su.pieces,
	su.hours_worked, su.promised_fen, su.paid_fen, su.paid_at, su.paid_on_time, su.received_fen, su.received_at, su.dispute,
	su.worker_statement_enc, su.employer_statement_enc, su.resolution, su.resolved_fen, su.resolved_by, su.resolved_at`

const signupFrom = ` FROM gig_signups su JOIN gig_shifts s ON s.id = su.shift_id JOIN gig_posts g ON g.id = su.gig_id
	LEFT JOIN persons p ON p.id = su.person_id`

// scanSignup reads a row of signupCols, opening the sealed statements.
func (db *DB) scanSignup(s interface{ Scan(...any) error }) (*gigs.Signup, error) {
	var x gigs.Signup
	var status, dispute string
	var in, out, paid, recv, resolved sql.NullTime
	var dist sql.NullInt64
	var wst, est []byte
	if err := s.Scan(&x.ID, &x.GigID, &x.ShiftID, &x.PersonID, &x.PersonName, &status, &x.ByStaff, &x.CreatedAt,
		&x.UpdatedAt, &x.GigTitle, &x.StartsAt, &x.EndsAt, &in, &out, &dist, &x.Pieces, &x.HoursWorked, &x.PromisedFen,
		&x.PaidFen, &paid, &x.PaidOnTime, &x.ReceivedFen, &recv, &dispute, &wst, &est, &x.Resolution, &x.ResolvedFen, &x.ResolvedBy,
		&resolved); err != nil {
		return nil, err
	}
	x.Status, x.Dispute = gigs.SignupStatus(status), gigs.DisputeStatus(dispute)
	x.CreatedAt, x.UpdatedAt, x.StartsAt, x.EndsAt = x.CreatedAt.UTC(), x.UpdatedAt.UTC(), x.StartsAt.UTC(), x.EndsAt.UTC()
	x.CheckedInAt, x.CheckedOutAt, x.PaidAt, x.ReceivedAt, x.ResolvedAt = utcOf(in), utcOf(out), utcOf(paid), utcOf(recv), utcOf(resolved)
	x.CheckinDistM = -1
	if dist.Valid {
		x.CheckinDistM = int(dist.Int64)
	}
	var err error
	if x.WorkerStatement, err = db.openText(wst); err != nil {
		return nil, fmt.Errorf("sign-up %d worker statement: %w", x.ID, err)
	}
	if x.EmployerStatement, err = db.openText(est); err != nil {
		return nil, fmt.Errorf("sign-up %d employer statement: %w", x.ID, err)
	}
	return &x, nil
}

func utcOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// openText opens a sealed optional text; NULL is "".
func (db *DB) openText(enc []byte) (string, error) {
	if enc == nil {
		return "", nil
	}
	return db.box.Open(enc)
}

// sealText seals an optional text; "" is NULL.
func (db *DB) sealText(s string) any {
	if s == "" {
		return nil
	}
	return db.box.Seal(s)
}

// SignUp files one sign-up per shift in one transaction: accepted when the
// gig accepts at once and a slot is free, pending when the employer decides
// and a slot is free, waitlisted when the shift is full. A second sign-up
// for a shift, or a shift overlapping one the worker is already accepted
// for, is a Conflict and writes nothing. A clerk's sign-up is audited.
func (tb GigStore) SignUp(ctx context.Context, a Actor, r SignupRequest) ([]*gigs.Signup, error) {
	var ids []int64
	err := tb.db.Write(ctx, func(tx *Tx) error {
		now := tb.db.Now()
		for _, shiftID := range r.ShiftIDs {
			id, err := tx.signUpShift(ctx, r, shiftID, now)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if r.ByStaff != 0 {
			return tx.Audit(ctx, a, "gig.signup_for", "person", r.PersonID, fmt.Sprintf("零工 %d，%d 个班次", r.GigID, len(ids)), "ok")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]*gigs.Signup, 0, len(ids))
	for _, id := range ids {
		s, err := tb.SignupByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (t *Tx) signUpShift(ctx context.Context, r SignupRequest, shiftID int64, now time.Time) (int64, error) {
	var start, end time.Time
	if err := t.QueryRow(ctx, "SELECT starts_at, ends_at FROM gig_shifts WHERE id = ? AND gig_id = ?", shiftID, r.GigID).Scan(&start, &end); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, Missing("gig_shift")
		}
		return 0, fmt.Errorf("store: read shift: %w", err)
	}
	if !now.Before(start) {
		return 0, apperr.New(apperr.Conflict, "该班次已经开始，不能再报名")
	}
	var n int
	if err := t.QueryRow(ctx, "SELECT COUNT(*) FROM gig_signups WHERE shift_id = ? AND person_id = ?", shiftID, r.PersonID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: earlier sign-up: %w", err)
	}
	if n > 0 {
		return 0, repeatSignup(start, end)
	}
	if clash, err := t.acceptedOverlap(ctx, r.PersonID, start, end); err != nil {
		return 0, err
	} else if clash != "" {
		return 0, apperr.New(apperr.Conflict, "与您已录用的班次时间冲突："+clash)
	}
	status, err := t.takeSlot(ctx, shiftID, r.Instant)
	if err != nil {
		return 0, err
	}
	id, err := t.InsertID(ctx, `INSERT INTO gig_signups (gig_id, shift_id, person_id, status, by_staff, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.GigID, shiftID, r.PersonID, string(status), r.ByStaff, now, now)
	if isUniqueViolation(err) { // a concurrent second try of the same worker
		return 0, repeatSignup(start, end)
	}
	if err != nil {
		return 0, fmt.Errorf("store: insert sign-up: %w", err)
	}
	return id, nil
}

func repeatSignup(start, end time.Time) error {
	return apperr.New(apperr.Conflict, "您已报名过这个班次（"+gigs.Shift{StartsAt: start, EndsAt: end}.Text()+"），不能重复报名")
}

// takeSlot decides a new sign-up's status; an instant gig takes the slot now.
func (t *Tx) takeSlot(ctx context.Context, shiftID int64, instant bool) (gigs.SignupStatus, error) {
	if instant {
		res, err := t.Exec(ctx, "UPDATE gig_shifts SET filled = filled + 1 WHERE id = ? AND filled < slots", shiftID)
		if err != nil {
			return "", fmt.Errorf("store: take slot: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return gigs.SignupAccepted, nil
		}
		return gigs.SignupWaitlisted, nil
	}
	var free bool
	if err := t.QueryRow(ctx, "SELECT filled < slots FROM gig_shifts WHERE id = ?", shiftID).Scan(&free); err != nil {
		return "", fmt.Errorf("store: read slots: %w", err)
	}
	if free {
		return gigs.SignupPending, nil
	}
	return gigs.SignupWaitlisted, nil
}

// acceptedOverlap names a shift the person is accepted for that overlaps
// [start, end), or "".
func (t *Tx) acceptedOverlap(ctx context.Context, personID int64, start, end time.Time) (string, error) {
	var title string
	var a, b time.Time
	err := t.QueryRow(ctx, `SELECT g.title, s.starts_at, s.ends_at FROM gig_signups su JOIN gig_shifts s ON s.id = su.shift_id
		JOIN gig_posts g ON g.id = su.gig_id WHERE su.person_id = ? AND su.status = ? AND s.starts_at < ? AND s.ends_at > ? LIMIT 1`,
		personID, string(gigs.SignupAccepted), end.UTC(), start.UTC()).Scan(&title, &a, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: overlapping shifts: %w", err)
	}
	return title + " " + gigs.Shift{StartsAt: a, EndsAt: b}.Text(), nil
}

// SignupByID returns one sign-up, or NotFound.
func (tb GigStore) SignupByID(ctx context.Context, id int64) (*gigs.Signup, error) {
	s, err := tb.db.scanSignup(tb.db.queryRow(ctx, "SELECT "+signupCols+signupFrom+" WHERE su.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("gig_signup")
	}
	if err != nil {
		return nil, fmt.Errorf("store.SignupByID: %w", err)
	}
	return s, nil
}

// SignupsOfGig lists a gig's sign-ups by shift, then in the order they came.
func (tb GigStore) SignupsOfGig(ctx context.Context, gigID int64) ([]*gigs.Signup, error) {
	return tb.listSignups(ctx, "su.gig_id = ? ORDER BY s.starts_at, su.id", gigID)
}

// SignupsOfPerson lists a worker's sign-ups, the latest shift first.
func (tb GigStore) SignupsOfPerson(ctx context.Context, personID int64, limit int) ([]*gigs.Signup, error) {
	return tb.listSignups(ctx, "su.person_id = ? ORDER BY s.starts_at DESC, su.id DESC LIMIT ?", personID, limit)
}

func (tb GigStore) listSignups(ctx context.Context, where string, args ...any) ([]*gigs.Signup, error) {
	rows, err := tb.db.query(ctx, "SELECT "+signupCols+signupFrom+" WHERE "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list sign-ups: %w", err)
	}
	defer rows.Close()
	var out []*gigs.Signup
	for rows.Next() {
		s, err := tb.db.scanSignup(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list sign-ups: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SignupChange is one move of a sign-up, decided inside the transaction on
// the row as it is then.
type SignupChange struct {
	ID     int64
	Action string // audit action: gig.signup_cancel, gig.signup_accept, gig.signup_decline
	// Decide returns the new status from the current one and the shift's
	// start and the gig's cancel deadline, or an error that writes nothing.
	Decide func(from gigs.SignupStatus, startsAt time.Time, cancelHours int) (gigs.SignupStatus, error)
	// Tell builds the inbox message for the sign-up's worker (may be nil),
	// and Promoted the one for a waitlisted worker who got the freed slot.
	Tell     func(*gigs.Signup) *NotifyMsg
	Promoted func(*gigs.Signup) *NotifyMsg
	Audit    bool // the change is a staff or employer action on a person
}

// ChangeSignup applies a SignupChange: moving into accepted takes a slot
// (Conflict when the shift is full), moving out of accepted frees it and
// promotes the first waitlisted worker of the shift.
func (tb GigStore) ChangeSignup(ctx context.Context, a Actor, c SignupChange) (*gigs.Signup, error) {
	err := tb.db.Write(ctx, func(tx *Tx) error {
		su, cancelHours, err := tx.signupForUpdate(ctx, c.ID)
		if err != nil {
			return err
		}
		to, err := c.Decide(su.Status, su.StartsAt, cancelHours)
		if err != nil {
			return err
		}
		if err := tx.moveSlot(ctx, su, to, c.Promoted); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "UPDATE gig_signups SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
			string(to), tb.db.Now(), su.ID, string(su.Status))
		if err != nil {
			return fmt.Errorf("store.ChangeSignup: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "报名状态已被他人修改，请刷新后重试")
		}
		from := su.Status
		su.Status = to
		if c.Audit {
			if err := tx.Audit(ctx, a, c.Action, "gig_signup", su.ID, string(from)+" → "+string(to), "ok"); err != nil {
				return err
			}
		}
		if c.Tell != nil {
			return tx.notifyMsg(ctx, c.Tell(su))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tb.SignupByID(ctx, c.ID)
}

func (t *Tx) signupForUpdate(ctx context.Context, id int64) (*gigs.Signup, int, error) {
	su, err := t.db.scanSignup(t.QueryRow(ctx, "SELECT "+signupCols+signupFrom+" WHERE su.id = ?"+t.db.dialect.forUpdateOf("su"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, Missing("gig_signup")
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: read sign-up: %w", err)
	}
	var hours int
	if err := t.QueryRow(ctx, "SELECT cancel_hours FROM gig_posts WHERE id = ?", su.GigID).Scan(&hours); err != nil {
		return nil, 0, fmt.Errorf("store: read gig: %w", err)
	}
	return su, hours, nil
}

// moveSlot keeps the shift's count right for a sign-up moving to status to.
func (t *Tx) moveSlot(ctx context.Context, su *gigs.Signup, to gigs.SignupStatus, promoted func(*gigs.Signup) *NotifyMsg) error {
	switch {
	case su.Status != gigs.SignupAccepted && to == gigs.SignupAccepted:
		res, err := t.Exec(ctx, "UPDATE gig_shifts SET filled = filled + 1 WHERE id = ? AND filled < slots", su.ShiftID)
		if err != nil {
			return fmt.Errorf("store: take slot: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "该班次已招满，不能再录用；可先让已录用的人员取消")
		}
	case su.Status == gigs.SignupAccepted && to != gigs.SignupAccepted && to != gigs.SignupCompleted && to != gigs.SignupNoShow:
		if _, err := t.Exec(ctx, "UPDATE gig_shifts SET filled = filled - 1 WHERE id = ? AND filled > 0", su.ShiftID); err != nil {
			return fmt.Errorf("store: free slot: %w", err)
		}
		return t.promote(ctx, su.ShiftID, promoted)
	}
	return nil
}

// promote gives a freed slot to the first waitlisted worker of the shift.
func (t *Tx) promote(ctx context.Context, shiftID int64, tell func(*gigs.Signup) *NotifyMsg) error {
	var id int64
	err := t.QueryRow(ctx, "SELECT id FROM gig_signups WHERE shift_id = ? AND status = ? ORDER BY id LIMIT 1"+t.db.dialect.forUpdate(),
		shiftID, string(gigs.SignupWaitlisted)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: waitlist: %w", err)
	}
	if _, err := t.Exec(ctx, "UPDATE gig_shifts SET filled = filled + 1 WHERE id = ? AND filled < slots", shiftID); err != nil {
		return fmt.Errorf("store: promote: %w", err)
	}
	if _, err := t.Exec(ctx, "UPDATE gig_signups SET status = ?, updated_at = ? WHERE id = ?", string(gigs.SignupAccepted), t.db.Now(), id); err != nil {
		return fmt.Errorf("store: promote: %w", err)
	}
	if tell == nil {
		return nil
	}
	su, err := t.db.scanSignup(t.QueryRow(ctx, "SELECT "+signupCols+signupFrom+" WHERE su.id = ?", id))
	if err != nil {
		return fmt.Errorf("store: promoted sign-up: %w", err)
	}
	return t.notifyMsg(ctx, tell(su))
}

// GigProfile returns a worker's gig profile; ok is false when there is none.
func (tb GigStore) GigProfile(ctx context.Context, personID int64) (*gigs.Profile, bool, error) {
	var p gigs.Profile
	var skills, days string
	var lat, lng sql.NullFloat64
	err := tb.db.queryRow(ctx, `SELECT person_id, skills, days, hour_from, hour_to, home_region, home_lat, home_lng, radius_km, updated_at
		FROM gig_worker_profiles WHERE person_id = ?`, personID).Scan(&p.PersonID, &skills, &days, &p.HourFrom, &p.HourTo,
		&p.HomeRegion, &lat, &lng, &p.RadiusKm, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store.GigProfile: %w", err)
	}
	if err := json.Unmarshal([]byte(skills), &p.Skills); err != nil {
		return nil, false, fmt.Errorf("store.GigProfile skills: %w", err)
	}
	if err := json.Unmarshal([]byte(days), &p.Days); err != nil {
		return nil, false, fmt.Errorf("store.GigProfile days: %w", err)
	}
	if lat.Valid && lng.Valid {
		p.HomeLat, p.HomeLng, p.HasHome = lat.Float64, lng.Float64, true
	}
	return &p, true, nil
}

// SaveGigProfile inserts or replaces a worker's gig profile.
func (tb GigStore) SaveGigProfile(ctx context.Context, p *gigs.Profile) error {
	var lat, lng any
	if p.HasHome {
		lat, lng = p.HomeLat, p.HomeLng
	}
	return tb.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM gig_worker_profiles WHERE person_id = ?", p.PersonID); err != nil {
			return fmt.Errorf("store.SaveGigProfile: %w", err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO gig_worker_profiles (person_id, skills, days, hour_from, hour_to, home_region, home_lat,
			home_lng, radius_km, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.PersonID, tagsJSON(p.Skills), daysJSON(p.Days),
			p.HourFrom, p.HourTo, p.HomeRegion, lat, lng, p.RadiusKm, tb.db.Now())
		if err != nil {
			return fmt.Errorf("store.SaveGigProfile: %w", err)
		}
		return nil
	})
}

func daysJSON(days []int) string {
	if len(days) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(days)
	return string(b)
}

// InsertSignups stores sign-ups as they are (status, check times and pay
// records included, statements sealed); the demo generator uses it. The
// shifts' counts must already agree.
func (t *Tx) InsertSignups(ctx context.Context, list []*gigs.Signup) error {
	for _, s := range list {
		id, err := t.InsertID(ctx, `INSERT INTO gig_signups (gig_id, shift_id, person_id, status, by_staff, created_at, updated_at,
			checked_in_at, checked_out_at, checkin_dist_m, pieces, hours_worked, promised_fen, paid_fen, paid_at, paid_on_time,
			received_fen, received_at, dispute, worker_statement_enc, employer_statement_enc, resolution, resolved_fen, resolved_by,
			resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			s.GigID, s.ShiftID, s.PersonID, string(s.Status), s.ByStaff, s.CreatedAt.UTC(), s.UpdatedAt.UTC(),
			nullTime(s.CheckedInAt), nullTime(s.CheckedOutAt), nullDist(s.CheckinDistM), s.Pieces, s.HoursWorked, s.PromisedFen,
			s.PaidFen, nullTime(s.PaidAt), s.PaidOnTime, s.ReceivedFen, nullTime(s.ReceivedAt), string(s.Dispute),
			t.db.sealText(s.WorkerStatement), t.db.sealText(s.EmployerStatement), s.Resolution, s.ResolvedFen, s.ResolvedBy,
			nullTime(s.ResolvedAt))
		if err != nil {
			return fmt.Errorf("store: insert sign-up: %w", err)
		}
		s.ID = id
	}
	return nil
}

// Rating is one side's stars on a completed sign-up, for InsertRatings.
type Rating struct {
	SignupID int64
	ByRole   string // employer | worker
	Stars    int
	Words    string
	At       time.Time
}

// InsertRatings stores ratings as they are; the demo generator uses it.
func (t *Tx) InsertRatings(ctx context.Context, list []Rating) error {
	for _, r := range list {
		if _, err := t.Exec(ctx, "INSERT INTO gig_ratings (signup_id, by_role, stars, words, created_at) VALUES (?, ?, ?, ?, ?)",
			r.SignupID, r.ByRole, r.Stars, r.Words, r.At.UTC()); err != nil {
			return fmt.Errorf("store: insert rating: %w", err)
		}
	}
	return nil
}

// InsertGigProfiles stores workers' gig profiles; the demo generator uses it.
func (t *Tx) InsertGigProfiles(ctx context.Context, list []*gigs.Profile) error {
	for _, p := range list {
		var lat, lng any
		if p.HasHome {
			lat, lng = p.HomeLat, p.HomeLng
		}
		_, err := t.Exec(ctx, `INSERT INTO gig_worker_profiles (person_id, skills, days, hour_from, hour_to, home_region, home_lat,
			home_lng, radius_km, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.PersonID, tagsJSON(p.Skills), daysJSON(p.Days),
			p.HourFrom, p.HourTo, p.HomeRegion, lat, lng, p.RadiusKm, p.UpdatedAt.UTC())
		if err != nil {
			return fmt.Errorf("store: insert gig profile: %w", err)
		}
	}
	return nil
}
