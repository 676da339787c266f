package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/registry"
)

const personCols = `id, name, id_enc, phone_enc, education, graduation_date,
	hukou_region, residence_region, employment_status, registered_unemployed, difficulty_category, veteran, created_at, updated_at`

// scanPerson reads a person row. Nothing that narrows the ID number or the
// phone is stored in clear, so both are always decrypted: the masks, the
// birth date and the gender are derived from them here. decrypt=false then
// drops the full values (lists and batch jobs only need the derived ones).
func (tb RegistryStore) scanPerson(s interface{ Scan(...any) error }, decrypt bool) (*registry.Person, error) {
	var p registry.Person
	var idEnc, phEnc []byte
	var grad sql.NullTime
	err := s.Scan(&p.ID, &p.Name, &idEnc, &phEnc, &p.Education, &grad,
		&p.HukouRegion, &p.ResidenceRegion, &p.EmploymentStatus, &p.RegisteredUnemployed, &p.DifficultyCategory, &p.Veteran,
		&p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if grad.Valid {
		p.GraduationDate = grad.Time.UTC()
	}
	if p.IDNumber, err = tb.db.box.Open(idEnc); err != nil {
		return nil, err
	}
	if p.Phone, err = tb.db.box.Open(phEnc); err != nil {
		return nil, err
	}
	p.Birth, p.Male, _ = registry.IDFacts(p.IDNumber)
	p.IDMasked, p.PhoneMasked = registry.MaskID(p.IDNumber), registry.MaskPhone(p.Phone)
	if !decrypt {
		p.IDNumber, p.Phone = "", ""
	}
	return &p, nil
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(24 * time.Hour)
}

// CreatePerson inserts a validated person inside tx. A duplicate ID number
// is a Conflict on field id_number.
func (t *Tx) CreatePerson(ctx context.Context, p *registry.Person) error {
	now := t.db.Now()
	b := t.db.box
	if b.Rotating() { // the UNIQUE constraint sees only the current key's index
		cond, args := inIndexes("id_idx", b.Indexes("id", p.IDNumber))
		var n int
		if err := t.QueryRow(ctx, "SELECT COUNT(*) FROM persons WHERE "+cond, args...).Scan(&n); err != nil {
			return fmt.Errorf("store.CreatePerson: %w", err)
		}
		if n > 0 {
			return errIDTaken
		}
	}
	id, err := t.InsertID(ctx, `INSERT INTO persons (name, id_enc, id_idx, phone_enc, phone_idx, birth_year, male,
		education, graduation_date, hukou_region, residence_region, employment_status, registered_unemployed, difficulty_category,
		veteran, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.Name, b.Seal(p.IDNumber), b.Index("id", p.IDNumber),
		b.Seal(p.Phone), nullStr(b.Index("phone", p.Phone)), p.Birth.Year(), p.Male,
		p.Education, nullDate(p.GraduationDate), p.HukouRegion, p.ResidenceRegion, p.EmploymentStatus, p.RegisteredUnemployed,
		p.DifficultyCategory, p.Veteran, now, now)
	if isUniqueViolation(err) {
		return errIDTaken
	}
	if err != nil {
		return fmt.Errorf("store.CreatePerson: %w", err)
	}
	p.ID, p.CreatedAt, p.UpdatedAt = id, now, now
	p.IDMasked, p.PhoneMasked = registry.MaskID(p.IDNumber), registry.MaskPhone(p.Phone)
	return nil
}

var errIDTaken = &apperr.Error{Code: apperr.Conflict, Message: "该身份证号已登记",
	Fields: map[string]string{"id_number": "该身份证号已登记，请直接登录或联系经办人员"}}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// RegisterPerson creates a person and their login account in one
// transaction with an audit entry: either both exist afterwards or neither.
func (tb RegistryStore) RegisterPerson(ctx context.Context, a Actor, p *registry.Person, u *account.User, passwordHash string, also ...func(*Tx) error) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		for _, f := range also { // e.g. spending the SMS code that confirmed the phone
			if err := f(tx); err != nil {
				return err
			}
		}
		if err := tx.CreatePerson(ctx, p); err != nil {
			return err
		}
		u.PersonID, u.Role = p.ID, account.RolePerson
		if err := tx.CreateUser(ctx, u, passwordHash); err != nil {
			return err
		}
		if a.UserID == 0 {
			a.UserID, a.Role = u.ID, string(u.Role)
		}
		return tx.Audit(ctx, a, audit.Register, "person", p.ID, "kind=person", "ok")
	})
}

// PersonByID returns a person with decrypted ID number and phone, or NotFound.
// Callers decide whether the viewer may see them and audit the view.
func (tb RegistryStore) PersonByID(ctx context.Context, id int64) (*registry.Person, error) {
	p, err := tb.scanPerson(tb.db.queryRow(ctx, "SELECT "+personCols+" FROM persons WHERE id = ?", id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("person")
	}
	if err != nil {
		return nil, fmt.Errorf("store.PersonByID: %w", err)
	}
	return p, nil
}

// UpdatePerson saves the editable fields (not the ID number, which is the
// person's identity) and audits a before/after summary of what changed.
func (tb RegistryStore) UpdatePerson(ctx context.Context, a Actor, p *registry.Person) error {
	return tb.db.Write(ctx, func(tx *Tx) error {
		old, err := tb.scanPerson(tx.QueryRow(ctx, "SELECT "+personCols+" FROM persons WHERE id = ?", p.ID), true)
		if errors.Is(err, sql.ErrNoRows) {
			return Missing("person")
		}
		if err != nil {
			return fmt.Errorf("store.UpdatePerson: %w", err)
		}
		b := tb.db.box
		now := tb.db.Now()
		_, err = tx.Exec(ctx, `UPDATE persons SET name = ?, phone_enc = ?, phone_idx = ?, education = ?,
			graduation_date = ?, hukou_region = ?, residence_region = ?, employment_status = ?, registered_unemployed = ?,
			difficulty_category = ?, veteran = ?, updated_at = ? WHERE id = ?`,
			p.Name, b.Seal(p.Phone), nullStr(b.Index("phone", p.Phone)), p.Education,
			nullDate(p.GraduationDate), p.HukouRegion, p.ResidenceRegion, p.EmploymentStatus, p.RegisteredUnemployed,
			p.DifficultyCategory, p.Veteran, now, p.ID)
		if err != nil {
			return fmt.Errorf("store.UpdatePerson: %w", err)
		}
		p.UpdatedAt = now
		return tx.Audit(ctx, a, audit.PersonUpdate, "person", p.ID, personDiff(old, p), "ok")
	})
}

// personDiff summarises changed fields as "field: old → new"; a changed
// phone is only named, since even a masked phone keeps 7 of its 11 digits.
func personDiff(old, cur *registry.Person) string {
	var parts []string
	add := func(name, a, b string) {
		if a != b {
			parts = append(parts, name+": "+a+" → "+b)
		}
	}
	add("name", old.Name, cur.Name)
	if old.Phone != cur.Phone { // no digits: the audit log is readable without the key
		parts = append(parts, "phone: 已变更")
	}
	add("education", old.Education, cur.Education)
	add("graduation_date", dateStr(old.GraduationDate), dateStr(cur.GraduationDate))
	add("hukou_region", old.HukouRegion, cur.HukouRegion)
	add("residence_region", old.ResidenceRegion, cur.ResidenceRegion)
	add("employment_status", old.EmploymentStatus, cur.EmploymentStatus)
	add("registered_unemployed", strconv.FormatBool(old.RegisteredUnemployed), strconv.FormatBool(cur.RegisteredUnemployed))
	add("difficulty_category", old.DifficultyCategory, cur.DifficultyCategory)
	add("veteran", strconv.FormatBool(old.Veteran), strconv.FormatBool(cur.Veteran))
	if len(parts) == 0 {
		return "无变更"
	}
	return strings.Join(parts, "; ")
}

func dateStr(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// SearchPersons returns masked persons matching f and the total count. An
// ID number or phone is matched exactly through its blind index.
func (tb RegistryStore) SearchPersons(ctx context.Context, f registry.PersonFilter) ([]*registry.Person, int, error) {
	where, args := " WHERE 1=1", []any{}
	q := strings.TrimSpace(f.Query)
	switch {
	case q == "":
	case looksLikeID(q):
		cond, idx := inIndexes("id_idx", tb.db.box.Indexes("id", strings.ToUpper(q)))
		where += " AND " + cond
		args = append(args, idx...)
	case looksLikePhone(q):
		ph, _ := registry.ParsePhone(q)
		cond, idx := inIndexes("phone_idx", tb.db.box.Indexes("phone", ph))
		where += " AND " + cond
		args = append(args, idx...)
	default:
		where += ` AND name LIKE ? ESCAPE '\'`
		args = append(args, likeEscape(q)+"%")
	}
	var total int
	if err := tb.db.queryRow(ctx, "SELECT COUNT(*) FROM persons"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.SearchPersons: %w", err)
	}
	rows, err := tb.db.query(ctx, "SELECT "+personCols+" FROM persons"+where+" ORDER BY id DESC LIMIT "+
		strconv.Itoa(clampLimit(f.Limit, 20, 100))+" OFFSET "+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.SearchPersons: %w", err)
	}
	defer rows.Close()
	var out []*registry.Person
	for rows.Next() {
		p, err := tb.scanPerson(rows, false)
		if err != nil {
			return nil, 0, fmt.Errorf("store.SearchPersons: %w", err)
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

func looksLikeID(q string) bool {
	_, err := registry.ParseIDNumber(q, time.Now())
	return err == nil || (len(q) == 18 && strings.Trim(strings.ToUpper(q), "0123456789X") == "")
}

func looksLikePhone(q string) bool {
	_, err := registry.ParsePhone(q)
	return err == nil
}

// PersonsAfter returns up to limit persons with id > afterID in id order,
// without their full ID number and phone: for batch jobs that walk the
// registry (the birth date and gender are derived from the decrypted ID).
func (tb RegistryStore) PersonsAfter(ctx context.Context, afterID int64, limit int) ([]*registry.Person, error) {
	rows, err := tb.db.query(ctx, "SELECT "+personCols+" FROM persons WHERE id > ? ORDER BY id LIMIT "+strconv.Itoa(clampLimit(limit, 500, 5000)), afterID)
	if err != nil {
		return nil, fmt.Errorf("store.PersonsAfter: %w", err)
	}
	defer rows.Close()
	var out []*registry.Person
	for rows.Next() {
		p, err := tb.scanPerson(rows, false)
		if err != nil {
			return nil, fmt.Errorf("store.PersonsAfter: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PersonsByIDs returns the persons of ids (those that exist), without
// their full ID number and phone: for checks over many at once (an
// activity's audience rules over a batch of sign-ups).
func (tb RegistryStore) PersonsByIDs(ctx context.Context, ids []int64) (map[int64]*registry.Person, error) {
	out := make(map[int64]*registry.Person, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		ids = ids[n:]
		rows, err := tb.db.query(ctx, "SELECT "+personCols+" FROM persons WHERE id IN ("+strings.TrimSuffix(strings.Repeat("?,", n), ",")+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store.PersonsByIDs: %w", err)
		}
		for rows.Next() {
			p, err := tb.scanPerson(rows, false)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("store.PersonsByIDs: %w", err)
			}
			out[p.ID] = p
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store.PersonsByIDs: %w", err)
		}
	}
	return out, nil
}
