package registry

import (
	"slices"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
)

// EnterpriseSizes are the size classes (工信部 划型) an enterprise may declare.
var EnterpriseSizes = []string{"微型", "小型", "中型", "大型"}

// Enterprise is a registered employer. USCC is public data and stored in
// plaintext; a failing check character is kept with USCCWarning set so that
// staff verify it (some legally issued codes fail GB 32100).
type Enterprise struct {
	ID           int64
	Name         string
	USCC         string
	USCCWarning  bool
	IndustryCode string
	RegionCode   string
	Size         string
	RegisteredOn time.Time // zero when unknown
	Verified     bool
	VerifiedBy   int64
	VerifiedAt   time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Normalize trims fields and canonicalises the USCC, setting USCCWarning.
func (e *Enterprise) Normalize() {
	e.Name = strings.TrimSpace(e.Name)
	e.USCC = strings.ToUpper(strings.TrimSpace(e.USCC))
	if info, err := ParseUSCC(e.USCC); err == nil {
		e.USCC, e.USCCWarning = info.Code, !info.ChecksumOK
	}
}

// Validate checks every field; industries and regions may be nil to skip code checks.
func (e *Enterprise) Validate(now time.Time, industries, regions *codes.Table) error {
	var f apperr.Fields
	CheckName(&f, "enterprise.name", e.Name)
	if _, err := ParseUSCC(e.USCC); err != nil {
		f.Add("enterprise.uscc", fieldMessage(err))
	}
	if e.IndustryCode != "" && industries != nil {
		if _, ok := industries.Get(e.IndustryCode); !ok {
			f.Add("enterprise.industry_code", "行业代码不存在")
		}
	}
	CheckRegion(&f, regions, "enterprise.region_code", e.RegionCode)
	if e.Size != "" && !slices.Contains(EnterpriseSizes, e.Size) {
		f.Add("enterprise.size", "请选择有效的企业规模")
	}
	if !e.RegisteredOn.IsZero() && (e.RegisteredOn.After(now) || e.RegisteredOn.Year() < 1949) {
		f.Add("enterprise.registered_on", "成立日期无效")
	}
	return f.Err()
}
