package search_test

import (
	"math"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
)

// FuzzSearch throws arbitrary query text, filters, sorts, pages and points
// at a small synthetic index: a search must never panic, never return more
// than a page, and its snippets must be valid UTF-8 taken from the post.
func FuzzSearch(f *testing.F) {
	ts := search.Tables(f)
	docs := searchbench.SyntheticPosts(2000, 3, ts.Occupations, ts.Regions, search.FixedNow())
	ix := search.NewIndex(ts.Occupations)
	for _, d := range docs {
		ix.Upsert(d)
	}
	for _, seed := range []struct {
		q, region, occ, edu string
		sort                uint8
		salary, page, size  int
		lat, lng, radius    float64
	}{
		{"焊工", "420112", "", "", 0, 0, 1, 20, 0, 0, 0},
		{"叉车 仓库", "", "6-18-00-00", "高中", 1, 5000, 2, 10, 30.6, 114.1, 5},
		{"\xff\xfe", "4201", "x", "博士", 3, -1, -5, 100000, 91, 200, -1},
		{"Java开发 工程师 <b>", "", "", "不限", 2, 1 << 40, 1 << 30, 0, math.NaN(), math.Inf(1), 1e9},
		{"　　", "420112001", "2-02", "本科", 3, 3000, 1, 5, 30.62, 114.13, 0.01},
	} {
		f.Add(seed.q, seed.region, seed.occ, seed.edu, seed.sort, seed.salary, seed.page, seed.size, seed.lat, seed.lng, seed.radius)
	}
	sorts := []string{search.SortRelevance, search.SortNewest, search.SortSalary, search.SortDistance}
	f.Fuzz(func(t *testing.T, q, region, occ, edu string, sort uint8, salary, page, size int, lat, lng, radius float64) {
		query := search.Query{Q: q, Region: region, Occupation: occ, Education: edu, SalaryMin: salary, Sort: sorts[int(sort)%len(sorts)],
			Page: page, PageSize: size, PostedWithin: 30 * 24 * time.Hour, RadiusKm: radius, Now: search.FixedNow()}
		if lat != 0 || lng != 0 {
			query.Near = &search.Point{Lat: lat, Lng: lng}
		}
		total, hits := ix.Search(query)
		if total < 0 || len(hits) > search.MaxPageSize || len(hits) > total {
			t.Fatalf("total %d, %d hits", total, len(hits))
		}
		for _, h := range hits {
			for _, s := range h.Snippet {
				if !utf8.ValidString(s.Text) {
					t.Fatalf("snippet of %d not UTF-8: %q", h.ID, s.Text)
				}
			}
			if h.DistanceKm != -1 && !(h.DistanceKm >= 0) {
				t.Fatalf("distance %v", h.DistanceKm)
			}
		}
		ix.Suggest(q, 10)
	})
}
