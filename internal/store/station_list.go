package store

// Labour stations and university liaison stations: the organisations, with
// their contact (the phone sealed), and their results: their events (the
// activities that name them by station_id, so a new name keeps them), the
// sign-ups tagged with them at any fair (the workers they brought), and the
// job applications tagged with them (resumes sent at booths, and hires).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
)

// StationStore is the stations table.
type StationStore struct{ db *DB }

// Stations is the store of the labour and university liaison stations.
func (db *DB) Stations() StationStore { return StationStore{db} }

const stationCols = `id, name, kind, region, contact_name, contact_phone_enc, created_at, updated_at`

func (ss StationStore) scan(s interface{ Scan(...any) error }) (*activity.Station, error) {
	var st activity.Station
	var kind string
	var phone []byte
	if err := s.Scan(&st.ID, &st.Name, &kind, &st.Region, &st.ContactName, &phone, &st.CreatedAt, &st.UpdatedAt); err != nil {
		return nil, err
	}
	var err error
	if st.ContactPhone, err = ss.db.box.Open(phone); err != nil {
		return nil, fmt.Errorf("station %d phone: %w", st.ID, err)
	}
	st.Kind, st.CreatedAt, st.UpdatedAt = activity.StationKind(kind), st.CreatedAt.UTC(), st.UpdatedAt.UTC()
	return &st, nil
}

// CreateStation stores a station, audited; a name already used is a Conflict.
func (ss StationStore) CreateStation(ctx context.Context, a Actor, st *activity.Station) error {
	dup := &apperr.Error{Code: apperr.Conflict, Message: "已有同名的工作站", Fields: map[string]string{"name": "已有同名的工作站：" + st.Name}}
	return ss.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM stations WHERE name = ?", st.Name).Scan(&n); err != nil {
			return fmt.Errorf("store.CreateStation: %w", err)
		}
		if n > 0 {
			return dup
		}
		now := ss.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO stations (name, kind, region, contact_name, contact_phone_enc, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, st.Name, string(st.Kind), st.Region, st.ContactName, ss.db.box.Seal(st.ContactPhone), now, now)
		if isUniqueViolation(err) {
			return dup
		}
		if err != nil {
			return fmt.Errorf("store.CreateStation: %w", err)
		}
		st.ID, st.CreatedAt, st.UpdatedAt = id, now, now
		return tx.Audit(ctx, a, "station.create", "station", id, "登记"+st.Kind.Label()+"："+st.Name, "ok")
	})
}

