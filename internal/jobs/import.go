package jobs

import (
	"time"
)

// Import run statuses.
const (
	ImportRunning = "running"
	ImportDone    = "done"
	ImportFailed  = "failed"
)

// ImportRowError is one refused cell of an import, or a note on a cell of
// a row that was imported (Note): how an unusual value was read. Row is
// the spreadsheet row number (the header is row 1); Column is empty when
// the reason is about the whole row.
type ImportRowError struct {
	Row    int
	Column string
	Reason string
	Note   bool
}

// Import is one import run. UserID is 0 for the command line.
type Import struct {
	ID           int64
	EnterpriseID int64
	UserID       int64
	Source       string // web | api | cli
	Filename     string
	Status       string
	Total        int // data rows in the file
	Checked      int // rows checked so far
	Saved        int
	Failed       int // rows refused
	ErrorCount   int // row errors in the report
	Message      string
	CreatedAt    time.Time
	UpdatedAt    time.Time // last heartbeat while running
	FinishedAt   time.Time // zero while running
}
