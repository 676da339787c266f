package store

// 心理咨询: slots and bookings. A slot is taken by one conditional UPDATE
// and the partial unique index keeps one live booking per slot; the
// person's concern and the counsellor's notes are sealed, and only
// BookingFull opens them (the app decides who may call it).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/counsel"
)

// CounselStore is the tables of 心理咨询.
type CounselStore struct{ db *DB }

// Counsel is the store of 心理咨询.
func (db *DB) Counsel() CounselStore { return CounselStore{db} }

func errNoCounselBooking() error { return apperr.New(apperr.NotFound, "预约不存在") }

const counselSlotCols = `s.id, s.counsellor_id, u.name, s.starts_at, s.ends_at, s.mode, s.place, s.booked, s.cancelled, s.created_at`

const counselSlotFrom = ` FROM counsel_slots s JOIN users u ON u.id = s.counsellor_id`

func scanCounselSlot(s interface{ Scan(...any) error }) (counsel.Slot, error) {
	var sl counsel.Slot
	var mode string
	err := s.Scan(&sl.ID, &sl.CounsellorID, &sl.Counsellor, &sl.Start, &sl.End, &mode, &sl.Place, &sl.Booked, &sl.Cancelled, &sl.CreatedAt)
	sl.Mode, sl.Start, sl.End, sl.CreatedAt = counsel.Mode(mode), sl.Start.UTC(), sl.End.UTC(), sl.CreatedAt.UTC()
	return sl, err
}

// AddSlots stores a counsellor's new slots in one transaction; one that
// overlaps a slot of theirs not cancelled is a field error and nothing is written.
func (cs CounselStore) AddSlots(ctx context.Context, a Actor, counsellorID int64, slots []counsel.Slot) error {
	return cs.db.Write(ctx, func(tx *Tx) error {
		now := cs.db.Now()
		for i, s := range slots {
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM counsel_slots WHERE counsellor_id = ? AND NOT cancelled AND starts_at < ? AND ends_at > ?",
				counsellorID, s.End.UTC(), s.Start.UTC()).Scan(&n); err != nil {
				return fmt.Errorf("store.AddSlots: %w", err)
			}
			if n > 0 {
				return apperr.Field(fmt.Sprintf("slots.%d.start", i), "与您已开放的时段重叠："+s.Text())
			}
			if _, err := tx.Exec(ctx, "INSERT INTO counsel_slots (counsellor_id, starts_at, ends_at, mode, place, created_at) VALUES (?, ?, ?, ?, ?, ?)",
				counsellorID, s.Start.UTC(), s.End.UTC(), string(s.Mode), s.Place, now); err != nil {
				return fmt.Errorf("store.AddSlots: %w", err)
			}
		}
		return tx.Audit(ctx, a, "counsel.slots.add", "user", counsellorID, fmt.Sprintf("开放咨询时段 %d 个", len(slots)), "ok")
	})
}

// CancelSlot withdraws a counsellor's unbooked slot.
func (cs CounselStore) CancelSlot(ctx context.Context, counsellorID, slotID int64) error {
	return cs.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE counsel_slots SET cancelled = TRUE WHERE id = ? AND counsellor_id = ? AND NOT booked AND NOT cancelled", slotID, counsellorID)
		if err != nil {
			return fmt.Errorf("store.CancelSlot: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "该时段已被预约或已撤回；已预约的请在预约里取消")
		}
		return nil
	})
}

// OpenSlots lists the slots not booked or cancelled starting after from,
// soonest first.
func (cs CounselStore) OpenSlots(ctx context.Context, from time.Time, limit int) ([]counsel.Slot, error) {
	return cs.slots(ctx, " WHERE NOT s.booked AND NOT s.cancelled AND s.starts_at > ? ORDER BY s.starts_at, s.id LIMIT ?", from.UTC(), limit)
}

