package registry

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/bidi"
	"github.com/jiuye/jiuye/internal/codes"
)

// Educations are the education levels a person record may hold; the values
// match the policy catalog's attribute conventions.
var Educations = []string{"初中", "高中", "中专", "大专", "本科", "硕士", "博士"}

// EmploymentStatuses match the policy catalog's person.employment_status values.
var EmploymentStatuses = []string{"失业", "灵活就业", "在职", "自主创业", "公益性岗位", "在校学生"}

// DifficultyCategories are Wuhan's nine 就业困难人员 categories.
var DifficultyCategories = []string{"大龄", "连续失业1年以上", "生活困难失地农民", "城镇零就业家庭或低保",
	"农村零转移就业贫困家庭", "毕业一年以上未就业高校毕业生", "残疾人", "成年孤儿", "脱贫劳动力"}

// Person is a registered individual. IDNumber and Phone are plaintext in
// memory only; the store encrypts them. Birth and Male derive from IDNumber.
type Person struct {
	ID                   int64
	Name                 string
	IDNumber             string
	Phone                string
	Birth                time.Time
	Male                 bool
	Education            string
	GraduationDate       time.Time // zero when unknown
	HukouRegion          string
	ResidenceRegion      string
	EmploymentStatus     string
	RegisteredUnemployed bool
	DifficultyCategory   string
	Veteran              bool
	CreatedAt, UpdatedAt time.Time
	// IDMasked and PhoneMasked are what lists show; the store fills them.
	IDMasked, PhoneMasked string
}

// Gender returns 男 or 女.
func (p *Person) Gender() string {
	if p.Male {
		return "男"
	}
	return "女"
}

// AgeOn returns the person's age in full years on day d (birthday counts as reached).
func (p *Person) AgeOn(d time.Time) int {
	age := d.Year() - p.Birth.Year()
	if d.Month() < p.Birth.Month() || (d.Month() == p.Birth.Month() && d.Day() < p.Birth.Day()) {
		age--
	}
	return age
}

// Normalize trims text fields, canonicalises ID number and phone, and derives
// birth date and gender from a valid ID number.
func (p *Person) Normalize(now time.Time) {
	p.Name = strings.TrimSpace(p.Name)
	p.IDNumber = strings.ToUpper(strings.TrimSpace(p.IDNumber))
	p.Phone = strings.TrimSpace(p.Phone)
	if info, err := ParseIDNumber(p.IDNumber, now); err == nil {
		p.IDNumber, p.Birth, p.Male = info.Number, info.Birth, info.Male
	}
	if ph, err := ParsePhone(p.Phone); err == nil {
		p.Phone = ph
	}
}

// Validate checks every field and returns an apperr Invalid error with a
// Chinese message per failing field. regions may be nil to skip code checks.
func (p *Person) Validate(now time.Time, regions *codes.Table) error {
	var f apperr.Fields
	CheckName(&f, "name", p.Name)
	if _, err := ParseIDNumber(p.IDNumber, now); err != nil {
		f.Add("id_number", fieldMessage(err))
	}
	if _, err := ParsePhone(p.Phone); err != nil {
		f.Add("phone", fieldMessage(err))
	}
	if p.Education != "" && !slices.Contains(Educations, p.Education) {
		f.Add("education", "请选择有效的学历")
	}
	if !p.GraduationDate.IsZero() {
		if p.GraduationDate.After(now.AddDate(6, 0, 0)) {
			f.Add("graduation_date", "毕业日期不能晚于六年后")
		} else if !p.Birth.IsZero() && p.GraduationDate.Before(p.Birth.AddDate(12, 0, 0)) {
			f.Add("graduation_date", "毕业日期与出生日期不符")
		}
	}
	CheckRegion(&f, regions, "hukou_region", p.HukouRegion)
	CheckRegion(&f, regions, "residence_region", p.ResidenceRegion)
	if p.EmploymentStatus != "" && !slices.Contains(EmploymentStatuses, p.EmploymentStatus) {
		f.Add("employment_status", "请选择有效的就业状态")
	}
	if p.DifficultyCategory != "" && !slices.Contains(DifficultyCategories, p.DifficultyCategory) {
		f.Add("difficulty_category", "请选择有效的就业困难类别")
	}
	return f.Err()
}

func fieldMessage(err error) string {
	if fe, ok := err.(*FieldError); ok {
		return fe.Message
	}
	return err.Error()
}

// CheckRegion adds a field error when code is set but not a known region.
func CheckRegion(f *apperr.Fields, regions *codes.Table, field, code string) {
	if code == "" || regions == nil {
		return
	}
	if _, ok := regions.Get(code); !ok {
		f.Add(field, "行政区划代码不存在")
	}
}

// CheckText validates a free-text field: valid UTF-8, no control characters
// other than newlines and tabs, no bidirectional controls (see package
// bidi), and at most max runes. Empty passes; callers check required fields
// themselves. Every name, title and description goes through it.
func CheckText(f *apperr.Fields, field, s string, max int) {
	if !utf8.ValidString(s) {
		f.Add(field, "包含无效字符（非 UTF-8）")
		return
	}
	if utf8.RuneCountInString(s) > max {
		f.Add(field, "不能超过 "+strconv.Itoa(max)+" 个字")
		return
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			f.Add(field, "包含不允许的控制字符")
			return
		}
	}
	if bidi.Contains(s) {
		f.Add(field, bidi.Message)
	}
}

// CheckName validates a required name of at most 60 runes. Angle brackets
// never belong in a person's or enterprise's name, so they are refused.
func CheckName(f *apperr.Fields, field, s string) {
	if s == "" {
		f.Add(field, "请填写名称")
		return
	}
	if strings.ContainsAny(s, "<>") {
		f.Add(field, "名称不能包含 < 或 > 符号")
		return
	}
	CheckText(f, field, s, 60)
}

// EducationRank orders education levels for comparisons (a post's
// requirement against a person's level): "" and 不限 are 0, 高中 and 中专
// (and 中技, 职高) are the same stage. ok is false for unknown text. Search,
// matching and resume diagnosis all compare through this one table.
func EducationRank(s string) (int, bool) {
	switch s {
	case "", "不限":
		return 0, true
	case "初中":
		return 1, true
	case "高中", "中专", "中技", "职高":
		return 2, true
	case "大专":
		return 3, true
	case "本科":
		return 4, true
	case "硕士":
		return 5, true
	case "博士":
		return 6, true
	}
	return 0, false
}
