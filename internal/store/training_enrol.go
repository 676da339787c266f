package store

// 技能培训 enrolment and attendance. A seat is taken by one conditional
// statement, "enrolled = enrolled + 1 WHERE enrolled < capacity", as a gig
// shift's slot is: on PostgreSQL concurrent enrolments queue on the class's
// row lock and each re-checks the condition, and SQLite runs one writer at
// a time, so a class of 30 seats enrols exactly 30 whatever the
// concurrency. The person's row is locked first (PostgreSQL), so two
// enrolments of one person cannot both pass the overlap check. Every
// enrolment, withdrawal, sign-in and correction is written with its audit
// entry (and the person's message) in one transaction; a refused
// enrolment writes nothing before it is refused.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/training"
)

// EnrolRequest is one person enrolling in a class (checked by the use
// case to be filed and not yet begun).
type EnrolRequest struct {
	Class    *training.Class
	PersonID int64
	Source   training.EnrolSource
	By       int64           // the user who enrols them
	Tell     *notify.Message // the person's message; nil for none
	Mine     bool            // the person enrols themself: refusals say 您
}

func errEnrolledTwice(mine bool) error {
	if mine {
		return apperr.New(apperr.Conflict, "您已报名这个培训班，不能重复报名")
	}
	return apperr.New(apperr.Conflict, "该学员已在本班名单中")
}

// Enrol puts a person on a class's roster, audited, with their message:
// a second enrolment is a Conflict, an overlap with another class the
// person is enrolled in a field error on class_id, a full class a
// Conflict; a withdrawn enrolment is taken up again.
func (ts TrainingStore) Enrol(ctx context.Context, a Actor, r EnrolRequest) (*training.Enrolment, error) {
	var id int64
	err := ts.db.Write(ctx, func(tx *Tx) error {
		var err error
		if id, err = ts.enrolTx(ctx, tx, r); err != nil {
			return err
		}
		return ts.enrolled(ctx, tx, a, r, id)
	})
	if err != nil {
		return nil, err
	}
	return ts.EnrolmentOf(ctx, r.Class.ID, r.PersonID)
}

// enrolled writes the audit entry and the message of an enrolment.
func (ts TrainingStore) enrolled(ctx context.Context, tx *Tx, a Actor, r EnrolRequest, id int64) error {
	if r.Tell != nil {
		if _, err := tx.Notify(ctx, r.Tell); err != nil {
			return err
		}
	}
	return tx.Audit(ctx, a, "training.enrol", "training_enrolment", id,
		fmt.Sprintf("报名培训班 %d“%s”：学员 %d（%s）", r.Class.ID, r.Class.Title, r.PersonID, r.Source.Label()), "ok")
}

