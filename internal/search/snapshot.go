package search

// An index is written to and read from a snapshot as it is in memory: the
// packed base, the tails, tombstones, columns, dictionaries and
// suggestions, so that a server restarts from a file in a fraction of the
// time a rebuild from the database takes, with the very same results. The
// codec only reads and writes the stream it is given; the caller frames it
// (store identity, change sequence, checksum over the whole file).

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// SnapshotVersion is the version of the codec's format. It changes with
// the layout and with anything that changes what an index built from the
// same posts holds: text analysis, ranking inputs (impacts, field
// lengths), education ranks, the suggestions. A snapshot of another
// version is refused, and the caller rebuilds.
const SnapshotVersion = 1

// ErrSnapshot is wrapped by every error of DecodeIndex about the stream's
// content: another version, another occupation table, or damage.
var ErrSnapshot = errors.New("search: snapshot unusable")

// snapshotMagic starts the codec's section.
const snapshotMagic = "JYIX"

// Encode writes the index to w. Writers wait meanwhile; searches go on.
func (ix *Index) Encode(w io.Writer) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	// With wmu held nothing changes st: it is read without mu.
	e := &enc{w: bufio.NewWriterSize(w, 1<<16), buf: make([]byte, 0, 8192*8)}
	s := &ix.st
	e.raw([]byte(snapshotMagic))
	e.u64(SnapshotVersion)
	d := ix.occ.digest()
	e.raw(d[:])
	e.bool(ix.dropTexts)
	e.u64(uint64(s.n))
	e.u64(uint64(s.packed))
	e.u64(uint64(s.nDead))
	putAll(e, s.dead)
	for f := range numFields {
		e.u64(uint64(s.lenSum[f]))
		e.u64(uint64(s.lenN[f]))
	}
	// term table
	putAll(e, s.terms.keysRaw())
	putAll(e, s.terms.vals)
	putAll(e, s.terms.used)
	e.u64(s.terms.mask)
	// lists
	putBlocks(e, s.lists.blocks)
	putAll(e, s.lists.first)
	putAll(e, s.lists.count)
	putAll(e, s.lists.bits)
	putAll(e, s.lists.tailOf)
	e.u64(uint64(len(s.lists.tails)))
	for _, t := range s.lists.tails {
		putAll(e, t.docs)
		putAll(e, t.imp)
	}
	// words, by id
	words := make([]string, len(s.words))
	for w, id := range s.words {
		words[id] = w
	}
	e.strs(words)
	putAll(e, s.regions.values)
	// columns
	c := &s.col
	putAll(e, c.id)
	putAll(e, c.region)
	putAll(e, c.regionID)
	putAll(e, c.occ)
	putAll(e, c.salMin)
	putAll(e, c.salMax)
	putAll(e, c.salBucket)
	putAll(e, c.published)
	putAll(e, c.expires)
	putAll(e, c.expDay)
	putAll(e, c.edu)
	putAll(e, c.exp)
	putAll(e, c.flags)
	putAll(e, c.lat)
	putAll(e, c.lng)
	putAll(e, slices.Concat(flenParts(c.flen)...))
	putAll(e, c.sugg)
	e.str(c.text.arena)
	ends := make([]uint64, len(c.text.ends))
	for i, v := range c.text.ends {
		ends[i] = uint64(v)
	}
	putAll(e, ends)
	e.strs(c.text.tail)
	// suggestions
	g := s.sugg
	e.u64(uint64(len(g.entries)))
	for _, en := range g.entries {
		e.str(en.text)
		e.str(en.key)
		e.u64(uint64(uint32(en.count)))
		e.bool(en.occ)
	}
	occs := make([]int32, 0, 2*len(g.byOcc))
	for v, i := range g.byOcc {
		occs = append(occs, v, i)
	}
	putAll(e, occs)
	e.raw([]byte(snapshotMagic))
	if e.err != nil {
		return fmt.Errorf("search.Encode: %w", e.err)
	}
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("search.Encode: %w", err)
	}
	return nil
}

// flenParts views the field lengths as one flat run per post.
func flenParts(flen [][numFields]uint16) [][]uint16 {
	out := make([][]uint16, len(flen))
	for i := range flen {
		out[i] = flen[i][:]
	}
	return out
}

