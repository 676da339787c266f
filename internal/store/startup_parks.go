package store

// 青创园: the youth start-up parks, their tenant firms, their events and
// their annual assessments. Every staff change is written with its audit
// entry (on the park) in one transaction; a tenant's space is checked
// against what the park has left inside that transaction, with the park's
// row locked on PostgreSQL, so two firms moving in at once cannot overfill
// it.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/startup"
)

// ParkStore is the tables of 青创园.
type ParkStore struct{ db *DB }

// Parks is the store of 青创园.
func (tb StartupStore) Parks() ParkStore { return ParkStore{tb.db} }

// The answers for ids with no row.
func errNoPark() error       { return apperr.New(apperr.NotFound, "青创园不存在") }
func errNoTenant() error     { return apperr.New(apperr.NotFound, "入驻记录不存在") }
func errNoEvent() error      { return apperr.New(apperr.NotFound, "活动记录不存在") }
func errNoAssessment() error { return apperr.New(apperr.NotFound, "该年度还没有考核") }

// parkCols read a park with its current tenants and the space they use.
const parkCols = `p.id, p.name, p.level, p.region_code, p.address, p.operator, p.contact_name, p.contact_phone_enc, p.space_unit,
	p.total_space, p.open_space, p.services, p.status, p.intro, p.created_at, p.updated_at,
	(SELECT COUNT(*) FROM startup_park_tenants t WHERE t.park_id = p.id AND t.status = 'in'),
	(SELECT COALESCE(SUM(t.space_used), 0) FROM startup_park_tenants t WHERE t.park_id = p.id AND t.status = 'in')`

