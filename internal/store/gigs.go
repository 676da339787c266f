package store

// 零工经纪人 storage: gig employers, gigs and their shifts. A gig's shifts
// are replaced only while nobody has signed up (the use case refuses
// changes to pay, shifts and place after that); every change is audited in
// its own transaction.
//
// Every change to a gig takes the next number of the gig change sequence
// (table gig_seq, one row) first in its transaction, as job posts do with
// job_seq (see jobs.go): writers queue on that row, so numbers become
// visible in order and the nearest-first index of every instance follows
// the store by reading the gigs changed after the last number it saw.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/gigs"
)

const gigCols = `g.id, g.employer_id, COALESCE(en.name, ge.name), COALESCE(ge.enterprise_id, 0), COALESCE(ge.person_id, 0), g.title, g.occupation_code, g.description,
	g.pay_fen, g.pay_unit, g.slots, g.region_code, g.address, g.lat, g.lng, g.skills, g.provided, g.urgent, g.instant_accept,
	g.cancel_hours, g.status, g.flags, g.review_reason, g.override_reason, g.pushed, g.reviewed_by, g.reviewed_at, g.published_at,
	g.created_by, g.created_at, g.updated_at, g.change_seq`

const gigFrom = ` FROM gig_posts g JOIN gig_employers ge ON ge.id = g.employer_id LEFT JOIN enterprises en ON en.id = ge.enterprise_id`

func scanGig(s interface{ Scan(...any) error }) (*gigs.Gig, error) {
	var g gigs.Gig
	var unit, status, skills, provided, flags string
	var lat, lng sql.NullFloat64
	var reviewed, published sql.NullTime
	err := s.Scan(&g.ID, &g.EmployerID, &g.EmployerName, &g.EnterpriseID, &g.PersonID, &g.Title, &g.OccupationCode, &g.Description,
		&g.PayFen, &unit, &g.Slots, &g.RegionCode, &g.Address, &lat, &lng, &skills, &provided, &g.Urgent, &g.InstantAccept,
		&g.CancelHours, &status, &flags, &g.ReviewReason, &g.OverrideReason, &g.Pushed, &g.ReviewedBy, &reviewed, &published,
		&g.CreatedBy, &g.CreatedAt, &g.UpdatedAt, &g.Seq)
	if err != nil {
		return nil, err
	}
	g.PayUnit, g.Status = gigs.PayUnit(unit), gigs.Status(status)
	g.CreatedAt, g.UpdatedAt = g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	for _, j := range []struct {
		raw string
		to  any
	}{{skills, &g.Skills}, {provided, &g.Provided}, {flags, &g.Flags}} {
		if err := json.Unmarshal([]byte(j.raw), j.to); err != nil {
			return nil, fmt.Errorf("gig %d: %w", g.ID, err)
		}
	}
	if lat.Valid && lng.Valid {
		g.Lat, g.Lng, g.HasGeo = lat.Float64, lng.Float64, true
	}
	if reviewed.Valid {
		g.ReviewedAt = reviewed.Time.UTC()
	}
	if published.Valid {
		g.PublishedAt = published.Time.UTC()
	}
	return &g, nil
}

func flagsJSON(fs []gigs.Flag) string {
	if len(fs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(fs)
	return string(b)
}

func gigGeo(g *gigs.Gig) (lat, lng any) {
	if !g.HasGeo {
		return nil, nil
	}
	return g.Lat, g.Lng
}

// enterpriseEmployer returns the gig employer of an enterprise, making it
// on its first gig.
func (t *Tx) enterpriseEmployer(ctx context.Context, entID int64) (int64, error) {
	var id int64
	err := t.QueryRow(ctx, "SELECT id FROM gig_employers WHERE enterprise_id = ?", entID).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: gig employer: %w", err)
	}
	id, err = t.InsertID(ctx, "INSERT INTO gig_employers (enterprise_id, created_at) VALUES (?, ?)", entID, t.db.Now())
	if err != nil {
		return 0, fmt.Errorf("store: new gig employer: %w", err)
	}
	return id, nil
}

// EmployerOfEnterprise returns the gig employer id of an enterprise, 0
// when it has never posted a gig.
func (tb GigStore) EmployerOfEnterprise(ctx context.Context, entID int64) (int64, error) {
	var id int64
	err := tb.db.queryRow(ctx, "SELECT id FROM gig_employers WHERE enterprise_id = ?", entID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store.EmployerOfEnterprise: %w", err)
	}
	return id, nil
}

