package store

// 就业见习: the internship bases, their interns and the 见习月 recorded for
// each, and the base's monthly claims, which are policy applications of
// the 就业见习补贴 policy (ref_type internship_base, period YYYY-MM), so
// they go through the platform's review → payout workflow. Every change is
// written with its audit entry in one transaction; a status change reads
// the row locked (PostgreSQL) and checks the move, so two staff acting at
// once cannot both succeed.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/internship"
	"github.com/jiuye/jiuye/internal/policy"
)

// RefInternshipBase marks a policy application that is an internship
// base's monthly claim (ref_id the base, period YYYY-MM).
const RefInternshipBase = "internship_base"

// InternshipStore is the tables of 就业见习.
type InternshipStore struct{ db *DB }

// Internships is the store of 就业见习.
func (db *DB) Internships() InternshipStore { return InternshipStore{db} }

func errNoBase() error       { return apperr.New(apperr.NotFound, "见习基地不存在") }
func errNoInternship() error { return apperr.New(apperr.NotFound, "见习记录不存在") }

const baseCols = `b.id, b.enterprise_id, e.name, b.places_per_year, b.occupations, b.contact_name, b.contact_phone_enc, b.supervisor, b.intro,
	b.status, b.reason, b.created_at, b.updated_at,
	(SELECT COUNT(*) FROM internships i WHERE i.base_id = b.id AND i.status = 'finished'),
	(SELECT COUNT(*) FROM internships i WHERE i.base_id = b.id AND i.status = 'finished' AND i.kept = ?)`

const baseFrom = " FROM internship_bases b JOIN enterprises e ON e.id = b.enterprise_id"

func scanBase(db *DB, s interface{ Scan(...any) error }) (*internship.Base, error) {
	var b internship.Base
	var occ, status string
	var phone []byte
	if err := s.Scan(&b.ID, &b.EnterpriseID, &b.EnterpriseName, &b.PlacesPerYear, &occ, &b.ContactName, &phone, &b.Supervisor, &b.Intro,
		&status, &b.Reason, &b.CreatedAt, &b.UpdatedAt, &b.Finished, &b.Kept); err != nil {
		return nil, err
	}
	var err error
	if b.ContactPhone, err = db.box.Open(phone); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(occ), &b.Occupations); err != nil {
		return nil, fmt.Errorf("base %d occupations: %w", b.ID, err)
	}
	b.Status = internship.Status(status)
	b.CreatedAt, b.UpdatedAt = b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	return &b, nil
}

func (is InternshipStore) base(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) *sql.Row
}, where string, arg any) (*internship.Base, error) {
	b, err := scanBase(is.db, q.QueryRow(ctx, "SELECT "+baseCols+baseFrom+" WHERE "+where, true, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoBase()
	}
	if err != nil {
		return nil, fmt.Errorf("store.internshipBase: %w", err)
	}
	return b, nil
}

// dbRows adapts DB.queryRow to the QueryRow shape of Tx.
type dbRows struct{ db *DB }

func (d dbRows) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return d.db.queryRow(ctx, q, args...)
}

// BaseByID returns a base with its retention counts, or NotFound.
func (is InternshipStore) BaseByID(ctx context.Context, id int64) (*internship.Base, error) {
	return is.base(ctx, dbRows{is.db}, "b.id = ?", id)
}

// BaseByEnterprise returns the enterprise's base (any status), or NotFound.
func (is InternshipStore) BaseByEnterprise(ctx context.Context, entID int64) (*internship.Base, error) {
	return is.base(ctx, dbRows{is.db}, "b.enterprise_id = ?", entID)
}

