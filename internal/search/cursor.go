package search

// cursor reads one term's postings in one segment: a list of the packed
// base, block by block, decoding a block only when a posting inside it is
// asked for; or a tail list as it is.
type cursor struct {
	pk   packed
	b    int     // current block of pk
	docs []int32 // ordinals of the current block (decoded into buf), or the tail list
	imps []uint8 // impacts of the tail list
	at   int     // position in docs
	buf  [blockSize]int32
}

// reset points c at the start of a base list or, with pk empty, of a tail
// list; it reports whether the list has postings.
func (c *cursor) reset(pk packed, tail postings) bool {
	c.pk, c.b, c.at = pk, 0, 0
	if len(pk.blocks) > 0 {
		c.docs, c.imps = pk.decode(0, &c.buf), nil
		return true
	}
	c.docs, c.imps = tail.docs, tail.imp
	return len(c.docs) > 0
}

// nextBlock moves a base cursor to its next block; false at the end (and
// always for a tail, which is one run).
func (c *cursor) nextBlock() bool {
	if c.b+1 >= len(c.pk.blocks) {
		return false
	}
	c.b++
	c.docs, c.at = c.pk.decode(c.b, &c.buf), 0
	return true
}

// imp returns the impact of posting i of the current block (or tail).
func (c *cursor) imp(i int) uint8 {
	if c.imps != nil {
		return c.imps[i]
	}
	return c.pk.imp(c.b, i)
}

// seek moves to the first posting ≥ target at or after the current one and
// returns its ordinal; ok is false when there is none.
func (c *cursor) seek(target int32) (ord int32, ok bool) {
	if n := len(c.docs); n > 0 && c.docs[n-1] >= target {
		c.at = seek(c.docs, c.at, target)
		return c.docs[c.at], true
	}
	b := c.pk.findBlock(c.b+1, target)
	if b >= len(c.pk.blocks) {
		c.at = len(c.docs)
		return 0, false
	}
	c.b, c.at = b, 0
	c.docs = c.pk.decode(b, &c.buf)
	c.at = seek(c.docs, 0, target)
	return c.docs[c.at], true
}

// forget drops the cursor's references to the lists.
func (c *cursor) forget() { c.pk, c.docs, c.imps = packed{}, nil, nil }