// nextGigSeq takes k numbers of the gig change sequence and returns the
// last; it must be the first statement of a transaction that changes gigs.
func (t *Tx) nextGigSeq(ctx context.Context, k int) (int64, error) {
	var n int64
	if err := t.QueryRow(ctx, "UPDATE gig_seq SET n = n + ? WHERE id = 1 RETURNING n", k).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: gig sequence: %w", err)
	}
	return n, nil
}

// GigSeq returns the last committed gig change number.
func (tb GigStore) GigSeq(ctx context.Context) (int64, error) {
	var n int64
	if err := tb.db.queryRow(ctx, "SELECT n FROM gig_seq WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("store.GigSeq: %w", err)
	}
	return n, nil
}

func (t *Tx) insertGig(ctx context.Context, g *gigs.Gig, now time.Time) error {
	lat, lng := gigGeo(g)
	var pub any
	if !g.PublishedAt.IsZero() {
		pub = g.PublishedAt.UTC()
	}
	id, err := t.InsertID(ctx, `INSERT INTO gig_posts (employer_id, title, occupation_code, description, pay_fen, pay_unit, slots,
		region_code, address, lat, lng, skills, provided, urgent, instant_accept, cancel_hours, first_start, last_end, status, flags,
		published_at, created_by, created_at, updated_at, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		g.EmployerID, g.Title, g.OccupationCode, g.Description, g.PayFen, string(g.PayUnit), g.Slots, g.RegionCode, g.Address,
		lat, lng, tagsJSON(g.Skills), tagsJSON(g.Provided), g.Urgent, g.InstantAccept, g.CancelHours, g.FirstStart(), g.LastEnd(),
		string(g.Status), flagsJSON(g.Flags), pub, g.CreatedBy, now, now, g.Seq)
	if err != nil {
		return fmt.Errorf("store: insert gig: %w", err)
	}
	g.ID, g.CreatedAt, g.UpdatedAt = id, now, now
	return t.insertShifts(ctx, g)
}

func (t *Tx) insertShifts(ctx context.Context, g *gigs.Gig) error {
	for i := range g.Shifts {
		s := &g.Shifts[i]
		id, err := t.InsertID(ctx, "INSERT INTO gig_shifts (gig_id, starts_at, ends_at, slots, filled) VALUES (?, ?, ?, ?, ?)",
			g.ID, s.StartsAt.UTC(), s.EndsAt.UTC(), g.Slots, s.Filled)
		if err != nil {
			return fmt.Errorf("store: insert shift: %w", err)
		}
		s.ID = id
	}
	return nil
}

// CreateGig stores a new gig waiting for review, audited: of an
// enterprise (which becomes a gig employer on its first gig), or of the
// verified person employer g.EmployerID.
func (tb GigStore) CreateGig(ctx context.Context, a Actor, g *gigs.Gig) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		seq, err := tx.nextGigSeq(ctx, 1)
		if err != nil {
			return err
		}
		if g.EnterpriseID != 0 {
			if g.EmployerID, err = tx.enterpriseEmployer(ctx, g.EnterpriseID); err != nil {
				return err
			}
		}
		g.Status, g.CreatedBy, g.Seq = gigs.Pending, a.UserID, seq
		if err := tx.insertGig(ctx, g, tb.db.Now()); err != nil {
			return err
		}
		return tx.Audit(ctx, a, "gig.create", "gig", g.ID, g.Title+flagSummary(g.Flags), "ok")
	})
}

// InsertGigs stores many gigs as they are (status, shifts and fill counts
// included) in one transaction; the demo generator uses it.
func (t *Tx) InsertGigs(ctx context.Context, gs []*gigs.Gig) error {
	if len(gs) == 0 {
		return nil
	}
	last, err := t.nextGigSeq(ctx, len(gs))
	if err != nil {
		return err
	}
	now := t.db.Now()
	for i, g := range gs {
		g.Seq = last - int64(len(gs)-1-i)
		if g.EmployerID == 0 {
			emp, err := t.enterpriseEmployer(ctx, g.EnterpriseID)
			if err != nil {
				return err
			}
			g.EmployerID = emp
		}
		if err := t.insertGig(ctx, g, now); err != nil {
			return err
		}
	}
	return nil
}

func flagSummary(fs []gigs.Flag) string {
	if len(fs) == 0 {
		return ""
	}
	codes := make([]string, len(fs))
	for i, f := range fs {
		codes[i] = f.Code
	}
	return "；筛查 " + strings.Join(codes, ",")
}

// GigByID returns a gig with its shifts, or NotFound.
func (tb GigStore) GigByID(ctx context.Context, id int64) (*gigs.Gig, error) {
	g, err := scanGig(tb.db.queryRow(ctx, "SELECT "+gigCols+gigFrom+" WHERE g.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("gig")
	}
	if err != nil {
		return nil, fmt.Errorf("store.GigByID: %w", err)
	}
	shifts, err := tb.shifts(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	g.Shifts = shifts[id]
	return g, nil
}

// shifts reads the shifts of the gigs, in start order.
func (tb GigStore) shifts(ctx context.Context, ids []int64) (map[int64][]gigs.Shift, error) {
	out := make(map[int64][]gigs.Shift, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		q, args := "SELECT gig_id, id, starts_at, ends_at, filled FROM gig_shifts WHERE gig_id IN ("+placeholders(n)+") ORDER BY gig_id, starts_at, id", int64Args(ids[:n])
		rows, err := tb.db.query(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("store: gig shifts: %w", err)
		}
		for rows.Next() {
			var gid int64
			var s gigs.Shift
			if err := rows.Scan(&gid, &s.ID, &s.StartsAt, &s.EndsAt, &s.Filled); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: gig shifts: %w", err)
			}
			s.StartsAt, s.EndsAt = s.StartsAt.UTC(), s.EndsAt.UTC()
			out[gid] = append(out[gid], s)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// listGigs reads gigs with their shifts.
func (tb GigStore) listGigs(ctx context.Context, where string, args ...any) ([]*gigs.Gig, error) {
	rows, err := tb.db.query(ctx, "SELECT "+gigCols+gigFrom+" WHERE "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list gigs: %w", err)
	}
	var out []*gigs.Gig
	var ids []int64
	for rows.Next() {
		g, err := scanGig(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: list gigs: %w", err)
		}
		out = append(out, g)
		ids = append(ids, g.ID)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	shifts, err := tb.shifts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, g := range out {
		g.Shifts = shifts[g.ID]
	}
	return out, nil
}

// GigsOfEnterprise lists an enterprise's gigs, newest first.
func (tb GigStore) GigsOfEnterprise(ctx context.Context, entID int64, limit int) ([]*gigs.Gig, error) {
	return tb.listGigs(ctx, "ge.enterprise_id = ? ORDER BY g.id DESC LIMIT ?", entID, limit)
}

// GigsOfEmployer lists a gig employer's gigs, newest first.
func (tb GigStore) GigsOfEmployer(ctx context.Context, employerID int64, limit int) ([]*gigs.Gig, error) {
	return tb.listGigs(ctx, "g.employer_id = ? ORDER BY g.id DESC LIMIT ?", employerID, limit)
}

// PendingGigs lists the review queue, oldest first.
func (tb GigStore) PendingGigs(ctx context.Context, limit int) ([]*gigs.Gig, error) {
	return tb.listGigs(ctx, "g.status = ? ORDER BY g.updated_at, g.id LIMIT ?", string(gigs.Pending), limit)
}

// OpenGigs lists every published gig whose last shift ends after now: what
// the nearest-first index holds.
func (tb GigStore) OpenGigs(ctx context.Context, now time.Time) ([]*gigs.Gig, error) {
	return tb.listGigs(ctx, "g.status = ? AND g.last_end > ? ORDER BY g.id", string(gigs.Published), now.UTC())
}

// GigsChangedAfter lists up to limit gigs whose last change number is
// after seq, in any status, in change order: what an index following the
// store must look at again.
func (tb GigStore) GigsChangedAfter(ctx context.Context, seq int64, limit int) ([]*gigs.Gig, error) {
	return tb.listGigs(ctx, "g.change_seq > ? ORDER BY g.change_seq LIMIT ?", seq, limit)
}

// GigsByIDs returns the gigs with the ids, in no particular order.
func (tb GigStore) GigsByIDs(ctx context.Context, ids []int64) ([]*gigs.Gig, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return tb.listGigs(ctx, "g.id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
}

func (t *Tx) gigForUpdate(ctx context.Context, id int64) (*gigs.Gig, error) {
	g, err := scanGig(t.QueryRow(ctx, "SELECT "+gigCols+gigFrom+" WHERE g.id = ?"+t.db.dialect.forUpdateOf("g"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("gig")
	}
	if err != nil {
		return nil, fmt.Errorf("store: read gig: %w", err)
	}
	return g, nil
}

// UpdateGig saves edited content; the gig goes back to review. With
// replaceShifts the shifts are replaced, which is refused (Conflict) once
// anyone has signed up.
func (tb GigStore) UpdateGig(ctx context.Context, a Actor, g *gigs.Gig, replaceShifts bool) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		seq, err := tx.nextGigSeq(ctx, 1)
		if err != nil {
			return err
		}
		old, err := tx.gigForUpdate(ctx, g.ID)
		if err != nil {
			return err
		}
		next, err := gigs.Next(old.Status, gigs.ActEdit)
		if err != nil {
			return err
		}
		if replaceShifts {
			if err := tx.replaceShifts(ctx, g); err != nil {
				return err
			}
		}
		now := tb.db.Now()
		lat, lng := gigGeo(g)
		if _, err := tx.Exec(ctx, `UPDATE gig_posts SET title = ?, occupation_code = ?, description = ?, pay_fen = ?, pay_unit = ?,
			slots = ?, region_code = ?, address = ?, lat = ?, lng = ?, skills = ?, provided = ?, urgent = ?, instant_accept = ?,
			cancel_hours = ?, first_start = ?, last_end = ?, status = ?, flags = ?, review_reason = '', override_reason = '',
			updated_at = ? WHERE id = ?`,
			g.Title, g.OccupationCode, g.Description, g.PayFen, string(g.PayUnit), g.Slots, g.RegionCode, g.Address, lat, lng,
			tagsJSON(g.Skills), tagsJSON(g.Provided), g.Urgent, g.InstantAccept, g.CancelHours, g.FirstStart(), g.LastEnd(),
			string(next), flagsJSON(g.Flags), now, g.ID); err != nil {
			return fmt.Errorf("store.UpdateGig: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE gig_posts SET change_seq = ? WHERE id = ?", seq, g.ID); err != nil {
			return fmt.Errorf("store.UpdateGig: %w", err)
		}
		g.EmployerID, g.EmployerName, g.EnterpriseID = old.EmployerID, old.EmployerName, old.EnterpriseID
		g.CreatedBy, g.CreatedAt, g.PublishedAt = old.CreatedBy, old.CreatedAt, old.PublishedAt
		g.Status, g.UpdatedAt, g.ReviewReason, g.OverrideReason = next, now, "", ""
		return tx.Audit(ctx, a, "gig.update", "gig", g.ID, old.Status.Label()+" → "+next.Label()+flagSummary(g.Flags), "ok")
	})
}

func (t *Tx) replaceShifts(ctx context.Context, g *gigs.Gig) error {
	var n int
	if err := t.QueryRow(ctx, "SELECT COUNT(*) FROM gig_signups WHERE gig_id = ?", g.ID).Scan(&n); err != nil {
		return fmt.Errorf("store: count sign-ups: %w", err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "已有人报名，不能再修改班次、人数、报酬和地点；如需调整，请关闭后重新发布")
	}
	if _, err := t.Exec(ctx, "DELETE FROM gig_shifts WHERE gig_id = ?", g.ID); err != nil {
		return fmt.Errorf("store: delete shifts: %w", err)
	}
	return t.insertShifts(ctx, g)
}

// ChangeGigStatus moves a gig by action (review or close) after check
// approves the move from the status read inside the transaction, and writes
// the audit entry and the employer's inbox message built by tell.
func (tb GigStore) ChangeGigStatus(ctx context.Context, a Actor, id int64, action, reason, override string,
	tell func(*gigs.Gig) *NotifyMsg, after func(*Tx, *gigs.Gig) error) (*gigs.Gig, error) {
	err := tb.db.Write(ctx, func(tx *Tx) error {
		seq, err := tx.nextGigSeq(ctx, 1)
		if err != nil {
			return err
		}
		g, err := tx.gigForUpdate(ctx, id)
		if err != nil {
			return err
		}
		next, err := gigs.Next(g.Status, action)
		if err != nil {
			return err
		}
		now := tb.db.Now()
		q := "UPDATE gig_posts SET status = ?, updated_at = ?, change_seq = ?"
		args := []any{string(next), now, seq}
		if action == gigs.ActApprove || action == gigs.ActReject {
			q += ", review_reason = ?, override_reason = ?, reviewed_by = ?, reviewed_at = ?"
			args = append(args, reason, override, a.UserID, now)
		}
		if next == gigs.Published {
			q += ", published_at = ?"
			args = append(args, now)
		}
		if _, err := tx.Exec(ctx, q+" WHERE id = ? AND status = ?", append(args, id, string(g.Status))...); err != nil {
			return fmt.Errorf("store.ChangeGigStatus: %w", err)
		}
		summary := g.Status.Label() + " → " + next.Label()
		if override != "" {
			summary += "；越过拦截项：" + override
		}
		if err := tx.Audit(ctx, a, "gig."+action, "gig", id, summary, "ok"); err != nil {
			return err
		}
		g.Status, g.ReviewReason, g.OverrideReason = next, reason, override
		if tell != nil {
			if err := tx.notifyMsg(ctx, tell(g)); err != nil {
				return err
			}
		}
		if after != nil {
			return after(tx, g)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tb.GigByID(ctx, id)
}

// AddPushed counts workers newly told of a gig.
func (tb GigStore) AddPushed(ctx context.Context, id int64, n int) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "UPDATE gig_posts SET pushed = pushed + ? WHERE id = ?", n, id)
		return err
	})
}

// ProfilesAround lists the gig profiles whose rounded home point lies in
// the box around a point (degrees each way), for the push of a new gig.
func (tb GigStore) ProfilesAround(ctx context.Context, lat, lng, dLat, dLng float64) ([]*gigs.Profile, error) {
	rows, err := tb.db.query(ctx, `SELECT person_id, skills, days, hour_from, hour_to, home_region, home_lat, home_lng, radius_km, updated_at
		FROM gig_worker_profiles WHERE home_lat BETWEEN ? AND ? AND home_lng BETWEEN ? AND ?`, lat-dLat, lat+dLat, lng-dLng, lng+dLng)
	if err != nil {
		return nil, fmt.Errorf("store.ProfilesAround: %w", err)
	}
	defer rows.Close()
	var out []*gigs.Profile
	for rows.Next() {
		var p gigs.Profile
		var skills, days string
		var hlat, hlng sql.NullFloat64
		if err := rows.Scan(&p.PersonID, &skills, &days, &p.HourFrom, &p.HourTo, &p.HomeRegion, &hlat, &hlng, &p.RadiusKm, &p.UpdatedAt); err != nil {
			return nil, fmt.Errorf("store.ProfilesAround: %w", err)
		}
		if json.Unmarshal([]byte(skills), &p.Skills) != nil || json.Unmarshal([]byte(days), &p.Days) != nil {
			return nil, fmt.Errorf("store.ProfilesAround: profile %d: bad lists", p.PersonID)
		}
		p.HomeLat, p.HomeLng, p.HasHome = hlat.Float64, hlng.Float64, hlat.Valid && hlng.Valid
		out = append(out, &p)
	}
	return out, rows.Err()
}

// GigOfShift returns the gig a shift belongs to, or NotFound.
func (tb GigStore) GigOfShift(ctx context.Context, shiftID int64) (int64, error) {
	var id int64
	err := tb.db.queryRow(ctx, "SELECT gig_id FROM gig_shifts WHERE id = ?", shiftID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Missing("gig_shift")
	}
	if err != nil {
		return 0, fmt.Errorf("store.GigOfShift: %w", err)
	}
	return id, nil
}

// GigsOnDay lists the gigs (published or closed) with a shift starting in
// [from, to) in a region (a code prefix, "" for all), in start order: a
// 零工驿站's day list.
func (tb GigStore) GigsOnDay(ctx context.Context, from, to time.Time, region string) ([]*gigs.Gig, error) {
	return tb.listGigs(ctx, `g.status IN ('published', 'closed') AND g.region_code LIKE ? ESCAPE '\' AND EXISTS (SELECT 1 FROM gig_shifts s
		WHERE s.gig_id = g.id AND s.starts_at >= ? AND s.starts_at < ?) ORDER BY g.first_start, g.id LIMIT 500`,
		likeEscape(region)+"%", from.UTC(), to.UTC())
}
