package startup

// 青创园: the youth start-up parks (incubators) recognised at province,
// city or district level. Staff register a park — its level, place,
// operator, contact, space (in square metres or in workstations), the
// space still open to new firms and the services it offers — with its
// status (申报中 until recognised); its tenant firms, taken from the
// enterprise registry, with the space each uses, the jobs each created
// and when it moved out or graduated; its events (路演, 培训, 导师坐诊 …);
// and one assessment per year, whose facts — tenants, jobs created,
// events held, occupancy — are computed here from those records and kept
// with the assessor's score, grade and comment.

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// ParkLevel is who recognised a park.
type ParkLevel string

// The park levels, highest first.
const (
	ParkProvince ParkLevel = "province"
	ParkCity     ParkLevel = "city"
	ParkDistrict ParkLevel = "district"
)

// ParkLevels lists the levels in the order forms offer them.
var ParkLevels = []ParkLevel{ParkProvince, ParkCity, ParkDistrict}

// Label is the level's Chinese name.
func (l ParkLevel) Label() string {
	switch l {
	case ParkProvince:
		return "省级"
	case ParkCity:
		return "市级"
	case ParkDistrict:
		return "区级"
	}
	return string(l)
}

// Valid reports whether l is one of ParkLevels.
func (l ParkLevel) Valid() bool { return slices.Contains(ParkLevels, l) }

// ParkStatus is where a park's recognition is.
type ParkStatus string

// The park statuses.
const (
	ParkApplying   ParkStatus = "applying"   // 申报中: applied, not yet recognised
	ParkRecognised ParkStatus = "recognised" // 已认定
)

// ParkStatuses lists the statuses in the order forms offer them.
var ParkStatuses = []ParkStatus{ParkRecognised, ParkApplying}

// Label is the status's Chinese name.
func (s ParkStatus) Label() string {
	switch s {
	case ParkApplying:
		return "申报中"
	case ParkRecognised:
		return "已认定"
	}
	return string(s)
}

// SpaceUnit is what a park counts its space in.
type SpaceUnit string

// The space units.
const (
	SpaceArea  SpaceUnit = "m2"   // square metres (offices, workshops)
	SpaceDesks SpaceUnit = "desk" // workstations (a shared floor)
)

// SpaceUnits lists the units in the order forms offer them.
var SpaceUnits = []SpaceUnit{SpaceArea, SpaceDesks}

// Label is the unit as a figure is read with it: 1,200 平方米, 40 个工位.
func (u SpaceUnit) Label() string {
	if u == SpaceDesks {
		return "个工位"
	}
	return "平方米"
}

// Name is the unit's name on a form.
func (u SpaceUnit) Name() string {
	if u == SpaceDesks {
		return "工位"
	}
	return "面积（平方米）"
}

// ParkService is one of the services a park may offer.
type ParkService struct {
	Key   string
	Label string
}

// ParkServices is the fixed list of services, in display order.
var ParkServices = []ParkService{
	{"registration", "工商注册代办"},
	{"mentor", "创业导师"},
	{"financing", "融资对接"},
	{"policy", "政策申报"},
	{"rent_relief", "场地减免"},
	{"accounting", "财税代理"},
	{"legal", "法律咨询"},
	{"recruitment", "人才招聘"},
	{"training", "创业培训"},
	{"shared_facilities", "共享会议室与设备"},
}

// ParkServiceLabel returns a service's Chinese name, or the key itself
// when it is not one of ParkServices.
func ParkServiceLabel(key string) string {
	for _, s := range ParkServices {
		if s.Key == key {
			return s.Label
		}
	}
	return key
}

// Limits of a park's, a tenant's, an event's and an assessment's fields.
const (
	MaxParkName       = 60
	MaxParkAddress    = 100
	MaxParkOperator   = 60
	MaxParkContact    = 30
	MaxParkIntro      = 1000
	MaxParkSpace      = 1_000_000 // square metres or workstations
	MaxParkJobs       = 100_000
	MaxParkEventTitle = 60
	MaxParkAttendees  = 100_000
	MaxParkComment    = 1000
	ParkPassScore     = 60 // an assessment below it is 不合格, and only such a one
	FirstParkYear     = 2000
)