// scanPark reads a park; the contact phone is sealed at rest like every
// phone (it may be a person's mobile), and opened here.
func (db *DB) scanPark(s interface{ Scan(...any) error }) (*startup.Park, error) {
	var p startup.Park
	var level, unit, services, status string
	var phone []byte
	if err := s.Scan(&p.ID, &p.Name, &level, &p.RegionCode, &p.Address, &p.Operator, &p.ContactName, &phone, &unit,
		&p.TotalSpace, &p.OpenSpace, &services, &status, &p.Intro, &p.CreatedAt, &p.UpdatedAt, &p.Tenants, &p.UsedSpace); err != nil {
		return nil, err
	}
	var err error
	if p.ContactPhone, err = db.box.Open(phone); err != nil {
		return nil, err
	}
	p.Level, p.Unit, p.Status = startup.ParkLevel(level), startup.SpaceUnit(unit), startup.ParkStatus(status)
	if services != "" {
		p.Services = strings.Split(services, ",")
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

// Create stores a new park, audited; a name already registered is a field
// error on name.
func (ps ParkStore) Create(ctx context.Context, a Actor, p *startup.Park) error {
	return ps.db.Write(ctx, func(tx *Tx) error {
		if err := parkNameFree(ctx, tx, p.Name, 0); err != nil {
			return err
		}
		now := ps.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO startup_parks (name, level, region_code, address, operator, contact_name, contact_phone_enc,
			space_unit, total_space, open_space, services, status, intro, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.Name, string(p.Level), p.RegionCode, p.Address, p.Operator, p.ContactName, ps.db.box.Seal(p.ContactPhone), string(p.Unit), p.TotalSpace,
			p.OpenSpace, strings.Join(p.Services, ","), string(p.Status), p.Intro, now, now)
		if err != nil {
			return fmt.Errorf("store.CreatePark: %w", err)
		}
		p.ID, p.CreatedAt, p.UpdatedAt = id, now, now
		return tx.Audit(ctx, a, "startup.park.create", "startup_park", id,
			"登记青创园："+p.Name+"（"+p.Level.Label()+"，"+p.Status.Label()+"）", "ok")
	})
}

// Update saves a park's registration, audited with what changed; a total
// below what the firms in it use is a field error on total_space.
func (ps ParkStore) Update(ctx context.Context, a Actor, p *startup.Park) error {
	return ps.db.Write(ctx, func(tx *Tx) error {
		old, err := lockPark(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if err := parkNameFree(ctx, tx, p.Name, p.ID); err != nil {
			return err
		}
		if p.Unit == old.Unit && p.TotalSpace < old.UsedSpace {
			return apperr.Field("total_space", "在园企业已使用 "+old.Space(old.UsedSpace)+"，总量不能少于此数")
		}
		if p.Unit != old.Unit && old.UsedSpace > 0 {
			return apperr.Field("space_unit", "在园企业的使用空间按“"+old.Unit.Name()+"”登记，有企业在园时不能改变计量方式")
		}
		now := ps.db.Now()
		if _, err := tx.Exec(ctx, `UPDATE startup_parks SET name = ?, level = ?, region_code = ?, address = ?, operator = ?, contact_name = ?,
			contact_phone_enc = ?, space_unit = ?, total_space = ?, open_space = ?, services = ?, status = ?, intro = ?, updated_at = ? WHERE id = ?`,
			p.Name, string(p.Level), p.RegionCode, p.Address, p.Operator, p.ContactName, ps.db.box.Seal(p.ContactPhone), string(p.Unit), p.TotalSpace,
			p.OpenSpace, strings.Join(p.Services, ","), string(p.Status), p.Intro, now, p.ID); err != nil {
			return fmt.Errorf("store.UpdatePark: %w", err)
		}
		p.UpdatedAt = now
		return tx.Audit(ctx, a, "startup.park.update", "startup_park", p.ID, "修改青创园 "+p.Name+"："+parkChanges(old, p), "ok")
	})
}

// parkChanges names what an edit changed, for the audit entry.
func parkChanges(a, b *startup.Park) string {
	var out []string
	add := func(changed bool, what string) {
		if changed {
			out = append(out, what)
		}
	}
	add(a.Name != b.Name, "名称")
	add(a.Level != b.Level, "级别 "+a.Level.Label()+"→"+b.Level.Label())
	add(a.RegionCode != b.RegionCode || a.Address != b.Address, "地址")
	add(a.Operator != b.Operator, "运营机构")
	add(a.ContactName != b.ContactName || a.ContactPhone != b.ContactPhone, "联系人")
	add(a.Unit != b.Unit || a.TotalSpace != b.TotalSpace, "总量 "+strconv.Itoa(a.TotalSpace)+"→"+strconv.Itoa(b.TotalSpace))
	add(a.OpenSpace != b.OpenSpace, "可入驻 "+strconv.Itoa(a.OpenSpace)+"→"+strconv.Itoa(b.OpenSpace))
	add(strings.Join(a.Services, ",") != strings.Join(b.Services, ","), "服务")
	add(a.Status != b.Status, "状态 "+a.Status.Label()+"→"+b.Status.Label())
	add(a.Intro != b.Intro, "简介")
	if len(out) == 0 {
		return "无变化"
	}
	return strings.Join(out, "，")
}

func parkNameFree(ctx context.Context, tx *Tx, name string, id int64) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM startup_parks WHERE name = ? AND id <> ?", name, id).Scan(&n); err != nil {
		return fmt.Errorf("store.parkNameFree: %w", err)
	}
	if n > 0 {
		return apperr.Field("name", "已有同名的青创园")
	}
	return nil
}

// lockPark reads a park inside tx, its row locked on PostgreSQL.
func lockPark(ctx context.Context, tx *Tx, id int64) (*startup.Park, error) {
	p, err := tx.db.scanPark(tx.QueryRow(ctx, "SELECT "+parkCols+" FROM startup_parks p WHERE p.id = ?"+tx.db.dialect.forUpdateOf("p"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPark()
	}
	if err != nil {
		return nil, fmt.Errorf("store.lockPark: %w", err)
	}
	return p, nil
}

// ByID returns a park, or NotFound.
func (ps ParkStore) ByID(ctx context.Context, id int64) (*startup.Park, error) {
	p, err := ps.db.scanPark(ps.db.queryRow(ctx, "SELECT "+parkCols+" FROM startup_parks p WHERE p.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoPark()
	}
	if err != nil {
		return nil, fmt.Errorf("store.ParkByID: %w", err)
	}
	return p, nil
}

// ParkFilter selects parks; Status "" is every status.
type ParkFilter struct {
	Status startup.ParkStatus
}

// List returns the parks matching f: those with space open first, then by
// level (provincial first) and registration.
func (ps ParkStore) List(ctx context.Context, f ParkFilter) ([]*startup.Park, error) {
	where, args := "", []any{}
	if f.Status != "" {
		where, args = " WHERE p.status = ?", append(args, string(f.Status))
	}
	rows, err := ps.db.query(ctx, "SELECT "+parkCols+" FROM startup_parks p"+where+` ORDER BY CASE WHEN p.open_space > 0 THEN 0 ELSE 1 END,
		CASE p.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, p.id LIMIT 1000`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.Parks: %w", err)
	}
	defer rows.Close()
	var out []*startup.Park
	for rows.Next() {
		p, err := ps.db.scanPark(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Parks: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const tenantCols = `t.id, t.park_id, t.enterprise_id, e.name, e.verified, t.move_in, t.space_used, t.jobs_created, t.status, t.left_on,
	t.created_at, t.updated_at FROM startup_park_tenants t JOIN enterprises e ON e.id = t.enterprise_id`

func scanTenant(s interface{ Scan(...any) error }) (*startup.ParkTenant, error) {
	var t startup.ParkTenant
	var status string
	var left sql.NullTime
	if err := s.Scan(&t.ID, &t.ParkID, &t.EnterpriseID, &t.EnterpriseName, &t.EnterpriseVerified, &t.MoveIn, &t.SpaceUsed, &t.Jobs,
		&status, &left, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return nil, err
	}
	t.Status, t.LeftOn = startup.TenantStatus(status), utcOf(left)
	t.MoveIn, t.CreatedAt, t.UpdatedAt = t.MoveIn.UTC(), t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	return &t, nil
}

// tenantFits checks, inside tx with the park locked, that the firm is not
// in the park already (another stay than skip) and that its space fits
// in what the other firms in the park leave.
func tenantFits(ctx context.Context, tx *Tx, p *startup.Park, t *startup.ParkTenant, skip int64) error {
	if t.Status != startup.TenantIn {
		return nil
	}
	var n, others int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM startup_park_tenants WHERE park_id = ? AND enterprise_id = ? AND status = 'in' AND id <> ?`,
		p.ID, t.EnterpriseID, skip).Scan(&n); err != nil {
		return fmt.Errorf("store.tenantFits: %w", err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, t.EnterpriseName+" 已在本园区，修改原入驻记录即可")
	}
	if err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(space_used), 0) FROM startup_park_tenants WHERE park_id = ? AND status = 'in' AND id <> ?`,
		p.ID, skip).Scan(&others); err != nil {
		return fmt.Errorf("store.tenantFits: %w", err)
	}
	return startup.CheckParkSpace(p, others, t.SpaceUsed)
}

// AddTenant stores a firm's move into a park, audited on the park; a firm
// already in it is a Conflict, space beyond what is left a field error.
func (ps ParkStore) AddTenant(ctx context.Context, a Actor, t *startup.ParkTenant) error {
	return ps.db.Write(ctx, func(tx *Tx) error {
		p, err := lockPark(ctx, tx, t.ParkID)
		if err != nil {
			return err
		}
		if err := tenantFits(ctx, tx, p, t, 0); err != nil {
			return err
		}
		now := ps.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO startup_park_tenants (park_id, enterprise_id, move_in, space_used, jobs_created, status, left_on,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, t.ParkID, t.EnterpriseID, nullDate(t.MoveIn), t.SpaceUsed, t.Jobs,
			string(t.Status), nullDate(t.LeftOn), now, now)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, t.EnterpriseName+" 已在本园区")
		}
		if err != nil {
			return fmt.Errorf("store.AddTenant: %w", err)
		}
		t.ID, t.CreatedAt, t.UpdatedAt = id, now, now
		return tx.Audit(ctx, a, "startup.park.tenant.add", "startup_park", p.ID, fmt.Sprintf("%s 入驻 %s（#%d，%s 起，使用 %s，带动就业 %d 人，%s）",
			t.EnterpriseName, p.Name, id, t.MoveIn.Format(time.DateOnly), p.Space(t.SpaceUsed), t.Jobs, t.Status.Label()), "ok")
	})
}

// UpdateTenant saves a stay's figures and status (a firm moving out or
// graduating), audited on the park.
func (ps ParkStore) UpdateTenant(ctx context.Context, a Actor, t *startup.ParkTenant) error {
	return ps.db.Write(ctx, func(tx *Tx) error {
		p, err := lockPark(ctx, tx, t.ParkID)
		if err != nil {
			return err
		}
		if err := tenantFits(ctx, tx, p, t, t.ID); err != nil {
			return err
		}
		now := ps.db.Now()
		res, err := tx.Exec(ctx, `UPDATE startup_park_tenants SET move_in = ?, space_used = ?, jobs_created = ?, status = ?, left_on = ?,
			updated_at = ? WHERE id = ? AND park_id = ?`, nullDate(t.MoveIn), t.SpaceUsed, t.Jobs, string(t.Status), nullDate(t.LeftOn), now, t.ID, t.ParkID)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, t.EnterpriseName+" 已在本园区")
		}
		if err != nil {
			return fmt.Errorf("store.UpdateTenant: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoTenant()
		}
		t.UpdatedAt = now
		what := fmt.Sprintf("修改入驻记录 #%d（%s）：使用 %s，带动就业 %d 人，%s", t.ID, t.EnterpriseName, p.Space(t.SpaceUsed), t.Jobs, t.Status.Label())
		if !t.LeftOn.IsZero() {
			what += "（" + t.LeftOn.Format(time.DateOnly) + "）"
		}
		return tx.Audit(ctx, a, "startup.park.tenant.update", "startup_park", p.ID, what, "ok")
	})
}

// TenantByID returns a stay, or NotFound.
func (ps ParkStore) TenantByID(ctx context.Context, id int64) (*startup.ParkTenant, error) {
	t, err := scanTenant(ps.db.queryRow(ctx, "SELECT "+tenantCols+" WHERE t.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoTenant()
	}
	if err != nil {
		return nil, fmt.Errorf("store.TenantByID: %w", err)
	}
	return t, nil
}

// Tenants returns a park's tenants, past and present: the firms in it
// first, each group by move-in date, latest first.
func (ps ParkStore) Tenants(ctx context.Context, parkID int64) ([]*startup.ParkTenant, error) {
	rows, err := ps.db.query(ctx, "SELECT "+tenantCols+` WHERE t.park_id = ?
		ORDER BY CASE WHEN t.status = 'in' THEN 0 ELSE 1 END, t.move_in DESC, t.id DESC`, parkID)
	if err != nil {
		return nil, fmt.Errorf("store.Tenants: %w", err)
	}
	defer rows.Close()
	var out []*startup.ParkTenant
	for rows.Next() {
		t, err := scanTenant(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Tenants: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

const eventCols = `id, park_id, held_on, title, kind, attendees, created_at, updated_at FROM startup_park_events`

func scanEvent(s interface{ Scan(...any) error }) (*startup.ParkEvent, error) {
	var e startup.ParkEvent
	var kind string
	if err := s.Scan(&e.ID, &e.ParkID, &e.Date, &e.Title, &kind, &e.Attendees, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return nil, err
	}
	e.Kind, e.Date, e.CreatedAt, e.UpdatedAt = startup.EventKind(kind), e.Date.UTC(), e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return &e, nil
}

// AddEvent stores an event a park held, audited on the park.
func (ps ParkStore) AddEvent(ctx context.Context, a Actor, e *startup.ParkEvent) error {
	return ps.db.Write(ctx, func(tx *Tx) error {
		p, err := lockPark(ctx, tx, e.ParkID)
		if err != nil {
			return err
		}
		now := ps.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO startup_park_events (park_id, held_on, title, kind, attendees, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, e.ParkID, nullDate(e.Date), e.Title, string(e.Kind), e.Attendees, now, now)
		if err != nil {
			return fmt.Errorf("store.AddEvent: %w", err)
		}
		e.ID, e.CreatedAt, e.UpdatedAt = id, now, now
		return tx.Audit(ctx, a, "startup.park.event.add", "startup_park", p.ID, fmt.Sprintf("登记 %s 的活动 #%d：%s %s「%s」，%d 人参加",
			p.Name, id, e.Date.Format(time.DateOnly), e.Kind.Label(), e.Title, e.Attendees), "ok")
	})
}

// UpdateEvent saves an event's record, audited on the park.
func (ps ParkStore) UpdateEvent(ctx context.Context, a Actor, e *startup.ParkEvent) error {
	return ps.db.Write(ctx, func(tx *Tx) error {
		now := ps.db.Now()
		res, err := tx.Exec(ctx, `UPDATE startup_park_events SET held_on = ?, title = ?, kind = ?, attendees = ?, updated_at = ?
			WHERE id = ? AND park_id = ?`, nullDate(e.Date), e.Title, string(e.Kind), e.Attendees, now, e.ID, e.ParkID)
		if err != nil {
			return fmt.Errorf("store.UpdateEvent: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoEvent()
		}
		e.UpdatedAt = now
		return tx.Audit(ctx, a, "startup.park.event.update", "startup_park", e.ParkID, fmt.Sprintf("修改活动 #%d：%s %s「%s」，%d 人参加",
			e.ID, e.Date.Format(time.DateOnly), e.Kind.Label(), e.Title, e.Attendees), "ok")
	})
}

// EventByID returns an event, or NotFound.
func (ps ParkStore) EventByID(ctx context.Context, id int64) (*startup.ParkEvent, error) {
	e, err := scanEvent(ps.db.queryRow(ctx, "SELECT "+eventCols+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEvent()
	}
	if err != nil {
		return nil, fmt.Errorf("store.EventByID: %w", err)
	}
	return e, nil
}

// Events returns a park's events, latest first.
func (ps ParkStore) Events(ctx context.Context, parkID int64) ([]*startup.ParkEvent, error) {
	rows, err := ps.db.query(ctx, "SELECT "+eventCols+" WHERE park_id = ? ORDER BY held_on DESC, id DESC", parkID)
	if err != nil {
		return nil, fmt.Errorf("store.Events: %w", err)
	}
	defer rows.Close()
	var out []*startup.ParkEvent
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Events: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

const assessmentCols = `id, park_id, year, score, grade, comment, as_of, tenants, new_tenants, graduated, jobs, events, attendees,
	used_space, total_space, space_unit, occupancy_bp, assessed_by, created_at, updated_at FROM startup_park_assessments`

func scanAssessment(s interface{ Scan(...any) error }) (*startup.ParkAssessment, error) {
	var a startup.ParkAssessment
	var grade, unit string
	f := &a.Facts
	if err := s.Scan(&a.ID, &a.ParkID, &a.Year, &a.Score, &grade, &a.Comment, &f.AsOf, &f.Tenants, &f.NewTenants, &f.Graduated, &f.Jobs,
		&f.Events, &f.Attendees, &f.UsedSpace, &f.TotalSpace, &unit, &f.Occupancy, &a.AssessedBy, &a.CreatedAt, &a.UpdatedAt); err != nil {
		return nil, err
	}
	a.Grade, f.Unit, f.Year = startup.ParkGrade(grade), startup.SpaceUnit(unit), a.Year
	f.AsOf, a.CreatedAt, a.UpdatedAt = f.AsOf.UTC(), a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

// Assessment returns a park's assessment of a year, or NotFound.
func (ps ParkStore) Assessment(ctx context.Context, parkID int64, year int) (*startup.ParkAssessment, error) {
	a, err := scanAssessment(ps.db.queryRow(ctx, "SELECT "+assessmentCols+" WHERE park_id = ? AND year = ?", parkID, year))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoAssessment()
	}
	if err != nil {
		return nil, fmt.Errorf("store.Assessment: %w", err)
	}
	return a, nil
}

// Assessments returns a park's assessments, latest year first.
func (ps ParkStore) Assessments(ctx context.Context, parkID int64) ([]*startup.ParkAssessment, error) {
	rows, err := ps.db.query(ctx, "SELECT "+assessmentCols+" WHERE park_id = ? ORDER BY year DESC", parkID)
	if err != nil {
		return nil, fmt.Errorf("store.Assessments: %w", err)
	}
	defer rows.Close()
	var out []*startup.ParkAssessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Assessments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveAssessment stores a park's assessment of a year with its facts,
// audited on the park. A new one (replace false) for a year already
// assessed is a Conflict; a revision (replace true) of a year not
// assessed is NotFound.
func (ps ParkStore) SaveAssessment(ctx context.Context, a Actor, as *startup.ParkAssessment, replace bool) error {
	return ps.db.Write(ctx, func(tx *Tx) error {
		p, err := lockPark(ctx, tx, as.ParkID)
		if err != nil {
			return err
		}
		now, f := ps.db.Now(), as.Facts
		args := []any{as.Score, string(as.Grade), as.Comment, nullDate(f.AsOf), f.Tenants, f.NewTenants, f.Graduated, f.Jobs, f.Events,
			f.Attendees, f.UsedSpace, f.TotalSpace, string(f.Unit), f.Occupancy, a.UserID, now}
		verb := "登记"
		if replace {
			verb = "修改"
			res, err := tx.Exec(ctx, `UPDATE startup_park_assessments SET score = ?, grade = ?, comment = ?, as_of = ?, tenants = ?, new_tenants = ?,
				graduated = ?, jobs = ?, events = ?, attendees = ?, used_space = ?, total_space = ?, space_unit = ?, occupancy_bp = ?, assessed_by = ?,
				updated_at = ? WHERE park_id = ? AND year = ?`, append(args, as.ParkID, as.Year)...)
			if err != nil {
				return fmt.Errorf("store.SaveAssessment: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errNoAssessment()
			}
		} else {
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM startup_park_assessments WHERE park_id = ? AND year = ?", as.ParkID, as.Year).Scan(&n); err != nil {
				return fmt.Errorf("store.SaveAssessment: %w", err)
			}
			if n > 0 {
				return apperr.New(apperr.Conflict, p.Name+" "+strconv.Itoa(as.Year)+" 年度的考核已登记，请打开后修改")
			}
			if _, err := tx.Exec(ctx, `INSERT INTO startup_park_assessments (score, grade, comment, as_of, tenants, new_tenants, graduated, jobs,
				events, attendees, used_space, total_space, space_unit, occupancy_bp, assessed_by, created_at, updated_at, park_id, year)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args[:len(args)-1], now, now, as.ParkID, as.Year)...); err != nil {
				return fmt.Errorf("store.SaveAssessment: %w", err)
			}
		}
		return tx.Audit(ctx, a, "startup.park.assess", "startup_park", p.ID, fmt.Sprintf("%s %s %d 年度考核：%d 分，%s（在园企业 %d 家，带动就业 %d 人，活动 %d 场，入驻率 %s）",
			verb, p.Name, as.Year, as.Score, as.Grade.Label(), f.Tenants, f.Jobs, f.Events, f.OccupancyText()), "ok")
	})
}

// OpenPosts returns the published posts of the firms in a park now,
// newest first (the caller keeps the ones still open on its day).
func (ps ParkStore) OpenPosts(ctx context.Context, parkID int64, limit int) ([]*jobs.Post, error) {
	rows, err := ps.db.query(ctx, "SELECT "+postCols+postFrom+` WHERE p.status = ? AND p.enterprise_id IN
		(SELECT t.enterprise_id FROM startup_park_tenants t WHERE t.park_id = ? AND t.status = 'in') ORDER BY p.id DESC LIMIT `+
		strconv.Itoa(clampLimit(limit, 50, 200)), string(jobs.Published), parkID)
	if err != nil {
		return nil, fmt.Errorf("store.ParkPosts: %w", err)
	}
	out, err := scanPosts(rows)
	if err != nil {
		return nil, fmt.Errorf("store.ParkPosts: %w", err)
	}
	return out, nil
}
