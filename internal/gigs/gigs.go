// Package gigs is the domain of 零工经纪人, the district gig broker: short
// jobs by time and place (a gig with one or more shifts), their validation,
// the screening of an ad before it is published (screen.go), the nearest-
// first index (near.go) and the sign-up rules (signup.go). It holds no
// storage or HTTP code.
//
// Money is kept in fen (yuan × 100) so that 22.5 元/小时 is exact; people
// type and read yuan.
package gigs

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/tags"
)

// PayUnit is what one pay amount is for.
type PayUnit string

// Pay units.
const (
	PerHour  PayUnit = "hour"
	PerDay   PayUnit = "day"
	PerPiece PayUnit = "piece"
)

// PayUnits lists the units in form order.
var PayUnits = []PayUnit{PerHour, PerDay, PerPiece}

// Label is how the unit is written after an amount: 元/小时.
func (u PayUnit) Label() string {
	switch u {
	case PerHour:
		return "元/小时"
	case PerDay:
		return "元/天"
	case PerPiece:
		return "元/件"
	}
	return string(u)
}

// Valid reports whether u is a known unit.
func (u PayUnit) Valid() bool { return slices.Contains(PayUnits, u) }

// Status is where a gig is in its life cycle.
type Status string

// Gig statuses. Only Published gigs are searchable, and only until their
// last shift ends.
const (
	Pending   Status = "pending"   // new or edited, waiting for a reviewer
	Published Status = "published" // approved and visible
	Rejected  Status = "rejected"  // a reviewer refused it, with a reason
	Closed    Status = "closed"    // final: the employer withdrew it
)

// Statuses lists every status in the order employer lists group them.
var Statuses = []Status{Pending, Published, Rejected, Closed}

// Label is the Chinese name of the status.
func (s Status) Label() string {
	switch s {
	case Pending:
		return "待审核"
	case Published:
		return "招募中"
	case Rejected:
		return "未通过审核"
	case Closed:
		return "已关闭"
	}
	return string(s)
}

// Actions that change a gig's status.
const (
	ActEdit    = "edit"    // employer changed the content: back to review
	ActApprove = "approve" // reviewer (over blocking flags only with a reason)
	ActReject  = "reject"  // reviewer, with a reason
	ActClose   = "close"   // employer, final
)

// Next returns the status a gig in status s moves to by action, or a
// Conflict error in Chinese.
func Next(s Status, action string) (Status, error) {
	conflict := func(msg string) (Status, error) { return s, apperr.New(apperr.Conflict, msg) }
	switch action {
	case ActEdit:
		if s == Closed {
			return conflict("该零工已关闭，不能再修改；请发布新的零工")
		}
		return Pending, nil
	case ActApprove, ActReject:
		if s != Pending {
			return conflict("该零工当前" + s.Label() + "，不在待审核状态")
		}
		if action == ActApprove {
			return Published, nil
		}
		return Rejected, nil
	case ActClose:
		if s == Closed {
			return conflict("该零工已关闭")
		}
		return Closed, nil
	}
	return s, apperr.Field("action", "不支持的操作")
}

// Provisions are what an employer may tick as provided to workers.
var Provisions = []string{"包餐", "包住", "交通接送", "交通补贴", "提供工具", "提供工作服", "提供防护用品"}

// Limits of a gig.
const (
	MaxTitle        = 30
	MinDescription  = 10
	MaxDescription  = 2000
	MaxAddress      = 100
	MaxSkills       = 8
	MaxSkill        = 12
	MaxSlots        = 1000
	MaxShifts       = 31
	MaxShiftHours   = 16
	MaxAheadDays    = 90      // the latest shift may start this many days ahead
	MaxPayFen       = 1000000 // 10,000 元 per unit: beyond is a typo
	MaxCancelHours  = 72
	DefCancelHours  = 12 // a worker may cancel up to 12 hours before the shift
	DefaultRadiusKm = 10
)

// Shift is one period of work on one day, in Beijing time.
type Shift struct {
	ID       int64
	StartsAt time.Time
	EndsAt   time.Time
	Filled   int // accepted sign-ups
}

// Hours is the length of the shift.
func (s Shift) Hours() float64 { return s.EndsAt.Sub(s.StartsAt).Hours() }

// Date is the shift's Beijing date, YYYY-MM-DD.
func (s Shift) Date() string { return s.StartsAt.In(chinatime.Zone).Format(time.DateOnly) }

