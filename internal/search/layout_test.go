package search

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"unsafe"
)

// layout returns the ordinals in use and those in the packed base.
func layout(ix *Index) (n, packed int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st.n, ix.st.packed
}

// results runs the queries and renders their totals and hits (IDs, scores,
// distances, snippets), so that two indexes can be compared exactly.
func results(ix *Index, queries []Query) []string {
	out := make([]string, len(queries))
	for i, q := range queries {
		q.PageSize = MaxPageSize
		total, hits := ix.Search(q)
		out[i] = fmt.Sprintf("%d %v", total, hits)
	}
	return out
}

// sameResults fails t where two indexes answer a query differently.
func sameResults(t *testing.T, what string, got, want *Index, queries []Query) {
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
func layoutDocs(t *testing.T, n int) ([]Doc, []Query) {
	ts := mustTables(t)
	docs := SyntheticPosts(n, 11, ts.Occupations, ts.Regions, testNow)
	var queries []Query
	for _, q := range SampleQueries(300, 11, ts.Occupations, testNow) {
		if q.Q != "" {
			queries = append(queries, q)
		}
	}
	return docs, queries
}

// indexOf upserts docs into a new index, compacting after the first
// packFirst of them (none if 0).
func indexOf(t *testing.T, docs []Doc, packFirst int) *Index {
	ix := NewIndex(mustTables(t).Occupations)
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
	if n, p := layout(split); n != 2000 || p != 1200 {
		t.Fatalf("split: %d ordinals, %d packed", n, p)
	}
	sameResults(t, "base and tail", split, packed, queries)
	sameResults(t, "all tail", never, packed, queries)
	split.Compact()
	if n, p := layout(split); n != 2000 || p != 2000 {
		t.Fatalf("after Compact: %d ordinals, %d packed", n, p)
	}
	split.mu.RLock()
	tails, textTail := len(split.st.lists.tails), len(split.st.col.text.tail)
	split.mu.RUnlock()
	if tails != 0 || textTail != 0 {
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
	change := func(ix *Index) {
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
	if n, p := layout(split); p != 1200 || n <= 2000 {
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
		q.PageSize = MaxPageSize
		_, ids := search(split, q)
		if i := slices.IndexFunc(ids, func(id int64) bool { return gone[id] }); i >= 0 {
			t.Errorf("%q: deleted post %d found", q.Q, ids[i])
		}
	}
	packed.Compact()
	split.Compact()
	sameResults(t, "compacted after changes", split, packed, queries)
}

// TestReplaceInBaseAndTail replaces a packed post and a tail post: the old
// titles no longer match nor are suggested, the new ones match, with their
// snippets.
func TestReplaceInBaseAndTail(t *testing.T) {
	ix := newIndex(t, post(1, "灯塔看守员"), post(2, "叉车司机"), post(3, "会计"))
	ix.Compact()
	ix.Upsert(post(4, "渡口摆渡员"))
	ix.Upsert(post(1, "仓库管理员")) // was packed
	ix.Upsert(post(4, "出纳"))    // was in the tail
	for q, want := range map[string][]int64{"灯塔": nil, "摆渡": nil, "仓库": {1}, "出纳": {4}, "司机": {2}} {
		if _, ids := search(ix, Query{Q: q}); !slices.Equal(ids, want) {
			t.Errorf("%s: %v, want %v", q, ids, want)
		}
	}
	_, hits := ix.Search(Query{Q: "出纳", Now: testNow})
	if text, marked := joinSegments(hits[0].Snippet); text != "出纳" || !slices.Equal(marked, []string{"出纳"}) {
		t.Errorf("tail snippet: %q %v", text, marked)
	}
	for _, p := range []string{"灯塔", "摆渡"} {
		if got := ix.Suggest(p, 10); len(got) != 0 {
			t.Errorf("%s: replaced titles still suggested: %v", p, got)
		}
	}
}

// TestTailTriggersCompaction checks that an index that only grows after
// its first compaction is compacted again once the tail matches the base.
func TestTailTriggersCompaction(t *testing.T) {
	ix := newIndex(t)
	for i := range 300 {
		ix.Upsert(post(int64(i+1), "普工"))
	}
	if _, p := layout(ix); p != 0 {
		t.Fatalf("compacted before Compact: %d packed", p)
	}
	ix.Compact()
	for i := 300; i < 599; i++ {
		ix.Upsert(post(int64(i+1), "普工"))
	}
	if n, p := layout(ix); n != 599 || p != 300 {
		t.Errorf("599 posts: %d ordinals, %d packed", n, p)
	}
	ix.Upsert(post(600, "普工"))
	if n, p := layout(ix); n != 600 || p != 600 {
		t.Errorf("600 posts: %d ordinals, %d packed", n, p)
	}
	if total, _ := search(ix, Query{Q: "普工"}); total != 600 {
		t.Errorf("total %d", total)
	}
}

// TestReadersDuringCompaction searches while a writer replaces, deletes
// and compacts: posts that never change must always be found, all of them
// and with their snippets, whatever the layout at that moment (run it
// with -race).
func TestReadersDuringCompaction(t *testing.T) {
	ts := mustTables(t)
	churn := SyntheticPosts(3000, 5, ts.Occupations, ts.Regions, testNow)
	ix := NewIndex(ts.Occupations)
	const keepers = 40
	for i := range keepers {
		d := post(int64(100_000+i), "灯塔看守员")
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
				total, hits := ix.Search(Query{Q: "灯塔看守", PageSize: MaxPageSize, Now: testNow})
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
func checkKeepers(total int, hits []Hit, keepers int) string {
	if total != keepers || len(hits) != keepers {
		return fmt.Sprintf("total %d, %d hits, want %d", total, len(hits), keepers)
	}
	for _, h := range hits {
		if h.ID < 100_000 {
			return fmt.Sprintf("post %d found", h.ID)
		}
		if text, _ := joinSegments(h.Snippet); text != "负责灯塔看守，夜班。" {
			return fmt.Sprintf("post %d: snippet %q", h.ID, text)
		}
	}
	return ""
}

// TestTexts checks the texts of packed and tail posts, forgetting a tail
// post's, and packing through a remap.
func TestTexts(t *testing.T) {
	var tx texts
	for i := range 5 {
		tx.push(fmt.Sprint("标题", i), fmt.Sprint("描述", i))
	}
	tx = tx.keep([]int32{0, -1, 1, 2, -1}, 3) // keeps 0, 2, 3
	tx.push("", "只有描述")
	tx.push("只有标题", "")
	tx.forget(3)
	want := [][2]string{{"标题0", "描述0"}, {"标题2", "描述2"}, {"标题3", "描述3"}, {"", ""}, {"只有标题", ""}}
	for ord, w := range want {
		if title, desc := tx.get(int32(ord)); title != w[0] || desc != w[1] {
			t.Errorf("%d: %q %q, want %q", ord, title, desc, w)
		}
	}
	tx.forget(0) // packed: kept until the next compaction
	if title, _ := tx.get(0); title != "标题0" {
		t.Errorf("packed text forgotten: %q", title)
	}
	tx = tx.keep([]int32{0, 1, -1, 2, 3}, 4)
	if tx.packed() != 4 || len(tx.tail) != 0 || tx.arena != "标题0描述0标题2描述2只有标题" {
		t.Errorf("packed %d, tail %d, arena %q", tx.packed(), len(tx.tail), tx.arena)
	}
	if title, desc := tx.get(2); title != "" || desc != "" {
		t.Errorf("forgotten post packed: %q %q", title, desc)
	}
}

// TestSnippetsCopyTheirText checks that no snippet segment points into the
// packed texts, which a cached hit would otherwise keep alive after a
// compaction replaced them.
func TestSnippetsCopyTheirText(t *testing.T) {
	docs, queries := layoutDocs(t, 500)
	ix := indexOf(t, docs, 0)
	ix.Compact()
	ix.mu.RLock()
	arena := ix.st.col.text.arena
	ix.mu.RUnlock()
	lo := uintptr(unsafe.Pointer(unsafe.StringData(arena)))
	hi := lo + uintptr(len(arena))
	segs := 0
	for _, q := range queries {
		q.Now = testNow
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
