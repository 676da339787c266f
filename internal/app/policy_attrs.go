package app

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// regionNames returns province, city and district names for a region code
// ("" where unknown). Municipal "市辖区" levels are skipped.
func regionNames(t *codes.Table, code string) (province, city, district string) {
	for _, c := range t.Path(code) {
		switch {
		case c.Level == 1:
			province = c.Name
		case c.Level == 2 && c.Name != "市辖区":
			city = c.Name
		case c.Level == 3:
			district = c.Name
		}
	}
	return province, city, district
}

// PersonAttrs maps a registry person (plus questionnaire answers, which win)
// to the policy engine's attribute names, as personas.yaml uses them.
func PersonAttrs(t *codes.Tables, p *registry.Person, answers map[string]any) map[string]any {
	a := map[string]any{
		"gender":     p.Gender(),
		"birth_date": p.Birth.Format(time.DateOnly),
	}
	set := func(k, v string) {
		if v != "" {
			a[k] = v
		}
	}
	set("education", p.Education)
	if !p.GraduationDate.IsZero() {
		a["graduation_date"] = p.GraduationDate.Format(time.DateOnly)
	}
	prov, city, dist := regionNames(t.Regions, p.HukouRegion)
	set("hukou_province", prov)
	set("hukou_city", city)
	set("hukou_district", dist)
	set("employment_status", p.EmploymentStatus)
	// The registry knows these facts either way; stating false keeps the
	// match from listing them as assumptions the person must confirm.
	a["unemployment_registered"] = p.RegisteredUnemployed
	a["difficulty_certified"] = p.DifficultyCategory != ""
	for k, v := range answers {
		a[k] = v
	}
	return a
}

// EnterpriseAttrs maps a registry enterprise (plus answers) to engine attributes.
func EnterpriseAttrs(t *codes.Tables, e *registry.Enterprise, answers map[string]any) map[string]any {
	a := map[string]any{"org_type": "企业"}
	if strings.HasPrefix(e.USCC, "92") {
		a["org_type"] = "个体工商户"
	}
	prov, city, dist := regionNames(t.Regions, e.RegionCode)
	for k, v := range map[string]string{"reg_province": prov, "reg_city": city, "reg_district": dist, "size": e.Size} {
		if v != "" {
			a[k] = v
		}
	}
	if !e.RegisteredOn.IsZero() {
		a["reg_date"] = e.RegisteredOn.Format(time.DateOnly)
	}
	for k, v := range answers {
		a[k] = v
	}
	return a
}

// decodeAnswers reads stored questionnaire answers; bad JSON counts as none.
func decodeAnswers(s string) map[string]any {
	if s == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
