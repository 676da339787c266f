package search

import (
	"math"
	"slices"
	"time"
	"unicode/utf8"
)

// plan is a parsed query: the terms that must all match and what to mark in
// snippets. Its slices are reused between searches.
type plan struct {
	keys    []termKey // required terms, unique
	missing bool      // a word unknown to the index: nothing matches
	hanPats []string  // Han bigrams and lone Han runes to mark in snippets
	words   []string  // folded words to mark
	qwords  []string  // the query's folded, space-separated words
	boosts  []occRange

	// parsing state
	words2id map[string]uint32
	anyWord  bool // every word is taken as known (Snippet has no index)
	run      int  // length of the current Han run
	prev     rune
	buf      []byte
}

// hasText reports whether the query has anything to match.
func (p *plan) hasText() bool { return len(p.keys) > 0 || p.missing }

// maxQueryRunes bounds the query text; the rest is ignored.
const maxQueryRunes = 64

// parse fills p from the query text q, resolving words through words.
func (p *plan) parse(q string, words map[string]uint32, occ *occupations) {
	if utf8.RuneCountInString(q) > maxQueryRunes {
		q = string([]rune(q)[:maxQueryRunes])
	}
	p.keys, p.hanPats, p.words, p.boosts = p.keys[:0], p.hanPats[:0], p.words[:0], p.boosts[:0]
	p.missing = false
	p.words2id = words
	p.qwords = queryWords(q)
	for _, w := range p.qwords {
		p.run, p.prev = 0, 0
		p.buf = walk(w, p.buf, p)
		p.endRun()
	}
	p.words2id = nil
	if p.hasText() && occ != nil {
		p.boosts = occ.boosts(p.qwords, p.boosts)
	}
}

func (p *plan) addPat(s string) {
	if !slices.Contains(p.hanPats, s) {
		p.hanPats = append(p.hanPats, s)
	}
}

func (p *plan) addKey(k termKey) {
	if !slices.Contains(p.keys, k) {
		p.keys = append(p.keys, k)
	}
}

// han adds the bigram with the previous rune of the run; a run of one rune
// is added as a unigram when it ends.
func (p *plan) han(prev, r rune) {
	if prev == 0 {
		p.endRun()
	} else {
		p.addKey(bigramKey(prev, r))
		p.addPat(string([]rune{prev, r}))
	}
	p.run++
	p.prev = r
}

// endRun finishes a Han run: a lone rune is matched as a unigram.
func (p *plan) endRun() {
	if p.run == 1 {
		p.addKey(unigramKey(p.prev))
		p.addPat(string(p.prev))
	}
	p.run, p.prev = 0, 0
}

func (p *plan) word(b []byte) {
	p.endRun()
	id, ok := p.words2id[string(b)]
	if !ok && !p.anyWord {
		p.missing = true
		return
	}
	p.addKey(wordKey(id))
	p.words = append(p.words, string(b))
}

// filter is a compiled set of Query filters over the columns.
type filter struct {
	nowDay         uint16
	now            uint32
	never          bool // a malformed code: nothing matches
	region, occ    bool
	regionLo       int64
	regionHi       int64
	regionOK       []bool // by region ID
	occLo, occHi   int32
	edu, exp       bool
	eduMax, expMax uint8
	sal            bool
	salMin         int32
	salBucket      uint16
	pub            bool
	pubMin         uint32
	flags          uint8 // every one of these flags must be set
	near           bool
	lat, lng       float64
	kmPerLng       float64 // km per degree of longitude at lat
	planar         bool    // the planar approximation holds near the point
	radius         bool
	radiusKm       float64
	latMin, latMax float32
	lngMin, lngMax float32

	regionFacet, occFacet termKey // facets every passing post is in; 0 none
}

