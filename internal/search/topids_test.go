package search_test

import (
	"slices"
	"testing"

	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
)

// TestTopIDs: TopIDs returns the same posts in the same order as Search's
// first page, beyond MaxPageSize when asked, and nothing for k ≤ 0.
func TestTopIDs(t *testing.T) {
	ts := search.Tables(t)
	ix := search.NewIndex(ts.Occupations)
	for _, d := range searchbench.SyntheticPosts(3000, 2, ts.Occupations, ts.Regions, search.FixedNow()) {
		ix.Upsert(d)
	}
	for _, q := range []search.Query{{Q: "仓库", Now: search.FixedNow()}, {Occupation: "4-02-00-00", Region: "4201", Sort: search.SortNewest, Now: search.FixedNow()}} {
		q.PageSize = search.MaxPageSize
		total, want := search.SearchIDs(ix, q)
		gotTotal, got := ix.TopIDs(q, search.MaxPageSize)
		if total != gotTotal || !slices.Equal(got, want) {
			t.Errorf("%+v: TopIDs %d %v, Search %d %v", q, gotTotal, got, total, want)
		}
		if _, more := ix.TopIDs(q, 250); len(more) != min(250, total) || !slices.Equal(more[:len(want)], want) {
			t.Errorf("%+v: k=250 gave %d", q, len(more))
		}
		if _, none := ix.TopIDs(q, 0); len(none) != 0 {
			t.Errorf("k=0 gave %d", len(none))
		}
	}
}
