package jobs

import "time"

// MaxInvitationsPerDay is how many invitations (邀请投递) one enterprise may
// send in a Beijing day, over all its posts: enough for real recruiting,
// too few to spam the candidate pool.
const MaxInvitationsPerDay = 50

// Invitation is an employer's invitation to a discoverable person to apply
// to one of its published posts. The person decides; the enterprise learns
// nothing more of them until they apply.
type Invitation struct {
	ID           int64     `json:"id"`
	PostID       int64     `json:"post_id"`
	EnterpriseID int64     `json:"enterprise_id"`
	PersonID     int64     `json:"person_id"`
	InvitedBy    int64     `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}