// DecodeIndex reads an index written by Encode from r, which holds at
// most limit bytes (no length in the stream may claim more), and returns
// it configured by o. A stream of another version, written with another
// occupation table or with texts kept where o drops them (or the
// reverse), or damaged, is an error wrapping ErrSnapshot; the caller must
// still check the whole stream's checksum, as damage inside an array is
// only found there.
func DecodeIndex(r io.Reader, limit int64, o Options) (ix *Index, err error) {
	d := &dec{r: r, left: limit}
	defer func() {
		if p := recover(); p != nil { // an inconsistent stream indexed out of range
			ix, err = nil, fmt.Errorf("%w: %v", ErrSnapshot, p)
		}
	}()
	ix = NewIndexWith(o)
	if string(d.raw(len(snapshotMagic))) != snapshotMagic {
		return nil, fmt.Errorf("%w: not an index snapshot", ErrSnapshot)
	}
	if v := d.u64(); v != SnapshotVersion {
		return nil, fmt.Errorf("%w: version %d, this program reads %d", ErrSnapshot, v, SnapshotVersion)
	}
	want := ix.occ.digest()
	if got := d.raw(len(want)); string(got) != string(want[:]) {
		return nil, fmt.Errorf("%w: written with another occupation table", ErrSnapshot)
	}
	if d.bool() != o.DropTexts {
		return nil, fmt.Errorf("%w: texts kept differently", ErrSnapshot)
	}
	s := &ix.st
	s.n, s.packed, s.nDead = d.int(), d.int(), d.int()
	s.dead = getAll[uint64](d)
	for f := range numFields {
		s.lenSum[f], s.lenN[f] = int64(d.u64()), int64(d.u64())
	}
	t := s.terms
	t.keys = keysOf(getAll[uint64](d))
	t.vals = getAll[int32](d)
	t.used = getAll[int32](d)
	t.mask = d.u64()
	l := &s.lists
	l.blocks = getBlocks(d)
	l.first = getAll[int32](d)
	l.count = getAll[int32](d)
	l.bits = getAll[uint64](d)
	l.tailOf = getAll[int32](d)
	l.tails = make([]postings, d.count(16))
	for i := range l.tails {
		l.tails[i] = postings{docs: getAll[int32](d), imp: getAll[uint8](d)}
	}
	words := d.strs()
	s.words = make(map[string]uint32, len(words))
	for id, w := range words {
		s.words[w] = uint32(id)
	}
	s.regions.values = getAll[int64](d)
	for id, v := range s.regions.values[1:] {
		s.regions.ids[v] = uint16(id + 1)
	}
	c := &s.col
	c.id = getAll[int64](d)
	c.region = getAll[int64](d)
	c.regionID = getAll[uint16](d)
	c.occ = getAll[int32](d)
	c.salMin = getAll[int32](d)
	c.salMax = getAll[int32](d)
	c.salBucket = getAll[uint16](d)
	c.published = getAll[uint32](d)
	c.expires = getAll[uint32](d)
	c.expDay = getAll[uint16](d)
	c.edu = getAll[uint8](d)
	c.exp = getAll[uint8](d)
	c.flags = getAll[uint8](d)
	c.lat = getAll[float32](d)
	c.lng = getAll[float32](d)
	flat := getAll[uint16](d)
	c.flen = make([][numFields]uint16, len(flat)/numFields)
	for i := range c.flen {
		copy(c.flen[i][:], flat[i*numFields:])
	}
	c.sugg = getAll[int32](d)
	c.text.arena = d.str()
	for _, v := range getAll[uint64](d) {
		c.text.ends = append(c.text.ends, int(v))
	}
	c.text.tail = d.strs()
	g := s.sugg
	g.entries = g.entries[:0]
	clear(g.byKey)
	clear(g.byRune)
	clear(g.byOcc)
	for range d.count(18) {
		en := suggEntry{text: d.str(), key: d.str(), count: int32(uint32(d.u64())), occ: d.bool()}
		g.add(en)
	}
	occs := getAll[int32](d)
	for i := 0; i+1 < len(occs); i += 2 {
		g.byOcc[occs[i]] = occs[i+1]
	}
	if string(d.raw(len(snapshotMagic))) != snapshotMagic {
		return nil, fmt.Errorf("%w: section does not end where it should", ErrSnapshot)
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSnapshot, d.err)
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSnapshot, err)
	}
	s.ids = make(map[int64]int32, s.live())
	for ord, id := range c.id {
		if !s.isDead(int32(ord)) {
			s.ids[id] = int32(ord)
		}
	}
	return ix, nil
}

