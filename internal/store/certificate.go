package store

// 技能评价 sittings and 职业技能等级证书. A sitting's row is read locked
// (PostgreSQL) by every change of its candidates, so the capacity holds
// and two result forms cannot interleave; issuing locks the provider's
// row, so the serials of its numbers are handed out one at a time, and a
// unique index refuses a second certificate for a candidate. Every
// change is written with its audit entry (and the holder's message) in one
// transaction; a refused change writes nothing.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/training"
)

// CertificateStore is the tables of 技能评价: sittings, candidates and
// certificates. It is reached through TrainingStore.Certificates, so the
// module's store keeps one accessor on DB.
type CertificateStore struct{ db *DB }

// Certificates is the store of 技能评价 and its certificates.
func (ts TrainingStore) Certificates() CertificateStore { return CertificateStore{ts.db} }

const sittingCols = `s.id, s.provider_id, p.name, s.occupation_code, s.level, s.held_on, s.place, s.capacity, s.status, s.created_at, s.updated_at,
	(SELECT COUNT(*) FROM skill_candidates k WHERE k.sitting_id = s.id)`

const sittingFrom = " FROM skill_sittings s JOIN training_providers p ON p.id = s.provider_id"

func scanSitting(s interface{ Scan(...any) error }) (*training.Sitting, error) {
	var x training.Sitting
	var status string
	if err := s.Scan(&x.ID, &x.ProviderID, &x.ProviderName, &x.Occupation, &x.Level, &x.HeldOn, &x.Place, &x.Capacity, &status,
		&x.CreatedAt, &x.UpdatedAt, &x.Candidates); err != nil {
		return nil, err
	}
	x.Status = training.SittingStatus(status)
	x.HeldOn, x.CreatedAt, x.UpdatedAt = x.HeldOn.UTC(), x.CreatedAt.UTC(), x.UpdatedAt.UTC()
	return &x, nil
}

// CreateSitting stores a scheduled sitting, audited.
func (cs CertificateStore) CreateSitting(ctx context.Context, a Actor, s *training.Sitting) error {
	return cs.db.Write(ctx, func(tx *Tx) error {
		now := cs.db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO skill_sittings (provider_id, occupation_code, level, held_on, place, capacity, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.ProviderID, s.Occupation, int(s.Level), nullDate(s.HeldOn), s.Place, s.Capacity,
			string(training.SittingScheduled), now, now)
		if err != nil {
			return fmt.Errorf("store.CreateSitting: %w", err)
		}
		s.ID, s.Status, s.CreatedAt, s.UpdatedAt = id, training.SittingScheduled, now, now
		return tx.Audit(ctx, a, "certificate.sitting.create", "skill_sitting", id, fmt.Sprintf("安排技能评价：机构 %d，职业 %s，%s，%s，%d 人",
			s.ProviderID, s.Occupation, s.Level.Label(), s.HeldOn.Format(time.DateOnly), s.Capacity), "ok")
	})
}

