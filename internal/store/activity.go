package store

// 青年夜校 and the other activities: the activity with its sessions. Every
// change is written with its audit entry in one transaction. The lottery's
// seed is sealed until the draw, so nobody holding the database can learn
// it before the entries are fixed.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
)

// ActivityStore is the tables of the activities module.
type ActivityStore struct{ db *DB }

// Activities is the store of the activities module.
func (db *DB) Activities() ActivityStore { return ActivityStore{db} }

func errNoActivity() error { return apperr.New(apperr.NotFound, "活动不存在") }

const activityCols = `id, kind, title, description, organiser, org_name, series, region_code, capacity, fee_yuan, min_age, max_age,
	residents, graduates, opens_at, closes_at, allocation, no_show_limit, status, seed_hash, seed, entries_hash, drawn_at,
	taken, waiting, entries, start_at, end_at, created_at, updated_at, station_id`

func scanActivity(s interface{ Scan(...any) error }) (*activity.Activity, error) {
	var a activity.Activity
	var kind, org, alloc, status string
	var drawn sql.NullTime
	var station sql.NullInt64
	if err := s.Scan(&a.ID, &kind, &a.Title, &a.Description, &org, &a.OrgName, &a.Series, &a.RegionCode, &a.Capacity, &a.FeeYuan,
		&a.Audience.MinAge, &a.Audience.MaxAge, &a.Audience.Residents, &a.Audience.Graduates, &a.OpensAt, &a.ClosesAt, &alloc,
		&a.NoShowLimit, &status, &a.SeedHash, &a.Seed, &a.EntriesHash, &drawn, &a.Taken, &a.Waiting, &a.Entries,
		&a.StartsAt, &a.EndsAt, &a.CreatedAt, &a.UpdatedAt, &station); err != nil {
		return nil, err
	}
	a.StationID = station.Int64
	a.Kind, a.Organiser, a.Allocation, a.Status = activity.Kind(kind), activity.Organiser(org), activity.Allocation(alloc), activity.Status(status)
	a.OpensAt, a.ClosesAt, a.DrawnAt = a.OpensAt.UTC(), a.ClosesAt.UTC(), utcOf(drawn)
	a.CreatedAt, a.UpdatedAt, a.StartsAt, a.EndsAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC(), a.StartsAt.UTC(), a.EndsAt.UTC()
	return &a, nil
}

