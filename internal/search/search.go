package search

import (
	"math"
	"slices"
	"time"
)

// order is a resolved sort order.
type order uint8

const (
	byRelevance order = iota
	byNewest
	bySalary
	byDistance
)

// resolveOrder picks the order for Query.Sort: relevance needs query text,
// distance needs a point; otherwise the default applies.
func resolveOrder(sort string, text, near bool) order {
	switch {
	case sort == SortNewest:
		return byNewest
	case sort == SortSalary:
		return bySalary
	case sort == SortDistance && near:
		return byDistance
	case text:
		return byRelevance
	}
	return byNewest
}

// scratch is per-search working memory, pooled in Index.pool.
type scratch struct {
	plan     plan
	spans    []span
	rank     ranker
	regionOK []bool
	terms    []termLists // the plan's terms, fewest posts first
	curs     []cursor    // their parts in the segment being matched
	facet    cursor      // the facet that drives, if one does
	idf      []float64   // by term
	heap     []cand
	buf      [blockSize]int32
}

// termLists is the posting list of a term: its parts in the packed
// base and in the tail.
type termLists struct {
	base packed
	tail postings
}

// len returns the number of postings of the term, tombstones included.
func (t *termLists) len() int { return t.base.n + len(t.tail.docs) }

// cand is a matching post with its sort key.
type cand struct {
	key   float64 // larger is better
	score float64
	pub   uint32
	ord   int32
}

// better reports whether a sorts before b: key, then newer, then later
// ordinal (the later upsert).
func better(a, b *cand) bool {
	if a.key != b.key {
		return a.key > b.key
	}
	if a.pub != b.pub {
		return a.pub > b.pub
	}
	return a.ord > b.ord
}

// collector keeps the best k candidates in a heap whose root is the worst.
type collector struct {
	heap  []cand
	k     int
	order order
}

// offer keeps x if it is among the best k seen so far.
func (c *collector) offer(x cand) {
	h := c.heap
	if len(h) < c.k {
		h = append(h, x)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !better(&h[p], &h[i]) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		c.heap = h
		return
	}
	if c.k == 0 || !better(&x, &h[0]) {
		return
	}
	h[0] = x
	for i := 0; ; {
		w := i
		if l := 2*i + 1; l < len(h) && better(&h[w], &h[l]) {
			w = l
		}
		if r := 2*i + 2; r < len(h) && better(&h[w], &h[r]) {
			w = r
		}
		if w == i {
			return
		}
		h[w], h[i] = h[i], h[w]
		i = w
	}
}

// keyOf returns the sort key of post ord.
func (c *collector) keyOf(col *columns, ord int32, score float64, dist float64) float64 {
	switch c.order {
	case byNewest:
		return float64(col.published[ord])
	case bySalary:
		return float64(col.salMax[ord])*(1<<24) + float64(min(col.salMin[ord], 1<<24-1))
	case byDistance:
		if dist < 0 {
			return math.Inf(-1)
		}
		return -dist
	}
	return score
}

// add offers post ord with its score (final for byRelevance, else the text
// score: Search finishes it for the page) and distance.
func (c *collector) add(col *columns, ord int32, score, dist float64) {
	c.offer(cand{key: c.keyOf(col, ord, score, dist), score: score, pub: col.published[ord], ord: ord})
}

// threshold returns the key a candidate must reach to enter the heap:
// -Inf while it is not full, +Inf if it keeps nothing.
func (c *collector) threshold() float64 {
	switch {
	case c.k == 0:
		return math.Inf(1)
	case len(c.heap) < c.k:
		return math.Inf(-1)
	}
	return c.heap[0].key
}

