package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// facetIndex returns an index of synthetic posts with every layout a
// facet can meet: packed posts, tail posts added after the compaction,
// tombstones in both, replaced posts, expired posts (the corpus has some),
// and posts whose region or occupation code is short, long, odd or
// missing.
func facetIndex(t *testing.T, n int) (*Index, []Doc) {
	ts := mustTables(t)
	docs := SyntheticPosts(n, 21, ts.Occupations, ts.Regions, testNow)
	odd := []struct{ region, occ string }{
		{"", ""}, {"42", "6-18-00-00"}, {"4201", "x"}, {"420112", "6-18-02-00"},
		{"420102", "2-02-10-07"}, {"420112001001", ""}, {"42a", "6-18"}, {"420115101", "4-00-00-00"},
	}
	for i := 0; i < len(docs); i += 37 {
		o := odd[(i/37)%len(odd)]
		docs[i].RegionCode, docs[i].OccupationCode = o.region, o.occ
	}
	packFirst := n * 2 / 3
	ix := indexOf(t, docs, packFirst)
	for i := 0; i < len(docs); i += 11 {
		ix.Delete(docs[i].ID) // base and tail
	}
	for i := 3; i < len(docs); i += 29 {
		d := docs[(i+n/2)%len(docs)]
		d.ID = docs[i].ID
		ix.Upsert(d) // a tail post with another post's text and codes
	}
	if got, p := layout(ix); p != packFirst || got <= n {
		t.Fatalf("layout: %d ordinals, %d packed", got, p)
	}
	return ix, docs
}

// randomQueries returns n queries mixing the sample texts (or none) with
// every kind of filter, codes at every level, sorts and pages.
func randomQueries(t *testing.T, n int, docs []Doc) []Query {
	ts := mustTables(t)
	r := rand.New(rand.NewPCG(7, 21))
	var texts []string
	for _, q := range SampleQueries(200, 21, ts.Occupations, testNow) {
		texts = append(texts, q.Q)
	}
	texts = append(texts, "普工", "焊工", "java", "不存在的词xyz")
	// terms of most posts, which a facet of a few percent of them drives
	broad := []string{"工作", "公司", "经验", "五险一金", "东西湖", "武汉", "工作 公司", "岗位 五险一金"}
	regions := []string{"", "4201", "42", "42a", "420112001001", "999999"}
	for _, c := range ts.Regions.Children("4201") {
		regions = append(regions, c.Code, c.Code, c.Code)
		for _, st := range ts.Regions.Children(c.Code) {
			regions = append(regions, st.Code)
		}
	}
	occs := []string{"", "6-18", "9-99-00-00"}
	for _, d := range docs[:300] {
		if c := d.OccupationCode; len(c) == 10 {
			occs = append(occs, c, c[:7]+"-00", c[:4]+"-00-00", c[:1]+"-00-00-00")
		}
	}
	sorts := []string{"", SortRelevance, SortNewest, SortSalary, SortDistance}
	qs := make([]Query, n)
	for i := range qs {
		q := Query{Now: testNow, Sort: pick(r, sorts), Page: 1 + r.IntN(3), PageSize: pick(r, []int{5, 20, MaxPageSize})}
		switch r.IntN(6) {
		case 0, 1:
			q.Q = pick(r, texts)
		case 2, 3:
			q.Q = pick(r, broad)
		}
		if r.IntN(4) > 0 {
			q.Region = pick(r, regions)
		}
		if r.IntN(3) == 0 {
			q.Occupation = pick(r, occs)
		}
		randomFilters(r, &q)
		qs[i] = q
	}
	return qs
}

// randomFilters adds the filters that have no facet to some of q.
func randomFilters(r *rand.Rand, q *Query) {
	if r.IntN(3) == 0 {
		q.SalaryMin = pick(r, []int{3000, 5000, 8000})
	}
	if r.IntN(5) == 0 {
		q.Education = pick(r, []string{"初中", "高中", "大专", "本科"})
	}
	if r.IntN(5) == 0 {
		q.Experience = pick(r, []int{NoExperience, 1, 3})
	}
	if r.IntN(5) == 0 {
		q.PostedWithin = time.Duration(1+r.IntN(40)) * 24 * time.Hour
	}
	if r.IntN(4) == 0 {
		q.Near = &Point{Lat: 30.5 + r.Float64()*0.25, Lng: 114.0 + r.Float64()*0.4}
		q.RadiusKm = pick(r, []float64{0, 3, 10})
	}
}

// renderAll runs q as Search and as TopIDs and renders everything they
// return, so that two runs can be compared exactly.
func renderAll(ix *Index, q Query) string {
	total, hits := ix.Search(q)
	var b strings.Builder
	fmt.Fprintf(&b, "%d", total)
	for _, h := range hits {
		fmt.Fprintf(&b, " %d %v %v %v;", h.ID, h.Score, h.DistanceKm, h.Snippet)
	}
	n, ids := ix.TopIDs(q, 50)
	fmt.Fprintf(&b, " top %d %v", n, ids)
	return b.String()
}