// CreateActivity stores a published activity with its sessions and its
// lottery seed (sealed; its hash is public), audited.
func (as ActivityStore) CreateActivity(ctx context.Context, a Actor, act *activity.Activity, seed string) error {
	return as.db.Write(ctx, func(tx *Tx) error {
		now := as.db.Now()
		au := act.Audience
		id, err := tx.InsertID(ctx, `INSERT INTO activities (kind, title, description, organiser, org_name, series, region_code, capacity, fee_yuan,
			min_age, max_age, residents, graduates, opens_at, closes_at, allocation, no_show_limit, status, seed_hash, seed_enc,
			start_at, end_at, created_at, updated_at, station_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(act.Kind), act.Title, act.Description, string(act.Organiser), act.OrgName, act.Series, act.RegionCode, act.Capacity,
			act.FeeYuan, au.MinAge, au.MaxAge, au.Residents, au.Graduates, act.OpensAt.UTC(), act.ClosesAt.UTC(), string(act.Allocation),
			act.NoShowLimit, string(activity.StatusOpen), activity.SeedHash(seed), as.db.box.Seal(seed), act.Start().UTC(), act.End().UTC(), now, now,
			nullID(act.StationID))
		if err != nil {
			return fmt.Errorf("store.CreateActivity: %w", err)
		}
		if err := insertActivitySessions(ctx, tx, id, act.Sessions); err != nil {
			return err
		}
		act.ID, act.Status, act.SeedHash = id, activity.StatusOpen, activity.SeedHash(seed)
		return tx.Audit(ctx, a, "activity.create", "activity", id, fmt.Sprintf("发布活动：%s（%s，%d 个名额，%s，%d 场）",
			act.Title, act.Kind.Label(), act.Capacity, act.Allocation.Label(), len(act.Sessions)), "ok")
	})
}

func insertActivitySessions(ctx context.Context, tx *Tx, id int64, ss []activity.Session) error {
	for i, s := range ss {
		if _, err := tx.Exec(ctx, "INSERT INTO activity_sessions (activity_id, seq, starts_at, ends_at, place, link) VALUES (?, ?, ?, ?, ?, ?)",
			id, i, s.Start.UTC(), s.End.UTC(), s.Place, s.Link); err != nil {
			return fmt.Errorf("store.activitySessions: %w", err)
		}
	}
	return nil
}

// UpdateActivity replaces an open activity's fields and sessions. The
// capacity may not go below the seats taken, and once anyone has signed
// up the allocation stays; a check failing is a field error and writes
// nothing. Sessions keep their ids (and so their sign-ins) by position.
func (as ActivityStore) UpdateActivity(ctx context.Context, a Actor, act *activity.Activity, check func(taken int) error) error {
	return as.db.Write(ctx, func(tx *Tx) error {
		old, err := scanActivity(tx.QueryRow(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?"+as.db.dialect.forUpdate(), act.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoActivity()
		}
		if err != nil {
			return fmt.Errorf("store.UpdateActivity: %w", err)
		}
		if old.Status != activity.StatusOpen {
			return apperr.New(apperr.Conflict, "活动已取消，不能再修改")
		}
		if err := check(old.Taken); err != nil {
			return err
		}
		if old.Allocation != act.Allocation && old.Taken+old.Waiting+old.Entries > 0 {
			return apperr.Field("allocation", "已有人报名，名额分配方式不能再改")
		}
		au := act.Audience
		if _, err := tx.Exec(ctx, `UPDATE activities SET kind = ?, title = ?, description = ?, organiser = ?, org_name = ?, series = ?,
			region_code = ?, capacity = ?, fee_yuan = ?, min_age = ?, max_age = ?, residents = ?, graduates = ?, opens_at = ?, closes_at = ?,
			allocation = ?, no_show_limit = ?, start_at = ?, end_at = ?, updated_at = ?, station_id = ? WHERE id = ?`,
			string(act.Kind), act.Title, act.Description, string(act.Organiser), act.OrgName, act.Series, act.RegionCode, act.Capacity,
			act.FeeYuan, au.MinAge, au.MaxAge, au.Residents, au.Graduates, act.OpensAt.UTC(), act.ClosesAt.UTC(), string(act.Allocation),
			act.NoShowLimit, act.Start().UTC(), act.End().UTC(), as.db.Now(), nullID(act.StationID), act.ID); err != nil {
			return fmt.Errorf("store.UpdateActivity: %w", err)
		}
		if err := replaceActivitySessions(ctx, tx, act.ID, act.Sessions); err != nil {
			return err
		}
		return tx.Audit(ctx, a, "activity.update", "activity", act.ID, "修改活动："+act.Title+"，名额 "+strconv.Itoa(act.Capacity), "ok")
	})
}

// replaceActivitySessions updates the sessions by position, adds new ones
// and deletes those past the new count that nobody signed in to.
func replaceActivitySessions(ctx context.Context, tx *Tx, id int64, ss []activity.Session) error {
	rows, err := tx.Query(ctx, "SELECT id FROM activity_sessions WHERE activity_id = ? ORDER BY seq", id)
	if err != nil {
		return fmt.Errorf("store.activitySessions: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			rows.Close()
			return fmt.Errorf("store.activitySessions: %w", err)
		}
		ids = append(ids, sid)
	}
	rows.Close()
	for i, s := range ss {
		if i < len(ids) {
			if _, err := tx.Exec(ctx, "UPDATE activity_sessions SET seq = ?, starts_at = ?, ends_at = ?, place = ?, link = ? WHERE id = ?",
				i, s.Start.UTC(), s.End.UTC(), s.Place, s.Link, ids[i]); err != nil {
				return fmt.Errorf("store.activitySessions: %w", err)
			}
			continue
		}
		if err := insertActivitySessions(ctx, tx, id, []activity.Session{s}); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE activity_sessions SET seq = ? WHERE activity_id = ? AND id = (SELECT MAX(id) FROM activity_sessions WHERE activity_id = ?)",
			i, id, id); err != nil {
			return fmt.Errorf("store.activitySessions: %w", err)
		}
	}
	for _, sid := range ids[min(len(ids), len(ss)):] {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM activity_attendance WHERE session_id = ?", sid).Scan(&n); err != nil {
			return fmt.Errorf("store.activitySessions: %w", err)
		}
		if n > 0 {
			return apperr.Field("sessions", "已有人签到的场次不能删除")
		}
		if _, err := tx.Exec(ctx, "DELETE FROM activity_sessions WHERE id = ?", sid); err != nil {
			return fmt.Errorf("store.activitySessions: %w", err)
		}
	}
	return nil
}

// CancelActivity calls an activity off: every live sign-up is cancelled
// and told (tell), audited with the reason.
func (as ActivityStore) CancelActivity(ctx context.Context, a Actor, id int64, reason string, tell func(*activity.Signup) *NotifyMsg) error {
	return as.db.Write(ctx, func(tx *Tx) error {
		act, err := scanActivity(tx.QueryRow(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?"+as.db.dialect.forUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoActivity()
		}
		if err != nil {
			return fmt.Errorf("store.CancelActivity: %w", err)
		}
		if act.Status == activity.StatusCancelled {
			return apperr.New(apperr.Conflict, "活动已经取消")
		}
		live, err := liveSignups(ctx, tx, id)
		if err != nil {
			return err
		}
		now := as.db.Now()
		if _, err := tx.Exec(ctx, "UPDATE activity_signups SET status = ?, updated_at = ? WHERE activity_id = ? AND status IN (?, ?, ?, ?)",
			string(activity.Cancelled), now, id, string(activity.Registered), string(activity.Confirmed), string(activity.Waitlisted),
			string(activity.Offered)); err != nil {
			return fmt.Errorf("store.CancelActivity: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE activities SET status = ?, taken = 0, waiting = 0, entries = 0, updated_at = ? WHERE id = ?",
			string(activity.StatusCancelled), now, id); err != nil {
			return fmt.Errorf("store.CancelActivity: %w", err)
		}
		for _, su := range live {
			su.Title = act.Title
			if err := tx.notifyMsg(ctx, tell(su)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, a, "activity.cancel", "activity", id, fmt.Sprintf("取消活动：%s（%d 人的报名随之取消），理由：%s", act.Title, len(live), reason), "ok")
	})
}

// ActivityByID returns an activity with its sessions, or NotFound.
func (as ActivityStore) ActivityByID(ctx context.Context, id int64) (*activity.Activity, error) {
	act, err := scanActivity(as.db.queryRow(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoActivity()
	}
	if err != nil {
		return nil, fmt.Errorf("store.ActivityByID: %w", err)
	}
	return act, as.withSessions(ctx, []*activity.Activity{act})
}

// ActivityHead returns an activity without its sessions (Start and End
// come from the stored first start and last end), or NotFound: one query,
// for the checks of a sign-up.
func (as ActivityStore) ActivityHead(ctx context.Context, id int64) (*activity.Activity, error) {
	act, err := scanActivity(as.db.queryRow(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoActivity()
	}
	if err != nil {
		return nil, fmt.Errorf("store.ActivityHead: %w", err)
	}
	return act, nil
}

// ActivityFilter selects activities; zero fields select all.
type ActivityFilter struct {
	Kinds     []activity.Kind
	Status    activity.Status
	Region    string    // the region code or any below it
	Series    string    // exactly this series
	StationID int64     // organised by this station (a station's events)
	Latest    bool      // latest first
	From      time.Time // ending at or after (still running or upcoming)
	To        time.Time // starting before
	FreeSeats bool      // seats not all taken
	Limit     int       // 0: 1000
	Offset    int
}

// Activities returns a page of the activities matching f, soonest first
// (latest first when Latest), and how many match in all.
func (as ActivityStore) Activities(ctx context.Context, f ActivityFilter) ([]*activity.Activity, int, error) {
	var conds []string
	var args []any
	add := func(cond string, arg ...any) { conds, args = append(conds, cond), append(args, arg...) }
	if len(f.Kinds) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.Kinds)), ",")
		var ks []any
		for _, k := range f.Kinds {
			ks = append(ks, string(k))
		}
		add("kind IN ("+ph+")", ks...)
	}
	if f.Status != "" {
		add("status = ?", string(f.Status))
	}
	if f.Region != "" {
		add("region_code LIKE ?", f.Region+"%")
	}
	if f.Series != "" {
		add("series = ?", f.Series)
	}
	if f.StationID != 0 {
		add("station_id = ?", f.StationID)
	}
	if !f.From.IsZero() {
		add("end_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("start_at < ?", f.To.UTC())
	}
	if f.FreeSeats {
		conds = append(conds, "taken < capacity")
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := as.db.queryRow(ctx, "SELECT COUNT(*) FROM activities"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.Activities: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	order := " ORDER BY start_at, id"
	if f.Latest {
		order = " ORDER BY start_at DESC, id DESC"
	}
	rows, err := as.db.query(ctx, "SELECT "+activityCols+" FROM activities"+where+order+" LIMIT ? OFFSET ?", append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.Activities: %w", err)
	}
	defer rows.Close()
	var out []*activity.Activity
	for rows.Next() {
		act, err := scanActivity(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store.Activities: %w", err)
		}
		out = append(out, act)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return out, total, as.withSessions(ctx, out)
}

// SeriesNames lists the series of open activities ending at or after from.
func (as ActivityStore) SeriesNames(ctx context.Context, from time.Time) ([]string, error) {
	rows, err := as.db.query(ctx, "SELECT DISTINCT series FROM activities WHERE series <> '' AND status = ? AND end_at >= ? ORDER BY series",
		string(activity.StatusOpen), from.UTC())
	if err != nil {
		return nil, fmt.Errorf("store.SeriesNames: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// withSessions reads the activities' sessions in order.
func (as ActivityStore) withSessions(ctx context.Context, list []*activity.Activity) error {
	if len(list) == 0 {
		return nil
	}
	byID, ph, args := idsIn(list, func(a *activity.Activity) int64 { return a.ID })
	rows, err := as.db.query(ctx, "SELECT activity_id, id, starts_at, ends_at, place, link FROM activity_sessions WHERE activity_id IN ("+ph+") ORDER BY activity_id, seq", args...)
	if err != nil {
		return fmt.Errorf("store.activitySessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var s activity.Session
		if err := rows.Scan(&id, &s.ID, &s.Start, &s.End, &s.Place, &s.Link); err != nil {
			return fmt.Errorf("store.activitySessions: %w", err)
		}
		s.Start, s.End = s.Start.UTC(), s.End.UTC()
		byID[id].Sessions = append(byID[id].Sessions, s)
	}
	return rows.Err()
}

// SessionByID returns a session and its activity's id, or NotFound.
func (as ActivityStore) SessionByID(ctx context.Context, id int64) (activity.Session, int64, error) {
	var s activity.Session
	var actID int64
	err := as.db.queryRow(ctx, "SELECT id, activity_id, starts_at, ends_at, place, link FROM activity_sessions WHERE id = ?", id).
		Scan(&s.ID, &actID, &s.Start, &s.End, &s.Place, &s.Link)
	if errors.Is(err, sql.ErrNoRows) {
		return s, 0, apperr.New(apperr.NotFound, "场次不存在")
	}
	if err != nil {
		return s, 0, fmt.Errorf("store.SessionByID: %w", err)
	}
	s.Start, s.End = s.Start.UTC(), s.End.UTC()
	return s, actID, nil
}
