// Package activity is 青年夜校 and the bureau's other activities — courses,
// lectures and workshops, job fairs, labour-cooperation events, career
// enlightenment for pupils and 创业导师坐诊 (mentors' office hours) — in one
// model: an organiser, sessions, a capacity, audience rules checked at
// sign-up, a registration window, and how seats are given: first come, or
// a lottery whose draw anyone can check (draw.go). Sign-ups move through a
// small state machine (signup.go): seats freed by a cancellation are
// offered to the waitlist in order, with a time to confirm.
package activity

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/registry"
)

// Kind is what an activity is.
type Kind string

// The kinds.
const (
	KindCourse   Kind = "course"   // 夜校课程
	KindLecture  Kind = "lecture"  // 讲座
	KindWorkshop Kind = "workshop" // 体验活动
	KindFair     Kind = "fair"     // 招聘会
	KindLabour   Kind = "labour"   // 劳务协作
	KindEnlight  Kind = "enlight"  // 职业启蒙
	KindMentor   Kind = "mentor"   // 创业导师坐诊
)

// Kinds lists the kinds in the order forms and filters offer them.
var Kinds = []Kind{KindCourse, KindLecture, KindWorkshop, KindFair, KindLabour, KindEnlight, KindMentor}

// Label is the kind's Chinese name.
func (k Kind) Label() string {
	switch k {
	case KindCourse:
		return "夜校课程"
	case KindLecture:
		return "讲座"
	case KindWorkshop:
		return "体验活动"
	case KindFair:
		return "招聘会"
	case KindLabour:
		return "劳务协作"
	case KindEnlight:
		return "职业启蒙"
	case KindMentor:
		return "创业导师坐诊"
	}
	return string(k)
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Organiser is who runs an activity.
type Organiser string

// The organisers.
const (
	ByBureau     Organiser = "bureau"     // 区人社局
	ByLeague     Organiser = "league"     // 团区委
	BySchool     Organiser = "school"     // 职业学校
	ByEnterprise Organiser = "enterprise" // 企业
	ByStation    Organiser = "station"    // 劳务工作站
	ByUniversity Organiser = "university" // 高校联络站
)

// Organisers lists the organiser kinds in the order forms offer them.
var Organisers = []Organiser{ByBureau, ByLeague, BySchool, ByEnterprise, ByStation, ByUniversity}

// Label is the organiser kind's Chinese name.
func (o Organiser) Label() string {
	switch o {
	case ByBureau:
		return "人社部门"
	case ByLeague:
		return "共青团"
	case BySchool:
		return "职业学校"
	case ByEnterprise:
		return "企业"
	case ByStation:
		return "劳务工作站"
	case ByUniversity:
		return "高校联络站"
	}
	return string(o)
}

// Valid reports whether o is one of Organisers.
func (o Organiser) Valid() bool { return slices.Contains(Organisers, o) }

// IsStation reports whether o is a labour station or a university liaison
// station, whose activities name their station (Activity.StationID).
func (o Organiser) IsStation() bool { return o == ByStation || o == ByUniversity }

// Allocation is how seats are given.
type Allocation string

// The allocations.
const (
	FirstCome Allocation = "first_come" // 先到先得
	Lottery   Allocation = "lottery"    // 报名期内登记，截止后公开抽签
)

// Label is the allocation's Chinese name.
func (a Allocation) Label() string {
	switch a {
	case FirstCome:
		return "先到先得"
	case Lottery:
		return "公平抽签"
	}
	return string(a)
}

// Valid reports whether a is FirstCome or Lottery.
func (a Allocation) Valid() bool { return a == FirstCome || a == Lottery }

// Status is whether an activity goes ahead.
type Status string

// The statuses.
const (
	StatusOpen      Status = "open"      // published
	StatusCancelled Status = "cancelled" // called off: every sign-up is told
)

// Limits of the fields.
const (
	MaxTitle       = 60
	MaxDescription = 2000
	MaxName        = 60
	MaxPlace       = 100
	MaxLink        = 300
	MaxCapacity    = 5000
	MaxSessions    = 60
	MaxFee         = 10_000
	MaxComment     = 500
	MaxSeries      = 40
)

// Session is one meeting: from Start to End (instants), at Place or
// online at Link.
type Session struct {
	ID    int64
	Start time.Time
	End   time.Time
	Place string
	Link  string // an https link for an online session
}

// Text is the session's time as people read it: "12月9日 周三 19:00–21:00".
func (s Session) Text() string {
	a, b := s.Start.In(chinatime.Zone), s.End.In(chinatime.Zone)
	return strconv.Itoa(int(a.Month())) + "月" + strconv.Itoa(a.Day()) + "日 " + weekday(a) + " " + a.Format("15:04") + "–" + b.Format("15:04")
}

func weekday(t time.Time) string {
	return [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[t.Weekday()]
}

// Audience is who may sign up; zero fields admit everyone.
type Audience struct {
	MinAge    int  // on the first session's day
	MaxAge    int  // 0: no upper bound
	Residents bool // hukou or residence in the activity's district
	Graduates bool // graduated in the last two years, or graduating this year
}

// Text says the rules in a line: "16–35 周岁，本区户籍或常住".
func (au Audience) Text() string {
	var parts []string
	switch {
	case au.MinAge > 0 && au.MaxAge > 0:
		parts = append(parts, strconv.Itoa(au.MinAge)+"–"+strconv.Itoa(au.MaxAge)+" 周岁")
	case au.MinAge > 0:
		parts = append(parts, strconv.Itoa(au.MinAge)+" 周岁以上")
	case au.MaxAge > 0:
		parts = append(parts, strconv.Itoa(au.MaxAge)+" 周岁以下")
	}
	if au.Residents {
		parts = append(parts, "本区户籍或常住")
	}
	if au.Graduates {
		parts = append(parts, "毕业两年内的高校毕业生")
	}
	if len(parts) == 0 {
		return "不限"
	}
	return strings.Join(parts, "，")
}

// Check says why person p may not sign up for an activity held in
// district (a 6-digit region code) whose first session is on day ("" when
// they may). It is the rule at sign-up, so the reason is for the person.
func (au Audience) Check(p *registry.Person, district string, day time.Time) string {
	if p == nil {
		return "请先完善个人信息（身份证号）后再报名"
	}
	age := p.AgeOn(day)
	if au.MinAge > 0 && age < au.MinAge {
		return "本活动面向 " + au.Text() + "，您活动当天 " + strconv.Itoa(age) + " 周岁"
	}
	if au.MaxAge > 0 && age > au.MaxAge {
		return "本活动面向 " + au.Text() + "，您活动当天 " + strconv.Itoa(age) + " 周岁"
	}
	if au.Residents && !strings.HasPrefix(p.HukouRegion, district) && !strings.HasPrefix(p.ResidenceRegion, district) {
		return "本活动仅限本区户籍或常住居民报名；如已在本区居住，请在个人信息里更新常住地"
	}
	if au.Graduates {
		g := p.GraduationDate
		if g.IsZero() || g.Before(day.AddDate(-2, 0, 0)) || g.Year() > day.Year() {
			return "本活动面向毕业两年内的高校毕业生；请在个人信息里填写毕业时间"
		}
	}
	return ""
}

// Activity is one activity with its sessions.
type Activity struct {
	ID          int64
	Kind        Kind
	Title       string
	Description string
	Organiser   Organiser
	OrgName     string // 团区委, 东西湖职业技术学校 …
	// StationID is the station that organises it (0: none); set only when
	// the organiser is a labour or university liaison station.
	StationID  int64
	Series     string // 2026年秋季青年夜校: groups a term's courses
	RegionCode string // the district or street where it is held
	Sessions   []Session
	// StartsAt and EndsAt are the first start and the last end as stored,
	// for reads that do not load the sessions.
	StartsAt, EndsAt time.Time
	Capacity         int
	FeeYuan          int
	Audience         Audience
	OpensAt          time.Time // registration window
	ClosesAt         time.Time
	Allocation       Allocation
	// NoShowLimit: with a lottery, a person with this many no-shows in the
	// year before the draw is drawn after everyone else (0: no rule).
	NoShowLimit int
	Status      Status
	// The lottery's public record: the seed's SHA-256 published when the
	// activity opens, the seed itself and the entries' hash at the draw.
	SeedHash    string
	Seed        string // "" until drawn
	EntriesHash string
	DrawnAt     time.Time
	// Counts kept with the activity.
	Taken     int // seats confirmed or offered
	Waiting   int // waitlisted
	Entries   int // registered for the lottery, before the draw
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Start is the first session's start (StartsAt without sessions).
func (a *Activity) Start() time.Time {
	if len(a.Sessions) == 0 {
		return a.StartsAt
	}
	return a.Sessions[0].Start
}

// End is the last session's end (EndsAt without sessions).
func (a *Activity) End() time.Time {
	if len(a.Sessions) == 0 {
		return a.EndsAt
	}
	var end time.Time
	for _, s := range a.Sessions {
		if s.End.After(end) {
			end = s.End
		}
	}
	return end
}

// Free is the number of seats not taken.
func (a *Activity) Free() int { return max(0, a.Capacity-a.Taken) }

// District is the 6-digit district of the activity's region.
func (a *Activity) District() string {
	if len(a.RegionCode) >= 6 {
		return a.RegionCode[:6]
	}
	return a.RegionCode
}

// Phase is where the registration stands at now.
type Phase string

// The phases.
const (
	PhaseSoon      Phase = "soon"      // the window has not opened
	PhaseOpen      Phase = "open"      // sign-up open
	PhaseDrawing   Phase = "drawing"   // a lottery's window closed, the draw not yet run
	PhaseClosed    Phase = "closed"    // registration over, before the activity ends
	PhaseEnded     Phase = "ended"     // the last session is over
	PhaseCancelled Phase = "cancelled" // called off
)

// PhaseAt is the activity's phase at now.
func (a *Activity) PhaseAt(now time.Time) Phase {
	switch {
	case a.Status == StatusCancelled:
		return PhaseCancelled
	case !now.Before(a.End()):
		return PhaseEnded
	case now.Before(a.OpensAt):
		return PhaseSoon
	case now.Before(a.ClosesAt):
		return PhaseOpen
	case a.Allocation == Lottery && a.DrawnAt.IsZero():
		return PhaseDrawing
	}
	return PhaseClosed
}

// Normalize trims the text fields and orders the sessions by start.
func (a *Activity) Normalize() {
	for _, s := range []*string{&a.Title, &a.Description, &a.OrgName, &a.Series, &a.RegionCode} {
		*s = strings.TrimSpace(*s)
	}
	for i := range a.Sessions {
		s := &a.Sessions[i]
		s.Place, s.Link = strings.TrimSpace(s.Place), strings.TrimSpace(s.Link)
	}
	slices.SortStableFunc(a.Sessions, func(x, y Session) int { return x.Start.Compare(y.Start) })
}

// Validate checks an activity being published or edited at now; taken is
// the seats already confirmed or offered (0 for a new one), which the
// capacity may not go below. Field names are the API's; a session's are
// sessions.N.date, .start, .end, .place, .link.
func (a *Activity) Validate(now time.Time, taken int) error {
	var f apperr.Fields
	if !a.Kind.Valid() {
		f.Add("kind", "请选择活动类型")
	}
	registry.CheckRequiredText(&f, "title", a.Title, MaxTitle, "请填写活动名称，如：青年夜校·瑜伽入门")
	registry.CheckRequiredText(&f, "description", a.Description, MaxDescription, "请填写活动介绍：内容、适合谁、需要带什么")
	if !a.Organiser.Valid() {
		f.Add("organiser", "请选择主办方类型")
	}
	registry.CheckRequiredText(&f, "org_name", a.OrgName, MaxName, "请填写主办单位名称")
	registry.CheckText(&f, "series", a.Series, MaxSeries)
	if a.RegionCode == "" {
		f.Add("region_code", "请选择活动所在的区或街道")
	}
	switch {
	case a.Capacity < 1 || a.Capacity > MaxCapacity:
		f.Add("capacity", "名额应在 1 到 "+strconv.Itoa(MaxCapacity)+" 之间")
	case a.Capacity < taken:
		f.Add("capacity", "已有 "+strconv.Itoa(taken)+" 人获得名额，名额不能少于 "+strconv.Itoa(taken))
	}
	if a.FeeYuan < 0 || a.FeeYuan > MaxFee {
		f.Add("fee_yuan", "费用应在 0 到 "+strconv.Itoa(MaxFee)+" 元之间（免费填 0）")
	}
	au := a.Audience
	if au.MinAge < 0 || au.MinAge > 100 || au.MaxAge < 0 || au.MaxAge > 100 {
		f.Add("min_age", "年龄应在 0 到 100 之间")
	} else if au.MaxAge > 0 && au.MinAge > au.MaxAge {
		f.Add("max_age", "最大年龄应不小于最小年龄")
	}
	if !a.Allocation.Valid() {
		f.Add("allocation", "请选择名额分配方式：先到先得或公平抽签")
	}
	if a.NoShowLimit < 0 || a.NoShowLimit > 10 {
		f.Add("no_show_limit", "缺席次数应在 0 到 10 之间（0 表示不限）")
	}
	a.validateSessions(&f, now)
	return f.Err()
}

// validateSessions checks the sessions and the window against them.
func (a *Activity) validateSessions(f *apperr.Fields, now time.Time) {
	switch {
	case len(a.Sessions) == 0:
		f.Add("sessions", "请至少安排一场：日期、开始和结束时间、地点或线上链接")
	case len(a.Sessions) > MaxSessions:
		f.Add("sessions", "最多 "+strconv.Itoa(MaxSessions)+" 场")
	}
	for i, s := range a.Sessions {
		key := "sessions." + strconv.Itoa(i) + "."
		switch {
		case s.Start.IsZero():
			f.Add(key+"date", "请填写日期和开始时间")
		case s.Start.After(now.AddDate(1, 0, 0)):
			f.Add(key+"date", "活动日期不能晚于一年以后")
		}
		if !s.Start.IsZero() && !s.End.After(s.Start) {
			f.Add(key+"end", "结束时间应晚于开始时间")
		}
		if s.Place == "" && s.Link == "" {
			f.Add(key+"place", "请填写地点，线上活动请填写链接")
		}
		registry.CheckText(f, key+"place", s.Place, MaxPlace)
		if s.Link != "" && (!strings.HasPrefix(s.Link, "https://") || len(s.Link) > MaxLink || strings.ContainsAny(s.Link, " \"'<>")) {
			f.Add(key+"link", "线上链接应以 https:// 开头")
		}
	}
	switch {
	case a.OpensAt.IsZero():
		f.Add("opens_at", "请填写报名开始时间")
	case a.ClosesAt.IsZero():
		f.Add("closes_at", "请填写报名截止时间")
	case !a.ClosesAt.After(a.OpensAt):
		f.Add("closes_at", "报名截止应晚于报名开始")
	case len(a.Sessions) > 0 && !a.Sessions[0].Start.IsZero() && a.ClosesAt.After(a.Sessions[0].Start):
		f.Add("closes_at", "报名截止应不晚于第一场开始")
	}
}

// Overlaps reports whether two sessions share any time.
func Overlaps(a, b Session) bool { return a.Start.Before(b.End) && b.Start.Before(a.End) }