// Search returns the number of posts matching q and the requested page of
// them. Words of q must all match; within a word Han characters match by
// their bigrams (a single character by itself), so "焊工" finds "电焊工".
func (ix *Index) Search(q Query) (total int, hits []Hit) {
	now := q.Now
	if now.IsZero() {
		now = time.Now()
	}
	page, size := pageOf(&q)
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := &ix.st
	p := &sc.plan
	p.parse(q.Q, s.words, ix.occ)
	f := compile(&q, now, s, sc.regionOK)
	sc.regionOK = f.regionOK
	if f.never || p.missing {
		return 0, nil
	}
	k := 0
	if page <= s.n/size+1 { // else the page is past any result
		k = min(page*size, s.live())
	}
	c := collector{heap: sc.heap[:0], k: k, order: resolveOrder(q.Sort, p.hasText(), f.near)}
	if p.hasText() {
		total = ix.matchText(s, sc, &f, &c)
	} else {
		total = ix.scan(s, &f, &c, &sc.buf)
	}
	sc.heap = c.heap
	return total, pageHits(s, sc, &f, &c, (page-1)*size, size, !ix.dropTexts)
}

// pageOf returns the page number and size of q, defaulted and capped.
func pageOf(q *Query) (page, size int) {
	size = q.PageSize
	if size <= 0 {
		size = DefaultPageSize
	}
	return max(q.Page, 1), min(size, MaxPageSize)
}

// pageHits sorts the collected candidates and turns size of them, from
// from on, into hits with final scores, exact distances and, with texts,
// snippets.
func pageHits(s *state, sc *scratch, f *filter, c *collector, from, size int, texts bool) []Hit {
	ranked := c.heap
	slices.SortFunc(ranked, func(a, b cand) int {
		switch {
		case better(&a, &b):
			return -1
		case better(&b, &a):
			return 1
		}
		return 0
	})
	if from >= len(ranked) {
		return nil
	}
	ranked = ranked[from:min(from+size, len(ranked))]
	hits := make([]Hit, len(ranked))
	p := &sc.plan
	for i, cd := range ranked {
		score := cd.score
		if c.order != byRelevance && p.hasText() {
			score = sc.rank.finish(score, &s.col, cd.ord)
		}
		hits[i] = Hit{
			ID:         s.col.id[cd.ord],
			Score:      score,
			DistanceKm: f.exactKm(&s.col, cd.ord),
		}
		if texts {
			title, desc := s.col.text.get(cd.ord)
			hits[i].Snippet, sc.spans = snippet(title, desc, p, sc.spans)
		}
	}
	return hits
}

// scan collects every live post passing f (a search without text), from
// the posts of f's facet when that is worth it, else from all posts.
func (ix *Index) scan(s *state, f *filter, c *collector, buf *[blockSize]int32) int {
	newest := !ix.noNewestCut && c.order == byNewest && !f.near
	l, k, ok := ix.scanFacet(s, f)
	if ok {
		g := f.within(k)
		f = &g
	}
	switch {
	case ok && newest:
		return scanLists(s, &l, f, c, buf, scanNewest)
	case ok:
		return scanLists(s, &l, f, c, buf, scanList)
	case newest:
		return scanAllNewest(s, f, c)
	}
	return scanAll(s, f, c)
}

// scanLists runs scan over the base blocks and the tail of l, decoding
// each block into buf.
func scanLists(s *state, l *termLists, f *filter, c *collector, buf *[blockSize]int32,
	scan func(*state, []int32, *filter, *collector) int) int {
	total := 0
	for b := range l.base.blocks {
		total += scan(s, l.base.decode(b, buf), f, c)
	}
	return total + scan(s, l.tail.docs, f, c)
}

// pubCut returns the publication time a post must reach to enter c when it
// sorts newest first: 0 while c is not full, past any time if it keeps
// nothing. A post published before the worst kept one is worse than it
// (see better), so comparing the times alone decides most posts.
func (c *collector) pubCut() uint64 {
	switch {
	case c.k == 0:
		return 1 << 32
	case len(c.heap) < c.k:
		return 0
	}
	return uint64(c.heap[0].pub)
}

// scanNewest is scanList newest first without a query point: every post
// passing f is counted, but only one that pubCut lets through is made a
// candidate and offered, which spares building and comparing candidates
// for nearly all posts of a large facet.
func scanNewest(s *state, docs []int32, f *filter, c *collector) int {
	col := &s.col
	cut := c.pubCut()
	total := 0
	for _, ord := range docs {
		if s.isDead(ord) || !f.pass(col, ord) {
			continue
		}
		total++
		if uint64(col.published[ord]) >= cut {
			c.add(col, ord, 0, -1)
			cut = c.pubCut()
		}
	}
	return total
}