// Text is the shift as people read it: 12月8日 周二 08:00–17:00.
func (s Shift) Text() string {
	a, b := s.StartsAt.In(chinatime.Zone), s.EndsAt.In(chinatime.Zone)
	return strconv.Itoa(int(a.Month())) + "月" + strconv.Itoa(a.Day()) + "日 " + weekday(a) + " " + a.Format("15:04") + "–" + b.Format("15:04")
}

func weekday(t time.Time) string {
	return [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[t.Weekday()]
}

// Gig is one short job of an employer with its shifts.
type Gig struct {
	ID           int64
	EmployerID   int64  // gig_employers row
	EmployerName string // read from the employer, not stored on the gig
	EnterpriseID int64  // the employer's enterprise, when it is one
	PersonID     int64  // the employer's person, when a person hires (个人用工)

	Title          string
	OccupationCode string // 职业分类大典 leaf code
	Description    string
	PayFen         int64
	PayUnit        PayUnit
	Slots          int // workers wanted per shift
	Shifts         []Shift
	RegionCode     string // street level (9 digits)
	Address        string
	Lat, Lng       float64
	HasGeo         bool
	Skills         []string
	Provided       []string // each one of Provisions
	Urgent         bool
	InstantAccept  bool // sign-ups are accepted at once, without the employer
	CancelHours    int  // a worker may cancel without penalty up to this many hours before a shift

	Status         Status
	Flags          []Flag // the screening result of the last save
	ReviewReason   string // why a reviewer rejected it
	OverrideReason string // why a reviewer approved over blocking flags
	Pushed         int    // workers told of it in their inbox
	ReviewedBy     int64
	ReviewedAt     time.Time
	PublishedAt    time.Time
	CreatedBy      int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Seq            int64 // the gig change number of the last change
}

// FirstStart is the start of the earliest shift.
func (g *Gig) FirstStart() time.Time {
	if len(g.Shifts) == 0 {
		return time.Time{}
	}
	return g.Shifts[0].StartsAt
}

// LastEnd is the end of the latest shift: the gig leaves search then.
func (g *Gig) LastEnd() time.Time {
	var t time.Time
	for _, s := range g.Shifts {
		if s.EndsAt.After(t) {
			t = s.EndsAt
		}
	}
	return t
}

// Searchable reports whether the gig belongs in search at now.
func (g *Gig) Searchable(now time.Time) bool {
	return g.Status == Published && now.Before(g.LastEnd())
}

// Ended reports whether every shift is over at now.
func (g *Gig) Ended(now time.Time) bool { return len(g.Shifts) > 0 && !now.Before(g.LastEnd()) }

// NextShift is the first shift not yet started at now, or the last one.
func (g *Gig) NextShift(now time.Time) (Shift, bool) {
	for _, s := range g.Shifts {
		if now.Before(s.StartsAt) {
			return s, true
		}
	}
	return Shift{}, false
}

// Shift returns the shift with the id.
func (g *Gig) Shift(id int64) (Shift, bool) {
	for _, s := range g.Shifts {
		if s.ID == id {
			return s, true
		}
	}
	return Shift{}, false
}

// HourlyFen is the pay turned into an hour: an hourly rate as is, a day
// rate over the first shift's length; 0 for piece rates, which have no
// hour.
func (g *Gig) HourlyFen() int64 {
	switch g.PayUnit {
	case PerHour:
		return g.PayFen
	case PerDay:
		if len(g.Shifts) > 0 && g.Shifts[0].Hours() > 0 {
			return int64(math.Round(float64(g.PayFen) / g.Shifts[0].Hours()))
		}
	}
	return 0
}

// PayText is the pay as promised: 25 元/小时, 22.5 元/小时.
func (g *Gig) PayText() string { return Yuan(g.PayFen) + " " + g.PayUnit.Label() }

// PromisedFen is what one worker is promised for a shift of the given
// length: an hourly rate times the hours, a day rate as is, a piece rate
// unknown (0) until the pieces are counted.
func PromisedFen(payFen int64, unit PayUnit, hours float64) int64 {
	switch unit {
	case PerHour:
		return int64(math.Round(float64(payFen) * hours))
	case PerDay:
		return payFen
	}
	return 0
}

// Yuan formats fen as yuan without needless decimals: 2500 → "25", 2250 → "22.5".
func Yuan(fen int64) string {
	neg := fen < 0
	if neg {
		fen = -fen
	}
	s := strconv.FormatInt(fen/100, 10)
	if c := fen % 100; c != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(100+c, 10)[1:], "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ParseYuan reads an amount typed in yuan ("25", "22.5", "22.50") into fen;
// more than two decimals, a sign or anything else is refused.
func ParseYuan(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "元"))
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || len(whole) > 9 || !isDigits(whole) || (dot && (frac == "" || len(frac) > 2 || !isDigits(frac))) {
		return 0, false
	}
	n, _ := strconv.ParseInt(whole, 10, 64)
	n *= 100
	if frac != "" {
		c, _ := strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			c *= 10
		}
		n += c
	}
	return n, true
}

