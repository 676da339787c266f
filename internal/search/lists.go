package search

import (
	"math/bits"
	"slices"
)

// postings is a sorted run of posts (ordinals) containing a term, with the
// term's impact on each (see impactOf): a term's tail list, as posts are
// added after the last compaction.
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

// blockSize is the number of postings of a full block of the packed base.
const blockSize = 128

// block is a run of up to blockSize postings of one list in the packed
// base. Its bits start at word off of lists.bits: the n-1 gaps between
// its ordinals (after first), gapW bits each, then its n impacts, impW
// bits each. A gap is at least 1, so it is stored less one. Most lists
// are dense enough that a gap takes 4-5 bits and an impact 5, against 40
// bits for an int32 and a byte: the base is the bulk of the index (some
// 265 postings per post), and this is most of what keeps a post under a
// few hundred bytes.
type block struct {
	first, last int32 // ordinals of the first and last posting
	off         uint32
	n           uint8 // 1..blockSize
	gapW, impW  uint8
}

// lists holds the posting lists of all terms by list ID. The posts packed
// at the last compaction are in one base: a few large arrays without
// pointers, which the garbage collector marks in constant time, where two
// small slices per term would each be an object to mark. Posts added since
// then are in small per-term tail lists until a compaction folds them in.
// Every posting of a base post precedes every posting of a tail post, so a
// term's list is its base part followed by its tail part.
type lists struct {
	blocks []block  // base blocks of list i: blocks[first[i]:first[i+1]]
	first  []int32  // one more than the lists in the base; IDs past it have no base part
	count  []int32  // base postings by list ID (as far as first goes)
	bits   []uint64 // the blocks' packed gaps and impacts, and one spare word

	tailOf []int32    // by list ID: 1 + index in tails, 0 = no tail part
	tails  []postings // tail parts, in the order they were started
	// hint is by list ID the length of its tail when the base was packed:
	// with useHint (UpsertPrepared, a loader adding posts in slices that
	// fill the tails alike) the capacity a new tail starts with, which
	// spares growing them again after each compaction. Upsert, one post
	// at a time, does not use it.
	hint    []int32
	useHint bool
}

// size returns the number of list IDs.
func (l *lists) size() int { return len(l.tailOf) }

// newList adds an empty list and returns its ID.
func (l *lists) newList() int32 {
	l.tailOf = append(l.tailOf, 0)
	return int32(len(l.tailOf) - 1)
}

// packed is the base part of one list.
type packed struct {
	blocks []block
	bits   []uint64
	n      int // postings
}

// base returns the base part of list id.
func (l *lists) base(id int32) packed {
	if int(id)+1 >= len(l.first) {
		return packed{}
	}
	return packed{blocks: l.blocks[l.first[id]:l.first[id+1]], bits: l.bits, n: int(l.count[id])}
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
		var p postings
		if l.useHint && int(id) < len(l.hint) && l.hint[id] > 0 {
			p.docs, p.imp = make([]int32, 0, l.hint[id]), make([]uint8, 0, l.hint[id])
		}
		l.tails = append(l.tails, p)
		t = int32(len(l.tails))
		l.tailOf[id] = t
	}
	l.tails[t-1].add(ord, imp)
}

// read returns the w-bit value at bit position pos of words (w ≤ 32; a
// spare word at the end keeps the second read in bounds).
func read(words []uint64, pos uint64, w uint8) uint32 {
	i, sh := pos>>6, pos&63
	v := words[i] >> sh
	if sh+uint64(w) > 64 {
		v |= words[i+1] << (64 - sh)
	}
	return uint32(v) & (1<<w - 1)
}

// decode writes the ordinals of block b to out and returns them.
func (p *packed) decode(b int, out *[blockSize]int32) []int32 {
	bl := &p.blocks[b]
	n := int(bl.n)
	docs := out[:n]
	docs[0] = bl.first
	pos, w := uint64(bl.off)*64, bl.gapW
	if w == 0 {
		for i := 1; i < n; i++ {
			docs[i] = docs[i-1] + 1
		}
		return docs
	}
	words := p.bits
	for i := 1; i < n; i++ {
		docs[i] = docs[i-1] + 1 + int32(read(words, pos, w))
		pos += uint64(w)
	}
	return docs
}

// imp returns the impact of posting i of block b.
func (p *packed) imp(b, i int) uint8 {
	bl := &p.blocks[b]
	pos := uint64(bl.off)*64 + uint64(bl.n-1)*uint64(bl.gapW) + uint64(i)*uint64(bl.impW)
	return uint8(read(p.bits, pos, bl.impW))
}

