package store

// 职业启蒙 school visits: the schools whose users book, the vocational
// school's rooms, and the bookings. A booking is written with its audit
// entry in one transaction that first locks the room's row, so bookings of
// one room are made one at a time; the partial unique index on (room,
// date, slot start) of live bookings is the last word, and its violation
// is the same Conflict as a slot found taken.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/schoolvisit"
)

// SchoolVisitStore is the tables of the school-visits module.
type SchoolVisitStore struct{ db *DB }

// SchoolVisits is the store of the school-visits module.
func (db *DB) SchoolVisits() SchoolVisitStore { return SchoolVisitStore{db} }

func errNoRoom() error    { return apperr.New(apperr.NotFound, "实训室不存在") }
func errNoBooking() error { return Missing("school_visit") }

// EnsureSchool returns the id of the school named name, adding it first
// when there is none (audited).
func (ss SchoolVisitStore) EnsureSchool(ctx context.Context, a Actor, name string) (int64, error) {
	var id int64
	err := ss.db.Write(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, "SELECT id FROM schools WHERE name = ?", name).Scan(&id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store.EnsureSchool: %w", err)
		}
		if id, err = tx.InsertID(ctx, "INSERT INTO schools (name, created_at) VALUES (?, ?)", name, ss.db.Now()); err != nil {
			return fmt.Errorf("store.EnsureSchool: %w", err)
		}
		return tx.Audit(ctx, a, "school.create", "school", id, "添加学校："+name, "ok")
	})
	if isUniqueViolation(err) { // added meanwhile by another request
		err = ss.db.queryRow(ctx, "SELECT id FROM schools WHERE name = ?", name).Scan(&id)
	}
	return id, err
}

const schoolCols = "id, name, address, created_at, updated_at"

func scanSchool(s interface{ Scan(...any) error }) (*schoolvisit.School, error) {
	var sc schoolvisit.School
	var upd sql.NullTime
	if err := s.Scan(&sc.ID, &sc.Name, &sc.Address, &sc.CreatedAt, &upd); err != nil {
		return nil, err
	}
	sc.CreatedAt, sc.UpdatedAt = sc.CreatedAt.UTC(), utcOf(upd)
	return &sc, nil
}

// SchoolByID returns a school, or NotFound.
func (ss SchoolVisitStore) SchoolByID(ctx context.Context, id int64) (*schoolvisit.School, error) {
	s, err := scanSchool(ss.db.queryRow(ctx, "SELECT "+schoolCols+" FROM schools WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "学校不存在")
	}
	if err != nil {
		return nil, fmt.Errorf("store.SchoolByID: %w", err)
	}
	return s, nil
}

// Schools lists the schools by name.
func (ss SchoolVisitStore) Schools(ctx context.Context) ([]*schoolvisit.School, error) {
	rows, err := ss.db.query(ctx, "SELECT "+schoolCols+" FROM schools ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("store.Schools: %w", err)
	}
	defer rows.Close()
	var out []*schoolvisit.School
	for rows.Next() {
		s, err := scanSchool(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Schools: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func dupSchool(name string) error {
	return &apperr.Error{Code: apperr.Conflict, Message: "已有同名的学校", Fields: map[string]string{"name": "已有同名的学校：" + name}}
}

// SaveSchool adds a school (ID 0) or replaces one's name and address,
// audited; a name another school has is a Conflict. Its users and
// bookings follow it by id.
func (ss SchoolVisitStore) SaveSchool(ctx context.Context, a Actor, s *schoolvisit.School) error {
	err := ss.db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM schools WHERE name = ? AND id <> ?", s.Name, s.ID).Scan(&n); err != nil {
			return fmt.Errorf("store.SaveSchool: %w", err)
		}
		if n > 0 {
			return dupSchool(s.Name)
		}
		now := ss.db.Now()
		if s.ID == 0 {
			id, err := tx.InsertID(ctx, "INSERT INTO schools (name, address, created_at) VALUES (?, ?, ?)", s.Name, s.Address, now)
			if err != nil {
				return err
			}
			s.ID, s.CreatedAt = id, now
			return tx.Audit(ctx, a, "school.create", "school", id, "添加学校："+s.Name, "ok")
		}
		var old string
		err := tx.QueryRow(ctx, "SELECT name FROM schools WHERE id = ?"+ss.db.dialect.forUpdate(), s.ID).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "学校不存在")
		}
		if err != nil {
			return fmt.Errorf("store.SaveSchool: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE schools SET name = ?, address = ?, updated_at = ? WHERE id = ?", s.Name, s.Address, now, s.ID); err != nil {
			return err
		}
		s.UpdatedAt = now
		summary := "修改学校：" + s.Name
		if old != s.Name {
			summary = "修改学校：" + old + " 改名为 " + s.Name
		}
		return tx.Audit(ctx, a, "school.update", "school", s.ID, summary, "ok")
	})
	switch {
	case isUniqueViolation(err):
		return dupSchool(s.Name)
	case err != nil && apperr.CodeOf(err) == apperr.Internal:
		return fmt.Errorf("store.SaveSchool: %w", err)
	}
	return err
}

