package jobs

// PostFilter selects posts for the employer's list and the review queue.
type PostFilter struct {
	EnterpriseID int64
	Status       string
	Oldest       bool // oldest change first (the review queue), else newest post first
	Limit        int
	Offset       int
}

// ApplicationFilter selects applications: by person or by post,
// optionally of one status, one page of them. The post queries are served
// by the indexes of migration 0010: (post_id, id) for a whole list,
// (post_id, status, id) for a status tab and the per-status counts.
type ApplicationFilter struct {
	PersonID  int64
	PostID    int64
	Status    AppStatus
	Limit     int // at most 1000
	Offset    int
	NoHistory bool // skip loading each application's events (exports)
}