// StationList lists the stations: labour stations first, then by name.
func (ss StationStore) StationList(ctx context.Context) ([]*activity.Station, error) {
	rows, err := ss.db.query(ctx, "SELECT "+stationCols+" FROM stations ORDER BY CASE kind WHEN 'station' THEN 0 ELSE 1 END, name, id")
	if err != nil {
		return nil, fmt.Errorf("store.StationList: %w", err)
	}
	defer rows.Close()
	var out []*activity.Station
	for rows.Next() {
		st, err := ss.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store.StationList: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// StationByID returns a station, or NotFound.
func (ss StationStore) StationByID(ctx context.Context, id int64) (*activity.Station, error) {
	st, err := ss.scan(ss.db.queryRow(ctx, "SELECT "+stationCols+" FROM stations WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "工作站不存在")
	}
	if err != nil {
		return nil, fmt.Errorf("store.StationByID: %w", err)
	}
	return st, nil
}

// UpdateStation replaces a station's fields, audited; a name another
// station has is a Conflict. Its events name it by id, so they stay its.
func (ss StationStore) UpdateStation(ctx context.Context, a Actor, st *activity.Station) error {
	dup := &apperr.Error{Code: apperr.Conflict, Message: "已有同名的工作站", Fields: map[string]string{"name": "已有同名的工作站：" + st.Name}}
	return ss.db.Write(ctx, func(tx *Tx) error {
		old, err := ss.scan(tx.QueryRow(ctx, "SELECT "+stationCols+" FROM stations WHERE id = ?"+ss.db.dialect.forUpdate(), st.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "工作站不存在")
		}
		if err != nil {
			return fmt.Errorf("store.UpdateStation: %w", err)
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM stations WHERE name = ? AND id <> ?", st.Name, st.ID).Scan(&n); err != nil {
			return fmt.Errorf("store.UpdateStation: %w", err)
		}
		if n > 0 {
			return dup
		}
		now := ss.db.Now()
		_, err = tx.Exec(ctx, "UPDATE stations SET name = ?, kind = ?, region = ?, contact_name = ?, contact_phone_enc = ?, updated_at = ? WHERE id = ?",
			st.Name, string(st.Kind), st.Region, st.ContactName, ss.db.box.Seal(st.ContactPhone), now, st.ID)
		if isUniqueViolation(err) {
			return dup
		}
		if err != nil {
			return fmt.Errorf("store.UpdateStation: %w", err)
		}
		summary := "修改" + st.Kind.Label() + "：" + st.Name
		if old.Name != st.Name {
			summary = "修改" + st.Kind.Label() + "：" + old.Name + " 改名为 " + st.Name
		}
		return tx.Audit(ctx, a, "station.update", "station", st.ID, summary, "ok")
	})
}

// StationOf returns the station an activity names, or nil when it names
// none (its organiser is not a station, or no station was picked).
func (ss StationStore) StationOf(ctx context.Context, act *activity.Activity) (*activity.Station, error) {
	if !act.Organiser.IsStation() || act.StationID == 0 {
		return nil, nil
	}
	st, err := ss.StationByID(ctx, act.StationID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	return st, err
}

// counted is the sign-up statuses that count as brought: all but
// cancelled and lapsed offers.
var counted = []any{string(activity.Cancelled), string(activity.Expired)}

// StationStats counts a station's results: its events (activities naming
// it) and their sign-ups, the sign-ups tagged with it at any fair, the
// resumes tagged with it and their hires, and the booths' recorded results
// at its events.
func (ss StationStore) StationStats(ctx context.Context, st *activity.Station) (activity.StationStats, error) {
	var s activity.StationStats
	if err := ss.db.queryRow(ctx, "SELECT COUNT(*) FROM activities WHERE station_id = ?", st.ID).Scan(&s.Events); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	if err := ss.db.queryRow(ctx, `SELECT COUNT(*) FROM activity_signups su JOIN activities act ON act.id = su.activity_id
		WHERE act.station_id = ? AND su.status NOT IN (?, ?)`, append([]any{st.ID}, counted...)...).Scan(&s.Signups); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	if err := ss.db.queryRow(ctx, "SELECT COUNT(*) FROM activity_signups WHERE station_id = ? AND status NOT IN (?, ?)",
		append([]any{st.ID}, counted...)...).Scan(&s.Brought); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	if err := ss.db.queryRow(ctx, `SELECT COALESCE(SUM(b.intentions), 0), COALESCE(SUM(b.hires), 0) FROM fair_booths b
		JOIN activities act ON act.id = b.activity_id WHERE act.station_id = ? AND b.status = ?`,
		st.ID, string(activity.BoothApproved)).Scan(&s.BoothIntended, &s.BoothHires); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	if err := ss.db.queryRow(ctx, "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN status = ? THEN person_id END) FROM job_applications WHERE station_id = ?",
		string(jobs.AppHired), st.ID).Scan(&s.Resumes, &s.Hired); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	return s, nil
}

// StationFairs is what a station brought to each fair, latest first (up
// to limit fairs): the sign-ups tagged with it there, the resumes tagged with it sent at the fair and the hires among them.
// Hires are counted in persons: someone hired for two posts counts once.
func (ss StationStore) StationFairs(ctx context.Context, stationID int64, limit int) ([]activity.StationResult, error) {
	rows, err := ss.db.query(ctx, `SELECT act.id, act.title, act.start_at,
		(SELECT COUNT(*) FROM activity_signups su WHERE su.activity_id = act.id AND su.station_id = ? AND su.status NOT IN (?, ?)),
		(SELECT COUNT(*) FROM job_applications ja WHERE ja.fair_id = act.id AND ja.station_id = ?),
		(SELECT COUNT(DISTINCT ja.person_id) FROM job_applications ja WHERE ja.fair_id = act.id AND ja.station_id = ? AND ja.status = ?)
		FROM activities act WHERE act.kind IN (?, ?) AND (act.station_id = ?
			OR EXISTS (SELECT 1 FROM activity_signups su WHERE su.activity_id = act.id AND su.station_id = ?)
			OR EXISTS (SELECT 1 FROM job_applications ja WHERE ja.fair_id = act.id AND ja.station_id = ?))
		ORDER BY act.start_at DESC, act.id DESC LIMIT ?`,
		stationID, counted[0], counted[1], stationID, stationID, string(jobs.AppHired),
		string(activity.KindFair), string(activity.KindLabour), stationID, stationID, stationID, limit)
	if err != nil {
		return nil, fmt.Errorf("store.StationFairs: %w", err)
	}
	defer rows.Close()
	var out []activity.StationResult
	for rows.Next() {
		r := activity.StationResult{StationID: stationID}
		if err := rows.Scan(&r.ActivityID, &r.Title, &r.Start, &r.Brought, &r.Resumes, &r.Hired); err != nil {
			return nil, fmt.Errorf("store.StationFairs: %w", err)
		}
		r.Start = r.Start.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
