package store

// 技能培训: the designated providers with their scope, and their classes
// with sessions. Every change is written with its audit entry in one
// transaction; a status change reads the row locked (PostgreSQL) and
// refuses a change from a status it does not start from, so two staff
// acting at once cannot both succeed.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/training"
)

// TrainingStore is the tables of 技能培训.
type TrainingStore struct{ db *DB }

// Training is the store of 技能培训.
func (db *DB) Training() TrainingStore { return TrainingStore{db} }

func errNoProvider() error      { return apperr.New(apperr.NotFound, "培训机构不存在") }
func errNoTrainingClass() error { return apperr.New(apperr.NotFound, "培训班不存在") }

const providerCols = `id, name, kind, enterprise_id, region_code, address, contact_name, contact_phone_enc, intro, status, reason, created_at, updated_at`

func scanProvider(db *DB, s interface{ Scan(...any) error }) (*training.Provider, error) {
	var p training.Provider
	var kind, status string
	var ent sql.NullInt64
	var phone []byte
	if err := s.Scan(&p.ID, &p.Name, &kind, &ent, &p.RegionCode, &p.Address, &p.ContactName, &phone, &p.Intro, &status, &p.Reason,
		&p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	var err error
	if p.ContactPhone, err = db.box.Open(phone); err != nil {
		return nil, err
	}
	p.Kind, p.Status, p.EnterpriseID = training.Kind(kind), training.Status(status), ent.Int64
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

// CreateProvider stores an application (or staff's registration), audited;
// a name already registered is a field error on name.
func (ts TrainingStore) CreateProvider(ctx context.Context, a Actor, p *training.Provider) error {
	return ts.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_providers WHERE name = ?", p.Name).Scan(&n); err != nil {
			return fmt.Errorf("store.CreateProvider: %w", err)
		}
		if n > 0 {
			return apperr.Field("name", "已有同名的培训（评价）机构")
		}
		now := ts.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO training_providers (name, kind, enterprise_id, region_code, address, contact_name, contact_phone_enc,
			intro, status, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.Name, string(p.Kind), nullID(p.EnterpriseID), p.RegionCode, p.Address, p.ContactName, ts.db.box.Seal(p.ContactPhone), p.Intro,
			string(p.Status), p.Reason, now, now)
		if err != nil {
			return fmt.Errorf("store.CreateProvider: %w", err)
		}
		for i, it := range p.Scope {
			if _, err := tx.Exec(ctx, "INSERT INTO training_provider_scope (provider_id, occupation_code, level, seq) VALUES (?, ?, ?, ?)",
				id, it.Occupation, int(it.Level), i); err != nil {
				return fmt.Errorf("store.CreateProvider scope: %w", err)
			}
		}
		p.ID, p.CreatedAt, p.UpdatedAt = id, now, now
		return tx.Audit(ctx, a, "training.provider.create", "training_provider", id,
			fmt.Sprintf("%s：%s（%s，范围 %d 项）", map[bool]string{true: "登记培训机构", false: "申请认定"}[p.Status == training.StatusDesignated],
				p.Name, p.Kind.Label(), len(p.Scope)), "ok")
	})
}