// findBlock returns the first block from b on whose last ordinal is ≥
// target, or len(p.blocks), by galloping then binary search.
func (p *packed) findBlock(b int, target int32) int {
	bl := p.blocks
	n := len(bl)
	if b >= n || bl[b].last >= target {
		return b
	}
	lo, step := b, 1
	hi := lo + step
	for hi < n && bl[hi].last < target {
		lo = hi
		step <<= 1
		hi = lo + step
	}
	hi = min(hi, n)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if bl[mid].last < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// encoder appends blocks to a base being built.
type encoder struct {
	l *lists
}

// widths returns the bits per gap and per impact of a block.
func widths(docs []int32, imps []uint8) (gapW, impW uint8) {
	var g uint32
	var m uint8
	for i := 1; i < len(docs); i++ {
		g |= uint32(docs[i] - docs[i-1] - 1)
	}
	for _, v := range imps {
		m |= v
	}
	return uint8(bits.Len32(g)), uint8(bits.Len8(m))
}

// blockWords returns the words a block of n postings with these widths takes.
func blockWords(n int, gapW, impW uint8) int {
	return ((n-1)*int(gapW) + n*int(impW) + 63) / 64
}

// put encodes postings (at most blockSize, ascending) as the next block.
func (e *encoder) put(docs []int32, imps []uint8) {
	l := e.l
	gapW, impW := widths(docs, imps)
	off := len(l.bits)
	l.bits = append(l.bits, make([]uint64, blockWords(len(docs), gapW, impW))...)
	words := l.bits[off:]
	pos := uint64(0)
	write := func(v uint32, w uint8) {
		if w == 0 {
			return
		}
		i, sh := pos>>6, pos&63
		words[i] |= uint64(v) << sh
		if sh+uint64(w) > 64 {
			words[i+1] |= uint64(v) >> (64 - sh)
		}
		pos += uint64(w)
	}
	for i := 1; i < len(docs); i++ {
		write(uint32(docs[i]-docs[i-1]-1), gapW)
	}
	for _, v := range imps {
		write(uint32(v), impW)
	}
	l.blocks = append(l.blocks, block{first: docs[0], last: docs[len(docs)-1], off: uint32(off), n: uint8(len(docs)),
		gapW: gapW, impW: impW})
}

// compactLists packs the posting lists, base and tail parts, into a new
// base through remap (-1 = drop), dropping terms left without posts. It
// only reads its arguments. identity says remap drops nothing and changes
// no ordinal: the blocks of the old base are then copied as they are and
// only the tails are encoded, which makes folding a tail in cost little
// more than a copy of the base.
func compactLists(terms *hashTable[int32], old *lists, remap []int32, identity bool) (*hashTable[int32], lists) {
	nt := new(hashTable[int32])
	nl := lists{first: make([]int32, 1, len(terms.used)+1), count: make([]int32, 0, len(terms.used))}
	e := encoder{l: &nl}
	if identity {
		nl.bits = make([]uint64, 0, len(old.bits)+tailWords(old))
		nl.blocks = make([]block, 0, len(old.blocks)+tailBlocks(old))
	}
	var buf [blockSize]int32
	var docs []int32
	var imps []uint8
	for _, slot := range terms.used {
		id := terms.vals[slot]
		base, tail := old.base(id), old.tail(id)
		n := 0
		if identity {
			start := len(nl.bits)
			for b := range base.blocks {
				bl := base.blocks[b]
				w := blockWords(int(bl.n), bl.gapW, bl.impW)
				nl.bits = append(nl.bits, old.bits[bl.off:int(bl.off)+w]...)
				bl.off = uint32(start)
				start += w
				nl.blocks = append(nl.blocks, bl)
			}
			n = base.n
			docs, imps = append(docs[:0], tail.docs...), append(imps[:0], tail.imp...)
		} else {
			docs, imps = docs[:0], imps[:0]
			for b := range base.blocks {
				for i, d := range base.decode(b, &buf) {
					if to := remap[d]; to >= 0 {
						docs, imps = append(docs, to), append(imps, base.imp(b, i))
					}
				}
			}
			for i, d := range tail.docs {
				if to := remap[d]; to >= 0 {
					docs, imps = append(docs, to), append(imps, tail.imp[i])
				}
			}
		}
		for lo := 0; lo < len(docs); lo += blockSize {
			hi := min(lo+blockSize, len(docs))
			e.put(docs[lo:hi], imps[lo:hi])
		}
		n += len(docs)
		if n == 0 {
			continue
		}
		j, _ := nt.slot(terms.keys[slot])
		nt.vals[j] = nl.newList()
		if identity {
			nl.hint = append(nl.hint, int32(len(tail.docs)))
		}
		nl.count = append(nl.count, int32(n))
		nl.first = append(nl.first, int32(len(nl.blocks)))
	}
	nl.bits = append(nl.bits, 0) // the spare word read may touch
	if !identity {
		nl.bits = slices.Clip(nl.bits)
		if cap(nl.bits) > len(nl.bits)+len(nl.bits)/16 {
			nl.bits = slices.Clone(nl.bits)
		}
		if cap(nl.blocks) > len(nl.blocks)+len(nl.blocks)/16 {
			nl.blocks = slices.Clone(nl.blocks)
		}
	}
	return nt, nl
}

// tailWords returns the words the tails of l take once packed, and the
// spare word.
func tailWords(l *lists) int {
	n := 1
	for _, t := range l.tails {
		for lo := 0; lo < len(t.docs); lo += blockSize {
			hi := min(lo+blockSize, len(t.docs))
			gapW, impW := widths(t.docs[lo:hi], t.imp[lo:hi])
			n += blockWords(hi-lo, gapW, impW)
		}
	}
	return n
}

// tailBlocks returns the blocks the tails of l take once packed.
func tailBlocks(l *lists) int {
	n := 0
	for _, t := range l.tails {
		n += (len(t.docs) + blockSize - 1) / blockSize
	}
	return n
}