// check verifies that the decoded state is consistent enough to search
// without going out of range.
func (s *state) check() error {
	c := &s.col
	n := s.n
	for _, l := range []int{len(c.id), len(c.region), len(c.regionID), len(c.occ), len(c.salMin), len(c.salMax),
		len(c.salBucket), len(c.published), len(c.expires), len(c.expDay), len(c.edu), len(c.exp), len(c.flags),
		len(c.lat), len(c.lng), len(c.flen), len(c.sugg)} {
		if l != n {
			return errors.New("columns of unequal length")
		}
	}
	if len(s.dead) != (n+63)/64 || s.packed > n || s.nDead > n {
		return errors.New("counts do not match")
	}
	if !s.col.text.consistent(n, s.packed) {
		return errors.New("texts do not match the posts")
	}
	t, l := s.terms, &s.lists
	if len(t.keys) != len(t.vals) || len(t.keys) > 0 && uint64(len(t.keys)-1) != t.mask || 2*len(t.used) > len(t.keys) {
		return errors.New("term table malformed")
	}
	for _, slot := range t.used {
		if id := t.vals[slot]; t.keys[slot] == 0 || id < 0 || int(id) >= l.size() {
			return errors.New("term table malformed")
		}
	}
	if len(l.first) == 0 || len(l.first) > l.size()+1 || len(l.count) != len(l.first)-1 || len(l.bits) == 0 {
		return errors.New("lists malformed")
	}
	for i := 1; i < len(l.first); i++ {
		if l.first[i] < l.first[i-1] || int(l.first[i]) > len(l.blocks) {
			return errors.New("lists malformed")
		}
	}
	for _, b := range l.blocks {
		if b.n == 0 || b.n > blockSize || b.gapW > 31 || b.impW > 8 || b.first < 0 || b.last >= int32(n) ||
			int(b.off)+blockWords(int(b.n), b.gapW, b.impW) >= len(l.bits) {
			return errors.New("block malformed")
		}
	}
	for _, ti := range l.tailOf {
		if ti < 0 || int(ti) > len(l.tails) {
			return errors.New("tails malformed")
		}
	}
	for _, tl := range l.tails {
		if len(tl.docs) != len(tl.imp) || slices.ContainsFunc(tl.docs, func(o int32) bool { return o < 0 || o >= int32(n) }) {
			return errors.New("tails malformed")
		}
	}
	for _, id := range c.regionID {
		if int(id) >= len(s.regions.values) {
			return errors.New("region ids malformed")
		}
	}
	g := s.sugg
	for _, e := range c.sugg {
		if e < -1 || int(e) >= len(g.entries) {
			return errors.New("suggestions malformed")
		}
	}
	for _, e := range g.byOcc {
		if e < 0 || int(e) >= len(g.entries) {
			return errors.New("suggestions malformed")
		}
	}
	return nil
}

// consistent reports whether the texts fit n posts of which packed are in
// the arena (or hold nothing, as an index that drops them).
func (t *texts) consistent(n, packed int) bool {
	if t.arena == "" && len(t.ends) == 0 && len(t.tail) == 0 {
		return true
	}
	if len(t.ends) != 2*packed || len(t.tail) != 2*(n-packed) {
		return false
	}
	prev := 0
	for _, e := range t.ends {
		if e < prev || e > len(t.arena) {
			return false
		}
		prev = e
	}
	return true
}

// add appends an entry as entry did when it was first seen.
func (s *suggester) add(e suggEntry) {
	i := int32(len(s.entries))
	s.entries = append(s.entries, e)
	s.byKey[e.key] = i
	var seen []rune
	for _, r := range e.key {
		if !slices.Contains(seen, r) {
			seen = append(seen, r)
			s.byRune[r] = append(s.byRune[r], i)
		}
	}
}

// digest identifies what the index took from the occupation table.
func (o *occupations) digest() [32]byte {
	h := sha256.New()
	names := make([]string, 0, len(o.byName))
	for k := range o.byName {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		fmt.Fprintf(h, "%s\x00%v\x00", k, o.byName[k])
	}
	for _, n := range o.names {
		fmt.Fprintf(h, "%s\x00%d\x00%v\x00", n.text, n.value, n.alias)
	}
	var d [32]byte
	h.Sum(d[:0])
	return d
}

// keysRaw views the term keys as numbers.
func (t *hashTable[V]) keysRaw() []uint64 {
	out := make([]uint64, len(t.keys))
	for i, k := range t.keys {
		out[i] = uint64(k)
	}
	return out
}

func keysOf(raw []uint64) []termKey {
	out := make([]termKey, len(raw))
	for i, k := range raw {
		out[i] = termKey(k)
	}
	return out
}

// ---------------------------------------------------------------- encoding

// enc writes little-endian numbers and length-prefixed arrays; the first
// error sticks.
type enc struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func (e *enc) raw(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *enc) u64(v uint64) { e.raw(binary.LittleEndian.AppendUint64(e.buf[:0], v)) }

func (e *enc) bool(b bool) {
	v := uint64(0)
	if b {
		v = 1
	}
	e.u64(v)
}

