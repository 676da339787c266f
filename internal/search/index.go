package search

import (
	"sync"

	"github.com/jiuye/jiuye/internal/codes"
)

// Fields of a post, in the order of their term-frequency bits.
const (
	fieldTitle = iota
	fieldSkills
	fieldEnterprise
	fieldDesc
	numFields
)

// Term frequencies of one posting are packed in a byte: title 2 bits,
// skills 2 bits, enterprise 1 bit, description 3 bits; each saturates.
// The shifts and maxima by field are constant strings, indexed by field.
const (
	tfShift = "\x00\x02\x04\x05"
	tfMax   = "\x03\x03\x01\x07"
)

// tfOf unpacks the frequency of field f from a packed byte.
func tfOf(v uint8, f int) uint8 { return v >> tfShift[f] & tfMax[f] }

// state is the searchable data. Readers hold Index.mu for reading; the
// writer holds Index.wmu and, while changing state, Index.mu.
type state struct {
	terms *hashTable[int32] // term → list ID
	lists lists
	words map[string]uint32 // folded word → id for wordKey

	ids     map[int64]int32 // post ID → live ordinal
	regions regionDict
	col     columns  // by ordinal
	n       int      // ordinals in use
	packed  int      // ordinals packed by the last compaction
	dead    []uint64 // tombstones by ordinal
	nDead   int

	lenSum [numFields]int64 // field lengths over live posts
	lenN   [numFields]int64 // live posts with a non-empty field
	sugg   *suggester
}

// live returns the number of live posts.
func (s *state) live() int { return s.n - s.nDead }

func (s *state) isDead(ord int32) bool { return s.dead[ord>>6]&(1<<(ord&63)) != 0 }

// Index is an in-memory index of job posts. It is safe for concurrent use:
// any number of goroutines may Search and Suggest while others Upsert and
// Delete (writers are serialised).
type Index struct {
	occ  *occupations // immutable
	wmu  sync.Mutex   // serialises writers; guards w
	mu   sync.RWMutex // guards st against readers
	st   state
	w    writer
	pool sync.Pool // *scratch for Search

	// dropTexts: titles and descriptions are not kept (see Options).
	dropTexts bool

	// noFacets makes searches test every text match, or every post, against
	// the filters instead of walking a facet; set only by tests, before
	// searching, to compare the two.
	noFacets bool
	// noNewestCut makes searches without text offer every passing post to
	// the collector when sorting newest first; set only by tests, to
	// compare with the cut (see scanNewest).
	noNewestCut bool
}

// NewIndex returns an empty index that keeps the titles and descriptions
// of its posts for snippets. occupations (may be nil) provides the names
// and aliases for the taxonomy boost and for suggestions.
func NewIndex(occupations *codes.Table) *Index {
	return NewIndexWith(Options{Occupations: occupations})
}

// Options configure NewIndexWith.
type Options struct {
	// Occupations (may be nil) provides the names and aliases for the
	// taxonomy boost and for suggestions.
	Occupations *codes.Table
	// DropTexts makes the index keep no titles or descriptions, which
	// would be most of its memory: Search then leaves Hit.Snippet empty,
	// and the caller, which reads the page's posts anyway, makes each
	// snippet with Snippet. Results are otherwise the same.
	DropTexts bool
}

// NewIndexWith returns an empty index configured by o.
func NewIndexWith(o Options) *Index {
	ix := &Index{occ: newOccupations(o.Occupations), dropTexts: o.DropTexts}
	ix.st = state{
		terms:   new(hashTable[int32]),
		words:   map[string]uint32{},
		ids:     map[int64]int32{},
		regions: newRegionDict(),
		sugg:    newSuggester(ix.occ),
	}
	ix.w.dropTexts = o.DropTexts
	ix.pool.New = func() any { return new(scratch) }
	return ix
}

// Len returns the number of posts in the index (expired ones included).
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st.live()
}

// Upsert adds d, replacing a post with the same ID. When tombstones reach a
// quarter of the index, or the posts added since the last compaction
// match those it packed, it also compacts it, which takes about a second
// per 500,000 posts; searches continue meanwhile.
func (ix *Index) Upsert(d Doc) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	s := &ix.st
	if old, ok := s.ids[d.ID]; ok {
		s.kill(old)
	}
	ix.w.add(s, d)
	ix.mu.Unlock()
	ix.maybeCompact()
}

// Delete removes the post with the given ID, if present.
func (ix *Index) Delete(id int64) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	s := &ix.st
	old, ok := s.ids[id]
	if ok {
		s.kill(old)
		delete(s.ids, id)
	}
	ix.mu.Unlock()
	if ok {
		ix.maybeCompact()
	}
}

// kill tombstones ordinal ord.
func (s *state) kill(ord int32) {
	s.dead[ord>>6] |= 1 << (ord & 63)
	s.nDead++
	flen := &s.col.flen[ord]
	for f := range numFields {
		s.lenSum[f] -= int64(flen[f])
		if flen[f] > 0 {
			s.lenN[f]--
		}
	}
	s.sugg.remove(s.col.sugg[ord], s.col.occ[ord])
	s.col.text.forget(ord)
}

