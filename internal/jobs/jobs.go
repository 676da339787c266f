// Package jobs is the domain of 网谷智聘, the district job board: the job
// post, its validation and the rules of its life cycle (review, pause,
// close, expiry). It holds no storage or HTTP code; search lives in package
// search and title → occupation suggestions in jobs/classify.
package jobs

import (
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

// Status is where a post is in its life cycle.
type Status string

// Post statuses. Only Published posts are searchable, and only until they expire.
const (
	Pending   Status = "pending"   // new or edited, waiting for a reviewer
	Published Status = "published" // approved and visible
	Rejected  Status = "rejected"  // a reviewer refused it, with a reason
	Paused    Status = "paused"    // the employer stopped it for a while
	Closed    Status = "closed"    // final: the employer ended it
	Expired   Status = "expired"   // its expiry date passed
)

// Statuses lists every status in the order employer lists group them.
var Statuses = []Status{Pending, Published, Rejected, Paused, Expired, Closed}

// Label is the Chinese name of the status.
func (s Status) Label() string {
	switch s {
	case Pending:
		return "待审核"
	case Published:
		return "招聘中"
	case Rejected:
		return "未通过审核"
	case Paused:
		return "已暂停"
	case Closed:
		return "已关闭"
	case Expired:
		return "已过期"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Actions that change a post's status.
const (
	ActEdit    = "edit"    // employer changed the content: back to review
	ActApprove = "approve" // reviewer
	ActReject  = "reject"  // reviewer, with a reason
	ActPause   = "pause"   // employer
	ActResume  = "resume"  // employer, a paused post goes live again
	ActClose   = "close"   // employer, final
	ActExpire  = "expire"  // the daily expiry run
	// ActTakeDown is a reviewer taking a live (or paused) post down after a
	// report (举报), with a reason: it leaves search as rejected.
	ActTakeDown = "take_down"
)

// Next returns the status a post in status s moves to by action, or a
// Conflict (wrong state) or Invalid (unknown action) error in Chinese.
func Next(s Status, action string) (Status, error) {
	conflict := func(msg string) (Status, error) { return s, apperr.New(apperr.Conflict, msg) }
	switch action {
	case ActEdit:
		if s == Closed {
			return conflict("岗位已关闭，不能再修改；如需继续招聘，请发布新岗位")
		}
		return Pending, nil
	case ActApprove, ActReject:
		if s != Pending {
			return conflict("该岗位当前" + s.Label() + "，不在待审核状态")
		}
		if action == ActApprove {
			return Published, nil
		}
		return Rejected, nil
	case ActTakeDown:
		if s != Published && s != Paused {
			return conflict("只有招聘中或已暂停的岗位可以下架，该岗位当前" + s.Label())
		}
		return Rejected, nil
	case ActPause:
		if s != Published {
			return conflict("只有招聘中的岗位可以暂停，该岗位当前" + s.Label())
		}
		return Paused, nil
	case ActResume:
		if s != Paused {
			return conflict("只有已暂停的岗位可以恢复招聘，该岗位当前" + s.Label())
		}
		return Published, nil
	case ActClose:
		if s == Closed {
			return conflict("岗位已关闭")
		}
		return Closed, nil
	case ActExpire:
		if s != Pending && s != Published && s != Paused {
			return conflict("该岗位当前" + s.Label() + "，无需到期处理")
		}
		return Expired, nil
	}
	return s, apperr.Field("action", "不支持的操作")
}

// Educations are the education requirements a post may state, lowest first.
// The search index ranks them in this order (高中 and 中专 are one stage).
var Educations = []string{"不限", "初中", "高中", "中专", "大专", "本科", "硕士", "博士"}

// Experiences are the experience requirements (years) forms offer; any
// whole number of years up to MaxExperience is valid.
var Experiences = []int{0, 1, 2, 3, 5, 10}

// ExperienceLabel says a requirement in words: 经验不限, 3年以上.
func ExperienceLabel(years int) string {
	if years <= 0 {
		return "经验不限"
	}
	return strconv.Itoa(years) + "年以上"
}

// Benefits are the benefits an employer can tick; posts may list only these.
var Benefits = []string{"五险一金", "包吃住", "包住", "餐补", "交通补贴", "住房补贴", "双休", "带薪年假", "年终奖",
	"绩效奖金", "加班补贴", "节日福利", "定期体检", "免费班车"}

// Limits of a post.
const (
	MaxTitle       = 40
	MaxDescription = 5000
	MinDescription = 10
	MaxAddress     = 100
	MaxSkills      = 10
	MaxSkill       = 20
	MaxHeadcount   = 9999
	MinSalary      = 1000   // yuan/month: a sanity floor, not a legal minimum wage check
	MaxSalary      = 300000 // yuan/month
	MaxSpread      = 3      // SalaryMax may be at most this times SalaryMin
	MaxExperience  = 30
	DefaultDays    = 60  // expiry when none is given
	MaxDays        = 180 // the furthest expiry a post may have
)

// Post is one vacancy of an enterprise.
type Post struct {
	ID             int64
	EnterpriseID   int64
	EnterpriseName string // read from the enterprise, not stored on the post
	// EnterpriseVerified is read from the enterprise: posts of an enterprise
	// whose verification was withdrawn leave search.
	EnterpriseVerified bool

	Title           string
	OccupationCode  string // 职业分类大典 2022, a leaf (职业) code
	Description     string
	Headcount       int
	SalaryMin       int // yuan/month
	SalaryMax       int
	Education       string // one of Educations
	ExperienceYears int    // 0 = 不限
	Skills          []string
	Benefits        []string // each one of Benefits
	RegionCode      string   // street level (9 digits)
	Address         string
	Lat, Lng        float64
	HasGeo          bool
	ExpiresOn       time.Time // last day the post is open (a date, UTC midnight)
	// Internship marks a 就业见习 place of a designated internship base: the
	// board shows it with a 见习 badge and filter, and only eligible
	// graduates and young unemployed people may apply.
	Internship bool

	Status       Status
	ReviewReason string // why a reviewer rejected it
	ReviewedBy   int64
	ReviewedAt   time.Time
	PublishedAt  time.Time // last approval
	CreatedBy    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Seq          int64 // the change sequence number of the last change
}

// Today is the date in China at now, as UTC midnight (how dates are stored).
func Today(now time.Time) time.Time { return chinatime.Today(now) }

// ExpiresAt is the instant a post closes: the end of its expiry day in Beijing.
func (p *Post) ExpiresAt() time.Time {
	d := p.ExpiresOn
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, chinatime.Zone)
}

// IsExpired reports whether the expiry day has passed at now.
func (p *Post) IsExpired(now time.Time) bool { return !now.Before(p.ExpiresAt()) }

// Searchable reports whether the post belongs in search at now.
func (p *Post) Searchable(now time.Time) bool {
	return p.Status == Published && p.EnterpriseVerified && !p.IsExpired(now)
}

// Effective is the status to show at now: a post whose expiry day passed is
// Expired even before the daily expiry run has marked it.
func (p *Post) Effective(now time.Time) Status {
	switch p.Status {
	case Pending, Published, Paused:
		if p.IsExpired(now) {
			return Expired
		}
	}
	return p.Status
}

// Normalize trims text fields and tidies the tag lists: blanks and
// duplicates dropped, order kept.
func (p *Post) Normalize() {
	p.Title = strings.TrimSpace(p.Title)
	p.OccupationCode = strings.TrimSpace(p.OccupationCode)
	p.Description = strings.TrimSpace(strings.ReplaceAll(p.Description, "\r\n", "\n"))
	p.Education = strings.TrimSpace(p.Education)
	p.RegionCode = strings.TrimSpace(p.RegionCode)
	p.Address = strings.TrimSpace(p.Address)
	p.Skills = tags.Tidy(p.Skills)
	p.Benefits = tags.Tidy(p.Benefits)
	if p.Education == "" {
		p.Education = "不限"
	}
}

// SplitSkills reads skills typed in one box, separated by commas, 、 or spaces.
func SplitSkills(s string) []string { return tags.Split(s) }

// Validate checks every field of a post being created or edited at now.
// occupations and regions may be nil to skip the code checks. Field names
// are the API's JSON names.
func (p *Post) Validate(now time.Time, occupations, regions *codes.Table) error {
	var f apperr.Fields
	switch {
	case p.Title == "":
		f.Add("title", "请填写岗位名称")
	case utf8.RuneCountInString(p.Title) > MaxTitle:
		f.Add("title", "岗位名称不能超过 "+strconv.Itoa(MaxTitle)+" 个字")
	default:
		registry.CheckText(&f, "title", p.Title, MaxTitle)
		if strings.ContainsAny(p.Title, "\n\t") {
			f.Add("title", "岗位名称不能换行")
		}
	}
	switch {
	case p.OccupationCode == "":
		f.Add("occupation_code", "请选择职业分类（可点“识别职业”根据岗位名称推荐）")
	case occupations != nil:
		if _, ok := occupations.Get(p.OccupationCode); !ok {
			f.Add("occupation_code", "职业分类代码不存在")
		} else if len(occupations.Children(p.OccupationCode)) > 0 {
			f.Add("occupation_code", "请选择到具体职业（大典第四层），而不是大类")
		}
	}
	switch n := utf8.RuneCountInString(p.Description); {
	case p.Description == "":
		f.Add("description", "请填写岗位描述：工作内容、任职要求等")
	case n < MinDescription:
		f.Add("description", "岗位描述太短，请至少写 "+strconv.Itoa(MinDescription)+" 个字")
	default:
		registry.CheckText(&f, "description", p.Description, MaxDescription)
	}
	if p.Headcount < 1 || p.Headcount > MaxHeadcount {
		f.Add("headcount", "招聘人数应为 1–"+strconv.Itoa(MaxHeadcount)+" 人")
	}
	checkSalary(&f, p.SalaryMin, p.SalaryMax)
	if !slices.Contains(Educations, p.Education) {
		f.Add("education", "请选择有效的学历要求")
	}
	if p.ExperienceYears < 0 || p.ExperienceYears > MaxExperience {
		f.Add("experience_years", "经验要求应为 0–"+strconv.Itoa(MaxExperience)+" 年（0 表示不限）")
	}
	if len(p.Skills) > MaxSkills {
		f.Add("skills", "技能标签最多 "+strconv.Itoa(MaxSkills)+" 个")
	}
	for _, s := range p.Skills {
		if utf8.RuneCountInString(s) > MaxSkill || strings.ContainsAny(s, "<>\n\t") {
			f.Add("skills", "每个技能标签不超过 "+strconv.Itoa(MaxSkill)+" 个字，且不能包含 < > 或换行")
			break
		}
		registry.CheckText(&f, "skills", s, MaxSkill)
	}
	for _, b := range p.Benefits {
		if !slices.Contains(Benefits, b) {
			f.Add("benefits", "福利“"+cutRunes(b, 10)+"”不在可选列表中")
			break
		}
	}
	switch {
	case p.RegionCode == "":
		f.Add("region_code", "请选择工作地点所在街道")
	case len(p.RegionCode) != 9 || !isDigits(p.RegionCode):
		f.Add("region_code", "工作地点需选到街道（乡镇）一级，9 位区划代码")
	case regions != nil:
		registry.CheckRegion(&f, regions, "region_code", p.RegionCode)
	}
	if p.Address == "" {
		f.Add("address", "请填写详细工作地址")
	} else {
		registry.CheckText(&f, "address", p.Address, MaxAddress)
	}
	if p.HasGeo {
		// China's extent with a margin; a swapped pair (lng, lat) fails here.
		if !(p.Lat >= 3 && p.Lat <= 54) {
			f.Add("lat", "纬度应在 3–54 之间（中国境内），如 30.62")
		}
		if !(p.Lng >= 73 && p.Lng <= 136) {
			f.Add("lng", "经度应在 73–136 之间（中国境内），如 114.14")
		}
	}
	today := Today(now)
	switch {
	case p.ExpiresOn.IsZero():
		f.Add("expires_on", "请填写有效期")
	case p.ExpiresOn.Before(today):
		f.Add("expires_on", "有效期不能早于今天")
	case p.ExpiresOn.After(today.AddDate(0, 0, MaxDays)):
		f.Add("expires_on", "有效期最长 "+strconv.Itoa(MaxDays)+" 天，请选择 "+today.AddDate(0, 0, MaxDays).Format(time.DateOnly)+" 之前的日期")
	}
	return f.Err()
}

func checkSalary(f *apperr.Fields, lo, hi int) {
	switch {
	case lo <= 0 || hi <= 0:
		f.Add("salary_min", "请填写月薪范围（元/月），最低和最高都要填写")
	case lo < MinSalary:
		f.Add("salary_min", "最低月薪不能低于 "+strconv.Itoa(MinSalary)+" 元（请按月薪填写）")
	case hi > MaxSalary:
		f.Add("salary_max", "最高月薪不能超过 "+strconv.Itoa(MaxSalary)+" 元")
	case lo > hi:
		f.Add("salary_max", "最高月薪不能低于最低月薪")
	case hi > lo*MaxSpread:
		f.Add("salary_max", "薪资范围过宽：最高月薪不超过最低月薪的 "+strconv.Itoa(MaxSpread)+" 倍")
	}
}

// CheckReason validates a reviewer's rejection reason: required, ≤ 500 runes.
func CheckReason(reason string) error {
	var f apperr.Fields
	if strings.TrimSpace(reason) == "" {
		f.Add("reason", "请填写不通过的原因，企业会看到这条说明")
	}
	registry.CheckText(&f, "reason", reason, 500)
	return f.Err()
}

// SalaryText formats a range as people read it: "6000-8000元/月".
func SalaryText(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo) + "元/月"
	}
	return strconv.Itoa(lo) + "-" + strconv.Itoa(hi) + "元/月"
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