func (e *enc) str(s string) {
	e.u64(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *enc) strs(ss []string) {
	e.u64(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// number is what putAll and getAll move.
type number interface {
	~uint8 | ~uint16 | ~int32 | ~uint32 | ~int64 | ~uint64 | ~float32
}

// sizeOf returns the bytes of one T.
func sizeOf[T number]() int {
	var z T
	switch any(z).(type) {
	case uint8:
		return 1
	case uint16:
		return 2
	case int32, uint32, float32:
		return 4
	}
	return 8
}

// putAll writes the length of s and its elements.
func putAll[T number](e *enc, s []T) {
	e.u64(uint64(len(s)))
	size := sizeOf[T]()
	for len(s) > 0 && e.err == nil {
		n := min(len(s), 8192)
		b := e.buf[:0]
		for _, v := range s[:n] {
			b = appendNum(b, v, size)
		}
		e.buf = b
		e.raw(b)
		s = s[n:]
	}
}

func appendNum[T number](b []byte, v T, size int) []byte {
	switch x := any(v).(type) {
	case float32:
		return binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	switch size {
	case 1:
		return append(b, uint8(v))
	case 2:
		return binary.LittleEndian.AppendUint16(b, uint16(v))
	case 4:
		return binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return binary.LittleEndian.AppendUint64(b, uint64(v))
}

// putBlocks writes the blocks as 15 bytes each.
func putBlocks(e *enc, blocks []block) {
	e.u64(uint64(len(blocks)))
	for len(blocks) > 0 && e.err == nil {
		n := min(len(blocks), 4096)
		b := e.buf[:0]
		for _, bl := range blocks[:n] {
			b = binary.LittleEndian.AppendUint32(b, uint32(bl.first))
			b = binary.LittleEndian.AppendUint32(b, uint32(bl.last))
			b = binary.LittleEndian.AppendUint32(b, bl.off)
			b = append(b, bl.n, bl.gapW, bl.impW)
		}
		e.buf = b
		e.raw(b)
		blocks = blocks[n:]
	}
}

// dec reads what enc wrote; left bounds what any length may claim. The
// first error sticks, and reads after it return zeros.
type dec struct {
	r    io.Reader
	left int64
	buf  []byte
	err  error
}

// raw reads n bytes (n is bounded by the caller or by left).
func (d *dec) raw(n int) []byte {
	if d.err != nil || int64(n) > d.left {
		d.fail(errors.New("stream shorter than it claims"))
		return make([]byte, n)
	}
	if cap(d.buf) < n {
		d.buf = make([]byte, n)
	}
	b := d.buf[:n]
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail(err)
	}
	d.left -= int64(n)
	return b
}

func (d *dec) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *dec) u64() uint64 {
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(d.raw(8))
}

func (d *dec) int() int {
	v := d.u64()
	if v > math.MaxInt32*64 {
		d.fail(errors.New("count out of range"))
		return 0
	}
	return int(v)
}

func (d *dec) bool() bool { return d.u64() == 1 }

// count reads a number of items of at least size bytes each.
func (d *dec) count(size int) int {
	v := d.u64()
	if d.err != nil || v > uint64(d.left)/uint64(size) {
		d.fail(errors.New("length longer than the stream"))
		return 0
	}
	return int(v)
}

func (d *dec) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	var b strings.Builder
	b.Grow(n)
	for n > 0 && d.err == nil {
		k := min(n, 1<<16)
		b.Write(d.raw(k))
		n -= k
	}
	return b.String()
}

func (d *dec) strs() []string {
	out := make([]string, d.count(8))
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// getAll reads what putAll wrote.
func getAll[T number](d *dec) []T {
	size := sizeOf[T]()
	n := d.count(size)
	out := make([]T, n)
	for at := 0; at < n && d.err == nil; {
		k := min(n-at, 8192)
		b := d.raw(k * size)
		for i := range k {
			out[at+i] = numAt[T](b[i*size:], size)
		}
		at += k
	}
	return out
}

func numAt[T number](b []byte, size int) T {
	var z T
	if _, ok := any(z).(float32); ok {
		return any(math.Float32frombits(binary.LittleEndian.Uint32(b))).(T)
	}
	switch size {
	case 1:
		return T(b[0])
	case 2:
		return T(binary.LittleEndian.Uint16(b))
	case 4:
		return T(binary.LittleEndian.Uint32(b))
	}
	return T(binary.LittleEndian.Uint64(b))
}

// getBlocks reads what putBlocks wrote.
func getBlocks(d *dec) []block {
	n := d.count(15)
	out := make([]block, n)
	for at := 0; at < n && d.err == nil; {
		k := min(n-at, 4096)
		b := d.raw(k * 15)
		for i := range k {
			p := b[i*15:]
			out[at+i] = block{first: int32(binary.LittleEndian.Uint32(p)), last: int32(binary.LittleEndian.Uint32(p[4:])),
				off: binary.LittleEndian.Uint32(p[8:]), n: p[12], gapW: p[13], impW: p[14]}
		}
		at += k
	}
	return out
}
