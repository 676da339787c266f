package search

import "strings"

// texts holds the title and description of each post by ordinal, for
// snippets and for taking a post out of the suggestions. Those of the posts
// packed by the last compaction are one string with offsets, which the
// garbage collector marks as a single object where two strings per post
// would each be one; later posts keep the strings they came with until a
// compaction packs them too.
type texts struct {
	arena string
	ends  []int    // by packed ordinal i: ends[2i] ends its title, ends[2i+1] its description
	tail  []string // by later ordinal: title, description
}

// packed returns the number of posts whose texts are in the arena.
func (t *texts) packed() int { return len(t.ends) / 2 }

// push appends the texts of the next ordinal.
func (t *texts) push(title, desc string) { t.tail = append(t.tail, title, desc) }

// get returns the title and description of post ord. They may share memory
// with every other post's: copy what outlives the search.
func (t *texts) get(ord int32) (title, desc string) {
	i := int(ord)
	if n := t.packed(); i >= n {
		i = 2 * (i - n)
		return t.tail[i], t.tail[i+1]
	}
	lo := 0
	if i > 0 {
		lo = t.ends[2*i-1]
	}
	mid, hi := t.ends[2*i], t.ends[2*i+1]
	return t.arena[lo:mid], t.arena[mid:hi]
}

// forget lets the texts of tombstoned post ord go, if they are its own;
// packed texts go at the next compaction.
func (t *texts) forget(ord int32) {
	if i := int(ord) - t.packed(); i >= 0 && 2*i < len(t.tail) {
		t.tail[2*i], t.tail[2*i+1] = "", ""
	}
}

// keep packs the texts of the n posts whose remap entry is not negative,
// in order, into a new arena. It only reads t.
func (t *texts) keep(remap []int32, n int) texts {
	if t.packed() == 0 && len(t.tail) == 0 {
		return texts{} // dropped (Options.DropTexts)
	}
	size := 0
	for ord, to := range remap {
		if to >= 0 {
			title, desc := t.get(int32(ord))
			size += len(title) + len(desc)
		}
	}
	var b strings.Builder
	b.Grow(size)
	ends := make([]int, 0, 2*n)
	for ord, to := range remap {
		if to < 0 {
			continue
		}
		title, desc := t.get(int32(ord))
		b.WriteString(title)
		ends = append(ends, b.Len())
		b.WriteString(desc)
		ends = append(ends, b.Len())
	}
	return texts{arena: b.String(), ends: ends}
}
