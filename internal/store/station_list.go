package store

// Labour stations and university liaison stations: the organisations, with
// their contact (the phone sealed), and their results counted from their
// events — the activities they organise (org_name is the station's name).

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

// StationOf returns the station that organises an activity, or nil when a
// station does not (its organiser is not a station, or no station has its
// name).
func (ss StationStore) StationOf(ctx context.Context, act *activity.Activity) (*activity.Station, error) {
	if act.Organiser != activity.ByStation && act.Organiser != activity.ByUniversity {
		return nil, nil
	}
	st, err := ss.scan(ss.db.queryRow(ctx, "SELECT "+stationCols+" FROM stations WHERE name = ?", act.OrgName))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store.StationOf: %w", err)
	}
	return st, nil
}

// stationEvents is the station's events: activities a station organises.
const stationEvents = ` FROM activities act WHERE act.org_name = ? AND act.organiser IN ('station', 'university')`

// StationStats counts a station's results from its events.
func (ss StationStore) StationStats(ctx context.Context, st *activity.Station) (activity.StationStats, error) {
	var s activity.StationStats
	if err := ss.db.queryRow(ctx, "SELECT COUNT(*)"+stationEvents, st.Name).Scan(&s.Events); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	if err := ss.db.queryRow(ctx, `SELECT COUNT(*) FROM activity_signups su JOIN activities act ON act.id = su.activity_id
		WHERE act.org_name = ? AND act.organiser IN ('station', 'university') AND su.status NOT IN (?, ?)`,
		st.Name, string(activity.Cancelled), string(activity.Expired)).Scan(&s.Signups); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	if err := ss.db.queryRow(ctx, `SELECT COALESCE(SUM(b.intentions), 0), COALESCE(SUM(b.hires), 0) FROM fair_booths b
		JOIN activities act ON act.id = b.activity_id WHERE act.org_name = ? AND act.organiser IN ('station', 'university') AND b.status = ?`,
		st.Name, string(activity.BoothApproved)).Scan(&s.BoothIntended, &s.BoothHires); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	if err := ss.db.queryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0) FROM job_applications WHERE station_id = ?",
		string(jobs.AppHired), st.ID).Scan(&s.Resumes, &s.Hired); err != nil {
		return s, fmt.Errorf("store.StationStats: %w", err)
	}
	return s, nil
}