// FenFromYuan turns a JSON number of yuan into fen, refusing more than two
// decimals.
func FenFromYuan(y float64) (int64, bool) {
	if math.IsNaN(y) || math.IsInf(y, 0) || y < 0 || y > 1e9 {
		return 0, false
	}
	f := math.Round(y * 100)
	if math.Abs(f-y*100) > 1e-6 {
		return 0, false
	}
	return int64(f), true
}

// ParseShift reads one shift typed as a Beijing date and two clock times
// ("2026-12-08", "08:00", "17:00"); field names the shift in errors
// (shifts[0]).
func ParseShift(f *apperr.Fields, field, date, start, end string) (Shift, bool) {
	d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(date), chinatime.Zone)
	if err != nil {
		f.Add(field+".date", "请选择日期")
		return Shift{}, false
	}
	clock := func(name, v string) (time.Time, bool) {
		t, err := time.Parse("15:04", strings.TrimSpace(v))
		if err != nil {
			f.Add(field+"."+name, "请填写时间，如 08:00")
			return time.Time{}, false
		}
		return d.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute), true
	}
	a, ok1 := clock("start", start)
	b, ok2 := clock("end", end)
	if !ok1 || !ok2 {
		return Shift{}, false
	}
	return Shift{StartsAt: a.UTC(), EndsAt: b.UTC()}, true
}

// Normalize trims text fields, tidies the tag lists and orders the shifts
// by start.
func (g *Gig) Normalize() {
	g.Title = strings.TrimSpace(g.Title)
	g.OccupationCode = strings.TrimSpace(g.OccupationCode)
	g.Description = strings.TrimSpace(strings.ReplaceAll(g.Description, "\r\n", "\n"))
	g.RegionCode = strings.TrimSpace(g.RegionCode)
	g.Address = strings.TrimSpace(g.Address)
	g.Skills = tags.Tidy(g.Skills)
	g.Provided = tags.Tidy(g.Provided)
	slices.SortStableFunc(g.Shifts, func(a, b Shift) int { return a.StartsAt.Compare(b.StartsAt) })
}

// Validate checks every field of a gig being created or edited at now.
// occupations and regions may be nil to skip the code checks. Field names
// are the API's JSON names. Shifts must already be normalised (sorted).
func (g *Gig) Validate(now time.Time, occupations, regions *codes.Table) error {
	var f apperr.Fields
	g.checkText(&f)
	switch {
	case g.OccupationCode == "":
		f.Add("occupation_code", "请选择工种（可根据名称推荐）")
	case occupations != nil:
		if _, ok := occupations.Get(g.OccupationCode); !ok {
			f.Add("occupation_code", "工种不存在，请重新选择")
		} else if len(occupations.Children(g.OccupationCode)) > 0 {
			f.Add("occupation_code", "请选择到具体工种，而不是大类")
		}
	}
	g.checkPay(&f)
	switch {
	case g.Slots < 1:
		f.Add("slots", "招募人数至少 1 人")
	case g.Slots > MaxSlots:
		f.Add("slots", "每班招募人数不能超过 "+strconv.Itoa(MaxSlots)+" 人")
	}
	g.checkShifts(&f, now)
	g.checkPlace(&f, regions)
	if g.CancelHours < 0 || g.CancelHours > MaxCancelHours {
		f.Add("cancel_hours", "免责取消时限应为 0–"+strconv.Itoa(MaxCancelHours)+" 小时")
	}
	return f.Err()
}

