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
