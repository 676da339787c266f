package casework

// Enterprise vacancy collection (岗位采集): what an agent hears on a call or
// a visit to an enterprise is typed as a structured draft post. The draft
// becomes a real post only when the enterprise confirms it in its back
// office, or when staff publish it on the enterprise's behalf with its
// recorded consent; either way the post goes through the job board's own
// validation and review.

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/jobs"
)

// VacancyStatus is where a collected vacancy is.
type VacancyStatus string

// The vacancy statuses.
const (
	VacancyDraft     VacancyStatus = "draft"     // waiting for the enterprise
	VacancyPublished VacancyStatus = "published" // a post was filed from it
	VacancyDeclined  VacancyStatus = "declined"  // the enterprise does not want it posted
	VacancyWithdrawn VacancyStatus = "withdrawn" // the agent took it back (typed wrong, filled)
)

// VacancyStatuses lists every status in display order.
var VacancyStatuses = []VacancyStatus{VacancyDraft, VacancyPublished, VacancyDeclined, VacancyWithdrawn}

// Label is the status's Chinese name.
func (s VacancyStatus) Label() string {
	switch s {
	case VacancyDraft:
		return "待企业确认"
	case VacancyPublished:
		return "已发布"
	case VacancyDeclined:
		return "企业不需要"
	case VacancyWithdrawn:
		return "已撤回"
	}
	return string(s)
}

// Who filed the post of a published vacancy.
const (
	ByEnterprise = "enterprise" // the enterprise confirmed it in its back office
	ByStaff      = "staff"      // staff published it for the enterprise, with consent
)

// Limits of a vacancy draft's free text.
const (
	MaxConsent       = 100
	MaxDeclineReason = 200
)

// Vacancy is a vacancy collected from an enterprise.
type Vacancy struct {
	ID             int64
	EnterpriseID   int64
	EnterpriseName string
	ContactID      int64 // the contact it was heard on (0: typed later)
	Team           string
	AgentID        int64
	AgentName      string

	Title           string
	OccupationCode  string
	Headcount       int
	SalaryMin       int // yuan/month, 0 = not said
	SalaryMax       int
	Education       string
	ExperienceYears int
	Skills          []string
	Description     string
	RegionCode      string
	Address         string

	Status        VacancyStatus
	PostID        int64
	PublishedBy   string // ByEnterprise or ByStaff
	Consent       string // how the enterprise agreed to staff publishing
	DeclineReason string
	CreatedAt     time.Time
	DecidedAt     time.Time
	DecidedBy     int64
}

// Normalize trims the text fields and tidies the skills.
func (v *Vacancy) Normalize() {
	v.Title = strings.TrimSpace(v.Title)
	v.OccupationCode = strings.TrimSpace(v.OccupationCode)
	v.Education = strings.TrimSpace(v.Education)
	v.Description = strings.TrimSpace(strings.ReplaceAll(v.Description, "\r\n", "\n"))
	v.RegionCode = strings.TrimSpace(v.RegionCode)
	v.Address = strings.TrimSpace(v.Address)
	var skills []string
	for _, s := range v.Skills {
		if s = strings.TrimSpace(s); s != "" && !contains(skills, s) {
			skills = append(skills, s)
		}
	}
	v.Skills = skills
}

