package search_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
)

// facetIndex returns an index of synthetic posts with every layout a
// facet can meet: packed posts, tail posts added after the compaction,
// tombstones in both, replaced posts, expired posts (the corpus has some),
// and posts whose region or occupation code is short, long, odd or
// missing.
func facetIndex(t *testing.T, n int) (*search.Index, []search.Doc) {
	ts := search.Tables(t)
	docs := searchbench.SyntheticPosts(n, 21, ts.Occupations, ts.Regions, search.FixedNow())
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
	if got, p := search.Layout(ix); p != packFirst || got <= n {
		t.Fatalf("layout: %d ordinals, %d packed", got, p)
	}
	return ix, docs
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// randomQueries returns n queries mixing the sample texts (or none) with
// every kind of filter, codes at every level, sorts and pages.
func randomQueries(t *testing.T, n int, docs []search.Doc) []search.Query {
	ts := search.Tables(t)
	r := rand.New(rand.NewPCG(7, 21))
	var texts []string
	for _, q := range searchbench.SampleQueries(200, 21, ts.Occupations, search.FixedNow()) {
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
	sorts := []string{"", search.SortRelevance, search.SortNewest, search.SortSalary, search.SortDistance}
	qs := make([]search.Query, n)
	for i := range qs {
		q := search.Query{Now: search.FixedNow(), Sort: pick(r, sorts), Page: 1 + r.IntN(3), PageSize: pick(r, []int{5, 20, search.MaxPageSize})}
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
func randomFilters(r *rand.Rand, q *search.Query) {
	if r.IntN(3) == 0 {
		q.SalaryMin = pick(r, []int{3000, 5000, 8000})
	}
	if r.IntN(5) == 0 {
		q.Education = pick(r, []string{"初中", "高中", "大专", "本科"})
	}
	if r.IntN(5) == 0 {
		q.Experience = pick(r, []int{search.NoExperience, 1, 3})
	}
	if r.IntN(5) == 0 {
		q.PostedWithin = time.Duration(1+r.IntN(40)) * 24 * time.Hour
	}
	if r.IntN(4) == 0 {
		q.Near = &search.Point{Lat: 30.5 + r.Float64()*0.25, Lng: 114.0 + r.Float64()*0.4}
		q.RadiusKm = pick(r, []float64{0, 3, 10})
	}
}

// renderAll runs q as Search and as TopIDs and renders everything they
// return, so that two runs can be compared exactly.
func renderAll(ix *search.Index, q search.Query) string {
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
			if search.UsesNewestCut(ix, q) {
				cut++
			}
			if search.UsesFacet(ix, q) {
				used++
				if q.Q != "" {
					withText++
				}
			}
			got := renderAll(ix, q)
			search.SetShortcuts(ix, false, false)
			want := renderAll(ix, q)
			search.SetShortcuts(ix, true, false)
			noCut := renderAll(ix, q)
			search.SetShortcuts(ix, false, true)
			noFacet := renderAll(ix, q)
			search.SetShortcuts(ix, true, true)
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