// SetProviderStatus moves a provider from one of from to to, with the
// reason, audited as action; any other current status is a Conflict.
func (ts TrainingStore) SetProviderStatus(ctx context.Context, a Actor, id int64, from []training.Status, to training.Status, reason, action string) error {
	return ts.db.Write(ctx, func(tx *Tx) error {
		p, err := scanProvider(ts.db, tx.QueryRow(ctx, "SELECT "+providerCols+" FROM training_providers WHERE id = ?"+ts.db.dialect.forUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoProvider()
		}
		if err != nil {
			return fmt.Errorf("store.SetProviderStatus: %w", err)
		}
		ok := false
		for _, s := range from {
			ok = ok || p.Status == s
		}
		if !ok {
			return apperr.New(apperr.Conflict, "该机构当前为“"+p.Status.Label()+"”，不能"+to.Verb())
		}
		if _, err := tx.Exec(ctx, "UPDATE training_providers SET status = ?, reason = ?, updated_at = ? WHERE id = ?",
			string(to), reason, ts.db.Now(), id); err != nil {
			return fmt.Errorf("store.SetProviderStatus: %w", err)
		}
		summary := p.Name + "：" + p.Status.Label() + "→" + to.Label()
		if reason != "" {
			summary += "，理由：" + reason
		}
		return tx.Audit(ctx, a, action, "training_provider", id, summary, "ok")
	})
}

// ProviderByID returns a provider with its scope, or NotFound.
func (ts TrainingStore) ProviderByID(ctx context.Context, id int64) (*training.Provider, error) {
	p, err := scanProvider(ts.db, ts.db.queryRow(ctx, "SELECT "+providerCols+" FROM training_providers WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoProvider()
	}
	if err != nil {
		return nil, fmt.Errorf("store.ProviderByID: %w", err)
	}
	if err := ts.withScope(ctx, []*training.Provider{p}); err != nil {
		return nil, err
	}
	return p, nil
}

// ProviderFilter selects providers; zero fields select all.
type ProviderFilter struct {
	Status       training.Status
	Kind         training.Kind
	EnterpriseID int64
}

// Providers lists the providers matching f by name, with their scope.
func (ts TrainingStore) Providers(ctx context.Context, f ProviderFilter) ([]*training.Provider, error) {
	var conds []string
	var args []any
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, string(f.Status))
	}
	if f.Kind != "" {
		conds, args = append(conds, "kind = ?"), append(args, string(f.Kind))
	}
	if f.EnterpriseID != 0 {
		conds, args = append(conds, "enterprise_id = ?"), append(args, f.EnterpriseID)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := ts.db.query(ctx, "SELECT "+providerCols+" FROM training_providers"+where+" ORDER BY name, id LIMIT 1000", args...)
	if err != nil {
		return nil, fmt.Errorf("store.Providers: %w", err)
	}
	defer rows.Close()
	var out []*training.Provider
	for rows.Next() {
		p, err := scanProvider(ts.db, rows)
		if err != nil {
			return nil, fmt.Errorf("store.Providers: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, ts.withScope(ctx, out)
}

// withScope reads the providers' scope items in their order.
func (ts TrainingStore) withScope(ctx context.Context, ps []*training.Provider) error {
	if len(ps) == 0 {
		return nil
	}
	byID, ph, args := idsIn(ps, func(x *training.Provider) int64 { return x.ID })
	rows, err := ts.db.query(ctx, "SELECT provider_id, occupation_code, level FROM training_provider_scope WHERE provider_id IN ("+ph+
		") ORDER BY provider_id, seq", args...)
	if err != nil {
		return fmt.Errorf("store.providerScope: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var it training.ScopeItem
		if err := rows.Scan(&id, &it.Occupation, &it.Level); err != nil {
			return fmt.Errorf("store.providerScope: %w", err)
		}
		byID[id].Scope = append(byID[id].Scope, it)
	}
	return rows.Err()
}

const classCols = `c.id, c.provider_id, p.name, c.title, c.type, c.occupation_code, c.level, c.hours, c.capacity, c.enrolled, c.fee_yuan, c.region_code,
	c.status, c.reason, c.subsidy_yuan, c.subsidy_source, c.created_at, c.updated_at`

const classFrom = " FROM training_classes c JOIN training_providers p ON p.id = c.provider_id"

func scanClass(s interface{ Scan(...any) error }) (*training.Class, error) {
	var c training.Class
	var typ, status string
	if err := s.Scan(&c.ID, &c.ProviderID, &c.ProviderName, &c.Title, &typ, &c.Occupation, &c.Level, &c.Hours, &c.Capacity, &c.Enrolled, &c.FeeYuan,
		&c.RegionCode, &status, &c.Reason, &c.SubsidyYuan, &c.SubsidySource, &c.CreatedAt, &c.UpdatedAt); err != nil {
		return nil, err
	}
	c.Type, c.Status = training.ClassType(typ), training.ClassStatus(status)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

// CreateClass stores a class (pending) with its sessions, audited.
func (ts TrainingStore) CreateClass(ctx context.Context, a Actor, c *training.Class) error {
	return ts.db.Write(ctx, func(tx *Tx) error {
		now := ts.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO training_classes (provider_id, title, type, occupation_code, level, hours, capacity, fee_yuan,
			region_code, start_on, end_on, status, reason, subsidy_yuan, subsidy_source, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ProviderID, c.Title, string(c.Type), c.Occupation, int(c.Level), c.Hours, c.Capacity, c.FeeYuan, c.RegionCode,
			nullDate(c.Start()), nullDate(c.End()), string(c.Status), "", c.SubsidyYuan, c.SubsidySource, now, now)
		if err != nil {
			return fmt.Errorf("store.CreateClass: %w", err)
		}
		if err := insertSessions(ctx, tx, id, c.Sessions); err != nil {
			return err
		}
		c.ID, c.CreatedAt, c.UpdatedAt = id, now, now
		return tx.Audit(ctx, a, "training.class.create", "training_class", id, fmt.Sprintf("开班申请：%s（%s，%s，%d 课时，%d 人，%d 次课）",
			c.Title, c.Type.Label(), c.Level.Label(), c.Hours, c.Capacity, len(c.Sessions)), "ok")
	})
}

func insertSessions(ctx context.Context, tx *Tx, classID int64, ss []training.Session) error {
	for i, s := range ss {
		if _, err := tx.Exec(ctx, "INSERT INTO training_sessions (class_id, seq, held_on, start_time, end_time, place) VALUES (?, ?, ?, ?, ?, ?)",
			classID, i, nullDate(s.Date), s.Start, s.End, s.Place); err != nil {
			return fmt.Errorf("store.trainingSessions: %w", err)
		}
	}
	return nil
}

// UpdateClass replaces a pending or returned class (the provider's
// correction), which goes back to pending; audited.
func (ts TrainingStore) UpdateClass(ctx context.Context, a Actor, c *training.Class) error {
	return ts.db.Write(ctx, func(tx *Tx) error {
		var status string
		err := tx.QueryRow(ctx, "SELECT status FROM training_classes WHERE id = ?"+ts.db.dialect.forUpdate(), c.ID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoTrainingClass()
		}
		if err != nil {
			return fmt.Errorf("store.UpdateClass: %w", err)
		}
		if training.ClassStatus(status) == training.ClassApproved {
			return apperr.New(apperr.Conflict, "培训班已备案，不能再修改")
		}
		now := ts.db.Now()
		if _, err := tx.Exec(ctx, `UPDATE training_classes SET title = ?, type = ?, occupation_code = ?, level = ?, hours = ?, capacity = ?, fee_yuan = ?,
			region_code = ?, start_on = ?, end_on = ?, status = ?, reason = '', subsidy_yuan = ?, subsidy_source = ?, updated_at = ? WHERE id = ?`,
			c.Title, string(c.Type), c.Occupation, int(c.Level), c.Hours, c.Capacity, c.FeeYuan, c.RegionCode, nullDate(c.Start()), nullDate(c.End()),
			string(training.ClassPending), c.SubsidyYuan, c.SubsidySource, now, c.ID); err != nil {
			return fmt.Errorf("store.UpdateClass: %w", err)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM training_sessions WHERE class_id = ?", c.ID); err != nil {
			return fmt.Errorf("store.UpdateClass: %w", err)
		}
		if err := insertSessions(ctx, tx, c.ID, c.Sessions); err != nil {
			return err
		}
		return tx.Audit(ctx, a, "training.class.update", "training_class", c.ID, "修改并重新提交开班申请："+c.Title, "ok")
	})
}

// ReviewClass files (approve) or returns a pending class, audited; the
// standard found when filing replaces the one saved with the class. A
// class not pending is a Conflict.
func (ts TrainingStore) ReviewClass(ctx context.Context, a Actor, id int64, approve bool, reason string, subsidy int, source string) error {
	return ts.db.Write(ctx, func(tx *Tx) error {
		var status, title string
		err := tx.QueryRow(ctx, "SELECT status, title FROM training_classes WHERE id = ?"+ts.db.dialect.forUpdate(), id).Scan(&status, &title)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoTrainingClass()
		}
		if err != nil {
			return fmt.Errorf("store.ReviewClass: %w", err)
		}
		if training.ClassStatus(status) != training.ClassPending {
			return apperr.New(apperr.Conflict, "该培训班当前为“"+training.ClassStatus(status).Label()+"”，不是待备案")
		}
		now := ts.db.Now()
		if approve {
			_, err = tx.Exec(ctx, "UPDATE training_classes SET status = ?, reason = '', subsidy_yuan = ?, subsidy_source = ?, updated_at = ? WHERE id = ?",
				string(training.ClassApproved), subsidy, source, now, id)
		} else {
			_, err = tx.Exec(ctx, "UPDATE training_classes SET status = ?, reason = ?, updated_at = ? WHERE id = ?", string(training.ClassReturned), reason, now, id)
		}
		if err != nil {
			return fmt.Errorf("store.ReviewClass: %w", err)
		}
		if approve {
			return tx.Audit(ctx, a, "training.class.approve", "training_class", id, "开班备案："+title+"，补贴标准 "+strconv.Itoa(subsidy)+" 元/人", "ok")
		}
		return tx.Audit(ctx, a, "training.class.return", "training_class", id, "退回开班申请："+title+"，理由："+reason, "ok")
	})
}

// ClassByID returns a class with its sessions, or NotFound.
func (ts TrainingStore) ClassByID(ctx context.Context, id int64) (*training.Class, error) {
	c, err := scanClass(ts.db.queryRow(ctx, "SELECT "+classCols+classFrom+" WHERE c.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoTrainingClass()
	}
	if err != nil {
		return nil, fmt.Errorf("store.ClassByID: %w", err)
	}
	return c, ts.withSessions(ctx, []*training.Class{c})
}

// ClassFilter selects classes; zero fields select all.
type ClassFilter struct {
	ProviderID int64
	Status     training.ClassStatus
	Type       training.ClassType
	Occupation string    // exactly this occupation code
	Region     string    // the region code or any below it (a district: its streets)
	From       time.Time // starting on or after
	Free       bool      // no fee
	Subsidised bool      // a subsidy standard applies
	Limit      int       // 0: 1000
	Offset     int
}

// Classes returns a page of the classes matching f, soonest start first,
// and how many match in all.
func (ts TrainingStore) Classes(ctx context.Context, f ClassFilter) ([]*training.Class, int, error) {
	var conds []string
	var args []any
	add := func(cond string, arg any) { conds, args = append(conds, cond), append(args, arg) }
	if f.ProviderID != 0 {
		add("c.provider_id = ?", f.ProviderID)
	}
	if f.Status != "" {
		add("c.status = ?", string(f.Status))
	}
	if f.Type != "" {
		add("c.type = ?", string(f.Type))
	}
	if f.Occupation != "" {
		add("c.occupation_code = ?", f.Occupation)
	}
	if f.Region != "" {
		add("c.region_code LIKE ?", f.Region+"%")
	}
	if !f.From.IsZero() {
		add("c.start_on >= ?", nullDate(f.From))
	}
	if f.Free {
		conds = append(conds, "c.fee_yuan = 0")
	}
	if f.Subsidised {
		conds = append(conds, "c.subsidy_yuan > 0")
	}
	out, total, err := pageOf(ctx, ts.db, "store.Classes", classCols, classFrom, conds, args, "c.start_on, c.id", f.Limit, f.Offset,
		func(rows *sql.Rows) (*training.Class, error) { return scanClass(rows) })
	if err != nil {
		return nil, 0, err
	}
	return out, total, ts.withSessions(ctx, out)
}

// withSessions reads the classes' sessions in order.
func (ts TrainingStore) withSessions(ctx context.Context, cs []*training.Class) error {
	if len(cs) == 0 {
		return nil
	}
	byID, ph, args := idsIn(cs, func(x *training.Class) int64 { return x.ID })
	rows, err := ts.db.query(ctx, "SELECT class_id, id, held_on, start_time, end_time, place FROM training_sessions WHERE class_id IN ("+ph+
		") ORDER BY class_id, seq", args...)
	if err != nil {
		return fmt.Errorf("store.trainingSessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var s training.Session
		if err := rows.Scan(&id, &s.ID, &s.Date, &s.Start, &s.End, &s.Place); err != nil {
			return fmt.Errorf("store.trainingSessions: %w", err)
		}
		s.Date = s.Date.UTC()
		byID[id].Sessions = append(byID[id].Sessions, s)
	}
	return rows.Err()
}
