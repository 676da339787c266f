package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/training"
)

// PastClass is a class that has already run, as the demo generator
// writes history: the class (filed) with its sessions, the persons the
// provider registered, and who was at each session (Present[trainee][session]).
type PastClass struct {
	Class    *training.Class
	Trainees []int64
	Present  [][]bool
}

// attendanceBatch is how many attendance rows one INSERT writes.
const attendanceBatch = 200

// InsertPastClasses stores classes that have run, with their rosters
// (source import, enrolled before the first session) and attendance signed
// by QR code on the day, in one transaction and without audit entries:
// nobody acted, the generator is writing what happened. Overlaps and
// capacity are the generator's to respect.
func (ts TrainingStore) InsertPastClasses(ctx context.Context, classes []PastClass) error {
	err := ts.db.Write(ctx, func(tx *Tx) error {
		var att []any
		flush := func() error {
			if len(att) == 0 {
				return nil
			}
			n := len(att) / 5
			q := "INSERT INTO training_attendance (session_id, person_id, present, method, signed_at) VALUES " +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", n), ", ")
			if _, err := tx.Exec(ctx, q, att...); err != nil {
				return err
			}
			att = att[:0]
			return nil
		}
		for _, pc := range classes {
			c := pc.Class
			enrolledAt := c.Start().Add(-7 * 24 * time.Hour)
			id, err := tx.InsertID(ctx, `INSERT INTO training_classes (provider_id, title, type, occupation_code, level, hours, capacity, fee_yuan,
				region_code, start_on, end_on, status, reason, subsidy_yuan, subsidy_source, enrolled, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				c.ProviderID, c.Title, string(c.Type), c.Occupation, int(c.Level), c.Hours, c.Capacity, c.FeeYuan, c.RegionCode,
				nullDate(c.Start()), nullDate(c.End()), string(training.ClassApproved), "", c.SubsidyYuan, c.SubsidySource, len(pc.Trainees),
				enrolledAt.Add(-7*24*time.Hour), enrolledAt)
			if err != nil {
				return err
			}
			c.ID, c.Status = id, training.ClassApproved
			if err := insertSessions(ctx, tx, id, c.Sessions); err != nil {
				return err
			}
			if err := sessionIDs(ctx, tx, c); err != nil {
				return err
			}
			for i, p := range pc.Trainees {
				if _, err := tx.Exec(ctx, `INSERT INTO training_enrolments (class_id, person_id, status, source, created_by, created_at, updated_at)
					VALUES (?, ?, ?, ?, 0, ?, ?)`, id, p, string(training.Enrolled), string(training.SourceImport), enrolledAt, enrolledAt); err != nil {
					return err
				}
				for k, s := range c.Sessions {
					if i < len(pc.Present) && k < len(pc.Present[i]) && pc.Present[i][k] {
						att = append(att, s.ID, p, true, string(training.MethodQR), s.StartsAt().Add(-5*time.Minute))
						if len(att) >= attendanceBatch*5 {
							if err := flush(); err != nil {
								return err
							}
						}
					}
				}
			}
		}
		return flush()
	})
	if err != nil {
		return fmt.Errorf("store.InsertPastClasses: %w", err)
	}
	return nil
}

// sessionIDs reads back the ids of a class's sessions just inserted.
func sessionIDs(ctx context.Context, tx *Tx, c *training.Class) error {
	rows, err := tx.Query(ctx, "SELECT id FROM training_sessions WHERE class_id = ? ORDER BY seq", c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for i := 0; rows.Next(); i++ {
		if i >= len(c.Sessions) {
			return fmt.Errorf("class %d: more sessions stored than written", c.ID)
		}
		if err := rows.Scan(&c.Sessions[i].ID); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PastSitting is a sitting that has been held, as the demo writes history:
// the sitting, its candidates with their results (training.ResultPass …),
// and the certificates issued to those who passed (Number set).
type PastSitting struct {
	Sitting      *training.Sitting
	Candidates   []PastCandidate
	Certificates []*training.Certificate
}

// PastCandidate is one candidate of a past sitting.
type PastCandidate struct {
	PersonID int64
	ClassID  int64
	Result   string
	Score    int
}

// InsertPastSittings stores held sittings with their results and the
// certificates issued (the holder's ID number sealed as the person's), in one transaction
// and without audit entries: the generator writes what happened.
func (ts TrainingStore) InsertPastSittings(ctx context.Context, list []PastSitting) error {
	err := ts.db.Write(ctx, func(tx *Tx) error {
		for _, ps := range list {
			s := ps.Sitting
			at := s.HeldOn.Add(-14 * 24 * time.Hour)
			id, err := tx.InsertID(ctx, `INSERT INTO skill_sittings (provider_id, occupation_code, level, held_on, place, capacity, status,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.ProviderID, s.Occupation, int(s.Level), nullDate(s.HeldOn), s.Place,
				s.Capacity, string(s.Status), at, s.HeldOn)
			if err != nil {
				return err
			}
			s.ID = id
			for _, c := range ps.Candidates {
				if _, err := tx.Exec(ctx, `INSERT INTO skill_candidates (sitting_id, person_id, class_id, result, score, recorded_at)
					VALUES (?, ?, ?, ?, ?, ?)`, id, c.PersonID, c.ClassID, c.Result, c.Score, s.HeldOn.Add(24*time.Hour)); err != nil {
					return err
				}
			}
			for _, c := range ps.Certificates {
				c.SittingID = id
				// The holder's ID number is the person's, sealed as the registry holds it.
				if _, err := tx.Exec(ctx, `INSERT INTO skill_certificates (number, person_id, name, id_enc, occupation_code, level, provider_id,
					sitting_id, issued_on, status, created_at) SELECT ?, p.id, ?, p.id_enc, ?, ?, ?, ?, ?, ?, ? FROM persons p WHERE p.id = ?`,
					c.Number, c.Name, c.Occupation, int(c.Level), c.ProviderID, id, nullDate(c.IssuedOn), string(training.CertValid),
					c.IssuedOn, c.PersonID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.InsertPastSittings: %w", err)
	}
	return nil
}

// InsertPaidClaims stores subsidy claims that were checked, approved and
// paid, with their items and the ledger rows that subsidise their eligible
// trainees (paid), in one transaction without audit entries. The caller
// keeps to the once-per-occupation-and-level rule; the ledger's key
// refuses a breach.
func (ts TrainingStore) InsertPaidClaims(ctx context.Context, list []*training.Claim) error {
	err := ts.db.Write(ctx, func(tx *Tx) error {
		for _, k := range list {
			id, err := tx.InsertID(ctx, `INSERT INTO training_claims (class_id, provider_id, status, checked, trainees, total_yuan, standard_yuan,
				round, submitted_by, submitted_at, decided_by, decided_at, paid_batch, paid_on, paid_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, ?, 0, ?, ?, ?, 0, ?, ?)`, k.ClassID, k.ProviderID, string(training.ClaimPaid), k.Checked,
				k.Trainees, k.TotalYuan, k.StandardYuan, k.SubmittedAt, k.DecidedAt, k.PaidBatch, nullDate(k.PaidOn), k.SubmittedAt, k.PaidOn)
			if err != nil {
				return err
			}
			k.ID = id
			for _, it := range k.Items {
				checks, err := json.Marshal(it.Checks)
				if err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, "INSERT INTO training_claim_items (claim_id, person_id, eligible, amount_yuan, checks) VALUES (?, ?, ?, ?, ?)",
					id, it.PersonID, it.Eligible, it.AmountYuan, string(checks)); err != nil {
					return err
				}
				if it.Eligible {
					if _, err := tx.Exec(ctx, `INSERT INTO training_subsidy_ledger (person_id, occupation_code, level, claim_id, status, created_at)
						VALUES (?, ?, ?, ?, ?, ?)`, it.PersonID, k.Occupation, int(k.Level), id, ledgerPaid, k.SubmittedAt); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.InsertPaidClaims: %w", err)
	}
	return nil
}