// scanAllNewest is scanNewest over all posts, for scanAll.
func scanAllNewest(s *state, f *filter, c *collector) int {
	col := &s.col
	cut := c.pubCut()
	total := 0
	for i := range s.n {
		ord := int32(i)
		if s.isDead(ord) || !f.pass(col, ord) {
			continue
		}
		total++
		if uint64(col.published[ord]) >= cut {
			c.add(col, ord, 0, -1)
			cut = c.pubCut()
		}
	}
	return total
}

// scanAll collects every live post passing f.
func scanAll(s *state, f *filter, c *collector) int {
	total := 0
	for i := range s.n {
		ord := int32(i)
		if s.isDead(ord) || !f.pass(&s.col, ord) {
			continue
		}
		dist, ok := f.distance(&s.col, ord)
		if !ok {
			continue
		}
		total++
		c.add(&s.col, ord, 0, dist)
	}
	return total
}

// ranker scores posts for the terms of one search.
type ranker struct {
	idf      []float64 // by list, divided by impactScale
	now      uint32
	boosts   []occRange
	maxBoost float64 // the largest boost of any post
}

func newRanker(idf []float64, now uint32, boosts []occRange) ranker {
	r := ranker{idf: idf, now: now, boosts: boosts, maxBoost: 1}
	for _, b := range boosts {
		r.maxBoost = max(r.maxBoost, float64(b.boost))
	}
	return r
}

// idfOf is BM25's inverse document frequency.
func idfOf(df, n int) float64 {
	df = min(df, n)
	return math.Log(1 + (float64(n-df)+0.5)/(float64(df)+0.5))
}

// finish applies freshness and the occupation boost to the text score of
// post ord. The result is at most text × maxBoost.
func (r *ranker) finish(text float64, c *columns, ord int32) float64 {
	fresh := 1.0
	if pub := c.published[ord]; pub < r.now {
		age := float64(r.now-pub) / 86400
		fresh = freshFloor + (1-freshFloor)*math.Exp(-age/freshDays)
	}
	if len(r.boosts) > 0 {
		fresh *= float64(occBoost(r.boosts, c.occ[ord]))
	}
	return text * fresh
}

// prepare looks up the posting lists of the plan's terms, shortest first,
// and sets up the ranker; ok is false if a term has no posts.
func (sc *scratch) prepare(s *state, f *filter) (ok bool) {
	p := &sc.plan
	terms := sc.terms[:0]
	for _, k := range p.keys {
		j, found := s.terms.find(k)
		if !found {
			sc.terms = terms
			return false
		}
		id := s.terms.vals[j]
		terms = append(terms, termLists{base: s.lists.base(id), tail: s.lists.tail(id)})
	}
	sc.terms = terms
	slices.SortFunc(terms, func(a, b termLists) int { return a.len() - b.len() })
	sc.idf = sc.idf[:0]
	for i := range terms {
		sc.idf = append(sc.idf, idfOf(terms[i].len(), s.live())/impactScale)
	}
	sc.rank = newRanker(sc.idf, f.now, p.boosts)
	return true
}

// release forgets the lists of the last search, so that a pooled scratch
// does not keep a base that a compaction replaced alive.
func (sc *scratch) release() {
	clear(sc.terms)
	for i := range sc.curs {
		sc.curs[i].forget()
	}
	sc.facet.forget()
}

// matchText collects the live posts that contain every term of the plan and
// pass f, and returns their number. A post's postings are all in the base
// or all in the tail, so the two are matched one after the other.
func (ix *Index) matchText(s *state, sc *scratch, f *filter, c *collector) int {
	defer sc.release()
	if !sc.prepare(s, f) {
		return 0
	}
	facet, byFacet := ix.textFacet(s, f, sc.terms[0].len())
	total := sc.matchSegment(s, f, c, false, &facet, byFacet)
	if s.n > s.packed {
		total += sc.matchSegment(s, f, c, true, &facet, byFacet)
	}
	return total
}