// writer holds the scratch space of Upsert; guarded by Index.wmu.
type writer struct {
	prep  Preparer
	p     Prepared
	words []uint32 // global ids of the words of the post being added

	memo    [256]uint8  // impacts of the post being added, by packed frequencies
	memoAt  [256]uint32 // memoGen when memo was set
	memoGen uint32

	dropTexts bool // set by NewIndexWith
}

// add appends d as a new ordinal of s.
func (w *writer) add(s *state, d Doc) {
	w.prep.prepare(&d, &w.p)
	w.addPrepared(s, &w.p)
}

// addPrepared appends the post p was prepared from as a new ordinal of s.
// Words get their ids here, in the order the post first uses them, and
// the terms are added in the order the post first uses them: the index is
// the same as if the post had been analysed here.
func (w *writer) addPrepared(s *state, p *Prepared) {
	d := &p.d
	w.words = w.words[:0]
	for _, word := range p.words {
		id, ok := s.words[word]
		if !ok {
			id = uint32(len(s.words))
			s.words[word] = id
		}
		w.words = append(w.words, id)
	}
	var r row
	r.flen = p.flen
	for f := range numFields {
		s.lenSum[f] += int64(r.flen[f])
		if r.flen[f] > 0 {
			s.lenN[f]++
		}
	}
	fillRow(&r, d)
	r.regionID = s.regions.id(r.region)
	ord := int32(s.n)
	s.n++
	r.sugg = s.sugg.insert(d.Title, r.occ)
	s.col.push(d.ID, &r, d.Title, d.Description, !w.dropTexts)
	if int(ord>>6) >= len(s.dead) {
		s.dead = append(s.dead, 0)
	}
	s.ids[d.ID] = ord
	norm := s.norms(&r.flen)
	// A post's postings share a few packed frequencies: each impact is
	// computed once per post (the same function, so the same bits).
	w.memoGen++
	if w.memoGen == 0 {
		clear(w.memoAt[:])
		w.memoGen = 1
	}
	for i, k := range p.keys {
		if k&tagMask == wordTag {
			k = wordKey(w.words[k&^tagMask])
		}
		v := p.tfs[i]
		if w.memoAt[v] != w.memoGen {
			w.memo[v], w.memoAt[v] = impactOf(v, &norm), w.memoGen
		}
		s.addPosting(k, ord, w.memo[v])
	}
	region, occ := facetsOf(&r)
	for _, k := range [2]termKey{region, occ} {
		if k != 0 {
			s.addPosting(k, ord, 0)
		}
	}
}

// addPosting appends post ord, newer than every post in the lists, to the
// list of term k with impact v, starting the list if k is new.
func (s *state) addPosting(k termKey, ord int32, v uint8) {
	j, added := s.terms.slot(k)
	if added {
		s.terms.vals[j] = s.lists.newList()
	}
	s.lists.add(s.terms.vals[j], ord, v)
}

// maybeCompact compacts when at least a quarter of the ordinals are
// tombstones, or when the posts added since the last compaction are as
// many as the posts it packed, so that most postings stay in the packed
// base even if posts are only ever added. An index never compacted is left
// alone: its caller loads it and then calls Compact. Called with wmu held.
func (ix *Index) maybeCompact() {
	s := &ix.st
	dead, tail := s.nDead, s.n-s.packed
	if dead >= 256 && dead*4 >= s.n || s.packed > 0 && tail >= max(s.packed, 256) {
		ix.compactLocked()
	}
}

// Compact drops tombstoned posts and packs the posting lists and texts into
// a few large arrays; call it after the initial load to save memory and
// garbage-collection work. Searches continue
// meanwhile; writers wait.
func (ix *Index) Compact() {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.compactLocked()
}

// compactLocked rebuilds the state without tombstones and swaps it in.
// With wmu held nothing changes st, so it is read without mu while readers
// read it too; only the swap takes mu.
func (ix *Index) compactLocked() {
	old := &ix.st
	remap := make([]int32, old.n)
	n := int32(0)
	for ord := range remap {
		if old.isDead(int32(ord)) {
			remap[ord] = -1
			continue
		}
		remap[ord] = n
		n++
	}
	ns := state{
		words:   old.words,
		regions: old.regions,
		lenSum:  old.lenSum,
		lenN:    old.lenN,
		sugg:    old.sugg,
		ids:     make(map[int64]int32, n),
		col:     old.col.keep(remap, int(n)),
		n:       int(n),
		dead:    make([]uint64, (n+63)/64),
	}
	for ord, id := range ns.col.id {
		ns.ids[id] = int32(ord)
	}
	ns.packed = ns.n
	ns.terms, ns.lists = compactLists(old.terms, &old.lists, remap, ns.n == old.n)
	ix.mu.Lock()
	ix.st = ns
	ix.mu.Unlock()
}
