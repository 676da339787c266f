package internship

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
)

// Applicant is what decides whether a person may be an intern: the facts
// of the person's registry record.
type Applicant struct {
	Education            string
	GraduationDate       time.Time // zero when unknown
	EmploymentStatus     string    // one of registry.EmploymentStatuses, "" unknown
	RegisteredUnemployed bool
	Birth                time.Time // zero when unknown
}

// colleges are the education levels of a 高校毕业生.
var colleges = []string{"大专", "本科", "硕士", "博士"}

// employed are the employment statuses that are a job: a graduate in one
// is no longer 未就业.
var employed = []string{"在职", "灵活就业", "自主创业", "公益性岗位"}

// Eligible says whether a person may be an intern on day (the day the
// internship starts, or today when they apply), per the catalog's
// 就业见习补贴: 离校 2 年内未就业的高校毕业生, or a 16–24-year-old 登记失业
// youth. reason says why in plain Chinese either way.
func Eligible(a Applicant, day time.Time) (ok bool, reason string) {
	age := -1
	if !a.Birth.IsZero() {
		age = day.Year() - a.Birth.Year()
		if day.Month() < a.Birth.Month() || (day.Month() == a.Birth.Month() && day.Day() < a.Birth.Day()) {
			age--
		}
	}
	college := slices.Contains(colleges, a.Education)
	left := !a.GraduationDate.IsZero() && !a.GraduationDate.After(day)
	within := left && !day.After(a.GraduationDate.AddDate(2, 0, 0))
	working := slices.Contains(employed, a.EmploymentStatus)
	if college && within && !working {
		return true, fmt.Sprintf("离校 2 年内未就业的高校毕业生（%s %s 毕业）", a.Education, a.GraduationDate.Format(time.DateOnly))
	}
	if a.RegisteredUnemployed && age >= 16 && age <= 24 {
		return true, "已登记失业的 " + strconv.Itoa(age) + " 周岁青年（16–24 周岁）"
	}
	var why []string
	switch {
	case !college:
		why = append(why, "学历不是大专及以上（"+orUnknown(a.Education)+"）")
	case a.GraduationDate.IsZero():
		why = append(why, "未填写毕业日期")
	case !left:
		why = append(why, "尚未毕业离校（"+a.GraduationDate.Format(time.DateOnly)+" 毕业）")
	case !within:
		why = append(why, "离校已超过 2 年（"+a.GraduationDate.Format(time.DateOnly)+" 毕业）")
	case working:
		why = append(why, "就业状态为“"+a.EmploymentStatus+"”，不是未就业")
	}
	switch {
	case !a.RegisteredUnemployed:
		why = append(why, "未登记失业")
	case age < 0:
		why = append(why, "出生日期不详")
	default:
		why = append(why, "年龄 "+strconv.Itoa(age)+" 周岁，不在 16–24 周岁之间")
	}
	return false, "就业见习仅限离校 2 年内未就业的高校毕业生或 16–24 周岁登记失业青年：" + strings.Join(why, "；")
}

func orUnknown(s string) string {
	if s == "" {
		return "未填写"
	}
	return s
}

// InternStatus is where an internship is.
type InternStatus string

// The internship statuses.
const (
	InternActive   InternStatus = "active"   // 见习中
	InternFinished InternStatus = "finished" // 已结束: kept or not recorded
)

// Label is the status's Chinese name.
func (s InternStatus) Label() string {
	switch s {
	case InternActive:
		return "见习中"
	case InternFinished:
		return "已结束"
	}
	return string(s)
}

// Period is one 见习月: a month from the start date's day, keyed by the
// calendar month it starts in (2026-03 for 2026-03-15 – 2026-04-14).
type Period struct {
	N        int       // 1-based
	From, To time.Time // China dates at UTC midnight, To inclusive
	Month    string    // YYYY-MM the period starts in: the ledger month it is claimed in
	Recorded bool
	Served   bool
	ClaimID  int64 // the policy application that claimed it; 0 unclaimed
}

