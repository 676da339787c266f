package training

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// ClassType is what a class trains for.
type ClassType string

// The class types.
const (
	TypeEmployment ClassType = "employment" // 就业技能培训
	TypeUpgrade    ClassType = "upgrade"    // 岗位技能提升培训
	TypeStartup    ClassType = "startup"    // 创业培训
)

// ClassTypes lists the types in the order forms offer them.
var ClassTypes = []ClassType{TypeEmployment, TypeUpgrade, TypeStartup}

// Label is the type's Chinese name.
func (t ClassType) Label() string {
	switch t {
	case TypeEmployment:
		return "就业技能培训"
	case TypeUpgrade:
		return "岗位技能提升培训"
	case TypeStartup:
		return "创业培训"
	}
	return string(t)
}

// Valid reports whether t is one of ClassTypes.
func (t ClassType) Valid() bool { return slices.Contains(ClassTypes, t) }

// ClassStatus is where a class's filing (开班备案) is.
type ClassStatus string

// The class statuses.
const (
	ClassPending  ClassStatus = "pending"  // 待备案
	ClassApproved ClassStatus = "approved" // 已备案: public
	ClassReturned ClassStatus = "returned" // 已退回: the provider corrects and submits again
)

// ClassStatuses lists the statuses in the order filters offer them.
var ClassStatuses = []ClassStatus{ClassPending, ClassApproved, ClassReturned}

// Label is the status's Chinese name.
func (s ClassStatus) Label() string {
	switch s {
	case ClassPending:
		return "待备案"
	case ClassApproved:
		return "已备案"
	case ClassReturned:
		return "已退回"
	}
	return string(s)
}

// Session is one meeting of a class.
type Session struct {
	ID    int64     // 0 until stored; the sign-in code is derived from it
	Date  time.Time // UTC midnight of the day in China
	Start string    // HH:MM
	End   string    // HH:MM
	Place string
}

// Class is a training programme a provider opens.
type Class struct {
	ID           int64
	ProviderID   int64
	ProviderName string // read with the class
	Title        string
	Type         ClassType
	Occupation   string
	Level        Level
	Hours        int // 课时
	Capacity     int
	Enrolled     int // seats taken (enrolments not withdrawn)
	FeeYuan      int
	RegionCode   string // where it is held (district or street), for search
	Sessions     []Session
	Status       ClassStatus
	Reason       string // why returned
	// The subsidy standard, looked up when the class is saved and again
	// when it is filed; 0 when none applies.
	SubsidyYuan   int
	SubsidySource string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Start is the first session's date (zero without sessions).
func (c *Class) Start() time.Time {
	if len(c.Sessions) == 0 {
		return time.Time{}
	}
	return c.Sessions[0].Date
}

// End is the last session's date (zero without sessions).
func (c *Class) End() time.Time {
	if len(c.Sessions) == 0 {
		return time.Time{}
	}
	return c.Sessions[len(c.Sessions)-1].Date
}

// Seats is how many seats are still free.
func (c *Class) Seats() int { return max(c.Capacity-c.Enrolled, 0) }

// Free reports whether trainees pay nothing.
func (c *Class) Free() bool { return c.FeeYuan == 0 }

// Normalize trims the text fields and orders the sessions by date and time.
func (c *Class) Normalize() {
	for _, s := range []*string{&c.Title, &c.Occupation, &c.RegionCode} {
		*s = strings.TrimSpace(*s)
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		s.Start, s.End, s.Place = strings.TrimSpace(s.Start), strings.TrimSpace(s.End), strings.TrimSpace(s.Place)
	}
	slices.SortStableFunc(c.Sessions, func(a, b Session) int {
		if d := a.Date.Compare(b.Date); d != 0 {
			return d
		}
		return strings.Compare(a.Start, b.Start)
	})
}

// Validate checks a class on day today (China), for provider p (its scope
// and standing). Field names are the API's; a session's are
// sessions.N.date, .start, .end, .place (N in the order sent).
func (c *Class) Validate(occupations *codes.Table, p *Provider, today time.Time) error {
	var f apperr.Fields
	if msg := p.MayOpenClasses(); msg != "" {
		f.Add("provider", msg)
	}
	registry.CheckRequiredText(&f, "title", c.Title, MaxTitle, "请填写班级名称，如：电工（四级）岗位技能提升培训班")
	if !c.Type.Valid() {
		f.Add("type", "请选择培训类型（就业技能培训、岗位技能提升培训或创业培训）")
	}
	occOK := false
	if msg := CheckOccupation(occupations, c.Occupation); msg != "" {
		f.Add("occupation_code", msg)
	} else {
		occOK = true
	}
	if !c.Level.Valid() {
		f.Add("level", "请选择等级（五级/初级工 至 一级/高级技师）")
	} else if occOK && !p.Covers(c.Occupation, c.Level) {
		name, _ := occupations.Get(c.Occupation)
		f.Add("level", "“"+name.Name+"”"+c.Level.Label()+"不在本机构的认定范围内")
	}
	if c.Hours < 1 || c.Hours > MaxHours {
		f.Add("hours", "课时应在 1 到 "+strconv.Itoa(MaxHours)+" 之间")
	}
	if c.Capacity < 1 || c.Capacity > MaxCapacity {
		f.Add("capacity", "人数上限应在 1 到 "+strconv.Itoa(MaxCapacity)+" 之间")
	}
	if c.FeeYuan < 0 || c.FeeYuan > MaxFee {
		f.Add("fee_yuan", "培训费应在 0 到 "+strconv.Itoa(MaxFee)+" 元之间（免费填 0）")
	}
	if c.RegionCode == "" {
		f.Add("region_code", "请选择培训地点所在的区或街道")
	}
	switch {
	case len(c.Sessions) == 0:
		f.Add("sessions", "请至少安排一次课：日期、开始和结束时间、地点")
	case len(c.Sessions) > MaxSessions:
		f.Add("sessions", "最多 "+strconv.Itoa(MaxSessions)+" 次课")
	}
	for i, s := range c.Sessions {
		key := "sessions." + strconv.Itoa(i) + "."
		switch {
		case s.Date.IsZero():
			f.Add(key+"date", "请填写上课日期")
		case !s.Date.After(today):
			f.Add(key+"date", "上课日期应晚于今天（开班前须备案）")
		case s.Date.After(today.AddDate(2, 0, 0)):
			f.Add(key+"date", "上课日期不能晚于两年以后")
		}
		startOK, endOK := ValidClock(s.Start), ValidClock(s.End)
		if !startOK {
			f.Add(key+"start", "开始时间应为 时:分，如 09:00")
		}
		if !endOK {
			f.Add(key+"end", "结束时间应为 时:分，如 17:00")
		} else if startOK && s.End <= s.Start {
			f.Add(key+"end", "结束时间应晚于开始时间")
		}
		registry.CheckRequiredText(&f, key+"place", s.Place, MaxPlace, "请填写上课地点")
	}
	return f.Err()
}

// ValidClock reports whether s is a time of day HH:MM.
func ValidClock(s string) bool {
	t, err := time.Parse("15:04", s)
	return err == nil && t.Format("15:04") == s
}