// usesFacet reports whether q would walk a facet.
func usesFacet(ix *Index, q Query) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := &ix.st
	sc := new(scratch)
	sc.plan.parse(q.Q, s.words, ix.occ)
	f := compile(&q, q.Now, s, nil)
	if f.never || sc.plan.missing {
		return false
	}
	if !sc.plan.hasText() {
		_, _, ok := ix.scanFacet(s, &f)
		return ok
	}
	if !sc.prepare(s, &f) {
		return false
	}
	_, ok := ix.textFacet(s, &f, sc.terms[0].len())
	return ok
}

// usesNewestCut reports whether q would scan newest first with pubCut.
func usesNewestCut(ix *Index, q Query) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := &ix.st
	var p plan
	p.parse(q.Q, s.words, ix.occ)
	f := compile(&q, q.Now, s, nil)
	return !f.never && !p.hasText() && resolveOrder(q.Sort, false, f.near) == byNewest && !f.near
}

// TestFacetsChangeNoResult checks that walking facets, and cutting posts
// older than the worst kept one when scanning newest first, give exactly
// the results of testing every match against the filters and offering
// every passing post — totals, ids, order, scores, distances, snippets,
// pages and TopIDs, with either or both off — over random queries on an
// index with packed, tail, tombstoned, replaced and expired posts, before
// and after compacting it.
func TestFacetsChangeNoResult(t *testing.T) {
	ix, docs := facetIndex(t, 6000)
	queries := randomQueries(t, 3000, docs)
	check := func(when string) {
		used, withText, cut := 0, 0, 0
		for _, q := range queries {
			if usesNewestCut(ix, q) {
				cut++
			}
			if usesFacet(ix, q) {
				used++
				if q.Q != "" {
					withText++
				}
			}
			got := renderAll(ix, q)
			ix.noFacets, ix.noNewestCut = true, true
			want := renderAll(ix, q)
			ix.noFacets, ix.noNewestCut = false, true
			noCut := renderAll(ix, q)
			ix.noFacets, ix.noNewestCut = true, false
			noFacet := renderAll(ix, q)
			ix.noFacets, ix.noNewestCut = false, false
			for _, g := range [3]string{got, noCut, noFacet} {
				if g != want {
					t.Fatalf("%s: query %+v:\n got %.400s\nwant %.400s", when, q, g, want)
				}
			}
		}
		t.Logf("%s: %d of %d queries walked a facet, %d of them with text; %d cut newest", when, used, len(queries), withText, cut)
		if cut < len(queries)/20 {
			t.Errorf("%s: %d queries cut newest: too few to test", when, cut)
		}
		if withText < len(queries)/20 || used-withText < len(queries)/20 {
			t.Errorf("%s: facets walked by %d queries with text and %d without: too few to test", when, withText, used-withText)
		}
	}
	check("base and tail")
	ix.Compact()
	check("compacted")
}

// TestFacetOfFilter checks which facet a filter is confined to: codes at
// or below a district or 中类 have one, wider or malformed codes none.
func TestFacetOfFilter(t *testing.T) {
	s := &NewIndex(nil).st
	cases := []struct {
		region, occ     string
		wantReg, wantOc termKey
	}{
		{"420112", "", regionFacet(regionValue("420112")), 0},
		{"420112101", "", regionFacet(regionValue("420112")), 0},
		{"420112101001", "", regionFacet(regionValue("420112")), 0},
		{"4201", "", 0, 0},
		{"42a", "", 0, 0},
		{"", "6-18-00-00", 0, occFacet(occupationValue("6-18-00-00"))},
		{"", "6-18-02-04", 0, occFacet(occupationValue("6-18-00-00"))},
		{"", "6-00-00-00", 0, 0},
		{"420102", "2-02-10-00", regionFacet(regionValue("420102")), occFacet(occupationValue("2-02-00-00"))},
	}
	for _, c := range cases {
		f := compile(&Query{Region: c.region, Occupation: c.occ}, testNow, s, nil)
		if f.regionFacet != c.wantReg || f.occFacet != c.wantOc {
			t.Errorf("%q %q: facets %x %x, want %x %x", c.region, c.occ, f.regionFacet, f.occFacet, c.wantReg, c.wantOc)
		}
	}
}

// TestSnippetWithoutMatches checks that render, which counts the runes of a
// text without matches only up to snippetRunes+1, renders the same
// segments as with the full count, for texts of every length around the
// limit.
func TestSnippetWithoutMatches(t *testing.T) {
	for n := range 4 * snippetRunes {
		start, end := window(nil, n)
		capped := min(n, snippetRunes+1)
		cs, ce := window(nil, capped)
		if cs != start || ce != end || (end < n) != (ce < capped) {
			t.Errorf("%d runes: window %d-%d (ellipsis %v), capped %d-%d (%v)", n, start, end, end < n, cs, ce, ce < capped)
		}
	}
	for _, unit := range []string{"a", "岗", " ", "\u3000", "a 岗\t"} {
		for reps := range 3 * snippetRunes {
			text := strings.Repeat(unit, reps)
			n := utf8.RuneCountInString(text)
			if got := longer(text, snippetRunes); got != (n > snippetRunes) {
				t.Errorf("longer(%d runes) = %v", n, got)
			}
			got := fmt.Sprint(render(text, nil))
			if want := fmt.Sprint(renderWindow(text, nil, n)); got != want {
				t.Errorf("%q: %s, with the full count %s", text, got, want)
			}
		}
	}
}
