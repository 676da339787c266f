package store

import (
	"context"
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
