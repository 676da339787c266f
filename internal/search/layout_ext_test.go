package search_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"unsafe"

	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/search/searchbench"
)

// results runs the queries and renders their totals and hits (IDs, scores,
// distances, snippets), so that two indexes can be compared exactly.
func results(ix *search.Index, queries []search.Query) []string {
	out := make([]string, len(queries))
	for i, q := range queries {
		q.PageSize = search.MaxPageSize
		total, hits := ix.Search(q)
		out[i] = fmt.Sprintf("%d %v", total, hits)
	}
	return out
}

// sameResults fails t where two indexes answer a query differently.
func sameResults(t *testing.T, what string, got, want *search.Index, queries []search.Query) {
	t.Helper()
	g, w := results(got, queries), results(want, queries)
	bad := 0
	for i := range queries {
		if g[i] != w[i] && bad < 3 {
			bad++
			t.Errorf("%s: query %+v:\n got %.300s\nwant %.300s", what, queries[i], g[i], w[i])
		}
	}
}

// layoutDocs returns synthetic posts and sample queries with their text.
func layoutDocs(t *testing.T, n int) ([]search.Doc, []search.Query) {
	ts := search.Tables(t)
	docs := searchbench.SyntheticPosts(n, 11, ts.Occupations, ts.Regions, search.FixedNow())
	var queries []search.Query
	for _, q := range searchbench.SampleQueries(300, 11, ts.Occupations, search.FixedNow()) {
		if q.Q != "" {
			queries = append(queries, q)
		}
	}
	return docs, queries
}

// indexOf upserts docs into a new index, compacting after the first
// packFirst of them (none if 0).
func indexOf(t *testing.T, docs []search.Doc, packFirst int) *search.Index {
	ix := search.NewIndex(search.Tables(t).Occupations)
	for i, d := range docs {
		if i == packFirst && packFirst > 0 {
			ix.Compact()
		}
		ix.Upsert(d)
	}
	return ix
}

// TestTailMatchesBase checks that posts added after a compaction (in the
// tail) are found, scored and snippeted exactly as if they had been packed,
// and that compacting folds the tail into the base without changing any
// result.
func TestTailMatchesBase(t *testing.T) {
	docs, queries := layoutDocs(t, 2000)
	packed := indexOf(t, docs, 0)
	packed.Compact()
	split := indexOf(t, docs, 1200)
	never := indexOf(t, docs, 0)
	if n, p := search.Layout(split); n != 2000 || p != 1200 {
		t.Fatalf("split: %d ordinals, %d packed", n, p)
	}
	sameResults(t, "base and tail", split, packed, queries)
	sameResults(t, "all tail", never, packed, queries)
	split.Compact()
	if n, p := search.Layout(split); n != 2000 || p != 2000 {
		t.Fatalf("after Compact: %d ordinals, %d packed", n, p)
	}
	if tails, textTail := search.TailSizes(split); tails != 0 || textTail != 0 {
		t.Errorf("after Compact: %d tail lists, %d tail texts", tails, textTail)
	}
	sameResults(t, "compacted", split, packed, queries)
}

// TestDeleteInBaseAndTail deletes and replaces posts of the packed base and
// of the tail, and checks the results against an index where all of them
// were packed, before and after compaction.
func TestDeleteInBaseAndTail(t *testing.T) {
	docs, queries := layoutDocs(t, 2000)
	packed := indexOf(t, docs, 0)
	packed.Compact()
	split := indexOf(t, docs, 1200)
	change := func(ix *search.Index) {
		for i := 0; i < len(docs); i += 13 { // base and tail
			ix.Delete(docs[i].ID)
		}
		for i := 5; i < len(docs); i += 17 {
			d := docs[(i+1000)%len(docs)]
			d.ID = docs[i].ID
			ix.Upsert(d) // replace with another post's text
		}
	}
	change(packed)
	change(split)
	if n, p := search.Layout(split); p != 1200 || n <= 2000 {
		t.Fatalf("split compacted early: %d ordinals, %d packed", n, p)
	}
	sameResults(t, "after changes", split, packed, queries)

	gone := map[int64]bool{}
	for i := 0; i < len(docs); i += 13 {
		gone[docs[i].ID] = true
	}
	for i := 5; i < len(docs); i += 17 {
		delete(gone, docs[i].ID)
	}
	for _, q := range queries {
		q.PageSize = search.MaxPageSize
		_, ids := search.SearchIDs(split, q)
		if i := slices.IndexFunc(ids, func(id int64) bool { return gone[id] }); i >= 0 {
			t.Errorf("%q: deleted post %d found", q.Q, ids[i])
		}
	}
	packed.Compact()
	split.Compact()
	sameResults(t, "compacted after changes", split, packed, queries)
}

// TestReadersDuringCompaction searches while a writer replaces, deletes
// and compacts: posts that never change must always be found, all of them
// and with their snippets, whatever the layout at that moment (run it
// with -race).
func TestReadersDuringCompaction(t *testing.T) {
	ts := search.Tables(t)
	churn := searchbench.SyntheticPosts(3000, 5, ts.Occupations, ts.Regions, search.FixedNow())
	ix := search.NewIndex(ts.Occupations)
	const keepers = 40
	for i := range keepers {
		d := search.Post(int64(100_000+i), "灯塔看守员")
		d.Description = "负责灯塔看守，夜班。"
		ix.Upsert(d)
	}
	for _, d := range churn[:1000] {
		ix.Upsert(d)
	}
	ix.Compact()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan string, 4)
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				total, hits := ix.Search(search.Query{Q: "灯塔看守", PageSize: search.MaxPageSize, Now: search.FixedNow()})
				if msg := checkKeepers(total, hits, keepers); msg != "" {
					select {
					case errs <- msg:
					default:
					}
					return
				}
			}
		})
	}
	for i, d := range churn[1000:] {
		ix.Upsert(d)
		if i%2 == 0 {
			ix.Delete(churn[i].ID)
		}
		if i%400 == 0 {
			ix.Compact()
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

// checkKeepers describes what is wrong with a search for the posts of
// TestReadersDuringCompaction that never change, or returns "".
func checkKeepers(total int, hits []search.Hit, keepers int) string {
	if total != keepers || len(hits) != keepers {
		return fmt.Sprintf("total %d, %d hits, want %d", total, len(hits), keepers)
	}
	for _, h := range hits {
		if h.ID < 100_000 {
			return fmt.Sprintf("post %d found", h.ID)
		}
		if text, _ := search.JoinSegments(h.Snippet); text != "负责灯塔看守，夜班。" {
			return fmt.Sprintf("post %d: snippet %q", h.ID, text)
		}
	}
	return ""
}

// TestSnippetsCopyTheirText checks that no snippet segment points into the
// packed texts, which a cached hit would otherwise keep alive after a
// compaction replaced them.
func TestSnippetsCopyTheirText(t *testing.T) {
	docs, queries := layoutDocs(t, 500)
	ix := indexOf(t, docs, 0)
	ix.Compact()
	arena := search.PackedTexts(ix)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(arena)))
	hi := lo + uintptr(len(arena))
	segs := 0
	for _, q := range queries {
		q.Now = search.FixedNow()
		_, hits := ix.Search(q)
		for _, h := range hits {
			for _, sg := range h.Snippet {
				segs++
				if p := uintptr(unsafe.Pointer(unsafe.StringData(sg.Text))); p >= lo && p < hi {
					t.Fatalf("%q: hit %d: segment %q points into the packed texts", q.Q, h.ID, sg.Text)
				}
			}
		}
	}
	if segs == 0 {
		t.Fatal("no snippets")
	}
}