// enrolTx is Enrol's checks and writes inside tx. A refusal comes before
// any write, so an import can go on with its next row.
func (ts TrainingStore) enrolTx(ctx context.Context, tx *Tx, r EnrolRequest) (int64, error) {
	c := r.Class
	var pid int64
	err := tx.QueryRow(ctx, "SELECT id FROM persons WHERE id = ?"+ts.db.dialect.forUpdate(), r.PersonID).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Missing("person")
	}
	if err != nil {
		return 0, fmt.Errorf("store.Enrol person: %w", err)
	}
	var id int64
	var status string
	err = tx.QueryRow(ctx, "SELECT id, status FROM training_enrolments WHERE class_id = ? AND person_id = ?", c.ID, r.PersonID).Scan(&id, &status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return 0, fmt.Errorf("store.Enrol: %w", err)
	case training.EnrolStatus(status) == training.Enrolled:
		return 0, errEnrolledTwice(r.Mine)
	}
	if clash, ok, err := ts.clash(ctx, tx, c, r.PersonID); err != nil {
		return 0, err
	} else if ok {
		msg := clash.Message()
		if !r.Mine {
			msg = strings.Replace(msg, "您", "该学员", 1)
		}
		return 0, apperr.Field("class_id", msg)
	}
	res, err := tx.Exec(ctx, "UPDATE training_classes SET enrolled = enrolled + 1 WHERE id = ? AND enrolled < capacity", c.ID)
	if err != nil {
		return 0, fmt.Errorf("store.Enrol seat: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, apperr.New(apperr.Conflict, fmt.Sprintf("培训班已报满（%d 人），不能再报名", c.Capacity))
	}
	now := ts.db.Now()
	if id != 0 {
		_, err = tx.Exec(ctx, "UPDATE training_enrolments SET status = ?, source = ?, created_by = ?, updated_at = ? WHERE id = ?",
			string(training.Enrolled), string(r.Source), r.By, now, id)
	} else {
		id, err = tx.InsertID(ctx, `INSERT INTO training_enrolments (class_id, person_id, status, source, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, r.PersonID, string(training.Enrolled), string(r.Source), r.By, now, now)
	}
	if err != nil {
		return 0, fmt.Errorf("store.Enrol: %w", err)
	}
	return id, nil
}

// clash finds a session of another class the person is enrolled in that
// overlaps one of c's.
func (ts TrainingStore) clash(ctx context.Context, tx *Tx, c *training.Class, personID int64) (training.Clash, bool, error) {
	rows, err := tx.Query(ctx, `SELECT c.title, s.held_on, s.start_time, s.end_time FROM training_enrolments e
		JOIN training_classes c ON c.id = e.class_id JOIN training_sessions s ON s.class_id = c.id
		WHERE e.person_id = ? AND e.status = ? AND e.class_id <> ? AND s.held_on >= ? AND s.held_on <= ? ORDER BY s.held_on, s.start_time`,
		personID, string(training.Enrolled), c.ID, nullDate(c.Start()), nullDate(c.End()))
	if err != nil {
		return training.Clash{}, false, fmt.Errorf("store.Enrol overlap: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var title string
		var s training.Session
		if err := rows.Scan(&title, &s.Date, &s.Start, &s.End); err != nil {
			return training.Clash{}, false, fmt.Errorf("store.Enrol overlap: %w", err)
		}
		s.Date = s.Date.UTC()
		if cl, ok := training.FindClash(c, title, []training.Session{s}); ok {
			return cl, true, nil
		}
	}
	return training.Clash{}, false, rows.Err()
}

// ImportTrainee is a good row of a roster import: the person found for it.
type ImportTrainee struct {
	Row      int
	PersonID int64
	Tell     *notify.Message
}

// ImportTrainees enrols the persons of an import in one transaction, each
// audited with its message; a row refused (already on the roster,
// overlapping, the class full) is reported by its row and the others are
// kept. Any other error writes nothing.
func (ts TrainingStore) ImportTrainees(ctx context.Context, a Actor, c *training.Class, source training.EnrolSource, rows []ImportTrainee) (
	saved int, refused map[int]error, err error) {
	refused = map[int]error{}
	err = ts.db.Write(ctx, func(tx *Tx) error {
		saved = 0
		clear(refused)
		for _, row := range rows {
			r := EnrolRequest{Class: c, PersonID: row.PersonID, Source: source, By: a.UserID, Tell: row.Tell}
			id, err := ts.enrolTx(ctx, tx, r)
			if k := apperr.CodeOf(err); k == apperr.Conflict || k == apperr.Invalid {
				refused[row.Row] = err
				continue
			}
			if err != nil {
				return err
			}
			if err := ts.enrolled(ctx, tx, a, r, id); err != nil {
				return err
			}
			c.Enrolled++
			saved++
		}
		return tx.Audit(ctx, a, "training.import", "training_class", c.ID,
			fmt.Sprintf("导入学员名单“%s”：%d 行，报名 %d 人，未导入 %d 行", c.Title, len(rows), saved, len(refused)), "ok")
	})
	return saved, refused, err
}

// Withdraw cancels a person's enrolment and frees the seat, audited; an
// enrolment not held is a Conflict.
func (ts TrainingStore) Withdraw(ctx context.Context, a Actor, c *training.Class, personID int64) error {
	return ts.db.Write(ctx, func(tx *Tx) error {
		var id int64
		var status string
		err := tx.QueryRow(ctx, "SELECT id, status FROM training_enrolments WHERE class_id = ? AND person_id = ?"+ts.db.dialect.forUpdate(),
			c.ID, personID).Scan(&id, &status)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && training.EnrolStatus(status) != training.Enrolled) {
			return apperr.New(apperr.Conflict, "您没有报名这个培训班，无需取消")
		}
		if err != nil {
			return fmt.Errorf("store.Withdraw: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE training_enrolments SET status = ?, updated_at = ? WHERE id = ?", string(training.Withdrawn), ts.db.Now(), id); err != nil {
			return fmt.Errorf("store.Withdraw: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE training_classes SET enrolled = enrolled - 1 WHERE id = ? AND enrolled > 0", c.ID); err != nil {
			return fmt.Errorf("store.Withdraw seat: %w", err)
		}
		return tx.Audit(ctx, a, "training.withdraw", "training_enrolment", id, fmt.Sprintf("取消报名培训班 %d“%s”：学员 %d", c.ID, c.Title, personID), "ok")
	})
}

const enrolCols = `e.id, e.class_id, e.person_id, e.status, e.source, e.created_at, e.updated_at`

func scanEnrolment(s interface{ Scan(...any) error }, more ...any) (*training.Enrolment, error) {
	var e training.Enrolment
	var status, source string
	if err := s.Scan(append([]any{&e.ID, &e.ClassID, &e.PersonID, &status, &source, &e.CreatedAt, &e.UpdatedAt}, more...)...); err != nil {
		return nil, err
	}
	e.Status, e.Source = training.EnrolStatus(status), training.EnrolSource(source)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return &e, nil
}

// EnrolmentOf returns a person's enrolment in a class (withdrawn too), or NotFound.
func (ts TrainingStore) EnrolmentOf(ctx context.Context, classID, personID int64) (*training.Enrolment, error) {
	e, err := scanEnrolment(ts.db.queryRow(ctx, "SELECT "+enrolCols+" FROM training_enrolments e WHERE e.class_id = ? AND e.person_id = ?", classID, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("training_enrolment")
	}
	if err != nil {
		return nil, fmt.Errorf("store.EnrolmentOf: %w", err)
	}
	return e, nil
}

// Roster lists a class's enrolments, enrolled first, with each person's
// name and masked ID number and phone.
func (ts TrainingStore) Roster(ctx context.Context, classID int64) ([]*training.Enrolment, error) {
	rows, err := ts.db.query(ctx, "SELECT "+enrolCols+", p.name, p.id_enc, p.phone_enc FROM training_enrolments e JOIN persons p ON p.id = e.person_id"+
		" WHERE e.class_id = ? ORDER BY e.status, e.id", classID)
	if err != nil {
		return nil, fmt.Errorf("store.Roster: %w", err)
	}
	defer rows.Close()
	var out []*training.Enrolment
	for rows.Next() {
		var name string
		var idEnc, phEnc []byte
		e, err := scanEnrolment(rows, &name, &idEnc, &phEnc)
		if err != nil {
			return nil, fmt.Errorf("store.Roster: %w", err)
		}
		idn, err := ts.db.box.Open(idEnc)
		if err != nil {
			return nil, fmt.Errorf("store.Roster: %w", err)
		}
		ph, err := ts.db.box.Open(phEnc)
		if err != nil {
			return nil, fmt.Errorf("store.Roster: %w", err)
		}
		e.PersonName, e.IDMasked, e.PhoneMasked = name, registry.MaskID(idn), registry.MaskPhone(ph)
		out = append(out, e)
	}
	return out, rows.Err()
}

// PersonEnrolments lists a person's enrolments, newest first.
func (ts TrainingStore) PersonEnrolments(ctx context.Context, personID int64) ([]*training.Enrolment, error) {
	rows, err := ts.db.query(ctx, "SELECT "+enrolCols+" FROM training_enrolments e WHERE e.person_id = ? ORDER BY e.id DESC LIMIT 200", personID)
	if err != nil {
		return nil, fmt.Errorf("store.PersonEnrolments: %w", err)
	}
	defer rows.Close()
	var out []*training.Enrolment
	for rows.Next() {
		e, err := scanEnrolment(rows)
		if err != nil {
			return nil, fmt.Errorf("store.PersonEnrolments: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

const attendCols = `a.session_id, a.person_id, a.present, a.method, a.signed_at, a.corrected_by, a.reason, a.corrected_at`

// Attendance lists the attendance of a class's sessions (classID), or of
// a person's (personID), whichever is not 0.
func (ts TrainingStore) Attendance(ctx context.Context, classID, personID int64) ([]training.Attendance, error) {
	q, arg := "SELECT "+attendCols+" FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE s.class_id = ?", classID
	if classID == 0 {
		q, arg = "SELECT "+attendCols+" FROM training_attendance a WHERE a.person_id = ?", personID
	}
	rows, err := ts.db.query(ctx, q, arg)
	if err != nil {
		return nil, fmt.Errorf("store.Attendance: %w", err)
	}
	defer rows.Close()
	var out []training.Attendance
	for rows.Next() {
		var at training.Attendance
		var method string
		var corrected sql.NullTime
		if err := rows.Scan(&at.SessionID, &at.PersonID, &at.Present, &method, &at.SignedAt, &at.CorrectedBy, &at.Reason, &corrected); err != nil {
			return nil, fmt.Errorf("store.Attendance: %w", err)
		}
		at.Method, at.SignedAt, at.CorrectedAt = training.AttendMethod(method), at.SignedAt.UTC(), utcOf(corrected)
		out = append(out, at)
	}
	return out, rows.Err()
}

// ClassOfSession returns the class a session belongs to, or NotFound.
func (ts TrainingStore) ClassOfSession(ctx context.Context, sessionID int64) (int64, error) {
	var id int64
	err := ts.db.queryRow(ctx, "SELECT class_id FROM training_sessions WHERE id = ?", sessionID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Missing("training_session")
	}
	if err != nil {
		return 0, fmt.Errorf("store.ClassOfSession: %w", err)
	}
	return id, nil
}

// enrolledIn reports whether the person holds a seat in the class, inside tx.
func (ts TrainingStore) enrolledIn(ctx context.Context, tx *Tx, classID, personID int64) (bool, error) {
	var status string
	err := tx.QueryRow(ctx, "SELECT status FROM training_enrolments WHERE class_id = ? AND person_id = ?", classID, personID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store.enrolledIn: %w", err)
	}
	return training.EnrolStatus(status) == training.Enrolled, nil
}

// attendanceOf reads one attendance row inside tx, locked (PostgreSQL).
func (ts TrainingStore) attendanceOf(ctx context.Context, tx *Tx, sessionID, personID int64) (*training.Attendance, error) {
	var at training.Attendance
	var method string
	var corrected sql.NullTime
	err := tx.QueryRow(ctx, "SELECT "+attendCols+" FROM training_attendance a WHERE a.session_id = ? AND a.person_id = ?"+ts.db.dialect.forUpdate(),
		sessionID, personID).Scan(&at.SessionID, &at.PersonID, &at.Present, &method, &at.SignedAt, &at.CorrectedBy, &at.Reason, &corrected)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store.attendanceOf: %w", err)
	}
	at.Method, at.SignedAt, at.CorrectedAt = training.AttendMethod(method), at.SignedAt.UTC(), utcOf(corrected)
	return &at, nil
}

// SignIn records a trainee's sign-in to a session of class c, audited. It
// reports the existing record when they already signed in; a person not
// enrolled, or one the roster marks absent, is a Conflict.
func (ts TrainingStore) SignIn(ctx context.Context, a Actor, c *training.Class, s training.Session, personID int64,
	method training.AttendMethod) (at *training.Attendance, already bool, err error) {
	err = ts.db.Write(ctx, func(tx *Tx) error {
		ok, err := ts.enrolledIn(ctx, tx, c.ID, personID)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.New(apperr.Conflict, "您没有报名“"+c.Title+"”（或已取消报名），不能签到")
		}
		if at, err = ts.attendanceOf(ctx, tx, s.ID, personID); err != nil {
			return err
		}
		if at != nil {
			if !at.Present {
				return apperr.New(apperr.Conflict, "培训机构已更正本次课的考勤，如有异议请联系培训机构")
			}
			already = true
			return nil
		}
		now := ts.db.Now()
		res, err := tx.Exec(ctx, `INSERT INTO training_attendance (session_id, person_id, present, method, signed_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (session_id, person_id) DO NOTHING`, s.ID, personID, true, string(method), now)
		if err != nil {
			return fmt.Errorf("store.SignIn: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 { // a second tap at the same moment
			already, at = true, &training.Attendance{SessionID: s.ID, PersonID: personID, Present: true, Method: method, SignedAt: now}
			return nil
		}
		at = &training.Attendance{SessionID: s.ID, PersonID: personID, Present: true, Method: method, SignedAt: now}
		return tx.Audit(ctx, a, "training.checkin", "training_session", s.ID,
			fmt.Sprintf("签到：培训班 %d“%s” %s，学员 %d（%s）", c.ID, c.Title, s.Text(), personID, method.Label()), "ok")
	})
	return at, already, err
}

// CorrectAttendance sets a trainee present or absent at a session of class
// c, with who corrected it and why, audited with the change. A person not
// enrolled in c is a field error on person_id.
func (ts TrainingStore) CorrectAttendance(ctx context.Context, a Actor, c *training.Class, s training.Session, personID int64,
	present bool, reason string) error {
	return ts.db.Write(ctx, func(tx *Tx) error {
		ok, err := ts.enrolledIn(ctx, tx, c.ID, personID)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Field("person_id", "该学员不在本班名单中，不能登记考勤")
		}
		old, err := ts.attendanceOf(ctx, tx, s.ID, personID)
		if err != nil {
			return err
		}
		now := ts.db.Now()
		before := "未签到"
		if old != nil {
			before = map[bool]string{true: "出勤", false: "缺勤"}[old.Present]
		}
		// A sign-in keeps its method and time; a row the roster creates is "roster".
		_, err = tx.Exec(ctx, `INSERT INTO training_attendance (session_id, person_id, present, method, signed_at, corrected_by, reason, corrected_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, person_id) DO UPDATE SET present = excluded.present,
			corrected_by = excluded.corrected_by, reason = excluded.reason, corrected_at = excluded.corrected_at`,
			s.ID, personID, present, string(training.MethodRoster), now, a.UserID, reason, now)
		if err != nil {
			return fmt.Errorf("store.CorrectAttendance: %w", err)
		}
		return tx.Audit(ctx, a, "training.attendance.correct", "training_session", s.ID,
			fmt.Sprintf("更正考勤：培训班 %d“%s” %s，学员 %d：%s→%s，理由：%s", c.ID, c.Title, s.Text(), personID, before,
				map[bool]string{true: "出勤", false: "缺勤"}[present], reason), "ok")
	})
}

// PersonRef is a registered person found by ID number.
type PersonRef struct {
	ID   int64
	Name string
}

// PersonsByIDNumbers finds registered persons by their normalised ID
// numbers through the blind index (under every key during a rotation),
// keyed by number; numbers not registered are absent.
func (tb RegistryStore) PersonsByIDNumbers(ctx context.Context, numbers []string) (map[string]PersonRef, error) {
	out := map[string]PersonRef{}
	const chunk = 200
	for start := 0; start < len(numbers); start += chunk {
		byIdx := map[string]string{}
		var args []any
		for _, n := range numbers[start:min(start+chunk, len(numbers))] {
			for _, idx := range tb.db.box.Indexes("id", n) {
				byIdx[idx] = n
				args = append(args, idx)
			}
		}
		rows, err := tb.db.query(ctx, "SELECT id, name, id_idx FROM persons WHERE id_idx IN ("+strings.TrimSuffix(strings.Repeat("?,", len(args)), ",")+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store.PersonsByIDNumbers: %w", err)
		}
		for rows.Next() {
			var p PersonRef
			var idx string
			if err := rows.Scan(&p.ID, &p.Name, &idx); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store.PersonsByIDNumbers: %w", err)
			}
			out[byIdx[idx]] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
