package policy

import (
	"time"
)

// Policy statuses.
const (
	Published = "published"
	Withdrawn = "withdrawn"
)

// Doc is one policy as stored: its catalog YAML plus the columns the
// lists and the engine need without parsing.
type Doc struct {
	ID             string
	Version        int
	Name           string
	Category       string
	Beneficiary    string
	MatchMode      string
	ExclusiveGroup string
	NoApply        bool // 免申即享
	Status         string
	Body           string
	UpdatedAt      time.Time
}

// Stats are the per-policy counts staff see.
type Stats struct {
	Eligible, Notified, Applied, Approved, Paid int
	PaidYuan                                    float64
}

// Eligibility is one evaluation result of a subject against a policy version.
type Eligibility struct {
	PolicyID    string
	Version     int
	SubjectType string
	SubjectID   int64
	Eligible    bool
	AmountYuan  float64
}

// ApplicationFilter selects applications.
type ApplicationFilter struct {
	PolicyID    string
	Status      string
	SubjectType string
	SubjectID   int64
	RefType     string // with RefID: the applications that pay for one object, e.g. a loan's quarters
	RefID       int64
	Limit       int
	Offset      int
}

// Upload is an application material file's record; the bytes live under the
// data directory, sealed (Encrypted) or, for rows older versions wrote and
// not yet migrated, in clear.
type Upload struct {
	ID          int64
	OwnerType   string
	OwnerID     int64
	Filename    string
	ContentType string
	Size        int64  // of the plaintext
	SHA256      string // plain SHA-256 of a clear file; empty once Encrypted
	Digest      string // keyed digest of the plaintext (secret.FileBox.Digest) once Encrypted
	Encrypted   bool
	Path        string // relative to the data directory; a sealed file is bound to it
	CreatedAt   time.Time
}
