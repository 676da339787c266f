// Package account holds users, roles, password rules and the login-lockout
// rule. It has no storage or HTTP code.
package account

import (
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/bidi"
)

// Role is what a user may do on the platform.
type Role string

// The platform's roles.
const (
	RolePerson   Role = "person"     // 求职者 / 零工
	RoleEmployer Role = "employer"   // 企业用户, tied to one enterprise
	RoleStaff    Role = "staff"      // 经办人员
	RoleReviewer Role = "reviewer"   // 审核人员
	RoleAdmin    Role = "admin"      // 管理员
	RoleBank     Role = "bank"       // 合作银行或担保机构的经办人, tied to one bank
	RoleExpert   Role = "expert"     // 评审专家: scores the start-up projects assigned to them
	RoleCounsel  Role = "counsellor" // 心理咨询师: their own slots, bookings and notes only
	RoleSchool   Role = "school"     // 中小学校的老师: books 职业启蒙 visits for their school, tied to one school
)

// Roles lists every role in display order.
var Roles = []Role{RolePerson, RoleEmployer, RoleStaff, RoleReviewer, RoleAdmin, RoleBank, RoleExpert, RoleCounsel, RoleSchool}

// Label is the Chinese name of the role.
func (r Role) Label() string {
	switch r {
	case RolePerson:
		return "求职者"
	case RoleEmployer:
		return "企业用户"
	case RoleStaff:
		return "经办人员"
	case RoleReviewer:
		return "审核人员"
	case RoleAdmin:
		return "管理员"
	case RoleBank:
		return "合作银行人员"
	case RoleExpert:
		return "评审专家"
	case RoleCounsel:
		return "心理咨询师"
	case RoleSchool:
		return "学校用户"
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// IsBureau reports whether the role belongs to bureau personnel (staff,
// reviewer, admin), who may open other people's records.
func (r Role) IsBureau() bool { return r == RoleStaff || r == RoleReviewer || r == RoleAdmin }

// User is a login account. Phone is plaintext in memory and encrypted at rest.
type User struct {
	ID           int64
	Role         Role
	Name         string
	Phone        string
	PersonID     int64 // set for role person
	EnterpriseID int64 // set for role employer
	BankID       int64 // set for role bank: the partner bank or guarantee agency they work for
	SchoolID     int64 // set for role school: the primary or middle school they book visits for
	Disabled     bool
	CreatedAt    time.Time
	// MustChangePassword is set when staff reset the password for the
	// user: until they choose a new one, every page leads to /me/password.
	MustChangePassword bool
	// ConsentVersion is the version of the 用户协议 and 隐私政策 accepted
	// at sign-up (0 for accounts made by staff or before consent was asked).
	ConsentVersion int
	// LargeText is the account's 大字模式 choice; nil until the user makes
	// one (the browser's cookie decides until then).
	LargeText *bool
	// Team is the call-centre team (话务班组) a staff member works in ("" for
	// the bureau's one default team) and Supervisor marks its 班组长, who
	// sees every queue of the team; both kept in casework_agents.
	Team       string
	Supervisor bool
}

// Login-failure policy (等保 login-failure handling).
const (
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
	LockDuration  = 15 * time.Minute
)

// Session lifetimes.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
)

// RevealWindow is how long after logging in a person may reveal their own
// full ID number and phone without typing the password again.
const RevealWindow = 5 * time.Minute

// FreshLogin reports whether a session created at loggedIn is, at now,
// recent enough to reveal personal data without the password again.
func FreshLogin(loggedIn, now time.Time) bool {
	return !loggedIn.IsZero() && !now.Before(loggedIn) && now.Sub(loggedIn) < RevealWindow
}

// ShouldLock reports whether the failures seen within FailureWindow reach the lockout threshold.
func ShouldLock(recentFailures int) bool { return recentFailures >= MaxFailures }

// ValidateName checks a person's or user's display name.
func ValidateName(field, name string) error {
	if !utf8.ValidString(name) {
		return apperr.Field(field, "姓名包含无效字符")
	}
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return apperr.Field(field, "请填写姓名")
	case n > 40:
		return apperr.Field(field, "姓名不能超过 40 个字")
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '<' || r == '>' {
			return apperr.Field(field, "姓名包含不允许的字符")
		}
	}
	if bidi.Contains(name) {
		return apperr.Field(field, bidi.Message)
	}
	return nil
}
