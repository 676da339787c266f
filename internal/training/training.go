// Package training is 技能培训: the providers designated to train or to
// evaluate skill levels (定点培训机构, 企业自主培训, 评价机构) with their scope —
// the occupations and levels they may train or evaluate — and the classes
// a designated provider opens within that scope: type, occupation and
// level, hours, capacity, sessions, fee and the subsidy standard that
// applies (read from data/standards.yaml by type, level and start date,
// never a figure in code). Staff designate, suspend and reinstate
// providers and file (备案) or return each class before it starts.
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

// Kind is what a provider is designated for.
type Kind string

// The provider kinds.
const (
	KindInstitution Kind = "institution" // 定点培训机构
	KindEnterprise  Kind = "enterprise"  // 企业自主培训
	KindEvaluator   Kind = "evaluator"   // 评价机构
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{KindInstitution, KindEnterprise, KindEvaluator}

// Label is the kind's Chinese name.
func (k Kind) Label() string {
	switch k {
	case KindInstitution:
		return "定点培训机构"
	case KindEnterprise:
		return "企业自主培训"
	case KindEvaluator:
		return "评价机构"
	}
	return string(k)
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Trains reports whether a provider of kind k may open classes (an
// evaluation body evaluates; it does not train).
func (k Kind) Trains() bool { return k == KindInstitution || k == KindEnterprise }

// Level is a skill level, 5 (五级/初级工) to 1 (一级/高级技师).
type Level int

// Levels lists the levels from the lowest.
var Levels = []Level{5, 4, 3, 2, 1}

// Valid reports whether l is one of Levels.
func (l Level) Valid() bool { return l >= 1 && l <= 5 }

// Label is the level's name: "四级/中级工".
func (l Level) Label() string {
	switch l {
	case 5:
		return "五级/初级工"
	case 4:
		return "四级/中级工"
	case 3:
		return "三级/高级工"
	case 2:
		return "二级/技师"
	case 1:
		return "一级/高级技师"
	}
	return strconv.Itoa(int(l))
}

// Status is where a provider's designation is.
type Status string

// The provider statuses.
const (
	StatusApplying   Status = "applying"   // 申请中
	StatusDesignated Status = "designated" // 已认定
	StatusSuspended  Status = "suspended"  // 已暂停: may not open classes
)

// Statuses lists the statuses in the order filters offer them.
var Statuses = []Status{StatusApplying, StatusDesignated, StatusSuspended}

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case StatusApplying:
		return "申请中"
	case StatusDesignated:
		return "已认定"
	case StatusSuspended:
		return "已暂停"
	}
	return string(s)
}

// Verb is the action that moves a provider to s: "认定", "暂停", for messages.
func (s Status) Verb() string {
	switch s {
	case StatusDesignated:
		return "认定或恢复"
	case StatusSuspended:
		return "暂停"
	}
	return "改为" + s.Label()
}

// Limits of the fields.
const (
	MaxName     = 60
	MaxAddress  = 100
	MaxContact  = 30
	MaxIntro    = 1000
	MaxReason   = 200
	MaxScope    = 50
	MaxTitle    = 60
	MaxPlace    = 100
	MaxHours    = 2000
	MaxCapacity = 500
	MaxFee      = 100_000 // yuan
	MaxSessions = 200
)

// ScopeItem is one occupation at one level a provider may train or evaluate.
type ScopeItem struct {
	Occupation string `json:"occupation_code"` // a leaf of the occupation table
	Level      Level  `json:"level"`
}

// Provider is a training or evaluation body.
type Provider struct {
	ID           int64
	Name         string
	Kind         Kind
	EnterpriseID int64 // the enterprise whose users manage it; 0 when staff registered it without one
	RegionCode   string
	Address      string
	ContactName  string
	ContactPhone string
	Scope        []ScopeItem
	Intro        string
	Status       Status
	Reason       string // why suspended (or reinstated), as staff wrote it
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Normalize trims the text fields and drops repeated scope items, keeping
// the first of each.
func (p *Provider) Normalize() {
	for _, s := range []*string{&p.Name, &p.RegionCode, &p.Address, &p.ContactName, &p.ContactPhone, &p.Intro} {
		*s = strings.TrimSpace(*s)
	}
	var keep []ScopeItem
	for _, it := range p.Scope {
		it.Occupation = strings.TrimSpace(it.Occupation)
		if !slices.Contains(keep, it) {
			keep = append(keep, it)
		}
	}
	p.Scope = keep
}

// Validate checks a provider's application; occupations are checked
// against the table (an occupation, not a group of them). Field names are
// the API's; a scope item's are scope.N.occupation_code and scope.N.level.
func (p *Provider) Validate(occupations *codes.Table) error {
	var f apperr.Fields
	registry.CheckName(&f, "name", p.Name)
	if !p.Kind.Valid() {
		f.Add("kind", "请选择类别（定点培训机构、企业自主培训或评价机构）")
	}
	if p.RegionCode == "" {
		f.Add("region_code", "请选择所在地")
	}
	registry.CheckRequiredText(&f, "address", p.Address, MaxAddress, "请填写详细地址")
	registry.CheckRequiredText(&f, "contact_name", p.ContactName, MaxContact, "请填写联系人")
	if p.ContactPhone == "" {
		f.Add("contact_phone", "请填写联系电话")
	} else if !registry.ValidContactPhone(p.ContactPhone) {
		f.Add("contact_phone", "联系电话应为手机号或带区号的固定电话，如 027-83251234")
	}
	switch {
	case len(p.Scope) == 0:
		f.Add("scope", "请至少填写一项培训（评价）范围：职业和等级")
	case len(p.Scope) > MaxScope:
		f.Add("scope", "范围最多 "+strconv.Itoa(MaxScope)+" 项")
	}
	for i, it := range p.Scope {
		key := "scope." + strconv.Itoa(i) + "."
		if msg := CheckOccupation(occupations, it.Occupation); msg != "" {
			f.Add(key+"occupation_code", msg)
		}
		if !it.Level.Valid() {
			f.Add(key+"level", "请选择等级（五级/初级工 至 一级/高级技师）")
		}
	}
	registry.CheckRequiredText(&f, "intro", p.Intro, MaxIntro, "")
	return f.Err()
}

// CheckOccupation says what is wrong with an occupation code ("" when it
// is an occupation of the table).
func CheckOccupation(occupations *codes.Table, code string) string {
	if code == "" {
		return "请填写职业（工种）名称"
	}
	c, ok := occupations.Get(code)
	if !ok {
		return "职业分类中没有这个职业"
	}
	if len(occupations.Children(code)) > 0 {
		return "“" + c.Name + "”是职业类别，请选择具体职业（工种）"
	}
	return ""
}

// Covers reports whether the provider's scope has occupation at level.
func (p *Provider) Covers(occupation string, level Level) bool {
	return slices.Contains(p.Scope, ScopeItem{Occupation: occupation, Level: level})
}

// MayOpenClasses says why the provider may not open a class now ("" when it may).
func (p *Provider) MayOpenClasses() string {
	switch {
	case !p.Kind.Trains():
		return "评价机构不能开设培训班"
	case p.Status == StatusSuspended:
		return "该机构已被暂停，暂停期间不能开班"
	case p.Status != StatusDesignated:
		return "机构尚未认定，认定后才能开班"
	}
	return ""
}