// Validate checks a draft as heard on a call: a title, an occupation (the
// classifier suggests one), a headcount; pay, requirements, description and
// place are checked when given, because a call rarely yields all of them.
// The full post rules run when the draft is published. occupations and
// regions may be nil to skip the code checks.
func (v *Vacancy) Validate(occupations, regions *codes.Table) error {
	var f apperr.Fields
	switch {
	case v.Title == "":
		f.Add("title", "请填写岗位名称")
	case utf8.RuneCountInString(v.Title) > jobs.MaxTitle:
		f.Add("title", "岗位名称不能超过 "+itoa(jobs.MaxTitle)+" 个字")
	case strings.ContainsAny(v.Title, "\n\t"):
		f.Add("title", "岗位名称不能换行")
	default:
		if msg := CheckText(v.Title, jobs.MaxTitle); msg != "" {
			f.Add("title", msg)
		}
	}
	switch {
	case v.OccupationCode == "":
		f.Add("occupation_code", "请选择职业分类（可点“识别职业”根据岗位名称推荐）")
	case occupations != nil:
		if _, ok := occupations.Get(v.OccupationCode); !ok {
			f.Add("occupation_code", "请从列表中选择职业分类")
		}
	}
	if v.Headcount < 1 || v.Headcount > jobs.MaxHeadcount {
		f.Add("headcount", "招聘人数应在 1 到 "+itoa(jobs.MaxHeadcount)+" 之间")
	}
	checkPay(&f, v.SalaryMin, v.SalaryMax)
	if v.Education != "" && !contains(jobs.Educations, v.Education) {
		f.Add("education", "请选择学历要求")
	}
	if v.ExperienceYears < 0 || v.ExperienceYears > jobs.MaxExperience {
		f.Add("experience_years", "经验要求应在 0 到 "+itoa(jobs.MaxExperience)+" 年之间")
	}
	if len(v.Skills) > jobs.MaxSkills {
		f.Add("skills", "技能要求最多 "+itoa(jobs.MaxSkills)+" 项")
	}
	for _, s := range v.Skills {
		if utf8.RuneCountInString(s) > jobs.MaxSkill {
			f.Add("skills", "每项技能不超过 "+itoa(jobs.MaxSkill)+" 个字")
			break
		}
	}
	if msg := CheckText(v.Description, jobs.MaxDescription); msg != "" {
		f.Add("description", msg)
	}
	if v.RegionCode != "" && regions != nil {
		if _, ok := regions.Get(v.RegionCode); !ok {
			f.Add("region_code", "请从列表中选择工作地点")
		}
	}
	if msg := CheckText(v.Address, jobs.MaxAddress); msg != "" {
		f.Add("address", msg)
	}
	return f.Err()
}

// checkPay checks a monthly pay range where either end may be unsaid (0).
func checkPay(f *apperr.Fields, lo, hi int) {
	for _, x := range []struct {
		field string
		v     int
	}{{"salary_min", lo}, {"salary_max", hi}} {
		if x.v != 0 && (x.v < jobs.MinSalary || x.v > jobs.MaxSalary) {
			f.Add(x.field, "月薪应在 "+itoa(jobs.MinSalary)+" 到 "+itoa(jobs.MaxSalary)+" 元之间（不清楚可留空）")
		}
	}
	if lo != 0 && hi != 0 && hi < lo {
		f.Add("salary_max", "最高月薪不能低于最低月薪")
	}
}

// Post is the job post a draft proposes, with the enterprise's place when
// the draft has none: what the confirm form starts from.
func (v *Vacancy) Post(entRegion, entAddress string) *jobs.Post {
	p := &jobs.Post{EnterpriseID: v.EnterpriseID, Title: v.Title, OccupationCode: v.OccupationCode, Description: v.Description,
		Headcount: v.Headcount, SalaryMin: v.SalaryMin, SalaryMax: v.SalaryMax, Education: v.Education,
		ExperienceYears: v.ExperienceYears, Skills: v.Skills, RegionCode: v.RegionCode, Address: v.Address}
	if p.RegionCode == "" {
		p.RegionCode = entRegion
	}
	if p.Address == "" {
		p.Address = entAddress
	}
	if p.SalaryMax == 0 {
		p.SalaryMax = p.SalaryMin
	}
	if p.SalaryMin == 0 {
		p.SalaryMin = p.SalaryMax
	}
	return p
}

// PayText says the draft's pay the way it was heard.
func (v *Vacancy) PayText() string {
	switch {
	case v.SalaryMin == 0 && v.SalaryMax == 0:
		return "月薪未说明"
	case v.SalaryMax == 0 || v.SalaryMin == v.SalaryMax:
		return itoa(max(v.SalaryMin, v.SalaryMax)) + " 元/月"
	case v.SalaryMin == 0:
		return "最高 " + itoa(v.SalaryMax) + " 元/月"
	}
	return itoa(v.SalaryMin) + "–" + itoa(v.SalaryMax) + " 元/月"
}

// CheckConsent checks the record of an enterprise's consent to staff
// publishing a post for it ("电话中王经理同意代为发布").
func CheckConsent(f *apperr.Fields, consent string) {
	switch {
	case strings.TrimSpace(consent) == "":
		f.Add("consent", "请记录企业的同意（如：电话中人事王经理同意代为发布）")
	default:
		if msg := CheckText(consent, MaxConsent); msg != "" {
			f.Add("consent", msg)
		}
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
