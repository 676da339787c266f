package store

// 网谷智聘 candidate pool: the resumes whose persons opted in to be found
// by employers, with the few registry fields a candidate list shows.

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jiuye/jiuye/internal/resume"
)

// Candidate is a discoverable resume with its person's masked contact.
type Candidate struct {
	Resume      *resume.Resume
	Name        string
	PhoneMasked string
	Education   string // the registry record's level
}

// DiscoverableResumes returns every resume marked discoverable, by person id.
// Read-only; the ID number is never read.
func (db *DB) DiscoverableResumes(ctx context.Context) ([]Candidate, error) {
	rows, err := db.query(ctx, `SELECT r.person_id, r.resume, r.updated_at, p.name, p.phone_mask, p.education
		FROM resumes r JOIN persons p ON p.id = r.person_id WHERE r.discoverable = ? ORDER BY r.person_id`, true)
	if err != nil {
		return nil, fmt.Errorf("store.DiscoverableResumes: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		var raw string
		r := &resume.Resume{}
		if err := rows.Scan(&r.PersonID, &raw, &r.UpdatedAt, &c.Name, &c.PhoneMasked, &c.Education); err != nil {
			return nil, fmt.Errorf("store.DiscoverableResumes: %w", err)
		}
		id, at := r.PersonID, r.UpdatedAt
		if err := json.Unmarshal([]byte(raw), r); err != nil {
			return nil, fmt.Errorf("store.DiscoverableResumes: resume JSON: %w", err)
		}
		r.PersonID, r.UpdatedAt, r.Discoverable = id, at.UTC(), true
		c.Resume = r
		out = append(out, c)
	}
	return out, rows.Err()
}