// compile builds the filter of q at now over s; table is reused for the
// region lookup table.
func compile(q *Query, now time.Time, s *state, table []bool) filter {
	f := filter{now: unixTime(now)}
	f.nowDay = uint16(f.now / 86400)
	if q.Region != "" {
		var ok bool
		f.region = true
		if f.regionLo, f.regionHi, ok = regionRange(q.Region); !ok {
			f.never = true
		}
		f.regionOK = s.regions.within(f.regionLo, f.regionHi, table)
	}
	if q.Occupation != "" {
		var ok bool
		f.occ = true
		if f.occLo, f.occHi, ok = occupationRange(q.Occupation); !ok {
			f.never = true
		}
	}
	if r, ok := educationRank(q.Education); ok && r > 0 {
		f.edu, f.eduMax = true, r
	}
	switch {
	case q.Experience == NoExperience:
		f.exp, f.expMax = true, 0
	case q.Experience > 0:
		f.exp, f.expMax = true, uint8(min(q.Experience, math.MaxUint8))
	}
	if q.SalaryMin > 0 {
		f.sal, f.salMin = true, int32(min(q.SalaryMin, math.MaxInt32))
		f.salBucket = salaryBucket(f.salMin)
	}
	if q.Internship {
		f.flags |= flagInternship
	}
	if q.PostedWithin > 0 {
		f.pub, f.pubMin = true, unixTime(now.Add(-q.PostedWithin))
	}
	if q.Near != nil && validLatLng(q.Near.Lat, q.Near.Lng) {
		f.near, f.lat, f.lng = true, q.Near.Lat, q.Near.Lng
		f.kmPerLng = kmPerDegree * math.Cos(f.lat*math.Pi/180)
		f.planar = math.Abs(f.lat) < 55
		if q.RadiusKm > 0 {
			f.radius, f.radiusKm = true, q.RadiusKm
			dLat := q.RadiusKm / 110.574
			dLng := q.RadiusKm / (111.320 * max(math.Cos(q.Near.Lat*math.Pi/180), 0.01))
			// widened a little so float32 rounding never drops a post at the edge
			f.latMin, f.latMax = float32(f.lat-dLat*1.01), float32(f.lat+dLat*1.01)
			f.lngMin, f.lngMax = float32(f.lng-dLng*1.01), float32(f.lng+dLng*1.01)
		}
	}
	f.facets()
	return f
}

// pass reports whether post ord is unexpired and passes every filter but
// the exact radius. Each filter reads one column.
func (f *filter) pass(c *columns, ord int32) bool {
	if d := c.expDay[ord]; d <= f.nowDay && (d < f.nowDay || c.expires[ord] <= f.now) {
		return false
	}
	if f.region {
		if id := c.regionID[ord]; id != 0 {
			if !f.regionOK[id] {
				return false
			}
		} else if c.region[ord] < f.regionLo || c.region[ord] >= f.regionHi {
			return false
		}
	}
	if f.sal {
		if b := c.salBucket[ord]; b <= f.salBucket && (b < f.salBucket || c.salMax[ord] < f.salMin) {
			return false
		}
	}
	switch {
	case f.occ && (c.occ[ord] < f.occLo || c.occ[ord] >= f.occHi),
		f.edu && c.edu[ord] > f.eduMax,
		f.exp && c.exp[ord] > f.expMax,
		f.pub && c.published[ord] < f.pubMin,
		c.flags[ord]&f.flags != f.flags:
		return false
	case f.radius:
		lat, lng := c.lat[ord], c.lng[ord] // NaN without a position fails
		return lat >= f.latMin && lat <= f.latMax && lng >= f.lngMin && lng <= f.lngMax
	}
	return true
}

// Distances.
const (
	kmPerDegree = 6371.0088 * math.Pi / 180 // along a meridian
	planarMaxKm = 50                        // the planar approximation is used below this
	planarSlack = 0.02                      // its relative error bound there (|lat| < 55°), with a margin
)

// distance returns the distance of post ord from the query point (-1 if
// unknown) and whether it is within the radius. Near the point it is a
// planar approximation (error well under 1%), exact at the radius.
func (f *filter) distance(c *columns, ord int32) (float64, bool) {
	if !f.near {
		return -1, !f.radius
	}
	lat, lng := float64(c.lat[ord]), float64(c.lng[ord])
	if math.IsNaN(lat) {
		return -1, !f.radius
	}
	dy := (lat - f.lat) * kmPerDegree
	dx := (lng - f.lng) * f.kmPerLng
	d := math.Sqrt(dx*dx + dy*dy)
	if d >= planarMaxKm || !f.planar {
		d = haversineKm(f.lat, f.lng, lat, lng)
	}
	if !f.radius || d < f.radiusKm*(1-planarSlack) {
		return d, true
	}
	if d > f.radiusKm*(1+planarSlack) {
		return d, false
	}
	d = haversineKm(f.lat, f.lng, lat, lng)
	return d, d <= f.radiusKm
}

// exactKm returns the great-circle distance of post ord from the query
// point, or -1 if either is unknown.
func (f *filter) exactKm(c *columns, ord int32) float64 {
	if !f.near || !c.hasGeo(ord) {
		return -1
	}
	return haversineKm(f.lat, f.lng, float64(c.lat[ord]), float64(c.lng[ord]))
}
