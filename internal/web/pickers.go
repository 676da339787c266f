package web

import (
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// pickers are the choice lists forms offer, built once at start from the
// code tables: Wuhan's districts and streets for region fields (a datalist,
// so any other code can still be typed), industries grouped by section.
type pickers struct {
	Regions    []codes.Code
	Industries []industryGroup
	Educations []string
	Employment []string
	Difficulty []string
	Sizes      []string
	places     *optionList // Wuhan districts and streets by name, see placeOptions
}

type industryGroup struct {
	Section codes.Code
	Items   []codes.Code
}

// WuhanCode is the city whose districts and streets the region picker lists.
const WuhanCode = "4201"

func newPickers(t *codes.Tables) *pickers {
	p := &pickers{Educations: registry.Educations, Employment: registry.EmploymentStatuses,
		Difficulty: registry.DifficultyCategories, Sizes: registry.EnterpriseSizes, places: newPlaceList(t)}
	for _, d := range t.Regions.Children(WuhanCode) {
		p.Regions = append(p.Regions, d)
		for _, s := range t.Regions.Children(d.Code) {
			s.Name = d.Name + " " + s.Name
			p.Regions = append(p.Regions, s)
		}
	}
	for _, sec := range t.Industries.Children("") {
		p.Industries = append(p.Industries, industryGroup{Section: sec, Items: t.Industries.Children(sec.Code)})
	}
	return p
}

// RegionName returns "湖北省 武汉市 东西湖区 …" for a code, or "" when unknown.
func (h *site) regionName(code string) string {
	return h.codes.Regions.FullName(code)
}

// industryName returns an industry's name, or "" when unknown.
func (h *site) industryName(code string) string {
	c, ok := h.codes.Industries.Get(code)
	if !ok {
		return ""
	}
	return c.Name
}