// SaveBaseApplication files an enterprise's application (applying),
// audited. An enterprise has one base: a returned application is replaced
// by the new one; any other existing one is a Conflict.
func (is InternshipStore) SaveBaseApplication(ctx context.Context, a Actor, b *internship.Base) error {
	occ, err := json.Marshal(b.Occupations)
	if err != nil {
		return fmt.Errorf("store.SaveBaseApplication: %w", err)
	}
	return is.db.Write(ctx, func(tx *Tx) error {
		var id int64
		var status string
		err := tx.QueryRow(ctx, "SELECT id, status FROM internship_bases WHERE enterprise_id = ?"+is.db.dialect.forUpdate(), b.EnterpriseID).Scan(&id, &status)
		now := is.db.Now()
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id, err = tx.InsertID(ctx, `INSERT INTO internship_bases (enterprise_id, places_per_year, occupations, contact_name, contact_phone_enc,
				supervisor, intro, status, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
				b.EnterpriseID, b.PlacesPerYear, string(occ), b.ContactName, is.db.box.Seal(b.ContactPhone), b.Supervisor, b.Intro,
				string(internship.StatusApplying), now, now)
			if isUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "贵单位已提交见习基地申请")
			}
		case err != nil:
		case internship.Status(status) != internship.StatusReturned:
			return apperr.New(apperr.Conflict, "贵单位已有见习基地申请（"+internship.Status(status).Label()+"），不能重复申请")
		default:
			_, err = tx.Exec(ctx, `UPDATE internship_bases SET places_per_year = ?, occupations = ?, contact_name = ?, contact_phone_enc = ?,
				supervisor = ?, intro = ?, status = ?, reason = '', updated_at = ? WHERE id = ?`,
				b.PlacesPerYear, string(occ), b.ContactName, is.db.box.Seal(b.ContactPhone), b.Supervisor, b.Intro,
				string(internship.StatusApplying), now, id)
		}
		if err != nil {
			return fmt.Errorf("store.SaveBaseApplication: %w", err)
		}
		b.ID, b.Status = id, internship.StatusApplying
		return tx.Audit(ctx, a, "internship.base.apply", "internship_base", id,
			fmt.Sprintf("申请认定就业见习基地：每年 %d 个岗位，见习职业 %d 个，带教 %s", b.PlacesPerYear, len(b.Occupations), b.Supervisor), "ok")
	})
}

// MoveBase applies staff's decision m to a base with the reason, audited;
// a move the base's status does not allow is a Conflict.
func (is InternshipStore) MoveBase(ctx context.Context, a Actor, id int64, m internship.Move, reason string) error {
	return is.db.Write(ctx, func(tx *Tx) error {
		var status, name string
		err := tx.QueryRow(ctx, "SELECT b.status, e.name"+baseFrom+" WHERE b.id = ?"+is.db.dialect.forUpdate(), id).Scan(&status, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoBase()
		}
		if err != nil {
			return fmt.Errorf("store.MoveBase: %w", err)
		}
		from := internship.Status(status)
		to, err := m.Next(from)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE internship_bases SET status = ?, reason = ?, updated_at = ? WHERE id = ?",
			string(to), reason, is.db.Now(), id); err != nil {
			return fmt.Errorf("store.MoveBase: %w", err)
		}
		summary := name + "：" + from.Label() + "→" + to.Label()
		if reason != "" {
			summary += "，理由：" + reason
		}
		return tx.Audit(ctx, a, "internship.base."+string(m), "internship_base", id, summary, "ok")
	})
}

// Bases lists the bases of status ("" all) by enterprise name.
func (is InternshipStore) Bases(ctx context.Context, status internship.Status) ([]*internship.Base, error) {
	where, args := "", []any{true}
	if status != "" {
		where, args = " WHERE b.status = ?", append(args, string(status))
	}
	rows, err := is.db.query(ctx, "SELECT "+baseCols+baseFrom+where+" ORDER BY e.name, b.id LIMIT 2000", args...)
	if err != nil {
		return nil, fmt.Errorf("store.Bases: %w", err)
	}
	defer rows.Close()
	var out []*internship.Base
	for rows.Next() {
		b, err := scanBase(is.db, rows)
		if err != nil {
			return nil, fmt.Errorf("store.Bases: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

const internCols = `i.id, i.base_id, b.enterprise_id, e.name, i.post_id, p.title, i.application_id, i.person_id, pe.name, i.start_on,
	i.planned_months, i.status, i.kept, i.ended_on, i.created_at, i.updated_at`

const internFrom = ` FROM internships i JOIN internship_bases b ON b.id = i.base_id JOIN enterprises e ON e.id = b.enterprise_id
	JOIN job_posts p ON p.id = i.post_id JOIN persons pe ON pe.id = i.person_id`

func scanInternship(s interface{ Scan(...any) error }) (*internship.Internship, error) {
	var in internship.Internship
	var status string
	var ended sql.NullTime
	if err := s.Scan(&in.ID, &in.BaseID, &in.EnterpriseID, &in.BaseName, &in.PostID, &in.PostTitle, &in.ApplicationID, &in.PersonID, &in.PersonName,
		&in.Start, &in.PlannedMonths, &status, &in.Kept, &ended, &in.CreatedAt, &in.UpdatedAt); err != nil {
		return nil, err
	}
	in.Status, in.Start = internship.InternStatus(status), in.Start.UTC()
	if ended.Valid {
		in.EndedOn = ended.Time.UTC()
	}
	in.CreatedAt, in.UpdatedAt = in.CreatedAt.UTC(), in.UpdatedAt.UTC()
	in.Periods = internship.Periods(in.Start, in.PlannedMonths)
	return &in, nil
}

// StartInternship stores an internship (active), audited. A job
// application already taken as an intern is a Conflict.
func (is InternshipStore) StartInternship(ctx context.Context, a Actor, in *internship.Internship) error {
	return is.db.Write(ctx, func(tx *Tx) error {
		now := is.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO internships (base_id, post_id, application_id, person_id, start_on, planned_months, status, kept,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.BaseID, in.PostID, in.ApplicationID, in.PersonID, nullDate(in.Start), in.PlannedMonths, string(internship.InternActive), false, now, now)
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, "该申请人已开始见习，不能重复登记")
		}
		if err != nil {
			return fmt.Errorf("store.StartInternship: %w", err)
		}
		in.ID, in.Status = id, internship.InternActive
		return tx.Audit(ctx, a, "internship.start", "internship", id,
			fmt.Sprintf("%s 开始见习（岗位 #%d，%s 起 %d 个月）", in.PersonName, in.PostID, in.Start.Format(time.DateOnly), in.PlannedMonths), "ok")
	})
}

// InternshipByID returns an internship with its recorded months, or NotFound.
func (is InternshipStore) InternshipByID(ctx context.Context, id int64) (*internship.Internship, error) {
	in, err := scanInternship(is.db.queryRow(ctx, "SELECT "+internCols+internFrom+" WHERE i.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoInternship()
	}
	if err != nil {
		return nil, fmt.Errorf("store.InternshipByID: %w", err)
	}
	return in, is.withMonths(ctx, []*internship.Internship{in})
}

// InternshipFilter selects internships; zero fields select all.
type InternshipFilter struct {
	BaseID   int64
	PersonID int64
}

// InternshipList returns the internships matching f, newest first, with
// their recorded months.
func (is InternshipStore) InternshipList(ctx context.Context, f InternshipFilter) ([]*internship.Internship, error) {
	where, args := " WHERE 1=1", []any{}
	if f.BaseID != 0 {
		where, args = where+" AND i.base_id = ?", append(args, f.BaseID)
	}
	if f.PersonID != 0 {
		where, args = where+" AND i.person_id = ?", append(args, f.PersonID)
	}
	rows, err := is.db.query(ctx, "SELECT "+internCols+internFrom+where+" ORDER BY i.id DESC LIMIT 5000", args...)
	if err != nil {
		return nil, fmt.Errorf("store.InternshipList: %w", err)
	}
	defer rows.Close()
	var out []*internship.Internship
	for rows.Next() {
		in, err := scanInternship(rows)
		if err != nil {
			return nil, fmt.Errorf("store.InternshipList: %w", err)
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, is.withMonths(ctx, out)
}

// withMonths fills the recorded state of each internship's periods.
func (is InternshipStore) withMonths(ctx context.Context, ins []*internship.Internship) error {
	if len(ins) == 0 {
		return nil
	}
	byID, ph, args := idsIn(ins, func(x *internship.Internship) int64 { return x.ID })
	rows, err := is.db.query(ctx, "SELECT internship_id, n, served, claim_id FROM internship_months WHERE internship_id IN ("+ph+")", args...)
	if err != nil {
		return fmt.Errorf("store.internshipMonths: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, claim int64
		var n int
		var served bool
		if err := rows.Scan(&id, &n, &served, &claim); err != nil {
			return fmt.Errorf("store.internshipMonths: %w", err)
		}
		if p, ok := byID[id].Period(n); ok {
			p.Recorded, p.Served, p.ClaimID = true, served, claim
		}
	}
	return rows.Err()
}

// RecordMonth records whether period n (of ledger month) of an internship
// was served, audited; a period already claimed is a Conflict.
func (is InternshipStore) RecordMonth(ctx context.Context, a Actor, id int64, n int, month string, served bool) error {
	return is.db.Write(ctx, func(tx *Tx) error {
		var claim int64
		err := tx.QueryRow(ctx, "SELECT claim_id FROM internship_months WHERE internship_id = ? AND n = ?"+is.db.dialect.forUpdate(), id, n).Scan(&claim)
		now := is.db.Now()
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.Exec(ctx, "INSERT INTO internship_months (internship_id, n, month, served, claim_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
				id, n, month, served, a.UserID, now)
			if isUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "该见习月刚刚被记录，请刷新后再试")
			}
		case err != nil:
		case claim != 0:
			return apperr.New(apperr.Conflict, "第 "+strconv.Itoa(n)+" 个见习月的补贴已申领，不能再修改")
		default:
			_, err = tx.Exec(ctx, "UPDATE internship_months SET served = ?, recorded_by = ?, recorded_at = ? WHERE internship_id = ? AND n = ? AND claim_id = 0",
				served, a.UserID, now, id, n)
		}
		if err != nil {
			return fmt.Errorf("store.RecordMonth: %w", err)
		}
		word := "未完成见习"
		if served {
			word = "已完成见习"
		}
		return tx.Audit(ctx, a, "internship.month", "internship", id, fmt.Sprintf("第 %d 个见习月（%s）：%s", n, month, word), "ok")
	})
}

// FinishInternship ends an active internship on endedOn, kept or not,
// audited; one already ended is a Conflict.
func (is InternshipStore) FinishInternship(ctx context.Context, a Actor, id int64, kept bool, endedOn time.Time) error {
	return is.db.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE internships SET status = ?, kept = ?, ended_on = ?, updated_at = ? WHERE id = ? AND status = ?",
			string(internship.InternFinished), kept, nullDate(endedOn), is.db.Now(), id, string(internship.InternActive))
		if err != nil {
			return fmt.Errorf("store.FinishInternship: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "该见习已结束，不能重复登记")
		}
		word := "未留用"
		if kept {
			word = "留用"
		}
		return tx.Audit(ctx, a, "internship.finish", "internship", id, "见习结束（"+endedOn.Format(time.DateOnly)+"）："+word, "ok")
	})
}

// FileClaim stores a base's claim for a ledger month as a submitted
// application of the subsidy policy and marks the claimed periods, in one
// transaction with its audit entry. A month claimed before (any status),
// or a period claimed meanwhile, is a Conflict naming the claim.
func (is InternshipStore) FileClaim(ctx context.Context, a Actor, b *internship.Base, c *internship.Claim, ap *policy.Application) error {
	return is.db.Write(ctx, func(tx *Tx) error {
		var prev int64
		var status string
		err := tx.QueryRow(ctx, `SELECT id, status FROM policy_applications WHERE policy_id = ? AND subject_type = ? AND subject_id = ?
			AND ref_type = ? AND ref_id = ? AND period = ?`, ap.PolicyID, ap.SubjectType, ap.SubjectID, RefInternshipBase, b.ID, c.Month).Scan(&prev, &status)
		if err == nil {
			return monthClaimed(c.Month, prev, policy.ApplicationStatus(status))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store.FileClaim: %w", err)
		}
		now := is.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO policy_applications (policy_id, version, subject_type, subject_id, applicant_id,
			status, amount_yuan, note, created_at, updated_at, period, ref_type, ref_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ap.PolicyID, ap.Version, ap.SubjectType, ap.SubjectID, a.UserID, string(policy.Submitted), float64(c.Yuan), ap.Note, now, now,
			c.Month, RefInternshipBase, b.ID)
		if isUniqueViolation(err) {
			return monthClaimed(c.Month, 0, "")
		}
		if err != nil {
			return fmt.Errorf("store.FileClaim: %w", err)
		}
		for _, l := range c.Lines {
			for _, n := range l.Periods {
				res, err := tx.Exec(ctx, "UPDATE internship_months SET claim_id = ? WHERE internship_id = ? AND n = ? AND served = ? AND claim_id = 0",
					id, l.InternshipID, n, true)
				if err != nil {
					return fmt.Errorf("store.FileClaim: %w", err)
				}
				if k, _ := res.RowsAffected(); k != 1 {
					return apperr.New(apperr.Conflict, l.PersonName+"的第 "+strconv.Itoa(n)+" 个见习月已申领或记录已改变，请刷新后再试")
				}
			}
		}
		ap.ID, ap.Status, ap.AmountYuan, ap.Period, ap.RefType, ap.RefID = id, policy.Submitted, float64(c.Yuan), c.Month, RefInternshipBase, b.ID
		return tx.Audit(ctx, a, "internship.claim", "policy_application", id,
			fmt.Sprintf("%s 申领%s就业见习补贴 %d 元（见习 %d 人月，留用奖补 %d 人）", b.EnterpriseName, internship.MonthLabel(c.Month), c.Yuan, c.Served(), c.Bonuses()), "ok")
	})
}

func monthClaimed(month string, id int64, status policy.ApplicationStatus) error {
	msg := internship.MonthLabel(month) + "的就业见习补贴已申领过"
	if id != 0 {
		msg += "（申请 #" + strconv.FormatInt(id, 10) + "，" + status.Label() + "）"
	}
	return apperr.New(apperr.Conflict, msg+"，同一月份不能重复申领")
}

// InternCandidate is an applicant hired on one of a base's 见习 posts who has
// not started an internship yet.
type InternCandidate struct {
	ApplicationID int64
	PostID        int64
	PostTitle     string
	PersonID      int64
	PersonName    string
}

// Candidates lists the enterprise's hired applicants to its 见习 posts
// who have no internship yet, newest first.
func (is InternshipStore) Candidates(ctx context.Context, entID int64) ([]InternCandidate, error) {
	rows, err := is.db.query(ctx, `SELECT a.id, a.post_id, p.title, a.person_id, pe.name FROM job_applications a
		JOIN job_posts p ON p.id = a.post_id JOIN persons pe ON pe.id = a.person_id
		WHERE p.enterprise_id = ? AND p.internship = ? AND a.status = 'hired'
		AND NOT EXISTS (SELECT 1 FROM internships i WHERE i.application_id = a.id) ORDER BY a.id DESC LIMIT 500`, entID, true)
	if err != nil {
		return nil, fmt.Errorf("store.Candidates: %w", err)
	}
	defer rows.Close()
	var out []InternCandidate
	for rows.Next() {
		var c InternCandidate
		if err := rows.Scan(&c.ApplicationID, &c.PostID, &c.PostTitle, &c.PersonID, &c.PersonName); err != nil {
			return nil, fmt.Errorf("store.Candidates: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
