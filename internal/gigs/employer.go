package gigs

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// EmployerStatus is where a gig employer's registration is. Enterprises
// are verified as enterprises (registry) and are EmployerVerified here; a
// person who hires for themselves (个人用工) waits for staff.
type EmployerStatus string

// Employer statuses.
const (
	EmployerPending  EmployerStatus = "pending"
	EmployerVerified EmployerStatus = "verified"
	EmployerRefused  EmployerStatus = "refused"
)

// Label is the Chinese name of the status.
func (s EmployerStatus) Label() string {
	switch s {
	case EmployerPending:
		return "待核验"
	case EmployerVerified:
		return "已核验"
	case EmployerRefused:
		return "未通过"
	}
	return string(s)
}

// Employer is who posts gigs: an enterprise, or a verified person.
type Employer struct {
	ID           int64
	EnterpriseID int64 // 0 for a person
	PersonID     int64 // 0 for an enterprise
	Name         string
	Purpose      string // what a person hires for
	Status       EmployerStatus
	Reason       string // why staff refused
	ReviewedBy   int64
	ReviewedAt   time.Time
	CreatedAt    time.Time
}

// Person employer limits.
const (
	MaxEmployerName = 20
	MaxPurpose      = 200
)

// CheckPersonEmployer validates a person's 个人用工 application: a display
// name workers will see (e.g. 王先生) and what they hire for.
func CheckPersonEmployer(name, purpose string) error {
	var f apperr.Fields
	switch n := utf8.RuneCountInString(strings.TrimSpace(name)); {
	case n == 0:
		f.Add("name", "请填写对工人显示的称呼，如“王先生”")
	case n > MaxEmployerName:
		f.Add("name", "称呼不能超过 20 个字")
	default:
		registry.CheckText(&f, "name", name, MaxEmployerName)
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(purpose)); {
	case n < 4:
		f.Add("purpose", "请说明要找人做什么，如“家里搬家，需要 2 人搬运”")
	case n > MaxPurpose:
		f.Add("purpose", "用工说明不能超过 200 个字")
	default:
		registry.CheckText(&f, "purpose", purpose, MaxPurpose)
	}
	return f.Err()
}
