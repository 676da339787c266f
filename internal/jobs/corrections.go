package jobs

import "time"

// Correction is what 识别职业 learned from use: a post title and the
// occupation code an employer or bureau staff chose for it over the
// classifier's first suggestion (Suggested, the last time), and how often.
type Correction struct {
	ID        int64
	Title     string
	Code      string
	Suggested string
	Count     int
	CreatedAt time.Time
	UpdatedAt time.Time
	UpdatedBy int64 // 0: unknown
}
