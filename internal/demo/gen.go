package demo

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// District is the county code of 东西湖区.
const District = "420112"

// weighted is one choice of a weighted draw.
type weighted[T any] struct {
	v T
	w float64
}

// picker draws from weighted choices.
type picker[T any] struct {
	vals []T
	cum  []float64
}

func newPicker[T any](cs []weighted[T]) picker[T] {
	p := picker[T]{vals: make([]T, len(cs)), cum: make([]float64, len(cs))}
	sum := 0.0
	for i, c := range cs {
		sum += c.w
		p.vals[i], p.cum[i] = c.v, sum
	}
	return p
}

func (p picker[T]) pick(r *rand.Rand) T {
	x := r.Float64() * p.cum[len(p.cum)-1]
	i := sort.Search(len(p.cum), func(i int) bool { return p.cum[i] > x })
	return p.vals[min(i, len(p.vals)-1)]
}

func uniform[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// regions are the code pools the generators draw from, built once from the tables.
type regions struct {
	table         *codes.Table
	districtName  string
	homeStreets   picker[string] // streets of 东西湖 for residence (the 4xx management areas rarely)
	entStreets    []string       // all streets of 东西湖
	wuhanCounties []string       // Wuhan districts other than 东西湖
	wuhanStreets  map[string][]string
	hubeiCities   picker[string] // Hubei cities other than Wuhan, nearer ones weighted up
	hubeiCounties map[string][]string
}

func newRegions(t *codes.Table) (*regions, error) {
	rg := &regions{table: t, wuhanStreets: map[string][]string{}, hubeiCounties: map[string][]string{}}
	d, ok := t.Get(District)
	if !ok {
		return nil, fmt.Errorf("demo: region table has no %s", District)
	}
	rg.districtName = d.Name
	var home []weighted[string]
	for _, s := range t.Children(District) {
		rg.entStreets = append(rg.entStreets, s.Code)
		w := 10.0
		if s.Code[6] == '4' { // 管理处: industrial and farm areas, few residents
			w = 1
		}
		home = append(home, weighted[string]{s.Code, w})
	}
	if len(home) == 0 {
		return nil, fmt.Errorf("demo: region table has no streets under %s", District)
	}
	rg.homeStreets = newPicker(home)
	for _, c := range t.Children("4201") {
		streets := t.Children(c.Code)
		if c.Code == District || len(streets) == 0 {
			continue
		}
		rg.wuhanCounties = append(rg.wuhanCounties, c.Code)
		for _, s := range streets {
			rg.wuhanStreets[c.Code] = append(rg.wuhanStreets[c.Code], s.Code)
		}
	}
	var cities []weighted[string]
	for _, c := range t.Children("42") {
		if c.Code == "4201" {
			continue
		}
		for _, k := range t.Children(c.Code) {
			rg.hubeiCounties[c.Code] = append(rg.hubeiCounties[c.Code], k.Code)
		}
		if len(rg.hubeiCounties[c.Code]) == 0 {
			continue
		}
		w := 1.0
		switch c.Code {
		case "4209", "4211", "4210": // 孝感, 黄冈, 荆州 send the most workers to Wuhan
			w = 2.5
		case "4290": // 仙桃, 潜江, 天门, 神农架
			w = 1.5
		}
		cities = append(cities, weighted[string]{c.Code, w})
	}
	if len(rg.wuhanCounties) == 0 || len(cities) == 0 {
		return nil, fmt.Errorf("demo: region table lacks Wuhan or Hubei counties")
	}
	rg.hubeiCities = newPicker(cities)
	return rg, nil
}

// hukou returns a county code: ~55% 东西湖, ~25% another Wuhan district, ~20% elsewhere in Hubei.
func (rg *regions) hukou(r *rand.Rand) string {
	switch x := r.Float64(); {
	case x < 0.55:
		return District
	case x < 0.80:
		return uniform(r, rg.wuhanCounties)
	default:
		return uniform(r, rg.hubeiCounties[rg.hubeiCities.pick(r)])
	}
}

// otherWuhanStreet returns a street of a Wuhan district other than 东西湖.
func (rg *regions) otherWuhanStreet(r *rand.Rand) string {
	return uniform(r, rg.wuhanStreets[uniform(r, rg.wuhanCounties)])
}

// countyName returns the name of a county code, e.g. 东西湖区.
func (rg *regions) countyName(code string) string {
	c, _ := rg.table.Get(code)
	return c.Name
}

// names draws Chinese personal names.
type names struct {
	surnames picker[string]
}

func newNames() *names { return &names{surnames: newPicker(surnames)} }

// name returns a 2–4 character name: ~2% compound surnames, ~20% one-character given names.
func (n *names) name(r *rand.Rand, male bool) string {
	var b strings.Builder
	if r.Float64() < 0.02 {
		b.WriteString(uniform(r, compoundSurnames))
	} else {
		b.WriteString(n.surnames.pick(r))
	}
	given := 2
	if r.Float64() < 0.2 {
		given = 1
	}
	for range given {
		pool := femaleChars
		if male {
			pool = maleChars
		}
		if r.Float64() < 0.3 {
			pool = neutralChars
		}
		b.WriteRune(uniform(r, pool))
	}
	return b.String()
}

// civilDate returns the calendar date of t (in t's location) as midnight UTC.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ageOn returns the age in full years on day d of someone born on birth.
func ageOn(birth, d time.Time) int {
	p := registry.Person{Birth: birth}
	return p.AgeOn(d)
}

// validationError wraps a generated record's validation failure with the
// failing fields, so a generator/validator disagreement is plain to see.
func validationError(kind, what string, err error) error {
	return fmt.Errorf("demo: generated %s %s fails validation: %w", kind, what, fieldsOf(err))
}

func fieldsOf(err error) error {
	ae := apperr.As(err)
	if ae == nil || len(ae.Fields) == 0 {
		return err
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(ae.Fields)) {
		parts = append(parts, k+": "+ae.Fields[k])
	}
	return fmt.Errorf("%w (%s)", err, strings.Join(parts, "; "))
}
