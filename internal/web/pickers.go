package web

import (
	"html/template"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// pickers are the choice lists forms offer, built once at start from the
// code tables: Wuhan's districts and streets for place fields (with a name
// box for anywhere else in China, see regionFinder), industries grouped by
// section.
type pickers struct {
	Industries []industryGroup
	Educations []string
	Employment []string
	Difficulty []string
	Sizes      []string
	places     *optionList   // Wuhan districts and streets by name, see placeOptions
	regions    *regionFinder // any region of the country by name
}

type industryGroup struct {
	Section codes.Code
	Items   []codes.Code
}

// WuhanCode is the city whose districts and streets the region picker lists.
const WuhanCode = "4201"

func newPickers(t *codes.Tables) *pickers {
	p := &pickers{Educations: registry.Educations, Employment: registry.EmploymentStatuses,
		Difficulty: registry.DifficultyCategories, Sizes: registry.EnterpriseSizes, places: newPlaceList(t), regions: newRegionFinder(t.Regions)}
	for _, sec := range t.Industries.Children("") {
		p.Industries = append(p.Industries, industryGroup{Section: sec, Items: t.Industries.Children(sec.Code)})
	}
	return p
}

// PlaceOptions are the <option>s of the Wuhan place list with code
// selected, for the region template.
func (p *pickers) PlaceOptions(code string) template.HTML { return p.places.HTML(code) }

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
