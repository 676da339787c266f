package api

import (
	"time"

	"github.com/jiuye/jiuye/internal/registry"
)

// The JSON shapes the API returns. Full personal data appears only in
// personFull, which handlers use after the app layer allowed (and audited) it.

type personView struct {
	ID                   int64  `json:"id"`
	Name                 string `json:"name"`
	IDNumber             string `json:"id_number,omitempty"`
	IDNumberMasked       string `json:"id_number_masked"`
	Phone                string `json:"phone,omitempty"`
	PhoneMasked          string `json:"phone_masked"`
	BirthDate            string `json:"birth_date"`
	Gender               string `json:"gender"`
	Education            string `json:"education"`
	GraduationDate       string `json:"graduation_date"`
	HukouRegion          string `json:"hukou_region"`
	ResidenceRegion      string `json:"residence_region"`
	EmploymentStatus     string `json:"employment_status"`
	RegisteredUnemployed bool   `json:"registered_unemployed"`
	DifficultyCategory   string `json:"difficulty_category"`
	Veteran              bool   `json:"veteran"`
	UpdatedAt            string `json:"updated_at"`
}

func personJSON(p *registry.Person, full bool) personView {
	v := personView{ID: p.ID, Name: p.Name, IDNumberMasked: p.IDMasked, PhoneMasked: p.PhoneMasked,
		BirthDate: date(p.Birth), Gender: p.Gender(), Education: p.Education, GraduationDate: date(p.GraduationDate),
		HukouRegion: p.HukouRegion, ResidenceRegion: p.ResidenceRegion, EmploymentStatus: p.EmploymentStatus,
		RegisteredUnemployed: p.RegisteredUnemployed, DifficultyCategory: p.DifficultyCategory, Veteran: p.Veteran,
		UpdatedAt: ts(p.UpdatedAt)}
	if v.IDNumberMasked == "" {
		v.IDNumberMasked, v.PhoneMasked = registry.MaskID(p.IDNumber), registry.MaskPhone(p.Phone)
	}
	if full {
		v.IDNumber, v.Phone = p.IDNumber, p.Phone
	} else {
		v.BirthDate = "" // derivable from the ID number: not in masked lists
	}
	return v
}

type enterpriseView struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	USCC         string `json:"uscc"`
	USCCWarning  bool   `json:"uscc_warning"`
	IndustryCode string `json:"industry_code"`
	RegionCode   string `json:"region_code"`
	Size         string `json:"size"`
	RegisteredOn string `json:"registered_on"`
	Verified     bool   `json:"verified"`
	VerifiedAt   string `json:"verified_at,omitempty"`
}

func enterpriseJSON(e *registry.Enterprise) enterpriseView {
	return enterpriseView{ID: e.ID, Name: e.Name, USCC: e.USCC, USCCWarning: e.USCCWarning, IndustryCode: e.IndustryCode,
		RegionCode: e.RegionCode, Size: e.Size, RegisteredOn: date(e.RegisteredOn), Verified: e.Verified, VerifiedAt: ts(e.VerifiedAt)}
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

type listView[T any] struct {
	Total int `json:"total"`
	Items []T `json:"items"`
}

// nonNil returns s, or an empty slice for nil, so lists are [] in JSON, never null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
