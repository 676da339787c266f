package search

import "slices"

// postings is a sorted run of posts (ordinals) containing a term, with the
// term's impact on each (see impactOf). It is either a term's own tail
// list or a view into the packed base.
type postings struct {
	docs []int32
	imp  []uint8
}

// add appends a posting, doubling the capacity when full (append grows large
// slices by only a quarter, which copies long lists over and over).
func (p *postings) add(ord int32, imp uint8) {
	if len(p.docs) == cap(p.docs) {
		c := max(4, 2*cap(p.docs))
		p.docs = slices.Grow(p.docs, c-len(p.docs))
		p.imp = slices.Grow(p.imp, c-len(p.imp))
	}
	p.docs = append(p.docs, ord)
	p.imp = append(p.imp, imp)
}

// lists holds the posting lists of all terms by list ID. The posts packed
// at the last compaction are in one base: a few large arrays without
// pointers, which the garbage collector marks in constant time, where two
// small slices per term would each be an object to mark. Posts added since
// then are in small per-term tail lists until a compaction folds them in.
// Every posting of a base post precedes every posting of a tail post, so a
// term's list is its base part followed by its tail part.
type lists struct {
	docs []int32 // base postings of list i: docs[off[i]:off[i+1]]
	imp  []uint8 // their impacts, likewise
	off  []int   // one more than the lists in the base; IDs past it have no base part

	tailOf []int32    // by list ID: 1 + index in tails, 0 = no tail part
	tails  []postings // tail parts, in the order they were started
}

// size returns the number of list IDs.
func (l *lists) size() int { return len(l.tailOf) }

// newList adds an empty list and returns its ID.
func (l *lists) newList() int32 {
	l.tailOf = append(l.tailOf, 0)
	return int32(len(l.tailOf) - 1)
}

// base returns the base part of list id.
func (l *lists) base(id int32) postings {
	if int(id)+1 >= len(l.off) {
		return postings{}
	}
	lo, hi := l.off[id], l.off[id+1]
	return postings{docs: l.docs[lo:hi:hi], imp: l.imp[lo:hi:hi]}
}

// tail returns the tail part of list id.
func (l *lists) tail(id int32) postings {
	if t := l.tailOf[id]; t > 0 {
		return l.tails[t-1]
	}
	return postings{}
}

// add appends a posting of a post newer than every post in the lists to
// list id.
func (l *lists) add(id, ord int32, imp uint8) {
	t := l.tailOf[id]
	if t == 0 {
		l.tails = append(l.tails, postings{})
		t = int32(len(l.tails))
		l.tailOf[id] = t
	}
	l.tails[t-1].add(ord, imp)
}

// compactLists packs the posting lists, base and tail parts, into a new
// base through remap (-1 = drop), dropping terms left without posts. It
// only reads its arguments. identity says remap drops nothing and changes
// no ordinal, which spares looking every posting up.
func compactLists(terms *hashTable[int32], old *lists, remap []int32, identity bool) (*hashTable[int32], lists) {
	counts := make([]int, len(terms.used))
	total := 0
	for i, slot := range terms.used {
		id := terms.vals[slot]
		counts[i] = countLive(old.base(id), remap, identity) + countLive(old.tail(id), remap, identity)
		total += counts[i]
	}
	nt := new(hashTable[int32])
	nl := lists{docs: make([]int32, total), imp: make([]uint8, total), off: make([]int, 1, len(terms.used)+1)}
	at := 0
	for i, slot := range terms.used {
		if counts[i] == 0 {
			continue
		}
		id := terms.vals[slot]
		at = copyLive(&nl, at, old.base(id), remap, identity)
		at = copyLive(&nl, at, old.tail(id), remap, identity)
		j, _ := nt.slot(terms.keys[slot])
		nt.vals[j] = nl.newList()
		nl.off = append(nl.off, at)
	}
	return nt, nl
}

// countLive returns the number of postings of p that remap keeps.
func countLive(p postings, remap []int32, identity bool) int {
	if identity {
		return len(p.docs)
	}
	n := 0
	for _, d := range p.docs {
		if remap[d] >= 0 {
			n++
		}
	}
	return n
}

// copyLive writes the postings of p that remap keeps, renumbered, to the
// base of nl from index at, and returns the index after them.
func copyLive(nl *lists, at int, p postings, remap []int32, identity bool) int {
	if identity {
		copy(nl.docs[at:], p.docs)
		copy(nl.imp[at:], p.imp)
		return at + len(p.docs)
	}
	for j, d := range p.docs {
		if to := remap[d]; to >= 0 {
			nl.docs[at], nl.imp[at] = to, p.imp[j]
			at++
		}
	}
	return at
}
