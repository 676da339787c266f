package casework

// Outcome tracking (跟踪评估): who was served and when, what became of them
// (an outcome with its source) and the checks at 3, 6 and 12 months that
// the call centre owes every person it served.

import (
	"sort"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// ServedKind is the service a person was counted as served by; each kind
// keeps its own first date, so a client later referred is in both cohorts.
type ServedKind string

// The served kinds.
const (
	KindCallCentre ServedKind = "callcentre" // 话务服务
	KindReferral   ServedKind = "referral"   // 推荐就业
	KindTraining   ServedKind = "training"   // 职业培训 (by provider)
)

// ServedKinds lists every kind in display order.
var ServedKinds = []ServedKind{KindCallCentre, KindReferral, KindTraining}

// Label is the kind's Chinese name.
func (k ServedKind) Label() string {
	switch k {
	case KindCallCentre:
		return "话务服务"
	case KindReferral:
		return "推荐就业"
	case KindTraining:
		return "职业培训"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k ServedKind) Valid() bool {
	for _, x := range ServedKinds {
		if k == x {
			return true
		}
	}
	return false
}

// Served is a person counted as served by one kind of service: the first
// day they were served, the team and agent who served them, the topic of
// that first contact, and the training provider (trainees only).
type Served struct {
	PersonID int64
	Kind     ServedKind
	ServedOn time.Time // a date (UTC midnight)
	Team     string
	AgentID  int64
	Topic    Topic
	Provider string
}

// CheckMonths are the months after being served at which an outcome is
// checked.
var CheckMonths = []int{3, 6, 12}

// CheckEarly is how long before its due date an outcome recorded still
// counts for a check: a call a fortnight early answers the question.
const CheckEarly = 14 * 24 * time.Hour

// Status is what a person is doing.
type Status string

// The outcome statuses.
const (
	Employed     Status = "employed"
	SelfEmployed Status = "self_employed"
	InTraining   Status = "training"
	Unemployed   Status = "unemployed"
	Unknown      Status = "unknown"
)

// Statuses lists every status in display order.
var Statuses = []Status{Employed, SelfEmployed, InTraining, Unemployed, Unknown}

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case Employed:
		return "已就业"
	case SelfEmployed:
		return "自主创业/灵活就业"
	case InTraining:
		return "参加培训"
	case Unemployed:
		return "未就业"
	case Unknown:
		return "情况不明"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// Working reports whether the status counts as placed in the cohort
// reports: employed or self-employed.
func (s Status) Working() bool { return s == Employed || s == SelfEmployed }

// Source is where an outcome comes from. Sources differ in how much they
// can be believed: a contribution record beats anyone's word.
type Source string

// The outcome sources, strongest first.
const (
	SourceInsurance Source = "insurance" // 社保缴费记录 (imported by staff)
	SourceJobBoard  Source = "jobboard"  // 平台录用记录 (a hire in the job board)
	SourceEmployer  Source = "employer"  // 用人单位确认
	SourceSelf      Source = "self"      // 本人答复
	SourceAgent     Source = "agent"     // 话务员回访
)

// Sources lists every source, strongest first.
var Sources = []Source{SourceInsurance, SourceJobBoard, SourceEmployer, SourceSelf, SourceAgent}

// Label is the source's Chinese name.
func (s Source) Label() string {
	switch s {
	case SourceInsurance:
		return "社保缴费记录"
	case SourceJobBoard:
		return "平台录用记录"
	case SourceEmployer:
		return "用人单位确认"
	case SourceSelf:
		return "本人答复"
	case SourceAgent:
		return "话务员回访"
	}
	return string(s)
}

// Strength orders sources: higher is more believable, 0 is unknown.
func (s Source) Strength() int {
	for i, x := range Sources {
		if s == x {
			return len(Sources) - i
		}
	}
	return 0
}

// Recordable reports whether staff may record an outcome from s by hand:
// insurance rows come only from an imported file and hires only from the
// job board.
func (s Source) Recordable() bool {
	return s == SourceEmployer || s == SourceSelf || s == SourceAgent
}

// WageBand is a monthly wage range: outcomes keep a band, not a figure,
// because a band is what a caller is willing to say.
type WageBand string

// The wage bands.
const (
	WageUnder3000 WageBand = "lt3000"
	Wage3000      WageBand = "3000_4999"
	Wage5000      WageBand = "5000_7999"
	Wage8000      WageBand = "8000_11999"
	Wage12000     WageBand = "ge12000"
)

// WageBands lists every band, lowest first.
var WageBands = []WageBand{WageUnder3000, Wage3000, Wage5000, Wage8000, Wage12000}

// Label is the band's Chinese name; "" is 未填写.
func (w WageBand) Label() string {
	switch w {
	case WageUnder3000:
		return "3000 元以下"
	case Wage3000:
		return "3000–4999 元"
	case Wage5000:
		return "5000–7999 元"
	case Wage8000:
		return "8000–11999 元"
	case Wage12000:
		return "12000 元及以上"
	case "":
		return "未填写"
	}
	return string(w)
}

func (w WageBand) rank() int {
	for i, x := range WageBands {
		if w == x {
			return i
		}
	}
	return len(WageBands)
}

// ContractType is the kind of employment contract.
type ContractType string

// The contract types.
const (
	ContractFixed    ContractType = "fixed"    // 固定期限劳动合同
	ContractOpen     ContractType = "open"     // 无固定期限劳动合同
	ContractPartTime ContractType = "parttime" // 非全日制用工
	ContractDispatch ContractType = "dispatch" // 劳务派遣
	ContractNone     ContractType = "none"     // 未签订劳动合同/灵活用工
)

// ContractTypes lists every contract type in display order.
var ContractTypes = []ContractType{ContractFixed, ContractOpen, ContractPartTime, ContractDispatch, ContractNone}

// Label is the contract type's Chinese name; "" is 未填写.
func (c ContractType) Label() string {
	switch c {
	case ContractFixed:
		return "固定期限劳动合同"
	case ContractOpen:
		return "无固定期限劳动合同"
	case ContractPartTime:
		return "非全日制用工"
	case ContractDispatch:
		return "劳务派遣"
	case ContractNone:
		return "未签订劳动合同/灵活用工"
	case "":
		return "未填写"
	}
	return string(c)
}

// Outcome is what became of a person from Since (until Until, or open when
// Until is zero), and who says so.
type Outcome struct {
	ID             int64
	PersonID       int64
	Status         Status
	Employer       string
	EmployerUSCC   string
	OccupationCode string
	WageBand       WageBand
	ContractType   ContractType
	Since          time.Time // a date
	Until          time.Time // a date; zero while it lasts
	Source         Source
	RecordedAt     time.Time
	RecordedBy     int64
}

// Limits of an outcome record.
const MaxEmployer = 100 // runes of an employer's name

// Normalize trims the text fields and makes the dates whole days.
func (o *Outcome) Normalize() {
	o.Employer = strings.TrimSpace(o.Employer)
	o.EmployerUSCC = strings.ToUpper(strings.TrimSpace(o.EmployerUSCC))
	o.OccupationCode = strings.TrimSpace(o.OccupationCode)
	o.Since, o.Until = Day(o.Since), Day(o.Until)
}

// Validate checks an outcome before it is recorded: field errors keyed by
// the form's and the API's field names. occupations may be nil (no check
// of the code against the table).
func (o *Outcome) Validate(now time.Time, occupations *codes.Table) error {
	var f apperr.Fields
	if o.PersonID == 0 {
		f.Add("person_id", "请指明人员")
	}
	if !o.Status.Valid() {
		f.Add("status", "请选择就业状态")
	}
	if o.Source.Strength() == 0 {
		f.Add("source", "请选择信息来源")
	}
	if msg := CheckText(o.Employer, MaxEmployer); msg != "" {
		f.Add("employer", msg)
	} else if o.Status == Employed && o.Employer == "" && o.EmployerUSCC == "" {
		f.Add("employer", "已就业请填写工作单位")
	}
	if o.EmployerUSCC != "" {
		if _, err := registry.ParseUSCC(o.EmployerUSCC); err != nil {
			f.Add("employer_uscc", err.Error())
		}
	}
	if o.OccupationCode != "" && occupations != nil {
		if _, ok := occupations.Get(o.OccupationCode); !ok {
			f.Add("occupation_code", "职业代码不存在，请从列表中选择")
		}
	}
	if o.WageBand != "" && o.WageBand.rank() == len(WageBands) {
		f.Add("wage_band", "请从列表中选择工资区间")
	}
	if o.ContractType != "" && !validContract(o.ContractType) {
		f.Add("contract_type", "请从列表中选择合同类型")
	}
	today := Day(now)
	switch {
	case o.Since.IsZero():
		f.Add("since", "请填写开始日期")
	case o.Since.After(today):
		f.Add("since", "开始日期不能晚于今天")
	case o.Since.Year() < 1950:
		f.Add("since", "开始日期无效")
	}
	if !o.Until.IsZero() {
		switch {
		case !o.Since.IsZero() && o.Until.Before(o.Since):
			f.Add("until", "结束日期不能早于开始日期")
		case o.Until.After(today):
			f.Add("until", "结束日期不能晚于今天；仍在继续请留空")
		}
	}
	return f.Err()
}

func validContract(c ContractType) bool {
	for _, x := range ContractTypes {
		if c == x {
			return true
		}
	}
	return false
}

// Covers reports whether the outcome holds on day d.
func (o *Outcome) Covers(d time.Time) bool {
	d = Day(d)
	return !o.Since.After(d) && (o.Until.IsZero() || !o.Until.Before(d))
}

// Day is t's calendar date as UTC midnight, the form every date of this
// package takes; the zero time stays zero.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// At is a person's outcome on day d: among the outcomes covering d, the
// one of the strongest source; between equals, the one that started last,
// then the one recorded last. ok is false when none covers d.
func At(outs []Outcome, d time.Time) (Outcome, bool) {
	best, ok := Outcome{}, false
	for _, o := range outs {
		if !o.Covers(d) {
			continue
		}
		if !ok || stronger(o, best) {
			best, ok = o, true
		}
	}
	return best, ok
}

func stronger(a, b Outcome) bool {
	if sa, sb := a.Source.Strength(), b.Source.Strength(); sa != sb {
		return sa > sb
	}
	if !a.Since.Equal(b.Since) {
		return a.Since.After(b.Since)
	}
	return a.RecordedAt.After(b.RecordedAt)
}

// FirstEmployment is when a person served on servedOn was first working
// on or after that day, and the wage band then: the earliest day from
// servedOn on that a working outcome covers (a job held when served counts
// from servedOn), as the strongest source on that day says. ok is false
// when no working outcome reaches servedOn or later.
//
// A weaker source saying "working" on a day a stronger one says otherwise
// does not count: the strongest outcome of the day decides.
func FirstEmployment(servedOn time.Time, outs []Outcome) (day time.Time, band WageBand, ok bool) {
	servedOn = Day(servedOn)
	var starts []time.Time
	for _, o := range outs {
		if !o.Status.Working() || (!o.Until.IsZero() && o.Until.Before(servedOn)) {
			continue
		}
		d := o.Since
		if d.Before(servedOn) {
			d = servedOn
		}
		starts = append(starts, d)
	}
	for _, o := range outs { // a stronger "not working" ending lets a weaker "working" decide
		if o.Status.Working() || o.Until.IsZero() || o.Until.Before(servedOn) {
			continue
		}
		starts = append(starts, o.Until.AddDate(0, 0, 1))
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
	for _, d := range starts {
		if o, has := At(outs, d); has && o.Status.Working() {
			return d, bandAt(outs, d, o), true
		}
	}
	return time.Time{}, "", false
}

// bandAt is the wage band on day d: the deciding outcome's, else the
// strongest working outcome's that covers d and has one, else the band of
// the first working outcome after d that has one (an insurance record has
// no wage; the call that followed may).
func bandAt(outs []Outcome, d time.Time, decided Outcome) WageBand {
	if decided.WageBand != "" {
		return decided.WageBand
	}
	var best, later Outcome
	for _, o := range outs {
		if !o.Status.Working() || o.WageBand == "" {
			continue
		}
		switch {
		case o.Covers(d):
			if best.WageBand == "" || stronger(o, best) {
				best = o
			}
		case o.Since.After(d):
			if later.WageBand == "" || o.Since.Before(later.Since) {
				later = o
			}
		}
	}
	if best.WageBand != "" {
		return best.WageBand
	}
	return later.WageBand
}

// Check is one outcome check owed to a person served: Months after
// ServedOn, due on Due; Done once answered.
type Check struct {
	Kind     ServedKind
	Months   int
	ServedOn time.Time
	Due      time.Time
	Done     bool
}

// Checks lists the outcome checks of every served record, in due order.
// A check is done when an outcome was recorded on or after its due date
// less CheckEarly (a hire in the job board counts as recorded when it was
// made), or when an insurance record covers its due date.
func Checks(served []Served, outs []Outcome) []Check {
	var out []Check
	for _, s := range served {
		for _, m := range CheckMonths {
			due := Day(s.ServedOn).AddDate(0, m, 0)
			c := Check{Kind: s.Kind, Months: m, ServedOn: Day(s.ServedOn), Due: due}
			for _, o := range outs {
				if !o.RecordedAt.Before(due.Add(-CheckEarly)) || (o.Source == SourceInsurance && o.Covers(due)) {
					c.Done = true
					break
				}
			}
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out
}

// DueChecks is the checks not done whose due date has come by today: what
// an agent should ask about on the next call.
func DueChecks(served []Served, outs []Outcome, today time.Time) []Check {
	var out []Check
	for _, c := range Checks(served, outs) {
		if !c.Done && !c.Due.After(Day(today)) {
			out = append(out, c)
		}
	}
	return out
}

// Label names a check for lists: "话务服务 3 个月回访".
func (c Check) Label() string { return c.Kind.Label() + " " + itoa(c.Months) + " 个月回访" }

// WageBandOf is the band of a monthly wage in yuan; 0 or less is no band.
func WageBandOf(monthly int) WageBand {
	switch {
	case monthly <= 0:
		return ""
	case monthly < 3000:
		return WageUnder3000
	case monthly < 5000:
		return Wage3000
	case monthly < 8000:
		return Wage5000
	case monthly < 12000:
		return Wage8000
	}
	return Wage12000
}