// SittingByID returns a sitting with its provider's name and candidate count, or NotFound.
func (cs CertificateStore) SittingByID(ctx context.Context, id int64) (*training.Sitting, error) {
	s, err := scanSitting(cs.db.queryRow(ctx, "SELECT "+sittingCols+sittingFrom+" WHERE s.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("skill_sitting")
	}
	if err != nil {
		return nil, fmt.Errorf("store.SittingByID: %w", err)
	}
	return s, nil
}

// SittingsOfEnterprise lists the sittings of the providers of an
// enterprise, the latest day first.
func (cs CertificateStore) SittingsOfEnterprise(ctx context.Context, enterpriseID int64) ([]*training.Sitting, error) {
	rows, err := cs.db.query(ctx, "SELECT "+sittingCols+sittingFrom+" WHERE p.enterprise_id = ? ORDER BY s.held_on DESC, s.id DESC LIMIT 500", enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("store.SittingsOfEnterprise: %w", err)
	}
	defer rows.Close()
	var out []*training.Sitting
	for rows.Next() {
		s, err := scanSitting(rows)
		if err != nil {
			return nil, fmt.Errorf("store.SittingsOfEnterprise: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Candidates lists a sitting's candidates in the order registered, with
// each one's name, masked ID number and certificate number, if issued.
func (cs CertificateStore) Candidates(ctx context.Context, sittingID int64) ([]*training.Candidate, error) {
	rows, err := cs.db.query(ctx, `SELECT k.sitting_id, k.person_id, p.name, p.id_enc, k.class_id, k.result, k.score, k.recorded_by, k.recorded_at,
		COALESCE(c.number, ''), COALESCE(c.id, 0)
		FROM skill_candidates k JOIN persons p ON p.id = k.person_id
		LEFT JOIN skill_certificates c ON c.sitting_id = k.sitting_id AND c.person_id = k.person_id
		WHERE k.sitting_id = ? ORDER BY p.name, k.person_id`, sittingID)
	if err != nil {
		return nil, fmt.Errorf("store.Candidates: %w", err)
	}
	defer rows.Close()
	var out []*training.Candidate
	for rows.Next() {
		var k training.Candidate
		var idEnc []byte
		var result string
		var at sql.NullTime
		if err := rows.Scan(&k.SittingID, &k.PersonID, &k.PersonName, &idEnc, &k.ClassID, &result, &k.Score, &k.RecordedBy, &at,
			&k.Certificate, &k.CertificateID); err != nil {
			return nil, fmt.Errorf("store.Candidates: %w", err)
		}
		idn, err := cs.db.box.Open(idEnc)
		if err != nil {
			return nil, fmt.Errorf("store.Candidates: %w", err)
		}
		k.IDMasked, k.Result, k.RecordedAt = registry.MaskID(idn), training.Result(result), utcOf(at)
		out = append(out, &k)
	}
	return out, rows.Err()
}

// NewCandidate is a person to register for a sitting.
type NewCandidate struct {
	PersonID int64
	ClassID  int64 // the class that trained them; 0 for none
}

// sittingForUpdate locks a sitting's row inside tx (PostgreSQL) and then
// reads it, so the candidate count is read after the lock is held.
func sittingForUpdate(ctx context.Context, tx *Tx, id int64) (*training.Sitting, error) {
	var got int64
	err := tx.QueryRow(ctx, "SELECT id FROM skill_sittings WHERE id = ?"+tx.db.dialect.forUpdate(), id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("skill_sitting")
	}
	if err != nil {
		return nil, fmt.Errorf("store.sitting: %w", err)
	}
	s, err := scanSitting(tx.QueryRow(ctx, "SELECT "+sittingCols+sittingFrom+" WHERE s.id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("store.sitting: %w", err)
	}
	return s, nil
}

// AddCandidates registers persons for a sitting, audited each: those
// already registered are skipped and counted; more than the seats left is
// a Conflict and registers nobody.
func (cs CertificateStore) AddCandidates(ctx context.Context, a Actor, sittingID int64, list []NewCandidate) (added, already int, err error) {
	err = cs.db.Write(ctx, func(tx *Tx) error {
		added, already = 0, 0
		s, err := sittingForUpdate(ctx, tx, sittingID)
		if err != nil {
			return err
		}
		var fresh []NewCandidate
		seen := map[int64]bool{}
		for _, c := range list {
			if seen[c.PersonID] {
				continue
			}
			seen[c.PersonID] = true
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM skill_candidates WHERE sitting_id = ? AND person_id = ?", sittingID, c.PersonID).Scan(&n); err != nil {
				return fmt.Errorf("store.AddCandidates: %w", err)
			}
			if n > 0 {
				already++
				continue
			}
			fresh = append(fresh, c)
		}
		if left := s.Capacity - s.Candidates; len(fresh) > left {
			return apperr.New(apperr.Conflict, fmt.Sprintf("本场评价最多 %d 名考生，还可报 %d 人，本次要登记 %d 人，未登记任何考生", s.Capacity, max(left, 0), len(fresh)))
		}
		for _, c := range fresh {
			if _, err := tx.Exec(ctx, "INSERT INTO skill_candidates (sitting_id, person_id, class_id) VALUES (?, ?, ?)", sittingID, c.PersonID, c.ClassID); err != nil {
				return fmt.Errorf("store.AddCandidates: %w", err)
			}
			if err := tx.Audit(ctx, a, "certificate.candidate.add", "person", c.PersonID,
				fmt.Sprintf("登记技能评价考生：场次 %d，培训班 %d", sittingID, c.ClassID), "ok"); err != nil {
				return err
			}
			added++
		}
		if added > 0 && s.Status == training.SittingRecorded {
			_, err = tx.Exec(ctx, "UPDATE skill_sittings SET status = ?, updated_at = ? WHERE id = ?", string(training.SittingScheduled), cs.db.Now(), sittingID)
		}
		return err
	})
	return added, already, err
}

// RecordResults records the marks of a sitting's candidates, audited each.
// A person who is not a candidate is a field error on items.N.person_id
// (N the mark's index); changing the result of one already certified is a
// Conflict. Either every mark is recorded or none. The sitting is
// recorded once no candidate is pending.
func (cs CertificateStore) RecordResults(ctx context.Context, a Actor, sittingID int64, marks []training.Mark) error {
	return cs.db.Write(ctx, func(tx *Tx) error {
		if _, err := sittingForUpdate(ctx, tx, sittingID); err != nil {
			return err
		}
		now := cs.db.Now()
		var f apperr.Fields
		for i, m := range marks {
			var old string
			var oldScore int
			var cert sql.NullString
			err := tx.QueryRow(ctx, `SELECT k.result, k.score, c.number FROM skill_candidates k
				LEFT JOIN skill_certificates c ON c.sitting_id = k.sitting_id AND c.person_id = k.person_id
				WHERE k.sitting_id = ? AND k.person_id = ?`, sittingID, m.PersonID).Scan(&old, &oldScore, &cert)
			if errors.Is(err, sql.ErrNoRows) {
				f.Add("items."+strconv.Itoa(i)+".person_id", "该人员不是本场评价的考生，不能登记成绩")
				continue
			}
			if err != nil {
				return fmt.Errorf("store.RecordResults: %w", err)
			}
			if training.Result(old) == m.Result && oldScore == m.Score {
				continue
			}
			if cert.Valid {
				return apperr.New(apperr.Conflict, "考生 "+strconv.FormatInt(m.PersonID, 10)+" 已获发证书 "+cert.String+"，不能再修改成绩")
			}
			if _, err := tx.Exec(ctx, "UPDATE skill_candidates SET result = ?, score = ?, recorded_by = ?, recorded_at = ? WHERE sitting_id = ? AND person_id = ?",
				string(m.Result), m.Score, a.UserID, now, sittingID, m.PersonID); err != nil {
				return fmt.Errorf("store.RecordResults: %w", err)
			}
			summary := fmt.Sprintf("登记技能评价成绩：场次 %d，%s→%s，%d 分", sittingID, training.Result(old).Label(), m.Result.Label(), m.Score)
			if err := tx.Audit(ctx, a, "certificate.result.record", "person", m.PersonID, summary, "ok"); err != nil {
				return err
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		var pending int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM skill_candidates WHERE sitting_id = ? AND result = ?", sittingID, string(training.ResultPending)).Scan(&pending); err != nil {
			return fmt.Errorf("store.RecordResults: %w", err)
		}
		status := training.SittingScheduled
		if pending == 0 {
			status = training.SittingRecorded
		}
		_, err := tx.Exec(ctx, "UPDATE skill_sittings SET status = ?, updated_at = ? WHERE id = ?", string(status), now, sittingID)
		return err
	})
}

// IssueItem is one certificate to issue: the candidate and the number
// typed for it ("" to generate one).
type IssueItem struct {
	PersonID int64
	Number   string
}

// IssueRequest is the certificates to issue for a sitting.
type IssueRequest struct {
	Sitting  *training.Sitting
	District string    // the region code the generated numbers carry
	IssuedOn time.Time // the date printed
	Items    []IssueItem
	// Tell builds the holder's message for a certificate; nil for none.
	Tell func(c *training.Certificate) *notify.Message
}

// Issue issues certificates to candidates of a sitting who passed, each
// with the holder's registered name and sealed ID number, a typed number
// or the provider's next one, audited and told to the holder. A person
// who is not a passed candidate, or already holds this sitting's
// certificate, is a field error on items.N.person_id; a number already
// issued (or typed twice) on items.N.number. Either all are issued or none.
func (cs CertificateStore) Issue(ctx context.Context, a Actor, r IssueRequest) ([]*training.Certificate, error) {
	var out []*training.Certificate
	err := cs.db.Write(ctx, func(tx *Tx) error {
		out = nil
		s := r.Sitting
		// The provider's row serialises its numbering across instances.
		var pid int64
		if err := tx.QueryRow(ctx, "SELECT id FROM training_providers WHERE id = ?"+cs.db.dialect.forUpdate(), s.ProviderID).Scan(&pid); err != nil {
			return fmt.Errorf("store.Issue provider: %w", err)
		}
		if _, err := sittingForUpdate(ctx, tx, s.ID); err != nil {
			return err
		}
		var f apperr.Fields
		typed := map[string]int{}
		prefix := training.NumberPrefix(r.District, s.ProviderID, s.Level, r.IssuedOn)
		last, err := lastNumber(ctx, tx, prefix)
		if err != nil {
			return err
		}
		now := cs.db.Now()
		for i, it := range r.Items {
			key := "items." + strconv.Itoa(i) + "."
			var result, name string
			var idEnc []byte
			var held int
			err := tx.QueryRow(ctx, `SELECT k.result, p.name, p.id_enc,
				(SELECT COUNT(*) FROM skill_certificates c WHERE c.sitting_id = k.sitting_id AND c.person_id = k.person_id)
				FROM skill_candidates k JOIN persons p ON p.id = k.person_id WHERE k.sitting_id = ? AND k.person_id = ?`,
				s.ID, it.PersonID).Scan(&result, &name, &idEnc, &held)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				f.Add(key+"person_id", "该人员不是本场评价的考生")
				continue
			case err != nil:
				return fmt.Errorf("store.Issue: %w", err)
			case training.Result(result) != training.ResultPass:
				f.Add(key+"person_id", name+"的评价结果为“"+training.Result(result).Label()+"”，合格后才能发证")
				continue
			case held > 0:
				f.Add(key+"person_id", name+"已获发本场评价的证书")
				continue
			}
			number := it.Number
			if number == "" {
				last = training.NextNumber(prefix, last)
				number = last
			} else if first, dup := typed[number]; dup {
				f.Add(key+"number", "证书编号 "+number+" 与第 "+strconv.Itoa(first+1)+" 项重复")
				continue
			}
			typed[number] = i
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM skill_certificates WHERE number = ?", number).Scan(&n); err != nil {
				return fmt.Errorf("store.Issue: %w", err)
			}
			if n > 0 {
				f.Add(key+"number", "证书编号 "+number+" 已被使用，请核对后重新填写（留空由系统生成）")
				continue
			}
			idn, err := cs.db.box.Open(idEnc)
			if err != nil {
				return fmt.Errorf("store.Issue: %w", err)
			}
			c := &training.Certificate{Number: number, PersonID: it.PersonID, Name: name, IDNumber: idn, IDMasked: registry.MaskID(idn),
				Occupation: s.Occupation, Level: s.Level, ProviderID: s.ProviderID, ProviderName: s.ProviderName, SittingID: s.ID,
				IssuedOn: r.IssuedOn, Status: training.CertValid, CreatedAt: now}
			if c.ID, err = tx.InsertID(ctx, `INSERT INTO skill_certificates (number, person_id, name, id_enc, occupation_code, level, provider_id,
				sitting_id, issued_on, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Number, c.PersonID, c.Name,
				cs.db.box.Seal(idn), c.Occupation, int(c.Level), c.ProviderID, c.SittingID, nullDate(c.IssuedOn), string(c.Status), now); err != nil {
				return fmt.Errorf("store.Issue: %w", err)
			}
			if err := tx.Audit(ctx, a, "certificate.issue", "person", c.PersonID, fmt.Sprintf("发放职业技能等级证书 %s：场次 %d，%s，%s",
				c.Number, s.ID, c.Occupation, c.Level.Label()), "ok"); err != nil {
				return err
			}
			if r.Tell != nil {
				if _, err := tx.Notify(ctx, r.Tell(c)); err != nil {
					return err
				}
			}
			out = append(out, c)
		}
		return f.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lastNumber is the highest number issued with prefix ("" for none).
func lastNumber(ctx context.Context, tx *Tx, prefix string) (string, error) {
	var last string
	err := tx.QueryRow(ctx, "SELECT number FROM skill_certificates WHERE number LIKE ? ORDER BY LENGTH(number) DESC, number DESC LIMIT 1",
		prefix+"%").Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store.lastNumber: %w", err)
	}
	return last, nil
}

// Verify finds the valid certificate with number issued to name: one
// indexed read, the same whether the number is unknown or the name does
// not match (both NotFound).
func (cs CertificateStore) Verify(ctx context.Context, number, name string) (*training.Verification, error) {
	var c training.Verification
	err := cs.db.queryRow(ctx, `SELECT c.number, c.name, c.occupation_code, c.level, p.name, c.issued_on
		FROM skill_certificates c JOIN training_providers p ON p.id = c.provider_id
		WHERE c.number = ? AND c.name = ? AND c.status = ?`, number, name, string(training.CertValid)).
		Scan(&c.Number, &c.Name, &c.Occupation, &c.Level, &c.Issuer, &c.IssuedOn)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("skill_certificate")
	}
	if err != nil {
		return nil, fmt.Errorf("store.Verify: %w", err)
	}
	c.IssuedOn = c.IssuedOn.UTC()
	return &c, nil
}

const certCols = `c.id, c.number, c.person_id, c.name, c.id_enc, c.occupation_code, c.level, c.provider_id, p.name, c.sitting_id, c.issued_on,
	c.status, c.created_at`

const certFrom = " FROM skill_certificates c JOIN training_providers p ON p.id = c.provider_id"

// scanCertificate reads a certificate; open says whether to keep the
// clear ID number (the holder's and staff's page) or only its mask.
func (cs CertificateStore) scanCertificate(s interface{ Scan(...any) error }, open bool) (*training.Certificate, error) {
	var c training.Certificate
	var idEnc []byte
	var status string
	if err := s.Scan(&c.ID, &c.Number, &c.PersonID, &c.Name, &idEnc, &c.Occupation, &c.Level, &c.ProviderID, &c.ProviderName, &c.SittingID,
		&c.IssuedOn, &status, &c.CreatedAt); err != nil {
		return nil, err
	}
	idn, err := cs.db.box.Open(idEnc)
	if err != nil {
		return nil, err
	}
	c.IDMasked, c.Status = registry.MaskID(idn), training.CertStatus(status)
	if open {
		c.IDNumber = idn
	}
	c.IssuedOn, c.CreatedAt = c.IssuedOn.UTC(), c.CreatedAt.UTC()
	return &c, nil
}

// CertificateByID returns a certificate with the holder's ID number, or NotFound.
func (cs CertificateStore) CertificateByID(ctx context.Context, id int64) (*training.Certificate, error) {
	c, err := cs.scanCertificate(cs.db.queryRow(ctx, "SELECT "+certCols+certFrom+" WHERE c.id = ?", id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Missing("skill_certificate")
	}
	if err != nil {
		return nil, fmt.Errorf("store.CertificateByID: %w", err)
	}
	return c, nil
}

// CertificateFilter selects certificates; zero fields select all.
type CertificateFilter struct {
	PersonID   int64
	ProviderID int64
	Occupation string
	Level      training.Level
	From, To   time.Time // issued on or after, on or before
	ValidOnly  bool
	Limit      int // 0: 1000
	Offset     int
}

// Certificates returns a page of the certificates matching f, the latest
// issued first (ID numbers masked), and how many match in all.
func (cs CertificateStore) Certificates(ctx context.Context, f CertificateFilter) ([]*training.Certificate, int, error) {
	var conds []string
	var args []any
	add := func(cond string, arg any) { conds, args = append(conds, cond), append(args, arg) }
	if f.PersonID != 0 {
		add("c.person_id = ?", f.PersonID)
	}
	if f.ProviderID != 0 {
		add("c.provider_id = ?", f.ProviderID)
	}
	if f.Occupation != "" {
		add("c.occupation_code = ?", f.Occupation)
	}
	if f.Level != 0 {
		add("c.level = ?", int(f.Level))
	}
	if !f.From.IsZero() {
		add("c.issued_on >= ?", nullDate(f.From))
	}
	if !f.To.IsZero() {
		add("c.issued_on <= ?", nullDate(f.To))
	}
	if f.ValidOnly {
		add("c.status = ?", string(training.CertValid))
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := cs.db.queryRow(ctx, "SELECT COUNT(*)"+certFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store.Certificates: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	rows, err := cs.db.query(ctx, "SELECT "+certCols+certFrom+where+" ORDER BY c.issued_on DESC, c.id DESC LIMIT ? OFFSET ?", append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store.Certificates: %w", err)
	}
	defer rows.Close()
	var out []*training.Certificate
	for rows.Next() {
		c, err := cs.scanCertificate(rows, false)
		if err != nil {
			return nil, 0, fmt.Errorf("store.Certificates: %w", err)
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}
