package search

import (
	"math"
	"strings"
)

// tagMask selects the tag bits of a term key.
const tagMask termKey = 3 << 62

// Prepared is a post analysed by a Preparer: its terms with their packed
// field frequencies, in the order the post first uses them, and its field
// lengths. Analysis is most of the work of adding a post and needs nothing
// from the index, so a loader prepares posts on every core and adds them,
// in order, with UpsertPrepared.
type Prepared struct {
	d     Doc
	keys  []termKey // words as wordTag | index in words
	tfs   []uint8
	words []string
	flen  [numFields]uint16
}

// Preparer analyses posts; each goroutine needs its own.
type Preparer struct {
	tf    hashTable[uint8] // packed frequencies of the post being prepared
	local map[string]uint32
	words []string
	buf   []byte
	field int
	n     int // terms in the current field
}

// Prepare analyses d for UpsertPrepared.
func (pr *Preparer) Prepare(d Doc) *Prepared {
	p := new(Prepared)
	pr.prepare(&d, p)
	p.keys, p.tfs, p.words = clipped(p.keys), clipped(p.tfs), clipped(p.words)
	return p
}

// clipped returns s without spare capacity.
func clipped[T any](s []T) []T { return append([]T(nil), s...) }

// prepare fills p from d, reusing p's slices.
func (pr *Preparer) prepare(d *Doc, p *Prepared) {
	pr.tf.reset()
	if pr.local == nil {
		pr.local = map[string]uint32{}
	}
	clear(pr.local)
	pr.words = pr.words[:0]
	for f, text := range [numFields]string{d.Title, strings.Join(d.Skills, " "), d.Enterprise, d.Description} {
		pr.field, pr.n = f, 0
		pr.buf = walk(text, pr.buf, pr)
		p.flen[f] = uint16(min(pr.n, math.MaxUint16))
	}
	p.d = *d
	p.keys, p.tfs = p.keys[:0], p.tfs[:0]
	for _, slot := range pr.tf.used {
		p.keys = append(p.keys, pr.tf.keys[slot])
		p.tfs = append(p.tfs, pr.tf.vals[slot])
	}
	p.words = append(p.words[:0], pr.words...)
}

// count adds one occurrence of k in the current field.
func (pr *Preparer) count(k termKey) {
	i, _ := pr.tf.slot(k)
	if v := pr.tf.vals[i]; tfOf(v, pr.field) < tfMax[pr.field] {
		pr.tf.vals[i] = v + 1<<tfShift[pr.field]
	}
}

func (pr *Preparer) han(prev, r rune) {
	pr.n++
	pr.count(unigramKey(r))
	if prev != 0 {
		pr.count(bigramKey(prev, r))
	}
}

func (pr *Preparer) word(b []byte) {
	pr.n++
	id, ok := pr.local[string(b)]
	if !ok {
		id = uint32(len(pr.words))
		pr.local[string(b)] = id
		pr.words = append(pr.words, string(b))
	}
	pr.count(wordTag | termKey(id))
}

// UpsertPrepared is Upsert of the post p was prepared from; the index is
// the same as if it had been Upserted.
func (ix *Index) UpsertPrepared(p *Prepared) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	s := &ix.st
	if old, ok := s.ids[p.d.ID]; ok {
		s.kill(old)
	}
	s.lists.useHint = true
	ix.w.addPrepared(s, p)
	s.lists.useHint = false
	ix.mu.Unlock()
	ix.maybeCompact()
}
