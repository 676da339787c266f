package search

// Facets are synthetic terms whose posting lists hold the posts of one
// district (a 6-digit region code) or one occupation 中类 (as 6-18). They
// live in the term table beside the text terms, so the packed base and the
// tails keep them like any list, and no query text parses to their keys.
// A filter on a district or 中类, or on anything below one, passes only
// posts of that facet, so when the facet has far fewer posts than the
// query's text terms a search walks the facet and looks the terms up,
// instead of testing the filter on every text match. filter.pass stays
// the final check, so the results are the same either way.
const (
	regionFacetTag termKey = 3 << 62
	occFacetTag    termKey = 3<<62 | 1<<61
)

// Widths of a facet in packed values: a district covers the last 6 of the
// 12 digits of a region value, a 中类 the last 4 of the 7 digits of an
// occupation value.
const (
	regionFacetWidth = 1_000_000
	occFacetWidth    = 10_000
)

// When a facet drives: a search with text walks the facet when it has at
// most 1/facetTextRatio of the postings of the query's shortest term; one
// without text walks it instead of every post when it holds at most
// facetScanNum/facetScanDen of them (walking a list reads the columns out
// of order, so a facet covering most posts gains nothing).
const (
	facetTextRatio = 4
	facetScanNum   = 3
	facetScanDen   = 4
)

// regionFacet returns the facet of packed region value v (not 0).
func regionFacet(v int64) termKey { return regionFacetTag | termKey(v/regionFacetWidth) }

// occFacet returns the facet of packed occupation value v (not 0).
func occFacet(v int32) termKey { return occFacetTag | termKey(v/occFacetWidth) }

// facetsOf returns the facets of a post with row r; 0 where it has none.
func facetsOf(r *row) (region, occ termKey) {
	if r.region != 0 {
		region = regionFacet(r.region)
	}
	if r.occ != 0 {
		occ = occFacet(r.occ)
	}
	return region, occ
}

// facets sets the facets every post passing f belongs to: a region or
// occupation range within one district or 中类 (a range is aligned to its
// width, so it never straddles two).
func (f *filter) facets() {
	if f.never {
		return
	}
	if f.region && f.regionHi-f.regionLo <= regionFacetWidth {
		f.regionFacet = regionFacet(f.regionLo)
	}
	if f.occ && f.occHi-f.occLo <= occFacetWidth {
		f.occFacet = occFacet(f.occLo)
	}
}

// facetList returns the list and key of the shortest facet of f, and
// false if f has none. A facet without a list has no posts: its list is
// empty.
func (s *state) facetList(f *filter) (termLists, termKey, bool) {
	var best termLists
	var key termKey
	found := false
	for _, k := range [2]termKey{f.regionFacet, f.occFacet} {
		if k == 0 {
			continue
		}
		var l termLists
		if j, ok := s.terms.find(k); ok {
			id := s.terms.vals[j]
			l = termLists{base: s.lists.base(id), tail: s.lists.tail(id)}
		}
		if !found || l.len() < best.len() {
			best, key, found = l, k, true
		}
	}
	return best, key, found
}

// textFacet returns the facet list that should drive a search with text
// whose shortest term has shortest postings, if any.
func (ix *Index) textFacet(s *state, f *filter, shortest int) (termLists, bool) {
	if ix.noFacets {
		return termLists{}, false
	}
	l, _, ok := s.facetList(f)
	return l, ok && l.len()*facetTextRatio <= shortest
}

// scanFacet returns the facet list that should replace the scan of every
// post in a search without text, if any, and its key.
func (ix *Index) scanFacet(s *state, f *filter) (termLists, termKey, bool) {
	if ix.noFacets {
		return termLists{}, 0, false
	}
	l, k, ok := s.facetList(f)
	return l, k, ok && l.len()*facetScanDen <= s.n*facetScanNum
}

// within returns f for posts of facet k: without the region or occupation
// test when its range is exactly the facet, which every post of it
// passes. Walking a large district, that spares reading a column for
// each of its posts.
func (f *filter) within(k termKey) filter {
	g := *f
	switch {
	case k == f.regionFacet && f.regionHi-f.regionLo == regionFacetWidth:
		g.region = false
	case k == f.occFacet && f.occHi-f.occLo == occFacetWidth:
		g.occ = false
	}
	return g
}

// scanList collects the live posts of docs (ascending ordinals) that pass
// f, and returns their number: scanAll over a facet.
func scanList(s *state, docs []int32, f *filter, c *collector) int {
	total := 0
	for _, ord := range docs {
		if s.isDead(ord) || !f.pass(&s.col, ord) {
			continue
		}
		dist, ok := f.distance(&s.col, ord)
		if !ok {
			continue
		}
		total++
		c.add(&s.col, ord, 0, dist)
	}
	return total
}

// matchFacet is matchSegment driven by the facet postings of sc.facet:
// each post of the facet is looked up in every term list, and only one
// that has them all is tested against f. The score sums the terms in the
// same order as matchSegment, so it is the same to the bit.
func (sc *scratch) matchFacet(s *state, f *filter, c *collector, curs []cursor) int {
	r, col, by := &sc.rank, &s.col, &sc.facet
	relevance := c.order == byRelevance
	anyDead := s.nDead > 0
	total := 0
	for {
	next:
		for _, ord := range by.docs {
			for j := range curs {
				d, ok := curs[j].seek(ord)
				if !ok {
					return total // no later post has this term
				}
				if d != ord {
					continue next
				}
			}
			if anyDead && s.isDead(ord) || !f.pass(col, ord) {
				continue
			}
			dist, ok := f.distance(col, ord)
			if !ok {
				continue
			}
			total++
			text := r.idf[0] * float64(curs[0].imp(curs[0].at))
			for j := 1; j < len(curs); j++ {
				text += r.idf[j] * float64(curs[j].imp(curs[j].at))
			}
			switch {
			case !relevance:
				c.add(col, ord, text, dist)
			case text*r.maxBoost >= c.threshold():
				c.add(col, ord, r.finish(text, col, ord), dist)
			}
		}
		if !by.nextBlock() {
			return total
		}
	}
}
