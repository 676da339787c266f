package search

import (
	"math"

	"github.com/jiuye/jiuye/internal/codes"
)

// regionDigits is the length of the longest region code (village level).
const regionDigits = 12

// regionValue packs a region code into a number padded to 12 digits, so
// that a code and its children form a range: "420112" → 420112000000.
// It returns 0 for a code that is not 1-12 digits.
func regionValue(code string) int64 {
	if code == "" || len(code) > regionDigits {
		return 0
	}
	var v int64
	for i := range len(code) {
		c := code[i]
		if c < '0' || c > '9' {
			return 0
		}
		v = v*10 + int64(c-'0')
	}
	for range regionDigits - len(code) {
		v *= 10
	}
	return v
}

// regionRange returns the half-open range of packed region values of code
// and its children; ok is false for a malformed code.
func regionRange(code string) (lo, hi int64, ok bool) {
	lo = regionValue(code)
	if lo == 0 {
		return 0, 0, false
	}
	step := int64(1)
	for range regionDigits - len(code) {
		step *= 10
	}
	return lo, lo + step, true
}

// occupationValue packs "6-18-02-04" into 6180204; 0 for a malformed code.
func occupationValue(code string) int32 {
	if len(code) != 10 || code[1] != '-' || code[4] != '-' || code[7] != '-' {
		return 0
	}
	var v int32
	for _, i := range [...]int{0, 2, 3, 5, 6, 8, 9} {
		c := code[i]
		if c < '0' || c > '9' {
			return 0
		}
		v = v*10 + int32(c-'0')
	}
	if v < 1_000_000 {
		return 0
	}
	return v
}

// occupationRange returns the half-open range of packed occupation values
// of code and its children: trailing "00" segments are wildcards, so
// "6-18-00-00" covers 6-18-xx-xx. ok is false for a malformed code.
func occupationRange(code string) (lo, hi int32, ok bool) {
	v := occupationValue(code)
	if v == 0 {
		return 0, 0, false
	}
	step := int32(1)
	for step < 1_000_000 && v/step%100 == 0 {
		step *= 100
	}
	return v, v + step, true
}

// occRange is a range of occupation values with the boost its posts get.
type occRange struct {
	lo, hi int32
	boost  float32
}

// Boosts for a query that names an occupation.
const (
	occBoostExact   = 1.5 // posts with the named code (or below it)
	occBoostSibling = 1.2 // posts in the same 小类
)

// occupations is what the index knows about the occupation table: the
// folded names and aliases that name a code, for the query boost and the
// suggestions. Immutable after newOccupations.
type occupations struct {
	byName map[string][]occRef // folded name or alias → codes
	names  []occName           // every level-4 name and alias, for suggestions
}

// occRef is a code a name points to, with its boost ranges.
type occRef struct {
	value        int32
	lo, hi       int32 // the code and its children
	sibLo, sibHi int32 // the parent 小类, if the code is a 职业 under one; else empty
}

// occName is a suggestion entry from the occupation table.
type occName struct {
	text  string
	value int32 // the code it names
	alias bool
}

// newOccupations walks t (nil is an empty table).
func newOccupations(t *codes.Table) *occupations {
	o := &occupations{byName: map[string][]occRef{}}
	if t == nil {
		return o
	}
	var visit func(parent codes.Code, c codes.Code)
	visit = func(parent, c codes.Code) {
		o.add(parent, c)
		for _, k := range t.Children(c.Code) {
			visit(c, k)
		}
	}
	for _, top := range t.Children("") {
		visit(codes.Code{}, top)
	}
	return o
}

// add registers c (under parent) by its name and aliases.
func (o *occupations) add(parent, c codes.Code) {
	lo, hi, ok := occupationRange(c.Code)
	if !ok {
		return
	}
	ref := occRef{value: lo, lo: lo, hi: hi}
	if c.Level == 4 && parent.Level == 3 {
		ref.sibLo, ref.sibHi, _ = occupationRange(parent.Code)
	}
	name := StripOccupationMarker(c.Name)
	seen := map[string]bool{}
	for i, n := range append([]string{name}, c.Aliases...) {
		n = StripOccupationMarker(n)
		k := foldKey(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		o.byName[k] = append(o.byName[k], ref)
		if c.Level == 4 && n != "" {
			o.names = append(o.names, occName{text: n, value: lo, alias: i > 0})
		}
	}
}

// boosts returns the boost ranges for a query: the codes named exactly by
// the whole query (spaces removed) or by one of its words. out is reused.
func (o *occupations) boosts(words []string, out []occRange) []occRange {
	out = out[:0]
	whole := ""
	for _, w := range words {
		whole += w
	}
	add := func(k string) {
		for _, ref := range o.byName[k] {
			out = append(out, occRange{ref.lo, ref.hi, occBoostExact})
			if ref.sibHi > ref.sibLo {
				out = append(out, occRange{ref.sibLo, ref.sibHi, occBoostSibling})
			}
		}
	}
	add(whole)
	if len(words) > 1 {
		for _, w := range words {
			add(w)
		}
	}
	return out
}

// occBoost returns the largest boost of ranges that contains v (1 if none).
func occBoost(ranges []occRange, v int32) float32 {
	b := float32(1)
	for _, r := range ranges {
		if v >= r.lo && v < r.hi && r.boost > b {
			b = r.boost
		}
	}
	return b
}

// haversineKm is the great-circle distance between two points in km.
func haversineKm(lat1, lng1, lat2, lng2 float64) float64 {
	const earthKm = 6371.0088
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLng := (lng2 - lng1) * rad
	s1 := math.Sin(dLat / 2)
	s2 := math.Sin(dLng / 2)
	a := s1*s1 + math.Cos(lat1*rad)*math.Cos(lat2*rad)*s2*s2
	return 2 * earthKm * math.Asin(math.Min(1, math.Sqrt(a)))
}