// matchSegment is matchText over the base or the tail parts of the lists.
// The shortest list of the whole index drives (summing the score in one
// order for every post); the others are searched forward from a cursor.
// For relevance a post whose best possible score cannot enter the top k is
// counted but not scored further. With byFacet the facet's postings in
// the segment drive instead (see matchFacet).
func (sc *scratch) matchSegment(s *state, f *filter, c *collector, tail bool, facet *termLists, byFacet bool) int {
	if cap(sc.curs) < len(sc.terms) {
		sc.curs = make([]cursor, len(sc.terms))
	}
	curs := sc.curs[:len(sc.terms)]
	for j := range sc.terms {
		t := &sc.terms[j]
		base, tl := t.base, postings{}
		if tail {
			base, tl = packed{}, t.tail
		}
		if !curs[j].reset(base, tl) {
			return 0
		}
	}
	if byFacet {
		base, tl := facet.base, postings{}
		if tail {
			base, tl = packed{}, facet.tail
		}
		if !sc.facet.reset(base, tl) {
			return 0
		}
		return sc.matchFacet(s, f, c, curs)
	}
	r, col := &sc.rank, &s.col
	drv, rest := &curs[0], curs[1:]
	relevance := c.order == byRelevance
	anyDead := s.nDead > 0
	total := 0
	for {
	next:
		for i, ord := range drv.docs {
			if anyDead && s.isDead(ord) || !f.pass(col, ord) {
				continue
			}
			for j := range rest {
				d, ok := rest[j].seek(ord)
				if !ok {
					return total // no later post has this term
				}
				if d != ord {
					continue next
				}
			}
			dist, ok := f.distance(col, ord)
			if !ok {
				continue
			}
			total++
			text := r.idf[0] * float64(drv.imp(i))
			for j := range rest {
				text += r.idf[j+1] * float64(rest[j].imp(rest[j].at))
			}
			switch {
			case !relevance:
				c.add(col, ord, text, dist)
			case text*r.maxBoost >= c.threshold():
				c.add(col, ord, r.finish(text, col, ord), dist)
			}
		}
		if !drv.nextBlock() {
			return total
		}
	}
}

// seek returns the first index ≥ from of docs whose value is ≥ target, by
// galloping then binary search.
func seek(docs []int32, from int, target int32) int {
	n := len(docs)
	if from >= n || docs[from] >= target {
		return from
	}
	// docs[lo] < target
	lo, step := from, 1
	hi := lo + step
	for hi < n && docs[hi] < target {
		lo = hi
		step <<= 1
		hi = lo + step
	}
	hi = min(hi, n)
	// docs[lo] < target ≤ docs[hi] (or hi == n)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if docs[mid] < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// MaxTopIDs caps TopIDs.
const MaxTopIDs = 1000

// TopIDs is Search for callers that only need the ids of the best k posts
// (at most MaxTopIDs), in order: no pages, scores, distances or snippets.
// Recommendations use it to gather candidates they score themselves.
func (ix *Index) TopIDs(q Query, k int) (total int, ids []int64) {
	now := q.Now
	if now.IsZero() {
		now = time.Now()
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := &ix.st
	p := &sc.plan
	p.parse(q.Q, s.words, ix.occ)
	f := compile(&q, now, s, sc.regionOK)
	sc.regionOK = f.regionOK
	if f.never || p.missing {
		return 0, nil
	}
	k = min(max(k, 0), MaxTopIDs, s.live())
	c := collector{heap: sc.heap[:0], k: k, order: resolveOrder(q.Sort, p.hasText(), f.near)}
	if p.hasText() {
		total = ix.matchText(s, sc, &f, &c)
	} else {
		total = ix.scan(s, &f, &c, &sc.buf)
	}
	sc.heap = c.heap
	slices.SortFunc(c.heap, func(a, b cand) int {
		switch {
		case better(&a, &b):
			return -1
		case better(&b, &a):
			return 1
		}
		return 0
	})
	ids = make([]int64, len(c.heap))
	for i, cd := range c.heap {
		ids[i] = s.col.id[cd.ord]
	}
	return total, ids
}