const roomCols = "id, name, description, capacity, slots, active, created_at, updated_at"

func scanRoom(s interface{ Scan(...any) error }) (*schoolvisit.Room, error) {
	var r schoolvisit.Room
	var slots string
	if err := s.Scan(&r.ID, &r.Name, &r.Description, &r.Capacity, &slots, &r.Active, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	r.Slots, _ = schoolvisit.ParseSlots(slots)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

// SaveRoom adds a room (ID 0) or replaces one's fields, audited. A name
// another room has is a field error.
func (ss SchoolVisitStore) SaveRoom(ctx context.Context, a Actor, r *schoolvisit.Room) error {
	err := ss.db.Write(ctx, func(tx *Tx) error {
		now := ss.db.Now()
		action, summary := "school_room.update", "修改实训室："
		if r.ID == 0 {
			id, err := tx.InsertID(ctx, "INSERT INTO school_rooms (name, description, capacity, slots, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				r.Name, r.Description, r.Capacity, schoolvisit.FormatSlots(r.Slots), r.Active, now, now)
			if err != nil {
				return err
			}
			r.ID, action, summary = id, "school_room.create", "添加实训室："
		} else {
			res, err := tx.Exec(ctx, "UPDATE school_rooms SET name = ?, description = ?, capacity = ?, slots = ?, active = ?, updated_at = ? WHERE id = ?",
				r.Name, r.Description, r.Capacity, schoolvisit.FormatSlots(r.Slots), r.Active, now, r.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errNoRoom()
			}
		}
		open := "开放预约"
		if !r.Active {
			open = "暂停预约"
		}
		return tx.Audit(ctx, a, action, "school_room", r.ID, fmt.Sprintf("%s%s（%d 人，每周 %d 个时段，%s）", summary, r.Name, r.Capacity, len(r.Slots), open), "ok")
	})
	switch {
	case isUniqueViolation(err):
		return apperr.Field("name", "已有同名的实训室")
	case err != nil && apperr.CodeOf(err) == apperr.Internal:
		return fmt.Errorf("store.SaveRoom: %w", err)
	}
	return err
}

// Rooms lists the rooms in the order they were added; activeOnly leaves out
// those closed for bookings.
func (ss SchoolVisitStore) Rooms(ctx context.Context, activeOnly bool) ([]*schoolvisit.Room, error) {
	q := "SELECT " + roomCols + " FROM school_rooms"
	var args []any
	if activeOnly {
		q, args = q+" WHERE active = ?", append(args, true)
	}
	rows, err := ss.db.query(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("store.Rooms: %w", err)
	}
	defer rows.Close()
	var out []*schoolvisit.Room
	for rows.Next() {
		r, err := scanRoom(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Rooms: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RoomByID returns a room, or NotFound.
func (ss SchoolVisitStore) RoomByID(ctx context.Context, id int64) (*schoolvisit.Room, error) {
	r, err := scanRoom(ss.db.queryRow(ctx, "SELECT "+roomCols+" FROM school_rooms WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoRoom()
	}
	if err != nil {
		return nil, fmt.Errorf("store.RoomByID: %w", err)
	}
	return r, nil
}

const visitCols = `v.id, v.room_id, r.name, v.visit_date, v.slot_start, v.slot_end, v.school_id, s.name, v.grade, v.class_name, v.head_count,
	v.teacher_name, v.teacher_phone_enc, v.status, COALESCE(v.created_by, 0), v.cancel_reason, v.created_at, v.updated_at`

const visitFrom = " FROM school_visits v JOIN school_rooms r ON r.id = v.room_id JOIN schools s ON s.id = v.school_id"

func (ss SchoolVisitStore) scanVisit(s interface{ Scan(...any) error }) (*schoolvisit.Booking, error) {
	var b schoolvisit.Booking
	var phone []byte
	var status string
	if err := s.Scan(&b.ID, &b.RoomID, &b.RoomName, &b.Date, &b.Start, &b.End, &b.SchoolID, &b.SchoolName, &b.Grade, &b.ClassName,
		&b.HeadCount, &b.TeacherName, &phone, &status, &b.CreatedBy, &b.CancelReason, &b.CreatedAt, &b.UpdatedAt); err != nil {
		return nil, err
	}
	var err error
	if b.TeacherPhone, err = ss.db.box.Open(phone); err != nil {
		return nil, err
	}
	b.Status = schoolvisit.Status(status)
	b.Date, b.CreatedAt, b.UpdatedAt = dateOf(b.Date), b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	return &b, nil
}

// dateOf is a DATE column's day as midnight UTC.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Book writes a booking of b.RoomID for b.SchoolID in one transaction:
// the room's row is locked, check is given the room and the day's live
// bookings of it (it validates b and fills what the room decides, and a
// refusal writes nothing), then the booking and its audit entry go in. A
// slot booked meanwhile is schoolvisit.ErrTaken. forSchool is the school's
// name when staff book on the school's behalf ("" when the school's own
// user books), for the audit entry.
func (ss SchoolVisitStore) Book(ctx context.Context, a Actor, b *schoolvisit.Booking, forSchool string,
	check func(*schoolvisit.Room, []*schoolvisit.Booking) error) error {
	err := ss.db.Write(ctx, func(tx *Tx) error {
		room, err := scanRoom(tx.QueryRow(ctx, "SELECT "+roomCols+" FROM school_rooms WHERE id = ?"+ss.db.dialect.forUpdate(), b.RoomID))
		if errors.Is(err, sql.ErrNoRows) {
			room = nil
		} else if err != nil {
			return fmt.Errorf("store.Book: %w", err)
		}
		var day []*schoolvisit.Booking
		if room != nil && !b.Date.IsZero() {
			if day, err = ss.liveOn(ctx, tx, room.ID, b.Date); err != nil {
				return err
			}
		}
		if err := check(room, day); err != nil {
			return err
		}
		if room == nil {
			return errNoRoom()
		}
		now := ss.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO school_visits (room_id, visit_date, slot_start, slot_end, school_id, grade, class_name, head_count,
			teacher_name, teacher_phone_enc, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.RoomID, b.Date, b.Start, b.End, b.SchoolID, int(b.Grade), b.ClassName, b.HeadCount, b.TeacherName, ss.db.box.Seal(b.TeacherPhone),
			string(schoolvisit.Booked), nullID(a.UserID), now, now)
		if err != nil {
			return err
		}
		b.ID, b.Status, b.RoomName, b.CreatedBy, b.CreatedAt, b.UpdatedAt = id, schoolvisit.Booked, room.Name, a.UserID, now, now
		action, summary := "school_visit.book", fmt.Sprintf("预约职业启蒙参观：%s %s %s，%s%s %d 人",
			room.Name, b.Date.Format(time.DateOnly), b.Start, b.Grade.Label(), b.ClassName, b.HeadCount)
		if forSchool != "" {
			action, summary = "school_visit.book_for", "代"+forSchool+summary
		}
		return tx.Audit(ctx, a, action, "school_visit", id, summary, "ok")
	})
	switch {
	case isUniqueViolation(err):
		return schoolvisit.ErrTaken()
	case err != nil && apperr.CodeOf(err) == apperr.Internal:
		return fmt.Errorf("store.Book: %w", err)
	}
	return err
}

// liveOn is a room's live bookings on day.
func (ss SchoolVisitStore) liveOn(ctx context.Context, tx *Tx, roomID int64, day time.Time) ([]*schoolvisit.Booking, error) {
	rows, err := tx.Query(ctx, "SELECT "+visitCols+visitFrom+" WHERE v.room_id = ? AND v.visit_date = ? AND v.status = ?",
		roomID, day, string(schoolvisit.Booked))
	if err != nil {
		return nil, fmt.Errorf("store.liveOn: %w", err)
	}
	defer rows.Close()
	var out []*schoolvisit.Booking
	for rows.Next() {
		b, err := ss.scanVisit(rows)
		if err != nil {
			return nil, fmt.Errorf("store.liveOn: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// BookingByID returns a booking, or NotFound.
func (ss SchoolVisitStore) BookingByID(ctx context.Context, id int64) (*schoolvisit.Booking, error) {
	b, err := ss.scanVisit(ss.db.queryRow(ctx, "SELECT "+visitCols+visitFrom+" WHERE v.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoBooking()
	}
	if err != nil {
		return nil, fmt.Errorf("store.BookingByID: %w", err)
	}
	return b, nil
}

// CancelBooking cancels booking id if it is still booked and check (given
// the booking as read in the transaction) allows it, with the reason,
// audited; tell, when not nil, builds the message for whoever booked it.
func (ss SchoolVisitStore) CancelBooking(ctx context.Context, a Actor, id int64, reason string, check func(*schoolvisit.Booking) error,
	tell func(*schoolvisit.Booking) *NotifyMsg) (*schoolvisit.Booking, error) {
	var b *schoolvisit.Booking
	err := ss.db.Write(ctx, func(tx *Tx) error {
		var err error
		b, err = ss.scanVisit(tx.QueryRow(ctx, "SELECT "+visitCols+visitFrom+" WHERE v.id = ?"+ss.db.dialect.forUpdateOf("v"), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoBooking()
		}
		if err != nil {
			return fmt.Errorf("store.CancelBooking: %w", err)
		}
		if err := check(b); err != nil {
			return err
		}
		now := ss.db.Now()
		res, err := tx.Exec(ctx, "UPDATE school_visits SET status = ?, cancel_reason = ?, updated_at = ? WHERE id = ? AND status = ?",
			string(schoolvisit.Cancelled), reason, now, id, string(schoolvisit.Booked))
		if err != nil {
			return fmt.Errorf("store.CancelBooking: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "该预约已取消")
		}
		b.Status, b.CancelReason, b.UpdatedAt = schoolvisit.Cancelled, reason, now
		if tell != nil {
			if err := tx.notifyMsg(ctx, tell(b)); err != nil {
				return err
			}
		}
		summary := fmt.Sprintf("取消职业启蒙参观：%s %s %s %s", b.SchoolName, b.RoomName, b.Date.Format(time.DateOnly), b.Start)
		if reason != "" {
			summary += "，原因：" + reason
		}
		return tx.Audit(ctx, a, "school_visit.cancel", "school_visit", id, summary, "ok")
	})
	return b, err
}

// BookingFilter selects bookings: of one school or room (0: any), with a
// status ("": any), visiting from From up to To (zero: unbounded).
type BookingFilter struct {
	SchoolID, RoomID int64
	Status           schoolvisit.Status
	From, To         time.Time // days, midnight UTC
	Limit, Offset    int       // Limit 0: 1000
}

// Bookings returns a page of the bookings matching f by visit date and
// slot, and how many match in all.
func (ss SchoolVisitStore) Bookings(ctx context.Context, f BookingFilter) ([]*schoolvisit.Booking, int, error) {
	var conds []string
	var args []any
	add := func(cond string, arg any) { conds, args = append(conds, cond), append(args, arg) }
	if f.SchoolID != 0 {
		add("v.school_id = ?", f.SchoolID)
	}
	if f.RoomID != 0 {
		add("v.room_id = ?", f.RoomID)
	}
	if f.Status != "" {
		add("v.status = ?", string(f.Status))
	}
	if !f.From.IsZero() {
		add("v.visit_date >= ?", f.From)
	}
	if !f.To.IsZero() {
		add("v.visit_date <= ?", f.To)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := ss.db.queryRow(ctx, "SELECT COUNT(*) FROM school_visits v"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.Bookings: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	rows, err := ss.db.query(ctx, "SELECT "+visitCols+visitFrom+where+" ORDER BY v.visit_date, v.slot_start, v.room_id, v.id LIMIT "+
		strconv.Itoa(limit)+" OFFSET "+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.Bookings: %w", err)
	}
	defer rows.Close()
	var out []*schoolvisit.Booking
	for rows.Next() {
		b, err := ss.scanVisit(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store.Bookings: %w", err)
		}
		out = append(out, b)
	}
	return out, total, rows.Err()
}