// Park is a registered 青创园.
type Park struct {
	ID           int64
	Name         string
	Level        ParkLevel
	RegionCode   string // the place, from the region table
	Address      string // the street address within it
	Operator     string // 运营机构
	ContactName  string
	ContactPhone string // the park's service line, shown to the public
	Unit         SpaceUnit
	TotalSpace   int
	OpenSpace    int      // space open to new firms, as the park declares it
	Services     []string // ParkServices keys, in their order
	Status       ParkStatus
	Intro        string
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// Read with the park, from its tenants.
	Tenants   int // firms in the park now
	UsedSpace int // space they use
}

// Normalize trims the text fields and puts the services in list order,
// once each.
func (p *Park) Normalize() {
	for _, s := range []*string{&p.Name, &p.RegionCode, &p.Address, &p.Operator, &p.ContactName, &p.ContactPhone, &p.Intro} {
		*s = strings.TrimSpace(*s)
	}
	var keep []string
	for _, s := range ParkServices {
		if slices.Contains(p.Services, s.Key) {
			keep = append(keep, s.Key)
		}
	}
	for _, k := range p.Services { // unknown keys stay for Validate to name
		if ParkServiceLabel(k) == k && !slices.Contains(keep, k) {
			keep = append(keep, k)
		}
	}
	p.Services = keep
}

// Validate checks a park; field names are the API's. The region code is
// checked against the region table by the caller.
func (p *Park) Validate() error {
	var f apperr.Fields
	registry.CheckName(&f, "name", p.Name)
	if !p.Level.Valid() {
		f.Add("level", "请选择园区级别（省级、市级或区级）")
	}
	if p.RegionCode == "" {
		f.Add("region_code", "请选择园区所在地")
	}
	registry.CheckRequiredText(&f, "address", p.Address, MaxParkAddress, "请填写详细地址（路名、门牌号、楼栋）")
	registry.CheckRequiredText(&f, "operator", p.Operator, MaxParkOperator, "请填写运营机构")
	registry.CheckRequiredText(&f, "contact_name", p.ContactName, MaxParkContact, "请填写联系人")
	if p.ContactPhone == "" {
		f.Add("contact_phone", "请填写联系电话")
	} else if !registry.ValidContactPhone(p.ContactPhone) {
		f.Add("contact_phone", "联系电话应为手机号或带区号的固定电话，如 027-83251234")
	}
	if !slices.Contains(SpaceUnits, p.Unit) {
		f.Add("space_unit", "请选择按面积还是按工位计算")
	}
	switch {
	case p.TotalSpace <= 0:
		f.Add("total_space", "请填写园区总"+p.Unit.Name())
	case p.TotalSpace > MaxParkSpace:
		f.Add("total_space", "总量不能超过 "+parkNum(MaxParkSpace))
	}
	switch {
	case p.OpenSpace < 0:
		f.Add("open_space", "可入驻空间不能为负数")
	case p.TotalSpace > 0 && p.OpenSpace > p.TotalSpace:
		f.Add("open_space", "可入驻空间不能超过总量 "+parkNum(p.TotalSpace)+" "+p.Unit.Label())
	}
	if len(p.Services) == 0 {
		f.Add("services", "请至少选择一项服务")
	}
	for _, k := range p.Services {
		if ParkServiceLabel(k) == k {
			f.Add("services", "不支持的服务："+k)
		}
	}
	if p.Status != ParkApplying && p.Status != ParkRecognised {
		f.Add("status", "请选择认定状态（申报中或已认定）")
	}
	registry.CheckRequiredText(&f, "intro", p.Intro, MaxParkIntro, "")
	return f.Err()
}