func (g *Gig) checkText(f *apperr.Fields) {
	switch {
	case g.Title == "":
		f.Add("title", "请填写零工名称，如“仓库搬运”")
	case utf8.RuneCountInString(g.Title) > MaxTitle:
		f.Add("title", "名称不能超过 "+strconv.Itoa(MaxTitle)+" 个字")
	case strings.ContainsAny(g.Title, "\n\t"):
		f.Add("title", "名称不能换行")
	default:
		registry.CheckText(f, "title", g.Title, MaxTitle)
	}
	switch n := utf8.RuneCountInString(g.Description); {
	case g.Description == "":
		f.Add("description", "请写明工作内容和要求")
	case n < MinDescription:
		f.Add("description", "工作内容太短，请至少写 "+strconv.Itoa(MinDescription)+" 个字")
	default:
		registry.CheckText(f, "description", g.Description, MaxDescription)
	}
	if len(g.Skills) > MaxSkills {
		f.Add("skills", "技能要求最多 "+strconv.Itoa(MaxSkills)+" 个")
	}
	for _, s := range g.Skills {
		if utf8.RuneCountInString(s) > MaxSkill || strings.ContainsAny(s, "<>\n\t") {
			f.Add("skills", "每个技能不超过 "+strconv.Itoa(MaxSkill)+" 个字，且不能包含 < > 或换行")
			break
		}
	}
	for _, p := range g.Provided {
		if !slices.Contains(Provisions, p) {
			f.Add("provided", "“"+cutRunes(p, 10)+"”不在可选的提供项中")
			break
		}
	}
}

func (g *Gig) checkPay(f *apperr.Fields) {
	switch {
	case !g.PayUnit.Valid():
		f.Add("pay_unit", "请选择计薪方式：按小时、按天或按件")
	case g.PayFen <= 0:
		f.Add("pay_amount", "请填写报酬，必须大于 0 元")
	case g.PayFen > MaxPayFen:
		f.Add("pay_amount", "报酬不能超过 "+Yuan(MaxPayFen)+" "+g.PayUnit.Label()+"，请检查是否多写了 0")
	}
}

func (g *Gig) checkShifts(f *apperr.Fields, now time.Time) {
	switch {
	case len(g.Shifts) == 0:
		f.Add("shifts", "请至少安排一个班次（日期和起止时间）")
		return
	case len(g.Shifts) > MaxShifts:
		f.Add("shifts", "一个零工最多 "+strconv.Itoa(MaxShifts)+" 个班次，更长的用工请发布招聘岗位")
		return
	}
	for i, s := range g.Shifts {
		at := "shifts[" + strconv.Itoa(i) + "]"
		switch {
		case !s.EndsAt.After(s.StartsAt):
			f.Add(at+".end", "结束时间必须晚于开始时间（不支持跨夜班次，请拆成两个班次）")
		case s.Hours() > MaxShiftHours:
			f.Add(at+".end", "一个班次不能超过 "+strconv.Itoa(MaxShiftHours)+" 小时")
		case !s.StartsAt.After(now):
			f.Add(at+".start", "班次已经开始或已过去，请选择以后的时间")
		case s.StartsAt.After(now.AddDate(0, 0, MaxAheadDays)):
			f.Add(at+".date", "只能发布 "+strconv.Itoa(MaxAheadDays)+" 天以内的班次")
		case i > 0 && s.StartsAt.Before(g.Shifts[i-1].EndsAt):
			f.Add(at+".start", "与前一个班次（"+g.Shifts[i-1].Text()+"）时间重叠")
		}
	}
}

func (g *Gig) checkPlace(f *apperr.Fields, regions *codes.Table) {
	switch {
	case g.RegionCode == "":
		f.Add("region_code", "请选择工作地点所在街道")
	case len(g.RegionCode) != 9 || !isDigits(g.RegionCode):
		f.Add("region_code", "工作地点需选到街道（乡镇）一级")
	case regions != nil:
		registry.CheckRegion(f, regions, "region_code", g.RegionCode)
	}
	if g.Address != "" {
		registry.CheckText(f, "address", g.Address, MaxAddress)
	}
	if g.HasGeo && !InChina(g.Lat, g.Lng) {
		f.Add("lat", "位置不在中国境内，请重新定位或只选街道")
	}
}

// InChina reports whether a point lies within China's extent (with a
// margin); a swapped pair (lng, lat) fails.
func InChina(lat, lng float64) bool { return lat >= 3 && lat <= 54 && lng >= 73 && lng <= 136 }

// CheckReason validates a reviewer's reason: required, ≤ 500 runes.
func CheckReason(field, reason, ask string) error {
	var f apperr.Fields
	if strings.TrimSpace(reason) == "" {
		f.Add(field, ask)
	}
	registry.CheckText(&f, field, reason, 500)
	return f.Err()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