// MonthKey is the YYYY-MM of a date.
func MonthKey(d time.Time) string { return d.Format("2006-01") }

// ParseMonth reads YYYY-MM as the first day of that month (UTC).
func ParseMonth(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	return t, err == nil
}

// MonthLabel names a YYYY-MM month for people: 2026年3月.
func MonthLabel(key string) string {
	t, ok := ParseMonth(key)
	if !ok {
		return key
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月"
}

// Periods lists the 见习月 of an internship starting on start for months
// months. A period's end is the day before the same day of the next month
// (a start on the 31st rolls over as time.AddDate does).
func Periods(start time.Time, months int) []Period {
	out := make([]Period, 0, months)
	for i := range months {
		from := start.AddDate(0, i, 0)
		out = append(out, Period{N: i + 1, From: from, To: start.AddDate(0, i+1, -1), Month: MonthKey(from)})
	}
	return out
}

// Internship is one intern at one base, taken from an applicant to one of
// the base's 见习 posts.
type Internship struct {
	ID            int64
	BaseID        int64
	EnterpriseID  int64
	BaseName      string // the enterprise's name
	PostID        int64
	PostTitle     string
	ApplicationID int64
	PersonID      int64
	PersonName    string
	Start         time.Time // China date at UTC midnight
	PlannedMonths int
	Status        InternStatus
	Kept          bool      // 留用, recorded at the end
	EndedOn       time.Time // zero while active
	Periods       []Period  // the store fills them, with what was recorded
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// CheckStart checks a start date and planned months against today and the
// rule's maximum: the start at most a year back and three months ahead.
func CheckStart(start time.Time, months, maxMonths int, today time.Time) error {
	var f apperr.Fields
	switch {
	case start.IsZero():
		f.Add("start_on", "请选择见习开始日期")
	case start.Before(today.AddDate(-1, 0, 0)):
		f.Add("start_on", "见习开始日期不能早于一年前")
	case start.After(today.AddDate(0, 3, 0)):
		f.Add("start_on", "见习开始日期不能晚于三个月后")
	}
	if months < 1 || months > maxMonths {
		f.Add("planned_months", "见习期应为 1–"+strconv.Itoa(maxMonths)+" 个月（补贴最长 "+strconv.Itoa(maxMonths)+" 个月）")
	}
	return f.Err()
}

// Period returns the internship's nth period (1-based).
func (in *Internship) Period(n int) (*Period, bool) {
	if n < 1 || n > len(in.Periods) {
		return nil, false
	}
	return &in.Periods[n-1], true
}

// MayRecord says why period p cannot be recorded now ("" when it can):
// it must have ended by today, start before the internship ended, and not
// have been claimed.
func (in *Internship) MayRecord(p *Period, today time.Time) string {
	switch {
	case p.ClaimID != 0:
		return "第 " + strconv.Itoa(p.N) + " 个见习月的补贴已申领，不能再修改"
	case p.To.After(today) || p.To.Equal(today):
		return "第 " + strconv.Itoa(p.N) + " 个见习月（" + p.From.Format(time.DateOnly) + " 至 " + p.To.Format(time.DateOnly) + "）尚未结束，结束后才能记录"
	case in.Status == InternFinished && p.From.After(in.EndedOn):
		return "见习已于 " + in.EndedOn.Format(time.DateOnly) + " 结束，之后的见习月不能记录"
	}
	return ""
}

// ServedMonths counts the periods recorded as served.
func (in *Internship) ServedMonths() int {
	n := 0
	for _, p := range in.Periods {
		if p.Served {
			n++
		}
	}
	return n
}

// EndLabel says how the internship ended: 留用, 未留用, or "" while active.
func (in *Internship) EndLabel() string {
	switch {
	case in.Status != InternFinished:
		return ""
	case in.Kept:
		return "留用"
	}
	return "未留用"
}
