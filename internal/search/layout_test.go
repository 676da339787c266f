package search

import (
	"fmt"
	"slices"
	"testing"
)

// layout returns the ordinals in use and those in the packed base.
func layout(ix *Index) (n, packed int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st.n, ix.st.packed
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