// Space says an amount of the park's space: "1,200 平方米", "40 个工位".
func (p *Park) Space(n int) string { return parkNum(n) + " " + p.Unit.Label() }

// ServiceLabels are the park's services by name.
func (p *Park) ServiceLabels() []string {
	out := make([]string, 0, len(p.Services))
	for _, k := range p.Services {
		out = append(out, ParkServiceLabel(k))
	}
	return out
}

// HasService reports whether the park offers service key (the forms' check boxes).
func (p *Park) HasService(key string) bool { return slices.Contains(p.Services, key) }

// CheckParkSpace refuses a tenant's space when the park's tenants would
// then use more than it has: others is what the other current tenants use.
func CheckParkSpace(p *Park, others, want int) error {
	if left := p.TotalSpace - others; want > left {
		return apperr.Field("space_used", "超出园区剩余空间：园区共 "+p.Space(p.TotalSpace)+"，其他在园企业已用 "+parkNum(others)+
			"，最多还能使用 "+p.Space(max(left, 0)))
	}
	return nil
}

// TenantStatus is whether a firm is still in the park.
type TenantStatus string

// The tenant statuses.
const (
	TenantIn        TenantStatus = "in"        // 在园
	TenantLeft      TenantStatus = "left"      // 迁出 before graduating
	TenantGraduated TenantStatus = "graduated" // 毕业: grew out of the incubator
)

// TenantStatuses lists the statuses in the order forms offer them.
var TenantStatuses = []TenantStatus{TenantIn, TenantGraduated, TenantLeft}

// Label is the status's Chinese name.
func (s TenantStatus) Label() string {
	switch s {
	case TenantIn:
		return "在园"
	case TenantLeft:
		return "已迁出"
	case TenantGraduated:
		return "已毕业"
	}
	return string(s)
}

