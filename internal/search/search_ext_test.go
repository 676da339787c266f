package search_test

import (
	"sync"
	"testing"

	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
)

// The tests of package search_test run the index on searchbench's
// synthetic posts and queries; export_test.go gives them the test helpers
// and internals of package search they need.

func TestConcurrentSearchAndUpsert(t *testing.T) {
	ts := search.Tables(t)
	docs := searchbench.SyntheticPosts(3000, 7, ts.Occupations, ts.Regions, search.FixedNow())
	ix := search.NewIndex(ts.Occupations)
	for _, d := range docs[:1000] {
		ix.Upsert(d)
	}
	queries := searchbench.SampleQueries(200, 7, ts.Occupations, search.FixedNow())
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Go(func() {
			for i := g; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ix.Search(queries[i%len(queries)])
				ix.Suggest("司机", 5)
				ix.Len()
			}
		})
	}
	for i, d := range docs[1000:] {
		ix.Upsert(d)
		if i%3 == 0 {
			ix.Delete(docs[i].ID)
		}
		if i%500 == 0 {
			ix.Compact()
		}
	}
	close(stop)
	wg.Wait()
	if want := 3000 - (2000+2)/3; ix.Len() != want {
		t.Errorf("Len = %d, want %d", ix.Len(), want)
	}
}

// TestInternshipFilter: Query.Internship finds exactly the 见习 posts,
// with and without query text and filters, before and after Compact and
// after a post loses the tag.
func TestInternshipFilter(t *testing.T) {
	ts := search.Tables(t)
	docs := searchbench.SyntheticPosts(2000, 11, ts.Occupations, ts.Regions, search.FixedNow())
	ix := search.NewIndex(ts.Occupations)
	want := map[int64]bool{}
	for i := range docs {
		docs[i].Internship = i%7 == 0
		if docs[i].Internship {
			want[docs[i].ID] = true
		}
		ix.Upsert(docs[i])
	}
	check := func(stage string) {
		t.Helper()
		q := search.Query{Internship: true, PageSize: search.MaxPageSize, Now: search.FixedNow()}
		total, _ := ix.Search(q)
		seen := 0
		for p := 1; ; p++ {
			q.Page = p
			_, hits := ix.Search(q)
			for _, h := range hits {
				if !want[h.ID] {
					t.Fatalf("%s: post %d is not a 见习 post", stage, h.ID)
				}
				seen++
			}
			if len(hits) < q.PageSize {
				break
			}
		}
		if seen != total || total == 0 {
			t.Fatalf("%s: %d hits of %d", stage, seen, total)
		}
		all, _ := ix.Search(search.Query{Now: search.FixedNow()})
		if all <= total {
			t.Fatalf("%s: the filter found %d of %d", stage, total, all)
		}
		d := docs[0]
		withText, hits := ix.Search(search.Query{Q: d.Title, Internship: true, Now: search.FixedNow(), PageSize: search.MaxPageSize})
		for _, h := range hits {
			if !want[h.ID] {
				t.Fatalf("%s: text search with the filter found post %d", stage, h.ID)
			}
		}
		if withText == 0 && want[d.ID] {
			t.Fatalf("%s: text search with the filter misses post %d", stage, d.ID)
		}
	}
	check("fresh")
	ix.Compact()
	check("compacted")
	docs[0].Internship = false
	delete(want, docs[0].ID)
	ix.Upsert(docs[0])
	check("untagged")
}