// SlotsOf lists a counsellor's slots starting after from.
func (cs CounselStore) SlotsOf(ctx context.Context, counsellorID int64, from time.Time) ([]counsel.Slot, error) {
	return cs.slots(ctx, " WHERE s.counsellor_id = ? AND s.starts_at > ? ORDER BY s.starts_at, s.id LIMIT 500", counsellorID, from.UTC())
}

func (cs CounselStore) slots(ctx context.Context, where string, args ...any) ([]counsel.Slot, error) {
	rows, err := cs.db.query(ctx, "SELECT "+counselSlotCols+counselSlotFrom+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store.counselSlots: %w", err)
	}
	defer rows.Close()
	var out []counsel.Slot
	for rows.Next() {
		s, err := scanCounselSlot(rows)
		if err != nil {
			return nil, fmt.Errorf("store.counselSlots: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Book takes an open slot for a person, with their sealed concern, and
// tells the counsellor (tell). A slot already taken is a Conflict.
func (cs CounselStore) Book(ctx context.Context, slotID, personID int64, concern string, now time.Time, tell func(counsel.Slot) *NotifyMsg) (int64, error) {
	var id int64
	err := cs.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE counsel_slots SET booked = TRUE WHERE id = ? AND NOT booked AND NOT cancelled AND starts_at > ?", slotID, now.UTC())
		if err != nil {
			return fmt.Errorf("store.Book: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "这个时段刚被别人预约或已撤回，请选择其他时段")
		}
		id, err = tx.InsertID(ctx, "INSERT INTO counsel_bookings (slot_id, person_id, status, concern_enc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			slotID, personID, string(counsel.Booked), cs.db.sealText(concern), now, now)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, "这个时段刚被别人预约，请选择其他时段")
		}
		if err != nil {
			return fmt.Errorf("store.Book: %w", err)
		}
		s, err := scanCounselSlot(tx.QueryRow(ctx, "SELECT "+counselSlotCols+counselSlotFrom+" WHERE s.id = ?", slotID))
		if err != nil {
			return fmt.Errorf("store.Book: %w", err)
		}
		return tx.notifyMsg(ctx, tell(s))
	})
	return id, err
}

const counselBookingCols = `b.id, b.person_id, p.name, b.status, b.created_at, b.updated_at, ` + counselSlotCols

const counselBookingFrom = ` FROM counsel_bookings b JOIN persons p ON p.id = b.person_id JOIN counsel_slots s ON s.id = b.slot_id JOIN users u ON u.id = s.counsellor_id`

func scanCounselBooking(s interface{ Scan(...any) error }, extra ...any) (*counsel.Booking, error) {
	var b counsel.Booking
	var status, mode string
	dest := append([]any{&b.ID, &b.PersonID, &b.PersonName, &status, &b.CreatedAt, &b.UpdatedAt,
		&b.Slot.ID, &b.Slot.CounsellorID, &b.Slot.Counsellor, &b.Slot.Start, &b.Slot.End, &mode, &b.Slot.Place, &b.Slot.Booked, &b.Slot.Cancelled,
		&b.Slot.CreatedAt}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	b.Status, b.Slot.Mode = counsel.Status(status), counsel.Mode(mode)
	b.Slot.Start, b.Slot.End, b.CreatedAt, b.UpdatedAt = b.Slot.Start.UTC(), b.Slot.End.UTC(), b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	return &b, nil
}

// Booking returns a booking without its sealed concern and notes, or NotFound.
func (cs CounselStore) Booking(ctx context.Context, id int64) (*counsel.Booking, error) {
	b, err := scanCounselBooking(cs.db.queryRow(ctx, "SELECT "+counselBookingCols+counselBookingFrom+" WHERE b.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoCounselBooking()
	}
	if err != nil {
		return nil, fmt.Errorf("store.Booking: %w", err)
	}
	return b, nil
}

// BookingFull returns a booking with its concern and notes opened.
func (cs CounselStore) BookingFull(ctx context.Context, id int64) (*counsel.Booking, error) {
	var concern, notes []byte
	b, err := scanCounselBooking(cs.db.queryRow(ctx, "SELECT "+counselBookingCols+", b.concern_enc, b.notes_enc"+counselBookingFrom+" WHERE b.id = ?", id),
		&concern, &notes)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoCounselBooking()
	}
	if err != nil {
		return nil, fmt.Errorf("store.BookingFull: %w", err)
	}
	if b.Concern, err = cs.db.openText(concern); err != nil {
		return nil, fmt.Errorf("store.BookingFull: %w", err)
	}
	if b.Notes, err = cs.db.openText(notes); err != nil {
		return nil, fmt.Errorf("store.BookingFull: %w", err)
	}
	return b, nil
}

// BookingsOfPerson lists a person's bookings (no concern or notes), latest first.
func (cs CounselStore) BookingsOfPerson(ctx context.Context, personID int64) ([]*counsel.Booking, error) {
	return cs.bookings(ctx, " WHERE b.person_id = ? ORDER BY s.starts_at DESC LIMIT 200", personID)
}

// BookingsOf lists a counsellor's bookings from from (no concern or notes), soonest first.
func (cs CounselStore) BookingsOf(ctx context.Context, counsellorID int64, from time.Time) ([]*counsel.Booking, error) {
	return cs.bookings(ctx, " WHERE s.counsellor_id = ? AND s.ends_at > ? ORDER BY s.starts_at LIMIT 500", counsellorID, from.UTC())
}

func (cs CounselStore) bookings(ctx context.Context, where string, args ...any) ([]*counsel.Booking, error) {
	rows, err := cs.db.query(ctx, "SELECT "+counselBookingCols+counselBookingFrom+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store.counselBookings: %w", err)
	}
	defer rows.Close()
	var out []*counsel.Booking
	for rows.Next() {
		b, err := scanCounselBooking(rows)
		if err != nil {
			return nil, fmt.Errorf("store.counselBookings: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// BookingChange is a change of a booking: a new status (the slot is freed
// when cancelled) and/or notes (sealed), checked under the lock by Check,
// audited as Action, with an optional message.
type BookingChange struct {
	ID     int64
	Status counsel.Status // "" keeps it
	Notes  *string        // nil keeps them
	Now    time.Time
	Check  func(*counsel.Booking) error
	Action string
	Tell   func(*counsel.Booking) *NotifyMsg
}

// ChangeBooking applies c in one transaction.
func (cs CounselStore) ChangeBooking(ctx context.Context, a Actor, c BookingChange) error {
	return cs.db.Write(ctx, func(tx *Tx) error {
		b, err := scanCounselBooking(tx.QueryRow(ctx, "SELECT "+counselBookingCols+counselBookingFrom+" WHERE b.id = ?"+cs.db.dialect.forUpdateOf("b"), c.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoCounselBooking()
		}
		if err != nil {
			return fmt.Errorf("store.ChangeBooking: %w", err)
		}
		if err := c.Check(b); err != nil {
			return err
		}
		if c.Status != "" {
			if _, err := tx.Exec(ctx, "UPDATE counsel_bookings SET status = ?, updated_at = ? WHERE id = ?", string(c.Status), c.Now, c.ID); err != nil {
				return fmt.Errorf("store.ChangeBooking: %w", err)
			}
			if c.Status == counsel.Cancelled {
				if _, err := tx.Exec(ctx, "UPDATE counsel_slots SET booked = FALSE WHERE id = ?", b.Slot.ID); err != nil {
					return fmt.Errorf("store.ChangeBooking: %w", err)
				}
			}
			b.Status = c.Status
		}
		if c.Notes != nil {
			if _, err := tx.Exec(ctx, "UPDATE counsel_bookings SET notes_enc = ?, updated_at = ? WHERE id = ?", cs.db.sealText(*c.Notes), c.Now, c.ID); err != nil {
				return fmt.Errorf("store.ChangeBooking: %w", err)
			}
		}
		if c.Tell != nil {
			if err := tx.notifyMsg(ctx, c.Tell(b)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, a, c.Action, "counsel_booking", c.ID, "", "ok")
	})
}

// CounselCounts are each counsellor's figures (never who or what).
func (cs CounselStore) CounselCounts(ctx context.Context, now time.Time) ([]counsel.Counts, error) {
	rows, err := cs.db.query(ctx, `SELECT u.id, u.name,
		(SELECT COUNT(*) FROM counsel_slots s WHERE s.counsellor_id = u.id AND NOT s.cancelled),
		(SELECT COUNT(*) FROM counsel_bookings b JOIN counsel_slots s ON s.id = b.slot_id WHERE s.counsellor_id = u.id AND b.status = 'booked' AND s.starts_at > ?),
		(SELECT COUNT(*) FROM counsel_bookings b JOIN counsel_slots s ON s.id = b.slot_id WHERE s.counsellor_id = u.id AND b.status = 'done'),
		(SELECT COUNT(*) FROM counsel_bookings b JOIN counsel_slots s ON s.id = b.slot_id WHERE s.counsellor_id = u.id AND b.status = 'no_show'),
		(SELECT COUNT(*) FROM counsel_bookings b JOIN counsel_slots s ON s.id = b.slot_id WHERE s.counsellor_id = u.id AND b.status = 'cancelled')
		FROM users u WHERE u.role = 'counsellor' ORDER BY u.name, u.id`, now.UTC())
	if err != nil {
		return nil, fmt.Errorf("store.CounselCounts: %w", err)
	}
	defer rows.Close()
	var out []counsel.Counts
	for rows.Next() {
		var c counsel.Counts
		if err := rows.Scan(&c.CounsellorID, &c.Counsellor, &c.Slots, &c.Booked, &c.Done, &c.NoShow, &c.Cancelled); err != nil {
			return nil, fmt.Errorf("store.CounselCounts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SlotByID returns a slot, or NotFound.
func (cs CounselStore) SlotByID(ctx context.Context, id int64) (counsel.Slot, error) {
	s, err := scanCounselSlot(cs.db.queryRow(ctx, "SELECT "+counselSlotCols+counselSlotFrom+" WHERE s.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, apperr.New(apperr.NotFound, "咨询时段不存在")
	}
	if err != nil {
		return s, fmt.Errorf("store.SlotByID: %w", err)
	}
	return s, nil
}

// CounselHistory is a slot and its booking as they stood, for demo data:
// PersonID 0 for a slot nobody booked.
type CounselHistory struct {
	Slot           counsel.Slot
	PersonID       int64
	Status         counsel.Status
	Concern, Notes string
	At             time.Time
}

// InsertHistory writes slots and their bookings in one transaction (demo data).
func (cs CounselStore) InsertHistory(ctx context.Context, list []CounselHistory) error {
	return cs.db.Write(ctx, func(t *Tx) error {
		for _, h := range list {
			if err := insertCounselHistory(ctx, t, h.Slot, h.PersonID, h.Status, h.Concern, h.Notes, h.At); err != nil {
				return fmt.Errorf("store.InsertHistory: %w", err)
			}
		}
		return nil
	})
}

func insertCounselHistory(ctx context.Context, t *Tx, s counsel.Slot, personID int64, status counsel.Status, concern, notes string, at time.Time) error {
	slotID, err := t.InsertID(ctx, "INSERT INTO counsel_slots (counsellor_id, starts_at, ends_at, mode, place, booked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		s.CounsellorID, s.Start.UTC(), s.End.UTC(), string(s.Mode), s.Place, personID != 0 && status != counsel.Cancelled, at)
	if err != nil || personID == 0 {
		return err
	}
	_, err = t.Exec(ctx, "INSERT INTO counsel_bookings (slot_id, person_id, status, concern_enc, notes_enc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		slotID, personID, string(status), t.db.sealText(concern), t.db.sealText(notes), at, at)
	return err
}