// ParkTenant is a firm's stay in a park.
type ParkTenant struct {
	ID                 int64
	ParkID             int64
	EnterpriseID       int64
	EnterpriseName     string // read with the tenant
	EnterpriseVerified bool   // read with the tenant: its public job page exists
	MoveIn             time.Time
	SpaceUsed          int // in the park's unit; 0 for a firm registered at the park's address only
	Jobs               int // jobs the firm created while in the park
	Status             TenantStatus
	LeftOn             time.Time // moved out or graduated; zero while in
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Validate checks a tenant on day today (Beijing); field names are the API's.
func (t *ParkTenant) Validate(today time.Time) error {
	var f apperr.Fields
	switch {
	case t.MoveIn.IsZero():
		f.Add("move_in", "请填写入驻日期")
	case t.MoveIn.Year() < FirstParkYear:
		f.Add("move_in", "入驻日期不能早于 "+strconv.Itoa(FirstParkYear)+" 年")
	case t.MoveIn.After(today):
		f.Add("move_in", "入驻日期不能晚于今天")
	}
	if t.SpaceUsed < 0 || t.SpaceUsed > MaxParkSpace {
		f.Add("space_used", "使用空间应在 0 到 "+parkNum(MaxParkSpace)+" 之间（只在园区注册、不占场地的填 0）")
	}
	if t.Jobs < 0 || t.Jobs > MaxParkJobs {
		f.Add("jobs_created", "带动就业人数应在 0 到 "+parkNum(MaxParkJobs)+" 之间")
	}
	switch t.Status {
	case TenantIn:
		if !t.LeftOn.IsZero() {
			f.Add("left_on", "在园企业不填迁出日期")
		}
	case TenantLeft, TenantGraduated:
		switch {
		case t.LeftOn.IsZero():
			f.Add("left_on", map[TenantStatus]string{TenantLeft: "请填写迁出日期", TenantGraduated: "请填写毕业日期"}[t.Status])
		case t.LeftOn.After(today):
			f.Add("left_on", "日期不能晚于今天")
		case !t.MoveIn.IsZero() && t.LeftOn.Before(t.MoveIn):
			f.Add("left_on", "不能早于入驻日期 "+t.MoveIn.Format(time.DateOnly))
		}
	default:
		f.Add("status", "请选择在园、已毕业或已迁出")
	}
	return f.Err()
}

// InOn reports whether the firm was in the park on day (it moves out on
// LeftOn: that day it is gone).
func (t *ParkTenant) InOn(day time.Time) bool {
	return !t.MoveIn.After(day) && (t.LeftOn.IsZero() || t.LeftOn.After(day))
}

// inDuring reports whether the firm was in the park on some day of [from, to].
func (t *ParkTenant) inDuring(from, to time.Time) bool {
	return !t.MoveIn.After(to) && (t.LeftOn.IsZero() || t.LeftOn.After(from))
}

// EventKind is what kind of event a park held.
type EventKind string

// The event kinds.
const (
	EventRoadshow EventKind = "roadshow" // 路演
	EventTraining EventKind = "training" // 培训
	EventMentor   EventKind = "mentor"   // 导师坐诊
	EventSalon    EventKind = "salon"    // 沙龙交流
	EventOther    EventKind = "other"
)

// EventKinds lists the kinds in the order forms offer them.
var EventKinds = []EventKind{EventRoadshow, EventTraining, EventMentor, EventSalon, EventOther}

// Label is the kind's Chinese name.
func (k EventKind) Label() string {
	switch k {
	case EventRoadshow:
		return "路演"
	case EventTraining:
		return "培训"
	case EventMentor:
		return "导师坐诊"
	case EventSalon:
		return "沙龙交流"
	case EventOther:
		return "其他"
	}
	return string(k)
}

// ParkEvent is an event a park held.
type ParkEvent struct {
	ID        int64
	ParkID    int64
	Date      time.Time
	Title     string
	Kind      EventKind
	Attendees int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks an event held by day today (Beijing): events are
// recorded once held, with how many came.
func (e *ParkEvent) Validate(today time.Time) error {
	var f apperr.Fields
	switch {
	case e.Date.IsZero():
		f.Add("date", "请填写活动日期")
	case e.Date.Year() < FirstParkYear:
		f.Add("date", "活动日期不能早于 "+strconv.Itoa(FirstParkYear)+" 年")
	case e.Date.After(today):
		f.Add("date", "活动举办后再登记：日期不能晚于今天")
	}
	e.Title = strings.TrimSpace(e.Title)
	registry.CheckRequiredText(&f, "title", e.Title, MaxParkEventTitle, "请填写活动名称")
	if !slices.Contains(EventKinds, e.Kind) {
		f.Add("kind", "请选择活动类型")
	}
	if e.Attendees < 1 || e.Attendees > MaxParkAttendees {
		f.Add("attendees", "参加人数应在 1 到 "+parkNum(MaxParkAttendees)+" 之间")
	}
	return f.Err()
}

// ParkGrade is an assessment's grade.
type ParkGrade string

// The grades, best first.
const (
	GradeExcellent ParkGrade = "excellent" // 优秀
	GradeGood      ParkGrade = "good"      // 良好
	GradePass      ParkGrade = "pass"      // 合格
	GradeFail      ParkGrade = "fail"      // 不合格
)

// ParkGrades lists the grades in the order forms offer them.
var ParkGrades = []ParkGrade{GradeExcellent, GradeGood, GradePass, GradeFail}

// Label is the grade's Chinese name.
func (g ParkGrade) Label() string {
	switch g {
	case GradeExcellent:
		return "优秀"
	case GradeGood:
		return "良好"
	case GradePass:
		return "合格"
	case GradeFail:
		return "不合格"
	}
	return string(g)
}

// ParkFacts are what the records say about a park's year.
type ParkFacts struct {
	Year       int
	AsOf       time.Time // the day occupancy is measured: 31 December, or today for the year running
	Tenants    int       // firms in the park on some day of the year
	NewTenants int       // of them, moved in during the year
	Graduated  int       // of them, graduated during the year
	Jobs       int       // jobs those firms created
	Events     int       // events held during the year (up to AsOf)
	Attendees  int       // people who came to them
	UsedSpace  int       // space the firms in the park on AsOf use
	TotalSpace int
	Unit       SpaceUnit
	Occupancy  int // UsedSpace / TotalSpace in basis points: 8125 is 81.25%
}

// OccupancyText is the occupancy as a percentage with two decimals: "81.25%".
func (f ParkFacts) OccupancyText() string {
	return strconv.Itoa(f.Occupancy/100) + "." + twoDigits(f.Occupancy%100) + "%"
}

// AssessParkFacts computes park p's facts for year from its tenants and
// events, as of today (Beijing): a year not over yet is measured up to today.
func AssessParkFacts(p *Park, tenants []*ParkTenant, events []*ParkEvent, year int, today time.Time) ParkFacts {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	if today.Before(to) {
		to = today
	}
	f := ParkFacts{Year: year, AsOf: to, TotalSpace: p.TotalSpace, Unit: p.Unit}
	for _, t := range tenants {
		if t.ParkID != p.ID || !t.inDuring(from, to) {
			continue
		}
		f.Tenants++
		f.Jobs += t.Jobs
		if !t.MoveIn.Before(from) {
			f.NewTenants++
		}
		if t.Status == TenantGraduated && !t.LeftOn.Before(from) && !t.LeftOn.After(to) {
			f.Graduated++
		}
		if t.InOn(to) {
			f.UsedSpace += t.SpaceUsed
		}
	}
	for _, e := range events {
		if e.ParkID == p.ID && !e.Date.Before(from) && !e.Date.After(to) {
			f.Events++
			f.Attendees += e.Attendees
		}
	}
	if p.TotalSpace > 0 {
		f.Occupancy = int((int64(f.UsedSpace)*20_000 + int64(p.TotalSpace)) / (2 * int64(p.TotalSpace))) // rounded half up
	}
	return f
}

// ParkAssessment is a park's assessment for a year: the facts as they
// stood when it was saved, and the assessor's judgement.
type ParkAssessment struct {
	ID         int64
	ParkID     int64
	Year       int
	Score      int // 0–100
	Grade      ParkGrade
	Comment    string
	Facts      ParkFacts
	AssessedBy int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Validate checks an assessment made on day today (Beijing): a year from
// FirstParkYear to this one, a score of 0–100, a grade that agrees with
// the pass mark (below ParkPassScore is 不合格, and 不合格 is below it) and
// a comment.
func (a *ParkAssessment) Validate(today time.Time) error {
	var f apperr.Fields
	if a.Year < FirstParkYear || a.Year > today.Year() {
		f.Add("year", "考核年度应在 "+strconv.Itoa(FirstParkYear)+" 到 "+strconv.Itoa(today.Year())+" 之间")
	}
	scoreOK := a.Score >= 0 && a.Score <= 100
	if !scoreOK {
		f.Add("score", "得分应为 0 到 100 的整数")
	}
	switch {
	case !slices.Contains(ParkGrades, a.Grade):
		f.Add("grade", "请选择考核等次（优秀、良好、合格或不合格）")
	case scoreOK && a.Score < ParkPassScore && a.Grade != GradeFail:
		f.Add("grade", "得分低于 "+strconv.Itoa(ParkPassScore)+" 分的应评为不合格")
	case scoreOK && a.Score >= ParkPassScore && a.Grade == GradeFail:
		f.Add("grade", "评为不合格的，得分应低于 "+strconv.Itoa(ParkPassScore)+" 分")
	}
	a.Comment = strings.TrimSpace(a.Comment)
	registry.CheckRequiredText(&f, "comment", a.Comment, MaxParkComment, "请填写考核意见")
	return f.Err()
}

// parkNum writes n with thousands separators: 12,000.
func parkNum(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
