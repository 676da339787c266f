// Package internship is 就业见习: enterprises apply to be internship bases
// (见习基地) with the places they offer a year, the occupations and a
// supervisor; staff designate, suspend or return them. A designated base
// posts places on the job board (job posts tagged 见习), takes interns from
// the posts' applicants, records each month served and, at the end,
// whether the intern was kept (留用), which makes the base's retention
// rate. The monthly subsidy and the retention bonus follow the rule in
// data/subsidy.yaml (the policy catalog's 就业见习补贴), never a figure in
// code. Types, validation and pure rules only.
package internship

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// Status is where a base's designation is.
type Status string

// The base statuses.
const (
	StatusApplying   Status = "applying"   // 申请中
	StatusDesignated Status = "designated" // 已认定: may post places and take interns
	StatusSuspended  Status = "suspended"  // 已暂停: keeps its interns, takes no new ones
	StatusReturned   Status = "returned"   // 已退回: the enterprise corrects and applies again
)

// Statuses lists the statuses in the order filters offer them.
var Statuses = []Status{StatusApplying, StatusDesignated, StatusSuspended, StatusReturned}

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case StatusApplying:
		return "申请中"
	case StatusDesignated:
		return "已认定"
	case StatusSuspended:
		return "已暂停"
	case StatusReturned:
		return "已退回"
	}
	return string(s)
}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Move is a staff decision on a base.
type Move string

// The staff decisions.
const (
	MoveDesignate Move = "designate" // applying or suspended → designated
	MoveSuspend   Move = "suspend"   // designated → suspended, with a reason
	MoveReturn    Move = "return"    // applying → returned, with a reason
)

// Next is the status move m leads to from s, or a Conflict saying why not.
func (m Move) Next(s Status) (Status, error) {
	bad := func(verb string) (Status, error) {
		return s, apperr.New(apperr.Conflict, "该见习基地当前为“"+s.Label()+"”，不能"+verb)
	}
	switch m {
	case MoveDesignate:
		if s != StatusApplying && s != StatusSuspended {
			return bad("认定")
		}
		return StatusDesignated, nil
	case MoveSuspend:
		if s != StatusDesignated {
			return bad("暂停")
		}
		return StatusSuspended, nil
	case MoveReturn:
		if s != StatusApplying {
			return bad("退回")
		}
		return StatusReturned, nil
	}
	return s, apperr.Field("action", "不支持的操作")
}

// NeedsReason reports whether the move must give a reason.
func (m Move) NeedsReason() bool { return m == MoveSuspend || m == MoveReturn }

// Limits of the fields.
const (
	MaxPlaces      = 1000
	MaxOccupations = 20
	MaxContact     = 30
	MaxSupervisor  = 30
	MaxIntro       = 1000
	MaxReason      = 200
)

// Base is an enterprise's application to be, or designation as, an
// internship base.
type Base struct {
	ID             int64
	EnterpriseID   int64
	EnterpriseName string // read from the enterprise
	PlacesPerYear  int
	Occupations    []string // leaves of the occupation table
	ContactName    string
	ContactPhone   string // sealed in the store
	Supervisor     string // 见习带教老师
	Intro          string
	Status         Status
	Reason         string // why returned or suspended, as staff wrote it
	CreatedAt      time.Time
	UpdatedAt      time.Time

	// Finished and Kept count the base's ended internships and those kept
	// (留用); the store fills them.
	Finished, Kept int
}

// Normalize trims the text fields and drops repeated occupations.
func (b *Base) Normalize() {
	for _, s := range []*string{&b.ContactName, &b.ContactPhone, &b.Supervisor, &b.Intro} {
		*s = strings.TrimSpace(*s)
	}
	var keep []string
	for _, o := range b.Occupations {
		if o = strings.TrimSpace(o); o != "" && !slices.Contains(keep, o) {
			keep = append(keep, o)
		}
	}
	b.Occupations = keep
}

// Validate checks an application; field names are the API's
// (occupations.N for one occupation).
func (b *Base) Validate(occupations *codes.Table) error {
	var f apperr.Fields
	if b.PlacesPerYear < 1 || b.PlacesPerYear > MaxPlaces {
		f.Add("places_per_year", "每年提供的见习岗位数应为 1–"+strconv.Itoa(MaxPlaces)+" 个")
	}
	switch {
	case len(b.Occupations) == 0:
		f.Add("occupations", "请至少选择一个见习职业（工种）")
	case len(b.Occupations) > MaxOccupations:
		f.Add("occupations", "见习职业最多 "+strconv.Itoa(MaxOccupations)+" 个")
	}
	for i, o := range b.Occupations {
		if msg := checkOccupation(occupations, o); msg != "" {
			f.Add("occupations."+strconv.Itoa(i), msg)
		}
	}
	registry.CheckRequiredText(&f, "contact_name", b.ContactName, MaxContact, "请填写联系人")
	if b.ContactPhone == "" {
		f.Add("contact_phone", "请填写联系电话")
	} else if !registry.ValidContactPhone(b.ContactPhone) {
		f.Add("contact_phone", "联系电话应为手机号或带区号的固定电话，如 027-83251234")
	}
	registry.CheckRequiredText(&f, "supervisor", b.Supervisor, MaxSupervisor, "请填写见习带教老师（指导人）")
	registry.CheckRequiredText(&f, "intro", b.Intro, MaxIntro, "")
	return f.Err()
}

func checkOccupation(occupations *codes.Table, code string) string {
	c, ok := occupations.Get(code)
	switch {
	case !ok:
		return "职业分类中没有这个职业"
	case len(occupations.Children(code)) > 0:
		return "“" + c.Name + "”是职业类别，请选择具体职业（工种）"
	}
	return ""
}

// MayTakeInterns says why the base may not post places or start
// internships now ("" when it may).
func (b *Base) MayTakeInterns() string {
	switch b.Status {
	case StatusDesignated:
		return ""
	case StatusSuspended:
		return "见习基地已被暂停，暂停期间不能发布见习岗位或接收新的见习人员"
	}
	return "单位尚未被认定为就业见习基地，认定后才能发布见习岗位、接收见习人员"
}

// RetentionRate is kept / finished as a share (0 when none finished).
func RetentionRate(kept, finished int) float64 {
	if finished == 0 {
		return 0
	}
	return float64(kept) / float64(finished)
}

// RetentionText says the retention rate for people: "2/3（66.7%）", or
// "暂无期满见习人员" when none finished.
func RetentionText(kept, finished int) string {
	if finished == 0 {
		return "暂无期满见习人员"
	}
	return strconv.Itoa(kept) + "/" + strconv.Itoa(finished) + "（" + strconv.FormatFloat(RetentionRate(kept, finished)*100, 'f', 1, 64) + "%）"
}

// Retention is the base's retention text.
func (b *Base) Retention() string { return RetentionText(b.Kept, b.Finished) }
