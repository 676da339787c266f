package jobs

import (
	"time"
)

// SavedSearch is a person's saved job search.
type SavedSearch struct {
	ID        int64
	PersonID  int64
	Name      string
	Query     string // URL query string as /jobs and /api/v1/jobs take it
	CreatedAt time.Time
}
