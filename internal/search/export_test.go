package search

import (
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
)

// This file gives the tests of package search_test, in this directory, the
// test helpers and the few internals they need. Those tests build indexes
// from searchbench's synthetic posts, which the tests of package search
// cannot import (searchbench imports search). Being a _test.go file, none
// of it is part of the package outside its own tests.

// Tables returns the code tables, loaded once for all tests.
func Tables(tb testing.TB) *codes.Tables {
	tb.Helper()
	return mustTables(tb)
}

// FixedNow returns the time the tests search at.
func FixedNow() time.Time { return testNow }

// Post returns a plain post published a day before FixedNow.
func Post(id int64, title string) Doc { return post(id, title) }

// SearchIDs runs q, at FixedNow when q.Now is zero, and returns the total
// and the IDs of the page.
func SearchIDs(ix *Index, q Query) (int, []int64) { return search(ix, q) }

// JoinSegments returns the text of a snippet and its marked segments.
func JoinSegments(segs []Segment) (text string, marked []string) { return joinSegments(segs) }

// Layout returns the ordinals in use and those in the packed base.
func Layout(ix *Index) (n, packed int) { return layout(ix) }

// TailSizes returns the number of tail posting lists and of tail texts.
func TailSizes(ix *Index) (lists, texts int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.st.lists.tails), len(ix.st.col.text.tail)
}

// PackedTexts returns the string that holds the packed titles and
// descriptions.
func PackedTexts(ix *Index) string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st.col.text.arena
}

// SetShortcuts turns walking facets and cutting newest-first scans at the
// worst kept post on or off; a new index has both on. Searches must not
// run meanwhile.
func SetShortcuts(ix *Index, facets, newestCut bool) {
	ix.noFacets, ix.noNewestCut = !facets, !newestCut
}

// UsesFacet reports whether q would walk a facet.
func UsesFacet(ix *Index, q Query) bool {
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

// UsesNewestCut reports whether q would scan newest first with pubCut.
func UsesNewestCut(ix *Index, q Query) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := &ix.st
	var p plan
	p.parse(q.Q, s.words, ix.occ)
	f := compile(&q, q.Now, s, nil)
	return !f.never && !p.hasText() && resolveOrder(q.Sort, false, f.near) == byNewest && !f.near
}
