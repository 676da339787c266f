package store

// 网谷智聘 candidate pool: the resumes whose persons opted in to be found
// by employers, with the few registry fields a candidate list shows; and
// the resumes changed since a moment, so that each instance's in-memory
// pool can follow saves made on the others without reloading everything.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/resume"
)

// Candidate is a resume with its person's masked contact.
type Candidate struct {
	Resume      *resume.Resume // Discoverable and UpdatedAt from their columns
	Name        string
	PhoneMasked string
	Education   string // the registry record's level
}

const candidateCols = `SELECT r.person_id, r.resume, r.discoverable, r.updated_at, p.name, p.phone_enc, p.education
	FROM resumes r JOIN persons p ON p.id = r.person_id`

// DiscoverableResumes returns every resume marked discoverable, by person id.
// Read-only; the ID number is never read.
func (tb JobStore) DiscoverableResumes(ctx context.Context) ([]Candidate, error) {
	out, err := tb.candidates(ctx, candidateCols+" WHERE r.discoverable = ? ORDER BY r.person_id", true)
	if err != nil {
		return nil, fmt.Errorf("store.DiscoverableResumes: %w", err)
	}
	return out, nil
}

// ResumesChangedSince returns every resume, discoverable or not, that was
// saved at or after since or whose person's record was (a new name, phone
// or education shows in candidate lists too). A resume may come twice.
// Read-only; both columns are indexed (migration 0009).
func (tb JobStore) ResumesChangedSince(ctx context.Context, since time.Time) ([]Candidate, error) {
	out, err := tb.candidates(ctx, candidateCols+" WHERE r.updated_at >= ? UNION ALL "+candidateCols+" WHERE p.updated_at >= ?",
		since.UTC(), since.UTC())
	if err != nil {
		return nil, fmt.Errorf("store.ResumesChangedSince: %w", err)
	}
	return out, nil
}

func (tb JobStore) candidates(ctx context.Context, q string, args ...any) ([]Candidate, error) {
	rows, err := tb.db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		c, err := tb.scanCandidate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// scanCandidate reads one candidate row; the phone is decrypted only to be
// masked (no mask is stored: it would keep 7 of 11 digits in clear).
func (tb JobStore) scanCandidate(rows *sql.Rows) (Candidate, error) {
	var c Candidate
	var raw string
	var id int64
	var disc bool
	var at time.Time
	var phEnc []byte
	if err := rows.Scan(&id, &raw, &disc, &at, &c.Name, &phEnc, &c.Education); err != nil {
		return c, err
	}
	phone, err := tb.db.box.Open(phEnc)
	if err != nil {
		return c, fmt.Errorf("phone: %w", err)
	}
	c.PhoneMasked = registry.MaskPhone(phone)
	r := &resume.Resume{}
	if err := json.Unmarshal([]byte(raw), r); err != nil {
		return c, fmt.Errorf("resume JSON: %w", err)
	}
	r.PersonID, r.UpdatedAt, r.Discoverable = id, at.UTC(), disc
	c.Resume = r
	return c, nil
}
